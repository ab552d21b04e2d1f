"""The density view: events counted on a hexagon grid, one grid per zoom level.

A year of fighting drawn as points is a cloud of clusters; drawn as hexagons whose colour is the
number of events it reads as fronts. The grid is computed here, in Python, from the per-place
aggregates the map already reads (SQL does the counting; a place's events all fall in the hexagon
its position falls in): for every zoom level from :data:`MIN_ZOOM` to :data:`MAX_ZOOM` a grid of
pointy-top hexagons in Web Mercator metres, about :data:`HEX_PX` pixels across at that zoom. The
browser draws the grid of the zoom in use from the hexagon indices alone (``dashboard/mapview.py``,
:class:`DensityLayer`), so the page carries a few numbers per hexagon.

Colour is the count (a sequential scale). Each hexagon also keeps its leading category (today the
actor named by most of its events, :func:`hex_levels` ``category``) so that colouring by event type,
once events carry one, needs no change here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: the drawn grids: one per zoom level in this range (outside it the nearest one is used)
MIN_ZOOM, MAX_ZOOM = 3, 11
#: hexagon radius (centre to corner) in screen pixels at its zoom level
HEX_PX = 14.0
EARTH_R = 6378137.0  # Leaflet's L.Projection.SphericalMercator
MAX_LAT = 85.0511287798
#: metres per pixel at zoom 0 (Web Mercator, 256-pixel tiles)
M_PER_PX_Z0 = 2 * math.pi * EARTH_R / 256
#: sequential colours (light to dark), for the count classes
SEQUENTIAL = ("#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04")
SQRT3 = math.sqrt(3.0)


def radius_m(zoom: int) -> float:
    """The hexagon radius in Web Mercator metres at ``zoom``."""
    return HEX_PX * M_PER_PX_Z0 / (2 ** zoom)


def project(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator metres, as Leaflet's ``L.Projection.SphericalMercator.project``."""
    d = math.pi / 180
    lat = np.clip(lat, -MAX_LAT, MAX_LAT)
    x = EARTH_R * lon * d
    y = EARTH_R * np.log(np.tan(math.pi / 4 + lat * d / 2))
    return x, y


def unproject(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) of a Web Mercator point."""
    d = 180 / math.pi
    return (2 * math.atan(math.exp(y / EARTH_R)) - math.pi / 2) * d, x * d / EARTH_R


def hex_index(x: np.ndarray, y: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Axial (q, r) of the pointy-top hexagon of radius ``size`` holding each point (cube rounding)."""
    qf = (SQRT3 / 3 * x - y / 3) / size
    rf = (2 / 3 * y) / size
    sf = -qf - rf
    q, r, s = np.round(qf), np.round(rf), np.round(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


def hex_center(q: int, r: int, size: float) -> tuple[float, float]:
    """Web Mercator centre of hexagon (q, r)."""
    return size * SQRT3 * (q + r / 2), size * 1.5 * r


def hex_corners(q: int, r: int, size: float) -> list[tuple[float, float]]:
    """(lat, lon) of the six corners of hexagon (q, r)."""
    cx, cy = hex_center(q, r, size)
    out = []
    for i in range(6):
        a = math.radians(60 * i - 30)
        out.append(unproject(cx + size * math.cos(a), cy + size * math.sin(a)))
    return out


@dataclass
class HexLevel:
    zoom: int
    size_m: float
    #: one row per hexagon: q, r, events, places, leading category (index into ``categories``, -1 none),
    #: places named in its tooltip (indices into the frame passed in, most reported first)
    q: list[int]
    r: list[int]
    n_events: list[int]
    n_places: list[int]
    category: list[int]
    top: list[list[int]]

    def __len__(self) -> int:
        return len(self.q)


def hex_levels(places: pd.DataFrame, category: Callable[[int], str | None] | None = None,
               categories: Sequence[str] = (), zooms: Sequence[int] = range(MIN_ZOOM, MAX_ZOOM + 1),
               top_n: int = 3) -> list[HexLevel]:
    """The hexagon grids for ``places`` (columns lat, lon, n_events, n_articles), one per zoom.

    ``category(i)`` names the category of row ``i`` (e.g. its main actor); a hexagon's category is
    the one with most events in it (ties: the first in ``categories``), as an index into
    ``categories`` (-1 when none is listed). Vectorised: a few milliseconds per grid for thousands
    of places."""
    if places.empty:
        return [HexLevel(z, radius_m(z), [], [], [], [], [], []) for z in zooms]
    lat = places["lat"].to_numpy(dtype=float)
    lon = places["lon"].to_numpy(dtype=float)
    n_ev = places["n_events"].to_numpy(dtype=np.int64)
    rank = places["n_articles"].to_numpy(dtype=np.int64) if "n_articles" in places else n_ev
    x, y = project(lat, lon)
    n_cat = len(categories)
    cat_index = {c: i for i, c in enumerate(categories)}
    # column per category, the last one for "none listed" (so a tie goes to a listed category)
    cats = np.array([cat_index.get(category(i), n_cat) for i in range(len(places))] if category
                    else np.full(len(places), n_cat), dtype=np.int64)
    order_in_hex = np.lexsort((-n_ev, -rank))  # most reported first (stable for the hexagon sort below)
    levels = []
    for z in zooms:
        size = radius_m(z)
        q, r = hex_index(x, y, size)
        keys, inv = np.unique(np.stack([q, r], axis=1), axis=0, return_inverse=True)
        inv = inv.reshape(-1)
        n_hex = len(keys)
        events = np.bincount(inv, weights=n_ev, minlength=n_hex).astype(np.int64)
        n_places = np.bincount(inv, minlength=n_hex)
        by_cat = np.bincount(inv * (n_cat + 1) + cats, weights=n_ev, minlength=n_hex * (n_cat + 1))
        lead = by_cat.reshape(n_hex, n_cat + 1).argmax(axis=1)
        lead = np.where(lead == n_cat, -1, lead)
        rows = order_in_hex[np.argsort(inv[order_in_hex], kind="stable")]  # grouped by hexagon, best first
        starts = np.searchsorted(inv[rows], np.arange(n_hex))
        top = [rows[a:a + min(top_n, int(k))].tolist() for a, k in zip(starts.tolist(), n_places.tolist(),
                                                                       strict=True)]
        levels.append(HexLevel(zoom=z, size_m=size, q=keys[:, 0].tolist(), r=keys[:, 1].tolist(),
                               n_events=events.tolist(), n_places=n_places.tolist(), category=lead.tolist(),
                               top=top))
    return levels


def breaks(counts: Sequence[int], classes: int = len(SEQUENTIAL)) -> list[int]:
    """Upper bounds of the colour classes: geometric steps from 1 to the largest count."""
    hi = max(counts) if counts else 1
    if hi <= classes:
        return list(range(1, classes + 1))
    out = []
    for i in range(1, classes + 1):
        b = round(math.exp(math.log(hi) * i / classes))
        out.append(max(b, (out[-1] + 1) if out else 1))
    out[-1] = max(out[-1], hi)
    return out


def color_class(n: int, bounds: Sequence[int]) -> int:
    for i, b in enumerate(bounds):
        if n <= b:
            return i
    return len(bounds) - 1


def color_classes(counts: Sequence[int], bounds: Sequence[int]) -> list[int]:
    """:func:`color_class` of every count at once."""
    idx = np.searchsorted(np.asarray(bounds), np.asarray(counts, dtype=np.int64), side="left")
    return np.minimum(idx, len(bounds) - 1).tolist()
