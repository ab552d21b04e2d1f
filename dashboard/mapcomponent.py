"""``st_folium`` in two halves: rendering a folium map once, and showing the rendering many times.

``streamlit_folium.st_folium`` renders the whole folium tree to the component's script on every
run of every session (Jinja over every marker and popup: most of a view's cost once the data is
cached). :func:`render` does that work once and returns a :class:`RenderedMap` of plain strings,
which ``state`` caches and shares between sessions (the variable names are made deterministic by
streamlit-folium itself, so the same view gives the same script and the same component key);
:func:`show` sends it through streamlit-folium's own component exactly as ``st_folium`` would —
``tests/dashboard/test_mapcomponent.py`` checks that the two send the same arguments.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import branca
import folium
import folium.elements
import streamlit_folium as sf


@dataclass(frozen=True)
class RenderedMap:
    """What st_folium sends to the browser for one map, independent of the session."""

    script: str
    header: str
    html: str
    map_id: str
    bounds: Any
    zoom: Any
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    _keys: dict[tuple[str | None, bool], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def size(self) -> int:
        return len(self.script) + len(self.header) + len(self.html)

    def component_key(self, key: str | None, return_on_hover: bool) -> str:
        """st_folium's component key (a hash over the whole script: computed once per key)."""
        k = (key, return_on_hover)
        if k not in self._keys:
            self._keys[k] = sf.generate_js_hash(self.script, key, return_on_hover)
        return self._keys[k]


def _links(m: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JS files the map's elements declare (what st_folium collects)."""
    css: list[str] = []
    js: list[str] = []

    def walk(el: Any) -> Iterable[Any]:
        if isinstance(el, branca.colormap.ColorMap):
            yield el
        if isinstance(el, folium.elements.JSCSSMixin):
            yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    for el in walk(m):
        if isinstance(el, branca.colormap.ColorMap):
            js.insert(0, "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js")
            js.insert(0, "https://d3js.org/d3.v4.min.js")
        css.extend(href for _, href in getattr(el, "default_css", []))
        js.extend(src for _, src in getattr(el, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


#: an element's attributes (names in its ``late_text``) that hold data inserted verbatim into its
#: script — the points' JSON, megabytes for a large view — leave :func:`render` out of Jinja and of
#: streamlit-folium's passes over the whole script (a second rendering of the figure, dedent,
#: variable renaming: none of them changes that text, whose ``_`` and braces are escaped): a token
#: stands in for each, and the text replaces it in the finished script. The result is the same
#: script, made without those passes over the data (tests/dashboard/test_mapcomponent.py compares
#: it with ``st_folium``'s).
_LATE_TOKEN = "cmLateText{}x{}"


def _elements(m: Any) -> Iterable[Any]:
    yield m
    for child in getattr(m, "_children", {}).values():
        yield from _elements(child)


def _script_with_late_text(m: folium.Map) -> tuple[str, str, str]:
    """(html, header, script) as st_folium makes them, each ``late_text`` attribute inserted at the end."""
    nonce = uuid.uuid4().hex
    late: dict[str, str] = {}
    held: list[tuple[Any, str, Any]] = []
    for el in _elements(m):
        for attr in getattr(el, "late_text", ()):
            token = _LATE_TOKEN.format(nonce, len(late))
            held.append((el, attr, getattr(el, attr)))
            late[token] = str(getattr(el, attr))
            setattr(el, attr, token)
    try:
        m.get_root().render()
        m.render()
        html = sf._get_html(m)
        header = sf._get_header(m)
        script = sf._get_map_string(m)  # renames the map's variables (after html and header, as st_folium)
    finally:
        for el, attr, value in held:
            setattr(el, attr, value)
    for token, text in late.items():
        if script.count(token) != 1 or token in html or token in header:
            raise RuntimeError(f"a late text of the map did not come out once in its script ({token})")
        script = script.replace(token, text)
    return html, header, script


def render(m: folium.Map) -> RenderedMap:
    """Render ``m`` as st_folium does (this changes ``m``: render a map once, then drop it)."""
    html, header, script = _script_with_late_text(m)
    try:
        bounds = m.get_bounds()
    except AttributeError:
        bounds = [[None, None], [None, None]]
    css, js = _links(m)
    return RenderedMap(script=script, header=header, html=html, map_id=sf.get_full_id(m), bounds=bounds,
                       zoom=m.options.get("zoom") if hasattr(m, "options") else {}, css_links=css, js_links=js)


def _bounds_dict(bounds: Any) -> dict[str, dict[str, Any]]:
    southwest, northeast = bounds
    return {"_southWest": {"lat": southwest[0], "lng": southwest[1]},
            "_northEast": {"lat": northeast[0], "lng": northeast[1]}}


def feature_group_script(rendered: RenderedMap, group: folium.FeatureGroup, idx: int = 0) -> str:
    """The script that adds ``group`` to the rendered map (st_folium's ``feature_group_to_add``)."""
    host = folium.Map(tiles=None)  # stands for the rendered map: same variable name
    host._id = rendered.map_id.split("_", 1)[1]
    return sf._get_feature_group_string(group, map=host, idx=idx)


def show(rendered: RenderedMap, *, key: str | None = None, height: int = 700, width: int = 500,
         use_container_width: bool = False, returned_objects: Iterable[str] | None = None,
         feature_group_to_add: folium.FeatureGroup | None = None, center: Any = None, zoom: Any = None,
         return_on_hover: bool = False, pixelated: bool = False, wrap_longitude: bool = False) -> Any:
    """Show a rendered map: the arguments and the behaviour of ``st_folium`` (no layer control)."""
    import streamlit as st

    returned = list(returned_objects) if returned_objects is not None else None
    defaults_all = {
        "last_clicked": None, "last_object_clicked": None, "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None, "last_object_clicked_popup": None, "all_drawings": None,
        "last_active_drawing": None, "bounds": _bounds_dict(rendered.bounds), "zoom": rendered.zoom,
        "last_circle_radius": None, "last_circle_polygon": None, "selected_layers": None,
        "selected_tags": None, "last_geocoder_result": None,
    }
    defaults = {k: v for k, v in defaults_all.items() if returned is None or k in returned}
    fg = feature_group_script(rendered, feature_group_to_add) if feature_group_to_add is not None else None
    hash_key = rendered.component_key(key, return_on_hover)

    def _on_change() -> None:
        if key is not None:
            st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=rendered.script, header=rendered.header, html=rendered.html, id=rendered.map_id, key=hash_key,
        height=height, width=None if use_container_width else width, returned_objects=returned,
        default=defaults, zoom=zoom, center=center, feature_group=fg, return_on_hover=return_on_hover,
        layer_control=None, pixelated=pixelated, css_links=list(rendered.css_links),
        js_links=list(rendered.js_links), on_change=_on_change, wrap_longitude=wrap_longitude,
    )
