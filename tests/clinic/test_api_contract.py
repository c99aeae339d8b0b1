"""What API clients rely on: every clinic write route declares its body in the OpenAPI (and
every reference in it resolves), sharing by email cannot be used to find clinicians, and
no JSON route acts on a body a page on another site could send without asking."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.clinic.conftest import World

BODY_ROUTES = [("post", "/api/v1/signup"), ("post", "/api/v1/session"), ("put", "/api/v1/me/password"),
               ("delete", "/api/v1/me"), ("post", "/api/v1/me/entries"), ("post", "/api/v1/me/assessments"),
               ("post", "/api/v1/me/shares"), ("post", "/api/v1/me/invites"), ("post", "/api/v1/clinician/redeem")]


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found.append(item["$ref"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_every_clinic_route_with_a_body_declares_it(world: World) -> None:
    spec = world.client("visitor").http.get("/api/v1/openapi.json").json()
    for method, path in BODY_ROUTES:
        body = spec["paths"][path][method].get("requestBody")
        assert body and "application/json" in body["content"], (method, path)
    medicines = spec["paths"]["/api/v1/me/entries"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert medicines["properties"]["medicines"]["items"]["properties"]["dose_mg"]


def test_every_reference_in_the_openapi_resolves(world: World) -> None:
    spec = world.client("visitor").http.get("/api/v1/openapi.json").json()
    for ref in _refs(spec):
        assert ref.startswith("#/"), ref
        node: Any = spec
        for part in ref[2:].split("/"):
            assert isinstance(node, dict) and part in node, ref
            node = node[part]


def test_sharing_by_email_looks_the_same_for_a_clinician_and_anyone_else(world: World) -> None:
    alice = world.client("alice")
    for email in ("dana@example.org", "nobody@example.org"):
        answer = alice.api("POST", "/api/v1/me/shares", json={"email": email, "scopes": ["diary"]})
        assert answer.status_code == 202
    listed = {s["clinician"]: s for s in alice.api("GET", "/api/v1/me/shares").json()}
    dana, nobody = listed["dana@example.org"], listed["nobody@example.org"]
    assert set(dana) == set(nobody) and dana["scopes"] == nobody["scopes"] == ["diary"]
    page = alice.get("/sharing").text
    assert "dana@example.org" in page and "nobody@example.org" in page and "Dana" not in page
    # The share that matched no clinician grants nothing, and can be stopped like any other.
    assert world.clinic.sharing.scopes_for(world.people["dana"], world.id("alice")) == frozenset({"diary"})
    assert alice.api("DELETE", f"/api/v1/me/shares/{nobody['id']}").status_code == 204
    assert "nobody@example.org" not in json.dumps(alice.api("GET", "/api/v1/me/shares").json())


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
def test_a_cross_site_body_is_refused_before_anything_is_done(world: World, content_type: str) -> None:
    body = json.dumps({"email": "new.person@example.org", "password": "a long new password"})
    visitor = world.client("visitor").http
    answer = visitor.post("/api/v1/signup", content=body, headers={"content-type": content_type,
                                                                    "origin": "https://evil.example"})
    assert answer.status_code == 415
    assert "Content-Type: application/json" in answer.json()["errors"][0]["message"]
    assert world.clinic.accounts.by_email("new.person@example.org") is None
    login = visitor.post("/api/v1/session", content=json.dumps({"email": "alice@example.org", "password": "x" * 12}),
                         headers={"content-type": content_type})
    assert login.status_code == 415


def test_a_wrong_re_entered_password_or_code_is_a_refused_credential_not_bad_input(world: World) -> None:
    alice, bob = world.client("alice"), world.client("bob")
    wrong = alice.api("PUT", "/api/v1/me/password", json={"current_password": "not alice's password at all",
                                                           "new_password": "a brand new long password"})
    assert wrong.status_code == 403 and wrong.json()["errors"][0]["field"] == "current_password"
    assert alice.api("GET", "/api/v1/me").status_code == 200  # nothing changed: the session still works
    # A first code with no setting up started is a conflict with the account's state.
    assert alice.api("POST", "/api/v1/me/mfa/confirm", json={"code": "123456"}).status_code == 409
    right = world.next_code("bob")
    wrong_code = "000000" if right != "000000" else "111111"
    refused = bob.api("POST", "/api/v1/me/mfa/recovery-codes", json={"code": wrong_code})
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "code"
