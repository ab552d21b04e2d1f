# ruff: noqa: F811  (the browser fixtures are imported from test_browser and requested by name)
"""The map in a real browser (Playwright + Debian's Chromium, no internet): the offline base map,
the map-first layout at a laptop's and a phone's size, links that mean what they say, the density
view.

Screenshots are kept as test artefacts: in ``$CONFLICTMAP_SCREENSHOTS`` when it is set, else in
pytest's temporary folder (``screenshots*`` under ``pytest --basetemp``); their paths are printed.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .test_browser import (  # noqa: F401  (fixtures are found by name in this module)
    MAP_FRAME,
    App,
    Page,
    browser,
    hostile_app,
    small_app,
    tab,
)

pytestmark = pytest.mark.browser

LAPTOP, PHONE = (1366, 768), (390, 844)
SPRING = "?from=2019-03-01&to=2019-05-30"
STATE_JS = "() => window.cmBasemapState ? JSON.parse(JSON.stringify(window.cmBasemapState)) : null"
DENSITY_JS = "() => window.cmDensityState ? JSON.parse(JSON.stringify(window.cmDensityState)) : null"
#: share of the base-map canvas that is painted (land, lakes, lines), sampled every 16th pixel
PAINTED_JS = """() => {
    const c = document.querySelector('.leaflet-cmBase-pane canvas');
    if (!c || !c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0, all = 0;
    for (let i = 3; i < d.length; i += 64) { all++; if (d[i] > 0) n++; }
    return n / all;
}"""
LABELS_JS = "() => [...document.querySelectorAll('.cm-lbl span')].map(s => s.textContent)"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("CONFLICTMAP_SCREENSHOTS")
    d = Path(env) if env else tmp_path_factory.mktemp("screenshots")
    d.mkdir(parents=True, exist_ok=True)
    return d


def wait_frame(t: Page, js: str, pred: Callable[[Any], bool], timeout: float = 30) -> Any:
    """Evaluate ``js`` in the map's frame until ``pred`` holds; the last value."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        f = t.frame()
        try:
            last = f.evaluate(js) if f else None
        except Exception:  # the frame was replaced while we asked
            last = None
        if last is not None and pred(last):
            return last
        t.pause(0.25)
    raise AssertionError(f"the map never reached the expected state; last: {last}")


def tile_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buf, format="PNG")
    return buf.getvalue()


# -- the offline base map ---------------------------------------------------------------------------
def test_outline_is_drawn_when_tiles_are_blocked(tab: Callable[..., Page], small_app: App, shots: Path) -> None:
    t = tab(small_app)
    t.goto(SPRING)  # the default base map: street tiles, which cannot load here
    t.points()
    st = wait_frame(t, STATE_JS, lambda s: s["mode"] == "outline" and s["drawn"] and s["labels"] > 0)
    assert st["auto"] is True  # switched by itself, because the tiles failed
    frame = t.frame()
    assert frame.get_by_text("Map tiles did not load: offline outline").count() == 1
    assert frame.evaluate(PAINTED_JS) > 0.3  # land, borders and lakes are on the canvas
    labels = frame.evaluate(LABELS_JS)
    assert "Libya" in labels and "ليبيا" in labels and "Tripoli" in labels, labels
    # the tiles were tried (and blocked); nothing else left the machine
    assert t.blocked and {u.split("/")[2] for u in t.blocked} == {"tile.openstreetmap.org"}
    t.page.screenshot(path=str(shots / "outline-auto.png"))
    print("screenshot:", shots / "outline-auto.png")


def test_outline_chosen_in_the_url_is_fetched_once_and_asks_nothing_outside(
        tab: Callable[..., Page], small_app: App, shots: Path) -> None:
    t = tab(small_app)
    fetched: list[str] = []
    t.context.on("request", lambda r: fetched.append(r.url) if "/basemap-" in r.url else None)
    t.goto(SPRING.replace("to=2019-05-30", "to=2019-03-14") + "&basemap=outline")
    first = t.points()
    # drawn at the level the fitted zoom asks for (the frame's size while the page lays out decides it)
    st = wait_frame(t, STATE_JS, lambda s: bool(s["drawn"]) and s["labels"] > 0)
    assert st["mode"] == "outline" and st["auto"] is False
    assert t.query()["basemap"] == ["outline"]
    # a new view is a new map frame: the outline comes from the browser's storage, not the server
    t.page.get_by_role("button", name="Forward").click()
    t.wait_query(lambda q: q.get("from") == ["2019-03-08"])
    t.points(differs_from=first)
    st = wait_frame(t, STATE_JS, lambda s: bool(s["drawn"]))
    # the level the first frame fetched is not fetched again (the new view may be zoomed in far
    # enough to want the detailed level, which then comes once, below)
    assert "lo" not in st["fetched"], st
    assert sum("basemap-lo.json" in u for u in fetched) == 1, fetched
    # zoomed in, the detailed level is drawn (fetched once too)
    t.frame().evaluate("() => window.map.setView([32.8, 13.2], 8)")
    st = wait_frame(t, STATE_JS, lambda s: s["drawn"] == "hi")
    labels = t.frame().evaluate(LABELS_JS)
    assert "Tripoli" in labels and "طرابلس" in labels, labels  # Arabic town names from zoom 7
    assert sum("basemap-lo.json" in u for u in fetched) == 1, fetched
    assert sum("basemap-hi.json" in u for u in fetched) == 1, fetched
    assert t.blocked == []  # no tile, no CDN: nothing was even attempted outside the app
    t.page.screenshot(path=str(shots / "outline-tripoli-zoom8.png"))


def test_outline_fetch_outlives_the_frame_that_started_it(
        tab: Callable[..., Page], small_app: App) -> None:
    """Streamlit may replace a map's frame while its outline is still on the way (a second rerun of
    one view): the fetch is the page's, so it still lands in storage and is not made again."""
    t = tab(small_app)
    held: list[Any] = []
    fetched: list[str] = []
    t.context.on("request", lambda r: fetched.append(r.url) if "/basemap-hi" in r.url else None)
    # the detailed level's response is held back until the frame that asked for it is gone
    t.context.route("**/basemap-hi.json*", lambda r: held.append(r) if not held else r.continue_())
    view = SPRING.replace("to=2019-05-30", "to=2019-03-14") + "&basemap=outline"
    t.goto(view)
    t.points()
    wait_frame(t, STATE_JS, lambda s: s["mode"] == "outline")
    t.frame().evaluate("() => window.map.setView([32.8, 13.2], 8, {animate: false})")
    deadline = time.monotonic() + 30
    while not held and time.monotonic() < deadline:
        t.pause(0.2)
    assert len(held) == 1 and len(fetched) == 1, fetched
    t.page.evaluate("() => [...document.querySelectorAll('iframe')]"
                    ".filter(f => f.src.includes('streamlit_folium')).forEach(f => f.remove())")
    t.pause(0.5)
    try:
        held[0].continue_()
    except Exception as e:  # a frame's own fetch was cancelled with the frame
        pytest.fail(f"the outline's fetch died with its frame: {e}")
    stored = "() => Object.keys(localStorage).filter(k => k.startsWith('cm-basemap:hi:')).length"
    deadline = time.monotonic() + 30
    while not t.page.evaluate(stored) and time.monotonic() < deadline:
        t.pause(0.2)
    assert t.page.evaluate(stored) == 1, "the detailed outline never reached the browser's storage"
    # a new frame (the page opened again) zoomed in draws the detailed level without fetching it
    t.goto(view)
    t.points()
    wait_frame(t, STATE_JS, lambda s: s["mode"] == "outline")
    t.frame().evaluate("() => window.map.setView([32.8, 13.2], 8, {animate: false})")
    st = wait_frame(t, STATE_JS, lambda s: s["drawn"] == "hi")
    assert "hi" not in st["fetched"], st
    assert len(fetched) == 1, fetched


def test_tiles_that_load_stay(tab: Callable[..., Page], small_app: App) -> None:
    t = tab(small_app)
    png = tile_png()
    t.context.route("https://tile.openstreetmap.org/**",
                    lambda route: route.fulfill(status=200, content_type="image/png", body=png))
    t.goto(SPRING)
    t.points()
    t.pause(2)
    st = t.frame().evaluate(STATE_JS)
    assert st["mode"] == "streets" and st["drawn"] == "" and st["fetched"] == []
    assert t.frame().locator(".leaflet-tile-loaded").count() > 0
    assert t.frame().get_by_text("Map tiles did not load").count() == 0


def test_base_map_is_chosen_in_the_sidebar_and_kept_in_the_url(tab: Callable[..., Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto(SPRING)
    t.page.locator("[data-testid=stSidebar]").get_by_text("offline outline", exact=True).click()
    t.wait_query(lambda q: q.get("basemap") == ["outline"])
    st = wait_frame(t, STATE_JS, lambda s: s["mode"] == "outline" and bool(s["drawn"]))  # lo or hi: the zoom decides
    assert st["auto"] is False


# -- the layout ---------------------------------------------------------------------------------------
OVERFLOW_JS = """() => { const m = document.querySelector('[data-testid=stMain]');
    return {doc: document.documentElement.scrollWidth, win: window.innerWidth,
            main: m.scrollWidth, mainClient: m.clientWidth}; }"""
#: axis labels, titles and legend labels of the timeline that stick out of its drawing
CHART_CLIP_JS = """() => {
    const c = document.querySelector('[data-testid=stVegaLiteChart]');
    const svg = c.querySelector('svg'), box = svg.getBoundingClientRect(), host = c.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(e => e.textContent.trim());
    const out = texts.filter(e => { const r = e.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 ||
                               r.bottom > box.bottom + 1); }).map(e => e.textContent);
    return {texts: texts.map(e => e.textContent), clipped: out, svg: box.width, host: host.width,
            viewport: window.innerWidth, right: box.right};
}"""


@pytest.mark.parametrize(("name", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_map_first_layout(tab: Callable[..., Page], small_app: App, shots: Path, name: str,
                          viewport: tuple[int, int]) -> None:
    vw, vh = viewport
    t = tab(small_app, viewport=viewport)
    t.goto(SPRING)
    t.points()
    wait_frame(t, STATE_JS, lambda s: s["drawn"])
    t.pause(1)
    t.page.screenshot(path=str(shots / f"layout-{name}.png"))
    print("screenshot:", shots / f"layout-{name}.png")
    box = t.page.locator(MAP_FRAME).bounding_box()
    chart = t.page.locator("[data-testid=stVegaLiteChart]").first
    cbox = chart.bounding_box()
    assert cbox["y"] > box["y"] + box["height"] - 1  # the timeline is under the map
    # the map is most of the page: wide, tall, and starts near the top
    if name == "laptop":
        assert box["width"] / vw >= 0.70, box
        assert box["height"] / vh >= 0.65, box
        assert box["y"] + box["height"] <= vh, box  # the whole map is on the first screen
        assert box["width"] * box["height"] / (vw * vh) >= 0.5, box
    else:
        assert box["width"] / vw >= 0.9, box
        assert box["height"] / vh >= 0.55, box
        side = t.page.locator("[data-testid=stSidebar]").bounding_box()
        assert side is None or side["x"] + side["width"] <= 1, side  # the filters wait behind their button
    assert box["x"] >= 0 and box["x"] + box["width"] <= vw + 0.5, box
    # the map inside its frame fills the frame
    inner = t.frame().evaluate("() => { const r = window.map.getContainer().getBoundingClientRect(); "
                               "return [r.width, r.height, window.innerWidth, window.innerHeight]; }")
    assert abs(inner[0] - inner[2]) <= 2 and abs(inner[1] - inner[3]) <= 2, inner
    # nothing wider than the screen
    ov = t.page.evaluate(OVERFLOW_JS)
    assert ov["doc"] <= ov["win"] and ov["main"] <= ov["mainClient"], ov
    # the legend: compact, open on a laptop, closed on a phone, and it opens and closes
    frame = t.frame()
    legend = frame.locator("details.cm-legend")
    assert legend.count() == 1
    is_open = legend.evaluate("d => d.open")
    assert is_open is (name == "laptop")
    lbox = legend.bounding_box()
    assert lbox["width"] <= 230 and lbox["height"] <= (200 if is_open else 40), lbox
    legend.locator("summary").click()
    assert legend.evaluate("d => d.open") is (not is_open)
    # Streamlit's toolbar in viewer mode: no Deploy button
    assert t.page.get_by_role("button", name="Deploy").count() == 0
    assert t.page.locator("[data-testid=stAppDeployButton]").count() == 0
    # the timeline below the map, full width, nothing of it cut
    chart.scroll_into_view_if_needed()
    t.pause(0.5)
    cbox = chart.bounding_box()
    assert cbox["width"] >= 0.95 * box["width"], (cbox, box)  # as wide as the map
    info = t.page.evaluate(CHART_CLIP_JS)
    assert info["clipped"] == [], info
    assert "events per week" in info["texts"]  # the y axis says what it counts
    assert any(re.fullmatch(r"\d\d \w{3} 2019", s) for s in info["texts"]), info["texts"]  # dated x axis
    assert "Battles" in info["texts"]  # the legend: the event types (the fixture's fighting is coded Battles)
    assert info["right"] <= info["viewport"], info
    chart.screenshot(path=str(shots / f"timeline-{name}.png"))


# -- links that mean what they say -----------------------------------------------------------------
LONG = "x" * 5000
URL_CASES = [
    pytest.param("?from=2019-05-01&to=2021-12-31", {"from": ["2019-05-01"], "to": ["2021-12-31"]},
                 ["No events after 2019-05-30 in this store yet"], id="window-past-the-data"),
    pytest.param("?from=2019-05-20", {"from": ["2019-05-20"], "to": None}, ["2019-05-20 – latest (2019-05-30)"],
                 id="open-end-stays-open"),
    pytest.param("?from=2019-02-30&to=2019-03-10", {"from": None, "to": ["2019-03-10"]},
                 ["from=“2019-02-30”: not a date (YYYY-MM-DD); left out"], id="impossible-date"),
    pytest.param(SPRING + "&actor=Nobody%20at%20all", {"actor": ["Nobody at all"]},
                 ["actor=“Nobody at all”: no event in this store names this actor (kept in the link)",
                  "No events match"], id="unknown-actor"),
    pytest.param(SPRING + "&q=" + LONG, {"q": None},
                 ["q=“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” (5,000 characters): longer than the 200"],
                 id="value-of-5000-characters"),
    pytest.param(SPRING + "&type=Airstrikes&type=Battles", {"type": ["Battles"]},
                 ["type=“Airstrikes”: not an event type (Battles, Violence against civilians"], id="unknown-event-type"),
    pytest.param(SPRING + "&type=battles", {"type": ["Battles"]}, ["incidents from"], id="event-type-any-case"),
    pytest.param(SPRING + "&type=Riots", {"type": ["Riots"]}, ["No events match this window and these filters"],
                 id="event-type-with-nothing"),
    pytest.param(SPRING + "&mentions=maybe&size=deaths", {"mentions": None, "size": None},
                 ["mentions=“maybe”: not 1 or 0; mentions without an event are hidden",
                  "size=“deaths”: not one of reports, fatalities; reports is used"], id="mentions-and-size"),
    pytest.param(SPRING + "&mentions=1&size=fatalities&color=actor",
                 {"mentions": ["1"], "size": ["fatalities"], "color": ["actor"]},
                 ["sized by people killed", "Events through time, by actor"], id="mentions-size-colour-kept"),
    pytest.param(SPRING + "&density=heat&colour=kind", {"density": None, "colour": None},
                 ["density=“heat”: not one of points, hex; points is used",
                  "colour=“kind”: not a parameter of this app; left out"], id="unknown-option-and-parameter"),
]


@pytest.mark.parametrize(("query", "kept", "said"), URL_CASES)
def test_a_link_means_what_it_says(tab: Callable[..., Page], small_app: App, query: str,
                                   kept: dict[str, list[str] | None], said: list[str]) -> None:
    t = tab(small_app)
    t.goto(query)
    t.pause(1)
    t.wait_idle()
    q = t.query()
    for name, values in kept.items():
        assert q.get(name) == values, (name, q)
    text = t.page.locator("[data-testid=stMain]").inner_text()
    for s in said:
        assert s in text, (s, text[:3000])


def test_a_window_past_the_data_keeps_its_events_and_its_range(tab: Callable[..., Page], small_app: App) -> None:
    t = tab(small_app)
    t.goto("?from=2019-05-01&to=2021-12-31")
    assert len(t.points()) >= 3  # the May events are drawn
    assert "2021-12-31" in t.page.locator("[data-testid=stSlider]").inner_text()  # the slider reaches it
    assert "2019-05-01 – 2021-12-31" in t.summary()


# -- the density view --------------------------------------------------------------------------------
def test_density_view_counts_every_event_and_follows_the_zoom(tab: Callable[..., Page], small_app: App,
                                                              shots: Path) -> None:
    t = tab(small_app)
    t.goto(SPRING + "&density=hex")
    st = wait_frame(t, DENSITY_JS, lambda s: s["hexes"] > 0)
    n_events = int(re.search(r"([\d,]+) events at", t.summary()).group(1).replace(",", ""))
    assert st["events"] == n_events  # every event of the view is in a hexagon
    assert t.frame().locator(".marker-cluster, .cm-pt").count() == 0  # hexagons instead of points
    t.page.screenshot(path=str(shots / "density.png"))
    # another zoom, another grid: the same events, finer hexagons
    zoom = st["zoom"]
    t.frame().evaluate(f"() => window.map.setZoom({zoom + 3})")
    finer = wait_frame(t, DENSITY_JS, lambda s: s["zoom"] != zoom)
    assert finer["events"] == n_events and finer["hexes"] >= st["hexes"]
    # a hexagon's popup names its places, with links to them
    html = t.frame().evaluate("""() => { for (const l of Object.values(window.map._layers)) {
        if (l.getPopup && l.getPopup() && l.setLatLngs) { l.openPopup(); return l.getPopup().getContent(); } } }""")
    assert "events at" in html and "place=test" in html, html
    # switched back to points in the sidebar: the URL follows
    t.page.locator("[data-testid=stSidebar]").get_by_text("points", exact=True).click()
    t.wait_query(lambda q: "density" not in q)
    assert len(t.points()) > 0


def test_density_popups_stay_inert(tab: Callable[..., Page], hostile_app: App) -> None:
    t = tab(hostile_app)
    t.goto("?from=2020-01-01&to=2020-01-31&density=hex")
    wait_frame(t, DENSITY_JS, lambda s: s["hexes"] > 0)
    found = t.frame().evaluate("""() => { const out = [];
        for (const l of Object.values(window.map._layers)) {
            if (l.getPopup && l.getPopup() && l.setLatLngs) {
                l.openPopup();
                const p = document.querySelector('.leaflet-popup-content');
                out.push(p.innerHTML);
                out.push(l.getTooltip().getContent());
            } }
        return out; }""")
    assert found and any("{{ 7*7 }}" in h for h in found), found  # shown as text, not run as a template
    for h in found:
        assert "49" not in h, h
        assert "<script" not in h and "<img" not in h and "<svg" not in h, h
    assert t.frame().locator(".leaflet-popup-content script, img[src='x'], svg[onload]").count() == 0
    assert t.dialogs == [] and t.pwned() == []


# -- events, not mentions: the demo store's first view ---------------------------------------------
#: every marker of the map: [lat, lon, colour, tooltip] (incidents and places alike)
MARKERS_JS = """() => {
    if (!window.map) return null;
    const out = [];
    for (const l of Object.values(window.map._layers)) {
        if (l.options && l.options.iconCreateFunction && l.getLayers) {
            for (const m of l.getLayers()) {
                const p = m.getLatLng(), html = m.options.icon.options.html || '';
                const c = (html.match(/background:(#[0-9A-Fa-f]{6})/) || [])[1];
                out.push([p.lat, p.lng, c, m.getTooltip() ? m.getTooltip().getContent() : '']);
            }
        }
    }
    return out;
}"""


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The dashboard on the demo store, built from the bundled corpus by the real extractor."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    subprocess.run([sys.executable, "-m", "conflictmap.cli", "demo", "--db", str(db), "-q"], check=True,
                   capture_output=True, timeout=600)
    app = App(db, tmp_path_factory.mktemp("logs") / "demo.log")
    yield app
    app.stop()


def test_demo_first_view_shows_incidents_coloured_by_type(tab: Callable[..., Page], demo_app: App,
                                                          shots: Path) -> None:
    from conflictmap.dashboard.mapview import TYPE_COLORS

    t = tab(demo_app, viewport=LAPTOP)
    t.goto()
    t.points()
    markers = wait_frame(t, MARKERS_JS, lambda m: len(m) >= 5)
    head = t.summary()
    assert re.search(r"\d+ incidents from \d+ reports", head), head
    # several event types, each in its own colour, and no grey mention (hidden by default)
    by_color = {c for _lat, _lon, c, _tip in markers}
    shown_types = {name for name, c in TYPE_COLORS.items() if c in by_color}
    assert {"Battles", "Explosions/Remote violence", "Protests"} <= shown_types, (shown_types, markers[:5])
    assert "#a0a0a0" not in by_color
    # the Kidal drone strike of 7 November 2023: one point for three reports by three outlets
    kidal = [m for m in markers if m[3].startswith("Explosions/Remote violence · Kidal — 3 reports")]
    assert len(kidal) == 1, [m[3] for m in markers]
    t.page.locator(MAP_FRAME).scroll_into_view_if_needed()
    shot = Path("/tmp/dash-screenshots")
    shot.mkdir(parents=True, exist_ok=True)
    t.pause(1)
    t.page.screenshot(path=str(shot / "events-first-view.png"))
    t.page.screenshot(path=str(shots / "events-first-view.png"))
    print("screenshot:", shot / "events-first-view.png")
    # its popup lists the three reports with their outlets and the incident's toll
    frame = t.frame()
    frame.evaluate("""() => { for (const l of Object.values(window.map._layers)) {
        if (l.options && l.options.iconCreateFunction && l.getLayers) {
            for (const m of l.getLayers()) {
                const tip = m.getTooltip() ? m.getTooltip().getContent() : '';
                if (tip.startsWith('Explosions/Remote violence · Kidal — 3 reports')) {
                    l.zoomToShowLayer(m, () => m.openPopup()); return; } } } } }""")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("ul.cm-reports li").count() == 3
    outlets = popup.locator(".cm-out").all_inner_texts()
    assert len(set(outlets)) == 3, outlets
    assert "3 reports from 3 outlets" in popup.inner_text()
    t.pause(0.5)
    t.page.screenshot(path=str(shot / "events-incident-popup.png"))
    assert "killed" in popup.inner_text()
    for a in popup.locator("a").all():
        assert a.get_attribute("rel") == "noopener noreferrer"
    # the timeline under the map, stacked by type in the map's colours
    chart = t.page.locator("[data-testid=stVegaLiteChart]").first
    chart.scroll_into_view_if_needed()
    t.pause(0.5)
    info = t.page.evaluate(CHART_CLIP_JS)
    assert info["clipped"] == [], info
    assert {"Battles", "Explosions/Remote violence", "Protests"} <= set(info["texts"]), info["texts"]
    chart.screenshot(path=str(shot / "events-timeline.png"))
    # mentions are one click away
    t.page.get_by_role("button", name=re.compile(r"Show \d+ mentions? without an event")).click()
    t.wait_query(lambda q: q.get("mentions") == ["1"])
    grey = wait_frame(t, MARKERS_JS, lambda m: any(c == "#a0a0a0" for _a, _b, c, _d in m))
    assert len(grey) > len(markers)
