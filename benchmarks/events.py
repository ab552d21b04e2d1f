"""Event coding accuracy, straight from the extractor (no store in between).

    .venv/bin/python benchmarks/events.py                    # dev set: all, half A, half B (score.py --events)
    .venv/bin/python benchmarks/events.py --half a --by-article
    .venv/bin/python benchmarks/events.py --acled            # ACLED's Mali rows (score_acled.py)
    .venv/bin/python benchmarks/events.py --acled --by-row /tmp/rows.jsonl
    .venv/bin/python benchmarks/events.py --own              # the team's own articles: all, Arabic, English
    .venv/bin/python benchmarks/events.py --own --batch batch2 --by-article

Runs :class:`conflictmap.extract.pipeline.Extractor` in-process on a set's articles and writes every
event with all its fields (``event_type``, ``sub_event_type``, ``fatalities``, ``injured`` among
them) to a JSONL file, then runs the set's scorer on it — so the event coding can be measured
whatever the store keeps. As ``accuracy.py`` does, an article whose page states no date gets its
``published_truth``. Tune on half A (odd ids), check on half B (even ids); the ACLED rows are for
measuring only: never copy them anywhere. ``--own`` scores the team's own articles
(``benchmarks/own_events/``, written and coded by us, see its README) with the dev set's scorer,
split by language instead of by half.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import EVAL, half_of, read_jsonl, write_jsonl

OWN = Path(__file__).resolve().parent / "own_events"


def extract(articles: list[dict], out: Path) -> tuple[int, float]:
    """Every event of ``articles`` as JSONL in ``out``; (events, seconds of extraction)."""
    from conflictmap.extract.model import Article
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.geodata.loader import load_index

    ex = Extractor(load_index())
    n, t0 = 0, time.perf_counter()
    lines = []
    for a in articles:
        art = Article(id=str(a["id"]), text=a["text"], url=a.get("url"), title=a.get("title"),
                      published=a.get("published"), language=a.get("language"))
        for e in ex.extract(art):
            lines.append(json.dumps(e.to_dict(), ensure_ascii=False))
            n += 1
    secs = time.perf_counter() - t0
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n, secs


def dev(args: argparse.Namespace) -> int:
    folder: Path = OWN / args.batch if args.own else args.set
    scorer = EVAL / "score.py" if args.own else folder.parent / "score.py"
    articles = read_jsonl(folder / "articles.jsonl")
    for a in articles:
        truth = a.pop("published_truth", None)
        if not a.get("published"):
            a["published"] = truth
    gold = read_jsonl(folder / "gold.jsonl")
    egold = read_jsonl(folder / "events.jsonl")
    if args.own:
        langs = {str(a["id"]): a.get("language") for a in articles}
        splits = {"all": (f"all {len(gold)}", None), "ar": ("Arabic", "ar"), "en": ("English", "en")}
        wanted = list(splits)
        key = langs.get
    else:
        splits = {"all": ("all 32", None), "a": ("half A (tuning)", "a"), "b": ("half B (check)", "b")}
        wanted = list(splits) if args.half == "both" else [args.half]
        key = half_of
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        events = work / "events.jsonl"
        n, secs = extract(articles, events)
        print(f"{len(articles)} articles, {n} events, extraction {secs:.2f} s")
        preds = read_jsonl(events)
        for name in wanted:
            label, keep = splits[name]
            ids = {g["id"] for g in gold if keep is None or key(g["id"]) == keep}
            cmd = [sys.executable, str(scorer),
                   "--gold", str(write_jsonl(work / f"g-{name}.jsonl", [g for g in gold if g["id"] in ids])),
                   "--pred", str(write_jsonl(work / f"p-{name}.jsonl", [e for e in preds if e["article_id"] in ids])),
                   "--events", str(write_jsonl(work / f"e-{name}.jsonl", [e for e in egold if e["id"] in ids]))]
            if args.by_article:
                cmd.append("--by-article")
            print(f"== {label}: {len(ids)} articles")
            print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.rstrip())
        if args.keep:
            args.keep.write_text(events.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def acled(args: argparse.Namespace) -> int:
    folder: Path = args.acled_set
    scorer = folder.parent / "score_acled.py"
    with tempfile.TemporaryDirectory() as d:
        events = Path(d) / "events.jsonl"
        arts = read_jsonl(folder / "articles.jsonl")
        n, secs = extract(arts, events)
        print(f"{len(arts)} articles, {n} events, extraction {secs:.2f} s")
        cmd = [sys.executable, str(scorer), "--gold", str(folder / "gold.jsonl"), "--pred", str(events)]
        if args.by_row:
            cmd += ["--by-row", str(args.by_row)]
        print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.rstrip())
        if args.keep:
            args.keep.write_text(events.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=EVAL / "dev", help="folder with articles, gold and events gold")
    ap.add_argument("--half", choices=["both", "all", "a", "b"], default="both")
    ap.add_argument("--by-article", action="store_true", help="misses and false events per article")
    ap.add_argument("--acled", action="store_true", help="score ACLED's Mali rows instead (acled_dev/)")
    ap.add_argument("--acled-set", type=Path, default=EVAL / "acled_dev")
    ap.add_argument("--own", action="store_true", help="score the team's own articles (own_events/) by language")
    ap.add_argument("--batch", default="batch1", help="with --own: which batch folder of own_events/")
    ap.add_argument("--by-row", type=Path, help="with --acled: one JSON line per row")
    ap.add_argument("--keep", type=Path, help="also keep the predicted events here (outside the repository)")
    args = ap.parse_args(argv)
    return acled(args) if args.acled else dev(args)


if __name__ == "__main__":
    sys.exit(main())
