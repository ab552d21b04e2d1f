"""Where conflictmap keeps files it makes: the compiled index and the demo store.

Nothing is written next to the code or relative to the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$CONFLICTMAP_CACHE``, else ``$XDG_CACHE_HOME/conflictmap``, else ``~/.cache/conflictmap``."""
    env = os.environ.get("CONFLICTMAP_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflictmap"


def demo_db_path() -> Path:
    """The demo store built from the bundled demo corpus (``$CONFLICTMAP_DEMO_DB`` overrides)."""
    env = os.environ.get("CONFLICTMAP_DEMO_DB")
    if env:
        return Path(env).expanduser()
    return cache_dir() / "demo.db"
