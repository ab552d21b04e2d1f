#!/usr/bin/env bash
# Debian packages the test suite starts for real: Chromium (driven by Playwright) and
# PostgreSQL with PostGIS. Installs what is missing; needs root or sudo the first time.
# PostGIS: `postgresql-postgis` is the extension for the default server version (the `postgis`
# package alone holds only the command-line tools). The tests start their own throw-away server
# as the `postgres` user the package creates (initdb refuses root), or `nobody` without it.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql-postgis)
[ ${#need[@]} -eq 0 ] && exit 0
echo "conflictmap: installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "conflictmap: need root to install ${need[*]} (apt-get install ${need[*]})" >&2; exit 2; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
