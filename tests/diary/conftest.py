"""A migrated diary on each engine, and the real `backrelief` command on a SQLite diary."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backrelief.settings import Settings
from backrelief.storage import ensure_database

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = ensure_database(Settings(database_url=database_url))
    yield made
    made.dispose()


@pytest.fixture
def diary_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'diary.sqlite'}"


@pytest.fixture
def backrelief(diary_db: str, tmp_path: Path) -> Run:
    env = {**os.environ, "BACKRELIEF_DATABASE_URL": diary_db, "BACKRELIEF_DATA_DIR": str(tmp_path)}

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "backrelief", *args], input=input, capture_output=True,
                              text=True, timeout=120, check=False, env=env, cwd=tmp_path)

    return run
