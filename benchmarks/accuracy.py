"""Accuracy on an evaluation set: the CLI as a user runs it, scored by the evaluation's scorer.

    .venv/bin/python benchmarks/accuracy.py                   # ../shared/eval/dev: all, half A, half B
    .venv/bin/python benchmarks/accuracy.py --half a --by-article
    .venv/bin/python benchmarks/accuracy.py --acled           # ../shared/eval/acled_dev (ACLED's Mali rows)
    .venv/bin/python benchmarks/accuracy.py --own-places      # benchmarks/own_places/batch1: all, Arabic, English
    .venv/bin/python benchmarks/accuracy.py --own-places --batch batch2 --by-article

Runs `conflictmap extract SET/articles.jsonl --db TMP` and `conflictmap export --format jsonl`, then
the set's scorer. As the hidden evaluation does, an article whose page states no date gets its
`published_truth` as `published` (a scraper's export records the date it found the story);
`--no-truth` measures without it.

Honest tuning: the dev set is split in two halves of equal make-up (12 Arabic + 4 English
articles each): half A (odd ids) is for looking at misses and tuning, half B (even ids) is the
check that a change carries over to text it was not tuned on. Report both.
`--own-places` scores the team's own articles whose place names were chosen without the gazetteer
(`benchmarks/own_places/`, see its README) with the dev set's scorer, split by language.
With `SET/events.jsonl` present the scorer also scores event types and fatalities.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OWN_PLACES = ROOT / "benchmarks" / "own_places"


def cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]


def half_of(article_id: str) -> str:
    """'a' for odd-numbered ids (d001, d003, ...), 'b' for even ones; by the digits of the id."""
    digits = "".join(c for c in article_id if c.isdigit())
    return "a" if digits and int(digits) % 2 else "b"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def extract_and_export(articles: Path, work: Path) -> Path:
    db, events = work / "eval.db", work / "events.jsonl"
    r = subprocess.run([*cli(), "extract", str(articles), "--db", str(db), "-q"], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({r.returncode}): {r.stderr[-2000:]}")
    subprocess.run([*cli(), "export", "--db", str(db), "--format", "jsonl", "--output", str(events)], check=True,
                   capture_output=True)
    return events


def dev(args: argparse.Namespace) -> int:
    folder: Path = OWN_PLACES / args.batch if args.own_places else args.set
    articles_path, gold_path = folder / "articles.jsonl", folder / "gold.jsonl"
    events_gold = folder / "events.jsonl"
    scorer = EVAL / "score.py" if args.own_places else folder.parent / "score.py"
    for p in (articles_path, gold_path, scorer):
        if not p.exists():
            print(f"missing {p}", file=sys.stderr)
            return 2
    articles = read_jsonl(articles_path)
    for a in articles:
        truth = a.pop("published_truth", None)
        if args.truth and not a.get("published"):
            a["published"] = truth
    if args.own_places:
        langs = {str(a["id"]): a.get("language") for a in articles}
        halves: dict[str, str | None] = {"all": None, "ar": "ar", "en": "en"}
        wanted = list(halves)
        key = langs.get
        labels = {"all": f"all {len(articles)}", "ar": "Arabic", "en": "English"}
    else:
        halves = {"all": None, "a": "a", "b": "b"}
        wanted = ["all", "a", "b"] if args.half == "both" else [args.half]
        key = half_of
        labels = {"all": "all 32", "a": "half A (tuning)", "b": "half B (check)"}
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        events = extract_and_export(write_jsonl(work / "articles.jsonl", articles), work)
        gold = read_jsonl(gold_path)
        egold = read_jsonl(events_gold) if events_gold.exists() else None
        for name in wanted:
            keep = halves[name]
            sel = [g for g in gold if keep is None or key(g["id"]) == keep]
            ids = {g["id"] for g in sel}
            preds = [e for e in read_jsonl(events) if e["article_id"] in ids]
            cmd = [sys.executable, str(scorer), "--gold", str(write_jsonl(work / f"gold-{name}.jsonl", sel)),
                   "--pred", str(write_jsonl(work / f"pred-{name}.jsonl", preds))]
            if egold is not None:
                cmd += ["--events", str(write_jsonl(work / f"ev-{name}.jsonl", [e for e in egold if e["id"] in ids]))]
            if args.by_article:
                cmd.append("--by-article")
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.rstrip()
            label = labels.get(name, name)
            print(f"== {label}: {len(sel)} articles")
            print(out)
    return 0


def acled(args: argparse.Namespace) -> int:
    folder = args.acled_set
    scorer = folder.parent / "score_acled.py"
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        events = extract_and_export(folder / "articles.jsonl", work)
        cmd = [sys.executable, str(scorer), "--gold", str(folder / "gold.jsonl"), "--pred", str(events)]
        if args.by_row:
            cmd += ["--by-row", str(args.by_row)]
        print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.rstrip())
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=EVAL / "dev", help="folder with articles.jsonl and gold.jsonl")
    ap.add_argument("--half", choices=["both", "all", "a", "b"], default="both",
                    help="which articles to score (default: all, then half A, then half B)")
    ap.add_argument("--no-truth", dest="truth", action="store_false",
                    help="do not feed published_truth for pages without a date")
    ap.add_argument("--by-article", action="store_true", help="misses and false positives per article")
    ap.add_argument("--acled", action="store_true", help="score ACLED's Mali rows instead (acled_dev/)")
    ap.add_argument("--acled-set", type=Path, default=EVAL / "acled_dev")
    ap.add_argument("--by-row", type=Path, default=None, help="with --acled: write per-row results here (not in the repo)")
    ap.add_argument("--own-places", action="store_true",
                    help="score the team's own places articles (benchmarks/own_places/) by language")
    ap.add_argument("--batch", default="batch1", help="with --own-places: which batch folder")
    args = ap.parse_args(argv)
    return acled(args) if args.acled else dev(args)


if __name__ == "__main__":
    sys.exit(main())
