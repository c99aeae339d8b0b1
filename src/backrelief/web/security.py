"""Security basics for a health app on a home machine: headers, body limits, CSRF, hosts.

The middlewares are plain ASGI (not BaseHTTPMiddleware) so that they add almost nothing to
each request. CSRF uses a signed double-submit token: a random value in a cookie, and the
same value signed with the app's secret in every form. A page on another site can neither
read the cookie nor sign a value, so it cannot forge a form post.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterable

from itsdangerous import BadSignature, Signer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere; only our own files. SVG charts are inline markup
# styled by our stylesheet, so no `unsafe-inline` is needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

_COMMON_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
# Health data: never kept in a shared cache or the browser's back-forward cache.
_NO_STORE = (b"cache-control", b"no-store")
_STATIC_CACHE = (b"cache-control", b"public, max-age=3600")
# HSTS only means something over HTTPS; sent over plain HTTP to 127.0.0.1 it is ignored.
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

CSRF_COOKIE = "br_csrf"
CSRF_FIELD = "csrf_token"


class SecurityHeaders:
    """Adds the security headers to every response, and no-store to all but static files."""

    def __init__(self, app: ASGIApp, static_prefix: str = "/static/") -> None:
        self.app = app
        self.static_prefix = static_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = str(scope.get("path", "")).startswith(self.static_prefix)
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"cache-control" or is_static]
                headers.extend(_COMMON_HEADERS)
                headers.append(_STATIC_CACHE if is_static else _NO_STORE)
                if https:
                    headers.append(_HSTS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413 and a plain message.

    Checks Content-Length first, then counts the bytes actually received, so a client that
    lies about the length or streams without one is stopped too.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    await self._refuse(scope, send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        limit_kb = self.max_bytes // 1024
        message = f"The request is too large. The most we accept is {limit_kb} KB."
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps({"errors": [{"field": "", "message": message}]}).encode()
            content_type = b"application/json"
        else:
            body = f"<!doctype html><title>Too large</title><p>{message}</p>".encode()
            content_type = b"text/html; charset=utf-8"
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": body})


class TrustedHosts:
    """Answers only to the host names it is served under (stops DNS rebinding)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = ""
            for name, value in scope.get("headers", []):
                if name == b"host":
                    host = value.decode("latin-1").lower()
                    break
            name_only = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name_only.strip("[]") not in self.hosts:
                body = b"This address is not served here."
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class Csrf:
    """Signed double-submit tokens."""

    def __init__(self, secret: str) -> None:
        self._signer = Signer(secret, salt="backrelief-csrf")

    @staticmethod
    def new_value() -> str:
        return secrets.token_urlsafe(24)

    def token_for(self, cookie_value: str) -> str:
        return self._signer.sign(cookie_value).decode()

    def valid(self, cookie_value: str | None, token: str | None) -> bool:
        if not cookie_value or not token:
            return False
        try:
            value = self._signer.unsign(token).decode()
        except BadSignature:
            return False
        return hmac.compare_digest(value, cookie_value)

