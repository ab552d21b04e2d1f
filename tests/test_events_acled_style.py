"""Event types in the register of ACLED's notes and incident logs (issue 14, ACLED type accuracy).

ACLED's notes are short reports in a house style: "On <date>, <actor> attacked/abducted/clashed with
... in/near <place>. <N> killed.", and strategic developments headed by their name ("Looting: ...",
"Arrests: ..."). Every sentence here was written for these tests in that register (none comes from
ACLED's notes, the dev set, the seeds or the own-events corpus). The tiny in-memory gazetteer
(tests/conftest.py) knows Tripoli, Janzour, Ain Zara, Sabha, Sabha Airport, Sirte, Khoms, Libya and Chad.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article

from .conftest import BAT, PRO, RIO, STR, VAC, subs_at

# -- a report headed by the name of a strategic development is that development -----------------------
# "Looting: gunmen raided the market of X and emptied the shops": the label says what the report tells,
# so the raid is the looting, not an attack on civilians; a label only counts at the very start,
# followed by a colon.

LABEL = [
    pytest.param("en", "Looting: On 3 May, armed men raided the market of Sabha and emptied the shops.",
                 {(STR, "Looting/property destruction")}, id="en-looting-label"),
    pytest.param("ar", "نهب: هاجم مسلحون سوق سبها ونهبوا المحلات التجارية.",
                 {(STR, "Looting/property destruction")}, id="ar-looting-label"),
    pytest.param("en", "Property destruction: Armed men stormed a farm outside Sabha, beat the watchman and burned "
                       "the barn.", {(STR, "Looting/property destruction")}, id="en-property-destruction-label"),
    pytest.param("ar", "تدمير: اقتحم مسلحون مزرعة خارج سبها واعتدوا على الحارس بالضرب ثم أحرقوا الحظيرة.",
                 {(STR, "Looting/property destruction")}, id="ar-destruction-label"),
    pytest.param("en", "Arrests: Police detained eleven young men at a checkpoint outside Sabha on suspicion of "
                       "smuggling fuel.", {(STR, "Arrests")}, id="en-arrests-label"),
    pytest.param("ar", "اعتقالات: اعتقلت الشرطة أحد عشر شابا عند حاجز خارج سبها للاشتباه في تهريبهم الوقود.",
                 {(STR, "Arrests")}, id="ar-arrests-label"),
    pytest.param("en", "Defusal: Army engineers defused a roadside bomb hidden under a bridge near Sabha.",
                 {(STR, "Disrupted weapons use")}, id="en-defusal-label"),
    pytest.param("ar", "تفكيك: فكك مهندسو الجيش عبوة ناسفة مخبأة تحت جسر قرب سبها.",
                 {(STR, "Disrupted weapons use")}, id="ar-defusal-label"),
    pytest.param("en", "Movement of forces: Rebel fighters attacked a checkpoint on the edge of Sabha after moving in "
                       "from the desert.", {(STR, "Change to group/activity")},
                 id="en-movement-of-forces-label"),
    # without the label the raid is an attack on the market's people
    pytest.param("en", "On 3 May, armed men raided the market of Sabha and beat the traders.",
                 {(VAC, "Attack")}, id="en-no-label-an-attack"),
    pytest.param("ar", "هاجم مسلحون سوق سبها واعتدوا على التجار بالضرب.", {(VAC, "Attack")},
                 id="ar-no-label-an-attack"),
    # a trigger word later in the text before a colon is no label
    pytest.param("en", "Fighting broke out in Sabha at dawn; arrests: none reported so far.",
                 {(BAT, "Armed clash")}, id="en-not-at-the-start"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LABEL)
def test_a_heading_label_names_the_development(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sabha") == expected


def test_a_heading_label_codes_an_event_the_text_places_nowhere(ex):
    # no town the gazetteer knows: the development is coded at the country the text names
    text = "Recruitment: An armed group in southern Libya has been signing up jobless young men for a wage."
    types = {(e.event_type, e.sub_event_type) for e in ex.extract(Article(id="t", text=text, language="en"))
             if e.event_type}
    assert types == {(STR, "Change to group/activity")}


# -- bodies found of people the text says were killed: that killing, not "bodies found" --------------
# ACLED codes the discovery of bodies as a strategic development only where nothing says how they died;
# where the text tells the killing, the event is the killing, typed by who was killed.

BODIES = [
    pytest.param("en", "Three soldiers were killed by a rival unit in January. Their bodies were pulled from a well "
                       "near Sabha in March.", {(BAT, "Armed clash")}, id="en-soldiers-killed-bodies-found"),
    pytest.param("ar", "قال أقارب إن ثلاثة جنود قتلوا على يد وحدة منافسة في يناير. وعثر راع على جثثهم في بئر قرب سبها.",
                 {(BAT, "Armed clash")}, id="ar-soldiers-killed-bodies-found"),
    pytest.param("en", "Gunmen executed four herders and left them by a track. Their bodies were found near Sabha two days later.",
                 {(VAC, "Attack")}, id="en-herders-executed-bodies-found"),
    pytest.param("ar", "أعدم مسلحون أربعة رعاة وتركوهم قرب طريق ترابي. وعثر على جثثهم قرب سبها بعد يومين.", {(VAC, "Attack")},
                 id="ar-herders-executed-bodies-found"),
    pytest.param("en", "Two smuggling gangs fought over a fuel depot, leaving five dead. The bodies of five men "
                       "were found near Sabha the next morning.", {(BAT, "Armed clash")},
                 id="en-fighting-then-bodies-found"),
    # nothing says how they died: bodies found stay a strategic development
    pytest.param("en", "The bodies of six men were found near Sabha on Monday.", {(STR, "Other")},
                 id="en-bodies-alone"),
    pytest.param("ar", "عثر على جثث ستة رجال قرب سبها يوم الاثنين.", {(STR, "Other")}, id="ar-bodies-alone"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BODIES)
def test_bodies_of_people_killed_are_the_killing(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sabha") == expected


# -- a place that names a stance ("anti-Chad placards", لافتات مناهضة لتشاد) is no event place ------------
# Nothing happened in the country the protesters were against; the stones they threw were thrown where
# they demonstrated.

def events_of(ex, text: str, lang: str) -> set[tuple[str, str | None]]:
    return {(e.place_name, e.event_type) for e in ex.extract(Article(id="t", text=text, language=lang))
            if e.event_type}


STANCE = [
    pytest.param("en", "Students demonstrated outside the council building in Sabha on Tuesday. Waving anti-Chad "
                       "placards, some of the demonstrators threw stones at the guards.",
                 {("Sabha", RIO)}, id="en-anti-country-slogans"),
    pytest.param("ar", "تظاهر طلاب أمام مبنى المجلس في سبها يوم الثلاثاء. ورفع المتظاهرون لافتات مناهضة لتشاد "
                       "ورشق بعضهم الحراس بالحجارة.", {("Sabha", RIO)}, id="ar-slogans-against-a-country"),
    pytest.param("en", "Hundreds marched peacefully in Sabha carrying pro-Tripoli banners.", {("Sabha", PRO)},
                 id="en-pro-city-banners"),
    pytest.param("ar", "تظاهر المئات سلميا في سبها رافعين لافتات مؤيدة لطرابلس.", {("Sabha", PRO)},
                 id="ar-banners-for-a-city"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STANCE)
def test_a_stance_names_no_place(ex, lang, text, expected):
    assert events_of(ex, text, lang) == expected


# -- an abduction with deaths is an attack (ACLED's rule) ---------------------------------------------
# People taken and killed, or killed while others are taken, make the event an attack on civilians;
# an abduction where nobody died stays one.

ABDUCTED = [
    pytest.param("en", "On 4 March, gunmen kidnapped two nurses near Sabha and later shot them dead.",
                 {(VAC, "Attack")}, id="en-abducted-and-killed"),
    pytest.param("ar", "خطف مسلحون ممرضتين قرب سبها ثم قتلوهما رميا بالرصاص.", {(VAC, "Attack")}, id="ar-abducted-and-killed"),
    pytest.param("en", "Armed men kidnapped a trader in Sabha and executed him when his family could not pay.",
                 {(VAC, "Attack")}, id="en-abducted-then-executed"),
    pytest.param("ar", "اختطف مسلحون تاجرا في سبها وأعدموه بعد أن عجزت عائلته عن الدفع.", {(VAC, "Attack")},
                 id="ar-abducted-then-executed"),
    pytest.param("en", "Militants shot dead one farmer and kidnapped five others in Sabha.",
                 {(VAC, "Attack")}, id="en-killed-and-abducted"),
    pytest.param("ar", "قتل مسلحون مزارعا وخطفوا خمسة آخرين في سبها.", {(VAC, "Attack")},
                 id="ar-killed-and-abducted"),
    # nobody killed: an abduction
    pytest.param("en", "Gunmen kidnapped two engineers working on a water project near Sabha.",
                 {(VAC, "Abduction/forced disappearance")}, id="en-abducted-only"),
    pytest.param("ar", "خطف مسلحون مهندسين يعملان في مشروع مياه قرب سبها.", {(VAC, "Abduction/forced disappearance")},
                 id="ar-abducted-only"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ABDUCTED)
def test_an_abduction_with_deaths_is_an_attack(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sabha") == expected


# -- "two trucks seized by the attackers": the thing before a bare participle is what was taken --------
# In the notes' clipped style a participle often has no 'were': "a farmer killed, his camels seized" —
# the camels were seized, not a town; the attack stays the event.

SEIZED = [
    pytest.param("en", "Gunmen stormed a police station in Sabha, killing two officers, with two trucks seized by "
                       "the attackers.", {(BAT, "Armed clash")}, id="en-vehicles-seized-by"),
    pytest.param("en", "Raiders hit a farming settlement near Sabha and shot dead a farmer, his camels seized.",
                 {(VAC, "Attack")}, id="en-livestock-seized-end"),
    # the verb with a place after it is a capture
    pytest.param("en", "Rebels with heavy weapons seized Sabha after two days of fighting with the army.",
                 {(BAT, "Non-state actor overtakes territory")}, id="en-seized-a-town"),
    pytest.param("ar", "اقتحم مسلحون مركزا للشرطة في سبها وقتلوا شرطيين واستولوا على عربات.",
                 {(BAT, "Armed clash")}, id="ar-vehicles-taken"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SEIZED)
def test_a_thing_seized_is_no_place_taken(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sabha") == expected
