"""The hexagon grid of the density view (plain numbers, no browser)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conflictmap.dashboard import density as DN


def test_projection_round_trips_like_leaflets() -> None:
    lat, lon = np.array([32.8872, 16.2666, -1.5]), np.array([13.1913, -0.04, 36.8])
    x, y = DN.project(lat, lon)
    for i in range(3):
        back = DN.unproject(float(x[i]), float(y[i]))
        assert back == pytest.approx((lat[i], lon[i]), abs=1e-9)
    # Leaflet's SphericalMercator: 1 degree of longitude is R * pi / 180 metres
    assert float(DN.project(np.array([0.0]), np.array([1.0]))[0][0]) == pytest.approx(6378137 * math.pi / 180)


@pytest.mark.parametrize("zoom", [3, 6, 9, 11])
def test_every_point_falls_in_the_hexagon_whose_centre_is_nearest(zoom: int) -> None:
    rng = np.random.default_rng(zoom)
    lat, lon = rng.uniform(5, 35, 2000), rng.uniform(-15, 35, 2000)
    x, y = DN.project(lat, lon)
    size = DN.radius_m(zoom)
    q, r = DN.hex_index(x, y, size)
    for i in range(0, 2000, 7):
        cx, cy = DN.hex_center(int(q[i]), int(r[i]), size)
        d_own = math.hypot(x[i] - cx, y[i] - cy)
        assert d_own <= size * 1.0000001  # within the hexagon's circumscribed circle
        for dq, dr in ((1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1), (1, -1)):  # no neighbour is nearer
            nx, ny = DN.hex_center(int(q[i]) + dq, int(r[i]) + dr, size)
            assert d_own <= math.hypot(x[i] - nx, y[i] - ny) + 1e-6


def test_corners_surround_the_centre_at_the_radius() -> None:
    size = DN.radius_m(6)
    corners = DN.hex_corners(3, -2, size)
    assert len(corners) == 6
    cx, cy = DN.hex_center(3, -2, size)
    xs, ys = DN.project(np.array([c[0] for c in corners]), np.array([c[1] for c in corners]))
    for px, py in zip(xs, ys, strict=True):
        assert math.hypot(px - cx, py - cy) == pytest.approx(size, rel=1e-6)


def test_hexagons_keep_counts_categories_and_the_most_reported_places() -> None:
    places = pd.DataFrame({
        "lat": [32.89, 32.88, 32.79, 16.27],
        "lon": [13.19, 13.20, 13.23, -0.04],
        "n_events": [10, 1, 4, 7],
        "n_articles": [8, 1, 3, 5],
    })
    cats = ["LNA", "GNA", "GNA", "JNIM"]
    levels = DN.hex_levels(places, category=lambda i: cats[i], categories=["LNA", "GNA", "JNIM"])
    assert [lv.zoom for lv in levels] == list(range(DN.MIN_ZOOM, DN.MAX_ZOOM + 1))
    coarse = levels[0]
    assert sum(coarse.n_events) == 22 and len(coarse) == 2  # greater Tripoli in one hexagon, Gao in another
    tripoli = coarse.n_events.index(15)
    assert coarse.n_places[tripoli] == 3
    assert coarse.category[tripoli] == 0  # LNA: 10 events against GNA's 5
    assert coarse.top[tripoli] == [0, 2, 1]  # most reported first
    fine = levels[-1]
    assert len(fine) == 4 and sorted(fine.n_events) == [1, 4, 7, 10]


def test_empty_view_has_empty_grids() -> None:
    empty = pd.DataFrame({"lat": [], "lon": [], "n_events": [], "n_articles": []})
    assert all(len(lv) == 0 for lv in DN.hex_levels(empty))


@pytest.mark.parametrize(("counts", "expected"), [
    pytest.param([1, 2, 3], [1, 2, 3, 4, 5, 6], id="few"),
    pytest.param([1, 5000], None, id="many"),
])
def test_colour_classes_cover_the_counts(counts: list[int], expected: list[int] | None) -> None:
    b = DN.breaks(counts)
    assert len(b) == len(DN.SEQUENTIAL) and b == sorted(set(b)) and b[-1] >= max(counts)
    if expected:
        assert b == expected
    assert DN.color_class(1, b) == 0 and DN.color_class(max(counts), b) <= len(b) - 1
    assert DN.color_class(max(counts), b) == (len(b) - 1 if max(counts) > len(b) else max(counts) - 1)
    every = list(range(1, max(counts) + 1))
    assert DN.color_classes(every, b) == [DN.color_class(n, b) for n in every]
