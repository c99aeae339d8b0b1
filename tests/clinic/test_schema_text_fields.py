"""Every text in the request bodies of the clinic's API and the home API says in its schema that
it takes no NUL character, since every JSON route refuses one (422: PostgreSQL text cannot hold
it): top-level fields, and the text nested inside them too (an activity in a list, a medicine's
name, an interview's answers and the names of the things they answer). Else an API client, or
schemathesis's positive_data_acceptance, is told a body is valid that the app refuses (found for
a new password with NUL by the deep schema run)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app
from tests.clinic.conftest import clinic_settings


def _home_app() -> Any:
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="backrelief-text-fields-")), database_url="")
    ensure_database(settings).dispose()
    return create_app(settings)


def _clinic_app() -> Any:
    return create_app(clinic_settings("postgresql+psycopg://nobody@127.0.0.1:9/none",
                                      Path(tempfile.mkdtemp(prefix="backrelief-text-fields-"))))


def _texts(node: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    """Each place in a schema where free text goes: a string without a list of values or a
    format, at any depth, and the names of an object's own keys when it takes any names."""
    if not isinstance(node, dict):
        return []
    found: list[tuple[str, dict[str, Any]]] = []
    if node.get("type") == "string" and not {"enum", "const", "format"} & set(node):
        found.append((where, node))
    extra = node.get("additionalProperties", False if "properties" in node else None)
    if node.get("type") == "object" and extra is not False:
        found += _texts({"type": "string", **node.get("propertyNames", {})}, where + "{name}")
        # An object that takes any value takes any text too.
        found += [(where + "{value}", {"type": "string"})] if extra in (True, None) else _texts(extra, where + "{value}")
    for name, prop in node.get("properties", {}).items():
        found += _texts(prop, f"{where}.{name}")
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for branch in node.get(key, []):
            found += _texts(branch, where)
    found += _texts(node.get("items"), where + "[]")
    return found


def _text_fields(app: Any) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            out += [(f"{method.upper()} {path}", where, text) for where, text in _texts(body, "")]
    return out


APPS = {"clinic": _clinic_app, "home": _home_app}


@pytest.mark.parametrize("which", sorted(APPS))
def test_the_api_has_text_fields_to_check_nested_ones_included(which: str) -> None:
    found = _text_fields(APPS[which]())
    assert len(found) >= 8
    assert any("[]" in where or "{" in where for _, where, _ in found)


@pytest.mark.parametrize("which", sorted(APPS))
def test_no_text_of_a_request_body_takes_a_nul_character_at_any_depth(which: str) -> None:
    takes_nul = []
    for route, where, schema in _text_fields(APPS[which]()):
        value = "a" * max(int(schema.get("minLength", 1)) - 1, 0) + "\x00"
        pattern = schema.get("pattern")
        if pattern is None or re.search(pattern, value):
            takes_nul.append(f"{route} {where}")
    assert takes_nul == []
