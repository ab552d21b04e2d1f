"""Store at scale: bulk loading into PostgreSQL and the dashboard's queries over 10 million events.

    .venv/bin/python benchmarks/scale_store.py                        # 1M load, 10M queries (PG vs SQLite)
    .venv/bin/python benchmarks/scale_store.py --load-events 100000 --query-events 1000000
    .venv/bin/python benchmarks/scale_store.py --keep /var/tmp/cm-bench   # keep (and reuse) the stores
    .venv/bin/python benchmarks/scale_store.py --pg-url postgresql+psycopg://u:p@host/db   # your server

    .venv/bin/python benchmarks/scale_store.py --load-events 0 --query-events 0 --check-bulk 20000

Without ``--pg-url`` a PostgreSQL server from Debian's packages is started in a temporary (or
the ``--keep``) directory, with the settings printed under the table. Measures:

* **bulk load**: ``Store.save_batch`` of ``--load-events`` synthetic events (5 per article,
  2 000 articles per transaction) into an empty PostgreSQL store: COPY, indexes maintained,
  PostGIS geometry generated; rows/s counts events (articles and event-actor rows come on top);
* **dashboard filter change**: over ``--query-events`` events, what the dashboard's server does
  before drawing the map for a view (``dashboard.mapview.load_map_data``: per-place aggregates and
  actors from SQL, plus the popups' recent events when the view is small enough), with cold
  Python caches, best of ``--repeat``: a date window plus one actor (a month, a year) and the
  whole range for that actor, in PostgreSQL and in SQLite built from the same generator.

* **bulk_load check** (``--check-bulk N``): N synthetic events written batch by batch through
  ``save_batch`` and loaded at once with ``Store.bulk_load`` into a second empty store, on SQLite
  and PostgreSQL: every table compared row for row (``articles.extracted_at`` aside).

The query stores are built once (``--keep`` reuses them) with ``Store.bulk_load`` (``--build
batches``: through ``save_batch``, as before); ``--query-events 0 --sqlite-events N`` measures
SQLite alone.

Events are synthetic, like ``benchmarks/dashboard.py``'s (real Libyan and Sahel towns plus
villages around them, 2015–2024, 36 actors, Arabic and English snippets), generated in random
date order (an archive back-filled, the worst case for locality). ``main(argv)`` returns 0 and
prints a markdown table; ``benchmarks/scale.py`` calls it.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path or sys.path[0] != str(ROOT):
    sys.path.insert(0, str(ROOT))

from conflictmap.extract.model import Article, Event, make_event_id  # noqa: E402
from conflictmap.extract.store import Store  # noqa: E402

GENERATOR_VERSION = 2
#: what happened at each synthetic mention (None: a mention without an event), with weights
EVENT_MIX = ((None, 45), ("Battles", 20), ("Explosions/Remote violence", 15), ("Violence against civilians", 8),
             ("Protests", 6), ("Riots", 2), ("Strategic developments", 4))
#: PostgreSQL settings of the server this benchmark starts (a modest dedicated box; see the runbook)
PG_SETTINGS = {
    "shared_buffers": "2GB", "work_mem": "64MB", "maintenance_work_mem": "512MB",
    "effective_cache_size": "12GB", "max_wal_size": "8GB", "checkpoint_timeout": "30min",
    "random_page_cost": "1.1", "jit": "off",
}


def _bench_dashboard() -> Any:
    """benchmarks/dashboard.py (its towns, actors and sentences), loaded by path."""
    spec = importlib.util.spec_from_file_location("conflictmap_bench_dashboard", ROOT / "benchmarks" / "dashboard.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def generate(n_events: int, *, seed: int = 11, batch_articles: int = 2000, n_places: int = 2500,
             start: date = date(2015, 1, 1), end: date = date(2024, 12, 31),
             ) -> Iterator[list[tuple[Article, list[Event]]]]:
    """Batches of synthetic articles with about 5 events each, ``n_events`` events in all."""
    from conflictmap.extract.model import EVENT_TYPES

    bd = _bench_dashboard()
    rng = random.Random(seed)
    kinds = [k for k, _w in EVENT_MIX]
    kweights = [w for _k, w in EVENT_MIX]
    places = bd.make_places(n_places, rng)
    pweights = [p["w"] for p in places]
    actors, aweights = bd.ACTORS, [1 / (i + 1) ** 0.9 for i in range(len(bd.ACTORS))]
    sources = bd.SOURCES
    span = (end - start).days
    made = k = 0
    batch: list[tuple[Article, list[Event]]] = []
    while made < n_events:
        k += 1
        lang = "ar" if rng.random() < 0.6 else "en"
        pub = start + timedelta(days=int(span * rng.random() ** 0.7))  # more news in later years
        aid = f"syn-{k}"
        n = min(n_events - made, max(1, int(rng.gauss(5, 2))))
        chosen = rng.choices(places, weights=pweights, k=n)
        actors_art = rng.choices(actors, weights=aweights, k=rng.randint(0, 3))
        source = rng.choice(sources)
        url = f"https://{source}/news/{k}" if rng.random() < 0.8 else None
        title = f"{'تقرير' if lang == 'ar' else 'Report'} {k}: {chosen[0]['ar' if lang == 'ar' else 'en']}"
        verbs = bd.AR_VERBS if lang == "ar" else bd.EN_VERBS
        sentences, evs = [], []
        offset = 0
        for p in chosen:
            name = p["ar"] if lang == "ar" else p["en"]
            verb = rng.choice(verbs)
            acts = list(dict.fromkeys(a for a in actors_art if rng.random() < 0.7))
            tail = ((" وفق مصادر محلية، بحسب " + "، ".join(acts)) if lang == "ar" else
                    (" according to local sources, said " + ", ".join(acts))) if acts else ""
            sent = f"{verb} {name}{tail}."
            s0 = offset + len(verb) + 1
            day = pub - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 7)))
            etype = rng.choices(kinds, weights=kweights)[0]
            deadly = etype in ("Battles", "Explosions/Remote violence", "Violence against civilians")
            toll = int(rng.expovariate(0.3)) if deadly and rng.random() < 0.5 else None
            evs.append(Event(
                event_id=make_event_id(aid, s0), article_id=aid, mention=name, start=s0, end=s0 + len(name),
                place_name=p["en"], place_name_ar=p["ar"], place_id=p["id"], kind=p["kind"], lat=p["lat"],
                lon=p["lon"], geo_precision=p["prec"], uncertainty_km=5.0 * p["prec"] ** 2, snippet=sent,
                article_url=url, article_title=title, source=source, published=pub.isoformat(),
                country=p["country"], event_date=day.isoformat(), date_precision="day", date_basis="relative",
                actors=acts, language=lang, confidence=0.8, event_type=etype,
                sub_event_type=rng.choice(EVENT_TYPES[etype]) if etype else None, fatalities=toll,
                injured=toll * 2 if toll is not None and rng.random() < 0.5 else None))
            sentences.append(sent)
            offset += len(sent) + 1
        batch.append((Article(id=aid, text=" ".join(sentences), url=url, title=title, source=source,
                              published=pub.isoformat(), language=lang), evs))
        made += len(evs)
        if len(batch) >= batch_articles:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(store: Store | list[Store], n_events: int, *, seed: int = 11, progress: bool = True,
         **shape: Any) -> dict[str, Any]:
    """Write ``n_events`` synthetic events through ``save_batch`` into one store or several (the
    same batches into each); seconds spent generating and writing (per store)."""
    stores = store if isinstance(store, list) else [store]
    gen_s = 0.0
    write_s = [0.0] * len(stores)
    done = 0
    t_gen = time.perf_counter()
    last_report = time.perf_counter()
    for batch in generate(n_events, seed=seed, **shape):
        gen_s += time.perf_counter() - t_gen
        for i, st in enumerate(stores):
            t = time.perf_counter()
            st.save_batch(batch)
            write_s[i] += time.perf_counter() - t
        done += sum(len(e) for _a, e in batch)
        if progress and time.perf_counter() - last_report > 30:
            last_report = time.perf_counter()
            rates = ", ".join(f"{st.dialect} {done / w:,.0f} rows/s" for st, w in zip(stores, write_s, strict=True))
            print(f"    {done:,} events written ({rates})", file=sys.stderr, flush=True)
        t_gen = time.perf_counter()
    return {"events": done, "generate_s": gen_s, "write_s": write_s if isinstance(store, list) else write_s[0]}


def bulk_fill(store: Store, n_events: int, *, seed: int = 11, progress: bool = True, **shape: Any) -> dict[str, Any]:
    """Load ``n_events`` synthetic events (the batches ``fill`` writes) into an EMPTY store with
    ``Store.bulk_load``; its summary, with the seconds spent generating."""
    gen_s = 0.0
    last = [time.perf_counter()]

    def batches() -> Iterator[list[tuple[Article, list[Event]]]]:
        nonlocal gen_s
        it = generate(n_events, seed=seed, **shape)
        while True:
            t = time.perf_counter()
            b = next(it, None)
            gen_s += time.perf_counter() - t
            if b is None:
                return
            yield b

    def report(s: Any) -> None:
        if progress and time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"    {s.events:,} events loaded ({s.events / max(s.seconds, 1e-9):,.0f}/s, "
                  f"{s.seconds:.0f} s)", file=sys.stderr, flush=True)

    summary = store.bulk_load(batches(), progress=report)
    return {"events": summary.events, "generate_s": gen_s, "write_s": summary.seconds, "summary": summary}


#: columns that say when a row was written, not what it holds (differ between any two builds)
WRITE_TIME_COLUMNS = {"articles": ("extracted_at",)}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the store as sorted rows (floats rounded to 9 digits: sums of coordinates
    added in another order differ in the last bits), without the write-time columns."""
    from conflictmap.extract.schema import metadata
    from sqlalchemy import select

    out = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            skip = WRITE_TIME_COLUMNS.get(table.name, ())
            cols = [c for c in table.columns if c.name not in skip]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted((tuple(round(v, 9) if isinstance(v, float) else v for v in r) for r in rows),
                                     key=repr)
    return out


def compare_snapshots(a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """The tables that differ, each with a count and a first differing row (empty: identical)."""
    out = []
    for name in sorted(set(a) | set(b)):
        ra, rb = a.get(name, []), b.get(name, [])
        if ra != rb:
            only_a = sorted(set(ra) - set(rb), key=repr)
            only_b = sorted(set(rb) - set(ra), key=repr)
            out.append(f"{name}: {len(ra):,} vs {len(rb):,} rows; first only in one: "
                       f"{only_a[:1]} / {only_b[:1]}")
    return out


#: the check's archive: small batches over few places, so that many reports join incidents that
#: earlier batches founded (the part of the placing that depends on the batches), over half a year
CHECK_SHAPE: dict[str, Any] = {"batch_articles": 150, "n_places": 300, "start": date(2024, 7, 1)}


def check_bulk(server: Server | None, n: int, workdir: Path) -> list[dict[str, Any]]:
    """The same ``n`` synthetic events written through ``save_batch`` and loaded with
    ``bulk_load``, on SQLite (and PostgreSQL with ``server``): every table compared."""
    rows = []
    targets: list[tuple[str, Callable[[str], str]]] = []
    targets.append(("SQLite", lambda tag: str(workdir / f"check-{tag}-{n}.db")))
    if server is not None:
        targets.append(("PostgreSQL", lambda tag: server.create(f"check_{tag}_{n}")))
    for label, make in targets:
        paths = {tag: make(tag) for tag in ("batches", "bulk")}
        for p in paths.values():
            if "://" not in p:
                for suffix in ("", "-wal", "-shm"):
                    Path(p + suffix).unlink(missing_ok=True)
        a, b = Store(paths["batches"]), Store(paths["bulk"])
        t = time.process_time()
        ra = fill(a, n, progress=False, **CHECK_SHAPE)
        cpu_a = time.process_time() - t
        t = time.process_time()
        rb = bulk_fill(b, n, progress=False, **CHECK_SHAPE)
        cpu_b = time.process_time() - t
        sa_, sb_ = snapshot(a), snapshot(b)
        diffs = compare_snapshots(sa_, sb_)
        counts = {k: len(v) for k, v in sa_.items()}
        a.close()
        b.close()
        rows.append({"store": label, "events": ra["events"], "save_batch_s": ra["write_s"], "save_batch_cpu_s": cpu_a,
                     "bulk_s": rb["write_s"], "bulk_cpu_s": cpu_b, "tables": counts, "differences": diffs})
        print(f"  {label}: save_batch {ra['write_s']:.1f} s, bulk_load {rb['write_s']:.1f} s; "
              f"{'IDENTICAL' if not diffs else 'DIFFERENT: ' + '; '.join(diffs)} ({counts})",
              file=sys.stderr, flush=True)
    return rows


def check_table(rows: list[dict[str, Any]]) -> str:
    out = ["| store | events | save_batch s (CPU s of this process) | bulk_load s (CPU s) | incidents | "
           "rollup_place_month rows | tables identical |", "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['store']} | {r['events']:,} | {r['save_batch_s']:.1f} ({r['save_batch_cpu_s']:.1f}) | "
                   f"{r['bulk_s']:.1f} ({r['bulk_cpu_s']:.1f}) | {r['tables']['incidents']:,} | "
                   f"{r['tables']['rollup_place_month']:,} | "
                   f"{'yes, all ' + str(len(r['tables'])) if not r['differences'] else 'NO'} |")
    return "\n".join(out)


# -- the PostgreSQL server -------------------------------------------------------------------------
class Server:
    """Databases on a given server (``--pg-url``) or on one this benchmark starts."""

    def __init__(self, admin_url: str | None, keep: Path | None) -> None:
        self.admin_url = admin_url
        self.temp: Any = None
        if admin_url is None:
            from tests.pgserver import TempPostgres

            base = None if keep else "/var/tmp" if os.access("/var/tmp", os.W_OK) else None
            self.temp = TempPostgres(settings=PG_SETTINGS, directory=keep / "pg" if keep else None, base_dir=base)
            self.temp.start()

    def url(self, name: str) -> str:
        if self.temp is not None:
            return self.temp.url(name)
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        import psycopg

        url = self.temp.url("postgres") if self.temp is not None else self.admin_url
        from sqlalchemy.engine import make_url

        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database,
                             autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def exists(self, name: str) -> bool:
        import psycopg

        try:
            from sqlalchemy.engine import make_url

            u = make_url(self.url(name))
            with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=name):
                return True
        except psycopg.OperationalError:
            return False

    def create(self, name: str) -> str:
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')

    def describe(self) -> str:
        from sqlalchemy import create_engine, text

        eng = create_engine(self.url("postgres"))
        with eng.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
            settings = {k: conn.execute(text(f"SHOW {k}")).scalar() for k in
                        ("shared_buffers", "work_mem", "effective_cache_size", "max_parallel_workers_per_gather",
                         "random_page_cost", "synchronous_commit")}
        eng.dispose()
        return f"PostgreSQL {version} ({', '.join(f'{k}={v}' for k, v in settings.items())})"

    def stop(self) -> None:
        if self.temp is not None:
            self.temp.stop()


# -- bulk load -------------------------------------------------------------------------------------
def bulk_load(server: Server, n: int, *, with_sqlite: bool, workdir: Path) -> list[dict[str, Any]]:
    """Load ``n`` events into an empty PostgreSQL store (and, for reference, a SQLite file)."""
    rows = []
    name = f"load_{n}"
    store = Store(server.create(name))
    geometry = store.has_geometry
    print(f"  bulk load: {n:,} events into PostgreSQL (COPY) …", file=sys.stderr, flush=True)
    r = fill(store, n)
    with store.engine.connect() as conn:
        from sqlalchemy import text

        size = conn.execute(text("SELECT pg_total_relation_size('events') + pg_total_relation_size('event_actors')"
                                 " + pg_total_relation_size('articles')")).scalar()
        actor_rows = conn.execute(text("SELECT count(*) FROM event_actors")).scalar()
    store.close()
    server.drop(name)
    rows.append({"store": "PostgreSQL" + (" + PostGIS" if geometry else ""), "events": r["events"],
                 "write_s": r["write_s"], "rate": r["events"] / r["write_s"], "size_mb": size / 1e6,
                 "articles": -(-r["events"] // 5), "actor_rows": actor_rows, "generate_s": r["generate_s"]})
    if with_sqlite:
        path = workdir / f"load-{n}.db"
        path.unlink(missing_ok=True)
        print(f"  bulk load: {n:,} events into SQLite (executemany) …", file=sys.stderr, flush=True)
        lite = Store(path)
        r = fill(lite, n)
        lite.close()
        rows.append({"store": "SQLite (WAL)", "events": r["events"], "write_s": r["write_s"],
                     "rate": r["events"] / r["write_s"], "size_mb": path.stat().st_size / 1e6,
                     "generate_s": r["generate_s"]})
        for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            p.unlink(missing_ok=True)
    return rows


def load_table(rows: list[dict[str, Any]]) -> str:
    out = ["| store | events | write time s | events/s | size on disk MB |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['store']} | {r['events']:,} | {r['write_s']:.0f} | **{r['rate']:,.0f}** | "
                   f"{r['size_mb']:,.0f} |")
    return "\n".join(out)


# -- the query stores ------------------------------------------------------------------------------
def query_stores(server: Server, n: int, n_sqlite: int, directory: Path, *,
                 bulk: bool = True) -> tuple[str | None, Path | None]:
    """The PostgreSQL store of ``n`` events and the SQLite one of ``n_sqlite`` (built when missing,
    from the same generator; the batches are written to both in one pass when both are missing)."""
    name = f"q{n}_v{GENERATOR_VERSION}"
    marker = directory / f"{name}.done"
    pg_ready = n == 0 or (marker.exists() and server.exists(name))
    lite = directory / f"sqlite-{n_sqlite}-v{GENERATOR_VERSION}.db" if n_sqlite else None
    lite_ready = lite is None or lite.exists()
    todo: list[Store] = []
    part = lite.with_suffix(".partial.db") if lite is not None else None
    if not pg_ready:
        todo.append(Store(server.create(name)))
    same = not lite_ready and n_sqlite == n
    if same and part is not None:
        part.unlink(missing_ok=True)
        todo.append(Store(part))
    if todo and bulk:
        for st in todo:
            print(f"  loading the {n:,}-event {st.dialect} store (Store.bulk_load; once, --keep reuses it) …",
                  file=sys.stderr, flush=True)
            r = bulk_fill(st, n)
            sm = r["summary"]
            print(f"    {st.dialect}: {sm.events:,} events, {sm.incidents:,} incidents in {sm.seconds:.0f} s "
                  f"(rows {sm.load_s:.0f} s of which generating {r['generate_s']:.0f} s, indexes {sm.index_s:.0f} s, "
                  f"incidents + rollups {sm.derived_s:.0f} s, VACUUM/ANALYZE {sm.optimize_s:.0f} s)",
                  file=sys.stderr, flush=True)
            st.close()
        if not pg_ready:
            marker.write_text("ok")
        if same and part is not None and lite is not None:
            part.rename(lite)
    elif todo:
        print(f"  building the {n:,}-event store(s): {', '.join(s.dialect for s in todo)} (once; --keep reuses "
              "them) …", file=sys.stderr, flush=True)
        t = time.perf_counter()
        fill(todo, n)
        for st in todo:
            t_opt = time.perf_counter()
            st.optimize()
            print(f"    {st.dialect}: VACUUM/ANALYZE {time.perf_counter() - t_opt:.0f} s", file=sys.stderr)
            st.close()
        print(f"  built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        if not pg_ready:
            marker.write_text("ok")
        if same and part is not None and lite is not None:
            part.rename(lite)
    if lite is not None and not lite.exists() and part is not None:
        part.unlink(missing_ok=True)
        st = Store(part)
        print(f"  building the {n_sqlite:,}-event SQLite store …", file=sys.stderr, flush=True)
        if bulk:
            bulk_fill(st, n_sqlite)
        else:
            fill(st, n_sqlite)
            st.optimize()
        st.close()
        part.rename(lite)
    return (server.url(name) if n else None), lite


# -- dashboard queries -----------------------------------------------------------------------------
def views_for(engine: Any) -> list[tuple[str, Any]]:
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState, add_months

    s = D.summary(engine)
    hi = s.max_date
    assert hi is not None and s.min_date is not None
    top = D.facet_counts(engine, ViewState(date_from=s.min_date, date_to=hi), "actor")
    actor = str(top["value"].iloc[0])
    def window(months: int) -> ViewState:
        return ViewState(date_from=add_months(hi, -months) + timedelta(days=1), date_to=hi)
    return [
        ("last month (first view)", window(1)),
        ("last month + actor", replace(window(1), actors=(actor,))),
        ("last quarter + actor", replace(window(3), actors=(actor,))),
        ("last year + actor", replace(window(12), actors=(actor,))),
        ("all 10 years + actor", replace(ViewState(date_from=s.min_date, date_to=hi), actors=(actor,))),
        ("all 10 years, events only", ViewState(date_from=s.min_date, date_to=hi, include_mentions=False)),
        ("all 10 years, battles + actor", ViewState(date_from=s.min_date, date_to=hi, actors=(actor,),
                                                    event_types=("Battles",), include_mentions=False)),
    ]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _timed_cpu(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall seconds, CPU seconds of this process (all its threads; SQLite works inside it, a
    PostgreSQL server does not) and the result."""
    gc.collect()
    c = time.process_time()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


def measure(engine: Any, view: Any, repeat: int, slow_s: float = 20.0) -> dict[str, Any]:
    """The map's data (``load_map_data``) and the rest of the page after a filter change."""
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard import mapview as MV

    maps, pages, cpus = [], [], []
    data = None
    # the chart's bars: months beyond a year and a half (dashboard.charts.bucket_for), else days
    grain = "month" if view.date_from and view.date_to and (view.date_to - view.date_from).days > 550 else "day"
    for _ in range(repeat):
        t_map, cpu, data = _timed_cpu(lambda: MV.load_map_data(engine, view))
        cpus.append(cpu)
        t_rest, _ = _timed(lambda: (D.count_events(engine, view), D.timeline_counts(engine, view, grain),
                                    D.events_table(engine, view, 2000)))
        maps.append(t_map)
        pages.append(t_map + t_rest)
        if t_map + t_rest > slow_s:  # one run of a slow view is enough to know it is slow
            break
    assert data is not None
    return {"map_first_s": maps[0], "map_s": min(maps), "map_cpu_s": min(cpus), "page_s": min(pages),
            "runs": len(maps),
            "events": data.n_events, "places": len(data.places), "popups": bool(data.recent)}


def explain(engine: Any, view: Any) -> str:
    """EXPLAIN (ANALYZE) of the per-place aggregation of ``view`` on PostgreSQL."""
    from conflictmap.dashboard import data as D
    from sqlalchemy import text

    stmt = D.raw_place_statement(view, D.backend(engine))
    sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        return "\n".join(r[0] for r in conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql)))


def query_table(rows: list[dict[str, Any]]) -> str:
    out = ["| store | events in store | view | events shown | places | map data s | first run s | "
           "map CPU s of this process | page s (map + count + timeline + table) |",
           "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['store']} | {r['size']:,} | {r['view']} | {r['events']:,} | {r['places']:,} | "
                   f"**{r['map_s']:.2f}** | {r['map_first_s']:.2f} | {r.get('map_cpu_s', float('nan')):.2f} | "
                   f"{r['page_s']:.2f} |")
    return "\n".join(out)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--load-events", type=int, default=1_000_000, help="bulk load size (0: skip)")
    ap.add_argument("--load-sqlite", action="store_true", help="also time the same load into SQLite")
    ap.add_argument("--query-events", type=int, default=10_000_000,
                    help="PostgreSQL store size for the queries (0: no PostgreSQL queries)")
    ap.add_argument("--sqlite-events", type=int, default=None,
                    help="SQLite store size for the same queries (default: --query-events; 0: skip SQLite)")
    ap.add_argument("--pg-url", help="a PostgreSQL server where this benchmark may create databases "
                                     "(URL of its 'postgres' database); default: start one from Debian's packages")
    ap.add_argument("--keep", type=Path, help="keep the stores (and the started server's data) here, and reuse them")
    ap.add_argument("--repeat", type=int, default=3, help="runs per view; the best is reported")
    ap.add_argument("--explain", action="store_true", help="print PostgreSQL's plan of each view's map query")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    ap.add_argument("--build", choices=("bulk", "batches"), default="bulk",
                    help="build missing query stores with Store.bulk_load (default) or save_batch per batch")
    ap.add_argument("--check-bulk", type=int, default=0, metavar="N",
                    help="write N events both through save_batch and with bulk_load and compare every table")
    args = ap.parse_args(argv)
    n_sqlite = args.query_events if args.sqlite_events is None else args.sqlite_events

    keep = args.keep.resolve() if args.keep else None
    tmp = None if keep else Path(tempfile.mkdtemp(prefix="cm-scale-store-", dir="/var/tmp" if os.access(
        "/var/tmp", os.W_OK) else None))
    workdir = keep or tmp
    assert workdir is not None
    workdir.mkdir(parents=True, exist_ok=True)
    load_avg = os.getloadavg()
    try:
        server = Server(args.pg_url, keep)
    except Exception as exc:
        print(f"PostgreSQL is not available, nothing measured: {exc}", file=sys.stderr)
        return 2
    result: dict[str, Any] = {"machine": machine(), "server": server.describe()}
    try:
        if args.check_bulk:
            result["check"] = check_bulk(server, args.check_bulk, workdir)
        if args.load_events:
            result["load"] = bulk_load(server, args.load_events, with_sqlite=args.load_sqlite, workdir=workdir)
        if args.query_events or n_sqlite:
            from conflictmap.dashboard import data as D

            pg_url, lite = query_stores(server, args.query_events, n_sqlite, workdir, bulk=args.build == "bulk")
            rows = []
            for label, url, size in (("PostgreSQL", pg_url, args.query_events),
                                     ("SQLite", str(lite) if lite else None, n_sqlite)):
                if url is None:
                    continue
                store = D.open_store(url)
                for view_label, view in views_for(store.engine):
                    r = measure(store.engine, view, args.repeat)
                    rows.append({"store": label, "size": size, "view": view_label, **r})
                    print(f"  {label:<10} {size:>11,} {view_label:<26} map {r['map_s']:.2f} s  page "
                          f"{r['page_s']:.2f} s  ({r['events']:,} events, {r['places']:,} places)",
                          file=sys.stderr, flush=True)
                    if args.explain and store.is_postgres:
                        print(explain(store.engine, view), file=sys.stderr)
                store.close()
            result["queries"] = rows
    finally:
        server.stop()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"Machine: {result['machine']}; {result['server']}; load average at start "
          f"{' '.join(f'{x:.2f}' for x in load_avg)}, at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n")
    if "check" in result:
        print(f"save_batch per batch vs Store.bulk_load into an empty store (same batches; every table, "
              f"sorted, floats to 9 digits, articles.extracted_at left out):\n\n{check_table(result['check'])}\n")
    if "load" in result:
        print(f"Bulk load (Store.save_batch, 2,000 articles ≈ 10,000 events per transaction; indexes, foreign "
              f"keys and the PostGIS geometry maintained):\n\n{load_table(result['load'])}\n")
    if "queries" in result:
        print("Dashboard after a filter change (server side; best of "
              f"{args.repeat}, 'first run' is the first of them):\n\n{query_table(result['queries'])}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
