"""The store on a real PostgreSQL + PostGIS server (Debian's packages, started in a temporary
directory on a free port): schema and in-place upgrades, COPY bulk writes, the generated
geometry, ``copy-store``, exports and the dashboard's data layer, compared with SQLite.

If the server cannot start here, every test is skipped with the reason and the server log —
loudly, never silently."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from .conftest import SCALE_EXTRA

pytestmark = [pytest.mark.postgres, pytest.mark.scale]

psycopg = pytest.importorskip("psycopg", reason=SCALE_EXTRA)

import sqlalchemy as sa  # noqa: E402
from conflictmap.extract.model import Article, Event  # noqa: E402
from conflictmap.extract.store import (  # noqa: E402
    SCHEMA_VERSION,
    EventFilter,
    Store,
    StoreError,
    StoreWarning,
)

from .conftest import write_jsonl  # noqa: E402
from .dashboard.conftest import small_batch  # noqa: E402
from .pgserver import PostgresUnavailable, TempPostgres, postgis_available  # noqa: E402
from .schema1 import create_schema1  # noqa: E402

_names = itertools.count()


@pytest.fixture(scope="module")
def pg():
    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        server.stop()
        msg = f"PostgreSQL could not start here, so the PostgreSQL tests did NOT run:\n{exc}"
        print("\n" + "!" * 100 + "\n" + msg + "\n" + "!" * 100, file=sys.stderr)
        pytest.skip(msg)
    if not postgis_available():
        server.stop()
        pytest.skip("PostGIS is not installed for this PostgreSQL (apt-get install postgresql-postgis): "
                    "the PostgreSQL tests did NOT run")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg: TempPostgres) -> str:
    """A fresh database with PostGIS."""
    return pg.create_database(f"t{next(_names)}")


def _event(aid: str, start: int, *, lat: float = 32.82, lon: float = 13.01, day: str | None = "2019-04-07",
           actors: tuple[str, ...] = ("LNA",), place: str = "ly.tripoli.janzour") -> Event:
    return Event(event_id=f"{aid}:{start}", article_id=aid, mention="جنزور", start=start, end=start + 5,
                 place_name="Janzour", place_id=place, kind="district", lat=lat, lon=lon, geo_precision=1,
                 uncertainty_km=4, snippet="اشتباكات في جنزور", event_date=day, actors=list(actors), country="LY")


def _scalar(store: Store, sql: str, **params: object) -> object:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


# -- schema and migrations ----------------------------------------------------------------------

def test_new_store_has_the_schema_geometry_and_indexes(pg_url: str) -> None:
    s = Store(pg_url)
    assert s.is_postgres and s.has_geometry and s.schema_version == SCHEMA_VERSION == 2
    with s.engine.connect() as conn:
        geom_type = conn.execute(sa.text(
            "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'events' AND f_geometry_column = 'geom'"
        )).one()
        generated = conn.execute(sa.text(
            "SELECT is_generated FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'geom'"
        )).scalar()
        indexes = dict(conn.execute(sa.text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('events', 'event_actors')")).all())
        collation = conn.execute(sa.text(
            "SELECT data_type, collation_name FROM information_schema.columns "
            "WHERE table_name = 'events' AND column_name = 'event_id'")).one()
    assert tuple(geom_type) == ("POINT", 4326) and generated == "ALWAYS"
    assert "USING gist (geom)" in indexes["ix_events_geom"]
    for name in ("ix_events_place_date", "ix_events_incident", "ix_event_actors_actor", "ix_events_article",
                 "events_pkey"):
        assert name in indexes
    # the date window index carries what the dashboard reads; the plain date index is redundant
    assert "(event_date NULLS FIRST) INCLUDE (place_id, article_id, event_id" in indexes["ix_events_window"]
    assert "actors" in indexes["ix_events_window"] and "ix_events_date" not in indexes
    assert tuple(collation) == ("text", "C")
    s.close()
    statements: list[str] = []

    def seen(_c, _cur, statement, *_a) -> None:
        statements.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", seen)
    try:
        again = Store(pg_url)  # opening again changes nothing: no DDL, no lock beyond the advisory one
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", seen)
    assert again.has_geometry and again.counts()["events"] == 0
    ddl = [x for x in statements if x.lstrip().upper().startswith(("CREATE", "ALTER", "DROP"))]
    assert ddl == []
    again.close()


def _columns(conn: sa.Connection, table: str) -> set[str]:
    return {r[0] for r in conn.execute(sa.text(
        "SELECT column_name FROM information_schema.columns WHERE table_name = :t"), {"t": table})}


def _old_schema(conn: sa.Connection) -> None:
    """The tables as conflictmap's schema 1 created them on PostgreSQL (VARCHAR(n), no PostGIS)."""
    create_schema1(conn, varchar=True)


def test_schema_1_store_is_upgraded_in_place(pg: TempPostgres) -> None:
    url = pg.create_database(f"old{next(_names)}", postgis=False)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        _old_schema(conn)
        conn.execute(sa.text(
            "INSERT INTO articles (id, text, content_hash, n_events) VALUES ('a1', 'x', 'h', 1)"))
        conn.execute(sa.text(
            "INSERT INTO events (event_id, article_id, mention, start, \"end\", place_name, place_id, kind, lat, lon, "
            "geo_precision, uncertainty_km, event_date, date_precision, date_basis, actors, snippet, confidence) "
            "VALUES ('a1:0', 'a1', 'm', 0, 1, 'Sabha', 'ly.sabha', 'city', 27.04, 14.43, 1, 8, '2019-04-07', 'day', "
            "'explicit', '[\"LNA\"]', 's', 0.9)"))
        conn.execute(sa.text("INSERT INTO event_actors VALUES ('a1:0', 'LNA')"))
    # a read-only open of the old store works and writes nothing
    ro = Store(url, create=False)
    assert not ro.has_geometry and ro.counts()["events"] == 1
    assert [e["place_id"] for e in ro.iter_events(EventFilter(bbox=(14, 27, 15, 28)))] == ["ly.sabha"]
    assert ro.stored_version == 1 and [e["event_type"] for e in ro.iter_events()] == [None]
    ro.close()
    with engine.connect() as conn:  # the read-only open wrote nothing
        assert conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "1"
        assert "event_type" not in _columns(conn, "events")
    # a writable open upgrades it: PostGIS created, geometry generated for the existing rows
    s = Store(url)
    assert s.has_geometry and s.schema_version == SCHEMA_VERSION
    with s.engine.connect() as conn:
        assert {"event_type", "sub_event_type", "fatalities", "injured", "incident_id"} <= _columns(conn, "events")
        window = conn.execute(sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_events_window'")).scalar()
        assert "event_type" in window  # the window index was rebuilt with the event type
        assert conn.execute(sa.text("SELECT period, n FROM rollup_place_month WHERE actor = '*'")).all() == [
            ("2019-04", 1)]
    assert _scalar(s, "SELECT ST_AsText(geom) FROM events WHERE event_id = 'a1:0'") == "POINT(14.43 27.04)"
    assert _scalar(s, "SELECT data_type FROM information_schema.columns WHERE table_name = 'articles' "
                      "AND column_name = 'id'") == "text"
    long_id = "x" * 500  # VARCHAR(200) refused this before; SQLite never did
    s.save_batch([(Article(id=long_id, text="t", title="T" * 1000), [_event(long_id, 3)])])
    assert s.counts() == {"articles": 2, "events": 2, "undated_events": 0, "unlocated_events": 0}
    assert s.known_hashes(["a1", long_id]).keys() == {"a1", long_id}
    s.close()
    engine.dispose()


def test_without_postgis_it_works_and_warns(pg: TempPostgres) -> None:
    """A role that may not create the extension: no geometry column, a clear warning, same results."""
    name = f"nogis{next(_names)}"
    pg.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}'")
    pg.execute(f'CREATE DATABASE "{name}" OWNER {name}')
    url = pg.url(name, user=name, password=f"pw-{name}")
    with pytest.warns(StoreWarning, match="no PostGIS geometry.*CREATE EXTENSION postgis failed"):
        s = Store(url)
    assert not s.has_geometry
    s.save_batch([(Article(id="a", text="x"), [_event("a", 1), _event("a", 9, lat=27.04, lon=14.43)])])
    assert [e["start"] for e in s.iter_events(EventFilter(bbox=(13.0, 32.8, 13.1, 32.9)))] == [1]
    assert f"pw-{name}" not in str(s.postgis_problem)
    s.close()
    # an administrator adds PostGIS later: the next writable open adds the geometry
    pg.execute("CREATE EXTENSION postgis", name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)
        s = Store(url)
    assert s.has_geometry
    assert _scalar(s, "SELECT count(*) FROM events WHERE ST_Y(geom) = lat AND ST_X(geom) = lon") == 2
    s.close()


def test_a_writer_role_that_does_not_own_the_tables(pg: TempPostgres, pg_url: str) -> None:
    """A team member's role with write grants opens an up-to-date store (no upgrade needed)."""
    Store(pg_url).close()
    db = pg_url.rsplit("/", 1)[1]
    pg.execute(f"CREATE ROLE writer_{db} LOGIN PASSWORD 'w-{db}'")
    pg.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO writer_{db}", db)
    s = Store(pg.url(db, user=f"writer_{db}", password=f"w-{db}"))
    s.save_batch([(Article(id="w", text="x"), [_event("w", 1)])])
    assert s.counts()["events"] == 1 and s.has_geometry
    s.close()


def test_concurrent_first_opens_do_not_collide(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store(pg_url).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


# -- writing --------------------------------------------------------------------------------------

def test_save_batch_is_idempotent_and_replaces(pg_url: str) -> None:
    s = Store(pg_url)
    a = Article(id="a1", text="v1")
    s.save_batch([(a, [_event("a1", 1), _event("a1", 7, actors=("LNA", "GNA", "LNA"))])])
    s.save_batch([(a, [_event("a1", 1), _event("a1", 7, actors=("LNA", "GNA", "LNA"))])])
    assert s.counts() == {"articles": 1, "events": 2, "undated_events": 0, "unlocated_events": 0}
    assert _scalar(s, "SELECT count(*) FROM event_actors") == 3
    b = Article(id="a1", text="v2")
    s.save_batch([(b, [_event("a1", 3, day=None, actors=())])])
    assert s.counts() == {"articles": 1, "events": 1, "undated_events": 1, "unlocated_events": 0}
    assert s.known_hashes(["a1", "nope"]) == {"a1": b.content_hash}
    assert _scalar(s, "SELECT count(*) FROM event_actors") == 0  # no orphan actor rows
    ev = next(s.iter_events())
    assert ev["actors"] == [] and ev["event_date"] is None and ev["event_id"] == "a1:3"
    s.close()


def test_bulk_load_uses_copy_in_one_transaction(pg_url: str) -> None:
    s = Store(pg_url)
    statements: list[tuple[str, bool]] = []
    sa.event.listen(s.engine, "before_cursor_execute",
                    lambda _c, _cur, statement, _p, _ctx, many: statements.append((statement, many)))
    batch = [(Article(id=f"b{i:04d}", text=f"text {i}\x00 with a NUL"),
              [_event(f"b{i:04d}", k, lat=30 + i / 1000, lon=10 + k / 10, actors=("LNA", f"A{k}"))
               for k in range(5)]) for i in range(1000)]
    for arts in batch[::2]:  # half of them typed: incidents too
        for ev in arts[1]:
            ev.event_type, ev.fatalities = "Battles", 2
    t = time.perf_counter()
    s.save_batch(batch)
    seconds = time.perf_counter() - t
    assert s.counts()["events"] == 5000
    assert _scalar(s, "SELECT count(*) FROM event_actors") == 10000
    assert _scalar(s, "SELECT count(*) FROM events WHERE incident_id IS NOT NULL") == 2500
    # COPY, not INSERTs: the rows travel by COPY, and the derived tables (incidents, places, rollups)
    # are written by a few set-based statements each, never one statement per row
    inserts = [x for x, _many in statements if x.lstrip().upper().startswith("INSERT")]
    assert not [x for x in inserts if x.split()[2] in ("articles", "events", "event_actors")]
    assert all("SELECT" in x for x in inserts) and len(statements) < 80
    assert not [x for x, many in statements if many]  # no executemany
    assert _scalar(s, "SELECT text FROM articles WHERE id = 'b0001'") == "text 1\ufffd with a NUL"
    assert seconds < 30
    # all or nothing: a batch the database refuses (an event id twice) leaves no trace
    bad = [(Article(id="c1", text="x"), [_event("c1", 1)]), (Article(id="c2", text="y"), [_event("c1", 1)])]
    with pytest.raises(sa.exc.DBAPIError):
        s.save_batch(bad)
    assert s.known_hashes(["c1", "c2"]) == {} and s.counts()["events"] == 5000
    s.close()


def test_geometry_follows_lat_lon_and_serves_bbox_queries(pg_url: str) -> None:
    s = Store(pg_url)
    s.save_batch([(Article(id="g", text="x"), [_event("g", 1, lat=32.8, lon=13.0),
                                               _event("g", 5, lat=27.04, lon=14.43)])])
    in_step = "SELECT count(*) FROM events WHERE ST_X(geom) = lon AND ST_Y(geom) = lat AND ST_SRID(geom) = 4326"
    assert _scalar(s, in_step) == 2
    # re-saving the article with moved points moves the geometry
    s.save_batch([(Article(id="g", text="x2"), [_event("g", 1, lat=31.2, lon=16.59)])])
    assert _scalar(s, "SELECT ST_AsText(geom) FROM events") == "POINT(16.59 31.2)"
    # whoever writes: the column is generated by the database
    with s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE events SET lat = 32.1, lon = 20.07"))
    assert _scalar(s, "SELECT ST_AsText(geom) FROM events") == "POINT(20.07 32.1)"
    with pytest.raises(sa.exc.DBAPIError), s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE events SET geom = ST_SetSRID(ST_MakePoint(0, 0), 4326)"))
    # the bbox filter is a PostGIS test the GiST index answers
    flt = EventFilter(bbox=(20.0, 32.0, 20.1, 32.2))
    assert [e["event_id"] for e in s.iter_events(flt)] == ["g:1"]
    assert [e["event_id"] for e in s.iter_events(EventFilter(bbox=(0, 0, 1, 1)))] == []
    stmt = flt.apply(sa.select(sa.literal_column("events.event_id")).select_from(sa.table("events")),
                     geometry=True)
    with s.engine.connect() as conn:
        conn.execute(sa.text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(
            sa.text("EXPLAIN " + str(stmt.compile(conn, compile_kwargs={"literal_binds": True})))))
    assert "ix_events_geom" in plan and "&&" in plan
    s.close()


# -- copy-store and export --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("copy") / "small.db"
    s = Store(path)
    s.save_batch(small_batch())
    s.put_geocode("nominatim", "somewhere", {"lat": 1.0, "lon": 2.0})
    s.close()
    return path


def _export(cli, db: str, out: Path, *extra: str) -> str:
    assert cli(["export", "--db", db, "--format", "jsonl", "--output", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_copy_store_from_sqlite_is_idempotent(pg: TempPostgres, pg_url: str, sqlite_store: Path, tmp_path: Path,
                                              cli, capsys) -> None:
    assert cli(["copy-store", str(sqlite_store), pg_url, "--batch-size", "5"]) == 0
    err = capsys.readouterr().err
    assert "17 / 0 / 0" in err and "events copied" in err and "22" in err
    assert pg.password not in err
    src, dst = Store(sqlite_store, create=False), Store(pg_url)
    assert dst.counts() == src.counts()
    assert dst.get_article("a03") == src.get_article("a03")  # extraction time and version kept
    assert dst.cached_geocode("nominatim", "somewhere") == (True, {"lat": 1.0, "lon": 2.0})
    # the same events, in the same order, through the export contract
    assert _export(cli, pg_url, tmp_path / "pg.jsonl") == _export(cli, str(sqlite_store), tmp_path / "lite.jsonl")
    # rerun: nothing new
    assert cli(["copy-store", str(sqlite_store), pg_url, "-q"]) == 0
    assert "0 / 0 / 17" in capsys.readouterr().err
    # a changed article is replaced, nothing else is touched
    a00, evs = small_batch()[0]
    src_w = Store(sqlite_store)
    src_w.save_batch([(replace(a00, text=a00.text + " Updated."), evs[:1])])
    src_w.close()
    assert cli(["copy-store", str(sqlite_store), pg_url, "-q"]) == 0
    assert "0 / 1 / 16" in capsys.readouterr().err
    assert dst.counts() == Store(sqlite_store, create=False).counts()
    src.close()
    dst.close()


def test_interrupted_copy_finishes_on_rerun(pg_url: str, sqlite_store: Path) -> None:
    from conflictmap.extract.store import copy_store

    class Stop(Exception):
        pass

    def stop_after_two_batches(s) -> None:
        if s.seen >= 10:
            raise Stop

    src, dst = Store(sqlite_store, create=False), Store(pg_url)
    with pytest.raises(Stop):
        copy_store(src, dst, batch_size=5, progress=stop_after_two_batches)
    assert dst.counts()["articles"] == 10  # whole batches only
    done = copy_store(src, dst, batch_size=5)
    assert (done.copied, done.unchanged) == (7, 10) and dst.counts() == src.counts()
    src.close()
    dst.close()


def test_copy_store_back_into_sqlite(pg_url: str, sqlite_store: Path, tmp_path: Path, cli) -> None:
    assert cli(["copy-store", str(sqlite_store), pg_url, "-q"]) == 0
    back = tmp_path / "back.db"
    assert cli(["copy-store", pg_url, str(back), "-q"]) == 0
    assert _export(cli, str(back), tmp_path / "b.jsonl") == _export(cli, str(sqlite_store), tmp_path / "a.jsonl")


def test_copy_store_errors_hide_passwords(pg: TempPostgres, sqlite_store: Path, tmp_path: Path, cli,
                                          capsys) -> None:
    bad = pg.url("no_such_db")
    assert cli(["copy-store", str(sqlite_store), bad, "-q"]) == 2
    err = capsys.readouterr().err
    assert "no_such_db" in err and pg.password not in err and "***" in err
    assert cli(["copy-store", str(tmp_path / "missing.db"), bad]) == 2
    assert cli(["copy-store", str(sqlite_store), str(sqlite_store)]) == 2
    wrong = pg.url("postgres", password="wrong-s3cret")
    with pytest.raises(StoreError) as exc:
        Store(wrong)
    assert "wrong-s3cret" not in str(exc.value)


@pytest.mark.parametrize("fmt", ["csv", "geojson", "parquet"])
def test_export_formats_from_postgres(pg_url: str, sqlite_store: Path, tmp_path: Path, cli, fmt: str) -> None:
    assert cli(["copy-store", str(sqlite_store), pg_url, "-q"]) == 0
    out_pg, out_lite = tmp_path / f"pg.{fmt}", tmp_path / f"lite.{fmt}"
    args = ["--format", fmt, "--from", "2019-04-01", "--to", "2019-04-30", "--actor", "LNA"]
    assert cli(["export", "--db", pg_url, "--output", str(out_pg), *args]) == 0
    assert cli(["export", "--db", str(sqlite_store), "--output", str(out_lite), *args]) == 0
    if fmt == "parquet":
        import geopandas as gpd

        a, b = gpd.read_parquet(out_pg), gpd.read_parquet(out_lite)
        assert len(a) == len(b) > 0 and list(a["event_id"]) == list(b["event_id"])
    else:
        assert out_pg.read_bytes() == out_lite.read_bytes()


def test_export_bbox_from_postgres(pg_url: str, sqlite_store: Path, tmp_path: Path, cli) -> None:
    assert cli(["copy-store", str(sqlite_store), pg_url, "-q"]) == 0
    bbox = ["--bbox", "13.0,32.5,13.5,33.0"]  # Tripoli and Ain Zara
    got = _export(cli, pg_url, tmp_path / "pg.jsonl", *bbox)
    assert got == _export(cli, str(sqlite_store), tmp_path / "lite.jsonl", *bbox)
    places = {json.loads(x)["place_id"] for x in got.splitlines()}
    assert places == {"test:tripoli", "test:ainzara"}


def test_killed_extraction_leaves_no_half_stored_article(pg_url: str, tmp_path: Path) -> None:
    from .test_store_cli import _corpus

    src = write_jsonl(tmp_path / "many.jsonl", _corpus(300))
    exe = Path(sys.executable).with_name("conflictmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]
    proc = subprocess.Popen([*cmd, "extract", str(src), "--db", pg_url, "--batch-size", "10", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    probe = sa.create_engine(pg_url)
    stored, deadline = 0, time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        try:
            with probe.connect() as conn:
                stored = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() or 0
        except sa.exc.DBAPIError:
            stored = 0
        if stored >= 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "extraction finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    half = ("SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id HAVING count(e.event_id) <> max(a.n_events)")
    with probe.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar()
        assert 0 < n < 300 and conn.execute(sa.text(half)).all() == []
    done = subprocess.run([*cmd, "extract", str(src), "--db", pg_url, "-q"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    with probe.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() == 300
        assert conn.execute(sa.text(half)).all() == []
    probe.dispose()


# -- the dashboard's data layer ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def pg_small(pg: TempPostgres, sqlite_store: Path) -> str:
    """The small store copied into PostgreSQL; the URL of a SELECT-only role on it."""
    name = f"dash{next(_names)}"
    url = pg.create_database(name)
    dst = Store(url)
    from conflictmap.extract.store import copy_store

    copy_store(Store(sqlite_store, create=False), dst)
    dst.optimize()  # as after a load: statistics and the visibility map index-only scans need
    dst.close()
    pg.execute(f"CREATE ROLE viewer_{name} LOGIN PASSWORD 'ro-{name}'")
    for sql in (f'GRANT CONNECT ON DATABASE "{name}" TO viewer_{name}',
                f"GRANT USAGE ON SCHEMA public TO viewer_{name}",
                f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer_{name}"):
        pg.execute(sql, name)
    return pg.url(name, user=f"viewer_{name}", password=f"ro-{name}")


@pytest.fixture(scope="module")
def both(pg_small: str, sqlite_store: Path):
    """(SQLite engine, PostgreSQL engine through a read-only role) over the same events."""
    from conflictmap.dashboard import data as D

    lite = D.open_store(str(sqlite_store))
    ro = D.open_store(pg_small)
    yield lite.engine, ro.engine
    lite.close()
    ro.close()



def _views():
    from conflictmap.dashboard.filters import ViewState

    base = ViewState(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))
    return [base, replace(base, precisions=(1, 2, 3)), replace(base, undated=True),
            replace(base, actors=("JNIM",)), replace(base, actors=("LNA", "GNA")), replace(base, countries=("ML",)),
            replace(base, places=("test:tripoli",)), replace(base, languages=("ar",)),
            replace(base, sources=("example.org",)), replace(base, q="gharyan"), replace(base, q="100%_"),
            replace(base, date_from=date(2019, 5, 1)), replace(base, bbox=(13.0, 32.5, 13.5, 33.0)),
            replace(base, date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), actors=("LNA",))]


def _cell(v: object) -> str:
    if isinstance(v, float):
        return "None" if v != v else f"{v:.6f}"  # NaN (a missing value in pandas) is None
    return str(v)


def _frame(df) -> list[tuple]:
    return sorted(tuple(_cell(v) for v in r) for r in df.itertuples(index=False))


def test_dashboard_queries_match_sqlite(both) -> None:
    from conflictmap.dashboard import data as D

    lite, pg = both
    assert replace(D.summary(pg), version="") == replace(D.summary(lite), version="")  # commit counters differ
    for view in _views():
        assert D.count_events(pg, view) == D.count_events(lite, view), view
        assert _frame(D.place_aggregates(pg, view)) == _frame(D.place_aggregates(lite, view)), view
        assert D.place_actor_counts(pg, view) == D.place_actor_counts(lite, view), view
        assert _frame(D.timeline_counts(pg, view)) == _frame(D.timeline_counts(lite, view)), view
        assert _frame(D.actor_totals(pg, view)) == _frame(D.actor_totals(lite, view)), view
        assert D.place_recent_events(pg, view, 2) == D.place_recent_events(lite, view, 2), view
        assert _frame(D.events_table(pg, view, 5)) == _frame(D.events_table(lite, view, 5)), view
        assert list(D.iter_view_events(pg, view)) == list(D.iter_view_events(lite, view)), view
        for facet in ("actor", "country", "place", "source", "lang"):
            assert _frame(D.facet_counts(pg, view, facet)) == _frame(D.facet_counts(lite, view, facet)), facet
    assert D.get_article(pg, "a03") == D.get_article(lite, "a03")
    assert _frame(D.article_events(pg, "a05")) == _frame(D.article_events(lite, "a05"))
    assert D.place_labels(pg, ["test:gao"]) == D.place_labels(lite, ["test:gao"])


def test_dashboard_uses_the_window_index(both) -> None:
    """EXPLAIN: a date window + actor view is an index-only scan of ix_events_window."""
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    _lite, pg = both
    view = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), actors=("LNA",))
    stmt = D.raw_place_statement(view, D.backend(pg))
    with pg.connect() as conn:
        # a tiny table: make the planner show its index (a bitmap scan is cheaper on a few pages and
        # says nothing of whether the index covers the query; an index-only scan is only possible if so)
        conn.execute(sa.text("SET enable_seqscan = off"))
        conn.execute(sa.text("SET enable_bitmapscan = off"))
        sql = str(stmt.compile(pg, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(r[0] for r in conn.execute(sa.text("EXPLAIN " + sql)))
    assert "Index Only Scan using ix_events_window" in plan, plan
    assert "event_actors" not in plan  # actors are matched on the events' own lists


def test_actor_names_with_quotes_match_on_postgres(pg: TempPostgres, tmp_path: Path) -> None:
    """Actors are matched in the events' JSON lists on PostgreSQL: names with quotes, backslashes
    and LIKE wildcards count exactly what SQLite's join counts."""
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    from .dashboard.conftest import hostile_batch

    lite_path = tmp_path / "hostile.db"
    s = Store(lite_path)
    batch = hostile_batch()
    batch[0][1][0].actors = ["a_b%c", 'say "hi"', "back\\slash", "LNA"]
    s.save_batch(batch)
    url = pg.create_database(f"hostile{next(_names)}")
    from conflictmap.extract.store import copy_store

    copy_store(s, Store(url))
    lite, pgs = D.open_store(str(lite_path)), D.open_store(url)
    window = ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    actors = [*D.facet_counts(lite.engine, window, "actor")["value"], "a%", "say", "LN", '"LNA"']
    for actor in actors:
        view = replace(window, actors=(actor,))
        assert D.count_events(pgs.engine, view) == D.count_events(lite.engine, view), actor
    assert D.count_events(pgs.engine, replace(window, actors=("a_b%c",))) == 1
    lite.close()
    pgs.close()
    s.close()


def test_bbox_in_the_url() -> None:
    from conflictmap.dashboard.filters import ViewState, parse_query, to_query

    v = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), bbox=(12.5, 32.0, 13.5, 33.0))
    assert to_query(v)["bbox"] == ["12.5,32,13.5,33"]
    assert parse_query(to_query(v)) == v and v.has_filters
    for bad in ("1,2,3", "13,33,12,32", "a,b,c,d", "0,0,200,1"):
        assert parse_query({"bbox": bad}).bbox is None


def test_dashboard_map_from_postgres(both) -> None:
    from conflictmap.dashboard import mapview as MV

    _lite, pg = both
    view = _views()[0]
    data = MV.load_map_data(pg, view)
    built = MV.build_map(data, view, MV.MapOptions(asset_base="/app/static/vendor"), data.actor_order())
    # the store's events carry types: a marker per incident, as on SQLite
    lite_data = MV.load_map_data(_lite, view)
    assert built.mode == "incidents" and data.incidents is not None and lite_data.incidents is not None
    assert built.n_markers == len(data.incidents) == len(lite_data.incidents) > 0
    assert sorted(data.incidents["incident_id"]) == sorted(lite_data.incidents["incident_id"])
    places = MV.load_map_data(pg, replace(view, event_types=(), include_mentions=True))
    assert len(places.places) == 6


def test_scale_store_benchmark_runs(pg: TempPostgres, tmp_path: Path, capsys) -> None:
    """benchmarks/scale_store.py end to end on tiny sizes against this server (--pg-url)."""
    from .conftest import load_benchmark

    mod = load_benchmark("scale_store")
    out_json = tmp_path / "r.json"
    assert mod.main(["--pg-url", pg.url("postgres"), "--load-events", "2000", "--query-events", "3000",
                     "--repeat", "1", "--keep", str(tmp_path / "keep"), "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "| PostgreSQL + PostGIS | 2,000 |" in out and "| SQLite | 3,000 | last year + actor |" in out
    rows = json.loads(out_json.read_text())["queries"]
    by = {(r["store"], r["view"]): r for r in rows}
    for view in ("last month (first view)", "last month + actor", "all 10 years + actor"):
        assert by[("PostgreSQL", view)]["events"] == by[("SQLite", view)]["events"] > 0
    assert pg.password not in out


def test_dashboard_page_on_postgres_through_secrets(pg_small: str, sqlite_store: Path, monkeypatch) -> None:
    """The Streamlit page (AppTest) on the PostgreSQL store named in secrets.toml, with an actor
    and a bbox in the URL: the same view as on SQLite, and no password anywhere on the page."""
    from .dashboard.test_app import all_text, map_args, run_app, summary_line

    monkeypatch.setenv("CONFLICTMAP_DEMO_DB", os.devnull + ".missing-demo.db")
    query = {"from": "2019-03-01", "to": "2019-05-30", "actor": "LNA", "bbox": "13.0,32.5,13.5,33.0"}
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    on_pg = run_app(query, secrets={"connections": {"conflictmap": {"url": pg_small}}})
    assert not on_pg.exception
    monkeypatch.setenv("CONFLICTMAP_DB", str(sqlite_store))
    on_lite = run_app(query)
    assert not on_lite.exception
    assert summary_line(on_pg) == summary_line(on_lite)
    assert summary_line(on_pg).startswith("**8** events at **2** places") and "in the area" in summary_line(on_pg)
    assert map_args(on_pg)["script"] == map_args(on_lite)["script"]
    from sqlalchemy.engine import make_url

    password = make_url(pg_small).password
    assert password and password not in all_text(on_pg)
    store_line = [c.value for c in on_pg.caption if c.value.startswith("Store:")]
    assert store_line and "viewer" in store_line[0] and password not in store_line[0], store_line
