"""Charts beside the map: events through time stacked by event type (or by actor), and the top places."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from .data import NO_ACTOR
from .filters import EVENT_TYPES
from .mapview import ACTOR_PALETTE, MENTION_LABEL, NONE_COLOR, OTHER_COLOR, TYPE_COLORS, type_label

OTHER = "other actors"


def bucket_for(d_from: date | None, d_to: date | None) -> str:
    """Bars per day for a window up to two months, per week up to a year and a half, else per month."""
    if not d_from or not d_to:
        return "month"
    days = (d_to - d_from).days
    return "day" if days <= 62 else "week" if days <= 550 else "month"


def timeline_frame(counts: pd.DataFrame, bucket: str, actor_order: Sequence[str]) -> pd.DataFrame:
    """period, actor, n: daily counts summed per bucket; actors beyond the coloured ones grouped."""
    if counts.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "actor": pd.Series(dtype=str),
                             "n": pd.Series(dtype=int), "end": pd.Series(dtype="datetime64[ns]")})
    df = counts.copy()
    day = pd.to_datetime(df["event_date"], errors="coerce")
    df = df.assign(day=day).dropna(subset=["day"])
    if bucket == "week":
        df["period"] = df["day"] - pd.to_timedelta(df["day"].dt.day_of_week, unit="D")
    elif bucket == "month":
        df["period"] = df["day"].dt.to_period("M").dt.to_timestamp()
    else:
        df["period"] = df["day"]
    keep = set(actor_order[: len(ACTOR_PALETTE)]) | {NO_ACTOR}
    df["actor"] = df["actor"].where(df["actor"].isin(keep), OTHER)
    out = df.groupby(["period", "actor"], as_index=False)["n"].sum()
    step = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(days=7), "month": pd.DateOffset(months=1)}[bucket]
    out["end"] = out["period"] + step
    return out.sort_values(["period", "actor"]).reset_index(drop=True)


#: the event types in the timeline's order (stacked bottom up, listed left to right), mentions last
TYPE_ORDER = (*EVENT_TYPES, MENTION_LABEL)


def type_timeline_frame(counts: pd.DataFrame, bucket: str) -> pd.DataFrame:
    """period, actor (here: the event type, or "mention, no event"), n, end: the counts of
    :func:`data.timeline_by_type` per bucket, in the shape :func:`timeline_chart` draws."""
    if counts.empty:
        return timeline_frame(counts, bucket, ())
    df = counts.assign(actor=[type_label(t) for t in counts["event_type"]]).drop(columns="event_type")
    return timeline_frame(df, bucket, TYPE_ORDER)


def timeline_chart(frame: pd.DataFrame, bucket: str, actor_order: Sequence[str],
                   window: tuple[date | None, date | None] = (None, None), *, by_type: bool = False) -> alt.Chart:
    """Stacked bars through the whole window (a quiet stretch shows as a gap, not as nothing);
    ``by_type``: the series are event types in their map colours (``actor_order`` unused)."""
    present = set(frame["actor"])
    if by_type:
        domain = [t for t in TYPE_ORDER if t in present]
        colors = [TYPE_COLORS.get(t, NONE_COLOR) for t in domain]
    else:
        top = [a for a in actor_order[: len(ACTOR_PALETTE)] if a in present]
        extra = [(a, c) for a, c in ((OTHER, OTHER_COLOR), (NO_ACTOR, NONE_COLOR)) if a in present]
        domain = [*top, *(a for a, _ in extra)]
        colors = [*ACTOR_PALETTE[: len(top)], *(c for _, c in extra)]
    rank = {a: i for i, a in enumerate(domain)}
    frame = frame.assign(rank=[rank.get(a, len(domain)) for a in frame["actor"]])
    fmt = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y"}[bucket]
    axis_fmt = {"day": "%d %b", "week": "%d %b %Y", "month": "%b %Y"}[bucket]
    return (
        alt.Chart(frame)
        .mark_bar(clip=True)
        .encode(
            x=alt.X("period:T", title=None,
                    scale=alt.Scale(domain=[d.isoformat() for d in window]) if all(window) else alt.Undefined,
                    axis=alt.Axis(format=axis_fmt, labelOverlap="greedy", labelFontSize=12, labelPadding=4,
                                  labelFlush=True, tickCount=8)),
            x2="end:T",
            y=alt.Y("sum(n):Q", title=f"events per {bucket}", stack="zero",
                    axis=alt.Axis(labelFontSize=12, titleFontSize=12, tickMinStep=1, format="d")),
            color=alt.Color("actor:N", scale=alt.Scale(domain=domain, range=colors), sort=domain,
                            legend=alt.Legend(title=None, orient="top", direction="horizontal", labelFontSize=12,
                                              labelLimit=190, symbolType="square", columns=3 if by_type else 2,
                                              columnPadding=12)),
            order=alt.Order("rank:Q"),
            tooltip=[alt.Tooltip("period:T", title=bucket, format=fmt),
                     alt.Tooltip("actor:N", title="event type" if by_type else "actor"),
                     alt.Tooltip("sum(n):Q", title="events")],
        )
        .properties(height=190, width="container", padding={"left": 5, "right": 15, "top": 5, "bottom": 5},
                    autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .configure_view(stroke=None)
    )


def top_places(places: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The places reported by most articles in the view."""
    if places.empty:
        return pd.DataFrame(columns=["place", "country", "articles", "events"])
    top = places.nlargest(n, ["n_articles", "n_events"])
    return pd.DataFrame({
        "place": top["place_name"].astype(str),
        "country": top["country"].fillna(""),
        "articles": top["n_articles"].astype(int),
        "events": top["n_events"].astype(int),
    }).reset_index(drop=True)
