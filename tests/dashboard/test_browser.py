"""The dashboard in a real browser: Playwright driving Debian's Chromium, with no internet.

Every request that does not go to the app on 127.0.0.1 is blocked, so these tests also prove the
map renders offline (Leaflet and MarkerCluster come from the app's static files; base tiles fail).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conflictmap.dashboard.assets import ensure_assets
from conflictmap.dashboard.launch import dashboard_env, streamlit_command

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
STARTUP_S = 60

POINTS_JS = """() => {
    if (!window.map) return null;
    const out = [];
    for (const l of Object.values(window.map._layers)) {
        if (l.options && l.options.iconCreateFunction && l.getLayers) {
            for (const m of l.getLayers()) { const p = m.getLatLng(); out.push(p.lat.toFixed(3) + ',' + p.lng.toFixed(3)); }
        }
        if (l.options && l.options.className === 'cm-wide' && l.getLatLng) {
            const p = l.getLatLng(); out.push('ring:' + p.lat.toFixed(3) + ',' + p.lng.toFixed(3));
        }
    }
    return out.sort();
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class App:
    """A running dashboard server on a free loopback port."""

    def __init__(self, db: Path, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = dashboard_env(str(db))
        env["CONFLICTMAP_DEMO_DB"] = os.devnull + ".no-demo.db"
        self._logf = open(log, "wb")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(streamlit_command(self.port, headless=True, address="127.0.0.1"),
                                     env=env, stdout=self._logf, stderr=subprocess.STDOUT)
        self._wait_health()

    def _wait_health(self) -> None:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"the dashboard did not start: {self.log.read_text(errors='replace')[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._logf.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's chromium "
                    "(`apt-get install -y chromium`; CI installs it). Never `playwright install`.")
    from playwright.sync_api import sync_playwright

    ensure_assets()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def small_app(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    app = App(small_store, tmp_path_factory.mktemp("logs") / "small.log")
    yield app
    app.stop()


@pytest.fixture(scope="module")
def hostile_app(hostile_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    app = App(hostile_store, tmp_path_factory.mktemp("logs") / "hostile.log")
    yield app
    app.stop()


class Page:
    """A browser tab on the app: offline, dialogs recorded, helpers for the map frame."""

    def __init__(self, browser: Any, app: App, viewport: tuple[int, int] = (1500, 1300)) -> None:
        self.app = app
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("dialog", self._dialog)
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, query: str = "") -> None:
        self.page.goto(self.app.url + "/" + query)
        self.wait_idle()

    def wait_idle(self) -> None:
        """Connected, and the script not running (twice in a row, a moment apart)."""
        js = """() => { const a = document.querySelector('[data-testid=stApp]');
                        return !!a && a.getAttribute('data-test-script-state') === 'notRunning'
                               && a.getAttribute('data-test-connection-state') === 'CONNECTED'; }"""
        for _ in range(2):
            self.page.wait_for_function(js)
            self.pause(0.3)
        self.page.wait_for_function(js)

    def pause(self, seconds: float) -> None:
        """Wait while letting Playwright process the page's events (time.sleep would not: the
        sync API only learns of new frames while it is called)."""
        self.page.wait_for_timeout(seconds * 1000)

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def wait_query(self, pred: Callable[[dict[str, list[str]]], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if pred(self.query()):
                self.wait_idle()
                return
            self.pause(0.2)
        raise AssertionError(f"URL never matched; last: {self.page.url}")

    def frame(self) -> Any:
        for f in self.page.frames:
            if "streamlit_folium" in f.url and not f.is_detached():
                return f
        return None

    def points(self, timeout: float = 30, differs_from: list[str] | None = None) -> list[str]:
        """The points the map draws (every marker of the cluster group and every ring)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            f = self.frame()
            try:
                last = f.evaluate(POINTS_JS) if f else None
            except Exception:  # the frame was replaced while we asked
                last = None
            if last and (differs_from is None or last != differs_from):
                return last
            self.pause(0.25)
        shot = self.app.log.with_suffix(".png")
        self.page.screenshot(path=str(shot), full_page=True)
        frames = [f.url for f in self.page.frames]
        raise AssertionError(f"the map drew no (new) points; last: {last}; frames: {frames}; screenshot: {shot}; "
                             f"console: {[c for c in self.console if 'Unrecognized feature' not in c][-15:]}")

    def summary(self) -> str:
        """The line above the map: "**N** events at **M** places · window"."""
        return (self.page.locator("[data-testid=stMain] [data-testid=stMarkdownContainer]")
                .filter(has_text=re.compile(r"\bevents? at \d")).first.inner_text())

    def pwned(self) -> list[Any]:
        found = [self.page.evaluate("() => window.__pwned")]
        f = self.frame()
        if f:
            found.append(f.evaluate("() => window.__pwned"))
        return [x for x in found if x is not None]

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    pages: list[Page] = []

    def make(app: App, viewport: tuple[int, int] = (1500, 1300)) -> Page:
        p = Page(browser, app, viewport)
        pages.append(p)
        return p

    yield make
    for p in pages:
        p.close()


def test_map_shows_points_offline_and_a_popup_with_its_links(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto()
    pts = t.points()
    # a point per incident: 7 in the last month, at Tripoli (three), Ain Zara, Benghazi, Sabha, Gao
    assert len(pts) == 7 and len(set(pts)) == 5
    frame = t.frame()
    assert frame.locator(".cm-pt, .marker-cluster").count() >= 3
    # Leaflet itself came from the app: nothing but tiles was even attempted elsewhere
    assert {urlsplit(u).hostname for u in t.blocked} <= {"tile.openstreetmap.org", "server.arcgisonline.com"}, \
        t.blocked
    # open the popup of Gao (a single, unclustered point), the legend folded first: its box sits
    # over the map's bottom-left corner, where Gao is
    frame.locator("details.cm-legend summary").click()
    gao = frame.locator(".cm-pt").filter(has=frame.locator("div")).nth(0)
    gao.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("mark").count() >= 1
    links = popup.locator("a")
    assert links.count() >= 2
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.startswith("https://news.example.org/") or h.startswith("/?article=") for h in hrefs), hrefs
    for i in range(links.count()):
        assert links.nth(i).get_attribute("rel") == "noopener noreferrer"
        assert links.nth(i).get_attribute("target") == "_blank"


def test_panning_the_map_does_not_rerun_the_app(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    sent: list[Any] = []
    t.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    t.goto()
    t.points()
    t.pause(1)
    before = len(sent)
    box = t.page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    t.page.mouse.move(x, y)
    t.page.mouse.down()
    t.page.mouse.move(x + 120, y + 60, steps=8)
    t.page.mouse.up()
    t.page.mouse.wheel(0, -300)
    t.pause(2)
    assert len(sent) == before, "panning or zooming sent a message to the server"


def test_slider_and_playback_change_what_is_drawn(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto("?from=2019-03-01&to=2019-03-14")
    first = t.points()
    # a point per incident (two at Tripoli, 1 and 6 March): the places are Benghazi, Ain Zara, Tripoli
    assert sorted(set(first)) == ["32.117,20.067", "32.790,13.230", "32.887,13.191"]
    # the slider, as a keyboard user moves it: the window's start goes 6 days later
    start = t.page.locator("input[type=range]").first  # the window's start thumb
    start.focus()
    for _ in range(6):
        t.page.keyboard.press("ArrowRight")
    t.wait_query(lambda q: q.get("from") == ["2019-03-07"])
    moved = t.points(differs_from=first)
    assert moved == ["32.117,20.067"]  # only Benghazi (13 March) is left
    # one step forward: a week
    t.page.get_by_role("button", name="Forward").click()
    t.wait_query(lambda q: q.get("from") == ["2019-03-14"] and q.get("to") == ["2019-03-21"])
    stepped = t.points(differs_from=moved)
    assert stepped == ["27.038,14.428"]  # Sabha, 21 March
    # playback walks the window forward on its own until paused
    t.page.get_by_role("button", name="Play").click()
    t.wait_query(lambda q: q.get("from", [""])[0] >= "2019-04-04", timeout=60)
    t.page.get_by_role("button", name="Pause").click()
    t.wait_idle()
    paused_at = t.query()["from"]
    t.pause(4)
    assert t.query()["from"] == paused_at
    assert t.points() != stepped


def test_a_copied_url_reproduces_the_view(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto()
    t.page.get_by_text("by day", exact=True).click()
    t.wait_query(lambda q: q.get("step") == ["day"])
    t.page.get_by_role("button", name="Back").click()
    t.wait_query(lambda q: q.get("from") == ["2019-04-30"])
    t.page.get_by_text("3 · region/country").click()
    t.wait_query(lambda q: q.get("prec") == ["1", "2", "3"])
    drawn = t.points()
    assert any(p.startswith("ring:") for p in drawn)
    t.page.get_by_role("button", name="Copy link to this view").click()
    code = t.page.locator("[data-testid=stCode] code").first
    code.wait_for()
    link = code.inner_text().strip()
    assert link.startswith(small_app.url + "/?")
    assert parse_qs(urlsplit(link).query) == t.query()
    other = tab(small_app)
    other.page.goto(link)
    other.wait_idle()
    assert other.points() == drawn
    assert other.query() == t.query()
    assert other.summary() == t.summary()


def test_selecting_a_table_row_highlights_its_point(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto()
    t.points()
    table = t.page.locator("[data-testid=stDataFrame]").last
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    t.page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        f = t.frame()
        if f and f.locator(".cm-hl").count():
            break
        t.pause(0.3)
    else:
        raise AssertionError("no highlighted point after selecting a row")
    t.frame().locator(".leaflet-popup-content").first.wait_for()  # the event's popup opens on it


def test_article_page_links_mentions_to_the_map(tab: Callable[[App], Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto("?article=a01")
    marks = t.page.locator("a.cm-mention mark")
    assert marks.count() == 2
    t.page.locator("a.cm-mention").first.click()
    t.wait_query(lambda q: q.get("place") == ["test:tripoli"])
    assert set(t.points()) == {"32.887,13.191"}  # Tripoli's incidents only


def test_hostile_fixtures_stay_inert(tab: Callable[[App], Page], hostile_app: App) -> None:
    t = tab(hostile_app)
    t.goto()
    pts = t.points()
    assert len(set(pts)) == 2  # the map still renders: Tripoli (its incidents) and Benghazi
    frame = t.frame()
    n = frame.locator(".cm-pt").count()
    assert n >= 1
    for m in range(n):
        frame.locator(".cm-pt").nth(m).click(force=True)
        frame.locator(".leaflet-popup-content").first.wait_for()
        found = frame.evaluate("""() => { const p = document.querySelector('.leaflet-popup-content');
            return {html: p.innerHTML, hrefs: [...p.querySelectorAll('a')].map(a => a.getAttribute('href'))}; }""")
        assert "<script" not in found["html"] and "<img" not in found["html"] and "<svg" not in found["html"]
        assert "&lt;script&gt;" in found["html"] or "Benghazi" in found["html"]  # shown as text
        for href in found["hrefs"]:
            assert href.startswith(("https://", "http://", "/?")), href
        frame.locator(".cm-pt").nth(m).hover(force=True)  # and its tooltip
    t.pause(0.5)
    assert frame.locator("img[src='x'], svg[onload], .leaflet-popup-content script").count() == 0
    assert t.page.locator("img[src='x'], svg[onload]").count() == 0
    for i in range(8):
        t.goto(f"?article=evil{i}")
        assert t.page.locator(".cm-art").count() == 1
        assert t.page.locator(".cm-art script, .cm-art img, .cm-art svg").count() == 0
        for a in t.page.locator("a").all():
            href = (a.get_attribute("href") or "").strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), href
    assert t.dialogs == [], t.dialogs
    assert t.pwned() == []
