"""Reading the event store for the dashboard: every filter and aggregation runs in SQL.

Plain functions over an SQLAlchemy engine (SQLite or PostgreSQL) and a :class:`ViewState`;
no Streamlit here, so the benchmark and tests call them directly and the app caches them.
Only the store's modules are imported from the extractor (``extract.store``, ``schema``,
``rollups``, ``model``; import-linter and tests/dashboard/test_boundaries.py check it): the
dashboard never loads the gazetteer or the recognisers.

Long windows read the rollups (whole years and months) and the events only for the days at
their ends, with the same results as reading every event (see "rollups" below). What the UI
calls: :func:`summary`, :func:`window_version` (cache key), :func:`facet_counts`,
:func:`count_events`, :func:`place_aggregates`, :func:`place_actor_counts`,
:func:`place_recent_events`, :func:`timeline_counts`, :func:`timeline_by_type`, :func:`events_table`,
:func:`iter_view_events`; incidents: :func:`incidents_in_view`, :func:`count_incidents`,
:func:`incident_reports`, :func:`incident_outlets`; the article page: :func:`get_article`,
:func:`article_events`.
"""

from __future__ import annotations

import heapq
import json
import os
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

import pandas as pd
from sqlalchemy import (
    Text,
    and_,
    case,
    column,
    distinct,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    table,
    text,
    true,
    union_all,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from ..extract import rollups
from ..extract.bulk import in_ids
from ..extract.model import EVENT_FIELDS
from ..extract.schema import (
    data_versions,
    meta,
    places,
    rollup_place_all,
    rollup_place_month,
    rollup_place_year,
    rollup_sources_month,
    rollup_time_day,
    rollup_time_month,
)
from ..extract.store import (
    RECENT_INDEX,
    SQLITE_ROLLUP_INDEXES,
    Store,
    StoreError,
    articles,
    bbox_condition,
    database_url,
    event_actors,
    events,
    incident_actors,
    incidents,
    pg_has_indexes,
    sqlite_has_indexes,
    sqlite_text_index_ready,
    unlocated_events,
)
from .filters import ViewState

E = events.c
NO_ACTOR = "(no actor named)"


class DataError(RuntimeError):
    """The store cannot be read (message fit to show to a user; no secrets in it)."""


def safe_url_for_display(url: str) -> str:
    """The database URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy understands: show no more than the scheme
        return url.split("://", 1)[0] + "://…" if "://" in url else url


def _scrub(message: str, url: str) -> str:
    return message.replace(url, safe_url_for_display(url))


@dataclass(frozen=True)
class DbChoice:
    """Which store the app opens and why."""

    url: str
    origin: str  # "secrets" | "env" | "demo"

    @property
    def display(self) -> str:
        return safe_url_for_display(self.url)

    @property
    def sqlite_path(self) -> str | None:
        return self.url.split(":///", 1)[1] if self.url.startswith("sqlite:///") else None


def secrets_url(connections: dict[str, Any] | None) -> str | None:
    """The URL in ``[connections.conflictmap]`` of secrets.toml (``url`` or its parts)."""
    if not connections:
        return None
    conf = connections.get("conflictmap")
    if not isinstance(conf, dict) or not conf:
        return None
    if conf.get("url"):
        return str(conf["url"])
    if conf.get("dialect"):
        from sqlalchemy.engine import URL

        driver = str(conf["dialect"]) + (f"+{conf['driver']}" if conf.get("driver") else "")
        return URL.create(
            drivername=driver, username=conf.get("username"), password=conf.get("password"),
            host=conf.get("host"), port=int(conf["port"]) if conf.get("port") else None,
            database=conf.get("database"), query=conf.get("query") or {},
        ).render_as_string(hide_password=False)
    return None


def choose_db(secrets: str | None, env: dict[str, str] | None = None, demo: str | None = None) -> DbChoice:
    """secrets.toml first, then ``CONFLICTMAP_DB``, else the demo store."""
    env = os.environ if env is None else env
    if secrets:
        return DbChoice(database_url(secrets), "secrets")
    if env.get("CONFLICTMAP_DB"):
        return DbChoice(database_url(env["CONFLICTMAP_DB"]), "env")
    if demo is None:
        from ..core.paths import demo_db_path

        demo = str(demo_db_path())
    return DbChoice(database_url(demo), "demo")


def open_store(url: str) -> Store:
    """Open an existing store read-only; :class:`DataError` with a clear message otherwise (also
    for a store an older conflictmap wrote, which a read-only open does not upgrade)."""
    try:
        store = Store(url, create=False)
    except StoreError as exc:
        raise DataError(_scrub(str(exc), url)) from exc
    except Exception as exc:  # a driver that is not installed, a malformed URL
        raise DataError(_scrub(f"cannot open the store at {url}: {exc.__class__.__name__}: {exc}", url)) from exc
    if not store.is_current:
        store.close()
        raise DataError(
            f"The store at {safe_url_for_display(url)} was written by an older conflictmap (schema "
            f"{store.stored_version}); the dashboard reads it read-only and cannot upgrade it. Upgrade it once, as "
            f"its owner: `conflictmap upgrade --db …` (any extraction into it does the same).")
    return store


# -- summary ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    n_articles: int
    n_events: int
    n_undated: int
    min_date: date | None
    max_date: date | None
    version: str  # changes whenever the store's content does (the commit counter)
    n_incidents: int = 0


def summary(engine: Engine) -> Summary:
    """What the store holds, from the rollups (no scan of the events)."""
    tm, td = rollup_time_month.c, rollup_time_day.c
    with engine.connect() as conn:
        n_art = conn.execute(select(func.count()).select_from(articles)).scalar()
        n_ev, n_und, n_inc = conn.execute(select(
            func.sum(tm.n), func.sum(case((tm.period == "", tm.n), else_=0)), func.sum(tm.n_incidents))
            .where(tm.actor == ALL_ACTORS)).one()
        lo, hi = conn.execute(select(func.min(td.period), func.max(td.period))
                              .where(td.actor == ALL_ACTORS, td.period != "", td.n > 0)).one()
        seq = conn.execute(select(meta.c.value).where(meta.c.key == "commit_seq")).scalar()
    return Summary(
        n_articles=int(n_art or 0), n_events=int(n_ev or 0), n_undated=int(n_und or 0),
        min_date=_to_date(lo), max_date=_to_date(hi), version=str(seq or 0), n_incidents=int(n_inc or 0),
    )


def window_version(engine: Engine, view: ViewState) -> str:
    """Changes when a commit changed events or incidents of the view's window (its months, and
    undated events when the view shows them): the key under which a view's results are cached,
    so a writer adding 2024 leaves a cached view of 2019 alone."""
    dv = data_versions.c
    conds = []
    if view.date_from or view.date_to:
        lo = view.date_from.isoformat()[:7] if view.date_from else "0001-01"
        hi = view.date_to.isoformat()[:7] if view.date_to else "9999-12"
        conds.append(and_(dv.period >= lo, dv.period <= hi))
    else:
        conds.append(dv.period != "")
    if view.undated:
        conds.append(dv.period == "")
    with engine.connect() as conn:
        return str(conn.execute(select(func.max(dv.seq)).where(or_(*conds))).scalar() or 0)


def _to_date(s: Any) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


# -- which database ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Backend:
    """What the SQL may use: the dialect, and PostGIS's ``events.geom`` on PostgreSQL."""

    dialect: str = "sqlite"
    geometry: bool = False
    text_index: bool = False  # SQLite: the store's full-text index of the search (store.SQLITE_TEXT_DDL)
    rollup_cover: bool = False  # SQLite: the place rollups' covering indexes (store.SQLITE_ROLLUP_INDEXES)
    recent_index: bool = False  # a place's events newest first (store.RECENT_INDEX, both backends)

    @property
    def postgres(self) -> bool:
        return self.dialect == "postgresql"


_BACKENDS: weakref.WeakKeyDictionary[Engine, Backend] = weakref.WeakKeyDictionary()


def backend(engine: Engine) -> Backend:
    """The engine's :class:`Backend`, looked up once per engine (read-only: one catalogue query)."""
    found = _BACKENDS.get(engine)
    if found is None:
        geometry = text_index = rollup_cover = recent_index = False
        if engine.dialect.name == "postgresql":
            try:
                with engine.connect() as conn:
                    geometry = conn.execute(text(
                        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                        "AND table_name = 'events' AND column_name = 'geom'")).first() is not None
                    recent_index = pg_has_indexes(conn, [RECENT_INDEX])
            except SQLAlchemyError:
                geometry = recent_index = False
        if engine.dialect.name == "sqlite":
            try:
                with engine.connect() as conn:
                    text_index = sqlite_text_index_ready(conn)
                    rollup_cover = sqlite_has_indexes(conn, list(SQLITE_ROLLUP_INDEXES))
                    recent_index = sqlite_has_indexes(conn, [RECENT_INDEX])
            except SQLAlchemyError:
                text_index = rollup_cover = recent_index = False
        found = _BACKENDS[engine] = Backend(engine.dialect.name, geometry, text_index, rollup_cover, recent_index)
    return found


# -- filters ----------------------------------------------------------------------------------
def _like(q: str) -> str:
    return "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_EVENTS_TEXT = table("events_text", column("rowid"))


def _fts_usable(q: str) -> bool:
    """Can SQLite's trigram index find every event the search's LIKE finds? Three characters at
    least (its grams), each ASCII or without case (Arabic): the index folds case at least as far
    as LIKE does on them, so it finds a superset, which the LIKE then narrows."""
    return len(q) >= 3 and all(ch.isascii() or ch.lower() == ch.upper() for ch in q)


def _indexed_search(q: str, be: Backend | None) -> bool:
    """Does the search for ``q`` go through SQLite's text index?"""
    return be is not None and be.text_index and not be.postgres and _fts_usable(q)


def text_match(q: str, be: Backend | None = None) -> ColumnElement[bool]:
    """The search on ``events``: ``q`` anywhere in the snippet or the title, case aside (ASCII).
    With SQLite's full-text index the events are first found through it (their rowids: a
    thousand lookups instead of reading every event of the window's wide rows), and the LIKE
    keeps its exact meaning; PostgreSQL's trigram indexes serve the LIKE itself."""
    like = snippet_or_title_like(q, E)
    if not _indexed_search(q, be):
        return like
    phrase = '"' + q.replace('"', '""') + '"'  # one FTS5 phrase: the trigrams of q in a row
    found = select(_EVENTS_TEXT.c.rowid).where(literal_column("events_text").op("MATCH")(literal(phrase)))
    return and_(literal_column("events.rowid").in_(found), like)


def snippet_or_title_like(q: str, cols: Any) -> ColumnElement[bool]:
    """``q`` anywhere in the snippet or the title of ``cols`` (a table's columns), case aside (ASCII)."""
    pattern = _like(q)
    return or_(func.lower(cols.snippet).like(pattern, escape="\\"),
               func.lower(cols.article_title).like(pattern, escape="\\"))


def window_conditions(view: ViewState, col: Any = E.event_date) -> list[ColumnElement[bool]]:
    """The date window alone (the facets count within it), on ``col`` (``events.event_date``)."""
    conds: list[ColumnElement[bool]] = []
    in_window: list[ColumnElement[bool]] = []
    if view.date_from:
        in_window.append(col >= view.date_from.isoformat())
    if view.date_to:
        in_window.append(col <= view.date_to.isoformat())
    if in_window:
        cond = and_(*in_window)
        conds.append(or_(cond, col.is_(None)) if view.undated else cond)
    elif not view.undated:
        conds.append(col.is_not(None))
    return conds


def conditions(view: ViewState, be: Backend | None = None, *,
               by_actor_index: bool = False) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``events`` for the whole view (``be``: what the database offers).
    ``by_actor_index``: match actors through ``event_actors`` (its index finds an actor's events
    at once: better than reading a long window's every event when the actor is a small part)."""
    be = be or Backend()
    conds = window_conditions(view)
    if view.countries:
        # on SQLite, with a date window, the window index (it covers the country) finds the events:
        # without statistics its planner takes ix_events_country, which reads every event of the
        # country for one day (0.06 s instead of 0.1 ms at 500 000 events; unary + hides the index)
        country = _no_index(E.country) if not be.postgres and (view.date_from or view.date_to) else E.country
        conds.append(country.in_(list(view.countries)))
    if view.places:
        conds.append(E.place_id.in_(list(view.places)))
    if view.sources:
        conds.append(E.source.in_(list(view.sources)))
    if view.languages:
        conds.append(E.language.in_(list(view.languages)))
    if tuple(sorted(view.precisions)) != (1, 2, 3):
        conds.append(E.geo_precision.in_(list(view.precisions)))
    if view.actors and by_actor_index:
        conds.append(E.event_id.in_(select(event_actors.c.event_id).where(event_actors.c.actor.in_(list(view.actors)))))
    elif view.actors:
        # the events' own actor lists (PostgreSQL's window index carries them): no join, so the
        # date window drives the query (an IN over event_actors made SQLite read every event of
        # the actor, however short the window)
        conds.append(names_actor(E.actors, view.actors, be))
    if view.q:
        conds.append(text_match(view.q, be))
    if view.bbox:
        conds.append(bbox_condition(view.bbox, geometry=be.geometry))
    type_cond = type_condition(view, E.event_type)
    if type_cond is not None:
        conds.append(type_cond)
    return conds


def _no_index(col: Any) -> Any:
    """``+col``: the same value, which SQLite's planner will not look up in an index on ``col``."""
    return UnaryExpression(col, operator=custom_op("+"), type_=col.type)


def type_condition(view: ViewState, col: Any) -> ColumnElement[bool] | None:
    """The view's event types (and mentions without one) on ``col``; None when it keeps everything."""
    if view.mentions_only:
        return col.is_(None)
    if view.event_types:
        cond = col.in_(list(view.event_types))
        return or_(cond, col.is_(None)) if view.include_mentions else cond
    return None if view.include_mentions else col.is_not(None)


def names_actor(col: Any, actors: Sequence[str], be: Backend) -> ColumnElement[bool]:
    """``col`` (a JSON list of actors, as the store writes it) names one of ``actors``."""
    find = func.strpos if be.postgres else func.instr
    return or_(*[find(col, _json_token(a)) > 0 for a in actors])


def _json_token(actor: str) -> str:
    """How ``actor`` appears in an event's ``actors`` JSON list (as the store writes it).

    With its quotes: quotes inside names are escaped (``\\"``), so the token occurs in a list only
    as a whole element, and ``strpos(actors, token) > 0`` means "the event names ``actor``"."""
    return json.dumps(actor, ensure_ascii=False)


def _newest_first(engine: Engine, col: Any = E.event_date) -> Any:
    """``col`` (``event_date``) newest first, undated events last (SQLite's order; PostgreSQL's
    default puts NULLs first when descending)."""
    return col.desc().nulls_last() if backend(engine).postgres else col.desc()


def _read(engine: Engine, stmt: Any) -> pd.DataFrame:
    try:
        with engine.connect() as conn:
            result = conn.execute(stmt)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}") from exc


# -- rollups: long windows from a few thousand rows ------------------------------------------------
# A view whose window holds whole months reads those months (and whole years) from the rollups
# (extract/rollups.py) and only the days at its ends from the events; both give the same numbers
# (tests/test_rollups.py compares every function on both paths). Views that filter on what the
# rollups do not keep (text, outlet, language, map area; several actors for counts of events)
# read the events.
ALL_ACTORS = rollups.ALL


@dataclass(frozen=True)
class Plan:
    """How a view reads the rollups: whole years and months from them, edge days from the events
    — or, for a window holding every dated event, the all-dates rollup alone."""

    years: tuple[tuple[str, str], ...]
    months: tuple[tuple[str, str], ...]
    undated: bool                     # the rollups' undated rows (period '')
    edges: tuple[ViewState, ...]      # the same view over each run of edge days, undated excluded
    all_dated: bool = False           # rollup_place_all instead of years, months and edges

    @property
    def month_ranges(self) -> tuple[tuple[str, str], ...]:
        """The years and months as ranges of months (runs that follow each other joined)."""
        return joined_months(tuple((f"{a}-01", f"{b}-12") for a, b in self.years) + self.months)


def _next_month(m: str) -> str:
    y, mo = int(m[:4]), int(m[5:7])
    return f"{y + mo // 12:04d}-{mo % 12 + 1:02d}"


def joined_months(ranges: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Ranges of months ('YYYY-MM', inclusive) with those that meet or overlap joined: one range
    is one index range (an OR of two made SQLite read both through a temporary b-tree of the
    rows' keys: 0.09 s for the actors of all dates at 500 000 events)."""
    out: list[tuple[str, str]] = []
    for a, b in sorted(ranges):
        if out and a <= _next_month(out[-1][1]):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def dated_range(engine: Engine) -> tuple[str, str] | None:
    """The first and last event date in the store (from the daily rollup), None without dated events."""
    # the first and the last row in the primary key's order (actor, period, …), each read at one end
    # of the key: min() and max() in one statement made SQLite read every row of the actor (0.02-0.09 s
    # at 500 000 events, on every view's plan)
    td = rollup_time_day.c
    q = select(td.period).where(td.actor == ALL_ACTORS, td.period != "", td.n > 0).limit(1)
    with engine.connect() as conn:
        lo = conn.execute(q.order_by(td.period)).scalar()
        hi = conn.execute(q.order_by(td.period.desc())).scalar() if lo else None
    return (lo, hi) if lo else None


def rollup_plan(view: ViewState, *, max_actors: int = 1, place_filters: bool = True,
                engine: Engine | None = None) -> Plan | None:
    """None when the view must read the events: filters the rollups do not keep, more than
    ``max_actors`` actors, place filters where ``place_filters`` is False, or no whole month.
    With ``engine``, a window holding every dated event of the store reads the all-dates rollup."""
    if view.q or view.sources or view.languages or view.bbox or len(view.actors) > max_actors:
        return None
    if not place_filters and (view.countries or view.places):
        return None
    if engine is not None:
        rng = dated_range(engine)
        if rng is not None and (view.date_from is None or view.date_from.isoformat() <= rng[0]) and (
                view.date_to is None or view.date_to.isoformat() >= rng[1]):
            return Plan((), (), view.undated, (), all_dated=True)
    parts = rollups.split_window(view.date_from, view.date_to)
    if not parts.uses_rollups:
        return None
    edges = tuple(replace(view, date_from=date.fromisoformat(a), date_to=date.fromisoformat(b), undated=False)
                  for a, b in parts.days)
    return Plan(parts.years, parts.months, view.undated, edges)


def _periods(col: Any, ranges: tuple[tuple[str, str], ...], undated: bool) -> ColumnElement[bool]:
    # not BETWEEN: PostgreSQL's grammar refuses a collation on its bounds (the "C" text columns)
    # one period (a month, a year, the all-dates rollup's): equal, which an index seeks past
    conds: list[ColumnElement[bool]] = [col == a if a == b else and_(col >= a, col <= b) for a, b in ranges]
    if undated:
        conds.append(col == "")
    return or_(*conds) if conds else false()


ANY_TYPE = rollups.ANY_TYPE


def _rollup_types(view: ViewState, col: Any, classes: bool = False) -> ColumnElement[bool] | None:
    """:func:`type_condition` on a rollup's ``event_type`` ('' for a mention). ``classes``: for
    every type, read an actor's class rows (``+``: its events of any type, ``n`` only) instead of
    one row per type; else never read those."""
    if view.mentions_only:
        return col == ""
    if view.event_types:
        types = [*view.event_types, ""] if view.include_mentions else list(view.event_types)
        return col.in_(types)
    if classes:
        return col.in_([ANY_TYPE, ""]) if view.include_mentions else col == ANY_TYPE
    return col != ANY_TYPE if view.include_mentions else col.not_in(["", ANY_TYPE])


def _rollup_where(t: Any, view: ViewState, ranges: tuple[tuple[str, str], ...], undated: bool,
                  actors: ColumnElement[bool] | None, classes: bool = False,
                  whole_all: bool = False) -> list[ColumnElement[bool]]:
    """Conditions on a place or time rollup: periods, actors, types, precisions (and places).

    ``whole_all``: no condition on the period of rollup_place_all (it holds one period, every
    dated event) — for a read of most of its rows (every actor's), which SQLite would otherwise
    make through its period index with a lookup per row: 0.36 s instead of 0.56 s for every
    actor of every place at 500 000 events. Reads of one actor's rows are faster with it."""
    c = t.c
    conds = [] if whole_all and t is rollup_place_all else [_periods(c.period, ranges, undated)]
    if actors is not None:
        conds.append(actors)
    tc = _rollup_types(view, c.event_type, classes and "place_id" in c)
    if tc is not None:
        conds.append(tc)
    if tuple(sorted(view.precisions)) != (1, 2, 3):
        conds.append(c.geo_precision.in_(list(view.precisions)))
    if "place_id" in c:
        if view.countries:
            conds.append(c.country.in_(list(view.countries)))
        if view.places:
            conds.append(c.place_id.in_(list(view.places)))
    return conds


def _place_tables(plan: Plan) -> list[tuple[Any, tuple[tuple[str, str], ...], bool]]:
    """(table, period ranges, undated rows?) to read for a plan."""
    out: list[tuple[Any, tuple[tuple[str, str], ...], bool]] = []
    if plan.all_dated:
        out.append((rollup_place_all, ((rollups.ALL_DATED, rollups.ALL_DATED),), False))
    if plan.years:
        out.append((rollup_place_year, plan.years, False))
    if plan.months or plan.undated:
        out.append((rollup_place_month, plan.months, plan.undated))
    return out


def _one_actor(view: ViewState, col: Any) -> ColumnElement[bool]:
    return col == (view.actors[0] if view.actors else ALL_ACTORS)


def _each_actor(view: ViewState, col: Any) -> ColumnElement[bool]:
    """Rows of each actor (of the view's, when it names some; else also '', events naming none,
    which only the time rollups have), never the all-events rows."""
    return col.in_(list(view.actors)) if view.actors else col != ALL_ACTORS


# -- facets (what can be filtered, with counts in the window) -----------------------------------
def facet_counts(engine: Engine, view: ViewState, facet: str, limit: int = 500, *,
                 use_rollups: bool = True) -> pd.DataFrame:
    """value, label, n (and country, for places) for one facet, counted within the date window only."""
    window = ViewState(date_from=view.date_from, date_to=view.date_to, undated=view.undated,
                       precisions=(1, 2, 3))
    plan = rollup_plan(window, engine=engine if facet in ("place", "country", "type") else None) if use_rollups else None
    acc: dict[Any, int] = {}
    countries: dict[str, str] = {}

    def add(value: Any, n: Any, country: Any = None) -> None:
        if value is None or value == "" or not n:
            return
        acc[value] = acc.get(value, 0) + int(n)
        if country:
            countries[value] = max(countries.get(value, ""), str(country))

    raw_views = [window] if plan is None else list(plan.edges)
    for v in raw_views:
        # an actor's edge days from the daily rollup (its events' actors counted as the events'
        # lists are: each actor once per event); reading them from the events parsed every
        # event's actor list in Python (0.1 s for the days around a long window at 500 000 events)
        for row in (_actor_days(engine, v) if plan is not None and facet == "actor" else _facet_raw(engine, v, facet)):
            add(*row)
    if plan is not None:
        for row in _facet_rollup(engine, plan, facet):
            add(*row)
    top = sorted(acc.items(), key=lambda vn: (-vn[1], str(vn[0])))[:limit]
    values = [v for v, _ in top]
    if facet == "place":
        names = _place_names(engine, values)
        return pd.DataFrame({"value": values, "label": [names.get(v, {}).get("place_name", v) for v in values],
                             "country": [countries.get(v) or None for v in values], "n": [n for _, n in top]})
    return pd.DataFrame({"value": values, "n": [n for _, n in top], "label": values})


def _facet_raw(engine: Engine, view: ViewState, facet: str) -> list[tuple[Any, ...]]:
    conds = window_conditions(view)
    if facet == "actor":  # grouped on the events' actor lists: no join
        out = []
        for actors_json, n in _rows(engine, select(E.actors, func.count()).where(*conds).group_by(E.actors)):
            out.extend((a, n) for a in dict.fromkeys(json.loads(actors_json) if actors_json else []))
        return out
    if facet == "place":
        return _rows(engine, select(E.place_id, func.count(), func.max(E.country)).where(*conds).group_by(E.place_id))
    col = {"country": E.country, "source": E.source, "lang": E.language, "type": E.event_type}[facet]
    return _rows(engine, select(col, func.count()).where(*conds).group_by(col))


def _actor_days(engine: Engine, view: ViewState) -> list[tuple[Any, ...]]:
    """(actor, events naming it) over a run of days (``view``'s dated window, every type and
    precision: the facets' window) from ``rollup_time_day``."""
    td = rollup_time_day.c
    lo = view.date_from.isoformat() if view.date_from else "0001-01-01"
    hi = view.date_to.isoformat() if view.date_to else "9999-12-31"
    return _rows(engine, select(td.actor, func.sum(td.n)).where(
        td.period >= lo, td.period <= hi, td.actor.not_in([ALL_ACTORS, ""])).group_by(td.actor))


def _facet_rollup(engine: Engine, plan: Plan, facet: str) -> list[tuple[Any, ...]]:
    if facet == "actor":
        out = []
        for t, ranges, undated in ((rollup_time_month, plan.month_ranges, plan.undated),):
            c = t.c
            out += _rows(engine, select(c.actor, func.sum(c.n)).where(
                _periods(c.period, ranges, undated), c.actor.not_in([ALL_ACTORS, ""])).group_by(c.actor))
        return out
    if facet in ("place", "country", "type"):
        out = []
        for t, ranges, undated in _place_tables(plan):
            c = t.c
            conds = (_periods(c.period, ranges, undated), c.actor == ALL_ACTORS)
            if facet == "type":  # '' (mentions) and class rows are not types
                out += _rows(engine, select(c.event_type, func.sum(c.n)).where(
                    *conds, c.event_type.not_in(["", ANY_TYPE])).group_by(c.event_type))
            elif facet == "place":
                out += _rows(engine, select(c.place_id, func.sum(c.n), func.max(c.country)).where(*conds)
                             .group_by(c.place_id))
            else:
                out += _rows(engine, select(c.country, func.sum(c.n)).where(*conds).group_by(c.country))
        return out
    c = rollup_sources_month.c
    col = c.source if facet == "source" else c.language
    return _rows(engine, select(col, func.sum(c.n)).where(_periods(c.period, plan.month_ranges, plan.undated))
                 .group_by(col))


def _place_names(engine: Engine, place_ids: list[str]) -> dict[str, dict[str, Any]]:
    """place_id -> its row of ``places`` (names, kind, radius, country)."""
    out: dict[str, dict[str, Any]] = {}
    ids = list(dict.fromkeys(place_ids))
    for k in range(0, len(ids), 500):
        for row in _rows(engine, select(places).where(places.c.place_id.in_(ids[k:k + 500]))):
            out[row[0]] = dict(zip([c.name for c in places.columns], row, strict=True))
    return out


def place_labels(engine: Engine, place_ids: list[str]) -> dict[str, str]:
    if not place_ids:
        return {}
    names = _place_names(engine, place_ids)
    return {p: f"{r['place_name']} ({r['country']})" if r["country"] else str(r["place_name"])
            for p, r in names.items()}


# -- the map ----------------------------------------------------------------------------------
def count_events(engine: Engine, view: ViewState, *, use_rollups: bool = True) -> int:
    plan = rollup_plan(view, engine=engine) if use_rollups else None
    raw_views = [view] if plan is None else list(plan.edges)
    n = 0
    with engine.connect() as conn:
        for v in raw_views:
            n += int(conn.execute(select(func.count()).select_from(events)
                                  .where(*conditions(v, backend(engine)))).scalar_one())
        if plan is not None:
            for t, ranges, undated in _place_tables(plan):
                n += int(conn.execute(select(func.coalesce(func.sum(t.c.n), 0)).where(
                    *_rollup_where(t, view, ranges, undated, _one_actor(view, t.c.actor),
                                   classes=bool(view.actors)))).scalar_one())
    return n


#: the columns of :func:`place_aggregates`
PLACE_COLUMNS = ("place_id", "place_name", "place_name_ar", "country", "kind", "geo_precision", "lat", "lon",
                 "uncertainty_km", "n_events", "n_articles", "first_date", "last_date", "n_incidents",
                 "incident_reports", "fatalities")
_SUMS = ("n", "n_articles", "sum_lat", "sum_lon", "n_incidents", "incident_reports", "fatalities")


def place_aggregates(engine: Engine, view: ViewState, *, use_rollups: bool = True) -> pd.DataFrame:
    """One row per place with events in the view (:data:`PLACE_COLUMNS`): where and what (names,
    kind and radius from ``places``; the point is the mean of its events'), how many events,
    ``n_articles`` — distinct articles per month and event type: an article counts once for
    each month and each kind of event it reports at the place, which makes it the same whether
    counted from the events or added up from monthly rollups (within one month and one type, it
    is the number of distinct articles) — the first and last date, and the incidents anchored
    there (their number, their reports added up, their fatalities added up, unknown as 0).

    One statement: the parts (events of the edge days, incidents anchored then, rollup rows of
    the whole years and months) are added up per place by the database."""
    be = backend(engine)
    plan = rollup_plan(view, engine=engine) if use_rollups else None
    parts = []
    for v in ([view] if plan is None else plan.edges):
        parts += [raw_place_statement(v, be), _raw_incident_part(v, be)]
    if plan is not None:
        parts += [_rollup_place_part(t, view, ranges, undated) for t, ranges, undated in _place_tables(plan)]
    u = union_all(*parts).subquery("parts")
    p = places.c
    agg = (select(u.c.place_id, func.max(u.c.country).label("country"),
                  func.min(u.c.geo_precision).label("geo_precision"),
                  *[func.sum(u.c[k]).label(k) for k in _SUMS],
                  func.min(u.c.first_date).label("first_date"), func.max(u.c.last_date).label("last_date"))
           .group_by(u.c.place_id).having(func.sum(u.c.n) > 0).subquery("agg"))
    stmt = (select(agg, p.place_name, p.place_name_ar, p.kind, p.uncertainty_km)
            .select_from(agg.outerjoin(places, p.place_id == agg.c.place_id)))
    df = _read(engine, stmt)
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PLACE_COLUMNS})
    for k in _SUMS:  # PostgreSQL's sums of integers are numeric (Decimal)
        df[k] = df[k].astype(float)
    df["lat"] = df["sum_lat"] / df["n"]
    df["lon"] = df["sum_lon"] / df["n"]
    df["country"] = [c if isinstance(c, str) and c else None for c in df["country"]]
    df = df.rename(columns={"n": "n_events"})
    for col in ("n_events", "n_articles", "geo_precision", "n_incidents", "incident_reports", "fatalities"):
        df[col] = df[col].fillna(0).astype(int)
    df = df.sort_values(["n_articles", "n_events", "place_id"], ascending=[False, False, True], kind="stable")
    return df[list(PLACE_COLUMNS)].reset_index(drop=True)


def raw_place_statement(view: ViewState, be: Backend) -> Any:
    """The per-place aggregate of the view's events (on PostgreSQL an index-only scan of the window
    index), in the columns of the rollup parts (incident columns 0)."""
    month = func.coalesce(func.substr(E.event_date, 1, 7), "")
    report = E.article_id + "|" + month + "|" + func.coalesce(E.event_type, "")
    zero = literal(0)
    return (select(E.place_id.label("place_id"), func.max(E.country).label("country"),
                   func.min(E.geo_precision).label("geo_precision"), func.count().label("n"),
                   func.count(distinct(report)).label("n_articles"), func.sum(E.lat).label("sum_lat"),
                   func.sum(E.lon).label("sum_lon"), zero.label("n_incidents"), zero.label("incident_reports"),
                   zero.label("fatalities"), func.min(E.event_date).label("first_date"),
                   func.max(E.event_date).label("last_date"))
            .where(*conditions(view, be)).group_by(E.place_id))


def _raw_incident_part(view: ViewState, be: Backend) -> Any:
    i = incidents.c
    zero, none = literal(0), null()
    return (select(i.place_id.label("place_id"), none.label("country"), none.label("geo_precision"), zero.label("n"),
                   zero.label("n_articles"), literal(0.0).label("sum_lat"), literal(0.0).label("sum_lon"),
                   func.count().label("n_incidents"), func.sum(i.n_reports).label("incident_reports"),
                   func.sum(func.coalesce(i.fatalities, 0)).label("fatalities"), none.label("first_date"),
                   none.label("last_date"))
            .where(*incident_conditions(view, be)).group_by(i.place_id))


def _rollup_place_part(t: Any, view: ViewState, ranges: tuple[tuple[str, str], ...], undated: bool) -> Any:
    """A rollup's rows for the view (country and precision only from rows with events, '' as null)."""
    c = t.c
    has = c.n > 0
    return (select(c.place_id.label("place_id"), case((and_(has, c.country != ""), c.country)).label("country"),
                   case((has, c.geo_precision)).label("geo_precision"), c.n, c.n_articles, c.sum_lat, c.sum_lon,
                   c.n_incidents, c.incident_reports, c.fatalities, c.first_date, c.last_date)
            .where(*_rollup_where(t, view, ranges, undated, _one_actor(view, c.actor))))


def _rows(engine: Engine, stmt: Any) -> list[Any]:
    try:
        with engine.connect() as conn:
            return list(conn.execute(stmt).all())
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}") from exc


def _tuples(engine: Engine, stmt: Any) -> list[Any]:
    """:func:`_rows` as the driver returns them: plain tuples, without an SQLAlchemy ``Row`` made
    for each (a third of the time of reading tens of thousands of narrow rows). Only for
    statements whose columns need no conversion by SQLAlchemy (text, integers, floats)."""
    try:
        with engine.connect() as conn:
            result = conn.execute(stmt)
            try:
                return list(result.cursor.fetchall())
            finally:
                result.close()
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}") from exc


def _most_first(an: tuple[Any, int]) -> tuple[int, Any]:
    return -an[1], an[0]


def place_actor_counts(engine: Engine, view: ViewState, *,
                       use_rollups: bool = True) -> dict[str, list[tuple[str, int]]]:
    """place_id -> [(actor, events of the view naming it)], most frequent first; when the view
    names actors, only those (an event naming two counts for each).

    The rollups' rows (tens of thousands for a long window: every actor of every place) are
    added up, ordered and cut into places by the database (one statement over the plan's
    tables, ``ORDER BY place, count DESC, actor``), so Python only slices the sorted rows; the
    edge days' counts, read from the events, are merged into the few places they touch."""
    plan = rollup_plan(view, max_actors=len(view.actors), engine=engine) if use_rollups else None
    acc: dict[str, dict[str, int]] = {}

    def add(pid: str, actor: str, n: Any) -> None:
        if n:
            counts = acc.setdefault(pid, {})
            counts[actor] = counts.get(actor, 0) + int(n)

    keep = set(view.actors)
    for v in ([view] if plan is None else plan.edges):
        # grouped on the events' own actor lists rather than joining event_actors: far fewer rows
        stmt = (select(E.place_id, E.actors, func.count().label("n"))
                .where(*conditions(v, backend(engine))).group_by(E.place_id, E.actors))
        parsed: dict[str, list[str]] = {}
        for pid, actors_json, n in _rows(engine, stmt):
            actors = parsed.get(actors_json)
            if actors is None:
                actors = parsed[actors_json] = list(dict.fromkeys(json.loads(actors_json))) if actors_json else []
            for a in actors:
                if not keep or a in keep:
                    add(pid, a, n)
    out: dict[str, list[tuple[str, int]]] = {}
    if plan is not None:
        # every actor of all dates: without SQLite's covering index, the whole of rollup_place_all
        # (see _rollup_where); with it, the period and the type rows seeked in the index alone
        whole_all = not view.actors and not backend(engine).rollup_cover
        parts = []
        for t, ranges, undated in _place_tables(plan):
            c = t.c
            parts.append((c, _rollup_where(t, view, ranges, undated, _each_actor(view, c.actor), classes=True,
                                           whole_all=whole_all)))
        if parts:
            if len(parts) == 1:  # grouped on the table itself (a subquery would be sorted twice)
                u, where = parts[0]
            else:
                u = union_all(*[select(c.place_id, c.actor, c.n).where(*w) for c, w in parts]).subquery().c
                where = []
            total = func.sum(u.n)
            stmt = (select(u.place_id, u.actor, total).where(*where).group_by(u.place_id, u.actor)
                    .having(total > 0).order_by(u.place_id, total.desc(), u.actor))
            pair = itemgetter(1, 2)  # (actor, events): the sums are integers on both backends
            for pid, grp in groupby(_tuples(engine, stmt), key=itemgetter(0)):
                out[pid] = list(map(pair, grp))
    for pid, counts in acc.items():  # the edge days (or every event, without a plan)
        for a, n in out.get(pid, ()):
            counts[a] = counts.get(a, 0) + n
        out[pid] = sorted(counts.items(), key=_most_first)
    return out if not acc else {pid: out[pid] for pid in sorted(out)}


def place_type_counts(engine: Engine, view: ViewState, *,
                      use_rollups: bool = True) -> dict[str, list[tuple[str | None, int]]]:
    """place_id -> [(event type, events of the view of that type)], most first (None: mentions
    without an event) — what colours a place by its main kind of event."""
    plan = rollup_plan(view, engine=engine) if use_rollups else None
    acc: dict[str, dict[str | None, int]] = {}

    def add(pid: str, etype: str | None, n: Any) -> None:
        if n:
            counts = acc.setdefault(pid, {})
            counts[etype or None] = counts.get(etype or None, 0) + int(n)

    for v in ([view] if plan is None else plan.edges):
        for pid, etype, n in _rows(engine, select(E.place_id, E.event_type, func.count())
                                   .where(*conditions(v, backend(engine))).group_by(E.place_id, E.event_type)):
            add(pid, etype, n)
    if plan is not None:
        for t, ranges, undated in _place_tables(plan):
            c = t.c
            for pid, etype, n in _rows(engine, select(c.place_id, c.event_type, func.sum(c.n)).where(
                    *_rollup_where(t, view, ranges, undated, _one_actor(view, c.actor)))
                    .group_by(c.place_id, c.event_type)):
                add(pid, etype, n)
    return {pid: sorted(c.items(), key=lambda tn: (-tn[1], tn[0] or "")) for pid, c in sorted(acc.items())}


def actor_totals_from(place_actors: dict[str, list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """Events naming each actor over all places, most frequent first."""
    tot: dict[str, int] = {}
    for lst in place_actors.values():
        for a, n in lst:
            tot[a] = tot.get(a, 0) + n
    return sorted(tot.items(), key=lambda an: (-an[1], an[0]))


def actor_totals(engine: Engine, view: ViewState) -> pd.DataFrame:
    """actor, n: events of the view naming each actor (only the view's actors, when it names some)."""
    conds = conditions(view, backend(engine))
    if view.actors:
        conds.append(event_actors.c.actor.in_(list(view.actors)))
    stmt = (select(event_actors.c.actor, func.count().label("n"))
            .select_from(events.join(event_actors, event_actors.c.event_id == E.event_id))
            .where(*conds).group_by(event_actors.c.actor).order_by(func.count().desc(), event_actors.c.actor))
    return _read(engine, stmt)


RECENT_COLUMNS = ("place_id", "event_id", "event_date", "date_precision", "mention", "snippet", "language",
                  "actors", "article_id", "article_title", "article_url", "source", "published", "event_type",
                  "sub_event_type", "fatalities", "incident_id")


def _fewer_by_actor(engine: Engine, view: ViewState) -> bool:
    """Do the view's actors name fewer events (at any date) than its window holds? Then finding
    their events through event_actors' index reads less than the window does (the daily rollup
    tells, in two small queries; either way the same events come back)."""
    if not view.actors:
        return False
    td, tm = rollup_time_day.c, rollup_time_month.c
    lo = view.date_from.isoformat() if view.date_from else "0001-01-01"
    hi = view.date_to.isoformat() if view.date_to else "9999-12-31"
    with engine.connect() as conn:
        in_window = conn.execute(select(func.coalesce(func.sum(td.n), 0)).where(
            td.actor == ALL_ACTORS, td.period >= lo, td.period <= hi)).scalar_one()
        by_actors = conn.execute(select(func.coalesce(func.sum(tm.n), 0)).where(
            tm.actor.in_(list(view.actors)))).scalar_one()
    return int(by_actors) < int(in_window)


def place_recent_events(engine: Engine, view: ViewState, per_place: int,
                        place_ids: Sequence[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """place_id -> its ``per_place`` most recent events (newest first, undated last, then the
    larger event id), for the popups; ``place_ids``: only those places (the map's), which on a
    store with its recent-events index is what makes it fast.

    With the index (:data:`store.RECENT_INDEX`, both backends) and the places given: for each
    place an index seek to the window's end, walked back until ``per_place`` events pass the
    filters (a correlated or LATERAL ``LIMIT`` subquery per place, all in one statement), so a long
    window costs what its places' newest events do, not what the window holds. Otherwise it ranks
    narrow rows (place, date, id: from the window index alone) — in Python on PostgreSQL, with
    ``row_number()`` over those narrow rows on SQLite — and reads the wide columns (snippet,
    title, url) only for the events kept."""
    if per_place <= 0:
        return {}
    be = backend(engine)
    if be.recent_index and place_ids is not None:
        return _recent_by_place_seek(engine, view, per_place, place_ids)
    conds = conditions(view, be, by_actor_index=_fewer_by_actor(engine, view))
    rank: dict[str, int] = {}
    if be.postgres:
        by_place: dict[str, list[tuple[bool, str, str]]] = {}
        for pid, day, eid in _rows(engine, select(E.place_id, E.event_date, E.event_id).where(*conds)):
            by_place.setdefault(pid, []).append((day is not None, day or "", eid))
        for lst in by_place.values():
            for i, (_dated, _day, eid) in enumerate(heapq.nlargest(per_place, lst)):
                rank[eid] = i + 1
    else:
        # SQLite ranks the narrow rows itself (its covering window index; a third of the CPU of
        # fetching every event of a long window into Python): the same order as above
        rn = func.row_number().over(partition_by=E.place_id, order_by=(
            E.event_date.is_(None).asc(), E.event_date.desc(), E.event_id.desc())).label("rn")
        ranked = select(E.event_id.label("eid"), rn).where(*conds).subquery()
        rank = {eid: int(n) for eid, n in _rows(engine, select(ranked.c.eid, ranked.c.rn).where(ranked.c.rn <= per_place))}
    out: dict[str, list[dict[str, Any]]] = {}
    if place_ids is not None:
        wanted = set(place_ids)
    ids = list(rank)
    with engine.connect() as conn:
        for cond in (in_ids(conn, E.event_id, ids) if ids else []):
            for row in conn.execute(select(*[E[c] for c in RECENT_COLUMNS]).where(cond)):
                d = dict(zip(RECENT_COLUMNS, row, strict=True))
                if place_ids is not None and d["place_id"] not in wanted:
                    continue
                d["rn"] = rank[d["event_id"]]
                d["actors"] = json.loads(d["actors"]) if d["actors"] else []
                out.setdefault(d["place_id"], []).append(d)
    for lst in out.values():
        lst.sort(key=lambda d: d["rn"])
    return out


def _recent_by_place_seek(engine: Engine, view: ViewState, per_place: int,
                          place_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`place_recent_events` through the store's :data:`store.RECENT_INDEX`: the places as
    a table, each joined to its newest ``per_place`` events of the view, found by a seek per place
    walked back through the index (which carries the filtered columns) until ``per_place`` pass.

    SQLite: the places as ``json_each`` of their ids, ``rowid IN (… ORDER BY event_date DESC,
    event_id DESC LIMIT n)`` correlated (SQLite sorts NULL dates last when descending).
    PostgreSQL: ``unnest`` of an array of the ids, ``CROSS JOIN LATERAL (SELECT event_id … ORDER BY
    event_date DESC NULLS LAST, event_id DESC LIMIT n)`` (an index-only scan: the index's key is
    that order, its INCLUDE the filtered columns), and only the events kept read from the table."""
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(dict.fromkeys(place_ids))
    if not ids:
        return out
    be = backend(engine)
    ev = events.alias("ev")
    if be.postgres:
        places_t = func.unnest(literal(ids, type_=ARRAY(Text))).table_valued("value").render_derived(name="wanted")
        newest_pg = (select(E.event_id).where(E.place_id == places_t.c.value, *conditions(view, be))
                     .order_by(E.event_date.desc().nulls_last(), E.event_id.desc()).limit(per_place)
                     .lateral("newest"))
        stmt = (select(*[ev.c[c] for c in RECENT_COLUMNS]).select_from(places_t)
                .join(newest_pg, true()).join(ev, ev.c.event_id == newest_pg.c.event_id))
    else:
        places_t = func.json_each(literal(json.dumps(ids))).table_valued("value").alias("wanted")
        newest = (select(literal_column("events.rowid")).where(E.place_id == places_t.c.value, *conditions(view, be))
                  .order_by(E.event_date.desc(), E.event_id.desc()).limit(per_place).correlate(places_t))
        stmt = (select(*[ev.c[c] for c in RECENT_COLUMNS]).select_from(places_t)
                .join(ev, literal_column("ev.rowid").in_(newest)))
    for row in _tuples(engine, stmt):
        d = dict(zip(RECENT_COLUMNS, row, strict=True))
        d["actors"] = json.loads(d["actors"]) if d["actors"] else []
        out.setdefault(d["place_id"], []).append(d)
    for lst in out.values():
        lst.sort(key=_newest_first_key, reverse=True)
        for i, d in enumerate(lst):
            d["rn"] = i + 1
    return out


def _newest_first_key(d: dict[str, Any]) -> tuple[bool, str, str]:
    return d["event_date"] is not None, d["event_date"] or "", d["event_id"]


# -- beside the map ---------------------------------------------------------------------------
GRAINS = ("day", "month")


def timeline_counts(engine: Engine, view: ViewState, grain: str = "day", *, use_rollups: bool = True) -> pd.DataFrame:
    """event_date, actor, n: dated events per day (``grain="month"``: per month, dated on its 1st)
    and actor — each actor of an event counts it, events naming none count under
    :data:`NO_ACTOR`; when the view names actors, only those."""
    if grain not in GRAINS:
        raise ValueError(f"grain is one of {GRAINS}")
    # the time rollups keep dates, actors, types and precisions: any run of days reads them exactly
    eligible = use_rollups and not (view.q or view.sources or view.languages or view.bbox or view.countries
                                    or view.places)
    acc: dict[tuple[str, str], int] = {}

    def add(period: str, actor: str, n: Any) -> None:
        if n and period:
            key = (period if grain == "day" else period[:7] + "-01", actor or NO_ACTOR)
            acc[key] = acc.get(key, 0) + int(n)

    if not eligible:
        _timeline_raw(engine, view, grain, add)
    else:
        dated = replace(view, undated=False)
        for t, ranges, period in _time_rollup_reads(view, grain):
            for p, actor, n in _rows(engine, select(period, t.c.actor, func.sum(t.c.n)).where(
                    *_rollup_where(t, dated, ranges, False, _each_actor(view, t.c.actor)))
                    .group_by(period, t.c.actor)):
                add(p, actor, n)
    rows = sorted((d, a, n) for (d, a), n in acc.items())
    return pd.DataFrame(rows, columns=["event_date", "actor", "n"])


def _time_rollup_reads(view: ViewState, grain: str) -> list[tuple[Any, tuple[tuple[str, str], ...], Any]]:
    """(time rollup table, period ranges, period column) to read for a view's window: the daily
    rollup for a day grain; else whole months from the monthly rollup and the days at the ends
    from the daily one (their period cut to the month)."""
    td, tm = rollup_time_day, rollup_time_month
    if grain == "day":
        lo = view.date_from.isoformat() if view.date_from else "0001-01-01"
        hi = view.date_to.isoformat() if view.date_to else "9999-12-31"
        return [(td, ((lo, hi),), td.c.period)]
    parts = rollups.split_window(view.date_from, view.date_to)
    month_ranges = joined_months(tuple((f"{a}-01", f"{b}-12") for a, b in parts.years) + parts.months)
    reads: list[tuple[Any, tuple[tuple[str, str], ...], Any]] = [(tm, month_ranges, tm.c.period)] if month_ranges else []
    reads += [(td, (days,), func.substr(td.c.period, 1, 7)) for days in parts.days]
    return reads


def timeline_by_type(engine: Engine, view: ViewState, grain: str = "day", *,
                     use_rollups: bool = True) -> pd.DataFrame:
    """event_date, event_type, n: dated events per day (or month, dated on its 1st) and event type
    (None: mentions without one) — the timeline stacked by type."""
    if grain not in GRAINS:
        raise ValueError(f"grain is one of {GRAINS}")
    eligible = use_rollups and len(view.actors) <= 1 and not (
        view.q or view.sources or view.languages or view.bbox or view.countries or view.places)
    acc: dict[tuple[str, str], int] = {}

    def add(period: str, etype: str | None, n: Any) -> None:
        if n and period:
            key = (period if grain == "day" else period[:7] + "-01", etype or "")
            acc[key] = acc.get(key, 0) + int(n)

    if not eligible:
        period = E.event_date if grain == "day" else func.substr(E.event_date, 1, 7)
        for p, t, n in _rows(engine, select(period, E.event_type, func.count()).where(
                *conditions(view, backend(engine)), E.event_date.is_not(None)).group_by(period, E.event_type)):
            add(p, t, n)
    else:
        dated = replace(view, undated=False)
        for t, ranges, period in _time_rollup_reads(view, grain):
            for p, etype, n in _rows(engine, select(period, t.c.event_type, func.sum(t.c.n)).where(
                    *_rollup_where(t, dated, ranges, False, _one_actor(view, t.c.actor)))
                    .group_by(period, t.c.event_type)):
                add(p, etype, n)
    rows = sorted((d, t, n) for (d, t), n in acc.items())
    return pd.DataFrame([(d, t or None, n) for d, t, n in rows], columns=["event_date", "event_type", "n"])


def _timeline_raw(engine: Engine, view: ViewState, grain: str, add: Any) -> None:
    period = E.event_date if grain == "day" else func.substr(E.event_date, 1, 7)
    stmt = (select(period, E.actors, func.count().label("n"))
            .where(*conditions(view, backend(engine)), E.event_date.is_not(None)).group_by(period, E.actors))
    parsed: dict[str, list[str]] = {}
    keep = set(view.actors)
    for day, actors_json, n in _rows(engine, stmt):
        actors = parsed.get(actors_json)
        if actors is None:
            actors = parsed[actors_json] = (list(dict.fromkeys(json.loads(actors_json))) if actors_json else [])
        if not actors and not keep:
            add(day, "", n)
        for a in actors:
            if not keep or a in keep:
                add(day, a, n)


TABLE_COLUMNS = ("event_id", "event_date", "date_precision", "place_name", "place_name_ar", "place_id",
                 "country", "geo_precision", "lat", "lon", "actors", "mention", "snippet", "language",
                 "article_id", "article_title", "article_url", "source", "published", "event_type",
                 "sub_event_type", "fatalities", "injured", "incident_id")


def events_table(engine: Engine, view: ViewState, limit: int) -> pd.DataFrame:
    """The most recent ``limit`` events of the view."""
    stmt = (select(*[E[c] for c in TABLE_COLUMNS]).where(*conditions(view, backend(engine)))
            .order_by(_newest_first(engine), E.event_id).limit(limit))
    df = _read(engine, stmt)
    if not df.empty:
        df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    return df


def iter_view_events(engine: Engine, view: ViewState, limit: int | None = None,
                     chunk: int = 5000) -> Iterator[dict[str, Any]]:
    """Every event of the view with all DESIGN.md fields (for downloads), newest first."""
    # fields the store has no column for yet (the event coding's) read as None
    stmt = select(*[E[f] for f in EVENT_FIELDS if f in E]).where(*conditions(view, backend(engine))).order_by(
        _newest_first(engine), E.event_id)
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(stmt)
        for part in result.mappings().partitions(chunk):
            for row in part:
                d = {f: row.get(f) for f in EVENT_FIELDS}
                d["actors"] = json.loads(d["actors"]) if d["actors"] else []
                yield d


# -- unlocated events: reported, but at no place the map can draw ----------------------------------

def unlocated_conditions(view: ViewState, be: Backend) -> list[ColumnElement[bool]] | None:
    """The view's filters on ``unlocated_events``; None when the view asks for what such an event
    lacks (a place, a country, a map area). The map's precisions do not apply: these are listed
    apart, under the events table."""
    if view.places or view.countries or view.bbox:
        return None
    U = unlocated_events.c
    conds = window_conditions(view, U.event_date)
    if view.sources:
        conds.append(U.source.in_(list(view.sources)))
    if view.languages:
        conds.append(U.language.in_(list(view.languages)))
    if view.actors:
        conds.append(names_actor(U.actors, view.actors, be))
    if view.q:
        conds.append(snippet_or_title_like(view.q, U))
    type_cond = type_condition(view, U.event_type)
    if type_cond is not None:
        conds.append(type_cond)
    return conds


def unlocated_table(engine: Engine, view: ViewState, limit: int) -> tuple[int, pd.DataFrame]:
    """(how many, the most recent ``limit``) unlocated events of the view; a store written before
    they were kept has none."""
    be = backend(engine)
    conds = unlocated_conditions(view, be)
    if conds is None or not sa_inspect(engine).has_table("unlocated_events"):
        return 0, pd.DataFrame(columns=list(TABLE_COLUMNS))
    U = unlocated_events.c
    with engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(unlocated_events).where(*conds)).scalar_one())
    df = _read(engine, select(*[U[c] for c in TABLE_COLUMNS]).where(*conds)
               .order_by(_newest_first(engine, U.event_date), U.event_id).limit(limit))
    if not df.empty:
        df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    return n, df


# -- incidents --------------------------------------------------------------------------------
#: an incident as the list gives it (see extract/incidents.py for how reports are grouped)
INCIDENT_COLUMNS = ("incident_id", "event_type", "sub_event_type", "event_date", "first_date", "last_date",
                    "place_id", "place_name", "country", "geo_precision", "lat", "lon", "uncertainty_km",
                    "n_events", "n_reports", "n_outlets", "fatalities", "injured", "actors", "first_event_id",
                    "first_article_id", "first_published", "first_source")
REPORT_COLUMNS = ("event_id", "article_id", "article_title", "article_url", "source", "published", "language",
                  "mention", "snippet", "event_date", "date_precision", "place_id", "place_name", "place_name_ar",
                  "lat", "lon", "event_type", "sub_event_type", "fatalities", "injured", "actors")


def incident_conditions(view: ViewState, be: Backend | None = None, *,
                        by_actor_index: bool = False) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``incidents`` for a view. An incident is where and when its anchor is
    (its founding report: date, place, precision, country); it has an actor when any of its
    reports names it; the outlet, language and text filters keep it when one of its reports
    passes them. Event types filter its type (mentions have no incident)."""
    c = incidents.c
    conds: list[ColumnElement[bool]] = []
    in_window: list[ColumnElement[bool]] = []
    if view.date_from:
        in_window.append(c.event_date >= view.date_from.isoformat())
    if view.date_to:
        in_window.append(c.event_date <= view.date_to.isoformat())
    if in_window:
        conds.append(or_(and_(*in_window), c.event_date.is_(None)) if view.undated else and_(*in_window))
    elif not view.undated:
        conds.append(c.event_date.is_not(None))
    if view.mentions_only:  # mentions have no incident
        conds.append(false())
    if view.event_types:
        conds.append(c.event_type.in_(list(view.event_types)))
    if view.countries:
        conds.append(c.country.in_(list(view.countries)))
    if view.places:
        conds.append(c.place_id.in_(list(view.places)))
    if tuple(sorted(view.precisions)) != (1, 2, 3):
        conds.append(c.geo_precision.in_(list(view.precisions)))
    if view.actors and by_actor_index:  # through incident_actors' index, as conditions does
        conds.append(c.incident_id.in_(select(incident_actors.c.incident_id)
                                       .where(incident_actors.c.actor.in_(list(view.actors)))))
    elif view.actors:  # its actors list, as the events' (see conditions)
        conds.append(names_actor(c.actors, view.actors, be or Backend()))
    if view.bbox:
        x0, y0, x1, y1 = view.bbox
        conds.append(and_(c.lon.between(x0, x1), c.lat.between(y0, y1)))
    member: list[ColumnElement[bool]] = []
    if view.sources:
        member.append(E.source.in_(list(view.sources)))
    if view.languages:
        member.append(E.language.in_(list(view.languages)))
    if view.q and _indexed_search(view.q, be):
        # the few events the text index finds, and their incidents listed once (inside the
        # correlated EXISTS below SQLite would match the index again for every incident: 8 s
        # instead of 0.3 s for a year at 500 000 events)
        conds.append(c.incident_id.in_(select(E.incident_id).where(
            E.incident_id.is_not(None), text_match(view.q, be), *member)))
        return conds
    if view.q:
        member.append(text_match(view.q))
    if member:
        conds.append(select(E.event_id).where(E.incident_id == c.incident_id, *member).exists())
    return conds


def incidents_in_view(engine: Engine, view: ViewState, limit: int = 2000) -> pd.DataFrame:
    """The view's incidents, newest first (then most reported): :data:`INCIDENT_COLUMNS` (``actors``
    as a list) plus the first report's ``first_title`` and ``first_url``."""
    c = incidents.c
    first = events.alias("first")
    stmt = (select(*[c[k] for k in INCIDENT_COLUMNS], first.c.article_title.label("first_title"),
                   first.c.article_url.label("first_url"))
            .select_from(incidents.outerjoin(first, first.c.event_id == c.first_event_id))
            .where(*incident_conditions(view, backend(engine)))
            .order_by(c.event_date.desc().nulls_last() if backend(engine).postgres else c.event_date.desc(),
                      c.n_reports.desc(), c.incident_id)
            .limit(limit))
    df = _read(engine, stmt)
    if not df.empty:
        df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    return df


def count_incidents(engine: Engine, view: ViewState, limit: int | None = None) -> int:
    """The view's incidents (``limit``: counted up to that many, which reads no further)."""
    stmt = select(incidents.c.incident_id).where(*incident_conditions(view, backend(engine)))
    if limit is not None:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


@dataclass(frozen=True)
class IncidentTotals:
    """The view's incidents added up: how many, from how many reports (articles), their deaths
    (each incident's figure by ACLED's lowest-figure rule; incidents without one count 0) and how
    many incidents state a figure at all (None: not counted, see :func:`incident_totals_from_places`;
    ``any_with_fatalities`` says whether one does)."""

    n_incidents: int = 0
    n_reports: int = 0
    fatalities: int = 0
    n_with_fatalities: int | None = 0
    any_with_fatalities: bool = False


def incident_totals(engine: Engine, view: ViewState) -> IncidentTotals:
    c = incidents.c
    stmt = (select(func.count(), func.coalesce(func.sum(c.n_reports), 0), func.coalesce(func.sum(c.fatalities), 0),
                   func.count(c.fatalities))
            .select_from(incidents).where(*incident_conditions(
                view, backend(engine), by_actor_index=_fewer_by_actor(engine, view))))
    n, reports, dead, with_dead = _rows(engine, stmt)[0]
    return IncidentTotals(int(n), int(reports), int(dead), int(with_dead), int(with_dead) > 0)


def totals_follow_places(view: ViewState) -> bool:
    """Whether the view's incidents are exactly those anchored at its places' events: an incident
    is where, when and what its anchor (founding report) is, so the window, type, country, place,
    precision and area filters select an incident with its anchor; the actor, outlet, language
    and text filters keep an incident when any report passes, which need not be the anchor."""
    return not (view.actors or view.sources or view.languages or view.q or view.mentions_only)


def incident_totals_from_places(engine: Engine, view: ViewState, places: pd.DataFrame) -> IncidentTotals | None:
    """:func:`incident_totals` added up from the view's :func:`place_aggregates` (which carry the
    incidents anchored at each place, from the rollups) instead of a scan of the incidents — None
    when the view's filters can keep an incident away from its anchor's place
    (:func:`totals_follow_places`). Whether any incident states a death toll is read only when
    the deaths add up to 0 (one row at most); how many do is not counted (None)."""
    if not totals_follow_places(view):
        return None
    if places.empty:
        return IncidentTotals()
    n, reports, dead = (int(places[k].sum()) for k in ("n_incidents", "incident_reports", "fatalities"))
    any_dead = dead > 0
    if n and not any_dead:
        c = incidents.c
        stmt = (select(literal(1)).select_from(incidents)
                .where(*incident_conditions(view, backend(engine)), c.fatalities.is_not(None)).limit(1))
        any_dead = bool(_rows(engine, stmt))
    return IncidentTotals(n, reports, dead, None, any_dead)


#: what an incident's popup says of each report
POPUP_REPORT_COLUMNS = ("incident_id", "event_id", "article_id", "article_title", "article_url", "source",
                        "published", "event_date", "fatalities", "injured", "place_name_ar", "mention", "snippet",
                        "language")


def reports_of_incidents(engine: Engine, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """incident_id -> its reports (:data:`POPUP_REPORT_COLUMNS`), the first report first (earliest
    published, undated last, then event id), as :func:`incident_reports` orders them."""
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(dict.fromkeys(incident_ids))
    if not ids:
        return out
    with engine.connect() as conn:
        for cond in in_ids(conn, E.incident_id, ids):
            for row in conn.execute(select(*[E[k] for k in POPUP_REPORT_COLUMNS]).where(cond)):
                d = dict(zip(POPUP_REPORT_COLUMNS, row, strict=True))
                out.setdefault(d["incident_id"], []).append(d)
    for lst in out.values():
        lst.sort(key=lambda d: (d["published"] is None, d["published"] or "", d["event_id"]))
    return out


def incident_reports(engine: Engine, incident_id: str) -> pd.DataFrame:
    """Every report of one incident (:data:`REPORT_COLUMNS`, ``actors`` as a list), the first report
    first (earliest published, undated last, then event id); empty for an unknown id."""
    df = _read(engine, select(*[E[k] for k in REPORT_COLUMNS]).where(E.incident_id == incident_id))
    if df.empty:
        return df
    df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    key = df["published"].isna().astype(int).astype(str) + df["published"].fillna("") + "\x1f" + df["event_id"]
    return df.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)


def incident_outlets(reports: pd.DataFrame) -> list[tuple[str, int]]:
    """(outlet, reports) of an incident's reports, most first; an article without a source is
    listed under its own id, as the incident counts it."""
    if reports.empty:
        return []
    names = [s if isinstance(s, str) and s else f"article {a}" for s, a in zip(reports["source"],
                                                                               reports["article_id"], strict=True)]
    per: dict[str, set[str]] = {}
    for name, aid in zip(names, reports["article_id"], strict=True):
        per.setdefault(name, set()).add(aid)
    return sorted(((n, len(a)) for n, a in per.items()), key=lambda x: (-x[1], x[0]))


# -- the article page -------------------------------------------------------------------------
def get_article(engine: Engine, article_id: str) -> dict[str, Any] | None:
    try:
        with engine.connect() as conn:
            row = conn.execute(select(articles.c.id, articles.c.url, articles.c.title, articles.c.source,
                                      articles.c.published, articles.c.language, articles.c.text)
                               .where(articles.c.id == article_id)).mappings().first()
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}") from exc
    return dict(row) if row else None


def article_events(engine: Engine, article_id: str) -> pd.DataFrame:
    stmt = (select(E.event_id, E.start, E.end, E.mention, E.place_id, E.place_name, E.place_name_ar,
                   E.country, E.geo_precision, E.event_date, E.date_precision, E.actors, E.lat, E.lon)
            .where(E.article_id == article_id).order_by(E.start))
    df = _read(engine, stmt)
    if not df.empty:
        df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    return df


def around(d: date | None, days: int, lo: date | None, hi: date | None) -> tuple[date | None, date | None]:
    """A window of +-days around a date, inside the data's range."""
    if d is None:
        return lo, hi
    a, b = d - timedelta(days=days), d + timedelta(days=days)
    if lo:
        a = max(a, lo)
    if hi:
        b = min(b, hi)
    return a, b


# -- link values (is this actor, place, outlet … in the store at all?) ----------------------------
def known_values(engine: Engine, facet: str, values: list[str]) -> set[str]:
    """Which of ``values`` occur in the store at any date (``facet``: actor, place, country, source,
    lang). Each value is looked up on its own with LIMIT 1: the indexed columns answer at once."""
    if not values:
        return set()
    col = {"actor": event_actors.c.actor, "place": E.place_id, "country": E.country, "source": E.source,
           "lang": E.language}[facet]
    table = event_actors if facet == "actor" else events
    found: set[str] = set()
    with engine.connect() as conn:
        for v in values:
            if conn.execute(select(col).select_from(table).where(col == v).limit(1)).first() is not None:
                found.add(v)
    return found
