"""Drives a batch: read → extract → store, with a progress callback and a summary.

Articles are stored in batches, each batch in one transaction, so a process killed mid-run
leaves every article either fully stored or not at all; running again skips what is stored
with the same content hash and does the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Article, Event
from .readers import ReadResult, Skipped
from .store import Store


@dataclass
class Summary:
    read: int = 0          # articles read successfully
    new: int = 0           # stored for the first time
    updated: int = 0       # stored before with other content: events replaced
    unchanged: int = 0     # stored before with the same content: skipped
    events: int = 0        # events written in this run
    undated: int = 0       # of which without a date
    unlocated: int = 0     # of which at no place the map can draw (no point; geo_precision 4)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0

    def as_dict(self) -> dict[str, object]:
        return {"articles_read": self.read, "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "events": self.events, "undated_events": self.undated, "unlocated_events": self.unlocated, "skipped": len(self.skipped),
                "seconds": round(self.seconds, 2)}


Progress = Callable[[Summary], None]


def run_batches(results: Iterable[ReadResult], store: Store, extract: Callable[[Article], list[Event]],
                *, batch_size: int = 100, progress: Progress | None = None,
                on_saved: Callable[[list[Event]], None] | None = None) -> Summary:
    """Extract and store everything ``results`` yields; returns what happened.

    ``on_saved`` gets the events of each batch once they are committed (``--output-dir`` writes
    them as one GeoParquet part)."""
    summary = Summary()
    t0 = time.perf_counter()
    batch: dict[str, Article] = {}

    def flush() -> None:
        if not batch:
            return
        known = store.known_hashes(batch.keys())
        todo: list[tuple[Article, list[Event]]] = []
        for art in batch.values():
            old = known.get(art.id)
            if old == art.content_hash:
                summary.unchanged += 1
                continue
            try:
                events = extract(art)
            except Exception as exc:  # one article's failure must not stop the batch
                summary.skipped.append(Skipped(art.origin or art.id, f"extraction failed: {exc.__class__.__name__}: {exc}"))
                continue
            todo.append((art, events))
            if old is None:
                summary.new += 1
            else:
                summary.updated += 1
            summary.events += len(events)
            summary.undated += sum(1 for e in events if e.event_date is None)
            summary.unlocated += sum(1 for e in events if e.lat is None)
        saved: list[Event] = []
        try:
            store.save_batch(todo)
            saved = [ev for _, events in todo for ev in events]
        except Exception:
            # find the article the store refuses; store the others one by one
            for art, events in todo:
                try:
                    store.save_batch([(art, events)])
                    saved.extend(events)
                except Exception as exc:
                    summary.skipped.append(Skipped(art.origin or art.id, f"could not be stored: {exc.__class__.__name__}: {str(exc)[:200]}"))
                    summary.events -= len(events)
        batch.clear()
        if on_saved is not None and saved:
            on_saved(saved)

    for r in results:
        if isinstance(r, Skipped):
            summary.skipped.append(r)
        else:
            summary.read += 1
            batch[r.id] = r  # the same id twice in one batch: the later record wins
            if len(batch) >= batch_size:
                flush()
        if progress is not None:
            summary.seconds = time.perf_counter() - t0
            progress(summary)
    flush()
    summary.seconds = time.perf_counter() - t0
    if progress is not None:
        progress(summary)
    return summary
