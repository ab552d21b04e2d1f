"""The offline base map shipped with the package (dashboard/basemap/, scripts/build_basemap.py)."""

from __future__ import annotations

import math

import pytest
from conflictmap.dashboard import basemap as BM
from conflictmap.dashboard import escaping as H


def decode(a: list[int], q: int) -> list[tuple[float, float]]:
    """As basemap.js decodes a ring or line: (lon, lat)."""
    out, x, y = [], 0, 0
    for i in range(0, len(a) - 1, 2):
        x += a[i]
        y += a[i + 1]
        out.append((x / q, y / q))
    return out


@pytest.fixture(scope="module")
def levels() -> dict[str, dict]:
    return {lv: BM.load_level(lv) for lv in BM.LEVELS}


def test_both_levels_are_packaged_small_and_hashed(levels: dict[str, dict]) -> None:
    files = BM.basemap_files()
    assert set(files) == {"lo", "hi"}
    for lv, (name, key) in files.items():
        assert (BM.basemap_dir() / name).stat().st_size < {"lo": 160_000, "hi": 260_000}[lv]
        assert len(key) == 16 and levels[lv]["format"] == BM.FORMAT
        assert "Natural Earth" in levels[lv]["attribution"]
    assert levels["hi"]["q"] > levels["lo"]["q"]
    assert "labels" in levels["lo"] and "labels" not in levels["hi"]  # labels travel once


def near(lines: list[list[int]], q: int, lon: float, lat: float, km: float) -> bool:
    """Does any segment of ``lines`` pass within ``km`` of the point (flat approximation)?"""
    k = math.cos(math.radians(lat))
    for a in lines:
        pts = [((x - lon) * k * 111.2, (y - lat) * 111.2) for x, y in decode(a, q)]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] or pts, strict=False):
            dx, dy = x1 - x0, y1 - y0
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(x0 * dx + y0 * dy) / (dx * dx + dy * dy)))
            if math.hypot(x0 + t * dx, y0 + t * dy) <= km:
                return True
    return False


@pytest.mark.parametrize("level", ["lo", "hi"])
@pytest.mark.parametrize(("layer", "lon", "lat", "km", "what"), [
    pytest.param("land", 13.19, 32.90, 40, "the coast at Tripoli", id="coast"),
    pytest.param("country", 25.0, 26.0, 15, "the Libya–Egypt border (25°E)", id="border"),
    pytest.param("admin1", 2.0, 34.0, 800, "first-level regions of Algeria", id="admin1"),
    pytest.param("lake", 14.0, 13.2, 120, "Lake Chad", id="lake-chad"),
    pytest.param("river", 2.11, 13.51, 25, "the Niger at Niamey", id="niger"),
    pytest.param("river", 32.53, 15.55, 30, "the Nile at Khartoum", id="nile"),
])
def test_the_outline_has_what_an_analyst_looks_for(levels: dict[str, dict], level: str, layer: str,
                                                    lon: float, lat: float, km: float, what: str) -> None:
    doc = levels[level]
    assert near(doc[layer], doc["q"], lon, lat, km), what


@pytest.mark.parametrize(("kind", "name", "arabic"), [
    pytest.param("c", "Libya", "ليبيا", id="country"),
    pytest.param("c", "Mali", "مالي", id="country-sahel"),
    pytest.param("t", "Tripoli", "طرابلس", id="town"),
    pytest.param("t", "Misrata", "مصراتة", id="town-curated-arabic"),
    pytest.param("t", "Gao", None, id="town-sahel"),
])
def test_labels_name_places_in_english_and_arabic(levels: dict[str, dict], kind: str, name: str,
                                                  arabic: str | None) -> None:
    found = [r for r in levels["lo"]["labels"] if r[2] == kind and r[4] == name]
    assert found, name
    if arabic:
        assert found[0][5] == arabic
    assert 1 <= found[0][3] <= 10  # the zoom its label appears at


def test_labels_are_ordered_for_placement(levels: dict[str, dict]) -> None:
    zooms = [r[3] for r in levels["lo"]["labels"]]
    assert zooms == sorted(zooms)  # the browser places labels in file order: most important first


def test_config_for_each_base_map() -> None:
    cfg = BM.config("outline", "/app/component/x")
    assert cfg[0] == "outline" and cfg[1] == "" and cfg[3].startswith("/app/component/x/basemap-lo.json?v=")
    assert cfg[4] == BM.basemap_files()["lo"][1] and cfg[-1] == BM.MAX_ZOOM
    streets = BM.config("streets", "/c")
    assert streets[1].startswith("https://tile.openstreetmap.org/") and streets[3]
    # without the packaged files the outline cannot be drawn: the street tiles stand in
    assert BM.config("outline", None)[1].startswith("https://tile.openstreetmap.org/")
    assert BM.config("grey", None)[3] == ""
    H.js_json(cfg)  # only lists, strings and numbers: safe to embed in the script
