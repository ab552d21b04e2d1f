"""Round 10 of the event rules: mechanisms found on the team's own corpus (benchmarks/own_events/).

Every sentence here was written for these tests (none comes from the dev set, the seeds, ACLED's
notes or the own-events corpus itself). The tiny in-memory gazetteer (tests/conftest.py) knows
Tripoli, Janzour, Ain Zara, Sabha, Sabha Airport, Sirte, Khoms, Libya and Chad.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article

from .conftest import BAT, EXP, PRO, RIO, STR, VAC, subs_at, types_at

# -- blasts only heard somewhere are no explosion there ---------------------------------------------
# "the blasts could be heard in X", سمع دوي الانفجارات في X: X is where the sound reached, and in a
# clash the blasts heard are the clash's own, not a second event of another kind.

HEARD = [
    pytest.param("en", "A drone hit a depot in Janzour at night and the blasts were heard as far as Sirte.",
                 "Sirte", set(), id="en-heard-as-far-as"),
    pytest.param("ar", "قصفت طائرة مسيرة مخزنا في جنزور ليلا. وقال سكان إن دوي الانفجارات سمع في سرت", "Sirte",
                 set(), id="ar-heard-in"),
    pytest.param("en", "Militias fought in Sabha all night, with explosions heard until the morning.", "Sabha",
                 {BAT}, id="en-clash-with-blasts-heard"),
    pytest.param("ar", "اشتبكت مجموعات مسلحة في سبها طوال الليل وسط دوي انفجارات حتى الصباح", "Sabha", {BAT},
                 id="ar-clash-amid-the-sound-of-blasts"),
    # an explosion that hit something stays one
    pytest.param("en", "An explosion tore through a market in Sabha, and witnesses heard screams.", "Sabha", {EXP},
                 id="en-blast-itself-stays"),
    pytest.param("ar", "وقع انفجار في سوق سبها صباح اليوم", "Sabha", {EXP}, id="ar-blast-itself-stays"),
]


@pytest.mark.parametrize(("lang", "text", "place", "expected"), HEARD)
def test_blasts_heard_are_no_event_there(ex, lang, text, place, expected):
    assert types_at(ex, text, lang, place) == expected


# -- a rally for the government is a protest (مسيرة with its purpose, not a drone) --------------------

RALLY = [
    pytest.param("en", "Supporters of the council held a rally in Sirte in support of the government.", {PRO},
                 id="en-rally-in-support"),
    pytest.param("ar", "نظم أنصار المجلس في سرت مسيرة لتأييد الحكومة", {PRO}, id="ar-march-to-support"),
    pytest.param("ar", "خرج المئات في سرت في مسيرة مؤيدة للجيش", {PRO}, id="ar-march-in-favour"),
    pytest.param("ar", "سار المئات في شوارع مدينة سرت في مسيرة داعمة للسلطات", {PRO}, id="ar-march-backing"),
    # a drone stays a drone
    pytest.param("ar", "قصفت مسيرة تابعة للجيش مواقع في سرت", {EXP}, id="ar-drone-stays-a-drone"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RALLY)
def test_rally_for_the_government_is_a_protest(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sirte") == expected


# -- a town taken after the soldiers left it: a non-violent transfer, and jihadists are no state -------

TAKEN = [
    pytest.param("en", "Jihadist fighters took control of a village near Sabha after the soldiers abandoned their "
                       "base there.", {(STR, "Non-violent transfer of territory")}, id="en-after-base-abandoned"),
    pytest.param("ar", "سيطر مسلحون على بلدة قرب سبها بعد انسحاب الجيش منها", {(STR, "Non-violent transfer of territory")},
                 id="ar-after-the-army-withdrawal"),
    pytest.param("en", "Jihadist fighters seized the town of Sabha after heavy fighting with the army.",
                 {(BAT, "Non-state actor overtakes territory")}, id="en-jihadist-adjective-is-nonstate"),
    pytest.param("ar", "سيطر متشددون على مدينة سبها بعد معارك عنيفة مع الجيش",
                 {(BAT, "Non-state actor overtakes territory")}, id="ar-extremists-are-nonstate"),
    # residents leaving their homes are no withdrawal
    pytest.param("en", "Residents abandoned their homes in Sabha as the floods rose.", set(), id="en-homes-abandoned"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TAKEN)
def test_taken_after_withdrawal_and_by_whom(ex, lang, text, expected):
    assert subs_at(ex, text, lang, "Sabha") == expected


# -- an Arabic headline tells what happened in the present tense ---------------------------------------

HEADLINE = [
    pytest.param("ar", "محتجون يهاجمون مقر البلدية في سبها\n\nهاجم محتجون غاضبون مقر البلدية في سبها وأحرقوا إطارات.",
                 {RIO}, id="ar-protesters-attack-headline"),
    pytest.param("en", "Protesters attack town hall in Sabha\n\nAngry protesters attacked the town hall in Sabha and "
                       "burned tyres.", {RIO}, id="en-protesters-attack-headline"),
    pytest.param("ar", "مسلحون يختطفون تاجرا في سبها", {VAC}, id="ar-gunmen-abduct-headline"),
    pytest.param("en", "Gunmen abduct trader in Sabha", {VAC}, id="en-gunmen-abduct-headline"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), HEADLINE)
def test_headline_present_tense(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sabha") == expected


# -- shops that close and a town under a blockade are no event of that day ---------------------------

STATES = [
    pytest.param("ar", "اشتبكت مجموعتان مسلحتان في سبها. وأغلقت المحال التجارية أبوابها في المدينة.", {BAT},
                 id="ar-shops-closed-after-clashes"),
    pytest.param("en", "Two armed groups clashed in Sabha. Shops in the city closed their doors.", {BAT},
                 id="en-shops-closed-after-clashes"),
    pytest.param("ar", "أغلقت المدارس في سبها بسبب موجة الحر", set(), id="ar-schools-closed"),
    pytest.param("en", "Sabha has been under a blockade by armed men for two months, residents said.", set(),
                 id="en-under-a-blockade"),
    # closing a road stays what it was
    pytest.param("ar", "أغلق محتجون الطريق الرئيسي في سبها بالإطارات المشتعلة", {RIO}, id="ar-road-closed-by-protesters"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STATES)
def test_closures_and_blockades_that_are_states(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sabha") == expected


# -- tolls: who reports is no victim; أحد عشر is eleven ---------------------------------------------------

def tolls_at(ex, text: str, lang: str, place: str) -> set[int | None]:
    return {e.fatalities for e in ex.extract(Article(id="t", text=text, language=lang))
            if e.event_type and e.place_name == place}


TOLLS = [
    pytest.param("en", "Mortar rounds hit a school in Sabha on Monday, killing three pupils, a local official said.",
                 {3}, id="en-a-local-official-said-is-the-speaker"),
    pytest.param("ar", "سقطت قذائف هاون على مدرسة في سبها يوم الاثنين ما أدى إلى مقتل ثلاثة تلاميذ، بحسب مسؤول محلي.",
                 {3}, id="ar-according-to-a-local-official"),
    pytest.param("en", "A local official was killed when gunmen opened fire on his car in Sabha.", {1},
                 id="en-a-local-official-killed-still-counts"),
    pytest.param("ar", "قتل أحد عشر جنديا في هجوم على نقطة تفتيش في سبها", {11}, id="ar-eleven-is-one-number"),
    pytest.param("en", "Eleven soldiers were killed in an attack on a checkpoint in Sabha.", {11}, id="en-eleven"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TOLLS)
def test_tolls_speaker_and_compound_numbers(ex, lang, text, expected):
    assert tolls_at(ex, text, lang, "Sabha") == expected
