"""GeoNames country dumps as supplementary gazetteers (``conflictmap gazetteer add-geonames``).

GeoNames publishes one file per country, ``https://download.geonames.org/export/dump/XX.zip``
(CC BY 4.0, "GeoNames, geonames.org"): every populated place, administrative area, well, airport
and hill it knows, one tab-separated row each (19 columns, no header). This module reads such a
dump — the ``.zip`` as served, or its ``XX.txt``, plain or gzipped — keeps what news names, filters
the names, and writes the result into the cache folder as a supplementary gazetteer in the columns
of ``geodata/sources/places/*.csv`` plus four (``source``, ``feature``, ``population``, ``admin``).
The builder (:mod:`.build`) reads it the way it reads the curated files; the places only a dump
knows carry ``source = geonames-dump`` and need more evidence in the resolver than towns do.

What is kept (measured on the Mali, Burkina Faso and Niger dumps against ACLED's coding):

* populated places (class P) except abandoned and historical ones (PPLQ, PPLH);
* administrative areas of level 1–3 (regions, cercles/provinces/departments, communes);
* sites news names (airports, military bases and camps, mines, dams, forts, oil fields, prisons,
  ruins) and water points that villages in the desert are known by (wells, ponds, lakes, marshes,
  wadis); a site or water point with the name of a village less than 10 km away is that village.

Names: the main and ASCII names, and alternate names in Latin or Arabic script except machine
romanisations (all lower-case ASCII), codes (``GAQ``, ``GAGO``), anything with a digit, and keys
shorter than three letters. (The builder keeps an administrative area off the names a town
carries: the Gao cercle is not "Gao", the town is.)
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import math
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..core.geodesy import haversine_km
from ..core.textnorm import is_arabic, norm_text
from .build import validate_place_row
from .gazetteer import GEONAMES_DUMP
from .sources import package_files, read_rows, supplementary_dir

#: where a country's dump is downloaded from; ``$CONFLICTMAP_GEONAMES_URL`` overrides it (a mirror)
DUMP_URL = "https://download.geonames.org/export/dump/{cc}.zip"
ATTRIBUTION = "GeoNames, geonames.org (CC BY 4.0)"

#: the columns of a supplementary gazetteer: the curated place files' columns, then four more
COLUMNS = ("id", "kind", "country", "lat", "lon", "radius_km", "name_en", "name_ar", "variants_en", "variants_ar",
           "parent", "ambiguous", "note", "source", "feature", "population", "admin")
FIELDS = 19  # columns of a GeoNames dump row

DROP_P = frozenset({"PPLQ", "PPLH"})
ADMIN_RADIUS_KM = {"ADM1": 150.0, "ADM2": 50.0, "ADM3": 15.0}
KEEP_S = frozenset({"AIRP", "AIRQ", "INSM", "MILB", "CMP", "MN", "MNN", "DAM", "FT", "OILF", "PRN", "RUIN"})
KEEP_H = frozenset({"WLL", "WTRH", "PND", "LK", "MRSH", "WTLD", "WAD"})
WIDE_H_KM = {"LK": 10.0, "MRSH": 10.0, "WTLD": 10.0, "WAD": 20.0}
#: a site or water point this close to a village of the same name is that village
SAME_LOCALITY_KM = 10.0

_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), None)
_CODE = re.compile(r"[A-Z]{2,4}")
_BAD_CHARS = frozenset(",()[]/;:\u060c\"")


class DumpError(Exception):
    """A dump that cannot be used: missing, not a GeoNames dump, corrupt, or without a usable row."""


class DownloadError(DumpError):
    """GeoNames could not be reached (no network, a proxy, a timeout)."""


@dataclass(slots=True)
class DumpReport:
    """What one import read, kept and skipped."""

    country: str
    source: str
    rows: int = 0
    kept: int = 0
    bad: int = 0
    bad_examples: list[str] = field(default_factory=list)
    other_country: int = 0
    invalid: int = 0  # kept rows the curated files' checks reject (a point outside the country)
    by_class: dict[str, int] = field(default_factory=dict)
    names: int = 0
    newest: str = ""  # newest modification date of a row: about the dump's date

    def summary(self) -> str:
        classes = " · ".join(f"{k} {v:,}" for k, v in sorted(self.by_class.items(), key=lambda kv: -kv[1]))
        out = f"{self.rows:,} rows read, {self.kept:,} places kept ({classes}), {self.names:,} names"
        skipped = []
        if self.bad:
            skipped.append(f"{self.bad:,} malformed rows skipped ({'; '.join(self.bad_examples)})")
        if self.other_country:
            skipped.append(f"{self.other_country:,} rows of another country skipped")
        if self.invalid:
            skipped.append(f"{self.invalid:,} rows failing the gazetteer checks skipped")
        return out + ("; " + "; ".join(skipped) if skipped else "")


@dataclass(slots=True)
class DumpRow:
    """The columns of a GeoNames dump row that the gazetteer uses."""

    geonameid: str
    name: str
    asciiname: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    population: int
    modified: str


# -- countries -------------------------------------------------------------------------------------

def known_countries() -> dict[str, str]:
    """ISO-2 code → English name of every country the gazetteer knows (sources/countries.csv)."""
    for name, text in package_files("sources"):
        if name == "sources/countries.csv":
            return {r["iso2"].upper(): r["name_en"] for r in read_rows(text) if r.get("iso2")}
    return {}


# -- finding, downloading and opening a dump -------------------------------------------------------

def dump_url(cc: str) -> str:
    return os.environ.get("CONFLICTMAP_GEONAMES_URL", DUMP_URL).format(cc=cc.upper())


def find_dump(folder: Path, cc: str) -> Path:
    """``CC.zip``, ``CC.txt.gz`` or ``CC.txt`` (either case) in ``folder``."""
    cc = cc.upper()
    for stem in (cc, cc.lower()):
        for ext in (".zip", ".txt.gz", ".txt"):
            p = folder / f"{stem}{ext}"
            if p.is_file():
                return p
    raise DumpError(f"no GeoNames dump for {cc} in {folder} (looked for {cc}.zip, {cc}.txt.gz and {cc}.txt)")


def download(cc: str, dest: Path, *, timeout: float = 60.0) -> Path:
    """Download ``CC.zip`` from GeoNames into the folder ``dest``. The only network access of
    conflictmap outside the opt-in online geocoder, made only when the user asks for it."""
    url = dump_url(cc)
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"{cc.upper()}.zip"
    req = urllib.request.Request(url, headers={"User-Agent": "conflictmap gazetteer add-geonames"})
    fd, tmp = tempfile.mkstemp(dir=dest, prefix=".download-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f, urllib.request.urlopen(req, timeout=timeout) as r:
            shutil.copyfileobj(r, f)
        os.replace(tmp, out)
    except urllib.error.HTTPError as exc:
        raise DumpError(f"{url}: GeoNames answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"cannot download {url} ({reason}): no network? On a machine with internet "
                            f"fetch {cc.upper()}.zip and run again with --from FOLDER") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return out


@contextlib.contextmanager
def open_dump(path: Path, cc: str) -> Iterator[Iterator[bytes]]:
    """The dump's lines (bytes): from the ``.zip`` GeoNames serves (its ``CC.txt``), a ``.txt.gz``
    or a plain ``.txt``."""
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.namelist() if m.lower().endswith(".txt") and "readme" not in m.lower()]
                want = [m for m in members if Path(m).name.upper() == f"{cc.upper()}.TXT"] or members
                if not want:
                    raise DumpError(f"{path}: no {cc.upper()}.txt inside the zip")
                with zf.open(want[0]) as f:
                    yield iter(f)
        elif name.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                yield iter(f)
        else:
            with open(path, "rb") as f:
                yield iter(f)
    except FileNotFoundError as exc:
        raise DumpError(f"{path}: no such file") from exc
    except (zipfile.BadZipFile, gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise DumpError(f"{path}: corrupt or truncated ({exc})") from exc


# -- parsing ----------------------------------------------------------------------------------------

def parse(lines: Iterable[bytes], cc: str, report: DumpReport) -> Iterator[DumpRow]:
    """The rows of a dump of country ``cc``; a malformed row is counted in ``report`` and skipped."""
    cc = cc.upper()
    for n, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            _bad(report, n, "not UTF-8")
            continue
        if not line.strip():
            continue
        report.rows += 1
        f = line.split("\t")
        if len(f) != FIELDS:
            _bad(report, n, f"{len(f)} fields, expected {FIELDS}")
            continue
        try:
            lat, lon = float(f[4]), float(f[5])
            pop = int(f[14] or 0)
        except ValueError:
            _bad(report, n, "latitude, longitude or population not a number")
            continue
        if not f[0].isdigit() or not (-90 <= lat <= 90 and -180 <= lon <= 180) or not f[1].strip():
            _bad(report, n, "no geonameid, no name or a point off the globe")
            continue
        if f[8].upper() != cc:
            report.other_country += 1
            continue
        alternates = f[3].split(",") if f[3] else []
        yield DumpRow(f[0], f[1], f[2], alternates, lat, lon, f[6], f[7], cc, f[10], f[11], f[12], pop, f[18])


def _bad(report: DumpReport, n: int, why: str) -> None:
    report.bad += 1
    if len(report.bad_examples) < 3:
        report.bad_examples.append(f"line {n}: {why}")


def classify(fclass: str, fcode: str, population: int) -> tuple[str, float] | None:
    """(kind, radius in km) of a kept feature, None for one the gazetteer leaves out."""
    if fclass == "P" and fcode not in DROP_P:
        radius = 2.0 + 2.5 * math.log10(max(population, 500) / 500)  # as for the GeoNames towns
        return ("district" if fcode == "PPLX" else "city"), round(radius, 1)
    if fclass == "A" and fcode in ADMIN_RADIUS_KM:
        return "region", ADMIN_RADIUS_KM[fcode]
    if fclass == "S" and fcode in KEEP_S:
        return "site", 3.0 if fcode in ("AIRP", "MN", "OILF") else 2.0
    if fclass == "H" and fcode in KEEP_H:
        return "site", WIDE_H_KM.get(fcode, 1.0)
    return None


def _latin_or_arabic(name: str) -> bool:
    arabic = latin = False
    for c in name:
        if not c.isalpha():
            continue
        if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            arabic = True
        elif c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff":
            latin = True
        else:
            return False
    return arabic != latin  # one script, not both


def clean_name(name: str) -> str:
    """Direction marks removed, spaces collapsed."""
    return " ".join(name.translate(_MARKS).split())


def usable_name(name: str, *, primary: bool) -> bool:
    """Whether a (cleaned) dump name goes into the index."""
    if not name or len(name) > 60 or any(c.isdigit() for c in name) or any(c in _BAD_CHARS for c in name):
        return False
    if not _latin_or_arabic(name):
        return False
    if len(norm_text(name).replace(" ", "")) < 3:
        return False
    if not primary:
        if name.isascii() and name.islower():
            return False  # machine romanisations ("tmbktw")
        if _CODE.fullmatch(name):
            return False  # airport and other codes
    return True


def row_names(r: DumpRow) -> list[str]:
    """The usable names of a row, the main name first, without repeats (by normalised form)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate((r.name, r.asciiname, *r.alternates)):
        n = clean_name(raw)
        if not usable_name(n, primary=i < 2):
            continue
        key = norm_text(n)
        if key in seen:
            continue
        seen.add(key)
        out.append(n)
    return out


# -- conversion -------------------------------------------------------------------------------------

def convert(lines: Iterable[bytes], cc: str, report: DumpReport) -> list[dict[str, str]]:
    """Rows of a supplementary gazetteer (``COLUMNS``) from the lines of country ``cc``'s dump."""
    kept: list[tuple[DumpRow, str, float, list[str]]] = []
    for r in parse(lines, cc, report):
        if r.modified > report.newest:
            report.newest = r.modified
        c = classify(r.fclass, r.fcode, r.population)
        if c is None:
            continue
        names = row_names(r)
        if names:
            kept.append((r, c[0], c[1], names))

    # administrative areas: codes → ids, so that every place names the areas it lies in
    adm: dict[tuple[str, ...], str] = {}
    for r, _k, _rad, _n in kept:
        if r.fcode == "ADM1":
            adm[(r.admin1,)] = f"gn:{r.geonameid}"
        elif r.fcode == "ADM2":
            adm[(r.admin1, r.admin2)] = f"gn:{r.geonameid}"
        elif r.fcode == "ADM3":
            adm[(r.admin1, r.admin2, r.admin3)] = f"gn:{r.geonameid}"
    # names of populated places, with their points: a well or a site named like a village next to
    # it is that village
    towns: dict[str, list[tuple[float, float]]] = {}
    for r, _k, _rad, names in kept:
        if r.fclass == "P":
            for n in names:
                towns.setdefault(norm_text(n), []).append((r.lat, r.lon))

    out: list[dict[str, str]] = []
    for r, kind, radius, names in kept:
        if r.fclass in ("S", "H") and any(
                haversine_km(r.lat, r.lon, la, lo) <= SAME_LOCALITY_KM for n in names for la, lo in towns.get(norm_text(n), ())):
            continue
        codes = (r.admin1, r.admin2, r.admin3)
        admin = [adm[codes[:k]] for k in (1, 2, 3) if codes[:k] in adm and adm[codes[:k]] != f"gn:{r.geonameid}"]
        if r.fclass == "A":  # an area lies in the areas above it only
            level = int(r.fcode[-1])
            admin = [a for k, a in zip((1, 2, 3), [adm.get(codes[:k]) for k in (1, 2, 3)], strict=True)
                     if a and k < level]
        ar = [n for n in names if is_arabic(n)]
        la = [n for n in names if not is_arabic(n)]
        row = {
            "id": f"gn:{r.geonameid}", "kind": kind, "country": cc.upper(), "lat": f"{r.lat:.5f}",
            "lon": f"{r.lon:.5f}", "radius_km": f"{radius:g}", "name_en": la[0] if la else ar[0],
            "name_ar": ar[0] if ar and la else "", "variants_en": "|".join(la[1:]),
            "variants_ar": "|".join(ar[1:]), "parent": "", "ambiguous": "0", "note": "",
            "source": GEONAMES_DUMP, "feature": r.fcode, "population": str(r.population), "admin": "|".join(admin),
        }
        if validate_place_row(row):
            report.invalid += 1
            continue
        out.append(row)
        report.kept += 1
        report.names += len(names)
        report.by_class[r.fclass] = report.by_class.get(r.fclass, 0) + 1
    return out


def read_dump(path: Path, cc: str, source: str | None = None) -> tuple[list[dict[str, str]], DumpReport]:
    """Convert one dump file; raises :class:`DumpError` when nothing usable comes out of it."""
    report = DumpReport(country=cc.upper(), source=source or str(path))
    try:
        with open_dump(path, cc) as lines:
            rows = convert(lines, cc, report)
    except (zipfile.BadZipFile, gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise DumpError(f"{path}: corrupt or truncated ({exc})") from exc
    if report.rows == 0:
        raise DumpError(f"{path}: empty")
    if not rows:
        why = f"its rows are of another country ({report.other_country:,})" if report.other_country else \
            f"no row is a GeoNames dump row ({'; '.join(report.bad_examples)})" if report.bad == report.rows else \
            "no populated place, administrative area or site in it"
        raise DumpError(f"{path}: nothing to add for {cc.upper()}: {why}")
    return rows, report


# -- the supplementary gazetteers in the cache folder ----------------------------------------------

def csv_path(cc: str) -> Path:
    return supplementary_dir() / f"geonames-{cc.upper()}.csv"


def meta_path(cc: str) -> Path:
    return supplementary_dir() / f"geonames-{cc.upper()}.json"


def to_csv(rows: list[dict[str, str]]) -> str:
    """A supplementary gazetteer's text (header and rows)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def save(rows: list[dict[str, str]], report: DumpReport) -> Path:
    """Write a country's supplementary gazetteer (and what was imported, beside it) atomically."""
    cc = report.country
    folder = supplementary_dir()
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"country": cc, "name": known_countries().get(cc, ""), "source": report.source,
            "added": datetime.now(timezone.utc).isoformat(timespec="seconds"), "places": report.kept,
            "attribution": ATTRIBUTION, "report": asdict(report)}
    for path, text in ((csv_path(cc), to_csv(rows)),
                       (meta_path(cc), json.dumps(meta, ensure_ascii=False, indent=1) + "\n")):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".geonames-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    return csv_path(cc)


def added() -> list[dict[str, object]]:
    """The countries added so far, from their records (a CSV without one is listed too)."""
    folder = supplementary_dir()
    out = []
    for p in sorted(folder.glob("geonames-*.csv")) if folder.is_dir() else []:
        cc = p.stem.split("-", 1)[1]
        meta: dict[str, object] = {"country": cc, "name": known_countries().get(cc, ""), "source": "?", "added": "?"}
        with contextlib.suppress(OSError, ValueError):
            meta.update(json.loads(meta_path(cc).read_text(encoding="utf-8")))
        if "places" not in meta:
            with open(p, encoding="utf-8") as f:
                meta["places"] = max(0, sum(1 for _ in f) - 1)
        meta["path"] = str(p)
        out.append(meta)
    return out


def remove(cc: str) -> bool:
    """Remove a country's supplementary gazetteer; False when it was not added."""
    found = False
    for p in (csv_path(cc), meta_path(cc)):
        if p.exists():
            p.unlink()
            found = True
    return found
