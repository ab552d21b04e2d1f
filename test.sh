#!/usr/bin/env bash
# conflictmap, second command: set up what the tests need and run all of them.
#   ./test.sh                # lint + the whole suite (browser, PostgreSQL and Dask tests included)
#   ./test.sh -k dates       # any pytest arguments
set -euo pipefail
cd "$(dirname "$0")"
EXTRAS="dev,scale" source scripts/setup-env.sh
scripts/setup-system.sh                 # Debian packages: Chromium (browser tests), PostgreSQL + PostGIS
.venv/bin/python -m conflictmap.dashboard.assets   # Leaflet for the offline map, into the cache folder
.venv/bin/conflictmap gazetteer ensure
.venv/bin/ruff check .
scripts/lint-imports.sh                 # the layers (pyproject.toml [tool.importlinter]), import-linter
exec .venv/bin/python -m pytest "$@"
