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


class NotJson(BadJson):
    """The body is not declared as JSON: a 415."""


def _declared_json(request: Request) -> bool:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def json_object(request: Request) -> dict[str, Any]:
    # A page on another site can post text/plain or a form without asking first; only
    # application/json needs the browser to ask (CORS preflight), which we never allow.
    # So a body not declared as JSON is refused before anything is read or done.
    if not _declared_json(request):
        raise NotJson([Problem(field="", message="Send the body as JSON, with the header "
                                                 "'Content-Type: application/json'.")])
    raw = await request.body()
    return parse_json_object(raw)


MAX_DEPTH = 32


def _shape_problem(data: Any) -> InvalidInput | None:
    """What is wrong with the shape of parsed JSON, found without recursion (a body nested
    thousands deep cannot exhaust Python's stack): nesting too deep, or a NUL character,
    which no text column can hold."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "")]
    while stack:
        item, depth, field = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return InvalidInput([Problem(field=field, message=f"'{field or 'text'}' contains a NUL character "
                                                                  "(\\u0000), which text cannot hold.")])
        elif isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                return BadJson([Problem(field="", message=f"The JSON is nested too deeply: at most {MAX_DEPTH} "
                                                          "levels of lists and objects.")])
            if isinstance(item, dict):
                for key, value in item.items():
                    name = f"{field}.{key}" if field else str(key)
                    stack.append((key, depth, name[:60]))
                    stack.append((value, depth + 1, name[:60]))
            else:
                stack.extend((child, depth + 1, field) for child in item)
    return None


def parse_json_object(raw: bytes | str) -> dict[str, Any]:
    """A JSON object, or BadJson naming what is wrong: not JSON, not an object, nested too
    deep (400), or holding a NUL character (422)."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise BadJson([Problem(field="", message=f"The JSON is nested too deeply: at most {MAX_DEPTH} levels of "
                                                 "lists and objects.")]) from None
    except (ValueError, UnicodeDecodeError):
        raise BadJson([Problem(field="", message="The body is not valid JSON.")]) from None
    problem = _shape_problem(data)
    if problem is not None:
        raise problem
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
    """`openapi_extra` documenting a JSON request body with the model's schema.

    The model's nested models (`$defs`) are written in place: a `#/$defs/...` reference
    inside an operation would point at the root of the OpenAPI document, where nothing is."""
    schema = inline_defs(model.model_json_schema())
    if required:
        schema["required"] = sorted(set(schema.get("required", [])) | set(required))
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": schema}},
        }
    }


def inline_defs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every `{"$ref": "#/$defs/X"}` replaced by X itself (our models do not
    refer to themselves, so this ends)."""
    defs: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any, seen: tuple[str, ...] = ()) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name in seen:
                    raise ValueError(f"the schema of {name} refers to itself")
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**resolve(defs[name], (*seen, name)), **resolve(rest, seen)}
            return {k: resolve(v, seen) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v, seen) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved
