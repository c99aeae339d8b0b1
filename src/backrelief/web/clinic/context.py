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

from backrelief.clinic.accounts import User
from backrelief.clinic.service import Clinic
from backrelief.knowledge import Knowledge
from backrelief.web.render import is_https, make_templates, services, set_cookie
from backrelief.web.security import CSRF_COOKIE, Csrf

SESSION_COOKIE = "br_session"
TEMPLATES = Path(__file__).parent / "templates"
LOGIN_NEEDED = "Log in to see this page."


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


def page_user(request: Request) -> User | None:
    if hasattr(request.state, "clinic_user"):
        cached: User | None = request.state.clinic_user
        return cached
    user = clinic(request).accounts.user_for(request.cookies.get(SESSION_COOKIE))
    request.state.clinic_user = user
    return user


def require_page_user(request: Request) -> User:
    user = page_user(request)
    if user is None:
        raise HTTPException(401, LOGIN_NEEDED)
    return user


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_api_user(request: Request) -> User:
    user = clinic(request).accounts.user_for(bearer_token(request))
    if user is None:
        raise HTTPException(401, "Log in first: send 'Authorization: Bearer <token>' from POST /api/v1/session.",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


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
