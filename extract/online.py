"""Opt-in online geocoding for names the gazetteer lacks (``--online-geocoder nominatim``).

Off by default and never needed: without it nothing touches the network. With it, a name that
the text marks as a place ("مدينة X", "the village of X") but that no gazetteer row knows is
looked up on OpenStreetMap's Nominatim through geopy — restricted to the theatre's countries,
at most one request a second (Nominatim's usage policy), and cached in the store's
``geocode_cache`` table so that a name is asked once, ever, per store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from ..geodata.gazetteer import Place

USER_AGENT = os.environ.get("CONFLICTMAP_USER_AGENT", "conflictmap/0.1 (+https://github.com/conflictmap)")


class OnlineGeocoder:
    """Cached, rate-limited lookups. ``geocode`` may be injected (tests, other providers)."""

    def __init__(self, provider: str = "nominatim", store: Any = None, *, min_delay: float = 1.0,
                 geocode: Callable[..., Any] | None = None) -> None:
        if provider != "nominatim":
            raise ValueError(f"unknown online geocoder {provider!r} (supported: nominatim)")
        self.provider = provider
        self.store = store
        self.requests = 0
        self._memo: dict[str, dict[str, Any] | None] = {}
        if geocode is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            nominatim = Nominatim(user_agent=USER_AGENT, timeout=10)
            geocode = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay, max_retries=1,
                                  swallow_exceptions=True, return_value_on_exception=None)
        self._geocode = geocode

    def lookup(self, name: str, countries: Sequence[str]) -> Place | None:
        """A place for ``name`` inside one of ``countries`` (ISO-2), or None."""
        cc = sorted({c.lower() for c in countries if c})
        query = f"{name.strip()}|{','.join(cc)}"
        if query in self._memo:
            return _place(self._memo[query])
        if self.store is not None:
            hit, cached = self.store.cached_geocode(self.provider, query)
            if hit:
                self._memo[query] = cached
                return _place(cached)
        self.requests += 1
        loc = self._geocode(name, exactly_one=True, country_codes=cc or None, language="en", addressdetails=True)
        result = None
        if loc is not None:
            raw = getattr(loc, "raw", {}) or {}
            addr = raw.get("address") or {}
            result = {"lat": float(loc.latitude), "lon": float(loc.longitude),
                      "name": (raw.get("name") or str(loc.address).split(",")[0]).strip(),
                      "display": str(loc.address), "osm": f"{raw.get('osm_type', '')}{raw.get('osm_id', '')}",
                      "type": raw.get("type") or raw.get("addresstype") or "", "country": (addr.get("country_code") or "").upper(),
                      "query": name}
            if cc and result["country"].lower() not in cc:
                result = None
        self._memo[query] = result
        if self.store is not None:
            self.store.put_geocode(self.provider, query, result)
        return _place(result)


def _place(r: dict[str, Any] | None) -> Place | None:
    if not r:
        return None
    return Place(id=f"osm:{r.get('osm') or r['name']}", name=r["name"], kind="city", lat=r["lat"], lon=r["lon"],
                 country=r.get("country") or None, name_ar=r.get("query") if any("\u0600" <= c <= "\u06ff" for c in r.get("query", "")) else None,
                 radius_km=5.0, source="online")
