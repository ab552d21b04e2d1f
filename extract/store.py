"""The event store: SQLAlchemy over SQLite (default, WAL) or PostgreSQL (with PostGIS when present).

The tables are in :mod:`.schema`: what extraction writes (``articles``, ``events`` with what
happened at each place, ``event_actors``, ``geocode_cache``, ``meta``) and what is derived from it
in the same transaction — ``incidents`` (:mod:`.incidents`: the reports of one incident across
articles and outlets), ``places``, the ``rollup_*`` counts the dashboard reads for long windows
(:mod:`.rollups`) and ``data_versions`` (which months of event dates each commit changed).

Each batch of articles is written in one transaction together with its events and everything
derived from them, so a process killed mid-batch never leaves an article half-stored, and the
incidents and rollups are never out of step; re-running the same input skips articles whose
content hash is unchanged and replaces the events of articles whose text changed. Writers are
serialised by the first statement of that transaction (the commit counter in ``meta``).

An archive can be loaded into an EMPTY store at once with :meth:`Store.bulk_load`: the same
tables, row for row, as ``save_batch`` with the same batches, in one transaction, with indexes
built once at the end, incidents placed in memory and rollups computed once.

A store written by an older version is upgraded in place by the first writable open
(:meth:`Store.migrate`: new columns, tables and indexes, derived tables built from the events);
a read-only open never writes, and reads an old store as it is (new event fields as null).
On PostgreSQL the same tables get, additionally:

* ``events.geom``, a PostGIS ``geometry(Point, 4326)`` *generated* from ``lon``/``lat``, so it is
  in step with them on every write whoever writes, with a GiST index; only when the PostGIS
  extension exists or can be created — without it the store works the same, with a warning,
  and bounding boxes filter on ``lat``/``lon``;
* indexes for the dashboard's queries (date window, actor, place);
* bulk writes through ``COPY … FROM STDIN`` (psycopg), still one transaction per batch;
* pg_trgm GIN indexes on ``lower(snippet)`` and ``lower(article_title)`` for the dashboard's
  search (when the extension exists or can be created).

On SQLite the search has ``events_text`` instead, an FTS5 trigram index over the events' snippet
and title kept in step by triggers (:data:`SQLITE_TEXT_DDL`).
"""

from __future__ import annotations

import functools
import json
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Integer,
    and_,
    create_engine,
    delete,
    event,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex

from . import rollups
from .bulk import copy_rows as _copy_rows
from .bulk import insert_rows, text_array, upsert_rows
from .incidents import IncidentWriter, LoadIncidents, Report, reports_of
from .model import EVENT_FIELDS, EVENT_TYPES, EXTRACTOR_VERSION, SUB_EVENT_TYPES, Article, Event
from .schema import (  # noqa: F401  (re-exported: the dashboard and tests import the tables from here)
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    DERIVED_TABLES,
    EVENT_COLUMNS,
    EVENT_COLUMNS_V2,
    SCHEMA_VERSION,
    StoreError,
    StoreWarning,
    articles,
    data_versions,
    event_actors,
    events,
    geocode_cache,
    incident_actors,
    incidents,
    meta,
    metadata,
    places,
    unlocated_events,
)

_EVENT_GETTER = attrgetter(*EVENT_COLUMNS)
_ACTORS_AT = EVENT_COLUMNS.index("actors")
_INCIDENT_AT = EVENT_COLUMNS.index("incident_id")
#: the old events a write reads before deleting them (rollups need the first eleven)
_OLD_COLUMNS = (*rollups.EVENT_COLUMNS, "event_id", "incident_id")
_ROLLUP_AT = [EVENT_COLUMNS.index(c) for c in rollups.EVENT_COLUMNS]
PLACE_COLUMNS = ("place_id", "place_name", "place_name_ar", "kind", "country", "geo_precision", "uncertainty_km",
                 "lat", "lon")
_PLACE_AT = [EVENT_COLUMNS.index(c) for c in PLACE_COLUMNS]
_DATE_AT = EVENT_COLUMNS.index("event_date")
_LAT_AT = EVENT_COLUMNS.index("lat")
_ID_AT = EVENT_COLUMNS.index("event_id")
_T = TypeVar("_T")

#: PostGIS: the point of every event, derived from lon/lat by the database itself
GEOM_DDL = ("ALTER TABLE events ADD COLUMN geom geometry(Point, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED")
GEOM_INDEX_DDL = "CREATE INDEX IF NOT EXISTS ix_events_geom ON events USING gist (geom)"
#: PostgreSQL-only indexes for the dashboard's queries (SQLite keeps the indexes of the schema).
#: ``ix_events_window`` holds, beside the date, every column the map, the timeline and the facets
#: read, so a date window (with actors matched on the ``actors`` list it carries) is answered by an
#: index-only scan that never reads the wide table rows; NULLS FIRST so that a backward scan gives
#: "newest first, undated last".
PG_INDEXES: dict[str, str] = {
    "ix_events_window": "CREATE INDEX IF NOT EXISTS ix_events_window ON events (event_date NULLS FIRST) INCLUDE "
    "(place_id, article_id, event_id, geo_precision, lat, lon, country, language, source, actors, event_type)",
    # a place's events newest first (undated last) with what the view filters on: the popups' few
    # most recent events of each of the map's places are an index-only seek per place that stops
    # after them (a LATERAL ... LIMIT n; SQLite's ix_events_place_recent does the same)
    "ix_events_place_recent": "CREATE INDEX IF NOT EXISTS ix_events_place_recent ON events "
    "(place_id, event_date DESC NULLS LAST, event_id DESC) "
    "INCLUDE (geo_precision, event_type, country, language, source, actors, lat, lon)",
}
PG_AUTOVACUUM = "autovacuum_vacuum_insert_scale_factor=0.01"
#: indexes the window index makes redundant on PostgreSQL (and earlier experiments)
PG_DROP_INDEXES: tuple[str, ...] = ("ix_events_date", "ix_events_date_cover", "ix_event_actors_actor_event",
                                    "ix_events_type_date", "ix_rollup_time_month_period", "ix_rollup_time_day_period")
#: indexes of schema 1 that schema 2 replaces (both backends)
OLD_INDEXES: tuple[str, ...] = ("ix_events_place",)
#: SQLite's counterpart of ``ix_events_window``: a covering index (SQLite has no INCLUDE: the
#: columns follow the date) from which a date window's narrow reads never touch the wide rows
#: (snippets, titles), which a back-filled archive scatters all over the file
SQLITE_INDEXES: dict[str, str] = {
    "ix_events_window": "CREATE INDEX IF NOT EXISTS ix_events_window ON events (event_date, place_id, geo_precision, "
    "event_type, country, language, source, actors, article_id, event_id, lat, lon)",
    # a place's events newest first with what the view filters on: the popups' few most recent
    # events of each place are an index seek per place that stops after them (store.SQLITE_RECENT_INDEX)
    "ix_events_place_recent": "CREATE INDEX IF NOT EXISTS ix_events_place_recent ON events (place_id, event_date, "
    "event_id, geo_precision, event_type, country, actors)",
}
#: the index of the popups' recent events per place (in SQLITE_INDEXES and PG_INDEXES)
SQLITE_RECENT_INDEX = "ix_events_place_recent"
RECENT_INDEX = SQLITE_RECENT_INDEX
#: SQLite's counterparts of the rollups' ``ix_<table>_period`` (PostgreSQL builds the place
#: rollups' with ``INCLUDE (n)``): the count follows the key, so the dashboard's counts of a window
#: (every actor's of every place, every type's, the facets, the timelines) are read from the index
#: alone — the rollup tables are WITHOUT ROWID, and an index entry already holds their key (place,
#: type, country, precision); without ``n`` each entry sent SQLite back to the table (0.14 s
#: instead of 0.07 s for every actor of every place over a year, 0.085 s instead of 0.027 s for
#: the actors of all dates, at 500 000 events). Each replaces the narrower index.
SQLITE_ROLLUP_INDEXES: dict[str, str] = {
    **{f"ix_{t}_period_n": f"CREATE INDEX IF NOT EXISTS ix_{t}_period_n ON {t} (period, event_type, actor, n)"
       for t in ("rollup_place_month", "rollup_place_year", "rollup_place_all")},
    **{f"ix_{t}_period_n": f"CREATE INDEX IF NOT EXISTS ix_{t}_period_n ON {t} (period, actor, n)"
       for t in ("rollup_time_month", "rollup_time_day")},
}
#: PostgreSQL's counterparts for the time rollups (its place rollups' ``ix_<table>_period`` already
#: INCLUDE n): the filtered key columns and the count after the (period, actor) key, so the
#: timelines and the actor facet of a window are index-only scans (at 300 000 events the daily
#: timeline of a year 0.062-0.072 -> 0.026-0.034 s; the monthly reads and the facets, a few ms
#: to 0.02 s, within the noise). Each replaces the narrower index (in PG_DROP_INDEXES).
PG_ROLLUP_INDEXES: dict[str, str] = {
    f"ix_{t}_period_n": f"CREATE INDEX IF NOT EXISTS ix_{t}_period_n ON {t} (period, actor) "
    "INCLUDE (event_type, geo_precision, n)" for t in ("rollup_time_month", "rollup_time_day")}
#: SQLite's full-text index of what the dashboard's search reads (``events.snippet`` and
#: ``events.article_title``): an FTS5 table over the events' own rows (external content: the text
#: is not stored twice) with the trigram tokenizer, so a phrase matches any substring of three
#: characters or more, as the search's ``LIKE '%…%'`` does; kept in step with ``events`` by
#: triggers, whoever writes (save_batch, bulk_load, a repair). Stores of SQLite without FTS5's
#: trigram tokenizer (before 3.34) do without it and the search reads the window's events.
SQLITE_TEXT_INDEX = "events_text"
#: the index and the three triggers of SQLITE_TEXT_DDL
SQLITE_TEXT_OBJECTS: tuple[str, ...] = (SQLITE_TEXT_INDEX, "events_text_ai", "events_text_ad", "events_text_au")
SQLITE_TEXT_DDL: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_text USING fts5(snippet, article_title, "
    "content='events', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS events_text_ai AFTER INSERT ON events BEGIN "
    "INSERT INTO events_text(rowid, snippet, article_title) VALUES (new.rowid, new.snippet, new.article_title); END",
    "CREATE TRIGGER IF NOT EXISTS events_text_ad AFTER DELETE ON events BEGIN "
    "INSERT INTO events_text(events_text, rowid, snippet, article_title) "
    "VALUES ('delete', old.rowid, old.snippet, old.article_title); END",
    "CREATE TRIGGER IF NOT EXISTS events_text_au AFTER UPDATE OF snippet, article_title ON events BEGIN "
    "INSERT INTO events_text(events_text, rowid, snippet, article_title) "
    "VALUES ('delete', old.rowid, old.snippet, old.article_title); "
    "INSERT INTO events_text(rowid, snippet, article_title) VALUES (new.rowid, new.snippet, new.article_title); END",
)
#: PostgreSQL's counterpart: pg_trgm's GIN indexes on the very expressions the search matches
#: (``lower(snippet) LIKE '%…%'``), used by the planner for the same query (when the extension
#: exists or can be created; without it the search reads the window's events)
PG_TEXT_INDEXES: dict[str, str] = {
    "ix_events_snippet_trgm": "CREATE INDEX IF NOT EXISTS ix_events_snippet_trgm ON events "
    "USING gin (lower(snippet) gin_trgm_ops)",
    "ix_events_title_trgm": "CREATE INDEX IF NOT EXISTS ix_events_title_trgm ON events "
    "USING gin (lower(article_title) gin_trgm_ops)",
}
#: indexes the covering one makes redundant on SQLite
SQLITE_DROP_INDEXES: tuple[str, ...] = ("ix_events_date", "ix_events_type_date", *(
    name.removesuffix("_n") for name in SQLITE_ROLLUP_INDEXES))
#: a batch's old rows, on PostgreSQL (``ids``: an array of article ids)
_PG_DELETES = (
    text("DELETE FROM event_actors WHERE event_id IN "
         "(SELECT event_id FROM events WHERE article_id = ANY(CAST(:ids AS text[])))"),
    text("DELETE FROM events WHERE article_id = ANY(CAST(:ids AS text[]))"),
    text("DELETE FROM unlocated_events WHERE article_id = ANY(CAST(:ids AS text[]))"),
    text("DELETE FROM articles WHERE id = ANY(CAST(:ids AS text[]))"),
)
#: serialises schema creation and upgrades between processes opening one PostgreSQL store
_PG_LOCK = 0x636D6170  # "cmap"


def _ddl(conn: Connection, sql: str) -> None:
    """One statement of an upgrade; a role that may not change the tables learns who can."""
    try:
        if conn.dialect.name == "sqlite":  # one writer holds the file: nothing to fall back from
            conn.execute(text(sql))
            return
        with conn.begin_nested():
            conn.execute(text(sql))
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreError(f"upgrading the store needs its owner ({reason}); open it once as the role that "
                         f"created it, or read it with a read-only connection") from exc


def _columns(conn: Connection, table: str) -> set[str]:
    """The column names of a table (without reflecting types SQLAlchemy does not know, like geometry)."""
    if conn.dialect.name == "postgresql":
        return _pg_columns(conn, table)
    return {r[1] for r in conn.execute(text(f"PRAGMA table_info({table})"))}


def _pg_columns(conn: Connection, table: str) -> set[str]:
    return {r[0] for r in conn.execute(text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = :t"), {"t": table})}


def sqlite_has_trigram(conn: Connection) -> bool:
    """Does this SQLite offer FTS5 with the trigram tokenizer (3.34 and later, FTS5 compiled in)?"""
    version = tuple(int(x) for x in str(conn.execute(text("SELECT sqlite_version()")).scalar()).split(".")[:2])
    options = {r[0] for r in conn.execute(text("PRAGMA compile_options"))}
    return version >= (3, 34) and "ENABLE_FTS5" in options


def _extension_problem(conn: Connection, name: str, label: str) -> str | None:
    """PostgreSQL: make sure extension ``name`` is there (created if the role may); None when it
    is, else why not (for messages)."""
    if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = :n"), {"n": name}).first():
        return None
    if not conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = :n"), {"n": name}).first():
        return f"the server has no {label} extension"
    try:
        with conn.begin_nested():
            conn.execute(text(f"CREATE EXTENSION IF NOT EXISTS {name}"))
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return f"CREATE EXTENSION {name} failed ({reason}); a superuser can run it once in this database"
    return None


def sqlite_text_index_ready(conn: Connection) -> bool:
    """Does this SQLite store have the search's full-text index and every trigger keeping it?"""
    names = ", ".join(f"'{n}'" for n in SQLITE_TEXT_OBJECTS)
    have = conn.execute(text(f"SELECT count(*) FROM sqlite_master WHERE name IN ({names})")).scalar()
    return have == len(SQLITE_TEXT_OBJECTS)


def sqlite_has_indexes(conn: Connection, names: Sequence[str]) -> bool:
    """Does this SQLite store have every index of ``names`` (e.g. SQLITE_ROLLUP_INDEXES)?"""
    listed = ", ".join(f"'{n}'" for n in names)
    have = conn.execute(text(f"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ({listed})")).scalar()
    return have == len(set(names))


def pg_has_indexes(conn: Connection, names: Sequence[str]) -> bool:
    """Does this PostgreSQL store (its current schema) have every index of ``names``?"""
    have = conn.execute(text("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                             "AND indexname = ANY(CAST(:n AS text[]))"), {"n": list(set(names))}).scalar()
    return have == len(set(names))


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1] if "@" in url else url


def database_url(db: str | os.PathLike[str]) -> str:
    """Turn a ``--db`` argument (a file path or an SQLAlchemy URL) into a URL."""
    s = str(db)
    if "://" in s:
        return s
    return "sqlite:///" + str(Path(s).expanduser().resolve())


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_writer_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA cache_size=-{SQLITE_WRITER_CACHE_MB * 1024}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


#: page cache of a writing connection, MB (SQLite's default is 2). It fills up to the size of the
#: store, so it is the CLI's peak memory beyond the index: 256 MB made a 2 000-article run peak at
#: 249 MB instead of 169 MB, and was no faster (the OS page cache serves the misses): 34.9/33.5 s
#: with 256 MB, 32.0/29.8 s with 32 MB (benchmarks/throughput.py corpus, 2 cores)
SQLITE_WRITER_CACHE_MB = 32


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with the store's connection settings (WAL and foreign keys on SQLite)."""
    if url.startswith("sqlite"):
        if read_only:
            path = url.split(":///", 1)[1]
            if not Path(path).exists():
                raise StoreError(f"no database at {path}")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        if not read_only:  # a writer updates indexes and rollups all over the file: keep them in memory
            event.listen(engine, "connect", _sqlite_writer_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


GEOM = literal_column("events.geom")


def bbox_condition(bbox: tuple[float, float, float, float], *, geometry: bool = False) -> Any:
    """Events inside ``(min_lon, min_lat, max_lon, max_lat)`` (edges included).

    With ``geometry`` (a PostGIS store) the test is ``geom && envelope``, which the GiST index
    answers; otherwise plain comparisons on ``lon``/``lat``. Both select the same events."""
    x0, y0, x1, y1 = (float(v) for v in bbox)
    if geometry:
        return GEOM.op("&&")(func.ST_MakeEnvelope(x0, y0, x1, y1, 4326))
    c = events.c
    return and_(c.lon.between(x0, x1), c.lat.between(y0, y1))


@dataclass
class EventFilter:
    """Filters shared by exports (and usable by any reader of the store)."""

    date_from: str | None = None
    date_to: str | None = None
    actors: Sequence[str] = ()
    countries: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_undated: bool = False  # with a date window, keep events whose date is unknown?
    event_types: Sequence[str] = ()  # ACLED event types to keep (none: every event and mention)

    def apply(self, stmt: Any, *, geometry: bool = False, table: Any = events) -> Any:
        """``stmt`` narrowed to the filter; ``geometry``: the store has PostGIS's ``events.geom``;
        ``table``: ``unlocated_events`` to narrow a select of those (no bounding box holds one;
        actors are matched in their ``actors`` column)."""
        c = table.c
        conds = []
        if self.date_from:
            conds.append(c.event_date >= self.date_from)
        if self.date_to:
            conds.append(c.event_date <= self.date_to)
        for cond in conds:
            stmt = stmt.where(or_(cond, c.event_date.is_(None)) if self.include_undated else cond)
        if self.countries:
            stmt = stmt.where(c.country.in_([x.upper() for x in self.countries]))
        if self.bbox:
            stmt = stmt.where(bbox_condition(self.bbox, geometry=geometry) if table is events else false())
        if self.actors and table is not events:
            stmt = stmt.where(or_(*(c.actors.contains(json.dumps(a, ensure_ascii=False), autoescape=True)
                                    for a in self.actors)))
        elif self.actors:
            sub = select(event_actors.c.event_id).where(event_actors.c.actor.in_(list(self.actors)))
            stmt = stmt.where(c.event_id.in_(sub))
        if self.event_types:
            stmt = stmt.where(c.event_type.in_(list(self.event_types)))
        return stmt


def _copy_all(conn: Connection, art_rows: Sequence[Sequence[Any]], ev_rows: Sequence[Sequence[Any]],
              actor_rows: Sequence[Sequence[Any]]) -> None:
    """The three COPYs; a NUL character anywhere (psycopg refuses it) redoes them with NULs replaced."""
    import psycopg

    for scrub in (False, True):
        try:
            with conn.begin_nested():
                _copy_rows(conn, articles, ARTICLE_COLUMNS, art_rows, scrub=scrub)
                _copy_rows(conn, events, EVENT_COLUMNS, ev_rows, scrub=scrub)
                _copy_rows(conn, event_actors, ACTOR_COLUMNS, actor_rows, scrub=scrub)
            return
        except psycopg.Error as exc:
            # the server refuses NUL ("invalid byte sequence for encoding "UTF8": 0x00"): scrub once
            if not scrub and isinstance(exc, psycopg.DataError) and ("0x00" in str(exc) or "NUL" in str(exc)):
                continue
            # as SQLAlchemy would raise it (IntegrityError, DataError, …), for callers catching those
            raise DBAPIError.instance("COPY", None, exc, psycopg.Error) from exc


def check_event_fields(ev: Event) -> None:
    """``ValueError`` unless the event's type, sub-event type and figures are ACLED's."""
    if ev.event_type is not None and ev.event_type not in EVENT_TYPES:
        raise ValueError(f"event {ev.event_id}: {ev.event_type!r} is not one of ACLED's event types")
    if ev.sub_event_type is not None:
        parent = SUB_EVENT_TYPES.get(ev.sub_event_type)
        if parent is None:
            raise ValueError(f"event {ev.event_id}: {ev.sub_event_type!r} is not one of ACLED's sub-event types")
        if parent != ev.event_type:
            raise ValueError(f"event {ev.event_id}: sub-event type {ev.sub_event_type!r} belongs to {parent!r}, "
                             f"not {ev.event_type!r}")
    for name in ("fatalities", "injured"):
        v = getattr(ev, name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ValueError(f"event {ev.event_id}: {name} must be a whole number >= 0 or None, not {v!r}")


def _batch_rows(batch: Sequence[tuple[Article, Sequence[Event]]]
                ) -> tuple[list[tuple[Any, ...]], list[list[Any]], list[tuple[str, str]]]:
    """The rows ``save_batch`` writes for ``batch``: articles, events (``incident_id`` None, the
    store places them) and event actors; ``ValueError`` for an event field that is not ACLED's."""
    now = _now()
    art_rows: list[tuple[Any, ...]] = []
    ev_rows: list[list[Any]] = []
    actor_rows: list[tuple[str, str]] = []
    fields = _EVENT_GETTER
    at = _ACTORS_AT
    as_json: dict[tuple[str, ...], str] = {}  # few distinct actor lists: encode each once
    for art, evs in batch:
        art_rows.append((art.id, art.url, art.title, art.source, art.published, art.language, art.text,
                         art.content_hash, art.origin, len(evs), EXTRACTOR_VERSION, now))
        for ev in evs:
            if ev.event_type is not None or ev.sub_event_type is not None or ev.fatalities or ev.injured:
                check_event_fields(ev)
            row = list(fields(ev))
            key = tuple(ev.actors)
            js = as_json.get(key)
            if js is None:
                js = as_json[key] = json.dumps(ev.actors, ensure_ascii=False)
            row[at] = js
            row[_INCIDENT_AT] = None  # the store places events in incidents
            ev_rows.append(row)
            if ev.actors:
                actor_rows.extend((ev.event_id, a) for a in dict.fromkeys(ev.actors))
    return art_rows, ev_rows, actor_rows


def _split_unlocated(ev_rows: list[list[Any]], actor_rows: Sequence[Sequence[Any]]
                     ) -> tuple[list[list[Any]], list[list[Any]], Sequence[Sequence[Any]]]:
    """(events with a point, unlocated events, the actor rows of the former): unlocated events
    (``lat`` None) go to their own table, their actors stay in their ``actors`` column."""
    lost = [r for r in ev_rows if r[_LAT_AT] is None]
    if not lost:
        return ev_rows, lost, actor_rows
    gone = {r[_ID_AT] for r in lost}
    return ([r for r in ev_rows if r[_LAT_AT] is not None], lost,
            [a for a in actor_rows if a[0] not in gone])


def _place_reports(ev_rows: list[list[Any]], place: Callable[[list[Report]], _T]) -> _T:
    """Hand the typed events of ``ev_rows`` to ``place`` (an incident writer's, which sets each
    report's ``incident_id``) and write the incident ids into the rows; what ``place`` returns."""
    reps = reports_of(ev_rows, EVENT_COLUMNS)
    out = place([r for _i, r in reps])
    for i, rep in reps:
        ev_rows[i][_INCIDENT_AT] = rep.incident_id
    return out


def _upsert_versions(conn: Connection, periods: Iterable[str], seq: int) -> None:
    upsert_rows(conn, data_versions, ("period",), ("seq",), [(p, seq) for p in sorted(periods)],
                {"seq": "excluded.seq"})


@dataclass
class CopySummary:
    """What :func:`copy_store` did."""

    articles: int = 0   # articles in the source
    seen: int = 0       # of which looked at so far
    copied: int = 0     # new in the destination
    replaced: int = 0   # in the destination with other content: replaced
    unchanged: int = 0  # already in the destination with the same content: skipped
    events: int = 0     # events written
    geocodes: int = 0   # cached geocoder answers copied
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Events written per second."""
        return self.events / self.seconds if self.seconds else 0.0


@dataclass
class BulkSummary:
    """What :meth:`Store.bulk_load` did (seconds: wall clock)."""

    batches: int = 0
    articles: int = 0
    events: int = 0
    incidents: int = 0
    load_s: float = 0.0      # reading the batches, placing incidents, writing the rows
    index_s: float = 0.0     # building the dropped indexes again, planner statistics
    derived_s: float = 0.0   # incidents' rows, places, rollups, data versions
    optimize_s: float = 0.0  # VACUUM (ANALYZE) / ANALYZE after the commit
    seconds: float = 0.0     # in all

    @property
    def rate(self) -> float:
        """Events loaded per second, everything included."""
        return self.events / self.seconds if self.seconds else 0.0


class Store:
    """Read and write articles and events."""

    def __init__(self, db: str | os.PathLike[str], *, create: bool = True) -> None:
        self.url = database_url(db)
        if self.url.startswith("sqlite") and create:
            Path(self.url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(self.url, read_only=not create)
        self.dialect = self.engine.dialect.name
        self.has_geometry = False  # events.geom (PostGIS) exists
        self.postgis_problem: str | None = None  # why a PostgreSQL store has no geometry
        self.stored_version = SCHEMA_VERSION  # the schema the store had when opened
        self.event_columns: frozenset[str] = frozenset(EVENT_COLUMNS)  # event columns the store has
        self.has_unlocated = True  # the store keeps unlocated events (a store written before: no table)
        try:
            self._init_schema(create)
        except StoreError:
            self.engine.dispose()
            raise
        except Exception as exc:  # a file that is not a database, a server that refuses us
            self.engine.dispose()
            raise StoreError(f"cannot open the store at {safe_url(self.url)}: {exc.__class__.__name__}: "
                             f"{str(exc).replace(self.url, safe_url(self.url))}") from exc

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @property
    def is_current(self) -> bool:
        """The store has this version's schema (an older one opened read-only has not)."""
        return self.stored_version >= SCHEMA_VERSION

    # -- schema -----------------------------------------------------------------------------
    def _init_schema(self, create: bool) -> None:
        with self.engine.begin() as conn:
            if create and self.is_postgres:  # one process at a time creates or upgrades
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            if create:
                metadata.create_all(conn)  # the tables a store lacks (a new store: all of them)
            elif not self.engine.dialect.has_table(conn, "meta"):
                raise StoreError(f"{safe_url(self.url)} is not a conflictmap store (no meta table)")
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is None:
                stored = SCHEMA_VERSION if create else 1
                if create:  # a read-only user opening a store writes nothing
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                    conn.execute(meta.insert().values(key="commit_seq", value="0"))
            else:
                stored = int(row[0])
            if stored > SCHEMA_VERSION:
                raise StoreError(
                    f"{safe_url(self.url)} was written by a newer conflictmap (schema {stored} > {SCHEMA_VERSION})"
                )
            self.stored_version = stored
            if create:
                self.migrate(conn)
            self.event_columns = frozenset(_columns(conn, "events"))
            self.has_unlocated = self.engine.dialect.has_table(conn, "unlocated_events")
            if self.is_postgres:
                self.has_geometry = "geom" in self.event_columns
        if create and self.is_postgres and not self.has_geometry:
            warnings.warn(
                f"PostgreSQL store {safe_url(self.url)} has no PostGIS geometry: {self.postgis_problem}. "
                "It works without (bounding boxes filter on lat/lon, no spatial index); install PostGIS "
                "(Debian: apt-get install postgresql-postgis) and open the store again to add it.",
                StoreWarning, stacklevel=3)

    def migrate(self, conn: Connection) -> None:
        """Bring an existing store up to date in place (idempotent; runs on every writable open).

        Both backends: the tables a store lacks (``create_all``, before this), the event columns
        of schema 2 (``event_type`` … ``incident_id``) and their indexes; a store of schema 1 then
        gets its derived tables built from its events (places, rollups, data versions; incidents
        for any typed events) and its version raised. PostgreSQL, additionally: short string
        columns of older stores become ``text COLLATE "C"``, PostGIS (created if it can be) with
        the generated ``events.geom`` and its GiST index, and the dashboard's indexes.
        """
        # only what is missing, so that an up-to-date store takes no lock and needs no ownership
        have = _columns(conn, "events")
        for name in EVENT_COLUMNS_V2:
            if name not in have:
                col = events.c[name]
                typ = ("integer" if isinstance(col.type, Integer) else 'text COLLATE "C"') if self.is_postgres else (
                    "INTEGER" if isinstance(col.type, Integer) else f"VARCHAR({col.type.length})")
                _ddl(conn, f'ALTER TABLE events ADD COLUMN "{name}" {typ}')
        indexes = self._index_names(conn)
        for name in OLD_INDEXES:
            if name in indexes:
                _ddl(conn, f"DROP INDEX {name}")
        dropped = PG_DROP_INDEXES if self.is_postgres else SQLITE_DROP_INDEXES
        for ix in events.indexes:
            if ix.name not in indexes and ix.name not in dropped:
                _ddl(conn, str(CreateIndex(ix).compile(conn)))
        if self.is_postgres:
            self._migrate_postgres(conn)
        else:
            for name, ddl in (SQLITE_INDEXES | SQLITE_ROLLUP_INDEXES).items():
                if name not in indexes:
                    _ddl(conn, ddl)
            for name in SQLITE_DROP_INDEXES:
                if name in indexes:
                    _ddl(conn, f"DROP INDEX {name}")
            self._ensure_text_index(conn)
        if self.stored_version < SCHEMA_VERSION:
            if conn.execute(select(meta.c.value).where(meta.c.key == "commit_seq")).first() is None:
                conn.execute(meta.insert().values(key="commit_seq", value="1"))
            self._rebuild_derived(conn)
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
            self.stored_version = SCHEMA_VERSION

    def _ensure_text_index(self, conn: Connection) -> None:
        """SQLite: the search's full-text index and its triggers; a store that had none gets its
        events indexed once (``rebuild``: some 20 s for 500 000 events). Skipped where this SQLite
        has no FTS5 or no trigram tokenizer (before 3.34)."""
        if sqlite_text_index_ready(conn) or not sqlite_has_trigram(conn):
            return
        had_index = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = :n"),
                                 {"n": SQLITE_TEXT_INDEX}).first() is not None
        for ddl in SQLITE_TEXT_DDL:
            _ddl(conn, ddl)
        if not had_index:
            conn.execute(text("INSERT INTO events_text(events_text) VALUES ('rebuild')"))

    def _index_names(self, conn: Connection) -> set[str]:
        if self.is_postgres:
            return {r[0] for r in conn.execute(text(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))}
        return {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}

    def _migrate_postgres(self, conn: Connection) -> None:
        for table, column in conn.execute(text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND data_type = 'character varying' "
                "AND table_name IN ('articles', 'events', 'event_actors', 'geocode_cache', 'meta')")).all():
            _ddl(conn, f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE text COLLATE "C"')
        indexes = {r[0]: r[1] for r in conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"))}
        if self._ensure_postgis(conn):
            if "geom" not in _pg_columns(conn, "events"):
                _ddl(conn, GEOM_DDL)  # fills every existing row (rewrites the table once)
            if "ix_events_geom" not in indexes:
                _ddl(conn, GEOM_INDEX_DDL)
        for name, ddl in (PG_INDEXES | PG_ROLLUP_INDEXES).items():
            if name in indexes and "event_type" not in indexes[name]:  # schema 1's window index
                _ddl(conn, f"DROP INDEX {name}")
                indexes.pop(name)
            if name not in indexes:
                _ddl(conn, ddl)
        for name in PG_DROP_INDEXES:
            if name in indexes:
                _ddl(conn, f"DROP INDEX {name}")
        if any(name not in indexes for name in PG_TEXT_INDEXES) and _extension_problem(conn, "pg_trgm", "pg_trgm") is None:
            for name, ddl in PG_TEXT_INDEXES.items():
                if name not in indexes:
                    _ddl(conn, ddl)
        # vacuum after every 1% of new rows (default: 20%), so the visibility map the index-only
        # scans rely on covers the newest events, which are the ones the dashboard opens on
        options = dict(conn.execute(text(
            "SELECT relname, array_to_string(reloptions, ',') FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace "
            "AND relname IN ('articles', 'events', 'event_actors')")).all())
        for table in ("articles", "events", "event_actors"):
            if PG_AUTOVACUUM not in (options.get(table) or ""):
                _ddl(conn, f"ALTER TABLE {table} SET ({PG_AUTOVACUUM}, autovacuum_analyze_scale_factor=0.02)")

    def rebuild_derived(self) -> None:
        """Build every derived table afresh from the events (incidents replayed article by
        article in id order). The write path keeps them up to date; this is for repairs."""
        with self.engine.begin() as conn:
            self._next_seq(conn)
            self._rebuild_derived(conn)

    def _rebuild_derived(self, conn: Connection) -> None:
        for t in DERIVED_TABLES:
            conn.execute(delete(t))
        conn.execute(events.update().where(events.c.incident_id.is_not(None)).values(incident_id=None))
        # places: one row per place id, from one of its events
        pick = select(*[func.max(events.c[c]).label(c) if c != "place_id" else events.c.place_id
                        for c in PLACE_COLUMNS]).group_by(events.c.place_id)
        conn.execute(places.insert().from_select(list(PLACE_COLUMNS), pick))
        seq = self._current_seq(conn)
        self._replay_incidents(conn, seq)
        rollups.rebuild(conn)
        month = func.coalesce(func.substr(events.c.event_date, 1, 7), "")
        conn.execute(data_versions.insert().from_select(
            ["period", "seq"], select(month, literal(seq)).group_by(month)))

    def _replay_incidents(self, conn: Connection, seq: int) -> None:
        """Incidents for the typed events of a store written without them, article by article."""
        ids = [r[0] for r in conn.execute(select(events.c.article_id).where(events.c.event_type.is_not(None))
                                          .group_by(events.c.article_id).order_by(events.c.article_id))]
        cols = [events.c[c] for c in EVENT_COLUMNS]
        for k in range(0, len(ids), 500):
            rows = [list(r) for r in conn.execute(select(*cols).where(events.c.article_id.in_(ids[k:k + 500]))
                                                  .order_by(events.c.event_id))]
            writer = IncidentWriter(conn, seq, postgres=self.is_postgres)
            reps = reports_of(rows, EVENT_COLUMNS)
            writer.assign([r for _i, r in reps])
            writer.moved.update({r.event_id: r.incident_id for _i, r in reps if r.incident_id})
            self._apply_moved(conn, writer.moved)
            writer.finish()

    @staticmethod
    def _apply_moved(conn: Connection, moved: dict[str, str]) -> None:
        if moved:
            conn.execute(text("UPDATE events SET incident_id = :i WHERE event_id = :e"),
                         [{"i": i, "e": e} for e, i in sorted(moved.items())])

    def _ensure_postgis(self, conn: Connection) -> bool:
        self.postgis_problem = _extension_problem(conn, "postgis", "PostGIS")
        return self.postgis_problem is None

    def optimize(self) -> None:
        """After a large load: fresh planner statistics, and on PostgreSQL the visibility map that
        index-only scans need (``VACUUM (ANALYZE)``; autovacuum gets there too, later)."""
        if self.is_postgres:
            tables = ", ".join(t.name for t in (articles, events, event_actors, *DERIVED_TABLES))
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f"VACUUM (ANALYZE) {tables}"))
        else:
            with self.engine.begin() as conn:
                conn.execute(text("ANALYZE"))

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """Content hashes of the given article ids that are already stored."""
        ids = list(ids)
        out: dict[str, str] = {}
        step = 5000 if self.is_postgres else 500
        with self.engine.connect() as conn:
            for i in range(0, len(ids), step):
                chunk = ids[i : i + step]
                for aid, h in conn.execute(
                    select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(chunk))
                ):
                    out[aid] = h
        return out

    def save_batch(self, batch: Sequence[tuple[Article, Sequence[Event]]]) -> None:
        """Store articles with their events in one transaction (all or nothing).

        An article already stored under the same id has its events replaced; incidents and
        rollups follow in the same transaction. On PostgreSQL the rows travel through COPY; on
        SQLite through one executemany per table. An event type, sub-event type or figure that
        is not ACLED's raises :class:`ValueError` before anything is written.
        """
        if not batch:
            return
        self.write_rows(*_batch_rows(batch))

    def bulk_load(self, batches: Iterable[Sequence[tuple[Article, Sequence[Event]]]], *,
                  progress: Callable[[BulkSummary], None] | None = None) -> BulkSummary:
        """Load an archive into an EMPTY store: the same tables, row for row, as ``save_batch``
        called with each of ``batches`` in turn (articles, events, event actors, incidents and
        their actors, places, rollups, data versions, the commit counter), much faster.

        One transaction for everything (a failure leaves the store empty): the secondary indexes
        of the written tables are dropped and built again once at the end; rows go in by COPY
        (PostgreSQL) or one executemany per table (SQLite); incidents are placed by
        :class:`.incidents.LoadIncidents` — :class:`.incidents.IncidentWriter`'s placing, batch by
        batch in the order ``save_batch`` would place them, held in memory — and their rows are
        computed from the written events; the rollups are computed once by
        :func:`.rollups.rebuild`. ``extracted_at`` is the time each batch was read, as
        ``save_batch`` stamps it. An article id that comes twice (which ``save_batch`` would
        replace) raises :class:`StoreError`: use ``save_batch`` for updates."""
        if not self.is_current:
            raise StoreError(f"{safe_url(self.url)} has schema {self.stored_version}: open it writable to upgrade it")
        summary = BulkSummary()
        t0 = time.perf_counter()
        with self.engine.begin() as conn:
            self._next_seq(conn)  # the write lock, held to the end
            if (conn.execute(select(articles.c.id).limit(1)).first() is not None
                    or conn.execute(select(events.c.event_id).limit(1)).first() is not None):
                raise StoreError(f"{safe_url(self.url)} is not empty: a bulk load needs a new store "
                                 "(add to a store with the normal write)")
            dropped = self._drop_load_indexes(conn)
            writer = LoadIncidents(conn, postgres=self.is_postgres)
            seen: set[str] = set()
            latest: dict[str, tuple[Any, ...]] = {}
            versions: dict[str, int] = {}
            seq = 0
            for batch in batches:
                if not batch:
                    continue
                seq += 1
                art_rows, all_rows, all_actors = _batch_rows(batch)
                ev_rows, lost_rows, actor_rows = _split_unlocated(all_rows, all_actors)
                for r in art_rows:
                    if r[0] in seen:
                        raise StoreError(f"article {r[0]!r} comes twice: a bulk load writes each article once")
                    seen.add(r[0])
                months = _place_reports(ev_rows, functools.partial(writer.batch, seq))
                self._insert_new(conn, art_rows, ev_rows, actor_rows)
                insert_rows(conn, unlocated_events, EVENT_COLUMNS, lost_rows)
                for r in ev_rows:
                    latest[r[_PLACE_AT[0]]] = tuple(r[i] for i in _PLACE_AT)
                    d = r[_DATE_AT]
                    months.add(d[:7] if d else "")
                versions.update(dict.fromkeys(months, seq))
                summary.batches = seq
                summary.articles += len(art_rows)
                summary.events += len(ev_rows) + len(lost_rows)
                summary.seconds = time.perf_counter() - t0
                if progress is not None:
                    progress(summary)
            summary.load_s = time.perf_counter() - t0
            t = time.perf_counter()
            for sql in dropped:
                conn.execute(text(sql))
            conn.execute(text("ANALYZE events, event_actors, articles" if self.is_postgres else "ANALYZE"))
            summary.index_s = time.perf_counter() - t
            t = time.perf_counter()
            summary.incidents = writer.write()
            del writer
            insert_rows(conn, places, PLACE_COLUMNS, [v for _k, v in sorted(latest.items())])
            rollups.rebuild(conn)
            insert_rows(conn, data_versions, ("period", "seq"), sorted(versions.items()))
            # the counter where save_batch would have left it (one commit per batch)
            conn.execute(meta.update().where(meta.c.key == "commit_seq").values(value=str(seq)))
            summary.derived_s = time.perf_counter() - t
        t = time.perf_counter()
        self.optimize()
        summary.optimize_s = time.perf_counter() - t
        summary.seconds = time.perf_counter() - t0
        if progress is not None:
            progress(summary)
        return summary

    def _drop_load_indexes(self, conn: Connection) -> list[str]:
        """Drop the secondary indexes of the tables a load writes (keys stay); the statements
        that build them again."""
        tables = ("articles", "events", "event_actors")
        if self.is_postgres:
            found = conn.execute(text(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = ANY(CAST(:t AS text[])) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"),
                {"t": list(tables)}).all()
        else:
            found = conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({', '.join(repr(t) for t in tables)})")).all()
        for name, _sql in found:
            conn.execute(text(f'DROP INDEX "{name}"'))
        return [sql for _name, sql in sorted(found)]

    @staticmethod
    def _next_seq(conn: Connection) -> int:
        """Raise the commit counter: the first statement of every write, which serialises writers
        (SQLite's write lock; a PostgreSQL row lock held until commit)."""
        conn.execute(text("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'commit_seq'"))
        return Store._current_seq(conn)

    @staticmethod
    def _current_seq(conn: Connection) -> int:
        v = conn.execute(select(meta.c.value).where(meta.c.key == "commit_seq")).scalar()
        return int(v or 0)

    def write_rows(self, art_rows: Sequence[Sequence[Any]], ev_rows: Sequence[Sequence[Any]],
                   actor_rows: Sequence[Sequence[Any]]) -> None:
        """Replace the given articles (rows in ``ARTICLE_COLUMNS`` order) and all their events
        (``EVENT_COLUMNS``; ``actors`` as a JSON list) and event actors, in one transaction, with
        the incidents, places, rollups and data versions they change.

        An event row that carries an ``incident_id`` (``copy_store``) keeps it; the others are
        placed by :mod:`.incidents`."""
        if not art_rows:
            return
        if not self.is_current:
            raise StoreError(f"{safe_url(self.url)} has schema {self.stored_version}: open it writable to upgrade it")
        ids = [r[0] for r in art_rows]
        ev_rows, lost_rows, actor_rows = _split_unlocated([list(r) for r in ev_rows], actor_rows)
        with self.engine.begin() as conn:
            seq = self._next_seq(conn)
            old = self._old_events(conn, ids)
            if self.is_postgres:
                for sql in _PG_DELETES:  # one array parameter, not thousands
                    conn.execute(sql, {"ids": ids})
            else:
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    old_events = select(events.c.event_id).where(events.c.article_id.in_(chunk))
                    conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(old_events)))
                    conn.execute(delete(events).where(events.c.article_id.in_(chunk)))
                    conn.execute(delete(unlocated_events).where(unlocated_events.c.article_id.in_(chunk)))
                    conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
            # incidents: the deleted reports leave theirs, the new ones are placed (before they are written)
            writer = IncidentWriter(conn, seq, postgres=self.is_postgres)
            writer.remove((r[-2], r[-1]) for r in old)
            _place_reports(ev_rows, writer.assign)
            self._insert_new(conn, art_rows, ev_rows, actor_rows)
            insert_rows(conn, unlocated_events, EVENT_COLUMNS, lost_rows)
            self._apply_moved(conn, writer.moved)
            changed = writer.finish()
            # places, rollups and the months this commit changed
            self._upsert_places(conn, ev_rows)
            deltas = rollups.Deltas()
            deltas.add_events((r[:11] for r in old), -1)
            deltas.add_events(([r[i] for i in _ROLLUP_AT] for r in ev_rows), +1)
            for before, after in changed:
                if before is not None:
                    deltas.add_incident(before, -1)
                if after is not None:
                    deltas.add_incident(after, +1)
            deltas.apply(conn)
            if deltas.periods:
                _upsert_versions(conn, deltas.periods, seq)

    def _insert_new(self, conn: Connection, art_rows: Sequence[Sequence[Any]], ev_rows: Sequence[Sequence[Any]],
                    actor_rows: Sequence[Sequence[Any]]) -> None:
        """Insert articles, events and event actors none of which is stored."""
        if self.is_postgres:
            _copy_all(conn, art_rows, ev_rows, actor_rows)
        else:
            insert_rows(conn, articles, ARTICLE_COLUMNS, art_rows)
            insert_rows(conn, events, EVENT_COLUMNS, ev_rows)
            insert_rows(conn, event_actors, ACTOR_COLUMNS, actor_rows)

    def _old_events(self, conn: Connection, ids: Sequence[str]) -> list[tuple[Any, ...]]:
        """The stored events of the articles ``ids`` (columns: ``_OLD_COLUMNS``)."""
        cols = [events.c[c] for c in _OLD_COLUMNS]
        if self.is_postgres:
            return [tuple(r) for r in conn.execute(
                select(*cols).where(events.c.article_id == func.any(literal(list(ids), type_=text_array()))))]
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(ids), 500):
            out.extend(tuple(r) for r in conn.execute(select(*cols).where(events.c.article_id.in_(ids[i:i + 500]))))
        return out

    def _upsert_places(self, conn: Connection, ev_rows: Sequence[Sequence[Any]]) -> None:
        latest: dict[str, tuple[Any, ...]] = {}
        for r in ev_rows:
            latest[r[_PLACE_AT[0]]] = tuple(r[i] for i in _PLACE_AT)
        if not latest:
            return
        upsert_rows(conn, places, ("place_id",), PLACE_COLUMNS[1:], [v for _k, v in sorted(latest.items())],
                    {c: f"excluded.{c}" for c in PLACE_COLUMNS[1:]})

    # -- reading ----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "unlocated_events": conn.execute(select(func.count()).select_from(unlocated_events)).scalar_one()
                if self.has_unlocated else 0,
                "undated_events": conn.execute(
                    select(func.count()).select_from(events).where(events.c.event_date.is_(None))
                ).scalar_one(),
            }

    def iter_events(self, flt: EventFilter | None = None, *, chunk: int = 5000) -> Iterator[dict[str, Any]]:
        """Events as dicts with the DESIGN.md fields (``actors`` as a list), in a stable order
        (the fields an older store lacks are None)."""
        stmt = select(*self.event_select(EVENT_FIELDS)).order_by(events.c.article_id, events.c.start)
        if flt is not None:
            stmt = flt.apply(stmt, geometry=self.has_geometry)
        yield from self._event_dicts(stmt, chunk)
        yield from self.iter_unlocated(flt, chunk=chunk)

    def iter_unlocated(self, flt: EventFilter | None = None, *, chunk: int = 5000) -> Iterator[dict[str, Any]]:
        """The unlocated events (no point: ``lat``/``lon`` None, ``geo_precision`` 4) as
        :meth:`iter_events` gives events; none from a store written before they were kept."""
        if not self.has_unlocated:
            return
        u = unlocated_events
        stmt = select(*[u.c[f] for f in EVENT_FIELDS]).order_by(u.c.article_id, u.c.start)
        if flt is not None:
            stmt = flt.apply(stmt, table=u)
        yield from self._event_dicts(stmt, chunk)

    def _event_dicts(self, stmt: Any, chunk: int) -> Iterator[dict[str, Any]]:
        """The rows of ``stmt`` (a select of EVENT_FIELDS), streamed, as event dicts."""
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
            for part in result.mappings().partitions(chunk):
                for row in part:
                    d = {f: row.get(f) for f in EVENT_FIELDS}
                    d["actors"] = json.loads(d["actors"]) if d["actors"] else []
                    yield d

    def event_select(self, names: Iterable[str]) -> list[Any]:
        """``events`` columns to select, a null in place of each column the store lacks (a store
        of an older schema opened read-only)."""
        return [events.c[n] if n in self.event_columns else literal(None).label(n) for n in names]

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            return dict(row) if row else None

    # -- online geocoder cache --------------------------------------------------------------
    def cached_geocode(self, provider: str, query: str) -> tuple[bool, dict[str, Any] | None]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(geocode_cache.c.result).where(
                    geocode_cache.c.provider == provider, geocode_cache.c.query == query
                )
            ).first()
        if row is None:
            return False, None
        return True, (json.loads(row[0]) if row[0] else None)

    def put_geocode(self, provider: str, query: str, result: dict[str, Any] | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(geocode_cache).where(geocode_cache.c.provider == provider, geocode_cache.c.query == query)
            )
            conn.execute(geocode_cache.insert().values(
                provider=provider, query=query,
                result=json.dumps(result, ensure_ascii=False) if result is not None else None,
                fetched_at=_now(),
            ))


# -- copying a store into another ------------------------------------------------------------------
CopyProgress = Callable[[CopySummary], None]


def copy_store(src: Store, dst: Store, *, batch_size: int = 1000,
               progress: CopyProgress | None = None) -> CopySummary:
    """Copy every article of ``src`` with its events into ``dst``, ``batch_size`` articles per
    transaction of ``dst``; then the geocoder cache.

    Idempotent: an article already in ``dst`` with the same content hash is skipped, one with
    another hash has its events replaced, so a rerun (or a run after an interruption) copies
    only what is missing. Rows keep the source's extraction time and extractor version, and
    events their incident ids (an incident of ``src`` is one incident of ``dst``, under the same
    id); events of an older ``src`` without incidents are placed in ``dst``'s.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    summary = CopySummary()
    t0 = time.perf_counter()
    with src.engine.connect() as conn:
        summary.articles = int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    if progress is not None:
        progress(summary)
    last: str | None = None
    while True:
        stmt = select(*[articles.c[c] for c in ARTICLE_COLUMNS]).order_by(articles.c.id).limit(batch_size)
        if last is not None:
            stmt = stmt.where(articles.c.id > last)
        with src.engine.connect() as conn:
            arts = [tuple(r) for r in conn.execute(stmt).all()]
            if not arts:
                break
            last = arts[-1][0]
            known = dst.known_hashes([a[0] for a in arts])
            hash_at = ARTICLE_COLUMNS.index("content_hash")
            todo = [a for a in arts if known.get(a[0]) != a[hash_at]]
            summary.seen += len(arts)
            summary.unchanged += len(arts) - len(todo)
            ev_rows: list[tuple[Any, ...]] = []
            if todo:
                ids = [a[0] for a in todo]
                for i in range(0, len(ids), 500):
                    ev_rows.extend(tuple(r) for r in conn.execute(
                        select(*src.event_select(EVENT_COLUMNS))
                        .where(events.c.article_id.in_(ids[i:i + 500]))
                        .order_by(events.c.article_id, events.c.start)).all())
                    if src.has_unlocated:
                        u = unlocated_events
                        ev_rows.extend(tuple(r) for r in conn.execute(
                            select(*[u.c[c] for c in EVENT_COLUMNS]).where(u.c.article_id.in_(ids[i:i + 500]))
                            .order_by(u.c.article_id, u.c.start)).all())
        if todo:
            actors_at, id_at = EVENT_COLUMNS.index("actors"), EVENT_COLUMNS.index("event_id")
            actor_rows = [(ev[id_at], a) for ev in ev_rows
                          for a in dict.fromkeys(json.loads(ev[actors_at]) if ev[actors_at] else [])]
            dst.write_rows(todo, ev_rows, actor_rows)
            summary.replaced += sum(1 for a in todo if a[0] in known)
            summary.copied += sum(1 for a in todo if a[0] not in known)
            summary.events += len(ev_rows)
        summary.seconds = time.perf_counter() - t0
        if progress is not None:
            progress(summary)
    summary.geocodes = _copy_geocodes(src, dst)
    if summary.events:
        dst.optimize()
    summary.seconds = time.perf_counter() - t0
    if progress is not None:
        progress(summary)
    return summary


def _copy_geocodes(src: Store, dst: Store) -> int:
    """The geocoder cache entries ``dst`` lacks."""
    cols = [geocode_cache.c[c] for c in ("provider", "query", "result", "fetched_at")]
    with src.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(*cols)).all()]
    if not rows:
        return 0
    with dst.engine.connect() as conn:
        have = {(p, q) for p, q in conn.execute(select(geocode_cache.c.provider, geocode_cache.c.query)).all()}
    new = [dict(zip(("provider", "query", "result", "fetched_at"), r, strict=True)) for r in rows
           if (r[0], r[1]) not in have]
    if new:
        with dst.engine.begin() as conn:
            conn.execute(geocode_cache.insert(), new)
    return len(new)
