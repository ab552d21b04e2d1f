"""The SQL layer and the map it feeds (no Streamlit)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conflictmap.dashboard import data as D
from conflictmap.dashboard import export
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard.filters import ViewState

ALL = ViewState(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))


@pytest.fixture(scope="module")
def engine(small_store: Path):
    store = D.open_store(str(small_store))
    yield store.engine
    store.close()


def test_summary(engine) -> None:
    s = D.summary(engine)
    assert (s.n_articles, s.n_events, s.n_undated) == (17, 22, 1)
    assert (s.min_date, s.max_date) == (date(2019, 3, 1), date(2019, 5, 30))


def test_filters_narrow_the_events(engine) -> None:
    everything = D.count_events(engine, replace(ALL, precisions=(1, 2, 3)))
    assert everything == 21  # the undated one is outside every window
    assert D.count_events(engine, replace(ALL, precisions=(1, 2, 3), undated=True)) == 22
    assert D.count_events(engine, ALL) == 19  # two country-level mentions hidden by default
    assert D.count_events(engine, replace(ALL, actors=("JNIM",))) == 2
    assert D.count_events(engine, replace(ALL, countries=("ML",))) == 2
    assert D.count_events(engine, replace(ALL, places=("test:tripoli",))) == 8
    assert D.count_events(engine, replace(ALL, languages=("ar",))) == 7
    assert D.count_events(engine, replace(ALL, sources=("example.org",))) == 10
    assert D.count_events(engine, replace(ALL, q="gharyan")) == 2
    assert D.count_events(engine, replace(ALL, q="غريان")) == 0  # the Arabic articles never name it
    assert D.count_events(engine, replace(ALL, q="100%_")) == 0  # LIKE wildcards are literal
    assert D.count_events(engine, replace(ALL, date_from=date(2019, 5, 1))) == 7


def test_place_aggregates_count_distinct_articles(engine) -> None:
    places = D.place_aggregates(engine, ALL).set_index("place_id")
    assert places.loc["test:tripoli", "n_events"] == 8
    assert places.loc["test:tripoli", "n_articles"] == 8
    assert places.loc["test:tripoli", "place_name_ar"] == "طرابلس"
    assert "test:libya" not in places.index


def test_actor_counts_and_dominant_actor(engine) -> None:
    pa = D.place_actor_counts(engine, ALL)
    assert pa["test:gao"] == [("JNIM", 2)]
    assert MV.dominant_actor(pa["test:ainzara"]) in ("LNA", "GNA")
    assert MV.dominant_actor(pa["test:ainzara"], ("GNA",)) == "GNA"
    totals = dict(D.actor_totals_from(pa))
    assert totals == dict(zip(*[D.actor_totals(engine, ALL)[c] for c in ("actor", "n")], strict=True))


def test_recent_events_per_place_newest_first(engine) -> None:
    rec = D.place_recent_events(engine, ALL, 2)
    trip = rec["test:tripoli"]
    assert len(trip) == 2 and trip[0]["event_date"] >= trip[1]["event_date"]
    assert isinstance(trip[0]["actors"], list)


@pytest.mark.parametrize("view", [
    pytest.param(replace(ALL, precisions=(1, 2, 3), undated=True), id="undated-last"),
    pytest.param(ALL, id="window"),
    pytest.param(replace(ALL, actors=("LNA", "GNA")), id="actors"),
])
@pytest.mark.parametrize("per_place", [1, 2, 5])
def test_recent_events_match_a_ranking_of_every_event(engine, view: ViewState, per_place: int) -> None:
    """The database's ranking (SQLite: row_number over the narrow rows) keeps exactly the events a
    sort of the view's every event keeps: newest first, undated last, then the larger event id."""
    by_place: dict[str, list[tuple[bool, str, str]]] = {}
    for ev in D.iter_view_events(engine, view):
        by_place.setdefault(ev["place_id"], []).append((ev["event_date"] is not None, ev["event_date"] or "",
                                                        ev["event_id"]))
    expected = {pid: [eid for _d, _day, eid in sorted(keys, reverse=True)[:per_place]]
                for pid, keys in by_place.items()}
    assert any(len(keys) > per_place for keys in by_place.values())  # some place has events left out
    got = D.place_recent_events(engine, view, per_place)
    assert {pid: [e["event_id"] for e in lst] for pid, lst in got.items()} == expected
    assert [e["rn"] for lst in got.values() for e in lst] == [i + 1 for lst in got.values() for i in range(len(lst))]
    # the map's places given: SQLite's seek per place through its recent-events index, the same events
    assert D.backend(engine).recent_index
    assert D.place_recent_events(engine, view, per_place, sorted(by_place)) == got
    some = sorted(by_place)[::2]
    assert D.place_recent_events(engine, view, per_place, some) == {p: got[p] for p in some if p in got}


def test_timeline_and_table(engine) -> None:
    tl = D.timeline_counts(engine, ALL)
    assert set(tl.columns) == {"event_date", "actor", "n"}
    assert D.NO_ACTOR in set(tl["actor"])
    t = D.events_table(engine, ALL, 5)
    assert len(t) == 5 and list(t["event_date"]) == sorted(t["event_date"], reverse=True)


def test_facets_count_within_the_window(engine) -> None:
    df = D.facet_counts(engine, ViewState(date_from=date(2019, 5, 1), date_to=date(2019, 5, 31)), "actor")
    counts = dict(zip(df["value"], df["n"], strict=True))
    assert counts["GNA"] >= 1 and "JNIM" in counts


def test_map_has_one_marker_per_incident_and_escaped_popups(engine) -> None:
    data = MV.load_map_data(engine, ALL)
    built = MV.build_map(data, ALL, MV.MapOptions(asset_base="/app/static/vendor"), data.actor_order())
    assert data.incidents is not None
    assert built.mode == "incidents" and built.n_markers == len(data.incidents) == D.count_incidents(engine, ALL)
    payload = MV.map_payload(built.map)
    assert payload["js_links"] == ["/app/static/vendor/leaflet.js", "/app/static/vendor/leaflet.markercluster.js"]
    assert all(u.startswith("/app/static/vendor/") for u in payload["css_links"])
    assert "cdn" not in payload["script"] + payload["header"]
    assert "<" not in payload["script"].split("var rows = ", 1)[1].split(";\n", 1)[0]  # the data: no '<' at all
    # a popup is data, built in the browser when it opens: the first report's sentence and mention
    snips = [r[6][13] for r in _rows_of(payload) if r[6][0] == "i" and r[6][13]]
    assert any("Tripoli" in text and mention == "Tripoli" for text, mention, _lang in snips)


def test_too_many_incidents_fall_back_to_one_marker_per_place(monkeypatch: pytest.MonkeyPatch, engine) -> None:
    monkeypatch.setattr(MV, "MAX_INCIDENTS", 3)
    data = MV.load_map_data(engine, ALL)
    built = MV.build_map(data, ALL, MV.MapOptions(), data.actor_order())
    assert data.incidents is None
    assert built.mode == "places" and built.n_markers == len(data.places) == 6
    payload = MV.map_payload(built.map)
    popups = [r[6] for r in _rows_of(payload)]
    assert {p[0] for p in popups} == {"p"} and {p[1] for p in popups} >= {"Tripoli"}
    tripoli = next(p for p in popups if p[1] == "Tripoli")
    assert tripoli[14] and all(snip[4] == "Tripoli" or snip[4] for snip in tripoli[14])  # recent reports, mentions
    assert "Main event type at the place" in payload["script"]


def test_precision_three_drawn_as_rings(engine) -> None:
    view = replace(ALL, precisions=(1, 2, 3))
    data = MV.load_map_data(engine, view)
    rows, legend = MV.place_rows(data, view, MV.MapOptions(), data.actor_order())
    wide = [r for r in rows if r[4] == 1]
    assert len(wide) == 1 and legend.wide


def test_grid_mode_when_too_many_places(monkeypatch: pytest.MonkeyPatch, engine) -> None:
    monkeypatch.setattr(MV, "MAX_PLACES", 3)
    data = MV.load_map_data(engine, ALL)
    assert data.mode == "grid"
    built = MV.build_map(data, ALL, MV.MapOptions(), data.actor_order())
    assert built.mode == "grid" and built.n_markers <= len(data.places) and built.grid_deg


def test_colour_by_kind(engine) -> None:
    data = MV.load_map_data(engine, ALL)
    _rows, legend = MV.place_rows(data, ALL, MV.MapOptions(color_by="kind"), [])
    assert legend.title == "Kind of place" and {c for _l, c in legend.entries} <= set(MV.KIND_COLORS.values())


def test_links_in_popups(engine) -> None:
    data = MV.load_map_data(engine, ALL)
    rows, _ = MV.incident_rows(data, ALL, MV.MapOptions(), data.actor_order())
    urls = [item[2] for r in rows for item in r[6][14]]  # each report's article URL, checked here
    assert any(u and u.startswith("https://news.example.org/") for u in urls)
    assert None in urls  # records without a web address: the popup links the app's article page
    assert all(r[6][16].startswith("/?") for r in rows)  # the incident's reports in the table
    assert MV.popup_links("", ALL) == ["", MV.place_link("", "", ALL)]
    assert MV.popup_links("/sub/", ALL)[0] == "/sub"


def _rows_of(payload: dict) -> list:
    return json.loads(payload["script"].split("var rows = ", 1)[1].split(";\n", 1)[0])


def test_hostile_store_is_inert_everywhere(hostile_store: Path) -> None:
    store = D.open_store(str(hostile_store))
    view = ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    data = MV.load_map_data(store.engine, view)
    built = MV.build_map(data, view, MV.MapOptions(), data.actor_order())
    payload = MV.map_payload(built.map)
    script = payload["script"]
    for bad in ("${", "`", "<script", "</script", "<img", "<svg", "javascript:", "{{", "{%", "data:text"):
        assert bad not in script.lower(), bad
    rows, legend = MV.place_rows(data, view, MV.MapOptions(), data.actor_order())
    for r in rows:
        assert "<script" not in r[5] and "<img" not in r[5] and "<svg" not in r[5]  # the tooltip: HTML
        # the popup: text the browser inserts as text, links only to URLs checked here
        assert all(a[2] is None or a[2].startswith(("https://", "http://")) for a in r[6][15])
    irows, _ = MV.incident_rows(data, view, MV.MapOptions(), data.actor_order())
    urls = [item[2] for r in irows for item in r[6][14]]
    assert any(u for u in urls) and all(u is None or u.startswith("https://ok.example.org/") for u in urls)
    assert "<script" not in legend.html() and "${" not in legend.html()
    # the selected-row popup too
    table = D.events_table(store.engine, view, 50)
    for row in table.to_dict("records"):
        html = MV.event_popup(type("R", (), row), MV.MapOptions())
        assert "<script" not in html and "$" not in html and "`" not in html
    store.close()


def test_exports(engine) -> None:
    rows = list(D.iter_view_events(engine, ALL))
    assert len(rows) == 19
    csv = export.to_csv(rows).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("event_id,article_id") and "طرابلس" in csv
    gj = json.loads(export.to_geojson(rows))
    assert len(gj["features"]) == 19 and gj["features"][0]["geometry"]["type"] == "Point"
    df = pd.read_csv(__import__("io").StringIO(csv))
    assert set(df["geo_precision"]) <= {1, 2}


def test_open_store_errors_are_clear(tmp_path: Path, broken_store: Path) -> None:
    with pytest.raises(D.DataError, match="no database"):
        D.open_store(str(tmp_path / "missing.db"))
    with pytest.raises(D.DataError):
        D.open_store(str(broken_store))
    with pytest.raises(D.DataError) as err:
        D.open_store("postgresql://user:s3cret@127.0.0.1:1/none")
    assert "s3cret" not in str(err.value)


def test_choose_db_order(tmp_path: Path) -> None:
    demo = str(tmp_path / "demo.db")
    assert D.choose_db("sqlite:///a.db", {"CONFLICTMAP_DB": "b.db"}, demo).origin == "secrets"
    c = D.choose_db(None, {"CONFLICTMAP_DB": "b.db"}, demo)
    assert c.origin == "env" and c.url.startswith("sqlite:////")
    assert D.choose_db(None, {}, demo) == D.DbChoice("sqlite:///" + demo, "demo")
    assert D.secrets_url({"conflictmap": {"url": "postgresql://x/y"}}) == "postgresql://x/y"
    built = D.secrets_url({"conflictmap": {"dialect": "postgresql", "host": "db", "port": 5432, "database": "cm",
                                           "username": "u", "password": "p"}})
    assert built == "postgresql://u:p@db:5432/cm"
    assert D.secrets_url({"other": {"url": "x"}}) is None


def test_density_counts_every_event_once_per_zoom(engine) -> None:
    data = MV.load_map_data(engine, ALL)
    built = MV.build_map(data, ALL, MV.MapOptions(density="hex"), data.actor_order())
    assert built.mode == "hex" and built.left_out == 0
    levels, names, left_out = MV.density_rows(data, ALL, MV.MapOptions())
    assert left_out == 0
    total = int(data.places["n_events"].sum())
    for zoom, _size, bounds, hexes in levels:
        assert sum(h[2] for h in hexes) == total, zoom  # every event in exactly one hexagon
        assert sum(h[3] for h in hexes) == len(data.places)
        assert bounds == sorted(bounds) and all(0 <= h[4] < len(bounds) for h in hexes)
    # coarse zooms merge places, fine zooms keep them apart
    assert len(levels[0][3]) < len(levels[-1][3]) == len(data.places)
    assert {n[0] for n in names} >= {"Tripoli", "Gao"}
    assert all(n[1].startswith("/?") and "place=test%3A" in n[1] for n in names)


def test_density_leaves_out_region_level_places_and_says_so(engine) -> None:
    view = replace(ALL, precisions=(1, 2, 3))
    data = MV.load_map_data(engine, view)
    levels, _names, left_out = MV.density_rows(data, view, MV.MapOptions())
    assert left_out == 2  # the two country-level mentions of Libya
    assert sum(h[2] for h in levels[0][3]) == D.count_events(engine, view) - 2


def test_density_of_the_hostile_store_is_inert(hostile_store: Path) -> None:
    store = D.open_store(str(hostile_store))
    view = ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    data = MV.load_map_data(store.engine, view)
    built = MV.build_map(data, view, MV.MapOptions(density="hex"), data.actor_order())
    script = MV.map_payload(built.map)["script"]
    for bad in ("${", "`", "<script", "</script", "<img", "<svg", "javascript:", "{{", "{%"):
        assert bad not in script.lower(), bad
    store.close()


def test_known_values_look_at_every_date(engine) -> None:
    assert D.known_values(engine, "actor", ["LNA", "JNIM", "Nobody"]) == {"LNA", "JNIM"}
    assert D.known_values(engine, "place", ["test:gao", "test:nowhere"]) == {"test:gao"}
    assert D.known_values(engine, "country", ["ML", "FR"]) == {"ML"}
    assert D.known_values(engine, "source", ["example.org", "nope.example"]) == {"example.org"}
    assert D.known_values(engine, "lang", ["ar", "fr"]) == {"ar"}
    assert D.known_values(engine, "actor", []) == set()


def test_base_map_layer_in_the_payload() -> None:
    view = ALL
    m = MV.base_map(MV.MapOptions(basemap="outline", basemap_url="/component/x"), None)
    script = MV.map_payload(m)["script"]
    assert "window.cmBasemap(map_div," in script
    assert '"outline"' in script and "/component/x/basemap-lo.json?v=" in script
    assert "tile.openstreetmap.org" not in script  # the outline asks nothing of the internet
    m = MV.base_map(MV.MapOptions(basemap="streets", basemap_url="/component/x"), None)
    assert "tile.openstreetmap.org" in MV.map_payload(m)["script"]
    assert view.basemap == "streets"


def test_density_hexagons_carry_their_main_actor(engine) -> None:
    data = MV.load_map_data(engine, ALL)
    cats = data.actor_order()
    levels, names, _ = MV.density_rows(data, ALL, MV.MapOptions(), cats)
    finest = levels[-1][3]
    gao = next(h for h in finest if names[h[6][0]][0] == "Gao")
    assert cats[gao[5]] == "JNIM"
    sabha = next(h for h in finest if names[h[6][0]][0] == "Sabha")
    assert cats[sabha[5]] == "LNA"  # of Sabha's two events one names LNA, the other no one


# -- events, incidents and mentions --------------------------------------------------------------
JUNE = ViewState(date_from=date(2021, 6, 1), date_to=date(2021, 6, 30))


@pytest.fixture(scope="module")
def ev_engine(events_store: Path):
    store = D.open_store(str(events_store))
    yield store.engine
    store.close()


@pytest.mark.parametrize(("view", "places", "incidents", "reports", "dead"), [
    pytest.param(JUNE, 5, 3, 5, 7, id="everything"),
    pytest.param(replace(JUNE, include_mentions=False), 3, 3, 5, 7, id="events-only"),
    pytest.param(replace(JUNE, mentions_only=True), 2, 0, 0, 0, id="mentions-only"),
    pytest.param(replace(JUNE, event_types=("Explosions/Remote violence",), include_mentions=False), 1, 1, 3, 5,
                 id="strikes"),
    pytest.param(replace(JUNE, event_types=("Protests", "Battles"), include_mentions=False), 2, 2, 2, 2,
                 id="protests-and-battles"),
])
def test_types_and_mentions_select_places_and_incidents(ev_engine, view: ViewState, places: int, incidents: int,
                                                        reports: int, dead: int) -> None:
    assert len(D.place_aggregates(ev_engine, view)) == places
    t = D.incident_totals(ev_engine, view)
    assert (t.n_incidents, t.n_reports, t.fatalities) == (incidents, reports, dead)
    assert t.n_incidents == D.count_incidents(ev_engine, view)


@pytest.mark.parametrize("view", [
    pytest.param(JUNE, id="a month"),
    pytest.param(replace(JUNE, include_mentions=False), id="events-only"),
    pytest.param(replace(JUNE, event_types=("Explosions/Remote violence",)), id="one type"),
    pytest.param(replace(JUNE, precisions=(1,)), id="exact places"),
    pytest.param(ViewState(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), undated=True), id="a year, undated"),
    pytest.param(ViewState(date_from=date(2019, 1, 1), date_to=date(2019, 1, 31)), id="no incidents"),
])
def test_incident_totals_added_up_from_the_places_equal_the_scan(ev_engine, view: ViewState) -> None:
    fast = D.incident_totals_from_places(ev_engine, view, D.place_aggregates(ev_engine, view))
    slow = D.incident_totals(ev_engine, view)
    assert fast is not None
    assert (fast.n_incidents, fast.n_reports, fast.fatalities, fast.any_with_fatalities) == (
        slow.n_incidents, slow.n_reports, slow.fatalities, slow.any_with_fatalities)


@pytest.mark.parametrize("view", [
    pytest.param(replace(JUNE, actors=("LNA",)), id="an actor"),
    pytest.param(replace(JUNE, sources=("example.org",)), id="an outlet"),
    pytest.param(replace(JUNE, q="clash"), id="a search"),
])
def test_incident_totals_are_not_added_up_where_a_report_other_than_the_anchor_decides(
        ev_engine, view: ViewState) -> None:
    assert D.incident_totals_from_places(ev_engine, view, D.place_aggregates(ev_engine, view)) is None


@pytest.mark.parametrize("actors", [("LNA",), ("JNIM",), ("LNA", "JNIM"), ("nobody at all",)])
def test_incidents_of_an_actor_through_its_index_are_those_naming_it(ev_engine, actors: tuple[str, ...]) -> None:
    from sqlalchemy import func, select

    view = replace(ViewState(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), undated=True), actors=actors)
    with ev_engine.connect() as conn:
        def ids(by_index: bool) -> list[str]:
            conds = D.incident_conditions(view, D.backend(ev_engine), by_actor_index=by_index)
            return sorted(conn.execute(select(D.incidents.c.incident_id).where(*conds)).scalars())
        fast, slow = ids(True), ids(False)
        total = conn.execute(select(func.count()).select_from(D.incidents)).scalar_one()
    assert fast == slow
    assert total > len(slow) > 0 or actors == ("nobody at all",)  # a real selection, not all or nothing


@pytest.mark.parametrize("window", [(date(2019, 5, 1), date(2019, 5, 1)), (date(2019, 4, 3), date(2019, 5, 20)),
                                    (None, None)])
def test_a_country_in_a_window_is_read_through_the_window_index(engine, window: tuple) -> None:
    from sqlalchemy import func, select, text

    view = ViewState(date_from=window[0], date_to=window[1], countries=("LY",), precisions=(1, 2, 3), undated=True)
    stmt = select(func.count()).select_from(D.events).where(*D.conditions(view, D.backend(engine)))
    with engine.connect() as conn:
        n = conn.execute(stmt).scalar_one()
        plan = " ".join(r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + str(
            stmt.compile(engine, compile_kwargs={"literal_binds": True})))))
        every = conn.execute(select(D.events.c.event_date, D.events.c.country)).all()
    lo, hi = (d.isoformat() if d else None for d in window)
    assert n == sum(1 for day, c in every if c == "LY" and (
        day is None or ((lo is None or day >= lo) and (hi is None or day <= hi)))) > 0
    assert ("ix_events_country" in plan) == (window == (None, None)), plan  # a window: never the country index


def test_place_type_counts_from_rollups_equal_the_events(engine, ev_engine) -> None:
    for eng, view in ((engine, replace(ALL, precisions=(1, 2, 3), undated=True)), (ev_engine, JUNE),
                      (engine, ViewState(date_from=date(2019, 2, 27), date_to=date(2019, 5, 2)))):
        fast = D.place_type_counts(eng, view)
        assert fast == D.place_type_counts(eng, view, use_rollups=False)
        assert sum(n for lst in fast.values() for _t, n in lst) == D.count_events(eng, view)
    counts = D.place_type_counts(ev_engine, JUNE)
    assert counts["test:gao"] == [("Explosions/Remote violence", 3)] and counts["test:sabha"] == [(None, 1)]


def test_reports_of_incidents_first_report_first(ev_engine) -> None:
    inc = D.incidents_in_view(ev_engine, JUNE)
    strike = inc[inc["event_type"] == "Explosions/Remote violence"].iloc[0]
    reports = D.reports_of_incidents(ev_engine, inc["incident_id"].tolist())
    assert set(reports) == set(inc["incident_id"])
    rows = reports[strike["incident_id"]]
    assert [r["published"] for r in rows] == ["2021-06-10", "2021-06-10", "2021-06-11"]
    assert rows[-1]["source"] == "akhbar.example.net"  # the day-late Arabic report last
    assert rows[0]["event_id"] == strike["first_event_id"]
    assert sorted(r["fatalities"] for r in rows) == [5, 6, 7]


def test_density_counts_only_the_chosen_types_and_names_their_type(ev_engine) -> None:
    view = replace(JUNE, event_types=("Explosions/Remote violence", "Battles"), include_mentions=False)
    data = MV.load_map_data(ev_engine, view)
    levels, _names, left_out = MV.density_rows(data, view, MV.MapOptions(density="hex"), list(MV.EVENT_TYPES),
                                               by_type=True)
    assert left_out == 0
    for _zoom, _size, _breaks, hexes in levels:
        assert sum(h[2] for h in hexes) == 4  # three reports of the strike, one of the clash; no mention
    cats = {list(MV.EVENT_TYPES)[h[5]] for h in levels[0][3]}
    assert cats == {"Explosions/Remote violence", "Battles"}
    built = MV.build_map(data, view, MV.MapOptions(density="hex"), data.actor_order())
    assert built.mode == "hex"
    assert "Explosions/Remote violence, Battles per hexagon" in MV.map_payload(built.map)["script"]


def test_colour_by_type_legend_lists_the_types_shown(ev_engine) -> None:
    view = replace(JUNE, include_mentions=True)
    data = MV.load_map_data(ev_engine, view)
    assert data.mode == "incidents" and data.mention_places is not None and len(data.mention_places) == 2
    rows, legend = MV.incident_rows(data, view, MV.MapOptions(), data.actor_order())
    assert len(rows) == 3 + 2  # three incidents, two places mentioned without an event
    assert [label for label, _c in legend.entries] == ["Battles", "Explosions/Remote violence", "Protests",
                                                       MV.MENTION_LABEL]
    assert dict(legend.entries)[MV.MENTION_LABEL] == MV.MENTION_COLOR
    assert {r[3] for r in rows} == {MV.TYPE_COLORS["Battles"], MV.TYPE_COLORS["Explosions/Remote violence"],
                                    MV.TYPE_COLORS["Protests"], MV.MENTION_COLOR}
    _rows, by_actor = MV.incident_rows(data, view, MV.MapOptions(color_by="actor"), data.actor_order())
    assert by_actor.title == "Main actor" and "JNIM" in dict(by_actor.entries)


def test_radius_grows_with_the_square_root_and_is_capped() -> None:
    assert MV.radius_for_deaths(None) == MV.radius_for_deaths(0) == 4
    assert MV.radius_for_deaths(4) < MV.radius_for_deaths(16) < MV.radius_for_deaths(64)
    assert MV.radius_for_deaths(10_000) == MV.radius_for_deaths(1_000_000) == 26
    assert MV.radius_for(1_000_000) == 26


def test_type_facet_counts_from_rollups_equal_the_events(engine, ev_engine) -> None:
    for eng, view in ((engine, ViewState(date_from=date(2019, 2, 27), date_to=date(2019, 5, 2))),
                      (engine, replace(ALL, undated=True)), (ev_engine, JUNE)):
        fast = D.facet_counts(eng, view, "type")
        slow = D.facet_counts(eng, view, "type", use_rollups=False)
        assert fast.to_dict("records") == slow.to_dict("records")
    counts = dict(zip(*D.facet_counts(ev_engine, JUNE, "type")[["value", "n"]].T.values, strict=True))
    assert counts == {"Explosions/Remote violence": 3, "Battles": 1, "Protests": 1}  # mentions are no type
    assert D.facet_counts(engine, replace(ALL, undated=True), "type").set_index("value")["n"].to_dict() == \
        {"Battles": 21, "Protests": 1}


@pytest.mark.parametrize("view", [
    pytest.param(ALL, id="incidents"),
    pytest.param(replace(ALL, include_mentions=True), id="incidents-and-mentions"),
    pytest.param(replace(ALL, actors=("LNA",), precisions=(1, 2, 3)), id="an-actor"),
])
def test_density_data_leaves_the_details_to_the_points_map(engine, view: ViewState) -> None:
    """The density view reads the per-place counts alone; the points map of the same filters adds
    its details to that shared data without changing it, and gets what one full load gives."""
    base = MV.load_map_data(engine, view, details=False)
    assert base.incidents is None and base.recent == {} and base.reports == {} and base.mention_places is None
    full = MV.load_map_data(engine, view)
    added = MV.add_details(engine, view, base)
    assert base.incidents is None and base.recent == {}  # the shared one is untouched
    assert added.places is base.places and added.place_actors is base.place_actors
    assert (added.recent, added.reports, added.n_snippets, added.n_articles) == (
        full.recent, full.reports, full.n_snippets, full.n_articles)
    assert (added.incidents is None) == (full.incidents is None)
    if full.incidents is not None:
        pd.testing.assert_frame_equal(added.incidents, full.incidents)
    assert full.incidents is not None or full.recent  # the points map has details to show
    # the hexagons are the same from either
    opts = MV.MapOptions(asset_base="/app/static/vendor", density="hex")
    assert (MV.density_rows(base, replace(view, density="hex"), opts) ==
            MV.density_rows(full, replace(view, density="hex"), opts))


def test_records_are_to_dict_records() -> None:
    """mapview.records gives the values of ``DataFrame.to_dict("records")``, types included."""
    import math

    frame = pd.DataFrame({
        "place_id": pd.Series(["a", "b", None], dtype="str"),
        "n": pd.Series([1, 2, 3], dtype="int64"),
        "lat": [1.5, float("nan"), 3.25],
        "actors": [["x", "y"], [], ["z"]],
        "when": pd.to_datetime(["2020-01-01", None, "2021-05-06"]),
        "dead": pd.Series([4, None, 1], dtype="Int64"),
    })
    numpy_in_objects = frame.assign(obj=pd.Series([np.int64(3), "x", None], dtype=object))

    def norm(v: Any) -> Any:
        return ("nan",) if isinstance(v, float) and math.isnan(v) else (type(v), str(v))

    for f in (frame, frame.drop(columns="dead"), numpy_in_objects, numpy_in_objects.drop(columns="dead")):
        want, got = f.to_dict("records"), MV.records(f)
        assert [list(r) for r in got] == [list(r) for r in want]
        assert [[norm(v) for v in r.values()] for r in got] == [[norm(v) for v in r.values()] for r in want]
    assert MV.records(frame.iloc[0:0]) == []
