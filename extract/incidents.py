"""Incidents: the reports of one event, across articles and outlets, kept up to date on every write.

**The rule.** An event with an ``event_type`` belongs to exactly one incident; a mention without a
type belongs to none. Each incident has an *anchor*: the place, point and date of the report that
founded it. A new report **joins** an incident when

* it has the same ``event_type``;
* both it and the anchor are dated and their dates are at most :data:`MERGE_DAYS` (1) apart —
  "yesterday" in one outlet and "on Saturday" in another, or a date read from a publication a
  day late, still meet; undated reports never merge;
* both are located better than a region or a country (``geo_precision`` 1 or 2) — "fighting in
  Libya" says nowhere in particular, so two such reports are never claimed to be one incident;
* the points are at most ``max(5 km, the smaller uncertainty_km)`` apart, capped at 25 km. 5 km
  covers one town's districts and suburbs reported under neighbouring names (Ain Zara and Qasr
  bin Ghashir; "the airport road" and the airport); a report whose own point is uncertain (a
  relative place "20 km south of Tripoli", ±8 km) may meet another as far as that uncertainty,
  never farther than the *more* precise of the two allows, and never beyond 25 km, so that
  wide relative places cannot swallow a whole front.

Comparing with the anchor — not with any member — means an incident never chains: sustained
fighting at one place on ten consecutive days is several incidents of about three days, not one
of ten. Where a report could join several incidents it joins the one whose anchor is closest in
date, then in distance, then the smallest id.

**Stable ids.** An incident's id (``inc-`` + a hash of its type and founding event id) is given
once and kept as long as the incident has reports: later reports join it under that id; a
report removed (its article replaced or re-extracted) leaves the others where they are. When the
anchor's own report disappears, the incident is re-anchored on its first remaining report and
any report that no longer meets the new anchor is placed again by the same rule. An incident
left with no report is deleted — unless the same write brings a report that meets its anchor
(the typical re-extraction of an article: its events come back), which then keeps the id.

**Per incident**: ``n_events`` (reports as events), ``n_reports`` (distinct articles),
``n_outlets`` (distinct sources; an article without a source counts as its own), ``fatalities``
and ``injured`` by ACLED's conservative rule (the lowest figure a report states; null when none
states one), the first report (earliest ``published``, undated last, then event id) with its
sub-event type, the date span of its reports and every actor they name.

**Order.** Which report founds an incident depends on which arrived first, so its id (and, for
a report that meets two anchors only as the second of them, its incident) follows the order of
commits: the same input committed in the same batches gives the same incidents on SQLite and
PostgreSQL, in one process or on Dask (which commits partitions in input order); ``copy-store``
keeps the source's ids.

**When.** Everything happens inside the transaction that writes a batch of articles
(:meth:`Store.write_rows <.store.Store.write_rows>`): the same batch on SQLite and PostgreSQL
gives the same incidents. Reports of one batch are placed in first-report order (published,
then event id), so the founding report of a new incident is its first report when they arrive
together. Writers are serialised: the first statement of every write transaction updates the
commit counter row in ``meta`` — SQLite takes its single write lock there, PostgreSQL a row lock
held until commit — so a second writer (another process, or a Dask client committing partitions
in input order) waits and then sees everything the first committed (read committed), and no two
writers ever place reports against different states of the incidents. An article re-ingested
unchanged never reaches the store (same content hash), so it is never counted twice.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Float, MetaData, String, Table, delete, select, text
from sqlalchemy.engine import Connection

from ..core.geodesy import haversine_km
from .bulk import copy_rows, executemany, in_ids, insert_rows
from .schema import events, incident_actors, incidents

MERGE_KM = 5.0
MAX_MERGE_KM = 25.0
MERGE_DAYS = 1
#: the probe table's columns (for COPY's types; the table itself is a temporary one)
_PROBE_COLUMNS = ("event_type", "d", "lat0", "lat1", "lon0", "lon1")
_PROBE = Table("cm_probe", MetaData(), Column("event_type", String), Column("d", String),
               *[Column(c, Float) for c in _PROBE_COLUMNS[2:]])


@dataclass(slots=True)
class Report:
    """One typed event as the incident logic sees it."""

    event_id: str
    event_type: str
    event_date: str | None
    published: str | None
    lat: float
    lon: float
    uncertainty_km: float
    geo_precision: int
    place_id: str
    place_name: str
    country: str | None
    incident_id: str | None = None

    @property
    def mergeable(self) -> bool:
        return self.event_date is not None and self.geo_precision < 3

    @property
    def order(self) -> tuple[bool, str, str]:
        """First report first: earliest published (undated last), then event id."""
        return (self.published is None, self.published or "", self.event_id)


#: degrees of latitude beyond which two points are farther apart than MAX_MERGE_KM (a degree of
#: latitude is at least 110.5 km on the sphere haversine_km uses, so this never rejects a pair it would merge)
_MAX_DLAT = MAX_MERGE_KM / 110.5


def merge_km(unc_a: float, unc_b: float) -> float:
    """How far apart two reports of one incident may be."""
    return min(MAX_MERGE_KM, max(MERGE_KM, min(float(unc_a), float(unc_b))))


def meets(anchor: Report, rep: Report) -> tuple[int, float] | None:
    """(days apart, km apart) when ``rep`` may join the incident anchored on ``anchor``, else None."""
    if anchor.event_type != rep.event_type or not (anchor.mergeable and rep.mergeable):
        return None
    assert anchor.event_date is not None and rep.event_date is not None
    try:
        days = abs((date.fromisoformat(anchor.event_date) - date.fromisoformat(rep.event_date)).days)
    except ValueError:
        return None
    if days > MERGE_DAYS:
        return None
    km = haversine_km(anchor.lat, anchor.lon, rep.lat, rep.lon)
    if km > merge_km(anchor.uncertainty_km, rep.uncertainty_km):
        return None
    return days, km


def incident_id_for(event_type: str, event_id: str, n: int = 1) -> str:
    """The id an incident founded by ``event_id`` gets (``n`` > 1: the id was taken)."""
    base = "inc-" + hashlib.sha256(f"{event_type}\x1f{event_id}".encode()).hexdigest()[:16]
    return base if n == 1 else f"{base}-{n}"


def _report_from_incident(row: Any) -> Report:
    return Report(event_id=row["anchor_event_id"], event_type=row["event_type"], event_date=row["event_date"],
                  published=None, lat=row["lat"], lon=row["lon"], uncertainty_km=row["uncertainty_km"],
                  geo_precision=row["geo_precision"], place_id=row["place_id"], place_name=row["place_name"],
                  country=row["country"], incident_id=row["incident_id"])


_REPORT_COLUMNS = ("event_id", "event_type", "event_date", "published", "lat", "lon", "uncertainty_km",
                   "geo_precision", "place_id", "place_name", "country", "incident_id")


def _report_from_event(row: Sequence[Any]) -> Report:
    return Report(*row)


@dataclass(slots=True)
class _Incident:
    incident_id: str
    anchor: Report
    old: dict[str, Any] | None           # its row before this write; None for a new one
    members: dict[str, Report] | None = None  # remaining stored reports (loaded for affected incidents)
    added: dict[str, Report] = field(default_factory=dict)  # reports that joined in this write
    dirty: bool = False

    def current(self) -> dict[str, Report]:
        out = dict(self.members or {})
        out.update(self.added)
        return out


def _day_key(rep: Report) -> tuple[str, str] | None:
    return (rep.event_type, rep.event_date) if rep.mergeable and rep.event_date else None


class IncidentWriter:
    """Keeps ``incidents`` in step with one write transaction (see the module docstring).

    Use: :meth:`remove` with the typed events about to be deleted (before the DELETE),
    :meth:`assign` with the new reports (before their INSERT: it sets their ``incident_id``),
    write the events and apply :attr:`moved` (stored events placed in another incident), then
    :meth:`finish`, which writes the touched incidents and returns their rows before and after.
    """

    def __init__(self, conn: Connection, seq: int, *, postgres: bool) -> None:
        self.conn = conn
        self.seq = seq
        self.postgres = postgres
        self.incidents: dict[str, _Incident] = {}
        self.by_day: dict[tuple[Any, ...], set[str]] = {}  # (type, anchor date) -> incident ids (see _slot)
        self.affected: set[str] = set()  # incidents that lost reports in this write
        self.removed: set[str] = set()   # event ids deleted in this write
        self.moved: dict[str, str] = {}  # stored event id -> its new incident id
        self.taken: set[str] = set()     # ids known to exist in the store
        self.stored: set[str] = set()    # event ids of stored reports loaded as members

    # -- loading ----------------------------------------------------------------------------------
    def _index(self, inc: _Incident) -> None:
        k = self._slot(inc.anchor)
        if k is not None:
            self.by_day.setdefault(k, set()).add(inc.incident_id)

    def _unindex(self, inc: _Incident) -> None:
        k = self._slot(inc.anchor)
        if k is not None:
            self.by_day.get(k, set()).discard(inc.incident_id)

    def _slot(self, anchor: Report) -> tuple[Any, ...] | None:
        """Where :attr:`by_day` files an incident with this anchor (None: it takes no report)."""
        return _day_key(anchor)

    def _slots_near(self, event_type: str, day: date, lat: float) -> Iterator[tuple[Any, ...]]:
        """The :attr:`by_day` slots that hold every incident a report of this type, day and
        latitude might join (and maybe others)."""
        for dd in range(-MERGE_DAYS, MERGE_DAYS + 1):
            yield (event_type, (day + timedelta(days=dd)).isoformat())

    def _adopt_rows(self, rows: Iterable[Any]) -> None:
        for row in rows:
            d = dict(row)
            iid = d["incident_id"]
            self.taken.add(iid)
            if iid not in self.incidents:
                inc = _Incident(iid, _report_from_incident(d), d)
                self.incidents[iid] = inc
                self._index(inc)

    def _load(self, ids: Iterable[str]) -> None:
        todo = [i for i in dict.fromkeys(ids) if i and i not in self.incidents]
        if todo:
            for cond in in_ids(self.conn, incidents.c.incident_id, todo):
                self._adopt_rows(self.conn.execute(select(incidents).where(cond)).mappings())

    def _probe(self, reports: Sequence[Report]) -> None:
        """Load the stored incidents any of ``reports`` might join (same type, anchor within a day,
        inside the largest distance it could be allowed), with one join against a probe table."""
        probes: set[tuple[str, str, float, float, float, float]] = set()
        for r in reports:
            if not r.mergeable or r.incident_id:
                continue
            assert r.event_date is not None
            try:
                d = date.fromisoformat(r.event_date)
            except ValueError:
                continue
            km = min(MAX_MERGE_KM, max(MERGE_KM, float(r.uncertainty_km))) * 1.05
            dlat = km / 111.0
            dlon = km / (111.0 * max(0.05, math.cos(math.radians(min(89.0, abs(r.lat))))))
            for dd in range(-MERGE_DAYS, MERGE_DAYS + 1):
                probes.add((r.event_type, (d + timedelta(days=dd)).isoformat(), round(r.lat - dlat, 6),
                            round(r.lat + dlat, 6), round(r.lon - dlon, 6), round(r.lon + dlon, 6)))
        if not probes:
            return
        c = self.conn
        if self.postgres:
            c.execute(text('CREATE TEMP TABLE IF NOT EXISTS cm_probe (event_type text COLLATE "C", d text COLLATE "C", '
                           "lat0 float8, lat1 float8, lon0 float8, lon1 float8) ON COMMIT DELETE ROWS"))
            c.execute(text("TRUNCATE cm_probe"))
            copy_rows(c, _PROBE, _PROBE_COLUMNS, sorted(probes), into="cm_probe")
        else:
            c.execute(text("CREATE TEMP TABLE IF NOT EXISTS cm_probe (event_type TEXT, d TEXT, lat0 REAL, "
                           "lat1 REAL, lon0 REAL, lon1 REAL)"))
            c.execute(text("DELETE FROM cm_probe"))
            executemany(c, "INSERT INTO cm_probe VALUES (?, ?, ?, ?, ?, ?)", sorted(probes))
        cols = ", ".join(f"i.{col.name}" for col in incidents.columns)
        rows = c.execute(text(
            f"SELECT DISTINCT {cols} FROM cm_probe p JOIN incidents i ON i.event_type = p.event_type "
            "AND i.event_date = p.d AND i.lat BETWEEN p.lat0 AND p.lat1 AND i.lon BETWEEN p.lon0 AND p.lon1"
        )).mappings().all()
        c.execute(text("DELETE FROM cm_probe"))
        self._adopt_rows(rows)

    def _check_taken(self, ids: Iterable[str]) -> None:
        todo = [i for i in dict.fromkeys(ids) if i not in self.taken and i not in self.incidents]
        if todo:
            for cond in in_ids(self.conn, incidents.c.incident_id, todo):
                self.taken.update(r[0] for r in self.conn.execute(select(incidents.c.incident_id).where(cond)))

    # -- writing ----------------------------------------------------------------------------------
    def remove(self, old_events: Iterable[tuple[str, str | None]]) -> None:
        """``(event_id, incident_id)`` of the stored events this write deletes (typed or not)."""
        ids = set()
        for eid, iid in old_events:
            self.removed.add(eid)
            if iid:
                ids.add(iid)
        self.affected |= ids
        self._load(ids)
        for iid in ids:
            if iid in self.incidents:
                self.incidents[iid].dirty = True

    def _load_members(self, ids: Sequence[str]) -> None:
        """The stored reports left in ``ids`` (after this write's DELETE)."""
        todo = [i for i in ids if i in self.incidents and self.incidents[i].members is None]
        for inc_id in todo:
            self.incidents[inc_id].members = {}
        cols = [events.c[c] for c in _REPORT_COLUMNS]
        for cond in in_ids(self.conn, events.c.incident_id, todo) if todo else []:
            for row in self.conn.execute(select(*cols).where(cond)):
                rep = _report_from_event(tuple(row))
                if rep.event_id in self.removed:
                    continue
                inc = self.incidents.get(rep.incident_id or "")
                if inc is not None and inc.members is not None:
                    inc.members[rep.event_id] = rep
                    self.stored.add(rep.event_id)

    def assign(self, reports: Sequence[Report]) -> None:
        """Place every new report (sets its ``incident_id``); then re-anchor the incidents whose
        anchor report is gone, placing again the reports that no longer meet the new anchor
        (stored ones are listed in :attr:`moved`). Call it after this write's DELETE."""
        self._load_members(sorted(self.affected))
        queue = sorted(reports, key=lambda r: r.order)
        self._load([r.incident_id for r in queue if r.incident_id])
        self._place_all(queue)
        for _round in range(len(self.affected) + 2):
            again: list[Report] = []
            stored: list[Report] = []
            for iid in sorted(self.affected):
                inc = self.incidents.get(iid)
                if inc is None:
                    continue
                members = inc.current()
                if not members or inc.anchor.event_id in members:
                    continue
                self._unindex(inc)
                anchor = min(members.values(), key=lambda r: r.order)
                inc.anchor = replace(anchor, incident_id=iid)
                self._index(inc)
                for eid, rep in sorted(members.items()):
                    if eid == anchor.event_id or meets(inc.anchor, rep) is not None:
                        continue
                    if inc.members is not None:
                        inc.members.pop(eid, None)
                    inc.added.pop(eid, None)
                    if eid in self.stored:
                        stored.append(rep)
                    rep.incident_id = None
                    again.append(rep)
            if not again:
                return
            self._place_all(sorted(again, key=lambda r: r.order))
            for rep in stored:
                assert rep.incident_id is not None
                self.moved[rep.event_id] = rep.incident_id
        raise RuntimeError("incidents: re-anchoring did not settle")  # pragma: no cover - bounded above

    def _place_all(self, queue: Sequence[Report]) -> None:
        self._probe(queue)
        self._check_taken(incident_id_for(r.event_type, r.event_id) for r in queue if not r.incident_id)
        for rep in queue:
            self._place(rep)

    def _place(self, rep: Report) -> None:
        if rep.incident_id:  # arrives with its incident (copy-store): keeps it
            inc = self.incidents.get(rep.incident_id) or self._found(rep, rep.incident_id)
            self._join(inc, rep)
            return
        best: tuple[tuple[int, float, str], _Incident] | None = None
        k = _day_key(rep)
        if k is not None:
            d = date.fromisoformat(k[1])
            lat = rep.lat
            for slot in self._slots_near(k[0], d, lat):
                for iid in self.by_day.get(slot, ()):
                    inc = self.incidents[iid]
                    if abs(inc.anchor.lat - lat) > _MAX_DLAT:
                        continue  # farther north or south than any merge allows: meets() would say no
                    m = meets(inc.anchor, rep)
                    if m is not None and (best is None or (m[0], m[1], iid) < best[0]):
                        best = ((m[0], m[1], iid), inc)
        self._join(best[1] if best is not None else self._found(rep, None), rep)

    def _found(self, rep: Report, iid: str | None) -> _Incident:
        if iid is None:
            n = 1
            while True:
                iid = incident_id_for(rep.event_type, rep.event_id, n)
                if n > 1:
                    self._check_taken([iid])
                if iid not in self.taken and iid not in self.incidents:
                    break
                n += 1
        inc = _Incident(iid, replace(rep, incident_id=iid), None, members={})
        self.incidents[iid] = inc
        self._index(inc)
        return inc

    def _join(self, inc: _Incident, rep: Report) -> None:
        rep.incident_id = inc.incident_id
        inc.added[rep.event_id] = rep
        inc.dirty = True

    # -- after the events are written -------------------------------------------------------------
    def finish(self) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
        """Write every touched incident (recomputed from its stored reports); ``(before, after)``
        rows of each (``None``: did not exist / no longer exists)."""
        touched = sorted(i for i, inc in self.incidents.items() if inc.dirty)
        if not touched:
            return []
        cols = [events.c[c] for c in _MEMBER_COLUMNS]
        members: dict[str, list[tuple[Any, ...]]] = {}
        for cond in in_ids(self.conn, events.c.incident_id, touched):
            for row in self.conn.execute(select(*cols).where(cond)):
                members.setdefault(row[0], []).append(tuple(row))
        out: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
        new_rows: list[dict[str, Any]] = []
        for iid in touched:
            inc = self.incidents[iid]
            rows = members.get(iid)
            after = self._row(inc, rows, self.seq) if rows else None
            if inc.old is None and after is None:
                continue
            out.append((inc.old, after))
            if after is not None:
                new_rows.append(after)
        old_ids = [inc_id for inc_id in touched if self.incidents[inc_id].old is not None]
        for cond in in_ids(self.conn, incident_actors.c.incident_id, old_ids) if old_ids else []:
            self.conn.execute(delete(incident_actors).where(cond))
        for cond in in_ids(self.conn, incidents.c.incident_id, old_ids) if old_ids else []:
            self.conn.execute(delete(incidents).where(cond))
        _insert_incidents(self.conn, new_rows)
        return out

    @staticmethod
    def _row(inc: _Incident, rows: list[tuple[Any, ...]], seq: int) -> dict[str, Any]:
        # rows: incident_id, event_id, article_id, published, source, fatalities, injured, event_date,
        #       sub_event_type, actors
        first = min(rows, key=lambda r: (r[3] is None, r[3] or "", r[1]))
        dates = [r[7] for r in rows if r[7]]
        fat = [r[5] for r in rows if r[5] is not None]
        inj = [r[6] for r in rows if r[6] is not None]
        actors: dict[str, None] = {}
        for r in sorted(rows, key=lambda r: r[1]):
            for a in json.loads(r[9]) if r[9] else []:
                actors.setdefault(a, None)
        a = inc.anchor
        return {
            "incident_id": inc.incident_id, "event_type": a.event_type, "sub_event_type": first[8],
            "anchor_event_id": a.event_id, "event_date": a.event_date, "place_id": a.place_id,
            "place_name": a.place_name, "country": a.country, "geo_precision": a.geo_precision, "lat": a.lat,
            "lon": a.lon, "uncertainty_km": a.uncertainty_km,
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
            "first_event_id": first[1], "first_article_id": first[2], "first_published": first[3],
            "first_source": first[4], "n_events": len(rows), "n_reports": len({r[2] for r in rows}),
            "n_outlets": len({("s", r[4]) if r[4] else ("a", r[2]) for r in rows}),
            "fatalities": min(fat) if fat else None, "injured": min(inj) if inj else None,
            "actors": json.dumps(sorted(actors), ensure_ascii=False), "updated_seq": seq,
        }


#: the columns of a member event that an incident's row is computed from (:meth:`IncidentWriter._row`)
_MEMBER_COLUMNS = ("incident_id", "event_id", "article_id", "published", "source", "fatalities", "injured",
                   "event_date", "sub_event_type", "actors")
_INCIDENT_COLUMNS = tuple(c.name for c in incidents.columns)


def _insert_incidents(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Incident rows (new ids) and their actors."""
    insert_rows(conn, incidents, _INCIDENT_COLUMNS, [tuple(r[c] for c in _INCIDENT_COLUMNS) for r in rows])
    insert_rows(conn, incident_actors, ("incident_id", "actor"),
                [(r["incident_id"], a) for r in rows for a in json.loads(r["actors"])])


class LoadIncidents(IncidentWriter):
    """The incidents of a load into an EMPTY store, batch after batch, in memory.

    The same placing as :class:`IncidentWriter` (it is one: :meth:`assign`, ``_place``, ``_found``
    unchanged), for a store that holds nothing but what this writer placed: every incident a
    report could join is already in memory, so nothing is looked up in the database, and nothing
    is ever removed. Call :meth:`batch` with the reports of each batch in the order ``save_batch``
    would have written them (batch ``seq`` = its commit number); once the events are written (with
    the ``incident_id`` it set), :meth:`write` computes each incident's row from its member events,
    as :meth:`finish` does, with the last batch that changed it as ``updated_seq``."""

    def __init__(self, conn: Connection, *, postgres: bool) -> None:
        super().__init__(conn, 0, postgres=postgres)
        self.last_seq: dict[str, int] = {}  # incident id -> the last batch that changed it
        self._touched: set[str] = set()

    # nothing to load: the store is empty but for what this writer placed
    def _load(self, ids: Iterable[str]) -> None:
        return None

    def _probe(self, reports: Sequence[Report]) -> None:
        return None

    def _check_taken(self, ids: Iterable[str]) -> None:
        return None

    def _load_members(self, ids: Sequence[str]) -> None:
        return None

    def remove(self, old_events: Iterable[tuple[str, str | None]]) -> None:
        raise RuntimeError("a load into an empty store removes nothing")

    def _join(self, inc: _Incident, rep: Report) -> None:
        super()._join(inc, rep)
        self._touched.add(inc.incident_id)

    # every incident of the load is in memory: slots by latitude band as well, so that a report
    # looks at the incidents of its band and the two beside it, not at every one of its days
    def _slot(self, anchor: Report) -> tuple[Any, ...] | None:
        k = _day_key(anchor)
        return None if k is None else (*k, math.floor(anchor.lat / _MAX_DLAT))

    def _slots_near(self, event_type: str, day: date, lat: float) -> Iterator[tuple[Any, ...]]:
        band = math.floor(lat / _MAX_DLAT)
        for slot in super()._slots_near(event_type, day, lat):
            for b in (band - 1, band, band + 1):
                yield (*slot, b)

    def batch(self, seq: int, reports: Sequence[Report]) -> set[str]:
        """Place one batch's reports (sets their ``incident_id``); the months (``YYYY-MM``, '' for
        undated) of the incidents it changed, as ``save_batch``'s rollup deltas count them."""
        self.seq = seq
        self.assign(reports)
        months: set[str] = set()
        for iid in self._touched:
            inc = self.incidents[iid]
            self.last_seq[iid] = seq
            inc.dirty = False
            inc.added = {}
            inc.members = None
            months.add(inc.anchor.event_date[:7] if inc.anchor.event_date else "")
        self._touched.clear()
        return months

    def write(self, chunk: int = 20000) -> int:
        """Every incident's row and actors, from the written events; how many incidents."""
        cols = [events.c[c] for c in _MEMBER_COLUMNS]
        stmt = select(*cols).where(events.c.incident_id.is_not(None)).order_by(events.c.incident_id)
        result = self.conn.execute(stmt, execution_options={"stream_results": True, "yield_per": chunk})
        pending: list[dict[str, Any]] = []
        group: list[tuple[Any, ...]] = []
        n = 0
        for part in result.partitions(chunk):
            for row in part:
                if group and row[0] != group[0][0]:
                    pending.append(self._row(self.incidents[group[0][0]], group, self.last_seq[group[0][0]]))
                    group = []
                group.append(tuple(row))
            if len(pending) >= chunk:
                _insert_incidents(self.conn, pending)
                n += len(pending)
                pending = []
        if group:
            pending.append(self._row(self.incidents[group[0][0]], group, self.last_seq[group[0][0]]))
        _insert_incidents(self.conn, pending)
        return n + len(pending)


def reports_of(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> list[tuple[int, Report]]:
    """(row index, Report) for the typed rows of events given as sequences in ``columns`` order."""
    get = itemgetter(*(columns.index(c) for c in _REPORT_COLUMNS))
    typed = columns.index("event_type")
    return [(i, Report(*get(row))) for i, row in enumerate(rows) if row[typed] is not None]
