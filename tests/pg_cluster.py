"""A private PostgreSQL cluster for the test run (issue 16): started once, stopped at the end.

``initdb`` and ``pg_ctl`` from the newest /usr/lib/postgresql/<version>/bin (or ``LEADDESK_PG_BIN``)
build a throw-away cluster in a temporary folder that listens only on a Unix socket in that
folder (no TCP port, nothing another program on the machine can reach). PostgreSQL refuses to
run as root, so under root the server runs as the ``postgres`` system user through
``runuser -u postgres --``; the cluster's superuser is always ``leaddesk`` (trust over the socket).

Fixtures (registered as a pytest plugin from tests/conftest.py):

- ``pg_cluster`` (session): the :class:`PgCluster`; ``create_database(name, template=...)`` returns a
  SQLAlchemy URL (``postgresql+psycopg``) built with ``URL.create`` — never string formatting.
- ``pg_url`` (module): a fresh, empty database for the test module.

When the binaries are missing these fixtures skip the test, or fail it with the reason when
``LEADDESK_REQUIRE_PG=1`` (CI sets it, so a broken installation cannot pass as "skipped").
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

SUPERUSER = "leaddesk"
PG_ROOT = Path("/usr/lib/postgresql")


def find_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``LEADDESK_PG_BIN``, else the newest installed version."""
    override = os.environ.get("LEADDESK_PG_BIN")
    if override:
        folder = Path(override)
        return folder if (folder / "initdb").exists() else None
    if PG_ROOT.is_dir():
        versions = sorted(
            (
                p
                for p in PG_ROOT.iterdir()
                if re.fullmatch(r"\d+", p.name) and (p / "bin" / "initdb").exists()
            ),
            key=lambda p: int(p.name),
        )
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def required() -> bool:
    return os.environ.get("LEADDESK_REQUIRE_PG") == "1"


def unavailable(reason: str) -> None:
    """Skip, or fail when PostgreSQL is required (LEADDESK_REQUIRE_PG=1)."""
    if required():
        pytest.fail(f"PostgreSQL tests required (LEADDESK_REQUIRE_PG=1) but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


class PgCluster:
    """One private cluster: a data folder, a socket folder, and a server process run by ``pg_ctl``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        # A short path: a Unix socket path must stay under ~100 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="ldpg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        self._started = False
        self._names: set[str] = set()
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
            os.chmod(self.root, 0o700)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=self.root)

    def start(self) -> None:
        done = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        # Test speed: no durability (the cluster is thrown away), no TCP, only our socket.
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB"
        )
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        self._started = True
        atexit.register(self.stop)

    def stop(self) -> None:
        if self._started:
            self._started = False
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> URL:
        """The SQLAlchemy URL of ``database`` in this cluster (the socket folder as libpq's host)."""
        return URL.create(
            "postgresql+psycopg", username=SUPERUSER, database=database, query={"host": str(self.socket_dir)}
        )

    def admin(self, sql: str, *params: object) -> None:
        """Run one statement outside a transaction in the ``postgres`` database (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql, params or None)  # type: ignore[arg-type]

    def create_database(self, name: str, *, template: str | None = None) -> URL:
        """A new database ``name`` (dropped first if a previous run left it); its URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain database name: {name!r}")
        self.drop_database(name)
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._names.add(name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._names.discard(name)

    def unique_name(self, hint: str) -> str:
        base = re.sub(r"[^a-z0-9_]", "_", hint.lower())[:40].strip("_") or "db"
        return f"t_{base}_{time.monotonic_ns() % 10**9}"


_cluster: PgCluster | None = None
_failure: str | None = None


def cluster() -> PgCluster:
    """The run's cluster, started at first use; skips or fails (see module doc) when it cannot be."""
    global _cluster, _failure
    if _cluster is not None:
        return _cluster
    if _failure is None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _failure = "the psycopg package is not installed (pip install 'psycopg[binary]')"
        else:
            bin_dir = find_bin()
            if bin_dir is None:
                _failure = (
                    "initdb/pg_ctl were not found in /usr/lib/postgresql/<version>/bin "
                    "(apt-get install postgresql postgresql-contrib, or set LEADDESK_PG_BIN)"
                )
            else:
                candidate = PgCluster(bin_dir)
                try:
                    candidate.start()
                except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                    candidate.stop()
                    _failure = f"the test cluster did not start: {exc}"
                else:
                    _cluster = candidate
                    return _cluster
    unavailable(_failure or "unknown reason")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The private PostgreSQL cluster of this test run."""
    yield cluster()


@pytest.fixture(scope="module")
def pg_url(pg_cluster: PgCluster, request: pytest.FixtureRequest) -> Iterator[URL]:
    """A fresh, empty database for this test module (dropped after it)."""
    name = pg_cluster.unique_name(request.module.__name__.rsplit(".", 1)[-1])
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _cluster is not None:
        _cluster.stop()
