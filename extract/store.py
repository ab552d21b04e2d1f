"""The event store: SQLAlchemy over SQLite (default, WAL) or PostgreSQL.

Tables: ``articles`` (one row per article, with its content hash), ``events`` (one row per
place mention), ``event_actors`` (event -> actor, for filtering in SQL), ``geocode_cache``
(answers of the opt-in online geocoder) and ``meta`` (schema version).

Each article is written in one transaction together with its events, so a process killed
mid-batch never leaves an article half-stored; re-running the same input skips articles whose
content hash is unchanged and replaces the events of articles whose text changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
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
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine

from .model import EVENT_FIELDS, EXTRACTOR_VERSION, Article, Event

SCHEMA_VERSION = 1

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", String(200)),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("content_hash", String(32), nullable=False),
    Column("origin", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("extractor_version", String(20)),
    Column("extracted_at", String(32)),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(240), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("article_url", Text),
    Column("article_title", Text),
    Column("source", String(200)),
    Column("published", String(10)),
    Column("mention", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("place_name", Text, nullable=False),
    Column("place_name_ar", Text),
    Column("place_id", String(120), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(2)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("uncertainty_km", Float, nullable=False),
    Column("event_date", String(10)),
    Column("date_precision", String(8), nullable=False),
    Column("date_basis", String(10), nullable=False),
    Column("actors", Text, nullable=False),  # JSON list of canonical names
    Column("snippet", Text, nullable=False),
    Column("language", String(8)),
    Column("confidence", Float, nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_place", "place_id"),
    Index("ix_events_country", "country"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(240), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("actor", String(200), primary_key=True),
    Index("ix_event_actors_actor", "actor"),
)

geocode_cache = Table(
    "geocode_cache",
    metadata,
    Column("provider", String(40), primary_key=True),
    Column("query", Text, primary_key=True),
    Column("result", Text),  # JSON or null when the provider found nothing
    Column("fetched_at", String(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


class StoreError(RuntimeError):
    """The database cannot be opened or is not a conflictmap store."""


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


@dataclass
class EventFilter:
    """Filters shared by exports (and usable by any reader of the store)."""

    date_from: str | None = None
    date_to: str | None = None
    actors: Sequence[str] = ()
    countries: Sequence[str] = ()
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_undated: bool = False  # with a date window, keep events whose date is unknown?

    def apply(self, stmt: Any) -> Any:
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
            x0, y0, x1, y1 = self.bbox
            stmt = stmt.where(c.lon.between(x0, x1), c.lat.between(y0, y1))
        if self.actors:
            sub = select(event_actors.c.event_id).where(event_actors.c.actor.in_(list(self.actors)))
            stmt = stmt.where(c.event_id.in_(sub))
        return stmt


class Store:
    """Read and write articles and events."""

    def __init__(self, db: str | os.PathLike[str], *, create: bool = True) -> None:
        self.url = database_url(db)
        if self.url.startswith("sqlite") and create:
            Path(self.url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(self.url, read_only=not create)
        try:
            self._init_schema(create)
        except StoreError:
            self.engine.dispose()
            raise
        except Exception as exc:  # a file that is not a database, a server that refuses us
            self.engine.dispose()
            raise StoreError(f"cannot open the store at {safe_url(self.url)}: {exc.__class__.__name__}: "
                             f"{str(exc).replace(self.url, safe_url(self.url))}") from exc

    # -- schema -----------------------------------------------------------------------------
    def _init_schema(self, create: bool) -> None:
        with self.engine.begin() as conn:
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
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                for aid, h in conn.execute(
                    select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(chunk))
                ):
                    out[aid] = h
        return out

    def save_batch(self, batch: Sequence[tuple[Article, Sequence[Event]]]) -> None:
        """Store articles with their events in one transaction (all or nothing).

        An article already stored under the same id has its events replaced.
        """
        if not batch:
            return
        now = _now()
        art_rows, ev_rows, actor_rows = [], [], []
        for art, evs in batch:
            art_rows.append({
                "id": art.id, "url": art.url, "title": art.title, "source": art.source,
                "published": art.published, "language": art.language, "text": art.text,
                "content_hash": art.content_hash, "origin": art.origin, "n_events": len(evs),
                "extractor_version": EXTRACTOR_VERSION, "extracted_at": now,
            })
            for ev in evs:
                row = ev.to_dict()
                row["actors"] = json.dumps(ev.actors, ensure_ascii=False)
                ev_rows.append(row)
                actor_rows.extend({"event_id": ev.event_id, "actor": a} for a in dict.fromkeys(ev.actors))
        ids = [r["id"] for r in art_rows]
        with self.engine.begin() as conn:
            old_events = select(events.c.event_id).where(events.c.article_id.in_(ids))
            conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(old_events)))
            conn.execute(delete(events).where(events.c.article_id.in_(ids)))
            conn.execute(delete(articles).where(articles.c.id.in_(ids)))
            conn.execute(articles.insert(), art_rows)
            if ev_rows:
                conn.execute(events.insert(), ev_rows)
            if actor_rows:
                conn.execute(event_actors.insert(), actor_rows)

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
        stmt = select(*[events.c[f] for f in EVENT_FIELDS]).order_by(events.c.article_id, events.c.start)
        if flt is not None:
            stmt = flt.apply(stmt)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True).execute(stmt)
            for part in result.mappings().partitions(chunk):
                for row in part:
                    d = dict(row)
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
