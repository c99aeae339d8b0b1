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
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere; only our own files. SVG charts are inline markup
# styled by our stylesheet, so no `unsafe-inline` is needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

_CSP_HEADER = (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())
_COMMON_HEADERS: list[tuple[bytes, bytes]] = [
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

def policy_for_inline_styles(html: str) -> str:
    """The site policy, plus the hash of each <style> block in `html`.

    The doctor's report is one standalone document (the same HTML becomes the PDF), so
    its styles are inline. Allowing exactly those blocks by hash keeps the policy strict:
    no `unsafe-inline`, and any other inline style is still refused.
    """
    import base64
    import hashlib
    import re

    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    ]
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", " ".join(["style-src 'self'", *hashes]))


def styled_document(html: str) -> HTMLResponse:
    """A standalone HTML document with inline styles, served under its own strict policy."""
    return HTMLResponse(html, headers={"content-security-policy": policy_for_inline_styles(html)})


CSRF_COOKIE = "br_csrf"
CSRF_FIELD = "csrf_token"


class BodyTooLarge(Exception):
    pass


class Guard:
    """One ASGI layer for what every request gets (one layer costs less than three):

    - only the trusted host names are answered (stops DNS rebinding), when given;
    - request bodies over `max_bytes` are refused with 413 and a plain message. It checks
      Content-Length first, then counts the bytes actually received, so a client that lies
      about the length or streams without one is stopped too;
    - the security headers on every response, and no-store on all but static files.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, hosts: Iterable[str] | None = None,
                 static_prefix: str = "/static/", https_only: bool = False) -> None:
        self.app = app
        self.https_only = https_only
        self.max_bytes = max_bytes
        self.hosts = None if hosts is None else {h.lower() for h in hosts}
        self.static_prefix = static_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = 0
        host = b""
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = int(value) if value.isdigit() else 0
            elif name == b"host":
                host = value
        is_static = scope["path"].startswith(self.static_prefix)
        # The scheme as the real client used it (web/proxy.py runs before this layer).
        https = self.https_only or scope.get("scheme") == "https"
        started = False
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if is_static or h[0].lower() != b"cache-control"]
                # A response may bring its own, narrower policy (see `styled_document`).
                if not any(h[0].lower() == b"content-security-policy" for h in headers):
                    headers.append(_CSP_HEADER)
                headers.extend(_COMMON_HEADERS)
                headers.append(_STATIC_CACHE if is_static else _NO_STORE)
                if https:
                    headers.append(_HSTS)
                message["headers"] = headers
            await send(message)

        if self.hosts is not None and not self._trusted(host.decode("latin-1").lower()):
            await _plain(send_with_headers, 400, b"This address is not served here.")
            return
        if length > self.max_bytes:
            await self._refuse(scope, send_with_headers)
            return
        try:
            await self.app(scope, counting_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send_with_headers)

    def _trusted(self, host: str) -> bool:
        assert self.hosts is not None
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        return name.strip("[]") in self.hosts

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = f"The request is too large. The most we accept is {self.max_bytes // 1024} KB."
        if scope["path"].startswith("/api/"):
            body = json.dumps({"errors": [{"field": "", "message": message}]}).encode()
            content_type = b"application/json"
        else:
            body = (f'<!doctype html><html lang="en-GB"><title>Too large</title><p>{message} '
                    f'<a href="/">Go to the start</a></p></html>').encode()
            content_type = b"text/html; charset=utf-8"
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": body})


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})


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

