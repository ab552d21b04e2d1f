"""A view's heavy pieces computed in worker processes beside the Streamlit server.

The dashboard's server is one Python process: every session's page runs on its thread under one
GIL, and a view no one has asked for yet costs ~0.3-0.8 s of CPU (its SQL, the rows turned into
frames, the points map built and rendered; ``benchmarks/many_users.py --cold-pages``), while a
view already computed costs ~0.15 s (the page itself). Twenty sessions opening ten different
views queue those computations on the one interpreter. The heaviest piece, the view's map part
(:func:`view_map`), runs in a pool of worker *processes* (``ProcessPoolExecutor`` over a
``forkserver``: a threaded Tornado server is never forked), one per CPU, each with the store
opened once (its initializer); the page's thread waits for the result without holding the GIL,
so the websockets and the cached views of other sessions go on. ``state`` still caches every
result (``st.cache_*``), so each is computed once for all sessions, and decides what goes to a
worker (``state._compute``: only the map part — each call is a few GIL hand-offs in the server).
No Streamlit here: this module is plain functions and the pool.

What crosses the process boundary is small: the view and the map options going out; coming back
:class:`ViewMap` — the rendered map's strings and small frames (1.6 MB for every place over all
dates at 500 000 events) — never the view's popups, incidents and per-place actors.

A worker that dies (killed, out of memory) or fails is reported in the server's log and the piece
is computed in the server's own process instead, so the page appears; a broken pool is replaced at
the next call. ``CONFLICTMAP_VIEW_WORKERS=0`` computes everything in the server's process
(``N`` sets the pool's size; by default the CPUs this process may use). The workers end with the
server (``concurrent.futures`` joins them at exit; a server killed outright closes their pipe,
and they exit).
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pandas as pd

from . import charts
from . import data as D
from . import mapcomponent as MC
from . import mapview as MV
from .filters import ViewState

ENV = "CONFLICTMAP_VIEW_WORKERS"
LOG = logging.getLogger("conflictmap.dashboard.workers")
T = TypeVar("T")

#: the cyclic garbage collector's first threshold in the dashboard's processes (Python's default:
#: 700 allocations). A new view allocates hundreds of thousands of short-lived objects (rows,
#: popups' data), freed by their reference counts, yet at the default they set off ~200 young and
#: 1-2 full collections per view; a full collection walks every object the process holds
#: (Streamlit, pandas, every cached view) and cost 0.14-0.16 s of CPU each in AppTest at 500 000
#: events. At 50 000 a cold view sets off 0-2 young ones and no full one (measured: GC time per
#: cold view 0.28-0.74 s -> 0-0.15 s). Cycles are still collected, a little later.
#: ``CONFLICTMAP_GC_THRESHOLD`` overrides it (0: Python's default left alone).
GC_THRESHOLD = 50_000


def tune_gc() -> None:
    """Raise the collector's first threshold for this process (the server and each worker)."""
    try:
        first = int(os.environ.get("CONFLICTMAP_GC_THRESHOLD", GC_THRESHOLD))
    except ValueError:
        first = GC_THRESHOLD
    if first > 0:
        _g0, g1, g2 = gc.get_threshold()
        gc.set_threshold(max(first, _g0), g1, g2)


def pool_size(environ: dict[str, str] | None = None) -> int:
    """Workers for the pool: ``CONFLICTMAP_VIEW_WORKERS`` (0: none), else the usable CPUs."""
    raw = (os.environ if environ is None else environ).get(ENV, "").strip()
    if raw:
        try:
            return max(0, int(raw))
        except ValueError:
            LOG.warning("%s=%r is not a number: the default pool size is used", ENV, raw)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# -- in a worker ------------------------------------------------------------------------------
_STORE: dict[str, Any] = {}  # the worker's store: opened once by the initializer


def _init(url: str) -> None:
    tune_gc()
    _STORE["store"] = D.open_store(url)


def _engine() -> Any:
    return _STORE["store"].engine


def _run(fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    """Run ``fn(engine, *args)`` in the worker."""
    return fn(_engine(), *args)


# -- the pieces -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ViewMap:
    """Everything a view's map part gives the page, computed together (one pass over the view's
    per-place data): the rendered map for every session (its folium tree dropped), what was drawn,
    the page's part of the map data (the places and their counts, the actors' order, how many
    snippets the popups carry — not the popups' events, incidents and reports, which only the
    rendered map needed), the header's incident totals and the top places' table."""

    rendered: MC.RenderedMap
    built: MV.BuiltMap
    page: MV.MapData
    totals: D.IncidentTotals
    top_places: pd.DataFrame


def page_part(mdata: MV.MapData) -> MV.MapData:
    """The part of a view's map data the page reads (the places, the actors' order, the counts of
    snippets and the places of mentions): small to send between processes."""
    part = MV.MapData(places=mdata.places, n_snippets=mdata.n_snippets, n_articles=mdata.n_articles,
                      mention_places=mdata.mention_places)
    part.__dict__["_actor_order"] = mdata.actor_order()
    return part


def view_map(engine: Any, view: ViewState, opts: MV.MapOptions) -> ViewMap:
    """A view's map data (with the markers' details for the points map, without for the density
    view), the map built and rendered, the incident totals and the top places."""
    mdata = MV.load_map_data(engine, view, details=opts.density != "hex")
    built = MV.build_map(mdata, view, opts, mdata.actor_order())
    rendered = MC.render(built.map)
    totals = D.incident_totals_from_places(engine, view, mdata.places) if D.totals_follow_places(view) else None
    if totals is None:
        totals = D.incident_totals(engine, view)
    return ViewMap(rendered, replace(built, map=None), page_part(mdata), totals, charts.top_places(mdata.places))


# -- in the server ----------------------------------------------------------------------------
def _started_by_multiprocessing() -> bool:
    """This process was started by multiprocessing (one of our workers, a Dask worker...): it
    starts no pool of its own. A spawned child first re-runs its parent's ``__main__`` — the page
    script, where Streamlit or AppTest left it — and multiprocessing refuses to start a process
    then (``_inheriting``: its own flag for that phase, before ``parent_process`` is set)."""
    return (multiprocessing.parent_process() is not None
            or bool(getattr(multiprocessing.current_process(), "_inheriting", False)))


def _start_pool(url: str, size: int) -> ProcessPoolExecutor:
    """A pool of ``size`` workers for the store at ``url``, every worker started now.

    A worker started by ``forkserver`` (or ``spawn``) first runs the parent's ``__main__`` again
    (multiprocessing's "main module" fix-up) — in the server that is the page script Streamlit
    installs as ``__main__`` while it runs it, which would draw the page inside the worker. So the
    workers are started at once, here, with a module of no file standing in for ``__main__`` for
    those few milliseconds (a ``ProcessPoolExecutor`` over forkserver starts no further worker:
    one that dies breaks the pool, and a new pool is made)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])  # the forkserver imports the dashboard's modules once
    pool = ProcessPoolExecutor(max_workers=size, mp_context=ctx, initializer=_init, initargs=(url,))
    main = sys.modules.get("__main__")
    stand_in = types.ModuleType("__main__")
    sys.modules["__main__"] = stand_in
    try:
        launch = getattr(pool, "_launch_processes", None)
        if callable(launch):
            launch()
        else:  # another Python: the first submissions start them
            for _ in range(size):
                pool.submit(os.getpid)
    finally:
        if sys.modules.get("__main__") is stand_in and main is not None:
            sys.modules["__main__"] = main  # (unless a page run installed its own meanwhile)
    return pool


class ViewWorkers:
    """The pool of one store's workers, and the fallback to the server's own process.

    :meth:`run` computes ``fn(engine, *args)`` in a worker (``fn`` a module-level function, the
    arguments and the result picklable), else — no pool, a worker that died, a failure in the
    worker — with ``local_engine()`` in this process, after logging why. ``failures`` counts the
    fallbacks (tests, the log)."""

    def __init__(self, url: str, size: int | None = None) -> None:
        self.url = url
        self.size = pool_size() if size is None else size
        self.failures = 0
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    def pool(self) -> ProcessPoolExecutor | None:
        if self.size <= 0 or _started_by_multiprocessing():
            return None
        with self._lock:
            if self._pool is None and not self._closed:
                self._pool = _start_pool(self.url, self.size)
            return self._pool

    def pids(self) -> list[int]:
        """The workers' process ids (started so far)."""
        pool = self._pool
        procs = getattr(pool, "_processes", None) or {}
        return sorted(p.pid for p in procs.values() if p.pid is not None)

    def run(self, fn: Callable[..., T], *args: Any, local_engine: Callable[[], Any]) -> T:
        pool = self.pool()
        if pool is not None:
            try:
                return pool.submit(_run, fn, args).result()
            except BrokenProcessPool as exc:
                self._replace(pool)
                self._fallback(fn, f"a worker process died ({exc})")
            except D.DataError:
                raise  # the store cannot be read: the page says so, the server would say the same
            except Exception as exc:
                self._fallback(fn, f"{type(exc).__name__}: {exc}")
        return fn(local_engine(), *args)

    def _fallback(self, fn: Callable[..., Any], why: str) -> None:
        self.failures += 1
        LOG.warning("view worker failed on %s: %s; computed in the server's process instead",
                    getattr(fn, "__qualname__", fn), why)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None  # the next call starts a new pool
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool, self._closed = self._pool, None, True
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_REGISTRY: dict[str, ViewWorkers] = {}
_REGISTRY_LOCK = threading.Lock()


def workers_for(url: str) -> ViewWorkers:
    """The one pool of a store's workers in this process (made on first use, ended at exit)."""
    with _REGISTRY_LOCK:
        w = _REGISTRY.get(url)
        if w is None:
            w = _REGISTRY[url] = ViewWorkers(url)
        return w


def shutdown_all() -> None:
    """End every pool (tests; at exit ``concurrent.futures`` joins the workers itself)."""
    with _REGISTRY_LOCK:
        pools = list(_REGISTRY.values())
        _REGISTRY.clear()
    for w in pools:
        w.shutdown()


atexit.register(shutdown_all)
