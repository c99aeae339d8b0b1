"""What every clinic route needs: the clinic services, the signed-in user, and page rendering.

Pages find the user from the session cookie; the API from an `Authorization: Bearer`
token (the same server-side session), never from the cookie, so a page on another site
cannot make the browser call the API for the user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from starlette.responses import Response

from backrelief.clinic.accounts import Signed, User
from backrelief.clinic.service import Clinic
from backrelief.knowledge import Knowledge
from backrelief.web.render import is_https, make_templates, services, set_cookie
from backrelief.web.security import CSRF_COOKIE, Csrf

SESSION_COOKIE = "br_session"
TEMPLATES = Path(__file__).parent / "templates"
LOGIN_NEEDED = "Log in to see this page."
# Where a session that still needs its second factor is sent (see Accounts.stage).
STEP_PAGES = {"code": "/account/login/code", "enrol": "/account/mfa"}
ENROL_FIRST = ("Set up the second factor first: POST /api/v1/me/mfa for the secret, then POST "
               "/api/v1/me/mfa/confirm with a code from the authenticator app.")


class SecondStepNeeded(Exception):
    """A page needs a full session, and this one still needs its second factor: the
    browser is sent to the step it needs (a redirect, never the page)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def clinic_templates(knowledge: Knowledge) -> Jinja2Templates:
    """The web app's templates (base layout, macros, CSRF token), with ours looked up first."""
    templates = make_templates(knowledge, clinic_mode=True)
    base_loader = templates.env.loader
    assert base_loader is not None
    templates.env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), base_loader])
    return templates


def clinic(request: Request) -> Clinic:
    found: Clinic = request.app.state.clinic
    return found


def page_session(request: Request) -> Signed | None:
    """The browser's session at whatever stage (looked up once a request)."""
    if hasattr(request.state, "clinic_session"):
        cached: Signed | None = request.state.clinic_session
        return cached
    signed = clinic(request).accounts.session_for(request.cookies.get(SESSION_COOKIE))
    request.state.clinic_session = signed
    return signed


def page_user(request: Request) -> User | None:
    """The signed-in user: a full session only."""
    signed = page_session(request)
    return signed.user if signed is not None and signed.stage == "full" else None


def require_page_user(request: Request) -> User:
    signed = page_session(request)
    if signed is None:
        raise HTTPException(401, LOGIN_NEEDED)
    if signed.stage != "full":
        raise SecondStepNeeded(STEP_PAGES[signed.stage])
    return signed.user


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_api_session(request: Request) -> Signed:
    """The bearer token's session at whatever stage (for the second factor's own routes)."""
    signed = clinic(request).accounts.session_for(bearer_token(request))
    if signed is None:
        raise HTTPException(401, "Log in first: send 'Authorization: Bearer <token>' from POST /api/v1/session.",
                            headers={"WWW-Authenticate": "Bearer"})
    return signed


def require_api_user(request: Request) -> User:
    signed = require_api_session(request)
    if signed.stage != "full":
        # Only an enrolment token exists without its second factor (POST /api/v1/session
        # asks for the code of an enrolled account before it answers any token).
        raise HTTPException(403, ENROL_FIRST)
    return signed.user


def client_address(request: Request) -> str:
    """The real client (behind a trusted proxy, the address it forwarded: see web/proxy.py)."""
    return request.client.host if request.client else "unknown"


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    # A browser-session cookie: the server ends the session anyway after 30 minutes idle.
    set_cookie(response, SESSION_COOKIE, token, max_age=None, same_site="lax", secure=is_https(request))


def rotate_csrf(response: Response, request: Request) -> None:
    """A new CSRF value at login, so a token seen before the login is worth nothing after it."""
    set_cookie(response, CSRF_COOKIE, Csrf.new_value(), max_age=None, same_site="strict", secure=is_https(request))


def clinic_page(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200) -> Response:
    """Like the web app's `page()`, with the clinic templates and the signed-in user."""
    templates: Jinja2Templates = request.app.state.clinic_templates
    services(request)  # fails loudly if the web app's services are missing
    full = {"user": page_user(request), **(context or {})}
    response = templates.TemplateResponse(request, name, full, status_code=status)
    new = getattr(request.state, "csrf_new", None)
    if new:
        set_cookie(response, CSRF_COOKIE, new, max_age=None, same_site="strict", secure=is_https(request))
    return response
