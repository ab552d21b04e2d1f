# ruff: noqa: F811  (the browser fixtures are imported from test_browser and requested by name)
"""The clustered points survive a map that moves while they are still being added.

With ``chunkedLoading`` Leaflet.markercluster adds markers a slice at a time between frames and
works out the clusters' bounds only after the last slice; a ``moveend`` in between (the frame
resized as Streamlit lays the page out, a pan, a zoom) walks clusters whose bounds are still empty
and throws from ``LatLngBounds.intersects`` (Leaflet.markercluster issue #743). On a loaded
machine — 20 sessions at once — the slices spanned seconds and the error showed as uncaught page
errors (``_recursively`` → ``intersects``). Here the browser is slowed down (Chromium's CPU
throttling, so adding the points takes more than one slice) and the map moves right after the
points' layer is added to it, as a resize or a pan would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from conflictmap.extract.model import Article, Event, make_event_id

from .conftest import write_store
from .test_browser import (  # noqa: F401  (fixtures are found by name in this module)
    App,
    Page,
    browser,
    tab,
)

pytestmark = pytest.mark.browser

N_PLACES = 2400
MARCH = "?from=2019-03-01&to=2019-03-31"


def _batch() -> list[tuple[Article, list[Event]]]:
    """One article per place: a clash at each of N_PLACES points on a grid over Libya."""
    batch = []
    for k in range(N_PLACES):
        lat, lon = 24.0 + (k // 40) * 0.22, 10.0 + (k % 40) * 0.36
        day = date(2019, 3, 1) + timedelta(days=k % 28)
        name = f"Site {k}"
        text = f"Clashes broke out near {name} on {day.isoformat()}."
        aid = f"many-{k}"
        art = Article(id=aid, text=text, url=f"https://news.example.org/{aid}", title=f"Clashes near {name}",
                      source="example.org", published=day.isoformat(), language="en")
        start = text.index(name)
        ev = Event(event_id=make_event_id(aid, start), article_id=aid, mention=name, start=start,
                   end=start + len(name), place_name=name, place_name_ar="", place_id=f"test:site{k}", kind="town",
                   lat=round(lat, 4), lon=round(lon, 4), geo_precision=1, uncertainty_km=5.0, snippet=text,
                   article_url=art.url, article_title=art.title, source=art.source, published=art.published,
                   country="LY", event_date=day.isoformat(), date_precision="day", date_basis="explicit",
                   actors=["LNA"] if k % 2 else ["GNA"], language="en", confidence=0.9,
                   event_type="Battles", sub_event_type="Armed clash")
        batch.append((art, [ev]))
    return batch


@pytest.fixture(scope="module")
def many_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    db = write_store(tmp_path_factory.mktemp("stores") / "many.db", _batch())
    app = App(db, tmp_path_factory.mktemp("logs") / "many.log")
    yield app
    app.stop()


#: in every frame: once markercluster is loaded, each cluster group added to a map moves that map
#: on the next tick (what a resize of the frame or a pan does), counted in ``window.cmMoves``
MOVE_WHILE_LOADING = """(() => {
    function wrap(Group) {
        var onAdd = Group.prototype.onAdd;
        Group.prototype.onAdd = function (map) {
            var out = onAdd.apply(this, arguments);
            setTimeout(function () { window.cmMoves = (window.cmMoves || 0) + 1; map.fire("moveend"); }, 0);
            return out;
        };
        return Group;
    }
    var leaflet;
    Object.defineProperty(window, "L", {configurable: true, get: function () { return leaflet; },
        set: function (v) {
            leaflet = v;
            var group;
            Object.defineProperty(v, "MarkerClusterGroup", {configurable: true, get: function () { return group; },
                set: function (g) { group = wrap(g); }});
        }});
})();"""


def test_points_moved_while_loading_raise_no_error(tab: Callable[..., Page], many_app: App) -> None:
    t = tab(many_app, (1366, 768))
    t.context.add_init_script(MOVE_WHILE_LOADING)
    cdp = t.context.new_cdp_session(t.page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})  # a starved browser: the points take slices
    try:
        t.goto(MARCH)
        deadline = time.monotonic() + 90
        drawn = t.points(timeout=90)
        while len(drawn) < N_PLACES and time.monotonic() < deadline:  # until the last slice is in
            t.pause(0.5)
            drawn = t.points(timeout=90)
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    assert t.frame().evaluate("() => window.cmMoves") >= 1  # the map did move while the points were added
    assert len(drawn) == N_PLACES  # every place is drawn
    errors = [c for c in t.console if c.startswith("pageerror")]
    assert errors == [], errors
