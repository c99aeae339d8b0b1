"""Two real app processes on one PostgreSQL serve the same person: nothing is kept in
process memory, so a login on one works on the other, and wrong passwords sent to both at
once stop at the throttle's limit. The database's server-wide default isolation is set to
REPEATABLE READ, as a managed server may be: the app must not depend on that default."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import Engine

from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from backrelief.clinic.throttle import PAIR_LIMIT
from backrelief.storage import Entries, make_engine
from tests.clinic.conftest import PASSWORD, SECRET, clinic_settings
from tests.clinic.servers import AppProcess, start_apps
from tests.fixtures_postgres import PostgresCluster


@pytest.fixture(scope="module")
def database(postgres_cluster: PostgresCluster, clinic_template: str) -> Iterator[str]:
    name = f"two_{uuid.uuid4().hex[:12]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{clinic_template}"')
        admin.execute(f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = 'repeatable read'")
    yield postgres_cluster.url(name)
    with postgres_cluster.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def engine(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    made = make_engine(clinic_settings(database, tmp_path_factory.mktemp("engine")))
    make_clinic(made, SECRET, Passwords(time_cost=1, memory_kib=8192)).accounts.create(
        "alice@example.org", PASSWORD, "patient", "Alice")
    yield made
    made.dispose()


@pytest.fixture(scope="module")
def two_apps(database: str, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[AppProcess]]:
    # Started once for this module: starting a process costs seconds.
    apps = start_apps(database, tmp_path_factory.mktemp("apps"))
    yield apps
    for app in apps:
        app.stop()


def _csrf(response: httpx.Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    assert found, response.text[:500]
    return found.group(1)


def test_a_login_on_one_process_works_on_the_other(two_apps: list[AppProcess], engine: Engine) -> None:
    first, second = two_apps
    with httpx.Client(follow_redirects=False, timeout=30) as browser:
        token = _csrf(browser.get(first.url + "/account/login"))
        login = browser.post(first.url + "/account/login",
                             data={"csrf_token": token, "email": "alice@example.org", "password": PASSWORD})
        assert (login.status_code, login.headers["location"]) == (303, "/account")
        # The same cookies, sent to the other process.
        page = browser.get(second.url + "/my/diary")
        assert page.status_code == 200
        saved = browser.post(second.url + "/my/diary", data={"csrf_token": _csrf(page), "day": "2026-11-25",
                                                             "time": "08:30", "pain_now": "6", "notes": "from two"})
        assert saved.status_code == 303
        assert "from two" in browser.get(first.url + "/my/diary").text
        browser.post(first.url + "/account/logout", data={"csrf_token": _csrf(browser.get(first.url + "/account"))})
        assert browser.get(second.url + "/my/diary").status_code == 401


def test_an_api_token_from_one_process_works_on_the_other(two_apps: list[AppProcess], engine: Engine) -> None:
    first, second = two_apps
    alice = make_clinic(engine, SECRET).accounts.by_email("alice@example.org")
    assert alice is not None
    before = Entries(engine, alice.id).count()
    with httpx.Client(timeout=30) as api:
        token = api.post(second.url + "/api/v1/session", json={"email": "alice@example.org", "password": PASSWORD}
                         ).json()["token"]
        auth = {"authorization": f"Bearer {token}"}
        for n, app in enumerate((first, second, first, second)):
            added = api.post(app.url + "/api/v1/me/entries", headers=auth,
                             json={"at": f"2026-12-0{n + 1}T09:00", "pain_now": n})
            assert added.status_code == 201
        listed = api.get(first.url + "/api/v1/me/entries", headers=auth).json()
        assert [e["pain_now"] for e in listed][:4] == [3, 2, 1, 0]
    assert Entries(engine, alice.id).count() == before + 4


def test_wrong_passwords_sent_to_both_processes_at_once_stop_at_the_limit(two_apps: list[AppProcess]) -> None:
    tries = PAIR_LIMIT + 8
    start = threading.Barrier(tries)
    statuses: list[int] = []
    lock = threading.Lock()

    def guess(url: str) -> None:
        with httpx.Client(timeout=60) as api:
            start.wait()
            status = api.post(url + "/api/v1/session", json={"email": "bob@example.org",
                                                             "password": "not the password at all"}).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=guess, args=(two_apps[n % 2].url,)) for n in range(tries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Every try is answered; exactly the limit's worth had their password checked.
    assert sorted(statuses) == [401] * PAIR_LIMIT + [429] * (tries - PAIR_LIMIT)
