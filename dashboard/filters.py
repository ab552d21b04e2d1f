"""The view: the date window and every filter, and its round trip through the URL query.

``?from=2019-04-01&to=2019-04-30&actor=LNA&actor=GNA&place=geonames:2210247&q=airport`` opens the
same view anywhere, so a copied link shows a colleague exactly what you were looking at. The link
means what it says: a window is kept as written even where it reaches past the data, an end left
open stays open. Parsing never fails: a value the app cannot use (an impossible date, a value of
5,000 characters, an unknown option or parameter) is left out and named in a :class:`Problem`, so
the page can say so instead of dropping it silently.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

#: ACLED's six event types, in the order the filter and the legend list them
EVENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
               "Strategic developments")
COLOR_MODES = ("type", "actor", "kind")  # by event type (default), by main actor, by kind of place
SIZES = ("reports", "fatalities")  # marker size: articles reporting (default) or people killed
STEPS = ("day", "week", "month")
BASEMAPS = ("streets", "grey", "outline")  # tiles (the outline when they fail), or the offline outline
DENSITIES = ("points", "hex")  # markers per place, or events per hexagon
PRECISIONS = (1, 2, 3)
DEFAULT_PRECISIONS: tuple[int, ...] = (1, 2)  # country/region centroids hidden by default
MAX_VALUES = 50  # per multi-valued parameter
MAX_TEXT = 200

#: URL parameter names, in the order they are written
PARAMS = ("from", "to", "type", "mentions", "actor", "country", "place", "source", "lang", "prec", "q",
          "undated", "color", "size", "step", "bbox", "basemap", "density")
#: parameters read elsewhere: the article page, and Streamlit's own
OTHER_PARAMS = ("article", "embed", "embed_options")
SHOWN_CHARS = 40


@dataclass(frozen=True)
class Problem:
    """A value in the link that the app cannot use, and what it does instead."""

    param: str
    value: str
    reason: str

    def text(self) -> str:
        return f"{self.param}={shown(self.value)}: {self.reason}"


def shown(value: str) -> str:
    """A value as a notice quotes it (a long one clipped, with its length)."""
    if len(value) <= SHOWN_CHARS + 10:
        return f"“{value}”"
    return f"“{value[:SHOWN_CHARS]}…” ({len(value):,} characters)"


@dataclass(frozen=True)
class ViewState:
    """Everything that decides what the map, charts and table show.

    The defaults are the data layer's neutral view (every row, mentions included); the app's first
    view is what :func:`parse_query` makes of an empty link, which hides mentions without an event
    (``mentions=1`` shows them)."""

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
    color: str = "type"
    size: str = "reports"  # display only: not part of key()
    step: str = "week"
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_types: tuple[str, ...] = ()  # ACLED event types to show (none: every type)
    include_mentions: bool = True  # also place mentions without an event type
    mentions_only: bool = False  # only mentions without an event type (the grey points beside incidents)
    basemap: str = "streets"  # display only: not part of key()
    density: str = "points"  # display only: not part of key()

    @property
    def has_filters(self) -> bool:
        """Anything narrowed besides the window and the display options?"""
        return bool(self.actors or self.countries or self.places or self.sources or self.languages
                    or self.q or tuple(self.precisions) != DEFAULT_PRECISIONS or self.bbox or self.event_types)

    def cleared(self) -> ViewState:
        """Same window and display, no filters."""
        return ViewState(date_from=self.date_from, date_to=self.date_to, color=self.color, step=self.step,
                         undated=self.undated, basemap=self.basemap, density=self.density, size=self.size,
                         include_mentions=self.include_mentions)

    def key(self) -> tuple:
        """A hashable, order-insensitive identity (cache key)."""
        return (self.date_from, self.date_to, tuple(sorted(self.actors)), tuple(sorted(self.countries)),
                tuple(sorted(self.places)), tuple(sorted(self.sources)), tuple(sorted(self.languages)),
                tuple(sorted(self.precisions)), self.q, self.undated, self.bbox, tuple(sorted(self.event_types)),
                self.include_mentions, self.mentions_only)


def _values(params: Mapping[str, object], name: str, problems: list[Problem] | None = None) -> list[str]:
    """All values of a parameter, whether the mapping holds strings or lists (``problems``: where
    values too long or too many are named)."""
    v = params.get(name)
    if v is None:
        return []
    items = [v] if isinstance(v, str) else list(v) if isinstance(v, Iterable) else [v]
    out: list[str] = []
    for item in items:
        s = str(item).strip()
        if not s:
            continue
        if len(s) > MAX_TEXT:
            if problems is not None:
                problems.append(Problem(name, s, f"longer than the {MAX_TEXT} characters a value may have; left out"))
            continue
        if s not in out:
            out.append(s)
    if len(out) > MAX_VALUES and problems is not None:
        problems.append(Problem(name, ", ".join(out[MAX_VALUES:]),
                                f"more than {MAX_VALUES} values; the first {MAX_VALUES} are used"))
    return out[:MAX_VALUES]


def _date(s: str | None, name: str = "", problems: list[Problem] | None = None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        if problems is not None:
            problems.append(Problem(name, s, "not a date (YYYY-MM-DD); left out"))
        return None


def _type_key(s: str) -> str:
    return "".join(ch for ch in s.casefold() if ch.isalnum())


#: an event type as a link may write it, in any case and spacing ("battles", "Explosions/Remote violence")
_EVENT_TYPE_KEYS = {_type_key(t): t for t in EVENT_TYPES}


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


def parse_query(params: Mapping[str, object], problems: list[Problem] | None = None) -> ViewState:
    """A ViewState from ``st.query_params`` (or any mapping of name -> str | list[str]).

    Every value that cannot be used is appended to ``problems`` (when given) with what was done."""
    probs: list[Problem] = [] if problems is None else problems

    def first(name: str) -> str | None:
        vals = _values(params, name, probs)
        if len(vals) > 1:
            probs.append(Problem(name, ", ".join(vals[1:]), "given more than once; the first value is used"))
        return vals[0] if vals else None

    def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
        v = first(name)
        if v is None:
            return default
        if v in allowed:
            return v
        probs.append(Problem(name, v, f"not one of {', '.join(allowed)}; {default} is used"))
        return default

    for name in params:
        if name not in PARAMS and name not in OTHER_PARAMS:
            vals = _values(params, name)
            probs.append(Problem(str(name), ", ".join(vals), "not a parameter of this app; left out"))
    d_from, d_to = _date(first("from"), "from", probs), _date(first("to"), "to", probs)
    if d_from and d_to and d_from > d_to:
        probs.append(Problem("from", d_from.isoformat(), f"after to={d_to.isoformat()}; the two are swapped"))
        d_from, d_to = d_to, d_from
    precs: set[int] = set()
    for p in _values(params, "prec", probs):
        if p in ("1", "2", "3"):
            precs.add(int(p))
        else:
            probs.append(Problem("prec", p, "location precision is 1, 2 or 3; left out"))
    countries = []
    for c in _values(params, "country", probs):
        if len(c) == 2 and c.isascii() and c.isalpha():
            countries.append(c.upper())
        else:
            probs.append(Problem("country", c, "not a two-letter country code (ISO 3166-1); left out"))
    undated = first("undated")
    if undated is not None and undated not in ("1", "true", "yes", "0", "false", "no"):
        probs.append(Problem("undated", undated, "not 1 or 0; undated events are left out"))
    mentions = first("mentions")
    if mentions is not None and mentions not in ("1", "true", "yes", "0", "false", "no"):
        probs.append(Problem("mentions", mentions, "not 1 or 0; mentions without an event are hidden"))
    types = []
    for t in _values(params, "type", probs):
        known = _EVENT_TYPE_KEYS.get(_type_key(t))
        if known:
            types.append(known)
        else:
            probs.append(Problem("type", t, f"not an event type ({', '.join(EVENT_TYPES)}); left out"))
    bbox_text = first("bbox")
    bbox = parse_bbox(bbox_text)
    if bbox_text and bbox is None:
        probs.append(Problem("bbox", bbox_text, "not an area MINLON,MINLAT,MAXLON,MAXLAT in degrees; left out"))
    return ViewState(
        date_from=d_from,
        date_to=d_to,
        actors=tuple(_values(params, "actor", probs)),
        countries=tuple(dict.fromkeys(countries)),
        places=tuple(_values(params, "place", probs)),
        sources=tuple(_values(params, "source", probs)),
        languages=tuple(_values(params, "lang", probs)),
        event_types=tuple(dict.fromkeys(types)),
        include_mentions=mentions in ("1", "true", "yes"),
        precisions=tuple(sorted(precs)) if precs else DEFAULT_PRECISIONS,
        q=first("q") or "",
        undated=undated in ("1", "true", "yes"),
        color=choice("color", COLOR_MODES, "type"),
        size=choice("size", SIZES, "reports"),
        step=choice("step", STEPS, "week"),
        bbox=bbox,
        basemap=choice("basemap", BASEMAPS, "streets"),
        density=choice("density", DENSITIES, "points"),
    )


def to_query(view: ViewState) -> dict[str, list[str]]:
    """URL parameters for a view (defaults left out, the window always written)."""
    q: dict[str, list[str]] = {}
    if view.date_from:
        q["from"] = [view.date_from.isoformat()]
    if view.date_to:
        q["to"] = [view.date_to.isoformat()]
    if view.event_types:
        q["type"] = list(view.event_types)
    if view.include_mentions:
        q["mentions"] = ["1"]
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
    if view.color != "type":
        q["color"] = [view.color]
    if view.size != "reports":
        q["size"] = [view.size]
    if view.step != "week":
        q["step"] = [view.step]
    if view.bbox:
        q["bbox"] = [",".join(f"{v:.10g}" for v in view.bbox)]
    if view.basemap != "streets":
        q["basemap"] = [view.basemap]
    if view.density != "points":
        q["density"] = [view.density]
    return q


def _raw(params: Mapping[str, object], name: str) -> list[str]:
    v = params.get(name)
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v] if isinstance(v, Iterable) else [str(v)]


def same_query(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    """Equal as URL parameters, value for value as written (a single value and a one-element list
    are the same): a value the view cannot hold (too long, unknown) makes them differ, so the
    address bar is rewritten without it."""
    keys = set(a) | set(b)
    return all(_raw(a, k) == _raw(b, k) for k in keys)


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


def seed_window(window: tuple[date | None, date | None], min_date: date, max_date: date) -> tuple[date, date]:
    """The slider's value for a window from a link, kept as written (also past the data); an open
    end stands at the data's end (the page keeps it open); no window at all: the last month."""
    lo, hi = window
    if lo is None and hi is None:
        return default_window(min_date, max_date)
    lo = lo or min(min_date, hi or min_date)
    hi = hi or max(max_date, lo)
    return lo, hi


def slider_range(window: tuple[date, date], min_date: date, max_date: date) -> tuple[date, date]:
    """The date slider's range: the data's, widened to hold the window of the link."""
    return min(min_date, window[0]), max(max_date, window[1])


def window_notices(window: tuple[date, date], min_date: date, max_date: date) -> list[str]:
    """What to say when a window reaches past the store's dated events."""
    lo, hi = window
    if hi < min_date:
        return [f"The window ends before the first dated event in this store ({min_date.isoformat()})."]
    if lo > max_date:
        return [f"The window starts after the last dated event in this store ({max_date.isoformat()}): "
                f"no events after {max_date.isoformat()}."]
    out = []
    if lo < min_date:
        out.append(f"No events before {min_date.isoformat()} in this store (the window starts {lo.isoformat()}).")
    if hi > max_date:
        out.append(f"No events after {max_date.isoformat()} in this store yet (the window runs to "
                   f"{hi.isoformat()}; the link keeps it, so it shows newer events as they arrive).")
    return out


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
