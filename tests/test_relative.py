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
    assert [r.name for r in g.passes] == ["distance", "between", "far part", "named site", "direction", "suburbs",
                                          "possessive", "desert", "border", "anaphor"]
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
    # a border the text says a town lies by is the stretch of it by that town, not the border's middle
    param("en", "Herders fled Inates, close to the Malian border, after the raid on Sunday.", "bd.ml-ne@ne.inates",
          id="en-town-close-to-the-border"),
    param("ar", "فر رعاة من إيناتس القريبة من الحدود مع مالي بعد الهجوم يوم الأحد", "bd.ml-ne@ne.inates",
          id="ar-town-close-to-the-border"),
    param("en", "Traders in Tessalit, near the Algerian border, said the road was shut.", "bd.dz-ml@ml.tessalit",
          id="en-town-near-the-border"),
    param("ar", "قال تجار في تساليت قرب الحدود الجزائرية إن الطريق مغلق", "bd.dz-ml@ml.tessalit",
          id="ar-town-near-the-border"),
    # no town by it, or a town the sentence says something else of: the border's own point
    param("en", "Soldiers in Gao said the situation near the border with Niger was calm.", "bd.ml-ne",
          id="en-border-not-by-the-town"),
    param("en", "A convoy left Kidal for the Algerian border on Monday.", "bd.dz-ml", id="en-toward-the-border"),
    param("en", "A convoy drove from Kidal to the Algerian border on Monday.", "bd.dz-ml", id="en-to-the-border"),
    param("ar", "تحركت قافلة من كيدال إلى الحدود الجزائرية يوم الاثنين", "bd.dz-ml", id="ar-to-the-border"),
])
def test_parts_and_anaphors_on_the_real_index(extractor, lang, text, expected):
    got = {e.place_id for e in events(extractor, text, lang)}
    assert expected in got, got


# -- distances, with or without a direction ----------------------------------------------------------------

SABHA = (27.0377, 14.4283)


@pytest.mark.parametrize("lang,text,bearing_deg,km_from,unc", [
    param("ar", "عثر على جثث على بعد 20 كلم من مدينة سبها", None, 0, 20, id="ar-km-from-the-town-of"),
    param("en", "Bodies were found 20 km from Sabha on Monday", None, 0, 20, id="en-km-from"),
    param("en", "A patrol was ambushed 15 kilometres outside Sabha", None, 0, 15, id="en-km-outside"),
    param("ar", "انفجرت عبوة على بعد 12 كيلومترا شمال مدينة سبها", 0, 12, 3, id="ar-km-north-of-the-town-of"),
    param("en", "Gunmen attacked a convoy 12km north of Sabha", 0, 12, 3, id="en-number-and-unit-in-one-word"),
    param("en", "A mine exploded 25 km S of Sabha", 180, 25, 3.75, id="en-compass-letter"),
    param("ar", "سقطت قذائف على بعد 40 كلم إلى الغرب من سبها", 270, 40, 6, id="ar-to-the-west-of"),
    param("en", "Shells landed 2.5 km east of Sabha", 90, 2.5, 3, id="en-decimal-distance"),
])
def test_distances(tiny, lang, text, bearing_deg, km_from, unc):
    (e,) = [e for e in events(tiny, text, lang) if e.kind == "relative"]
    assert km(SABHA, (e.lat, e.lon)) == pytest.approx(km_from, abs=0.2)
    if bearing_deg is not None:
        assert near_bearing(bearing(SABHA, (e.lat, e.lon)), bearing_deg)
    assert e.geo_precision == 2 and e.uncertainty_km == pytest.approx(unc, abs=0.1)


# -- every direction in every form ---------------------------------------------------------------------------

FORMS = {
    # direction: Arabic forms before "طرابلس" / English phrases around "Tripoli"
    0: (["شمال", "شمالي"], ["north of Tripoli", "northern Tripoli", "the north of Tripoli"]),
    45: (["شمال شرق", "شمال شرقي", "شمالي شرق", "الشمال الشرقي من"],
         ["north-east of Tripoli", "northeast of Tripoli", "north-eastern Tripoli", "northeastern Tripoli",
          "northeast Tripoli"]),
    90: (["شرق", "شرقي"], ["east of Tripoli", "eastern Tripoli", "east Tripoli"]),
    135: (["جنوب شرق", "جنوب شرقي", "جنوبي شرقي", "الجنوب الشرقي من"],
          ["south-east of Tripoli", "southeast of Tripoli", "south-eastern Tripoli", "southeastern Tripoli"]),
    180: (["جنوب", "جنوبي"], ["south of Tripoli", "southern Tripoli", "to the south of Tripoli"]),
    225: (["جنوب غرب", "جنوب غربي", "جنوبي غرب", "الجنوب الغربي من"],
          ["south-west of Tripoli", "southwest of Tripoli", "south-western Tripoli", "southwestern Tripoli"]),
    270: (["غرب", "غربي"], ["west of Tripoli", "western Tripoli", "west Tripoli"]),
    315: (["شمال غرب", "شمال غربي", "شمالي غربي", "الشمال الغربي من"],
          ["north-west of Tripoli", "northwest of Tripoli", "north-western Tripoli", "northwestern Tripoli"]),
}
DIRECTION_ROWS = [
    *(param("ar", f"اشتباكات {form} طرابلس", b, id=f"ar-{b}-{form}") for b, (ar, _en) in FORMS.items() for form in ar),
    *(param("en", f"Clashes erupted {form}", b, id=f"en-{b}-{form}") for b, (_ar, en) in FORMS.items() for form in en),
    param("ar", "اشتباكات في الشمال الشرقي لطرابلس", 45, id="ar-noun-and-li-prefix"),
]


@pytest.mark.parametrize("lang,text,bearing_deg", DIRECTION_ROWS)
def test_every_direction_in_every_form(tiny, lang, text, bearing_deg):
    (e,) = [e for e in events(tiny, text, lang) if e.kind == "relative"]
    assert near_bearing(bearing(TRIPOLI, (e.lat, e.lon)), bearing_deg)
    assert 8 <= km(TRIPOLI, (e.lat, e.lon)) <= 15


@pytest.mark.parametrize("lang,text,expected", [
    param("en", "Fighting spread across northern and central Mali", {"ml.part.n", "ml.part.c"}, id="en-two-parts"),
    param("ar", "امتد القتال إلى شمال ووسط مالي", {"ml.part.n", "ml.part.c"}, id="ar-two-parts"),
    param("en", "Clashes were reported in Mali's north on Sunday", {"ml.part.n"}, id="en-possessive-north"),
    param("en", "The eastern part of Libya was flooded", {"ly.part.e"}, id="en-eastern-part-of-a-country"),
    param("ar", "ضربت الفيضانات الجزء الشرقي من ليبيا", {"ly.part.e"}, id="ar-eastern-part-of-a-country"),
    param("ar", "وقعت الاشتباكات في الجنوب الغربي للنيجر", {"ne.part.sw"}, id="ar-noun-and-li-country"),
    param("en", "Insurgents were active in northeast Niger", {"ne.part.ne"}, id="en-compass-word-as-adjective"),
])
def test_parts_of_countries_on_the_real_index(extractor, lang, text, expected):
    got = {e.place_id for e in events(extractor, text, lang)}
    assert expected <= got, got


# -- outskirts, centre and parts of a town -----------------------------------------------------------------

@pytest.mark.parametrize("lang,text,bearing_deg", [
    param("ar", "اشتباكات في الأطراف الشرقية لمدينة سبها", 90, id="ar-eastern-outskirts-of-the-town-of"),
    param("en", "Clashes broke out on the eastern outskirts of Sabha", 90, id="en-eastern-outskirts"),
    param("ar", "سقطت قذيفة على الجزء الغربي من سبها", 270, id="ar-western-part"),
    param("en", "A shell fell on the western part of Sabha", 270, id="en-western-part"),
    param("en", "Shelling hit Sabha's southern suburbs", 180, id="en-possessive-suburbs"),
    param("ar", "دارت معارك عند المدخل الجنوبي لمدينة سبها", 180, id="ar-southern-entrance"),
])
def test_sides_of_a_town(tiny, lang, text, bearing_deg):
    (e,) = [e for e in events(tiny, text, lang) if e.kind == "relative"]
    assert near_bearing(bearing(SABHA, (e.lat, e.lon)), bearing_deg)
    assert 4 <= km(SABHA, (e.lat, e.lon)) <= 10 and e.geo_precision == 2


@pytest.mark.parametrize("lang,text", [
    param("ar", "انفجرت سيارة وسط مدينة سبها", id="ar-centre-of-the-town"),
    param("en", "A car bomb exploded in central Sabha", id="en-central"),
    param("ar", "تدور اشتباكات في أطراف سبها", id="ar-outskirts-without-a-side"),
    param("en", "Clashes broke out on the outskirts of Sabha", id="en-outskirts-without-a-side"),
])
def test_centre_or_edge_without_a_side_is_the_town(tiny, lang, text):
    got = events(tiny, text, lang)
    assert {e.place_id for e in got} == {"ly.sabha"}
    assert any(e.geo_precision == 2 and e.mention != "Sabha" and e.mention != "سبها" for e in got)


# -- sites ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,kind,unc", [
    param("ar", "اقتحم مسلحون معسكر النسور في مدينة سبها", "military-camp", 8, id="ar-named-camp-town-after"),
    param("en", "Gunmen stormed the Nusur camp in Sabha", "military-camp", 8, id="en-named-camp-town-after"),
    param("en", "Gunmen attacked Camp Nusur in Sabha", "military-camp", 8, id="en-camp-then-name"),
    param("ar", "وصلت القوات إلى سبها. ثم اقتحمت سجن الرحمة", "prison", 8, id="ar-prison-in-the-storys-town"),
    param("en", "Troops reached Sabha. Later they stormed the Rahma prison", "prison", 8,
          id="en-prison-in-the-storys-town"),
    param("ar", "أغلق محتجون حقل الريشة النفطي قرب سبها", "oil-field", 30, id="ar-oil-field-with-its-adjective"),
    param("en", "Protesters shut the Risha oil field near Sabha", "oil-field", 30, id="en-oil-field"),
    param("ar", "اندلع إطلاق نار في شارع جمال بمدينة سبها", "street", 8, id="ar-street"),
    param("en", "Gunfire erupted on Jamal Street in Sabha", "street", 8, id="en-street"),
])
def test_a_site_named_by_its_own_name_is_a_point_at_its_town(tiny, lang, text, kind, unc):
    (e,) = [e for e in events(tiny, text, lang) if e.kind == "site"]
    assert e.place_id.startswith(f"ly.sabha/{kind}:") and (e.lat, e.lon) == SABHA
    assert e.geo_precision == 2 and e.uncertainty_km == unc


@pytest.mark.parametrize("lang,text,bearing_deg", [
    param("ar", "اشتباكات عند البوابة الشرقية لمدينة سبها", 90, id="ar-eastern-gate"),
    param("en", "Clashes broke out at the eastern gate of Sabha", 90, id="en-eastern-gate"),
    param("ar", "اشتباكات عند البوابة الجنوبية لمدينة سبها، التي تسمى بوابة النصر", 180, id="ar-gate-and-its-name"),
    param("en", "Clashes broke out at the southern gate of Sabha, known as the Nasr Gate", 180,
          id="en-gate-and-its-name"),
])
def test_a_facility_on_one_side_of_a_town(tiny, lang, text, bearing_deg):
    (e,) = [e for e in events(tiny, text, lang) if e.kind == "site"]  # its other name adds no point
    assert near_bearing(bearing(SABHA, (e.lat, e.lon)), bearing_deg) and 3 <= km(SABHA, (e.lat, e.lon)) <= 6
    assert e.geo_precision == 2


@pytest.mark.parametrize("lang,text", [
    param("ar", "افتتح الجيش معسكر تدريب في سبها", id="ar-a-training-camp"),
    param("ar", "انفجر لغم في حقل ألغام قرب سبها", id="ar-a-minefield"),
    param("ar", "نقلت السلطات السجناء إلى السجن المركزي في سبها", id="ar-adjective-after-the-article"),
    param("ar", "أقام المسلحون بوابة تفتيش في سبها", id="ar-any-checkpoint"),
    param("en", "Recruits left a training camp near Sabha", id="en-lowercase-is-no-name"),
    param("en", "The UNSMIL camp in Sabha was shelled", id="en-an-acronym-is-an-owner"),
    param("en", "Militants Attack Army Camp Near Sabha", id="en-headline"),
    # an article opening the sentence is no name ("A checkpoint" is any checkpoint)
    param("ar", "وصلت القوات إلى سبها. وعززت نقطة تفتيش على الطريق", id="ar-a-checkpoint-with-no-name"),
    param("en", "Troops reached Sabha. A checkpoint on the road stood empty", id="en-sentence-opening-a"),
    param("en", "Troops reached Sabha. An airport nearby stood empty", id="en-sentence-opening-an"),
])
def test_common_words_after_a_facility_word_name_no_site(tiny, lang, text):
    assert {e.place_id for e in events(tiny, text, lang)} == {"ly.sabha"}


@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "اقتحمت قوة مسلحة معسكر التكبالي جنوب العاصمة", "ly.site.takbali-camp", id="ar-curated-camp"),
    param("en", "Detainees were moved to Kuwaifiya prison", "ly.site.kuwaifiya-prison", id="en-curated-prison"),
    param("ar", "هبطت طائرة في مطار طرابلس الدولي", "ly.site.tripoli-international-airport",
          id="ar-the-airport-named-after-the-town"),
])
def test_curated_sites(extractor, lang, text, expected):
    assert expected in {e.place_id for e in events(extractor, text, lang)}


# -- borders and anaphors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    param("en", "Gunmen attacked a village in southern Mali near the border with Guinea", "bd.gn-ml",
          id="en-border-with"),
    param("ar", "هاجم مسلحون قرية في جنوب مالي قرب الحدود مع غينيا", "bd.gn-ml", id="ar-border-with"),
    param("en", "Soldiers patrolled near the Ghanaian border in southern Burkina Faso", "bd.bf-gh",
          id="en-demonym-border"),
    param("ar", "انتشر الجنود قرب الحدود الغانية جنوب بوركينا فاسو", "bd.bf-gh", id="ar-demonym-border"),
])
def test_near_the_border_with(extractor, lang, text, expected):
    assert expected in {e.place_id for e in events(extractor, text, lang)}


@pytest.mark.parametrize("lang,text,expected", [
    param("en", "Troops advanced on the Libyan capital", "ly.tripoli", id="en-the-libyan-capital"),
    param("ar", "تقدمت القوات نحو العاصمة الليبية", "ly.tripoli", id="ar-the-libyan-capital"),
    param("en", "Talks were held in the capital of Chad", "cap:td", id="en-the-capital-of-a-country"),
])
def test_the_capital_of_a_country(tiny, lang, text, expected):
    assert expected in {e.place_id for e in events(tiny, text, lang)}


@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "اتفق وزراء الدفاع على تأمين الحدود بين ليبيا وتشاد والنيجر", "bd.ly-ne-td",
          id="ar-a-named-border-widened-to-a-tripoint"),
    param("en", "Ministers agreed to secure the border between Libya, Chad and Niger", "bd.ly-ne-td",
          id="en-three-countries"),
    param("ar", "تنشط عصابات التهريب في أقصى جنوب البلاد قرب الكفرة", "ly.part.s", id="ar-the-far-south"),
    param("en", "Rebels hold towns in the far north of Mali", "ml.part.n", id="en-the-far-north"),
])
def test_tripoints_and_far_parts(extractor, lang, text, expected):
    assert expected in {e.place_id for e in events(extractor, text, lang)}


@pytest.mark.parametrize("lang,text", [
    param("en", "Lorries queued between Sabratha, Zuwara and the Ras Ajdir crossing.", id="en-three-in-a-list"),
    param("ar", "اصطفت الشاحنات بين صبراتة وزوارة ومعبر راس اجدير", id="ar-three-in-a-list"),
])
def test_between_a_list_of_three_is_no_midpoint(extractor, lang, text):
    evs = events(extractor, text, lang)
    assert not [e for e in evs if e.place_id and "~" in e.place_id], [e.place_id for e in evs]
    assert {"ly.sabratha", "ly.zuwara"} <= {e.place_id for e in evs}


@pytest.mark.parametrize("lang,text,point", [
    param("en", "Gunmen strike south of Sabha\n\nA police post 40 km south of Sabha was attacked on Sunday.",
          "ly.sabha@s40km", id="en-headline-and-body"),
    param("ar", "هجوم مسلح جنوب سبها\n\nهاجم مسلحون بوابة على بعد 50 كم جنوب سبها مساء السبت",
          "ly.sabha@s50km", id="ar-headline-and-body"),
])
def test_a_direction_the_article_measures_takes_the_measured_point(extractor, lang, text, point):
    rel = {e.place_id for e in events(extractor, text, lang) if e.place_id and "@" in e.place_id}
    assert rel == {point}


def test_between_two_towns_joined_by_an_ampersand(extractor):
    evs = events(extractor, "Aid workers were seized between Sabratha & Zuwara.", "en")
    assert "ly.sabratha~ly.zuwara" in {e.place_id for e in evs}


def test_two_directions_stay_two_places(extractor):
    rel = {e.place_id for e in events(extractor, "Clashes south of Sabha and 40 km north of Sabha.", "en")
           if e.place_id and "@" in e.place_id}
    assert rel == {"ly.sabha@s", "ly.sabha@n40km"}


@pytest.mark.parametrize("lang,text,part", [
    param("en", "Police raided houses in Bu Hdima, on the eastern edge of Benghazi, at dawn.", False,
          id="en-comma-on"),
    param("en", "Police raided houses in Ganfouda on the western outskirts of Benghazi.", False, id="en-on"),
    param("ar", "داهمت الشرطة منازل في قنفودة على الأطراف الغربية لبنغازي", False, id="ar-ala"),
    param("ar", "داهمت الشرطة منازل في قنفودة، الأطراف الغربية لبنغازي", False, id="ar-comma"),
    param("en", "Shells fell on the southern outskirts of Tripoli overnight.", True, id="en-no-named-place"),
    param("en", "Clashes hit Tajoura and the southern suburbs of Tripoli.", True, id="en-a-list-not-apposition"),
])
def test_a_part_of_town_after_its_district_only_says_where_it_lies(extractor, lang, text, part):
    got = {e.place_id for e in events(extractor, text, lang)}
    assert any("@" in (x or "") for x in got) == part, got


@pytest.mark.parametrize("lang,text,place", [
    # one suburb followed by its own name is that place (a possessive town first, or the name is itself
    # a part of a town); "the suburbs of X" and "the southern suburb of <a town>" stay parts of X
    param("en", "Gunfire went on in Tripoli's southern suburb of Qasr bin Ghashir.", "ly.qasr-bin-ghashir",
          id="en-possessive-town-then-its-suburb"),
    param("en", "Mortars landed in Tripoli's western suburb of Janzour before dawn.", "ly.tripoli.janzour",
          id="en-possessive-district"),
    param("en", "A convoy was ambushed in the western neighbourhood of Janzour.", "ly.tripoli.janzour",
          id="en-district-named-after-the-noun"),
    param("ar", "سقطت قذائف على ضاحية جنزور غرب العاصمة فجر اليوم", "ly.tripoli.janzour", id="ar-dahiya-district"),
    param("en", "Mortars landed in the western suburbs of Janzour.", "ly.tripoli.janzour@suburbs-w",
          id="en-plural-stays-a-part"),
    param("en", "Fighting reached the southern suburb of Tripoli on Friday.", "ly.tripoli@suburbs-s",
          id="en-singular-of-a-town-stays-a-part"),
    param("ar", "سقطت قذائف على الضاحية الجنوبية لطرابلس ليلا", "ly.tripoli@suburbs-s", id="ar-singular-of-a-town"),
    # a facility of the town an anaphor stands for is that town's facility, as if the town were named
    param("en", "Residents of Tripoli said rockets hit the city's international airport at noon.",
          "ly.site.tripoli-international-airport", id="en-city-s-international-airport"),
    param("ar", "قال سكان في طرابلس إن صواريخ سقطت على مطار العاصمة ظهرا", "ly.site.tripoli-international-airport",
          id="ar-matar-al-asima"),
    param("en", "Traders in Sabha said a drone struck the city's airport overnight.", "ly.site.sabha-airport",
          id="en-city-s-airport"),
    param("ar", "قال تجار في سبها إن طائرة مسيرة قصفت مطار المدينة ليلا", "ly.site.sabha-airport",
          id="ar-matar-al-madina"),
    param("en", "Shells fell on the capital's port on Sunday, dock workers in Tripoli said.", "ly.site.tripoli-port",
          id="en-capital-s-port"),
    # a time of day after a town is no district of it: ظهرا is "at noon", not al-Dahra
    param("ar", "سقطت قذائف على طرابلس ظهرا وأصيب مدنيان", "ly.tripoli", id="ar-noon-is-no-dahra"),
    param("ar", "سقطت قذائف على طرابلس فجرا", "ly.tripoli", id="ar-dawn"),
    param("ar", "سقطت قذائف على حي الظهرة عصرا", "ly.tripoli.dahra", id="ar-dahra-itself"),
    param("en", "Shells fell on Dahra in Tripoli at noon.", "ly.tripoli.dahra", id="en-dahra-itself"),
])
def test_the_event_lands_on_the_place_the_phrase_names(extractor, lang, text, place):
    got = {e.place_id for e in events(extractor, text, lang) if e.event_type}
    assert got == {place}, got
