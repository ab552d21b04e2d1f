#!/usr/bin/env bash
# conflictmap, first command: set everything up and open the dashboard on the demo data.
#   ./run.sh                 # http://localhost:8501
#   ./run.sh --port 8600     # any option of `conflictmap dashboard`
#   ./run.sh --db my.db      # your own store instead of the demo
# Run it again any time: it reuses the environment, the index and the demo store.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh            # .venv with the package installed (only when something changed)
.venv/bin/conflictmap gazetteer ensure
echo "conflictmap: building/refreshing the demo store from geodata/demo (skips what is already stored)..."
.venv/bin/conflictmap demo -q || { rc=$?; [ "$rc" -eq 1 ] || exit "$rc"; }
exec .venv/bin/conflictmap dashboard "$@"
