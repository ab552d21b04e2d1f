"""The folium map: one marker per incident (the reports of one event, across outlets), grey markers
for places mentioned without an event when those are shown, and — when a view holds too many
incidents — one marker per place (or per grid cell when there are too many places).

Markers, tooltips, popups and the legend travel to the browser as one escaped JSON array inside a
single script (:class:`PlaceLayer`), which Leaflet turns into a MarkerCluster of small DOM markers.
That keeps a map of thousands of places to one folium element (folium makes three per marker
otherwise, and a Marker per event takes ~20 s at 10 000 events) and every untrusted string goes
through :mod:`dashboard.html`. Leaflet and MarkerCluster load from the app's own static files
(:mod:`dashboard.assets`), so the map works offline; base tiles load when there is a network.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import folium
import numpy as np
import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.template import Template

from . import basemap as BM
from . import data as D
from . import density as DN
from . import escaping as H
from .filters import EVENT_TYPES, ViewState

PRECISION_LABEL = {1: "exact town or site", 2: "near or part of a town", 3: "region or country"}
ACTOR_PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939")
OTHER_COLOR = "#555555"
NONE_COLOR = "#a0a0a0"
#: one colour per ACLED event type: the Okabe-Ito palette (told apart with the common colour-vision
#: deficiencies); mentions without an event grey
TYPE_COLORS = {"Battles": "#D55E00", "Violence against civilians": "#CC79A7",
               "Explosions/Remote violence": "#E69F00", "Riots": "#0072B2", "Protests": "#56B4E9",
               "Strategic developments": "#009E73"}
MENTION_COLOR = NONE_COLOR
MENTION_LABEL = "mention, no event"
KIND_COLORS = {"city": "#1f77b4", "district": "#2ca02c", "site": "#d62728", "relative": "#ff7f0e",
               "region": "#9467bd", "country": "#8c564b"}
CDN = {
    "leaflet.js": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    "leaflet.css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
    "leaflet.markercluster.js":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
    "MarkerCluster.css": "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css",
    "MarkerCluster.Default.css":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
}

#: above this many places in the view, markers are grid cells
MAX_PLACES = 3000
#: (max places, snippets per popup, articles per popup): popups shrink as places grow so the
#: page stays under a few MB
DETAIL_LEVELS = ((300, 3, 10), (1000, 2, 5), (MAX_PLACES, 1, 3))
#: above this many events in the view, popups carry counts and actors but no snippets
MAX_DETAIL_EVENTS = 60_000
#: up to this many incidents in the view, a marker per incident; above, per place (or grid cell)
MAX_INCIDENTS = 2000
#: reports listed in an incident's popup (the rest through its link to the table)
MAX_POPUP_REPORTS = 25
GRID_SIZES = (0.25, 0.5, 1.0, 2.0, 4.0)

POPUP_CSS = """
<style>
.cm-pop{font:12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;max-width:340px}
.cm-pop .cm-h{font-size:14px;font-weight:600;margin-bottom:2px}
.cm-pop .cm-ar{font-weight:400}
.cm-pop .cm-m{color:#555;margin-bottom:4px}
.cm-pop .cm-ev{border-top:1px solid #eee;padding:4px 0}
.cm-pop .cm-d{color:#555;font-size:11px}
.cm-pop .cm-snip{margin:2px 0}
.cm-pop mark{background:#ffe066;padding:0 1px}
.cm-pop ul{margin:2px 0 0 0;padding-inline-start:16px}
.cm-pop li{margin:2px 0}
.cm-pop .cm-src{color:#555}
.cm-pop .cm-out{font-weight:600}
.cm-pop i.cm-ty{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;
  border:1px solid rgba(0,0,0,.55);vertical-align:-1px}
.cm-legend{pointer-events:none;background:rgba(255,255,255,.88);padding:4px 8px;border-radius:4px;font:12px/1.4 system-ui,sans-serif;
  max-width:210px;box-shadow:0 1px 4px rgba(0,0,0,.3)}
.leaflet-control.cm-legend-box{pointer-events:none}
.cm-legend summary{pointer-events:auto;cursor:pointer;font-weight:600;list-style-position:inside}
.cm-legend-body{max-height:40vh;overflow:hidden;margin-top:2px}
.cm-legend-body div{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cm-legend i.cm-sw{border-radius:2px;width:14px}
#map_div{height:100vh!important;width:100%!important}
.cm-legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.cm-legend i.cm-wide{border:2px dashed #555;background:transparent;width:8px;height:8px}
.cm-pt div{border-radius:50%;border:1px solid rgba(0,0,0,.55);opacity:.85;box-sizing:border-box;width:100%;height:100%}
.marker-cluster.cm-cluster{background:none}
.marker-cluster.cm-cluster div{width:100%;height:100%;margin:0;border-radius:50%;display:flex;align-items:center;
  justify-content:center;box-shadow:0 0 0 1px rgba(0,0,0,.45)}
.marker-cluster.cm-cluster span{display:flex;align-items:center;justify-content:center;width:62%;height:62%;
  line-height:1;border-radius:50%;background:rgba(255,255,255,.93);font:600 12px system-ui,sans-serif;color:#222}
.leaflet-control-layers-toggle{background-image:none!important}
.leaflet-control-layers-toggle::before{content:"\\2630";display:block;text-align:center;font-size:20px;
  line-height:36px;color:#333}
.cm-hl{animation:cmpulse 1.4s ease-out infinite}
@keyframes cmpulse{0%{stroke-width:3}50%{stroke-width:8}100%{stroke-width:3}}
</style>
"""


@dataclass
class MapOptions:
    """How to draw: colours, links and where Leaflet comes from."""

    color_by: str = "type"  # "type" | "actor" | "kind"
    size_by: str = "reports"  # "reports" (articles reporting) | "fatalities" (people killed)
    base_path: str = ""  # Streamlit's server.baseUrlPath, for links back into the app
    asset_base: str | None = None  # URL of the vendored files; None = public CDNs (needs internet)
    tiles: bool = True  # draw a base map at all
    basemap: str = "streets"  # "streets" | "grey" (tiles, the outline when they fail) | "outline"
    basemap_url: str | None = None  # URL of the packaged outline files (None: tiles only)
    density: str = "points"  # "points" (markers, clustered) | "hex" (events per hexagon)


@dataclass
class MapData:
    """What the map draws, already aggregated (see :func:`load_map_data`)."""

    places: pd.DataFrame  # every place of the view (incidents' and mentions'): counts, density, fallback
    place_actors: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    recent: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    n_snippets: int = 0
    n_articles: int = 0
    place_types: dict[str, list[tuple[str | None, int]]] = field(default_factory=dict)
    #: the view's incidents (a marker each), None when there are too many (markers per place then)
    incidents: pd.DataFrame | None = None
    reports: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # incident_id -> its reports
    #: in incident mode, the places of mentions without an event (when the view shows them)
    mention_places: pd.DataFrame | None = None

    @property
    def mode(self) -> str:
        if len(self.places) > MAX_PLACES:
            return "grid"
        return "incidents" if self.incidents is not None else "places"

    @property
    def n_events(self) -> int:
        return int(self.places["n_events"].sum()) if not self.places.empty else 0

    def actor_order(self) -> list[str]:
        """Actors by events in the view (computed once: a MapData is shared and never changed)."""
        order = self.__dict__.get("_actor_order")
        if order is None:
            order = self.__dict__["_actor_order"] = [a for a, _n in D.actor_totals_from(self.place_actors)]
        return list(order)


def load_map_data(engine: Any, view: ViewState, *, details: bool = True) -> MapData:
    """Aggregate the view per place in SQL; popup details only as many as the page can carry.

    The per-place counts, actors and event types are independent scans: they run side by side
    (the database does the work outside the GIL), which halves the time of a large view. With
    ``details`` (what the points map needs, never the density view) :func:`add_details` follows."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        f_places = pool.submit(D.place_aggregates, engine, view)
        f_actors = pool.submit(D.place_actor_counts, engine, view)
        f_types = pool.submit(D.place_type_counts, engine, view)
        places, place_actors, place_types = f_places.result(), f_actors.result(), f_types.result()
    if places.empty:
        return MapData(places=places)
    data = MapData(places=places, place_actors=place_actors, place_types=place_types)
    return add_details(engine, view, data) if details else data


def add_details(engine: Any, view: ViewState, base: MapData) -> MapData:
    """``base`` (:func:`load_map_data` without details) with what the points map's markers and
    popups read: up to :data:`MAX_INCIDENTS` incidents, the view's incidents and their reports
    (and, when shown, the places of mentions without an event); above, a marker per place with
    its most recent events. A new MapData: ``base`` is shared and never changed."""
    places = base.places
    data = MapData(places=places, place_actors=base.place_actors, place_types=base.place_types)
    if places.empty or data.mode == "grid":
        return data
    if D.count_incidents(engine, view, limit=MAX_INCIDENTS + 1) <= MAX_INCIDENTS:  # else: a marker per place
        found = D.incidents_in_view(engine, view, limit=MAX_INCIDENTS)
        data.incidents = found
        data.reports = D.reports_of_incidents(engine, found["incident_id"].tolist() if not found.empty else [])
        if not view.include_mentions:
            data.mention_places = places.iloc[0:0]
            return data
        # the mentions without an event: a grey marker per place, with the popups places have
        mview = replace(view, mentions_only=True)
        mplaces = D.place_aggregates(engine, mview)
        data.mention_places = mplaces
        if not mplaces.empty and int(mplaces["n_events"].sum()) <= MAX_DETAIL_EVENTS:
            snips, arts = detail_for(len(mplaces))
            data.n_snippets, data.n_articles = snips, arts
            data.recent = D.place_recent_events(engine, mview, max(snips, arts), mplaces["place_id"].tolist())
        return data
    if data.n_events > MAX_DETAIL_EVENTS:
        return data
    snips, arts = detail_for(len(places))
    data.n_snippets, data.n_articles = snips, arts
    data.recent = D.place_recent_events(engine, view, max(snips, arts), places["place_id"].tolist())
    return data


def detail_for(n_places: int) -> tuple[int, int]:
    """Snippets and article links per popup for a map of ``n_places`` places."""
    for limit, snips, arts in DETAIL_LEVELS:
        if n_places <= limit:
            return snips, arts
    return 0, 0


def radius_for(n_articles: int) -> int:
    """Marker radius in pixels: grows with the square root of distinct reporting articles."""
    return int(min(26, 5 + 3 * math.sqrt(max(1, n_articles))))


def radius_for_deaths(fatalities: Any) -> int:
    """Marker radius in pixels for a death toll: the square root, capped (26 px from 157 dead);
    no figure or none killed: a small dot (4 px), so the eye goes to where people died."""
    n = int(fatalities) if fatalities is not None and not pd.isna(fatalities) else 0
    return 4 if n <= 0 else int(min(26, 5 + 1.7 * math.sqrt(n)))


def marker_radius(opts: MapOptions, n_reports: int, fatalities: Any) -> int:
    return radius_for_deaths(fatalities) if opts.size_by == "fatalities" else radius_for(n_reports)


def type_label(event_type: Any) -> str:
    return event_type if isinstance(event_type, str) and event_type else MENTION_LABEL


def type_color(event_type: Any) -> str:
    return TYPE_COLORS.get(event_type, OTHER_COLOR) if isinstance(event_type, str) and event_type else MENTION_COLOR


def dominant_type(types: list[tuple[str | None, int]]) -> str | None:
    """A place's most frequent event type (mentions only when it has no event at all)."""
    for t, _n in types:
        if t:
            return t
    return None


def vendor_urls(asset_base: str | None) -> dict[str, str]:
    if asset_base is None:
        return dict(CDN)
    return {name: f"{asset_base.rstrip('/')}/{name}" for name in CDN}


def actor_colors(actor_order: Sequence[str]) -> dict[str, str]:
    """The most frequent actors of the view get a colour each (order given by the caller)."""
    return {a: ACTOR_PALETTE[i] for i, a in enumerate(actor_order[: len(ACTOR_PALETTE)])}


def dominant_actor(actors: list[tuple[str, int]], restrict: Sequence[str] = ()) -> str | None:
    """The actor named by most of a place's events (among ``restrict`` when given)."""
    for a, _n in actors:
        if not restrict or a in restrict:
            return a
    return None


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fmt_date(d: Any) -> str:
    return str(d)[:10] if d else "undated"


def place_link(base_path: str, place_id: str, view: ViewState) -> str:
    """The map view filtered on one place, same window, every precision."""
    return _place_link_prefix(base_path, view.date_from, view.date_to) + quote(str(place_id), safe="")


@lru_cache(maxsize=64)
def _place_link_prefix(base_path: str, d_from: date | None, d_to: date | None) -> str:
    params: dict[str, Any] = {}
    if d_from:
        params["from"] = d_from.isoformat()
    if d_to:
        params["to"] = d_to.isoformat()
    params["prec"] = ["1", "2", "3"]
    return H.app_link(base_path, params) + "&place="


def popup_links(base_path: str, view: ViewState) -> list[str]:
    """What the popups' links start with: ``[app, place]``, the app (``app + "/?article=" + id``)
    and the view of one place in this window (``place + id``), ids quoted in the browser as
    :func:`place_link` quotes them."""
    return ["/" + base_path.strip("/") if base_path.strip("/") else "",
            _place_link_prefix(base_path, view.date_from, view.date_to)]


def article_href(base_path: str, article_id: str, url: Any) -> str:
    """The original article (http/https only), else the app's own article page."""
    return H.safe_url(url) or H.app_link(base_path, {"article": article_id})


def _text(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def popup_data(place: dict[str, Any], actors: list[tuple[str, int]], recent: list[dict[str, Any]],
               n_snippets: int, n_articles: int) -> list[Any]:
    """A place's popup as data (:data:`POPUP_JS` builds it in the browser when it opens, every
    value inserted as text): ``["p", name, Arabic name, country, kind, precision, precision label,
    events, articles, span, incidents, their reports, killed, [[actor, events], …], [[date, date
    precision, actors, snippet, mention, language, clip], …], [[article id, title, safe URL or
    null, outlet, date], …], place id]``. Article URLs are checked here (:func:`escaping.safe_url`)."""
    prec = int(place["geo_precision"])
    span = _fmt_date(place["first_date"])
    if place["last_date"] and place["last_date"] != place["first_date"]:
        span += f" – {_fmt_date(place['last_date'])}"
    clip = 240 if n_snippets >= 2 else 180
    snips = [[_fmt_date(ev["event_date"]), ev["date_precision"], ", ".join(ev["actors"][:4]), ev["snippet"] or "",
              ev["mention"] or "", ev["language"], clip] for ev in recent[:n_snippets]]
    seen: dict[str, dict[str, Any]] = {}
    for ev in recent:
        if len(seen) >= n_articles:
            break
        seen.setdefault(ev["article_id"], ev)
    arts = [[aid, _text(ev["article_title"]), H.safe_url(ev["article_url"]), _text(ev["source"]),
             _fmt_date(ev["published"] or ev["event_date"])] for aid, ev in seen.items()]
    return ["p", place["place_name"], _text(place["place_name_ar"]), _text(place["country"]), str(place["kind"]), prec,
            PRECISION_LABEL.get(prec, "?"), int(place["n_events"]), int(place["n_articles"]), span,
            int(place.get("n_incidents") or 0), int(place.get("incident_reports") or 0),
            int(place.get("fatalities") or 0), [[a, int(n)] for a, n in actors[:6]], snips, arts,
            str(place["place_id"])]


def tooltip_html(place: dict[str, Any]) -> str:
    ar = _text(place["place_name_ar"])
    return f"{H.esc(place['place_name'])}{' · ' + H.esc(ar) if ar else ''} — {_count(int(place['n_articles']), 'article')}"


#: adds a legend (HTML built here, every label escaped) as a Leaflet control: a <details> box, open
#: on a wide map and closed on a narrow one (a phone), out of the way while a popup is open
LEGEND_JS = """function (map, html) {
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "cm-legend-box");
        div.innerHTML = html;
        var d = div.querySelector("details");
        if (d) { d.open = map.getSize().x >= 700 && map.getSize().y >= 420; }
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    legend.addTo(map);
    var box = legend.getContainer();
    map.on("popupopen", function () { box.style.display = "none"; });
    map.on("popupclose", function () { box.style.display = ""; });
    return legend;
}"""


#: builds a marker's popup from its data (:func:`popup_data`, :func:`incident_popup`) when it
#: opens: elements made with createElement, every value from the store inserted as text
#: (createTextNode / textContent, never innerHTML), controls and bidi overrides dropped as
#: :func:`escaping.esc` drops them, links only to the http(s) URLs checked on the server or to
#: this app's own pages. A string (a grid cell's popup) is HTML escaped on the server, as before.
POPUP_JS = """function (links) {  // [app, place link prefix]
    var STRIP = /[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]/g;
    var RTL_LANGS = ["ar", "fa", "ur", "he", "ps", "ckb", "arz", "ary"];
    var LTR_LANGS = ["en", "fr", "it", "es", "de", "tr", "ru", "pt"];
    function clean(v) { return v === null || v === undefined ? "" : String(v).replace(STRIP, ""); }
    function el(tag, cls, parent) {
        var e = document.createElement(tag);
        if (cls) { e.className = cls; }
        if (parent) { parent.appendChild(e); }
        return e;
    }
    function text(parent, v) { parent.appendChild(document.createTextNode(clean(v))); }
    function quote(v) {  // Python's quote(v, safe="")
        return encodeURIComponent(String(v)).replace(/[!'()*]/g, function (c) {
            return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
    }
    function link(parent, href, label) {
        var a = el("a", null, parent);
        if (/^(https?:\\/\\/|\\/)/i.test(href)) { a.setAttribute("href", href); }
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        text(a, label);
        return a;
    }
    function article(aid) { return links[0] + "/?article=" + quote(aid); }
    function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
    function isRtl(s, lang) {
        var l = lang ? String(lang).toLowerCase().split("-")[0] : "";
        if (RTL_LANGS.indexOf(l) >= 0) { return true; }
        if (LTR_LANGS.indexOf(l) >= 0 || !s) { return false; }
        var letters = Array.from(String(s)).slice(0, 400).filter(function (c) { return /\\p{L}/u.test(c); });
        if (!letters.length) { return false; }
        var rtl = letters.filter(function (c) {
            return /[\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufeff\\u{10800}-\\u{10fff}\\u{1e800}-\\u{1efff}]/u.test(c); });
        return rtl.length / letters.length > 0.4;
    }
    function findMention(s, m) {  // escaping.find_mention
        var spans = [], pairs = [[s, m], [s.toLowerCase(), m.toLowerCase()]];
        if (!s || !m) { return spans; }
        for (var k = 0; k < pairs.length; k++) {
            var hay = pairs[k][0], needle = pairs[k][1];
            if (hay.length !== s.length) { break; }
            var i = hay.indexOf(needle);
            while (i >= 0) { spans.push([i, i + needle.length]); i = hay.indexOf(needle, i + needle.length); }
            if (spans.length) { return spans; }
        }
        return spans;
    }
    function snippet(parent, s, mention, lang, limit) {  // escaping.snippet_html
        s = s || "";
        var spans = findMention(s, mention || ""), t = s;
        if (s.length > limit) {  // escaping.clip_around
            var centre = spans.length ? spans[0][0] : 0;
            var lo = Math.max(0, Math.min(centre - Math.floor(limit / 3), s.length - limit)), hi = lo + limit;
            var head = lo > 0 ? "… " : "";
            t = head + s.slice(lo, hi) + (hi < s.length ? " …" : "");
            spans = spans.filter(function (p) { return p[0] >= lo && p[1] <= hi; }).map(function (p) {
                return [p[0] - lo + head.length, p[1] - lo + head.length]; });
        }
        var d = el("div", "cm-snip", parent), pos = 0;
        if (isRtl(s, lang)) { d.setAttribute("dir", "rtl"); d.setAttribute("lang", "ar"); } else { d.setAttribute("dir", "ltr"); }
        spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
        for (var j = 0; j < spans.length; j++) {
            var a = spans[j][0], b = spans[j][1];
            if (a < pos || b <= a || b > t.length) { continue; }
            text(d, t.slice(pos, a));
            text(el("mark", null, d), t.slice(a, b));
            pos = b;
        }
        text(d, t.slice(pos));
    }
    function names(parent, name, ar, country) {
        if (ar) { text(parent, " · "); var sp = el("span", "cm-ar", parent); sp.setAttribute("dir", "rtl");
                  sp.setAttribute("lang", "ar"); text(sp, ar); }
        if (country) { text(parent, " · " + clean(country)); }
    }
    function place(d) {
        var box = el("div", "cm-pop"), h = el("div", "cm-h", box);
        text(h, d[1]);
        names(h, d[1], d[2], d[3]);
        var m = el("div", "cm-m", box);
        text(m, d[4] + " · precision " + d[5] + " (" + d[6] + ")");
        el("br", null, m);
        text(m, count(d[7], "event") + " in " + count(d[8], "article") + " · " + clean(d[9]));
        if (d[10]) {
            text(el("div", "cm-m", box), count(d[10], "incident") + " from " + count(d[11], "report") +
                 (d[12] ? " · " + d[12] + " killed (lowest figures reported)" : ""));
        }
        if (d[13].length) {
            text(el("div", "cm-m", box), "Actors: " + d[13].map(function (an) {
                return clean(an[0]) + " (" + an[1] + ")"; }).join(", "));
        }
        d[14].forEach(function (ev) {
            var e = el("div", "cm-ev", box);
            text(el("div", "cm-d", e), ev[0] + " (" + clean(ev[1]) + ")" + (ev[2] ? " · " + clean(ev[2]) : ""));
            snippet(e, ev[3], ev[4], ev[5], ev[6]);
        });
        var ev = el("div", "cm-ev", box);
        if (d[15].length) {
            el("b", null, ev).textContent = "Articles";
            var ul = el("ul", null, ev);
            d[15].forEach(function (a) {
                var li = el("li", null, ul);
                link(li, a[2] || article(a[0]), a[1] || "article " + a[0]);
                text(li, " ");
                text(el("span", "cm-src", li), [a[3], a[4]].filter(function (x) { return x; }).join(" · "));
                text(li, " · ");
                link(li, article(a[0]), "text");
            });
        }
        link(ev, links[1] + quote(d[16]), d[8] > d[15].length ? "all " + d[8] + " articles in the table ›"
                                                                 : "its events in the table ›");
        return box;
    }
    function incident(d) {
        var box = el("div", "cm-pop"), h = el("div", "cm-h", box);
        el("i", "cm-ty", h).style.background = d[2];
        text(h, d[1] + (d[3] ? " · " + clean(d[3]) : ""));
        var m = el("div", "cm-m", box);
        text(el("b", null, m), d[4]);
        names(m, d[4], d[5], d[6]);
        text(m, " · " + clean(d[7]));
        el("br", null, m);
        text(m, count(d[8], "report") + " from " + count(d[9], "outlet") + " · ");
        if (d[10] !== null) { text(el("b", null, m), d[10] + " killed"); text(m, " (the lowest figure a report gives)"); }
        else { text(m, "no report gives a death toll"); }
        if (d[11] !== null) { text(m, " · " + d[11] + " injured"); }
        if (d[12].length) { text(el("div", "cm-m", box), "Actors: " + d[12].map(clean).join(", ")); }
        if (d[13]) { snippet(el("div", "cm-ev", box), d[13][0], d[13][1], d[13][2], 200); }
        var ev = el("div", "cm-ev", box);
        el("b", null, ev).textContent = "Reports";
        var ul = el("ul", "cm-reports", ev);
        d[14].forEach(function (r) {
            var li = el("li", null, ul);
            text(el("bdi", "cm-out", li), r[3] || "article " + r[0]);  // <bdi>: an Arabic outlet or title
            text(li, ": ");                                            // does not reorder what follows
            link(el("bdi", null, li), r[2] || article(r[0]), r[1] || "article " + r[0]);
            text(li, " ");
            text(el("span", "cm-src", li), r[4] + " · " + r[5]);
            text(li, " · ");
            link(li, article(r[0]), "text");
        });
        link(ev, d[16], d[15] > 0 ? "… and " + d[15] + " more reports in the table ›" : "its reports in the table ›");
        return box;
    }
    return function (d) {
        if (typeof d === "string") { return d; }
        return d[0] === "i" ? incident(d) : place(d);
    };
}"""


SIZE_NOTES = {"reports": "size: articles reporting", "fatalities": "size: people killed (lowest figure)"}


@dataclass
class Legend:
    title: str
    entries: list[tuple[str, str]]  # (label, colour)
    wide: bool = False
    size_note: str = SIZE_NOTES["reports"]

    def html(self) -> str:
        rows = "".join(f'<div><i style="background:{c}"></i>{H.esc(label)}</div>' for label, c in self.entries)
        if self.wide:
            rows += '<div><i class=cm-wide></i>region or country (approximate)</div>'
        return (f'<details class=cm-legend open><summary>{H.esc(self.title)}</summary>'
                f'<div class=cm-legend-body>{rows}<div>{H.esc(self.size_note)}</div></div></details>')


def _color(opts: MapOptions, kind: Any, actor: str | None, colors: dict[str, str],
           used: dict[str, str], etype: str | None = None) -> str:
    if opts.color_by == "type":
        color = type_color(etype)
        used[type_label(etype)] = color
    elif opts.color_by == "kind":
        color = KIND_COLORS.get(str(kind), OTHER_COLOR)
        used[str(kind)] = color
    elif actor is None:
        color = NONE_COLOR
        used["no actor named"] = NONE_COLOR
    else:
        color = colors.get(actor, OTHER_COLOR)
        used[actor if actor in colors else "other actors"] = color
    return color


def _legend(opts: MapOptions, used: dict[str, str], actor_order: Sequence[str], wide: bool,
            actor_title: str, type_title: str = "Event type") -> Legend:
    note = SIZE_NOTES.get(opts.size_by, SIZE_NOTES["reports"])
    if opts.color_by == "type":
        order = {t: i for i, t in enumerate((*EVENT_TYPES, MENTION_LABEL))}
        entries = sorted(used.items(), key=lambda kv: (order.get(kv[0], 10_000), kv[0]))
        return Legend(type_title, entries, wide=wide, size_note=note)
    if opts.color_by == "kind":
        return Legend("Kind of place", sorted(used.items()), wide=wide, size_note=note)
    order = {a: i for i, a in enumerate(actor_order)}
    entries = sorted(used.items(), key=lambda kv: (order.get(kv[0], 10_000), kv[0]))
    return Legend(actor_title, entries, wide=wide, size_note=note)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")`` (the same Python values) without pandas' per-value boxing:
    each column converted once (``tolist``), the rows zipped from them (README, the views6 round)."""
    cols = [str(c) for c in frame.columns]
    if not cols or len(set(cols)) != len(cols) or list(frame.columns) != cols:
        return frame.to_dict("records")
    values: list[list[Any]] = []
    for c in cols:
        col = frame[c]
        dtype = col.dtype
        if isinstance(dtype, pd.StringDtype) or (isinstance(dtype, np.dtype) and dtype.kind in "iufbM"):
            values.append(col.tolist())
        elif isinstance(dtype, np.dtype) and dtype.kind == "O":
            vals = col.tolist()
            if any(isinstance(v, np.generic) for v in vals):  # to_dict makes these Python's own
                return frame.to_dict("records")
            values.append(vals)
        else:  # nullable integers and the like: to_dict's own conversions (NA -> None)
            return frame.to_dict("records")
    return [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]


def place_rows(data: MapData, view: ViewState, opts: MapOptions, actor_order: Sequence[str], *,
               places: pd.DataFrame | None = None,
               used: dict[str, str] | None = None) -> tuple[list[list[Any]], Legend]:
    """Marker rows ``[lat, lon, radius, colour, wide, tooltip, popup, weight]`` and the legend
    (``places``: these rows of the view's places instead of all; ``used``: legend entries so far)."""
    colors = actor_colors(actor_order)
    rows: list[list[Any]] = []
    used = {} if used is None else used
    any_wide = False
    for p in records(data.places if places is None else places):
        actors = data.place_actors.get(p["place_id"], [])
        etype = None if places is not None else dominant_type(data.place_types.get(p["place_id"], []))
        color = _color(opts, p["kind"], dominant_actor(actors, view.actors), colors, used, etype)
        wide = int(p["geo_precision"]) >= 3
        any_wide = any_wide or wide
        rows.append([
            round(float(p["lat"]), 5), round(float(p["lon"]), 5),
            marker_radius(opts, int(p["n_articles"]), p["fatalities"]), color,
            1 if wide else 0, tooltip_html(p),
            popup_data(p, actors, data.recent.get(p["place_id"], []), data.n_snippets, data.n_articles),
            int(p["n_articles"]),
        ])
    return rows, _legend(opts, used, actor_order, any_wide, "Main actor at the place", "Main event type at the place")


def _toll(fatalities: Any, injured: Any) -> str:
    """"6 killed, 4 injured"; "no toll given" when the report states no figure."""
    parts = []
    for v, word in ((fatalities, "killed"), (injured, "injured")):
        if v is not None and not pd.isna(v):
            parts.append(f"{int(v)} {word}")
    return ", ".join(parts) if parts else "no toll given"


def incident_link(base_path: str, inc: dict[str, Any], view: ViewState) -> str:
    """The map view on the incident's place, type and days (its reports in the table)."""
    lo = str(inc["first_date"] or inc["event_date"] or "")[:10]
    hi = str(inc["last_date"] or inc["event_date"] or "")[:10]
    params: dict[str, Any] = {}
    if lo and hi:
        params["from"], params["to"] = lo, hi
    else:
        params["undated"] = "1"
    params.update({"type": inc["event_type"], "prec": ["1", "2", "3"], "place": str(inc["place_id"])})
    return H.app_link(base_path, params)


def incident_popup(inc: dict[str, Any], reports: list[dict[str, Any]], opts: MapOptions, view: ViewState) -> list[Any]:
    """An incident's popup as data (:data:`POPUP_JS` builds it when it opens, every value as
    text): ``["i", event type, colour, sub-event type, place, Arabic name, country, span,
    reports, outlets, killed, injured, [actor, …], first report's [snippet, mention, language] or
    null, [[article id, title, safe URL or null, outlet, date, toll], …] (one per article, at most
    MAX_POPUP_REPORTS), articles left out, link to its reports in the table]``."""
    first = reports[0] if reports else {}
    span = _fmt_date(inc["first_date"] or inc["event_date"])
    if inc["last_date"] and inc["last_date"] != inc["first_date"]:
        span += f" – {_fmt_date(inc['last_date'])}"
    dead, inj = inc.get("fatalities"), inc.get("injured")
    items: list[list[Any]] = []
    seen: set[str] = set()
    for rep in reports:
        if rep["article_id"] in seen:  # one line per article (an article naming the place twice)
            continue
        seen.add(rep["article_id"])
        if len(items) >= MAX_POPUP_REPORTS:
            continue
        aid = rep["article_id"]
        items.append([aid, _text(rep["article_title"]), H.safe_url(rep["article_url"]), _text(rep["source"]),
                      _fmt_date(rep["published"] or rep["event_date"]), _toll(rep["fatalities"], rep["injured"])])
    snip = [first["snippet"], first["mention"] or "", first["language"]] if first.get("snippet") else None
    return ["i", inc["event_type"], type_color(inc["event_type"]), _text(inc.get("sub_event_type")), inc["place_name"],
            _text(first.get("place_name_ar")), _text(inc.get("country")), span, int(inc["n_reports"]),
            int(inc["n_outlets"]), None if dead is None or pd.isna(dead) else int(dead),
            None if inj is None or pd.isna(inj) else int(inj), list((inc.get("actors") or [])[:6]), snip, items,
            len(seen) - len(items), incident_link(opts.base_path, inc, view)]


def incident_tooltip(inc: dict[str, Any]) -> str:
    dead = inc.get("fatalities")
    toll = f" · {int(dead)} killed" if dead is not None and not pd.isna(dead) else ""
    return (f"{H.esc(inc['event_type'])} · {H.esc(inc['place_name'])} — "
            f"{_count(int(inc['n_reports']), 'report')}{toll}")


def incident_rows(data: MapData, view: ViewState, opts: MapOptions,
                  actor_order: Sequence[str]) -> tuple[list[list[Any]], Legend]:
    """A marker per incident (the reports of one event), then a grey one per place mentioned
    without an event when the view shows those; rows as :func:`place_rows`'s, and the legend."""
    assert data.incidents is not None
    colors = actor_colors(actor_order)
    kinds = dict(zip(data.places["place_id"], data.places["kind"], strict=True)) if not data.places.empty else {}
    rank = {a: i for i, a in enumerate(actor_order)}
    used: dict[str, str] = {}
    rows: list[list[Any]] = []
    any_wide = False
    for inc in records(data.incidents):
        actors = [a for a in inc["actors"] if not view.actors or a in view.actors]
        actor = min(actors, key=lambda a: (rank.get(a, 10_000), a)) if actors else None
        color = _color(opts, kinds.get(inc["place_id"], "site"), actor, colors, used, inc["event_type"])
        wide = int(inc["geo_precision"] or 1) >= 3
        any_wide = any_wide or wide
        n_rep = int(inc["n_reports"])
        rows.append([round(float(inc["lat"]), 5), round(float(inc["lon"]), 5),
                     marker_radius(opts, n_rep, inc["fatalities"]), color, 1 if wide else 0, incident_tooltip(inc),
                     incident_popup(inc, data.reports.get(inc["incident_id"], []), opts, view), n_rep])
    if data.mention_places is not None and not data.mention_places.empty:
        mrows, legend = place_rows(data, view, replace(opts, size_by="reports"), actor_order,
                                   places=data.mention_places, used=used)
        rows += mrows
        any_wide = any_wide or legend.wide
    return rows, _legend(opts, used, actor_order, any_wide, "Main actor")


def grid_size(places: pd.DataFrame, max_cells: int = MAX_PLACES) -> float:
    """The finest grid (degrees) that leaves at most ``max_cells`` cells."""
    for size in GRID_SIZES:
        cells = places.assign(gy=(places["lat"] // size), gx=(places["lon"] // size))[["gy", "gx"]]
        if len(cells.drop_duplicates()) <= max_cells:
            return size
    return GRID_SIZES[-1]


def grid_rows(data: MapData, view: ViewState, opts: MapOptions,
              actor_order: Sequence[str]) -> tuple[list[list[Any]], Legend, float]:
    """Too many places: one marker per grid cell, its popup listing the cell's top places."""
    places = data.places
    size = grid_size(places)
    colors = actor_colors(actor_order)
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for p in records(places):
        cells.setdefault((int(p["lat"] // size), int(p["lon"] // size)), []).append(p)
    rows: list[list[Any]] = []
    used: dict[str, str] = {}
    for cell in cells.values():
        n_art = sum(int(p["n_articles"]) for p in cell)
        n_ev = sum(int(p["n_events"]) for p in cell)
        lat = sum(p["lat"] * p["n_events"] for p in cell) / n_ev
        lon = sum(p["lon"] * p["n_events"] for p in cell) / n_ev
        by_actor: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        by_type: dict[str, int] = {}
        dead = 0
        for p in cell:
            a = dominant_actor(data.place_actors.get(p["place_id"], []), view.actors)
            if a is not None:
                by_actor[a] = by_actor.get(a, 0) + int(p["n_events"])
            by_kind[str(p["kind"])] = by_kind.get(str(p["kind"]), 0) + int(p["n_events"])
            for t, n in data.place_types.get(p["place_id"], []):
                if t:
                    by_type[t] = by_type.get(t, 0) + n
            dead += int(p.get("fatalities") or 0)
        actor = max(by_actor, key=lambda k: by_actor[k]) if by_actor else None
        kind = max(by_kind, key=lambda k: by_kind[k])
        etype = max(by_type, key=lambda k: by_type[k]) if by_type else None
        color = _color(opts, kind, actor, colors, used, etype)
        top = sorted(cell, key=lambda p: -int(p["n_articles"]))[:8]
        items = "".join(
            f"<li>{H.link(place_link(opts.base_path, t['place_id'], view), t['place_name'])} "
            f'<span class=cm-src>{int(t["n_events"])} events, {int(t["n_articles"])} articles</span></li>'
            for t in top)
        more = f"<div>… and {len(cell) - len(top)} more places</div>" if len(cell) > len(top) else ""
        popup = (f'<div class=cm-pop><div class=cm-h>{len(cell)} places in a {size:g}° cell</div>'
                 f'<div class=cm-m>{n_ev} events · {n_art} article reports</div>'
                 f"<ul>{items}</ul>{more}</div>")
        rows.append([round(lat, 4), round(lon, 4), marker_radius(opts, n_art, dead), color, 0,
                     H.esc(f"{len(cell)} places · {n_ev} events"), popup, n_art])
    return rows, _legend(opts, used, actor_order, False, "Main actor in the cell", "Main event type in the cell"), size


class _RawScript(Element):
    """Script text added to the figure as it is: not compiled as a Jinja template (fast for MBs
    of data, and nothing in the data can be read as template syntax)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


def _render_raw(el: folium.MacroElement, **kwargs: Any) -> None:
    figure = el.get_root()
    assert isinstance(figure, Figure), "render the map, not a detached element"
    for name, url in getattr(el, "default_js", []):
        figure.header.add_child(JavascriptLink(url), name=name)
    for name, url in getattr(el, "default_css", []):
        figure.header.add_child(CssLink(url), name=name)
    figure.script.add_child(_RawScript(el._template.module.script(el, kwargs)), name=el.get_name())


class PlaceLayer(JSCSSMixin):
    """All markers of the map in one script: clustered points, dashed rings for regions/countries."""

    # chunkedLoading off: with it markercluster adds the points a slice at a time and works out
    # the clusters' bounds after the last slice, and a moveend in between (the frame resized, a
    # pan) threw from LatLngBounds.intersects (markercluster issue #743; tests/dashboard/
    # test_browser_cluster.py). At most MAX_PLACES points: added at once in ~0.1 s.
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.markerClusterGroup({
            showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: false,
            iconCreateFunction: function (cluster) {
                // a ring in the colours of the points it holds (their share of its weight), the weight inside
                var n = 0, ms = cluster.getAllChildMarkers(), by = {}, order = [];
                for (var i = 0; i < ms.length; i++) {
                    var w = ms[i].options.cmWeight || 1, c = ms[i].options.cmColor || "#888888";
                    n += w;
                    if (!(c in by)) { by[c] = 0; order.push(c); }
                    by[c] += w;
                }
                order.sort(function (a, b) { return by[b] - by[a]; });
                var stops = [], acc = 0;
                for (var k = 0; k < order.length; k++) {
                    var a0 = 100 * acc / n;
                    acc += by[order[k]];
                    stops.push(order[k] + " " + a0.toFixed(1) + "% " + (100 * acc / n).toFixed(1) + "%");
                }
                var d = n < 10 ? 34 : (n < 100 ? 40 : 46);
                return L.divIcon({html: "<div style=\\"background:conic-gradient(" + stops.join(",") + ")\\"><span>" +
                                        n + "</span></div>",
                                  className: "marker-cluster cm-cluster", iconSize: L.point(d, d)});
            }
        });
        var {{ this.get_name() }}_wide = L.featureGroup();
        (function (cluster, wide, build) {
            var rows = {{ this.rows_json }};
            // the popup is made when it opens (a function for Leaflet), from the row's data
            function popupOf(d) { return function () { return build(d); }; }
            var points = [];
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i], m;
                if (r[4]) {
                    m = L.circleMarker([r[0], r[1]], {radius: r[2], color: r[3], weight: 2, dashArray: "4 4",
                                                       fill: true, fillOpacity: 0.08, className: "cm-wide"});
                } else {
                    var d = 2 * r[2];
                    m = L.marker([r[0], r[1]], {cmWeight: r[7], cmColor: r[3], icon: L.divIcon({
                        className: "cm-pt", iconSize: [d, d],
                        html: "<div style=\\"background:" + r[3] + "\\"></div>"})});
                }
                m.bindTooltip(r[5], {direction: "top"});
                m.bindPopup(popupOf(r[6]), {maxWidth: 360, minWidth: 220, maxHeight: 340, autoPanPadding: [20, 20]});
                if (r[4]) { wide.addLayer(m); } else { points.push(m); }
            }
            cluster.addLayers(points);
        })({{ this.get_name() }}, {{ this.get_name() }}_wide, ({{ this.popup_js }})({{ this.links_json }}));
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {{ this.get_name() }}_wide.addTo({{ this._parent.get_name() }});
        {% if this.legend_json %}
        ({{ this.legend_js }})({{ this._parent.get_name() }}, {{ this.legend_json }});
        {% endif %}
        {% endmacro %}
    """)

    def __init__(self, rows: list[list[Any]], legend_html: str | None, urls: dict[str, str],
                 links: list[str] | None = None) -> None:
        super().__init__()
        self._name = "PlaceLayer"
        # the popups' text travels raw (the browser inserts it as text): every '<' as \u003c as
        # well, so no tag-like text from the store stands in the page's script even inside a string
        self.rows_json = H.js_json(rows).replace("<", "\\u003c")
        self.late_text = ("rows_json",)  # mapcomponent.render puts it in after the passes over the script
        self.popup_js = POPUP_JS
        self.links_json = H.js_json(links or ["", "/?place="])
        self.legend_json = H.js_json(legend_html) if legend_html else ""
        self.legend_js = LEGEND_JS
        self.default_js = [("markerclusterjs", urls["leaflet.markercluster.js"])]
        self.default_css = [("markerclustercss", urls["MarkerCluster.css"]),
                            ("markerclusterdefaultcss", urls["MarkerCluster.Default.css"])]

    def render(self, **kwargs: Any) -> None:
        _render_raw(self, **kwargs)


class Highlight(folium.MacroElement):
    """A pulsing ring on one point with its popup open (the row selected in the table)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.circleMarker({{ this.location_json }}, {
            radius: 18, color: "#ff00aa", weight: 3, fill: false, className: "cm-hl"
        }).addTo({{ this._parent.get_name() }});
        {{ this.get_name() }}.bindPopup({{ this.popup_json }}, {maxWidth: 360, minWidth: 220, maxHeight: 340});
        setTimeout(function () { {{ this.get_name() }}.openPopup(); }, 300);
        {% endmacro %}
    """)

    def __init__(self, lat: float, lon: float, popup: str) -> None:
        super().__init__()
        self._name = "Highlight"
        self.location_json = H.js_json([round(float(lat), 5), round(float(lon), 5)])
        self.popup_json = H.js_json(popup)

    def render(self, **kwargs: Any) -> None:
        _render_raw(self, **kwargs)


def base_map(opts: MapOptions, bounds: list[list[float]] | None) -> folium.Map:
    """A folium Map whose Leaflet comes from ``opts.asset_base`` (no CDN when it is set)."""
    urls = vendor_urls(opts.asset_base)
    m = folium.Map(location=[24.0, 8.0], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False,
                   min_zoom=2, max_zoom=BM.MAX_ZOOM, world_copy_jump=True)
    # instance attributes: the class lists stay folium's own (other code in the process is unaffected)
    m.default_js = [("leaflet", urls["leaflet.js"])]
    m.default_css = [("leaflet_css", urls["leaflet.css"])]
    m.get_root().header.add_child(Element(POPUP_CSS + BM.LABEL_CSS), name="cm_css")
    if opts.tiles:
        BM.BaseLayer(opts.basemap, opts.basemap_url, BM.MAX_ZOOM).add_to(m)
    if bounds:
        (s, w), (n, e) = bounds
        if abs(n - s) < 0.05 and abs(e - w) < 0.05:
            s, n, w, e = s - 0.5, n + 0.5, w - 0.5, e + 0.5
        m.fit_bounds([[s, w], [n, e]], max_zoom=9, padding_top_left=(50, 50), padding_bottom_right=(50, 50))
    return m


class DensityLayer(folium.MacroElement):
    """Events per hexagon: one grid per zoom level (:mod:`.density`), the grid of the zoom in use
    drawn on a canvas. Data as escaped JSON: ``[[zoom, size_m, breaks, [[q, r, events, places,
    class, category, [name index, ...]], ...]], ...]`` and the names ``[[label, href, events], ...]``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, levels, names, colors, title, cats) {
            var renderer = L.canvas({padding: 0.3});
            var group = L.layerGroup().addTo(map), current = null, legendBox = null;
            var proj = L.Projection.SphericalMercator, k = Math.sqrt(3);
            var state = window.cmDensityState = {zoom: null, hexes: 0, events: 0};
            function corners(q, r, s) {
                var cx = s * k * (q + r / 2), cy = s * 1.5 * r, out = [];
                for (var i = 0; i < 6; i++) {
                    var a = Math.PI / 180 * (60 * i - 30);
                    out.push(proj.unproject(L.point(cx + s * Math.cos(a), cy + s * Math.sin(a))));
                }
                return out;
            }
            function tip(h) {
                var t = h[2] + (h[2] === 1 ? " event" : " events") + " at " + h[3] + (h[3] === 1 ? " place" : " places") +
                        (h[5] >= 0 ? " (mostly " + cats[h[5]] + ")" : "");
                var ns = h[6].map(function (i) { return names[i][0]; });
                return t + (ns.length ? ": " + ns.join(", ") + (h[3] > ns.length ? ", …" : "") : "");
            }
            function pop(h) {
                var items = h[6].map(function (i) {
                    return "<li><a href='" + names[i][1] + "' target=_blank rel='noopener noreferrer'>" + names[i][0] +
                           "</a> <span class=cm-src>" + names[i][2] + " events</span></li>";
                }).join("");
                return "<div class=cm-pop><div class=cm-h>" + tip(h) + "</div><ul>" + items + "</ul></div>";
            }
            function legend(lv) {
                var rows = "", lo = 1;
                for (var i = 0; i < lv[2].length; i++) {
                    var hi = lv[2][i];
                    if (hi < lo) { continue; }
                    rows += "<div><i class=cm-sw style='background:" + colors[i] + "'></i>" +
                            (hi === lo ? hi : lo + "–" + hi) + "</div>";
                    lo = hi + 1;
                }
                return "<details class=cm-legend open><summary>" + title + "</summary><div class=cm-legend-body>" +
                       rows + "<div>hexagons about " + Math.round(lv[1] * k * Math.cos(map.getCenter().lat * Math.PI / 180) / 1000) +
                       " km across</div></div></details>";
            }
            function draw() {
                var z = map.getZoom(), lv = levels[0];
                for (var i = 0; i < levels.length; i++) {
                    if (Math.abs(levels[i][0] - z) < Math.abs(lv[0] - z)) { lv = levels[i]; }
                }
                if (lv === current) { return; }
                current = lv;
                group.clearLayers();
                var total = 0;
                for (var j = 0; j < lv[3].length; j++) {
                    var h = lv[3][j], c = colors[h[4]];
                    var p = L.polygon(corners(h[0], h[1], lv[1]), {renderer: renderer, color: c, weight: 0.8,
                        opacity: 0.9, fillColor: c, fillOpacity: 0.7});
                    p.bindTooltip(tip(h), {sticky: true});
                    p.bindPopup(pop(h), {maxWidth: 360, minWidth: 200, maxHeight: 300});
                    group.addLayer(p);
                    total += h[2];
                }
                state.zoom = lv[0]; state.hexes = lv[3].length; state.events = total;
                if (legendBox) { map.removeControl(legendBox); }
                legendBox = ({{ this.legend_js }})(map, legend(lv));
            }
            map.on("zoomend", draw);
            draw();
        })({{ this._parent.get_name() }}, {{ this.levels_json }}, {{ this.names_json }}, {{ this.colors_json }},
           {{ this.title_json }}, {{ this.cats_json }});
        {% endmacro %}
    """)

    def __init__(self, levels: list[list[Any]], names: list[list[Any]], title: str,
                 categories: Sequence[str] = ()) -> None:
        super().__init__()
        self._name = "DensityLayer"
        self.cats_json = H.js_json([H.esc(c) for c in categories])
        self.levels_json = H.js_json(levels)
        self.names_json = H.js_json(names)
        self.colors_json = H.js_json(list(DN.SEQUENTIAL))
        self.title_json = H.js_json(H.esc(title))
        self.legend_js = LEGEND_JS
        self.n_hexes = sum(len(lv[3]) for lv in levels)

    def render(self, **kwargs: Any) -> None:
        _render_raw(self, **kwargs)


def density_rows(data: MapData, view: ViewState, opts: MapOptions, categories: Sequence[str] = (), *,
                 by_type: bool = False) -> tuple[list[list[Any]], list[list[Any]], int]:
    """The hexagon grids of a view (``DensityLayer``'s data) and how many events were left out
    because their place is a region or a country (precision 3: a centroid, not a place on a front).

    A hexagon's category is the actor named by most of its events among ``categories`` (the view's
    coloured actors), or with ``by_type`` the event type of most of its events; the tooltip says it."""
    places = data.places
    exact = places[places["geo_precision"].astype(int) < 3].reset_index(drop=True) if not places.empty else places
    left_out = int(places["n_events"].sum() - exact["n_events"].sum()) if not places.empty else 0
    ids = exact["place_id"].tolist() if not exact.empty else []
    levels = DN.hex_levels(
        exact, categories=categories,
        category=(lambda i: dominant_type(data.place_types.get(ids[i], []))) if by_type else
        (lambda i: dominant_actor(data.place_actors.get(ids[i], []), view.actors) if categories else None))
    p_names, p_ids = exact["place_name"].tolist(), exact["place_id"].tolist()
    p_events = exact["n_events"].astype(int).tolist() if not exact.empty else []
    names: list[list[Any]] = []
    index: dict[int, int] = {}
    out: list[list[Any]] = []
    for lv in levels:
        bounds = DN.breaks(lv.n_events)
        classes = DN.color_classes(lv.n_events, bounds)
        hexes = []
        for i in range(len(lv)):
            refs = []
            for row in lv.top[i]:
                if row not in index:
                    index[row] = len(names)
                    names.append([H.esc(p_names[row]), place_link(opts.base_path, p_ids[row], view), p_events[row]])
                refs.append(index[row])
            hexes.append([lv.q[i], lv.r[i], lv.n_events[i], lv.n_places[i],
                          classes[i], lv.category[i], refs])
        out.append([lv.zoom, round(lv.size_m, 3), bounds, hexes])
    return out, names, left_out


@dataclass
class BuiltMap:
    map: folium.Map
    mode: str  # "places" | "grid" | "hex"
    n_markers: int
    grid_deg: float | None = None
    left_out: int = 0  # events not drawn by this mode (density: precision-3 places)


def build_map(data: MapData, view: ViewState, opts: MapOptions, actor_order: Sequence[str]) -> BuiltMap:
    """The whole map for a view."""
    places = data.places
    bounds = None
    if not places.empty:
        bounds = [[float(places["lat"].min()), float(places["lon"].min())],
                  [float(places["lat"].max()), float(places["lon"].max())]]
    m = base_map(opts, bounds)
    grid_deg = None
    if opts.density == "hex":
        by_type = opts.color_by == "type"
        cats = list(EVENT_TYPES) if by_type else list(actor_order[: len(ACTOR_PALETTE)])
        levels, names, left_out = density_rows(data, view, opts, cats, by_type=by_type)
        title = "Events per hexagon" if not view.event_types else f"{', '.join(view.event_types)} per hexagon"
        layer = DensityLayer(levels, names, title, cats)
        layer.add_to(m)
        return BuiltMap(m, "hex", layer.n_hexes, None, left_out)
    if data.mode == "grid":
        rows, legend, grid_deg = grid_rows(data, view, opts, actor_order)
    elif data.mode == "incidents":
        rows, legend = incident_rows(data, view, opts, actor_order)
    else:
        rows, legend = place_rows(data, view, opts, actor_order)
    PlaceLayer(rows, legend.html() if rows else None, vendor_urls(opts.asset_base),
               popup_links(opts.base_path, view)).add_to(m)
    return BuiltMap(m, data.mode, len(rows), grid_deg)


def highlight_group(lat: float, lon: float, popup: str) -> folium.FeatureGroup:
    """A feature group streamlit-folium adds to the live map without reloading it."""
    fg = folium.FeatureGroup(name="Selected event", control=False)
    Highlight(lat, lon, popup).add_to(fg)
    return fg


def event_popup(ev: Any, opts: MapOptions) -> str:
    """The popup of one event (the table's selected row)."""
    name = H.esc(ev.place_name)
    ar = (f' · <span class=cm-ar dir=rtl lang=ar>{H.esc(ev.place_name_ar)}</span>'
          if isinstance(ev.place_name_ar, str) and ev.place_name_ar else "")
    href = article_href(opts.base_path, ev.article_id, ev.article_url)
    title = ev.article_title if isinstance(ev.article_title, str) and ev.article_title.strip() else "article"
    actors = ", ".join(H.esc(a) for a in (ev.actors or []))
    return (f'<div class=cm-pop><div class=cm-h>{name}{ar}</div>'
            f'<div class=cm-d>{H.esc(_fmt_date(ev.event_date))} ({H.esc(ev.date_precision)}) · precision '
            f"{int(ev.geo_precision)}{' · ' + actors if actors else ''}</div>"
            f"{H.snippet_html(ev.snippet, ev.mention, ev.language)}"
            f'<div>{H.link(href, title)} <span class=cm-src>{H.esc(ev.source)}</span> · '
            f'{H.link(H.app_link(opts.base_path, {"article": ev.article_id}), "text")}</div></div>')


def map_payload(m: folium.Map, feature_group: folium.FeatureGroup | None = None) -> dict[str, Any]:
    """What streamlit-folium sends to the browser for this map (for measuring and testing)."""
    import streamlit_folium as sf

    m.get_root().render()
    html = sf._get_html(m)
    header = sf._get_header(m)
    script = sf._get_map_string(m)
    fg = sf._get_feature_group_string(feature_group, map=m) if feature_group is not None else None
    js, css = [], []

    def walk(el: Any) -> Any:
        yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    for el in walk(m):
        js.extend(url for _, url in getattr(el, "default_js", []))
        css.extend(url for _, url in getattr(el, "default_css", []))
    return {"script": script, "header": header, "html": html, "feature_group": fg,
            "js_links": list(dict.fromkeys(js)), "css_links": list(dict.fromkeys(css))}


def payload_bytes(payload: dict[str, Any]) -> int:
    import json

    return len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def window_label(view: ViewState) -> str:
    def f(d: date | None) -> str:
        return d.isoformat() if d else "…"

    return f"{f(view.date_from)} – {f(view.date_to)}"
