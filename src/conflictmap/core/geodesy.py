"""Distances and destinations on the globe (the relative-place grammar and the resolver use them)."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 0.5% of the great circle at the few hundred km it decides."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(x, lat2 - lat1)


@lru_cache(maxsize=100_000)
def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) on the initial ``bearing`` on the WGS-84 ellipsoid, rounded to 5 places.

    geographiclib's direct geodesic problem, as ``geopy.distance.geodesic().destination`` solves it
    (same ellipsoid in km, same call, same answer) without importing geopy, whose package import
    (every geocoder) costs ~0.1 s of a cold start."""
    geod, mask = _wgs84_km()
    r = geod.Direct(lat, lon, bearing, km, mask)
    return round(r["lat2"], 5), round(r["lon2"], 5)


@lru_cache(maxsize=1)
def _wgs84_km() -> tuple[Any, int]:
    """WGS-84 with lengths in km (geopy's ``ELLIPSOIDS['WGS-84']``: a = 6378.137 km, f = 1/298.257223563)
    and the outputs asked for (latitude and longitude)."""
    from geographiclib.geodesic import Geodesic

    return Geodesic(6378.137, 1 / 298.257223563), Geodesic.LATITUDE | Geodesic.LONGITUDE
