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

A toll table (``tolls.tsv``; its columns tell it apart: ``killed`` and ``injured`` instead of
``expect``) holds the number an ACLED coder would record for the event at ``place`` (EVENTS.md's
rules: the lowest of differing figures, sides added up, "several" 3, "dozens" 12; empty for no
number, 0 only when the text says nobody died / was hurt). Reported per half: killed exact and
injured exact (rows with a number: the typed events at the place carry exactly that number),
and invented (rows without a number where one was given).

    .venv/bin/python benchmarks/event_coverage.py --table tolls --half a --misses
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "benchmarks" / "event_coverage"
COLUMNS = ("lang", "half", "expect", "place", "text")
TOLL_COLUMNS = ("lang", "half", "killed", "injured", "place", "text")


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of one table; ``ValueError`` naming the line for a malformed one."""
    from conflictmap.extract.model import SUB_EVENT_TYPES

    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        kind = "toll" if set(reader.fieldnames or ()) == set(TOLL_COLUMNS) else "type"
        want = TOLL_COLUMNS if kind == "toll" else COLUMNS
        for n, row in enumerate(reader, start=2):
            if set(row) != set(want) or None in row.values():
                raise ValueError(f"{path.name}:{n}: columns must be {COLUMNS} or {TOLL_COLUMNS}")
            if row["lang"] not in ("ar", "en") or row["half"] not in ("a", "b"):
                raise ValueError(f"{path.name}:{n}: lang must be ar/en and half a/b")
            if kind == "type" and row["expect"] != "none" and row["expect"] not in SUB_EVENT_TYPES:
                raise ValueError(f"{path.name}:{n}: {row['expect']!r} is not an ACLED sub-event type or 'none'")
            for col in ("killed", "injured") if kind == "toll" else ():
                if row[col] and not (row[col].isascii() and row[col].isdigit()):
                    raise ValueError(f"{path.name}:{n}: {col} {row[col]!r} is not a number (digits) or empty")
            if not row["text"].strip() or not row["place"].strip():
                raise ValueError(f"{path.name}:{n}: empty text or place")
            rows.append({**row, "table": path.stem, "line": str(n), "kind": kind})
    return rows


def _at_place(ev: dict, place: str) -> bool:
    want = place.casefold()
    return want in {str(ev.get("place_name") or "").casefold(), str(ev.get("mention") or "").casefold()}


def _extracted(rows: list[dict[str, str]]):
    """Each row with the events the extractor finds in its sentence (read as a one-sentence article)."""
    from conflictmap.extract.model import Article
    from conflictmap.extract.pipeline import Extractor
    from conflictmap.geodata.loader import load_index

    ex = Extractor(load_index())
    for k, r in enumerate(rows):
        art = Article(id=f"cov{k}", text=r["text"], published="2024-03-05", language=r["lang"])
        yield r, [e.to_dict() for e in ex.extract(art)]


def judge(rows: list[dict[str, str]]) -> list[dict]:
    """Each row with the extractor's coding at its place and whether type and sub-event are right."""
    from conflictmap.extract.model import SUB_EVENT_TYPES

    out = []
    for r, evs in _extracted(rows):
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


def _in_place(ev: dict, place: str) -> bool:
    """At the place or at a spot named after it ("west of Sirte", "Timbuktu airport", "Mopti Region"):
    the toll table measures the number, the type tables measure where the event lands."""
    if _at_place(ev, place):
        return True
    return re.search(rf"(?<!\w){re.escape(place.casefold())}(?!\w)", str(ev.get("place_name") or "").casefold()) is not None


def judge_tolls(rows: list[dict[str, str]]) -> list[dict]:
    """Each toll row with the numbers the typed events at its place carry (``None``: no number)."""
    out = []
    for r, evs in _extracted(rows):
        here = [e for e in evs if e.get("event_type") and _in_place(e, r["place"])]
        row = {**r, "placed": bool(here)}
        for col, field in (("killed", "fatalities"), ("injured", "injured")):
            got = sorted({e[field] for e in here if e.get(field) is not None})
            row[f"got_{col}"] = got
            if r[col]:
                row[f"{col}_ok"] = got == [int(r[col])]
            else:
                row[f"{col}_ok"] = not got
                row[f"{col}_invented"] = bool(got)
        out.append(row)
    return out


def report_tolls(judged: list[dict], misses: bool) -> None:
    print(f"\n{'tolls':6} {'half':>4} {'killed exact':>14} {'injured exact':>14} {'killed invented':>16} "
          f"{'injured invented':>16}")
    for lang in ("all", "ar", "en"):
        for half in ("all", "a", "b"):
            g = [j for j in judged if half in ("all", j["half"]) and lang in ("all", j["lang"])]
            if not g:
                continue
            cells = []
            for col, test in (("killed", "ok"), ("injured", "ok"), ("killed", "invented"), ("injured", "invented")):
                n = [j for j in g if bool(j[col]) == (test == "ok")]
                cells.append(f"{sum(j[f'{col}_{test}'] for j in n) / len(n):.3f} ({len(n):3})" if n else "-")
            print(f"{lang:6} {half:>4} {cells[0]:>14} {cells[1]:>14} {cells[2]:>16} {cells[3]:>16}")
    if misses:
        print("\nmisses (a toll wrong or invented):")
        for j in judged:
            if not (j["killed_ok"] and j["injured_ok"]):
                got = "not placed" if not j["placed"] else f"killed {j['got_killed']} injured {j['got_injured']}"
                print(f"  {j['table']}:{j['line']} [{j['lang']} {j['half']}] want killed {j['killed'] or '-'} "
                      f"injured {j['injured'] or '-'} at {j['place']}; got {got}\n      {j['text']}")


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
    typed = [r for r in rows if r["kind"] == "type"]
    tolls = [r for r in rows if r["kind"] == "toll"]
    if typed:
        report(judge(typed), args.misses)
    if tolls:
        report_tolls(judge_tolls(tolls), args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
