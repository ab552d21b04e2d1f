"""Store.bulk_load: an archive loaded into an empty store gives the same tables, row for row, as
the same batches written one by one through save_batch — on SQLite and on a real PostgreSQL
(tests/pgserver.py) — and a load that cannot be done leaves the store as it was."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
import sqlalchemy as sa
from conflictmap.extract.model import Article, Event
from conflictmap.extract.store import Store, StoreError

from .conftest import load_benchmark

_names = itertools.count()


@pytest.fixture(scope="module")
def scale() -> ModuleType:
    """benchmarks/scale_store.py: its generator and its table snapshots."""
    return load_benchmark("scale_store")


def _second_store(request: pytest.FixtureRequest, store_url: str, tmp_path: Path) -> str:
    """Another empty store on the backend of ``store_url``."""
    if "://" not in store_url:
        return str(tmp_path / "other.db")
    return request.getfixturevalue("pg_server").create_database(f"bulk{next(_names)}")


def _batches(scale: ModuleType, n: int = 3000, unlocated_every: int = 37) -> list[list[tuple[Article, list[Event]]]]:
    # small batches over few places in half a year: many reports join incidents of earlier batches;
    # every 37th event is one the text places nowhere (no point: its own table)
    batches = list(scale.generate(n, seed=3, **{**scale.CHECK_SHAPE, "batch_articles": 40}))
    evs = [ev for batch in batches for _art, evs in batch for ev in evs]
    for ev in evs[unlocated_every - 1::unlocated_every]:
        ev.lat = ev.lon = ev.country = None
        ev.geo_precision, ev.kind, ev.place_id, ev.place_name, ev.uncertainty_km = 4, "unlocated", "", "", 0.0
    return batches


def _index_names(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return store._index_names(conn)


def test_bulk_load_equals_save_batch(request, store_url: str, tmp_path: Path, scale: ModuleType) -> None:
    batches = _batches(scale)
    assert len(batches) > 10
    by_batches, by_load = Store(_second_store(request, store_url, tmp_path)), Store(store_url)
    indexes = _index_names(by_load)
    for batch in batches:
        by_batches.save_batch(batch)
    summary = by_load.bulk_load(iter(batches))
    a, b = scale.snapshot(by_batches), scale.snapshot(by_load)
    assert scale.compare_snapshots(a, b) == []
    assert a == b
    assert summary.events == len(a["events"]) + len(a["unlocated_events"]) == sum(
        len(evs) for batch in batches for _art, evs in batch)
    assert summary.batches == len(batches) and summary.incidents == len(a["incidents"])
    # nothing trivial about it: every table has rows, and incidents gather reports of several batches
    assert all(rows for name, rows in a.items() if name != "geocode_cache"), {k: len(v) for k, v in a.items()}
    batch_of = {art.id: k for k, batch in enumerate(batches) for art, _evs in batch}
    with by_load.engine.connect() as conn:
        members = conn.execute(sa.text("SELECT incident_id, article_id FROM events WHERE incident_id IS NOT NULL")).all()
        seq = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'commit_seq'")).scalar()
    spans: dict[str, set[int]] = {}
    for iid, aid in members:
        spans.setdefault(iid, set()).add(batch_of[aid])
    assert sum(len(s) > 1 for s in spans.values()) > 20
    assert seq == str(len(batches))
    assert _index_names(by_load) == indexes  # the indexes dropped for the load are all back
    by_batches.close()
    by_load.close()


def test_bulk_load_needs_an_empty_store(store_url: str, scale: ModuleType) -> None:
    batches = _batches(scale, 300)
    store = Store(store_url)
    store.save_batch(batches[0])
    before = scale.snapshot(store)
    with pytest.raises(StoreError, match="not empty"):
        store.bulk_load(batches[1:])
    assert scale.snapshot(store) == before
    store.close()


def test_a_failed_load_leaves_the_store_empty(store_url: str, scale: ModuleType) -> None:
    """An article id twice, or an event type that is not ACLED's: a clear error, nothing written,
    every index still there; the store then loads normally."""
    batches = _batches(scale, 600)
    store = Store(store_url)
    indexes = _index_names(store)
    empty = scale.snapshot(store)
    twice = [*batches[:3], [batches[1][0]]]
    with pytest.raises(StoreError, match=f"article '{batches[1][0][0].id}' comes twice"):
        store.bulk_load(twice)
    assert scale.snapshot(store) == empty and _index_names(store) == indexes
    art, evs = batches[2][0]
    bad = [*batches[:2], [(art, [replace(evs[0], event_type="Skirmish")])]]
    with pytest.raises(ValueError, match="Skirmish"):
        store.bulk_load(bad)
    assert scale.snapshot(store) == empty and _index_names(store) == indexes
    summary = store.bulk_load(batches)
    assert summary.events == sum(len(evs) for batch in batches for _a, evs in batch)
    with store.engine.connect() as conn:
        actors = conn.execute(sa.text("SELECT actors FROM incidents")).scalars().all()
    assert actors and all(isinstance(json.loads(a), list) for a in actors)
    store.close()
