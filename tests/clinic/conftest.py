"""Clinic fixtures, on a fresh PostgreSQL database per test.

The people (after healthchecks' tests): Alice, a patient who shares everything with Bob,
her clinician; Charlie, another patient; Dana, a clinician Alice does not share with; and
a visitor who is not logged in. Passwords are hashed with a cheap argon2id in tests only.
Bob and Dana have set up their second factor (clinicians must, by default); the tests make
their codes with pyotp at the test's clock, as their phone would.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from backrelief.clinic.accounts import User
from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import Clinic, make_clinic
from backrelief.settings import Settings
from backrelief.storage import ensure_database, make_engine
from backrelief.web import create_app
from tests.fixtures_postgres import PostgresCluster

TODAY = date(2026, 11, 26)
PASSWORD = "correct horse battery staple"
SECRET = "test-secret-" + "k" * 40


class Clock:
    """UTC now for the clinic, moved by hand in tests."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 26, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def code_at(secret: str, at: datetime) -> str:
    """The code an authenticator app shows at `at` (naive UTC, the clinic's clock)."""
    return pyotp.TOTP(secret).at(at.replace(tzinfo=UTC))


def enrol(clinic: Clinic, clock: Clock, user: User) -> tuple[str, list[str]]:
    """Set up the second factor as a clinician does: the secret, then a first right code.
    Answers the secret and the recovery codes."""
    secret = clinic.second_factor.begin(user.id).secret
    return secret, clinic.second_factor.confirm(user.id, code_at(secret, clock.at), "127.0.0.1")


class Client:
    """One person's browser (its own cookies) plus their API token."""

    def __init__(self, app: FastAPI, next_code: Callable[[], str] | None = None) -> None:
        self.http = TestClient(app)
        self.token = ""
        self.bearer = ""
        # For an account with a second factor: the phone (each call, the next code).
        self.next_code = next_code

    def get(self, url: str, **kwargs: Any) -> Response:
        response = self.http.get(url, follow_redirects=False, **kwargs)
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        if found:
            self.token = found.group(1)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Response:
        if not self.token:
            self.get("/account/login")
        form = {"csrf_token": self.token, **(data or {})}
        return self.http.post(url, data=form, follow_redirects=False, **kwargs)

    def api(self, method: str, url: str, **kwargs: Any) -> Response:
        headers = {"authorization": f"Bearer {self.bearer}"} if self.bearer else {}
        return self.http.request(method, url, headers=headers, **kwargs)

    def log_in(self, email: str, password: str = PASSWORD, *, api: bool = False) -> Response:
        """Log in through the form; with `api`, also get a bearer token."""
        response = self.post("/account/login", {"email": email, "password": password})
        if response.status_code == 303:
            # The CSRF cookie is new after a login: pick up the token that goes with it.
            self.get("/account/login")
            if response.headers["location"] == "/account/login/code" and self.next_code is not None:
                response = self.post("/account/login/code", {"code": self.next_code()})
                self.get("/account/login")
        if api:
            body = {"email": email, "password": password}
            if self.next_code is not None:
                body["code"] = self.next_code()
            answer = self.http.post("/api/v1/session", json=body)
            if answer.status_code == 200:
                self.bearer = answer.json()["token"]
        return response


@dataclass
class World:
    app: FastAPI
    clinic: Clinic
    clock: Clock
    settings: Settings
    people: dict[str, User] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)
    recovery_codes: dict[str, list[str]] = field(default_factory=dict)

    def next_code(self, name: str) -> str:
        """The next code on this clinician's phone: a code works once, so the clock moves on
        to the next 30-second step first."""
        self.clock.advance(seconds=30)
        return code_at(self.secrets[name], self.clock.at)

    def client(self, name: str) -> Client:
        return self.clients[name]

    def id(self, name: str) -> int:
        return self.people[name].id


def clinic_settings(url: str, data_dir: Path) -> Settings:
    return Settings(mode="clinic", database_url=url, secret_key=SECRET, data_dir=data_dir)


@pytest.fixture(scope="session")
def clinic_template(postgres_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database that each test's database is copied from (much faster than migrating)."""
    name = f"clinic_tpl_{uuid.uuid4().hex[:8]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    ensure_database(clinic_settings(postgres_cluster.url(name), tmp_path_factory.mktemp("tpl"))).dispose()
    return name


@pytest.fixture(scope="session")
def clinic_app(postgres_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """One app for the whole run; each test points it at its own fresh database."""
    settings = clinic_settings(postgres_cluster.url("postgres"), tmp_path_factory.mktemp("app"))
    app = create_app(settings, clock=lambda: TODAY)
    app.state.services.engine.dispose()
    return app


@pytest.fixture
def clinic_url(postgres_cluster: PostgresCluster, clinic_template: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:16]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{clinic_template}"')
    try:
        yield postgres_cluster.url(name)
    finally:
        with postgres_cluster.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def world(clinic_app: FastAPI, clinic_url: str, tmp_path: Path) -> Iterator[World]:
    settings = clinic_settings(clinic_url, tmp_path / "data")
    app = clinic_app
    engine = make_engine(settings)
    app.state.services.engine = engine
    clock = Clock()
    clinic = make_clinic(engine, SECRET, Passwords(time_cost=1, memory_kib=8192), now=clock)
    app.state.clinic = clinic
    w = World(app=app, clinic=clinic, clock=clock, settings=settings)
    for name, role in (("alice", "patient"), ("bob", "clinician"), ("charlie", "patient"), ("dana", "clinician")):
        w.people[name] = clinic.accounts.create(f"{name}@example.org", PASSWORD, role, name.capitalize())
    clinic.sharing.share_with(w.people["alice"], "bob@example.org", ["diary", "assessments", "reports"])
    for name in ("bob", "dana"):
        w.secrets[name], w.recovery_codes[name] = enrol(clinic, clock, w.people[name])
        w.people[name] = replace(w.people[name], mfa=True)
    for name in (*w.people, "visitor"):
        phone = (lambda n=name: w.next_code(n)) if name in w.secrets else None
        w.clients[name] = Client(app, phone)
        if name != "visitor":
            # Sessions made directly (the login routes have their own tests): one for the
            # browser's cookie, one for the API's bearer token, as two logins would make;
            # a clinician's with both factors, as after the code step.
            factors = 2 if name in w.secrets else 1
            w.clients[name].http.cookies.set("br_session", clinic.accounts.start_session(w.people[name].id, factors),
                                             domain="testserver.local")
            w.clients[name].bearer = clinic.accounts.start_session(w.people[name].id, factors)
    try:
        yield w
    finally:
        for c in w.clients.values():
            c.http.close()
        engine.dispose()
