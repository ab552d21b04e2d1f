"""Scale: extraction on Dask against one process, and (benchmarks/scale_store.py) the store at scale.

    .venv/bin/python benchmarks/scale.py                              # both parts
    .venv/bin/python benchmarks/scale.py --part extract               # 20 000 articles, 1 process vs 2 workers
    .venv/bin/python benchmarks/scale.py --part extract --articles 2000 --workers 2 4
    .venv/bin/python benchmarks/scale.py --part store --load-events 100000   # options go to scale_store.py

Extraction part: ``--articles`` generated news-length articles (benchmarks/throughput.py's
generator: two thirds Arabic, one third English, 1 500–2 500 characters) in one JSONL file, run
through the real command line, each run into a fresh SQLite store:

* ``conflictmap extract corpus.jsonl --db single.db`` — the single-process path;
* ``conflictmap extract corpus.jsonl --db dask.db --dask local --workers N`` — a Dask LocalCluster
  of N worker processes (1 thread each), ``--batch-size`` articles per partition;
* the same with ``--output-dir`` (partitioned GeoParquet as well).

Every Dask store must hold the same articles and events as the single-process store, field for
field (checked here; the run fails otherwise), and the GeoParquet files as many events. Wall
time counts everything from the command's start (imports, the index, starting the cluster);
"extraction" is the time the command itself reports (after start-up). The CPU that other
processes used during each run is measured from /proc/stat and printed: on a shared machine it
makes the speed-up look worse than it is.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _load(name: str) -> ModuleType | None:
    """A module of benchmarks/ by file name (None when the file does not exist)."""
    path = ROOT / "benchmarks" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"conflictmap_bench_{name}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot (Linux; zeros elsewhere)."""
    try:
        vals = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return sum(vals[:8]) - idle, sum(vals[:8])


@dataclass
class RunResult:
    name: str
    workers: int
    wall: float
    extraction: float
    cpu: float            # CPU seconds of the command and all its processes
    other_cpu: float      # CPU seconds other processes of the machine used meanwhile
    articles: int
    events: int
    stderr: str


def run_cli(name: str, args: list[str], workers: int) -> RunResult:
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    before = os.times()
    busy0, _ = _cpu_jiffies()
    t = time.perf_counter()
    p = subprocess.run([*cli(), *args], capture_output=True, text=True)
    wall = time.perf_counter() - t
    busy1, _ = _cpu_jiffies()
    after = os.times()
    if p.returncode not in (0, 1):
        raise SystemExit(f"{name}: {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    ours = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    m = re.search(r"time\s+([\d.]+) s \(", p.stderr)
    new = re.search(r"new / updated / unchanged\s+(\d+) / (\d+) / (\d+)", p.stderr)
    ev = re.search(r"events stored\s+(\d+)", p.stderr)
    if not (m and new and ev):
        raise SystemExit(f"{name}: unexpected output:\n{p.stderr}")
    return RunResult(name, workers, wall, float(m.group(1)), ours, max(0.0, (busy1 - busy0) / tick - ours),
                     int(new.group(1)) + int(new.group(2)), int(ev.group(1)), p.stderr)


def compare_stores(a: Path, b: Path) -> tuple[int, list[str]]:
    """(events compared, differences) between two SQLite stores: articles and events, all fields."""
    from conflictmap.extract.store import ARTICLE_COLUMNS, EVENT_COLUMNS

    diffs: list[str] = []
    art_cols = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS if c != "extracted_at")
    ev_cols = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    queries = (f"SELECT {art_cols} FROM articles ORDER BY id", f"SELECT {ev_cols} FROM events ORDER BY event_id",
               "SELECT event_id, actor FROM event_actors ORDER BY event_id, actor")
    n_events = 0
    with sqlite3.connect(a) as ca, sqlite3.connect(b) as cb:
        for q in queries:
            ra, rb = ca.execute(q), cb.execute(q)
            n = 0
            while True:
                xa, xb = ra.fetchmany(5000), rb.fetchmany(5000)
                if not xa and not xb:
                    break
                for x, y in zip(xa, xb, strict=False):
                    if x != y and len(diffs) < 10:
                        diffs.append(f"{q.split(' FROM ')[1].split()[0]}: {x[:3]} != {y[:3]}")
                if len(xa) != len(xb):
                    diffs.append(f"{q}: {len(xa)} rows against {len(xb)} in a chunk")
                    break
                n += len(xa)
            if "FROM events" in q:
                n_events = n
    return n_events, diffs


def client_ceilings(corpus: Path, single_db: Path, work: Path, n: int = 5000, batch: int = 250) -> tuple[float, float]:
    """What one client can do per second whatever the cluster: (articles read from the JSONL,
    articles committed with their events into a fresh SQLite store by ``Store.save_batch``)."""
    from conflictmap.extract.model import Article, Event
    from conflictmap.extract.readers import Reader
    from conflictmap.extract.store import Store

    t = time.perf_counter()
    arts = [a for a in Reader().read([str(corpus)]) if isinstance(a, Article)]
    read_rate = len(arts) / (time.perf_counter() - t)
    arts = arts[:n]
    by_id: dict[str, list[Event]] = {a.id: [] for a in arts}
    with Store(single_db, create=False) as src:
        for ev in src.iter_events():
            if ev["article_id"] in by_id:
                by_id[ev["article_id"]].append(Event(**ev))
    db = work / "commit.db"
    for q in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        q.unlink(missing_ok=True)
    with Store(db) as dst:
        t = time.perf_counter()
        for i in range(0, len(arts), batch):
            dst.save_batch([(a, by_id[a.id]) for a in arts[i:i + batch]])
        commit_rate = len(arts) / (time.perf_counter() - t)
    return read_rate, commit_rate


def _extract_only(corpus: str, n: int) -> float:
    """Seconds one process takes to extract the first ``n`` articles (index loaded, no store)."""
    from conflictmap.extract.model import Article
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.extract.readers import Reader
    from conflictmap.geodata.loader import load_index

    arts = [a for a in Reader().read([corpus]) if isinstance(a, Article)][:n]
    ex = Extractor(load_index())
    t = time.perf_counter()
    for a in arts:
        ex.extract(a)
    return time.perf_counter() - t


def parallel_ceiling(corpus: Path, workers: int, n: int = 1500) -> float:
    """How much faster ``workers`` independent processes extract than one on this machine (no
    Dask, no store): the most any scheduler can get out of its cores."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        one = pool.apply(_extract_only, (str(corpus), n))
    with ctx.Pool(workers) as pool:
        many = pool.starmap(_extract_only, [(str(corpus), n)] * workers)
    return workers * one / max(many)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    import dask
    import distributed

    return (f"{model}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, dask/distributed {dask.__version__}/{distributed.__version__}")


def extract_part(args: argparse.Namespace) -> int:
    throughput = _load("throughput")
    assert throughput is not None
    work = Path(args.extract_dir) if args.extract_dir else Path(tempfile.mkdtemp(prefix="cm-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / f"corpus-{args.articles}.jsonl"
        if not corpus.exists():
            recs = throughput.make_corpus(args.articles)
            tmp = corpus.with_suffix(".tmp")
            tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
            tmp.replace(corpus)
        chars = corpus.stat().st_size
        print(f"machine: {machine()}", flush=True)
        print(f"corpus: {args.articles} articles, {chars / 1e6:.0f} MB of JSONL; load average before: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

        def fresh(*paths: Path) -> None:
            for p in paths:
                if p.is_dir():
                    shutil.rmtree(p)
                for q in (p, Path(f"{p}-wal"), Path(f"{p}-shm")):
                    q.unlink(missing_ok=True)

        single_db = work / "single.db"
        fresh(single_db)
        print("single process ...", flush=True)
        runs = [run_cli("single process", ["extract", str(corpus), "--db", str(single_db), "-q"], 1)]
        print(f"  {runs[0].wall:.0f} s", flush=True)
        checks: list[str] = []
        for n in args.workers:
            variants = [("", [])]
            if not args.no_parquet:
                variants.append((" + --output-dir", ["--output-dir", str(work / f"parquet-{n}")]))
            for label, extra in variants:
                db = work / f"dask-{n}{'-pq' if extra else ''}.db"
                fresh(db, work / f"parquet-{n}")
                name = f"--dask local --workers {n}{label}"
                print(f"{name} ...", flush=True)
                r = run_cli(name, ["extract", str(corpus), "--db", str(db), "--dask", "local", "--workers", str(n),
                                   "--batch-size", str(args.batch_size), "-q", *extra], n)
                runs.append(r)
                n_ev, diffs = compare_stores(single_db, db)
                if diffs:
                    print(f"DIFFERENT from the single-process store: {diffs}", file=sys.stderr)
                    return 1
                msg = f"{name}: {n_ev} events identical to the single process (articles, events, actors)"
                if extra:
                    import duckdb

                    got = duckdb.sql(f"SELECT count(*) FROM read_parquet('{work / f'parquet-{n}'}/*.parquet')"
                                     ).fetchall()[0][0]
                    if got != n_ev:
                        print(f"GeoParquet holds {got} events, the store {n_ev}", file=sys.stderr)
                        return 1
                    msg += f"; GeoParquet {len(list((work / f'parquet-{n}').glob('*.parquet')))} files, {got} events"
                checks.append(msg)
                print(f"  {r.wall:.0f} s; {msg}", flush=True)

        base = runs[0]
        print()
        print("| run | wall s (from start) | extraction s | articles/s | articles/h per worker core | speed-up "
              "(wall / extraction) | CPU s (ours / others meanwhile) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in runs:
            rate = r.articles / r.extraction
            print(f"| {r.name} | {r.wall:.1f} | {r.extraction:.1f} | {rate:.0f} | {rate * 3600 / r.workers:,.0f} | "
                  f"{base.wall / r.wall:.2f}× / {base.extraction / r.extraction:.2f}× | "
                  f"{r.cpu:.0f} / {r.other_cpu:.0f} |")
        print()
        print(f"{base.articles} articles, {base.events} events each run; --batch-size {args.batch_size} (articles per "
              "partition) on Dask. " + " ".join(checks))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for n in args.workers:
            print(f"{n} independent processes (no Dask, no store) extract {parallel_ceiling(corpus, n):.2f}× as fast "
                  "as one: this machine's ceiling for the speed-up")
        read_rate, commit_rate = client_ceilings(corpus, single_db, work)
        print(f"one client's ceilings, whatever the cluster: reads {read_rate:,.0f} articles/s of this JSONL; commits "
              f"{commit_rate:,.0f} articles/s with their events into SQLite (Store.save_batch, 250 per transaction)")
        return 0
    finally:
        if not args.extract_dir:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["extract", "store", "all"], default="all")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, nargs="+", default=[2], help="Dask worker processes (one run each)")
    ap.add_argument("--batch-size", type=int, default=250, help="articles per partition on Dask")
    ap.add_argument("--no-parquet", action="store_true", help="skip the --output-dir run")
    ap.add_argument("--extract-dir", help="work in this folder and keep it (the corpus is reused)")
    args, rest = ap.parse_known_args(argv)
    code = 0
    if args.part in ("extract", "all"):
        if rest and args.part == "extract":
            ap.error(f"unrecognized arguments: {' '.join(rest)}")
        code = extract_part(args)
    if args.part in ("store", "all"):
        store = _load("scale_store")
        if store is None or not hasattr(store, "main"):
            print("benchmarks/scale_store.py (the store part) is not there yet: skipped", file=sys.stderr)
        else:
            print(flush=True)
            code = store.main(rest) or code
    return code


if __name__ == "__main__":
    sys.exit(main())
