"""Rollups: counts per period × place × event type × actor, kept exact on every write.

The dashboard reads these for long windows instead of millions of events (``dashboard/data.py``
splits a window into whole years, whole months and the days at its ends, and reads the days from
the events). Every table is a pure function of the stored events and incidents —
:func:`rebuild` computes it from scratch in SQL, and each write adds its differences — so
both paths give the same numbers (tests compare them).

* ``rollup_place_month`` / ``rollup_place_year`` / ``rollup_place_all`` (``period`` ``*``: every
  dated event) — key: ``actor`` (``*`` = every event; else one
  actor: an event naming two counts under each), ``period`` (``YYYY-MM`` / ``YYYY``; '' for
  undated events), ``event_type`` ('' for a mention without one), ``place_id``, ``country``
  (''), ``geo_precision``. Events: ``n``; ``n_articles`` = article-months: the distinct
  articles of the cell's month (a year row adds its months up), so that summing rows of any
  set of months and types is exact — an article reporting a place in two months, or two kinds
  of event there, counts for each; ``sum_lat``/``sum_lon`` (the mean point), ``first_date``/
  ``last_date``. Incidents *anchored* there (their founding report's month, place and type,
  under ``*`` and each actor their reports name): ``n_incidents``, ``incident_reports`` (their
  ``n_reports`` added up) and ``fatalities`` (their figures added up; unknown = 0).
* An actor's rows with ``event_type`` ``+`` count (``n`` only) every event with a type: what the
  map's actors per place read for a view of every type, ~a seventh of the rows.
* ``rollup_time_day`` / ``rollup_time_month`` — ``actor`` (``*``, one actor, or '' for events
  naming none), ``period``, ``event_type``, ``geo_precision``: ``n``, ``n_incidents``,
  ``fatalities`` (incidents by their anchor's date, type and precision).
* ``rollup_sources_month`` — ``period``, ``source``, ``language``: ``n`` (the source and
  language facets).

A write adds each deleted event with −1 and each written event with +1 (articles are written and
deleted whole, which keeps ``n_articles`` exact), each changed incident with −1 (as it was) and +1
(as it is); first and last dates of cells that lost events are recomputed from the events.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection

from .bulk import delete_keys, upsert_rows
from .schema import (
    ROLLUP_TABLES,
    rollup_place_all,
    rollup_place_month,
    rollup_place_year,
    rollup_sources_month,
    rollup_time_day,
    rollup_time_month,
)

ALL = "*"
NONE = ""
#: the event type of an actor's rows that count every event with a type (``n`` only)
ANY_TYPE = "+"
#: the period of rollup_place_all: every dated event
ALL_DATED = "*"
#: the event columns a rollup needs, in this order
EVENT_COLUMNS = ("article_id", "event_date", "place_id", "country", "geo_precision", "event_type", "actors", "lat",
                 "lon", "source", "language")
PLACE_KEY = ("actor", "period", "event_type", "place_id", "country", "geo_precision")
PLACE_VALUES = ("n", "n_articles", "sum_lat", "sum_lon", "first_date", "last_date", "n_incidents",
                "incident_reports", "fatalities")
TIME_KEY = ("actor", "period", "event_type", "geo_precision")
TIME_VALUES = ("n", "n_incidents", "fatalities")
SOURCE_KEY = ("period", "source", "language")


def _actors(v: Any) -> tuple[str, ...]:
    if not v:
        return ()
    if isinstance(v, str):
        return _parse_actors(v)
    return tuple(dict.fromkeys(v))


@functools.lru_cache(maxsize=65536)
def _parse_actors(js: str) -> tuple[str, ...]:
    """A stored actors list (few distinct ones: each parsed once)."""
    return tuple(dict.fromkeys(json.loads(js)))


@dataclass
class Deltas:
    """The differences one write makes to every rollup (month and day grain; years and months
    of the time rollup are summed from them when applied)."""

    place: dict[tuple[Any, ...], list[Any]] = field(default_factory=dict)
    time: dict[tuple[Any, ...], list[int]] = field(default_factory=dict)
    sources: dict[tuple[str, str, str], int] = field(default_factory=dict)
    periods: set[str] = field(default_factory=set)  # months touched ('' = undated), for data_versions

    def _cell(self, key: tuple[Any, ...]) -> list[Any]:
        acc = self.place.get(key)
        if acc is None:
            # n, n_articles, sum_lat, sum_lon, first, last, n_incidents, reports, fatalities, lost events
            acc = self.place[key] = [0, 0, 0.0, 0.0, None, None, 0, 0, 0, False]
        return acc

    def _tcell(self, key: tuple[Any, ...]) -> list[int]:
        acc = self.time.get(key)
        if acc is None:
            acc = self.time[key] = [0, 0, 0]
        return acc

    def add_events(self, rows: Iterable[Sequence[Any]], sign: int) -> None:
        """Events as sequences in :data:`EVENT_COLUMNS` order; ``sign`` +1 written, −1 deleted.
        Every event of an article must come in the same call (``n_articles``)."""
        counted: set[tuple[tuple[Any, ...], str]] = set()
        for article_id, day, place_id, country, prec, etype, actors_v, lat, lon, source, lang in rows:
            month = day[:7] if day else NONE
            t = etype or NONE
            c = country or NONE
            actors = _actors(actors_v)
            self.periods.add(month)
            for a in (ALL, *actors):
                key = (a, month, t, place_id, c, int(prec))
                acc = self._cell(key)
                acc[0] += sign
                acc[2] += sign * float(lat)
                acc[3] += sign * float(lon)
                if (key, article_id) not in counted:
                    counted.add((key, article_id))
                    acc[1] += sign
                if sign > 0 and day:
                    if acc[4] is None or day < acc[4]:
                        acc[4] = day
                    if acc[5] is None or day > acc[5]:
                        acc[5] = day
                elif sign < 0:
                    acc[9] = True
            if t:  # any event type: the actor's row of its class (events only counted)
                for a in actors:
                    acc = self._cell((a, month, ANY_TYPE, place_id, c, int(prec)))
                    acc[0] += sign
            for a in (ALL, *(actors or [NONE])):
                self._tcell((a, day or NONE, t, int(prec)))[0] += sign
            skey = (month, source or NONE, lang or NONE)
            self.sources[skey] = self.sources.get(skey, 0) + sign

    def add_incident(self, row: dict[str, Any], sign: int) -> None:
        """An incident (its ``incidents`` row) with ``sign`` +1 as it is now, −1 as it was."""
        day = row["event_date"]
        month = day[:7] if day else NONE
        self.periods.add(month)
        actors = _actors(row["actors"])
        fat = int(row["fatalities"] or 0)
        for a in (ALL, *actors):
            acc = self._cell((a, month, row["event_type"], row["place_id"], row["country"] or NONE,
                              int(row["geo_precision"])))
            acc[6] += sign
            acc[7] += sign * int(row["n_reports"])
            acc[8] += sign * fat
        for a in (ALL, *(actors or [NONE])):
            acc = self._tcell((a, day or NONE, row["event_type"], int(row["geo_precision"])))
            acc[1] += sign
            acc[2] += sign * fat

    # -- applying ---------------------------------------------------------------------------------
    def apply(self, conn: Connection) -> None:
        years: dict[tuple[Any, ...], list[Any]] = {}
        alltime: dict[tuple[Any, ...], list[Any]] = {}
        for (a, month, t, p, c, prec), v in self.place.items():
            _merge(years, (a, month[:4], t, p, c, prec), v)
            if month:
                _merge(alltime, (a, ALL_DATED, t, p, c, prec), v)
        months: dict[tuple[Any, ...], list[int]] = {}
        for (a, day, t, prec), v in self.time.items():
            acc2 = months.setdefault((a, day[:7], t, prec), [0, 0, 0])
            for i in range(3):
                acc2[i] += v[i]
        for table, cells in ((rollup_place_month, self.place), (rollup_place_year, years),
                             (rollup_place_all, alltime)):
            _upsert(conn, table, PLACE_KEY, PLACE_VALUES,
                    [(*k, *v[:9]) for k, v in cells.items() if any(v[:9]) or v[9]])
            lost = [k for k, v in cells.items() if v[9] or (v[0] < 0 and k[2] == ANY_TYPE)]
            _prune(conn, table, PLACE_KEY, lost, "n = 0 AND n_incidents = 0")
            _recompute_dates(conn, table, lost)
            # cells that only lost incidents cannot become empty of events, but may of incidents
            _prune(conn, table, PLACE_KEY, [k for k, v in cells.items() if v[6] < 0 and not v[9]],
                   "n = 0 AND n_incidents = 0")
        for table, tcells in ((rollup_time_day, self.time), (rollup_time_month, months)):
            _upsert(conn, table, TIME_KEY, TIME_VALUES, [(*k, *v) for k, v in tcells.items() if any(v)])
            _prune(conn, table, TIME_KEY, [k for k, v in tcells.items() if v[0] < 0 or v[1] < 0],
                   "n = 0 AND n_incidents = 0")
        _upsert(conn, rollup_sources_month, SOURCE_KEY, ("n",),
                [(*k, v) for k, v in self.sources.items() if v])
        _prune(conn, rollup_sources_month, SOURCE_KEY, [k for k, v in self.sources.items() if v < 0], "n = 0")


def _sets(table: Table, values: Sequence[str]) -> dict[str, str]:
    """Add the new row's counts; first and last dates: the earlier and the later."""
    t = table.name
    out = {}
    for v in values:
        if v == "first_date":
            out[v] = (f"CASE WHEN excluded.first_date IS NULL THEN {t}.first_date WHEN {t}.first_date IS NULL "
                      f"OR excluded.first_date < {t}.first_date THEN excluded.first_date ELSE {t}.first_date END")
        elif v == "last_date":
            out[v] = (f"CASE WHEN excluded.last_date IS NULL THEN {t}.last_date WHEN {t}.last_date IS NULL "
                      f"OR excluded.last_date > {t}.last_date THEN excluded.last_date ELSE {t}.last_date END")
        else:
            out[v] = f"{t}.{v} + excluded.{v}"
    return out


def _upsert(conn: Connection, table: Table, key: Sequence[str], values: Sequence[str],
            rows: list[tuple[Any, ...]]) -> None:
    # in key order: the tables are clustered by their key (WITHOUT ROWID on SQLite), so each
    # page of the table is visited once, not once per row scattered over it; every key is
    # there once, so the order changes nothing else
    rows.sort(key=lambda r: r[:len(key)])
    upsert_rows(conn, table, key, values, rows, _sets(table, values))


def _prune(conn: Connection, table: Table, key: Sequence[str], keys: list[tuple[Any, ...]], empty: str) -> None:
    """Delete the rows of ``keys`` that became empty."""
    delete_keys(conn, table, key, keys, empty)


def _merge(into: dict[tuple[Any, ...], list[Any]], key: tuple[Any, ...], v: list[Any]) -> None:
    """Add a month cell's differences to a coarser cell (a year, or all dates)."""
    acc = into.get(key)
    if acc is None:
        into[key] = list(v)
        return
    for i in (0, 1, 2, 3, 6, 7, 8):
        acc[i] += v[i]
    if v[4] is not None and (acc[4] is None or v[4] < acc[4]):
        acc[4] = v[4]
    if v[5] is not None and (acc[5] is None or v[5] > acc[5]):
        acc[5] = v[5]
    acc[9] = acc[9] or v[9]


def _period_bounds(period: str) -> tuple[str, str]:
    if period == ALL_DATED:
        return ("0001-01-01", "9999-12-31")
    return (f"{period}-01-01", f"{period}-12-31") if len(period) == 4 else (f"{period}-01", f"{period}-31")


def _recompute_dates(conn: Connection, table: Table, keys: list[tuple[Any, ...]]) -> None:
    """First and last dates of cells that lost events, from the events left."""
    keys = [k for k in keys if k[1] and k[2] != ANY_TYPE]  # undated cells and class rows have no dates
    if not keys:
        return
    base = ("FROM events e WHERE e.place_id = :place_id AND e.event_date BETWEEN :d0 AND :d1 "
            "AND COALESCE(e.event_type, '') = :event_type AND COALESCE(e.country, '') = :country "
            "AND e.geo_precision = :geo_precision")
    q_all = text(f"SELECT MIN(e.event_date), MAX(e.event_date) {base}")
    q_actor = text(f"SELECT MIN(e.event_date), MAX(e.event_date) {base} AND EXISTS (SELECT 1 FROM event_actors ea "
                   "WHERE ea.event_id = e.event_id AND ea.actor = :actor)")
    upd = text(f"UPDATE {table.name} SET first_date = :f, last_date = :l WHERE actor = :actor AND period = :period "
               "AND event_type = :event_type AND place_id = :place_id AND country = :country "
               "AND geo_precision = :geo_precision")
    updates = []
    for k in keys:
        p = dict(zip(PLACE_KEY, k, strict=True))
        d0, d1 = _period_bounds(k[1])
        f, last = conn.execute(q_all if k[0] == ALL else q_actor, {**p, "d0": d0, "d1": d1}).one()
        updates.append({**p, "f": f, "l": last})
    conn.execute(upd, updates)


# -- from scratch -------------------------------------------------------------------------------------

def rebuild(conn: Connection) -> None:
    """Every rollup computed afresh from ``events``, ``event_actors``, ``incidents`` and
    ``incident_actors`` (an upgrade from schema 1; tests compare it with the maintained ones)."""
    for t in ROLLUP_TABLES:
        conn.execute(text(f"DELETE FROM {t.name}"))
    month = "COALESCE(SUBSTR(e.event_date, 1, 7), '')"
    place_cols = ("actor, period, event_type, place_id, country, geo_precision, n, n_articles, sum_lat, sum_lon, "
                  "first_date, last_date, n_incidents, incident_reports, fatalities")
    ev_measures = ("COUNT(*), COUNT(DISTINCT e.article_id), SUM(e.lat), SUM(e.lon), MIN(e.event_date), "
                   "MAX(e.event_date), 0, 0, 0")
    ev_keys = f"{month}, COALESCE(e.event_type, ''), e.place_id, COALESCE(e.country, ''), e.geo_precision"
    conn.execute(text(f"INSERT INTO rollup_place_month ({place_cols}) SELECT '*', {ev_keys}, {ev_measures} "
                      f"FROM events e GROUP BY {ev_keys}"))
    conn.execute(text(f"INSERT INTO rollup_place_month ({place_cols}) SELECT ea.actor, {ev_keys}, {ev_measures} "
                      f"FROM events e JOIN event_actors ea ON ea.event_id = e.event_id GROUP BY ea.actor, {ev_keys}"))
    class_keys = f"{month}, e.place_id, COALESCE(e.country, ''), e.geo_precision"
    conn.execute(text(f"INSERT INTO rollup_place_month ({place_cols}) SELECT ea.actor, {month}, '{ANY_TYPE}', "
                      "e.place_id, COALESCE(e.country, ''), e.geo_precision, COUNT(*), 0, 0.0, 0.0, NULL, NULL, 0, 0, 0 "
                      "FROM events e JOIN event_actors ea ON ea.event_id = e.event_id WHERE e.event_type IS NOT NULL "
                      f"GROUP BY ea.actor, {class_keys}"))
    i_month = "COALESCE(SUBSTR(i.event_date, 1, 7), '')"
    i_keys = f"{i_month}, i.event_type, i.place_id, COALESCE(i.country, ''), i.geo_precision"
    i_measures = "0, 0, 0.0, 0.0, NULL, NULL, COUNT(*), SUM(i.n_reports), SUM(COALESCE(i.fatalities, 0))"
    on_conflict = ("ON CONFLICT (actor, period, event_type, place_id, country, geo_precision) DO UPDATE SET "
                   "n_incidents = excluded.n_incidents, incident_reports = excluded.incident_reports, "
                   "fatalities = excluded.fatalities")
    conn.execute(text(f"INSERT INTO rollup_place_month ({place_cols}) SELECT '*', {i_keys}, {i_measures} "
                      f"FROM incidents i WHERE true GROUP BY {i_keys} {on_conflict}"))
    conn.execute(text(f"INSERT INTO rollup_place_month ({place_cols}) SELECT ia.actor, {i_keys}, {i_measures} "
                      "FROM incidents i JOIN incident_actors ia ON ia.incident_id = i.incident_id WHERE true "
                      f"GROUP BY ia.actor, {i_keys} {on_conflict}"))
    conn.execute(text(
        f"INSERT INTO rollup_place_year ({place_cols}) SELECT actor, SUBSTR(period, 1, 4), event_type, place_id, "
        "country, geo_precision, SUM(n), SUM(n_articles), SUM(sum_lat), SUM(sum_lon), MIN(first_date), "
        "MAX(last_date), SUM(n_incidents), SUM(incident_reports), SUM(fatalities) FROM rollup_place_month "
        "GROUP BY actor, SUBSTR(period, 1, 4), event_type, place_id, country, geo_precision"))
    conn.execute(text(
        f"INSERT INTO rollup_place_all ({place_cols}) SELECT actor, '{ALL_DATED}', event_type, place_id, "
        "country, geo_precision, SUM(n), SUM(n_articles), SUM(sum_lat), SUM(sum_lon), MIN(first_date), "
        "MAX(last_date), SUM(n_incidents), SUM(incident_reports), SUM(fatalities) FROM rollup_place_month "
        "WHERE period != '' GROUP BY actor, event_type, place_id, country, geo_precision"))
    # the time rollups
    t_cols = "actor, period, event_type, geo_precision, n, n_incidents, fatalities"
    day, t_type = "COALESCE(e.event_date, '')", "COALESCE(e.event_type, '')"
    t_keys = f"{day}, {t_type}, e.geo_precision"
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT '*', {t_keys}, COUNT(*), 0, 0 "
                      f"FROM events e GROUP BY {t_keys}"))
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT ea.actor, {t_keys}, COUNT(*), 0, 0 "
                      f"FROM events e JOIN event_actors ea ON ea.event_id = e.event_id GROUP BY ea.actor, {t_keys}"))
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT '', {t_keys}, COUNT(*), 0, 0 "
                      "FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.event_id) "
                      f"GROUP BY {t_keys}"))
    i_tkeys = "COALESCE(i.event_date, ''), i.event_type, i.geo_precision"
    t_conflict = ("ON CONFLICT (actor, period, event_type, geo_precision) DO UPDATE SET "
                  "n_incidents = excluded.n_incidents, fatalities = excluded.fatalities")
    i_t = "COUNT(*), SUM(COALESCE(i.fatalities, 0))"
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT '*', {i_tkeys}, 0, {i_t} "
                      f"FROM incidents i WHERE true GROUP BY {i_tkeys} {t_conflict}"))
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT ia.actor, {i_tkeys}, 0, {i_t} "
                      "FROM incidents i JOIN incident_actors ia ON ia.incident_id = i.incident_id WHERE true "
                      f"GROUP BY ia.actor, {i_tkeys} {t_conflict}"))
    conn.execute(text(f"INSERT INTO rollup_time_day ({t_cols}) SELECT '', {i_tkeys}, 0, {i_t} "
                      "FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM incident_actors ia "
                      f"WHERE ia.incident_id = i.incident_id) GROUP BY {i_tkeys} {t_conflict}"))
    conn.execute(text(f"INSERT INTO rollup_time_month ({t_cols}) SELECT actor, SUBSTR(period, 1, 7), event_type, "
                      "geo_precision, SUM(n), SUM(n_incidents), SUM(fatalities) FROM rollup_time_day "
                      "GROUP BY actor, SUBSTR(period, 1, 7), event_type, geo_precision"))
    conn.execute(text(f"INSERT INTO rollup_sources_month (period, source, language, n) SELECT {month}, "
                      "COALESCE(e.source, ''), COALESCE(e.language, ''), COUNT(*) FROM events e "
                      f"GROUP BY {month}, COALESCE(e.source, ''), COALESCE(e.language, '')"))


# -- windows ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WindowParts:
    """A date window as whole years, whole months (outside those years) and days at the ends."""

    years: tuple[tuple[str, str], ...]    # inclusive (YYYY, YYYY) ranges
    months: tuple[tuple[str, str], ...]   # inclusive (YYYY-MM, YYYY-MM) ranges
    days: tuple[tuple[str, str], ...]     # inclusive (YYYY-MM-DD, YYYY-MM-DD) ranges

    @property
    def uses_rollups(self) -> bool:
        return bool(self.years or self.months)


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def _month_end(d: date) -> date:
    from datetime import timedelta

    return date(d.year, 12, 31) if d.month == 12 else _next_month(d) - timedelta(days=1)


def split_window(lo: date | None, hi: date | None) -> WindowParts:
    """Split ``[lo, hi]`` (inclusive; None = unbounded) into whole years, whole months and days."""
    from datetime import timedelta

    lo = lo or date(1, 1, 1)
    hi = hi or date(9999, 12, 31)
    if lo > hi:
        return WindowParts((), (), ())
    # whole months: first month starting on/after lo, last month ending on/before hi
    m0 = lo if lo.day == 1 else _next_month(lo)
    m1 = _month_start(hi) if hi == _month_end(hi) else _month_start(hi) - timedelta(days=1)
    m1 = _month_start(m1)
    if m0 > hi or m1 < lo or m0 > m1:
        return WindowParts((), (), ((lo.isoformat(), hi.isoformat()),))
    days: list[tuple[str, str]] = []
    if lo < m0:
        days.append((lo.isoformat(), (m0 - timedelta(days=1)).isoformat()))
    if _month_end(m1) < hi:
        days.append(((_month_end(m1) + timedelta(days=1)).isoformat(), hi.isoformat()))
    # whole years inside the whole months
    y0 = m0.year if m0.month == 1 else m0.year + 1
    y1 = m1.year if m1.month == 12 else m1.year - 1
    months: list[tuple[str, str]] = []
    years: tuple[tuple[str, str], ...] = ()
    fmt = "{:04d}-{:02d}"
    if y0 <= y1:
        years = ((f"{y0:04d}", f"{y1:04d}"),)
        if m0 < date(y0, 1, 1):
            months.append((fmt.format(m0.year, m0.month), fmt.format(y0 - 1, 12)))
        if m1 > date(y1, 12, 1):
            months.append((fmt.format(y1 + 1, 1), fmt.format(m1.year, m1.month)))
    else:
        months.append((fmt.format(m0.year, m0.month), fmt.format(m1.year, m1.month)))
    return WindowParts(years, tuple(months), tuple(days))
