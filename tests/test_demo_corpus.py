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


def test_last_month_has_one_event_told_by_three_outlets_in_both_languages() -> None:
    """The first view's multi-report incident: the same town in the titles of reports by three
    outlets, English and Arabic, published within a day of each other."""
    dated = [r for recs in ALL.values() for r in recs if r["published"]]
    last = max(r["published"][:7] for r in dated)
    month = [r for r in dated if r["published"].startswith(last)]
    # the town is the one that the English and the Arabic titles of the month both name
    towns = {"Kidal": "كيدال", "Djibo": "جيبو"}
    found = []
    for en_name, ar_name in towns.items():
        reps = [r for r in month if en_name in r["title"] or ar_name in r["title"]]
        for first in reps:
            day0 = dt.date.fromisoformat(first["published"])
            near = [r for r in reps if 0 <= (dt.date.fromisoformat(r["published"]) - day0).days <= 1]
            if len({r["source"] for r in near}) >= 3 and {r["language"] for r in near} == {"en", "ar"}:
                found.append((en_name, first["published"]))
    assert found, f"no town in {last} is in the titles of three outlets' reports within a day"
