"""Events the text reports at no place the map can draw (issue 14): kept, unlocated.

"Gunmen abducted a teacher in a hamlet" names a village no gazetteer knows, and "gunmen" belong to no
one country: before, such an event was dropped with its type and toll. It is now an event with no
point (``lat``/``lon`` None, ``geo_precision`` 4, kind ``unlocated``), stored in its own table, in
every export with empty coordinates (a GeoJSON feature with a null geometry), left out of the map,
the incidents and the rollups, and listed by the dashboard under the events table. Where one
country is clear the event stays at that country (precision 3), as before. Every sentence was
written for these tests; the tiny gazetteer (tests/conftest.py) knows a few Libyan places and Chad.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conflictmap.extract.model import UNLOCATED, Article, Event
from conflictmap.extract.store import EventFilter, Store, copy_store

from .conftest import BAT, EXP, VAC

UNPLACED = [
    pytest.param("en", "Unknown gunmen abducted a schoolteacher from his home in a hamlet on Tuesday night.",
                 VAC, None, id="en-abduction-in-an-unknown-hamlet"),
    pytest.param("ar", "اختطف مسلحون مجهولون معلما من منزله في قرية نائية ليل الثلاثاء.",
                 VAC, None, id="ar-abduction-in-an-unknown-village"),
    pytest.param("en", "A roadside bomb tore through a minibus on a desert track, killing four passengers.",
                 EXP, 4, id="en-roadside-bomb-no-place"),
    pytest.param("ar", "انفجرت عبوة ناسفة بحافلة صغيرة على طريق صحراوي ما أدى إلى مقتل أربعة ركاب.",
                 EXP, 4, id="ar-roadside-bomb-no-place"),
    pytest.param("en", "Two rival militias fought for hours over a well in Wadi Tamanrasset; three fighters died.",
                 BAT, 3, id="en-clash-at-a-place-the-gazetteer-lacks"),
]


@pytest.mark.parametrize("lang, text, etype, killed", UNPLACED)
def test_an_event_the_text_places_nowhere_is_kept_without_a_point(ex, lang, text, etype, killed) -> None:
    evs = ex.extract(Article(id="u", text=text, language=lang, published="2024-05-08"))
    assert len(evs) == 1, [(e.place_name, e.event_type) for e in evs]
    e = evs[0]
    assert (e.lat, e.lon, e.geo_precision, e.kind, e.place_id, e.country) == (None, None, UNLOCATED, "unlocated", "", None)
    assert e.event_type == etype and e.fatalities == killed
    assert e.event_date is not None and e.snippet  # dated and quoted like any other event


NAMED = [
    # the name the text gives an unplaced event's place labels it (what a supplementary gazetteer lacks)
    pytest.param("en", "Gunmen stormed the village of Kourabéné overnight and abducted a nurse.", "Kourabéné",
                 id="en-village-of-x"),
    pytest.param("ar", "اقتحم مسلحون قرية كورابيني ليلا واختطفوا ممرضا.", "كورابيني", id="ar-cue-noun-x"),
    pytest.param("en", "Unknown gunmen killed two herders in Tindiamba, according to a local official.", "Tindiamba",
                 id="en-in-x-comma"),
    pytest.param("en", "Unknown gunmen killed two herders near Tindiamba village on Monday.", "Tindiamba",
                 id="en-x-village"),
    pytest.param("en", "Unknown gunmen killed two herders on Monday.", "", id="en-no-name"),
    pytest.param("en", "Unknown gunmen abducted a schoolteacher in March, his family said.", "", id="en-month-no-name"),
    pytest.param("en", "Unknown gunmen abducted a schoolteacher in Ramadan, his family said.", "",
                 id="en-season-no-name"),
]


@pytest.mark.parametrize("lang, text, name", NAMED)
def test_an_unlocated_event_carries_the_name_the_text_gives_its_place(ex, lang, text, name) -> None:
    evs = ex.extract(Article(id="n", text=text, language=lang, published="2024-05-08"))
    assert [(e.geo_precision, e.place_name) for e in evs] == [(UNLOCATED, name)]


PLACED_OR_NONE = [
    # one country is clear: the event is drawn at that country, as before
    pytest.param("en", "Chadian soldiers clashed with rebels near a remote oasis, the army said.",
                 [(3, "Chad")], id="en-actors-of-one-country"),
    pytest.param("ar", "اشتبك جنود الجيش التشادي مع متمردين قرب واحة نائية.", [(3, "Chad")], id="ar-demonym-country"),
    # a place the text names: the event is there, and nothing is added unlocated
    pytest.param("en", "Gunmen abducted a pharmacist in Sabha on Sunday.", [(1, "Sabha")], id="en-known-place"),
    pytest.param("ar", "اختطف مسلحون صيدليا في سبها يوم الأحد.", [(1, "Sabha")], id="ar-known-place"),
    # no event at all: nothing to keep
    pytest.param("en", "The minister warned that gunmen might attack remote villages.", [], id="en-threat"),
    pytest.param("ar", "حذر الوزير من أن مسلحين قد يهاجمون قرى نائية.", [], id="ar-threat"),
]


@pytest.mark.parametrize("lang, text, want", PLACED_OR_NONE)
def test_a_clear_country_or_a_named_place_still_places_the_event(ex, lang, text, want) -> None:
    evs = [e for e in ex.extract(Article(id="p", text=text, language=lang, published="2024-05-08")) if e.event_type]
    assert [(e.geo_precision, e.place_name) for e in evs] == want
    assert all(e.lat is not None for e in evs)


# -- the store, the exports ----------------------------------------------------------------------------

def _events(article_id: str, *, unlocated: int = 1, located: int = 1, etype: str = VAC) -> list[Event]:
    out = []
    for k in range(located):
        out.append(Event(event_id=f"{article_id}:{k}", article_id=article_id, mention="Sabha", start=k, end=k + 5,
                         place_name="Sabha", place_id="ly.sabha", kind="city", lat=27.04, lon=14.43, geo_precision=1,
                         uncertainty_km=8.0, snippet="Gunmen attacked a shop in Sabha.", event_date="2024-05-07",
                         date_precision="day", date_basis="published", actors=["Chad"], language="en",
                         event_type=etype, sub_event_type="Attack", fatalities=1))
    for k in range(unlocated):
        out.append(Event(event_id=f"{article_id}:u{k}", article_id=article_id, mention="abducted", start=100 + k,
                         end=108 + k, place_name="", place_id="", kind="unlocated", lat=None, lon=None,
                         geo_precision=UNLOCATED, uncertainty_km=0.0, snippet="Gunmen abducted a teacher in a hamlet.",
                         event_date="2024-05-06", date_precision="day", date_basis="relative",
                         actors=["Libyan National Army (LNA, Haftar)"], language="en", event_type=VAC,
                         sub_event_type="Abduction/forced disappearance"))
    return out


def _art(article_id: str, text: str = "Gunmen abducted a teacher in a hamlet.") -> Article:
    return Article(id=article_id, text=text, language="en", published="2024-05-08")


def test_store_keeps_unlocated_events_apart_and_replaces_them_with_their_article(store_url: str) -> None:
    s = Store(store_url)
    s.save_batch([(_art("a"), _events("a", unlocated=2)), (_art("b"), _events("b", unlocated=0))])
    assert s.counts() == {"articles": 2, "events": 2, "undated_events": 0, "unlocated_events": 2}
    got = list(s.iter_events())
    assert [(e["event_id"], e["lat"], e["geo_precision"]) for e in got] == [
        ("a:0", 27.04, 1), ("b:0", 27.04, 1), ("a:u0", None, UNLOCATED), ("a:u1", None, UNLOCATED)]
    assert got[2]["actors"] == ["Libyan National Army (LNA, Haftar)"]
    # the article again, with other content: its unlocated events are replaced, not added
    s.save_batch([(_art("a", "Gunmen abducted two teachers in a hamlet."), _events("a", unlocated=1))])
    assert s.counts()["unlocated_events"] == 1
    # none of them is an incident or a place
    with s.engine.connect() as conn:
        import sqlalchemy as sa

        assert conn.execute(sa.text("SELECT count(*) FROM places WHERE place_id = ''")).scalar() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM unlocated_events WHERE incident_id IS NOT NULL")).scalar() == 0
    s.close()


@pytest.mark.parametrize("flt, want", [
    pytest.param(EventFilter(), {"a:0", "a:u0"}, id="no-filter"),
    pytest.param(EventFilter(bbox=(-20.0, -10.0, 40.0, 40.0)), {"a:0"}, id="a-map-area-holds-no-unlocated-event"),
    pytest.param(EventFilter(countries=["LY"]), set(), id="a-country-holds-none-either"),
    pytest.param(EventFilter(date_from="2024-05-07"), {"a:0"}, id="date-window"),
    pytest.param(EventFilter(actors=["Libyan National Army (LNA, Haftar)"]), {"a:u0"}, id="actor"),
    pytest.param(EventFilter(actors=["Chad"]), {"a:0"}, id="other-actor"),
    pytest.param(EventFilter(event_types=[BAT]), set(), id="event-type"),
])
def test_export_filters_apply_to_unlocated_events(tmp_path: Path, flt: EventFilter, want: set[str]) -> None:
    s = Store(tmp_path / "s.db")
    s.save_batch([(_art("a"), _events("a"))])
    assert {e["event_id"] for e in s.iter_events(flt)} == want


def test_every_export_format_carries_an_unlocated_event_without_coordinates(tmp_path: Path, cli) -> None:
    import geopandas as gpd

    db = tmp_path / "s.db"
    s = Store(db)
    s.save_batch([(_art("a"), _events("a"))])
    s.close()
    for fmt in ("jsonl", "csv", "geojson", "parquet"):
        assert cli(["export", "--db", str(db), "--format", fmt, "--output", str(tmp_path / f"e.{fmt}")]) == 0
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["event_id"], r["lat"], r["lon"], r["geo_precision"]) for r in rows] == [
        ("a:0", 27.04, 14.43, 1), ("a:u0", None, None, UNLOCATED)]
    csv_text = (tmp_path / "e.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_text) == 3 and ",,4," in csv_text[2]  # latitude and longitude empty, geo_precision 4
    feats = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["geometry"] for f in feats] == [{"type": "Point", "coordinates": [14.43, 27.04]}, None]
    gdf = gpd.read_parquet(io.BytesIO((tmp_path / "e.parquet").read_bytes()))
    assert gdf.geometry.isna().tolist() == [False, True]


def test_copy_store_copies_unlocated_events(tmp_path: Path) -> None:
    src, dst = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    src.save_batch([(_art("a"), _events("a", unlocated=2))])
    summary = copy_store(src, dst)
    assert summary.events == 3 and dst.counts()["unlocated_events"] == 2
    assert list(dst.iter_events()) == list(src.iter_events())


def test_a_store_written_before_unlocated_events_reads_as_having_none(tmp_path: Path) -> None:
    import sqlalchemy as sa

    db = tmp_path / "old.db"
    s = Store(db)
    s.save_batch([(_art("a"), _events("a", unlocated=0))])
    with s.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE unlocated_events"))
    s.close()
    ro = Store(db, create=False)
    assert not ro.has_unlocated and [e["event_id"] for e in ro.iter_events()] == ["a:0"]
    assert ro.counts()["unlocated_events"] == 0
    ro.close()
    rw = Store(db)  # a writable open adds the table in place
    assert rw.has_unlocated
    rw.save_batch([(_art("b"), _events("b"))])
    assert rw.counts()["unlocated_events"] == 1


def test_the_dashboard_lists_a_views_unlocated_events(tmp_path: Path) -> None:
    from datetime import date

    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    s = Store(tmp_path / "s.db")
    s.save_batch([(_art("a"), _events("a", unlocated=2)), (_art("b"), [replace(e, event_type=BAT, sub_event_type="Armed clash")
                                                                       for e in _events("b", located=0)])])
    n, table = D.unlocated_table(s.engine, ViewState(), limit=10)
    assert n == 3 and set(table["event_id"]) == {"a:u0", "a:u1", "b:u0"}
    assert D.unlocated_table(s.engine, ViewState(event_types=(BAT,)), limit=10)[0] == 1
    assert D.unlocated_table(s.engine, ViewState(countries=("LY",)), limit=10)[0] == 0  # no country to match
    assert D.unlocated_table(s.engine, ViewState(date_from=date(2024, 5, 7)), limit=10)[0] == 0
    assert D.unlocated_table(s.engine, ViewState(q="hamlet"), limit=1)[0] == 3
    assert len(D.unlocated_table(s.engine, ViewState(), limit=1)[1]) == 1
