"""What happened at each place through the data path: the event fields (event type, sub-event type,
fatalities, injured, incident id) in the store, every export, an in-place upgrade of a schema-1
store, and the checks on values that are not ACLED's. SQLite here; tests/test_postgres.py runs
the PostgreSQL side."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from conflictmap.extract.export import CSV_COLUMNS
from conflictmap.extract.model import EVENT_FIELDS, EVENT_TYPES, SUB_EVENT_TYPES, Article, Event
from conflictmap.extract.store import SCHEMA_VERSION, EventFilter, Store, StoreError, copy_store

from .schema1 import create_schema1, insert_schema1_event


def typed_event(aid: str, start: int, *, event_type: str | None = "Battles", sub: str | None = "Armed clash",
                fatalities: int | None = None, injured: int | None = None, day: str | None = "2019-04-07",
                place: str = "ly.tripoli.ainzara", lat: float = 32.79, lon: float = 13.23, source: str = "outlet-a",
                published: str | None = "2019-04-08", actors: tuple[str, ...] = ("LNA",), precision: int = 1,
                uncertainty: float = 2.0) -> Event:
    return Event(event_id=f"{aid}:{start}", article_id=aid, mention="عين زارة", start=start, end=start + 8,
                 place_name="Ain Zara", place_name_ar="عين زارة", place_id=place, kind="district", lat=lat, lon=lon,
                 geo_precision=precision, uncertainty_km=uncertainty, snippet="اشتباكات في عين زارة",
                 event_date=day, date_precision="day" if day else "none", date_basis="explicit" if day else "none",
                 actors=list(actors), country="LY", source=source, published=published, language="ar",
                 event_type=event_type, sub_event_type=sub, fatalities=fatalities, injured=injured)


def test_the_taxonomy_is_acleds() -> None:
    assert len(EVENT_TYPES) == 6 and len(SUB_EVENT_TYPES) == 25
    assert SUB_EVENT_TYPES["Air/drone strike"] == "Explosions/Remote violence"
    assert EVENT_FIELDS[-5:] == ("event_type", "sub_event_type", "fatalities", "injured", "incident_id")
    assert Event(event_id="a:0", article_id="a", mention="m", start=0, end=1, place_name="p", place_id="p",
                 kind="city", lat=0, lon=0, geo_precision=1, uncertainty_km=1, snippet="s").to_dict()["event_type"] is None


@pytest.fixture
def typed_store(tmp_path: Path) -> Path:
    db = tmp_path / "typed.db"
    with Store(db) as s:
        s.save_batch([
            (Article(id="a1", text="t1", source="outlet-a"),
             [typed_event("a1", 0, fatalities=4, injured=7),
              typed_event("a1", 30, event_type=None, sub=None, place="ly.ghadames", lat=30.13, lon=9.5)]),
            (Article(id="a2", text="t2", source="outlet-b"),
             [typed_event("a2", 0, fatalities=3, source="outlet-b", published="2019-04-07")]),
            (Article(id="a3", text="t3"),
             [typed_event("a3", 5, event_type="Explosions/Remote violence", sub="Air/drone strike",
                          place="ly.tarhuna", lat=32.43, lon=13.63)]),
        ])
    return db


def test_event_fields_are_stored_and_read_back(typed_store: Path) -> None:
    with Store(typed_store, create=False) as s:
        evs = {e["event_id"]: e for e in s.iter_events()}
    assert evs["a1:0"]["event_type"] == "Battles" and evs["a1:0"]["sub_event_type"] == "Armed clash"
    assert (evs["a1:0"]["fatalities"], evs["a1:0"]["injured"]) == (4, 7)
    assert evs["a1:30"]["event_type"] is None and evs["a1:30"]["incident_id"] is None  # a mention: no incident
    assert evs["a1:0"]["incident_id"] == evs["a2:0"]["incident_id"] is not None  # two outlets, one incident
    assert evs["a3:5"]["incident_id"] not in (None, evs["a1:0"]["incident_id"])
    with Store(typed_store, create=False) as s:
        kept = list(s.iter_events(EventFilter(event_types=["Explosions/Remote violence"])))
    assert [e["event_id"] for e in kept] == ["a3:5"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet"])
def test_every_export_carries_the_event_fields(typed_store: Path, tmp_path: Path, cli, fmt: str) -> None:
    out = tmp_path / f"ev.{fmt}"
    assert cli(["export", "--db", str(typed_store), "--format", fmt, "--output", str(out)]) == 0
    if fmt == "jsonl":
        rows = {r["event_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    elif fmt == "csv":
        with out.open(encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames == list(CSV_COLUMNS)
            rows = {r["event_id_cnty"]: r for r in reader}
        # ACLED's names and order: type and sub-type after the time precision, fatalities after the notes
        cols = list(CSV_COLUMNS)
        assert cols[cols.index("time_precision") + 1:cols.index("time_precision") + 3] == ["event_type",
                                                                                              "sub_event_type"]
        assert cols[cols.index("notes") + 1] == "fatalities"
        r = rows["a1:0"]
        assert (r["event_type"], r["sub_event_type"], r["fatalities"], r["injured"]) == (
            "Battles", "Armed clash", "4", "7")
        assert r["incident_id"].startswith("inc-") and rows["a1:30"]["event_type"] == rows["a1:30"]["fatalities"] == ""
        return
    elif fmt == "geojson":
        fc = json.loads(out.read_text(encoding="utf-8"))
        rows = {f["properties"]["event_id"]: f["properties"] for f in fc["features"]}
    else:
        import geopandas as gpd
        import pyarrow.parquet as pq

        schema = pq.read_schema(out)
        assert str(schema.field("fatalities").type) == "int64" and str(schema.field("injured").type) == "int64"
        rows = {r["event_id"]: r for r in gpd.read_parquet(out).to_dict("records")}
        for r in rows.values():
            for k in ("fatalities", "injured", "event_type", "incident_id"):
                if (r[k] is not None and r[k] != r[k]) or str(r[k]) == "<NA>":
                    r[k] = None
    a = rows["a1:0"]
    assert (a["event_type"], a["sub_event_type"], a["fatalities"], a["injured"]) == ("Battles", "Armed clash", 4, 7)
    assert a["incident_id"] == rows["a2:0"]["incident_id"] and a["incident_id"].startswith("inc-")
    assert rows["a1:30"]["event_type"] is None and rows["a1:30"]["fatalities"] is None
    assert rows["a1:30"]["incident_id"] is None


def test_export_filters_on_event_type(typed_store: Path, tmp_path: Path, cli, capsys) -> None:
    out = tmp_path / "b.jsonl"
    assert cli(["export", "--db", str(typed_store), "--format", "jsonl", "--output", str(out),
                "--event-type", "Battles"]) == 0
    assert sorted(json.loads(x)["event_id"] for x in out.read_text(encoding="utf-8").splitlines()) == ["a1:0", "a2:0"]
    assert cli(["export", "--db", str(typed_store), "--format", "jsonl", "--output", str(out),
                "--event-type", "Fighting"]) == 2
    assert "unknown event type 'Fighting'" in capsys.readouterr().err


@pytest.mark.parametrize("change, message", [
    pytest.param({"event_type": "Fighting", "sub": None}, "not one of ACLED's event types", id="unknown-type"),
    pytest.param({"sub": "Airstrike"}, "not one of ACLED's sub-event types", id="unknown-sub-type"),
    pytest.param({"event_type": "Protests", "sub": "Armed clash"}, "belongs to 'Battles'", id="sub-type-of-another"),
    pytest.param({"fatalities": -2}, "fatalities must be a whole number", id="negative-toll"),
    pytest.param({"fatalities": True}, "fatalities must be a whole number", id="bool-toll"),
])
def test_values_that_are_not_acleds_are_refused(tmp_path: Path, change: dict, message: str) -> None:
    with Store(tmp_path / "s.db") as s:
        with pytest.raises(ValueError, match=message):
            s.save_batch([(Article(id="a", text="t"), [typed_event("a", 0, **change)])])
        assert s.counts()["articles"] == 0  # nothing written


def test_a_fractional_count_is_refused(tmp_path: Path) -> None:
    # compiled (mypyc), the Event record itself refuses a float where its type says int; from
    # source it is made, and the store refuses it
    from conflictmap import _native

    with Store(tmp_path / "s.db") as s:
        if _native.in_use():
            with pytest.raises(TypeError, match="int"):
                typed_event("a", 0, injured=2.5)  # type: ignore[arg-type]
        else:
            with pytest.raises(ValueError, match="injured must be a whole number"):
                s.save_batch([(Article(id="a", text="t"), [typed_event("a", 0, injured=2.5)])])  # type: ignore[arg-type]
        assert s.counts()["articles"] == 0  # nothing written


def test_a_schema_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        create_schema1(conn)
        insert_schema1_event(conn, "a1", 0)
        insert_schema1_event(conn, "a1", 9, day="2019-05-02", actors=())
        insert_schema1_event(conn, "a2", 0, day=None, actors=("LNA", "GNA"))
    engine.dispose()

    def schema() -> list[tuple]:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() + \
                con.execute("SELECT * FROM meta ORDER BY key").fetchall()

    before = schema()
    # a read-only open writes nothing and reads the old events, the new fields as null
    with Store(db, create=False) as ro:
        assert ro.stored_version == 1 and not ro.is_current
        evs = list(ro.iter_events())
        assert len(evs) == 3 and all(e["event_type"] is None and e["incident_id"] is None for e in evs)
        with pytest.raises(StoreError, match="open it writable"):
            ro.write_rows([("x",)], [], [])
    assert schema() == before
    assert ("meta", "schema_version", "1") not in before and ("schema_version", "1") in before
    # a writable open upgrades it: columns, indexes, derived tables from the existing events
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION and s.is_current
        with s.engine.connect() as conn:
            cols = {r[1] for r in conn.execute(sa.text("PRAGMA table_info(events)"))}
            assert {"event_type", "sub_event_type", "fatalities", "injured", "incident_id"} <= cols
            idx = {r[0] for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
            assert {"ix_events_place_date", "ix_events_incident"} <= idx and "ix_events_place" not in idx
            assert conn.execute(sa.text("SELECT place_id, place_name FROM places")).all() == [("ly.sabha", "Sabha")]
            month = dict(conn.execute(sa.text(
                "SELECT period, n FROM rollup_place_month WHERE actor = '*'")).all())
            assert month == {"2019-04": 1, "2019-05": 1, "": 1}
            assert dict(conn.execute(sa.text("SELECT actor, n FROM rollup_place_year WHERE period = '2019'")).all()) \
                == {"*": 2, "LNA": 1}
            assert {r[0] for r in conn.execute(sa.text("SELECT period FROM data_versions"))} == {"2019-04", "2019-05", ""}
        # and takes typed events from now on
        s.save_batch([(Article(id="a3", text="t"), [typed_event("a3", 0, fatalities=1)])])
        assert [e["incident_id"] is not None for e in s.iter_events() if e["article_id"] == "a3"] == [True]
    # opening again is a no-op
    after = schema()
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert schema() == after


def test_upgrade_command(tmp_path: Path, cli, capsys) -> None:
    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        create_schema1(conn)
        insert_schema1_event(conn, "a1", 0)
    engine.dispose()
    assert cli(["upgrade", "--db", str(db)]) == 0
    assert "upgraded from schema 1" in capsys.readouterr().err
    assert cli(["upgrade", "--db", str(db)]) == 0
    assert "already up to date" in capsys.readouterr().err
    assert cli(["upgrade", "--db", str(tmp_path / "none.db")]) == 2


def test_copy_store_keeps_fields_and_incidents(typed_store: Path, tmp_path: Path) -> None:
    dst = tmp_path / "copy.db"
    with Store(typed_store, create=False) as src, Store(dst) as d:
        copy_store(src, d, batch_size=1)  # one article per transaction: incidents arrive in pieces
    with Store(typed_store, create=False) as a, Store(dst, create=False) as b:
        assert list(a.iter_events()) == list(b.iter_events())
        with a.engine.connect() as ca, b.engine.connect() as cb:
            q = sa.text("SELECT incident_id, event_type, n_events, n_reports, n_outlets, fatalities, injured, "
                        "first_event_id FROM incidents ORDER BY incident_id")
            assert ca.execute(q).all() == cb.execute(q).all()


def test_copy_from_a_schema_1_store_places_events_in_the_destination(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        create_schema1(conn)
        insert_schema1_event(conn, "a1", 0)
    engine.dispose()
    with Store(old, create=False) as src, Store(tmp_path / "new.db") as dst:
        summary = copy_store(src, dst)
        assert summary.events == 1
        assert [e["event_type"] for e in dst.iter_events()] == [None]
    assert src.stored_version == 1  # the source stays as it was


def test_the_dashboard_names_the_upgrade_for_an_old_store(tmp_path: Path) -> None:
    from conflictmap.dashboard import data as D

    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        create_schema1(conn)
        insert_schema1_event(conn, "a1", 0)
    engine.dispose()
    with pytest.raises(D.DataError, match="conflictmap upgrade --db"):
        D.open_store(str(db))
    Store(db).close()  # upgraded by a writable open
    store = D.open_store(str(db))
    assert D.summary(store.engine).n_events == 1
    store.close()


def test_an_old_demo_store_is_recognised_for_a_rebuild(tmp_path: Path) -> None:
    from conflictmap.dashboard import state

    old = tmp_path / "demo-old.db"
    engine = sa.create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        create_schema1(conn)
    engine.dispose()
    assert state._outdated(old)
    Store(tmp_path / "demo-new.db").close()
    assert not state._outdated(tmp_path / "demo-new.db")
