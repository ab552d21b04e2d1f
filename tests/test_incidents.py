"""Incidents (extract/incidents.py): reports of one event across articles and outlets, on SQLite and
on a real PostgreSQL alike. The merging cases are small synthetic events; the lifecycle tests
re-ingest, change and remove articles; the concurrency tests run two writers at once."""

from __future__ import annotations

import json
import multiprocessing
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from conflictmap.extract.incidents import MAX_MERGE_KM, MERGE_KM, incident_id_for, merge_km
from conflictmap.extract.model import EVENT_TYPES, Article, Event
from conflictmap.extract.readers import Skipped
from conflictmap.extract.runner import run_batches
from conflictmap.extract.store import Store

from conflictmap.core.geodesy import destination

TRIPOLI = (32.8874, 13.1873)


@dataclass
class R:
    """One report in a case: an article with one typed event (defaults: a battle in Tripoli)."""

    aid: str
    day: str | None = "2019-04-07"
    km: float = 0.0                # how far east of the reference point
    type: str | None = "Battles"
    unc: float = 3.0
    prec: int = 1
    source: str | None = ""        # default (""): an outlet per article; None: no source
    published: str | None = "2019-04-08"
    fatalities: int | None = None
    injured: int | None = None
    actors: Sequence[str] = ("LNA",)
    extra: list[R] = field(default_factory=list)  # more events of the same article

    def event(self, start: int = 0) -> Event:
        lat, lon = destination(*TRIPOLI, 90.0, self.km) if self.km else TRIPOLI
        sub = EVENT_TYPES[self.type][0] if self.type else None
        return Event(event_id=f"{self.aid}:{start}", article_id=self.aid, mention="m", start=start, end=start + 1,
                     place_name=f"P{self.km:g}", place_id=f"test:p{self.km:g}", kind="district", lat=lat, lon=lon,
                     geo_precision=self.prec, uncertainty_km=self.unc, snippet=f"report {self.aid}",
                     event_date=self.day, date_precision="day" if self.day else "none",
                     source=f"outlet-{self.aid}" if self.source == "" else self.source,
                     published=self.published, actors=list(self.actors), event_type=self.type, sub_event_type=sub,
                     fatalities=self.fatalities, injured=self.injured, country="LY", language="en")

    def article(self, text: str = "") -> tuple[Article, list[Event]]:
        evs = [self.event(0)] + [x.event(10 * (i + 1)) for i, x in enumerate(self.extra)]
        for ev in evs:  # the article's own id, outlet and publication date
            ev.article_id, ev.event_id = self.aid, f"{self.aid}:{ev.start}"
            ev.source, ev.published = evs[0].source, evs[0].published
        return Article(id=self.aid, text=text or f"article {self.aid}", source=evs[0].source,
                       published=self.published), evs


def save(store: Store, *reports: R) -> None:
    store.save_batch([r.article() for r in reports])


def groups(store: Store) -> list[list[str]]:
    """Event ids grouped by incident (sorted), plus mentions without one as their own group marker."""
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for eid, iid in conn.execute(sa.text("SELECT event_id, incident_id FROM events WHERE incident_id IS NOT NULL")):
            out.setdefault(iid, []).append(eid)
    return sorted(sorted(v) for v in out.values())


def incident_rows(store: Store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        return {r["incident_id"]: dict(r) for r in conn.execute(sa.text("SELECT * FROM incidents")).mappings()}


def incident_of(store: Store, event_id: str) -> dict:
    with store.engine.connect() as conn:
        iid = conn.execute(sa.text("SELECT incident_id FROM events WHERE event_id = :e"), {"e": event_id}).scalar()
    return incident_rows(store)[iid]


def check_invariants(store: Store) -> None:
    """What must hold whatever happened: every typed event in exactly one incident, mentions in
    none; each incident's figures as recomputed from its reports; its anchor among them."""
    with store.engine.connect() as conn:
        evs = [dict(r) for r in conn.execute(sa.text(
            "SELECT event_id, article_id, event_type, incident_id, fatalities, source, published FROM events")).mappings()]
    incs = incident_rows(store)
    members: dict[str, list[dict]] = {}
    for e in evs:
        assert (e["event_type"] is None) == (e["incident_id"] is None), e
        if e["incident_id"]:
            members.setdefault(e["incident_id"], []).append(e)
    assert set(members) == set(incs)
    for iid, ms in members.items():
        inc = incs[iid]
        assert inc["n_events"] == len(ms) and inc["n_reports"] == len({m["article_id"] for m in ms})
        assert inc["n_outlets"] == len({m["source"] or "#" + m["article_id"] for m in ms})
        fat = [m["fatalities"] for m in ms if m["fatalities"] is not None]
        assert inc["fatalities"] == (min(fat) if fat else None)
        assert {m["event_type"] for m in ms} == {inc["event_type"]}
        assert inc["anchor_event_id"] in {m["event_id"] for m in ms}
        first = min(ms, key=lambda m: (m["published"] is None, m["published"] or "", m["event_id"]))
        assert inc["first_event_id"] == first["event_id"]


# -- which reports are one incident ----------------------------------------------------------------

CASES = [
    pytest.param([R("a"), R("b")], [["a:0", "b:0"]], id="same-place-same-day-two-outlets"),
    pytest.param([R("a"), R("b", km=4.0)], [["a:0", "b:0"]], id="neighbouring-district-4km"),
    pytest.param([R("a", unc=2), R("b", km=7.0, unc=2)], [["a:0"], ["b:0"]], id="7km-apart-precise-points"),
    pytest.param([R("a", unc=10), R("b", km=7.0, unc=12)], [["a:0", "b:0"]], id="7km-within-the-smaller-uncertainty"),
    pytest.param([R("a", unc=2), R("b", km=7.0, unc=40)], [["a:0"], ["b:0"]], id="one-precise-one-vague"),
    pytest.param([R("a", unc=60), R("b", km=30.0, unc=60)], [["a:0"], ["b:0"]], id="never-beyond-25km"),
    pytest.param([R("a"), R("b", day="2019-04-08")], [["a:0", "b:0"]], id="a-day-apart"),
    pytest.param([R("a"), R("b", day="2019-04-09")], [["a:0"], ["b:0"]], id="two-days-apart"),
    pytest.param([R("a"), R("b", type="Explosions/Remote violence")], [["a:0"], ["b:0"]], id="other-type"),
    pytest.param([R("a", day=None), R("b", day=None)], [["a:0"], ["b:0"]], id="undated-never-merge"),
    pytest.param([R("a"), R("b", day=None)], [["a:0"], ["b:0"]], id="undated-and-dated"),
    pytest.param([R("a", prec=3, unc=500), R("b", prec=3, unc=500)], [["a:0"], ["b:0"]], id="country-level-never"),
    pytest.param([R("a", type=None), R("b", type=None)], [], id="mentions-have-no-incident"),
    pytest.param([R("a", extra=[R("a")])], [["a:0", "a:10"]], id="one-article-twice"),
    # anchored, not chained: day 7 founds; 8 joins; 9 is two days from the anchor
    pytest.param([R("a", day="2019-04-07"), R("b", day="2019-04-08"), R("c", day="2019-04-09")],
                 [["a:0", "b:0"], ["c:0"]], id="no-chaining-through-days"),
    pytest.param([R("a"), R("b", km=4.5), R("c", km=9.0)], [["a:0", "b:0"], ["c:0"]], id="no-chaining-through-space"),
    # a report meeting two anchors (6 km apart, so two incidents) joins the closer in date, then in distance
    pytest.param([R("a", day="2019-04-07", published="2019-04-07"), R("b", km=6.0, day="2019-04-08",
                  published="2019-04-08"), R("c", km=2.0, day="2019-04-08", published="2019-04-09")],
                 [["a:0"], ["b:0", "c:0"]], id="closest-anchor-in-date-first"),
    pytest.param([R("a", day="2019-04-07", published="2019-04-07"), R("b", km=6.0, day="2019-04-09",
                  published="2019-04-08"), R("c", km=2.0, day="2019-04-08", published="2019-04-09")],
                 [["a:0", "c:0"], ["b:0"]], id="then-closest-in-distance"),
]


@pytest.mark.parametrize("reports, expected", CASES)
def test_which_reports_are_one_incident(store_url: str, reports: list[R], expected: list[list[str]]) -> None:
    with Store(store_url) as s:
        save(s, *reports)
        assert groups(s) == expected
        check_invariants(s)
    if "://" in store_url:
        return
    # the same reports one article per transaction, in the same order: the same incidents
    with Store(Path(store_url).with_name("one-by-one.db")) as s2:
        for r in reports:
            save(s2, r)
        assert groups(s2) == expected


def test_the_distance_rule() -> None:
    assert merge_km(1, 2) == MERGE_KM == 5.0
    assert merge_km(12, 10) == 10.0
    assert merge_km(80, 90) == MAX_MERGE_KM == 25.0


@pytest.mark.parametrize("tolls, expected", [
    pytest.param([5, 3, None], 3, id="the-lowest-figure"),
    pytest.param([None, None], None, id="none-stated"),
    pytest.param([0, 4], 0, id="nobody-died-in-one-report"),
    pytest.param([12], 12, id="one-report"),
])
def test_fatalities_by_the_conservative_rule(store_url: str, tolls: list[int | None], expected: int | None) -> None:
    with Store(store_url) as s:
        save(s, *[R(f"a{i}", fatalities=t, injured=None if t is None else t * 2) for i, t in enumerate(tolls)])
        inc = incident_of(s, "a0:0")
        assert inc["fatalities"] == expected
        assert inc["injured"] == (None if expected is None else expected * 2)


def test_first_report_reports_and_outlets(store_url: str) -> None:
    with Store(store_url) as s:
        save(s, R("b1", published="2019-04-08", source="Libya Observer"),
             R("a1", published="2019-04-08", source="Libya Observer"),   # same day: the smaller event id first
             R("c1", published=None, source=None),                       # no date: last; no source: its own outlet
             R("d1", published="2019-04-09", source="Al Wasat", extra=[R("d1")]))
        inc = incident_of(s, "a1:0")
        assert inc["first_event_id"] == "a1:0" and inc["first_source"] == "Libya Observer"
        assert (inc["n_events"], inc["n_reports"], inc["n_outlets"]) == (5, 4, 3)
        assert json.loads(inc["actors"]) == ["LNA"]
        check_invariants(s)


# -- keeping up as articles arrive, come again or change -------------------------------------------

def test_a_second_batch_joins_and_a_rerun_counts_nothing_twice(store_url: str) -> None:
    with Store(store_url) as s:
        save(s, R("a", fatalities=6))
        iid = incident_of(s, "a:0")["incident_id"]
        assert iid == incident_id_for("Battles", "a:0")
        save(s, R("b", fatalities=4))
        inc = incident_of(s, "b:0")
        assert inc["incident_id"] == iid and (inc["n_reports"], inc["fatalities"]) == (2, 4)
        # the same articles again through the runner: unchanged content is skipped, nothing moves
        before = incident_rows(s)
        arts = [R("a", fatalities=6).article(), R("b", fatalities=4).article()]
        by_id = {a.id: evs for a, evs in arts}
        summary = run_batches([a for a, _ in arts], s, lambda art: by_id[art.id])
        assert (summary.unchanged, summary.new, summary.updated) == (2, 0, 0)
        assert incident_rows(s) == before


def test_a_changed_article_is_recomputed_and_ids_stay(store_url: str) -> None:
    with Store(store_url) as s:
        save(s, R("a", fatalities=6, published="2019-04-07"), R("b", fatalities=4), R("c", km=3.0))
        iid = incident_of(s, "a:0")["incident_id"]
        # a's text changed, same event: the incident keeps its id and count
        s.save_batch([R("a", fatalities=6, published="2019-04-07").article("corrected text")])
        assert incident_of(s, "a:0")["incident_id"] == iid and incident_of(s, "a:0")["n_reports"] == 3
        # b now states a lower toll: recomputed
        s.save_batch([R("b", fatalities=2).article("b corrected")])
        assert incident_of(s, "b:0")["fatalities"] == 2
        # a (the founding report) no longer reports a battle: re-anchored on b, same id
        s.save_batch([R("a", type=None).article("a is now a statement")])
        inc = incident_of(s, "b:0")
        assert inc["incident_id"] == iid and inc["anchor_event_id"] == "b:0" and inc["n_reports"] == 2
        check_invariants(s)
        # every report gone: the incident is gone
        s.save_batch([R("b", type=None).article("b2"), R("c", type=None).article("c2")])
        assert incident_rows(s) == {}


def test_the_only_report_re_extracted_keeps_its_incident(store_url: str) -> None:
    with Store(store_url) as s:
        save(s, R("a", km=2.0))
        iid = incident_of(s, "a:0")["incident_id"]
        s.save_batch([R("a", km=2.5).article("re-extracted: the point moved a little")])
        assert incident_of(s, "a:0")["incident_id"] == iid
        s.save_batch([R("a", km=2.5, type="Protests").article("now a protest")])  # another incident now
        assert incident_of(s, "a:0")["incident_id"] != iid and iid not in incident_rows(s)


def test_re_anchoring_places_again_what_no_longer_meets(store_url: str) -> None:
    with Store(store_url) as s:
        # a founds (day 8); b (day 7) and c (day 9) join a's anchor, each one day away
        save(s, R("a", day="2019-04-08", published="2019-04-08"))
        save(s, R("b", day="2019-04-07", published="2019-04-09"), R("c", day="2019-04-09", published="2019-04-10"))
        assert groups(s) == [["a:0", "b:0", "c:0"]]
        iid = incident_of(s, "a:0")["incident_id"]
        s.save_batch([R("a", type=None).article("a retracted")])
        # b is now the anchor (the first report left); c is two days from it: an incident of its own
        assert groups(s) == [["b:0"], ["c:0"]]
        assert incident_of(s, "b:0")["incident_id"] == iid
        assert incident_of(s, "c:0")["incident_id"] == incident_id_for("Battles", "c:0")
        check_invariants(s)


def test_random_histories_keep_the_invariants(store_url: str) -> None:
    rng = random.Random(7)
    types = [*list(EVENT_TYPES)[:3], None]
    with Store(store_url) as s:
        for step in range(30):
            batch = {}
            for _ in range(rng.randint(1, 5)):
                aid = f"r{rng.randint(0, 25)}"
                extra = [R(aid, day=f"2019-04-{rng.randint(6, 10):02d}", km=rng.choice([0, 2, 4, 8]),
                           type=rng.choice(types)) for _ in range(rng.randint(0, 2))]
                batch[aid] = R(aid, day=rng.choice([None, *[f"2019-04-{d:02d}" for d in range(6, 11)]]),
                               km=rng.choice([0.0, 2.0, 4.0, 8.0, 12.0]), type=rng.choice(types),
                               unc=rng.choice([2.0, 6.0, 15.0]), fatalities=rng.choice([None, 0, 3, 7]),
                               published=rng.choice([None, "2019-04-08", "2019-04-09"]), extra=extra,
                               source=rng.choice([None, "x", "y"])).article(f"v{step}")
            s.save_batch(list(batch.values()))
            check_invariants(s)


def test_both_backends_give_the_same_incidents(tmp_path, pg_server) -> None:
    """The same batches committed in the same order: identical incident tables on SQLite and PostgreSQL."""
    lite = Store(tmp_path / "l.db")
    pg = Store(pg_server.create_database("same_incidents"))
    rng = random.Random(3)
    for step in range(12):
        batch = [R(f"r{rng.randint(0, 15)}", day=f"2019-04-{rng.randint(6, 9):02d}", km=rng.choice([0.0, 3.0, 6.0]),
                   fatalities=rng.choice([None, 2, 5]), published=rng.choice([None, "2019-04-08"]),
                   type=rng.choice(["Battles", "Riots", None])).article(f"v{step}") for _ in range(4)]
        batch = list({a.id: (a, e) for a, e in batch}.values())
        lite.save_batch(batch)
        pg.save_batch(batch)
    cols = "incident_id, event_type, anchor_event_id, event_date, place_id, n_events, n_reports, n_outlets, " \
           "fatalities, first_event_id, actors"
    q = sa.text(f"SELECT {cols} FROM incidents ORDER BY incident_id")
    with lite.engine.connect() as a, pg.engine.connect() as b:
        rows = a.execute(q).all()
        assert rows and rows == b.execute(q).all()
        ev = sa.text("SELECT event_id, incident_id FROM events ORDER BY event_id")
        assert a.execute(ev).all() == b.execute(ev).all()
    lite.close()
    pg.close()


# -- two writers at once ---------------------------------------------------------------------------

def _writer(url: str, prefix: str, n: int, barrier) -> None:  # runs in another process
    s = Store(url)
    barrier.wait()
    for i in range(n):
        s.save_batch([R(f"{prefix}{i}", fatalities=10 - i % 5).article()])
    s.close()


def test_two_writers_at_once_make_one_incident(store_url: str) -> None:
    """Two processes report the same battle, article by article, at the same time: one incident
    with every report (without serialised writers each would found its own)."""
    Store(store_url).close()  # created before the writers start
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(store_url, p, 15, barrier)) for p in ("x", "y")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with Store(store_url) as s:
        check_invariants(s)
        incs = incident_rows(s)
        assert len(incs) == 1
        (inc,) = incs.values()
        assert (inc["n_reports"], inc["n_outlets"], inc["fatalities"]) == (30, 30, 6)


def test_runner_skips_nothing_for_incidents(tmp_path) -> None:
    """run_batches: a failing extraction of one article does not disturb the others' incidents."""
    arts = [R("a").article(), R("b").article(), R("c").article()]
    by_id = {a.id: evs for a, evs in arts}

    def extract(art: Article) -> list[Event]:
        if art.id == "b":
            raise RuntimeError("boom")
        return by_id[art.id]

    with Store(tmp_path / "r.db") as s:
        summary = run_batches([a for a, _ in arts], s, extract)
        assert [x.origin for x in summary.skipped] == ["b"] and isinstance(summary.skipped[0], Skipped)
        assert groups(s) == [["a:0", "c:0"]]


def test_dates_are_compared_as_dates() -> None:
    assert date.fromisoformat("2019-04-30") < date.fromisoformat("2019-05-01")  # month edges: one day apart


# -- what the dashboard asks -----------------------------------------------------------------------

def test_the_dashboard_lists_incidents_and_their_reports(store_url: str) -> None:
    from dataclasses import replace

    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    with Store(store_url) as s:
        save(s, R("a", fatalities=5, published="2019-04-07", source="Libya Observer", actors=("LNA", "GNA")),
             R("b", fatalities=3, source="Al Wasat", actors=("GNA",)), R("c", km=12.0, actors=()),
             R("d", type="Protests", day="2019-05-02", km=40.0),
             R("e", type=None), R("f", day="2019-04-30", km=200.0, actors=("JNIM",)))
        s.save_batch([(Article(id="g", text="g", source="Al Wasat"),
                       [R("g", day="2019-04-07", km=0.3, source="Al Wasat").event(5)])])
    store = D.open_store(store_url)
    eng = store.engine
    april = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30))
    df = D.incidents_in_view(eng, april)
    assert list(df.columns) == [*D.INCIDENT_COLUMNS, "first_title", "first_url"]
    main = df[df["first_event_id"] == "a:0"].iloc[0]
    assert (main["n_reports"], main["n_outlets"], main["fatalities"], main["first_source"]) == (3, 2, 3,
                                                                                                  "Libya Observer")
    assert main["actors"] == ["GNA", "LNA"] and main["first_title"] is None
    assert sorted(df["first_event_id"]) == ["a:0", "c:0", "f:0"]  # the protest is in May; mentions have none
    assert D.count_incidents(eng, april) == 3
    assert D.count_incidents(eng, replace(april, actors=("GNA",))) == 1
    assert D.count_incidents(eng, replace(april, event_types=("Protests",))) == 0
    assert D.count_incidents(eng, replace(april, date_to=date(2019, 5, 31), event_types=("Protests",))) == 1
    assert D.count_incidents(eng, replace(april, sources=("Al Wasat",))) == 1  # a report from that outlet
    assert D.count_incidents(eng, replace(april, q="report c")) == 1
    assert D.count_incidents(eng, replace(april, bbox=(13.0, 32.0, 13.5, 33.0))) == 2
    reports = D.incident_reports(eng, main["incident_id"])
    assert list(reports["event_id"]) == ["a:0", "b:0", "g:5"]  # first report first
    assert list(reports.columns) == list(D.REPORT_COLUMNS) and reports["actors"].iloc[0] == ["LNA", "GNA"]
    assert D.incident_outlets(reports) == [("Al Wasat", 2), ("Libya Observer", 1)]
    assert D.incident_reports(eng, "inc-unknown").empty
    # the event-type filter of the events themselves
    assert D.count_events(eng, replace(april, precisions=(1, 2, 3))) == 6
    assert D.count_events(eng, replace(april, include_mentions=False)) == 5
    assert D.count_events(eng, replace(april, event_types=("Battles",), include_mentions=False)) == 5
    assert D.count_events(eng, replace(april, event_types=("Riots",))) == 1  # the mention alone
    store.close()
