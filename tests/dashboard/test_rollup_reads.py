"""The dashboard's reads for long windows: the place rollups through SQLite's covering indexes and
the popups' recent events through the per-place index of either backend (all added to old stores
by the in-place upgrade, all in the plans), and the same results with or without them, on both
backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from conflictmap.dashboard import data as D
from conflictmap.dashboard.filters import ViewState
from conflictmap.extract.store import (
    PG_INDEXES,
    PG_ROLLUP_INDEXES,
    RECENT_INDEX,
    SQLITE_RECENT_INDEX,
    SQLITE_ROLLUP_INDEXES,
    Store,
)

from .conftest import events_batch, small_batch

VIEWS = [
    ViewState(),  # every date: the all-dates rollup
    ViewState(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31)),  # a year
    ViewState(date_from=date(2019, 3, 5), date_to=date(2021, 6, 20), precisions=(1, 2, 3)),  # months + edges
    ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), countries=("LY",)),
    ViewState(event_types=("Battles",), include_mentions=False),
    ViewState(actors=("LNA",)),
]


def _index_names(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def _every_read(engine: sa.Engine) -> list[object]:
    out: list[object] = []
    for view in [*VIEWS, replace(VIEWS[2], undated=True, q="fighting")]:
        out += [D.place_actor_counts(engine, view), D.place_type_counts(engine, view),
                D.count_events(engine, view)]
        places = D.place_aggregates(engine, view)["place_id"].tolist()
        out += [D.place_recent_events(engine, view, k, places) for k in (1, 3)]
        out += [D.facet_counts(engine, view, f).to_dict("list") for f in ("place", "country", "type", "actor")]
        out += [D.timeline_counts(engine, view, g).to_dict("list") for g in ("day", "month")]
    return out


def test_sqlite_rollup_indexes_cover_the_reads_and_are_added_to_old_stores(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store(path)
    store.save_batch(small_batch() + events_batch())
    names = _index_names(store.engine)
    assert set(SQLITE_ROLLUP_INDEXES) <= names
    assert not names & {n.removesuffix("_n") for n in SQLITE_ROLLUP_INDEXES}  # the narrower ones replaced
    assert D.backend(store.engine).rollup_cover
    with_cover = _every_read(store.engine)
    # every actor of every place over all dates: the period and type rows from the index alone
    stmts: list[tuple[str, object]] = []

    def seen(_c, _cur, statement, params, *_a) -> None:
        stmts.append((statement, params))

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    D.place_actor_counts(store.engine, ViewState())
    sa.event.remove(store.engine, "before_cursor_execute", seen)
    read, params = next((s, p) for s, p in stmts if "rollup_place_all" in s)
    with store.engine.connect() as conn:
        plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + read, params))
    assert "COVERING INDEX ix_rollup_place_all_period_n" in plan, plan
    # the popups' recent events of an actor's places: a seek per place in the index alone
    assert D.backend(store.engine).recent_index
    stmts.clear()
    sa.event.listen(store.engine, "before_cursor_execute", seen)
    D.place_recent_events(store.engine, ViewState(actors=("LNA",)), 2, ["test:tripoli", "test:gao"])
    sa.event.remove(store.engine, "before_cursor_execute", seen)
    (read, params), = stmts
    with store.engine.connect() as conn:
        plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + read, params))
    assert f"COVERING INDEX {SQLITE_RECENT_INDEX} (place_id=?" in plan and "CORRELATED" in plan, plan
    store.close()
    # a store from before them (the narrower indexes): read as it is, the same counts
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for name in SQLITE_ROLLUP_INDEXES:
            table = name.removeprefix("ix_").removesuffix("_period_n")
            conn.execute(sa.text(f"DROP INDEX {name}"))
            cols = "period, actor" if table.startswith("rollup_time") else "period, event_type, actor"
            conn.execute(sa.text(f"CREATE INDEX {name.removesuffix('_n')} ON {table} ({cols})"))
        conn.execute(sa.text(f"DROP INDEX {SQLITE_RECENT_INDEX}"))
    engine.dispose()
    old = D.open_store(str(path))
    assert not D.backend(old.engine).rollup_cover and not D.backend(old.engine).recent_index
    assert _every_read(old.engine) == with_cover
    old.close()
    # opened writable, it is upgraded in place
    store = Store(path)
    assert {*SQLITE_ROLLUP_INDEXES, SQLITE_RECENT_INDEX} <= _index_names(store.engine)
    assert _every_read(store.engine) == with_cover
    store.close()


def _pg_index_names(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(sa.text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())


def _recent_reads(engine: sa.Engine) -> list[object]:
    out: list[object] = []
    for view in [*VIEWS, replace(VIEWS[2], undated=True, q="fighting"), replace(VIEWS[0], undated=True)]:
        places = D.place_aggregates(engine, view)["place_id"].tolist()
        out += [D.place_recent_events(engine, view, k, places) for k in (1, 3)]
    return out


@pytest.mark.postgres
def test_postgres_recent_events_seek_per_place_and_old_stores_get_the_index(pg_server) -> None:
    """PostgreSQL: the popups' newest events of the map's places are a LATERAL LIMIT per place
    read from the index alone (its key the popups' order: no sort), the same events as the
    ranking; a store without the index reads them by the ranking and gets it when opened writable."""
    url = pg_server.create_database("recent_seek")
    store = Store(url)
    store.save_batch(small_batch() + events_batch())
    assert RECENT_INDEX in PG_INDEXES and RECENT_INDEX in _pg_index_names(store.engine)
    assert D.backend(store.engine).recent_index
    with_index = _recent_reads(store.engine)
    stmts: list[tuple[str, object]] = []

    def seen(_c, _cur, statement, params, *_a) -> None:
        stmts.append((statement, params))

    view = ViewState(actors=("LNA",), date_from=date(2019, 1, 1))
    sa.event.listen(store.engine, "before_cursor_execute", seen)
    got = D.place_recent_events(store.engine, view, 2, ["test:tripoli", "test:gao"])
    sa.event.remove(store.engine, "before_cursor_execute", seen)
    (read, params), = stmts
    assert got == {p: lst for p, lst in D.place_recent_events(store.engine, view, 2).items()
                   if p in ("test:tripoli", "test:gao")} and got
    with store.engine.begin() as conn:
        # a few dozen events: without this the planner rightly reads the whole table
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + read, params))
    assert f"Index Only Scan using {RECENT_INDEX}" in plan and "Sort" not in plan, plan
    assert "LATERAL" in read.upper() and "LIMIT" in read.upper(), read
    store.close()
    # a store from before the index: the ranking, the same events
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP INDEX {RECENT_INDEX}"))
    engine.dispose()
    old = D.open_store(url)
    assert not D.backend(old.engine).recent_index
    assert _recent_reads(old.engine) == with_index
    old.close()
    # opened writable, it is upgraded in place
    store = Store(url)
    assert RECENT_INDEX in _pg_index_names(store.engine)
    assert D.backend(store.engine).recent_index
    assert _recent_reads(store.engine) == with_index
    store.close()


def _time_reads(engine: sa.Engine) -> list[object]:
    out: list[object] = []
    for view in VIEWS:
        out += [D.timeline_counts(engine, view, g).to_dict("list") for g in ("day", "month")]
        out += [D.timeline_by_type(engine, view, "month").to_dict("list"), D.facet_counts(engine, view, "actor")
                .to_dict("list")]
    return out


@pytest.mark.postgres
def test_postgres_time_rollups_are_read_from_covering_indexes(pg_server) -> None:
    """PostgreSQL: the time rollups' (period, actor) INCLUDE (type, precision, n) indexes replace
    the narrower ones, serve the daily timeline by an index-only scan, and are added to an old
    store in place; the same timelines and facets with and without them."""
    url = pg_server.create_database("time_cover")
    store = Store(url)
    store.save_batch(small_batch() + events_batch())
    names = _pg_index_names(store.engine)
    assert set(PG_ROLLUP_INDEXES) <= names
    assert not names & {n.removesuffix("_n") for n in PG_ROLLUP_INDEXES}
    with_cover = _time_reads(store.engine)
    stmts: list[tuple[str, object]] = []

    def seen(_c, _cur, statement, params, *_a) -> None:
        stmts.append((statement, params))

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    D.timeline_counts(store.engine, VIEWS[1], "day")
    sa.event.remove(store.engine, "before_cursor_execute", seen)
    read, params = next((s, p) for s, p in stmts if "rollup_time_day" in s)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a few rows: else the whole table
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + read, params))
    assert "Index Only Scan using ix_rollup_time_day_period_n" in plan, plan
    store.close()
    # a store from before them: the narrower indexes, the same reads; upgraded when opened writable
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for name in PG_ROLLUP_INDEXES:
            table = name.removeprefix("ix_").removesuffix("_period_n")
            conn.execute(sa.text(f"DROP INDEX {name}"))
            conn.execute(sa.text(f"CREATE INDEX {name.removesuffix('_n')} ON {table} (period, actor)"))
    engine.dispose()
    old = D.open_store(url)
    assert _time_reads(old.engine) == with_cover
    old.close()
    store = Store(url)
    names = _pg_index_names(store.engine)
    assert set(PG_ROLLUP_INDEXES) <= names and not names & {n.removesuffix("_n") for n in PG_ROLLUP_INDEXES}
    assert _time_reads(store.engine) == with_cover
    store.close()


def test_actor_counts_from_the_rollups_equal_the_events(store_url: str) -> None:
    """Both backends: every actor of every place (ordered by the database) as counted from the events."""
    store = Store(store_url)
    store.save_batch(small_batch() + events_batch())
    engine = store.engine
    for view in [*VIEWS, replace(VIEWS[2], actors=("GNA",)), replace(VIEWS[0], undated=True)]:
        fast = D.place_actor_counts(engine, view)
        assert fast == D.place_actor_counts(engine, view, use_rollups=False), view
        assert list(fast) == sorted(fast)
        assert all(isinstance(n, int) and n > 0 for lst in fast.values() for _a, n in lst)
    assert any(len(lst) > 1 for lst in D.place_actor_counts(engine, ViewState()).values())
    store.close()


def test_recent_events_of_the_maps_places_equal_the_ranking(store_url: str) -> None:
    """Both backends: the popups' events of the places given (SQLite: a seek per place) are the
    events the ranking of the view's every event keeps, newest first, undated last."""
    store = Store(store_url)
    store.save_batch(small_batch() + events_batch())
    engine = store.engine
    for view in [*VIEWS, replace(VIEWS[2], undated=True), replace(VIEWS[0], actors=("LNA", "GNA"), undated=True),
                 replace(VIEWS[1], q="fighting"), replace(VIEWS[1], sources=("example.org",))]:
        every = D.place_recent_events(engine, view, 2)
        places = D.place_aggregates(engine, view)["place_id"].tolist()
        assert set(every) <= set(places)
        for k in (1, 2):
            want = D.place_recent_events(engine, view, k)
            assert D.place_recent_events(engine, view, k, places) == want, (view, k)
            assert D.place_recent_events(engine, view, k, places[1::2]) == {
                p: want[p] for p in places[1::2] if p in want}, (view, k)
    assert any(len(lst) == 2 for lst in D.place_recent_events(engine, ViewState(), 2, ["test:tripoli"]).values())
    store.close()


@pytest.mark.parametrize(("ranges", "joined"), [
    pytest.param([("2015-01", "2023-12"), ("2024-01", "2024-11")], [("2015-01", "2024-11")], id="years-then-months"),
    pytest.param([("2019-01", "2019-12"), ("2021-01", "2021-03")], [("2019-01", "2019-12"), ("2021-01", "2021-03")],
                 id="a-gap-stays"),
    pytest.param([("2019-11", "2019-12"), ("2020-01", "2020-01"), ("2018-01", "2018-12")],
                 [("2018-01", "2018-12"), ("2019-11", "2020-01")], id="across-a-new-year-unsorted"),
    pytest.param([("2019-03", "2019-08"), ("2019-05", "2019-06")], [("2019-03", "2019-08")], id="inside"),
    pytest.param([], [], id="none"),
])
def test_runs_of_months_that_meet_are_one_range(ranges: list, joined: list) -> None:
    assert list(D.joined_months(ranges)) == joined


def test_the_dashboard_raises_the_collectors_first_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from conflictmap.dashboard import main

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, before[1], before[2])
        monkeypatch.setenv("CONFLICTMAP_GC_THRESHOLD", "0")
        main.tune_gc()
        assert gc.get_threshold()[0] == 700  # 0: Python's default left alone
        monkeypatch.delenv("CONFLICTMAP_GC_THRESHOLD")
        main.tune_gc()
        assert gc.get_threshold() == (main.GC_THRESHOLD, before[1], before[2])
    finally:
        gc.set_threshold(*before)
