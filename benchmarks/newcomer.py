"""A newcomer's first ten minutes, measured: a fresh clone, empty caches, the README's first command.

    .venv/bin/python benchmarks/newcomer.py            # clones HEAD into a temporary folder

1. `git clone` this repository's HEAD into a new folder; empty pip and conflictmap caches.
2. `./run.sh --port P` in the background; time until Streamlit answers /_stcore/health, then until
   the map in headless Chromium (Debian's, through Playwright) shows demo events.
3. Stop it and run `./run.sh` again: time to the same point (everything reused).
4. Hosting (`--hosted`): as Streamlit Community Cloud starts it — `streamlit run dashboard/app.py`
   with no secrets and a new, empty cache, so the app builds the demo store on first start — the
   time to the map and the memory: the peak resident set of the Streamlit process (its VmHWM,
   after the map is drawn and a month of playback) and of the whole process group (sampled every
   0.1 s, the demo build's subprocess included). Community Cloud's limit is about 1 GB; the
   target here is a dashboard process under 700 MB.
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
import threading
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


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _group(sid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if os.getsid(int(d.name)) == sid:
                    pids.append(int(d.name))
            except OSError:
                continue
    return pids


class GroupSampler(threading.Thread):
    """The largest summed RSS of a process group (session), sampled every 0.1 s."""

    def __init__(self, sid: int) -> None:
        super().__init__(daemon=True)
        self.sid, self.peak_kb, self.halt = sid, 0, threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _group(self.sid)))
            self.halt.wait(0.1)


def play_a_month(url: str) -> bool:
    """Open the app, press Play once and let the window step (more queries, more maps); False
    when there was no Play button."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(url + "/")
        page.wait_for_timeout(4000)
        btn = page.get_by_role("button", name="Play")
        played = bool(btn.count())
        if played:
            btn.first.click()
            page.wait_for_timeout(8000)
        b.close()
        return played


def hosted(clone: Path, env: dict[str, str], port: int, log: Path, cache: Path) -> dict[str, float]:
    """`streamlit run dashboard/app.py` as Community Cloud runs it, from an empty cache."""
    henv = {**env, "XDG_CACHE_HOME": str(cache)}
    cmd = [str(clone / ".venv" / "bin" / "streamlit"), "run", "dashboard/app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=clone, env=henv, stdout=open(log, "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115
                            start_new_session=True)
    sampler = GroupSampler(proc.pid)
    sampler.start()
    try:
        url = f"http://127.0.0.1:{port}"
        wait_health(url, proc, timeout=600)
        n = markers_on_map(url, timeout=300)
        t_map = time.monotonic() - t0
        played = play_a_month(url)
        return {"map_s": t_map, "markers": n, "played": played, "streamlit_peak_mb": _rss_kb(proc.pid, "VmHWM") / 1024,
                "streamlit_now_mb": _rss_kb(proc.pid) / 1024, "group_peak_mb": sampler.peak_kb / 1024}
    finally:
        sampler.halt.set()
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", action="store_true", help="also time ./test.sh in the fresh clone")
    ap.add_argument("--hosted", action="store_true",
                    help="also start the app as Community Cloud does, from an empty cache, and measure its memory")
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
        if args.hosted:
            h = hosted(clone, env, free_port(), log, Path(d) / "cache-hosted")
            print(f"| `streamlit run dashboard/app.py`, empty cache (demo store built on first start) | | "
                  f"{h['map_s']:.0f} s | {h['markers']} |")
            print()
            print(f"hosted start: Streamlit process peak {h['streamlit_peak_mb']:.0f} MB (VmHWM; "
                  f"{h['streamlit_now_mb']:.0f} MB after " + ("a month of playback" if h["played"] else "NO playback: no Play button")
                  + "); whole process group peak "
                  f"{h['group_peak_mb']:.0f} MB (the demo build's subprocess included)")
            n1 = n1 and h["markers"]
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
