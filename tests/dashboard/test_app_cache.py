"""The map of a view is built once for every session, and a commit elsewhere leaves it cached.

AppTest runs the page in this process, so its caches are the server's: a second session opening
the same view gets the first one's rendering; a writer adding events to other months does not
throw it away; a writer adding to the view's own months does — once the view's result is older
than ``state.REFRESH_S``, and then in the background: the page that finds it stale still gets it
at once, a later page the new one, and the map is built again once, not once per page.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard import state
from conflictmap.extract.model import Article
from conflictmap.extract.store import Store

from .conftest import _event, small_batch, write_store
from .test_app import map_args, run_app, summary_line

APRIL = {"from": "2019-04-01", "to": "2019-04-30"}


def _add(db: Path, aid: str, day: date) -> None:
    text = f"Fighting was reported in Gharyan on {day.isoformat()}."
    art = Article(id=aid, text=text, url=f"https://news.example.org/{aid}", title="A later report",
                  source="example.org", published=day.isoformat(), language="en")
    with Store(db) as s:
        ev = replace(_event(aid, text, "Gharyan", "gharyan", day, ["GNA"], "en", art),
                     event_type="Battles", sub_event_type="Armed clash")  # an event: the app shows it by default
        s.save_batch([(art, [ev])])


@pytest.fixture()
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every map the app builds."""
    made: list[Any] = []
    real = MV.build_map

    def counting(*args: Any, **kwargs: Any) -> Any:
        made.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(MV, "build_map", counting)
    return made


@pytest.mark.parametrize(("month", "rebuilt"), [
    pytest.param(date(2020, 2, 11), False, id="a commit to other months"),
    pytest.param(date(2019, 4, 20), True, id="a commit to the view's month"),
])
def test_a_view_is_built_once_for_all_sessions_until_its_months_change(
        use_db, tmp_path: Path, builds: list[Any], month: date, rebuilt: bool) -> None:
    db = write_store(tmp_path / "cache.db", small_batch())
    use_db(db)
    first = run_app(APRIL)
    assert not first.exception
    assert len(builds) == 1
    second = run_app(APRIL)  # another session, same view
    assert len(builds) == 1
    assert map_args(second)["script"] == map_args(first)["script"]
    before = summary_line(second)

    _add(db, "later", month)
    state._window_version.clear()  # as when VERSION_TTL has passed
    third = run_app(APRIL)  # the view's result is fresh: shown as it was
    assert not third.exception
    assert summary_line(third) == before and len(builds) == 1

    time.sleep(state.REFRESH_S + 0.2)  # now it is stale
    t0 = time.perf_counter()
    fourth = run_app(APRIL)  # served at once, refreshed off the page
    assert not fourth.exception
    assert summary_line(fourth) == before
    shown = [summary_line(fourth)]
    deadline = time.monotonic() + 30
    def refreshing() -> bool:
        # the summary and the map are refreshed by separate background tasks: wait for both
        if rebuilt:
            return summary_line(fourth) == before or len(builds) < 2
        return summary_line(fourth) != before

    while time.monotonic() < deadline and refreshing():
        time.sleep(0.3)
        fourth = run_app(APRIL)  # each page finds what is still stale and asks for its refresh
        shown.append(summary_line(fourth))
        if not rebuilt and time.perf_counter() - t0 > 3:
            break
    assert (summary_line(fourth) != before) == rebuilt, shown
    assert len(builds) == (2 if rebuilt else 1)


def test_the_density_view_reads_no_popups_and_the_points_map_after_it_is_unchanged(
        use_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A density view asks for the per-place counts alone; the points map of the same filters
    opened after it adds its popups' details to those counts (kept in the process that computed
    them, workers.ViewShare: the counts are not read again) and sends what it sends when opened
    first."""
    db = write_store(tmp_path / "density.db", small_batch())
    use_db(db)
    alone = run_app(APRIL)  # the points map, caches cold
    assert not alone.exception
    points_script = map_args(alone)["script"]
    assert "cm-pop" in points_script
    st_cache_clear()
    details: list[Any] = []
    real = MV.add_details
    monkeypatch.setattr(MV, "add_details", lambda *a, **k: details.append(a[1]) or real(*a, **k))
    loads: list[Any] = []
    real_load = MV.load_map_data
    monkeypatch.setattr(MV, "load_map_data", lambda *a, **k: loads.append(k) or real_load(*a, **k))
    dens = run_app({**APRIL, "density": "hex"})
    assert not dens.exception
    assert "cmDensityState" in map_args(dens)["script"]
    assert details == [] and loads == [{"details": False}]
    points = run_app(APRIL)
    assert not points.exception
    assert len(details) == 1 and loads == [{"details": False}]  # the density view's counts, details added
    assert map_args(points)["script"] == points_script


def st_cache_clear() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_events_table_is_sent_as_streamlit_would_send_its_frame(use_db, tmp_path: Path) -> None:
    """The events table goes to st.dataframe already in Arrow (made once per view): the bytes the
    browser gets are those Streamlit makes from the shown DataFrame itself."""
    from conflictmap.dashboard import ui_map
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

    db = write_store(tmp_path / "table.db", small_batch())
    use_db(db)
    at = run_app(APRIL)
    assert not at.exception
    shown = [d for d in at.dataframe if "snippet" in d.value.columns]
    assert len(shown) == 1 and len(shown[0].value) > 0
    from conflictmap.dashboard.filters import ViewState

    view = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30))
    frame = state.table_frame(state.choose_db().url, view, ui_map.TABLE_ROWS, "", ui_map.table_frame)[1]
    assert shown[0].proto.arrow_data.data == convert_pandas_df_to_arrow_bytes(frame)
