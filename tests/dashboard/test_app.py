"""AppTest (streamlit.testing.v1) over every page and state of the dashboard."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard import state
from conflictmap.dashboard.filters import same_query
from streamlit.testing.v1 import AppTest

from .conftest import APP, small_batch, write_store

TIMEOUT = 60


def run_app(query: dict[str, Any] | None = None, secrets: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    return at.run()


def qp(at: AppTest) -> dict[str, list[str]]:
    return {k: (v if isinstance(v, list) else [v]) for k, v in at.query_params.items()}


def map_args(at: AppTest) -> dict[str, Any]:
    comps = at.get("component_instance")
    assert comps, "no map component on the page"
    return json.loads(comps[0].proto.json_args)


def header_line(at: AppTest) -> str:
    """The counts above the map: "**N** incidents from **M** reports · … **E** events at **P** places · window"."""
    lines = [m.value for m in at.markdown if " events at " in m.value or " event at " in m.value]
    return lines[0] if lines else ""


def summary_line(at: AppTest) -> str:
    """The header from its "**E** events at **P** places" on."""
    m = re.search(r"\*\*[\d,]+\*\* events? at .*", header_line(at))
    return m.group(0) if m else ""


def all_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "code")
             for e in at.get(kind)]
    return "\n".join(parts)


def test_first_view_is_the_last_month_with_a_local_leaflet_map(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app()
    assert not at.exception
    assert qp(at) == {"from": ["2019-05-01"], "to": ["2019-05-30"]}
    assert summary_line(at).startswith("**7** events at **5** places")
    args = map_args(at)
    served = "/component/conflictmap.dashboard.state.map_assets"
    assert args["js_links"] == [f"{served}/leaflet.js", f"{served}/leaflet.markercluster.js"]
    assert all(u.startswith(served + "/") for u in args["css_links"])
    assert args["returned_objects"] == []  # panning and zooming never rerun the app
    assert "L.markerClusterGroup" in args["script"] and "Tripoli" in args["script"]
    assert at.get("vega_lite_chart"), "timeline chart missing"
    assert len(at.get("download_button")) == 2
    # the share link holds the view
    assert "from=2019-05-01&to=2019-05-30" in at.get("code")[0].value


def test_filters_change_the_map_charts_and_url(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app()
    script_before = map_args(at)["script"]
    at.multiselect(key="f_actor").set_value(["GNA"]).run()
    assert not at.exception
    assert qp(at)["actor"] == ["GNA"]
    assert summary_line(at).startswith("**3** events at **2** places")
    assert map_args(at)["script"] != script_before
    table = at.dataframe[-1].value
    assert all("GNA" in a for a in table["actors"])

    at.text_input(key="f_q").set_value("Ain Zara").run()
    assert qp(at)["q"] == ["Ain Zara"]
    assert summary_line(at).startswith("**2** events at **2** places")  # the title names Ain Zara

    at.button(key="btn_clear").click().run()
    assert "actor" not in qp(at) and "q" not in qp(at)
    assert summary_line(at).startswith("**7** events")


def test_precision_country_language_and_outlet_filters(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app({"from": "2019-03-01", "to": "2019-05-30"})
    assert summary_line(at).startswith("**19** events")
    at.get("pills")[0].set_value([1, 2, 3]).run()
    assert qp(at)["prec"] == ["1", "2", "3"]
    assert summary_line(at).startswith("**21** events")
    assert "dashArray" in map_args(at)["script"]  # country centroids drawn as dashed rings
    at.multiselect(key="f_country").set_value(["ML"]).run()
    assert summary_line(at).startswith("**2** events at **1** place")
    at.multiselect(key="f_country").set_value([]).run()
    at.multiselect(key="f_lang").set_value(["ar"]).run()
    assert qp(at)["lang"] == ["ar"]
    at.multiselect(key="f_lang").set_value([]).run()
    at.multiselect(key="f_source").set_value(["example.org"]).run()
    assert qp(at)["source"] == ["example.org"]
    assert not at.exception


def test_a_copied_link_reopens_the_same_view(use_db, small_store: Path) -> None:
    use_db(small_store)
    link = {"from": "2019-03-10", "to": "2019-04-20", "actor": ["LNA", "GNA"], "place": "test:ainzara",
            "q": "زارة", "prec": ["1", "2", "3"], "color": "kind", "step": "month"}
    at = run_app(link)
    assert not at.exception
    assert same_query(qp(at), link)
    ss = at.session_state
    assert ss["f_actor"] == ["LNA", "GNA"] and ss["f_place"] == ["test:ainzara"] and ss["f_q"] == "زارة"
    assert ss["f_color"] == "kind" and ss["f_step"] == "month"
    assert "Kind of place" in map_args(at)["script"]
    # and the share link written by this session is that view
    code = at.get("code")[0].value
    again = run_app(parse_qs(urlsplit(code).query))
    assert summary_line(again) == summary_line(at)


def test_window_slider_and_playback_buttons(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app()
    from datetime import date

    at.slider(key="f_window").set_range(date(2019, 3, 1), date(2019, 3, 31)).run()
    assert qp(at)["from"] == ["2019-03-01"] and qp(at)["to"] == ["2019-03-31"]
    first = summary_line(at)
    at.button(key="btn_fwd").click().run()  # one week forward
    assert qp(at)["from"] == ["2019-03-08"] and qp(at)["to"] == ["2019-04-07"]
    assert summary_line(at) != first
    at.get("segmented_control")[0].set_value("month").run()
    at.button(key="btn_fwd").click().run()
    assert qp(at)["from"] == ["2019-04-08"] and qp(at)["step"] == ["month"]
    at.button(key="btn_back").click().run()
    assert qp(at)["from"] == ["2019-03-08"]
    at.button(key="btn_play").click().run()
    assert at.session_state["playing"] is True and at.button(key="btn_play").label == "Pause"
    at.button(key="btn_play").click().run()
    assert at.session_state["playing"] is False


def test_playback_tick_advances_the_window(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app({"from": "2019-03-01", "to": "2019-03-31"})
    at.button(key="btn_play").click().run()
    at.session_state["_pending_step"] = True  # what the timer fragment sets before rerunning the app
    at.run()
    assert qp(at)["from"] == ["2019-03-08"]
    assert not at.exception


def test_a_filter_that_leaves_nothing_says_so_and_offers_to_clear(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app({"q": "no such words anywhere"})
    assert not at.exception
    assert any("No events match" in w.value for w in at.warning)
    assert not at.get("component_instance")
    at.button(key="btn_clear_empty").click().run()
    assert summary_line(at).startswith("**7** events")
    at = run_app({"from": "2019-03-02", "to": "2019-03-04"})
    assert any("No events match" in w.value for w in at.warning)
    at.button(key="btn_all_dates").click().run()
    assert qp(at)["from"] == ["2019-03-01"] and qp(at)["to"] == ["2019-05-30"]


def test_empty_store_explains_how_to_add_articles(use_db, empty_store: Path) -> None:
    use_db(empty_store)
    at = run_app()
    assert not at.exception
    assert any("no articles yet" in i.value for i in at.info)
    assert f"conflictmap extract PATH --db {empty_store}" in at.get("code")[0].value


def test_broken_store_is_a_clear_message(use_db, broken_store: Path) -> None:
    use_db(broken_store)
    at = run_app()
    assert not at.exception
    assert at.error and "cannot be opened" in str(at.error[0].proto)


def test_missing_store_is_a_clear_message_with_the_fix(use_db, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    use_db(missing)
    at = run_app()
    assert not at.exception
    assert at.error and "no database" in at.error[0].value
    assert any(f"--db {missing}" in c.value for c in at.get("code"))
    assert not missing.exists()  # opening read-only never creates an empty store


def test_unreachable_postgres_hides_the_password(use_db) -> None:
    use_db("postgresql+psycopg://analyst:hunter2@127.0.0.1:9/conflicts")
    at = run_app()
    assert not at.exception and at.error
    assert "hunter2" not in all_text(at) + str(at.error[0].proto)


def test_secrets_come_before_the_environment(use_db, small_store: Path, empty_store: Path) -> None:
    use_db(empty_store)
    at = run_app(secrets={"connections": {"conflictmap": {"url": f"sqlite:///{small_store}"}}})
    assert not at.exception
    assert summary_line(at).startswith("**7** events")


def test_demo_store_message_when_it_cannot_be_built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DEMO_DB", str(tmp_path / "demo.db"))
    with mock.patch.object(state, "demo_available", return_value=False):
        at = run_app()
    assert not at.exception
    assert at.warning and "conflictmap dashboard --db DB" in at.warning[0].value


def test_demo_store_is_built_when_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    demo = tmp_path / "cache" / "demo.db"
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DEMO_DB", str(demo))
    fake = tmp_path / "fake_demo.py"  # stands in for `python -m conflictmap.cli demo --db PATH`
    fake.write_text(
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
        "from tests.dashboard.conftest import small_batch, write_store\n"
        "from pathlib import Path\n"
        "write_store(Path(sys.argv[-1]), small_batch())\n")
    with mock.patch.object(state, "DEMO_COMMAND", [sys.executable, str(fake), "--db"]), \
            mock.patch.object(state, "demo_available", return_value=True):
        at = run_app()
    assert not at.exception, at.exception
    assert demo.exists()
    assert summary_line(at).startswith("**7** events")


def test_article_page_highlights_every_mention_and_links_it_to_the_map(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app({"article": "a01"})
    assert not at.exception
    html = "\n".join(h.value for h in at.get("html"))
    assert html.count("<mark>") == 2
    assert "place=test%3Atripoli" in html and "place=test%3Aainzara" in html
    assert "from=2019-02-24" in html or "from=2019-03-01" in html
    assert "dir=rtl" in html
    assert at.get("link_button") and at.get("link_button")[0].proto.url == "https://news.example.org/ar/a01"
    # the mention link opens the map filtered on that place
    link = html.split("href=\"", 2)[1].split("\"", 1)[0].replace("&amp;", "&")
    params = parse_qs(urlsplit(link).query)
    mapped = run_app(params)
    assert not mapped.exception and mapped.session_state["f_place"] == [params["place"][0]]
    assert summary_line(mapped)


def test_article_without_a_web_address_and_unknown_ids(use_db, small_store: Path) -> None:
    use_db(small_store)
    at = run_app({"article": "a03"})
    assert not at.exception and not at.get("link_button")
    assert any("no web address" in c.value for c in at.caption)
    at = run_app({"article": "nope"})
    assert not at.exception and at.warning


def test_hostile_fixtures_stay_inert_in_the_app(use_db, hostile_store: Path) -> None:
    use_db(hostile_store)
    at = run_app()
    assert not at.exception
    args = map_args(at)
    for bad in ("${", "`", "<script", "<img", "<svg", "javascript:", "{{", "{%"):
        assert bad not in args["script"], bad
    assert "cm-pop" in args["script"]
    for i in range(7):
        page = run_app({"article": f"evil{i}"})
        assert not page.exception
        html = "\n".join(h.value for h in page.get("html"))
        assert "<script" not in html and "<img" not in html and "<svg" not in html and "${" not in html
        for b in page.get("link_button"):
            assert b.proto.url.startswith("https://")


def test_a_store_of_undated_events_only(use_db, tmp_path: Path) -> None:
    batch = [(art, [ev for ev in evs if ev.event_date is None]) for art, evs in small_batch()]
    db = write_store(tmp_path / "undated.db", [b for b in batch if b[1]])
    use_db(db)
    at = run_app()
    assert not at.exception
    at.checkbox(key="f_undated").check().run()
    assert not at.exception and qp(at)["undated"] == ["1"]
    assert summary_line(at).startswith("**1** event at **1** place")


def test_demo_build_failure_is_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    monkeypatch.setenv("CONFLICTMAP_DEMO_DB", str(tmp_path / "demo.db"))
    failing = [sys.executable, "-c", "import sys; sys.exit('no demo corpus [x](javascript:alert(1))')", "--db"]
    with mock.patch.object(state, "DEMO_COMMAND", failing), \
            mock.patch.object(state, "demo_available", return_value=True):
        at = run_app()
    assert not at.exception
    text = at.warning[0].value
    assert "Building the demo store failed (exit 1)" in text and "no demo corpus" in text
    assert "](javascript" not in text  # shown literally, not as a link


# -- events, not mentions ------------------------------------------------------------------------
def map_script(at: AppTest) -> str:
    return map_args(at)["script"]


def test_first_view_shows_incidents_and_hides_mentions_one_click_away(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app()
    assert not at.exception
    assert qp(at) == {"from": ["2021-06-10"], "to": ["2021-06-16"]}  # nothing about types: the defaults
    head = header_line(at)
    assert head.startswith("**3** incidents from **5** reports · 7 killed (lowest figures reported) · "
                           "**5** events at **3** places"), head
    script = map_script(at)
    for t in ("Explosions/Remote violence", "Protests", "Battles"):
        assert t in script
    assert "Sabha" not in script and "Ain Zara" not in script  # mentions without an event: hidden
    assert "#E69F00" in script and "#56B4E9" in script and "#D55E00" in script  # the type colours
    shown = [b for b in at.button if b.key == "btn_mentions"]
    assert shown and shown[0].label == "Show 2 mentions without an event"
    shown[0].click().run()
    assert not at.exception
    assert qp(at)["mentions"] == ["1"] and at.session_state["f_mentions"] is True
    script = map_script(at)
    assert "Sabha" in script and "Ain Zara" in script and MV.MENTION_COLOR in script
    assert summary_line(at).startswith("**7** events at **5** places")
    at.toggle(key="f_mentions").set_value(False).run()
    assert "mentions" not in qp(at) and "Sabha" not in map_script(at)


def test_event_type_filter_round_trips_through_the_url(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app()
    options = at.multiselect(key="f_type").options  # ACLED's six, each with its events in the window
    assert options == ["Battles (1)", "Violence against civilians (0)", "Explosions/Remote violence (3)",
                       "Riots (0)", "Protests (1)", "Strategic developments (0)"]
    at.multiselect(key="f_type").set_value(["Protests", "Battles"]).run()
    assert not at.exception
    assert qp(at)["type"] == ["Battles", "Protests"]  # in ACLED's order, whatever the clicking order
    assert header_line(at).startswith("**2** incidents from **2** reports · 2 killed")
    assert "Air/drone strike" not in map_script(at)
    # the copied link reopens exactly this, with the other event options
    link = {"from": "2021-06-01", "to": "2021-06-30", "type": ["Explosions/Remote violence"], "mentions": "1",
            "size": "fatalities", "color": "actor"}
    again = run_app(link)
    assert not again.exception
    assert same_query(qp(again), link)
    ss = again.session_state
    assert ss["f_type"] == ["Explosions/Remote violence"] and ss["f_mentions"] is True
    assert ss["f_size"] == "fatalities" and ss["f_color"] == "actor"
    assert header_line(again).startswith("**1** incident from **3** reports · 5 killed")
    script = map_script(again)
    assert "size: people killed" in script and "Main actor" in script
    assert "Sabha" in script  # mentions shown beside the strikes
    # clearing the filters clears the types, keeps the mentions toggle
    again.button(key="btn_clear").click().run()
    assert "type" not in qp(again) and qp(again)["mentions"] == ["1"]


@pytest.mark.parametrize(("link", "said"), [
    pytest.param({"type": "Airstrikes"}, "type=“Airstrikes”: not an event type", id="unknown-type"),
    pytest.param({"mentions": "sometimes"}, "mentions=“sometimes”: not 1 or 0", id="mentions-flag"),
    pytest.param({"size": "deaths"}, "size=“deaths”: not one of reports, fatalities", id="size"),
])
def test_unusable_event_options_are_named(use_db, events_store: Path, link: dict, said: str) -> None:
    use_db(events_store)
    at = run_app(link)
    assert not at.exception
    text = "\n".join(e.value for e in at.markdown).replace("\\", "")  # the notice escapes Markdown
    assert said in text, text[:2000]
    for k in link:
        assert k not in qp(at)  # left out of the address bar
    assert header_line(at).startswith("**3** incidents")


def test_incident_popup_lists_every_report_with_its_outlet_and_toll(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app()
    script = map_script(at)
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", script, re.S).group(1))
    strike = [r for r in rows if "Explosions/Remote violence" in r[5]]
    assert len(strike) == 1  # three reports, one point
    tooltip, popup = strike[0][5], strike[0][6]
    assert tooltip == "Explosions/Remote violence · Gao — 3 reports · 5 killed"
    # the popup travels as data (POPUP_JS builds it when it opens: tests/dashboard/test_browser_popups.py)
    kind, etype, _colour, sub, place, _ar, _country, _span, n_rep, n_out, dead, injured = popup[:12]
    assert (kind, etype, sub, place) == ("i", "Explosions/Remote violence", "Air/drone strike", "Gao")
    assert (n_rep, n_out, dead, injured) == (3, 3, 5, 3)
    items = {item[3]: item for item in popup[14]}  # outlet -> [article, title, URL, outlet, date, toll]
    for outlet, title, toll in (("wire.example.com", "Drone strike kills seven in Gao", "7 killed, 3 injured"),
                                ("sahel.example.org", "Five dead after strike on Gao market", "5 killed"),
                                ("akhbar.example.net", "ستة قتلى في غارة بطائرة مسيرة على غاو", "6 killed")):
        assert outlet in items, (outlet, popup)
        assert items[outlet][1] == title and items[outlet][5] == toll
        assert items[outlet][2].startswith(f"https://{outlet}/")
    assert [i[3] for i in popup[14]].index("wire.example.com") < [i[3] for i in popup[14]].index("akhbar.example.net")
    protest = next(r for r in rows if r[5].startswith("Protests"))
    assert protest[6][10] is None and {i[5] for i in protest[6][14]} == {"no toll given"}  # no toll in any report
    # sized by reports by default; by deaths on request (the protest with no toll becomes a dot)
    assert strike[0][2] > protest[2]
    at.session_state["f_size"] = "fatalities"
    at.run()
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", map_script(at), re.S).group(1))
    assert [r[2] for r in rows if r[5].startswith("Protests")] == [MV.radius_for_deaths(None)]
    assert qp(at)["size"] == ["fatalities"]


def test_timeline_is_stacked_by_event_type_in_the_map_colours(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app()
    charts_ = at.get("vega_lite_chart")
    assert charts_
    spec = json.loads(charts_[0].proto.spec)
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Battles", "Explosions/Remote violence", "Protests"]
    assert scale["range"] == [MV.TYPE_COLORS[t] for t in scale["domain"]]
    assert any("by type" in s.value for s in at.subheader)


def test_events_table_shows_type_and_toll(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app({"mentions": "1"})
    # the events table (the unlocated list under it has the same columns, none of these rows)
    table = [d.value for d in at.dataframe if "place" in d.value.columns and "Tinfadimata" not in set(d.value.place)][-1]
    rows = {(r.place.split(" (")[0], r.type, None if pd.isna(r.killed) else int(r.killed))
            for r in table.itertuples()}
    assert ("Gao", "Explosions/Remote violence", 7) in rows and ("Sabha", MV.MENTION_LABEL, None) in rows


def test_events_with_no_place_are_listed_apart_and_follow_the_filters(use_db, events_store: Path) -> None:
    use_db(events_store)
    at = run_app()
    label = [e.label for e in at.expander if "no place on the map" in e.label]
    assert label == ["1 event of this view with no place on the map"]
    lost = [d.value for d in at.dataframe if "snippet" in d.value.columns
            and any("Tinfadimata" in s for s in d.value["snippet"])]
    assert len(lost) == 1 and list(lost[0]["type"]) == ["Violence against civilians"]
    assert list(lost[0]["place"]) == ["Tinfadimata"]  # the name the text gives: a gazetteer to-do
    assert "with no place" not in summary_line(at)  # not on the map, not in its counts
    at = run_app({"type": "Battles"})
    assert not [e for e in at.expander if "no place on the map" in e.label]
