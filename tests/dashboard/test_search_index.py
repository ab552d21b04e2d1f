"""The search through the stores' text indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm) finds
exactly what the scan with LIKE finds, on both backends, and the index follows every write."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from conflictmap.dashboard import data as D
from conflictmap.dashboard.filters import ViewState
from conflictmap.extract.store import Store

from .conftest import hostile_batch, small_batch

WINDOW = ViewState(date_from=date(2019, 1, 1), date_to=date(2020, 12, 31), precisions=(1, 2, 3), undated=True)

QUERIES = [
    pytest.param("en", "fighting", id="en-word"),
    pytest.param("en", "FiGhTiNg", id="en-case"),
    pytest.param("en", "ing in trip", id="en-across-words"),
    pytest.param("en", "power cut", id="en-title-and-snippet"),
    pytest.param("ar", "اشتباكات", id="ar-word"),
    pytest.param("ar", "عنيفة في", id="ar-two-words"),
    pytest.param("en", "ab", id="shorter-than-a-trigram"),
    pytest.param("en", "100%_", id="like-wildcards-literal"),
    pytest.param("en", 'say "no', id="a-double-quote"),
    pytest.param("en", "<script", id="hostile-markup"),
    pytest.param("en", "no such words anywhere", id="nothing"),
]


def _ids(engine: sa.Engine, view: ViewState, be: D.Backend) -> list[str]:
    stmt = sa.select(D.E.event_id).where(*D.conditions(view, be)).order_by(D.E.event_id)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(stmt)]


@pytest.fixture
def filled(store_url: str):
    store = Store(store_url)
    store.save_batch(small_batch() + hostile_batch())
    yield store
    store.close()


@pytest.mark.parametrize(("lang", "q"), QUERIES)
def test_indexed_search_finds_what_the_scan_finds(filled: Store, lang: str, q: str) -> None:
    engine = filled.engine
    view = replace(WINDOW, q=q)
    be = D.backend(engine)
    scan = _ids(engine, view, D.Backend(be.dialect))  # no index: the LIKE alone
    assert _ids(engine, view, be) == scan
    # the counts the page shows go through the same conditions
    assert D.count_events(engine, view) == len(scan)
    if q in ("fighting", "FiGhTiNg", "اشتباكات"):
        assert scan  # the table is not vacuous: these words are in the store
    # the incidents a search keeps (one of their reports matches): the same through the index
    assert _incident_ids(engine, view, be) == _incident_ids(engine, view, D.Backend(be.dialect))


def _incident_ids(engine: sa.Engine, view: ViewState, be: D.Backend) -> list[str]:
    stmt = sa.select(D.incidents.c.incident_id).where(*D.incident_conditions(view, be)).order_by(D.incidents.c.incident_id)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(stmt)]


def test_the_index_is_there_and_used(filled: Store) -> None:
    engine = filled.engine
    view = replace(WINDOW, q="fighting")
    stmt = sa.select(D.E.event_id).where(*D.conditions(view, D.backend(engine)))
    with engine.connect() as conn:
        if filled.is_postgres:
            names = {r[0] for r in conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'events'"))}
            assert {"ix_events_snippet_trgm", "ix_events_title_trgm"} <= names
            # the search's own condition (the app's expression) on a tiny table: the planner is told
            # to avoid a scan, and must find the trigram indexes fit for it
            conn.execute(sa.text("SET enable_seqscan = off"))
            alone = sa.select(D.E.event_id).where(D.text_match(view.q, D.backend(engine)))
            sql = str(alone.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(r[0] for r in conn.execute(sa.text("EXPLAIN " + sql)))
            assert "trgm" in plan
        else:
            assert D.backend(engine).text_index
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.execute(sa.text("EXPLAIN QUERY PLAN " + sql)))
            assert "events_text" in plan
            # the incidents' search: the index's events listed once, never matched per incident
            # (a correlated subquery over the index took 8 s for a year at 500 000 events)
            inc = sa.select(D.incidents.c.incident_id).where(*D.incident_conditions(view, D.backend(engine)))
            sql = str(inc.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.execute(sa.text("EXPLAIN QUERY PLAN " + sql)))
            assert "events_text" in plan and "CORRELATED" not in plan


def test_sqlite_index_follows_writes_and_is_added_to_old_stores(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store(path)
    batch = small_batch()
    store.save_batch(batch)
    view = replace(WINDOW, q="heavy fighting")
    n_before = D.count_events(store.engine, view)
    assert n_before > 0
    # an article saved again with other words: its old text is gone from the index, the new found
    art, evs = batch[0]
    for ev in evs:
        ev.snippet = ev.snippet.replace("Heavy fighting", "Shelling")
    store.save_batch([(art, evs)])
    assert D.count_events(store.engine, view) == n_before - len(evs)
    shelling = replace(WINDOW, q="shelling")
    assert _ids(store.engine, shelling, D.backend(store.engine)) == sorted(ev.event_id for ev in evs)
    store.close()
    # a store from before the index: opened writable, it gets the index, built from its events
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for trig in ("events_text_ai", "events_text_ad", "events_text_au"):
            conn.execute(sa.text(f"DROP TRIGGER {trig}"))
        conn.execute(sa.text("DROP TABLE events_text"))
    engine.dispose()
    old = D.open_store(str(path))
    assert not D.backend(old.engine).text_index  # read as it is: the search scans
    assert D.count_events(old.engine, view) == n_before - len(evs)
    old.close()
    store = Store(path)
    assert D.backend(store.engine).text_index
    assert D.count_events(store.engine, view) == n_before - len(evs)
    assert _ids(store.engine, shelling, D.backend(store.engine)) == sorted(ev.event_id for ev in evs)
    store.close()


def test_bulk_load_fills_the_index(tmp_path: Path) -> None:
    a, b = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    a.save_batch(small_batch())
    b.bulk_load([small_batch()])
    for q in ("fighting", "اشتباكات", "sabha"):
        view = replace(WINDOW, q=q)
        found = _ids(b.engine, view, D.backend(b.engine))
        assert found and found == _ids(a.engine, view, D.backend(a.engine))
    a.close()
    b.close()
