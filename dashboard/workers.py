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

A view's per-place data (counts, actors, event types; the markers' details for the points map),
its incident totals and top places are computed once per (store, version of the window, filters)
and kept in the process that computed them (:class:`ViewShare`, a few views, least recently used
dropped) for every map option of that view: the density and points maps, colours and sizes only
build and render their own map from it. The server sends each call of a view to the worker that
holds its data (``run(..., route=key)``; a view not yet seen goes to the least busy worker).

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
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
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


#: views whose per-place data one process keeps for the map options still to come (least recently
#: used dropped first); ``CONFLICTMAP_SHARED_VIEWS`` overrides it (0: nothing kept, each option
#: computes the view's data itself)
SHARED_VIEWS = 12


@dataclass
class SharedView:
    """What every map option of one view (one store version, one set of filters) reads, computed
    once in the process that holds it: the per-place counts, actors and event types (``base``,
    all the density view needs), the markers' details added to them (``details``, the points
    map), the header's incident totals and the top places. Filled under ``lock`` as options ask."""

    base: MV.MapData | None = None
    details: MV.MapData | None = None
    totals: D.IncidentTotals | None = None
    top_places: pd.DataFrame | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class ViewShare:
    """The process's :class:`SharedView` entries by key (the store, the version of the window
    the view shows, the view's filters: :func:`state.view_map` makes it), least recently used
    dropped beyond ``size``. Thread-safe: the server's page threads (no workers) ask at once,
    and each view's pieces are computed once under its entry's lock. ``computed`` counts what
    was computed, by piece (tests and benchmarks read it)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, SharedView] = OrderedDict()
        self.computed: dict[str, int] = {"base": 0, "details": 0, "totals": 0}

    def entry(self, key: Hashable | None) -> SharedView:
        """The entry of ``key``, made if new; a fresh one not kept when ``key`` is None or size is 0."""
        if key is None or self.size <= 0:
            return SharedView()
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                found = self._entries[key] = SharedView()
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            else:
                self._entries.move_to_end(key)
            return found

    def count(self, piece: str) -> None:
        with self._lock:
            self.computed[piece] += 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.computed = dict.fromkeys(self.computed, 0)


def _shared_views_size() -> int:
    try:
        return max(0, int(os.environ.get("CONFLICTMAP_SHARED_VIEWS", SHARED_VIEWS)))
    except ValueError:
        return SHARED_VIEWS


SHARE = ViewShare(_shared_views_size())


def share_stats(_engine: Any = None) -> dict[str, int]:
    """What this process has computed of its shared views, by piece (``run`` it in a worker)."""
    return dict(SHARE.computed)


def shared_view(engine: Any, view: ViewState, key: Hashable | None, *, details: bool) -> SharedView:
    """The view's shared entry with the pieces a map option needs computed (once per key)."""
    entry = SHARE.entry(key)
    with entry.lock:
        if entry.base is None:
            entry.base = MV.load_map_data(engine, view, details=False)
            SHARE.count("base")
        if details and entry.details is None:
            entry.details = MV.add_details(engine, view, entry.base)
            entry.details.__dict__["_actor_order"] = entry.base.actor_order()  # the same place_actors
            SHARE.count("details")
        if entry.totals is None:
            places = entry.base.places
            totals = D.incident_totals_from_places(engine, view, places) if D.totals_follow_places(view) else None
            entry.totals = D.incident_totals(engine, view) if totals is None else totals
            entry.top_places = charts.top_places(places)
            SHARE.count("totals")
    return entry


def view_map(engine: Any, view: ViewState, opts: MV.MapOptions, share: Hashable | None = None) -> ViewMap:
    """A view's map data (with the markers' details for the points map, without for the density
    view), the map built and rendered, the incident totals and the top places.

    ``share``: the key of the view's data in this process (:class:`ViewShare`; the server's
    ``state`` passes the store, the window's version and the filters): every map option of the
    view — points or density, its colours and sizes — reuses the per-place data, details, totals
    and top places the first one computed; only the map is built for each. None: all computed."""
    entry = shared_view(engine, view, share, details=opts.density != "hex")
    mdata = entry.base if opts.density == "hex" else entry.details
    assert mdata is not None and entry.totals is not None and entry.top_places is not None
    built = MV.build_map(mdata, view, opts, mdata.actor_order())
    rendered = MC.render(built.map)
    return ViewMap(rendered, replace(built, map=None), page_part(mdata), entry.totals, entry.top_places)


# -- in the server ----------------------------------------------------------------------------
def _started_by_multiprocessing() -> bool:
    """This process was started by multiprocessing (one of our workers, a Dask worker...): it
    starts no pool of its own. A spawned child first re-runs its parent's ``__main__`` — the page
    script, where Streamlit or AppTest left it — and multiprocessing refuses to start a process
    then (``_inheriting``: its own flag for that phase, before ``parent_process`` is set)."""
    return (multiprocessing.parent_process() is not None
            or bool(getattr(multiprocessing.current_process(), "_inheriting", False)))


def _start_pools(url: str, size: int) -> list[ProcessPoolExecutor]:
    """``size`` workers for the store at ``url``, each its own one-process pool (so a view's
    calls can be sent to the worker that holds its data), every worker started now.

    A worker started by ``forkserver`` (or ``spawn``) first runs the parent's ``__main__`` again
    (multiprocessing's "main module" fix-up) — in the server that is the page script Streamlit
    installs as ``__main__`` while it runs it, which would draw the page inside the worker. So the
    workers are started at once, here, with a module of no file standing in for ``__main__`` for
    those few milliseconds (a ``ProcessPoolExecutor`` over forkserver starts no further worker:
    one that dies breaks its pool, and a new pool is made)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])  # the forkserver imports the dashboard's modules once
    pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init, initargs=(url,))
             for _ in range(size)]
    main = sys.modules.get("__main__")
    stand_in = types.ModuleType("__main__")
    sys.modules["__main__"] = stand_in
    try:
        for pool in pools:
            launch = getattr(pool, "_launch_processes", None)
            if callable(launch):
                launch()
            # a first call starts the pool's manager thread (which also ends its worker at
            # shutdown; another Python starts the worker here)
            pool.submit(os.getpid)
    finally:
        if sys.modules.get("__main__") is stand_in and main is not None:
            sys.modules["__main__"] = main  # (unless a page run installed its own meanwhile)
    return pools


#: routes remembered (the worker that holds a view's shared data), least recently used dropped
ROUTES_KEPT = 256


class ViewWorkers:
    """The store's workers, and the fallback to the server's own process.

    :meth:`run` computes ``fn(engine, *args)`` in a worker (``fn`` a module-level function, the
    arguments and the result picklable), else — no workers, a worker that died, a failure in the
    worker — with ``local_engine()`` in this process, after logging why. ``failures`` counts the
    fallbacks (tests, the log). A call with a ``route`` (the key of a view's shared data, see
    :class:`ViewShare`) goes to the worker that was given that route before — the one holding
    the view's per-place data — and a new route to the least busy worker; calls without one go
    to the least busy worker."""

    def __init__(self, url: str, size: int | None = None) -> None:
        self.url = url
        self.size = pool_size() if size is None else size
        self.failures = 0
        self._lock = threading.Lock()
        self._pools: list[ProcessPoolExecutor | None] = []
        self._busy = [0] * max(self.size, 0)
        self._routes: OrderedDict[Hashable, int] = OrderedDict()
        self._next = 0  # where the search for the least busy worker starts (turns among equals)
        self._closed = False

    def pools(self) -> list[ProcessPoolExecutor] | None:
        """The workers' pools, started on first use (and any that broke, again); None: no workers."""
        if self.size <= 0 or _started_by_multiprocessing():
            return None
        with self._lock:
            if self._closed:
                return None
            if not self._pools:
                self._pools = list(_start_pools(self.url, self.size))
            for i, pool in enumerate(self._pools):
                if pool is None:
                    self._pools[i] = _start_pools(self.url, 1)[0]
            return [p for p in self._pools if p is not None]

    def pids(self) -> list[int]:
        """The workers' process ids (started so far)."""
        out = []
        for pool in list(self._pools):
            procs = getattr(pool, "_processes", None) or {}
            out += [p.pid for p in procs.values() if p.pid is not None]
        return sorted(out)

    def _pick(self, route: Hashable | None) -> int:
        """The worker for a call (counted busy until :meth:`_done`)."""
        with self._lock:
            i = self._routes.get(route) if route is not None else None
            if i is None:
                n = len(self._busy)
                i = min(((self._next + k) % n for k in range(n)), key=lambda j: self._busy[j])
                self._next = (i + 1) % n
                if route is not None:
                    self._routes[route] = i
                    while len(self._routes) > ROUTES_KEPT:
                        self._routes.popitem(last=False)
            elif route is not None:
                self._routes.move_to_end(route)
            self._busy[i] += 1
            return i

    def _done(self, i: int) -> None:
        with self._lock:
            self._busy[i] -= 1

    def run(self, fn: Callable[..., T], *args: Any, local_engine: Callable[[], Any],
            route: Hashable | None = None) -> T:
        pools = self.pools()
        if pools is not None and len(pools) == len(self._busy):
            i = self._pick(route)
            pool = pools[i]
            try:
                return pool.submit(_run, fn, args).result()
            except BrokenProcessPool as exc:
                self._replace(i, pool)
                self._fallback(fn, f"a worker process died ({exc})")
            except D.DataError:
                raise  # the store cannot be read: the page says so, the server would say the same
            except Exception as exc:
                self._fallback(fn, f"{type(exc).__name__}: {exc}")
            finally:
                self._done(i)
        return fn(local_engine(), *args)

    def _fallback(self, fn: Callable[..., Any], why: str) -> None:
        self.failures += 1
        LOG.warning("view worker failed on %s: %s; computed in the server's process instead",
                    getattr(fn, "__qualname__", fn), why)

    def _replace(self, i: int, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if i < len(self._pools) and self._pools[i] is broken:
                self._pools[i] = None  # the next call starts a new worker in its place
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            pools, self._pools, self._closed = self._pools, [], True
        for pool in pools:
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
