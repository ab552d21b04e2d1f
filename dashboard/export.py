"""Downloads of the filtered events: CSV and GeoJSON, every DESIGN.md field."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from ..extract.model import EVENT_FIELDS

MAX_ROWS = 250_000


def to_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(EVENT_FIELDS), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "actors": "; ".join(r.get("actors") or [])})
    return buf.getvalue().encode("utf-8-sig")  # BOM: spreadsheet programs then read Arabic right


def to_geojson(rows: Iterable[dict[str, Any]]) -> bytes:
    feats = []
    for r in rows:
        props = {k: r.get(k) for k in EVENT_FIELDS if k not in ("lat", "lon")}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                      "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode("utf-8")
