"""Server time per script run, for benchmarks: off unless ``CONFLICTMAP_RUN_LOG`` names a file.

Streamlit has no per-run hook, so the entry point wraps each run of the page in :func:`timed_run`.
With ``CONFLICTMAP_RUN_LOG=/path/runs.jsonl`` set in the server's environment, every run appends
one JSON line: when it ended (``t``, epoch seconds), its wall time (``s``: what a user waits for,
the time spent waiting for other sessions' threads included), the CPU time of its own thread
(``cpu``), how it ended (``outcome``: ``ok``, or the exception's class name — Streamlit ends a run
early with ``RerunException`` when the user changes the view again, ``StopException`` on
``st.stop``), the session id and the query string the run ended with (the view it drew).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

ENV = "CONFLICTMAP_RUN_LOG"
_LOCK = threading.Lock()


def log_path(environ: dict[str, str] | None = None) -> str | None:
    return (os.environ if environ is None else environ).get(ENV) or None


@contextmanager
def timed_run(path: str | None, describe: Callable[[], dict[str, Any]]) -> Iterator[None]:
    """Time the block; with a ``path``, append its record (``describe()`` adds the session and view)."""
    if not path:
        yield
        return
    t0, c0 = time.perf_counter(), time.thread_time()
    outcome = "ok"
    try:
        yield
    except BaseException as exc:  # Streamlit's RerunException/StopException end a run early; re-raised
        outcome = type(exc).__name__
        raise
    finally:
        record = {"t": round(time.time(), 3), "s": round(time.perf_counter() - t0, 4),
                  "cpu": round(time.thread_time() - c0, 4), "outcome": outcome}
        try:
            record.update(describe())
        except Exception as exc:  # never let the benchmark's bookkeeping break the page
            record["describe_error"] = type(exc).__name__
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with _LOCK, open(path, "a", encoding="utf-8") as f:
            f.write(line)
