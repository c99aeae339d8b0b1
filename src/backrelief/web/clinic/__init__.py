"""Clinic mode for the web app: accounts, sharing, the clinician's dashboard, the audit log
and the person's rights, all scoped to the person in the session.

`install(app, settings)` is called by `create_app` only when `settings.mode == "clinic"`.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import Depends, FastAPI, Request
from sqlalchemy.exc import OperationalError
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from backrelief.clinic.accounts import Throttled
from backrelief.clinic.service import check_clinic_settings, make_clinic
from backrelief.clinic.throttle import WINDOW
from backrelief.settings import Settings
from backrelief.web.clinic.context import SecondStepNeeded
from backrelief.web.render import require_csrf


def install(app: FastAPI, settings: Settings) -> None:
    from fastapi import APIRouter

    from backrelief.web.clinic import account_pages, api, clinician_pages, patient_pages, second_factor_pages
    from backrelief.web.clinic.context import clinic_templates
    from backrelief.web.clinic.guard import ClinicOnly

    check_clinic_settings(settings)
    services = app.state.services
    assert settings.secret_key is not None
    app.state.clinic = make_clinic(services.engine, settings.secret_key, clinician_mfa=settings.clinician_mfa)
    app.state.clinic_templates = clinic_templates(services.knowledge)
    pages = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])
    for module in (account_pages, second_factor_pages, patient_pages, clinician_pages):
        pages.include_router(module.router)
    app.include_router(pages)
    app.include_router(api.router)
    _match_early(app)
    _document_served_routes(app)
    app.add_middleware(ClinicOnly)
    app.add_exception_handler(OperationalError, database_unavailable)
    app.add_exception_handler(Throttled, throttled)
    app.add_exception_handler(SecondStepNeeded, second_step)


async def second_step(request: Request, error: Exception) -> Response:
    """A page for a full session, asked for by a session that still needs its second factor."""
    assert isinstance(error, SecondStepNeeded)
    return RedirectResponse(error.location, status_code=303)


async def throttled(request: Request, error: Exception) -> Response:
    """Too many tries (logins, sign-ups, re-entered passwords): 429, and when to try again."""
    headers = {"retry-after": str(int(WINDOW.total_seconds()))}
    if request.url.path.startswith("/api/"):
        return JSONResponse({"errors": [{"field": "", "message": str(error)}]}, status_code=429, headers=headers)
    return HTMLResponse(f"<!doctype html><title>Too many tries</title><p>{html.escape(str(error))}</p>",
                        status_code=429, headers=headers)


def _document_served_routes(app: FastAPI) -> None:
    """The clinic's OpenAPI lists only what a clinic serves: the home-mode API routes (one
    local person's diary, plans, reports) answer 404 here, so they are not documented."""
    from backrelief.web.clinic.guard import allowed

    full = app.openapi

    def served() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = full()
            schema["paths"] = {path: item for path, item in schema["paths"].items() if allowed(path)}
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = served  # type: ignore[method-assign]


def _match_early(app: FastAPI) -> None:
    """Move the clinic API (just included, so last) up to right after the triage route.

    Starlette tries routes in order, and every authenticated API call would otherwise be
    matched against every page route first. No path of the clinic API is served by any other
    route, so the order changes nothing but the time.
    """
    routes = app.router.routes
    clinic_api = routes.pop()
    after = next((i + 1 for i, r in enumerate(routes) if getattr(r, "path", "") == "/api/v1/assessments"), 0)
    routes.insert(after, clinic_api)
    mark = getattr(app.router, "_mark_routes_changed", None)
    if callable(mark):
        mark()


async def database_unavailable(request: Request, error: Exception) -> Response:
    """The database is unreachable (restarting, failing over): say so, and when to try again.
    The pool checks connections before use, so the app recovers by itself once it is back."""
    message = "The service is busy for a moment, so your last change may not be saved. Check, then try again in a few seconds."
    if request.url.path.startswith("/api/"):
        return JSONResponse({"errors": [{"field": "", "message": message}]}, status_code=503,
                            headers={"retry-after": "5"})
    body = f"<!doctype html><title>Try again</title><p>{message}</p>"
    return HTMLResponse(body, status_code=503, headers={"retry-after": "5"})
