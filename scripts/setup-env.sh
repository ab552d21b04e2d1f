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
stamp=".venv/.conflictmap-installed-$( (cat pyproject.toml; echo "${EXTRAS:-}") | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "conflictmap: installing dependencies into .venv (first run takes a few minutes) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  spec="."
  [ -n "${EXTRAS:-}" ] && spec=".[${EXTRAS}]"
  .venv/bin/python -m pip install --quiet -e "$spec"
  rm -f .venv/.conflictmap-installed-*
  touch "$stamp"
fi
