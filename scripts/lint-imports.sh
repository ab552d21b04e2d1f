#!/usr/bin/env bash
# The layer contracts of pyproject.toml [tool.importlinter], checked with import-linter.
# import-linter finds subpackages on disk under their parent, but the layout keeps extract/,
# geodata/ and dashboard/ at the top of the repository (mapped into `conflictmap` by
# [tool.setuptools.package-dir]); so the check runs on the package as pip installs it, in a
# throw-away folder (about 3 s).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python -m pip install --quiet --no-deps --no-compile --target "$tmp/site" . 2>"$tmp/pip.log" || {
  cat "$tmp/pip.log" >&2; exit 2; }
cd "$tmp" && PYTHONPATH="$tmp/site" "$OLDPWD/.venv/bin/lint-imports" --no-cache "$OLDPWD/pyproject.toml"
