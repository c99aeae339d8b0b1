"""In clinic mode only the routes that know who is asking may run.

The home-mode diary and report pages read and write the one local person's rows
(person_id NULL). On a clinic server they would mix everyone's data, so this middleware
answers 404 to every path not on the allow list: the public pages (questions, result,
sources, about, static files, the stateless triage API) and the clinic's own routes,
which resolve the person from the session. A new route stays closed until listed here.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

PUBLIC_EXACT = frozenset({"/", "/result", "/sources", "/about", "/api/v1/assessments", "/api/v1/openapi.json"})
OPEN_PREFIXES = ("/static/", "/questions", "/account", "/sharing", "/clinician", "/my/", "/api/v1/session",
                 "/api/v1/signup", "/api/v1/me", "/api/v1/clinician")


def allowed(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(OPEN_PREFIXES)


class ClinicOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or allowed(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps({"errors": [{"field": "", "message": "There is nothing at this address."}]}).encode()
            content_type = b"application/json"
        else:
            body = b"<!doctype html><title>Not found</title><p>There is nothing at this address.</p>"
            content_type = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
