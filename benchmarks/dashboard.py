"""Dashboard benchmark: server time from a filter change to the map ready, and the bytes sent.

    python benchmarks/dashboard.py                       # 1k, 10k, 100k, 1M events
    python benchmarks/dashboard.py --sizes 1000 100000   # some of them
    python benchmarks/dashboard.py --keep DIR            # keep (and reuse) the synthetic stores

Each size gets a synthetic store (Libya and Sahel places with real coordinates plus nearby
villages, several years of dates, a few dozen actors, Arabic and English snippets) written with
``extract.store.Store.save_batch``. For each view the timer covers what the app does on a filter
change with cold caches: the SQL queries and aggregation, building the folium map, and rendering
what streamlit-folium sends (script + header), whose size is the payload column; the CPU column
is the process's CPU time over the same span (every thread: the queries run side by side), the
least of the runs.

Views: ``first view`` (the most recent month as a bare link opens it: events only — mentions
without an event type hidden —, a point per incident, coloured by type), the same ``with mentions``
(grey places beside the incidents), ``battles, sized by deaths`` (``type=Battles&size=fatalities``),
``actor filter`` (one frequent actor over the whole range), ``everything`` (all dates, no filter,
mentions included: the worst case), ``events only`` (all dates), and ``everything`` again in the
density view (events per hexagon, one grid per zoom level). About half the synthetic mentions
carry an ACLED event type (and some a toll), so the store maintains incidents too.
Prints a markdown table.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit_folium  # noqa: E402, F401  (imported by the app before any request)
from conflictmap.dashboard import data as D  # noqa: E402
from conflictmap.dashboard import mapview as MV  # noqa: E402
from conflictmap.dashboard.filters import ViewState, default_window, parse_query  # noqa: E402
from conflictmap.extract.model import EVENT_TYPES, Article, Event, make_event_id  # noqa: E402
from conflictmap.extract.store import Store  # noqa: E402

GENERATOR_VERSION = 3
#: what happened at each synthetic mention (None: a mention without an event), with weights
EVENT_MIX = ((None, 45), ("Battles", 20), ("Explosions/Remote violence", 15), ("Violence against civilians", 8),
             ("Protests", 6), ("Riots", 2), ("Strategic developments", 4))

# (English, Arabic, country, lat, lon, kind, weight)
ANCHORS: list[tuple[str, str, str, float, float, str, int]] = [
    ("Tripoli", "طرابلس", "LY", 32.8872, 13.1913, "city", 40),
    ("Benghazi", "بنغازي", "LY", 32.1167, 20.0667, "city", 25),
    ("Misrata", "مصراتة", "LY", 32.3754, 15.0925, "city", 15),
    ("Sirte", "سرت", "LY", 31.2089, 16.5887, "city", 15),
    ("Sabha", "سبها", "LY", 27.0377, 14.4283, "city", 10),
    ("Derna", "درنة", "LY", 32.7670, 22.6367, "city", 8),
    ("Tobruk", "طبرق", "LY", 32.0836, 23.9764, "city", 6),
    ("Ajdabiya", "أجدابيا", "LY", 30.7554, 20.2263, "city", 6),
    ("Zawiya", "الزاوية", "LY", 32.7571, 12.7276, "city", 6),
    ("Gharyan", "غريان", "LY", 32.1722, 13.0203, "city", 8),
    ("Tarhuna", "ترهونة", "LY", 32.4350, 13.6332, "city", 8),
    ("Bani Walid", "بني وليد", "LY", 31.7566, 13.9942, "city", 4),
    ("Ghadames", "غدامس", "LY", 30.1337, 9.5007, "city", 2),
    ("Kufra", "الكفرة", "LY", 24.1833, 23.2833, "city", 3),
    ("Ubari", "أوباري", "LY", 26.5903, 12.7751, "city", 4),
    ("Murzuq", "مرزق", "LY", 25.9155, 13.9184, "city", 4),
    ("Brega", "البريقة", "LY", 30.4167, 19.5667, "site", 4),
    ("Ras Lanuf", "راس لانوف", "LY", 30.5000, 18.5667, "site", 4),
    ("Es Sider", "السدرة", "LY", 30.6333, 18.3500, "site", 3),
    ("Hun", "هون", "LY", 29.1268, 15.9477, "city", 3),
    ("Zintan", "الزنتان", "LY", 31.9314, 12.2529, "city", 4),
    ("Janzour", "جنزور", "LY", 32.8167, 13.0167, "district", 6),
    ("Tajoura", "تاجوراء", "LY", 32.8817, 13.3506, "district", 6),
    ("Ain Zara", "عين زارة", "LY", 32.7900, 13.2300, "district", 8),
    ("Abu Salim", "أبو سليم", "LY", 32.8500, 13.1800, "district", 6),
    ("Qasr bin Ghashir", "قصر بن غشير", "LY", 32.6833, 13.1833, "district", 6),
    ("Mitiga airport", "مطار معيتيقة", "LY", 32.8941, 13.2760, "site", 5),
    ("al-Watiya air base", "قاعدة الوطية", "LY", 32.4733, 11.8983, "site", 4),
    ("Bamako", "باماكو", "ML", 12.6392, -8.0029, "city", 10),
    ("Gao", "غاو", "ML", 16.2666, -0.0400, "city", 10),
    ("Timbuktu", "تمبكتو", "ML", 16.7735, -3.0074, "city", 8),
    ("Kidal", "كيدال", "ML", 18.4411, 1.4078, "city", 8),
    ("Mopti", "موبتي", "ML", 14.4843, -4.1830, "city", 8),
    ("Menaka", "ميناكا", "ML", 15.9182, 2.4022, "city", 6),
    ("Niamey", "نيامي", "NE", 13.5116, 2.1254, "city", 8),
    ("Agadez", "أغاديز", "NE", 16.9742, 7.9865, "city", 5),
    ("Tillaberi", "تيلابيري", "NE", 14.2116, 1.4531, "city", 8),
    ("Diffa", "ديفا", "NE", 13.3154, 12.6113, "city", 6),
    ("Ouagadougou", "واغادوغو", "BF", 12.3714, -1.5197, "city", 8),
    ("Djibo", "جيبو", "BF", 14.1022, -1.6306, "city", 8),
    ("Dori", "دوري", "BF", 14.0354, -0.0345, "city", 6),
    ("Kaya", "كايا", "BF", 13.0917, -1.0844, "city", 5),
    ("Fada N'gourma", "فادا نغورما", "BF", 12.0616, 0.3584, "city", 5),
    ("N'Djamena", "نجامينا", "TD", 12.1348, 15.0557, "city", 7),
    ("Abeche", "أبشي", "TD", 13.8292, 20.8324, "city", 3),
    ("Maiduguri", "مايدوغوري", "NG", 11.8333, 13.1500, "city", 6),
    ("Nouakchott", "نواكشوط", "MR", 18.0735, -15.9582, "city", 2),
    ("Tamanrasset", "تمنراست", "DZ", 22.7850, 5.5228, "city", 2),
]
REGIONS: list[tuple[str, str, str, float, float, str]] = [
    ("Libya", "ليبيا", "LY", 26.3351, 17.2283, "country"),
    ("Mali", "مالي", "ML", 17.5707, -3.9962, "country"),
    ("Niger", "النيجر", "NE", 17.6078, 8.0817, "country"),
    ("Burkina Faso", "بوركينا فاسو", "BF", 12.2383, -1.5616, "country"),
    ("Chad", "تشاد", "TD", 15.4542, 18.7322, "country"),
    ("the Sahel", "منطقة الساحل", None, 15.0, 0.0, "region"),
    ("Fezzan", "فزان", "LY", 26.0, 14.0, "region"),
    ("Cyrenaica", "برقة", "LY", 31.0, 22.0, "region"),
    ("Tripolitania", "طرابلس الغرب", "LY", 31.5, 13.0, "region"),
    ("Liptako-Gourma", "ليبتاكو غورما", None, 14.5, 0.5, "region"),
]
ACTORS = [
    "Libyan National Army", "Government of National Accord", "Government of National Unity", "Wagner Group",
    "JNIM", "Islamic State Sahel", "Islamic State", "Malian Armed Forces", "French Army", "MINUSMA",
    "United Nations", "Turkey", "United Arab Emirates", "Russia", "Egypt", "Chadian Army", "Nigerien Army",
    "Burkinabe Army", "VDP", "CMA", "Boko Haram", "ISWAP", "Misrata brigades", "Zintan brigades",
    "Rada Special Deterrence Force", "Nawasi Brigade", "Tripoli Revolutionaries Brigade", "Rapid Support Forces",
    "Tebu militias", "ECOWAS", "African Union", "European Union", "AFRICOM", "Italy", "Algeria", "Qatar",
]
SOURCES = ["aljazeera.net", "alarabiya.net", "libyaobserver.ly", "libyaherald.com", "reuters.com", "apnews.com",
           "france24.com", "bbc.com", "alwasat.ly", "218tv.net", "rfi.fr", "aa.com.tr", "skynewsarabia.com",
           "aawsat.com", "jeuneafrique.com", "sahel-intelligence.com", "lemonde.fr", "alaraby.co.uk"]
AR_VERBS = ["اندلعت اشتباكات عنيفة في", "قصفت طائرات مسيرة مواقع قرب", "سيطرت قوات على", "انسحبت القوات من",
            "أفاد شهود بسماع انفجارات في", "وصلت تعزيزات عسكرية إلى"]
EN_VERBS = ["Heavy clashes broke out in", "Drones struck positions near", "Forces took control of",
            "Troops withdrew from", "Witnesses reported explosions in", "Military reinforcements arrived in"]


def make_places(n_places: int, rng: random.Random) -> list[dict]:
    """Real towns and regions plus nearby villages around them (jittered, same country)."""
    places = [dict(id=f"bench:{i}", en=en, ar=ar, country=c, lat=lat, lon=lon, kind=k, prec=1 if k != "district" else 2,
                   w=w) for i, (en, ar, c, lat, lon, k, w) in enumerate(ANCHORS)]
    places += [dict(id=f"bench:r{i}", en=en, ar=ar, country=c, lat=lat, lon=lon, kind=k, prec=3, w=6)
               for i, (en, ar, c, lat, lon, k) in enumerate(REGIONS)]
    weights = [a[6] for a in ANCHORS]
    i = 0
    while len(places) < n_places:
        en, ar, c, lat, lon, _k, w = rng.choices(ANCHORS, weights=weights)[0]
        i += 1
        places.append(dict(id=f"bench:v{i}", en=f"{en} village {i}", ar=f"قرية {ar} {i}", country=c,
                           lat=lat + rng.gauss(0, 0.45), lon=lon + rng.gauss(0, 0.45),
                           kind=rng.choice(["city", "site", "relative"]), prec=rng.choice([1, 1, 2]),
                           w=max(0.05, w / 25)))
    return places


def make_article(rng: random.Random, k: int, places: list[dict], pweights: list[float], aweights: list[float],
                 start: date, span: int, max_events: int, prefix: str = "bench") -> tuple[Article, list[Event]]:
    """One synthetic article ``{prefix}-{k}`` with at most ``max_events`` mentions (about 5)."""
    lang = "ar" if rng.random() < 0.6 else "en"
    pub = start + timedelta(days=int(span * rng.random() ** 0.7))  # more news in later years
    aid = f"{prefix}-{k}"
    n = min(max_events, max(1, int(rng.gauss(5, 2))))
    chosen = rng.choices(places, weights=pweights, k=n)
    actors_art = rng.choices(ACTORS, weights=aweights, k=rng.randint(0, 3))
    sentences, evs = [], []
    offset = 0
    for p in chosen:
        name = p["ar"] if lang == "ar" else p["en"]
        verb = rng.choice(AR_VERBS if lang == "ar" else EN_VERBS)
        acts = list(dict.fromkeys(a for a in actors_art if rng.random() < 0.7))
        tail = (" وفق مصادر محلية، بحسب " + "، ".join(acts)) if lang == "ar" else (
            " according to local sources, said " + ", ".join(acts)) if acts else ""
        sent = f"{verb} {name}{tail}."
        start_off = offset + len(verb) + 1
        ev_date = pub - timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 7]))
        etype = rng.choices([k for k, _ in EVENT_MIX], weights=[w for _, w in EVENT_MIX])[0]
        toll = int(rng.expovariate(0.3)) if etype and etype != "Protests" and rng.random() < 0.4 else None
        evs.append(Event(
            event_id=make_event_id(aid, start_off), article_id=aid, mention=name, start=start_off,
            end=start_off + len(name), place_name=p["en"], place_name_ar=p["ar"], place_id=p["id"], kind=p["kind"],
            lat=p["lat"], lon=p["lon"], geo_precision=p["prec"], uncertainty_km=5.0 * p["prec"] ** 2,
            snippet=sent, article_url=f"https://{rng.choice(SOURCES)}/news/{k}" if rng.random() < 0.8 else None,
            article_title=f"{'تقرير' if lang == 'ar' else 'Report'} {k}: {name}", source=rng.choice(SOURCES),
            published=pub.isoformat(), country=p["country"], event_date=ev_date.isoformat(),
            date_precision="day", date_basis="relative", actors=acts, language=lang, confidence=0.8,
            event_type=etype, sub_event_type=EVENT_TYPES[etype][0] if etype else None, fatalities=toll,
        ))
        sentences.append(sent)
        offset += len(sent) + 1
    text = " ".join(sentences)
    url = evs[0].article_url
    art = Article(id=aid, text=text, url=url, title=evs[0].article_title, source=evs[0].source,
                  published=pub.isoformat(), language=lang)
    for ev in evs:
        ev.source = art.source
    return art, evs


def actor_weights() -> list[float]:
    return [1 / (i + 1) ** 0.9 for i in range(len(ACTORS))]


def iter_articles(n_articles: int, *, seed: int, places: list[dict], start: date, end: date,
                  prefix: str) -> Iterator[tuple[Article, list[Event]]]:
    """``n_articles`` synthetic articles ``{prefix}-1`` … published between ``start`` and ``end``
    (what a writer adds to a store :func:`build_store` made: the same places, new article ids)."""
    rng = random.Random(seed)
    pweights = [p["w"] for p in places]
    aweights = actor_weights()
    span = max(1, (end - start).days)
    for k in range(1, n_articles + 1):
        yield make_article(rng, k, places, pweights, aweights, start, span, 10**9, prefix)


def build_store(path: Path, n_events: int, *, seed: int = 7, n_places: int = 2500,
                start: date = date(2015, 1, 1), end: date = date(2024, 12, 31)) -> Path:
    """A synthetic store of about ``n_events`` events (5 per article on average)."""
    rng = random.Random(seed + n_events)
    places = make_places(n_places, rng)
    pweights = [p["w"] for p in places]
    aweights = actor_weights()
    span = (end - start).days
    store = Store(path)
    batch: list[tuple[Article, list[Event]]] = []
    made = 0
    k = 0
    while made < n_events:
        k += 1
        art, evs = make_article(rng, k, places, pweights, aweights, start, span, n_events - made)
        batch.append((art, evs))
        made += len(evs)
        if len(batch) >= 2000:
            store.save_batch(batch)
            batch = []
    if batch:
        store.save_batch(batch)
    store.close()
    return path


def store_for(size: int, directory: Path) -> Path:
    path = directory / f"bench-{size}-v{GENERATOR_VERSION}.db"
    if not path.exists():
        t = time.perf_counter()
        tmp = path.with_suffix(".partial.db")
        tmp.unlink(missing_ok=True)
        build_store(tmp, size)
        tmp.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    else:  # a kept store of an earlier conflictmap: upgraded in place, as the app's writer would
        t = time.perf_counter()
        Store(path).close()  # (the search's text index: ~20 s once for 500 000 events; else nothing)
        if time.perf_counter() - t > 1:
            print(f"  upgraded {path.name} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


def measure(engine, view: ViewState, opts: MV.MapOptions) -> dict:
    """Cold: query + aggregate + folium build + render what streamlit-folium sends."""
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    data = MV.load_map_data(engine, view, details=opts.density != "hex")  # as the app: no popups for hexagons
    actor_order = data.actor_order()
    t1 = time.perf_counter()
    built = MV.build_map(data, view, opts, actor_order)
    payload = MV.map_payload(built.map)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0  # every thread of the process (the queries run side by side)
    return {"query_s": t1 - t0, "build_s": t2 - t1, "total_s": t2 - t0, "cpu_s": cpu, "bytes": MV.payload_bytes(payload),
            "places": len(data.places), "markers": built.n_markers, "mode": built.mode,
            "events": int(data.places["n_events"].sum()) if not data.places.empty else 0}


def run(sizes: list[int], directory: Path, repeat: int) -> list[dict]:
    rows = []
    opts = MV.MapOptions(asset_base="/app/static/vendor")
    for size in sizes:
        path = store_for(size, directory)
        store = D.open_store(str(path))
        s = D.summary(store.engine)
        lo, hi = default_window(s.min_date, s.max_date)
        first = parse_query({"from": lo.isoformat(), "to": hi.isoformat()})  # the app's first view
        top_actor = D.facet_counts(store.engine, ViewState(date_from=s.min_date, date_to=s.max_date), "actor")
        everything = ViewState(date_from=s.min_date, date_to=s.max_date)
        deaths = replace(opts, size_by="fatalities")
        views = [("first view (last month)", first, opts),
                 ("first view with mentions", replace(first, include_mentions=True), opts),
                 ("battles, sized by deaths", replace(first, event_types=("Battles",), size="fatalities"), deaths),
                 ("actor filter, all dates", replace(everything, actors=(str(top_actor["value"].iloc[0]),)), opts),
                 ("everything, all dates", everything, opts),
                 ("events only (no mentions), all dates", replace(everything, include_mentions=False), opts),
                 ("everything, density view", replace(everything, density="hex"), replace(opts, density="hex"))]
        for label, view, view_opts in views:
            best = None
            cpus = []
            for _ in range(repeat):
                r = measure(store.engine, view, view_opts)
                cpus.append(r["cpu_s"])
                if best is None or r["total_s"] < best["total_s"]:
                    best = r
            assert best is not None
            best["cpu_s"] = min(cpus)  # best CPU of the runs (less noisy than wall time on a shared machine)
            rows.append({"size": size, "view": label, **best})
            print(f"  {size:>9,} {label:<36} {best['total_s']:.2f} s  cpu {best['cpu_s']:.2f} s  {best['bytes'] / 1e6:.2f} MB  "
                  f"{best['markers']} markers ({best['mode']})", file=sys.stderr)
        store.close()
    return rows


def table(rows: list[dict]) -> str:
    out = ["| events in store | view | events shown | places | markers | query s | map build + render s | "
           "total s | CPU s | payload MB |",
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        markers = f"{r['markers']:,}" + {"grid": " (grid)", "hex": " hexagons", "incidents": " (incidents)"}.get(r["mode"], "")
        out.append(f"| {r['size']:,} | {r['view']} | {r['events']:,} | {r['places']:,} | {markers} | "
                   f"{r['query_s']:.2f} | {r['build_s']:.2f} | **{r['total_s']:.2f}** | {r['cpu_s']:.2f} | "
                   f"{r['bytes'] / 1e6:.2f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    ap.add_argument("--keep", type=Path, help="directory for the synthetic stores (reused across runs)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per view; the best is reported")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)
    import os

    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        rows = run(args.sizes, directory, args.repeat)
    print(f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, "
          f"SQLite store, cold caches, best of {args.repeat}.\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
