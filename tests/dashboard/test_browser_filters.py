# ruff: noqa: F811  (the browser fixtures are imported from test_browser and requested by name)
"""A selected filter in a real browser survives counts that change under it.

The filters' labels carry counts ("GNA (3)") and Streamlit's browser side sends a selection back
as its label; when the count changed since (another window, a writer's commit), the label no
longer matches and Streamlit took the old label as the value: the map showed nothing for an
actor called "GNA (3)". The benchmark of many users with a writer (benchmarks/many_users.py)
found it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .test_browser import App, Page, browser, small_app, tab  # noqa: F401  (fixtures are found by name)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("param", "value"), [
    pytest.param("actor", "GNA", id="actor"),
    pytest.param("country", "LY", id="country"),
    pytest.param("lang", "en", id="language"),
])
def test_a_selected_filter_survives_a_window_with_other_counts(tab: Callable[[App], Page], small_app: App,
                                                              param: str, value: str) -> None:
    t = tab(small_app)
    t.goto(f"?from=2019-04-01&to=2019-04-30&{param}={value}")
    first = t.summary()
    assert "events at" in first
    t.page.get_by_role("button", name="Back", exact=True).click()  # a week earlier: other counts
    t.wait_query(lambda q: q.get("from") == ["2019-03-25"])
    assert t.query().get(param) == [value], t.page.url
    assert "events at" in t.summary()
    t.page.get_by_role("button", name="Forward", exact=True).click()  # and back: the same view as first
    t.wait_query(lambda q: q.get("from") == ["2019-04-01"])
    assert t.query().get(param) == [value], t.page.url
    assert t.summary() == first
