# ruff: noqa: F811  (the browser fixture is imported from test_browser and requested by name)
"""The popups built in the browser when they open (mapview.POPUP_JS), in real Chromium.

The server ships each marker's popup as data (mapview.popup_data, mapview.incident_popup); the
page turns it into elements when the popup opens. Hostile titles, outlets, names, actors and
snippets must come out as text, links only as http(s) or the app's own pages; the mention is
highlighted and an Arabic sentence runs right to left, as the server-made popups did."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conflictmap.dashboard import data as D
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard.filters import ViewState

from .test_browser import browser  # noqa: F401  (found by name)

pytestmark = pytest.mark.browser

HOSTILE_VIEW = ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))

#: builds every popup of ``rows`` into the page, then reports what it holds
BUILD_JS = """([code, links, popups]) => {
    const build = (0, eval)("(" + code + ")")(links);
    const out = [];
    for (const d of popups) {
        const box = document.createElement("div");
        box.className = "leaflet-popup-content";
        const made = build(d);
        if (typeof made === "string") { box.innerHTML = made; } else { box.appendChild(made); }
        document.body.appendChild(box);
        out.push({text: box.textContent, html: box.innerHTML,
                  hrefs: [...box.querySelectorAll("a")].map(a => a.getAttribute("href")),
                  rels: [...box.querySelectorAll("a")].map(a => a.getAttribute("rel")),
                  marks: [...box.querySelectorAll("mark")].map(m => m.textContent),
                  dirs: [...box.querySelectorAll(".cm-snip")].map(s => s.getAttribute("dir")),
                  elements: [...new Set([...box.querySelectorAll("*")].map(e => e.tagName.toLowerCase()))],
                  handlers: [...box.querySelectorAll("*")].flatMap(e => [...e.attributes].map(a => a.name))
                                .filter(n => n.startsWith("on"))});
    }
    return out;
}"""

ALLOWED = {"div", "span", "br", "b", "i", "ul", "li", "a", "mark", "bdi"}


def _popups(store: Path, view: ViewState, monkeypatch: pytest.MonkeyPatch | None = None) -> list[list[Any]]:
    """Both kinds of popup data of a view: a marker per incident, and (too many incidents) per place."""
    st = D.open_store(str(store))
    try:
        data = MV.load_map_data(st.engine, view)
        rows, _ = MV.incident_rows(data, view, MV.MapOptions(), data.actor_order())
        assert monkeypatch is not None
        monkeypatch.setattr(MV, "MAX_INCIDENTS", 0)  # a marker per place, with its recent reports
        pdata = MV.load_map_data(st.engine, view)
        prows, _ = MV.place_rows(pdata, view, MV.MapOptions(), pdata.actor_order())
    finally:
        st.close()
    return [r[6] for r in rows] + [r[6] for r in prows]


def _build(browser: Any, popups: list[list[Any]], links: list[str]) -> list[dict[str, Any]]:
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        # through JSON, as the page gets them (js_json; '<' escaped as in PlaceLayer)
        return page.evaluate(BUILD_JS, [MV.POPUP_JS, links, json.loads(json.dumps(popups))])
    finally:
        page.close()


def test_lazily_built_popups_show_hostile_text_as_text(browser: Any, hostile_store: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    popups = _popups(hostile_store, HOSTILE_VIEW, monkeypatch)
    kinds = [p[0] for p in popups]
    assert "i" in kinds and "p" in kinds
    made = _build(browser, popups, MV.popup_links("", HOSTILE_VIEW))
    titles = [t for p in popups if p[0] == "i" for t in (item[1] for item in p[14]) if t]
    assert any("<script" in t for t in titles)  # the fixture really is hostile
    shown = " ".join(m["text"] for m in made)
    for m in made:
        assert set(m["elements"]) <= ALLOWED, m["elements"]
        assert m["handlers"] == []
        assert "<script" not in m["html"] and "<img" not in m["html"] and "<svg" not in m["html"]
        for href in m["hrefs"]:
            assert href is None or href.startswith(("https://", "http://", "/?")), href
        assert set(m["rels"]) <= {"noopener noreferrer"}
    for t in titles:  # each title is on the page as text, bidi overrides and controls dropped
        assert MV.H._STRIP_RE.sub("", t) in shown, t
    # the rejected URLs (javascript:, data:, vbscript:) left their articles linked to the app's own page
    assert any(h == "/?article=evil0" for m in made for h in m["hrefs"])
    assert not any(h and h.lower().lstrip().startswith(("javascript", "data", "vbscript")) for m in made
                   for h in m["hrefs"])


def test_lazily_built_popups_mark_the_mention_and_keep_arabic_right_to_left(
        browser: Any, small_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    view = ViewState(date_from=date(2019, 3, 1), date_to=date(2019, 5, 31))
    popups = _popups(small_store, view, monkeypatch)
    made = _build(browser, popups, MV.popup_links("/base/", view))
    assert any("Tripoli" in m["marks"] for m in made)
    assert any("طرابلس" in mark for m in made for mark in m["marks"])
    assert "rtl" in {d for m in made for d in m["dirs"]} and "ltr" in {d for m in made for d in m["dirs"]}
    hrefs = [h for m in made for h in m["hrefs"]]
    assert any(h.startswith("/base/?article=") for h in hrefs)  # the app's pages under its base path
    assert any(h.startswith("/base/?from=2019-03-01&to=2019-05-31") and "place=test%3Atripoli" in h for h in hrefs)
    assert any(h.startswith("https://news.example.org/") for h in hrefs)
    places = [m["text"] for m, p in zip(made, popups, strict=True) if p[0] == "p"]
    assert any("Articles" in t and "in the table ›" in t for t in places)
    incidents = [m["text"] for m, p in zip(made, popups, strict=True) if p[0] == "i"]
    assert any("Reports" in t and ("killed" in t or "no report gives a death toll" in t) for t in incidents)


def test_a_grid_cell_popup_is_the_servers_escaped_html(browser: Any, small_store: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MV, "MAX_PLACES", 2)
    view = replace(ViewState(date_from=date(2019, 3, 1), date_to=date(2019, 5, 31)), precisions=(1, 2, 3))
    st = D.open_store(str(small_store))
    try:
        data = MV.load_map_data(st.engine, view)
        rows, _legend, _size = MV.grid_rows(data, view, MV.MapOptions(), data.actor_order())
    finally:
        st.close()
    made = _build(browser, [r[6] for r in rows], MV.popup_links("", view))
    assert made and all("places in a" in m["text"] for m in made)
