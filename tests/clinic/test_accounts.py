"""Accounts: password hashing, sign-up and login without enumeration, throttling, sessions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import WRONG_LOGIN
from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import check_clinic_settings
from backrelief.clinic.tables import LoginFailureRow, SessionRow, UserRow
from backrelief.errors import InvalidInput
from backrelief.settings import Settings
from backrelief.web import create_app
from tests.clinic.conftest import PASSWORD, SECRET, Client, World


def test_the_default_hasher_uses_argon2id_with_owasp_parameters() -> None:
    stored = Passwords().hash("a long enough passphrase")
    assert re.match(r"^\$argon2id\$v=19\$m=19456,t=2,p=1\$", stored)
    assert Passwords().verify(stored, "a long enough passphrase") is True
    assert Passwords().verify(stored, "a long enough passphrasE") is False


def test_a_cheap_test_hash_is_upgraded_to_the_owasp_parameters_at_login(world: World) -> None:
    world.clinic.accounts.passwords = Passwords()
    Client(world.app).log_in("charlie@example.org")
    with Session(world.clinic.engine) as session:
        stored = session.scalar(select(UserRow.password_hash).where(UserRow.email == "charlie@example.org"))
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_passwords_are_never_stored_in_plain_text(world: World) -> None:
    with Session(world.clinic.engine) as session:
        hashes = list(session.scalars(select(UserRow.password_hash)))
    assert len(hashes) == 4
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_session_tokens_are_stored_only_as_hashes(world: World) -> None:
    token = world.client("alice").bearer
    with Session(world.clinic.engine) as session:
        stored = list(session.scalars(select(SessionRow.token_hash)))
    assert token not in stored
    assert all(len(h) == 64 for h in stored)


def test_signing_up_logs_in_with_the_new_password(world: World) -> None:
    visitor = Client(world.app)
    response = visitor.post("/account/signup", {"email": " Erin@Example.org ", "password": "a quiet walk by the sea"})
    assert (response.status_code, response.headers["location"]) == (303, "/account/login?done=signup")
    assert visitor.log_in("erin@example.org", "a quiet walk by the sea").headers["location"] == "/account"
    assert world.clinic.accounts.by_email("erin@example.org") is not None
    assert world.clinic.accounts.by_email("erin@example.org").role == "patient"  # type: ignore[union-attr]


def test_signing_up_with_a_taken_address_looks_the_same_and_changes_nothing(world: World) -> None:
    visitor = Client(world.app)
    taken = visitor.post("/account/signup", {"email": "alice@example.org", "password": "another long password"})
    free = visitor.post("/account/signup", {"email": "frank@example.org", "password": "another long password"})
    assert (taken.status_code, taken.headers["location"]) == (free.status_code, free.headers["location"])
    assert Client(world.app).log_in("alice@example.org", "another long password").status_code == 401
    api_taken = visitor.http.post("/api/v1/signup", json={"email": "bob@example.org", "password": "another long password"})
    api_free = visitor.http.post("/api/v1/signup", json={"email": "gina@example.org", "password": "another long password"})
    assert (api_taken.status_code, api_taken.json()) == (api_free.status_code, api_free.json())


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(world: World) -> None:
    wrong = Client(world.app).log_in("alice@example.org", "not her password at all")
    unknown = Client(world.app).log_in("nobody@example.org", "not her password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG_LOGIN in wrong.text and WRONG_LOGIN in unknown.text
    api = [Client(world.app).http.post("/api/v1/session", json={"email": e, "password": "not her password at all"})
           for e in ("alice@example.org", "nobody@example.org")]
    assert [r.status_code for r in api] == [401, 401]
    assert api[0].json() == api[1].json() == {"errors": [{"field": "", "message": WRONG_LOGIN}]}


def test_a_short_or_common_password_is_refused_with_the_rule(world: World) -> None:
    visitor = Client(world.app)
    short = visitor.post("/account/signup", {"email": "hal@example.org", "password": "short"})
    common = visitor.post("/account/signup", {"email": "hal@example.org", "password": "password1234"})
    assert short.status_code == common.status_code == 400
    assert "at least 12 characters" in short.text
    assert "too easy to guess" in common.text
    assert world.clinic.accounts.by_email("hal@example.org") is None


def test_ten_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(world: World) -> None:
    attacker = Client(world.app)
    for _ in range(10):
        assert attacker.log_in("alice@example.org", "guess guess guess").status_code == 401
    locked = Client(world.app).log_in("alice@example.org")
    assert locked.status_code == 429
    assert "Wait 15 minutes" in locked.text
    assert Client(world.app).log_in("charlie@example.org").status_code == 303
    world.clock.advance(minutes=15, seconds=1)
    assert Client(world.app).log_in("alice@example.org").status_code == 303


def test_an_unknown_address_is_throttled_exactly_like_a_real_one(world: World) -> None:
    for email in ("alice@example.org", "nobody@example.org"):
        for _ in range(10):
            Client(world.app).log_in(email, "guess guess guess")
    answers = [Client(world.app).http.post("/api/v1/session", json={"email": e, "password": "guess guess guess"})
               for e in ("alice@example.org", "nobody@example.org")]
    assert [a.status_code for a in answers] == [429, 429]
    assert answers[0].json() == answers[1].json()


def test_fifty_failures_from_one_address_block_that_address(world: World) -> None:
    client = Client(world.app)
    for n in range(50):
        client.http.post("/api/v1/session", json={"email": f"guess{n}@example.org", "password": "guess guess guess"})
    assert client.http.post("/api/v1/session", json={"email": "charlie@example.org", "password": PASSWORD}).status_code == 429


def test_twenty_sign_ups_from_one_address_then_a_pause(world: World) -> None:
    visitor = world.client("visitor")
    for n in range(20):
        answer = visitor.http.post("/api/v1/signup", json={"email": f"new{n}@example.org", "password": "a long new password"})
        assert answer.status_code == 202
    refused = visitor.post("/account/signup", {"email": "one.more@example.org", "password": "a long new password"})
    assert refused.status_code == 429
    assert "Too many new accounts from this place." in refused.text
    assert world.clinic.accounts.by_email("one.more@example.org") is None
    world.clock.advance(minutes=15, seconds=1)
    assert visitor.post("/account/signup", {"email": "one.more@example.org",
                                            "password": "a long new password"}).status_code == 303


def test_the_throttle_keeps_no_email_addresses(world: World) -> None:
    Client(world.app).log_in("alice@example.org", "guess guess guess")
    with Session(world.clinic.engine) as session:
        keys = list(session.scalars(select(LoginFailureRow.key)))
    assert len(keys) == 3  # this client and this account, this account, this client
    assert not any("alice" in k for k in keys)


def test_a_session_ends_after_thirty_minutes_without_use(world: World) -> None:
    alice = world.client("alice")
    world.clock.advance(minutes=29)
    assert alice.get("/my/diary").status_code == 200
    world.clock.advance(minutes=30, seconds=1)
    assert alice.get("/my/diary").status_code == 401
    assert alice.api("GET", "/api/v1/me").status_code == 401


def test_a_session_ends_twelve_hours_after_login_even_when_used(world: World) -> None:
    alice = world.client("alice")
    for _ in range(35):
        world.clock.advance(minutes=20)
        assert alice.get("/my/diary").status_code == 200
    world.clock.advance(minutes=20, seconds=1)
    assert alice.get("/my/diary").status_code == 401


def test_expired_sessions_are_removed_at_the_next_login(world: World) -> None:
    world.clock.advance(minutes=31)
    Client(world.app).log_in("charlie@example.org")
    with Session(world.clinic.engine) as session:
        owners = list(session.scalars(select(SessionRow.user_id)))
    assert owners == [world.id("charlie")]


def test_logging_out_ends_the_session_on_the_server(world: World) -> None:
    alice = world.client("alice")
    cookie = alice.http.cookies["br_session"]
    assert alice.post("/account/logout").headers["location"] == "/account/login?done=logout"
    replay = Client(world.app)
    replay.http.cookies.set("br_session", cookie)
    assert replay.get("/my/diary").status_code == 401
    assert alice.api("DELETE", "/api/v1/session").status_code == 204
    assert alice.api("GET", "/api/v1/me").status_code == 401


def test_changing_the_password_ends_every_other_session(world: World) -> None:
    alice = world.client("alice")
    other_device = Client(world.app)
    other_device.log_in("alice@example.org", api=True)
    response = alice.post("/account/password", {"current_password": PASSWORD, "new_password": "a brand new long phrase"})
    assert response.headers["location"] == "/account?done=password"
    assert alice.get("/my/diary").status_code == 200
    assert other_device.get("/my/diary").status_code == 401
    assert other_device.api("GET", "/api/v1/me").status_code == 401
    assert Client(world.app).log_in("alice@example.org", "a brand new long phrase").status_code == 303


def test_a_wrong_current_password_changes_nothing(world: World) -> None:
    response = world.client("alice").post("/account/password", {"current_password": "wrong wrong wrong",
                                                                 "new_password": "a brand new long phrase"})
    assert response.status_code == 400
    assert "The current password is not right." in response.text
    assert Client(world.app).log_in("alice@example.org").status_code == 303


def test_logging_in_again_in_the_same_browser_ends_the_old_session(world: World) -> None:
    alice = world.client("alice")
    old = alice.http.cookies["br_session"]
    assert alice.log_in("charlie@example.org").headers["location"] == "/account"
    assert alice.http.cookies["br_session"] != old
    assert world.clinic.accounts.user_for(old) is None
    assert "charlie@example.org" in alice.get("/account").text


def test_a_new_login_gets_a_new_session_token(world: World) -> None:
    first = world.client("alice").http.cookies["br_session"]
    again = Client(world.app)
    again.log_in("alice@example.org")
    assert again.http.cookies["br_session"] != first
    with Session(world.clinic.engine) as session:
        count = session.scalar(select(func.count()).select_from(SessionRow).where(SessionRow.user_id == world.id("alice")))
    assert count == 3  # the fixture's page and API logins, and this one


@pytest.mark.parametrize(("secret", "url", "field"), [
    (None, "postgresql+psycopg://u@127.0.0.1/db", "secret_key"),
    ("short", "postgresql+psycopg://u@127.0.0.1/db", "secret_key"),
    (SECRET, "sqlite:///clinic.sqlite", "database_url"),
])
def test_clinic_mode_refuses_to_start_without_a_secret_and_postgresql(secret: str | None, url: str, field: str,
                                                                      tmp_path: object) -> None:
    settings = Settings(mode="clinic", secret_key=secret, database_url=url, data_dir=f"{tmp_path}/data")
    with pytest.raises(InvalidInput) as refused:
        check_clinic_settings(settings)
    assert [p.field for p in refused.value.problems] == [field]
    with pytest.raises(InvalidInput):
        create_app(settings)


def test_the_database_has_exactly_the_clinic_tables(world: World) -> None:
    with world.clinic.engine.connect() as connection:
        names = set(connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    assert {"users", "user_sessions", "login_failures", "shares", "share_invites", "audit_log"} <= names
