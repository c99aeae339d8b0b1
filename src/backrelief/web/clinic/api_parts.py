"""What the clinic's API modules share: strict request bodies, the refusal shape, and the
wrapper of a route that takes a JSON body."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from backrelief.web.api.body import json_object


class Strict(BaseModel):
    # Patterns are matched by Python's re, as the core's own checks (normalise_email, the
    # code patterns) and schemathesis's generator match them, so all three agree.
    model_config = ConfigDict(extra="forbid", frozen=True, regex_engine="python-re")


def refused(message: str, status: int, field: str = "") -> Response:
    return JSONResponse({"errors": [{"field": field, "message": message}]}, status_code=status)


def with_body(work: Callable[[Request, dict[str, Any]], Response]) -> Callable[[Request], Awaitable[Response]]:
    """The route for `work(request, body)`: the JSON body is read on the event loop, the
    work (database, password hashing) runs in a thread so it never holds the loop up. The
    route keeps the work's name (its OpenAPI operation id) and takes only the request."""

    async def endpoint(request: Request) -> Response:
        data = await json_object(request)
        return await run_in_threadpool(work, request, data)

    endpoint.__name__ = endpoint.__qualname__ = work.__name__
    endpoint.__doc__ = work.__doc__
    return endpoint
