"""The view: the date window and every filter, and its round trip through the URL query.

``?from=2019-04-01&to=2019-04-30&actor=LNA&actor=GNA&place=geonames:2210247&q=airport`` opens the
same view anywhere, so a copied link shows a colleague exactly what you were looking at. Parsing
never fails: a value that makes no sense is dropped.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

COLOR_MODES = ("actor", "kind")
STEPS = ("day", "week", "month")
PRECISIONS = (1, 2, 3)
DEFAULT_PRECISIONS: tuple[int, ...] = (1, 2)  # country/region centroids hidden by default
MAX_VALUES = 50  # per multi-valued parameter
MAX_TEXT = 200

#: URL parameter names, in the order they are written
PARAMS = ("from", "to", "actor", "country", "place", "source", "lang", "prec", "q", "undated",
          "color", "step", "bbox")


@dataclass(frozen=True)
class ViewState:
    """Everything that decides what the map, charts and table show."""

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    precisions: tuple[int, ...] = field(default=DEFAULT_PRECISIONS)
    q: str = ""
    undated: bool = False  # keep events whose date is unknown (they have no place on the time axis)
    color: str = "actor"
    step: str = "week"
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_types: tuple[str, ...] = ()  # ACLED event types to show (none: every type)
    include_mentions: bool = True  # also place mentions without an event type

    @property
    def has_filters(self) -> bool:
        """Anything narrowed besides the window and the display options?"""
        return bool(self.actors or self.countries or self.places or self.sources or self.languages
                    or self.q or tuple(self.precisions) != DEFAULT_PRECISIONS or self.bbox)

    def cleared(self) -> ViewState:
        """Same window and display, no filters."""
        return ViewState(date_from=self.date_from, date_to=self.date_to, color=self.color, step=self.step,
                         undated=self.undated)

    def key(self) -> tuple:
        """A hashable, order-insensitive identity (cache key)."""
        return (self.date_from, self.date_to, tuple(sorted(self.actors)), tuple(sorted(self.countries)),
                tuple(sorted(self.places)), tuple(sorted(self.sources)), tuple(sorted(self.languages)),
                tuple(sorted(self.precisions)), self.q, self.undated, self.bbox)


def _values(params: Mapping[str, object], name: str) -> list[str]:
    """All values of a parameter, whether the mapping holds strings or lists."""
    v = params.get(name)
    if v is None:
        return []
    items = [v] if isinstance(v, str) else list(v) if isinstance(v, Iterable) else [v]
    out: list[str] = []
    for item in items:
        s = str(item).strip()
        if s and len(s) <= MAX_TEXT and s not in out:
            out.append(s)
    return out[:MAX_VALUES]


def _date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def parse_bbox(s: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees, or None when it makes no sense."""
    if not s:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in s.split(","))
    except ValueError:
        return None
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        return None
    return (x0, y0, x1, y1)


def parse_query(params: Mapping[str, object]) -> ViewState:
    """A ViewState from ``st.query_params`` (or any mapping of name -> str | list[str])."""
    def first(name: str) -> str | None:
        vals = _values(params, name)
        return vals[0] if vals else None

    d_from, d_to = _date(first("from")), _date(first("to"))
    if d_from and d_to and d_from > d_to:
        d_from, d_to = d_to, d_from
    precs = sorted({int(p) for p in _values(params, "prec") if p in ("1", "2", "3")})
    color = first("color")
    step = first("step")
    return ViewState(
        date_from=d_from,
        date_to=d_to,
        actors=tuple(_values(params, "actor")),
        countries=tuple(c.upper() for c in _values(params, "country") if len(c) == 2 and c.isalpha()),
        places=tuple(_values(params, "place")),
        sources=tuple(_values(params, "source")),
        languages=tuple(_values(params, "lang")),
        precisions=tuple(precs) if precs else DEFAULT_PRECISIONS,
        q=(first("q") or "")[:MAX_TEXT],
        undated=first("undated") in ("1", "true", "yes"),
        color=color if color in COLOR_MODES else "actor",
        step=step if step in STEPS else "week",
        bbox=parse_bbox(first("bbox")),
    )


def to_query(view: ViewState) -> dict[str, list[str]]:
    """URL parameters for a view (defaults left out, the window always written)."""
    q: dict[str, list[str]] = {}
    if view.date_from:
        q["from"] = [view.date_from.isoformat()]
    if view.date_to:
        q["to"] = [view.date_to.isoformat()]
    for name, vals in (("actor", view.actors), ("country", view.countries), ("place", view.places),
                       ("source", view.sources), ("lang", view.languages)):
        if vals:
            q[name] = list(vals)
    if tuple(view.precisions) != DEFAULT_PRECISIONS:
        q["prec"] = [str(p) for p in sorted(view.precisions)]
    if view.q:
        q["q"] = [view.q]
    if view.undated:
        q["undated"] = ["1"]
    if view.color != "actor":
        q["color"] = [view.color]
    if view.step != "week":
        q["step"] = [view.step]
    if view.bbox:
        q["bbox"] = [",".join(f"{v:g}" for v in view.bbox)]
    return q


def same_query(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """Equal as URL parameters (a single value and a one-element list are the same)."""
    keys = set(a) | set(b)
    return all(_values(a, k) == _values(b, k) for k in keys)


# -- time -------------------------------------------------------------------------------------
def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def default_window(min_date: date, max_date: date) -> tuple[date, date]:
    """The most recent month of data."""
    start = add_months(max_date, -1) + timedelta(days=1)
    return max(min_date, start), max_date


def clamp_window(window: tuple[date | None, date | None], min_date: date, max_date: date) -> tuple[date, date]:
    """The view's window inside the data's range; the default month where it is unset."""
    lo, hi = window
    if lo is None and hi is None:
        return default_window(min_date, max_date)
    lo = lo or min_date
    hi = hi or max_date
    lo = min(max(lo, min_date), max_date)
    hi = min(max(hi, min_date), max_date)
    if lo > hi:
        lo, hi = hi, lo
    return lo, hi


def step_window(window: tuple[date, date], step: str, direction: int, min_date: date,
                max_date: date) -> tuple[tuple[date, date], bool]:
    """Shift the window by one step, keeping its length. Returns (window, moved)."""
    lo, hi = window
    if step == "month":
        new_lo, new_hi = add_months(lo, direction), add_months(hi, direction)
    else:
        delta = timedelta(days=7 if step == "week" else 1) * direction
        new_lo, new_hi = lo + delta, hi + delta
    length = hi - lo
    if direction > 0 and new_hi > max_date:
        new_hi = max_date
        new_lo = max(min_date, new_hi - length)
    if direction < 0 and new_lo < min_date:
        new_lo = min_date
        new_hi = min(max_date, new_lo + length)
    moved = (new_lo, new_hi) != (lo, hi)
    return (new_lo, new_hi), moved


def with_window(view: ViewState, window: Sequence[date]) -> ViewState:
    return replace(view, date_from=window[0], date_to=window[1])
