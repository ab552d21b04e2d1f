"""The map page: time window and playback, filters, the map, charts, the table and downloads.

The view lives in the URL: on a session's first run the widgets are seeded from ``st.query_params``
and after every run the query is rewritten from the widgets, so the address bar always holds a
link that reopens this exact view.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from . import charts, export, mapcomponent, state
from . import data as D
from . import escaping as H
from . import mapview as MV
from .filters import (
    BASEMAPS,
    COLOR_MODES,
    DEFAULT_PRECISIONS,
    DENSITIES,
    EVENT_TYPES,
    SIZES,
    STEPS,
    Problem,
    ViewState,
    parse_query,
    same_query,
    seed_window,
    shown,
    slider_range,
    step_window,
    to_query,
    window_notices,
)

PLAY_INTERVAL_S = 2.5
TABLE_ROWS = 2000
MAP_HEIGHT = 600
COUNTRY_NAMES = {
    "LY": "Libya", "ML": "Mali", "NE": "Niger", "BF": "Burkina Faso", "TD": "Chad", "SD": "Sudan",
    "DZ": "Algeria", "TN": "Tunisia", "EG": "Egypt", "MR": "Mauritania", "NG": "Nigeria", "SN": "Senegal",
    "CM": "Cameroon", "CF": "Central African Rep.", "SS": "South Sudan", "MA": "Morocco", "TR": "Turkey",
    "RU": "Russia", "FR": "France", "IT": "Italy", "US": "United States", "AE": "United Arab Emirates",
    "QA": "Qatar", "SA": "Saudi Arabia", "GR": "Greece", "MT": "Malta",
}
LANG_NAMES = {"ar": "Arabic", "en": "English", "fr": "French"}
PREC_NAMES = {1: "1 · exact town/site", 2: "2 · near/part of a town", 3: "3 · region/country"}
DENSITY_NAMES = {"points": "points", "hex": "density"}
BASEMAP_NAMES = {"streets": "streets", "grey": "light grey", "outline": "offline outline"}
COLOR_NAMES = {"type": "event type", "actor": "actor", "kind": "kind of place"}
SIZE_NAMES = {"reports": "reports", "fatalities": "people killed"}
#: a window longer than this many days gets a hint towards the density view
LONG_WINDOW_DAYS = 120
#: the page around a tall map: less padding than Streamlit's, the map's frame as tall as the
#: viewport allows (streamlit-folium's ``height`` is only its first size), and on a phone a bit less
PAGE_CSS = """<style>
.stMainBlockContainer, [data-testid="stMainBlockContainer"] {padding-top: 3.5rem; padding-bottom: 2rem;
  padding-left: 1.5rem; padding-right: 1.5rem; max-width: 100%;}
iframe[title="streamlit_folium.st_folium"] {height: max(340px, calc(100vh - 235px)) !important;}
@media (max-width: 640px) {
  .stMainBlockContainer, [data-testid="stMainBlockContainer"] {padding-left: .75rem; padding-right: .75rem;}
  iframe[title="streamlit_folium.st_folium"] {height: max(320px, calc(100vh - 340px)) !important;}
}
</style>"""

#: widget key -> ViewState field (multi-valued filters)
MULTI = {"f_actor": "actors", "f_country": "countries", "f_place": "places", "f_source": "sources",
         "f_lang": "languages"}
TABLE_KEY = "f_table"


# -- state ------------------------------------------------------------------------------------
def query_params() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: qp.get_all(k) for k in qp}


def _bounds(summ: D.Summary) -> tuple[date, date]:
    lo = summ.min_date or date.today()
    hi = summ.max_date or lo
    return lo, hi


def seed_state(summ: D.Summary) -> None:
    """First run of a session: the widgets start from the URL, exactly as written.

    The window is kept even where it reaches past the data (the slider's range widens to hold it);
    an end the link leaves open stays open (``_open``) until the window is moved. Values the app
    cannot use are kept in ``_link_problems`` for the notice."""
    ss = st.session_state
    if ss.get("_seeded"):
        return
    problems: list[Problem] = []
    vs = parse_query(query_params(), problems)
    lo, hi = _bounds(summ)
    window = seed_window((vs.date_from, vs.date_to), lo, hi)
    ss["f_window"] = window
    ss["_seed_window"] = window
    ss["_seed_range"] = slider_range(window, lo, hi)
    given = vs.date_from is not None or vs.date_to is not None
    ss["_open"] = (given and vs.date_from is None, given and vs.date_to is None)
    ss["_link_problems"] = problems
    ss["_link_view"] = vs
    for key, attr in MULTI.items():
        ss[key] = list(getattr(vs, attr))
    ss["f_prec"] = list(vs.precisions)
    ss["f_type"] = list(vs.event_types)
    ss["f_mentions"] = vs.include_mentions
    ss["f_size"] = vs.size
    ss["f_q"] = vs.q
    ss["f_bbox"] = vs.bbox  # an area from the URL (``bbox=``); no widget, cleared with the filters
    ss["f_undated"] = vs.undated
    ss["f_color"] = vs.color
    ss["f_step"] = vs.step
    ss["f_basemap"] = vs.basemap
    ss["f_density"] = vs.density
    ss["playing"] = False
    ss["_seeded"] = True


def current_view() -> ViewState:
    ss = st.session_state
    window = tuple(ss.get("f_window") or (None, None))
    d_from, d_to = window[0], window[1]
    open_from, open_to = ss.get("_open") or (False, False)
    if window == tuple(ss.get("_seed_window") or ()):  # still the link's window: its open ends stay open
        d_from = None if open_from else d_from
        d_to = None if open_to else d_to
    precs = tuple(sorted(int(p) for p in ss.get("f_prec") or ())) or (1, 2, 3)
    return ViewState(
        date_from=d_from, date_to=d_to,
        actors=tuple(ss.get("f_actor") or ()), countries=tuple(ss.get("f_country") or ()),
        places=tuple(ss.get("f_place") or ()), sources=tuple(ss.get("f_source") or ()),
        languages=tuple(ss.get("f_lang") or ()), precisions=precs, q=(ss.get("f_q") or "").strip(),
        event_types=tuple(t for t in EVENT_TYPES if t in (ss.get("f_type") or ())),
        include_mentions=bool(ss.get("f_mentions")), size=ss.get("f_size") or "reports",
        undated=bool(ss.get("f_undated")), color=ss.get("f_color") or "type", step=ss.get("f_step") or "week",
        bbox=ss.get("f_bbox"), basemap=ss.get("f_basemap") or "streets", density=ss.get("f_density") or "points",
    )


def shown_window(view: ViewState) -> tuple[date, date]:
    """The window as drawn (an open end at the slider's end)."""
    lo, hi = st.session_state["f_window"]
    return view.date_from or lo, view.date_to or hi


def sync_url(view: ViewState) -> dict[str, list[str]]:
    """Write the view into the address bar (only when it changed)."""
    q = to_query(view)
    if not same_query(query_params(), q):
        st.query_params.from_dict(q)
    return q


def share_link(q: dict[str, list[str]]) -> str:
    query = urlencode(q, doseq=True)
    try:
        url = st.context.url
    except Exception:  # older Streamlit, or no browser (tests)
        url = None
    if url:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}?{query}"
    return "/" + (state.base_path() + "/" if state.base_path() else "") + "?" + query


# -- callbacks (run before the script, so they may set widget state) ----------------------------
def _window_moved() -> None:
    st.session_state["_open"] = (False, False)


def _step(direction: int) -> None:
    ss = st.session_state
    _window_moved()
    lo, hi = ss["_bounds"]
    window, moved = step_window(tuple(ss["f_window"]), ss.get("f_step") or "week", direction, lo, hi)
    ss["f_window"] = window
    if not moved:
        ss["playing"] = False


def _toggle_play() -> None:
    ss = st.session_state
    _window_moved()
    ss["playing"] = not ss.get("playing")
    if ss["playing"]:
        lo, hi = ss["_bounds"]
        if tuple(ss["f_window"])[1] >= hi:  # at the end: start again from the beginning
            length = ss["f_window"][1] - ss["f_window"][0]
            ss["f_window"] = (lo, min(hi, lo + length))


def _clear_filters() -> None:
    ss = st.session_state
    for key in MULTI:
        ss[key] = []
    ss["f_prec"] = list(DEFAULT_PRECISIONS)
    ss["f_type"] = []
    ss["f_q"] = ""
    ss["f_bbox"] = None


def _show_mentions() -> None:
    st.session_state["f_mentions"] = True


def _all_dates() -> None:
    ss = st.session_state
    _window_moved()
    ss["f_window"] = ss["_data_bounds"]


def playback_ticker() -> None:
    """While playing, a timer fragment moves the window one step and reruns the page."""
    ss = st.session_state
    if not ss.get("playing"):
        return

    @st.fragment(run_every=PLAY_INTERVAL_S)
    def tick() -> None:
        if st.session_state.get("_in_full_run"):
            return
        st.session_state["_pending_step"] = True
        st.rerun(scope="app")

    ss["_in_full_run"] = True
    tick()
    ss["_in_full_run"] = False


def apply_pending_step() -> None:
    if st.session_state.pop("_pending_step", False) and st.session_state.get("playing"):
        _step(1)


# -- widgets ----------------------------------------------------------------------------------
def _options(df: pd.DataFrame, selected: list[str]) -> tuple[list[str], dict[str, int]]:
    counts = dict(zip(df["value"].astype(str), df["n"].astype(int), strict=True)) if not df.empty else {}
    opts = list(counts)
    opts += [s for s in selected if s not in counts]
    return opts, counts


def time_controls(summ: D.Summary) -> Any:
    """The window slider and the playback row; returns the row (the share link joins it later).

    The slider's range is the data's, widened to hold the window of the link (so a link past the
    data keeps its window); stepping and playback move within that range."""
    ss = st.session_state
    lo, hi = _bounds(summ)
    ss["_data_bounds"] = (lo, hi)
    seed_lo, seed_hi = ss.get("_seed_range") or (lo, hi)
    r_lo, r_hi = min(lo, seed_lo), max(hi, seed_hi)
    ss["_bounds"] = (r_lo, r_hi)
    slider_hi = r_hi if r_hi > r_lo else r_lo + timedelta(days=1)
    st.slider("Date window", min_value=r_lo, max_value=slider_hi, step=timedelta(days=1), key="f_window",
              format="YYYY-MM-DD", help="Filters the map, charts and table together.", on_change=_window_moved,
              label_visibility="collapsed")
    playing = bool(ss.get("playing"))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with row:
        st.button("Back", icon=":material/skip_previous:", key="btn_back", on_click=_step, args=(-1,),
                  help="Move the window one step back")
        st.button("Pause" if playing else "Play", icon=":material/pause:" if playing else ":material/play_arrow:",
                  key="btn_play", on_click=_toggle_play, type="primary" if playing else "secondary",
                  help=f"Step the window forward every {PLAY_INTERVAL_S:g} s")
        st.button("Forward", icon=":material/skip_next:", key="btn_fwd", on_click=_step, args=(1,),
                  help="Move the window one step forward")
        st.segmented_control("Step", STEPS, key="f_step", required=True, label_visibility="collapsed",
                             format_func=lambda s: f"by {s}")
    return row


def pin_selections() -> None:
    """Keep each filter's selection as values before its widget is drawn again.

    The labels carry counts ("GNA (3)"), and the browser sends a selection back as its label: once
    the counts change (another window, a writer's commit) Streamlit would no longer find the label
    among the options and keep the label itself as the value. Read now, the selection is still
    decoded with the labels it was made with."""
    ss = st.session_state
    for key in MULTI:
        if key in ss:
            ss[key] = list(ss[key])


def sidebar_filters(choice: D.DbChoice, summ: D.Summary, window_view: ViewState) -> None:
    url, version = choice.url, summ.version
    wkey = (window_view.date_from, window_view.date_to, window_view.undated)
    ss = st.session_state
    pin_selections()
    with st.sidebar:
        st.title("Where the fighting moved", anchor=False)
        st.header("Filters", anchor=False)
        st.caption("Counts are events in the date window.")
        df = state.facet_counts(url, version, wkey, "type", window_view)
        _opts, counts = _options(df, [])
        st.multiselect("Event types", EVENT_TYPES, key="f_type", placeholder="All event types",
                       format_func=lambda t, c=counts: f"{t} ({c.get(t, 0)})",
                       help="ACLED's six event types. An incident is the reports of one event across "
                            "articles and outlets.")
        st.toggle("Show mentions without an event", key="f_mentions",
                  help="Places named in the news where no event is reported (a statement, a meeting, "
                       "background): hidden by default, drawn grey when shown.")
        df = state.facet_counts(url, version, wkey, "actor", window_view)
        opts, counts = _options(df, ss.get("f_actor") or [])
        st.multiselect("Actors", opts, key="f_actor", format_func=lambda a, c=counts: f"{a} ({c.get(a, 0)})",
                       placeholder="All actors")
        df = state.facet_counts(url, version, wkey, "country", window_view)
        opts, counts = _options(df, ss.get("f_country") or [])
        st.multiselect("Countries", opts, key="f_country", placeholder="All countries",
                       format_func=lambda v, c=counts: f"{COUNTRY_NAMES.get(v, v)} ({c.get(v, 0)})")
        df = state.facet_counts(url, version, wkey, "place", window_view)
        opts, counts = _options(df, ss.get("f_place") or [])
        labels = {str(r.value): f"{r.label} ({r.country})" if r.country else str(r.label)
                  for r in df.itertuples(index=False)} if not df.empty else {}
        missing = tuple(p for p in opts if p not in labels)
        if missing:
            labels.update(state.place_labels(url, version, missing))
        st.multiselect("Places", opts, key="f_place", placeholder="All places",
                       format_func=lambda p, c=counts, lb=labels: f"{lb.get(p, p)} · {c.get(p, 0)}")
        df = state.facet_counts(url, version, wkey, "source", window_view)
        opts, counts = _options(df, ss.get("f_source") or [])
        st.multiselect("Outlets", opts, key="f_source", placeholder="All outlets",
                       format_func=lambda v, c=counts: f"{v} ({c.get(v, 0)})")
        df = state.facet_counts(url, version, wkey, "lang", window_view)
        opts, counts = _options(df, ss.get("f_lang") or [])
        st.multiselect("Languages", opts, key="f_lang", placeholder="All languages",
                       format_func=lambda v, c=counts: f"{LANG_NAMES.get(v, v)} ({c.get(v, 0)})")
        st.pills("Location precision", [1, 2, 3], selection_mode="multi", key="f_prec",
                 format_func=lambda p: PREC_NAMES[p],
                 help="Precision 3 points are country or region centroids: hidden by default so they do "
                      "not look like battles; drawn as dashed rings when shown.")
        st.text_input("Search snippets and titles", key="f_q", placeholder="e.g. airport, drone, مطار")
        if summ.n_undated:
            st.checkbox(f"Include {summ.n_undated:,} undated events", key="f_undated",
                        help="Events whose date is unknown are outside every window unless included.")
        st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_clear_filters, key="btn_clear",
                  width="stretch")
        st.header("Map", anchor=False)
        st.segmented_control("Show", DENSITIES, key="f_density", required=True,
                             format_func=lambda d: DENSITY_NAMES[d],
                             help="Points: one marker per place, clustered. Density: events counted on "
                                  "hexagons, so a long window reads as fronts.")
        st.segmented_control("Base map", BASEMAPS, key="f_basemap", required=True,
                             format_func=lambda b: BASEMAP_NAMES[b],
                             help="Streets and light grey are map tiles from the internet; when they do not "
                                  "load the offline outline (Natural Earth, served by this app) replaces them "
                                  "by itself. The offline outline asks nothing of the internet.")
        st.segmented_control("Colour points by", COLOR_MODES, key="f_color", required=True,
                             format_func=lambda c: COLOR_NAMES[c])
        st.segmented_control("Size points by", SIZES, key="f_size", required=True,
                             format_func=lambda c: SIZE_NAMES[c],
                             help="Reports: the articles reporting an incident (or a place). People killed: "
                                  "an incident's death toll, the lowest figure its reports give (ACLED's "
                                  "rule); points with no toll are small dots.")
        st.divider()
        origin = {"secrets": "secrets.toml", "env": "CONFLICTMAP_DB", "demo": "demo store"}[choice.origin]
        st.caption(f"Store: {H.md(choice.display)} ({origin})")
        st.caption(f"{summ.n_articles:,} articles · {summ.n_events:,} events"
                   + (f" · {summ.min_date} – {summ.max_date}" if summ.min_date else ""))


# -- page -------------------------------------------------------------------------------------
def link_notices(choice: D.DbChoice, summ: D.Summary, view: ViewState) -> None:
    """Say what the link asked for that the app cannot use, and where the window passes the data."""
    ss = st.session_state
    lines = [p.text() for p in ss.get("_link_problems") or []]
    if ss.get("_link_problems") is not None:
        # values of the link the store has never seen (at any date): kept as filters, but said
        link_view = ss.get("_link_view") or ViewState()
        for facet, attr, label in (("actor", "actors", "no event in this store names this actor"),
                                   ("place", "places", "no place with this id in this store"),
                                   ("country", "countries", "no event in this store is in this country"),
                                   ("source", "sources", "no article in this store is from this outlet"),
                                   ("lang", "languages", "no article in this store is in this language")):
            asked = tuple(v for v in getattr(link_view, attr) if v in getattr(view, attr))
            if asked:
                known = state.known_values(choice.url, summ.version, facet, asked)
                lines += [f"{facet}={shown(v)}: {label} (kept in the link)" for v in asked if v not in known]
    if lines:
        with st.expander(f"Part of this link could not be used ({len(lines)})", expanded=True,
                         icon=":material/link_off:"):
            st.markdown("\n".join(f"- {H.md(line)}" for line in lines))
    lo, hi = _bounds(summ)
    if summ.max_date:
        for note in window_notices(shown_window(view), lo, hi):
            st.caption(f":material/event_busy: {H.md(note)}")


def render(choice: D.DbChoice, summ: D.Summary) -> None:
    url, version = choice.url, summ.version
    seed_state(summ)
    apply_pending_step()
    st.html(PAGE_CSS)

    c_info = st.container()
    controls = time_controls(summ)
    base = current_view()
    window_view = ViewState(date_from=base.date_from, date_to=base.date_to, undated=base.undated)
    sidebar_filters(choice, summ, window_view)
    view = current_view()
    q = sync_url(view)
    playback_ticker()
    link_notices(choice, summ, view)

    key = view.key()
    n_events = state.count_events(url, version, key, view)
    with controls, st.popover("Copy link to this view", icon=":material/link:"):
        st.caption("Anyone with this link opens the same window and filters:")
        st.code(share_link(q), language=None, wrap_lines=True)
    hidden_mentions = 0 if view.include_mentions else state.count_events(
        url, version, (*key, "mentions"), replace(view, event_types=(), mentions_only=True))
    if n_events == 0:
        with c_info:
            st.markdown(window_label(view))
            st.warning("No events match this window and these filters."
                       + (f" {hidden_mentions:,} {_plural(hidden_mentions, 'mention')} without an event "
                          "are hidden." if hidden_mentions else ""), icon=":material/search_off:")
        a, b, c, _ = st.columns([1, 1, 1, 2])
        if view.has_filters:
            a.button("Clear filters", key="btn_clear_empty", on_click=_clear_filters, icon=":material/filter_alt_off:")
        b.button("Show all dates", key="btn_all_dates", on_click=_all_dates, icon=":material/date_range:")
        if hidden_mentions:
            c.button("Show mentions", key="btn_mentions_empty", on_click=_show_mentions, icon=":material/visibility:")
        return

    assets_prefix, assets_warning = state.map_assets()
    opts = MV.MapOptions(color_by=view.color, size_by=view.size, base_path=state.base_path(), asset_base=assets_prefix,
                         basemap=view.basemap, basemap_url=state.basemap_assets(), density=view.density)
    mdata = state.map_data(url, view, opts)  # the page's part of it, computed with the map (a view worker)
    actor_order = mdata.actor_order()
    totals = state.incident_totals(url, view, opts)
    with c_info:
        st.markdown(
            incidents_label(totals) +
            f"**{n_events:,}** {_plural(n_events, 'event')} at "
            f"**{len(mdata.places):,}** {_plural(len(mdata.places), 'place')} · "
            f"{window_label(view)}" + (" · **playing**" if st.session_state.get("playing") else "")
            + (" · in the area {:g},{:g} – {:g},{:g} (lon,lat; *Clear filters* shows everywhere)".format(*view.bbox)
               if view.bbox else ""))

    table = state.table_frame(url, view, TABLE_ROWS, state.base_path(), table_frame)[0]  # shared, read-only
    tkey = table_key(view)
    selected = _selected_row(table, tkey)

    if assets_warning:
        st.caption(f":material/warning: {H.md(assets_warning)}")
    rendered, built = state.rendered_map(url, view, opts)  # built and rendered once for all sessions
    fg = center = zoom = None
    if selected is not None:
        fg = MV.highlight_group(selected["lat"], selected["lon"], MV.event_popup(_Row(selected), opts))
        center, zoom = (float(selected["lat"]), float(selected["lon"])), 9
    mapcomponent.show(rendered, key="map", height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
                      feature_group_to_add=fg, center=center, zoom=zoom)
    notes = st.container(horizontal=True, vertical_alignment="center", gap="small")
    with notes:
        st.caption(" ".join(map_notes(choice, summ, view, mdata, built)))
        if hidden_mentions:
            st.button(f"Show {hidden_mentions:,} {_plural(hidden_mentions, 'mention')} without an event",
                      key="btn_mentions", on_click=_show_mentions, icon=":material/visibility:", type="tertiary")

    bucket = charts.bucket_for(*shown_window(view))
    by_type = view.color != "actor"
    st.subheader("Events through time" + (", by type" if by_type else ", by actor"), anchor=False)
    spec = state.timeline_spec(url, view, bucket, actor_order, by_type, shown_window(view))  # shared
    if spec is None:
        st.caption("No dated events in this view.")
    else:
        state.show_chart(spec)
        st.caption("Events are reports at a place (an incident reported by three outlets counts three)."
                   if by_type else "An event naming two actors counts once for each.")

    c_top, c_events = st.columns([1, 3], gap="medium")
    with c_top:
        st.subheader("Top places", anchor=False)
        st.dataframe(state.top_places(url, view, opts), hide_index=True,
                     column_config={"articles": st.column_config.NumberColumn(help="distinct articles")})
    with c_events:
        events_section(choice, summ, view, table, tkey, n_events)


def incidents_label(totals: D.IncidentTotals) -> str:
    """"**3** incidents from **5** reports · 6 killed · " (empty without incidents)."""
    if not totals.n_incidents:
        return ""
    dead = (f"{totals.fatalities:,} killed (lowest figures reported) · " if totals.any_with_fatalities else "")
    return (f"**{totals.n_incidents:,}** {_plural(totals.n_incidents, 'incident')} from "
            f"**{totals.n_reports:,}** {_plural(totals.n_reports, 'report')} · {dead}")


def window_label(view: ViewState) -> str:
    lo, hi = shown_window(view)
    return (f"{lo.isoformat()} – {hi.isoformat()}" if view.date_to else f"{lo.isoformat()} – latest "
            f"({hi.isoformat()})")


def map_notes(choice: D.DbChoice, summ: D.Summary, view: ViewState, mdata: MV.MapData,
              built: MV.BuiltMap) -> list[str]:
    url, version, key = choice.url, summ.version, view.key()
    notes = []
    if built.mode == "grid":
        notes.append(f"{len(mdata.places):,} places are too many for one marker each: grouped on a "
                     f"{built.grid_deg:g}° grid. Narrow the window or filter to see places, or show the density.")
    elif built.mode == "hex":
        notes.append("Density: events per hexagon (the grid follows the zoom); a hexagon's popup lists its "
                     "most reported places.")
        if built.left_out:
            notes.append(f"{built.left_out:,} events located only to a region or country are not in the "
                         "hexagons.")
    elif mdata.n_snippets == 0 and len(mdata.places) and (
            built.mode == "places" or (mdata.mention_places is not None and len(mdata.mention_places))):
        notes.append("Many events in this view: popups show counts; open a place's events in the table "
                     "through its popup link, or narrow the window.")
    if 3 not in view.precisions:
        hidden = state.count_events(url, version, (*key, "p3"), _with_precisions(view, (3,)))
        if hidden:
            notes.append(f"{hidden:,} country- or region-level mentions (precision 3) are hidden; "
                         "show them with the precision filter.")
    lo, hi = shown_window(view)
    if built.mode != "hex" and (hi - lo).days > LONG_WINDOW_DAYS:
        notes.append("A long window: *Map › Show › density* (sidebar) reads it as fronts.")
    size = "people killed" if view.size == "fatalities" else "the number of articles reporting them"
    if built.mode == "incidents":
        notes.append(f"Points are incidents (the reports of one event across outlets), sized by {size}"
                     + ("; grey points are places mentioned without an event" if view.include_mentions else "")
                     + ". Clusters add up reports.")
    elif built.mode != "hex":
        notes.append(f"Points are places, sized by {size}; clusters add up articles.")
        if built.mode == "places":
            notes.append(f"More than {MV.MAX_INCIDENTS:,} incidents in this view: a point per place (its "
                         "popup counts its incidents); narrow the window for a point per incident.")
    notes.append({"outline": "Base map: the offline outline (Natural Earth).",
                  "grey": "Base map: light grey tiles; without internet the offline outline replaces them.",
                  "streets": "Base map: street tiles; without internet the offline outline replaces them."}
                 [view.basemap])
    return notes


def table_key(view: ViewState) -> str:
    """The events table's widget key: a new view starts with no row selected."""
    return f"{TABLE_KEY}_{hashlib.sha1(repr(view.key()).encode()).hexdigest()[:12]}"  # types included


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


class _Row:
    """Attribute access over a table row dict (for :func:`mapview.event_popup`)."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.__dict__.update(d)


def _with_precisions(view: ViewState, precs: tuple[int, ...]) -> ViewState:
    return replace(view, precisions=precs)


def _selected_row(table: pd.DataFrame, table_key: str) -> dict[str, Any] | None:
    sel = st.session_state.get(table_key)
    try:
        rows = sel["selection"]["rows"] if sel else []
    except (KeyError, TypeError):
        rows = []
    if not rows or table.empty or rows[0] >= len(table):
        return None
    return table.iloc[int(rows[0])].to_dict()


def table_frame(table: pd.DataFrame, base_path: str) -> pd.DataFrame:
    """What the events table shows (plain text cells; links only http(s) or the app's own)."""
    if table.empty:
        return pd.DataFrame(columns=["date", "type", "killed", "place", "actors", "snippet", "article", "link"])
    return pd.DataFrame({
        "date": table["event_date"].fillna("undated"),
        "type": [MV.type_label(t) for t in table["event_type"]],
        "killed": [None if f is None or pd.isna(f) else int(f) for f in table["fatalities"]],
        "place": [f"{p} ({c})" if isinstance(c, str) and c else str(p)
                  for p, c in zip(table["place_name"], table["country"], strict=True)],
        "actors": table["actors"].map(lambda a: ", ".join(a)),
        "snippet": table["snippet"],
        "article": [(t if isinstance(t, str) and t.strip() else f"article {a}") + (f" — {s}" if s else "")
                    for t, a, s in zip(table["article_title"], table["article_id"], table["source"], strict=True)],
        "link": [MV.article_href(base_path, a, u) for a, u in zip(table["article_id"], table["article_url"],
                                                                 strict=True)],
        "text": [H.app_link(base_path, {"article": a}) for a in table["article_id"]],
    })


def events_section(choice: D.DbChoice, summ: D.Summary, view: ViewState, table: pd.DataFrame, table_key: str,
                   n_events: int) -> None:
    st.subheader("Events", anchor=False)
    n_shown = len(table)
    st.caption("Select a row to highlight its point on the map. "
                + (f"Showing the {n_shown:,} most recent of {n_events:,}; the downloads have them all."
                   if n_shown < n_events else f"{n_events:,} events."))
    bp = state.base_path()
    st.dataframe(
        state.table_frame(choice.url, view, TABLE_ROWS, bp, table_frame)[2], key=table_key, on_select="rerun", selection_mode="single-row", hide_index=True,
        column_config={
            "date": st.column_config.TextColumn(width="small"),
            "type": st.column_config.TextColumn("event type", width="medium"),
            "killed": st.column_config.NumberColumn(width="small", format="%d",
                                                    help="People killed as this report states it (empty: no figure)"),
            "snippet": st.column_config.TextColumn(width="large"),
            "link": st.column_config.LinkColumn("original", display_text="open ↗", width="small"),
            "text": st.column_config.LinkColumn("text", display_text="mentions", width="small",
                                                help="The article with its mentions highlighted"),
        },
    )
    engine = state.get_store(choice.url).engine
    limit = export.MAX_ROWS
    c1, c2, c3 = st.columns([1, 1, 3])
    c1.download_button("CSV", data=lambda: export.to_csv(D.iter_view_events(engine, view, limit)),
                       file_name="conflictmap-events.csv", mime="text/csv", icon=":material/download:",
                       on_click="ignore", key="dl_csv")
    c2.download_button("GeoJSON", data=lambda: export.to_geojson(D.iter_view_events(engine, view, limit)),
                       file_name="conflictmap-events.geojson", mime="application/geo+json",
                       icon=":material/download:", on_click="ignore", key="dl_geojson")
    if n_events > limit:
        c3.caption(f"Downloads hold the {limit:,} most recent events of this view.")
    unlocated_section(choice, summ, view)


def unlocated_section(choice: D.DbChoice, summ: D.Summary, view: ViewState) -> None:
    """The view's events that the text reports at no place the map can draw, one click away."""
    n, table = state.unlocated(choice.url, summ.version, view.key(), TABLE_ROWS, view)
    if not n:
        return
    with st.expander(f"{n:,} {_plural(n, 'event')} of this view with no place on the map",
                     icon=":material/location_off:"):
        st.caption("The text reports these events but names no place the gazetteer knows (the name it gives, if "
                   "any, is under 'named in the text'), and no one country is clear. They are in the store and in `conflictmap export` (no coordinates, geo_precision "
                   "4), not in the counts and downloads above. To map them, add their places to a supplementary "
                   "gazetteer (or `conflictmap gazetteer add-geonames`) and extract the articles again."
                   + (f" Showing the {len(table):,} most recent." if len(table) < n else ""))
        frame = table_frame(table, state.base_path())
        st.dataframe(frame, hide_index=True, key="unlocated_table", column_config={
            "place": st.column_config.TextColumn("named in the text", width="small",
                                                 help="the place's name as the text gives it, if it gives one"),
            "date": st.column_config.TextColumn(width="small"),
            "type": st.column_config.TextColumn("event type", width="medium"),
            "killed": st.column_config.NumberColumn(width="small", format="%d"),
            "snippet": st.column_config.TextColumn(width="large"),
            "link": st.column_config.LinkColumn("original", display_text="open ↗", width="small"),
            "text": st.column_config.LinkColumn("text", display_text="mentions", width="small"),
        })
