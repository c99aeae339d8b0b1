"""Reading a JSON body ourselves, so that the core's contract parser gives the messages.

FastAPI would validate a pydantic body itself, with its own wording; the CLI and the pages
use the core's parsers (`parse_assessment`), so the API does too and all three say the same
thing about the same mistake. The schema is still documented through `json_body()`.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from pydantic import BaseModel

from backrelief.errors import InvalidInput, Problem


class BadJson(InvalidInput):
    """The body is not JSON at all: a 400, not a 422."""


async def json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadJson([Problem(field="", message="The body is not valid JSON.")]) from None
    if not isinstance(data, dict):
        raise BadJson([Problem(field="", message="The body must be a JSON object ({...}).")])
    return data


def lists_of_words(data: dict[str, Any]) -> dict[str, Any]:
    """Refuse lists holding objects or lists, naming the field (a pre-check the clinic API
    uses; the core's parsers now refuse them too)."""
    problems = [
        Problem(field=key, message=f"'{key}' must be a list of words (strings)")
        for key, value in data.items()
        if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)
    ]
    if problems:
        raise InvalidInput(problems)
    return data


def json_body(model: type[BaseModel], *, required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    """`openapi_extra` documenting a JSON request body with the model's schema."""
    schema = model.model_json_schema()
    if required:
        schema["required"] = sorted(set(schema.get("required", [])) | set(required))
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": schema}},
        }
    }
