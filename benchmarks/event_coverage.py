"""Event coding coverage by ACLED sub-event type: short sentences the team wrote, one expected coding each.

    .venv/bin/python benchmarks/event_coverage.py                    # every table in event_coverage/
    .venv/bin/python benchmarks/event_coverage.py --half a --misses  # the tuning half, with what went wrong
    .venv/bin/python benchmarks/event_coverage.py --table violence   # one table

The tables (``benchmarks/event_coverage/*.tsv``, written by the team in its own words from
EVENTS.md's definitions, not from misses) hold one sentence a row: ``lang`` (ar/en), ``half``
(a = tuning, b = check, never looked at while tuning), ``expect`` (an ACLED sub-event type, or
``none`` for a sentence that reports no event: a threat, a denial, a plan, a meeting), ``place``
(the English name of the place the sentence puts the event at, as the gazetteer names it) and
``text``. The extractor reads each sentence as a one-sentence article; a row is right when an
event at that place carries the expected sub-event type (for ``none``: no event at that place
carries a type). Reported per event type and per sub-event type: the share typed right (type)
and with the right sub-event (sub), per half.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "benchmarks" / "event_coverage"
COLUMNS = ("lang", "half", "expect", "place", "text")


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of one table; ``ValueError`` naming the line for a malformed one."""
    from conflictmap.extract.model import SUB_EVENT_TYPES

    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            if tuple(row) != COLUMNS and set(row) != set(COLUMNS):
                raise ValueError(f"{path.name}:{n}: columns must be {COLUMNS}")
            if row["lang"] not in ("ar", "en") or row["half"] not in ("a", "b"):
                raise ValueError(f"{path.name}:{n}: lang must be ar/en and half a/b")
            if row["expect"] != "none" and row["expect"] not in SUB_EVENT_TYPES:
                raise ValueError(f"{path.name}:{n}: {row['expect']!r} is not an ACLED sub-event type or 'none'")
            if not row["text"].strip() or not row["place"].strip():
                raise ValueError(f"{path.name}:{n}: empty text or place")
            rows.append({**row, "table": path.stem, "line": str(n)})
    return rows


def _at_place(ev: dict, place: str) -> bool:
    want = place.casefold()
    return want in {str(ev.get("place_name") or "").casefold(), str(ev.get("mention") or "").casefold()}


def judge(rows: list[dict[str, str]]) -> list[dict]:
    """Each row with the extractor's coding at its place and whether type and sub-event are right."""
    from conflictmap.extract.model import SUB_EVENT_TYPES, Article
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.geodata.loader import load_index

    ex = Extractor(load_index())
    out = []
    for k, r in enumerate(rows):
        art = Article(id=f"cov{k}", text=r["text"], published="2024-03-05", language=r["lang"])
        evs = [e.to_dict() for e in ex.extract(art)]
        here = [e for e in evs if _at_place(e, r["place"])]
        typed = [(e["event_type"], e["sub_event_type"]) for e in here if e.get("event_type")]
        if r["expect"] == "none":
            type_ok = sub_ok = not typed
            want_type = "none"
        else:
            want_type = SUB_EVENT_TYPES[r["expect"]]
            type_ok = any(t == want_type for t, _s in typed)
            sub_ok = any(s == r["expect"] for _t, s in typed)
        out.append({**r, "want_type": want_type, "got": typed, "placed": bool(here),
                    "places": sorted({str(e.get("place_name")) for e in evs}), "type_ok": type_ok, "sub_ok": sub_ok})
    return out


def report(judged: list[dict], misses: bool) -> None:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for j in judged:
        for half in ("all", j["half"]):
            groups[(j["want_type"], half)].append(j)
            groups[(f"  {j['expect']}", half)].append(j)
            groups[("ALL", half)].append(j)
            groups[(f"ALL {j['lang']}", half)].append(j)
    names = sorted({k for k, _h in groups}, key=lambda k: (k.startswith("ALL"), k))
    ordered = [n for n in names if not n.startswith("  ")]
    print(f"{'group':44} {'half':>4} {'rows':>5} {'type':>6} {'sub':>6}")
    for top in ordered:
        subs = sorted({k for k, _h in groups if k.startswith("  ")
                       and any(j["want_type"] == top for j in groups[(k, "all")])}) if not top.startswith("ALL") else []
        for name in [top, *subs]:
            for half in ("all", "a", "b"):
                g = groups.get((name, half))
                if not g:
                    continue
                t = sum(j["type_ok"] for j in g) / len(g)
                s = sum(j["sub_ok"] for j in g) / len(g)
                print(f"{name:44} {half:>4} {len(g):5} {t:6.3f} {s:6.3f}")
    if misses:
        print("\nmisses (type wrong):")
        for j in judged:
            if not j["type_ok"]:
                got = ", ".join(f"{t}/{s}" for t, s in j["got"]) or ("untyped" if j["placed"] else "not placed")
                print(f"  {j['table']}:{j['line']} [{j['lang']} {j['half']}] want {j['expect']} at {j['place']}; "
                      f"got {got}; places {j['places']}\n      {j['text']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--table", action="append", help="table name(s) in event_coverage/ (default: all)")
    ap.add_argument("--half", choices=("a", "b", "all"), default="all")
    ap.add_argument("--lang", choices=("ar", "en"))
    ap.add_argument("--misses", action="store_true", help="list the rows typed wrong")
    args = ap.parse_args(argv)
    paths = sorted(TABLES.glob("*.tsv"))
    if args.table:
        paths = [p for p in paths if p.stem in args.table]
    if not paths:
        print(f"no tables in {TABLES}", file=sys.stderr)
        return 2
    rows = [r for p in paths for r in read_table(p)]
    rows = [r for r in rows if (args.half == "all" or r["half"] == args.half) and (not args.lang or r["lang"] == args.lang)]
    report(judge(rows), args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
