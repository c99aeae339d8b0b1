"""When the database cannot be reached, the answer is a plain 503 with Retry-After, never a
stack trace; the connection pool checks connections before use, so the app recovers by
itself (bench_clinic restarts PostgreSQL under load to show it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine

from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from tests.clinic.conftest import SECRET, Client
from tests.fixtures_postgres import PostgresCluster

MESSAGE = "The service is busy for a moment, so your last change may not be saved. Check, then try again in a few seconds."


@pytest.fixture
def app_without_database(clinic_app: FastAPI, postgres_cluster: PostgresCluster) -> Iterator[FastAPI]:
    # A port where nothing listens: every connection is refused, as while PostgreSQL restarts.
    engine = create_engine(f"postgresql+psycopg://{postgres_cluster.user}@127.0.0.1:9/none", pool_pre_ping=True)
    clinic_app.state.services.engine = engine
    clinic_app.state.clinic = make_clinic(engine, SECRET, Passwords(time_cost=1, memory_kib=8192))
    yield clinic_app
    engine.dispose()


def test_the_api_answers_503_with_retry_after(app_without_database: FastAPI) -> None:
    client = Client(app_without_database)
    answer = client.http.get("/api/v1/me", headers={"authorization": "Bearer some-token"})
    assert (answer.status_code, answer.headers["retry-after"]) == (503, "5")
    assert answer.json() == {"errors": [{"field": "", "message": MESSAGE}]}


def test_a_page_answers_503_in_plain_words(app_without_database: FastAPI) -> None:
    client = Client(app_without_database)
    client.http.cookies.set("br_session", "some-token")
    answer = client.http.get("/my/diary")
    assert answer.status_code == 503
    assert MESSAGE in answer.text
    assert "Traceback" not in answer.text
