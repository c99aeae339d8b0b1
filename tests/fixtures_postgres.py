"""A throwaway PostgreSQL cluster for the tests, and a fresh database per test.

Registered in tests/conftest.py (pytest_plugins), so every test area can use:
- `postgres_cluster` (session): starts initdb + pg_ctl on a free 127.0.0.1 port in a
  temporary folder, as the `postgres` user when run as root (initdb refuses root);
  yields the server's base URL; stops it and removes the folder at the end.
- `postgres_url` (function): a new, empty database on that cluster, dropped afterwards.
- `database_url` (function, parametrized "sqlite" / "postgresql"): a fresh SQLite file
  or a fresh PostgreSQL database, so a test runs once on each engine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PG_BIN = Path(os.environ.get("BACKRELIEF_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass(frozen=True)
class PostgresCluster:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def _run(args: list[str]) -> None:
    done = subprocess.run(_as_server_user(args), capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    initdb, pg_ctl = PG_BIN / "initdb", PG_BIN / "pg_ctl"
    if not initdb.exists() or not pg_ctl.exists():
        pytest.fail(f"PostgreSQL server binaries not found in {PG_BIN}: run `apt-get install postgresql` "
                    "(or set BACKRELIEF_PG_BIN to the folder holding initdb and pg_ctl)")
    folder = Path(tempfile.mkdtemp(prefix="brpg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    port = _free_port()
    _run([str(initdb), "-D", str(data), "-A", "trust", "-U", user, "--no-sync", "-E", "UTF8"])
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    _run([str(pg_ctl), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"])
    try:
        yield PostgresCluster(host="127.0.0.1", port=port, user=user)
    finally:
        subprocess.run(_as_server_user([str(pg_ctl), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:16]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_cluster.url(name)
    finally:
        with postgres_cluster.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'diary.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url
