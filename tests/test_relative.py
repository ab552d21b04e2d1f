"""The relative-place grammar (extract/relative.py), table-driven with Arabic and English side by side.

The mechanism tables run on the tiny in-memory gazetteer of conftest.py; the rows that need
borders, sub-regions or towns of the Sahel run on the real index. Every sentence here is our own.
"""

from __future__ import annotations

import math

import pytest
from conflictmap.extract.model import Article
from conflictmap.extract.pipeline import Extractor
from conflictmap.extract.relative import RelativeGrammar, RuleMatch
from pytest import param

from conflictmap.core.geodesy import haversine_km

TRIPOLI = (32.8874, 13.1873)


@pytest.fixture(scope="module")
def tiny(tiny_index):
    return Extractor(tiny_index)


def events(ex: Extractor, text: str, lang: str | None = None):
    return ex.extract(Article(id="t", text=text, language=lang, published="2019-04-07"))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])


def bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy, dx = b[0] - a[0], (b[1] - a[1]) * math.cos(math.radians(a[0]))
    return (math.degrees(math.atan2(dx, dy)) + 360) % 360


def near_bearing(got: float, want: float, tol: float = 10) -> bool:
    return min(abs(got - want), 360 - abs(got - want)) < tol


# -- the interface -----------------------------------------------------------------------------------

def test_the_passes_run_in_the_documented_order(tiny_index):
    g = RelativeGrammar(tiny_index.gazetteer, tiny_index.vocab)
    assert [r.name for r in g.at_mentions] == ["wider border", "facility of a town"]
    assert [r.name for r in g.passes] == ["distance", "between", "far part", "street", "direction", "suburbs",
                                          "desert", "border", "anaphor"]
    # every pass says which words it can start with, so the walk skips every other token quickly
    assert all(r.starts for r in g.passes)


def test_a_match_without_mentions_only_consumes():
    assert RuleMatch((), 5).consumed_only
    assert RuleMatch((), 5).end == 5


# -- points relative to a town or a country ------------------------------------------------------------

@pytest.mark.parametrize("lang,text,anchor,bearing_deg,dist", [
    param("ar", "قصف جنوب طرابلس", TRIPOLI, 180, (8, 20), id="ar-south-of"),
    param("en", "shelling south of Tripoli", TRIPOLI, 180, (8, 20), id="en-south-of"),
    param("ar", "اشتباكات على بعد 70 كلم غرب طرابلس", TRIPOLI, 270, (69, 71), id="ar-70km-west"),
    param("en", "fighting 40 km south of Tripoli", TRIPOLI, 180, (39, 41), id="en-40km-south"),
    param("ar", "طرابلس تشهد قصفا. واشتدت المعارك في الضواحي الجنوبية للمدينة", TRIPOLI, 180, (5, 12),
          id="ar-southern-suburbs-of-the-city"),
    param("en", "Tripoli was quiet. Later, fighting hit the city's southern suburbs of the capital", TRIPOLI,
          180, (5, 12), id="en-southern-suburbs"),
])
def test_relative_points(tiny, lang, text, anchor, bearing_deg, dist):
    evs = [e for e in events(tiny, text, lang) if e.kind == "relative"]
    assert evs, "no relative point"
    e = evs[0]
    assert dist[0] <= km(anchor, (e.lat, e.lon)) <= dist[1]
    assert near_bearing(bearing(anchor, (e.lat, e.lon)), bearing_deg)
    assert e.geo_precision == 2 and e.uncertainty_km > 0


@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "عادت الحياة إلى طرابلس. وفي العاصمة فتحت المدارس", ["ly.tripoli", "ly.tripoli"], id="ar-capital"),
    param("en", "Life returned to Sabha. In the city, schools reopened", ["ly.sabha", "ly.sabha"], id="en-the-city"),
    param("ar", "أغلق مطار سبها أمام الرحلات", ["ly.sabha.airport"], id="ar-curated-facility"),
    param("en", "Flights left Sabha airport again", ["ly.sabha.airport"], id="en-curated-facility"),
    param("ar", "نزوح من جنوب ليبيا", ["ly.part.s"], id="ar-country-part"),
    param("en", "displacement in southern Libya", ["ly.part.s"], id="en-country-part"),
])
def test_anaphora_facilities_parts(tiny, lang, text, expected):
    got = [e.place_id for e in events(tiny, text, lang) if e.place_id != "ly"]
    assert got == expected


@pytest.mark.parametrize("lang,text", [
    param("ar", "اندلعت اشتباكات في جنزور، غرب طرابلس، مساء أمس", id="ar-apposition"),
    param("en", "Clashes broke out in Janzour, west of Tripoli, last night", id="en-apposition"),
    param("ar", "وصلت القافلة إلى سبها (نحو 650 كلم جنوب طرابلس) صباحا", id="ar-distance-in-brackets"),
    param("en", "The convoy reached Sabha, a city some 650 km south of Tripoli, at dawn", id="en-a-city-some-km"),
])
def test_a_phrase_that_only_locates_a_named_place_makes_no_point(tiny, lang, text):
    got = [e.kind for e in events(tiny, text, lang)]
    assert "relative" not in got and got, got


@pytest.mark.parametrize("lang,text,sides", [
    param("en", "Shells fell on the southern and western suburbs of Tripoli", {180, 270}, id="en-two-sides"),
    param("en", "Power cuts hit the southern, eastern and western districts of Tripoli", {90, 180, 270},
          id="en-three-sides"),
])
def test_several_sides_give_one_point_each(tiny, lang, text, sides):
    evs = [e for e in events(tiny, text, lang) if e.kind == "relative"]
    assert {round(bearing(TRIPOLI, (e.lat, e.lon)) / 90) * 90 % 360 for e in evs} == sides
    assert len({e.place_id for e in evs}) == len(sides)


@pytest.mark.parametrize("lang,text", [
    param("ar", "تجددت الاشتباكات بين جنزور وعين زارة", id="ar-between"),
    param("en", "Fighting resumed between Janzour and Ain Zara", id="en-between"),
])
def test_between_two_towns_is_their_midpoint_and_both_stay(tiny, lang, text):
    an = tiny.analyse(Article(id="t", text=text, language=lang, published="2019-04-07"))
    ids = [m.place.id for m in an.mentions]
    assert ids.count("ly.tripoli.janzour") == 1 and ids.count("ly.tripoli.ain-zara") == 1
    (mid,) = [m for m in an.mentions if m.via == "between"]
    assert km((mid.place.lat, mid.place.lon), (32.811, 13.1275)) < 1 and mid.precision == 2


# -- the real index: sub-regions, the capital ------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "قاتل الجنود في الضواحي الجنوبية لطرابلس طوال الليل", "ly.tripoli@suburbs-s",
          id="ar-southern-suburbs-of-tripoli"),
    param("en", "Soldiers fought all night in the southern suburbs of Tripoli", "ly.tripoli@suburbs-s",
          id="en-southern-suburbs-of-tripoli"),
    param("ar", "نفذت طائرات غارات في الصحراء الجنوبية لليبيا", "ly.part.s", id="ar-southern-desert"),
    param("en", "Aircraft struck camps in the southern desert of Libya", "ly.part.s", id="en-southern-desert"),
    param("ar", "تقدمت القوات نحو العاصمة الليبية", "ly.tripoli", id="ar-the-libyan-capital"),
    param("en", "Gunfire was heard in Tripoli. Shops in the capital stayed shut", "ly.tripoli", id="en-the-capital"),
])
def test_parts_and_anaphors_on_the_real_index(extractor, lang, text, expected):
    got = {e.place_id for e in events(extractor, text, lang)}
    assert expected in got, got
