"""Run the real `backrelief` command in a subprocess, as a person would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def backrelief() -> Run:
    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "backrelief", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
