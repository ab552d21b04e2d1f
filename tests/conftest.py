"""Shared fixtures: the real compiled index (built once, cached) and a tiny in-memory one."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: why a test of the `scale` extra (Dask, DuckDB, PostgreSQL drivers) is skipped: said in the summary
SCALE_EXTRA = "needs the 'scale' extra (pip install -e '.[scale]'; ./test.sh installs it)"

# tests never touch the network
os.environ.setdefault("NO_PROXY", "*")


@pytest.fixture(autouse=True)
def _dashboard_views_in_process(monkeypatch: pytest.MonkeyPatch):
    """The dashboard pages a test runs in this process (AppTest) compute their views here, not in
    view worker processes (tests that count what a page builds patch it here); the workers' own
    tests (tests/dashboard/test_workers.py) and the browser tests' servers use them."""
    monkeypatch.setenv("CONFLICTMAP_VIEW_WORKERS", "0")
    yield
    workers = sys.modules.get("conflictmap.dashboard.workers")
    if workers is not None:
        workers.shutdown_all()


@pytest.fixture(scope="session")
def index():
    """The real index (GeoNames + curated rows), from the on-disk cache."""
    from conflictmap.geodata.loader import load_index

    return load_index()


@pytest.fixture(scope="session")
def extractor(index):
    from conflictmap.extract.pipeline import Extractor

    return Extractor(index)


#: ACLED's six event types, as the event tests' tables write them
BAT, EXP, VAC, PRO, RIO, STR = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                                "Riots", "Strategic developments")


@pytest.fixture(scope="session")
def ex(tiny_index):
    """The whole extractor over the tiny in-memory index (the event tests)."""
    from conflictmap.extract.pipeline import Extractor

    return Extractor(tiny_index)


def types_at(ex, text: str, lang: str, place: str) -> set[str]:
    """Every event type coded at ``place`` (one incident may be told in two sentences)."""
    from conflictmap.extract.model import Article

    return {e.event_type for e in ex.extract(Article(id="t", text=text, language=lang))
            if e.event_type and e.place_name == place}


def types_by_place(ex, text: str, lang: str) -> dict[str, set[str]]:
    """place -> every event type coded there (events with no place name left out)."""
    from conflictmap.extract.model import Article

    out: dict[str, set[str]] = {}
    for e in ex.extract(Article(id="t", text=text, language=lang, published="2026-03-04")):
        if e.event_type and e.place_name:
            out.setdefault(e.place_name, set()).add(e.event_type)
    return out


def subs_at(ex, text: str, lang: str, place: str) -> set[tuple[str, str | None]]:
    """Every (event type, sub-event type) coded at ``place``."""
    from conflictmap.extract.model import Article

    return {(e.event_type, e.sub_event_type) for e in ex.extract(Article(id="t", text=text, language=lang))
            if e.event_type and e.place_name == place}


TINY_PLACES = """id,kind,country,lat,lon,radius_km,name_en,name_ar,variants_en,variants_ar,parent,ambiguous,note
ly.tripoli,city,LY,32.8874,13.1873,15,Tripoli,طرابلس,Tarabulus,,,0,test
ly.tripoli.janzour,district,LY,32.8170,13.0100,4,Janzour,جنزور,Janzur,جانزور,ly.tripoli,0,test
ly.tripoli.ain-zara,district,LY,32.8050,13.2450,3,Ain Zara,عين زارة,,,ly.tripoli,0,test
ly.sabha,city,LY,27.0377,14.4283,8,Sabha,سبها,Sebha,,,0,test
ly.sabha.airport,site,LY,26.9870,14.4725,2,Sabha Airport,مطار سبها,,,ly.sabha,0,test
ly.khoms,city,LY,32.6486,14.2619,6,Khoms,الخمس,Al Khums,,,2,test
ly.sirte,city,LY,31.2089,16.5887,10,Sirte,سرت,Sirt,,,1,test
"""
TINY_COUNTRIES = """iso2,name_en,name_ar,variants_en,variants_ar,demonyms_en,demonyms_ar,lat,lon,radius_km,capital_en,capital_ar,capital_lat,capital_lon,theatre
LY,Libya,ليبيا,,,Libyan|Libyans,ليبي|ليبية|الليبي|الليبية|الليبيين,27.0,17.0,700,Tripoli,طرابلس,32.8874,13.1873,1
TD,Chad,تشاد,,,Chadian|Chadians,تشادي|التشادي|التشادية,15.45,18.73,600,N'Djamena,نجامينا,12.11,15.04,1
"""
TINY_SUBREGIONS = """country,direction,lat,lon,radius_km,name_en,name_ar
LY,s,26.5,14.0,450,southern Libya,جنوب ليبيا
"""
TINY_OUTLETS = """name,lang,note
ليبيا الأحرار,ar,Libyan TV channel
Libya Herald,en,Libyan news site
"""
TINY_ACTORS = """id,name,type,country,aliases_en,aliases_ar,note
ly.lna,"Libyan National Army (LNA, Haftar)",armed_force,LY,LNA|Haftar,حفتر|حفتار|هافتار,
td.state,Chad,state,TD,Chad,تشاد,
"""


@pytest.fixture(scope="session")
def tiny_index():
    """A small index built in memory through the same code as the real build (no GeoNames)."""
    from conflictmap.geodata.build import build_actors, build_gazetteer, build_vocab
    from conflictmap.geodata.index import Index
    from conflictmap.geodata.sources import source_texts

    vocab_files = [(n, t) for n, t in source_texts() if n.startswith("vocab/")]
    files = [*vocab_files, ("sources/places/tiny.csv", TINY_PLACES), ("sources/countries.csv", TINY_COUNTRIES),
             ("sources/subregions.csv", TINY_SUBREGIONS), ("sources/actors.csv", TINY_ACTORS),
             ("sources/outlets.csv", TINY_OUTLETS)]
    return Index(gazetteer=build_gazetteer(files, with_geonames=False), actors=build_actors(files),
                 vocab=build_vocab(files), key="tiny")


@pytest.fixture
def cli():
    """Run the CLI in-process: cli(["extract", ...]) -> exit code."""
    from conflictmap.cli import main

    return main


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` loaded by path (the benchmarks are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"conflictmap_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def conflictmap_cmd() -> list[str]:
    """The console script, as a user runs it."""
    exe = Path(sys.executable).with_name("conflictmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictmap.cli"]


@pytest.fixture(scope="session")
def pg_server():
    """One real PostgreSQL + PostGIS server (Debian's packages) for the modules that compare the two
    backends; skipped loudly, with the reason, when it cannot start here."""
    from .pgserver import PostgresUnavailable, TempPostgres, postgis_available

    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        server.stop()
        msg = f"PostgreSQL could not start here, so the PostgreSQL variants did NOT run:\n{exc}"
        print("\n" + "!" * 100 + "\n" + msg + "\n" + "!" * 100, file=sys.stderr)
        pytest.skip(msg)
    if not postgis_available():
        server.stop()
        pytest.skip("PostGIS is not installed for this PostgreSQL: the PostgreSQL variants did NOT run")
    yield server
    server.stop()


_databases = iter(range(1_000_000))


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """A new, empty store on each backend: a SQLite file, or a database on the shared server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    request.applymarker(pytest.mark.postgres)
    server = request.getfixturevalue("pg_server")
    return server.create_database(f"s{next(_databases)}")
