"""Data integrity: every curated row and vocabulary row is valid (dateparser's data test)."""

from __future__ import annotations

import re

import pytest
from conflictmap.geodata.build import (
    ACTOR_TYPES,
    ROUGH_BOUNDS,
    check_sources,
    check_vocab,
    validate_place_row,
)
from conflictmap.geodata.sources import read_rows as _rows
from conflictmap.geodata.sources import source_texts
from conflictmap.geodata.sources import split_cell as _split
from conflictmap.geodata.vocab_schema import DIRECTIONS

from conflictmap.core.textnorm import is_arabic, norm_text

FILES = dict(source_texts())


def rows(name: str) -> list[dict[str, str]]:
    return list(_rows(FILES[name]))


def test_every_curated_place_row_is_valid():
    assert check_sources() == []


def test_curated_rows_cover_the_theatre():
    places = [r for n, t in FILES.items() if n.startswith("sources/places/") for r in _rows(t)]
    libya_sahel = [r for r in places if r.get("country") in ("LY", "ML", "NE", "TD", "BF", "SD") or not r.get("country")]
    assert len(libya_sahel) >= 300
    ids = [r["id"] for r in places]
    assert len(ids) == len(set(ids))
    names = {norm_text(n) for r in places for n in (r["name_en"], r["name_ar"], *_split(r.get("variants_ar", "")))}
    # the districts, sites and regions DESIGN.md names
    for must in ("جنزور", "جانزور", "عين زاره", "قصر بن غشير", "وادي الربيع", "خله الفرجان", "معيتيقه", "الوطيه",
                 "راس لانوف", "السدره", "البريقه", "الزويتينه", "الشراره", "قنفوده", "الصابري", "بنينه",
                 "الهلال النفطي", "فزان", "برقه", "جبل نفوسه", "منطقه الساحل"):
        assert must in names, must


def test_every_place_row_is_valid_and_every_bad_row_is_reported():
    """One test over every curated row: it lists every bad row, not the first."""
    bad = {"id": "x.bad", "kind": "village", "country": "LY", "lat": "95", "lon": "13", "name_en": "Bad",
           "name_ar": "Bad"}
    problems = validate_place_row(bad)
    assert any("unknown kind" in p for p in problems) and any("out of range" in p for p in problems)
    assert any("not Arabic" in p for p in problems)
    problems = []
    for name, text in FILES.items():
        if name.startswith("sources/places/"):
            for r in _rows(text):
                problems += [f"{name}: {r.get('id')}: {e}" for e in validate_place_row(r)]
                if r.get("parent") and r["kind"] not in ("district", "site", "region", "city"):
                    problems.append(f"{name}: {r['id']}: a {r['kind']} cannot have a parent")
    assert problems == []


def test_countries():
    rs = rows("sources/countries.csv")
    assert len(rs) >= 190
    isos = [r["iso2"] for r in rs]
    assert len(isos) == len(set(isos))
    for r in rs:
        assert re.fullmatch(r"[A-Z]{2}", r["iso2"]), r
        assert is_arabic(r["name_ar"]), r["iso2"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        if r["iso2"] in ROUGH_BOUNDS:
            b = ROUGH_BOUNDS[r["iso2"]]
            assert b[0] <= float(r["lat"]) <= b[1] and b[2] <= float(r["lon"]) <= b[3], r["iso2"]
            assert b[0] <= float(r["capital_lat"]) <= b[1] and b[2] <= float(r["capital_lon"]) <= b[3], r["iso2"]
    theatre = {r["iso2"] for r in rs if r["theatre"] == "1"}
    assert {"LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF"} <= theatre
    # a demonym names one country only
    seen: dict[str, str] = {}
    for r in rs:
        for d in (*_split(r["demonyms_en"]), *_split(r["demonyms_ar"])):
            k = norm_text(d)
            assert seen.setdefault(k, r["iso2"]) == r["iso2"], f"{d} is a demonym of {seen[k]} and {r['iso2']}"


def test_subregions_and_borders():
    subs = rows("sources/subregions.csv")
    for r in subs:
        assert r["direction"] in DIRECTIONS
    for iso in ("LY", "ML", "NE", "TD", "BF", "SD", "DZ", "TN", "EG"):
        assert {r["direction"] for r in subs if r["country"] == iso} == set(DIRECTIONS), iso
    for r in rows("sources/borders.csv"):
        codes = r["countries"].split()
        assert codes == sorted(codes) and len(codes) in (2, 3), r["id"]


def test_actors():
    rs = rows("sources/actors.csv")
    assert len(rs) >= 60
    assert len({r["id"] for r in rs}) == len(rs)
    assert len({r["name"] for r in rs}) == len(rs)
    owner: dict[str, str] = {}
    for r in rs:
        assert r["type"] in ACTOR_TYPES, r["id"]
        for a in (*_split(r["aliases_en"]), *_split(r["aliases_ar"])):
            k = a if a.isupper() else norm_text(a)
            assert owner.setdefault(k, r["id"]) == r["id"], f"alias {a!r} on {owner[k]} and {r['id']}"
            assert norm_text(a) not in {"الجيش", "الحكومه", "القوات", "army", "government", "forces", "militia"}


def test_every_vocab_file_has_a_schema_and_every_row_is_valid():
    assert check_vocab(list(FILES.items())) == []


@pytest.mark.parametrize("name,text,problem", [
    pytest.param("vocab/units.csv", "term,lang,role,km\nكلم,en,length,1\n", "script does not match", id="script"),
    pytest.param("vocab/units.csv", "term,lang,role,km\nkm,en,width,1\n", "role 'width'", id="role"),
    pytest.param("vocab/units.csv", "term,lang,role,km\nkm,en,length,-1\n", "must be positive", id="value"),
    pytest.param("vocab/units.csv", "term,lang,role\nkm,en,length\n", "header", id="header"),
    pytest.param("vocab/weekdays.csv", "term,lang,role,weekday\nالأحد,ar,weekday,6\nالاحد,ar,weekday,6\n",
                 "listed twice", id="same-after-normalising"),
    pytest.param("vocab/new_words.csv", "term,lang,role\nx,en,y\n", "no schema", id="unknown-file"),
    pytest.param("vocab/units.csv", "term,lang,role,km\n«»,ar,length,1\n", "no letters", id="empty"),
])
def test_vocab_problems_are_named(name, text, problem):
    files = {**FILES, name: text}
    assert any(problem in p for p in check_vocab(list(files.items()))), check_vocab(list(files.items()))


def test_vocab_terms_are_normalised_like_the_text(tiny_index):
    """A list's spelling never decides a match: both are normalised by the one normaliser."""
    v = tiny_index.vocab
    assert norm_text("الأسبوع الماضي") in v.table("reldates")
    assert v.words("place_cues", "noun") and v.words("place_cues", "noun") <= v.words("place_cues")
    assert all(k == norm_text(k) for name in v.tables for k in v.table(name).phrases)


def test_the_three_arabic_month_series_are_complete():
    series: dict[str, set[int]] = {}
    for r in rows("vocab/months.csv"):
        series.setdefault(r["role"], set()).add(int(r["month"]))
    for s in ("gregorian", "levantine", "libyan"):
        assert series[s] >= set(range(1, 13)) - ({8} if s == "levantine" else set()) or s == "gregorian", s
    assert series["gregorian"] | series["levantine"] == set(range(1, 13))
    assert series["libyan"] == set(range(1, 13))


SPELLING_RULES = [(norm_text(r["term"]), r["role"], to) for r in rows("vocab/place_spellings.csv")
                  for to in r["to"].split("|")]


@pytest.mark.parametrize("name,variant", [
    pytest.param("guwarsha", "gwarsha", id="uw-w"),
    pytest.param("qasr ahmad", "qasr ahmed", id="a-e-one-place"),
    pytest.param("qasr ahmad", "gasr ahmad", id="q-g"),
    pytest.param("zawiya", "zawiyah", id="final-ah"),
    pytest.param("kufrah", "kufra", id="final-a"),
    pytest.param("ganfuda", "ganfouda", id="u-ou"),
    pytest.param("djenne", "jenne", id="dj-j"),
    pytest.param("al fornaj", "el fornaj", id="article"),
    pytest.param("zawiya", "zawia", id="iya-ia"),
    # Arabic: a long vowel of a foreign name left out, a final a written with alef
    pytest.param(norm_text("ماداما"), norm_text("مادما"), id="ar-long-a-left-out"),
    pytest.param(norm_text("تينزاواتين"), norm_text("تنزاواتن"), id="ar-every-long-i-left-out"),
    pytest.param(norm_text("مطار بنينة"), norm_text("مطار بنينا"), id="ar-final-alef-for-taa-marbuta"),
])
def test_romanisations_make_the_spellings_outlets_use(name, variant):
    from conflictmap.geodata.build import romanisations

    assert variant in romanisations(name, SPELLING_RULES)


LETTERS = {norm_text(r["term"]): r["to"] for r in rows("vocab/place_spellings.csv") if r["role"] == "letters"}


@pytest.mark.parametrize("name,arabic", [
    # a GeoNames town of the theatre with no Arabic name, written in Arabic letters
    pytest.param("Abalak", "أبالاك", id="first-vowel-on-alef"),
    pytest.param("Tanout", "تانوت", id="ou-is-waw"),
    pytest.param("Séguédine", "سيغيدين", id="gu-and-final-silent-e"),
    pytest.param("Dogondoutchi", "دوغوندوتشي", id="tch"),
    pytest.param("Tessaoua", "تيساوا", id="doubled-consonant-once"),
    pytest.param("Gouré", "غوري", id="final-e-accent-is-read"),
    pytest.param("Kalaban Koro", "كالابان كورو", id="two-words"),
])
def test_arabic_letters_write_a_latin_name(name, arabic):
    from conflictmap.geodata.build import arabic_letters

    assert arabic_letters(name, LETTERS) == norm_text(arabic)


def test_arabic_letters_refuse_what_they_cannot_write():
    from conflictmap.geodata.build import arabic_letters

    assert arabic_letters("Zürich 2", LETTERS) is None


def test_romanisations_leave_out_the_name_itself_and_stubs():
    from conflictmap.geodata.build import romanisations

    got = romanisations("gao", SPELLING_RULES)
    assert "gao" not in got and all(len(v.replace(" ", "")) >= 4 for v in got)
    assert "hun" not in romanisations("houn", SPELLING_RULES)  # too short to be told from a word
    assert "zintani" not in romanisations("zintane", SPELLING_RULES)  # the adjective "of Zintan"
    assert "misrati" not in romanisations("misrata", SPELLING_RULES) | romanisations("misrate", SPELLING_RULES)
    # a letter is left out only inside a word of five letters or more, never its first or last one
    assert norm_text("ابو سلم") not in romanisations(norm_text("ابو سليم"), SPELLING_RULES)
    assert norm_text("مادام") not in romanisations(norm_text("ماداما"), SPELLING_RULES)


def test_a_made_spelling_never_takes_a_name_of_another_place():
    from conflictmap.geodata.build import build_gazetteer

    head = "id,kind,country,lat,lon,radius_km,name_en,name_ar,variants_en,variants_ar,parent,ambiguous,note\n"
    places = head + ("ly.a,city,LY,32.0,20.0,2,Guwarsha,القوارشة,,,,0,test\n"
                     "ly.b,city,LY,30.0,15.0,2,Gwarsha,قوارشة الجنوب,,,,0,test\n"
                     "ly.c,city,LY,31.0,16.0,2,Tawergha,تاورغاء,,,,0,test\n")
    files = [("sources/countries.csv", FILES["sources/countries.csv"]), ("sources/places/t.csv", places),
             ("vocab/place_spellings.csv", FILES["vocab/place_spellings.csv"])]
    g = build_gazetteer(files, with_geonames=False)
    assert [p.id for p, _a in g.lookup("gwarsha")] == ["ly.b"]  # Gwarsha's own name, not Guwarsha's variant
    assert [p.id for p, _a in g.lookup("tawarghah")] == []  # two alternations at once are not made
    assert [p.id for p, _a in g.lookup("tawargha")] == ["ly.c"]
