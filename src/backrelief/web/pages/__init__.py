"""The HTML pages. Every form post here must carry the CSRF token (checked once, here)."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from backrelief.web.pages import diary, episode, flow, plan, reader, report, result
from backrelief.web.render import require_csrf


def include_pages(app: FastAPI) -> None:
    for module in (flow, result, diary, episode, reader, plan, report):
        app.include_router(module.router, include_in_schema=False, dependencies=[Depends(require_csrf)])
