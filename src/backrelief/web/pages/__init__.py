"""The HTML pages. Every form post here must carry the CSRF token (checked once, here)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from backrelief.web.pages import diary, flow, plan, reader, report, result
from backrelief.web.render import require_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])
router.include_router(flow.router)
router.include_router(result.router)
router.include_router(diary.router)
router.include_router(reader.router)
router.include_router(plan.router)
router.include_router(report.router)
