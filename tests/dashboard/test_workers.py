# ruff: noqa: F811  (the browser fixture is imported from test_browser and requested by name)
"""A view computed in the server's worker processes (dashboard/workers.py) is the view computed in
the server itself; a worker that dies is reported and the page still appears; the workers end
with the server. Real processes throughout (forkserver workers, a real Streamlit server and
Debian's Chromium for the last test)."""

from __future__ import annotations

import logging
import os
import signal
import time
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import psutil
import pytest
import streamlit as st
from conflictmap.dashboard import data as D
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard import workers as VW
from conflictmap.dashboard.filters import ViewState
from conflictmap.extract.store import database_url

from .test_app import header_line, map_args, run_app
from .test_browser import MAP_FRAME, App, browser  # noqa: F401 (the browser fixture)

MARCH = {"date_from": date(2019, 3, 1), "date_to": date(2019, 3, 31)}
VIEWS = [
    pytest.param("small", ViewState(**MARCH), MV.MapOptions(), id="a month, points"),
    pytest.param("small", ViewState(date_from=date(2019, 1, 1), date_to=date(2021, 12, 31), actors=("LNA",)),
                 MV.MapOptions(color_by="actor", size_by="fatalities"), id="an actor over years, by actor"),
    pytest.param("small", ViewState(**MARCH), MV.MapOptions(density="hex"), id="a month, density"),
    pytest.param("events", ViewState(date_from=date(2021, 6, 1), date_to=date(2021, 6, 30)),
                 MV.MapOptions(color_by="kind"), id="incidents, by kind"),
    pytest.param("hostile", ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31)), MV.MapOptions(),
                 id="hostile texts"),
]


def _url(path: Path) -> str:
    return database_url(path)


@pytest.fixture(scope="module")
def stores(small_store: Path, events_store: Path, hostile_store: Path) -> dict[str, Path]:
    return {"small": small_store, "events": events_store, "hostile": hostile_store}


@pytest.fixture(scope="module")
def pools(stores: dict[str, Path]) -> Any:
    """One worker per store for the module's tests, ended afterwards."""
    made = {name: VW.ViewWorkers(_url(path), size=1) for name, path in stores.items()}
    yield made
    for w in made.values():
        w.shutdown()


def _local(path: Path) -> Any:
    store = D.open_store(_url(path))
    return store, (lambda: store.engine)


def _assert_same_view_map(a: VW.ViewMap, b: VW.ViewMap) -> None:
    assert (a.rendered.script, a.rendered.header, a.rendered.html, a.rendered.map_id) == \
           (b.rendered.script, b.rendered.header, b.rendered.html, b.rendered.map_id)
    assert (a.rendered.bounds, a.rendered.zoom, a.rendered.css_links, a.rendered.js_links) == \
           (b.rendered.bounds, b.rendered.zoom, b.rendered.css_links, b.rendered.js_links)
    assert a.built == b.built and a.built.map is None
    pd.testing.assert_frame_equal(a.page.places, b.page.places)
    assert a.page.actor_order() == b.page.actor_order()
    assert (a.page.n_snippets, a.page.n_articles) == (b.page.n_snippets, b.page.n_articles)
    assert (a.page.mention_places is None) == (b.page.mention_places is None)
    assert a.totals == b.totals
    pd.testing.assert_frame_equal(a.top_places, b.top_places)


@pytest.mark.parametrize(("store_name", "view", "opts"), VIEWS)
def test_a_worker_computes_the_view_the_server_would(stores: dict[str, Path], pools: dict[str, VW.ViewWorkers],
                                                     store_name: str, view: ViewState, opts: MV.MapOptions) -> None:
    store, engine = _local(stores[store_name])
    try:
        here = VW.view_map(engine(), view, opts)
        w = pools[store_name]
        there = w.run(VW.view_map, view, opts, local_engine=engine)
        assert w.pids() and os.getpid() not in w.pids(), "not computed in a worker process"
        assert w.failures == 0
        _assert_same_view_map(here, there)
        assert here.rendered.size > 0 and not here.page.places.empty  # a view with something in it
        # the page's part leaves the popups' data behind: it is what crosses back, kept small
        assert there.page.recent == {} and there.page.reports == {} and there.page.place_actors == {}
        for fn, args in [(D.facet_counts, (view, "actor")), (D.timeline_counts, (view, "day")),
                         (D.events_table, (view, 50)), (D.count_events, (view,)),
                         (D.timeline_by_type, (view, "month"))]:
            a, b = fn(engine(), *args), w.run(fn, *args, local_engine=engine)
            if isinstance(a, pd.DataFrame):
                pd.testing.assert_frame_equal(a, b)
            else:
                assert a == b
        assert w.failures == 0
    finally:
        store.close()


def _kill(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() and _state(p) != "Z" for p in pids):
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_a_worker_that_dies_is_reported_and_the_view_computed_here(
        small_store: Path, caplog: pytest.LogCaptureFixture) -> None:
    store, engine = _local(small_store)
    w = VW.ViewWorkers(_url(small_store), size=1)
    try:
        view, opts = ViewState(**MARCH), MV.MapOptions()
        assert w.run(D.count_events, view, local_engine=engine) == D.count_events(engine(), view)
        first = w.pids()
        assert first and w.failures == 0
        _kill(first)
        with caplog.at_level(logging.WARNING, logger=VW.LOG.name):
            got = w.run(VW.view_map, view, opts, local_engine=engine)
        _assert_same_view_map(got, VW.view_map(engine(), view, opts))
        assert w.failures == 1
        assert any("worker" in r.getMessage() and "died" in r.getMessage() for r in caplog.records), caplog.text
        # the next call starts a new pool: computed in a new worker again
        assert w.run(D.count_events, view, local_engine=engine) == D.count_events(engine(), view)
        assert w.pids() and not set(w.pids()) & set(first) and w.failures == 1
    finally:
        w.shutdown()
        store.close()


def test_a_failure_inside_a_worker_is_computed_here_where_the_real_error_shows(
        small_store: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A worker whose store went away (here: never there) fails each call; the server's own
    process computes the piece — and raises the store's real error when it fails there too."""
    missing = small_store.parent / "moved-away.db"
    w = VW.ViewWorkers(_url(missing), size=1)
    store, engine = _local(small_store)
    try:
        view = ViewState(**MARCH)
        with caplog.at_level(logging.WARNING, logger=VW.LOG.name):
            n = w.run(D.count_events, view, local_engine=engine)
        assert n == D.count_events(engine(), view) and n > 0
        assert w.failures == 1 and "computed in the server's process instead" in caplog.text
    finally:
        w.shutdown()
        store.close()


def test_shutdown_ends_the_workers(small_store: Path) -> None:
    w = VW.ViewWorkers(_url(small_store), size=2)
    store, engine = _local(small_store)
    try:
        w.run(D.count_events, ViewState(**MARCH), local_engine=engine)
        pids = w.pids()
        assert len(pids) == 2
    finally:
        w.shutdown()
        store.close()
    assert all(_state(p) in ("gone", "Z") for p in pids)


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("0", 0, id="none: in the server"),
    pytest.param("3", 3, id="three"),
    pytest.param(" 2 ", 2, id="spaces"),
    pytest.param("-1", 0, id="negative: none"),
    pytest.param("many", len(os.sched_getaffinity(0)), id="not a number: the CPUs"),
    pytest.param("", len(os.sched_getaffinity(0)), id="unset: the CPUs"),
])
def test_pool_size(raw: str, expected: int) -> None:
    assert VW.pool_size({VW.ENV: raw}) == expected


def _clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("query", [
    pytest.param({"from": "2019-03-01", "to": "2019-03-31"}, id="a month"),
    pytest.param({"from": "2019-03-01", "to": "2019-03-31", "density": "hex"}, id="density"),
    pytest.param({"from": "2019-01-01", "to": "2021-12-31", "color": "actor"}, id="years, by actor"),
])
def test_the_page_through_workers_is_the_page_computed_in_the_server(
        use_db, small_store: Path, monkeypatch: pytest.MonkeyPatch, query: dict[str, str]) -> None:
    use_db(small_store)
    _clear()
    here = run_app(query)
    assert not here.exception
    monkeypatch.setenv(VW.ENV, "1")
    VW.shutdown_all()
    _clear()
    there = run_app(query)
    assert not there.exception
    pools = list(VW._REGISTRY.values())
    assert len(pools) == 1 and pools[0].pids() and pools[0].failures == 0
    assert map_args(there) == map_args(here)
    assert header_line(there) == header_line(here) and header_line(here)
    assert [d.value.to_dict() for d in there.dataframe] == [d.value.to_dict() for d in here.dataframe]


def test_the_page_appears_when_its_workers_died(use_db, small_store: Path, monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    use_db(small_store)
    monkeypatch.setenv(VW.ENV, "1")
    VW.shutdown_all()
    _clear()
    query = {"from": "2019-03-01", "to": "2019-03-31"}
    first = run_app(query)
    assert not first.exception
    (pool,) = VW._REGISTRY.values()
    _kill(pool.pids())
    _clear()
    with caplog.at_level(logging.WARNING, logger=VW.LOG.name):
        again = run_app(query)
    assert not again.exception
    assert map_args(again) == map_args(first) and header_line(again) == header_line(first)
    assert pool.failures >= 1 and "died" in caplog.text


def _descendants(pid: int) -> list[int]:
    return [p.pid for p in psutil.Process(pid).children(recursive=True)]


def _cmdline(pid: int) -> str:
    try:
        return " ".join(psutil.Process(pid).cmdline())
    except psutil.Error:
        return ""


@pytest.mark.browser
def test_the_workers_end_with_the_server(browser: Any, small_store: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A real server: a page opened in Chromium starts its workers (the forkserver's children);
    stopping the server as `conflictmap dashboard` does (SIGTERM) ends every one of them."""
    monkeypatch.setenv(VW.ENV, "2")  # the server's environment (the test suite's default is none)
    app = App(small_store, tmp_path / "server.log")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(app.url + "/?from=2019-03-01&to=2019-03-31")
        page.wait_for_selector(MAP_FRAME, state="attached", timeout=60_000)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                "forkserver" in _cmdline(p) for p in _descendants(app.proc.pid)):
            time.sleep(0.2)
        under = _descendants(app.proc.pid)
        forked = [p for p in under if "forkserver" in _cmdline(p)]
        assert len(forked) >= 2, f"no forkserver and worker under the server: {[_cmdline(p) for p in under]}"
        log = app.log.read_text(errors="replace")
        assert "view worker failed" not in log, log[-2000:]
        context.close()
    finally:
        app.stop()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_state(p) not in ("gone", "Z") for p in under):
        time.sleep(0.2)
    assert all(_state(p) in ("gone", "Z") for p in under), [(p, _cmdline(p)) for p in under]


def test_a_process_multiprocessing_started_starts_no_pool() -> None:
    """A Dask worker or one of ours (spawned: it re-runs its parent's __main__, which may be the
    page script AppTest or Streamlit left there) computes in itself rather than start a pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    assert VW._started_by_multiprocessing() is False
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(VW._started_by_multiprocessing).result(timeout=120) is True


# -- one computation of a view's per-place data for all its map options -----------------------------
OPTIONS = [MV.MapOptions(), MV.MapOptions(density="hex"), MV.MapOptions(color_by="actor", size_by="fatalities"),
           MV.MapOptions(color_by="kind"), MV.MapOptions(density="hex", color_by="actor")]
SHARED_VIEWS = [
    pytest.param("small", ViewState(**MARCH), id="a month"),
    pytest.param("small", ViewState(date_from=date(2019, 1, 1), date_to=date(2021, 12, 31), actors=("LNA",)),
                 id="an actor over years"),
    pytest.param("events", ViewState(date_from=date(2021, 6, 1), date_to=date(2021, 6, 30)), id="incidents"),
    pytest.param("hostile", ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31)), id="hostile texts"),
]


@pytest.mark.parametrize(("store_name", "view"), SHARED_VIEWS)
def test_the_map_options_of_a_view_share_its_data_computed_once(stores: dict[str, Path], store_name: str,
                                                                  view: ViewState) -> None:
    """In one process (the server without workers): five options of a view — points, density,
    colours, sizes — compute its per-place data, details and totals once, and each map is the
    one computed from scratch for that option."""
    store, engine = _local(stores[store_name])
    VW.SHARE.clear()
    try:
        key = ("test", store_name, view.key(), "v1")
        shared = [VW.view_map(engine(), view, o, key) for o in OPTIONS]
        assert VW.share_stats() == {"base": 1, "details": 1, "totals": 1}
        for opts, got in zip(OPTIONS, shared, strict=True):
            _assert_same_view_map(got, VW.view_map(engine(), view, opts))  # no key: all computed again
        assert VW.share_stats() == {"base": 1 + len(OPTIONS), "details": 1 + 3, "totals": 1 + len(OPTIONS)}
        # a new version of the window (a writer's commit): computed again, once
        VW.SHARE.clear()
        VW.view_map(engine(), view, OPTIONS[1], ("test", store_name, view.key(), "v2"))
        VW.view_map(engine(), view, OPTIONS[0], ("test", store_name, view.key(), "v2"))
        assert VW.share_stats() == {"base": 1, "details": 1, "totals": 1}
    finally:
        VW.SHARE.clear()
        store.close()


def test_the_views_kept_are_the_last_used() -> None:
    share = VW.ViewShare(2)
    a, b = share.entry("a"), share.entry("b")
    assert share.entry("a") is a  # used again: now the newest
    share.entry("c")  # drops b, the least recently used
    assert share.entry("a") is a and share.entry("b") is not b
    assert VW.ViewShare(0).entry("a") is not VW.ViewShare(0).entry("a")  # size 0: nothing kept
    assert share.entry(None) is not share.entry(None)


def test_a_views_options_go_to_the_worker_that_holds_its_data(small_store: Path) -> None:
    """Two workers: every option of a view is sent to the worker that computed its data (it
    computes it once, the other never), its maps equal the server's own; another view goes to the
    worker that is free."""
    store, engine = _local(small_store)
    w = VW.ViewWorkers(_url(small_store), size=2)
    try:
        view = ViewState(**MARCH)
        key = ("route", view.key(), "v1")
        for opts in OPTIONS:
            got = w.run(VW.view_map, view, opts, key, local_engine=engine, route=key)
            _assert_same_view_map(got, VW.view_map(engine(), view, opts))
        held = w._routes[key]
        stats = [w._pools[i].submit(VW._run, VW.share_stats, ()).result() for i in range(2)]
        assert stats[held] == {"base": 1, "details": 1, "totals": 1}
        assert stats[1 - held] == {"base": 0, "details": 0, "totals": 0}
        assert w.failures == 0 and len(w.pids()) == 2
        # a new view while the first worker is busy: the other one takes it
        other = ViewState(date_from=date(2019, 1, 1), date_to=date(2021, 12, 31))
        w._busy[held] += 1
        try:
            w.run(VW.view_map, other, OPTIONS[0], ("route", other.key()), local_engine=engine,
                  route=("route", other.key()))
        finally:
            w._busy[held] -= 1
        assert w._routes[("route", other.key())] == 1 - held
    finally:
        w.shutdown()
        store.close()


def test_the_page_computes_a_views_data_once_for_all_its_map_options(use_db, small_store: Path) -> None:
    """The dashboard (no workers: the suite's default): the points map, the density map and the
    colours by actor of one view read its per-place data computed once; clearing the server's
    caches (a new process's worth) computes it again."""
    use_db(small_store)
    _clear()
    VW.SHARE.clear()
    month = {"from": "2019-03-01", "to": "2019-03-31"}
    pages = [run_app(month), run_app({**month, "density": "hex"}), run_app({**month, "color": "actor"})]
    assert not any(p.exception for p in pages)
    assert VW.share_stats() == {"base": 1, "details": 1, "totals": 1}
    assert len({repr(map_args(p)) for p in pages}) == 3  # three different maps
    _clear()
    assert not run_app(month).exception
    assert VW.share_stats() == {"base": 2, "details": 2, "totals": 2}
    VW.SHARE.clear()
