"""Extraction on Dask distributed: ``conflictmap extract PATH --db DB --dask local|tcp://HOST:8786``.

The client (this process) reads the articles, drops those the store already holds with the same
content hash, and cuts the rest into partitions of ``--batch-size`` articles. Each partition is
one Dask task: a worker extracts it with the same :class:`~extract.pipeline.Extractor` as the
single-process path and sends the events back; the client commits every finished partition to
the store in one transaction (:meth:`~extract.store.Store.save_batch`), in input order, so the
store ends up exactly as a single-process run of the same input leaves it.

* **The index** is never shipped: each worker process loads the compiled gazetteer index once
  from its own cache folder (building it there if missing) — :class:`IndexPlugin` does it when
  the worker starts, and tasks find it in a per-process cache keyed by the index key. Client and
  workers compare a fingerprint of the index and of the extraction code before any work, so a
  worker with another version of conflictmap is refused instead of extracting differently.
* **A worker killed mid-run** loses nothing: the scheduler reruns its tasks elsewhere (the
  partition travels with its task), and nothing of a partition reaches the store before its
  events are complete. Running the command again skips what is stored and does the rest.
* **--output-dir DIR** also writes each partition's events as GeoParquet
  ``DIR/part-NNNNN.parquet`` (the columns of ``conflictmap export --format parquet``, one fixed
  Arrow schema for every file): the worker encodes it, the client writes it, so DIR need not be
  shared with the workers. Numbering continues after the files already in DIR. The parts hold
  what extraction produced — event types, fatalities and all — but ``incident_id`` is null: the
  store places events in incidents when it commits them (``export`` writes the ids).
* **Incidents** are placed by the store in the commit transaction (``extract/incidents.py``);
  partitions are committed in input order, so a run gives the same incidents as a single process
  committing the same batches.

No queue, scheduler or retry logic of our own: Dask schedules, reschedules and balances.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import os
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .export import next_part_number, parquet_bytes, write_part
from .model import EXTRACTOR_VERSION, Article, Event
from .readers import Reader, Skipped
from .runner import Summary

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..geodata.index import Index
    from .pipeline import Extractor
    from .store import Store

#: the Dask worker plugin that loads the index (one name: registering it again replaces it)
PLUGIN_NAME = "conflictmap-index"


class ClusterError(RuntimeError):
    """The Dask cluster cannot be started or reached, or its workers cannot extract."""


# -- on the workers ------------------------------------------------------------------------------

_LOCK = threading.Lock()
_INDEXES: dict[str, Index] = {}  # index key -> the index, loaded once per process
_LOADS = 0  # how many times this process loaded an index (1 on a healthy worker)
_LOCAL = threading.local()  # one Extractor per thread and theatre (worker threads never share one)


#: modules of the extract package that never run in a task (differences there do not matter)
_CLIENT_ONLY = {"distributed.py", "export.py", "incidents.py", "readers.py", "rollups.py", "runner.py", "schema.py",
                "store.py"}


@functools.cache
def code_fingerprint() -> str:
    """What must be equal on the client and every worker for the events to be identical: the
    compiled index's key (its sources and build code), the extraction code and its versions."""
    from ..geodata.sources import index_key

    h = hashlib.sha256(f"{index_key()}|{EXTRACTOR_VERSION}".encode())
    for res in sorted(resources.files("conflictmap.extract").iterdir(), key=lambda r: r.name):
        if res.name.endswith(".py") and res.name not in _CLIENT_ONLY:
            h.update(res.name.encode())
            h.update(res.read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("dateparser").encode())
    return h.hexdigest()[:16]


def worker_index() -> Index:
    """The compiled index of this process: loaded (or built, if the cache folder lacks it) the
    first time, then reused for every partition."""
    global _LOADS
    from ..geodata.sources import index_key

    key = index_key()
    with _LOCK:
        idx = _INDEXES.get(key)
        if idx is None:
            from ..geodata.loader import load_index

            with _build_lock():  # workers of one machine: one builds a missing index, the others then load it
                idx = load_index()
            _INDEXES[key] = idx
            _LOADS += 1
    return idx


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """An exclusive lock on the cache folder between processes (where ``fcntl`` exists)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: workers may build at the same time, harmlessly
        yield
        return
    from ..core.paths import cache_dir

    d = cache_dir()
    d.mkdir(parents=True, exist_ok=True)
    with open(d / ".index.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def index_loads() -> int:
    """How many times this process has loaded the index (tests ask the workers)."""
    return _LOADS


def worker_extractor(theatre: Sequence[str]) -> Extractor:
    """This thread's Extractor for ``theatre``, over the process's index."""
    from .pipeline import Extractor

    cache: dict[tuple[str, tuple[str, ...]], Extractor] = _LOCAL.__dict__.setdefault("extractors", {})
    idx = worker_index()
    k = (idx.key, tuple(theatre))
    ex = cache.get(k)
    if ex is None:
        ex = cache[k] = Extractor(idx, theatre=tuple(theatre))
    return ex


def worker_info() -> dict[str, Any]:
    """What the client checks on each worker before sending work."""
    return {"fingerprint": code_fingerprint(), "pid": os.getpid(), "index_loads": _LOADS}


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the 'scale' extra is not installed
    WorkerPlugin = object  # type: ignore[assignment,misc]


class IndexPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the compiled index when a worker starts (or joins, or is restarted after a crash),
    from the worker's own cache folder; builds it there if missing. Nothing big is shipped."""

    name = PLUGIN_NAME

    def setup(self, worker: Any) -> None:
        worker_index()


@dataclass
class PartitionResult:
    """What a worker sends back for one partition."""

    events: dict[str, list[Event]]          # article id -> its events
    failed: dict[str, str] = field(default_factory=dict)  # article id -> why extraction failed
    parquet: bytes | None = None           # the events as a GeoParquet file, when asked
    seconds: float = 0.0                   # wall time of the task
    cpu: float = 0.0                       # CPU time of the task's thread
    pid: int = 0


def extract_partition(articles: Sequence[Article], theatre: Sequence[str], fingerprint: str,
                      parquet: bool = False) -> PartitionResult:
    """One Dask task: the events of every article of a partition, by the single-process
    extractor. One article's failure does not stop the partition (as in ``run_batches``)."""
    t0, c0 = time.perf_counter(), time.thread_time()
    if code_fingerprint() != fingerprint:
        raise ClusterError(f"worker pid {os.getpid()} runs other extraction code or data (fingerprint "
                           f"{code_fingerprint()}, client {fingerprint}): install the same conflictmap on every "
                           "worker")
    ex = worker_extractor(theatre)
    out = PartitionResult(events={}, pid=os.getpid())
    for art in articles:
        try:
            events = ex.extract(art)
        except Exception as exc:  # one article's failure must not stop the partition
            out.failed[art.id] = f"extraction failed: {exc.__class__.__name__}: {exc}"
            continue
        snippets: dict[str, str] = {}
        for ev in events:  # one string object per sentence: pickled once, a fifth less to send
            ev.snippet = snippets.setdefault(ev.snippet, ev.snippet)
        out.events[art.id] = events
    if parquet:
        out.parquet = parquet_bytes(ev for evs in out.events.values() for ev in evs)
    out.seconds, out.cpu = time.perf_counter() - t0, time.thread_time() - c0
    return out


# -- on the client ---------------------------------------------------------------------------------

Progress = Callable[[Summary], None]


@dataclass
class _Entry:
    article: Article
    old: str | None                       # content hash it replaces (this run's earlier version, else the store's)
    prev: tuple[str, int] | None = None   # what Run.pending said before this entry


@dataclass
class _Partition:
    number: int
    articles: dict[str, _Entry] = field(default_factory=dict)


def _open_cluster(args: argparse.Namespace) -> tuple[Client, Any, str]:
    """(client, the LocalCluster we started or None, a description for the user)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError("--dask needs the 'scale' extra: pip install 'conflictmap[scale]'") from exc
    target = str(args.dask).strip()
    if target == "local":
        from dask.system import CPU_COUNT

        n = args.workers if getattr(args, "workers", None) is not None else CPU_COUNT
        if n < 1:
            raise ClusterError("--workers must be at least 1")
        # the scheduler serves HTTP either way; its dashboard pages need bokeh. Without bokeh, a
        # free port; with it, Dask's usual 8787 (or a free port when 8787 is taken)
        dash = "127.0.0.1:8787" if _has_bokeh() else "127.0.0.1:0"
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Port .* is already in use")
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=dash,
                                       host="127.0.0.1")
            client = Client(cluster)
        except Exception as exc:
            raise ClusterError(f"cannot start a local Dask cluster: {exc.__class__.__name__}: {exc}") from exc
        return client, cluster, f"Dask LocalCluster, {n} worker processes × 1 thread"
    if getattr(args, "workers", None):
        print("conflictmap: --workers applies to --dask local only; the cluster at "
              f"{target} has the workers it has", file=sys.stderr)
    if not getattr(args, "quiet", False):
        print(f"conflictmap: connecting to the Dask scheduler at {target} (up to 30 s)…", file=sys.stderr)
    try:
        client = Client(target, timeout=30)
    except Exception as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {target}: {exc.__class__.__name__}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=60)
    except Exception as exc:
        client.close()
        raise ClusterError(f"no Dask worker joined the scheduler at {target} within 60 s "
                           f"(start some: dask worker {target} --nworkers auto --nthreads 1)") from exc
    return client, None, f"Dask cluster at {target}"


def _prepare_workers(client: Client, fingerprint: str) -> dict[str, dict[str, Any]]:
    """Every worker loads the index (the plugin) and has the client's fingerprint."""
    try:
        client.register_plugin(IndexPlugin(), name=PLUGIN_NAME)
        infos: dict[str, dict[str, Any]] = client.run(worker_info)
    except Exception as exc:
        raise ClusterError("the Dask workers cannot load conflictmap's index (is conflictmap[scale] "
                           f"installed on every worker?): {exc.__class__.__name__}: {exc}") from exc
    bad = {w: i["fingerprint"] for w, i in infos.items() if i["fingerprint"] != fingerprint}
    if bad:
        raise ClusterError(f"workers {', '.join(sorted(bad))} run other extraction code or data than this client "
                           f"(fingerprint {fingerprint}): install the same conflictmap on every worker")
    return infos


def _has_bokeh() -> bool:
    try:
        import bokeh  # noqa: F401  (Dask's dashboard pages need it)
    except ImportError:
        return False
    return True


def _dashboard(client: Client, local: bool) -> str | None:
    """The Dask dashboard's link: a cluster's scheduler has its own; ours needs bokeh here."""
    if local and not _has_bokeh():
        return None
    try:
        if "dashboard" in client.scheduler_info().get("services", {}):
            return str(client.dashboard_link)
    except Exception:
        pass
    return None


def _threads(client: Client) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:
        return 1


class _Run:
    """The client's side of one run: partitions out, results in, commits in input order."""

    def __init__(self, args: argparse.Namespace, reader: Reader, store: Store, theatre: Sequence[str],
                 client: Client, progress: Progress | None) -> None:
        self.args, self.reader, self.store, self.client = args, reader, store, client
        self.theatre = tuple(theatre)
        self.progress = progress
        self.size = max(1, int(args.batch_size))
        self.fingerprint = code_fingerprint()
        self.out_dir = Path(args.output_dir) if getattr(args, "output_dir", None) else None
        self.first_part = 0
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.first_part = next_part_number(self.out_dir)
        self.summary = Summary()
        self.t0 = time.perf_counter()
        self.token = uuid.uuid4().hex[:8]
        self.open = _Partition(0)                   # being filled
        self.futures: dict[Future, _Partition] = {}  # submitted, not finished
        self.done: dict[int, tuple[_Partition, PartitionResult | BaseException]] = {}  # finished, not committed
        self.next_commit = 0
        # article id -> (content hash, partition number) of the latest version read but not yet
        # committed: a later duplicate must not be taken for unchanged (or new) before it is stored
        self.pending: dict[str, tuple[str, int]] = {}
        self.parts_written: list[Path] = []

    # reading ------------------------------------------------------------------------------------
    def _chunks(self) -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for r in self.reader.read(self.args.paths):
            if isinstance(r, Skipped):
                self.summary.skipped.append(r)
                continue
            self.summary.read += 1
            chunk.append(r)
            if len(chunk) >= self.size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _take(self, chunk: list[Article]) -> None:
        """Sort a chunk of read articles: unchanged ones are counted and dropped here, before
        anything is sent; the others go into the open partition."""
        known = self.store.known_hashes(dict.fromkeys(a.id for a in chunk))
        for art in chunk:
            h = art.content_hash
            pend = self.pending.get(art.id)
            old = pend[0] if pend else known.get(art.id)
            if old == h:
                self.summary.unchanged += 1
                continue
            entry = self.open.articles.get(art.id)
            if entry is None:
                self.open.articles[art.id] = _Entry(art, old, pend)
            elif h == entry.old:  # the same id twice in one partition, the later record what is stored: nothing to do
                del self.open.articles[art.id]
                if entry.prev is None:
                    del self.pending[art.id]
                else:
                    self.pending[art.id] = entry.prev
                self.summary.unchanged += 2
                continue
            else:  # the same id twice in one partition: the later record wins
                entry.article = art
            self.pending[art.id] = (h, self.open.number)

    def _submit(self) -> None:
        part = self.open
        self.open = _Partition(part.number + 1)
        arts = [e.article for e in part.articles.values()]
        fut = self.client.submit(extract_partition, arts, self.theatre, self.fingerprint, self.out_dir is not None,
                                 key=f"conflictmap-extract-{self.token}-{part.number:05d}", pure=False)
        self.futures[fut] = part

    def _fill(self, chunks: Iterator[list[Article]], window: int) -> bool:
        """Read and submit until ``window`` partitions are out; False once the input is exhausted."""
        while len(self.futures) + len(self.done) < window:
            if len(self.open.articles) >= self.size:
                self._submit()
                continue
            chunk = next(chunks, None)
            if chunk is None:
                if self.open.articles:
                    self._submit()
                return False
            self._take(chunk)
            self._report()
        return True

    # committing ---------------------------------------------------------------------------------
    def _commit(self, part: _Partition, res: PartitionResult | BaseException) -> None:
        s = self.summary
        if isinstance(res, BaseException):
            reason = f"extraction failed on the Dask cluster: {res.__class__.__name__}: {str(res)[:300]}"
            s.skipped.extend(Skipped(e.article.origin or e.article.id, reason) for e in part.articles.values())
        else:
            if self.out_dir is not None and res.parquet is not None:
                # before the store: an interruption between the two repeats a file, never loses one
                self.parts_written.append(write_part(self.out_dir, self.first_part + part.number, res.parquet))
            todo: list[tuple[Article, list[Event], bool]] = []
            for aid, e in part.articles.items():
                if aid in res.failed:
                    s.skipped.append(Skipped(e.article.origin or aid, res.failed[aid]))
                    continue
                todo.append((e.article, res.events.get(aid, []), e.old is not None))
            self._save(todo)
        for aid in part.articles:
            pend = self.pending.get(aid)
            if pend is not None and pend[1] == part.number:
                del self.pending[aid]

    def _save(self, todo: list[tuple[Article, list[Event], bool]]) -> None:
        """One transaction for the partition; if the store refuses it, article by article (as
        ``run_batches`` does), reporting the ones it refuses."""
        s = self.summary
        try:
            self.store.save_batch([(a, evs) for a, evs, _ in todo])
            saved = todo
        except Exception:
            saved = []
            for a, evs, before in todo:
                try:
                    self.store.save_batch([(a, evs)])
                    saved.append((a, evs, before))
                except Exception as exc:
                    s.skipped.append(Skipped(a.origin or a.id,
                                             f"could not be stored: {exc.__class__.__name__}: {str(exc)[:200]}"))
        for _a, evs, before in saved:
            if before:
                s.updated += 1
            else:
                s.new += 1
            s.events += len(evs)
            s.undated += sum(1 for e in evs if e.event_date is None)

    def _report(self) -> None:
        self.summary.seconds = time.perf_counter() - self.t0
        if self.progress is not None:
            self.progress(self.summary)

    # the loop -----------------------------------------------------------------------------------
    def run(self) -> Summary:
        from distributed import as_completed

        chunks = self._chunks()
        ac = as_completed()
        more = True
        try:
            while True:
                if more:
                    before = set(self.futures)
                    more = self._fill(chunks, 2 * _threads(self.client) + 2)
                    for fut in self.futures.keys() - before:
                        ac.add(fut)
                if not self.futures:
                    break
                fut = next(ac)
                part = self.futures.pop(fut)
                try:
                    res: PartitionResult | BaseException = fut.result()
                except Exception as exc:  # the task raised, or killed workers too often (KilledWorker)
                    res = exc
                fut.release()
                self.done[part.number] = (part, res)
                while self.next_commit in self.done:  # in input order: a later duplicate wins, as in one process
                    self._commit(*self.done.pop(self.next_commit))
                    self.next_commit += 1
                self._report()
        finally:
            for fut in self.futures:
                fut.cancel()
        self._report()
        return self.summary


def _rich_progress(args: argparse.Namespace, workers: Callable[[], int]) -> tuple[Any, Progress]:
    """The progress bar of the single-process path, plus the number of workers."""
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("[bold]extracting[/]"), TextColumn("{task.fields[n]} articles"),
               TextColumn("{task.fields[rate]:.0f}/s"), TextColumn("{task.fields[events]} events"),
               TextColumn("[yellow]{task.fields[skipped]} skipped[/]"), TextColumn("{task.fields[workers]} workers"),
               TimeElapsedColumn())
    prog = RichProgress(*columns, console=console, disable=bool(args.quiet), refresh_per_second=4)
    task = prog.add_task("extract", n=0, rate=0.0, events=0, skipped=0, workers=workers())
    last = [0.0]

    def update(s: Summary) -> None:
        now = time.perf_counter()
        if now - last[0] < 0.25 and s.seconds:
            return
        if now - last[0] > 2:
            prog.update(task, workers=workers())
        last[0] = now
        done = s.new + s.updated + s.unchanged
        prog.update(task, n=done, rate=done / s.seconds if s.seconds else 0.0, events=s.events,
                    skipped=len(s.skipped))

    return prog, update


def run_dask(args: argparse.Namespace, reader: Reader, store: Store, theatre: Sequence[str], *,
             progress: Progress | None = None) -> Summary:
    """``conflictmap extract --dask``: extract ``args.paths`` on a Dask cluster into ``store``.

    ``args.dask`` is ``"local"`` (a LocalCluster of ``args.workers`` processes, default: the
    cores) or a scheduler address; ``args.batch_size`` articles make a partition (one task, one
    transaction); ``args.output_dir`` also writes GeoParquet. ``progress`` replaces the progress
    bar (called with the running :class:`Summary`). Raises :class:`ClusterError` when the
    cluster cannot be started or reached or its workers run other code.
    """
    if getattr(args, "online_geocoder", None):
        raise ClusterError("--online-geocoder cannot run on a Dask cluster (one request a second, cached in "
                           "the store): run it without --dask")
    client, cluster, what = _open_cluster(args)
    try:
        fingerprint = code_fingerprint()
        infos = _prepare_workers(client, fingerprint)
        if not args.quiet:
            dash = _dashboard(client, cluster is not None)
            print(f"conflictmap: {what}: {len(infos)} workers, {_threads(client)} threads, scheduler "
                  f"{client.scheduler.address}" + (f", dashboard {dash}" if dash else ""), file=sys.stderr)
        bar = None
        if progress is None:
            bar, progress = _rich_progress(args, lambda: len(client.nthreads()))
        run = _Run(args, reader, store, theatre, client, progress)
        if bar is None:
            return run.run()
        with bar:
            return run.run()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
