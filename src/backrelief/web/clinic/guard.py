"""In clinic mode only the routes that know who is asking may run.

The home-mode diary, report and export pages read and write the one local person's rows
(person_id NULL). On a clinic server they would mix everyone's data, so this middleware
answers 404 to every path not on the allow list: the public pages (start, sources, about,
static files, the stateless triage API) and the clinic's own routes, which resolve the
person from the session. A new route stays closed until listed here.

The question flow (questions, own words, result, plan) saves the finished check. In a
clinic that check belongs in the patient's record, so the flow is for logged-in patients:
the middleware resolves the session, and the rows the flow inserts get that patient's id
(see `_owner`). A row without a person is refused in clinic mode rather than kept unowned.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from starlette.concurrency import run_in_threadpool
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from backrelief.storage.tables import AssessmentRow, EntryRow, EpisodeRow
from backrelief.web.clinic.context import SESSION_COOKIE
from backrelief.web.state import NOBODY, session_owner, set_owner

PUBLIC_EXACT = frozenset({"/", "/sources", "/about", "/api/v1/assessments", "/api/v1/openapi.json"})
OPEN_PREFIXES = ("/static/", "/account", "/sharing", "/clinician", "/my/", "/api/v1/session",
                 "/api/v1/signup", "/api/v1/me", "/api/v1/clinician")
FLOW_PREFIXES = ("/questions", "/result", "/words", "/understood", "/plan")
# Old home-mode addresses that have a clinic page of the person's own.
MOVED = {"/diary": "/my/diary", "/report": "/my/report", "/export": "/account"}

IN_CLINIC: ContextVar[bool] = ContextVar("backrelief_in_clinic", default=False)
CURRENT_PATIENT: ContextVar[int | None] = ContextVar("backrelief_current_patient", default=None)


class UnownedRow(Exception):
    """A personal row without a person, in clinic mode."""


def _owner(_mapper: Any, _connection: Any, target: Any) -> None:
    if not IN_CLINIC.get() or target.person_id is not None:
        return
    patient = CURRENT_PATIENT.get()
    if patient is None:
        raise UnownedRow(f"refused to store a {type(target).__name__} without a person in clinic mode")
    target.person_id = patient


for _table in (EpisodeRow, EntryRow, AssessmentRow):
    if not event.contains(_table, "before_insert", _owner):
        event.listen(_table, "before_insert", _owner)


def allowed(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(OPEN_PREFIXES)


async def _answer(send: Send, status: int, body: bytes, content_type: bytes, location: str = "") -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    if location:
        headers.append((b"location", location.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _not_found(scope: Scope, send: Send) -> None:
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"errors": [{"field": "", "message": "There is nothing at this address."}]}).encode()
        await _answer(send, 404, body, b"application/json")
    else:
        await _answer(send, 404, b"<!doctype html><title>Not found</title><p>There is nothing at this address.</p>",
                      b"text/html; charset=utf-8")


class ClinicOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        # No clinic request owns a question flow unless `_flow` finds its session.
        set_owner(scope, NOBODY)
        marker = IN_CLINIC.set(True)
        try:
            if allowed(path):
                await self.app(scope, receive, send)
            elif path.startswith(FLOW_PREFIXES):
                await self._flow(scope, receive, send)
            elif path in MOVED and scope.get("method") == "GET":
                await _answer(send, 303, b"", b"text/plain", MOVED[path])
            else:
                await _not_found(scope, send)
        finally:
            IN_CLINIC.reset(marker)

    async def _flow(self, scope: Scope, receive: Receive, send: Send) -> None:
        cookies: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                cookies = cookie_parser(value.decode("latin-1"))
        clinic = scope["app"].state.clinic
        token = cookies.get(SESSION_COOKIE)
        user = await run_in_threadpool(clinic.accounts.user_for, token)
        if user is None:
            await _answer(send, 303, b"", b"text/plain", "/account/login?done=check")
            return
        if user.role != "patient":
            await _not_found(scope, send)
            return
        assert token is not None
        # The flow cookie is bound to this account and this login (see web/state.py).
        set_owner(scope, session_owner(user.id, token))
        marker = CURRENT_PATIENT.set(user.id)
        try:
            await self.app(scope, receive, send)
        finally:
            CURRENT_PATIENT.reset(marker)
