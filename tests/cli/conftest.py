"""Run the real `backrelief` command in a subprocess, as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def backrelief(tmp_path: Path) -> Run:
    # A diary of the test's own: an interactive check is kept in the diary.
    env = {**os.environ, "BACKRELIEF_DATA_DIR": str(tmp_path / "data"), "BACKRELIEF_DATABASE_URL": ""}

    def run(*args: str, input: str | None = None, columns: int | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "backrelief", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=env if columns is None else {**env, "COLUMNS": str(columns)},
        )

    return run
