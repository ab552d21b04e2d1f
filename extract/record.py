"""The Event record: one place mention with its date, actors and what happened there (schema in
DESIGN.md). Compiled with the extraction hot path, which builds ~40 per article and reads them in
every stage after; read it from :mod:`.model` with the Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.records import by_fields

EVENT_FIELDS: tuple[str, ...] = (
    "event_id", "article_id", "article_url", "article_title", "source", "published",
    "mention", "start", "end", "place_name", "place_name_ar", "place_id", "kind", "country",
    "lat", "lon", "geo_precision", "uncertainty_km", "event_date", "date_precision",
    "date_basis", "actors", "snippet", "language", "confidence",
    "event_type", "sub_event_type", "fatalities", "injured", "incident_id",
)


#: ``geo_precision`` of an event the text reports but places nowhere the gazetteer or the article's
#: country can tell (1 the place, 2 near it or part of it, 3 a region or country): no point
UNLOCATED = 4


@dataclass(slots=True)
class Event:
    """One place mention with its dated context (one row on the map), and what happened there."""

    event_id: str
    article_id: str
    mention: str
    start: int
    end: int
    place_name: str
    place_id: str
    kind: str
    lat: float | None                   # None only for an UNLOCATED event
    lon: float | None
    geo_precision: int
    uncertainty_km: float
    snippet: str
    article_url: str | None = None
    article_title: str | None = None
    source: str | None = None
    published: str | None = None
    place_name_ar: str | None = None
    country: str | None = None
    event_date: str | None = None
    date_precision: str = "none"
    date_basis: str = "none"
    actors: list[str] = field(default_factory=list)
    language: str | None = None
    confidence: float = 0.5
    # what happened there (ACLED's coding; None for a mention without an event)
    event_type: str | None = None       # one of EVENT_TYPES
    sub_event_type: str | None = None   # one of SUB_EVENT_TYPES
    fatalities: int | None = None       # killed, as the text states it; None when it gives no number
    injured: int | None = None
    incident_id: str | None = None      # set by the store: the same for reports of one incident

    # written out (the fields above, in order): mypyc compiles an __init__ of the class body, while
    # the one @dataclass generates runs as Python (~40 events per article)
    def __init__(self, event_id: str, article_id: str, mention: str, start: int, end: int, place_name: str,
                 place_id: str, kind: str, lat: float | None, lon: float | None, geo_precision: int, uncertainty_km: float,
                 snippet: str, article_url: str | None = None, article_title: str | None = None,
                 source: str | None = None, published: str | None = None, place_name_ar: str | None = None,
                 country: str | None = None, event_date: str | None = None, date_precision: str = "none",
                 date_basis: str = "none", actors: list[str] | None = None, language: str | None = None,
                 confidence: float = 0.5, event_type: str | None = None, sub_event_type: str | None = None,
                 fatalities: int | None = None, injured: int | None = None, incident_id: str | None = None) -> None:
        self.event_id, self.article_id, self.mention, self.start, self.end = event_id, article_id, mention, start, end
        self.place_name, self.place_id, self.kind, self.lat, self.lon = place_name, place_id, kind, lat, lon
        self.geo_precision, self.uncertainty_km, self.snippet = geo_precision, uncertainty_km, snippet
        self.article_url, self.article_title, self.source, self.published = article_url, article_title, source, published
        self.place_name_ar, self.country, self.event_date = place_name_ar, country, event_date
        self.date_precision, self.date_basis, self.actors = date_precision, date_basis, [] if actors is None else actors
        self.language, self.confidence, self.event_type, self.sub_event_type = language, confidence, event_type, sub_event_type
        self.fatalities, self.injured, self.incident_id = fatalities, injured, incident_id

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in EVENT_FIELDS}
        d["actors"] = list(self.actors)
        return d

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # to and from Dask workers: one pickle whether this module runs compiled or from source
        return by_fields(self)


def make_event_id(article_id: str, start: int) -> str:
    """Stable id: the article id and the character offset of the mention."""
    return f"{article_id}:{start}"
