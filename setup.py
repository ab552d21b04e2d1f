"""Build step: the extraction hot path compiled to C with mypyc, when it can be.

Everything else about the package is in pyproject.toml. This file only adds the compiled
modules (see ``conflictmap/_native.py`` for the list and for how they are chosen at import):

* ``pip install .`` and ``pip install -e .`` compile them when mypyc and a C compiler are there;
* with ``CONFLICTMAP_PURE_PYTHON=1``, without a C compiler, or when compiling fails, the package
  installs as pure Python (the same code, about 1.8x slower) and says so in one line.

The sources are type-checked by mypy while they are compiled (a type error stops the build and
falls back to pure Python, with mypy's message). mypyc reads the modules under their installed
names (``conflictmap.extract.pipeline``), so they are copied into ``build/mypyc-src/conflictmap``
first: the folders of the layout are not nested the way the import names are.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src" / "conflictmap"))
from _native import COMPILED_MODULES, GROUP, MANIFEST, source_digest  # noqa: E402

sys.path.pop(0)

#: import name -> folder of the layout (pyproject.toml's [tool.setuptools.package-dir])
PACKAGE_DIRS = {"conflictmap": HERE / "src" / "conflictmap", "conflictmap.geodata": HERE / "geodata",
                "conflictmap.extract": HERE / "extract"}


def _say(msg: str) -> None:
    # pip shows a build backend's stderr only with -v; a short line on stderr is still the best
    # place (pip prints it when the build fails, and `pip install -v` always)
    print(f"conflictmap: {msg}", file=sys.stderr, flush=True)


def _source(module: str) -> Path:
    pkg, _, name = module.rpartition(".")
    if pkg in PACKAGE_DIRS:
        return PACKAGE_DIRS[pkg] / f"{name}.py"
    root, _, sub = pkg.partition(".")
    return PACKAGE_DIRS[root] / sub.replace(".", "/") / f"{name}.py"


def _stage() -> list[str]:
    """Copy the three packages' .py files under their import names; the compiled modules' paths."""
    stage = HERE / "build" / "mypyc-src"
    shutil.rmtree(stage, ignore_errors=True)
    for pkg, folder in PACKAGE_DIRS.items():
        dest = stage / pkg.replace(".", "/")
        for src in folder.rglob("*.py"):
            if ".venv" in src.parts or "__pycache__" in src.parts:
                continue
            rel = src.relative_to(folder)
            if pkg == "conflictmap" and rel.parts[0] in ("geodata", "extract"):
                continue
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
    return [str(stage / (m.replace(".", "/") + ".py")) for m in COMPILED_MODULES]


def _have_compiler() -> bool:
    """A C compiler that can build a Python extension (headers included)."""
    try:
        from setuptools._distutils import ccompiler, sysconfig
    except ImportError:  # pragma: no cover - very old setuptools
        from distutils import ccompiler, sysconfig  # type: ignore[no-redef]
    try:
        cc = ccompiler.new_compiler()
        sysconfig.customize_compiler(cc)
        with tempfile.TemporaryDirectory() as d:
            c = Path(d) / "probe.c"
            c.write_text("#include <Python.h>\nint probe(void) { return 0; }\n")
            cc.compile([str(c)], output_dir=d, include_dirs=[sysconfig.get_python_inc()])
        return True
    except Exception:
        return False


def _extensions() -> list:
    if os.environ.get("CONFLICTMAP_PURE_PYTHON", "") not in ("", "0"):
        _say("CONFLICTMAP_PURE_PYTHON is set: installing pure Python (extraction about 1.8x slower)")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed: installing pure Python (extraction about 1.8x slower)")
        return []
    if not _have_compiler():
        _say("no working C compiler: installing pure Python (extraction about 1.8x slower)")
        return []
    paths = _stage()
    cwd = os.getcwd()
    os.chdir(HERE)  # mypyc writes its C files under ./build
    try:
        return mypycify(["--follow-imports=silent", "--ignore-missing-imports", *paths],
                        group_name=GROUP, target_dir="build/mypyc",
                        # -O1 without debug information: a third less compile time than -O2 -g1, and
                        # no slower at run time on throughput.py's articles (303-331 vs 312-326 per CPU second)
                        opt_level="1", debug_level="0")
    except SystemExit as e:  # mypyc exits on a type error; the message is printed above
        _say(f"mypyc could not compile the hot path ({e}): installing pure Python")
        return []
    finally:
        os.chdir(cwd)


class BuildExt(build_ext):
    """Builds the compiled modules and writes the manifest beside them; on a compiler error,
    removes what it built and installs pure Python instead of failing the install."""

    def run(self) -> None:
        if not self.extensions:
            return
        try:
            super().run()
        except Exception as e:
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _say(f"compiling the hot path failed ({e}): installing pure Python")
            return
        manifest = Path(self.get_ext_fullpath(f"{GROUP}__mypyc")).with_name(MANIFEST)
        manifest.write_text(json.dumps({m: source_digest(_source(m).read_bytes()) for m in COMPILED_MODULES},
                                       indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _say(f"compiled {len(COMPILED_MODULES)} modules with mypyc")

    def get_outputs(self) -> list[str]:
        out = super().get_outputs()
        if self.extensions:
            out.append(str(Path(self.get_ext_fullpath(f"{GROUP}__mypyc")).with_name(MANIFEST)))
        return out


def _clean_in_tree() -> None:
    """Remove compiled modules an earlier editable build left beside the sources (a pure
    install must not keep importing them)."""
    for m in (*COMPILED_MODULES, f"{GROUP}__mypyc"):
        src = _source(m)
        for built in src.parent.glob(f"{src.stem}.*"):
            if built.suffix in (".so", ".pyd"):
                built.unlink()
    (PACKAGE_DIRS["conflictmap"] / MANIFEST).unlink(missing_ok=True)


EXTENSIONS = _extensions()
if not EXTENSIONS and "editable_wheel" in sys.argv:  # (a wheel built beside an editable install leaves it be)
    _clean_in_tree()
setup(ext_modules=EXTENSIONS, cmdclass={"build_ext": BuildExt})
