"""The records that flow through the pipeline: Article in, Event out (schema in DESIGN.md)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

#: Version of the extraction logic; stored with each article so a store can tell stale rows.
EXTRACTOR_VERSION = "0.1.0"

EVENT_FIELDS: tuple[str, ...] = (
    "event_id", "article_id", "article_url", "article_title", "source", "published",
    "mention", "start", "end", "place_name", "place_name_ar", "place_id", "kind", "country",
    "lat", "lon", "geo_precision", "uncertainty_km", "event_date", "date_precision",
    "date_basis", "actors", "snippet", "language", "confidence",
    "event_type", "sub_event_type", "fatalities", "injured", "incident_id",
)

#: ACLED's six event types and their 25 sub-event types (../shared/eval/EVENTS.md), in ACLED's order.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
#: sub-event type -> its event type
SUB_EVENT_TYPES: dict[str, str] = {sub: t for t, subs in EVENT_TYPES.items() for sub in subs}


def text_hash(text: str) -> str:
    """A short stable hash of a string (article ids and content hashes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article as read from any source."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    origin: str | None = None  # the file (and line) it was read from

    @property
    def content_hash(self) -> str:
        """Changes when anything that feeds extraction changes."""
        parts = [self.text, self.title or "", self.url or "", self.published or "", self.language or ""]
        return text_hash("\x1f".join(parts))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    lat: float
    lon: float
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

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in EVENT_FIELDS}
        d["actors"] = list(self.actors)
        return d


def make_event_id(article_id: str, start: int) -> str:
    """Stable id: the article id and the character offset of the mention."""
    return f"{article_id}:{start}"
