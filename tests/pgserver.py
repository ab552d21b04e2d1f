"""A throw-away PostgreSQL server from the Debian packages, for tests and benchmarks.

    with TempPostgres() as pg:          # initdb + pg_ctl in a temporary directory, a free port
        url = pg.create_database("t")   # postgresql+psycopg://… with PostGIS created in it

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user that
Debian's package creates (else ``nobody``) from a directory that user owns. Clients connect over
TCP on 127.0.0.1 with a password (scram-sha-256), like a real deployment. Any failure raises
:class:`PostgresUnavailable` carrying the command's output and the server log, so a test can
skip loudly with the reason.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

#: fast settings for throw-away data (no fsync; the data dies with the directory)
FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresUnavailable(RuntimeError):
    """The server cannot be started here (message says why, with the log)."""


def bindir() -> Path:
    """Directory of initdb/pg_ctl: ``$PG_BINDIR``, else the newest /usr/lib/postgresql/N/bin, else PATH."""
    env = os.environ.get("PG_BINDIR")
    if env and (Path(env) / "pg_ctl").exists():
        return Path(env)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    exe = shutil.which("pg_ctl")
    if exe:
        return Path(exe).parent
    raise PostgresUnavailable("PostgreSQL is not installed (no pg_ctl): run scripts/setup-system.sh "
                              "(apt-get install postgresql postgresql-postgis)")


def postgis_available(bin_dir: Path | None = None) -> bool:
    """Are PostGIS's extension files installed for this server version?"""
    try:
        sharedir = subprocess.run([str((bin_dir or bindir()) / "pg_config"), "--sharedir"], capture_output=True,
                                  text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError, PostgresUnavailable):
        sharedir = ""
    paths = [Path(sharedir)] if sharedir else list(Path("/usr/share/postgresql").glob("*"))
    return any((p / "extension" / "postgis.control").exists() for p in paths)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: None for the current user, else an unprivileged account when root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and there is no 'postgres' or 'nobody' user to run the server "
                              "(initdb refuses root); scripts/setup-system.sh creates one")


class TempPostgres:
    """A PostgreSQL cluster in a temporary directory, stopped and removed on exit."""

    def __init__(self, *, settings: dict[str, str] | None = None, base_dir: str | None = None,
                 user: str = "conflictmap", directory: str | os.PathLike[str] | None = None) -> None:
        """``directory``: keep the cluster there (reused when it exists, never removed) instead of
        a temporary directory; the password then lives in ``directory/password``."""
        self.settings = dict(FAST if settings is None else settings)
        self.base_dir = base_dir
        self.keep = Path(directory) if directory else None
        self.user = user
        self.password = "pw-" + secrets.token_hex(8)
        self.port = 0
        self.dir: Path | None = None
        self._started = False

    # -- paths ------------------------------------------------------------------------------
    @property
    def data(self) -> Path:
        assert self.dir is not None
        return self.dir / "data"

    @property
    def log(self) -> Path:
        assert self.dir is not None
        return self.dir / "server.log"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no server log)"

    # -- running commands as the server's user ------------------------------------------------
    def _run(self, args: list[str], what: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        owner = _server_user()
        kw: dict[str, Any] = {}
        if owner is not None:
            kw = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "HOME": str(self.dir), "TZ": "UTC"}
        try:
            proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env,
                                  cwd=str(self.dir), check=False, **kw)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"{what} failed: {exc}\n--- server log ---\n{self.log_tail()}") from exc
        if proc.returncode != 0:
            raise PostgresUnavailable(
                f"{what} failed (exit {proc.returncode}): {' '.join(args)}\n{proc.stdout}{proc.stderr}"
                f"\n--- server log ---\n{self.log_tail()}")
        return proc

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> TempPostgres:
        bins = bindir()
        owner = _server_user()
        if self.keep is not None:
            self.dir = self.keep.resolve()
            self.dir.mkdir(parents=True, exist_ok=True)
            saved = self.dir / "password"
            if (self.data / "PG_VERSION").exists() and saved.exists():
                self.password = saved.read_text().strip()
                return self._start_server(bins)
            saved.write_text(self.password)
            os.chmod(saved, 0o600)
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="conflictmap-pg-", dir=self.base_dir))
        os.chmod(self.dir, 0o700)
        if owner is not None:
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            # the server user must be able to reach its directory (every parent traversable)
            try:
                self._run(["test", "-w", str(self.dir)], "checking the directory")
            except PostgresUnavailable as exc:
                raise PostgresUnavailable(f"{self.dir} is not reachable by the server user {owner.pw_name}: "
                                          f"choose a directory under a world-traversable path\n{exc}") from exc
        pwfile = self.dir / "pwfile"
        pwfile.write_text(self.password + "\n")
        if owner is not None:
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        os.chmod(pwfile, 0o600)
        self._run([str(bins / "initdb"), "-D", str(self.data), "-U", self.user, f"--pwfile={pwfile}",
                   "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                   "--no-sync"], "initdb")
        pwfile.unlink()
        return self._start_server(bins)

    def _start_server(self, bins: Path) -> TempPostgres:
        for attempt in range(3):
            self.port = free_port()
            opts = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-k {self.dir}",
                    *(f"-c {k}={v}" for k, v in self.settings.items())]
            try:
                self._run([str(bins / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                           "-o", " ".join(opts), "start"], "pg_ctl start")
                self._started = True
                break
            except PostgresUnavailable:
                if attempt == 2 or "could not bind" not in self.log_tail():
                    raise
        return self

    def stop(self) -> None:
        if self.dir is None:
            return
        if self._started:
            with contextlib.suppress(PostgresUnavailable):
                self._run([str(bindir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                          "pg_ctl stop", timeout=60)
            self._started = False
        if self.keep is None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self) -> TempPostgres:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------------------
    def url(self, database: str = "postgres", *, user: str | None = None, password: str | None = None) -> str:
        u, p = user or self.user, password if password is not None else (self.password if user is None else "")
        return f"postgresql+psycopg://{u}:{p}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement as the superuser (autocommit)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password,
                             dbname=database, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str, *, postgis: bool = True) -> str:
        """A new database (with the PostGIS extension unless ``postgis=False``); its URL."""
        self.execute(f'CREATE DATABASE "{name}"')
        if postgis:
            self.execute("CREATE EXTENSION IF NOT EXISTS postgis", name)
        return self.url(name)
