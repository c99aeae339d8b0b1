"""The home API's diary routes take what their schema says: a change (PATCH) takes null for a
field exactly when its schema allows null (a field an entry can leave empty, cleared), and
`from` / `to` take any day the schema's pattern allows and refuse the rest with a 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from backrelief.diary.models import EntryUpdate


def _patch_schema(client: TestClient) -> dict[str, Any]:
    spec = client.get("/api/v1/openapi.json").json()
    body = spec["paths"]["/api/v1/diary/entries/{entry_id}"]["patch"]["requestBody"]
    properties: dict[str, Any] = body["content"]["application/json"]["schema"]["properties"]
    return properties


def _takes_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null" or any(_takes_null(b) for b in schema.get("anyOf", []))


@pytest.mark.parametrize("field", sorted(EntryUpdate.model_fields))
def test_a_change_takes_null_exactly_where_its_schema_says(client: TestClient, field: str) -> None:
    made = client.post("/api/v1/diary/entries", json={"at": "2026-11-25T09:00", "pain_now": 4, "pain_worst": 6,
                                                       "heat": True, "notes": "stiff", "region": "lower"})
    assert made.status_code == 201
    changed = client.patch(f"/api/v1/diary/entries/{made.json()['id']}", json={field: None})
    if _takes_null(_patch_schema(client)[field]):
        assert changed.status_code == 200, changed.text
        assert changed.json()[field] is None
    else:
        assert changed.status_code == 422, changed.text
        assert changed.json()["errors"][0]["field"] == field
        kept = {k: v for k, v in made.json().items() if k != "warning_sign"}
        assert client.get(f"/api/v1/diary/entries/{made.json()['id']}").json() == kept


def test_heat_and_ice_are_true_or_false_in_a_change_and_never_null(client: TestClient) -> None:
    schema = _patch_schema(client)
    for field in ("heat", "ice"):
        assert schema[field]["type"] == "boolean"
        assert not _takes_null(schema[field])
        assert "default" not in schema[field]  # not given is "unchanged", not false


@pytest.mark.parametrize("route", ["/api/v1/diary/entries", "/api/v1/reports/html"])
@pytest.mark.parametrize("day, status", [("1900-01-01", 200), ("2199-12-31", 200), ("2024-02-29", 200),
                                         ("2000-02-29", 200), ("1900-02-29", 422), ("2100-02-29", 422),
                                         ("2026-02-30", 422), ("1899-12-31", 422), ("2200-01-01", 422),
                                         ("9999-12-31", 422), ("2026-13-01", 422)])
def test_from_and_to_take_the_days_the_schema_allows(client: TestClient, route: str, day: str, status: int) -> None:
    for name in ("from", "to"):
        answer = client.get(route, params={name: day})
        assert answer.status_code == status, (name, day, answer.text[:300])
        if status == 422:
            assert answer.json()["errors"][0]["field"] == name
