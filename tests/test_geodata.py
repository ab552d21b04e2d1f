"""Data integrity: every curated row and vocabulary row is valid (dateparser's data test)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conflictmap.geodata.build import (
    ACTOR_TYPES,
    DIRECTIONS,
    ROUGH_BOUNDS,
    check_sources,
    validate_place_row,
)
from conflictmap.geodata.sources import read_rows as _rows
from conflictmap.geodata.sources import source_texts
from conflictmap.geodata.sources import split_cell as _split

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


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for n, t in FILES.items()
                                 if n.startswith("sources/places/") for r in _rows(t)])
def test_place_row(row):
    assert validate_place_row(row) == []
    if row.get("parent"):
        assert row["kind"] in ("district", "site", "region", "city")


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


VOCAB_COLUMNS = {
    "vocab/months.csv": ("name", "lang", "month", "series"),
    "vocab/weekdays.csv": ("name", "lang", "weekday"),
    "vocab/reldates.csv": ("phrase", "lang", "unit", "offset", "precision"),
    "vocab/directions.csv": ("term", "lang", "direction", "role"),
    "vocab/place_cues.csv": ("term", "lang", "strength", "note"),
    "vocab/units.csv": ("term", "lang", "km"),
    "vocab/facilities.csv": ("term", "lang", "facility"),
    "vocab/anaphora.csv": ("term", "lang", "refers"),
    "vocab/person_titles.csv": ("term", "lang", "note"),
}


@pytest.mark.parametrize("name,cols", VOCAB_COLUMNS.items())
def test_vocab_rows(name, cols):
    reader = csv.reader(io.StringIO(FILES[name]))
    header = next(reader)
    assert tuple(header) == cols
    for line in reader:
        assert len(line) == len(cols), line
        row = dict(zip(cols, line, strict=True))
        assert row["lang"] in ("ar", "en")
        term = row[cols[0]]
        assert (row["lang"] == "ar") == is_arabic(term), term
        if name.endswith("months.csv"):
            assert 1 <= int(row["month"]) <= 12
        if name.endswith("weekdays.csv"):
            assert 0 <= int(row["weekday"]) <= 6
        if name.endswith("directions.csv"):
            assert row["direction"] in DIRECTIONS


def test_the_three_arabic_month_series_are_complete():
    series: dict[str, set[int]] = {}
    for r in rows("vocab/months.csv"):
        series.setdefault(r["series"], set()).add(int(r["month"]))
    for s in ("gregorian", "levantine", "libyan"):
        assert series[s] >= set(range(1, 13)) - ({8} if s == "levantine" else set()) or s == "gregorian", s
    assert series["gregorian"] | series["levantine"] == set(range(1, 13))
    assert series["libyan"] == set(range(1, 13))
