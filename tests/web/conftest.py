"""Web fixtures: a fresh app on a temporary data folder, and a client that knows the CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app

TODAY = date(2026, 11, 26)


class PageClient:
    """A TestClient that reads the CSRF token from the pages, as a browser form would."""

    def __init__(self, client: TestClient) -> None:
        self.http = client
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> Response:
        response = self.http.get(url, **kwargs)
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        if found:
            self.token = found.group(1)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, *, follow: bool = False) -> Response:
        if not self.token:
            self.get("/")
        form = {"csrf_token": self.token, **(data or {})}
        return self.http.post(url, data=form, follow_redirects=follow)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    made = Settings(data_dir=tmp_path / "data", database_url="", secret_key=None)
    ensure_database(made).dispose()
    return made


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings, clock=lambda: TODAY)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def pages(client: TestClient) -> PageClient:
    return PageClient(client)


# The browser fixtures (a real server, Debian's Chromium) for test_browser.py.
from tests.web.browser import browser, desktop, phone, server, tab  # noqa: E402,F401
