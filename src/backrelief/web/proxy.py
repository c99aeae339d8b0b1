"""Behind a TLS proxy: who the real client is, and whether they came over HTTPS.

A clinic runs the app behind a reverse proxy (nginx, Caddy, a load balancer) that ends TLS.
Every request then comes from the proxy's address over plain HTTP, so the login throttle
would count everyone as one client and cookies would never be `Secure`. The proxy says who
the client was in `X-Forwarded-For` and how they came in `X-Forwarded-Proto`; anyone can
send those headers, so they are read only from the addresses in `trusted_proxies`
(`BACKRELIEF_TRUSTED_PROXIES`, addresses or networks, comma-separated). The client is the
rightmost address in `X-Forwarded-For` that is not itself a trusted proxy: what a client
writes there itself stands to the left of what the proxies add, so it cannot be chosen.

`https_only` (`BACKRELIEF_HTTPS_ONLY`) says the site is reached only over HTTPS whatever a
request says: cookies are then always `Secure` and HSTS is always sent.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from backrelief.errors import InvalidInput, Problem

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str, field: str = "trusted_proxies") -> tuple[Network, ...]:
    """`10.0.0.1, 192.168.0.0/24, ::1` as networks; a plain message naming a bad one."""
    networks: list[Network] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise InvalidInput([Problem(field, f"'{part[:60]}' is not an IP address or network like 10.0.0.1 or "
                                               "10.0.0.0/8 (BACKRELIEF_TRUSTED_PROXIES is a comma-separated list).")]
                               ) from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = text.strip().strip('"')
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


class ForwardedHeaders:
    """Plain ASGI: rewrites the scope's client and scheme from a trusted proxy's headers."""

    def __init__(self, app: ASGIApp, trusted: Iterable[Network] = (), https_only: bool = False) -> None:
        self.app = app
        self.trusted = tuple(trusted)
        self.https_only = https_only

    def _is_trusted(self, host: str) -> bool:
        address = _address(host)
        return address is not None and any(address in network for network in self.trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            client = scope.get("client")
            if self.trusted and client and self._is_trusted(str(client[0])):
                self._rewrite(scope)
            if self.https_only:
                scope["scheme"] = "https" if scope["type"] == "http" else "wss"
        await self.app(scope, receive, send)

    def _rewrite(self, scope: Scope) -> None:
        forwarded_for: list[str] = []
        proto = ""
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                forwarded_for += value.decode("latin-1").split(",")
            elif name == b"x-forwarded-proto":
                proto = value.decode("latin-1").split(",")[-1].strip().lower()
        for hop in reversed(forwarded_for[-20:]):
            address = _address(hop)
            if address is None:
                break  # garbage from further left: stop at the last hop we could read
            scope["client"] = (str(address), 0)
            if not any(address in network for network in self.trusted):
                break
        if proto in ("http", "https"):
            scope["scheme"] = proto if scope["type"] == "http" else {"http": "ws", "https": "wss"}[proto]
