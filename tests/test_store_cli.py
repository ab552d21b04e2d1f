"""The store (idempotence, replacement, schema, WAL), the CLI contract, exports, kill-and-rerun."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from conflictmap.extract.model import Article, Event
from conflictmap.extract.store import SCHEMA_VERSION, EventFilter, Store, StoreError

from .conftest import FIXTURES, SCALE_EXTRA, write_jsonl

AR = (FIXTURES / "report_ar.txt").read_text(encoding="utf-8")


def _event(aid: str, start: int, date: str | None = "2019-04-07", actors=("Libyan National Army (LNA, Haftar)",)) -> Event:
    return Event(event_id=f"{aid}:{start}", article_id=aid, mention="جنزور", start=start, end=start + 5,
                 place_name="Janzour", place_id="ly.tripoli.janzour", kind="district", lat=32.82, lon=13.01,
                 geo_precision=1, uncertainty_km=4, snippet="...", event_date=date, actors=list(actors),
                 country="LY")


def test_store_replaces_events_of_a_changed_article(tmp_path):
    s = Store(tmp_path / "s.db")
    a = Article(id="a1", text="v1")
    s.save_batch([(a, [_event("a1", 1), _event("a1", 7)])])
    s.save_batch([(a, [_event("a1", 1), _event("a1", 7)])])
    assert s.counts() == {"articles": 1, "events": 2, "undated_events": 0, "unlocated_events": 0}
    b = Article(id="a1", text="v2")
    s.save_batch([(b, [_event("a1", 3, date=None)])])
    assert s.counts() == {"articles": 1, "events": 1, "undated_events": 1, "unlocated_events": 0}
    assert s.known_hashes(["a1"]) == {"a1": b.content_hash}
    with sqlite3.connect(tmp_path / "s.db") as con:  # no orphan actor rows
        assert con.execute("select count(*) from event_actors").fetchone()[0] == 1
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert s.schema_version == SCHEMA_VERSION == 2


def test_store_filters(tmp_path):
    s = Store(tmp_path / "s.db")
    s.save_batch([(Article(id="a", text="x"), [_event("a", 1, "2019-04-07"), _event("a", 9, "2020-01-06", ("Turkey",)),
                                               _event("a", 20, None)])])
    assert [e["start"] for e in s.iter_events(EventFilter(date_from="2020-01-01"))] == [9]
    assert [e["start"] for e in s.iter_events(EventFilter(date_to="2019-12-31", include_undated=True))] == [1, 20]
    assert [e["start"] for e in s.iter_events(EventFilter(actors=["Turkey"]))] == [9]
    assert [e["start"] for e in s.iter_events(EventFilter(bbox=(0, 0, 1, 1)))] == []


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_text("hello, I am not SQLite" * 100)
    with pytest.raises(StoreError):
        Store(bad)


def test_store_refuses_a_newer_schema(tmp_path):
    s = Store(tmp_path / "s.db")
    s.close()
    with sqlite3.connect(tmp_path / "s.db") as con:
        con.execute("update meta set value='99' where key='schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "s.db")


# -- the CLI contract ----------------------------------------------------------------------------

def test_extract_then_export_jsonl_is_idempotent(tmp_path, cli):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "r1", "url": "https://www.alwasat.ly/news/1", "title": "t", "published": "2019-04-07",
         "language": "ar", "text": AR},
        {"id": "r2", "text": "Fighting broke out in Sabha on Saturday between rival tribes, officials said.",
         "published": "2014-01-12"},
    ])
    db = tmp_path / "ev.db"
    assert cli(["extract", str(src), "--db", str(db), "-q"]) == 0
    out = tmp_path / "ev.jsonl"
    assert cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out)]) == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {e["article_id"] for e in events} == {"r1", "r2"}
    from conflictmap.extract.model import EVENT_FIELDS
    assert all(list(e) == list(EVENT_FIELDS) for e in events)
    janz = [e for e in events if e["place_id"].endswith("janzour")]
    assert janz and janz[0]["event_date"] == "2019-04-06"  # "أمس السبت" in an article of Sunday 7 April
    # a second run adds nothing and changes nothing
    assert cli(["extract", str(src), "--db", str(db), "-q"]) == 0
    out2 = tmp_path / "ev2.jsonl"
    cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out2)])
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_output_dir_without_dask_writes_geoparquet_parts(tmp_path, cli, capsys):
    import geopandas as gpd
    from conflictmap.extract.export import events_frame

    recs = [{"id": f"o{i}", "published": "2019-04-07", "language": "ar", "text": AR} for i in range(5)]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    db, out = tmp_path / "ev.db", tmp_path / "parts"
    assert cli(["extract", str(src), "--db", str(db), "--batch-size", "2", "--output-dir", str(out), "-q"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]  # batches of 2, 2, 1
    gdf = gpd.read_parquet(out)
    assert list(gdf.columns) == list(events_frame([]).columns) and gdf.crs.to_epsg() == 4326
    with Store(db, create=False) as store:
        assert sorted(gdf["event_id"]) == sorted(e["event_id"] for e in store.iter_events())
    # a rerun stores nothing new and so writes no part; a new article adds the next part
    assert cli(["extract", str(src), "--db", str(db), "--output-dir", str(out), "-q"]) == 0
    assert len(list(out.iterdir())) == 3
    write_jsonl(src, [*recs, {"id": "o9", "published": "2019-04-07", "language": "ar", "text": AR}])
    assert cli(["extract", str(src), "--db", str(db), "--output-dir", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir())[-1] == "part-00003.parquet"
    assert set(gpd.read_parquet(out / "part-00003.parquet")["article_id"]) == {"o9"}
    # an output folder that cannot be made is a usage error, before anything is stored
    blocker = tmp_path / "file"
    blocker.write_text("x")
    capsys.readouterr()
    assert cli(["extract", str(src), "--db", str(tmp_path / "other.db"), "--output-dir", str(blocker / "d")]) == 2
    assert "--output-dir" in capsys.readouterr().err
    assert not (tmp_path / "other.db").exists()


@pytest.mark.scale
def test_export_parquet_to_a_folder_writes_parts(tmp_path, cli, capsys, monkeypatch):
    duckdb = pytest.importorskip("duckdb", reason=SCALE_EXTRA)
    import geopandas as gpd
    from conflictmap.extract import export as X

    recs = [{"id": f"f{i}", "published": "2019-04-07", "language": "ar", "text": AR} for i in range(3)]
    db = tmp_path / "ev.db"
    assert cli(["extract", str(write_jsonl(tmp_path / "in.jsonl", recs)), "--db", str(db), "-q"]) == 0
    with Store(db, create=False) as store:
        ids = sorted(e["event_id"] for e in store.iter_events())
    monkeypatch.setattr(X, "PART_EVENTS", 7)  # small parts, so several are written
    out = tmp_path / "folder"
    assert cli(["export", "--db", str(db), "--format", "parquet", "--output", f"{out}/"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"part-{i:05d}.parquet" for i in range(-(-len(ids) // 7))]
    assert sorted(gpd.read_parquet(out)["event_id"]) == ids
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{out}/*.parquet')").fetchone()[0] == len(ids)
    # the folder now holds parts: a second export there is refused (nothing overwritten); other formats need a file
    capsys.readouterr()
    assert cli(["export", "--db", str(db), "--format", "parquet", "--output", str(out)]) == 2
    assert "already holds" in capsys.readouterr().err
    assert cli(["export", "--db", str(db), "--format", "csv", "--output", str(out)]) == 2
    assert "only --format parquet" in capsys.readouterr().err
    # a filter that leaves nothing still writes one (empty) part with the schema
    empty = tmp_path / "empty"
    assert cli(["export", "--db", str(db), "--format", "parquet", "--output", f"{empty}/", "--from", "2030-01-01"]) == 0
    assert len(gpd.read_parquet(empty / "part-00000.parquet")) == 0


def test_extract_exit_codes(tmp_path, cli, capsys):
    good = tmp_path / "good.txt"
    good.write_text(AR, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "x.db"
    assert cli(["extract", str(good), str(empty), "--db", str(db), "-q"]) == 1
    err = capsys.readouterr().err
    assert "empty file" in err and "skipped inputs" in err
    assert Store(db).counts()["articles"] == 1  # the good one is stored
    assert cli(["extract", str(tmp_path / "missing.txt"), "--db", str(db)]) == 2
    with pytest.raises(SystemExit) as e:
        cli(["extract", "--db", str(db)])
    assert e.value.code == 2
    assert cli(["extract", str(good), "--db", str(db), "--theatre", "Libya"]) == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet"])
def test_export_formats(tmp_path, cli, fmt):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "r1", "published": "2019-04-07", "text": AR}])
    db = tmp_path / "ev.db"
    cli(["extract", str(src), "--db", str(db), "-q"])
    out = tmp_path / f"ev.{fmt}"
    assert cli(["export", "--db", str(db), "--format", fmt, "--output", str(out)]) == 0
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        import csv
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert {"event_date", "actor1", "latitude", "longitude", "geo_precision", "notes", "location"} <= set(rows[0])
    elif fmt == "geojson":
        fc = json.loads(out.read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection"
        rows = fc["features"]
        assert rows[0]["geometry"]["type"] == "Point"
    else:
        import geopandas as gpd
        gdf = gpd.read_parquet(out)
        assert gdf.crs.to_epsg() == 4326
        rows = gdf.to_dict("records")
        import pyarrow.parquet as pq
        assert b"geo" in pq.read_schema(out).metadata  # GeoParquet metadata
    assert len(rows) >= 3


def test_export_filters_and_bad_arguments(tmp_path, cli):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "r1", "published": "2019-04-07", "text": AR}])
    db = tmp_path / "ev.db"
    cli(["extract", str(src), "--db", str(db), "-q"])
    out = tmp_path / "f.jsonl"
    assert cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out), "--from", "2019-04-07",
                "--to", "2019-04-07"]) == 0
    dates = {json.loads(x)["event_date"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert dates == {"2019-04-07"}
    assert cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out), "--bbox", "13.0,32.8,13.1,32.9"]) == 0
    for line in out.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        assert 13.0 <= e["lon"] <= 13.1 and 32.8 <= e["lat"] <= 32.9
    assert cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out), "--bbox", "1,2"]) == 2
    assert cli(["export", "--db", str(tmp_path / "nope.db"), "--format", "jsonl", "--output", str(out)]) == 2


def test_changed_article_replaces_its_events(tmp_path, cli):
    db = tmp_path / "ev.db"
    p = write_jsonl(tmp_path / "in.jsonl", [{"id": "r1", "published": "2019-04-07", "text": AR}])
    cli(["extract", str(p), "--db", str(db), "-q"])
    before = {e["place_id"] for e in Store(db).iter_events()}
    assert "ly.tripoli.janzour" in before
    p = write_jsonl(tmp_path / "in.jsonl", [{"id": "r1", "published": "2019-04-07",
                                              "text": "اشتباكات عنيفة في مدينة سبها جنوب ليبيا اليوم."}])
    cli(["extract", str(p), "--db", str(db), "-q"])
    after = {e["place_id"] for e in Store(db).iter_events()}
    assert "ly.tripoli.janzour" not in after and any("sabha" in x for x in after)
    assert Store(db).counts()["articles"] == 1


# -- kill mid-batch and run again -------------------------------------------------------------------

def _corpus(n: int) -> list[dict]:
    places = ["طرابلس", "جنزور", "عين زارة", "سبها", "مصراتة", "سرت", "بنغازي", "درنة", "غريان", "ترهونة"]
    recs = []
    for i in range(n):
        p = places[i % len(places)]
        recs.append({"id": f"k{i:04d}", "published": "2019-04-07", "language": "ar",
                     "text": f"اشتباكات عنيفة في {p} اليوم الأحد بين قوات حفتر وقوات الوفاق. " * 8
                             + f"وقالت مصادر محلية إن القصف طال أحياء جنوب {p} أمس السبت."})
    return recs


def test_kill_mid_batch_then_rerun_finishes_the_rest(tmp_path, conflictmap_cmd):
    src = write_jsonl(tmp_path / "many.jsonl", _corpus(400))
    db = tmp_path / "k.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*conflictmap_cmd, "extract", str(src), "--db", str(db), "--batch-size", "10", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    stored = con.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 30:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "extraction finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    with sqlite3.connect(db) as con:
        n_articles = con.execute("select count(*) from articles").fetchone()[0]
        # every stored article has all its events: none is half-stored
        bad = con.execute("""select a.id from articles a left join events e on e.article_id = a.id
                             group by a.id having count(e.event_id) != max(a.n_events)""").fetchall()
    assert 0 < n_articles < 400 and bad == []
    done = subprocess.run([*conflictmap_cmd, "extract", str(src), "--db", str(db), "-q"], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 400
        assert con.execute("select count(distinct article_id) from events").fetchone()[0] == 400
        bad = con.execute("""select a.id from articles a left join events e on e.article_id = a.id
                             group by a.id having count(e.event_id) != max(a.n_events)""").fetchall()
        assert bad == []
    assert f"{n_articles}" in done.stderr or "unchanged" in done.stderr


def test_reader_never_blocked_by_a_writer(tmp_path):
    """WAL: a reader sees the last committed state while a write transaction is open."""
    s = Store(tmp_path / "w.db")
    s.save_batch([(Article(id="a", text="x"), [_event("a", 1)])])
    writer = sqlite3.connect(tmp_path / "w.db", timeout=0.1)
    writer.execute("begin immediate")
    writer.execute("delete from event_actors")
    t = time.perf_counter()
    assert Store(tmp_path / "w.db", create=False).counts()["events"] == 1
    assert time.perf_counter() - t < 2
    writer.rollback()
    writer.close()


def test_cli_help_lists_commands(conflictmap_cmd):
    out = subprocess.run([*conflictmap_cmd, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for cmd in ("extract", "export", "dashboard", "gazetteer", "demo"):
        assert cmd in out.stdout


def test_fixture_files_exist():
    assert Path(FIXTURES / "report_en.html").exists()
