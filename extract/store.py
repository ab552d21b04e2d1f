"""The event store: SQLAlchemy over SQLite (default, WAL) or PostgreSQL (with PostGIS when present).

Tables: ``articles`` (one row per article, with its content hash), ``events`` (one row per
place mention), ``event_actors`` (event -> actor, for filtering in SQL), ``geocode_cache``
(answers of the opt-in online geocoder) and ``meta`` (schema version).

Each batch of articles is written in one transaction together with its events, so a process
killed mid-batch never leaves an article half-stored; re-running the same input skips articles
whose content hash is unchanged and replaces the events of articles whose text changed.

On PostgreSQL the same tables get, from :meth:`Store.migrate` (run by every writable open, so
a store made by an older version is upgraded in place):

* ``events.geom``, a PostGIS ``geometry(Point, 4326)`` *generated* from ``lon``/``lat``, so it is
  in step with them on every write whoever writes, with a GiST index; only when the PostGIS
  extension exists or can be created — without it the store works the same, with a warning,
  and bounding boxes filter on ``lat``/``lon``;
* indexes for the dashboard's queries (date window, actor, place);
* bulk writes through ``COPY … FROM STDIN`` (psycopg), still one transaction per batch.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    delete,
    event,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from .model import EVENT_FIELDS, EXTRACTOR_VERSION, Article, Event

SCHEMA_VERSION = 1


def _S(n: int) -> Any:
    """A short string column: VARCHAR(n) on SQLite (which never enforces the length); on PostgreSQL
    unbounded TEXT with the bytewise "C" collation, so a long title or id is stored as SQLite
    stores it, ids compare and sort as in SQLite, and B-tree comparisons are cheap."""
    return String(n).with_variant(Text(collation="C"), "postgresql")


metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", _S(200), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", _S(200)),
    Column("published", _S(10)),
    Column("language", _S(8)),
    Column("text", Text, nullable=False),
    Column("content_hash", _S(32), nullable=False),
    Column("origin", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("extractor_version", _S(20)),
    Column("extracted_at", _S(32)),
)

events = Table(
    "events",
    metadata,
    Column("event_id", _S(240), primary_key=True),
    Column("article_id", _S(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("article_url", Text),
    Column("article_title", Text),
    Column("source", _S(200)),
    Column("published", _S(10)),
    Column("mention", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("place_name", Text, nullable=False),
    Column("place_name_ar", Text),
    Column("place_id", _S(120), nullable=False),
    Column("kind", _S(16), nullable=False),
    Column("country", _S(2)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("uncertainty_km", Float, nullable=False),
    Column("event_date", _S(10)),
    Column("date_precision", _S(8), nullable=False),
    Column("date_basis", _S(10), nullable=False),
    Column("actors", Text, nullable=False),  # JSON list of canonical names
    Column("snippet", Text, nullable=False),
    Column("language", _S(8)),
    Column("confidence", Float, nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_place", "place_id"),
    Index("ix_events_country", "country"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", _S(240), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("actor", _S(200), primary_key=True),
    Index("ix_event_actors_actor", "actor"),
)

geocode_cache = Table(
    "geocode_cache",
    metadata,
    Column("provider", _S(40), primary_key=True),
    Column("query", Text, primary_key=True),
    Column("result", Text),  # JSON or null when the provider found nothing
    Column("fetched_at", _S(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", _S(64), primary_key=True),
    Column("value", Text, nullable=False),
)


#: the columns each table is written with, in order (COPY and INSERT alike)
ARTICLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in articles.columns)
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in events.columns)
ACTOR_COLUMNS: tuple[str, ...] = ("event_id", "actor")
_EVENT_GETTER = attrgetter(*EVENT_COLUMNS)
_ACTORS_AT = EVENT_COLUMNS.index("actors")

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
    "(place_id, article_id, event_id, geo_precision, lat, lon, country, language, source, actors)",
}
PG_AUTOVACUUM = "autovacuum_vacuum_insert_scale_factor=0.01"
#: indexes the window index makes redundant on PostgreSQL (and earlier experiments)
PG_DROP_INDEXES: tuple[str, ...] = ("ix_events_date", "ix_events_date_cover", "ix_event_actors_actor_event")
#: a batch's old rows, on PostgreSQL (``ids``: an array of article ids)
_PG_DELETES = (
    text("DELETE FROM event_actors WHERE event_id IN "
         "(SELECT event_id FROM events WHERE article_id = ANY(CAST(:ids AS text[])))"),
    text("DELETE FROM events WHERE article_id = ANY(CAST(:ids AS text[]))"),
    text("DELETE FROM articles WHERE id = ANY(CAST(:ids AS text[]))"),
)
#: serialises schema creation and upgrades between processes opening one PostgreSQL store
_PG_LOCK = 0x636D6170  # "cmap"


def _ddl(conn: Connection, sql: str) -> None:
    """One statement of an upgrade; a role that may not change the tables learns who can."""
    try:
        with conn.begin_nested():
            conn.execute(text(sql))
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreError(f"upgrading the store needs its owner ({reason}); open it once as the role that "
                         f"created it, or read it with a read-only connection") from exc


def _pg_columns(conn: Connection, table: str) -> set[str]:
    return {r[0] for r in conn.execute(text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = :t"), {"t": table})}


class StoreError(RuntimeError):
    """The database cannot be opened or is not a conflictmap store."""


class StoreWarning(UserWarning):
    """The store works, with less than it could (e.g. PostgreSQL without PostGIS)."""


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


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with the store's connection settings (WAL and foreign keys on SQLite)."""
    if url.startswith("sqlite"):
        if read_only:
            path = url.split(":///", 1)[1]
            if not Path(path).exists():
                raise StoreError(f"no database at {path}")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
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

    def apply(self, stmt: Any, *, geometry: bool = False) -> Any:
        """``stmt`` narrowed to the filter; ``geometry``: the store has PostGIS's ``events.geom``."""
        c = events.c
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
            stmt = stmt.where(bbox_condition(self.bbox, geometry=geometry))
        if self.actors:
            sub = select(event_actors.c.event_id).where(event_actors.c.actor.in_(list(self.actors)))
            stmt = stmt.where(c.event_id.in_(sub))
        return stmt


def _pg_type(column: Column[Any]) -> str:
    if isinstance(column.type, Integer):
        return "int4"
    if isinstance(column.type, Float):
        return "float8"
    return "text"


def _pg_text(v: Any) -> Any:
    """PostgreSQL text cannot hold NUL: replace it by U+FFFD (one character, so offsets hold)."""
    return v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v


def _copy_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
               *, scrub: bool = False) -> None:
    """``COPY table (columns) FROM STDIN (FORMAT BINARY)`` inside the connection's transaction."""
    raw = conn.connection.driver_connection
    if raw is None or not hasattr(raw, "cursor") or not hasattr(raw, "pipeline"):
        raise StoreError("PostgreSQL bulk writes need the psycopg (3) driver: use a postgresql+psycopg:// URL")
    from psycopg.copy import QueuedLibpqWriter

    cols = ", ".join('"' + c + '"' for c in columns)
    sql = f"COPY {table.name} ({cols}) FROM STDIN (FORMAT BINARY)"
    # a queued writer sends from a thread: the server ingests while Python formats the next rows
    with raw.cursor() as cur, cur.copy(sql, writer=QueuedLibpqWriter(cur)) as cp:
        cp.set_types([_pg_type(table.c[c]) for c in columns])
        if scrub:
            for row in rows:
                cp.write_row([_pg_text(v) for v in row])
        else:
            for row in rows:
                cp.write_row(row)


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

    # -- schema -----------------------------------------------------------------------------
    def _init_schema(self, create: bool) -> None:
        with self.engine.begin() as conn:
            if create and self.is_postgres:  # one process at a time creates or upgrades
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            if create:
                metadata.create_all(conn)
            elif not self.engine.dialect.has_table(conn, "meta"):
                raise StoreError(f"{safe_url(self.url)} is not a conflictmap store (no meta table)")
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is None:
                if create:  # a read-only user opening a store writes nothing
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(
                    f"{safe_url(self.url)} was written by a newer conflictmap (schema {row[0]} > {SCHEMA_VERSION})"
                )
            if create:
                self.migrate(conn)
            if self.is_postgres:
                self.has_geometry = "geom" in _pg_columns(conn, "events")
        if create and self.is_postgres and not self.has_geometry:
            warnings.warn(
                f"PostgreSQL store {safe_url(self.url)} has no PostGIS geometry: {self.postgis_problem}. "
                "It works without (bounding boxes filter on lat/lon, no spatial index); install PostGIS "
                "(Debian: apt-get install postgresql-postgis) and open the store again to add it.",
                StoreWarning, stacklevel=3)

    def migrate(self, conn: Connection) -> None:
        """Bring an existing store up to date in place (idempotent; runs on every writable open).

        SQLite: the schema's tables and indexes (``create_all``). PostgreSQL, additionally: short
        string columns of older stores become ``text COLLATE "C"``, PostGIS (created if it can
        be) with the generated ``events.geom`` and its GiST index, and the dashboard's indexes.
        """
        if not self.is_postgres:
            return
        # only what is missing, so that an up-to-date store takes no lock and needs no ownership
        for table, column in conn.execute(text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND data_type = 'character varying' "
                "AND table_name IN ('articles', 'events', 'event_actors', 'geocode_cache', 'meta')")).all():
            _ddl(conn, f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE text COLLATE "C"')
        indexes = {r[0] for r in conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))}
        if self._ensure_postgis(conn):
            if "geom" not in _pg_columns(conn, "events"):
                _ddl(conn, GEOM_DDL)  # fills every existing row (rewrites the table once)
            if "ix_events_geom" not in indexes:
                _ddl(conn, GEOM_INDEX_DDL)
        for name, ddl in PG_INDEXES.items():
            if name not in indexes:
                _ddl(conn, ddl)
        for name in PG_DROP_INDEXES:
            if name in indexes:
                _ddl(conn, f"DROP INDEX {name}")
        # vacuum after every 1% of new rows (default: 20%), so the visibility map the index-only
        # scans rely on covers the newest events, which are the ones the dashboard opens on
        options = dict(conn.execute(text(
            "SELECT relname, array_to_string(reloptions, ',') FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace "
            "AND relname IN ('articles', 'events', 'event_actors')")).all())
        for table in ("articles", "events", "event_actors"):
            if PG_AUTOVACUUM not in (options.get(table) or ""):
                _ddl(conn, f"ALTER TABLE {table} SET ({PG_AUTOVACUUM}, autovacuum_analyze_scale_factor=0.02)")

    def _ensure_postgis(self, conn: Connection) -> bool:
        if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first():
            return True
        if not conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first():
            self.postgis_problem = "the server has no PostGIS extension"
            return False
        try:
            with conn.begin_nested():
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        except DBAPIError as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            self.postgis_problem = (f"CREATE EXTENSION postgis failed ({reason}); a superuser can run it "
                                    "once in this database")
            return False
        return True

    def optimize(self) -> None:
        """After a large load: fresh planner statistics, and on PostgreSQL the visibility map that
        index-only scans need (``VACUUM (ANALYZE)``; autovacuum gets there too, later)."""
        if self.is_postgres:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM (ANALYZE) articles, events, event_actors"))
        else:
            with self.engine.begin() as conn:
                conn.execute(text("PRAGMA optimize"))

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

        An article already stored under the same id has its events replaced. On PostgreSQL the
        rows travel through COPY; on SQLite through one executemany per table.
        """
        if not batch:
            return
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
                row = list(fields(ev))
                key = tuple(ev.actors)
                js = as_json.get(key)
                if js is None:
                    js = as_json[key] = json.dumps(ev.actors, ensure_ascii=False)
                row[at] = js
                ev_rows.append(row)
                if ev.actors:
                    actor_rows.extend((ev.event_id, a) for a in dict.fromkeys(ev.actors))
        self.write_rows(art_rows, ev_rows, actor_rows)

    def write_rows(self, art_rows: Sequence[Sequence[Any]], ev_rows: Sequence[Sequence[Any]],
                   actor_rows: Sequence[Sequence[Any]]) -> None:
        """Replace the given articles (rows in ``ARTICLE_COLUMNS`` order) and all their events
        (``EVENT_COLUMNS``; ``actors`` as a JSON list) and event actors, in one transaction."""
        if not art_rows:
            return
        ids = [r[0] for r in art_rows]
        with self.engine.begin() as conn:
            if self.is_postgres:
                for sql in _PG_DELETES:  # one array parameter, not thousands
                    conn.execute(sql, {"ids": ids})
                _copy_all(conn, art_rows, ev_rows, actor_rows)
                return
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                old_events = select(events.c.event_id).where(events.c.article_id.in_(chunk))
                conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(old_events)))
                conn.execute(delete(events).where(events.c.article_id.in_(chunk)))
                conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
            conn.execute(articles.insert(), [dict(zip(ARTICLE_COLUMNS, r, strict=True)) for r in art_rows])
            if ev_rows:
                conn.execute(events.insert(), [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in ev_rows])
            if actor_rows:
                conn.execute(event_actors.insert(), [dict(zip(ACTOR_COLUMNS, r, strict=True)) for r in actor_rows])

    # -- reading ----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "undated_events": conn.execute(
                    select(func.count()).select_from(events).where(events.c.event_date.is_(None))
                ).scalar_one(),
            }

    def iter_events(self, flt: EventFilter | None = None, *, chunk: int = 5000) -> Iterator[dict[str, Any]]:
        """Events as dicts with the DESIGN.md fields (``actors`` as a list), in a stable order."""
        # fields this store has no column for yet (the event coding's) read as None
        stmt = select(*[events.c[f] for f in EVENT_FIELDS if f in events.c]).order_by(
            events.c.article_id, events.c.start)
        if flt is not None:
            stmt = flt.apply(stmt, geometry=self.has_geometry)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
            for part in result.mappings().partitions(chunk):
                for row in part:
                    d = {f: row.get(f) for f in EVENT_FIELDS}
                    d["actors"] = json.loads(d["actors"]) if d["actors"] else []
                    yield d

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
    only what is missing. Rows keep the source's extraction time and extractor version.
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
                        select(*[events.c[c] for c in EVENT_COLUMNS])
                        .where(events.c.article_id.in_(ids[i:i + 500]))
                        .order_by(events.c.article_id, events.c.start)).all())
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
