"""Reading the event store for the dashboard: every filter and aggregation runs in SQL.

Plain functions over an SQLAlchemy engine (SQLite or PostgreSQL) and a :class:`ViewState`;
no Streamlit here, so the benchmark and tests call them directly and the app caches them.
Only ``extract.store`` and ``extract.model`` are imported from the extractor (import-linter checks it):
the dashboard never loads the gazetteer or the recognisers.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import and_, case, distinct, func, or_, select, text, true
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from ..extract.model import EVENT_FIELDS
from ..extract.store import (
    Store,
    StoreError,
    articles,
    bbox_condition,
    database_url,
    event_actors,
    events,
    incident_actors,
    incidents,
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
    version: str  # changes whenever the store's content does (cache key)


def summary(engine: Engine) -> Summary:
    with engine.connect() as conn:
        n_art, last = conn.execute(select(func.count(), func.max(articles.c.extracted_at))).one()
        n_ev, n_und, lo, hi = conn.execute(select(
            func.count(),
            func.sum(case((E.event_date.is_(None), 1), else_=0)),
            func.min(E.event_date),
            func.max(E.event_date),
        )).one()
    return Summary(
        n_articles=int(n_art or 0), n_events=int(n_ev or 0), n_undated=int(n_und or 0),
        min_date=_to_date(lo), max_date=_to_date(hi), version=f"{n_art}:{n_ev}:{last}",
    )


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

    @property
    def postgres(self) -> bool:
        return self.dialect == "postgresql"


_BACKENDS: weakref.WeakKeyDictionary[Engine, Backend] = weakref.WeakKeyDictionary()


def backend(engine: Engine) -> Backend:
    """The engine's :class:`Backend`, looked up once per engine (read-only: one catalogue query)."""
    found = _BACKENDS.get(engine)
    if found is None:
        geometry = False
        if engine.dialect.name == "postgresql":
            try:
                with engine.connect() as conn:
                    geometry = conn.execute(text(
                        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                        "AND table_name = 'events' AND column_name = 'geom'")).first() is not None
            except SQLAlchemyError:
                geometry = False
        found = _BACKENDS[engine] = Backend(engine.dialect.name, geometry)
    return found


# -- filters ----------------------------------------------------------------------------------
def _like(q: str) -> str:
    return "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def window_conditions(view: ViewState) -> list[ColumnElement[bool]]:
    """The date window alone (the facets count within it)."""
    conds: list[ColumnElement[bool]] = []
    in_window: list[ColumnElement[bool]] = []
    if view.date_from:
        in_window.append(E.event_date >= view.date_from.isoformat())
    if view.date_to:
        in_window.append(E.event_date <= view.date_to.isoformat())
    if in_window:
        cond = and_(*in_window)
        conds.append(or_(cond, E.event_date.is_(None)) if view.undated else cond)
    elif not view.undated:
        conds.append(E.event_date.is_not(None))
    return conds


def conditions(view: ViewState, be: Backend | None = None) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``events`` for the whole view (``be``: what the database offers)."""
    be = be or Backend()
    conds = window_conditions(view)
    if view.countries:
        conds.append(E.country.in_(list(view.countries)))
    if view.places:
        conds.append(E.place_id.in_(list(view.places)))
    if view.sources:
        conds.append(E.source.in_(list(view.sources)))
    if view.languages:
        conds.append(E.language.in_(list(view.languages)))
    if tuple(sorted(view.precisions)) != (1, 2, 3):
        conds.append(E.geo_precision.in_(list(view.precisions)))
    if view.actors and be.postgres:
        # the events' own actor lists, which PostgreSQL's window index carries: no join, no heap
        conds.append(or_(*[func.strpos(E.actors, _json_token(a)) > 0 for a in view.actors]))
    elif view.actors:
        sub = select(event_actors.c.event_id).where(event_actors.c.actor.in_(list(view.actors)))
        conds.append(E.event_id.in_(sub))
    if view.q:
        pattern = _like(view.q)
        conds.append(or_(func.lower(E.snippet).like(pattern, escape="\\"),
                         func.lower(E.article_title).like(pattern, escape="\\")))
    if view.bbox:
        conds.append(bbox_condition(view.bbox, geometry=be.geometry))
    type_cond = type_condition(view, E.event_type)
    if type_cond is not None:
        conds.append(type_cond)
    return conds


def type_condition(view: ViewState, col: Any) -> ColumnElement[bool] | None:
    """The view's event types (and mentions without one) on ``col``; None when it keeps everything."""
    if view.event_types:
        cond = col.in_(list(view.event_types))
        return or_(cond, col.is_(None)) if view.include_mentions else cond
    return None if view.include_mentions else col.is_not(None)


def _json_token(actor: str) -> str:
    """How ``actor`` appears in an event's ``actors`` JSON list (as the store writes it).

    With its quotes: quotes inside names are escaped (``\\"``), so the token occurs in a list only
    as a whole element, and ``strpos(actors, token) > 0`` means "the event names ``actor``"."""
    return json.dumps(actor, ensure_ascii=False)


def _newest_first(engine: Engine) -> Any:
    """``event_date`` newest first, undated events last (SQLite's order; PostgreSQL's default puts
    NULLs first when descending)."""
    return E.event_date.desc().nulls_last() if backend(engine).postgres else E.event_date.desc()


def _read(engine: Engine, stmt: Any) -> pd.DataFrame:
    try:
        with engine.connect() as conn:
            result = conn.execute(stmt)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}") from exc


# -- facets (what can be filtered, with counts in the window) -----------------------------------
def facet_counts(engine: Engine, view: ViewState, facet: str, limit: int = 500) -> pd.DataFrame:
    """value, label, n for one facet, counted within the date window only."""
    conds = window_conditions(view)
    if facet == "actor":  # grouped on the events' actor lists: no join
        acc: dict[str, int] = {}
        for actors_json, n in _rows(engine, select(E.actors, func.count()).where(*conds).group_by(E.actors)):
            for a in dict.fromkeys(json.loads(actors_json) if actors_json else []):
                acc[a] = acc.get(a, 0) + int(n)
        top = sorted(acc.items(), key=lambda an: (-an[1], an[0]))[:limit]
        return pd.DataFrame({"value": [a for a, _ in top], "n": [n for _, n in top],
                             "label": [a for a, _ in top]})
    if facet == "place" and backend(engine).postgres:
        # counted on the window index alone, then each place's name looked up once
        agg = (select(E.place_id.label("value"), func.max(E.country).label("country"), func.count().label("n"))
               .where(*conds).group_by(E.place_id).order_by(func.count().desc()).limit(limit).subquery("agg"))
        name = select(E.place_name).where(E.place_id == agg.c.value).limit(1).lateral("name")
        stmt = (select(agg.c.value, name.c.place_name.label("label"), agg.c.country, agg.c.n)
                .select_from(agg.join(name, true())).order_by(agg.c.n.desc()))
        return _read(engine, stmt)
    if facet == "place":
        stmt = (select(E.place_id.label("value"), func.max(E.place_name).label("label"),
                       func.max(E.country).label("country"), func.count().label("n"))
                .where(*conds).group_by(E.place_id))
    else:
        col = {"country": E.country, "source": E.source, "lang": E.language}[facet]
        stmt = select(col.label("value"), func.count().label("n")).where(*conds, col.is_not(None)).group_by(col)
    stmt = stmt.order_by(func.count().desc()).limit(limit)
    df = _read(engine, stmt)
    if "label" not in df:
        df["label"] = df["value"]
    return df


def place_labels(engine: Engine, place_ids: list[str]) -> dict[str, str]:
    if not place_ids:
        return {}
    df = _read(engine, select(E.place_id, func.max(E.place_name), func.max(E.country))
               .where(E.place_id.in_(place_ids)).group_by(E.place_id))
    return {r[0]: f"{r[1]} ({r[2]})" if r[2] else str(r[1]) for r in df.itertuples(index=False)}


# -- the map ----------------------------------------------------------------------------------
def count_events(engine: Engine, view: ViewState) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(events).where(*conditions(view, backend(engine)))).scalar_one())


def place_aggregates(engine: Engine, view: ViewState) -> pd.DataFrame:
    """One row per place in the view: where, what, how many events and distinct articles."""
    stmt = _place_aggregates_pg(view, backend(engine)) if backend(engine).postgres else (select(
        E.place_id,
        func.max(E.place_name).label("place_name"),
        func.max(E.place_name_ar).label("place_name_ar"),
        func.max(E.country).label("country"),
        func.max(E.kind).label("kind"),
        func.min(E.geo_precision).label("geo_precision"),
        func.avg(E.lat).label("lat"),
        func.avg(E.lon).label("lon"),
        func.max(E.uncertainty_km).label("uncertainty_km"),
        func.count().label("n_events"),
        func.count(distinct(E.article_id)).label("n_articles"),
        func.min(E.event_date).label("first_date"),
        func.max(E.event_date).label("last_date"),
    ).where(*conditions(view, backend(engine))).group_by(E.place_id))
    df = _read(engine, stmt)
    if not df.empty:
        df["n_events"] = df["n_events"].astype(int)
        df["n_articles"] = df["n_articles"].astype(int)
        df["geo_precision"] = df["geo_precision"].astype(int)
        df = df.sort_values(["n_articles", "n_events"], ascending=False, kind="stable").reset_index(drop=True)
    return df


def _place_aggregates_pg(view: ViewState, be: Backend) -> Any:
    """PostgreSQL: the numbers from the window index alone (an index-only scan: no table rows are
    read), then each place's names, kind and radius from one of its events (the extractor gives
    every event of a place the same ones)."""
    agg = (select(
        E.place_id,
        func.max(E.country).label("country"),
        func.min(E.geo_precision).label("geo_precision"),
        func.avg(E.lat).label("lat"),
        func.avg(E.lon).label("lon"),
        func.count().label("n_events"),
        func.count(distinct(E.article_id)).label("n_articles"),
        func.min(E.event_date).label("first_date"),
        func.max(E.event_date).label("last_date"),
    ).where(*conditions(view, be)).group_by(E.place_id)).subquery("agg")
    info = (select(E.place_name, E.place_name_ar, E.kind, E.uncertainty_km)
            .where(E.place_id == agg.c.place_id).limit(1).lateral("info"))
    a, i = agg.c, info.c
    return (select(a.place_id, i.place_name, i.place_name_ar, a.country, i.kind, a.geo_precision, a.lat, a.lon,
                   i.uncertainty_km, a.n_events, a.n_articles, a.first_date, a.last_date)
            .select_from(agg.join(info, true())))


def _rows(engine: Engine, stmt: Any) -> list[Any]:
    try:
        with engine.connect() as conn:
            return list(conn.execute(stmt).all())
    except SQLAlchemyError as exc:
        raise DataError(f"reading the store failed: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}") from exc


def place_actor_counts(engine: Engine, view: ViewState) -> dict[str, list[tuple[str, int]]]:
    """place_id -> [(actor, events naming it)], most frequent first.

    Groups on the events' own ``actors`` list (a JSON string) rather than joining
    ``event_actors``: far fewer rows to combine, a third faster on a million events."""
    stmt = (select(E.place_id, E.actors, func.count().label("n"))
            .where(*conditions(view, backend(engine))).group_by(E.place_id, E.actors))
    parsed: dict[str, list[str]] = {}
    acc: dict[str, dict[str, int]] = {}
    for pid, actors_json, n in _rows(engine, stmt):
        actors = parsed.get(actors_json)
        if actors is None:
            actors = parsed[actors_json] = list(dict.fromkeys(json.loads(actors_json))) if actors_json else []
        if actors:
            counts = acc.setdefault(pid, {})
            for a in actors:
                counts[a] = counts.get(a, 0) + int(n)
    return {pid: sorted(c.items(), key=lambda an: (-an[1], an[0])) for pid, c in acc.items()}


def actor_totals_from(place_actors: dict[str, list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """Events naming each actor over all places, most frequent first."""
    tot: dict[str, int] = {}
    for lst in place_actors.values():
        for a, n in lst:
            tot[a] = tot.get(a, 0) + n
    return sorted(tot.items(), key=lambda an: (-an[1], an[0]))


def actor_totals(engine: Engine, view: ViewState) -> pd.DataFrame:
    stmt = (select(event_actors.c.actor, func.count().label("n"))
            .select_from(events.join(event_actors, event_actors.c.event_id == E.event_id))
            .where(*conditions(view, backend(engine))).group_by(event_actors.c.actor).order_by(func.count().desc()))
    return _read(engine, stmt)


RECENT_COLUMNS = ("place_id", "event_id", "event_date", "date_precision", "mention", "snippet", "language",
                  "actors", "article_id", "article_title", "article_url", "source", "published")


def place_recent_events(engine: Engine, view: ViewState, per_place: int) -> dict[str, list[dict[str, Any]]]:
    """place_id -> its ``per_place`` most recent events (newest first), for the popups.

    Ranks on narrow rows first and reads the wide columns (snippet, title, url) only for the
    events kept, which is what keeps a map of thousands of places fast.
    """
    rn = func.row_number().over(partition_by=E.place_id,
                                order_by=(_newest_first(engine), E.event_id.desc())).label("rn")
    ranked = select(E.event_id.label("eid"), rn).where(*conditions(view, backend(engine))).subquery()
    stmt = (select(*[E[c] for c in RECENT_COLUMNS], ranked.c.rn)
            .select_from(ranked.join(events, E.event_id == ranked.c.eid))
            .where(ranked.c.rn <= per_place))
    out: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(engine, stmt):
        d = dict(zip((*RECENT_COLUMNS, "rn"), row, strict=True))
        d["actors"] = json.loads(d["actors"]) if d["actors"] else []
        out.setdefault(d["place_id"], []).append(d)
    for lst in out.values():
        lst.sort(key=lambda d: d["rn"])
    return out


# -- beside the map ---------------------------------------------------------------------------
def timeline_counts(engine: Engine, view: ViewState) -> pd.DataFrame:
    """event_date, actor, n (events per day and actor; an event with two actors counts for each)."""
    stmt = (select(E.event_date, E.actors, func.count().label("n"))
            .where(*conditions(view, backend(engine)), E.event_date.is_not(None)).group_by(E.event_date, E.actors))
    parsed: dict[str, list[str]] = {}
    acc: dict[tuple[str, str], int] = {}
    for day, actors_json, n in _rows(engine, stmt):
        actors = parsed.get(actors_json)
        if actors is None:
            actors = parsed[actors_json] = (list(dict.fromkeys(json.loads(actors_json))) if actors_json else [])
        for a in actors or [NO_ACTOR]:
            acc[(day, a)] = acc.get((day, a), 0) + int(n)
    return pd.DataFrame([(d, a, n) for (d, a), n in acc.items()], columns=["event_date", "actor", "n"])


TABLE_COLUMNS = ("event_id", "event_date", "date_precision", "place_name", "place_name_ar", "place_id",
                 "country", "geo_precision", "lat", "lon", "actors", "mention", "snippet", "language",
                 "article_id", "article_title", "article_url", "source", "published")


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
    stmt = select(*[E[f] for f in EVENT_FIELDS]).where(*conditions(view, backend(engine))).order_by(
        _newest_first(engine), E.event_id)
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(stmt)
        for part in result.mappings().partitions(chunk):
            for row in part:
                d = dict(row)
                d["actors"] = json.loads(d["actors"]) if d["actors"] else []
                yield d


# -- incidents --------------------------------------------------------------------------------
#: an incident as the list gives it (see extract/incidents.py for how reports are grouped)
INCIDENT_COLUMNS = ("incident_id", "event_type", "sub_event_type", "event_date", "first_date", "last_date",
                    "place_id", "place_name", "country", "geo_precision", "lat", "lon", "uncertainty_km",
                    "n_events", "n_reports", "n_outlets", "fatalities", "injured", "actors", "first_event_id",
                    "first_article_id", "first_published", "first_source")
REPORT_COLUMNS = ("event_id", "article_id", "article_title", "article_url", "source", "published", "language",
                  "mention", "snippet", "event_date", "date_precision", "place_id", "place_name", "place_name_ar",
                  "lat", "lon", "event_type", "sub_event_type", "fatalities", "injured", "actors")


def incident_conditions(view: ViewState) -> list[ColumnElement[bool]]:
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
    if view.event_types:
        conds.append(c.event_type.in_(list(view.event_types)))
    if view.countries:
        conds.append(c.country.in_(list(view.countries)))
    if view.places:
        conds.append(c.place_id.in_(list(view.places)))
    if tuple(sorted(view.precisions)) != (1, 2, 3):
        conds.append(c.geo_precision.in_(list(view.precisions)))
    if view.actors:
        conds.append(c.incident_id.in_(select(incident_actors.c.incident_id)
                                       .where(incident_actors.c.actor.in_(list(view.actors)))))
    if view.bbox:
        x0, y0, x1, y1 = view.bbox
        conds.append(and_(c.lon.between(x0, x1), c.lat.between(y0, y1)))
    member: list[ColumnElement[bool]] = []
    if view.sources:
        member.append(E.source.in_(list(view.sources)))
    if view.languages:
        member.append(E.language.in_(list(view.languages)))
    if view.q:
        pattern = _like(view.q)
        member.append(or_(func.lower(E.snippet).like(pattern, escape="\\"),
                          func.lower(E.article_title).like(pattern, escape="\\")))
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
            .where(*incident_conditions(view))
            .order_by(c.event_date.desc().nulls_last() if backend(engine).postgres else c.event_date.desc(),
                      c.n_reports.desc(), c.incident_id)
            .limit(limit))
    df = _read(engine, stmt)
    if not df.empty:
        df["actors"] = df["actors"].map(lambda s: json.loads(s) if s else [])
    return df


def count_incidents(engine: Engine, view: ViewState) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(incidents)
                                .where(*incident_conditions(view))).scalar_one())


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
