"""Which extraction modules run compiled (mypyc) and which as Python source, decided at import.

``setup.py`` compiles :data:`COMPILED_MODULES` into C extension modules when it can and writes
:data:`MANIFEST` beside them: each module's source digest at build time. An editable install
leaves the ``.so`` files beside the ``.py`` sources and Python would import the ``.so`` first,
even after the source changed; so before anything of the hot path is imported the package
reads the manifest and, when a source no longer matches what was compiled, imports every
module of the list from its source instead (all or none: compiled modules call each other
directly in C) and warns with the fix. ``CONFLICTMAP_PURE_PYTHON=1`` at import does the same on
purpose (and at install time skips compiling).

Standard library only: this module runs first, from ``conflictmap/__init__.py``, and
``setup.py`` imports it before the package is installed.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

#: the hot path, compiled together (one shared library; calls between them stay in C)
COMPILED_MODULES: tuple[str, ...] = (
    "conflictmap.core.textnorm",
    "conflictmap.core.geodesy",
    "conflictmap.geodata.lexicon",
    "conflictmap.extract.record",
    "conflictmap.extract.doc",
    "conflictmap.extract.context",
    "conflictmap.extract.places",
    "conflictmap.extract.relative",
    "conflictmap.extract.dates",
    "conflictmap.extract.actors",
    "conflictmap.extract.events",
    "conflictmap.extract.pipeline",
)
#: the shared library is ``<GROUP>__mypyc``, inside the conflictmap package
GROUP = "conflictmap.hotpath"
#: written by setup.py beside the shared library: {module: source digest}
MANIFEST = "_compiled.json"
PURE_ENV = "CONFLICTMAP_PURE_PYTHON"


def source_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _source_path(module: str) -> Path | None:
    """The module's .py file (found without importing it), or None."""
    pkg, _, name = module.rpartition(".")
    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        p = Path(folder) / f"{name}.py"
        if p.is_file():
            return p
    return None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their .py source even where a compiled one sits beside it."""

    def __init__(self, modules: tuple[str, ...]) -> None:
        self.modules = frozenset(modules)

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        src = _source_path(fullname)
        return importlib.util.spec_from_file_location(fullname, src) if src is not None else None


COMPILED = "compiled (mypyc)"
NOT_BUILT = "pure Python (not compiled)"
STALE = "pure Python (compiled modules out of date)"
PURE_ASKED = f"pure Python ({PURE_ENV} is set)"
#: how the hot path runs in this process: one of the four above
STATUS = NOT_BUILT


def _stale(manifest: dict[str, str]) -> list[str]:
    stale = []
    for m in COMPILED_MODULES:
        src = _source_path(m)
        if src is None or manifest.get(m) != source_digest(src.read_bytes()):
            stale.append(m)
    return stale


def decide(manifest_path: Path, environ: dict[str, str] | os._Environ[str]) -> tuple[str, list[str]]:
    """(status, the compiled modules whose source changed since the build) for a manifest."""
    if not manifest_path.is_file():
        return NOT_BUILT, []
    if environ.get(PURE_ENV, "") not in ("", "0"):
        return PURE_ASKED, []
    try:
        stale = _stale(json.loads(manifest_path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as e:
        stale = [f"{MANIFEST} unreadable: {e}"]
    return (STALE, stale) if stale else (COMPILED, [])


def choose() -> str:
    """Decide compiled or source for this process (once, before the hot path is imported)."""
    global STATUS
    if any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        return STATUS
    STATUS, stale = decide(Path(__file__).with_name(MANIFEST), os.environ)
    if STATUS in (COMPILED, NOT_BUILT):
        return STATUS
    if stale:
        warnings.warn(
            f"conflictmap: the compiled {', '.join(s.rpartition('.')[2] for s in stale)} no longer match "
            "the source; running the Python source instead (about 1.8x slower). Rebuild: "
            "`pip install -e .` in the checkout (scripts/setup-env.sh does it when a source changes).",
            RuntimeWarning, stacklevel=3)
    sys.meta_path.insert(0, _SourceFinder(COMPILED_MODULES))
    return STATUS


def in_use() -> bool:
    """True when the hot path's modules imported so far are the compiled ones."""
    mod = sys.modules.get("conflictmap.extract.pipeline")
    if mod is None:
        return STATUS == COMPILED
    return not str(getattr(mod, "__file__", "")).endswith(".py")
