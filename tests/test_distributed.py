"""Extraction on Dask distributed (``conflictmap extract --dask``) on real LocalClusters of two
worker processes: events identical to a single-process run, a worker killed mid-run, reruns,
partitioned GeoParquet. A cluster that cannot start fails these tests; they are never skipped."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import SCALE_EXTRA

pytest.importorskip("distributed", reason=SCALE_EXTRA)
pytest.importorskip("duckdb", reason=SCALE_EXTRA)

from conflictmap.extract import distributed as D
from conflictmap.extract.model import Article
from conflictmap.extract.readers import Reader
from conflictmap.extract.store import Store

from .conftest import load_benchmark, write_jsonl

pytestmark = [pytest.mark.dask, pytest.mark.scale]

N_ARTICLES = 360
#: how long a worker process may take to start (import, load the index); generous: CI machines are
#: shared, and at a load of 10 on 2 cores a restarted worker took more than 60 s
WORKER_START_S = 180


def _make_corpus(n: int) -> list[dict]:
    return load_benchmark("throughput").make_corpus(n, seed=23)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Generated news-length articles (Arabic and English) plus what a real export holds: a
    broken line, a record without text, an unsupported language, an article repeated unchanged,
    and one repeated later with other text (the later record must win, as in one process)."""
    recs = _make_corpus(N_ARTICLES)
    d = tmp_path_factory.mktemp("corpus")
    path = write_jsonl(d / "corpus.jsonl", recs)
    changed = dict(recs[5], text="اشتباكات عنيفة في مدينة سبها اليوم الأحد بين قوات حفتر ومسلحين محليين.\n\n"
                                  + recs[5]["text"][:400])
    extra = [json.dumps(r, ensure_ascii=False) for r in (
        {"id": "no-text", "title": "empty"},
        {"id": "french", "language": "fr", "text": "Des combats ont éclaté à Tripoli."},
        recs[9],  # the same article again: unchanged
        changed,  # the same id with other text, far from the first: replaces it
        {"id": "detect-me", "text": "Clashes broke out in Sabha on Sunday between Haftar's forces and local "
                                    "gunmen, residents said."},
    )]
    with open(path, "a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write("\n".join(extra) + "\n")
    return path


def _cli(argv: list[str]) -> int:
    from conflictmap.cli import main

    return main(argv)


def _skipped_lines(err: str) -> list[str]:
    """The one-line reports of skipped inputs (``  skipped ORIGIN: REASON``), not the table row."""
    return sorted(ln.strip() for ln in err.splitlines()
                  if ln.startswith("  skipped ") and not re.fullmatch(r"\s*skipped inputs\s+\d+\s*", ln))


def _articles(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT id, url, title, source, published, language, text, content_hash, origin, "
                           "n_events, extractor_version FROM articles ORDER BY id").fetchall()


def _export_lines(db: Path, out: Path) -> list[str]:
    """The export, every field but ``incident_id``: the store gives incident ids in commit order, so
    they are equal between runs that commit the same batches, and these runs use other batch sizes."""
    assert _cli(["export", "--db", str(db), "--format", "jsonl", "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [json.dumps({**r, "incident_id": None}, ensure_ascii=False) for r in rows]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """The single-process run of the corpus: the store, its export and what it reported."""
    import contextlib
    import io

    d = tmp_path_factory.mktemp("single")
    db = d / "single.db"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = _cli(["extract", str(corpus), "--db", str(db), "-q"])
    lines = _export_lines(db, d / "single.jsonl")
    assert len(lines) > 10 * N_ARTICLES  # the corpus yields events (about 35 per article)
    return {"db": db, "code": code, "export": lines, "articles": _articles(db), "skipped": _skipped_lines(err.getvalue())}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A LocalCluster of 2 worker processes whose cache folder is empty: each worker builds the
    gazetteer index itself (nothing is shipped to it) and then loads it once."""
    from distributed import Client, LocalCluster

    cache = tmp_path_factory.mktemp("worker-cache")
    try:
        cl = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                          host="127.0.0.1", env={"CONFLICTMAP_CACHE": str(cache)})
        client = Client(cl)
        client.wait_for_workers(2, timeout=WORKER_START_S)
    except Exception as exc:  # never skip: a cluster that cannot start is a failure, with its reason
        pytest.fail(f"cannot start a Dask LocalCluster with 2 worker processes: {exc.__class__.__name__}: {exc}")
    yield {"cluster": cl, "client": client, "address": cl.scheduler_address, "cache": cache}
    client.close()
    cl.close()


def _args(paths: list[str], db: Path, address: str, *extra: str):
    from conflictmap.cli import parse_args

    return parse_args(["extract", *paths, "--db", str(db), "--dask", address, "-q", *extra])


@pytest.fixture(scope="module")
def dask_run(cluster, corpus, tmp_path_factory) -> dict:
    """The corpus extracted on the shared cluster through run_dask, with --output-dir."""
    d = tmp_path_factory.mktemp("dask")
    db, out = d / "dask.db", d / "parquet"
    seen: list[int] = []
    store = Store(db)
    summary = D.run_dask(_args([str(corpus)], db, cluster["address"], "--batch-size", "50", "--output-dir", str(out)),
                         Reader(), store, ("LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF"),
                         progress=lambda s: seen.append(s.new + s.updated + s.unchanged))
    store.close()
    return {"db": db, "out": out, "summary": summary, "progress": seen, "dir": d}


# -- a real LocalCluster started by the command ------------------------------------------------------

def test_dask_local_stores_the_same_events_as_one_process(corpus, reference, tmp_path, capsys):
    db = tmp_path / "local.db"
    capsys.readouterr()
    code = _cli(["extract", str(corpus), "--db", str(db), "--dask", "local", "--workers", "2", "--batch-size", "40"])
    err = capsys.readouterr().err
    assert "Dask LocalCluster, 2 worker processes" in err, err
    assert code == reference["code"] == 1  # the corpus has skipped inputs
    assert _skipped_lines(err) == reference["skipped"]
    assert any("no-text" in ln or "record has no text" in ln for ln in reference["skipped"])
    assert _export_lines(db, tmp_path / "local.jsonl") == reference["export"]  # row for row, every field
    assert _articles(db) == reference["articles"]
    changed = next(a for a in _articles(db) if a[0] == "bench-00005")
    assert changed[6].startswith("اشتباكات عنيفة في مدينة سبها")  # the later record won


# -- the shared cluster ------------------------------------------------------------------------------

def test_run_on_a_cluster_address_matches_and_reports_progress(dask_run, reference, cluster):
    s = dask_run["summary"]
    assert s.read == N_ARTICLES + 5 - 2  # every record but the two that are no article
    assert s.new == len(reference["articles"])
    assert s.unchanged == 1 and s.updated == 1  # the repeated article; the changed one
    assert sorted(f"skipped {k.origin}: {k.reason}" for k in s.skipped) == reference["skipped"]
    assert _export_lines(dask_run["db"], dask_run["dir"] / "dask.jsonl") == reference["export"]
    assert _articles(dask_run["db"]) == reference["articles"]
    assert len(dask_run["progress"]) > 5 and dask_run["progress"][-1] == s.new + s.updated + s.unchanged
    assert dask_run["progress"] == sorted(dask_run["progress"])


def test_each_worker_built_and_loaded_the_index_once(dask_run, cluster):
    loads = cluster["client"].run(D.index_loads)
    assert len(loads) == 2 and set(loads.values()) == {1}, loads
    # the workers' cache folder was empty: they built the index there themselves
    assert list(Path(cluster["cache"]).glob("index-*.pkl"))


def test_workers_with_other_code_are_refused(cluster):
    with pytest.raises(D.ClusterError, match="other extraction code"):
        D._prepare_workers(cluster["client"], "0" * 16)


def test_output_dir_is_partitioned_geoparquet(dask_run):
    import duckdb
    import geopandas as gpd
    import pandas as pd
    from conflictmap.extract.export import events_frame

    out, db = dask_run["out"], dask_run["db"]
    files = sorted(out.glob("*.parquet"))
    assert [f.name for f in files] == [f"part-{i:05d}.parquet" for i in range(len(files))]
    assert len(files) == -(-(N_ARTICLES + 2) // 50)  # one file per partition of 50 (+ detect-me, changed)
    with Store(db, create=False) as store:
        n_events = store.counts()["events"]
        stored = {r["event_id"]: r for r in store.iter_events()}
    gdf = gpd.read_parquet(out)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == list(events_frame([]).columns)  # the columns of export --format parquet
    con = duckdb.connect()
    raw = con.execute(f"SELECT count(*) FROM read_parquet('{out}/*.parquet')").fetchone()[0]
    assert len(gdf) == raw
    # each partition holds what it extracted: the article given twice with other text has its
    # first events in an earlier part; the latest part of each article is what the store holds
    latest = con.execute(f"""
        SELECT event_id FROM read_parquet('{out}/*.parquet', filename = true)
        QUALIFY filename = max(filename) OVER (PARTITION BY article_id)""").fetchall()
    assert len(latest) == n_events and {r[0] for r in latest} == set(stored)
    old = gdf[(gdf["article_id"] == "bench-00005")]
    assert raw - n_events == len(old) - sum(1 for r in stored.values() if r["article_id"] == "bench-00005") > 0
    files_of = {f.name: set(gpd.read_parquet(f)["event_id"]) for f in files}
    last = max(n for n, ids in files_of.items() if any(i.startswith("bench-00005:") for i in ids))
    rows = gpd.read_parquet(out / last).drop(columns="geometry").to_dict("records")
    rows += [r for f in files if f.name != last
             for r in gpd.read_parquet(f).drop(columns="geometry").to_dict("records") if r["article_id"] != "bench-00005"]
    assert len(rows) == n_events
    for r in rows:  # every field as the store has it, but the incident: the store assigns it at commit
        ref = stored[r["event_id"]]
        got = {k: (list(v) if k == "actors" else (None if v is pd.NA or v != v else v)) for k, v in r.items()}
        assert got["incident_id"] is None
        assert got == {**ref, "incident_id": None}


def test_rerun_stores_nothing_new(dask_run, cluster, corpus):
    db, out = dask_run["db"], dask_run["out"]
    before = _articles(db)
    with sqlite3.connect(db) as con:
        stamps = con.execute("SELECT id, extracted_at FROM articles ORDER BY id").fetchall()
    files = sorted(p.name for p in out.iterdir())
    store = Store(db)
    s = D.run_dask(_args([str(corpus)], db, cluster["address"], "--batch-size", "50", "--output-dir", str(out)),
                   Reader(), store, ("LY",), progress=lambda s: None)
    store.close()
    assert (s.new, s.updated, s.events) == (0, 0, 0)
    assert s.unchanged == s.read
    assert _articles(db) == before
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT id, extracted_at FROM articles ORDER BY id").fetchall() == stamps
    assert sorted(p.name for p in out.iterdir()) == files  # nothing extracted, nothing written


def test_a_worker_killed_mid_run_loses_nothing(cluster, corpus, reference, tmp_path, conflictmap_cmd):
    """The command runs against the cluster; one worker process is killed (SIGKILL) while it
    holds tasks; Dask reruns them elsewhere and every article is stored exactly once."""
    client = cluster["client"]
    db = tmp_path / "fault.db"
    proc = subprocess.Popen([*conflictmap_cmd, "extract", str(corpus), "--db", str(db), "--dask",
                             cluster["address"], "--batch-size", "15"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    try:
        deadline = time.monotonic() + 90
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
            if not db.exists():
                continue
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored < 30:
                continue
            busy = {w: keys for w, keys in client.processing().items() if keys}
            if busy:
                victim = sorted(busy)[0]
                pid = client.run(os.getpid, workers=[victim])[victim]
                os.kill(pid, signal.SIGKILL)
                killed = (victim, pid, stored)
        assert killed is not None, "the run ended before a worker could be killed mid-run"
        assert proc.poll() is None, "the kill came too late to be mid-run"
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == reference["code"], err
    assert killed[2] < len(reference["articles"])
    m = re.search(r"new / updated / unchanged\s+(\d+) / (\d+) / (\d+)", err)
    assert m, err
    # every article committed exactly once: a partition committed twice would count twice
    assert (int(m.group(1)), int(m.group(2)), int(m.group(3))) == (len(reference["articles"]), 1, 1), err
    assert _articles(db) == reference["articles"]
    assert _export_lines(db, tmp_path / "fault.jsonl") == reference["export"]
    assert _skipped_lines(err) == reference["skipped"]
    # the nanny restarted the killed worker; the new process loaded the index once
    client.wait_for_workers(2, timeout=WORKER_START_S)
    pids = client.run(os.getpid)
    assert killed[1] not in pids.values()
    assert set(client.run(D.index_loads).values()) == {1}


# -- the pieces, in this process ---------------------------------------------------------------------

def test_extract_partition_is_the_single_process_extractor(extractor):
    from conflictmap.extract.readers import make_article

    arts = [make_article(r, f"mem:{i}") for i, r in enumerate(_make_corpus(6))]
    assert all(isinstance(a, Article) for a in arts)
    bad = Article(id="bad", text=None)  # type: ignore[arg-type]
    res = D.extract_partition([*arts, bad], extractor.theatre, D.code_fingerprint(), parquet=True)
    assert {a.id: [e.to_dict() for e in res.events[a.id]] for a in arts} == \
        {a.id: [e.to_dict() for e in extractor.extract(a)] for a in arts}
    assert res.failed["bad"].startswith("extraction failed: ")
    assert "bad" not in res.events and res.parquet
    with pytest.raises(D.ClusterError, match="other extraction code"):
        D.extract_partition(arts, extractor.theatre, "not-this-code")


def test_empty_and_full_parts_read_as_one_dataset(tmp_path, extractor):
    import geopandas as gpd

    art = Article(id="a1", text="Clashes broke out in Sabha on Sunday, residents said.", language="en",
                  published="2019-04-07")
    events = extractor.extract(art)
    assert events
    for ev in events:  # columns that are missing in this partition only
        ev.article_url = ev.source = None
    assert D.next_part_number(tmp_path) == 0
    D.write_part(tmp_path, 0, D.parquet_bytes([]))
    D.write_part(tmp_path, 1, D.parquet_bytes(events))
    (tmp_path / "part-00007.parquet").write_bytes(D.parquet_bytes(events))
    assert D.next_part_number(tmp_path) == 8
    gdf = gpd.read_parquet(tmp_path)
    assert len(gdf) == 2 * len(events)
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_an_unusable_cluster_is_a_one_line_usage_error(tmp_path, capsys):
    """No traceback: the reason on one line, exit 2, nothing stored."""
    from conflictmap.cli import main

    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "u1", "text": "اشتباكات في جنزور غرب طرابلس"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    db = tmp_path / "u.db"
    assert main(["extract", str(src), "--db", str(db), "--dask", "local", "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert "--workers must be at least 1" in err and "Traceback" not in err
    assert Store(db).counts()["articles"] == 0
    assert main(["extract", str(src), "--db", str(db), "--dask", "local", "--online-geocoder", "nominatim"]) == 2
    assert "cannot run on a Dask cluster" in capsys.readouterr().err
