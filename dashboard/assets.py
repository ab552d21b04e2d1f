"""Leaflet and plugin files served by the app itself, so the map renders with no internet.

The files are not kept in the repository, and nothing is written beside the code: ``python -m
conflictmap.dashboard.assets`` (and the app, on start, when they are missing) copies them into the
cache folder (``$CONFLICTMAP_CACHE/map-assets``), and the app publishes that folder through a
Streamlit component path (:func:`conflictmap.dashboard.state.map_assets`), at
``/component/<name>/leaflet.js``. They are taken from a package that is already installed or can
be installed through a package registry:

1. the ``folium-offline`` PyPI package, which embeds the exact files folium links to
   (its ``elements.py`` maps each CDN address to the file's text; we read that table without
   importing the package), else
2. the npm registry's ``leaflet`` and ``leaflet.markercluster`` tarballs through ``npm pack``
   (when ``npm`` is on the PATH).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..core.paths import cache_dir

#: local file name -> what it is (the URL folium itself would load)
VENDOR_FILES: dict[str, str] = {
    "leaflet.js": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    "leaflet.css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
    "leaflet.markercluster.js":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
    "MarkerCluster.css":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css",
    "MarkerCluster.Default.css":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
}

#: npm package@version -> {path inside the tarball: local name}
NPM_FILES: dict[str, dict[str, str]] = {
    "leaflet@1.9.4": {
        "package/dist/leaflet.js": "leaflet.js",
        "package/dist/leaflet.css": "leaflet.css",
        "package/dist/images/layers.png": "images/layers.png",
        "package/dist/images/layers-2x.png": "images/layers-2x.png",
        "package/dist/images/marker-icon.png": "images/marker-icon.png",
        "package/dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
        "package/dist/images/marker-shadow.png": "images/marker-shadow.png",
    },
    "leaflet.markercluster@1.5.3": {
        "package/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "package/dist/MarkerCluster.css": "MarkerCluster.css",
        "package/dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
    },
}

SOURCE_NOTE = "SOURCE.txt"


class AssetsError(RuntimeError):
    """The map's JavaScript/CSS could not be put in place."""


def vendor_dir() -> Path:
    """Where the map's JavaScript and CSS are kept: the cache folder, never the package folder."""
    return cache_dir() / "map-assets"


def missing_files(directory: Path | None = None) -> list[str]:
    d = directory or vendor_dir()
    return [name for name in VENDOR_FILES if not (d / name).is_file() or (d / name).stat().st_size == 0]


def assets_ready(directory: Path | None = None) -> bool:
    return not missing_files(directory)


def _from_folium_offline() -> dict[str, bytes] | None:
    """Read the embedded files of ``folium-offline`` from its source, without importing it."""
    spec = importlib.util.find_spec("offlinefolium")
    if spec is None or not spec.submodule_search_locations:
        return None
    src_path = Path(next(iter(spec.submodule_search_locations))) / "elements.py"
    if not src_path.is_file():
        return None
    tree = ast.parse(src_path.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "_res"
            and isinstance(target.slice, ast.Constant)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            table[str(target.slice.value)] = node.value.value
    out: dict[str, bytes] = {}
    for name, url in VENDOR_FILES.items():
        if url not in table:
            return None
        out[name] = table[url].encode("utf-8")
    return out


def _from_npm() -> dict[str, bytes] | None:
    """``npm pack`` the registry tarballs and take the dist files out of them."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for package, members in NPM_FILES.items():
            proc = subprocess.run(
                [npm, "pack", package, "--silent", "--pack-destination", tmp],
                capture_output=True, text=True, timeout=180, check=False,
            )
            if proc.returncode != 0:
                return None
            tarball = Path(tmp) / proc.stdout.strip().splitlines()[-1]
            with tarfile.open(tarball) as tar:
                for member, local in members.items():
                    f = tar.extractfile(member)
                    if f is None:
                        return None
                    out[local] = f.read()
    return out if all(name in out for name in VENDOR_FILES) else None


def _write(files: Mapping[str, bytes], directory: Path, source: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    (directory / SOURCE_NOTE).write_text(
        f"Copied by `python -m conflictmap.dashboard.assets` from {source}.\nNot part of the repository.\n",
        encoding="utf-8",
    )


def ensure_assets(*, force: bool = False, directory: Path | None = None) -> Path:
    """Put Leaflet and MarkerCluster into the cache folder if they are not there."""
    d = directory or vendor_dir()
    if not force and assets_ready(d):
        return d
    errors: list[str] = []
    for source, loader in (("the folium-offline package", _from_folium_offline),
                           ("the npm registry (npm pack)", _from_npm)):
        try:
            files = loader()
        except (OSError, SyntaxError, subprocess.SubprocessError, tarfile.TarError) as exc:
            errors.append(f"{source}: {exc}")
            continue
        if files:
            try:
                _write(files, d, source)
            except OSError as exc:
                raise AssetsError(f"cannot write the map's files to {d}: {exc}") from exc
            return d
        errors.append(f"{source}: not available")
    raise AssetsError(
        "the map's JavaScript (Leaflet, MarkerCluster) is not installed: "
        "`pip install folium-offline` (or install npm), then run `python -m conflictmap.dashboard.assets`. "
        + "; ".join(errors)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conflictmap.dashboard.assets", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="copy again even if the files are there")
    args = parser.parse_args(argv)
    try:
        d = ensure_assets(force=args.force)
    except AssetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    note = (d / SOURCE_NOTE).read_text(encoding="utf-8").splitlines()[0] if (d / SOURCE_NOTE).exists() else ""
    print(f"map assets ready in {d} {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
