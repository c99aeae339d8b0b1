"""Every text field at the top of the clinic API's request bodies says in its schema that it takes no
NUL character, since every route refuses one (422: PostgreSQL text cannot hold it): else an
API client, or schemathesis's positive_data_acceptance, is told a body is valid that the
clinic refuses (found for a new password with NUL by the deep schema run)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from backrelief.web import create_app
from tests.clinic.conftest import clinic_settings


def _text_fields() -> list[tuple[str, str, dict[str, Any]]]:
    app = create_app(clinic_settings("postgresql+psycopg://nobody@127.0.0.1:9/none",
                                     Path(tempfile.mkdtemp(prefix="backrelief-text-fields-"))))
    spec = app.openapi()
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            for name, prop in body.get("properties", {}).items():
                for branch in [prop, *prop.get("anyOf", [])]:
                    if branch.get("type") == "string" and not {"enum", "const", "format"} & set(branch):
                        found.append((f"{method.upper()} {path}", name, branch))
    return found


def test_the_clinic_api_has_text_fields_to_check() -> None:
    assert len(_text_fields()) >= 8


def test_no_text_field_of_a_request_body_takes_a_nul_character() -> None:
    takes_nul = []
    for route, name, schema in _text_fields():
        value = "a" * max(int(schema.get("minLength", 1)) - 1, 0) + "\x00"
        pattern = schema.get("pattern")
        if pattern is None or re.search(pattern, value):
            takes_nul.append(f"{route} {name}")
    assert takes_nul == []
