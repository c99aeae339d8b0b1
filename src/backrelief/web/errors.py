"""One error body for the whole API, naming the field: {"errors": [{"field", "message"}]}.

Bad JSON is 400, well-formed input that breaks the contract is 422, a missing thing 404.
Every route documents these through `API_ERRORS`, so clients (and schemathesis) know the
shape of each answer.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from backrelief.errors import BackreliefError, InvalidInput, NotFound, Problem


class ErrorItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    message: str


class ErrorBody(BaseModel):
    """What went wrong, one item per field ('' when it is about the whole request)."""

    model_config = ConfigDict(extra="forbid")

    errors: list[ErrorItem]


def _doc(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _doc("The body is not valid JSON, or not the kind of data this route takes."),
    413: _doc("The body is too large."),
    415: _doc("The body is not sent as JSON (Content-Type: application/json)."),
    422: _doc("The input breaks the contract; each item names the field and what is allowed."),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _doc("There is nothing with this id.")}


def error_response(status: int, problems: list[Problem], headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"errors": [{"field": p.field, "message": p.message} for p in problems]}
    return JSONResponse(body, status_code=status, headers=headers)


def problems_from_validation(errors: list[Any]) -> tuple[int, list[Problem]]:
    """FastAPI's validation errors as our problems; JSON that does not parse is a 400."""
    problems: list[Problem] = []
    status = 422
    for item in errors:
        loc = [str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path", "header", "cookie")]
        field = ".".join(loc)
        if item.get("type") == "json_invalid":
            status = 400
            problems.append(Problem(field="", message="The body is not valid JSON."))
            continue
        message = str(item.get("msg", "is not valid")).removeprefix("Value error, ")
        problems.append(Problem(field=field, message=f"'{field}': {message}" if field else message))
    return status, problems or [Problem(field="", message="The request is not valid.")]


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    status, problems = problems_from_validation(list(error.errors()))
    return error_response(status, problems)


async def on_invalid_input(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidInput)
    return error_response(422, error.problems)


async def on_not_found(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotFound)
    return error_response(404, [Problem(field="", message=str(error) or "There is nothing with this id.")])


async def on_backrelief_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, BackreliefError)
    return error_response(422, [Problem(field="", message=str(error))])


def allowed_methods(request: Request) -> str:
    """Every method the API takes at this path, from the OpenAPI paths.

    Starlette lists only the methods of the first route whose path matched, so a 405 on
    /entries would say `Allow: GET` although POST works too.
    """
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, request.url.path):
            methods |= {m.upper() for m in operations}
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


async def on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    headers = dict(error.headers) if error.headers else None
    if error.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    messages = {404: "There is nothing at this address.", 405: "This address does not take that method."}
    message = str(error.detail) if error.detail and error.status_code not in messages else messages.get(
        error.status_code, str(error.detail))
    return error_response(error.status_code, [Problem(field="", message=message)], headers=headers)
