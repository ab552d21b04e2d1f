"""Round 18 of the event rules (the lead's).

1. The lexicon's phrase scan keeps each vocab file's longest phrase at a word, so a longer phrase of one
   file no longer hides a trigger of another ("دون إطلاق رصاصة واحدة" — without a single shot — is a
   trigger for a town given up, inside a longer phrase of event_words); a single function word of one
   file inside another file's longer phrase is still part of it ("at" of "at least", "a" of "a dozen",
   "a group of"). Tear gas and stun grenades are the police's intervention (event_words), no bombs
   or grenade attacks (event_triggers: none).
2. The place a statement was issued in ("a statement issued in X", بيان صدر في X) and the place the
   wounded were treated ("treated at the health centre in X", يتلقون العلاج في مستوصف X) are no event places.
3. Crowds: an Arabic verb in -وا goes on with the crowd told before it, across commas (أحرق شبان غاضبون
   الإطارات ...، ثم اقتحموا المبنى); a building stormed in a sentence about protests, with nobody armed, is
   the protesters' riot. "حتى فارق الحياة" (until he died) is one dead.

Every sentence here was written for these tests. The tiny in-memory gazetteer (tests/conftest.py) knows
Tripoli, Janzour, Ain Zara, Sabha, Sabha Airport, Sirte, Khoms, Libya and Chad.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article

from .conftest import BAT, PRO, RIO, STR, VAC, subs_at, types_by_place


def tolls_at(ex, text: str, lang: str, place: str) -> set[int | None]:
    """Every fatality figure coded at ``place``."""
    return {e.fatalities for e in ex.extract(Article(id="t", text=text, language=lang, published="2026-03-04"))
            if e.event_type and e.place_name == place}


# -- 1. each file's longest phrase ---------------------------------------------------------------------

SCAN_TYPES = [
    # a trigger inside another file's longer phrase is still the trigger
    pytest.param("ar", "دخلت القوات مدينة سرت دون إطلاق رصاصة واحدة صباح الخميس.",
                 {(STR, "Non-violent transfer of territory")}, id="ar-without-a-single-shot"),
    pytest.param("en", "The brigade entered the town of Sirte without firing a shot on Thursday morning.",
                 {(STR, "Non-violent transfer of territory")}, id="en-without-firing-a-shot"),
    pytest.param("ar", "وفي هجوم آخر قتل مسلحون ثلاثة رعاة قرب سرت.", {(VAC, "Attack")}, id="ar-in-another-attack"),
    # tear gas and stun grenades are how a crowd was dispersed, not bombs or grenade attacks
    pytest.param("ar", "أطلقت الشرطة قنابل الغاز على المحتجين أمام مقر الحكومة في سرت.",
                 {(PRO, "Protest with intervention")}, id="ar-tear-gas-canisters"),
    pytest.param("en", "Police threw stun grenades at protesters outside the council in Sirte.",
                 {(PRO, "Protest with intervention")}, id="en-stun-grenades"),
    pytest.param("en", "Officers fired tear gas grenades to scatter protesters in Sirte.",
                 {(PRO, "Protest with intervention")}, id="en-tear-gas-grenades"),
    # a real grenade thrown at people stays a grenade attack
    pytest.param("en", "A man threw a grenade into a crowded cafe in Sirte.",
                 {("Explosions/Remote violence", "Grenade")}, id="en-a-grenade"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SCAN_TYPES)
def test_a_trigger_is_never_hidden_by_another_files_phrase(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sirte") == expected


SCAN_TOLLS = [
    # the article is the number's: "a dozen" is 12, "a group of 16" is 16 (no "a" = 1 added)
    pytest.param("en", "A dozen villagers were killed when gunmen raided a hamlet near Sirte.", {12},
                 id="en-a-dozen-opens-the-sentence"),
    pytest.param("en", "Soldiers executed a group of 16 herders near Sirte, residents said.", {16},
                 id="en-a-group-of"),
    pytest.param("en", "Gunmen killed at least eight farmers in Sirte on Monday.", {8}, id="en-at-least"),
    pytest.param("ar", "قتل اثنا عشر قرويا عندما هاجم مسلحون قرية قرب سرت.", {12}, id="ar-twelve-villagers"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SCAN_TOLLS)
def test_a_function_word_inside_a_longer_phrase_is_part_of_it(ex, lang, text, expected):
    assert tolls_at(ex, text, lang, "Sirte") == expected


def test_at_least_keeps_the_attack_on_civilians(ex):
    # "at" of "at least" is no place word: the victims are civilians, the act one-sided
    assert subs_at(ex, "Gunmen killed at least eight farmers in Sirte on Monday.", "en", "Sirte") == {
        (VAC, "Attack")}


def test_clashes_with_another_files_phrase_stay_clashes(ex):
    assert {t for t, _ in subs_at(ex, "Clashes erupted in Sirte, killing a dozen fighters.", "en", "Sirte")} == {BAT}


# -- 2. where it was told, where the wounded were cared for ---------------------------------------------

NOT_THE_PLACE = [
    pytest.param("en", "Gunmen killed five farmers near Sirte, according to a statement issued in Tripoli.",
                 {"Sirte": {VAC}}, id="en-statement-issued-in"),
    pytest.param("ar", "قتل مسلحون خمسة مزارعين قرب سرت، بحسب بيان صدر في طرابلس.", {"Sirte": {VAC}},
                 id="ar-bayan-sadar-fi"),
    pytest.param("en", "Two soldiers were wounded in clashes near Sirte. The wounded were treated at the health "
                       "centre in Khoms.", {"Sirte": {BAT}}, id="en-treated-at-the-health-centre"),
    pytest.param("ar", "أصيب جنديان في اشتباكات قرب سرت، ويتلقون العلاج في مستوصف بالخمس.", {"Sirte": {BAT}},
                 id="ar-receiving-treatment-at-a-clinic"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), NOT_THE_PLACE)
def test_where_it_was_told_or_treated_is_no_event_place(ex, lang, text, expected):
    assert types_by_place(ex, text, lang) == expected


# -- 3. crowds: the subject of a chain of Arabic verbs, a building stormed during protests ----------------

CROWDS = [
    # an Arabic verb in -وا goes on with the subject told before it, across a comma
    pytest.param("ar", "في سرت، أحرق شبان غاضبون الإطارات في الشوارع مساء الأحد، ثم اقتحموا مبنى البلدية.",
                 {RIO}, id="ar-youths-then-stormed"),
    # not when the crowd word names victims (a number or a killing right before it)
    pytest.param("ar", "قتل مسلحون ثلاثة من الأهالي في سرت، ثم نهبوا المحلات.", {VAC}, id="ar-residents-as-victims"),
    # a building stormed in a sentence about protests, nobody armed named: the protesters' riot
    pytest.param("en", "Fuel protests spread along the coast; council office stormed in Sirte", {RIO},
                 id="en-headline-stormed-in-protests"),
    pytest.param("ar", "احتجاجات على نقص الوقود: اقتحام مقر البلدية في سرت", {RIO}, id="ar-headline-iqtiham"),
    # with gunmen named it stays an attack by gunmen
    pytest.param("en", "Gunmen stormed the council office in Sirte and killed two guards.", {BAT},
                 id="en-gunmen-stormed"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CROWDS)
def test_crowd_violence(ex, lang, text, expected):
    assert types_by_place(ex, text, lang).get("Sirte") == expected


def test_until_he_died_is_one_dead(ex):
    # حتى فارق الحياة: the singular verb is one victim
    assert tolls_at(ex, "انهال حشد غاضب بالضرب على لص في سرت حتى فارق الحياة.", "ar", "Sirte") == {1}


# -- 4. a round-up's headed paragraphs ------------------------------------------------------------------

ROUNDUP_EN = """Weekly security digest

Our round-up of the week's main security news.

Janzour: Community leaders from two rival families put their names to a truce on Sunday at the council. The quarrel had turned violent a week earlier, when a shootout between their gunmen killed one man on each side.

Ain Zara: A roadside bomb went off under a water truck on Tuesday, injuring the driver. Nobody was killed.

Sabha: Two armed units announced on Wednesday that they had merged into one force under a new commander."""

ROUNDUP_AR = """موجز أمني

أبرز الأحداث الأمنية خلال الأسبوع.

جنزور: اعتقلت قوات الأمن يوم الاثنين تسعة أشخاص في حملة مداهمات بالأحياء الشرقية.

سبها: انفجر لغم أرضي تحت جرار زراعي يوم الثلاثاء، ما أدى إلى إصابة سائقه."""

EXP = "Explosions/Remote violence"


def test_a_headed_paragraph_happened_at_its_heading(ex):
    got = types_by_place(ex, ROUNDUP_EN, "en")
    assert got == {"Janzour": {STR, BAT}, "Ain Zara": {EXP}, "Sabha": {STR}}
    assert types_by_place(ex, ROUNDUP_AR, "ar") == {"Janzour": {STR}, "Sabha": {EXP}}


def test_a_headed_paragraph_keeps_each_events_toll(ex):
    # the truce has no dead; the fight told after it in the paragraph has its two (one on each side)
    events = [e for e in ex.extract(Article(id="t", text=ROUNDUP_EN, language="en", published="2026-03-04"))
              if e.event_type]
    assert {(e.event_type, e.fatalities) for e in events if e.place_name == "Janzour"} == {(STR, None), (BAT, 2)}
    assert [e.fatalities for e in events if e.place_name == "Ain Zara"] == [0]


def test_a_colon_inside_a_paragraph_is_no_heading(ex):
    # a place before a colon in the middle of a paragraph heads nothing
    text = "Officials gave their view.\n\nThe report named one town, Sabha: fighters clashed on the road last week."
    assert "Sabha" not in types_by_place(ex, text, "en")


EACH_SIDE = [
    pytest.param("en", "A gunfight in Sirte killed one fighter on each side.", {2}, id="en-one-on-each-side"),
    pytest.param("ar", "قتل ثلاثة مقاتلين من كل طرف في اشتباكات بسرت.", {6}, id="ar-three-from-each-side"),
    # "from both sides" is the total
    pytest.param("en", "Clashes in Sirte killed three fighters from both sides.", {3}, id="en-both-sides-is-the-total"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), EACH_SIDE)
def test_as_many_on_each_side(ex, lang, text, expected):
    assert tolls_at(ex, text, lang, "Sirte") == expected


# -- 5. tolls of two sources, numbers that count sources -----------------------------------------------

TWO_SOURCES = [
    # a number before a source noun counts sources, not the dead
    pytest.param("en", "Militants ambushed a patrol near Sirte. The army said 11 soldiers died; two security sources "
                       "said more had been killed.", {11}, id="en-two-sources-no-toll"),
    pytest.param("ar", "نصب مسلحون كمينا لدورية قرب سرت، وقال الجيش إن 11 جنديا قتلوا، فيما تحدث مصدران أمنيان عن "
                       "حصيلة أعلى.", {11}, id="ar-two-sources-no-toll"),
    # a list of both sides beside another source's figure for one side: the lowest for each side, added
    pytest.param("ar", "هاجم مسلحون ثكنة في سرت، وقال الجيش إن ١٥ جندياً و٣٠ من المهاجمين قتلوا، بينما تحدث مصدر محلي "
                       "عن مقتل ٢٠ جندياً.", {45}, id="ar-list-beside-a-second-source"),
    pytest.param("en", "Gunmen attacked a barracks in Sirte; the army said 15 soldiers and 30 attackers were killed, "
                       "while a local source put the soldiers' dead at 20.", {45}, id="en-list-beside-a-second-source"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TWO_SOURCES)
def test_tolls_of_two_sources(ex, lang, text, expected):
    assert tolls_at(ex, text, lang, "Sirte") == expected


# -- 6. who did it: a crowd opening its clause, a side after a comma ---------------------------------------

WHO = [
    # Arabic verb-subject: the crowd right after the verb that opens the clause did what it tells
    pytest.param("ar", "وفي حادثة أخرى في سرت، انهال حشد من الأهالي بالضرب على رجل اتهم بالسرقة حتى فارق الحياة، "
                       "قبل وصول الشرطة.", {RIO}, id="ar-crowd-opens-the-clause"),
    # a side told after a comma is no subject ("..., before the police arrived")
    pytest.param("ar", "قتل مسلحون راعيا قرب سرت، قبل وصول دورية للجيش.", {VAC}, id="ar-side-after-a-comma"),
    # armed men who made off with a lorry: looting
    pytest.param("en", "Armed men stopped a fuel tanker near Sirte and drove off with the lorry and its load.", {STR},
                 id="en-drove-off-with"),
    pytest.param("en", "Gunmen hijacked a truck carrying flour outside Sirte on Monday.", {STR}, id="en-hijacked"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), WHO)
def test_who_did_it(ex, lang, text, expected):
    assert types_by_place(ex, text, lang).get("Sirte") == expected
