"""The base map under the points: online tiles, or the offline Natural Earth outline.

The outline ships with the package (``dashboard/basemap/basemap-{lo,hi}.json``, made at build time
by ``scripts/build_basemap.py``) and is served by the app itself as static files (a Streamlit
component path, :func:`conflictmap.dashboard.state.basemap_assets`), so the browser fetches it once
and keeps it; the map's script carries only its address and content hash. The drawing code is
``dashboard/basemap/basemap.js``: it switches to the outline by itself when tiles do not load.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from branca.element import MacroElement
from folium.template import Template

from . import escaping as H

#: base map -> (tile URL template, attribution); "outline" has no tiles
TILES: dict[str, tuple[str, str]] = {
    "streets": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
    "grey": ("https://server.arcgisonline.com/ArcGIS/rest/services/Canvas/World_Light_Gray_Base/MapServer/tile/{z}/{y}/{x}",
             "Tiles &copy; Esri &mdash; Esri, DeLorme, NAVTEQ"),
}
LEVELS = ("lo", "hi")
MAX_ZOOM = 15
FORMAT = "conflictmap-basemap/1"

LABEL_CSS = """
<style>
.cm-lbl-wrap{background:none;border:0}
.cm-lbl{white-space:nowrap;font:11px/1.25 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;
  color:#3d3a35;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;pointer-events:none}
.cm-lbl span{display:block}
.cm-lbl-t{transform:translate(6px,-50%)}
.cm-lbl-t::before{content:"";position:absolute;left:-6px;top:50%;width:5px;height:5px;margin-top:-2.5px;
  border-radius:50%;background:#4a4540;border:1px solid #fff}
.cm-lbl-c,.cm-lbl-r{transform:translate(-50%,-50%);text-align:center}
.cm-lbl-c{font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:#5a5046}
.cm-lbl-c .cm-lbl-ar{text-transform:none;letter-spacing:0;font-weight:500}
.cm-lbl-r{font-style:italic;color:#7a6e60}
.cm-lbl .cm-lbl-ar{font-size:11px;font-style:normal}
.cm-note{background:rgba(255,255,255,.9);padding:3px 7px;border-radius:4px;font:12px system-ui,sans-serif;
  box-shadow:0 1px 3px rgba(0,0,0,.25)}
</style>
"""


def basemap_dir() -> Path:
    """The packaged folder with the outline files and their drawing code."""
    return Path(str(importlib.resources.files("conflictmap.dashboard").joinpath("basemap")))


@lru_cache(maxsize=1)
def basemap_files() -> dict[str, tuple[str, str]]:
    """level -> (file name, content hash) of the packaged outline; empty when it is missing."""
    out: dict[str, tuple[str, str]] = {}
    for level in LEVELS:
        name = f"basemap-{level}.json"
        path = basemap_dir() / name
        try:
            data = path.read_bytes()
        except OSError:
            return {}
        out[level] = (name, hashlib.sha256(data).hexdigest()[:16])
    return out


@lru_cache(maxsize=1)
def _script() -> str:
    return (basemap_dir() / "basemap.js").read_text(encoding="utf-8")


def load_level(level: str) -> dict[str, Any]:
    """One level of the outline as Python data (tests, tools)."""
    return json.loads((basemap_dir() / f"basemap-{level}.json").read_text(encoding="utf-8"))


def config(mode: str, files_url: str | None, max_zoom: int = MAX_ZOOM) -> list[Any]:
    """What the browser code needs: ``[mode, tileUrl, tileAttribution, loUrl, loKey, hiUrl, hiKey, maxZoom]``.

    Without the outline files (``files_url`` None, or the files missing) the tiles are all there is."""
    tile_url, tile_attr = TILES.get(mode, ("", ""))
    files = basemap_files() if files_url else {}
    if files:
        base = files_url.rstrip("/") if files_url else ""
        lo, hi = files["lo"], files["hi"]
        urls = [f"{base}/{lo[0]}?v={lo[1]}", lo[1], f"{base}/{hi[0]}?v={hi[1]}", hi[1]]
    else:
        urls = ["", "", "", ""]
        if mode == "outline":  # nothing to draw offline: fall back on the streets
            tile_url, tile_attr = TILES["streets"]
    return [mode, tile_url, tile_attr, *urls, max_zoom]


class BaseLayer(MacroElement):
    """The base map of a folium Map: tiles with the outline as their fallback, or the outline alone.

    Its script is the packaged drawing code plus one call with :func:`config` as escaped JSON (no
    template syntax reaches the code: Jinja inserts the text as it is)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.script }}{% endmacro %}")

    def __init__(self, mode: str, files_url: str | None, max_zoom: int = MAX_ZOOM) -> None:
        super().__init__()
        self._name = "BaseLayer"
        self.cfg = config(mode, files_url, max_zoom)

    @property
    def script(self) -> str:
        return f"{_script()}\nwindow.cmBasemap({self._parent.get_name()}, {H.js_json(self.cfg)});\n"
