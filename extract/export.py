"""Exports of the store: JSONL (one Event per line), CSV (ACLED-like columns first), GeoJSON and
GeoParquet. JSONL, CSV and GeoJSON stream, so a large store exports in constant memory; GeoParquet
to a folder (``--output DIR/``) is written as ``part-NNNNN.parquet`` files of at most
:data:`PART_EVENTS` events each, so it does too."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .model import EVENT_FIELDS, EXTRACTOR_VERSION, Event
from .store import EventFilter, Store

FORMATS = ("jsonl", "csv", "geojson", "parquet")
#: events per GeoParquet part when exporting to a folder (about 100 MB of memory while writing one)
PART_EVENTS = 250_000
PART_RE = re.compile(r"^part-(\d+)\.parquet$")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: ACLED's names where they fit, then the fields of the Event schema that ACLED does not have.
#: ACLED's order: event type and sub-event type after the time precision, fatalities after the notes.
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "assoc_actors", "iso", "country", "location", "location_ar", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities",
    "injured", "incident_id", "article_id", "article_url", "article_title", "published", "mention", "start", "end",
    "place_id", "kind", "uncertainty_km", "date_precision", "date_basis", "language", "confidence",
)


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    actors = ev.get("actors") or []
    date = ev.get("event_date")
    return {
        "event_id_cnty": ev["event_id"], "event_date": date, "year": date[:4] if date else None,
        "time_precision": TIME_PRECISION.get(ev.get("date_precision") or ""),
        "event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type"),
        "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors) > 1 else None,
        "assoc_actors": "; ".join(actors[2:]) or None, "iso": ev.get("country"), "country": ev.get("country"),
        "location": ev["place_name"], "location_ar": ev.get("place_name_ar"), "latitude": ev["lat"],
        "longitude": ev["lon"], "geo_precision": ev["geo_precision"], "source": ev.get("source"),
        "notes": ev["snippet"], "fatalities": ev.get("fatalities"), "injured": ev.get("injured"),
        "incident_id": ev.get("incident_id"), "article_id": ev["article_id"], "article_url": ev.get("article_url"),
        "article_title": ev.get("article_title"), "published": ev.get("published"), "mention": ev["mention"],
        "start": ev["start"], "end": ev["end"], "place_id": ev["place_id"], "kind": ev["kind"],
        "uncertainty_km": ev["uncertainty_km"], "date_precision": ev.get("date_precision"),
        "date_basis": ev.get("date_basis"), "language": ev.get("language"), "confidence": ev.get("confidence"),
    }


def write_jsonl(events: Iterable[dict[str, Any]], out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for ev in events:
            f.write(json.dumps({k: ev[k] for k in EVENT_FIELDS}, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(events: Iterable[dict[str, Any]], out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens Arabic correctly
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for ev in events:
            w.writerow(acled_row(ev))
            n += 1
    return n


def geojson_features(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for ev in events:
        props = {k: ev[k] for k in EVENT_FIELDS if k not in ("lat", "lon")}
        # an unlocated event (geo_precision 4) has no point: a feature with a null geometry (RFC 7946, 3.2)
        point = None if ev["lat"] is None else {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]}
        yield {"type": "Feature", "geometry": point, "properties": props}


def write_geojson(events: Iterable[dict[str, Any]], out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [\n')
        for feat in geojson_features(events):
            f.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
            n += 1
        f.write("\n]}\n")
    return n


def events_frame(events: Iterable[dict[str, Any]]) -> Any:
    """A GeoDataFrame (EPSG:4326) of events."""
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(list(events), columns=list(EVENT_FIELDS))
    for name in ("fatalities", "injured"):  # whole numbers with gaps, not floats
        df[name] = df[name].astype("Int64")
    points = gpd.points_from_xy(df["lon"], df["lat"])
    if df["lat"].isna().any():  # unlocated events: a missing geometry, not a point at NaN
        points[df["lat"].isna().to_numpy()] = None
    return gpd.GeoDataFrame(df, geometry=points, crs="EPSG:4326")


def write_parquet(events: Iterable[dict[str, Any]], out: Path) -> int:
    gdf = events_frame(events)
    gdf.to_parquet(out, index=False)  # GeoParquet: geometry as WKB with the "geo" metadata
    return len(gdf)


# -- GeoParquet parts (extract --output-dir, export to a folder) -------------------------------

_INT_FIELDS = {"start", "end", "geo_precision", "fatalities", "injured"}  # the last two may be null
_FLOAT_FIELDS = {"lat", "lon", "uncertainty_km", "confidence"}


def parquet_schema(geometry: Any, metadata_: dict[bytes, bytes] | None) -> Any:
    """One Arrow schema for every partition file (an all-missing column of one partition would
    otherwise be typed null and the files would not read as one dataset)."""
    import pyarrow as pa

    fields = []
    for name in EVENT_FIELDS:
        if name in _INT_FIELDS:
            typ = pa.int64()
        elif name in _FLOAT_FIELDS:
            typ = pa.float64()
        elif name == "actors":
            typ = pa.list_(pa.string())
        else:
            typ = pa.large_string()
        fields.append(pa.field(name, typ))
    fields.append(geometry)
    return pa.schema(fields, metadata=metadata_)


def parquet_bytes(events: Iterable[Event | dict[str, Any]]) -> bytes:
    """A GeoParquet 1.1 file of ``events`` (:class:`Event` objects or the store's event dicts): the
    frame of :func:`events_frame`, cast to :func:`parquet_schema` (one schema for every part, so a
    folder of parts reads as one table), geometry as WKB."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    gdf = events_frame(ev.to_dict() if isinstance(ev, Event) else ev for ev in events)
    table = pa.table(gdf.to_arrow(index=False, geometry_encoding="WKB")).select([*EVENT_FIELDS, "geometry"])
    column: dict[str, Any] = {"encoding": "WKB", "crs": gdf.crs.to_json_dict(),
                              "geometry_types": ["Point"] if len(gdf) else []}
    if len(gdf):
        column["bbox"] = [float(v) for v in gdf.total_bounds]
    geo = {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column},
           "creator": {"library": "conflictmap", "version": EXTRACTOR_VERSION}}
    table = table.cast(parquet_schema(table.schema.field("geometry"), {b"geo": json.dumps(geo).encode()}))
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def next_part_number(out_dir: Path) -> int:
    """The first part number after the files already in ``out_dir`` (a rerun adds, never
    overwrites)."""
    nums = [int(m.group(1)) for p in out_dir.iterdir() if (m := PART_RE.match(p.name))] if out_dir.exists() else []
    return max(nums) + 1 if nums else 0


def write_part(out_dir: Path, number: int, data: bytes) -> Path:
    """``out_dir/part-NNNNN.parquet``, atomically (readers never see half a file)."""
    path = out_dir / f"part-{number:05d}.parquet"
    tmp = out_dir / f".{path.name}.tmp"  # a leading dot: ignored by pyarrow, DuckDB and Spark globs
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def write_parquet_parts(events: Iterable[dict[str, Any]], out_dir: Path, part_events: int | None = None) -> int:
    """The events as ``out_dir/part-00000.parquet``, ``part-00001.parquet``… of at most
    ``part_events`` (default :data:`PART_EVENTS`) each; at least one file, so an empty export
    still has the schema."""
    part_events = part_events or PART_EVENTS
    it = iter(events)
    n, number = 0, 0
    while True:
        chunk = list(itertools.islice(it, part_events))
        if chunk or number == 0:
            write_part(out_dir, number, parquet_bytes(chunk))
            n += len(chunk)
            number += 1
        if len(chunk) < part_events:
            return n


def is_folder_target(output: str | os.PathLike[str]) -> bool:
    """``--output`` names a folder: an existing one, or a path written with a trailing slash."""
    text = os.fspath(output)
    return Path(text).is_dir() or text.endswith(("/", os.sep))


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "parquet": write_parquet}


def export(store: Store, fmt: str, output: str | os.PathLike[str], flt: EventFilter | None = None) -> int:
    """Write the (filtered) events of ``store`` to ``output`` in ``fmt``; returns the count."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(output)
    if is_folder_target(output):
        if fmt != "parquet":
            raise ValueError(f"{output} is a folder: only --format parquet writes a folder (of part files)")
        if out.exists() and any(PART_RE.match(p.name) for p in out.iterdir()):
            raise ValueError(f"{output} already holds part-*.parquet files: export into an empty or new folder")
        out.mkdir(parents=True, exist_ok=True)
        return write_parquet_parts(store.iter_events(flt), out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    n = WRITERS[fmt](store.iter_events(flt), tmp)
    os.replace(tmp, out)  # a half-written export never replaces a good one
    return n
