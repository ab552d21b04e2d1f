"""Tolls round 5 (extract/events.py: _TollReader): the wounded who later died, ranges written with a
dash, a named victim after a title, "one of four" appositions, and the death nouns execution / murder /
body.

Every sentence here was written for these tests (none comes from the dev set, the seeds or ACLED's
notes). The tiny in-memory gazetteer (tests/conftest.py) knows Tripoli, Janzour, Ain Zara, Sabha,
Sabha Airport, Sirte, Khoms, Libya, Chad and southern Libya.
"""

from __future__ import annotations

import pytest

from tests.conftest import types_at
from tests.test_event_tolls import killed


def tolls(ex, text: str, lang: str) -> dict[str, tuple[int | None, int | None]]:
    """place -> (fatalities, injured), as tests/test_event_tolls.py reads them."""
    return killed(ex, text, lang)


# -- the wounded who later died: they move from the injured to the dead ----------------------------------

DIED_OF_THE_WOUNDED = [
    pytest.param("en", "An ambush near Sirte left six soldiers wounded, of whom three later died.", "Sirte", (3, 3),
                 id="en-of-whom-three-died"),
    pytest.param("ar", "أصيب ستة جنود بجروح في كمين قرب سرت، توفي ثلاثة منهم لاحقا.", "Sirte", (3, 3),
                 id="ar-three-of-them-died"),
    # killed outright, then some of the wounded: both are dead
    pytest.param("en", "Gunmen attacked a checkpoint in Sabha, killing two guards and wounding five, two of whom "
                       "died in hospital.", "Sabha", (4, 3), id="en-killed-and-two-of-the-wounded"),
    pytest.param("ar", "قتل حارسان وأصيب خمسة آخرون في هجوم على حاجز في سبها، توفي اثنان منهم في المستشفى.",
                 "Sabha", (4, 3), id="ar-killed-and-two-of-the-wounded"),
    # guards: a subset of the dead is no more dead
    pytest.param("en", "Ten people were killed in shelling on Sabha, two of them children.", "Sabha", (10, None),
                 id="en-subset-of-the-dead"),
    pytest.param("ar", "قتل عشرة أشخاص في قصف على سبها، اثنان منهم أطفال.", "Sabha", (10, None),
                 id="ar-subset-of-the-dead"),
    pytest.param("en", "Five people were killed in clashes in Sabha, of whom two were children.", "Sabha", (5, None),
                 id="en-of-whom-two-children"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), DIED_OF_THE_WOUNDED)
def test_the_wounded_who_died(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert got.get(place) == expected, got


# -- who and how many: ranges, titled victims, appositions, death nouns -----------------------------------

DEAD = [
    # a range written with a dash: the lower figure
    pytest.param("en", "6 - 9 civilians were killed in shelling on Ain Zara.", "Ain Zara", 6, id="en-dash-range"),
    pytest.param("ar", "قتل 6 - 9 مدنيين في قصف على عين زارة.", "Ain Zara", 6, id="ar-dash-range"),
    # a title and a name after the verb: one victim
    pytest.param("en", "Gunmen assassinated local council official Salem Ali in Sirte.", "Sirte", 1,
                 id="en-title-and-name"),
    pytest.param("ar", "اغتال مسلحون مسؤولا محليا في سرت.", "Sirte", 1, id="ar-an-official"),
    pytest.param("en", "Militiamen killed the head of the local health office in Sirte.", "Sirte", 1,
                 id="en-the-head-of"),
    # "one of four hostages" says who the victim is, not one more
    pytest.param("en", "Gunmen killed a diplomat in Tripoli, one of four hostages they had held.", "Tripoli", 1,
                 id="en-one-of-four"),
    pytest.param("en", "Gunmen killed a soldier and two civilians in Tripoli.", "Tripoli", 3, id="en-a-list-still-adds"),
    # death nouns: execution, murder, body (as إعدام, جثة)
    pytest.param("en", "The group announced the execution of a hostage in Sabha.", "Sabha", 1, id="en-execution-of"),
    pytest.param("ar", "أعلن التنظيم إعدام رهينة في سبها.", "Sabha", 1, id="ar-execution-of"),
    pytest.param("en", "The body of a gunman was found near Sabha after the clashes.", "Sabha", 1, id="en-body-of"),
    pytest.param("ar", "عثر على جثة مسلح قرب سبها بعد الاشتباكات.", "Sabha", 1, id="ar-body-of"),
    pytest.param("en", "Residents reported the murder of a herder near Sirte.", "Sirte", 1, id="en-murder-of"),
    # where the victims are from, or a place phrase, between them and their verb
    pytest.param("en", "A soldier from Chad and two civilians were killed in an ambush near Sirte.", "Sirte", 3,
                 id="en-a-soldier-from-chad-and-two"),
    pytest.param("ar", "قتل جندي من تشاد ومدنيان في كمين قرب سرت.", "Sirte", 3, id="ar-a-soldier-from-chad-and-two"),
    pytest.param("en", "Three soldiers from Chad were killed in an ambush near Sirte.", "Sirte", 3,
                 id="en-three-soldiers-from-chad"),
    pytest.param("ar", "قتل ثلاثة جنود من تشاد في كمين قرب سرت.", "Sirte", 3, id="ar-three-soldiers-from-chad"),
    pytest.param("en", "Two Libyan soldiers on board a truck were killed when a mine exploded near Sirte.", "Sirte", 2,
                 id="en-adjective-then-on-board"),
    pytest.param("ar", "قتل جنديان ليبيان كانا على متن شاحنة بانفجار لغم قرب سرت.", "Sirte", 2,
                 id="ar-adjective-then-on-board"),
    pytest.param("en", "A couple on a motorbike was killed when a mine exploded near Sirte.", "Sirte", 2,
                 id="en-a-couple-on-a-motorbike"),
    pytest.param("ar", "قتل زوجان كانا على دراجة نارية بانفجار لغم قرب سرت.", "Sirte", 2, id="ar-a-couple"),
    # a long relative clause between the victims and their passive verb
    pytest.param("en", "Two herders who had gone missing early in March on the road to Chad were found dead near "
                       "Sirte.", "Sirte", 2, id="en-long-relative-clause"),
    pytest.param("ar", "قتل ثلاثة جنود كانوا قد أرسلوا من العاصمة لحراسة سوق المدينة في كمين قرب سرت.", "Sirte", 3,
                 id="ar-long-relative-clause"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), DEAD)
def test_dead(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert place in got and got[place][0] == expected, got


NO_NUMBER = [
    # a title with no name, and no victim: no number
    pytest.param("en", "Gunmen attacked the convoy of a local official near Sirte.", "Sirte", id="en-no-victim"),
    pytest.param("en", "A murder attempt on the mayor of Sirte failed on Monday.", "Sirte", id="en-murder-attempt"),
    # 'lives' is a verb here, and 'a' belongs to the clause before the comma
    pytest.param("en", "Clashes broke out in Sirte between the fighters of a brigade and the men of a rival group, "
                       "whose leader lives in Sirte.", "Sirte", id="en-whose-leader-lives"),
    pytest.param("ar", "اندلعت اشتباكات في سرت بين مقاتلي كتيبة ورجال جماعة منافسة، يعيش قائدها في سرت.", "Sirte",
                 id="ar-whose-leader-lives"),
]


@pytest.mark.parametrize(("lang", "text", "place"), NO_NUMBER)
def test_no_number(ex, lang, text, place):
    got = tolls(ex, text, lang)
    assert got.get(place, (None, None))[0] is None, got


# -- a verb of taking place carries its event noun to the place after its locative ----------------------

TOOK_PLACE = [
    pytest.param("en", "Clashes broke out on Friday between the fighters of a brigade loyal to a well known local "
                       "commander and the men of another armed group from the south of the country near the "
                       "central market in Sirte.", "Sirte", "Battles", id="en-clashes-broke-out-near"),
    pytest.param("ar", "اندلعت الاشتباكات يوم الجمعة بين مقاتلي كتيبة موالية لقائد محلي معروف ورجال جماعة مسلحة "
                       "أخرى قادمة من جنوب البلاد منذ سنوات طويلة بالقرب من السوق المركزي في سرت.", "Sirte", "Battles",
                 id="ar-clashes-broke-out-near"),
    # guards: a relative clause after a comma names where someone lives, not where it happened
    pytest.param("en", "Clashes broke out on Friday between the fighters of a brigade loyal to a well known local "
                       "commander and the men of another armed group from the south, whose leader lives in Sirte.",
                 "Sirte", None, id="en-whose-leader-lives-in"),
    pytest.param("ar", "اندلعت الاشتباكات يوم الجمعة بين مقاتلي كتيبة موالية لقائد محلي معروف ورجال جماعة مسلحة "
                       "أخرى قادمة من جنوب البلاد منذ سنوات طويلة، والتي يقيم قائدها في سرت.", "Sirte", None,
                 id="ar-whose-leader-lives-in"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), TOOK_PLACE)
def test_a_verb_of_taking_place_reaches_its_place(ex, lang, text, place, expected):
    got = types_at(ex, text, lang, place)
    assert got == ({expected} if expected else set()), got


ZERO_NEXT_SENTENCE = [
    pytest.param("en", "Clashes broke out on Friday between the fighters of a brigade loyal to a well known local "
                       "commander and the men of another armed group from the south of the country near the "
                       "central market in Sirte. The clashes caused no casualties.", "Sirte", (0, 0),
                 id="en-no-casualties-next-sentence"),
    pytest.param("ar", "اندلعت الاشتباكات يوم الجمعة بين مقاتلي كتيبة موالية لقائد محلي معروف ورجال جماعة مسلحة "
                       "أخرى قادمة من جنوب البلاد منذ سنوات طويلة بالقرب من السوق المركزي في سرت. ولم تسفر هذه "
                       "الاشتباكات عن أي خسائر في الأرواح.", "Sirte", (0, None), id="ar-no-casualties-next-sentence"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), ZERO_NEXT_SENTENCE)
def test_nobody_hurt_in_the_next_sentence(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert got.get(place) == expected, got


# -- a second object of the death verb: "killed the chief and two teachers" -------------------------------

SECOND_OBJECT = [
    pytest.param("en", "Gunmen killed the village chief and two teachers near Sirte.", "Sirte", (3, None),
                 id="en-the-chief-and-two-teachers"),
    pytest.param("en", "A soldier shot and killed his commander and another soldier in Sirte.", "Sirte", (2, None),
                 id="en-his-commander-and-another-soldier"),
    pytest.param("ar", "أسفر الهجوم على سرت عن مقتل ضابط الشرطة وجندي.", "Sirte", (2, None),
                 id="ar-the-police-officer-and-a-soldier"),
    # guards: the count after 'and' opens a clause of its own
    pytest.param("en", "Gunmen killed the village chief and two others were wounded near Sirte.", "Sirte", (1, 2),
                 id="en-and-two-others-were-wounded"),
    pytest.param("ar", "قتل مسلحون ضابطا وأصيب جنديان قرب سرت.", "Sirte", (1, 2), id="ar-and-two-were-wounded"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), SECOND_OBJECT)
def test_a_second_object_of_the_death_verb(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert got.get(place) == expected, got


# -- "due to", بسبب: the killing a word of cause names is another incident's -------------------------------

CAUSE = [
    pytest.param("en", "At least 10 people were killed in clashes near Sirte. The clashes were due to a herder being "
                       "killed by a farmer.", "Sirte", 10, id="en-due-to-a-killing"),
    pytest.param("ar", "قتل 10 أشخاص على الأقل في اشتباكات قرب سرت. واندلعت الاشتباكات بسبب مقتل راع على يد مزارع.",
                 "Sirte", 10, id="ar-because-of-a-killing"),
    # guards: a cause that is no death leaves the toll alone
    pytest.param("en", "Two soldiers were killed because of a landmine near Sirte.", "Sirte", 2, id="en-because-of-a-mine"),
    pytest.param("ar", "قتل جنديان بسبب لغم قرب سرت.", "Sirte", 2, id="ar-because-of-a-mine"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), CAUSE)
def test_a_killing_named_as_the_cause(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert place in got and got[place][0] == expected, got


# -- "in its own ranks", في صفوفها: the teller's dead, another side than the victims told before ------------

RANKS = [
    pytest.param("en", "Four soldiers were killed in an attack on a camp in Sirte. The group admitted two dead in its "
                       "own ranks.", "Sirte", 6, id="en-in-its-own-ranks"),
    pytest.param("ar", "قتل أربعة جنود في هجوم على معسكر في سرت. واعترفت الجماعة بمقتل اثنين في صفوفها.", "Sirte", 6,
                 id="ar-in-its-ranks"),
    pytest.param("en", "Four soldiers were killed in an attack on a camp in Sirte. Two were killed in the ranks "
                       "of the attackers.", "Sirte", 6, id="en-in-the-ranks-of-the-attackers"),
    # guard: the same side told twice is the lowest figure
    pytest.param("en", "Four soldiers were killed in an attack on a camp in Sirte. The army admitted two dead in the "
                       "ranks of the soldiers.", "Sirte", 2, id="en-the-same-side-twice"),
    pytest.param("ar", "قتل خمسة في صفوف الجيش في هجوم على سرت.", "Sirte", 5, id="ar-in-the-ranks-of-the-army"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), RANKS)
def test_the_dead_in_its_own_ranks(ex, lang, text, place, expected):
    got = tolls(ex, text, lang)
    assert place in got and got[place][0] == expected, got
