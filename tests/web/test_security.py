"""Security basics: headers on every route, CSRF on every form, signed state, trusted hosts."""

from __future__ import annotations

import stat
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from backrelief.settings import Settings
from backrelief.web import create_app
from backrelief.web.app import SECRET_FILE, app_secret
from backrelief.web.security import CONTENT_SECURITY_POLICY, Csrf
from tests.web.conftest import PageClient


def get_paths(routes: list[Any], prefix: str = "") -> list[str]:
    """Every GET path of the app, walking into included routers."""
    found: list[str] = []
    for route in routes:
        if isinstance(route, APIRoute):
            if "GET" in (route.methods or set()) and "{" not in route.path:
                found.append(prefix + route.path)
        elif hasattr(route, "original_router"):
            found += get_paths(route.original_router.routes, prefix + route.include_context.prefix)
    return found


def test_every_get_route_sends_the_security_headers_and_no_store(app: FastAPI, client: TestClient) -> None:
    paths = get_paths(app.routes)
    assert "/" in paths and "/result" in paths
    for path in paths:
        headers = client.get(path, follow_redirects=False).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["cache-control"] == "no-store", path


def test_the_policy_forbids_inline_script_framing_and_plugins() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_static_files_may_be_cached_but_still_carry_the_policy(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_form_post_without_the_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/")
    response = client.post("/questions", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert "This form was out of date, so nothing was saved." in response.text
    assert "br_flow" not in response.headers.get("set-cookie", "")


def test_a_token_signed_with_another_secret_is_refused(client: TestClient) -> None:
    client.get("/")
    forged = Csrf("another secret").token_for(client.cookies["br_csrf"])
    for token in (forged, "abc.def"):
        response = client.post("/questions", data={"csrf_token": token}, follow_redirects=False)
        assert response.status_code == 403


def test_the_csrf_cookie_is_http_only_and_same_site_strict(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith("br_csrf=")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


def test_an_altered_flow_cookie_is_ignored(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "40", "sex": "male"})
    altered = pages.http.cookies["br_flow"][:-3] + "AAA"
    pages.http.cookies.clear()
    pages.http.cookies.set("br_flow", altered)
    response = pages.http.get("/result", follow_redirects=False)
    assert "Your answers are no longer saved" in response.text


def test_a_flow_cookie_is_read_only_by_the_owner_it_was_made_for() -> None:
    from backrelief.web.state import HOME_OWNER, NOBODY, FlowCookie, FlowState, session_owner

    cookies = FlowCookie("s" * 40)
    alice = session_owner(1, "alices-token")
    value = cookies.dump(FlowState(fields={"age": 40}), alice)
    assert cookies.load(value, alice) == FlowState(fields={"age": 40})
    # Another account, the same account in another login, the home app, nobody: no flow.
    for other in (session_owner(2, "alices-token"), session_owner(1, "a-later-token"), HOME_OWNER, NOBODY):
        assert cookies.load(value, other) is None
    assert cookies.load(cookies.dump(FlowState(), HOME_OWNER), alice) is None


def test_the_secret_is_made_once_and_readable_by_the_owner_only(settings: Settings) -> None:
    first = app_secret(settings)
    assert app_secret(settings) == first
    mode = (settings.data_dir / SECRET_FILE).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert len(first) >= 43


def test_a_configured_secret_is_used_as_given(settings: Settings) -> None:
    configured = settings.model_copy(update={"secret_key": "from-the-environment"})
    assert app_secret(configured) == "from-the-environment"


def test_an_unknown_host_name_is_refused_when_hosts_are_trusted(settings: Settings) -> None:
    app = create_app(settings, trusted_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://evil.example") as client:
        assert client.get("/").status_code == 400
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200


def test_a_bug_shows_a_plain_message_not_a_traceback(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/api/v1/broken")
    async def broken() -> None:
        raise RuntimeError("a bug")

    @app.get("/broken")
    async def broken_page() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        api = client.get("/api/v1/broken")
        assert api.status_code == 500
        assert api.json() == {"errors": [{"field": "", "message": "Something went wrong on our side. "
                                                                 "Nothing you typed was lost; try again."}]}
        html = client.get("/broken")
        assert html.status_code == 500
        assert "Something went wrong on our side." in html.text
        assert "Traceback" not in html.text and "RuntimeError" not in html.text


def test_a_form_over_the_limit_is_413_with_a_page_saying_so(pages: PageClient) -> None:
    pages.get("/")
    response = pages.http.post("/diary", content=b"notes=" + b"x" * (3 * 1024 * 1024),
                               headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert "The request is too large. The most we accept is 2048 KB." in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "No entries yet." in pages.get("/diary").text
