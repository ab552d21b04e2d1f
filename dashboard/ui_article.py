"""The article page (``?article=ID``): the text with every mention highlighted, each a link to its
point on the map."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from . import data as D
from . import escaping as H
from . import state

CONTEXT_DAYS = 15


def mention_link(base_path: str, row: dict, summ: D.Summary) -> str:
    """The map filtered on the mention's place, a month around its date, every precision."""
    d = None
    if isinstance(row.get("event_date"), str):
        try:
            d = date.fromisoformat(row["event_date"][:10])
        except ValueError:
            d = None
    lo, hi = D.around(d, CONTEXT_DAYS, summ.min_date, summ.max_date)
    params: dict = {}
    if lo:
        params["from"] = lo.isoformat()
    if hi:
        params["to"] = hi.isoformat()
    params["place"] = row["place_id"]
    params["prec"] = ["1", "2", "3"]
    if d is None:
        params["undated"] = "1"
    return H.app_link(base_path, params)


def render(choice: D.DbChoice, summ: D.Summary, article_id: str) -> None:
    bp = state.base_path()
    home = f"/{bp}/" if bp else "/"
    st.html(f"<a href='{H.esc(home)}' target=_self>← Back to the map</a>")
    art, evs = state.article(choice.url, summ.version, article_id[:200])
    if art is None:
        st.warning("No article with this id in the store.", icon=":material/article:")
        st.caption(f"Looked for: {H.md(article_id[:200])}")
        return
    text = art.get("text") or ""
    rtl = H.dir_attrs(art.get("title") or text, art.get("language"))
    title = art.get("title") or f"Article {article_id}"
    st.html(f"<h2{rtl} style='margin:0 0 .3rem 0'>{H.esc(title)}</h2>")
    meta = " · ".join(x for x in (art.get("source"), art.get("published"), D_LANG.get(art.get("language") or "",
                                                                                       art.get("language"))) if x)
    st.html(f"<div style='color:#555'>{H.esc(meta)}{' · ' if meta else ''}{len(evs)} place mentions</div>")
    url = H.safe_url(art.get("url"))
    if url:
        st.link_button("Open the original article", url, icon=":material/open_in_new:")
    elif art.get("url"):
        st.caption("The stored address of this article is not a web (http/https) link, so it is not opened.")
    else:
        st.caption("This article has no web address: this page is its only copy.")

    spans = []
    rows = evs.to_dict("records") if not evs.empty else []
    for r in rows:
        label = r["place_name"] + (f" ({r['country']})" if r.get("country") else "")
        if r.get("event_date"):
            label += f" · {r['event_date']}"
        spans.append(H.Span(int(r["start"]), int(r["end"]), mention_link(bp, r, summ), f"Show {label} on the map"))
    st.html(
        "<style>.cm-art{font-size:1.05rem;line-height:1.7;max-width:52rem}"
        ".cm-art mark{background:#ffe066;padding:0 2px;border-radius:2px}"
        ".cm-art[dir=rtl]{margin-left:auto}.cm-art a.cm-mention{text-decoration:none;color:inherit}"
        ".cm-art a.cm-mention:hover mark{background:#ffb700}</style>"
        f"<div class=cm-art{rtl}>{H.article_text_html(text, spans)}</div>"
    )
    if rows:
        st.subheader("Place mentions", anchor=False)
        st.dataframe(pd.DataFrame({
            "mention": [r["mention"] for r in rows],
            "place": [r["place_name"] for r in rows],
            "arabic": [r.get("place_name_ar") or "" for r in rows],
            "country": [r.get("country") or "" for r in rows],
            "precision": [int(r["geo_precision"]) for r in rows],
            "date": [f"{r['event_date']} ({r['date_precision']})" if r.get("event_date") else "undated" for r in rows],
            "actors": [", ".join(r["actors"]) for r in rows],
            "map": [mention_link(bp, r, summ) for r in rows],
        }), hide_index=True, column_config={
            "map": st.column_config.LinkColumn("map", display_text="show on map"),
        })


D_LANG = {"ar": "Arabic", "en": "English", "fr": "French"}
