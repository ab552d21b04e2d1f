"""Exports of the store: JSONL (one Event per line), CSV (ACLED-like columns first), GeoJSON and
GeoParquet. JSONL, CSV and GeoJSON stream, so a large store exports in constant memory."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .model import EVENT_FIELDS
from .store import EventFilter, Store

FORMATS = ("jsonl", "csv", "geojson", "parquet")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: ACLED's names where they fit, then the fields of the Event schema that ACLED does not have.
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "actor1", "actor2", "assoc_actors", "iso",
    "country", "location", "location_ar", "latitude", "longitude", "geo_precision", "source", "notes",
    "article_id", "article_url", "article_title", "published", "mention", "start", "end", "place_id", "kind",
    "uncertainty_km", "date_precision", "date_basis", "language", "confidence",
)


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    actors = ev.get("actors") or []
    date = ev.get("event_date")
    return {
        "event_id_cnty": ev["event_id"], "event_date": date, "year": date[:4] if date else None,
        "time_precision": TIME_PRECISION.get(ev.get("date_precision") or ""),
        "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors) > 1 else None,
        "assoc_actors": "; ".join(actors[2:]) or None, "iso": ev.get("country"), "country": ev.get("country"),
        "location": ev["place_name"], "location_ar": ev.get("place_name_ar"), "latitude": ev["lat"],
        "longitude": ev["lon"], "geo_precision": ev["geo_precision"], "source": ev.get("source"),
        "notes": ev["snippet"], "article_id": ev["article_id"], "article_url": ev.get("article_url"),
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
        yield {"type": "Feature", "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
               "properties": props}


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
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")


def write_parquet(events: Iterable[dict[str, Any]], out: Path) -> int:
    gdf = events_frame(events)
    gdf.to_parquet(out, index=False)  # GeoParquet: geometry as WKB with the "geo" metadata
    return len(gdf)


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "parquet": write_parquet}


def export(store: Store, fmt: str, output: str | os.PathLike[str], flt: EventFilter | None = None) -> int:
    """Write the (filtered) events of ``store`` to ``output`` in ``fmt``; returns the count."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    n = WRITERS[fmt](store.iter_events(flt), tmp)
    os.replace(tmp, out)  # a half-written export never replaces a good one
    return n
