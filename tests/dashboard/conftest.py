"""Fixture stores for the dashboard tests, written through ``extract.store.Store.save_batch``.

* ``small_store``: three months of 2019 around Tripoli, Benghazi, Sabha and the Sahel, Arabic and
  English, three actors, a country-level mention (precision 3), an undated event, articles with
  and without a web address. Every event is coded (fighting: Battles, the undated one a protest),
  so the app's first view, which hides mentions without an event, shows them all.
* ``hostile_store``: titles, snippets, place names, actors, outlets and URLs that try to run script
  (``<script>``, ``<img onerror>``, ``${...}``, backticks, quotes, ``javascript:`` URLs, Jinja).
* ``empty_store``: a store with no articles.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from conflictmap.extract.model import Article, Event, make_event_id
from conflictmap.extract.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")

PLACES = {
    "tripoli": ("test:tripoli", "Tripoli", "طرابلس", "LY", 32.8872, 13.1913, "city", 1),
    "ainzara": ("test:ainzara", "Ain Zara", "عين زارة", "LY", 32.7900, 13.2300, "district", 2),
    "gharyan": ("test:gharyan", "Gharyan", "غريان", "LY", 32.1722, 13.0203, "city", 1),
    "benghazi": ("test:benghazi", "Benghazi", "بنغازي", "LY", 32.1167, 20.0667, "city", 1),
    "sabha": ("test:sabha", "Sabha", "سبها", "LY", 27.0377, 14.4283, "city", 1),
    "gao": ("test:gao", "Gao", "غاو", "ML", 16.2666, -0.0400, "city", 1),
    "libya": ("test:libya", "Libya", "ليبيا", "LY", 26.3351, 17.2283, "country", 3),
}


def _event(aid: str, text: str, mention: str, place: str, day: date | None, actors: list[str], lang: str,
           art: Article) -> Event:
    pid, en, ar, country, lat, lon, kind, prec = PLACES[place]
    start = text.index(mention)
    # the sentence around the mention
    s0 = text.rfind(".", 0, start) + 1
    s1 = text.find(".", start)
    snippet = text[s0:(s1 + 1 if s1 >= 0 else len(text))].strip()
    return Event(
        event_id=make_event_id(aid, start), article_id=aid, mention=mention, start=start, end=start + len(mention),
        place_name=en, place_name_ar=ar, place_id=pid, kind=kind, lat=lat, lon=lon, geo_precision=prec,
        uncertainty_km=5.0 if prec < 3 else 500.0, snippet=snippet, article_url=art.url, article_title=art.title,
        source=art.source, published=art.published, country=country,
        event_date=day.isoformat() if day else None, date_precision="day" if day else "none",
        date_basis="explicit" if day else "none", actors=actors, language=lang, confidence=0.9,
    )


def small_batch() -> list[tuple[Article, list[Event]]]:
    batch: list[tuple[Article, list[Event]]] = []
    start = date(2019, 3, 1)
    rows = [
        # (day offset, lang, place keys, actors)
        (0, "en", ["tripoli"], ["LNA"]),
        (5, "ar", ["tripoli", "ainzara"], ["LNA", "GNA"]),
        (12, "en", ["benghazi"], ["LNA"]),
        (20, "ar", ["sabha"], []),
        (33, "en", ["tripoli", "gharyan"], ["GNA"]),
        (35, "ar", ["ainzara"], ["LNA", "GNA"]),
        (36, "en", ["tripoli"], ["GNA"]),
        (40, "en", ["gao"], ["JNIM"]),
        (45, "ar", ["tripoli", "libya"], ["LNA"]),
        (60, "en", ["gharyan"], ["GNA"]),
        (70, "ar", ["tripoli"], ["LNA"]),
        (75, "en", ["ainzara", "tripoli"], ["LNA", "GNA"]),
        (80, "en", ["gao"], ["JNIM"]),
        (85, "ar", ["benghazi", "libya"], []),
        (88, "en", ["tripoli"], ["GNA"]),
        (90, "en", ["sabha"], ["LNA"]),
    ]
    for i, (off, lang, keys, actors) in enumerate(rows):
        day = start + timedelta(days=off)
        aid = f"a{i:02d}"
        names = [PLACES[k][2] if lang == "ar" else PLACES[k][1] for k in keys]
        if lang == "ar":
            sentences = [f"اندلعت اشتباكات عنيفة في {n} اليوم." for n in names]
            title = f"اشتباكات في {names[0]}"
        else:
            sentences = [f"Heavy fighting was reported in {n} on that day." for n in names]
            title = f"Fighting in {names[0]}"
        text = " ".join(sentences)
        url = None if i % 5 == 3 else f"https://news.example.org/{lang}/{aid}"
        art = Article(id=aid, text=text, url=url, title=title, source="example.org" if i % 2 else "news.example.ly",
                      published=day.isoformat(), language=lang)
        evs = []
        pos = 0
        for k, n in zip(keys, names, strict=True):
            idx = text.index(n, pos)
            ev = _event(aid, text, n, k, day, actors, lang, art)
            ev.start, ev.end, ev.event_id = idx, idx + len(n), make_event_id(aid, idx)
            ev.event_type, ev.sub_event_type = "Battles", "Armed clash"
            pos = idx + len(n)
            evs.append(ev)
        batch.append((art, evs))
    # an undated event
    text = "Residents of Sabha marched against the power cuts."
    art = Article(id="undated1", text=text, url="https://news.example.org/u1", title="Power cut protest in Sabha",
                  source="example.org", published=None, language="en")
    ev = _event("undated1", text, "Sabha", "sabha", None, [], "en", art)
    ev.event_type, ev.sub_event_type = "Protests", "Peaceful protest"
    batch.append((art, [ev]))
    return batch


def events_batch() -> list[tuple[Article, list[Event]]]:
    """June 2021: a drone strike on Gao reported by three outlets with three tolls (7 and 3 wounded,
    5, 6: one incident, 5 killed by the lowest-figure rule), a protest in Tripoli, a clash in
    Benghazi (2 killed), and two places named without an event (Sabha, Ain Zara). Our own words."""
    rows = [
        # (id, day, lang, outlet, title, text, mention, place, type, sub type, killed, injured, actors)
        ("g1", 10, "en", "wire.example.com", "Drone strike kills seven in Gao",
         "A drone strike hit a market in Gao on Thursday, killing seven people and wounding three.", "Gao", "gao",
         "Explosions/Remote violence", "Air/drone strike", 7, 3, ["JNIM"]),
        ("g2", 10, "en", "sahel.example.org", "Five dead after strike on Gao market",
         "Five people died when a drone struck the market of Gao, a local official said.", "Gao", "gao",
         "Explosions/Remote violence", "Air/drone strike", 5, None, []),
        ("g3", 11, "ar", "akhbar.example.net", "ستة قتلى في غارة بطائرة مسيرة على غاو",
         "قتل ستة أشخاص في غارة بطائرة مسيرة على سوق غاو أمس.", "غاو", "gao",
         "Explosions/Remote violence", "Air/drone strike", 6, None, []),
        ("t1", 12, "en", "wire.example.com", "Students march in Tripoli",
         "Hundreds of students marched through Tripoli to demand exams be held on time.", "Tripoli", "tripoli",
         "Protests", "Peaceful protest", None, None, []),
        ("b1", 15, "ar", "akhbar.example.net", "اشتباكات في بنغازي",
         "قتل شخصان في اشتباكات بين مجموعتين مسلحتين في بنغازي.", "بنغازي", "benghazi",
         "Battles", "Armed clash", 2, None, ["LNA"]),
        ("s1", 14, "en", "sahel.example.org", "Mayors meet in Sabha",
         "The mayors of the south met in Sabha to talk about fuel prices.", "Sabha", "sabha",
         None, None, None, None, []),
        ("z1", 16, "en", "wire.example.com", "New clinic opens in Ain Zara",
         "A new clinic opened in Ain Zara this week.", "Ain Zara", "ainzara", None, None, None, None, []),
    ]
    batch = []
    for aid, day, lang, outlet, title, text, mention, place, etype, sub, killed, injured, actors in rows:
        d = date(2021, 6, day)
        art = Article(id=aid, text=text, url=f"https://{outlet}/{aid}", title=title, source=outlet,
                      published=d.isoformat(), language=lang)
        ev = _event(aid, text, mention, place, d, actors, lang, art)
        ev.event_type, ev.sub_event_type, ev.fatalities, ev.injured = etype, sub, killed, injured
        batch.append((art, [ev]))
    # an event the text places nowhere the map can draw: kept unlocated (no point), listed apart
    text = "Gunmen seized a nurse near Tinfadimata, then drove off with her."
    art = Article(id="u1", text=text, url="https://wire.example.com/u1", title="Nurse abducted near a village",
                  source="wire.example.com", published="2021-06-13", language="en")
    batch.append((art, [Event(
        event_id="u1:7", article_id="u1", mention="seized", start=7, end=13, place_name="Tinfadimata", place_id="",
        kind="unlocated", lat=None, lon=None, geo_precision=4, uncertainty_km=0.0, snippet=text,
        article_url=art.url, article_title=art.title, source=art.source, published=art.published,
        event_date="2021-06-13", date_precision="day", date_basis="published", language="en",
        event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance")]))
    return batch


HOSTILE = [
    "<script>window.__pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.__pwned=2;alert('img')\">",
    "${alert(3)}${window.__pwned=3}",
    "`+alert(4)+`",
    "\\`;alert(5);//",
    "'\";alert(6);//",
    "</script><svg onload=alert(7)>",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
]


def hostile_batch() -> list[tuple[Article, list[Event]]]:
    batch = []
    day = date(2020, 1, 10)
    for i, evil in enumerate(HOSTILE):
        aid = f"evil{i}"
        mention = "Tripoli"
        text = f"Fighting in {mention} {evil} continued. " + evil
        url = ("javascript:alert('url')", "JaVaScRiPt:window.__pwned=9", f"https://ok.example.org/{i}?q={evil}",
               "data:text/html,<script>alert(1)</script>", " javascript:alert(2)", "vbscript:msgbox",
               "https://ok.example.org/\"onmouseover=alert(1)", None)[i % 8]
        art = Article(id=aid, text=text, url=url, title=f"Title {evil}", source=f"outlet {evil}",
                      published=(day + timedelta(days=i)).isoformat(), language="en")
        ev = _event(aid, text, mention, "tripoli", day + timedelta(days=i), [f"Actor {evil}"], "en", art)
        ev.place_name = f"Tripoli {evil}"
        ev.place_name_ar = f"طرابلس {evil}"
        ev.snippet = f"Fighting in {mention} {evil} continued."
        ev.event_type, ev.sub_event_type, ev.fatalities = "Battles", "Armed clash", i
        batch.append((art, [ev]))
    # a second place so the map has more than one point
    text = "Clashes in Benghazi ${alert('b')}."
    art = Article(id="evil-b", text=text, url="https://ok.example.org/b", title="`${alert('title')}`",
                  source="ok", published=day.isoformat(), language="en")
    ev = _event("evil-b", text, "Benghazi", "benghazi", day, ["LNA"], "en", art)
    ev.event_type, ev.sub_event_type = "Battles", "Armed clash"
    batch.append((art, [ev]))
    return batch


def write_store(path: Path, batch: list[tuple[Article, list[Event]]]) -> Path:
    store = Store(path)
    if batch:
        store.save_batch(batch)
    store.close()
    return path


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("stores") / "small.db", small_batch())


@pytest.fixture(scope="session")
def events_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("stores") / "events.db", events_batch())


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("stores") / "hostile.db", hostile_batch())


@pytest.fixture(scope="session")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("stores") / "empty.db", [])


@pytest.fixture(scope="session")
def broken_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("stores") / "broken.db"
    p.write_bytes(b"this is not a database\x00" * 100)
    return p


@pytest.fixture()
def use_db(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """Point the app at a store through CONFLICTMAP_DB (and never at a real demo store)."""
    def _use(path: Path | str) -> None:
        monkeypatch.setenv("CONFLICTMAP_DB", str(path))

    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DEMO_DB", os.devnull + ".missing-demo.db")
    yield _use
