"""The records that flow through the pipeline: Article in, Event out (schema in DESIGN.md)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

# the Event record is compiled with the hot path (extract/record.py); it is read from here as always
from .record import EVENT_FIELDS, UNLOCATED, Event, make_event_id

__all__ = ["EVENT_FIELDS", "EVENT_TYPES", "EXTRACTOR_VERSION", "SUB_EVENT_TYPES", "UNLOCATED", "Article", "Event",
           "make_event_id", "text_hash"]

#: Version of the extraction logic; stored with each article so a store can tell stale rows.
EXTRACTOR_VERSION = "0.1.0"

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
