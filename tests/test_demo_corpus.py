"""The bundled demo corpus (geodata/demo/*.jsonl): well-formed records, invented outlets, and a
last month (the dashboard's first view) that holds one event told by several outlets."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest

FIELDS = ("id", "url", "title", "published", "language", "source", "text", "note")
NOTE_START = "Demo report written for the conflictmap project in its own words; describes a documented event"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _records(lang: str) -> list[dict[str, Any]]:
    path = resources.files("conflictmap.geodata") / "demo" / f"articles_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ALL = {lang: _records(lang) for lang in ("en", "ar")}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_records_are_well_formed(lang: str) -> None:
    recs = ALL[lang]
    assert recs, f"no {lang} demo records"
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in recs:
        assert tuple(r) == FIELDS, r["id"]
        assert re.fullmatch(rf"demo-{lang}-\d{{3}}", r["id"]), r["id"]
        assert r["language"] == lang, r["id"]
        assert r["note"].startswith(NOTE_START), r["id"]
        if r["published"] is not None:
            dt.date.fromisoformat(r["published"])
        words = len(r["text"].split())
        assert 80 <= words <= 320, f"{r['id']}: {words} words"
        assert bool(ARABIC.search(r["text"])) == (lang == "ar"), r["id"]


def test_sources_are_invented_demo_outlets_in_both_languages() -> None:
    by_lang: dict[str, set[str]] = defaultdict(set)
    for lang, recs in ALL.items():
        for r in recs:
            assert "Demo" in r["source"].split(), f"{r['id']}: {r['source']!r} is not a demo outlet"
            by_lang[lang].add(r["source"])
    assert not by_lang["en"] & by_lang["ar"], "an outlet writes in one language"
    assert len(by_lang["en"]) >= 2 and len(by_lang["ar"]) >= 2
    assert 4 <= len(by_lang["en"] | by_lang["ar"]) <= 6


def _last_month_events(extractor: Any) -> list[dict[str, Any]]:
    """Every coded event of the corpus's last month (the dashboard's first view), with its outlet."""
    from conflictmap.extract.model import Article

    recs = [r for recs in ALL.values() for r in recs]
    last = max(r["published"][:7] for r in recs if r["published"])
    out = []
    for r in recs:
        art = Article(id=r["id"], text=r["text"], url=r["url"], title=r["title"], published=r["published"],
                      language=r["language"])
        for e in extractor.extract(art):
            d = e.to_dict()
            if d["event_type"] and (d["event_date"] or "").startswith(last):
                out.append({**d, "outlet": r["source"]})
    return out


def test_last_month_shows_battles_strikes_and_protests(extractor: Any) -> None:
    """Issue 14: the first view shows battles, strikes and protests, each from more than one report."""
    events = _last_month_events(extractor)
    for kind in ("Battles", "Explosions/Remote violence", "Protests"):
        of_kind = [e for e in events if e["event_type"] == kind]
        assert len({e["article_id"] for e in of_kind}) >= 2, f"{kind}: {len(of_kind)} events"
        assert len({e["place_id"] for e in of_kind}) >= 2, f"{kind}: one place only"


def test_last_month_has_one_attack_told_by_three_outlets_with_different_tolls(extractor: Any) -> None:
    """The multi-report incident: one event type at one place within a day, reported by three
    outlets in English and Arabic, each with its own toll (ACLED keeps the lowest)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in _last_month_events(extractor):
        groups[(e["event_type"], e["place_id"])].append(e)
    found = []
    for (kind, place), evs in groups.items():
        for first in evs:
            day0 = dt.date.fromisoformat(first["event_date"])
            near = [e for e in evs if abs((dt.date.fromisoformat(e["event_date"]) - day0).days) <= 1]
            tolls = {e["fatalities"] for e in near if e["fatalities"] is not None}
            if (len({e["outlet"] for e in near}) >= 3 and {e["language"] for e in near} == {"en", "ar"}
                    and len(tolls) >= 2):
                found.append((kind, place, first["event_date"], sorted(tolls)))
    assert found, "no event of the last month is told by three outlets with different tolls"
