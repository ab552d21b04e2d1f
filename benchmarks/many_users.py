"""Many users at once: N headless Chromium sessions on one dashboard while a writer adds articles.

    python benchmarks/many_users.py                                   # 20 sessions, ~500k events
    python benchmarks/many_users.py --sessions 5 --keep /tmp/stores   # quick run, store kept
    python benchmarks/many_users.py --no-writer --sessions 1          # one user alone

What it does:

1. Builds (or, with ``--keep DIR``, reuses) a synthetic SQLite store of ``--events`` events with
   ``benchmarks/dashboard.py``'s generator, and runs on a copy of it (the writer changes the copy).
2. Starts the real dashboard (``streamlit run`` of the installed ``dashboard/app.py``, the flags of
   ``conflictmap dashboard``) headless on a free loopback port, with ``CONFLICTMAP_RUN_LOG`` set.
3. Starts a writer process that adds ``--writer-articles`` synthetic articles (published in the
   store's last year: the months the first view shows) to the same store through
   ``Store.save_batch``, ``--batch`` articles per commit, ``--writer-pause`` seconds apart.
4. Drives ``--sessions`` concurrent sessions in Debian's Chromium through Playwright (one browser,
   one context per session, 1366×768, every request off the loopback blocked). The driver and the
   browser run at a real lower priority so the server and the writer get the CPU first on a small
   machine: with ``--browser-priority idle`` (the default) Linux's ``SCHED_IDLE`` (they get a
   CPU only when nothing else wants it; far stronger than any niceness: a niced-to-10 browser
   still took half a core from the server), with ``nice`` only ``--nice``. Either is inherited by
   every browser process, and every Chromium thread is set back to it each second (run as root,
   Chromium raises some of its own threads). The writer runs at normal priority. One page load warms
   the server up first (its imports; not counted, ``--no-warmup`` counts it); the writer starts
   with the sessions. Each session opens its own view URL
   (the first view, an actor filter over all dates, all dates, the density view, a year, a country,
   a search, colours by kind, an event type when the URL has such a parameter) and then changes the
   view (a step forward, the density switch, a step back, …) at least ``--changes`` times and until
   the writer has finished.

**Server time per view** is what the server spends on each run of the page script (a page load or
a view change), measured inside the server: ``dashboard/runlog.py`` appends each script run's wall
time (and its thread's CPU time) to the run log when ``CONFLICTMAP_RUN_LOG`` is set. Wall time
includes waiting for the other sessions' threads (one process, one GIL): it is what a user waits
for. Runs that Streamlit cut short because the same user changed the view again are counted
apart, and each session's first view (cold caches, every session at once) is reported beside the
views after it. The machine's load average and the server's share of a core are printed too: on a
shared machine the wall times are mostly waiting for a CPU, the CPU per view is what the code costs. The browser's time (from navigation or click until the app is idle, connected and the map
frame is on the page) is reported beside it.

**Errors**: page errors (uncaught JavaScript), the component timeout ("Your app is having trouble
loading …"), exceptions the app shows, views not finished within ``--view-timeout``, and websockets
to ``/_stcore/stream`` that closed while the session was in use (Playwright's websocket ``close``).
``--cold-pages`` measures instead what each of those views costs alone, cold: the page run in
Streamlit's AppTest in this process with every Streamlit cache cleared, the process's CPU time
(every thread: the page and the queries it runs beside it) of that run, then of the same view again
(cached), least of ``--repeat``; the cold minus the cached run is what a new view costs the server.
With ``--burst`` also the views one after the other from a single clearing (what one view
computed stays for the next, as when twenty sessions open them at once), and the sum.

**Process CPU**: the page thread's CPU above leaves out the view's queries on thread pools and
whatever the server computes in its view worker processes (``dashboard/workers.py``); the report
also gives the CPU of the server *and every process under it* over the run (``/proc``: user +
system of each, the ended ones through their parent's ``cutime``/``cstime``) divided by the script
runs, the process CPU per view. ``--cold-pages`` counts the workers under this process the same way.

**Memory**: the server's peak RSS (``VmHWM``). **Writer**: exit status, articles added, and
``PRAGMA integrity_check`` of the store afterwards. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--disable-extensions"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TROUBLE = "having trouble loading"
IDLE_JS = """() => { const a = document.querySelector('[data-testid=stApp]');
                     return !!a && a.getAttribute('data-test-script-state') === 'notRunning'
                            && a.getAttribute('data-test-connection-state') === 'CONNECTED'; }"""
RUNNING_JS = """() => { const a = document.querySelector('[data-testid=stApp]');
                        return !!a && a.getAttribute('data-test-script-state') === 'running'; }"""
STARTUP_S = 120


def _bench_dashboard() -> Any:
    """benchmarks/dashboard.py (its store generator), imported by path: ``dashboard`` on sys.path
    would be the app's package folder."""
    spec = importlib.util.spec_from_file_location("bench_dashboard", Path(__file__).with_name("dashboard.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_dashboard"] = mod
    spec.loader.exec_module(mod)
    return mod


# -- the writer (a subprocess: ``many_users.py --write DB ...``) ---------------------------------
def write(db: Path, n_events: int, articles: int, batch: int, pause: float, start: date, end: date) -> int:
    """Add ``articles`` articles in commits of ``batch``: the same places as the store, new ids."""
    B = _bench_dashboard()
    from conflictmap.extract.store import Store

    places = B.make_places(2500, random.Random(7 + n_events))  # build_store's places (seed 7)
    store = Store(db)
    t0 = time.perf_counter()
    chunk: list[Any] = []
    commits = 0
    for item in B.iter_articles(articles, seed=12345, places=places, start=start, end=end, prefix="live"):
        chunk.append(item)
        if len(chunk) >= batch:
            store.save_batch(chunk)
            commits += 1
            chunk = []
            time.sleep(pause)
    if chunk:
        store.save_batch(chunk)
        commits += 1
    store.close()
    print(json.dumps({"articles": articles, "commits": commits, "seconds": round(time.perf_counter() - t0, 1)}))
    return 0


# -- CPU of a process and of the processes under it --------------------------------------------
def proc_cpu_s(pid: int, *, children: bool = False) -> float | None:
    """user + system CPU seconds of ``pid`` (every thread); with ``children`` also of its children
    that ended and were waited for (``cutime`` + ``cstime``). None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children, their children, ...)."""
    children: dict[int, list[int]] = {}
    for child, (ppid, _comm) in _proc_table().items():
        children.setdefault(ppid, []).append(child)
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            out.append(child)
            todo.append(child)
    return out


def tree_cpu_s(pid: int, *, include_self: bool = True) -> float | None:
    """CPU seconds of ``pid`` and of every process under it, those that ended included (through
    their parents' ``cutime``): the whole cost of a server that computes in worker processes."""
    own = proc_cpu_s(pid, children=True) if include_self else None
    if include_self and own is None:
        return None
    total = own or 0.0
    for child in descendants(pid):
        total += proc_cpu_s(child, children=True) or 0.0
    return total


# -- pinning: the browsers on some CPUs, the server, its workers and the writer on the others ------
def parse_cpus(text: str) -> set[int]:
    """A CPU list as Linux writes it ("0", "1-3", "0,2"), checked against the CPUs this process may use."""
    cpus: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        try:
            cpus.update(range(int(lo), int(hi or lo) + 1))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a CPU list: {text!r} (e.g. 0, 1-3, 0,2)") from None
    allowed = os.sched_getaffinity(0)
    if not cpus or not cpus <= allowed:
        raise argparse.ArgumentTypeError(f"CPUs {text!r}: this machine offers {_fmt_cpus(allowed)}")
    return cpus


def _fmt_cpus(cpus: set[int] | frozenset[int]) -> str:
    return ",".join(map(str, sorted(cpus)))


def _cpus_of(pid: int) -> str:
    try:
        return _fmt_cpus(os.sched_getaffinity(pid))
    except OSError:
        return "gone"


def _pinned(cpus: set[int] | None, then: Any = None) -> Any:
    """A ``preexec_fn`` that keeps the child (and every process it starts: the affinity is
    inherited) on ``cpus``, then calls ``then``."""
    def pin() -> None:
        if cpus:
            os.sched_setaffinity(0, cpus)
        if then is not None:
            then()
    return pin if cpus or then is not None else None


def pin_plan(args: argparse.Namespace) -> tuple[set[int] | None, set[int] | None]:
    """(the server's CPUs, the browsers'): either given, the other gets the rest."""
    allowed = os.sched_getaffinity(0)
    server, browsers = args.pin_server, args.pin_browsers
    if server is None and browsers is None:
        return None, None
    server = server or (allowed - browsers)
    browsers = browsers or (allowed - server)
    if not server or not browsers:
        raise SystemExit(f"pinning needs CPUs for both the server and the browsers (this machine offers "
                         f"{_fmt_cpus(allowed)})")
    return set(server), set(browsers)


# -- the server ---------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, db: Path, run_log: Path, log: Path, cpus: set[int] | None = None,
                 view_workers: int | None = None) -> None:
        from conflictmap.dashboard.assets import ensure_assets
        from conflictmap.dashboard.launch import dashboard_env, streamlit_command

        ensure_assets()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dashboard_env(str(db))
        env["CONFLICTMAP_RUN_LOG"] = str(run_log)
        env["CONFLICTMAP_DEMO_DB"] = os.devnull + ".no-demo.db"
        if view_workers is not None:
            env["CONFLICTMAP_VIEW_WORKERS"] = str(view_workers)
        self._logf = open(log, "wb")  # noqa: SIM115 (closed in stop)
        self.log = log
        self.proc = subprocess.Popen(streamlit_command(self.port, headless=True, address="127.0.0.1"), env=env,
                                     stdout=self._logf, stderr=subprocess.STDOUT,
                                     cwd=log.parent, preexec_fn=_pinned(cpus))
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"the dashboard did not start; its log: {log}")

    def peak_rss_mb(self) -> float | None:
        return peak_rss_mb(self.proc.pid)

    def workers_peak_rss_mb(self) -> list[float]:
        """Peak RSS of each process under the server (the forkserver and the view workers)."""
        return [m for m in map(peak_rss_mb, descendants(self.proc.pid)) if m is not None]

    def cpu_s(self) -> float | None:
        """CPU seconds the server process has used (user + system, all threads; not its children)."""
        return proc_cpu_s(self.proc.pid)

    def tree_cpu_s(self) -> float | None:
        """CPU seconds of the server and every process under it (the view workers and the
        forkserver that starts them; those that ended counted through their parent)."""
        return tree_cpu_s(self.proc.pid)

    def cpus(self) -> dict[str, str]:
        """The CPUs the server and each process under it may run on (read back from Linux)."""
        out = {"server": _cpus_of(self.proc.pid)}
        for pid in descendants(self.proc.pid):
            out[f"pid {pid} under it"] = _cpus_of(pid)
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._logf.close()


# -- the sessions ---------------------------------------------------------------------------------
@dataclass
class Step:
    session: int
    action: str
    browser_s: float | None  # None: the view did not finish in time
    error: str | None = None


@dataclass
class Session:
    index: int
    start_query: str
    steps: list[Step] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    ws_closed: list[str] = field(default_factory=list)
    trouble: int = 0
    exceptions: int = 0
    driver_errors: list[str] = field(default_factory=list)


def start_views(lo: date, hi: date, top_actor: str) -> list[tuple[str, str]]:
    """(label, query) of the views the sessions open, in turn."""
    from conflictmap.dashboard.filters import PARAMS

    every = {"from": lo.isoformat(), "to": hi.isoformat()}
    year = {"from": (hi - timedelta(days=365)).isoformat(), "to": hi.isoformat()}
    views = [
        ("first view", {}),
        ("actor, all dates", {**every, "actor": top_actor}),
        ("all dates", every),
        ("all dates, density", {**every, "density": "hex"}),
        ("last year", year),
        ("country, two years", {"from": (hi - timedelta(days=730)).isoformat(), "to": hi.isoformat(),
                                "country": "ML"}),
        ("search, last year", {**year, "q": "airport"}),
        ("a quarter of 2019, actor", {"from": "2019-04-01", "to": "2019-06-30", "actor": top_actor}),
        ("colour by kind", {"color": "kind"}),
    ]
    etype = next((p for p in PARAMS if "type" in p), None)  # the event-type filter, where the URL has one
    if etype:
        views.append(("event type, all dates", {**every, etype: "Battles"}))
    return [(label, "?" + urlencode(q) if q else "") for label, q in views]


def cold_pages(db: Path, views: list[tuple[str, str]], repeat: int, burst: bool = False) -> list[dict[str, Any]]:
    """Each view's page alone in AppTest: process CPU of a run with every cache cleared (cold) and
    of a run right after it (cached), least of ``repeat`` each (see the module's docstring).
    ``burst``: also the views in order from one clearing, caches shared between them (``burst_s``)
    and each again after them all (``burst_cached_s``): what twenty sessions opening them at once
    make the server compute."""
    from urllib.parse import parse_qs

    import streamlit as st
    from conflictmap.dashboard.launch import app_path
    from streamlit.testing.v1 import AppTest

    os.environ["CONFLICTMAP_DB"] = str(db)
    os.environ["CONFLICTMAP_DEMO_DB"] = os.devnull + ".no-demo.db"

    own: list[float] = []  # of each run: this process's CPU alone (the rest: the view workers)

    def cpu() -> tuple[float, float]:  # this process, and the view workers under it (ticks of 10 ms)
        return time.process_time(), tree_cpu_s(os.getpid(), include_self=False) or 0.0

    def run(query: str) -> tuple[float, bool]:
        at = AppTest.from_file(str(app_path()), default_timeout=600)
        for k, v in parse_qs(query.lstrip("?")).items():
            at.query_params[k] = v if len(v) > 1 else v[0]
        (p0, w0) = cpu()
        at.run()
        (p1, w1) = cpu()
        own.append(p1 - p0)
        return (p1 - p0) + (w1 - w0), bool(at.exception)

    run("")  # imports, the store, the summary
    rows = []
    for label, query in views:
        cold, warm, failed = [], [], False
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            run("?from=2000-01-01&to=2000-01-02")  # the store, summary and assets again, not the view
            c, e1 = run(query)
            w, e2 = run(query)
            cold.append(c)
            warm.append(w)
            failed = failed or e1 or e2
        rows.append({"view": label, "cold_s": min(cold), "cached_s": min(warm), "exception": failed})
        print(f"  {label:<28} cold {min(cold):.3f} s  cached {min(warm):.3f} s{'  EXCEPTION' if failed else ''}",
              file=sys.stderr)
    if burst:
        # what a burst of sessions sees: the views one after the other WITHOUT clearing between
        # them (what one view computed, the next may reuse), then all of them again (cached)
        burst_cold: list[list[float]] = [[] for _ in views]
        burst_warm: list[list[float]] = [[] for _ in views]
        burst_own: list[list[float]] = [[] for _ in views]
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            run("?from=2000-01-01&to=2000-01-02")
            for i, (_label, query) in enumerate(views):
                c, e = run(query)
                burst_cold[i].append(c)
                burst_own[i].append(own[-1])
                rows[i]["exception"] = rows[i]["exception"] or e
            for i, (_label, query) in enumerate(views):
                w, e = run(query)
                burst_warm[i].append(w)
                rows[i]["exception"] = rows[i]["exception"] or e
        for i, r in enumerate(rows):
            r["burst_s"], r["burst_cached_s"] = min(burst_cold[i]), min(burst_warm[i])
            r["burst_server_s"] = burst_own[i][burst_cold[i].index(r["burst_s"])]
            print(f"  burst {r['view']:<22} {r['burst_s']:.3f} s  cached {r['burst_cached_s']:.3f} s", file=sys.stderr)
    return rows


def _js_error(exc: Any) -> str:
    """An uncaught error of the page: its message and where it was thrown (the stack's top)."""
    stack = [line.strip() for line in (getattr(exc, "stack", "") or "").splitlines()[1:3]]
    return (str(getattr(exc, "message", exc))[:160] + (" " + " ".join(stack) if stack else ""))[:400]


async def _wait_view(page: Any, timeout_s: float, *, started: bool = False) -> None:
    """The run the action started has finished: the app idle and connected, the map frame there."""
    if not started:
        # the run starts a moment after a click; a fast one may be over before we look (a timeout)
        with contextlib.suppress(Exception):
            await page.wait_for_function(RUNNING_JS, timeout=3000, polling=50)
    await page.wait_for_function(IDLE_JS, timeout=timeout_s * 1000, polling=100)
    await page.wait_for_selector(MAP_FRAME, state="attached", timeout=timeout_s * 1000)


async def _click(page: Any, action: str, timeout_s: float) -> bool:
    """Change the view like a user: a step of the window or the density switch. False: not found."""
    if action in ("forward", "back"):
        btn = page.get_by_role("button", name="Forward" if action == "forward" else "Back", exact=True)
    else:  # the density switch: whichever of its two options is not selected
        side = page.locator("[data-testid=stSidebar]")
        btn = side.get_by_role("radio", name="density" if action == "density" else "points", exact=True)
    try:  # a starved browser may not have drawn the controls yet when the last view got ready
        await btn.first.wait_for(state="attached", timeout=min(30.0, timeout_s) * 1000)
    except Exception:
        return False
    await btn.first.click(timeout=timeout_s * 1000)  # a starved browser is slow to make it clickable
    return True


async def run_session(browser: Any, app_url: str, s: Session, args: argparse.Namespace, writer_done: asyncio.Event,
                      rng: random.Random) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})

    async def route(r: Any) -> None:
        from urllib.parse import urlsplit

        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            await r.continue_()
        else:
            await r.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    in_use = True
    page.on("pageerror", lambda e: s.page_errors.append(_js_error(e)))

    def on_ws(ws: Any) -> None:
        if "_stcore/stream" in ws.url:
            ws.on("close", lambda _ws: s.ws_closed.append(f"{time.time():.1f}") if in_use else None)

    page.on("websocket", on_ws)
    await asyncio.sleep(rng.uniform(0, args.stagger))
    actions = ["forward", "density", "back", "points", "forward", "back"]
    step_no = 0
    try:
        t0 = time.perf_counter()
        await page.goto(app_url + "/" + s.start_query, timeout=args.view_timeout * 1000)
        await _wait_view(page, args.view_timeout, started=True)
        s.steps.append(Step(s.index, "open", time.perf_counter() - t0))
        while step_no < args.changes or (not writer_done.is_set() and step_no < args.max_changes):
            await asyncio.sleep(rng.uniform(*args.think))
            action = actions[step_no % len(actions)]
            step_no += 1
            t0 = time.perf_counter()
            if not await _click(page, action, args.view_timeout):
                s.driver_errors.append(f"no control for {action}")
                continue
            await _wait_view(page, args.view_timeout)
            s.steps.append(Step(s.index, action, time.perf_counter() - t0))
            s.trouble += await page.get_by_text(TROUBLE).count()
            s.exceptions += await page.locator("[data-testid=stException]").count()
    except Exception as exc:  # a view that never finished: reported, the other sessions go on
        s.steps.append(Step(s.index, "timeout", None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"))
        with contextlib.suppress(Exception):
            s.trouble += await page.get_by_text(TROUBLE).count()
    finally:
        in_use = False
        await context.close()


async def drive(app_url: str, sessions: list[Session], args: argparse.Namespace,
                writer_start: Any) -> dict[str, Any]:
    """Warm up, start the writer (``writer_start()``, or None), run the sessions until all are done."""
    from playwright.async_api import async_playwright

    writer_done = asyncio.Event()
    writer: subprocess.Popen | None = None

    async def watch_writer() -> None:
        while writer is not None and writer.poll() is None:
            await asyncio.sleep(0.5)
        writer_done.set()

    rng = random.Random(42)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        done = asyncio.Event()
        nices: set[str] = set()

        loads: list[float] = []

        async def keep_browser_niced() -> None:  # renderers come and go: every second
            while not done.is_set():
                nices.update(lower_browser(args.nice, args.browser_priority == "idle", args.browser_cpus))
                loads.append(os.getloadavg()[0])
                await asyncio.sleep(1.0)

        nicer = asyncio.create_task(keep_browser_niced())
        if args.warmup:  # one page load first: the server imports the app's modules on its first run
            context = await browser.new_context()
            page = await context.new_page()
            await page.goto(app_url + "/", timeout=args.view_timeout * 1000)
            await _wait_view(page, args.view_timeout, started=True)
            await context.close()
        since = time.time()
        if writer_start is not None:
            writer = writer_start()
        watcher = asyncio.create_task(watch_writer())
        await asyncio.gather(*(run_session(browser, app_url, s, args, writer_done, random.Random(rng.random()))
                               for s in sessions))
        await watcher
        done.set()
        await nicer
        await browser.close()
    return {"browser_nice": sorted(nices), "since": since, "writer_proc": writer,
            "load": statistics.mean(loads) if loads else float("nan"), "until": time.time()}


def _proc_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command name) of every process."""
    out = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            comm = stat.split("(", 1)[1].rsplit(")", 1)[0]
            out[int(proc.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), comm)
    return out


def browser_threads() -> list[int]:
    """Thread ids of the Chromium processes started under this process."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _comm) in table.items():
        children.setdefault(ppid, []).append(pid)
    todo, tids = [os.getpid()], []
    while todo:
        pid = todo.pop()
        for child in children.get(pid, ()):
            todo.append(child)
            if "chrom" in table[child][1]:
                with contextlib.suppress(OSError):
                    tids += [int(t.name) for t in Path(f"/proc/{child}/task").iterdir()]
    return tids


def lower_browser(nice: int, idle: bool, cpus: set[int] | None = None) -> list[str]:
    """Put every thread of our Chromium at ``nice`` (and, with ``idle``, under ``SCHED_IDLE``): the
    browser inherits the driver's priority, but (run as root) it raises some of its own threads
    (-8 for its compositor and IO), which would then take the CPU from the server. Returns how
    each thread runs afterwards ("idle" or "nice N", and its CPUs)."""
    out = []
    for tid in browser_threads():
        with contextlib.suppress(OSError):
            if os.getpriority(os.PRIO_PROCESS, tid) != nice:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
            if idle and os.sched_getscheduler(tid) != os.SCHED_IDLE:
                os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
            if cpus and os.sched_getaffinity(tid) != cpus:  # (some were found on the server's CPU alone)
                os.sched_setaffinity(tid, cpus)
            policy = os.sched_getscheduler(tid)
            out.append(("idle" if policy == os.SCHED_IDLE else f"nice {os.getpriority(os.PRIO_PROCESS, tid)}")
                       + f" on CPUs {_cpus_of(tid)}")
    return out


def lower_driver(nice: int, idle: bool) -> str:
    """This process (the driver; Playwright's node and Chromium inherit it) at the browsers' priority."""
    os.nice(nice)
    if idle:
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError as exc:
            return f"nice {nice} (SCHED_IDLE refused: {exc})"
        return f"SCHED_IDLE, nice {nice}"
    return f"nice {nice}"


# -- the report -------------------------------------------------------------------------------
def _normal_priority() -> None:
    """The writer competes with the server as an extraction would: not at the driver's priority
    (raising it back needs the privilege; without it the writer stays niced or idle)."""
    with contextlib.suppress(OSError):
        os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, 0)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def read_runs(path: Path, since: float) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        if r.get("t", 0) >= since:
            runs.append(r)
    return runs


def integrity(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        live = con.execute("SELECT count(*) FROM articles WHERE id LIKE 'live-%'").fetchone()[0]
    finally:
        con.close()
    return str(ok), int(live)


def _process_cpu_line(res: dict[str, Any], n_runs: int) -> str:
    """The server's process CPU per view: the CPU of the server and every process under it (its
    view workers) over the run, divided by the script runs (completed and cut short): what a view
    costs the machine, the queries on thread pools and in workers included — the thread figure
    above counts only the page's own thread."""
    tree = res.get("server_tree_cpu")
    if tree is None or not n_runs:
        return "| server process CPU per view (server + workers over the run / script runs) | ? |"
    return (f"| server process CPU per view (server + workers over the run / {n_runs} script runs) | "
            f"**{tree / n_runs:.2f} s** |")


def report(res: dict[str, Any]) -> str:
    runs = [r for r in res["runs"] if r["outcome"] == "ok"]
    cut = [r for r in res["runs"] if r["outcome"] != "ok"]
    wall = [r["s"] for r in runs]
    first: dict[Any, dict[str, Any]] = {}
    for r in sorted(runs, key=lambda r: r["t"]):
        first.setdefault(r.get("session"), r)
    opens = [r["s"] for r in first.values()]
    changes = [r["s"] for r in runs if first.get(r.get("session")) is not r]
    cpu = [r["cpu"] for r in runs]
    steps = [st for s in res["sessions"] for st in s.steps]
    bt = [st.browser_s for st in steps if st.browser_s is not None]
    timeouts = [st for st in steps if st.browser_s is None]
    sessions: list[Session] = res["sessions"]
    errors = {
        "page errors": sum(len(s.page_errors) for s in sessions),
        "component timeouts (\"having trouble loading\")": sum(s.trouble for s in sessions),
        "exceptions shown": sum(s.exceptions for s in sessions),
        "views not finished in time": len(timeouts),
        "websockets closed while in use": sum(len(s.ws_closed) for s in sessions),
        "controls not found (driver)": sum(len(s.driver_errors) for s in sessions),
    }
    w = res["writer"]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}; "
        f"SQLite store of {res['events']:,} events; {len(sessions)} sessions in headless Chromium "
        f"(driver and browser at {res['priority']}; the browser's threads: {res['browser_nice'] or '?'}); "
        f"writer: {w['label']}.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| server time per view, p50 / p95 / max | **{_pct(wall, 50):.2f} / {_pct(wall, 95):.2f} / "
        f"{max(wall, default=float('nan')):.2f} s** |",
        f"| … a session's first view (cold caches, all sessions at once), p50 / p95 | {_pct(opens, 50):.2f} / "
        f"{_pct(opens, 95):.2f} s |",
        f"| … the views after it (changes), p50 / p95 | {_pct(changes, 50):.2f} / {_pct(changes, 95):.2f} s |",
        f"| server CPU per view (the page's thread only), p50 / p95 | {_pct(cpu, 50):.2f} / {_pct(cpu, 95):.2f} s |",
        _process_cpu_line(res, len(runs) + len(cut)),
        f"| script runs completed / cut short by a newer change | {len(runs)} / {len(cut)} |",
        f"| browser: action to map ready, p50 / p95 / max | {_pct(bt, 50):.2f} / {_pct(bt, 95):.2f} / "
        f"{max(bt, default=float('nan')):.2f} s |",
        f"| views driven (opens + changes) | {len(steps)} |",
    ]
    lines += [f"| {k} | {v} |" for k, v in errors.items()]
    lines += [
        f"| server peak RSS | {res['rss_mb']:.0f} MB |" if res["rss_mb"] else "| server peak RSS | ? |",
        f"| … its {len(res['workers_rss_mb'])} processes under it (forkserver, view workers), peak RSS each | "
        + (" / ".join(f"{m:.0f}" for m in res["workers_rss_mb"]) or "—") + " MB |",
        f"| writer | {w['status']} |",
        f"| store integrity afterwards | {res['integrity']} |",
        f"| wall time of the run | {res['elapsed']:.0f} s |",
        f"| server CPU during the run (share of one core) | {res['server_cpu']:.0f} s "
        f"({res['server_cpu'] / max(res['elapsed'], 1e-9):.0%}) |" if res["server_cpu"] is not None
        else "| server CPU during the run | ? |",
        f"| … with its worker processes (share of one core) | {res['server_tree_cpu']:.0f} s "
        f"({res['server_tree_cpu'] / max(res['elapsed'], 1e-9):.0%}) |" if res.get("server_tree_cpu") is not None
        else "| … with its worker processes | ? |",
        f"| machine load average during the run (1 min, mean) | {res['load']:.1f} |",
        f"| CPU of the driver's children (Playwright and Chromium) | {res['browsers_cpu']:.0f} s "
        f"({res['browsers_cpu'] / max(res['elapsed'], 1e-9):.0%} of one core) |",
    ]
    lines += ["", "Where each ran (CPUs, read back from Linux): "
              + "; ".join(f"{k} {v}" for k, v in res["placed"].items())
              + (f" — pinned: server, its workers and the writer on {res['pinned'][0]}, the driver and "
                 f"the browsers on {res['pinned'][1]}" if res["pinned"] else " — not pinned")
              + f"; view workers: {'the server default' if res['view_workers'] is None else res['view_workers']}."]
    off = offered_load(res)
    if off:
        lines += ["", f"Offered load: {len(sessions)} sessions thinking {off['think'][0]:g}–{off['think'][1]:g} s "
                  f"(mean {off['think_mean']:g} s) between a view ready and the next action ask at most "
                  f"{off['asked_per_s']:.2f} views/s (if every view were instant; with the browser's p50 "
                  f"{off['browser_p50']:.1f} s per view: {off['asked_real_per_s']:.2f}/s); the server completed "
                  f"{off['served_per_s']:.2f} views/s. At {off['cpu_per_view']:.3f} s of server CPU per view "
                  f"(process CPU above) one core serves at most {off['core_per_s']:.1f} views/s: the sessions "
                  f"ask for {off['core_share']:.0%} of one core at the most."]
    detail = [s for s in sessions if s.page_errors or s.ws_closed or s.driver_errors or
              any(st.error for st in s.steps)]
    if detail:
        lines += ["", "Errors by session:"]
        for s in detail:
            errs = [st.error for st in s.steps if st.error] + s.page_errors[:3] + s.driver_errors[:3]
            lines.append(f"- session {s.index} ({s.start_query or 'first view'}): {len(s.ws_closed)} websocket "
                         f"closes; " + "; ".join(errs))
    return "\n".join(lines)


def offered_load(res: dict[str, Any]) -> dict[str, Any] | None:
    """What the sessions ask of the server (views per second, from the think time) against what a
    core can serve (1 / the process CPU per view)."""
    think = res.get("think")
    runs = res.get("runs") or []
    tree = res.get("server_tree_cpu")
    if not think or not runs or not tree:
        return None
    n = len(res["sessions"])
    mean = (think[0] + think[1]) / 2
    bt = [st.browser_s for s in res["sessions"] for st in s.steps if st.browser_s is not None]
    b50 = _pct(bt, 50) if bt else 0.0
    per_view = tree / len(runs)
    asked = n / mean
    return {"think": think, "think_mean": mean, "asked_per_s": asked, "browser_p50": b50,
            "asked_real_per_s": n / (mean + b50), "served_per_s": len(runs) / max(res["elapsed"], 1e-9),
            "cpu_per_view": per_view, "core_per_s": 1 / per_view, "core_share": asked * per_view}


def _children_cpu_s() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def cold_pages_report(args: argparse.Namespace) -> int:
    """``--cold-pages``: the start views' pages alone on the (kept) store, read only, no writer."""
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    with tempfile.TemporaryDirectory(prefix="cm-cold-") as tmp:
        db = _bench_dashboard().store_for(args.events, args.keep or Path(tmp))
        store = D.open_store(str(db))
        summ = D.summary(store.engine)
        top = D.facet_counts(store.engine, ViewState(date_from=summ.min_date, date_to=summ.max_date), "actor")
        store.close()
        load0 = os.getloadavg()[0]
        rows = cold_pages(db, start_views(summ.min_date, summ.max_date, str(top["value"].iloc[0])), args.repeat,
                          burst=args.burst)
        load1 = os.getloadavg()[0]
    lines = [f"SQLite store of {summ.n_events:,} events; each view's page alone in AppTest, process CPU, least of "
             f"{args.repeat}; load average {load0:.1f} → {load1:.1f}", "",
             "| view | cold | cached | the new view's own cost |", "|---|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['view']} | {r['cold_s']:.2f} s | {r['cached_s']:.2f} s | "
                     f"**{r['cold_s'] - r['cached_s']:.2f} s**{' (exception!)' if r['exception'] else ''} |")
    cold = sum(r["cold_s"] - r["cached_s"] for r in rows)
    lines.append(f"| **sum** | {sum(r['cold_s'] for r in rows):.2f} s | {sum(r['cached_s'] for r in rows):.2f} s | "
                 f"**{cold:.2f} s** |")
    if args.burst:
        lines += ["", "A burst: the ten in order, caches shared (cleared once before the first)", "",
                  "| view | in the burst | of it in the page's process | cached | its own cost in the burst |",
                  "|---|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['view']} | {r['burst_s']:.2f} s | {r['burst_server_s']:.2f} s | "
                         f"{r['burst_cached_s']:.2f} s | **{r['burst_s'] - r['burst_cached_s']:.2f} s** |")
        lines.append(f"| **sum** | {sum(r['burst_s'] for r in rows):.2f} s | "
                     f"{sum(r['burst_server_s'] for r in rows):.2f} s | "
                     f"{sum(r['burst_cached_s'] for r in rows):.2f} s | "
                     f"**{sum(r['burst_s'] - r['burst_cached_s'] for r in rows):.2f} s** |")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"events": summ.n_events, "load": [load0, load1], "views": rows}, indent=1))
    return 0 if not any(r["exception"] for r in rows) else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--events", type=int, default=500_000, help="events in the synthetic store")
    ap.add_argument("--keep", type=Path, help="directory for the synthetic store (reused across runs)")
    ap.add_argument("--changes", type=int, default=4, help="view changes per session, at least")
    ap.add_argument("--max-changes", type=int, default=30, help="at most, while the writer is still writing")
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                    help="seconds between a view being ready and the next change")
    ap.add_argument("--stagger", type=float, default=3.0, help="sessions open within this many seconds")
    ap.add_argument("--view-timeout", type=float, default=180.0)
    ap.add_argument("--no-writer", action="store_true")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="measure from a cold server (by default one page load first, not counted)")
    ap.add_argument("--writer-articles", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=100, help="articles per commit")
    ap.add_argument("--writer-pause", type=float, default=1.0, help="seconds between commits")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the driver and the browser")
    ap.add_argument("--browser-priority", choices=("idle", "nice"), default="idle",
                    help="idle: the driver and the browser under SCHED_IDLE (and niced); nice: only niced")
    ap.add_argument("--pin-server", type=parse_cpus, metavar="CPUS",
                    help="keep the server, its view workers and the writer on these CPUs (e.g. 0); "
                         "the browsers and the driver get the others unless --pin-browsers says")
    ap.add_argument("--pin-browsers", type=parse_cpus, metavar="CPUS",
                    help="keep the driver, Playwright and Chromium on these CPUs (e.g. 1); the server "
                         "gets the others unless --pin-server says")
    ap.add_argument("--view-workers", type=int, metavar="N",
                    help="the server's view worker processes (CONFLICTMAP_VIEW_WORKERS; 0: none; by "
                         "default one per CPU the server may use)")
    ap.add_argument("--logs", type=Path, help="keep the server log and the run log here")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--profile", type=Path, help="sample the server with py-spy (if installed) into this file "
                                                  "(collapsed stacks: one line per stack, its count last)")
    ap.add_argument("--cold-pages", action="store_true",
                    help="instead: each view's page alone, cold and cached, CPU (AppTest, no browser)")
    ap.add_argument("--repeat", type=int, default=2, help="with --cold-pages: runs per view, the least kept")
    ap.add_argument("--burst", action="store_true",
                    help="with --cold-pages: also the views in order without clearing between them (caches shared)")
    ap.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # the writer subprocess
    ap.add_argument("--write-range", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.write:
        lo, hi = (date.fromisoformat(x) for x in args.write_range)
        return write(args.write, args.events, args.writer_articles, args.batch, args.writer_pause, lo, hi)
    if args.cold_pages:
        return cold_pages_report(args)
    if not Path(CHROMIUM).exists():
        print(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2

    B = _bench_dashboard()
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard.filters import ViewState

    with tempfile.TemporaryDirectory(prefix="cm-concurrent-") as tmp:
        tmpdir = Path(tmp)
        base = B.store_for(args.events, args.keep or tmpdir)
        db = tmpdir / "run.db"
        shutil.copyfile(base, db)  # the writer changes this copy, never the kept store
        store = D.open_store(str(db))
        summ = D.summary(store.engine)
        lo, hi = summ.min_date, summ.max_date
        top = D.facet_counts(store.engine, ViewState(date_from=lo, date_to=hi), "actor")
        top_actor = str(top["value"].iloc[0])
        store.close()
        logs = args.logs or tmpdir
        logs.mkdir(parents=True, exist_ok=True)
        run_log = logs / "runs.jsonl"
        run_log.unlink(missing_ok=True)
        server_cpus, browser_cpus = pin_plan(args)
        server = Server(db, run_log, logs / "server.log", server_cpus, args.view_workers)
        placed: dict[str, str] = {}
        writer = spy = None
        if args.profile:
            spy = subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "--format", "raw",
                                    "--rate", "50", "--nonblocking", "-o", str(args.profile), "--pid",
                                    str(server.proc.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        views = start_views(lo, hi, top_actor)
        sessions = [Session(i, views[i % len(views)][1]) for i in range(args.sessions)]
        writer_box: list[subprocess.Popen] = []

        def start_writer() -> subprocess.Popen:
            w_lo = (hi - timedelta(days=365)).isoformat()
            proc = subprocess.Popen(
                [sys.executable, __file__, "--write", str(db), "--events", str(args.events),
                 "--writer-articles", str(args.writer_articles), "--batch", str(args.batch),
                 "--writer-pause", str(args.writer_pause), "--write-range", w_lo, hi.isoformat()],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmpdir,
                preexec_fn=_pinned(server_cpus, _normal_priority))
            writer_box.append(proc)
            placed["writer"] = _cpus_of(proc.pid)
            return proc

        try:
            t_start = time.perf_counter()
            cpu0, tree0 = server.cpu_s(), server.tree_cpu_s()
            # from here on: the driver, Playwright's node and Chromium (inherited)
            priority = lower_driver(args.nice, args.browser_priority == "idle")
            args.browser_cpus = browser_cpus
            if browser_cpus:
                os.sched_setaffinity(0, browser_cpus)  # inherited by Playwright's node and Chromium
            placed["driver"] = _cpus_of(os.getpid())
            children0 = _children_cpu_s()
            extra = asyncio.run(drive(server.url, sessions, args, None if args.no_writer else start_writer))
            since = extra.pop("since")
            cpu1, tree1 = server.cpu_s(), server.tree_cpu_s()
            browsers_cpu = _children_cpu_s() - children0  # Playwright's node and Chromium, ended and waited for
            writer = extra.pop("writer_proc")
            elapsed = time.perf_counter() - t_start
            if writer is not None:
                out, err = writer.communicate(timeout=600)
                wstat = (f"finished, exit {writer.returncode}" + (f": {out.strip()}" if out.strip() else "")
                         + (f" — {err.strip().splitlines()[-1]}" if writer.returncode and err.strip() else ""))
            else:
                wstat = "none"
            time.sleep(1.0)
            rss, wrss = server.peak_rss_mb(), server.workers_peak_rss_mb()
            placed.update(server.cpus())
        finally:
            for proc in writer_box:
                if proc.poll() is None:
                    proc.kill()
            if spy is not None:
                spy.send_signal(2)  # py-spy writes its file on SIGINT
                spy.wait(timeout=60)
            server.stop()
        ok, live = integrity(db)
        res = {
            "events": summ.n_events, "sessions": sessions, "runs": read_runs(run_log, since), "rss_mb": rss,
            "workers_rss_mb": wrss,
            "elapsed": elapsed, "server_cpu": (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else None,
            "server_tree_cpu": (tree1 - tree0) if tree0 is not None and tree1 is not None else None,
            "integrity": f"{ok} ({live:,} articles added)", "priority": priority,
            "placed": placed, "browsers_cpu": browsers_cpu, "think": tuple(args.think),
            "pinned": (_fmt_cpus(server_cpus), _fmt_cpus(browser_cpus)) if server_cpus and browser_cpus else None,
            "view_workers": args.view_workers,
            "writer": {"label": "none" if args.no_writer else
                       f"{args.writer_articles:,} articles in commits of {args.batch}, {args.writer_pause:g} s apart",
                       "status": wstat},
            **extra,
        }
        print(report(res))
        if args.json:
            runs = res["runs"]
            args.json.write_text(json.dumps({
                "events": res["events"], "sessions": args.sessions, "rss_mb": rss, "workers_rss_mb": wrss, "integrity": res["integrity"],
                "priority": priority, "browser_threads": res["browser_nice"],
                "writer": res["writer"], "runs": runs, "elapsed": elapsed, "server_cpu": res["server_cpu"],
                "server_tree_cpu": res["server_tree_cpu"], "placed": placed, "browsers_cpu": browsers_cpu,
                "think": args.think, "pinned": res["pinned"], "view_workers": args.view_workers,
                "load": res.get("load"), "offered": offered_load(res),
                "steps": [st.__dict__ for s in sessions for st in s.steps],
                "errors": {s.index: {"page": s.page_errors, "ws_closed": s.ws_closed, "trouble": s.trouble,
                                     "driver": s.driver_errors} for s in sessions},
            }, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
