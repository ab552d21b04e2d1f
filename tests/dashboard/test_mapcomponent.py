"""A map rendered once and shown many times sends what ``st_folium`` sends (no browser).

``mapcomponent.render`` + ``mapcomponent.show`` replace ``st_folium`` so that sessions share one
rendering; the component must receive the same arguments, with and without a highlighted event
(the feature group added to the live map), and a rendering must be reusable: shown twice, it
sends the same thing both times.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from conflictmap.dashboard import data as D
from conflictmap.dashboard import mapcomponent as MC
from conflictmap.dashboard import mapview as MV
from conflictmap.dashboard.filters import ViewState


def _build(store_url: str, opts: MV.MapOptions) -> Any:
    """The small store's map, as the app builds it."""
    store = D.open_store(store_url)
    view = ViewState(date_from=date(2019, 3, 1), date_to=date(2019, 6, 30), precisions=(1, 2, 3))
    data = MV.load_map_data(store.engine, view)
    built = MV.build_map(data, view, opts, data.actor_order())
    store.close()
    return built.map


@pytest.fixture()
def capture(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The arguments of each call of streamlit-folium's component."""
    import streamlit_folium as sf

    calls: list[dict[str, Any]] = []

    def component(**kwargs: Any) -> None:
        kwargs.pop("on_change")
        calls.append(kwargs)

    monkeypatch.setattr(sf, "_component_func", component)
    return calls


def _deterministic_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Element ids from a counter (branca draws them at random), so two builds can be compared."""
    import branca.element

    counter = itertools.count()
    monkeypatch.setattr(branca.element, "urandom", lambda n: next(counter).to_bytes(n, "big"))


@pytest.mark.parametrize("density", ["points", "hex"])
@pytest.mark.parametrize("highlight", [False, True])
def test_show_sends_what_st_folium_sends(small_store, capture, monkeypatch, density, highlight) -> None:
    import streamlit_folium as sf

    opts = MV.MapOptions(asset_base="/component/map_assets", density=density)
    url = str(small_store)

    def group() -> Any:
        return MV.highlight_group(32.89, 13.19, "<b>an event</b>") if highlight else None

    _deterministic_ids(monkeypatch)
    sf.st_folium(_build(url, opts), key="map", height=600, use_container_width=True, returned_objects=[],
                 feature_group_to_add=group(), center=(32.89, 13.19) if highlight else None,
                 zoom=9 if highlight else None)
    _deterministic_ids(monkeypatch)
    rendered = MC.render(_build(url, opts))
    for _ in range(2):  # one rendering, shown by two sessions
        MC.show(rendered, key="map", height=600, use_container_width=True, returned_objects=[],
                feature_group_to_add=group(), center=(32.89, 13.19) if highlight else None,
                zoom=9 if highlight else None)
    expected, first, second = capture
    assert first == expected
    assert second == expected
    assert "map_div" in expected["script"] and expected["script"].count("L.map(") == 1
    assert (expected["feature_group"] is not None) == highlight


def test_a_rendering_does_not_depend_on_random_element_ids(small_store) -> None:
    """Two sessions building the same view get the same script (so the same component key)."""
    opts = MV.MapOptions(asset_base="/component/map_assets")
    a = MC.render(_build(str(small_store), opts))
    b = MC.render(_build(str(small_store), opts))
    assert a.script == b.script
    assert a.header == b.header
    assert a.size > 1000


def _layer_map(rows: list[list[Any]]) -> Any:
    import folium

    m = folium.Map(location=(30.0, 15.0), zoom_start=5, tiles=None)
    MV.PlaceLayer(rows, "<b>legend</b>", MV.vendor_urls("/component/map_assets"), ["", "/?place="]).add_to(m)
    return m


@pytest.mark.parametrize("text", [
    pytest.param("map_div_12 name_abc tile_layer_x", id="variable-like"),
    pytest.param("{{ 'marker_1' }} {% x %}", id="jinja-like"),
    pytest.param("    indented\n    lines\n", id="indented-lines"),
    pytest.param("اشتباكات قرب سرت </script> ` ${x}", id="arabic-and-script-syntax"),
])
def test_the_points_data_comes_out_as_st_folium_puts_it(capture, monkeypatch, text: str) -> None:
    """The rows' JSON goes into the rendered script after streamlit-folium's passes over it
    (mapcomponent's late text): the script is the one st_folium makes, for texts that look like
    the script's own variables, Jinja or indentation too, and the layer keeps its data."""
    import streamlit_folium as sf

    rows = [[32.1, 20.1, 6, "#aa0000", 0, text, ["p", text, None, "LY", "city", 1, "exact", 2, 2, "2020-01-01",
                                                  0, 0, 0, [[text, 2]], [], [], "id_1"], 2]]
    _deterministic_ids(monkeypatch)
    sf.st_folium(_layer_map(rows), key="map", height=600, returned_objects=[])
    _deterministic_ids(monkeypatch)
    m = _layer_map(rows)
    layer = next(el for el in m._children.values() if isinstance(el, MV.PlaceLayer))
    before = layer.rows_json
    MC.show(MC.render(m), key="map", height=600, returned_objects=[])
    expected, got = capture
    assert got == expected
    assert layer.rows_json == before and before in got["script"]
