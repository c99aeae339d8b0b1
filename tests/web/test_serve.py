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
