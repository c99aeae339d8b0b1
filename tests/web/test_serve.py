"""`backrelief serve` refuses what it cannot do with one plain line and exit status 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def serve(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BACKRELIEF_DATA_DIR": str(data_dir), "BACKRELIEF_DATABASE_URL": ""}
    return subprocess.run([sys.executable, "-m", "backrelief", "serve", *args], capture_output=True, text=True,
                          timeout=120, env=env, check=False)


def test_a_port_in_use_is_named_with_what_to_do(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--port", str(port), data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"backrelief: cannot listen on 127.0.0.1:{port} (Address already in use); "
                                    "is backrelief already running?")
    assert "Traceback" not in result.stderr


def test_zero_workers_is_refused(tmp_path: Path) -> None:
    result = serve("--workers", "0", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "backrelief: --workers must be from 1 to 64, not 0\n"


def _serve_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backrelief", "serve", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env}, check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_clinic_mode_without_a_secret_is_refused_before_any_worker_starts(tmp_path: Path) -> None:
    result = _serve_with({"BACKRELIEF_MODE": "clinic", "BACKRELIEF_SECRET_KEY": "",
                          "BACKRELIEF_DATA_DIR": str(tmp_path),
                          "BACKRELIEF_DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/x"},
                         "--workers", "2", "--port", str(_free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith("backrelief: Clinic mode needs BACKRELIEF_SECRET_KEY")
    assert "Traceback" not in result.stderr


def test_a_database_that_does_not_answer_is_one_plain_line_without_the_password(tmp_path: Path) -> None:
    result = _serve_with({"BACKRELIEF_DATA_DIR": str(tmp_path),
                          "BACKRELIEF_DATABASE_URL": "postgresql+psycopg://someone:hunter2@127.0.0.1:1/x"},
                         "--port", str(_free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith("backrelief: cannot open the database at 127.0.0.1:1/x")
    assert "hunter2" not in result.stderr
    assert "Traceback" not in result.stderr
