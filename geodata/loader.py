"""The loader: the compiled index from the on-disk cache, built (by :mod:`.build`) when a source changed."""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

from ..core.paths import cache_dir
from .index import Index
from .sources import index_key


def index_path(key: str) -> Path:
    return cache_dir() / f"index-{key}.pkl"


def load_index(*, rebuild: bool = False, verbose: bool = False) -> Index:
    """The compiled index: from the cache when its sources are unchanged, else built and cached."""
    key = index_key()
    path = index_path(key)
    if not rebuild and path.exists():
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except Exception as exc:  # a truncated or foreign file: rebuild it
            print(f"warning: cached index {path} unreadable ({exc}); rebuilding", file=sys.stderr)
    if verbose:
        print("building the gazetteer index (once; cached afterwards)...", file=sys.stderr)
    from .build import build_index  # only when the cache is missing or stale

    idx = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(idx, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    for old in path.parent.glob("index-*.pkl"):
        if old != path:
            old.unlink(missing_ok=True)
    return idx
