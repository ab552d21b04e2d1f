"""Start the dashboard: ``conflictmap dashboard --db DB [--port N]`` calls :func:`run_dashboard`.

It runs ``python -m streamlit run <dashboard/app.py>`` with the store in ``CONFLICTMAP_DB``. The
settings a hosted app needs (XSRF protection, no usage statistics, viewer toolbar) are passed on
the command line, so they hold whatever the working directory.
"""

from __future__ import annotations

import importlib.resources
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from ..extract.store import database_url
from .assets import AssetsError, ensure_assets

SERVER_FLAGS = (
    "--server.enableXsrfProtection=true",
    "--client.toolbarMode=viewer",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
    # views refreshed after a writer's commit two at a time, off the page (state.REFRESH_S): a
    # result may be served up to 6 * REFRESH_S seconds old while the workers are busy
    "--runner.cacheBackgroundRefreshMaxWorkers=2",
    "--runner.cacheBackgroundRefreshTTLMultiplier=6",
    # no full collection after every run of the page: with ~1 GB of cached results it holds the GIL
    # for a tenth of a second or more, and every other session's view waits behind it (Python's own
    # generational collection still runs, with main.GC_THRESHOLD)
    "--runner.postScriptGC=false",
)


def app_path() -> Path:
    """The entry file, located inside the installed package (never relative to the cwd)."""
    return Path(str(importlib.resources.files("conflictmap.dashboard").joinpath("app.py")))


def streamlit_command(port: int | None = None, headless: bool = True, address: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_path()), *SERVER_FLAGS,
           f"--server.headless={'true' if headless else 'false'}"]
    if port is not None:
        cmd.append(f"--server.port={int(port)}")
    if address:
        cmd.append(f"--server.address={address}")
    return cmd


def dashboard_env(db: str | None, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    if db:
        env["CONFLICTMAP_DB"] = database_url(db)  # a relative path means the caller's cwd, resolved now
    return env


def run_dashboard(db: str | None, port: int | None = None, headless: bool = True, address: str | None = None) -> int:
    """Run the app until it is stopped; returns Streamlit's exit code.

    ``db`` is a file path or an SQLAlchemy URL; None lets the app choose (secrets.toml, else
    ``CONFLICTMAP_DB``, else the demo store).
    """
    try:
        ensure_assets()
    except AssetsError as exc:  # the app still runs; its map then needs internet
        print(f"warning: {exc}", file=sys.stderr)
    proc = subprocess.Popen(streamlit_command(port, headless, address), env=dashboard_env(db))
    return _wait_forwarding_signals(proc)


def _wait_forwarding_signals(proc: subprocess.Popen) -> int:
    """Wait for the server; a SIGTERM/SIGINT/SIGHUP to us goes to it, and it never outlives us."""
    previous: dict[int, object] = {}

    def forward(signum: int, _frame: object) -> None:
        if proc.poll() is None:
            proc.send_signal(signum)

    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None:
                previous[sig] = signal.signal(sig, forward)
    try:
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:  # a second Ctrl-C while it shuts down
                forward(signal.SIGINT, None)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m conflictmap.dashboard.launch", description="Run the conflictmap dashboard.")
    ap.add_argument("--db", help="store: a SQLite path or an SQLAlchemy URL (default: secrets/env/demo)")
    ap.add_argument("--port", type=int)
    ap.add_argument("--address", help="interface to listen on, e.g. 127.0.0.1")
    ap.add_argument("--browser", action="store_true", help="open a browser window (not headless)")
    args = ap.parse_args(argv)
    return run_dashboard(args.db, port=args.port, headless=not args.browser, address=args.address)


if __name__ == "__main__":
    raise SystemExit(main())
