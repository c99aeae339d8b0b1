"""Behind the TLS proxy a clinic runs: one guesser cannot lock everyone out, sign-ups are
counted per real client, tries sent at once never overshoot a limit, and a stolen session
cannot guess the password it must re-enter."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import LoginRefused, Throttled
from backrelief.clinic.tables import LoginFailureRow
from backrelief.clinic.throttle import ACCOUNT_LIMIT, ADDRESS_LIMIT, PAIR_LIMIT, REENTRY_LIMIT, client_key
from backrelief.settings import Settings
from backrelief.web import create_app
from tests.clinic.conftest import PASSWORD, TODAY, World

PROXY = "10.0.0.1"
WRONG = "not the password at all"


@pytest.fixture
def proxied(world: World) -> Iterator[FastAPI]:
    """The world's clinic served behind a TLS proxy at 10.0.0.1 that the settings trust."""
    settings = Settings(**{**world.settings.model_dump(), "trusted_proxies": f"{PROXY}, 192.168.0.0/24"})
    app = create_app(settings, clock=lambda: TODAY)
    app.state.services.engine.dispose()
    app.state.services.engine = world.clinic.engine
    app.state.clinic = world.clinic
    yield app


def via_proxy(app: FastAPI, client: str, proto: str = "https") -> TestClient:
    """A browser at `client`, reaching the app through the proxy (which adds the headers)."""
    return TestClient(app, client=(PROXY, 40000), base_url="http://testserver.local",
                      headers={"x-forwarded-for": client, "x-forwarded-proto": proto})


def api_login(http: TestClient, email: str, password: str = PASSWORD) -> int:
    return http.post("/api/v1/session", json={"email": email, "password": password}).status_code


def test_a_guesser_behind_the_proxy_locks_out_only_themself(proxied: FastAPI) -> None:
    attacker = via_proxy(proxied, "203.0.113.9")
    for n in range(ADDRESS_LIMIT):
        assert api_login(attacker, f"guess{n}@example.org", WRONG) == 401
    assert api_login(attacker, "charlie@example.org") == 429
    # Everyone else comes through the same proxy, from their own address.
    assert api_login(via_proxy(proxied, "198.51.100.7"), "charlie@example.org") == 200
    assert api_login(via_proxy(proxied, "198.51.100.8"), "alice@example.org") == 200


def test_guessing_one_account_stops_the_guesser_not_the_patient(proxied: FastAPI) -> None:
    attacker = via_proxy(proxied, "203.0.113.9")
    for _ in range(PAIR_LIMIT):
        assert api_login(attacker, "alice@example.org", WRONG) == 401
    assert api_login(attacker, "alice@example.org") == 429
    assert api_login(via_proxy(proxied, "198.51.100.8"), "alice@example.org") == 200


def test_forwarded_headers_from_an_untrusted_client_are_ignored(proxied: FastAPI) -> None:
    direct = TestClient(proxied, client=("203.0.113.9", 5000), base_url="http://testserver.local")
    for n in range(ADDRESS_LIMIT):
        direct.post("/api/v1/session", json={"email": f"g{n}@example.org", "password": WRONG},
                    headers={"x-forwarded-for": f"198.51.100.{n}"})
    assert direct.post("/api/v1/session", json={"email": "charlie@example.org", "password": PASSWORD},
                       headers={"x-forwarded-for": "198.51.100.200"}).status_code == 429


def test_a_client_cannot_choose_its_address_by_writing_the_header_itself(proxied: FastAPI) -> None:
    # The proxy appends the real address after whatever the client sent.
    attacker = TestClient(proxied, client=(PROXY, 40000), base_url="http://testserver.local")
    for n in range(ADDRESS_LIMIT):
        attacker.post("/api/v1/session", json={"email": f"g{n}@example.org", "password": WRONG},
                      headers={"x-forwarded-for": f"198.51.100.{n}, 203.0.113.9"})
    assert api_login(via_proxy(proxied, "198.51.100.20, 203.0.113.9"), "charlie@example.org") == 429
    assert api_login(via_proxy(proxied, "198.51.100.20"), "charlie@example.org") == 200


def test_sign_ups_are_counted_per_real_client_behind_the_proxy(proxied: FastAPI, world: World) -> None:
    busy = via_proxy(proxied, "203.0.113.9")
    for n in range(20):
        assert busy.post("/api/v1/signup", json={"email": f"new{n}@example.org",
                                                 "password": "a long new password"}).status_code == 202
    assert busy.post("/api/v1/signup", json={"email": "x@example.org", "password": "a long new password"}
                     ).status_code == 429
    other = via_proxy(proxied, "198.51.100.7")
    assert other.post("/api/v1/signup", json={"email": "y@example.org", "password": "a long new password"}
                      ).status_code == 202
    assert world.clinic.accounts.by_email("y@example.org") is not None
    assert world.clinic.accounts.by_email("x@example.org") is None


def test_ipv6_clients_are_counted_by_their_network() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.1") == "192.0.2.1"


def test_wrong_passwords_sent_at_once_never_overshoot_the_limit(world: World) -> None:
    tries = PAIR_LIMIT + 6
    start = threading.Barrier(tries)
    outcomes: list[str] = []

    def guess() -> None:
        start.wait()
        try:
            world.clinic.accounts.login("alice@example.org", WRONG, "203.0.113.9")
        except LoginRefused:
            outcomes.append("checked")
        except Throttled:
            outcomes.append("throttled")

    threads = [threading.Thread(target=guess) for _ in range(tries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("checked") == PAIR_LIMIT
    assert outcomes.count("throttled") == tries - PAIR_LIMIT


def test_many_addresses_together_stop_at_the_account_limit(world: World) -> None:
    for n in range(ACCOUNT_LIMIT):
        with pytest.raises(LoginRefused):
            world.clinic.accounts.login("alice@example.org", WRONG, f"198.51.{n // 200}.{n % 200}")
    with pytest.raises(Throttled):
        world.clinic.accounts.login("alice@example.org", PASSWORD, "192.0.2.77")


def test_a_right_password_is_not_counted_as_a_failure(world: World) -> None:
    for _ in range(PAIR_LIMIT + 2):
        world.clinic.accounts.login("alice@example.org", PASSWORD, "198.51.100.7")
    with Session(world.clinic.engine) as session:
        assert list(session.scalars(select(LoginFailureRow.key))) == []


@pytest.mark.parametrize("method, path, body", [
    ("PUT", "/api/v1/me/password", lambda p: {"current_password": p, "new_password": "a brand new long password"}),
    ("DELETE", "/api/v1/me", lambda p: {"password": p}),
])
def test_a_stolen_token_cannot_guess_the_password_through_the_api(world: World, method: str, path: str,
                                                                  body: object) -> None:
    alice = world.client("alice")
    make = body
    for _ in range(REENTRY_LIMIT):
        assert alice.api(method, path, json=make(WRONG)).status_code in (403, 422)  # type: ignore[operator]
    blocked = alice.api(method, path, json=make(PASSWORD))  # type: ignore[operator]
    assert blocked.status_code == 429
    assert "Too many wrong passwords" in blocked.json()["errors"][0]["message"]
    assert world.clinic.accounts.get(world.id("alice")) is not None
    assert world.clinic.accounts.login("alice@example.org", PASSWORD, "198.51.100.7")
    world.clock.advance(minutes=15, seconds=1)
    assert alice.api(method, path, json=make(PASSWORD)).status_code in (200, 204)  # type: ignore[operator]


@pytest.mark.parametrize("path, fields", [
    ("/account/password", lambda p: {"current_password": p, "new_password": "a brand new long password"}),
    ("/account/delete", lambda p: {"password": p}),
])
def test_a_stolen_session_cannot_guess_the_password_on_the_pages(world: World, path: str, fields: object) -> None:
    alice = world.client("alice")
    alice.get(path)
    make = fields
    for _ in range(REENTRY_LIMIT):
        assert alice.post(path, make(WRONG)).status_code == 400  # type: ignore[operator]
    blocked = alice.post(path, make(PASSWORD))  # type: ignore[operator]
    assert blocked.status_code == 429 and "Too many wrong passwords" in blocked.text
    assert world.clinic.accounts.get(world.id("alice")) is not None


# -- behind the TLS proxy: cookies and HSTS ---------------------------------------------------


def _cookies(response: object) -> dict[str, str]:
    headers = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return {h.split("=", 1)[0]: h for h in headers}


def _login_page_then_login(http: TestClient) -> tuple[object, object]:
    import re

    page = http.get("/account/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    # Sent by hand: the client would keep a Secure cookie back from a plain-HTTP test address.
    csrf = _cookies(page)["br_csrf"].split(";")[0]
    http.cookies.clear()
    answer = http.post("/account/login", data={"csrf_token": token.group(1), "email": "alice@example.org",
                                               "password": PASSWORD}, headers={"cookie": csrf},
                       follow_redirects=False)
    return page, answer


def test_over_https_through_the_proxy_cookies_are_secure_and_hsts_is_sent(proxied: FastAPI) -> None:
    page, answer = _login_page_then_login(via_proxy(proxied, "198.51.100.7"))
    assert answer.status_code == 303  # type: ignore[attr-defined]
    for response in (page, answer):
        assert "max-age=31536000" in response.headers["strict-transport-security"]  # type: ignore[attr-defined]
    assert "; secure" in _cookies(page)["br_csrf"].lower()
    cookies = _cookies(answer)
    assert "; secure" in cookies["br_session"].lower() and "httponly" in cookies["br_session"].lower()
    assert "; secure" in cookies["br_csrf"].lower()


def test_the_csrf_cookie_is_new_after_login(proxied: FastAPI) -> None:
    page, answer = _login_page_then_login(via_proxy(proxied, "198.51.100.7"))
    before = _cookies(page)["br_csrf"].split(";")[0]
    after = _cookies(answer)["br_csrf"].split(";")[0]
    assert before != after and len(after) > len("br_csrf=") + 20


def test_plain_http_and_untrusted_forwarded_proto_get_no_secure_and_no_hsts(proxied: FastAPI) -> None:
    direct = TestClient(proxied, client=("203.0.113.9", 5000), base_url="http://testserver.local",
                        headers={"x-forwarded-proto": "https"})
    for http in (direct, via_proxy(proxied, "198.51.100.7", proto="http")):
        page, answer = _login_page_then_login(http)
        assert "strict-transport-security" not in page.headers  # type: ignore[attr-defined]
        assert "secure" not in _cookies(answer)["br_session"].lower()


def test_https_only_makes_every_cookie_secure_and_sends_hsts(world: World) -> None:
    settings = Settings(**{**world.settings.model_dump(), "https_only": True})
    app = create_app(settings, clock=lambda: TODAY)
    app.state.services.engine.dispose()
    app.state.services.engine = world.clinic.engine
    app.state.clinic = world.clinic
    page, answer = _login_page_then_login(TestClient(app, base_url="http://testserver.local"))
    assert "strict-transport-security" in page.headers  # type: ignore[attr-defined]
    assert "; secure" in _cookies(answer)["br_session"].lower()


def test_a_bad_trusted_proxy_setting_is_named() -> None:
    from backrelief.errors import InvalidInput
    from backrelief.web.proxy import parse_networks

    with pytest.raises(InvalidInput) as error:
        parse_networks("10.0.0.1, proxy.example.org")
    assert "proxy.example.org" in str(error.value.problems[0].message)
