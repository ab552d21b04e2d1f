"""A store as conflictmap's schema 1 wrote it (before event types, incidents and rollups), on SQLite
or PostgreSQL, for the in-place upgrade tests."""

from __future__ import annotations

import sqlalchemy as sa
from conflictmap.extract.schema import EVENT_COLUMNS_V2, articles, event_actors, events, geocode_cache, meta


def create_schema1(conn: sa.Connection, *, varchar: bool = False) -> None:
    """Schema 1's five tables and indexes; ``varchar``: short strings as VARCHAR(n) (PostgreSQL
    stores of that time)."""
    old = sa.MetaData()
    for table in (articles, events, event_actors, geocode_cache, meta):
        cols = []
        for col in table.columns:
            if table is events and col.name in EVENT_COLUMNS_V2:
                continue
            c = col._copy()
            length = getattr(col.type, "length", None)
            if length:
                c.type = sa.String(length) if varchar or conn.dialect.name == "sqlite" else sa.Text()
            c.foreign_keys.clear()
            cols.append(c)
        fks = []
        if table is events:
            fks.append(sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"))
        if table is event_actors:
            fks.append(sa.ForeignKeyConstraint(["event_id"], ["events.event_id"], ondelete="CASCADE"))
        sa.Table(table.name, old, *cols, *fks)
    t = old.tables
    for name, cols in (("ix_events_article", ["article_id"]), ("ix_events_date", ["event_date"]),
                       ("ix_events_place", ["place_id"]), ("ix_events_country", ["country"])):
        sa.Index(name, *[t["events"].c[c] for c in cols])
    sa.Index("ix_event_actors_actor", t["event_actors"].c.actor)
    old.create_all(conn)
    if conn.dialect.name == "postgresql":  # schema 1's index for the dashboard (without the event type)
        conn.execute(sa.text(
            "CREATE INDEX ix_events_window ON events (event_date NULLS FIRST) INCLUDE "
            "(place_id, article_id, event_id, geo_precision, lat, lon, country, language, source, actors)"))
    conn.execute(sa.text("INSERT INTO meta VALUES ('schema_version', '1')"))


def insert_schema1_event(conn: sa.Connection, aid: str, start: int, *, place: str = "ly.sabha", day: str = "2019-04-07",
                         actors: tuple[str, ...] = ("LNA",), lat: float = 27.04, lon: float = 14.43) -> None:
    """An article (if new) with one event, as schema 1 stored them."""
    if conn.execute(sa.text("SELECT 1 FROM articles WHERE id = :a"), {"a": aid}).first() is None:
        conn.execute(sa.text("INSERT INTO articles (id, text, content_hash, n_events) VALUES (:a, 'x', 'h', 1)"),
                     {"a": aid})
    conn.execute(sa.text(
        "INSERT INTO events (event_id, article_id, mention, start, \"end\", place_name, place_id, kind, lat, lon, "
        "geo_precision, uncertainty_km, event_date, date_precision, date_basis, actors, snippet, confidence, source, "
        "language) VALUES (:e, :a, 'm', :s, :s, 'Sabha', :p, 'city', :lat, :lon, 1, 8, :d, 'day', 'explicit', :act, "
        "'s', 0.9, 'outlet', 'ar')"),
        {"e": f"{aid}:{start}", "a": aid, "s": start, "p": place, "lat": lat, "lon": lon, "d": day,
         "act": "[" + ", ".join(f'"{a}"' for a in actors) + "]"})
    for a in actors:
        conn.execute(sa.text("INSERT INTO event_actors VALUES (:e, :a)"), {"e": f"{aid}:{start}", "a": a})
