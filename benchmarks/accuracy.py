"""Accuracy on an evaluation set: the CLI as a user runs it, scored by the evaluation's scorer.

    .venv/bin/python benchmarks/accuracy.py                        # ../shared/eval/dev
    .venv/bin/python benchmarks/accuracy.py --set path/to/set --by-article

Runs `conflictmap extract SET/articles.jsonl --db TMP` and `conflictmap export --format jsonl`,
then `score.py --gold SET/gold.jsonl --pred EVENTS`, and prints the scorer's summary line.
Also prints how many dated gold items sit in articles that state no date at all (no metadata,
dateline, URL date or full date in the text): no method can date those.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "dev"


def cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]


def undatable(articles: Path, gold: Path) -> tuple[int, int]:
    """(dated gold items, of which in articles with no reference date of any kind)."""
    from conflictmap.extract.dates import DateResolver
    from conflictmap.extract.doc import Doc
    from conflictmap.geodata.loader import load_index

    dr = DateResolver(load_index().vocab)
    arts = {json.loads(x)["id"]: json.loads(x) for x in articles.read_text(encoding="utf-8").splitlines() if x.strip()}
    total = none = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        n = len(g.get("dated", []))
        total += n
        a = arts.get(g["id"])
        if a is None:
            continue
        doc = Doc.from_text(a["text"], a.get("language"))
        ref = dr.reference(doc, dr.find(doc), a.get("published"), a.get("url"))
        if ref.day is None:
            none += n
    return total, none


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="folder with articles.jsonl and gold.jsonl")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: the set's parent folder)")
    ap.add_argument("--by-article", action="store_true")
    args = ap.parse_args(argv)
    articles, gold = args.set / "articles.jsonl", args.set / "gold.jsonl"
    scorer = args.scorer or (args.set.parent / "score.py")
    for p in (articles, gold, scorer):
        if not p.exists():
            print(f"missing {p}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as d:
        db, events = Path(d) / "eval.db", Path(d) / "events.jsonl"
        r = subprocess.run([*cli(), "extract", str(articles), "--db", str(db), "-q"], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            print(r.stderr, file=sys.stderr)
            return r.returncode
        subprocess.run([*cli(), "export", "--db", str(db), "--format", "jsonl", "--output", str(events)], check=True,
                       capture_output=True)
        cmd = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(events)]
        if args.by_article:
            cmd.append("--by-article")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    print(out.rstrip())
    total, none = undatable(articles, gold)
    print(f"dated gold items: {total}; in articles that state no date at all: {none} "
          f"(best possible date accuracy {1 - none / total:.3f})" if total else "no dated gold items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
