"""The online geocoder is opt-in, cached and restricted to the theatre; nothing else touches the
network. The tests never reach the internet: a local stand-in answers for Nominatim."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest
from conflictmap.extract.model import Article
from conflictmap.extract.online import OnlineGeocoder
from conflictmap.extract.pipeline import Extractor
from conflictmap.extract.store import Store


class LocalNominatim:
    """Answers like geopy's Nominatim.geocode for a few names, and counts the requests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def __call__(self, query, **kw):
        self.calls.append((query, tuple(kw.get("country_codes") or ())))
        if query in ("كرمزان", "Rujban"):  # كرمزان: a name made up for this test
            return SimpleNamespace(latitude=31.98, longitude=12.06, address="Rujban, Jabal al Gharbi, Libya",
                                   raw={"name": "Rujban", "osm_type": "N", "osm_id": 123, "type": "town",
                                        "address": {"country_code": "ly"}})
        if query == "Springfield":
            return SimpleNamespace(latitude=39.8, longitude=-89.6, address="Springfield, Illinois, USA",
                                   raw={"name": "Springfield", "osm_type": "N", "osm_id": 9, "address": {"country_code": "us"}})
        return None


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_default_extraction_never_touches_the_network(index, no_network):
    ex = Extractor(index)
    assert ex.online is None
    evs = ex.extract(Article(id="a", text="اشتباكات في مدينة الرجبان قرب الزنتان اليوم", language="ar",
                             published="2019-04-07"))
    assert "ly.zintan" in {e.place_id for e in evs}


def test_online_lookup_is_cached_in_the_store_and_restricted(tmp_path, index, no_network):
    store = Store(tmp_path / "s.db")
    fake = LocalNominatim()
    geo = OnlineGeocoder("nominatim", store, geocode=fake)
    p = geo.lookup("Rujban", ["LY", "TN"])
    assert p is not None and p.country == "LY" and p.source == "online"
    assert geo.lookup("Rujban", ["TN", "LY"]) is not None  # same query, answered from memory
    assert geo.lookup("Springfield", ["LY"]) is None  # outside the theatre: refused
    assert len(fake.calls) == 2
    again = OnlineGeocoder("nominatim", store, geocode=LocalNominatim())
    assert again.lookup("Rujban", ["LY", "TN"]) is not None and again.requests == 0  # from the store's cache
    assert again.lookup("Springfield", ["LY"]) is None and again.requests == 0  # a miss is cached too


def test_extractor_uses_it_only_for_names_the_text_marks(tmp_path, index, no_network):
    fake = LocalNominatim()
    ex = Extractor(index)
    ex.online = OnlineGeocoder("nominatim", Store(tmp_path / "s.db"), geocode=fake)
    text = "اشتباكات في مدينة كرمزان قرب الزنتان اليوم، وقال سكان إن كرمزان هادئة الآن"
    evs = ex.extract(Article(id="a", text=text, language="ar", published="2019-04-07"))
    got = {e.mention: e for e in evs}
    assert got["كرمزان"].place_id == "osm:N123" and got["كرمزان"].geo_precision == 2
    assert "ly.zintan" in {e.place_id for e in evs}
    # only the name after the cue noun was asked for, once, within the theatre
    assert [q for q, _cc in fake.calls] == ["كرمزان"]
    assert "ly" in fake.calls[0][1]


def test_unknown_provider():
    with pytest.raises(ValueError):
        OnlineGeocoder("google", geocode=lambda *a, **k: None)
