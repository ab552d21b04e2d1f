"""What building and rendering the points map costs, per view, without Streamlit.

    .venv/bin/python benchmarks/map_build.py STORE.db [--repeat 5]

For a few windows ending at the store's last date (all dates, a year, a quarter, nine days) the
map's data is read once, then timed (process CPU, least of ``--repeat``): the marker rows
(``place_rows``/``incident_rows``), their JSON (``js_json``), ``build_map`` and ``build_map`` +
``mapcomponent.render`` (what the dashboard caches and shares per view). The collector's first
threshold is set as the dashboard's server sets it (``dashboard.main.GC_THRESHOLD``; importing
that module here would set up Streamlit's caches for nothing).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

GC_THRESHOLD = 50_000  # dashboard.main.GC_THRESHOLD


def least(f: Callable[[], Any], n: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(n):
        c0 = time.process_time()
        out = f()
        best = min(best, time.process_time() - c0)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", help="an SQLite file or a database URL")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    from conflictmap.dashboard import data as D
    from conflictmap.dashboard import escaping as H
    from conflictmap.dashboard import mapcomponent as MC
    from conflictmap.dashboard import mapview as MV
    from conflictmap.dashboard.filters import ViewState

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    store = D.open_store(args.store)
    summ = D.summary(store.engine)
    opts = MV.MapOptions()
    views = {"all dates": ViewState(date_from=summ.min_date, date_to=summ.max_date)}
    for label, days in (("a year", 365), ("a quarter", 90), ("nine days", 9)):
        views[label] = ViewState(date_from=summ.max_date - timedelta(days=days), date_to=summ.max_date)
    print("| view | mode | markers | rows | their JSON | build_map | build + render | script |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for label, view in views.items():
        md = MV.load_map_data(store.engine, view)
        order = md.actor_order()

        def rows(md: Any = md, view: ViewState = view, order: list[str] = order) -> Any:
            if md.mode == "incidents":
                return MV.incident_rows(md, view, opts, order)[0]
            if md.mode == "grid":
                return MV.grid_rows(md, view, opts, order)[0]
            return MV.place_rows(md, view, opts, order)[0]

        t_rows, built_rows = least(rows, args.repeat)
        t_json, _ = least(lambda r=built_rows: H.js_json(r), args.repeat)
        t_build, _ = least(lambda md=md, view=view, order=order: MV.build_map(md, view, opts, order), args.repeat)
        t_all, rendered = least(lambda md=md, view=view, order=order: MC.render(MV.build_map(md, view, opts, order).map),
                                args.repeat)
        print(f"| {label} | {md.mode} | {len(built_rows)} | {t_rows * 1e3:.1f} ms | {t_json * 1e3:.1f} ms | "
              f"{t_build * 1e3:.1f} ms | **{t_all * 1e3:.1f} ms** | {len(rendered.script):,} chars |")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
