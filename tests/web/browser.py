"""Browser test helpers: the real `backrelief serve` on a free loopback port with a temporary
SQLite diary, and Debian's Chromium driven by Playwright (never a downloaded browser).

axe-core (tests/web/vendor/axe.min.js, from the npm registry) is added to every page as an
init script, which the browser runs before the page's own scripts and outside its
Content-Security-Policy; the app's own CSP stays fully on, and any CSP violation the page
reports is collected so a test can assert there was none.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
REPO = Path(__file__).resolve().parents[2]
# The README's pictures are remade by `BACKRELIEF_SCREENSHOTS=docs make test`; otherwise the
# browser tests still take every screenshot, into a temporary folder, so a test run leaves
# the work tree clean.
SCREENSHOTS = (REPO / "docs" / "screenshots") if os.environ.get("BACKRELIEF_SCREENSHOTS") == "docs" else (
    Path(tempfile.gettempdir()) / "backrelief-screenshots")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


def start_server(data_dir: Path) -> Server:
    port = free_port()
    env = {**os.environ, "BACKRELIEF_DATA_DIR": str(data_dir), "BACKRELIEF_DATABASE_URL": ""}
    env.pop("BACKRELIEF_SECRET_KEY", None)
    with (data_dir.parent / "server.log").open("wb") as log:
        # The child keeps its own copy of the file descriptor.
        process = subprocess.Popen([sys.executable, "-m", "backrelief", "serve", "--port", str(port)],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"backrelief serve stopped: {(data_dir.parent / 'server.log').read_text()}")
        try:
            with urllib.request.urlopen(url + "/about", timeout=2) as response:
                if response.status == 200:
                    _wait_for_reader(url)
                    return Server(url, data_dir, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("backrelief serve did not start within 60 s")


def _wait_for_reader(url: str) -> None:
    """The reader loads spaCy in the background at start; wait for it, so no test's first
    page of own words is slow."""
    request = urllib.request.Request(url + "/api/v1/readings", data=json.dumps({"text": "sore back"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@dataclass
class Session:
    """One browser tab on the app, collecting CSP violations and failed requests."""

    page: Page
    base: str
    problems: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def axe(self, *, regions: bool = False) -> list[dict[str, Any]]:
        """Serious and critical accessibility violations on the current page; with
        `regions`, also content outside every landmark (axe's moderate "region" rule: a
        screen reader's landmark list must reach everything)."""
        result: dict[str, Any] = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical") or (regions and v["id"] == "region")
        ]

    def shot(self, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("web") / "data")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_session(browser: Browser, server: Server, *, width: int = 1000, height: int = 900) -> tuple[BrowserContext, Session]:
    # The machines running the tests may be busy: wait longer than Playwright's 5 s default.
    expect.set_options(timeout=20_000)
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                  locale="en-GB", timezone_id="Europe/London")
    context.add_init_script(path=str(AXE))
    context.set_default_timeout(30_000)
    page = context.new_page()
    session = Session(page, server.url)
    page.on("console", lambda m: session.problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)
    # ERR_ABORTED: the browser dropped a request itself (leaving the page, or a download).
    page.on("requestfailed", lambda r: session.problems.append(f"failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    return context, session


@pytest.fixture
def tab(browser: Browser, server: Server) -> Iterator[Session]:
    context, session = new_session(browser, server)
    yield session
    context.close()


@pytest.fixture
def desktop(browser: Browser, server: Server) -> Iterator[Session]:
    """A 1280 px wide screen, as on a laptop."""
    context, session = new_session(browser, server, width=1280, height=800)
    yield session
    context.close()


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Session]:
    """A 360 px wide screen, as on a small phone."""
    context, session = new_session(browser, server, width=360, height=740)
    yield session
    context.close()
