"""Pages at once through the view workers, or in one process: wall time of a wave of new views.

    python benchmarks/view_workers.py STORE.db --workers 2 --busy 6 [--pieces map|all] [--options 3] [--no-share]

Seven different views (the many-users benchmark's: last month, an actor over all dates, all
dates, a year, a country over two years, a search, battles over all dates) are computed at once,
one thread each, as seven sessions opening them would: the event count, the six facets, the map
part (``workers.view_map``: map data, build, render, totals, top places), the 2 000-row table
and the timeline. ``--workers 0`` computes every piece in this process; ``--workers N`` sends the
map part (``--pieces map``, what the dashboard does) or every piece (``--pieces all``) to a pool
of N workers (``dashboard/workers.py``). ``--busy B`` runs B threads of pure-Python work beside
them (a small loop, then 1 ms asleep), standing in for the server's other sessions' page runs,
which hold the GIL that every hand-off to and from a worker needs. ``--options K`` asks for the
map part of each view in K map options one after the other (points, density, colours by actor,
by kind: what sessions switching the view's options ask), with the view's per-place data shared
between them (``workers.ViewShare``, each call routed to the worker that holds it, as the
dashboard does) or, with ``--no-share``, computed for each option. Prints the wave's wall time,
each page's, this process's CPU, the workers' CPU and what they computed.
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--busy", type=int, default=0)
    ap.add_argument("--pieces", choices=("map", "all"), default="map")
    ap.add_argument("--options", type=int, default=1, choices=(1, 2, 3, 4),
                    help="map options per view (points, density, by actor, by kind)")
    ap.add_argument("--no-share", dest="share", action="store_false",
                    help="each option computes the view's per-place data itself (as before the sharing)")
    args = ap.parse_args(argv)

    import psutil
    from conflictmap.dashboard import data as D
    from conflictmap.dashboard import mapview as MV
    from conflictmap.dashboard import workers as VW
    from conflictmap.dashboard.filters import ViewState
    from conflictmap.extract.store import database_url

    url = database_url(args.store)
    store = D.open_store(url)
    summ = D.summary(store.engine)
    lo, hi = summ.min_date, summ.max_date
    year = hi - timedelta(days=365)
    top = str(D.facet_counts(store.engine, ViewState(date_from=lo, date_to=hi), "actor")["value"].iloc[0])
    views = [ViewState(date_from=hi - timedelta(days=29), date_to=hi),
             ViewState(date_from=lo, date_to=hi, actors=(top,)),
             ViewState(date_from=lo, date_to=hi), ViewState(date_from=year, date_to=hi),
             ViewState(date_from=hi - timedelta(days=730), date_to=hi, countries=("ML",)),
             ViewState(date_from=year, date_to=hi, q="airport"),
             ViewState(date_from=lo, date_to=hi, event_types=("Battles",))]
    pool = VW.ViewWorkers(url, size=args.workers)

    def engine() -> Any:
        return store.engine

    def here(fn: Any, *a: Any, local_engine: Any) -> Any:
        return fn(local_engine(), *a)

    heavy = pool.run
    options = [MV.MapOptions(), MV.MapOptions(density="hex"), MV.MapOptions(color_by="actor"),
               MV.MapOptions(color_by="kind")][: args.options]
    light = pool.run if args.pieces == "all" else here
    if args.workers:
        heavy(D.count_events, views[0], local_engine=engine)  # the pool started, not counted

    times: list[float] = []

    def page(v: Any) -> None:
        t = time.perf_counter()
        light(D.count_events, v, local_engine=engine)
        for facet in ("type", "actor", "country", "place", "source", "lang"):
            light(D.facet_counts, v, facet, local_engine=engine)
        key = ("bench", url, v.key()) if args.share else None
        for opts in options:
            heavy(VW.view_map, v, opts, key, local_engine=engine, route=key)
        light(D.events_table, v, 2000, local_engine=engine)
        light(D.timeline_counts, v, "month", local_engine=engine)
        times.append(time.perf_counter() - t)

    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            x = 0
            for i in range(20_000):
                x += i
            time.sleep(0.001)

    spinners = [threading.Thread(target=busy, daemon=True) for _ in range(args.busy)]
    for t in spinners:
        t.start()
    def workers_cpu() -> float:
        return sum(sum(c.cpu_times()[:2]) for c in psutil.Process().children(recursive=True))

    c0, t0, wc0 = time.process_time(), time.perf_counter(), workers_cpu()
    threads = [threading.Thread(target=page, args=(v,)) for v in views]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu, wcpu = time.perf_counter() - t0, time.process_time() - c0, workers_cpu() - wc0
    computed = ([p.submit(VW._run, VW.share_stats, ()).result() for p in pool.pools() or []]
                if args.workers else [VW.share_stats()])
    stop.set()
    pool.shutdown()
    print(f"workers {args.workers} ({args.pieces}), busy threads {args.busy}, {len(options)} map options per "
          f"view, {'shared' if args.share else 'not shared'}: wave {wall:.2f} s; pages "
          + " ".join(f"{x:.2f}" for x in sorted(times)) + f" s; this process's CPU {cpu:.2f} s, the workers' "
          f"{wcpu:.2f} s (together {cpu + wcpu:.2f} s); fallbacks {pool.failures}; computed (per-place data, "
          f"details, totals) {computed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
