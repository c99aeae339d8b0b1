"""Rendering pages: the shared services, the templates and the CSRF cookie.

Every page goes through `page()`, which puts the CSRF token in the template and sets the
cookie the first time. The services live on `app.state`, made by `create_app`, never at
import time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from sqlalchemy import Engine
from starlette.responses import Response

from backrelief import REGULATORY_STATUS, __version__
from backrelief.knowledge import Knowledge
from backrelief.web.security import CSRF_COOKIE, CSRF_FIELD, Csrf
from backrelief.web.state import FLOW_COOKIE, MAX_AGE_SECONDS, FlowCookie, FlowState, owner_of

TEMPLATES_DIR = Path(str(resources.files("backrelief.web").joinpath("templates")))
STATIC_DIR = Path(str(resources.files("backrelief.web").joinpath("static")))


@dataclass(frozen=True)
class FieldError:
    """One thing wrong on a form, as the page shows it: the field's anchor, its label and
    what to do (every form: questions, own words, diary entry)."""

    field: str
    label: str
    message: str


@dataclass
class Services:
    knowledge: Knowledge
    engine: Engine
    csrf: Csrf
    flow: FlowCookie
    templates: Jinja2Templates
    clock: Callable[[], date]
    extras: dict[str, Any] = field(default_factory=dict)


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def _csrf_context(request: Request) -> dict[str, Any]:
    s = services(request)
    value = request.cookies.get(CSRF_COOKIE)
    if not value or len(value) > 64:
        value = getattr(request.state, "csrf_new", None) or Csrf.new_value()
        request.state.csrf_new = value
    return {"csrf_field": CSRF_FIELD, "csrf_token": s.csrf.token_for(value)}


CALL_NUMBERS = (("999", "999"), ("112", "112"), ("911", "911"))


def make_templates(knowledge: Knowledge, clinic_mode: bool = False) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[_csrf_context])
    env = templates.env
    env.globals.update(
        # The header links to the clinic's own pages when accounts are on.
        clinic_mode=clinic_mode,
        knowledge_version=knowledge.version,
        emergency_help=knowledge.emergency_help,
        not_a_diagnosis=knowledge.not_a_diagnosis,
        regulatory_status=REGULATORY_STATUS,
        app_version=__version__,
        # The emergency numbers as tap-to-call links (the result page and the diary's alerts).
        call_numbers=CALL_NUMBERS,
        serious_cause={level: d.serious_cause for level, d in knowledge.dispositions.items()},
    )
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


def page(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200) -> Response:
    s = services(request)
    response = s.templates.TemplateResponse(request, name, context or {}, status_code=status)
    new = getattr(request.state, "csrf_new", None)
    if new:
        set_cookie(response, CSRF_COOKIE, new, max_age=None, same_site="strict", secure=is_https(request))
    return response


def is_https(request: Request) -> bool:
    """Whether the person reached us over HTTPS (directly, through a trusted proxy, or because
    `https_only` says the site is only served so: see web/proxy.py)."""
    return request.url.scheme == "https"


def set_cookie(response: Response, name: str, value: str, *, max_age: int | None, same_site: str = "lax",
               secure: bool = False) -> None:
    # `Secure` over HTTPS; at home the app is plain HTTP on 127.0.0.1 (the cookie never leaves
    # the machine), where a Secure cookie would not be sent back. HttpOnly: no script needs them.
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite=same_site,  # type: ignore[arg-type]
                        path="/", secure=secure)


def load_flow(request: Request) -> FlowState | None:
    """The question flow of this request's owner (see state.py); another owner's is None."""
    return services(request).flow.load(request.cookies.get(FLOW_COOKIE), owner_of(request.scope))


MAX_COOKIE = 3800


def save_flow(response: Response, request: Request, state: FlowState) -> None:
    owner = owner_of(request.scope)
    value = services(request).flow.dump(state, owner)
    if len(value) > MAX_COOKIE:
        # Browsers drop cookies over 4 KB; the person's own words shown next to each
        # answer are a nicety, the answers are not.
        value = services(request).flow.dump(state.model_copy(update={
            "understood": [(qid, "") for qid, _ in state.understood]}), owner)
    set_cookie(response, FLOW_COOKIE, value, max_age=MAX_AGE_SECONDS, secure=is_https(request))


def clear_flow(response: Response) -> None:
    """Forget the question flow in this browser (at login, logout and erasure)."""
    response.delete_cookie(FLOW_COOKIE, path="/")


class CsrfRejected(Exception):
    """A form post without a valid CSRF token."""


async def require_csrf(request: Request) -> None:
    """Every form post must carry the signed token matching its cookie."""
    if request.method != "POST":
        return
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not services(request).csrf.valid(request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None):
        raise CsrfRejected()


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON answer for the API: a model through its own serialiser, anything else
    through json (dates and the like as their text)."""
    body = data.model_dump_json() if isinstance(data, BaseModel) else json.dumps(data, default=str)
    return Response(body, status_code=status, media_type="application/json")
