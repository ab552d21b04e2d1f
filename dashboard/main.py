"""What the entry file runs: page setup, the store, and the routing between the two pages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from PIL import Image, ImageDraw
from sqlalchemy.exc import SQLAlchemyError

from . import data as D
from . import escaping as H
from . import runlog, state, ui_article, ui_map, workers

ADD_ARTICLES = "conflictmap extract PATH --db {db}"

#: the cyclic collector's threshold is raised in the server as in the view workers (see there)
GC_THRESHOLD = workers.GC_THRESHOLD
tune_gc = workers.tune_gc

tune_gc()


def store_error(choice: D.DbChoice, message: str) -> None:
    st.error(H.md(message), title="The event store cannot be opened", icon=":material/database_off:")
    path = choice.sqlite_path
    if path and not Path(path).exists():
        st.markdown("Create it by extracting articles into it:")
        st.code(ADD_ARTICLES.format(db=path), language="bash")
    st.markdown(
        "Or point the dashboard at another store: `conflictmap dashboard --db DB`, the `CONFLICTMAP_DB` "
        "environment variable, or `[connections.conflictmap] url = \"…\"` in `.streamlit/secrets.toml`.")


def empty_store(choice: D.DbChoice, summ: D.Summary) -> None:
    db = choice.sqlite_path or choice.display
    if summ.n_articles == 0:
        st.info("This store has no articles yet. Add some — a folder of .txt/.html files, a .jsonl or .csv "
                "export — and reload this page:", icon=":material/inbox:")
    else:
        st.info(f"This store has {summ.n_articles:,} articles but no place mentions in them yet. Add more "
                "articles and reload this page:", icon=":material/inbox:")
    st.code(ADD_ARTICLES.format(db=db), language="bash")
    st.caption(f"Store: {H.md(choice.display)}")


@lru_cache(maxsize=1)
def _icon() -> Image.Image:
    """A red point on a sand disc, drawn here: a Material or emoji icon would be fetched from the
    internet by the browser, and the app must work without it."""
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((2, 2, 61, 61), fill=(244, 241, 236, 255), outline=(120, 110, 100, 255), width=3)
    d.ellipse((20, 20, 43, 43), fill=(179, 38, 30, 255))
    return img


def _run_context() -> dict[str, Any]:
    """Session and view of this run, for the run log (benchmarks)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return {"session": ctx.session_id if ctx else None,
            "query": urlencode({k: st.query_params.get_all(k) for k in st.query_params}, doseq=True)}


def main() -> None:
    with runlog.timed_run(runlog.log_path(), _run_context):
        page()


def page() -> None:
    st.set_page_config(page_title="conflictmap", page_icon=_icon(), layout="wide",
                       initial_sidebar_state="auto")  # collapsed on a phone
    choice = state.choose_db()
    if choice.origin == "demo" and choice.sqlite_path:
        err = state.ensure_demo(Path(choice.sqlite_path))
        if err:
            st.warning(err, title="No store to show yet", icon=":material/hourglass_empty:")
            return
    try:
        state.get_store(choice.url)
        summ = state.summary(choice.url)
        if summ.n_events == 0 and not st.query_params.get("article"):
            empty_store(choice, summ)
            return
        article_id = st.query_params.get("article")
        if article_id:
            ui_article.render(choice, summ, article_id)
        else:
            ui_map.render(choice, summ)
    except D.DataError as exc:
        store_error(choice, str(exc))
    except SQLAlchemyError as exc:  # the database went away or broke while the page was open
        store_error(choice, f"Reading the store failed: {exc.__class__.__name__}.")
