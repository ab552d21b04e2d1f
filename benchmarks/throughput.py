"""Extraction speed and memory on a generated corpus of news-length articles.

    .venv/bin/python benchmarks/throughput.py                 # 2 000 articles, 3 runs
    .venv/bin/python benchmarks/throughput.py --articles 5000 --runs 5

Measures, on one core:
  * extraction throughput after start-up (articles/s, in-process, index already loaded), by the
    wall clock and per second of the process's CPU time (the second is steady on a shared machine);
  * the end-to-end CLI (read JSONL + extract + store in SQLite), articles/s as it reports;
  * cold start: `conflictmap extract one.txt --db new.db` wall time with the index cached;
  * peak memory (max RSS) of the CLI process.
Reports min / median / max over the runs. The corpus is generated here from sentence
templates written for this benchmark (two thirds Arabic, one third English, ~1 500–2 500
characters each), so the numbers are reproducible without any data download.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AR_PLACES = ["طرابلس", "جنزور", "عين زارة", "قصر بن غشير", "ترهونة", "غريان", "مصراتة", "سرت", "بنغازي", "درنة",
             "سبها", "مرزق", "أوباري", "الكفرة", "أجدابيا", "راس لانوف", "البريقة", "الزاوية", "صبراتة", "زوارة",
             "الوطية", "بني وليد", "الجفرة", "هون", "طبرق", "ميناكا", "غاو", "تمبكتو", "نيامي", "نجامينا"]
EN_PLACES = ["Tripoli", "Janzour", "Ain Zara", "Qasr bin Ghashir", "Tarhuna", "Gharyan", "Misrata", "Sirte",
             "Benghazi", "Derna", "Sabha", "Murzuq", "Ubari", "Kufra", "Ajdabiya", "Ras Lanuf", "Brega", "Zawiya",
             "Sabratha", "Zuwara", "Bani Walid", "Tobruk", "Menaka", "Gao", "Timbuktu", "Niamey", "N'Djamena"]
AR_ACTORS = ["قوات حفتر", "قوات الوفاق", "الجيش الوطني الليبي", "حكومة الوحدة الوطنية", "المرتزقة السوريون",
             "مجموعة فاغنر", "بعثة الأمم المتحدة", "الجيش المالي", "تنظيم الدولة"]
EN_ACTORS = ["Haftar's forces", "GNA forces", "the Libyan National Army", "Turkish drones", "Wagner fighters",
             "UNSMIL", "the Malian army", "JNIM militants", "Islamic State fighters"]
AR_WHEN = ["اليوم الأحد", "أمس السبت", "صباح اليوم", "ليلة أمس", "يوم الجمعة", "الأسبوع الماضي", "في 4 أبريل",
           "منتصف الشهر الماضي", "أول أمس"]
EN_WHEN = ["on Sunday", "yesterday", "this morning", "last night", "on Friday", "last week", "on April 4",
           "earlier this month", "overnight"]
AR_SENT = [
    "قالت مصادر محلية إن {a} شنت هجوما على مواقع قرب {p} {w}، ما أدى إلى سقوط قتلى وجرحى.",
    "وأفاد سكان في {p} بسماع دوي انفجارات {w} مع تقدم {a} نحو الضواحي الجنوبية للمدينة.",
    "وأعلن متحدث باسم {a} السيطرة على مواقع جديدة على بعد 30 كلم غرب {p} {w}.",
    "وتواصلت الاشتباكات في محور {p} بين {a} و{b} وسط قصف مدفعي متبادل.",
    "وذكرت وكالة الأنباء أن طائرات مسيرة استهدفت مخازن أسلحة جنوب {p} {w}.",
    "ودعت الأمم المتحدة الأطراف إلى وقف إطلاق النار فورا وفتح ممرات إنسانية للمدنيين في {p}.",
    "وأشار مسؤول في المجلس البلدي إلى نزوح مئات العائلات من {p} باتجاه {q} خلال الأيام الماضية.",
    "وفي سياق متصل، قال شهود إن رتلا عسكريا تحرك من {p} نحو {q} {w}.",
]
EN_SENT = [
    "Local sources said {a} attacked positions near {p} {w}, killing and wounding several people.",
    "Residents of {p} reported heavy explosions {w} as {a} advanced on the city's southern suburbs.",
    "A spokesman for {a} claimed control of new positions about 30 km west of {p} {w}.",
    "Clashes continued on the {p} front between {a} and {b} amid exchanges of artillery fire.",
    "Drones struck weapons depots south of {p} {w}, the state news agency reported.",
    "The United Nations urged all sides to agree a ceasefire and open humanitarian corridors in {p}.",
    "A municipal official said hundreds of families had fled {p} towards {q} in recent days.",
    "Witnesses said a military convoy moved from {p} towards {q} {w}.",
]


def make_corpus(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        ar = i % 3 != 2
        places, actors, when, sents = (AR_PLACES, AR_ACTORS, AR_WHEN, AR_SENT) if ar else \
            (EN_PLACES, EN_ACTORS, EN_WHEN, EN_SENT)
        paras = []
        target = rnd.randint(1500, 2500)
        length = 0
        while length < target:
            s = " ".join(rnd.choice(sents).format(p=rnd.choice(places), q=rnd.choice(places), a=rnd.choice(actors),
                                                  b=rnd.choice(actors), w=rnd.choice(when))
                         for _ in range(rnd.randint(2, 4)))
            paras.append(s)
            length += len(s)
        day = f"2019-{rnd.randint(4, 12):02d}-{rnd.randint(1, 28):02d}"
        out.append({"id": f"bench-{i:05d}", "published": day, "language": "ar" if ar else "en",
                    "title": paras[0][:80], "text": "\n\n".join(paras)})
    return out


def cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]


def timed_child(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stderr) of a child process."""
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    return wall, max(after, before) / 1024, p.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    corpus = make_corpus(args.articles)
    chars = sum(len(r["text"]) for r in corpus) / len(corpus)
    from conflictmap.extract.model import Article
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.geodata.loader import load_index

    t = time.perf_counter()
    ex = Extractor(load_index())
    startup = time.perf_counter() - t
    arts = [Article(id=r["id"], text=r["text"], published=r["published"], language=r["language"]) for r in corpus]
    rates, cpu_rates, events = [], [], 0
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        events = sum(len(ex.extract(a)) for a in arts)
        rates.append(len(arts) / (time.perf_counter() - t))
        cpu_rates.append(len(arts) / (time.process_time() - c))

    cli_rates, rss, colds = [], [], []
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus), encoding="utf-8")
        one = Path(d) / "one.txt"
        one.write_text(corpus[0]["text"], encoding="utf-8")
        for k in range(args.runs):
            wall, peak, _err = timed_child([*cli(), "extract", str(src), "--db", f"{d}/run{k}.db", "-q"])
            cli_rates.append(len(corpus) / wall)
            rss.append(peak)
            wall1, _p, _e = timed_child([*cli(), "extract", str(one), "--db", f"{d}/cold{k}.db", "-q"])
            colds.append(wall1)

    def mmm(xs: list[float], fmt: str = "{:.0f}") -> str:
        return " / ".join(fmt.format(x) for x in (min(xs), statistics.median(xs), max(xs)))

    print(f"corpus: {len(corpus)} articles, {chars:.0f} characters on average, {events} events per pass")
    print(f"index load (start-up, in-process): {startup:.2f} s")
    print("| measure | min / median / max |")
    print("| --- | --- |")
    print(f"| extraction after start-up, articles/s (one core) | {mmm(rates)} |")
    print(f"| the same per second of CPU time (steady when other processes share the cores) | {mmm(cpu_rates)} |")
    print(f"| CLI end to end incl. reading and SQLite, articles/s | {mmm(cli_rates)} |")
    print(f"| cold start, one article, s (index cached) | {mmm(colds, '{:.2f}')} |")
    print(f"| peak memory of the CLI, MB | {mmm(rss)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
