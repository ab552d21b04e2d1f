"""Readers: files, folders and record exports in; Articles (or a reason for skipping) out.

Supported: ``.txt`` (UTF-8 with or without BOM, Windows-1256 and ISO-8859-6 detected),
``.html``/``.htm`` (main text, title, date and canonical URL through trafilatura),
``.jsonl``/``.json``/``.csv`` article records (``id, url, title, published, language, text``,
plus ``source``), folders (recursively), and a sidecar CSV (``file,url,title,published,source``)
that gives the metadata of the ``.txt``/``.html`` files beside it.

A problem with one input never stops the others: it becomes a :class:`Skipped` with a one-line
reason, and reading goes on.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .dates import parse_published
from .doc import detect_language
from .model import Article, text_hash

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
RECORD_EXT = {".jsonl", ".ndjson", ".json", ".csv"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a news article is tens of kB; 20 MB is a dump, not an article
MIN_HTML_WORDS = 20

csv.field_size_limit(1 << 30)


@dataclass(slots=True)
class Skipped:
    """An input that could not be read, and why."""

    origin: str
    reason: str


ReadResult = Article | Skipped


def source_from_url(url: str | None) -> str | None:
    """The outlet's domain (``www.`` dropped), for http(s) URLs."""
    if not url:
        return None
    try:
        p = urlparse(url)
    except ValueError:
        return None
    if p.scheme not in ("http", "https") or not p.hostname:
        return None
    host = p.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def decode_text(data: bytes) -> str:
    """Bytes of a text file → str. UTF-8 (BOM or not) first, then Arabic code pages.

    Raises ValueError for binary data.
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp1252", "utf_16"]).best()
    if best is None:
        raise ValueError("binary file or unknown text encoding")
    text = str(best)
    # Windows-1256 and ISO-8859-6 both map Arabic letters; prefer the one giving more Arabic.
    if best.encoding in ("cp1256", "iso8859_6"):
        alt = "iso8859_6" if best.encoding == "cp1256" else "cp1256"
        try:
            other = data.decode(alt)
            if _arabic_share(other) > _arabic_share(text) + 0.05:
                text = other
        except UnicodeDecodeError:
            pass
    return text


def _arabic_share(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(1 for c in letters if "\u0621" <= c <= "\u064a") / max(1, len(letters))


def make_article(rec: dict[str, Any], origin: str, *, default_id: str | None = None) -> Article | Skipped:
    """An Article from a record (any of the DESIGN.md fields), or why it cannot be one."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skipped(origin, "record has no text")
    url = _s(rec.get("url"))
    rid = _s(rec.get("id"))
    aid = rid or (("u" + text_hash(url)) if url else None) or default_id or ("t" + text_hash(text))
    published = None
    if rec.get("published"):
        published = parse_published(str(rec["published"]))
    lang = _s(rec.get("language"))
    if lang:
        lang = lang.lower()[:2]
        if lang not in ("ar", "en"):
            return Skipped(origin, f"language {lang!r} not supported (Arabic and English are)")
    else:
        lang = detect_language(text)
        if lang is None:
            return Skipped(origin, "text in no supported language (neither Arabic nor English)")
    return Article(id=aid, text=text, url=url, title=_s(rec.get("title")),
                   source=_s(rec.get("source")) or source_from_url(url), published=published,
                   language=lang, origin=origin)


def _s(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


class Reader:
    """Turns paths into Articles. ``max_bytes`` bounds any single file."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.ignored = 0  # files in folders that are not articles (images, .DS_Store…)

    def read(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[ReadResult]:
        for p in paths:
            path = Path(p)
            if path.is_dir():
                yield from self._folder(path)
            elif path.exists():
                yield from self._file(path, sidecar=None, explicit=True)
            else:
                yield Skipped(str(path), "no such file or folder")

    # folders --------------------------------------------------------------------------------
    def _folder(self, root: Path) -> Iterator[ReadResult]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            d = Path(dirpath)
            names = sorted(f for f in filenames if not f.startswith("."))
            sidecar, sidecar_name = self._sidecar(d, names)
            for name in names:
                if name == sidecar_name:
                    continue
                yield from self._file(d / name, sidecar=sidecar, explicit=False)

    def _sidecar(self, d: Path, names: list[str]) -> tuple[dict[str, dict[str, str]] | None, str | None]:
        for name in names:
            if not name.lower().endswith(".csv"):
                continue
            try:
                with open(d / name, encoding="utf-8-sig", newline="") as f:
                    header = next(csv.reader(f), [])
                    cols = {h.strip().lower() for h in header}
                    if "file" in cols and "text" not in cols:
                        f.seek(0)
                        rows = {}
                        for r in csv.DictReader(f):
                            r = {(k or "").strip().lower(): (v or "").strip() for k, v in r.items()}
                            if r.get("file"):
                                rows[os.path.normpath(r["file"])] = r
                        return rows, name
            except (OSError, UnicodeDecodeError, csv.Error):
                continue
        return None, None

    # files -----------------------------------------------------------------------------------
    def _file(self, path: Path, *, sidecar: dict[str, dict[str, str]] | None, explicit: bool) -> Iterator[ReadResult]:
        origin = str(path)
        ext = path.suffix.lower()
        if ext not in TEXT_EXT | HTML_EXT | RECORD_EXT:
            if explicit:
                yield Skipped(origin, f"not an article file ({ext or 'no extension'}); expected .txt, .html, .jsonl, .json or .csv")
            else:
                self.ignored += 1
            return
        try:
            size = path.stat().st_size
        except OSError as exc:
            yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
            return
        if size == 0:
            yield Skipped(origin, "empty file")
            return
        if ext in RECORD_EXT:
            yield from self._records(path, ext)
            return
        if size > self.max_bytes:
            yield Skipped(origin, f"file too large for one article ({size / 1e6:.1f} MB > {self.max_bytes / 1e6:.0f} MB limit)")
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
            return
        meta = {}
        if sidecar is not None:
            meta = sidecar.get(os.path.normpath(path.name)) or sidecar.get(os.path.normpath(str(path))) or {}
        if ext in HTML_EXT:
            yield self._html(data, origin, meta)
        else:
            yield self._txt(data, origin, meta)

    def _txt(self, data: bytes, origin: str, meta: dict[str, str]) -> ReadResult:
        try:
            text = decode_text(data)
        except ValueError as exc:
            return Skipped(origin, str(exc))
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        rec: dict[str, Any] = {"text": text, "title": meta.get("title") or (first if len(first) <= 200 else None),
                               "url": meta.get("url"), "published": meta.get("published"),
                               "source": meta.get("source"), "id": meta.get("id"), "language": meta.get("language")}
        return make_article(rec, origin, default_id="f" + text_hash(str(Path(origin).resolve())))

    def _html(self, data: bytes, origin: str, meta: dict[str, str]) -> ReadResult:
        if b"\x00" in data[:8192]:
            return Skipped(origin, "binary file, not HTML")
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(data, url=meta.get("url") or None, with_metadata=True,
                                              include_comments=False, include_tables=False, favor_recall=True)
        except Exception as exc:  # trafilatura raises on some malformed pages
            return Skipped(origin, f"HTML could not be parsed ({exc.__class__.__name__})")
        d = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
        text = (d.get("text") or "").strip()
        if len(text.split()) < MIN_HTML_WORDS:
            # pages of scripts and chrome leave a stray line ("Please enable JavaScript")
            return Skipped(origin, f"no article text found in the HTML ({len(text.split())} words of text)")
        title = meta.get("title") or d.get("title")
        full = f"{title}\n\n{text}" if title and not text.startswith(title) else text
        url = meta.get("url") or d.get("url")
        rec = {"text": full, "title": title, "url": url, "published": meta.get("published") or d.get("date"),
               "source": meta.get("source") or source_from_url(url) or d.get("sitename"), "id": meta.get("id"),
               "language": meta.get("language")}
        return make_article(rec, origin, default_id="f" + text_hash(str(Path(origin).resolve())))

    # record files ------------------------------------------------------------------------------
    def _records(self, path: Path, ext: str) -> Iterator[ReadResult]:
        origin = str(path)
        try:
            if ext in (".jsonl", ".ndjson"):
                with open(path, encoding="utf-8-sig", errors="strict") as f:
                    for n, line in enumerate(f, 1):
                        if not line.strip():
                            continue
                        where = f"{origin}:{n}"
                        try:
                            rec = json.loads(line)
                        except json.JSONDecodeError as exc:
                            yield Skipped(where, f"invalid JSON on line {n} ({exc.msg})")
                            continue
                        if not isinstance(rec, dict):
                            yield Skipped(where, "line is not a JSON object")
                            continue
                        yield make_article(rec, where)
            elif ext == ".json":
                if path.stat().st_size > 4 * self.max_bytes:
                    yield Skipped(origin, "JSON file too large; use JSONL (one article per line) for big exports")
                    return
                with open(path, encoding="utf-8-sig") as f:
                    data = json.load(f)
                recs = data.get("articles") if isinstance(data, dict) and "articles" in data else data
                if isinstance(recs, dict):
                    recs = [recs]
                if not isinstance(recs, list):
                    yield Skipped(origin, "JSON is neither an article, a list of articles nor {\"articles\": [...]}")
                    return
                for n, rec in enumerate(recs):
                    where = f"{origin}[{n}]"
                    yield make_article(rec, where) if isinstance(rec, dict) else Skipped(where, "item is not an object")
            else:
                with open(path, encoding="utf-8-sig", newline="") as f:
                    reader = csv.DictReader(f)
                    cols = {(c or "").strip().lower() for c in (reader.fieldnames or [])}
                    if "text" not in cols:
                        if "file" in cols:
                            return  # a sidecar given directly: nothing to read by itself
                        yield Skipped(origin, "CSV has no 'text' column (expected id,url,title,published,language,text)")
                        return
                    for n, row in enumerate(reader, 2):
                        rec = {(k or "").strip().lower(): v for k, v in row.items()}
                        yield make_article(rec, f"{origin}:{n}")
        except UnicodeDecodeError:
            yield Skipped(origin, "not UTF-8 text (record files must be UTF-8)")
        except json.JSONDecodeError as exc:
            yield Skipped(origin, f"invalid JSON ({exc.msg} at line {exc.lineno})")
        except csv.Error as exc:
            yield Skipped(origin, f"malformed CSV ({exc})")
        except OSError as exc:
            yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
