"""The view and its URL form."""

from __future__ import annotations

from datetime import date

from conflictmap.dashboard.filters import (
    DEFAULT_PRECISIONS,
    ViewState,
    clamp_window,
    default_window,
    parse_query,
    same_query,
    step_window,
    to_query,
)


def test_round_trip_through_the_url() -> None:
    v = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), actors=("LNA", "GNA"),
                  countries=("LY",), places=("geonames:2210247",), sources=("aljazeera.net",),
                  languages=("ar",), precisions=(1, 2, 3), q="مطار", undated=True, color="kind", step="month")
    q = to_query(v)
    assert q["from"] == ["2019-04-01"] and q["actor"] == ["LNA", "GNA"]
    assert parse_query(q) == v


def test_defaults_stay_out_of_the_url() -> None:
    q = to_query(ViewState(date_from=date(2020, 1, 1), date_to=date(2020, 1, 31)))
    assert set(q) == {"from", "to"}
    assert parse_query({}).precisions == DEFAULT_PRECISIONS


def test_nonsense_is_dropped_not_raised() -> None:
    v = parse_query({"from": "yesterday", "to": "2019-13-45", "prec": ["9", "x"], "country": ["Libya", "ly"],
                     "color": "<script>", "step": "year", "q": "x" * 1000})
    assert v.date_from is None and v.date_to is None
    assert v.precisions == DEFAULT_PRECISIONS and v.countries == ("LY",)
    assert v.color == "actor" and v.step == "week" and len(v.q) <= 200


def test_reversed_window_is_swapped() -> None:
    v = parse_query({"from": "2019-05-01", "to": "2019-04-01"})
    assert (v.date_from, v.date_to) == (date(2019, 4, 1), date(2019, 5, 1))


def test_same_query_treats_str_and_list_alike() -> None:
    assert same_query({"from": "2019-01-01", "actor": ["a", "b"]}, {"from": ["2019-01-01"], "actor": ["a", "b"]})
    assert not same_query({"actor": ["a"]}, {"actor": ["a", "b"]})


def test_first_view_is_the_last_month() -> None:
    assert default_window(date(2015, 1, 1), date(2019, 3, 31)) == (date(2019, 3, 1), date(2019, 3, 31))
    assert default_window(date(2019, 3, 20), date(2019, 3, 31)) == (date(2019, 3, 20), date(2019, 3, 31))


def test_clamp_window_to_the_data() -> None:
    lo, hi = date(2019, 1, 1), date(2019, 12, 31)
    assert clamp_window((date(2010, 1, 1), date(2030, 1, 1)), lo, hi) == (lo, hi)
    assert clamp_window((None, None), lo, hi) == (date(2019, 12, 1), hi)


def test_step_keeps_the_length_and_stops_at_the_ends() -> None:
    lo, hi = date(2019, 1, 1), date(2019, 3, 31)
    w = (date(2019, 1, 1), date(2019, 1, 31))
    w2, moved = step_window(w, "week", 1, lo, hi)
    assert moved and w2 == (date(2019, 1, 8), date(2019, 2, 7))
    w3, _ = step_window(w, "month", 1, lo, hi)
    assert w3 == (date(2019, 2, 1), date(2019, 2, 28))
    end = (date(2019, 3, 1), date(2019, 3, 31))
    assert step_window(end, "day", 1, lo, hi) == (end, False)
    assert step_window(w, "day", -1, lo, hi) == (w, False)
