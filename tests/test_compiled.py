"""The compiled hot path (mypyc, setup.py) and the Python source give the same events, and the
import-time choice between them (conflictmap/_native.py) never runs a compiled module that no
longer matches its source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import conflictmap
from conflictmap import _native

# A child process: extract a few articles with the real index and print every event's fields,
# then which modules ran. Articles in our own words, Arabic and English, with the relative
# places, dates, actors and tolls the stages read.
CHILD = r"""
import json, sys
from conflictmap import _native
from conflictmap.extract.model import Article
from conflictmap.extract.pipeline import Extractor
from conflictmap.geodata.loader import load_index

texts = [
    ("ar", "2020-03-14", "قالت مصادر محلية إن قوات حفتر قصفت مواقع على بعد 20 كلم جنوب غريان صباح اليوم، "
                         "ما أدى إلى مقتل ثلاثة مدنيين.\n\nوأفاد سكان في ترهونة بنزوح عشرات العائلات نحو بني وليد."),
    ("en", "2019-06-02", "TRIPOLI, Libya - Drones struck a weapons depot east of Misrata on Sunday, "
                         "killing two fighters, a GNA spokesman said. Clashes continued near Ain Zara overnight."),
    ("en", "2021-11-20", "JNIM militants ambushed a Malian army convoy between Gao and Menaka last week; "
                         "the army said four soldiers were wounded."),
]
ex = Extractor(load_index())
for k, (lang, day, text) in enumerate(texts):
    for e in ex.extract(Article(id=f"t{k}", text=text, published=day, language=lang)):
        print(json.dumps(e.to_dict(), sort_keys=True, ensure_ascii=False, default=str))
print(json.dumps({"status": _native.STATUS, "compiled": _native.in_use()}))
"""


def _run(pure: bool) -> tuple[list[str], dict]:
    env = {k: v for k, v in os.environ.items() if k != _native.PURE_ENV}
    if pure:
        env[_native.PURE_ENV] = "1"
    p = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    *events, last = p.stdout.splitlines()
    return events, json.loads(last)


def test_compiled_and_pure_give_the_same_events():
    if _native.decide(Path(_native.__file__).with_name(_native.MANIFEST), {})[0] != _native.COMPILED:
        pytest.skip(f"the compiled hot path is not built in this environment ({_native.STATUS})")
    compiled, how_c = _run(pure=False)
    pure, how_p = _run(pure=True)
    assert (how_c["compiled"], how_p["compiled"]) == (True, False), (how_c, how_p)
    assert how_p["status"] == _native.PURE_ASKED
    assert len(compiled) >= 3  # the articles do give events: the comparison compares something
    assert compiled == pure


def _manifest(tmp_path: Path, digests: dict[str, str]) -> Path:
    p = tmp_path / _native.MANIFEST
    p.write_text(json.dumps(digests), encoding="utf-8")
    return p


def _true_digests() -> dict[str, str]:
    out = {}
    for m in _native.COMPILED_MODULES:
        src = _native._source_path(m)
        assert src is not None, m
        out[m] = _native.source_digest(src.read_bytes())
    return out


@pytest.mark.parametrize("case, env, expected_status, expected_stale", [
    pytest.param("missing", {}, _native.NOT_BUILT, [], id="no manifest: not compiled"),
    pytest.param("true", {}, _native.COMPILED, [], id="every digest matches: compiled"),
    pytest.param("true", {_native.PURE_ENV: "1"}, _native.PURE_ASKED, [], id="asked for pure Python"),
    pytest.param("true", {_native.PURE_ENV: "0"}, _native.COMPILED, [], id="PURE=0 is not asking"),
    pytest.param("one-changed", {}, _native.STALE, ["conflictmap.extract.dates"], id="one source changed"),
    pytest.param("one-missing", {}, _native.STALE, ["conflictmap.extract.events"], id="module not in manifest"),
])
def test_decide(tmp_path, case, env, expected_status, expected_stale):
    digests = _true_digests()
    if case == "one-changed":
        digests["conflictmap.extract.dates"] = "0" * 16
    elif case == "one-missing":
        del digests["conflictmap.extract.events"]
    path = tmp_path / "absent.json" if case == "missing" else _manifest(tmp_path, digests)
    assert _native.decide(path, env) == (expected_status, expected_stale)


def test_unreadable_manifest_counts_as_stale(tmp_path):
    p = tmp_path / _native.MANIFEST
    p.write_text("{not json", encoding="utf-8")
    status, stale = _native.decide(p, {})
    assert status == _native.STALE and "unreadable" in stale[0]


def test_source_finder_imports_the_py_file():
    spec = _native._SourceFinder(_native.COMPILED_MODULES).find_spec("conflictmap.extract.doc")
    assert spec is not None and spec.origin is not None and spec.origin.endswith(os.path.join("extract", "doc.py"))
    assert _native._SourceFinder(_native.COMPILED_MODULES).find_spec("conflictmap.extract.store") is None


def test_version_says_which_path_runs(conflictmap_cmd):
    p = subprocess.run([*conflictmap_cmd, "--version"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0
    out = " ".join(p.stdout.split())  # (argparse wraps a long version line)
    assert "hot path: " in out
    assert f"conflictmap {conflictmap.__version__} " in out  # the package's version, not only the extractor's
    assert any(s in out for s in (_native.COMPILED, _native.NOT_BUILT, _native.STALE, _native.PURE_ASKED))


def test_compiled_where_a_compiler_is():
    """A build that fell back to pure Python (a type error mypyc refused, a failed compile) is
    reported here, not silently 1.8x slower: where a C compiler is and pure Python was not asked
    for, the hot path must be compiled. (`CONFLICTMAP_PURE_PYTHON=1 ./test.sh` installs and
    tests pure, and skips this.)"""
    if os.environ.get(_native.PURE_ENV, "") not in ("", "0"):
        pytest.skip(f"{_native.PURE_ENV} is set")
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(os.environ.get("CC", cc).split()[0]) is None:
        pytest.skip("no C compiler here: pure Python is expected")
    assert _native.STATUS == _native.COMPILED, (
        f"hot path: {_native.STATUS}. Rebuild with `.venv/bin/pip install -v --no-deps -e .` and read "
        "its 'conflictmap:' lines (a mypy error in a compiled module makes the build fall back)")
