"""The REST API under /api/v1. Every route documents its errors (400, 413, 422) in one shape."""

from __future__ import annotations

from fastapi import FastAPI

from backrelief.web.api import assessments, diary, interview, plans, readings, reports

PREFIX = "/api/v1"


def include_api(app: FastAPI) -> None:
    # Each router straight on the app (not nested in one /api/v1 router): one level of
    # routing less on every request; the busiest route without any router at all.
    assessments.add_to(app, PREFIX)
    for module in (diary, readings, interview, plans, reports):
        app.include_router(module.router, prefix=PREFIX)
