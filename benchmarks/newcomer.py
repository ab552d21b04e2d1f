"""A newcomer's first ten minutes, measured: a fresh clone, empty caches, the README's first command.

    .venv/bin/python benchmarks/newcomer.py            # clones HEAD into a temporary folder

1. `git clone` this repository's HEAD into a new folder; empty pip and conflictmap caches.
2. `./run.sh --port P` in the background; time until Streamlit answers /_stcore/health, then until
   the map in headless Chromium (Debian's, through Playwright) shows demo events.
3. Stop it and run `./run.sh` again: time to the same point (everything reused).
Optionally (`--tests`) time `./test.sh` in the clone too.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
COUNT_JS = """() => {
    if (!window.map) return 0;
    let n = 0;
    for (const l of Object.values(window.map._layers)) {
        if (l.options && l.options.iconCreateFunction && l.getLayers) n += l.getLayers().length;
    }
    return n;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_health(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"./run.sh exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the dashboard did not come up in time")


def markers_on_map(url: str, timeout: float = 120) -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(url + "/")
        deadline = time.monotonic() + timeout
        n = 0
        while time.monotonic() < deadline:
            for f in page.frames:
                if "streamlit_folium" in f.url and not f.is_detached():
                    try:
                        n = f.evaluate(COUNT_JS)
                    except Exception:
                        n = 0
            if n:
                break
            page.wait_for_timeout(500)
        b.close()
        return n


def start(clone: Path, env: dict[str, str], port: int, log: Path) -> tuple[subprocess.Popen, float, float, int]:
    t0 = time.monotonic()
    proc = subprocess.Popen(["./run.sh", "--port", str(port)], cwd=clone, env=env, stdout=open(log, "ab"),  # noqa: SIM115
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_health(url, proc, timeout=1800)
    t_health = time.monotonic() - t0
    n = markers_on_map(url)
    return proc, t_health, time.monotonic() - t0, n


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", action="store_true", help="also time ./test.sh in the fresh clone")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="conflictmap-newcomer-") as d:
        clone = Path(d) / "conflictmap"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CONFLICTMAP_", "VIRTUAL_ENV"))}
        env.update(XDG_CACHE_HOME=str(Path(d) / "cache"), PIP_CACHE_DIR=str(Path(d) / "cache" / "pip"))
        log = Path(d) / "run.log"
        port = free_port()
        proc, h1, m1, n1 = start(clone, env, port, log)
        stop(proc)
        proc, h2, m2, n2 = start(clone, env, port, log)
        stop(proc)
        print("| step | served (health ok) | map shows demo events | markers |")
        print("| --- | --- | --- | --- |")
        print(f"| `./run.sh`, fresh clone, empty caches | {h1:.0f} s | {m1:.0f} s | {n1} |")
        print(f"| `./run.sh` again | {h2:.1f} s | {m2:.1f} s | {n2} |")
        if args.tests:
            t = time.monotonic()
            r = subprocess.run(["./test.sh", "-q"], cwd=clone, env=env, capture_output=True, text=True)
            tail = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-300:]
            print(f"| `./test.sh` in the same clone | {time.monotonic() - t:.0f} s | exit {r.returncode} | {tail} |")
        if not (n1 and n2):
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
