"""The store's tables (SQLAlchemy Core), for SQLite and PostgreSQL alike.

Written by extraction: ``articles`` (one row per article, with its content hash), ``events`` (one
row per place mention, with what happened there), ``event_actors`` (event -> actor, for filtering
in SQL), ``geocode_cache`` (answers of the opt-in online geocoder), ``meta`` (schema version and
the commit counter).

Derived, maintained in the same transaction as every write (see :mod:`.incidents` and
:mod:`.rollups`), so they are never out of step with the events:

* ``incidents`` and ``incident_actors``: reports of one incident across articles and outlets;
* ``places``: one row per place id (names, kind, radius), what the map labels a place with;
* ``rollup_*``: counts per period (day, month, year) × place × event type × actor, which the
  dashboard reads for long windows instead of millions of events;
* ``data_versions``: per month of event date, the commit that last changed it, so a cache
  holding a view of 2019 survives a writer adding events of 2024.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

#: version of the table layout; a store with a lower one is upgraded in place by a writable open
#: (1: events of place mentions; 2: event types, fatalities, incidents, places, rollups, versions)
SCHEMA_VERSION = 2


def _S(n: int) -> Any:
    """A short string column: VARCHAR(n) on SQLite (which never enforces the length); on PostgreSQL
    unbounded TEXT with the bytewise "C" collation, so a long title or id is stored as SQLite
    stores it, ids compare and sort as in SQLite, and B-tree comparisons are cheap."""
    return String(n).with_variant(Text(collation="C"), "postgresql")


class StoreError(RuntimeError):
    """The database cannot be opened or is not a conflictmap store."""


class StoreWarning(UserWarning):
    """The store works, with less than it could (e.g. PostgreSQL without PostGIS)."""


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
    # schema 2: what happened there
    Column("event_type", _S(40)),
    Column("sub_event_type", _S(60)),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("incident_id", _S(64)),
    Index("ix_events_article", "article_id"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_place_date", "place_id", "event_date"),
    Index("ix_events_country", "country"),
    Index("ix_events_incident", "incident_id"),
    Index("ix_events_type_date", "event_type", "event_date"),
)

#: events the text reports but places nowhere that can be drawn (``geo_precision`` 4, no point): the
#: events' columns with ``lat``/``lon`` empty. Kept apart so that the map, incidents, places and rollups,
#: which all need a point, read ``events`` as before; exports and the dashboard's table read both.
unlocated_events = Table(
    "unlocated_events",
    metadata,
    *(Column(c.name, c.type, ForeignKey("articles.id", ondelete="CASCADE") if c.name == "article_id" else None,
             primary_key=c.primary_key, nullable=c.nullable or c.name in ("lat", "lon"))
      for c in events.columns),
    Index("ix_unlocated_article", "article_id"),
    Index("ix_unlocated_date", "event_date"),
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

# -- derived tables (schema 2) -----------------------------------------------------------------

places = Table(
    "places",
    metadata,
    Column("place_id", _S(120), primary_key=True),
    Column("place_name", Text, nullable=False),
    Column("place_name_ar", Text),
    Column("kind", _S(16), nullable=False),
    Column("country", _S(2)),
    Column("geo_precision", Integer, nullable=False),
    Column("uncertainty_km", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("incident_id", _S(64), primary_key=True),
    Column("event_type", _S(40), nullable=False),
    Column("sub_event_type", _S(60)),            # the first report's
    # the anchor: where and when the incident is (its founding report's place and date)
    Column("anchor_event_id", _S(240), nullable=False),
    Column("event_date", _S(10)),
    Column("place_id", _S(120), nullable=False),
    Column("place_name", Text, nullable=False),
    Column("country", _S(2)),
    Column("geo_precision", Integer, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("uncertainty_km", Float, nullable=False),
    # over its reports
    Column("first_date", _S(10)),
    Column("last_date", _S(10)),
    Column("first_event_id", _S(240), nullable=False),   # the first report: earliest published, then event id
    Column("first_article_id", _S(200), nullable=False),
    Column("first_published", _S(10)),
    Column("first_source", _S(200)),
    Column("n_events", Integer, nullable=False),
    Column("n_reports", Integer, nullable=False),        # distinct articles
    Column("n_outlets", Integer, nullable=False),        # distinct sources (an article without one counts alone)
    Column("fatalities", Integer),                       # the lowest figure a report states; null if none does
    Column("injured", Integer),
    Column("actors", Text, nullable=False),              # JSON list: every actor its reports name
    Column("updated_seq", Integer, nullable=False),      # the commit that last changed it
    Index("ix_incidents_probe", "event_type", "event_date", "lat"),
    Index("ix_incidents_date", "event_date"),
)

incident_actors = Table(
    "incident_actors",
    metadata,
    Column("incident_id", _S(64), ForeignKey("incidents.incident_id", ondelete="CASCADE"), primary_key=True),
    Column("actor", _S(200), primary_key=True),
    Index("ix_incident_actors_actor", "actor"),
)


def _place_rollup(name: str, period: int) -> Table:
    """Per period × actor × event type × place: events (``n``, ``n_articles``, coordinates, first
    and last date) and the incidents anchored there. ``actor`` is ``*`` for all events, else one
    actor (an event naming two counts under each); ``event_type`` and ``country`` are '' for none."""
    return Table(
        name,
        metadata,
        Column("actor", _S(200), primary_key=True),
        Column("period", _S(period), primary_key=True),
        Column("event_type", _S(40), primary_key=True),
        Column("place_id", _S(120), primary_key=True),
        Column("country", _S(2), primary_key=True),
        Column("geo_precision", Integer, primary_key=True, autoincrement=False),
        Column("n", Integer, nullable=False),
        Column("n_articles", Integer, nullable=False),   # article-months: see rollups.py
        Column("sum_lat", Float, nullable=False),
        Column("sum_lon", Float, nullable=False),
        Column("first_date", _S(10)),
        Column("last_date", _S(10)),
        Column("n_incidents", Integer, nullable=False),
        Column("incident_reports", Integer, nullable=False),
        Column("fatalities", Integer, nullable=False),
        # every actor of a window and types (the key: one actor's); PostgreSQL: with the counts
        Index(f"ix_{name}_period", "period", "event_type", "actor", postgresql_include=["n"]),
        sqlite_with_rowid=False,  # rows clustered by the key: a range of it reads consecutive pages
    )


def _time_rollup(name: str, period: int) -> Table:
    """Per period × actor × event type × precision: events and incidents (``actor`` '' = events
    naming none)."""
    return Table(
        name,
        metadata,
        Column("actor", _S(200), primary_key=True),
        Column("period", _S(period), primary_key=True),
        Column("event_type", _S(40), primary_key=True),
        Column("geo_precision", Integer, primary_key=True, autoincrement=False),
        Column("n", Integer, nullable=False),
        Column("n_incidents", Integer, nullable=False),
        Column("fatalities", Integer, nullable=False),
        Index(f"ix_{name}_period", "period", "actor"),
        sqlite_with_rowid=False,
    )


rollup_place_month = _place_rollup("rollup_place_month", 7)
rollup_place_year = _place_rollup("rollup_place_year", 4)
#: every dated event at once (``period`` is always ``*``): what a view of all dates reads
rollup_place_all = _place_rollup("rollup_place_all", 1)
rollup_time_day = _time_rollup("rollup_time_day", 10)
rollup_time_month = _time_rollup("rollup_time_month", 7)
rollup_sources_month = Table(
    "rollup_sources_month",
    metadata,
    Column("period", _S(7), primary_key=True),
    Column("source", _S(200), primary_key=True),
    Column("language", _S(8), primary_key=True),
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

data_versions = Table(
    "data_versions",
    metadata,
    Column("period", _S(7), primary_key=True),  # YYYY-MM of event dates; '' for undated events
    Column("seq", Integer, nullable=False),
)

#: every derived table (cleared and rebuilt by Store.rebuild_derived)
DERIVED_TABLES: tuple[Table, ...] = (places, incident_actors, incidents, rollup_place_month, rollup_place_year,
                                     rollup_place_all, rollup_time_day, rollup_time_month, rollup_sources_month,
                                     data_versions)
ROLLUP_TABLES: tuple[Table, ...] = (rollup_place_month, rollup_place_year, rollup_place_all, rollup_time_day,
                                    rollup_time_month, rollup_sources_month)

#: the columns each table is written with, in order (COPY and INSERT alike)
ARTICLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in articles.columns)
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in events.columns)
ACTOR_COLUMNS: tuple[str, ...] = ("event_id", "actor")
#: event columns added by schema 2 (absent from an older store until it is upgraded)
EVENT_COLUMNS_V2: tuple[str, ...] = ("event_type", "sub_event_type", "fatalities", "injured", "incident_id")
