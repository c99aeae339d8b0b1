"""The REST API under /api/v1. Every route documents its errors (400, 413, 422) in one shape."""

from __future__ import annotations

from fastapi import APIRouter

from backrelief.web.api import assessments, diary, readings, reports

router = APIRouter(prefix="/api/v1")
router.include_router(assessments.router)
router.include_router(diary.router)
router.include_router(readings.router)
router.include_router(reports.router)
