"""How many were killed and injured in each event (extract/events.py: _TollReader, toll_value).

Every sentence here was written for these tests (none comes from the dev set, the seeds or ACLED's
notes). The tiny in-memory gazetteer (tests/conftest.py) knows Tripoli, Janzour, Ain Zara, Sabha,
Sabha Airport, Sirte, Khoms, Libya, Chad and southern Libya.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article


def killed(ex, text: str, lang: str, published: str | None = None) -> dict[str, tuple[int | None, int | None]]:
    """place -> (fatalities, injured): the largest figures of the place's typed events."""
    out: dict[str, tuple[int | None, int | None]] = {}
    for e in ex.extract(Article(id="t", text=text, language=lang, published=published)):
        if not e.event_type:
            continue
        f, i = out.get(e.place_name, (None, None))
        out[e.place_name] = (max((x for x in (f, e.fatalities) if x is not None), default=None),
                             max((x for x in (i, e.injured) if x is not None), default=None))
    return out


# -- a victim named before a passive death verb, "N of the X", the side of "members of the army" ------

VICTIMS = [
    # أن / إن, then a counted victim noun, then the verb with no object: the verb is passive
    pytest.param("ar", "قال مسؤول إن مسلحين قتلوا ستة مدنيين في سبها، وإن شرطيا قتل أيضا خلال الهجوم.",
                 "Sabha", 7, id="ar-that-a-policeman-was-also-killed"),
    pytest.param("en", "An official said gunmen killed six civilians in Sabha, and that a policeman was also "
                       "killed during the attack.", "Sabha", 7, id="en-that-a-policeman-was-also-killed"),
    # a noun and its adjective (انتحاريا إرهابيا) in quotes, after إن
    pytest.param("ar", "قال الجيش إن «انتحاريا إرهابيا قتل» أثناء هجوم على ثكنة في سبها.", "Sabha", 1,
                 id="ar-quoted-bomber-killed"),
    pytest.param("en", "The army said a suicide bomber was killed during an attack on a barracks in Sabha.",
                 "Sabha", 1, id="en-bomber-killed"),
    # "N of the X" / N من X: the number counts the people named after it
    pytest.param("ar", "أكد الجيش أن ٤ من الجنود لقوا مصرعهم في اشتباكات في جنزور.", "Janzour", 4,
                 id="ar-indic-digit-of-the-soldiers"),
    pytest.param("en", "The army confirmed that 4 of its soldiers lost their lives in clashes in Janzour.",
                 "Janzour", 4, id="en-digit-of-the-soldiers"),
    pytest.param("ar", "هاجم مسلحون حاجزا في جنزور. وأضاف المتحدث أن ثلاثة من أفراد الشرطة لقوا مصرعهم.",
                 "Janzour", 3, id="ar-word-of-the-police-next-sentence"),
    pytest.param("en", "Gunmen attacked a checkpoint in Janzour. The spokesman added that three of the police "
                       "officers lost their lives.", "Janzour", 3, id="en-word-of-the-police-next-sentence"),
    # the bomber (the attackers' side) and the soldiers (the state's) add up, ACLED-style
    pytest.param("ar", "قال الجيش إن «انتحاريا قتل» أثناء هجوم على ثكنة في سبها. وأضاف أن ثلاثة من عناصر "
                       "الجيش لقوا مصرعهم.", "Sabha", 4, id="ar-bomber-and-members-of-the-army"),
    pytest.param("en", "The army said a suicide bomber was killed during an attack on a barracks in Sabha. It "
                       "added that three of the soldiers lost their lives.", "Sabha", 4,
                 id="en-bomber-and-soldiers"),
    # members of the army are the state's side: a gunman killed besides them adds one
    pytest.param("ar", "قتل 5 من عناصر الجيش في اشتباكات في جنزور، وقال مصدر أمني إن مسلحا قتل.", "Janzour", 6,
                 id="ar-members-of-the-army-and-a-gunman"),
    pytest.param("en", "Five members of the army were killed in clashes in Janzour, and a security source said "
                       "a gunman was killed.", "Janzour", 6, id="en-members-of-the-army-and-a-gunman"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), VICTIMS)
def test_victims_and_sides(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert place in got and got[place][0] == expected, got


WHO_IS_COUNTED = [
    # the noun is the subject of an active verb: its object is the victim, the subject is not counted
    pytest.param("ar", "ذكر سكان أن جنديا قتل مدنيين اثنين في سبها.", "Sabha", 2, id="ar-soldier-killed-two"),
    pytest.param("en", "Residents said a soldier killed two civilians in Sabha.", "Sabha", 2,
                 id="en-soldier-killed-two"),
    # a "suicide" adjective after an attack noun names no victim; the toll is the number
    pytest.param("ar", "قتل ثلاثة جنود في هجوم انتحاري استهدف ثكنة في سبها.", "Sabha", 3,
                 id="ar-suicide-attack-adjective"),
    pytest.param("en", "Three soldiers were killed in a suicide attack on a barracks in Sabha.", "Sabha", 3,
                 id="en-suicide-attack-adjective"),
    # ... but a list of tolls is no object, and "reported killed" is a passive
    pytest.param("ar", "هاجم مسلحون نقطة تفتيش في سبها، وقتل جندي وأصيب آخر.", "Sabha", 1,
                 id="ar-one-killed-one-wounded"),
    pytest.param("en", "Gunmen attacked a checkpoint in Sabha, one soldier killed one wounded.", "Sabha", 1,
                 id="en-one-killed-one-wounded"),
    pytest.param("ar", "تعرضت دورية لكمين في سبها، وأفادت مصادر بمقتل ثلاثة جنود.", "Sabha", 3,
                 id="ar-sources-reported-three-killed"),
    pytest.param("en", "A patrol was ambushed near Sabha, 3 reported killed.", "Sabha", 3,
                 id="en-three-reported-killed"),
    # a victim described at length: "a high-ranking army officer and a soldier" are two
    pytest.param("ar", "أسفر انفجار لغم قرب سبها عن مقتل ضابط وجندي.", "Sabha", 2,
                 id="ar-an-officer-and-a-soldier"),
    pytest.param("en", "A landmine near Sabha killed a high-ranking Libyan army officer and a soldier.", "Sabha", 2,
                 id="en-a-long-victim-and-a-soldier"),
    # whoever reports the killing is no victim
    pytest.param("ar", "قال مسؤول محلي إن مسلحين قتلوا راعيين قرب سبها.", "Sabha", 2, id="ar-an-official-said"),
    pytest.param("en", "A local official said gunmen killed two herders near Sabha.", "Sabha", 2,
                 id="en-an-official-said"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), WHO_IS_COUNTED)
def test_who_is_counted(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert place in got and got[place][0] == expected, got


LISTS = [
    # a counted victim noun after a number, joined by و / "and": one more item of the list
    pytest.param("ar", "أسفر الهجوم على سبها عن مقتل ثلاثة جنود ومدني.", "Sabha", 4, id="ar-three-soldiers-and-a-civilian"),
    pytest.param("en", "The attack on Sabha killed three soldiers and a civilian.", "Sabha", 4,
                 id="en-three-soldiers-and-a-civilian"),
    pytest.param("ar", "أسفر انفجار لغم قرب سبها عن مقتل ضابط كبير وجندي.", "Sabha", 2, id="ar-an-officer-adjective-and-a-soldier"),
    pytest.param("en", "A landmine near Sabha killed a senior officer and a soldier.", "Sabha", 2,
                 id="en-an-officer-adjective-and-a-soldier"),
    pytest.param("ar", "قتل عشرون مسلحا من ميليشيا محلية وجنديان في اشتباكات قرب سبها.", "Sabha", 22,
                 id="ar-twenty-militiamen-and-two-soldiers"),
    pytest.param("en", "Twenty militiamen of a local self-defence group and two soldiers were killed in clashes near "
                       "Sabha.", "Sabha", 22, id="en-twenty-militiamen-and-two-soldiers"),
    # counts of things are no list of victims
    pytest.param("ar", "هاجم مسلحون قرية قرب سبها، وعثر السكان بعد ذلك على قبرين فرديين وقبرين جماعيين تضم جثثا "
                       "لم يعرف عددها.", "Sabha", None,
                 id="ar-graves-are-no-victims"),
    pytest.param("en", "Gunmen attacked a village near Sabha, and residents later found two individual and two mass "
                       "graves holding an unknown number of bodies.", "Sabha", None, id="en-graves-are-no-victims"),
    # the attacker among the dead: "killing himself and two soldiers" is three; a bomber already counted
    # ("blew himself up") is not counted twice
    pytest.param("en", "At a gate of Sabha Airport a man drove a truck of explosives into the guards, killing himself and "
                       "two soldiers, officials said.", "Sabha Airport", 3, id="en-killing-himself-and-two-soldiers"),
    pytest.param("en", "A gunman opened fire on a market in Sirte, wounding five people before killing himself.", "Sirte", 1,
                 id="en-killing-himself-alone"),
    pytest.param("en", "A suicide bomber blew himself up at a checkpoint in Tripoli, killing himself and two policemen.",
                 "Tripoli", 3, id="en-the-bomber-counted-once"),
    # (round 12: the bomber who blew himself up is one of the dead in Arabic too, as in English "a suicide
    # bomber blew himself up, killing two soldiers" and as ACLED's coders count him: 2 soldiers + him)
    pytest.param("ar", "فجر انتحاري نفسه عند بوابة مطار سبها، ما أدى إلى مقتل جنديين.", "Sabha Airport", 3,
                 id="ar-blew-himself-up-two-soldiers"),
]

# an Arabic relative clause: the pronoun (فيه، خلاله) between the passive death verb and its number
RELATIVE = [
    pytest.param("ar", "وجاء الهجوم بعد أيام من هجوم في طرابلس قتل فيه أحد عشر جنديا.", "Tripoli", 11, id="ar-qutila-fihi"),
    pytest.param("en", "The raid came days after an attack in Tripoli in which eleven soldiers were killed.", "Tripoli", 11,
                 id="en-in-which-were-killed"),
    pytest.param("ar", "اقتحم مسلحون منطقة جنزور، وقتل خلالها سبعة مدنيين.", "Janzour", 7, id="ar-qutila-khilalaha"),
    pytest.param("en", "Gunmen stormed the Janzour district, and seven civilians were killed during the raid.", "Janzour", 7,
                 id="en-killed-during-the-raid"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), LISTS + RELATIVE)
def test_lists_of_victims(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert place in got and got[place][0] == expected, got


ANOTHER_EVENT = [
    # the killing people protest against, or that an event answers, is another incident's toll
    pytest.param("ar", "تظاهر مئات من السكان في جنزور احتجاجا على مقتل ثلاثة رعاة.", "Janzour", None,
                 id="ar-protest-against-a-killing"),
    pytest.param("en", "Hundreds of residents marched in Janzour in protest against the killing of three herders.",
                 "Janzour", None, id="en-protest-against-a-killing"),
    pytest.param("ar", "قتل مسلحون خمسة جنود في سبها ردا على مقتل أحد قادتهم.", "Sabha", 5,
                 id="ar-in-response-to-a-death"),
    pytest.param("en", "Gunmen killed five soldiers in Sabha in response to the death of one of their leaders.",
                 "Sabha", 5, id="en-in-response-to-a-death"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), ANOTHER_EVENT)
def test_the_toll_of_another_event(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert place in got and got[place][0] == expected, got


# -- the kinds of figure the issue lists, side by side (most held before this round) -------------

FIGURES = [
    pytest.param("ar", "قتل ما لا يقل عن 9 أشخاص في قصف على عين زارة.", "Ain Zara", (9, None), id="ar-at-least"),
    pytest.param("en", "At least 9 people were killed in shelling on Ain Zara.", "Ain Zara", (9, None),
                 id="en-at-least"),
    pytest.param("ar", "سقط عشرات القتلى في غارة على سبها.", "Sabha", (10, None), id="ar-tens"),
    pytest.param("en", "Dozens were killed in an air strike on Sabha.", "Sabha", (12, None), id="en-dozens"),
    pytest.param("ar", "أصيب سبعة أشخاص بجروح في انفجار في عين زارة.", "Ain Zara", (None, 7),
                 id="ar-injured-not-dead"),
    pytest.param("en", "Seven people were wounded in an explosion in Ain Zara.", "Ain Zara", (None, 7),
                 id="en-injured-not-dead"),
    pytest.param("ar", "قتل خمسة أشخاص وجرح عشرة في اشتباكات في عين زارة.", "Ain Zara", (5, 10),
                 id="ar-killed-and-wounded-verbs"),
    pytest.param("en", "Five people were killed and ten wounded in clashes in Ain Zara.", "Ain Zara", (5, 10),
                 id="en-killed-and-wounded-verbs"),
    pytest.param("ar", "قتل أربعة جنود في اشتباكات في جنزور، وارتفع عدد القتلى منذ أبريل إلى 300.", "Janzour",
                 (4, None), id="ar-cumulative-since"),
    pytest.param("en", "Four soldiers were killed in clashes in Janzour, bringing the toll since April to 300.",
                 "Janzour", (4, None), id="en-cumulative-since"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), FIGURES)
def test_figures(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert got.get(place) == expected, got


# -- a region's toll goes to the town of the same incident ----------------------------------------------

@pytest.fixture(scope="module")
def ex_small_region():
    """The tiny gazetteer with southern Libya drawn small (60 km): Sabha lies just past its radius."""
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.geodata.build import build_actors, build_gazetteer, build_vocab
    from conflictmap.geodata.index import Index
    from conflictmap.geodata.sources import source_texts

    from tests.conftest import TINY_ACTORS, TINY_COUNTRIES, TINY_OUTLETS, TINY_PLACES

    region = "country,direction,lat,lon,radius_km,name_en,name_ar\nLY,s,26.5,14.0,60,southern Libya,جنوب ليبيا\n"
    files = [*((n, t) for n, t in source_texts() if n.startswith("vocab/")), ("sources/places/tiny.csv", TINY_PLACES),
             ("sources/countries.csv", TINY_COUNTRIES), ("sources/subregions.csv", region),
             ("sources/actors.csv", TINY_ACTORS), ("sources/outlets.csv", TINY_OUTLETS)]
    index = Index(gazetteer=build_gazetteer(files, with_geonames=False), actors=build_actors(files),
                  vocab=build_vocab(files), key="tiny-small-region")
    return Extractor(index)


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("ar", "قتل 40 شخصا في غارة جوية على جنوب ليبيا. وقال مسؤول إن الغارة استهدفت سبها", id="ar"),
    pytest.param("en", "An airstrike killed 40 people in southern Libya. An official said warplanes hit Sabha.",
                 id="en"),
])
def test_region_toll_goes_to_a_town_just_past_its_radius(ex_small_region, lang, text):
    got = killed(ex_small_region, text, lang)
    assert got.get("Sabha") == (40, None), got
    assert "southern Libya" not in got, got


# -- round tolls3: lists whose items are qualified, "no casualties" in its Arabic forms, "not clear who
# killed", "found dead" ------------------------------------------------------------------------------

QUALIFIED_LISTS = [
    # an approximation, a partitive or the owner of a victim noun inside a list of counts: still one list,
    # added up (the two sides of a fight)
    pytest.param("ar", "قتل خمسة من عناصر الشرطة وسبعة من المسلحين في هجوم على حاجز في جنزور.", "Janzour", 12,
                 id="ar-five-of-the-police-and-seven-of-the-gunmen"),
    pytest.param("ar", "قتل 5 من عناصر الشرطة و7 من المسلحين في هجوم على حاجز في جنزور.", "Janzour", 12,
                 id="ar-digits-of-the-police-and-of-the-gunmen"),
    pytest.param("en", "Five policemen and at least seven of the gunmen were killed in an attack on a checkpoint in "
                       "Janzour.", "Janzour", 12, id="en-five-policemen-and-at-least-seven-gunmen"),
    pytest.param("en", "5 policemen and at least 7 of the gunmen died in an attack on a checkpoint in Janzour.",
                 "Janzour", 12, id="en-digits-policemen-and-at-least-seven-gunmen"),
    # ... but a list does not go on across a semicolon
    pytest.param("ar", "فتح مسلح النار على حشد في سبها فقتل ثلاثة مدنيين؛ غير أن واحدا على الأقل من الأعيان قال إنه "
                       "تصرف وحده.", "Sabha", 3, id="ar-no-list-across-a-semicolon"),
    pytest.param("en", "Gunmen opened fire on a crowd in Sabha, killing three civilians; however, at least one elder "
                       "said the gunman acted alone.", "Sabha", 3, id="en-no-list-across-a-semicolon"),
]

NOBODY = [
    # "no casualties" after the negation with its و, in the sentence after the event's
    pytest.param("ar", "أحرق مسلحون مخزنا في جنزور. ولم يسفر الهجوم عن ضحايا.", "Janzour", (0, 0),
                 id="ar-wa-lam-no-victims-next-sentence"),
    pytest.param("en", "Gunmen set fire to a warehouse in Janzour. The attack caused no casualties.", "Janzour", (0, 0),
                 id="en-no-casualties-next-sentence"),
    # nobody hurt is nobody killed, when the sentence tells of no death
    pytest.param("ar", "سقطت قذائف على مطار سبها دون أن تسفر عن إصابات.", "Sabha Airport", (0, 0),
                 id="ar-without-injuries-is-nobody-killed"),
    pytest.param("en", "Shells fell on Sabha Airport without injuring anyone.", "Sabha Airport", (0, 0),
                 id="en-without-injuring-anyone-is-nobody-killed"),
    pytest.param("ar", "قتل جنديان في قصف على طرابلس دون وقوع إصابات أخرى.", "Tripoli", (2, 0),
                 id="ar-deaths-and-no-other-injuries"),
    pytest.param("en", "Two soldiers were killed in shelling on Tripoli, but nobody else was hurt.", "Tripoli", (2, 0),
                 id="en-deaths-and-nobody-else-hurt"),
    # "nobody hurt besides the driver": somebody was — no zero
    pytest.param("ar", "انفجرت سيارة مفخخة عند بوابة مطار سبها دون أن تسفر عن إصابات باستثناء السائق.", "Sabha Airport",
                 (None, None), id="ar-no-injuries-except-the-driver"),
    pytest.param("en", "A car bomb exploded at a gate of Sabha Airport; no one was hurt besides the driver.",
                 "Sabha Airport", (None, None), id="en-no-one-hurt-besides-the-driver"),
    # a negation of who did it denies no death
    pytest.param("ar", "عثر على رجلين مقتولين قرب سبها، ولم يتضح من قتلهما.", "Sabha", (None, None),
                 id="ar-not-clear-who-killed-them"),
    pytest.param("en", "Unidentified men were found dead near Sabha; it is not clear who killed them.", "Sabha",
                 (None, None), id="en-not-clear-who-killed-them"),
]


FOUND_DEAD = [
    # a passive verb whose phrase ends in a death word ("were found dead", مقتولين) counts its victims
    pytest.param("ar", "هاجم مسلحون مزرعة قرب سبها. وعثر السكان على ثلاثة رعاة مقتولين في صباح اليوم التالي.", "Sabha", 3,
                 id="ar-three-herders-found-killed"),
    pytest.param("en", "Gunmen attacked a farm near Sabha. Three shepherds were found dead the next morning.", "Sabha", 3,
                 id="en-three-shepherds-found-dead"),
    pytest.param("en", "Three shepherds were found dead near Sabha.", "Sabha", 3, id="en-found-dead-near"),
]


BETWEEN_VICTIMS_AND_VERB = [
    # a relative clause or a place phrase between the victims and their passive verb
    pytest.param("ar", "قتل ثلاثة جنود كانوا يحرسون قافلة في كمين قرب سبها.", "Sabha", (3, None),
                 id="ar-soldiers-who-guarded-a-convoy"),
    pytest.param("en", "Three soldiers who were guarding a convoy were killed in an ambush near Sabha.", "Sabha", (3, None),
                 id="en-soldiers-who-were-guarding-a-convoy"),
    pytest.param("ar", "قتل جنديان كانا على متن شاحنة عندما انفجر لغم قرب سبها.", "Sabha", (2, None),
                 id="ar-soldiers-on-board-a-truck"),
    pytest.param("en", "Two soldiers on board a truck were killed when it hit a landmine near Sabha.", "Sabha", (2, None),
                 id="en-soldiers-on-board-a-truck"),
    pytest.param("en", "Two men who had been arrested in Tripoli were found dead.", "Tripoli", (2, None),
                 id="en-arrested-men-found-dead"),
    # the relative clause's own verb is no toll of the victims: wounded, or who did the killing
    pytest.param("ar", "نقل خمسة مدنيين أصيبوا في قصف على طرابلس إلى المستشفى.", "Tripoli", (None, 5),
                 id="ar-wounded-taken-to-hospital"),
    pytest.param("en", "Five civilians who were wounded in the shelling of Tripoli were taken to hospital.", "Tripoli",
                 (None, 5), id="en-wounded-taken-to-hospital"),
    pytest.param("ar", "قال سكان إن جنودا منتشرين في طرابلس قتلوا مسلحين اثنين.", "Tripoli", (2, None),
                 id="ar-deployed-soldiers-killed-two"),
    pytest.param("en", "Soldiers who were deployed in Tripoli killed two gunmen.", "Tripoli", (2, None),
                 id="en-deployed-soldiers-killed-two"),
]


ONE_VICTIM = [
    # a victim described in brackets after the verb's object is still one
    pytest.param("ar", "اغتال مسلحون بقالا (وهو من أعيان المنطقة) في سبها يوم الجمعة.", "Sabha", 1,
                 id="ar-assassinated-a-shopkeeper-bracket"),
    pytest.param("en", "On Friday gunmen assassinated a shopkeeper (a local notable) in Sabha.", "Sabha", 1,
                 id="en-assassinated-a-shopkeeper-bracket"),
    # "he was later found dead", عثر عليه لاحقا مقتولا: one dead, the person taken before
    pytest.param("ar", "خطف مسلحون تاجرا قرب سبها، وعثر عليه لاحقا مقتولا.", "Sabha", 1, id="ar-found-him-killed"),
    pytest.param("en", "Gunmen abducted a trader near Sabha; he was later found dead.", "Sabha", 1,
                 id="en-he-was-later-found-dead"),
    pytest.param("en", "Gunmen abducted a trader near Sabha; he was released two days later.", "Sabha", None,
                 id="en-he-was-released"),
]

AMONG_THE_DEAD = [
    # those named among the dead are a part of the toll told with them ...
    pytest.param("ar", "قتل عشرة أشخاص في اشتباكات في سبها، وكان بين القتلى ثلاثة أطفال.", "Sabha", 10,
                 id="ar-ten-killed-among-them-three-children"),
    pytest.param("en", "Ten people were killed in clashes in Sabha; the dead included three children.", "Sabha", 10,
                 id="en-ten-killed-the-dead-included-three-children"),
    # ... and the figure where no other is given
    pytest.param("ar", "اندلعت اشتباكات في سبها يوم الاثنين، وكان بين القتلى أربعة مقاتلين ومدنيان.", "Sabha", 6,
                 id="ar-among-the-dead-four-fighters-and-two-civilians"),
    pytest.param("en", "Clashes erupted in Sabha on Monday. The dead included four fighters and two civilians.", "Sabha", 6,
                 id="en-the-dead-included-four-fighters-and-two-civilians"),
    pytest.param("en", "Clashes erupted in Sabha on Monday. Among the dead were four fighters and two civilians.", "Sabha",
                 6, id="en-among-the-dead-were-four-and-two"),
]

RUNNING_TOTAL = [
    # the toll so far, told after the event's own dead, is not the event's ...
    pytest.param("ar", "غارة بطائرة مسيرة على منزل في سبها الأحد أسفرت عن مقتل شخصين آخرين، لترتفع حصيلة القتلى إلى 9.",
                 "Sabha", 2, id="ar-two-more-and-the-toll-rises-to-nine"),
    pytest.param("en", "A drone strike hit a house in Sabha on Sunday, killing two more people and bringing the toll to 9.",
                 "Sabha", 2, id="en-two-more-bringing-the-toll-to-nine"),
    # ... but the figure where the sentence gives no other
    pytest.param("ar", "تواصلت الاشتباكات في سبها يوم الأحد لترتفع حصيلة القتلى إلى 9 بحسب مسعفين.", "Sabha", 9,
                 id="ar-fighting-went-on-toll-rises-to-nine"),
    pytest.param("en", "Fighting went on in Sabha on Sunday, bringing the death toll to 9, medics said.", "Sabha", 9,
                 id="en-fighting-went-on-bringing-the-toll-to-nine"),
]

CLAIMED_THE_LIVES = [
    # "claimed the lives of" tells a toll (not a claim, not where a report comes from); أودت ... بحياة, the
    # verb apart from its object
    pytest.param("ar", "أودت اشتباكات عنيفة في سبها يوم الأحد بحياة تسعة أشخاص.", "Sabha", 9, id="ar-awdat-bihayat-nine"),
    pytest.param("en", "Heavy clashes in Sabha on Sunday claimed the lives of nine people.", "Sabha", 9,
                 id="en-claimed-the-lives-of-nine"),
    pytest.param("ar", "أودى انفجار في سبها بحياة جندي.", "Sabha", 1, id="ar-awda-bihayat-a-soldier"),
    pytest.param("en", "The explosion in Sabha claimed the life of a soldier.", "Sabha", 1, id="en-claimed-the-life-of"),
]


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("ar", "الجيش يعتقل مهربين وقنبلة تقتل أربعة جنود\n\nاعتقل الجنود 12 مهربا مشتبها بهم قرب سبها يوم الاثنين. "
                       "وفي الجنوب، انفجرت عبوة ناسفة بشاحنة عسكرية خارج طرابلس، ما أدى إلى مقتل أربعة جنود.", id="ar"),
    pytest.param("en", "Army arrests smugglers; bomb kills four soldiers\n\nSoldiers arrested 12 suspected smugglers near "
                       "Sabha on Monday. In the south, a roadside bomb hit a military truck outside Tripoli, killing four "
                       "soldiers.", id="en"),
])
def test_a_headline_toll_goes_to_its_own_kind_of_event(ex, lang, text):
    """A headline's dead ("bomb kills four") go to the article's bomb, not to the arrest told first."""
    got = killed(ex, text, lang)
    assert got.get("Tripoli") == (4, None), got
    assert got.get("Sabha") == (None, None), got


# -- a city's toll and the one part of the city where the article places the fighting ---------------

_CITY_TOLL = {
    "ar": "قالت وزارة الصحة الأربعاء إن حصيلة قتلى الاشتباكات بين مجموعات مسلحة في طرابلس ارتفعت إلى 7. ",
    "en": "The health ministry said on Wednesday that the death toll from clashes between armed groups in Tripoli "
          "had risen to 7. ",
}

CITY_TOLL_TO_ITS_PART = [
    # the toll is told of the city, the fighting is placed in one district of it: the district's (ACLED codes the
    # most specific location)
    pytest.param("ar", _CITY_TOLL["ar"] + "وقال سكان إن الاشتباكات تركزت في عين زارة حيث استمر إطلاق النار طوال الليل.",
                 {"Ain Zara": (7, None), "Tripoli": (None, None)}, id="ar-city-toll-to-the-district"),
    pytest.param("en", _CITY_TOLL["en"] + "Residents said the clashes were heaviest in Ain Zara, where gunfire went on "
                                          "all night.",
                 {"Ain Zara": (7, None), "Tripoli": (None, None)}, id="en-city-toll-to-the-district"),
    # two parts of the city: the toll may be of both, it stays at the city
    pytest.param("ar", _CITY_TOLL["ar"] + "وقال سكان إن الاشتباكات اندلعت في عين زارة وفي جنزور.",
                 {"Tripoli": (7, None), "Ain Zara": (None, None), "Janzour": (None, None)}, id="ar-two-parts-stay"),
    pytest.param("en", _CITY_TOLL["en"] + "Residents said clashes raged in Ain Zara, and clashes also broke out in "
                                          "Janzour.",
                 {"Tripoli": (7, None), "Ain Zara": (None, None), "Janzour": (None, None)}, id="en-two-parts-stay"),
    # the part's fighting a week before is another incident
    pytest.param("ar", _CITY_TOLL["ar"] + "وقال سكان إن اشتباكات عين زارة يوم الاثنين من الأسبوع الماضي كانت الأولى هذا "
                                          "العام.",
                 {"Tripoli": (7, None), "Ain Zara": (None, None)}, id="ar-part-a-week-before"),
    pytest.param("en", _CITY_TOLL["en"] + "Residents said the fighting in Ain Zara on Monday last week had been the "
                                          "first of the year.",
                 {"Tripoli": (7, None), "Ain Zara": (None, None)}, id="en-part-a-week-before"),
    # a protest in the part is another kind of event; a part with its own toll keeps it
    pytest.param("ar", _CITY_TOLL["ar"] + "وقال سكان إن مئات تظاهروا في عين زارة احتجاجا على القتال.",
                 {"Tripoli": (7, None), "Ain Zara": (None, None)}, id="ar-protest-in-the-part"),
    pytest.param("en", _CITY_TOLL["en"] + "Residents said clashes in Ain Zara killed 2.",
                 {"Tripoli": (7, None), "Ain Zara": (2, None)}, id="en-part-with-its-own-toll"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CITY_TOLL_TO_ITS_PART)
def test_a_city_toll_goes_to_the_one_part_where_the_fighting_was(ex, lang, text, expected):
    got = killed(ex, text, lang, published="2021-03-10")  # a Wednesday
    assert {place: got.get(place) for place in expected} == expected, got


WHAT_THE_EVENT_ANSWERS = [
    # a word of cause opening a clause whose subject is the victims and whose verb is the death: that death is
    # what the riot or the protest answers, another incident's toll (not this event's)
    pytest.param("en", "An angry crowd stormed a police station in Sabha on Monday and set two cars on fire after a "
                       "young man died in custody.", "Sabha", (None, None), id="en-after-a-young-man-died"),
    pytest.param("ar", "اقتحم حشد غاضب مركزا للشرطة في سبها يوم الاثنين وأضرم النار في سيارتين بعد وفاة شاب أثناء "
                       "احتجازه.", "Sabha", (None, None), id="ar-after-the-death-of-a-young-man"),
    pytest.param("en", "Protesters blocked roads in Sabha after two guards were killed at a checkpoint.", "Sabha",
                 (None, None), id="en-after-two-guards-were-killed"),
    pytest.param("ar", "قطع محتجون الطرق في سبها بعد أن قتل حارسان عند نقطة تفتيش.", "Sabha", (None, None),
                 id="ar-after-two-guards-were-killed"),
    # 'after' that opens no clause of the dead: the killing is the event's own
    pytest.param("en", "Gunmen stormed a police station in Sabha after midnight and killed a guard.", "Sabha",
                 (1, None), id="en-after-midnight-and-killed"),
    pytest.param("en", "Residents said gunmen killed a shopkeeper in Sabha after the man refused to pay them.",
                 "Sabha", (1, None), id="en-killed-before-after"),
]


VICTIM_FORMS = [
    # the accusative and the dual of a victim noun ("they killed a guard / two guards"): the verb's object
    pytest.param("ar", "اقتحم مسلحون مركزا للشرطة في سبها وقتلوا حارسا.", "Sabha", 1, id="ar-accusative-a-guard"),
    pytest.param("en", "Gunmen stormed a police post in Sabha and killed a guard.", "Sabha", 1, id="en-a-guard"),
    pytest.param("ar", "اقتحم مسلحون مركزا للشرطة في سبها وقتلوا حارسين.", "Sabha", 2, id="ar-dual-two-guards"),
    pytest.param("en", "Gunmen stormed a police post in Sabha and killed two guards.", "Sabha", 2, id="en-two-guards"),
    pytest.param("ar", "قتل ضابطان في هجوم على مركز للشرطة في سبها.", "Sabha", 2, id="ar-dual-nominative-two-officers"),
    pytest.param("en", "Two officers were killed in an attack on a police post in Sabha.", "Sabha", 2,
                 id="en-two-officers"),
]


DIED_OF_WOUNDS = [
    # "died of his wounds", متأثرا بجروحه: one wounded in the event who died later, added to those killed outright
    # (the wounds are no injury toll)
    pytest.param("ar", "انفجرت قنبلة في سبها ما أدى إلى مقتل جنديين. وتوفي جندي ثالث متأثرا بجروحه يوم الثلاثاء.", "Sabha",
                 3, id="ar-a-third-soldier-died-of-his-wounds"),
    pytest.param("en", "A bomb exploded in Sabha, killing two soldiers. A third soldier died of his wounds on Tuesday.",
                 "Sabha", 3, id="en-a-third-soldier-died-of-his-wounds"),
    pytest.param("ar", "نصب مسلحون كمينا لسيارة قرب سبها فقتلوا السائق وأصابوا مسؤولا محليا. وتوفي المسؤول لاحقا متأثرا "
                       "بجروحه.", "Sabha", 2, id="ar-the-wounded-official-died-later"),
    pytest.param("en", "Gunmen ambushed a car near Sabha, killing the driver and wounding a local official. The official "
                       "later died of his wounds.", "Sabha", 2, id="en-the-wounded-official-died-later"),
    pytest.param("ar", "جندي أصيب في الهجوم على سبها توفي متأثرا بجروحه.", "Sabha", 1, id="ar-one-who-died-of-his-wounds"),
    pytest.param("en", "A soldier wounded in the attack in Sabha died of his wounds on Tuesday.", "Sabha", 1,
                 id="en-one-who-died-of-his-wounds"),
    # alone it is the figure; inside a subset it adds nothing
    pytest.param("ar", "توفي جنديان متأثرين بجراحهم بعد انفجار قنبلة في سبها.", "Sabha", 2, id="ar-two-died-of-wounds"),
    pytest.param("en", "Two soldiers died of their wounds after a bomb blast in Sabha.", "Sabha", 2,
                 id="en-two-died-of-wounds"),
    pytest.param("ar", "قتل خمسة أشخاص في اشتباكات في سبها، بينهم اثنان توفيا متأثرين بجروحهما في المستشفى.", "Sabha", 5,
                 id="ar-a-subset-died-of-wounds"),
    pytest.param("en", "Five people were killed in clashes in Sabha, including two who died of their wounds in hospital.",
                 "Sabha", 5, id="en-a-subset-died-of-wounds"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), NOBODY + BETWEEN_VICTIMS_AND_VERB + WHAT_THE_EVENT_ANSWERS)
def test_dead_and_injured(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert got.get(place) == expected, got


@pytest.mark.parametrize(("lang", "text", "place", "expected"), QUALIFIED_LISTS + FOUND_DEAD + ONE_VICTIM + AMONG_THE_DEAD + RUNNING_TOTAL + CLAIMED_THE_LIVES
                         + VICTIM_FORMS + DIED_OF_WOUNDS)
def test_dead(ex, lang, text, place, expected):
    got = killed(ex, text, lang)
    assert place in got and got[place][0] == expected, got
