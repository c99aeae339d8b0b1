"""The web app and REST API: `create_app(settings)` builds it; `backrelief serve` runs it."""

from __future__ import annotations

from backrelief.web.app import create_app

__all__ = ["create_app"]
