"""Real clinic app processes for the tests: `backrelief serve` on free loopback ports,
in clinic mode on one PostgreSQL database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.clinic.conftest import SECRET


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class AppProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


def start_apps(database_url: str, folder: Path, count: int = 2) -> list[AppProcess]:
    """Start `count` app processes at once, and wait until each answers."""
    env = {**os.environ, "BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": database_url,
           "BACKRELIEF_SECRET_KEY": SECRET, "BACKRELIEF_DATA_DIR": str(folder / "data")}
    apps: list[AppProcess] = []
    for n in range(count):
        port = free_port()
        log = folder / f"app{n}.log"
        with log.open("wb") as out:
            process = subprocess.Popen([sys.executable, "-m", "backrelief", "serve", "--port", str(port)],
                                       env=env, stdout=out, stderr=subprocess.STDOUT)
        apps.append(AppProcess(f"http://127.0.0.1:{port}", process, log))
    deadline = time.monotonic() + 90
    for app in apps:
        while True:
            if app.process.poll() is not None:
                raise RuntimeError(f"an app process stopped: {app.log.read_text()}")
            try:
                with urllib.request.urlopen(app.url + "/account/login", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                for a in apps:
                    a.process.kill()
                raise RuntimeError("the app processes did not start within 90 s")
            time.sleep(0.2)
    return apps
