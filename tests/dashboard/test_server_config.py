"""The server settings the CLI passes as flags and the ones a hosted app reads from
``.streamlit/config.toml`` are the same: Streamlit Community Cloud starts ``streamlit run
dashboard/app.py`` with the file only, ``conflictmap dashboard`` with the flags."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conflictmap.dashboard.launch import SERVER_FLAGS

if sys.version_info >= (3, 11):
    import tomllib
else:  # the dev extra installs tomli on Python 3.10
    import tomli as tomllib

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def _flags() -> dict[str, str]:
    out = {}
    for flag in SERVER_FLAGS:
        key, _, value = flag.removeprefix("--").partition("=")
        out[key] = value
    return out


def _as_flag(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("key", [k for k in _flags() if k.startswith(("runner.", "client."))])
def test_runner_and_client_flags_match_the_hosted_config(key):
    section, name = key.split(".", 1)
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert name in config.get(section, {}), f"{key} is passed by the CLI but missing from {CONFIG.name}"
    assert _as_flag(config[section][name]) == _flags()[key]


def test_no_full_collection_after_every_run():
    # gc.collect(2) after each run of the page holds the GIL while every other session waits
    assert _flags()["runner.postScriptGC"] == "false"
    assert tomllib.loads(CONFIG.read_text(encoding="utf-8"))["runner"]["postScriptGC"] is False
