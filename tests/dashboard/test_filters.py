"""The view and its URL form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conflictmap.dashboard.filters import (
    DEFAULT_PRECISIONS,
    MAX_VALUES,
    Problem,
    ViewState,
    clamp_window,
    default_window,
    parse_query,
    same_query,
    seed_window,
    slider_range,
    step_window,
    to_query,
    window_notices,
)


def test_round_trip_through_the_url() -> None:
    v = ViewState(date_from=date(2019, 4, 1), date_to=date(2019, 4, 30), actors=("LNA", "GNA"),
                  countries=("LY",), places=("geonames:2210247",), sources=("aljazeera.net",),
                  languages=("ar",), precisions=(1, 2, 3), q="مطار", undated=True, color="kind", step="month")
    q = to_query(v)
    assert q["from"] == ["2019-04-01"] and q["actor"] == ["LNA", "GNA"]
    assert parse_query(q) == v


def test_defaults_stay_out_of_the_url() -> None:
    first = parse_query({"from": "2020-01-01", "to": "2020-01-31"})  # the app's view of a bare link
    assert to_query(first) == {"from": ["2020-01-01"], "to": ["2020-01-31"]}
    assert parse_query({}).precisions == DEFAULT_PRECISIONS
    # events only, coloured by type, sized by reports: mentions without an event are one toggle away
    assert (first.event_types, first.include_mentions, first.color, first.size) == ((), False, "type", "reports")


def test_nonsense_is_dropped_not_raised() -> None:
    v = parse_query({"from": "yesterday", "to": "2019-13-45", "prec": ["9", "x"], "country": ["Libya", "ly"],
                     "color": "<script>", "step": "year", "q": "x" * 1000})
    assert v.date_from is None and v.date_to is None
    assert v.precisions == DEFAULT_PRECISIONS and v.countries == ("LY",)
    assert v.color == "type" and v.step == "week" and len(v.q) <= 200


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


@pytest.mark.parametrize(("params", "param", "reason"), [
    pytest.param({"from": "2021-02-30"}, "from", "not a date", id="impossible-date"),
    pytest.param({"to": "yesterday"}, "to", "not a date", id="word-for-a-date"),
    pytest.param({"q": "x" * 5000}, "q", "longer than the 200 characters", id="5000-characters"),
    pytest.param({"actor": "ح" * 300}, "actor", "longer than the 200 characters", id="long-arabic-actor"),
    pytest.param({"actor": [f"a{i}" for i in range(MAX_VALUES + 3)]}, "actor", "more than 50 values", id="too-many"),
    pytest.param({"country": "Libya"}, "country", "not a two-letter country code", id="country-name"),
    pytest.param({"prec": "4"}, "prec", "1, 2 or 3", id="precision"),
    pytest.param({"density": "heat"}, "density", "not one of points, hex", id="density-option"),
    pytest.param({"basemap": "satellite"}, "basemap", "not one of streets, grey, outline", id="basemap-option"),
    pytest.param({"color": "<script>"}, "color", "not one of type, actor, kind", id="colour-option"),
    pytest.param({"type": "Airstrikes"}, "type", "not an event type (Battles, Violence against civilians",
                 id="unknown-event-type"),
    pytest.param({"type": "<b>Battles</b>"}, "type", "not an event type", id="event-type-markup"),
    pytest.param({"mentions": "all"}, "mentions", "not 1 or 0; mentions without an event are hidden",
                 id="mentions-flag"),
    pytest.param({"size": "deaths"}, "size", "not one of reports, fatalities; reports is used", id="size-option"),
    pytest.param({"type": ["Battles", "x" * 300]}, "type", "longer than the 200 characters", id="long-type"),
    pytest.param({"bbox": "1,2,3"}, "bbox", "not an area", id="bbox"),
    pytest.param({"undated": "maybe"}, "undated", "not 1 or 0", id="undated"),
    pytest.param({"from": ["2019-01-01", "2019-02-01"]}, "from", "given more than once", id="twice"),
    pytest.param({"colour": "kind"}, "colour", "not a parameter of this app", id="unknown-parameter"),
    pytest.param({"from": "2019-05-01", "to": "2019-04-01"}, "from", "the two are swapped", id="reversed"),
])
def test_what_the_app_cannot_use_is_named(params: dict, param: str, reason: str) -> None:
    problems: list[Problem] = []
    parse_query(params, problems)
    assert [p.param for p in problems] == [param], problems
    assert reason in problems[0].text()


def test_a_clean_link_has_no_problems() -> None:
    problems: list[Problem] = []
    v = parse_query({"from": "2019-04-01", "to": "2019-04-30", "actor": ["LNA", "قوات الوفاق"], "prec": ["1", "3"],
                     "basemap": "outline", "density": "hex", "article": "a1", "embed": "true"}, problems)
    assert problems == []
    assert (v.basemap, v.density, v.precisions) == ("outline", "hex", (1, 3))
    assert to_query(v)["basemap"] == ["outline"] and to_query(v)["density"] == ["hex"]


def test_long_values_are_quoted_short() -> None:
    problems: list[Problem] = []
    parse_query({"q": "y" * 5000}, problems)
    text = problems[0].text()
    assert "(5,000 characters)" in text and len(text) < 200


def test_same_query_compares_values_as_written() -> None:
    # a value the view drops must make the address bar differ, so it is rewritten without it
    assert not same_query({"q": "x" * 5000}, {})
    assert not same_query({"density": "heat"}, {})


@pytest.mark.parametrize(("window", "expected"), [
    pytest.param((None, None), (date(2019, 5, 1), date(2019, 5, 30)), id="no-window-last-month"),
    pytest.param((date(2019, 5, 1), date(2021, 12, 31)), (date(2019, 5, 1), date(2021, 12, 31)), id="past-the-data"),
    pytest.param((date(2018, 1, 1), date(2018, 2, 1)), (date(2018, 1, 1), date(2018, 2, 1)), id="before-the-data"),
    pytest.param((date(2019, 4, 1), None), (date(2019, 4, 1), date(2019, 5, 30)), id="open-end"),
    pytest.param((None, date(2019, 4, 1)), (date(2019, 3, 1), date(2019, 4, 1)), id="open-start"),
    pytest.param((date(2022, 1, 1), None), (date(2022, 1, 1), date(2022, 1, 1)), id="open-end-after-the-data"),
])
def test_a_links_window_is_kept_as_written(window: tuple, expected: tuple) -> None:
    lo, hi = date(2019, 3, 1), date(2019, 5, 30)
    seeded = seed_window(window, lo, hi)
    assert seeded == expected
    r_lo, r_hi = slider_range(seeded, lo, hi)
    assert r_lo <= min(lo, seeded[0]) and r_hi >= max(hi, seeded[1])


@pytest.mark.parametrize(("window", "said"), [
    pytest.param((date(2019, 5, 1), date(2021, 12, 31)), ["No events after 2019-05-30"], id="past-the-end"),
    pytest.param((date(2019, 1, 1), date(2019, 3, 31)), ["No events before 2019-03-01"], id="before-the-start"),
    pytest.param((date(2018, 1, 1), date(2021, 1, 1)), ["No events before", "No events after"], id="both"),
    pytest.param((date(2022, 1, 1), date(2022, 2, 1)), ["starts after the last dated event"], id="after-all"),
    pytest.param((date(2017, 1, 1), date(2017, 2, 1)), ["ends before the first dated event"], id="before-all"),
    pytest.param((date(2019, 4, 1), date(2019, 4, 30)), [], id="inside"),
])
def test_windows_past_the_data_are_said(window: tuple, said: list[str]) -> None:
    notes = window_notices(window, date(2019, 3, 1), date(2019, 5, 30))
    assert len(notes) == len(said)
    for note, s in zip(notes, said, strict=True):
        assert s in note


@pytest.mark.parametrize("params, types, mentions, size, color", [
    pytest.param({}, (), False, "reports", "type", id="bare-link"),
    pytest.param({"type": "Battles"}, ("Battles",), False, "reports", "type", id="one-type"),
    pytest.param({"type": ["protests", "explosions/remote violence"]}, ("Protests", "Explosions/Remote violence"),
                 False, "reports", "type", id="types-in-any-case"),
    pytest.param({"type": ["Riots", "Riots"], "mentions": "1"}, ("Riots",), True, "reports", "type", id="repeated"),
    pytest.param({"mentions": "0", "size": "fatalities", "color": "actor"}, (), False, "fatalities", "actor",
                 id="size-and-colour"),
])
def test_event_type_mentions_and_size_from_the_link(params: dict, types: tuple, mentions: bool, size: str,
                                                    color: str) -> None:
    problems: list[Problem] = []
    v = parse_query(params, problems)
    assert problems == []
    assert (v.event_types, v.include_mentions, v.size, v.color) == (types, mentions, size, color)
    assert parse_query(to_query(v)) == v  # and back through the URL


def test_the_event_types_are_acleds_six() -> None:
    from conflictmap.dashboard.filters import EVENT_TYPES
    from conflictmap.extract.model import EVENT_TYPES as MODEL_TYPES

    assert sorted(EVENT_TYPES) == sorted(MODEL_TYPES)


def test_event_types_are_part_of_the_cache_key() -> None:
    v = parse_query({"from": "2020-01-01"})
    keys = {v.key(), replace(v, event_types=("Battles",)).key(), replace(v, include_mentions=True).key(),
            replace(v, mentions_only=True).key()}
    assert len(keys) == 4
    assert replace(v, size="fatalities").key() == v.key()  # display only
