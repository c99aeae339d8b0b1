"""Tries sent at the same moment never get past a throttle's limit, whatever the database:
SQLite, and PostgreSQL whatever its server-wide `default_transaction_isolation` (a managed
server may be set to REPEATABLE READ or SERIALIZABLE; the throttle takes a lock and then
counts, so it must see what the last holder of the lock wrote).

Each throttle kind is tried: a guesser on one account from one client, a stolen session
re-entering the password, second-factor codes, and sign-ups from one client. The tries
run in threads released together by a barrier; one answer per try is counted, so the
figures do not depend on timing."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from backrelief.clinic.accounts import LoginRefused, Throttled
from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from backrelief.clinic.throttle import CODE_LIMIT, PAIR_LIMIT, REENTRY_LIMIT, SIGNUP_LIMIT, Attempt, Throttle
from backrelief.settings import Settings
from backrelief.storage import ensure_database, make_engine
from tests.clinic.conftest import PASSWORD, SECRET, clinic_settings
from tests.fixtures_postgres import PostgresCluster

NOW = datetime(2026, 11, 26, 9, 0, 0)
EXTRA = 8  # tries past the limit, sent in the same burst


@pytest.fixture(params=["sqlite", "read committed", "repeatable read", "serializable"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database: a SQLite file, or PostgreSQL with the server default set as named."""
    if request.param == "sqlite":
        made = ensure_database(Settings(database_url=f"sqlite:///{tmp_path / 'clinic.sqlite'}",
                                        data_dir=tmp_path / "data"))
        yield made
        made.dispose()
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    template: str = request.getfixturevalue("clinic_template")
    name = f"iso_{uuid.uuid4().hex[:12]}"
    with cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        admin.execute(f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = '{request.param}'")
    made = make_engine(clinic_settings(cluster.url(name), tmp_path / "data"))
    with made.connect() as connection:
        # The setting is really in force for the app's connections (else the test shows nothing).
        assert connection.execute(text("SHOW default_transaction_isolation")).scalar() == request.param
    try:
        yield made
    finally:
        made.dispose()
        with cluster.admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def at_once(tries: int, attempt: Callable[[], Attempt]) -> list[bool | str]:
    """Each try's answer (allowed or not), or the error it raised, with all sent together."""
    start = threading.Barrier(tries)
    answers: list[bool | str] = []
    lock = threading.Lock()

    def one() -> None:
        start.wait()
        try:
            answer: bool | str = attempt().allowed
        except Exception as error:  # any error is a finding, reported by the assert
            answer = f"{type(error).__name__}: {error}"
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one) for _ in range(tries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


KINDS: dict[str, tuple[int, Callable[[Throttle], Attempt]]] = {
    "one account from one client": (PAIR_LIMIT, lambda t: t.login_attempt("alice@example.org", "203.0.113.9")),
    "password re-entered while logged in": (REENTRY_LIMIT, lambda t: t.reentry_attempt(7)),
    "second-factor codes": (CODE_LIMIT, lambda t: t.code_attempt(7, "203.0.113.9")),
    "sign-ups from one client": (SIGNUP_LIMIT, lambda t: t.signup_attempt("203.0.113.9")),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_tries_sent_at_once_are_allowed_exactly_up_to_the_limit(engine: Engine, kind: str) -> None:
    limit, attempt = KINDS[kind]
    throttle = Throttle(engine, SECRET, lambda: NOW)
    answers = at_once(limit + EXTRA, lambda: attempt(throttle))
    assert [a for a in answers if not isinstance(a, bool)] == []
    assert answers.count(True) == limit
    assert answers.count(False) == EXTRA
    # The burst is over and the limit holds for the next try too.
    assert attempt(throttle).allowed is False


def test_wrong_passwords_sent_at_once_are_checked_only_up_to_the_limit(engine: Engine) -> None:
    clinic = make_clinic(engine, SECRET, Passwords(time_cost=1, memory_kib=8192), now=lambda: NOW)
    clinic.accounts.create("alice@example.org", PASSWORD, "patient", "Alice")
    outcomes: list[str] = []

    def guess() -> Attempt:
        try:
            clinic.accounts.login("alice@example.org", "not the password at all", "203.0.113.9")
        except LoginRefused:
            outcomes.append("checked")
        except Throttled:
            outcomes.append("throttled")
        return Attempt(allowed=True)

    errors = [a for a in at_once(PAIR_LIMIT + EXTRA, guess) if not isinstance(a, bool)]
    assert errors == []
    assert (outcomes.count("checked"), outcomes.count("throttled")) == (PAIR_LIMIT, EXTRA)
