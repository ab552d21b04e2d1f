"""Rollups (extract/rollups.py) and the dashboard reading them for long windows (dashboard/data.py):
the tables the writes maintain equal the ones computed afresh from the events, and every view
gives the same answer read from the rollups as read from the events — on SQLite and on a real
PostgreSQL, on a store built by many writes, replacements included."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from conflictmap.dashboard import data as D
from conflictmap.dashboard.filters import ViewState
from conflictmap.extract import rollups
from conflictmap.extract.model import EVENT_TYPES, Article, Event
from conflictmap.extract.schema import ROLLUP_TABLES
from conflictmap.extract.store import Store

PLACES = [  # id, lat, lon, precision, uncertainty, country
    ("t:tripoli", 32.8874, 13.1873, 1, 8.0, "LY"), ("t:ainzara", 32.79, 13.23, 1, 3.0, "LY"),
    ("t:south-tripoli", 32.70, 13.19, 2, 10.0, "LY"), ("t:sabha", 27.04, 14.43, 1, 8.0, "LY"),
    ("t:gao", 16.27, -0.04, 1, 6.0, "ML"), ("t:libya", 26.3, 17.2, 3, 500.0, "LY"), ("t:x", 13.5, 2.1, 1, 5.0, None),
]
ACTORS = ["LNA", "GNA", "JNIM", "UN", 'The "Quoted" Brigade']
TYPES = [*list(EVENT_TYPES)[:4], None, None]


def _article(rng: random.Random, aid: str, version: int) -> tuple[Article, list[Event]]:
    published = date(2018, 11, 1) + timedelta(days=rng.randint(0, 520))
    evs = []
    for k in range(rng.randint(0, 5)):
        pid, lat, lon, prec, unc, country = rng.choice(PLACES)
        day = None if rng.random() < 0.08 else (published - timedelta(days=rng.choice([0, 0, 1, 3, 40]))).isoformat()
        etype = rng.choice(TYPES)
        evs.append(Event(
            event_id=f"{aid}:{k * 20}", article_id=aid, mention=pid, start=k * 20, end=k * 20 + 3,
            place_name=pid[2:].title(), place_name_ar=None, place_id=pid, kind="city", lat=lat, lon=lon,
            geo_precision=prec, uncertainty_km=unc, snippet=f"sentence {k} of {aid} v{version}", country=country,
            event_date=day, date_precision="day" if day else "none", actors=rng.sample(ACTORS, rng.choice([0, 1, 1, 2])),
            event_type=etype, sub_event_type=EVENT_TYPES[etype][0] if etype else None,
            fatalities=rng.choice([None, None, 0, 1, 4]) if etype else None, source=rng.choice(["a.ly", "b.org", None]),
            language=rng.choice(["ar", "en"]), published=published.isoformat()))
    return Article(id=aid, text=f"{aid} v{version}", published=published.isoformat()), evs


def _fill(store: Store, seed: int = 5) -> None:
    """Many writes: new articles, changed ones (replaced) and some emptied."""
    rng = random.Random(seed)
    for step in range(25):
        batch = {}
        for _ in range(rng.randint(5, 20)):
            aid = f"a{rng.randint(0, 180)}"
            batch[aid] = _article(rng, aid, step)
        store.save_batch(list(batch.values()))


def _snapshot(store: Store) -> dict[str, list[tuple]]:
    out = {}
    with store.engine.connect() as conn:
        for t in ROLLUP_TABLES:
            rows = conn.execute(sa.text(f"SELECT * FROM {t.name}")).all()
            out[t.name] = sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows)
    return out


@pytest.fixture
def filled(store_url: str):
    store = Store(store_url)
    _fill(store)
    yield store
    store.close()


def test_maintained_rollups_equal_rebuilt_ones(filled: Store) -> None:
    maintained = _snapshot(filled)
    assert all(maintained.values())
    with filled.engine.begin() as conn:
        rollups.rebuild(conn)
    assert _snapshot(filled) == maintained


def _views(lo: date, hi: date) -> list[tuple[str, ViewState]]:
    base = ViewState(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))  # a whole year
    odd = ViewState(date_from=date(2018, 12, 17), date_to=date(2020, 2, 9))   # years, months and edge days
    return [
        ("year", base), ("odd", odd), ("odd, every precision", replace(odd, precisions=(1, 2, 3))),
        ("odd + undated", replace(odd, undated=True)), ("everything", ViewState()),
        ("everything + undated", ViewState(undated=True, precisions=(1, 2, 3))),
        ("open start", ViewState(date_to=date(2019, 8, 20))), ("open end", ViewState(date_from=date(2019, 3, 2))),
        ("actor", replace(odd, actors=("LNA",))), ("quoted actor", replace(odd, actors=('The "Quoted" Brigade',))),
        ("two actors", replace(odd, actors=("LNA", "JNIM"))),
        ("events only", replace(odd, include_mentions=False)),
        ("battles", replace(odd, event_types=("Battles",), include_mentions=False)),
        ("battles + mentions", replace(odd, event_types=("Battles", "Protests"))),
        ("country", replace(odd, countries=("ML",))), ("places", replace(odd, places=("t:tripoli", "t:gao"))),
        ("actor + type + precision", replace(odd, actors=("GNA",), event_types=("Battles",),
                                             include_mentions=False, precisions=(1,))),
        ("a month", ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30))),
        ("within a month", ViewState(date_from=date(2019, 4, 3), date_to=date(2019, 4, 20), actors=("LNA",))),
        ("text search", replace(odd, q="sentence 1")), ("outlet", replace(odd, sources=("a.ly",))),
        ("store range", ViewState(date_from=lo, date_to=hi)),
    ]


def _frame(df: pd.DataFrame) -> list[tuple]:
    def cell(v: object) -> object:
        if isinstance(v, float):
            return None if v != v else round(v, 9)
        return None if v is None or v is pd.NA else v
    return [tuple(cell(v) for v in r) for r in df.itertuples(index=False)]


def test_every_view_is_the_same_from_rollups_and_from_events(filled: Store) -> None:
    engine = filled.engine
    s = D.summary(engine)
    assert s.min_date and s.max_date and s.n_incidents > 0
    used = set()
    for name, view in _views(s.min_date, s.max_date):
        if D.rollup_plan(view) is not None:
            used.add(name)
        assert D.count_events(engine, view) == D.count_events(engine, view, use_rollups=False), name
        fast, slow = D.place_aggregates(engine, view), D.place_aggregates(engine, view, use_rollups=False)
        assert list(fast.columns) == list(D.PLACE_COLUMNS)
        assert _frame(fast) == _frame(slow), name
        assert D.place_actor_counts(engine, view) == D.place_actor_counts(engine, view, use_rollups=False), name
        for grain in ("day", "month"):
            assert _frame(D.timeline_counts(engine, view, grain)) == _frame(
                D.timeline_counts(engine, view, grain, use_rollups=False)), (name, grain)
            assert _frame(D.timeline_by_type(engine, view, grain)) == _frame(
                D.timeline_by_type(engine, view, grain, use_rollups=False)), (name, grain)
        for facet in ("actor", "country", "place", "source", "lang"):
            assert _frame(D.facet_counts(engine, view, facet)) == _frame(
                D.facet_counts(engine, view, facet, use_rollups=False)), (name, facet)
    # the rollups were really used where they can be, and not where they cannot
    assert {"year", "odd", "odd + undated", "everything", "actor", "quoted actor", "battles", "country", "places",
            "a month", "actor + type + precision", "store range"} <= used
    assert not used & {"two actors", "within a month", "text search", "outlet"}


def test_place_aggregates_add_up(filled: Store) -> None:
    view = ViewState(date_from=date(2018, 1, 1), date_to=date(2020, 12, 31), precisions=(1, 2, 3), undated=True)
    places = D.place_aggregates(filled.engine, view)
    assert int(places["n_events"].sum()) == D.count_events(filled.engine, view) == D.summary(filled.engine).n_events
    assert int(places["n_incidents"].sum()) <= D.count_incidents(filled.engine, view)  # places with events only
    with filled.engine.connect() as conn:
        n_art = conn.execute(sa.text(
            "SELECT COUNT(DISTINCT article_id || '|' || COALESCE(SUBSTR(event_date, 1, 7), '') || '|' || "
            "COALESCE(event_type, '')) FROM events WHERE place_id = 't:tripoli'")).scalar()
    assert int(places.set_index("place_id").loc["t:tripoli", "n_articles"]) == n_art


@pytest.mark.parametrize("lo, hi, years, months, days", [
    pytest.param("2019-01-01", "2019-12-31", [("2019", "2019")], [], [], id="a-year"),
    pytest.param("2019-04-01", "2019-04-30", [], [("2019-04", "2019-04")], [], id="a-month"),
    pytest.param("2019-04-03", "2019-04-20", [], [], [("2019-04-03", "2019-04-20")], id="inside-a-month"),
    pytest.param("2019-03-15", "2019-05-10", [], [("2019-04", "2019-04")],
                 [("2019-03-15", "2019-03-31"), ("2019-05-01", "2019-05-10")], id="a-month-and-edges"),
    pytest.param("2018-12-17", "2021-02-09", [("2019", "2020")], [("2021-01", "2021-01")],
                 [("2018-12-17", "2018-12-31"), ("2021-02-01", "2021-02-09")], id="years-months-days"),
    pytest.param("2018-03-01", "2019-02-28", [], [("2018-03", "2019-02")], [], id="months-across-new-year"),
    pytest.param(None, "2019-06-30", [("0001", "2018")], [("2019-01", "2019-06")], [], id="open-start"),
    pytest.param("2020-02-29", "2020-02-29", [], [], [("2020-02-29", "2020-02-29")],
                 id="one-leap-day"),
    pytest.param("2020-02-01", "2020-02-29", [], [("2020-02", "2020-02")], [], id="a-leap-february"),
])
def test_split_window(lo: str | None, hi: str, years: list, months: list, days: list) -> None:
    parts = rollups.split_window(date.fromisoformat(lo) if lo else None, date.fromisoformat(hi))
    assert (list(parts.years), list(parts.months), list(parts.days)) == (years, months, days)


def test_a_writer_changes_only_the_versions_of_the_months_it_touches(store_url: str) -> None:
    with Store(store_url) as s:
        rng = random.Random(1)
        a, evs = _article(rng, "x1", 0)
        for ev in evs:
            ev.event_date = "2019-04-10"
        s.save_batch([(a, evs)])
        april = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30))
        may = ViewState(date_from=date(2019, 5, 1), date_to=date(2019, 5, 31))
        v_april, v_may = D.window_version(s.engine, april), D.window_version(s.engine, may)
        b, evs_b = _article(rng, "x2", 0)
        for ev in evs_b:
            ev.event_date = "2019-05-03"
        s.save_batch([(b, evs_b)])
        assert D.window_version(s.engine, april) == v_april  # a cached April view stays valid
        assert D.window_version(s.engine, may) != v_may
        s.save_batch([(Article(id="x1", text="changed"), [])])  # April loses its events
        assert D.window_version(s.engine, april) != v_april
        assert D.summary(s.engine).version != v_april


def test_rebuild_derived_repairs_a_damaged_store(tmp_path) -> None:
    from .test_incidents import check_invariants

    with Store(tmp_path / "r.db") as s:
        _fill(s, seed=9)
        events_before = [r for r in _snapshot(s)["rollup_time_month"] if r[0] == "*"]
        with s.engine.begin() as conn:  # damage: rollups and incidents lost
            conn.execute(sa.text("DELETE FROM rollup_place_year"))
            conn.execute(sa.text("DELETE FROM incident_actors"))
            conn.execute(sa.text("DELETE FROM incidents"))
        s.rebuild_derived()
        check_invariants(s)  # every typed event back in an incident
        rebuilt = _snapshot(s)
        assert rebuilt["rollup_place_year"]
        with s.engine.begin() as conn:
            rollups.rebuild(conn)
        assert _snapshot(s) == rebuilt
        # the events' counts are what they were (incidents are replayed in article order, so they may group
        # borderline reports otherwise than the history did; the events do not move)
        assert [r[:5] for r in rebuilt["rollup_time_month"] if r[0] == "*"] == [r[:5] for r in events_before]
