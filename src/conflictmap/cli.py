"""The ``conflictmap`` command line: ``main() -> parse_args(argv) -> run(args)``.

    conflictmap extract PATH... --db DB        articles in, events into the store
    conflictmap export --db DB --format jsonl --output FILE
    conflictmap dashboard [--db DB] [--port N]
    conflictmap gazetteer lookup "جنوب طرابلس"   why a point lands where it does
    conflictmap explain "اشتباكات في جنزور أسفرت عن مقتل ثلاثة"   why a point is a battle, and its toll
    conflictmap gazetteer build | check
    conflictmap gazetteer add-geonames ML BF [--from DIR]   every village of these countries (GeoNames dumps)
    conflictmap gazetteer geonames list | remove ML
    conflictmap demo [--db DB]                  build the demo store from the bundled corpus
    conflictmap copy-store SRC DST              copy a store (e.g. SQLite) into another (e.g. PostgreSQL)

Exit codes of ``extract``: 0 when every input was read, 1 when some were skipped (the rest is
stored), 2 on usage errors (bad arguments, missing paths, a store that cannot be opened).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__, _native
from .extract.model import EXTRACTOR_VERSION

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="conflictmap",
        description="Geocode every place mention in Arabic and English news about Libya and the Sahel.",
    )
    ap.add_argument("--version", action="version",
                    version=f"conflictmap {__version__} (extractor {EXTRACTOR_VERSION}); hot path: {_native.STATUS}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="read articles and store their events")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files, folders, .jsonl/.json/.csv exports")
    ex.add_argument("--db", required=True, help="store: a file path (SQLite) or an SQLAlchemy URL")
    ex.add_argument("--theatre", default=",".join(_default_theatre()),
                    help="ISO-2 codes that ambiguous names prefer (default: %(default)s)")
    ex.add_argument("--batch-size", type=int, default=100, help="articles per transaction (default: %(default)s)")
    ex.add_argument("--max-mb", type=float, default=20.0, help="largest single article file in MB (default: %(default)s)")
    ex.add_argument("--online-geocoder", choices=["nominatim"], default=None,
                    help="opt in to look up names the gazetteer lacks online (rate-limited, cached in the store)")
    ex.add_argument("--dask", metavar="local|tcp://HOST:8786", default=None,
                    help="run on a Dask LocalCluster ('local') or an existing scheduler")
    ex.add_argument("--workers", type=int, default=None, help="workers of a local Dask cluster (default: cores)")
    ex.add_argument("--output-dir", default=None, help="also write the events as partitioned GeoParquet here (one part-NNNNN.parquet per committed batch)")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    exp = sub.add_parser("export", help="write the stored events to a file")
    exp.add_argument("--db", required=True)
    exp.add_argument("--format", required=True, choices=["jsonl", "csv", "geojson", "parquet"])
    exp.add_argument("--output", required=True,
                     help="a file; for parquet also a folder (an existing one or DIR/): part-NNNNN.parquet files")
    exp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    exp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    exp.add_argument("--actor", action="append", default=[], help="keep events with this actor (repeatable)")
    exp.add_argument("--country", action="append", default=[], help="keep events in this ISO-2 country (repeatable)")
    exp.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT")
    exp.add_argument("--include-undated", action="store_true", help="with --from/--to, keep undated events too")
    exp.add_argument("--event-type", action="append", default=[], metavar="TYPE",
                     help="keep events of this ACLED event type, e.g. Battles (repeatable)")

    da = sub.add_parser("dashboard", help="open the map in a browser")
    da.add_argument("--db", default=None, help="store to show (default: the demo store)")
    da.add_argument("--port", type=int, default=None)

    gz = sub.add_parser("gazetteer", help="inspect or rebuild the gazetteer index")
    gsub = gz.add_subparsers(dest="gaz_command", required=True, metavar="ACTION")
    lk = gsub.add_parser("lookup", help="show candidates and the chosen point for a phrase")
    lk.add_argument("text")
    lk.add_argument("--theatre", default=",".join(_default_theatre()))
    gsub.add_parser("build", help="rebuild the index now")
    gsub.add_parser("ensure", help="build the index only if a source changed (fast when cached)")
    gsub.add_parser("check", help="validate the curated source files")
    ag = gsub.add_parser("add-geonames", help="add GeoNames' per-country dumps (every village, area and site) to the index",
                         description="Add GeoNames' full dump of each country (download.geonames.org/export/dump/CC.zip: "
                                     "populated places, administrative areas, airports and other sites, with their "
                                     "alternate names) to the gazetteer, as a supplementary gazetteer in the cache folder. "
                                     "Downloads from GeoNames unless --from gives a folder. Data: GeoNames, geonames.org, CC BY 4.0.")
    ag.add_argument("countries", nargs="+", metavar="CC", help="ISO-2 country codes (ML BF NE TD …)")
    ag.add_argument("--from", dest="from_dir", metavar="DIR", default=None,
                    help="read CC.zip (as GeoNames serves it), CC.txt.gz or CC.txt from this folder instead of downloading")
    ag.add_argument("--no-build", action="store_true", help="do not rebuild the index now (it rebuilds on next use)")
    gn = gsub.add_parser("geonames", help="list or remove the GeoNames countries added")
    gnsub = gn.add_subparsers(dest="gn_command", required=True, metavar="ACTION")
    gnsub.add_parser("list", help="the countries added, with their size and source")
    rm = gnsub.add_parser("remove", help="remove added countries from the index")
    rm.add_argument("countries", nargs="+", metavar="CC")
    rm.add_argument("--no-build", action="store_true", help="do not rebuild the index now (it rebuilds on next use)")

    xp = sub.add_parser("explain", help="show the event type, trigger, place and toll read in a text",
                        description="Run the extractor on a sentence or a short text and show, for every place, "
                                    "the trigger found, ACLED's event type and sub-event type, why the action was "
                                    "tied to that place, the numbers read (killed, injured) and any negation or "
                                    "modality that made a trigger no event.")
    xp.add_argument("text", help="the text (a sentence or a paragraph); '-' reads it from standard input")
    xp.add_argument("--language", choices=["ar", "en"], default=None, help="default: guessed from the text")
    xp.add_argument("--theatre", default=",".join(_default_theatre()))

    de = sub.add_parser("demo", help="build the demo store from the bundled demo corpus")
    de.add_argument("--db", default=None, help="where (default: the demo store in the cache folder)")
    de.add_argument("-q", "--quiet", action="store_true")

    up = sub.add_parser("upgrade", help="upgrade a store written by an older conflictmap, in place",
                        description="Open the store writable once: new columns, tables and indexes are added and "
                                    "what is derived from the events (incidents, rollups) is built. Any writing "
                                    "command does the same; a read-only dashboard asks for it.")
    up.add_argument("--db", required=True)

    cs = sub.add_parser("copy-store", help="copy a store (e.g. a SQLite file) into another (e.g. PostgreSQL)",
                        description="Copy every article and event of SRC into DST in batches. Idempotent: "
                                    "articles DST already holds with the same content are skipped, so a rerun "
                                    "(or a run after an interruption) copies only what is missing.")
    cs.add_argument("src", metavar="SRC", help="store to copy from: a file path (SQLite) or an SQLAlchemy URL")
    cs.add_argument("dst", metavar="DST", help="store to copy into (created or upgraded as needed)")
    cs.add_argument("--batch-size", type=int, default=1000, help="articles per transaction (default: %(default)s)")
    cs.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return ap.parse_args(argv)


def _default_theatre() -> tuple[str, ...]:
    from .extract.places import DEFAULT_THEATRE

    return DEFAULT_THEATRE


def _err(msg: str) -> None:
    print(f"conflictmap: error: {msg}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "dashboard":
        return cmd_dashboard(args)
    if args.command == "gazetteer":
        return cmd_gazetteer(args)
    if args.command == "demo":
        return cmd_demo(args)
    if args.command == "explain":
        return cmd_explain(args)
    if args.command == "copy-store":
        return cmd_copy_store(args)
    if args.command == "upgrade":
        return cmd_upgrade(args)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(parse_args(argv))
    except KeyboardInterrupt:
        _err("interrupted; what was stored stays stored — run the same command again to finish")
        return 130


# -- extract ---------------------------------------------------------------------------------------

def _theatre(s: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in s.split(",") if c.strip())
    bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
    if bad:
        raise ValueError(f"--theatre takes ISO-2 country codes, got {', '.join(bad)}")
    return codes


def make_extractor(theatre: Sequence[str], online: str | None = None, store: object = None):
    from .extract.pipeline import Extractor
    from .geodata.loader import load_index

    ex = Extractor(load_index(verbose=True), theatre=theatre)
    if online:
        from .extract.online import OnlineGeocoder

        print(f"conflictmap: online geocoder {online} enabled: names the gazetteer lacks are looked up on the "
              "internet (1 request/s, cached in the store)", file=sys.stderr)
        ex.online = OnlineGeocoder(online, store)
    return ex


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract.readers import Reader
    from .extract.store import Store, StoreError

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        _err("no such file or folder: " + ", ".join(missing))
        return EXIT_USAGE
    try:
        theatre = _theatre(args.theatre)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    if args.batch_size < 1 or args.max_mb <= 0:
        _err("--batch-size and --max-mb must be positive")
        return EXIT_USAGE
    if args.output_dir:
        try:
            Path(args.output_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _err(f"--output-dir {args.output_dir}: cannot create the folder ({exc.strerror or exc})")
            return EXIT_USAGE
    try:
        store = Store(args.db)
    except StoreError as exc:
        _err(str(exc))
        return EXIT_USAGE
    reader = Reader(max_bytes=int(args.max_mb * 1024 * 1024))
    if args.dask:
        from .extract.distributed import ClusterError, run_dask

        try:
            summary = run_dask(args, reader, store, theatre)
        except ClusterError as exc:  # nothing was extracted: the cluster is not usable
            store.close()
            _err(str(exc))
            return EXIT_USAGE
    else:
        extractor = make_extractor(theatre, args.online_geocoder, store)
        summary = _run_with_progress(reader.read(args.paths), store, extractor.extract, args)
    store.close()
    _print_summary(summary, reader.ignored, args.db)
    return summary.exit_code


def _parquet_parts(output_dir: str | None):
    """``--output-dir`` without Dask: each committed batch's events as the next GeoParquet part,
    as the Dask path writes them (:mod:`extract.distributed`)."""
    if not output_dir:
        return None
    from .extract.export import next_part_number, parquet_bytes, write_part

    out = Path(output_dir)  # made (or refused) by cmd_extract before anything is stored
    number = [next_part_number(out)]

    def write(events):
        write_part(out, number[0], parquet_bytes(events))
        number[0] += 1

    return write


def _run_with_progress(results, store, extract, args):
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .extract.runner import run_batches

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("[bold]extracting[/]"), TextColumn("{task.fields[n]} articles"),
               TextColumn("{task.fields[rate]:.0f}/s"), TextColumn("{task.fields[events]} events"),
               TextColumn("[yellow]{task.fields[skipped]} skipped[/]"), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=args.quiet or (not console.is_terminal and False),
                  refresh_per_second=4) as prog:
        task = prog.add_task("extract", n=0, rate=0.0, events=0, skipped=0)
        last = [0.0]

        def progress(s):
            now = time.perf_counter()
            if now - last[0] < 0.25 and s.seconds:
                return
            last[0] = now
            done = s.new + s.updated + s.unchanged
            prog.update(task, n=done, rate=done / s.seconds if s.seconds else 0.0, events=s.events,
                        skipped=len(s.skipped))

        return run_batches(results, store, extract, batch_size=args.batch_size, progress=progress,
                           on_saved=_parquet_parts(args.output_dir))


def _print_summary(s, ignored: int, db: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    t = Table(title="conflictmap extract", show_header=False, box=None)
    rate = (s.new + s.updated) / s.seconds if s.seconds else 0.0
    t.add_row("articles read", str(s.read))
    t.add_row("  new / updated / unchanged", f"{s.new} / {s.updated} / {s.unchanged}")
    t.add_row("events stored", str(s.events))
    t.add_row("  undated events", str(s.undated))
    if s.unlocated:
        t.add_row("  with no place on the map", f"{s.unlocated} (the text names no place the gazetteer knows; "
                  "in exports without coordinates)")
    t.add_row("skipped inputs", str(len(s.skipped)))
    if ignored:
        t.add_row("ignored files (not articles)", str(ignored))
    t.add_row("time", f"{s.seconds:.1f} s ({rate:.0f} articles/s)")
    t.add_row("store", db)
    console.print(t)
    for sk in s.skipped[:50]:  # one line per input, never wrapped: easy to grep
        print(f"  skipped {sk.origin}: {sk.reason}", file=sys.stderr)
    if len(s.skipped) > 50:
        print(f"  … and {len(s.skipped) - 50} more skipped", file=sys.stderr)


# -- export ----------------------------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    from .extract.export import export
    from .extract.store import EventFilter, Store, StoreError

    bbox = None
    if args.bbox:
        try:
            vals = [float(x) for x in args.bbox.split(",")]
            if len(vals) != 4:
                raise ValueError
            bbox = (vals[0], vals[1], vals[2], vals[3])
        except ValueError:
            _err("--bbox takes MINLON,MINLAT,MAXLON,MAXLAT")
            return EXIT_USAGE
    for d in (args.date_from, args.date_to):
        if d and not _iso_date(d):
            _err(f"dates are YYYY-MM-DD, got {d!r}")
            return EXIT_USAGE
    if "://" not in args.db and not Path(args.db).exists():
        _err(f"no store at {args.db}")
        return EXIT_USAGE
    try:
        store = Store(args.db, create=False)
    except StoreError as exc:
        _err(str(exc))
        return EXIT_USAGE
    from .extract.model import EVENT_TYPES

    bad = [t for t in args.event_type if t not in EVENT_TYPES]
    if bad:
        store.close()
        _err(f"unknown event type {bad[0]!r}; ACLED's types are: {', '.join(EVENT_TYPES)}")
        return EXIT_USAGE
    flt = EventFilter(date_from=args.date_from, date_to=args.date_to, actors=args.actor, countries=args.country,
                      bbox=bbox, include_undated=args.include_undated, event_types=args.event_type)
    try:
        n = export(store, args.format, args.output, flt)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    finally:
        store.close()
    print(f"wrote {n} events to {args.output}", file=sys.stderr)
    return EXIT_OK


def _iso_date(s: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(s)
        return True
    except ValueError:
        return False


# -- dashboard, demo -----------------------------------------------------------------------------

def cmd_dashboard(args: argparse.Namespace) -> int:
    try:
        from .dashboard.launch import run_dashboard
    except ImportError as exc:
        _err(f"the dashboard is not available: {exc}")
        return EXIT_USAGE
    return run_dashboard(args.db, args.port)


def demo_files() -> list[Path]:
    from importlib import resources

    root = resources.files("conflictmap.geodata") / "demo"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".jsonl"))


def cmd_demo(args: argparse.Namespace) -> int:
    from .core.paths import demo_db_path

    db = args.db or str(demo_db_path())
    Path(db).parent.mkdir(parents=True, exist_ok=True) if "://" not in db else None
    files = [str(p) for p in demo_files()]
    if not files:
        _err("no demo corpus found in geodata/demo")
        return EXIT_USAGE
    ns = parse_args(["extract", *files, "--db", db, *(["-q"] if args.quiet else [])])
    return cmd_extract(ns)


# -- upgrade ---------------------------------------------------------------------------------------

def cmd_upgrade(args: argparse.Namespace) -> int:
    from .extract.store import SCHEMA_VERSION, Store, StoreError, safe_url

    if "://" not in args.db and not Path(args.db).exists():
        _err(f"no store at {args.db}")
        return EXIT_USAGE
    try:
        probe = Store(args.db, create=False)
        before = probe.stored_version
        probe.close()
        store = Store(args.db)
    except StoreError as exc:
        _err(str(exc))
        return EXIT_USAGE
    store.close()
    what = "already up to date" if before >= SCHEMA_VERSION else f"upgraded from schema {before}"
    print(f"{safe_url(store.url)}: schema {SCHEMA_VERSION}, {what}", file=sys.stderr)
    return EXIT_OK


# -- copy-store ------------------------------------------------------------------------------------

def _hide_secrets(message: str, *urls: str) -> str:
    """``message`` with every URL's password (and the URL itself) hidden."""
    from sqlalchemy.engine import make_url

    from .extract.store import safe_url

    for url in urls:
        message = message.replace(url, safe_url(url))
        try:
            password = make_url(url).password
        except Exception:
            password = None
        if password:
            message = message.replace(str(password), "***")
    return message


def cmd_copy_store(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from sqlalchemy.exc import SQLAlchemyError

    from .extract.store import Store, StoreError, copy_store, database_url, safe_url

    if args.batch_size < 1:
        _err("--batch-size must be positive")
        return EXIT_USAGE
    src_url, dst_url = database_url(args.src), database_url(args.dst)
    if src_url == dst_url:
        _err("SRC and DST are the same store")
        return EXIT_USAGE
    if "://" not in args.src and not Path(args.src).exists():
        _err(f"no store at {args.src}")
        return EXIT_USAGE
    try:
        src = Store(src_url, create=False)
    except StoreError as exc:
        _err(_hide_secrets(str(exc), src_url))
        return EXIT_USAGE
    try:
        dst = Store(dst_url)
    except StoreError as exc:
        src.close()
        _err(_hide_secrets(str(exc), dst_url))
        return EXIT_USAGE
    console = Console(stderr=True)
    columns = (TextColumn("[bold]copying[/]"), BarColumn(), TextColumn("{task.completed:,}/{task.fields[articles]:,} articles"),
               TextColumn("{task.fields[events]:,} events"), TextColumn("{task.fields[rate]:,.0f} events/s"),
               TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, disable=args.quiet, refresh_per_second=4) as prog:
            task = prog.add_task("copy", total=None, articles=0, events=0, rate=0.0)

            def progress(s):
                prog.update(task, total=s.articles or None, completed=s.seen, articles=s.articles,
                            events=s.events, rate=s.rate)

            summary = copy_store(src, dst, batch_size=args.batch_size, progress=progress)
    except (SQLAlchemyError, StoreError, OSError) as exc:
        _err("copy stopped: " + _hide_secrets(f"{exc.__class__.__name__}: {exc}", src_url, dst_url)
             + "\nwhat was copied stays copied — run the same command again to finish")
        return EXIT_SKIPPED
    finally:
        src.close()
        dst.close()
    t = Table(title="conflictmap copy-store", show_header=False, box=None)
    t.add_row("from", safe_url(src_url))
    t.add_row("into", safe_url(dst_url))
    t.add_row("articles in source", f"{summary.articles:,}")
    t.add_row("  copied / replaced / unchanged", f"{summary.copied:,} / {summary.replaced:,} / {summary.unchanged:,}")
    t.add_row("events copied", f"{summary.events:,}")
    if summary.geocodes:
        t.add_row("geocoder cache entries", f"{summary.geocodes:,}")
    t.add_row("time", f"{summary.seconds:.1f} s" + (f" ({summary.rate:,.0f} events/s)" if summary.events else ""))
    console.print(t, highlight=False)
    return EXIT_OK


# -- gazetteer -------------------------------------------------------------------------------------

def cmd_gazetteer(args: argparse.Namespace) -> int:
    if args.gaz_command == "build":
        from .geodata.loader import index_path, load_index

        t = time.time()
        idx = load_index(rebuild=True)
        print(f"index {idx.key} built in {time.time() - t:.1f}s: {idx.stats}")
        print(f"cached at {index_path(idx.key)}")
        return EXIT_OK
    if args.gaz_command == "ensure":
        from .geodata.loader import load_index

        idx = load_index(verbose=True)
        print(f"gazetteer index {idx.key}: {idx.stats}", file=sys.stderr)
        return EXIT_OK
    if args.gaz_command == "add-geonames":
        return cmd_add_geonames(args)
    if args.gaz_command == "geonames":
        return cmd_geonames(args)
    if args.gaz_command == "check":
        from .geodata.build import check_sources

        problems = check_sources()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
        return EXIT_SKIPPED if problems else EXIT_OK
    return cmd_lookup(args)


def _country_codes(codes: Sequence[str]) -> list[str]:
    """Upper-cased ISO-2 codes, each once; ValueError naming the ones the gazetteer does not know."""
    from .geodata.geonames import known_countries

    known = known_countries()
    out = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    bad = [c for c in out if c not in known]
    if bad:
        raise ValueError(f"unknown country code(s) {', '.join(bad)}: give ISO-2 codes such as ML, BF, NE, TD")
    return out


def _rebuild_index() -> None:
    from .geodata.loader import load_index

    t = time.time()
    idx = load_index()
    print(f"index {idx.key} ready in {time.time() - t:.1f}s: {idx.stats.get('places', 0):,} places, "
          f"{idx.stats.get('geonames-dump', 0):,} of them from GeoNames dumps")


def cmd_add_geonames(args: argparse.Namespace) -> int:
    """Fetch (or find) every dump first, then convert and save each: a failed download changes nothing."""
    import tempfile

    from .geodata import geonames

    try:
        codes = _country_codes(args.countries)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    folder = Path(args.from_dir).expanduser() if args.from_dir else None
    if folder is not None and not folder.is_dir():
        _err(f"--from {args.from_dir}: no such folder")
        return EXIT_USAGE
    names = geonames.known_countries()
    skipped = 0
    with tempfile.TemporaryDirectory(prefix="conflictmap-geonames-") as tmp:
        found: list[tuple[str, Path, str]] = []
        for cc in codes:
            try:
                if folder is not None:
                    path = geonames.find_dump(folder, cc)
                    found.append((cc, path, str(path)))
                else:
                    print(f"downloading {geonames.dump_url(cc)} …", file=sys.stderr)
                    found.append((cc, geonames.download(cc, Path(tmp)), geonames.dump_url(cc)))
            except geonames.DownloadError as exc:
                _err(f"{exc} (nothing was changed)")
                return EXIT_USAGE
            except geonames.DumpError as exc:
                _err(f"{cc}: {exc}; skipped")
                skipped += 1
        added = 0
        for cc, path, source in found:
            try:
                rows, report = geonames.read_dump(path, cc, source)
            except geonames.DumpError as exc:
                _err(f"{cc}: {exc}; skipped (an earlier import of {cc}, if any, is kept)")
                skipped += 1
                continue
            out = geonames.save(rows, report)
            added += 1
            print(f"{cc} ({names.get(cc, '')}): {report.summary()} → {out}")
    if added:
        print("data: GeoNames, geonames.org (CC BY 4.0)")
        if not args.no_build:
            _rebuild_index()
    return EXIT_SKIPPED if skipped else EXIT_OK


def cmd_geonames(args: argparse.Namespace) -> int:
    from .geodata import geonames

    if args.gn_command == "list":
        rows = geonames.added()
        if not rows:
            print("no GeoNames country added (conflictmap gazetteer add-geonames ML BF …)")
            return EXIT_OK
        for m in rows:
            rep = m.get("report") if isinstance(m.get("report"), dict) else {}
            print(f"{m['country']}  {m.get('name', '')}: {int(m.get('places') or 0):,} places; dump of about "
                  f"{rep.get('newest') or '?'}; added {m.get('added')} from {m.get('source')}")
        return EXIT_OK
    try:
        codes = _country_codes(args.countries)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    removed = [cc for cc in codes if geonames.remove(cc)]
    for cc in codes:
        print(f"{cc}: removed" if cc in removed else f"{cc}: was not added")
    if removed and not args.no_build:
        _rebuild_index()
    return EXIT_OK if len(removed) == len(codes) else EXIT_SKIPPED


def cmd_lookup(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .core.textnorm import norm_text
    from .extract.model import Article

    try:
        theatre = _theatre(args.theatre)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    ex = make_extractor(theatre)
    console = Console()
    g = ex.index.gazetteer
    raw = g.lookup(norm_text(args.text))
    if raw:
        t = Table(title=f"gazetteer entries named {args.text!r}")
        for col in ("id", "name", "Arabic", "kind", "country", "lat", "lon", "population", "ambiguity", "source"):
            t.add_column(col)
        for p, a in raw:
            t.add_row(p.id, p.name, p.name_ar or "", p.kind, p.country or "", f"{p.lat:.4f}", f"{p.lon:.4f}",
                      str(p.population), str(a), p.source)
        console.print(t)
    an = ex.analyse(Article(id="lookup", text=args.text))
    if not an.mentions:
        console.print("no place recognised in this text (a name that is also a common word needs a cue such as "
                      "مدينة / 'the town of', or a nearby place)")
        return EXIT_OK if raw else EXIT_SKIPPED
    for m in an.mentions:
        p = m.place
        line = (f" → {p.name}{f' ({p.name_ar})' if p.name_ar else ''} [{p.id}] {p.kind}, "
                f"{p.lat:.4f}, {p.lon:.4f}; precision {m.precision}, ±{m.uncertainty_km} km; via {m.via}"
                + (f", from {m.anchor.name} [{m.anchor.id}]" if m.anchor and m.anchor is not p else ""))
        console.print(f"[bold]{escape(args.text[m.start:m.end])}[/]{escape(line)}", highlight=False)
        if m.scores:
            t = Table(show_header=True, box=None)
            for col in ("candidate", "id", "country", "population", "score"):
                t.add_column(col)
            for cp, sc in m.scores:
                t.add_row(cp.name, cp.id, cp.country or "", str(cp.population), f"{sc:.2f}")
            console.print(t)
    return EXIT_OK


# -- explain ---------------------------------------------------------------------------------------

def cmd_explain(args: argparse.Namespace) -> int:
    """Why a place is coded as it is: the events stage's reasons for one text."""
    from rich.console import Console
    from rich.markup import escape

    from .extract.model import Article

    try:
        theatre = _theatre(args.theatre)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_USAGE
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        _err("no text to explain")
        return EXIT_USAGE
    ex = make_extractor(theatre)
    console = Console()
    an = ex.analyse(Article(id="explain", text=text, language=args.language))
    doc = an.doc
    for s, triggers, tolls in ex.events.inspect(doc):
        a, b = doc.sentences[s] if doc.sentences else (0, len(text))
        console.print(f"[bold]sentence {s + 1}[/]: {escape(text[a:b])}", highlight=False)
        for t in triggers:
            state = (f"[red]suppressed — {escape(t.suppressed)}[/]" if t.suppressed else "[green]live[/]")
            extra = f"; {escape(t.absorbed)}" if t.absorbed else ""
            console.print(f"  trigger [bold]{escape(t.text)}[/] ({t.role}{extra}): {state}", highlight=False)
        for tl in tolls:
            console.print(f"  toll: {escape(tl.describe())}", highlight=False)
    codings = ex.events.code(doc, an.events, an.context)
    if not codings:
        console.print("no place recognised in this text, so no event to code (`conflictmap gazetteer lookup` "
                      "shows why a name is or is not a place)")
        return EXIT_OK
    for c in codings:
        e = c.event
        head = (f"[bold]{escape(e.mention)}[/] → {escape(e.place_name)} ({e.kind}, {e.country or '?'})"
                if e.lat is not None else
                f"[bold]{escape(e.mention)}[/] → no place the gazetteer knows and no one country: kept unlocated "
                f"(no point, geo_precision {e.geo_precision})")
        if c.kind and c.trigger is not None:
            console.print(f"{head}: [bold green]{c.event_type} / {c.sub_event_type}[/]", highlight=False)
            console.print(f"  trigger '{escape(c.trigger.text)}' ({c.trigger.role}) — tied because: "
                          f"{escape(c.tie)}", highlight=False)
            console.print(f"  killed: {_count(c.fatalities)}   injured: {_count(c.injured)}", highlight=False)
            for tl in c.tolls:
                console.print(f"  read: {escape(tl.describe())}", highlight=False)
        else:
            console.print(f"{head}: no event — {escape(c.tie)}", highlight=False)
        for sup in c.suppressed:
            console.print(f"  [red]suppressed[/]: {escape(sup)}", highlight=False)
    return EXIT_OK


def _count(v: int | None) -> str:
    return "no number given" if v is None else str(v)


if __name__ == "__main__":
    sys.exit(main())
