# Sourced by run.sh and test.sh: a virtual environment in .venv with conflictmap installed
# (editable) and the extras in $EXTRAS. Reinstalls only when pyproject.toml or the extras change.
PY=${PYTHON:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "conflictmap: python3 (3.10 or newer) is needed; install it first (Debian: apt-get install python3 python3-venv)" >&2
  exit 2
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || {
  echo "conflictmap: Python 3.10 or newer is needed, found $("$PY" --version)" >&2; exit 2; }
if [ ! -x .venv/bin/python ]; then
  echo "conflictmap: creating .venv ..."
  "$PY" -m venv .venv || { echo "conflictmap: could not create a virtual environment (Debian: apt-get install python3-venv)" >&2; exit 2; }
fi
# the stamp covers what the install reads: the project files, the extras, and whether compiling is off
stamp=".venv/.conflictmap-installed-$( (cat pyproject.toml setup.py; echo "${EXTRAS:-}"; echo "pure=${CONFLICTMAP_PURE_PYTHON:-}") | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "conflictmap: installing dependencies into .venv (first run takes a few minutes) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  spec="."
  [ -n "${EXTRAS:-}" ] && spec=".[${EXTRAS}]"
  .venv/bin/python -m pip install --quiet -e "$spec"
  rm -f .venv/.conflictmap-installed-*
  touch "$stamp"
  .venv/bin/python -W ignore -c 'import conflictmap._native as n; print("conflictmap: extraction hot path:", n.STATUS)'
elif ! .venv/bin/python -W ignore -c 'import sys, conflictmap._native as n; sys.exit(n.STATUS == n.STALE)'; then
  # the editable install leaves the compiled modules beside their sources: one of those sources
  # changed since they were built (conflictmap/_native.py compares digests), so build them again
  echo "conflictmap: a compiled module's source changed; compiling the hot path again (about 2 minutes) ..."
  .venv/bin/python -m pip install --quiet --no-deps -e .
  .venv/bin/python -W ignore -c 'import conflictmap._native as n; print("conflictmap: extraction hot path:", n.STATUS)'
fi
