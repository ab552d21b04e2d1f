"""Streamlit glue: which store, opening it once per process, and the caches over the SQL layer.

All caching of the dashboard lives here (``st.cache_resource`` for stores, ``st.cache_data`` for
query results keyed by the version of the window they show, so a running extraction shows up
where it writes and leaves every other cached view alone).
"""

from __future__ import annotations

import copy
import importlib.util
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from ..extract.store import Store, StoreError
from . import charts
from . import data as D
from . import escaping as H
from . import mapcomponent as MC
from . import mapview as MV
from . import workers as VW
from .assets import AssetsError, assets_ready, ensure_assets, vendor_dir
from .filters import ViewState

DEMO_TIMEOUT_S = 900
#: how the demo store is built (``conflictmap demo --db PATH``), without importing the extractor
DEMO_COMMAND = [sys.executable, "-m", "conflictmap.cli", "demo", "--db"]


def demo_available() -> bool:
    return importlib.util.find_spec("conflictmap.cli") is not None


# -- which store ------------------------------------------------------------------------------
def _secrets_connections() -> dict[str, Any] | None:
    """``[connections]`` of secrets.toml, or None when there is no secrets file."""
    try:
        if "connections" not in st.secrets:
            return None
        conns = st.secrets["connections"]
        return {k: dict(v) if hasattr(v, "items") else v for k, v in conns.items()}
    except Exception:  # no secrets.toml anywhere, or an unreadable one: not our store's business
        return None


def choose_db() -> D.DbChoice:
    """secrets.toml ``[connections.conflictmap]``, else ``CONFLICTMAP_DB``, else the demo store."""
    return D.choose_db(D.secrets_url(_secrets_connections()), dict(os.environ))


@st.cache_resource(show_spinner=False)
def _demo_lock() -> threading.Lock:
    return threading.Lock()


def ensure_demo(path: Path) -> str | None:
    """Build the demo store if it is missing. Returns an error message, or None when it exists."""
    if path.exists() and str(path) not in _CHECKED and _outdated(path):
        for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            p.unlink(missing_ok=True)  # the demo store is ours: built again by this version
    if path.exists():
        return None
    if not demo_available():
        return ("The demo store is not built yet, and this installation has no `conflictmap demo` "
                "command to build it. Point the dashboard at a store instead: "
                "`conflictmap dashboard --db DB`, the `CONFLICTMAP_DB` environment variable, or "
                "`[connections.conflictmap] url = \"…\"` in `.streamlit/secrets.toml`.")
    with _demo_lock():
        if path.exists():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        with st.spinner(f"Building the demo store at {path} (once; it takes a little while)…"):
            try:
                proc = subprocess.run(
                    [*DEMO_COMMAND, str(path)],
                    capture_output=True, text=True, timeout=DEMO_TIMEOUT_S, check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                return f"Building the demo store failed: {H.md(exc.__class__.__name__)}: {H.md(exc)}"
    if proc.returncode != 0 or not path.exists():
        tail = "  \n".join(H.md(line) for line in (proc.stderr or proc.stdout or "").strip().splitlines()[-6:])
        return f"Building the demo store failed (exit {proc.returncode}):  \n{tail}"
    return None


_CHECKED: set[str] = set()  # demo stores found current (checked once per process)


def _outdated(path: Path) -> bool:
    """A demo store an older conflictmap built (without event types and incidents)."""
    try:
        store = Store(path, create=False)
    except StoreError:
        return False  # not ours to judge: opening it reports the problem
    current = store.is_current
    store.close()
    if current:
        _CHECKED.add(str(path))
    return not current


@st.cache_resource(show_spinner=False, max_entries=8)
def get_store(url: str) -> Store:
    """One read-only Store (engine and pool) per database, shared by all sessions."""
    return D.open_store(url)


def map_assets() -> tuple[str | None, str | None]:
    """(URL prefix of the local Leaflet files, warning). None prefix = public CDNs.

    The files sit in the cache folder (:mod:`.assets`); Streamlit serves a component's folder at
    ``/component/<name>/``, so declaring one over that folder publishes them without writing
    anything beside the code and without ``server.enableStaticServing``."""
    from streamlit.components.v1 import declare_component

    if not assets_ready():
        try:
            ensure_assets()
        except AssetsError as exc:
            return None, f"The map loads Leaflet from the internet: {exc}"
    served = declare_component("map_assets", path=str(vendor_dir()))
    base = base_path()
    return ("/" + base if base else "") + f"/component/{served.name}", None


def base_path() -> str:
    return (st.get_option("server.baseUrlPath") or "").strip("/")


# -- cached reads -----------------------------------------------------------------------------
# Two layers. The inner caches (``_x``) are shared by every session of the process and keyed by
# the *window's* version (D.window_version: the last commit that changed the months the view
# shows), not by the store's: a writer adding 2024 leaves every cached view of 2019 in place.
# The outer ones (``_fresh_x``, what the page calls) hold each view's latest result for
# REFRESH_S seconds and then refresh it in the background (Streamlit's ``refresh_mode=
# "background"``): the page gets the result it had at once while one worker reads the window's
# version again — unchanged, the inner cache answers; changed by a writer, the view is computed
# again off the page. So a writer's commits never make a user wait for a view they have already
# seen, each view is refreshed at most every REFRESH_S seconds, and a view no one asks for is
# not refreshed at all. The refresh pool and how stale a result may get before a page waits for
# it are Streamlit settings (``runner.cacheBackgroundRefresh*``, in launch.SERVER_FLAGS and
# .streamlit/config.toml): two workers, a result at most REFRESH_S * 6 seconds old.
# The ``version`` argument the pages pass (the summary's commit counter) is accepted for
# compatibility; the window's version decides.
VERSION_TTL = 3
REFRESH_S = 5
_FRESH = {"ttl": REFRESH_S, "refresh_mode": "background", "show_spinner": False}


@st.cache_resource(max_entries=16, **_FRESH)
def summary(url: str) -> D.Summary:
    # read-only (frozen): shared, not copied
    return D.summary(get_store(url).engine)


@st.cache_data(ttl=VERSION_TTL, show_spinner=False, max_entries=512)
def _window_version(url: str, window: tuple) -> str:
    d_from, d_to, undated = window
    return D.window_version(get_store(url).engine, ViewState(date_from=d_from, date_to=d_to, undated=undated))


def window_version(url: str, view: ViewState) -> str:
    return _window_version(url, (view.date_from, view.date_to, view.undated))


def view_key(view: ViewState) -> tuple:
    """Everything that decides a view's data (the event-type fields included)."""
    return (view.key(), tuple(sorted(view.event_types)), view.include_mentions)


def timeline_grain(view: ViewState) -> str:
    """Months when the chart draws months (long windows), else days."""
    return "month" if charts.bucket_for(view.date_from, view.date_to) == "month" else "day"


def facet_counts(url: str, version: str, window: tuple, facet: str, view: ViewState) -> pd.DataFrame:
    return _fresh_facet_counts(url, (view.date_from, view.date_to, view.undated), facet, view)


@st.cache_resource(max_entries=512, **_FRESH)
def _fresh_facet_counts(url: str, window: tuple, facet: str, _view: ViewState) -> pd.DataFrame:
    return _facet_counts(url, window_version(url, _view), window, facet, _view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=128)
def _facet_counts(url: str, wversion: str, window: tuple, facet: str, _view: ViewState) -> pd.DataFrame:
    return D.facet_counts(get_store(url).engine, _view, facet)


def _compute(url: str, fn: Callable[..., Any], *args: Any, route: Any = None) -> Any:
    """``fn(engine, *args)`` in one of the store's view worker processes (:mod:`.workers`), or in
    this process when there are none or one failed. The caches keep what it returns. Only the
    view's map part goes there (most of a new view's cost, in one call): each call to a worker
    is a few thread hand-offs in this process, each waiting for the GIL while other pages run —
    seven pages at once with six busy threads beside them, every piece in the workers (12 calls a
    page) 5.8-6.7 s, the map part alone 3.5-4.2 s, all in the server 5.2-5.7 s; the counts,
    facets, timelines and table are rollup reads of milliseconds, cheaper here than a hand-off."""
    return VW.workers_for(url).run(fn, *args, local_engine=lambda: get_store(url).engine, route=route)


def view_map(url: str, view: ViewState, opts: MV.MapOptions) -> VW.ViewMap:
    """The view's map part, computed once for every session in a view worker: the rendered map,
    what was drawn, the page's part of the map data (with the markers' details for the points map,
    without for the density view), the incident totals and the top places (read-only)."""
    return _fresh_view_map(url, view_key(view), astuple(opts), view, opts)


@st.cache_resource(max_entries=64, **_FRESH)
def _fresh_view_map(url: str, key: tuple, okey: tuple, _view: ViewState, _opts: MV.MapOptions) -> VW.ViewMap:
    return _view_map(url, window_version(url, _view), key, okey, _view, _opts)


@st.cache_resource(ttl=3600, show_spinner=False, max_entries=64)
def _view_map(url: str, wversion: str, key: tuple, okey: tuple, _view: ViewState,
              _opts: MV.MapOptions) -> VW.ViewMap:
    # cache_resource: one shared object (strings and small frames, never changed), not a copy
    # unpickled per run. ``share``: the view's per-place data, details, totals and top places
    # are computed once for all its map options (points and density, colours, sizes) in the
    # process that holds them — the call goes to that worker (the route) — and kept there for
    # the next option while this window's version stands (workers.ViewShare)
    share = (url, _share_epoch(url), wversion, key)
    return _compute(url, VW.view_map, _view, _opts, share, route=share)


@st.cache_resource(show_spinner=False, max_entries=16)
def _share_epoch(url: str) -> str:
    """A token of this process's caches: clearing them (``st.cache_resource.clear()``) makes a new
    one, so the per-view data kept in the workers (keyed by it) is computed again too."""
    return uuid.uuid4().hex


def map_data(url: str, view: ViewState, opts: MV.MapOptions) -> MV.MapData:
    """The page's part of the view's map data (:func:`view_map`)."""
    return view_map(url, view, opts).page


def incident_totals(url: str, view: ViewState, opts: MV.MapOptions) -> D.IncidentTotals:
    """The view's incidents, their reports and deaths added up (the header's counts)."""
    return view_map(url, view, opts).totals


def top_places(url: str, view: ViewState, opts: MV.MapOptions) -> pd.DataFrame:
    """charts.top_places of the view's map data (read-only)."""
    return view_map(url, view, opts).top_places


def rendered_map(url: str, view: ViewState, opts: MV.MapOptions) -> tuple[MC.RenderedMap, MV.BuiltMap]:
    """The view's map, built and rendered once for every session (what st_folium would redo on
    each run), and what was drawn (mode, markers; its ``map`` is None: the folium tree is dropped)."""
    vm = view_map(url, view, opts)
    return vm.rendered, vm.built


def timeline_counts(url: str, version: str, key: tuple, view: ViewState) -> pd.DataFrame:
    return _timeline_counts(url, window_version(url, view), view_key(view), timeline_grain(view), view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _timeline_counts(url: str, wversion: str, key: tuple, grain: str, _view: ViewState) -> pd.DataFrame:
    return D.timeline_counts(get_store(url).engine, _view, grain)


def timeline_frame(url: str, view: ViewState, bucket: str, actor_order: list[str]) -> pd.DataFrame:
    """charts.timeline_frame of the view's counts, made once for every session (read-only)."""
    return _fresh_timeline_frame(url, view_key(view), bucket, tuple(actor_order), view)


@st.cache_resource(max_entries=64, **_FRESH)
def _fresh_timeline_frame(url: str, key: tuple, bucket: str, actor_order: tuple[str, ...],
                          _view: ViewState) -> pd.DataFrame:
    return _timeline_frame(url, window_version(url, _view), key, bucket, actor_order, _view)


@st.cache_resource(ttl=3600, show_spinner=False, max_entries=64)
def _timeline_frame(url: str, wversion: str, key: tuple, bucket: str, actor_order: tuple[str, ...],
                    _view: ViewState) -> pd.DataFrame:
    counts = _timeline_counts(url, wversion, key, timeline_grain(_view), _view)
    return charts.timeline_frame(counts, bucket, list(actor_order))


def table_frame(url: str, view: ViewState, limit: int, base_path: str,
                make: Callable[[pd.DataFrame, str], pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    """The view's events table (D.events_table), what the page shows of it (``make``: the page's
    cells and links) and that in Arrow (:func:`arrow_table`, for ``st.dataframe``), made once for
    every session (read-only)."""
    return _fresh_table_frame(url, view_key(view), limit, base_path, view, make)


@st.cache_resource(max_entries=64, **_FRESH)
def _fresh_table_frame(url: str, key: tuple, limit: int, base_path: str, _view: ViewState,
                       _make: Callable[[pd.DataFrame, str], pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    return _table_frame(url, window_version(url, _view), key, limit, base_path, _view, _make)


@st.cache_resource(ttl=3600, show_spinner=False, max_entries=64)
def _table_frame(url: str, wversion: str, key: tuple, limit: int, base_path: str, _view: ViewState,
                 _make: Callable[[pd.DataFrame, str], pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    table = _events_table(url, wversion, key, limit, _view)
    shown = _make(table, base_path)
    return table, shown, arrow_table(shown)


def arrow_table(frame: pd.DataFrame) -> Any:
    """``frame`` converted to Arrow by Streamlit's own conversion (the bytes ``st.dataframe`` would
    send are the same), once: given a DataFrame, ``st.dataframe`` converts it on every run of every
    session (pandas to Arrow through a new thread pool: ~8 % of a cached page run's CPU with the
    2 000-row table). The frame itself on a Streamlit without that function."""
    try:
        from streamlit.dataframe_util import convert_pandas_df_to_arrow_table
    except ImportError:
        return frame
    return convert_pandas_df_to_arrow_table(frame)


def timeline_by_type(url: str, view: ViewState) -> pd.DataFrame:
    """D.timeline_by_type at the chart's grain (the timeline stacked by event type)."""
    return _fresh_timeline_by_type(url, view_key(view), timeline_grain(view), view)


@st.cache_resource(max_entries=64, **_FRESH)
def _fresh_timeline_by_type(url: str, key: tuple, grain: str, _view: ViewState) -> pd.DataFrame:
    return _timeline_by_type(url, window_version(url, _view), key, grain, _view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _timeline_by_type(url: str, wversion: str, key: tuple, grain: str, _view: ViewState) -> pd.DataFrame:
    return D.timeline_by_type(get_store(url).engine, _view, grain)


def timeline_spec(url: str, view: ViewState, bucket: str, actor_order: list[str], by_type: bool,
                  window: tuple) -> dict[str, Any] | Any | None:
    """The timeline chart of the view, made once for every session: its Vega-Lite spec with the
    data already in Arrow (what ``st.altair_chart`` would work out from the Altair chart on every
    run: validating the chart against the schema and serialising its data), for
    ``st.vega_lite_chart``; the Altair chart itself on a Streamlit without that conversion; None
    when the view has no dated events. Read-only: :func:`show_chart` draws it."""
    return _fresh_timeline_spec(url, view_key(view), bucket, tuple(actor_order), by_type, tuple(window), view)


@st.cache_resource(max_entries=64, **_FRESH)
def _fresh_timeline_spec(url: str, key: tuple, bucket: str, actor_order: tuple[str, ...], by_type: bool,
                         window: tuple, _view: ViewState) -> dict[str, Any] | Any | None:
    wversion = window_version(url, _view)
    if by_type:
        frame = charts.type_timeline_frame(_timeline_by_type(url, wversion, key, timeline_grain(_view), _view), bucket)
    else:
        frame = _timeline_frame(url, wversion, key, bucket, actor_order, _view)
    if frame.empty:
        return None
    chart = charts.timeline_chart(frame, bucket, list(actor_order), window, by_type=by_type)
    try:
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
    except ImportError:  # another Streamlit: the page converts the chart on each run
        return chart
    return _convert_altair_to_vega_lite_spec(chart)


def show_chart(spec: dict[str, Any] | Any) -> None:
    """Draw a :func:`timeline_spec` (a copy: Streamlit takes the data out of the spec it is given)."""
    if isinstance(spec, dict):
        st.vega_lite_chart(copy.deepcopy(spec), width="stretch")
    else:
        st.altair_chart(spec, width="stretch")


def events_table(url: str, version: str, key: tuple, limit: int, view: ViewState) -> pd.DataFrame:
    return _events_table(url, window_version(url, view), view_key(view), limit, view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _events_table(url: str, wversion: str, key: tuple, limit: int, _view: ViewState) -> pd.DataFrame:
    return D.events_table(get_store(url).engine, _view, limit)


def count_events(url: str, version: str, key: tuple, view: ViewState) -> int:
    return _fresh_count_events(url, (view_key(view), key), view)


@st.cache_resource(max_entries=256, **_FRESH)
def _fresh_count_events(url: str, key: tuple, _view: ViewState) -> int:
    return _count_events(url, window_version(url, _view), key, _view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=128)
def _count_events(url: str, wversion: str, key: tuple, _view: ViewState) -> int:
    return D.count_events(get_store(url).engine, _view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def unlocated(url: str, version: str, key: tuple, limit: int, _view: ViewState) -> tuple[int, pd.DataFrame]:
    """The view's events with no point (D.unlocated_table); ``version``: the store's commit counter."""
    return D.unlocated_table(get_store(url).engine, _view, limit)


def incidents(url: str, view: ViewState, limit: int = 2000) -> pd.DataFrame:
    """The view's incidents (D.incidents_in_view), newest first."""
    return _incidents(url, window_version(url, view), view_key(view), limit, view)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _incidents(url: str, wversion: str, key: tuple, limit: int, _view: ViewState) -> pd.DataFrame:
    return D.incidents_in_view(get_store(url).engine, _view, limit)


@st.cache_data(ttl=VERSION_TTL, show_spinner=False, max_entries=256)
def incident_reports(url: str, incident_id: str) -> pd.DataFrame:
    """Every report of one incident, the first first (D.incident_reports); refreshed within seconds."""
    return D.incident_reports(get_store(url).engine, incident_id)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=256)
def place_labels(url: str, version: str, place_ids: tuple[str, ...]) -> dict[str, str]:
    return D.place_labels(get_store(url).engine, list(place_ids))


@st.cache_data(ttl=600, show_spinner=False, max_entries=64)
def article(url: str, version: str, article_id: str) -> tuple[dict[str, Any] | None, pd.DataFrame]:
    engine = get_store(url).engine
    art = D.get_article(engine, article_id)
    return art, (D.article_events(engine, article_id) if art else pd.DataFrame())


# -- added with the offline base map and the link checks (dashboard UI) --------------------------
def basemap_assets() -> str | None:
    """URL prefix of the packaged offline outline (``dashboard/basemap/``), published like the
    Leaflet files through a component path; the browser fetches each file once and keeps it.
    None when the package has no outline files."""
    from streamlit.components.v1 import declare_component

    from .basemap import basemap_dir, basemap_files

    if not basemap_files():
        return None
    served = declare_component("map_basemap", path=str(basemap_dir()))
    base = base_path()
    return ("/" + base if base else "") + f"/component/{served.name}"


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def known_values(url: str, version: str, facet: str, values: tuple[str, ...]) -> set[str]:
    return D.known_values(get_store(url).engine, facet, list(values))
