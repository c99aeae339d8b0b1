"""Bad input on every clinic form and endpoint: wrong types, huge bodies, unknown fields,
broken UTF-8, SQL and HTML injection strings. Each gets a 4xx with a message, and nothing
is stored (every table's row count is unchanged, apart from the login-failure counter)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backrelief.storage.tables import Base
from tests.clinic.conftest import PASSWORD, World

SQL = "x' OR '1'='1'; DROP TABLE users; --"
HTML = "<script>alert(1)</script>"
HUGE = "a" * (3 * 1024 * 1024)

# (who, method, path, a good body): each kind of bad input is made from the good body.
API = [
    ("visitor", "POST", "/api/v1/signup", {"email": "new@example.org", "password": "a long new password"}),
    ("visitor", "POST", "/api/v1/session", {"email": "alice@example.org", "password": PASSWORD}),
    ("alice", "PUT", "/api/v1/me/password", {"current_password": PASSWORD, "new_password": "another long password"}),
    ("alice", "DELETE", "/api/v1/me", {"password": PASSWORD}),
    ("alice", "POST", "/api/v1/me/entries", {"at": "2026-11-25T09:00", "pain_now": 5}),
    ("alice", "POST", "/api/v1/me/assessments", {"age": 40}),
    ("alice", "POST", "/api/v1/me/shares", {"email": "dana@example.org", "scopes": ["diary"]}),
    ("alice", "POST", "/api/v1/me/invites", {"scopes": ["diary"]}),
    ("bob", "POST", "/api/v1/clinician/redeem", {"code": "ABCD-EFGH-JKLM"}),
]
# Which field to spoil in each body: the first one.
KINDS = ("wrong_type", "unknown_field", "huge", "broken_utf8", "sql", "html", "deep", "deep_object", "long_number",
         "far_date", "huge_float", "nul", "not_an_object", "empty", "text_plain", "form")
# How each kind is sent (most as JSON).
CONTENT_TYPES = {"text_plain": "text/plain", "form": "application/x-www-form-urlencoded"}


def counts(world: World, path: str = "") -> dict[str, int]:
    # A refused code shows the dashboard again, and that view of the patients is audited.
    skip = {"login_failures", "audit_log"} if path == "/clinician/redeem" else {"login_failures"}
    with Session(world.clinic.engine) as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables if t.name not in skip}


def spoiled(body: dict[str, Any], kind: str) -> bytes:
    first = next(iter(body))
    if kind == "wrong_type":
        return json.dumps({**body, first: {"nested": [1, 2]}}).encode()
    if kind == "unknown_field":
        return json.dumps({**body, "role": "admin"}).encode()
    if kind == "huge":
        return json.dumps({**body, first: HUGE}).encode()
    if kind == "deep":
        return json.dumps({**body, first: "X"}).replace('"X"', "[" * 100_000 + "]" * 100_000).encode()
    if kind == "deep_object":
        return ('{"a":' * 5000 + "1" + "}" * 5000).encode()
    if kind == "long_number":
        return json.dumps({**body, first: "X"}).replace('"X"', "9" * 5000).encode()
    if kind == "far_date":
        return json.dumps({**body, first: "9999-12-31"}).encode()
    if kind == "huge_float":
        return json.dumps({**body, first: "X"}).replace('"X"', "1e400").encode()
    if kind == "nul":
        return json.dumps({**body, first: "a\u0000b"}).encode()
    if kind == "not_an_object":
        return json.dumps([body]).encode()
    if kind == "empty":
        return b""
    if kind in ("text_plain", "form"):
        return json.dumps(body).encode()
    if kind == "broken_utf8":
        return b'{"' + first.encode() + b'": "\xff\xfe\xfa"}'
    text = SQL if kind == "sql" else HTML
    value: Any = [text] if isinstance(body[first], list) else text
    return json.dumps({**body, first: value}).encode()


@pytest.mark.parametrize(("who", "method", "path", "body"), [pytest.param(*case, id=f"{case[1]} {case[2]}") for case in API])
def test_bad_json_gets_a_4xx_with_a_message_and_stores_nothing(world: World, who: str, method: str, path: str,
                                                               body: dict[str, Any]) -> None:
    before = counts(world, path)
    client = world.client(who)
    for kind in KINDS:
        headers = {"content-type": CONTENT_TYPES.get(kind, "application/json")}
        if client.bearer:
            headers["authorization"] = f"Bearer {client.bearer}"
        answer = client.http.request(method, path, content=spoiled(body, kind), headers=headers)
        assert 400 <= answer.status_code < 500, (kind, answer.text)
        assert answer.json()["errors"][0]["message"], kind
        assert counts(world, path) == before, kind


def test_each_kind_gets_the_status_it_should(world: World) -> None:
    alice = world.client("alice")
    headers = {"content-type": "application/json", "authorization": f"Bearer {alice.bearer}"}
    body = {"at": "2026-11-25T09:00", "pain_now": 5}
    statuses = {kind: alice.http.post("/api/v1/me/entries", content=spoiled(body, kind),
                                      headers={**headers, "content-type": CONTENT_TYPES.get(kind, "application/json")}
                                      ).status_code
                for kind in KINDS}
    assert statuses == {"wrong_type": 422, "unknown_field": 422, "huge": 413, "broken_utf8": 400, "sql": 422, "html": 422,
                        "deep": 400, "deep_object": 400, "long_number": 400, "far_date": 422, "huge_float": 422,
                        "nul": 422, "not_an_object": 400, "empty": 400, "text_plain": 415, "form": 415}


# Forms: (who, path, a good form).
FORMS = [
    ("visitor", "/account/signup", {"email": "new@example.org", "password": "a long new password", "name": "New"}),
    ("visitor", "/account/login", {"email": "alice@example.org", "password": "wrong password here"}),
    ("alice", "/account/password", {"current_password": PASSWORD, "new_password": "another long password"}),
    ("alice", "/account/delete", {"password": "wrong password here"}),
    ("alice", "/my/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "5"}),
    ("alice", "/sharing/invite", {"scopes": "diary"}),
    ("alice", "/sharing/clinician", {"email": "dana@example.org", "scopes": "diary"}),
    ("bob", "/clinician/redeem", {"code": "ABCD-EFGH-JKLM"}),
]
FORM_KINDS = ("unknown_field", "huge", "broken_utf8", "sql", "html")


def spoiled_form(form: dict[str, str], kind: str) -> dict[str, str]:
    first = next(iter(form))
    if kind == "unknown_field":
        return {**form, "role": "admin"}
    if kind == "huge":
        return {**form, first: HUGE}
    return {**form, first: SQL if kind == "sql" else HTML}


@pytest.mark.parametrize(("who", "path", "form"), [pytest.param(w, p, f, id=p) for w, p, f in FORMS])
def test_a_bad_form_gets_a_4xx_with_a_message_and_stores_nothing(world: World, who: str, path: str,
                                                                 form: dict[str, str]) -> None:
    before = counts(world, path)
    client = world.client(who)
    client.get("/account/login")
    # A SQL or HTML string is a fine password (any text is): there it is just a wrong one.
    kinds = [k for k in FORM_KINDS if not (k in ("sql", "html") and path in ("/account/login", "/account/delete"))]
    for kind in kinds:
        answer = client.post(path, spoiled_form(form, kind))
        assert 400 <= answer.status_code < 500, (kind, answer.text[:300])
        assert "There is a problem" in answer.text or "too large" in answer.text or "Sorry" in answer.text, kind
        assert HTML not in answer.text
        assert counts(world, path) == before, kind


@pytest.mark.parametrize(("who", "path", "form"), [pytest.param(w, p, f, id=p) for w, p, f in FORMS])
def test_a_form_with_broken_utf8_gets_a_4xx_and_stores_nothing(world: World, who: str, path: str,
                                                               form: dict[str, str]) -> None:
    before = counts(world, path)
    client = world.client(who)
    client.get("/account/login")
    first = next(iter(form))
    raw = f"csrf_token={client.token}&{first}=%FF%FE%FA".encode() + b"&x\xff=1"
    answer = client.http.post(path, content=raw, headers={"content-type": "application/x-www-form-urlencoded"},
                              follow_redirects=False)
    assert 400 <= answer.status_code < 500
    assert counts(world, path) == before


def test_wrong_types_in_the_diary_form_name_the_field(world: World) -> None:
    answer = world.client("alice").post("/my/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "six"})
    assert answer.status_code == 400
    assert "Enter a whole number from 0 (no pain) to 10 (worst pain you can imagine)" in answer.text
    answer = world.client("alice").post("/my/diary", {"day": "yesterday", "pain_now": "5"})
    assert "Enter a real date and time, for example 2026-11-26 and 08:30" in answer.text


def test_html_in_a_note_is_kept_as_text_and_shown_escaped_to_the_clinician(world: World) -> None:
    assert world.client("alice").post("/my/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "5",
                                                    "notes": HTML}).status_code == 303
    page = world.client("bob").get(f"/clinician/patients/{world.id('alice')}")
    assert HTML not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_sql_string_as_a_login_is_just_a_failed_login(world: World) -> None:
    answer = world.client("visitor").http.post("/api/v1/session", json={"email": SQL, "password": SQL})
    assert answer.status_code == 401
    assert world.clinic.accounts.count() == 4


def test_a_list_of_lists_in_a_diary_entry_is_refused_not_a_server_error(world: World) -> None:
    # Found by test_fuzz: the diary model de-duplicates list items, which fails on nested lists.
    for body in ({"at": [[1]], "pain_now": 5}, {"at": "2026-11-25T09:00", "pain_now": 5, "activities": [["x"]]}):
        answer = world.client("alice").api("POST", "/api/v1/me/entries", json=body)
        assert answer.status_code == 422
        field = answer.json()["errors"][0]["field"]
        assert field in body and answer.json()["errors"][0]["message"].startswith(f"'{field}' must be")


def test_the_clinic_api_records_medicines(world: World) -> None:
    alice = world.client("alice")
    answer = alice.api("POST", "/api/v1/me/entries", json={
        "at": "2026-11-25T09:00", "pain_now": 5,
        "medicines": [{"name": "Ibuprofen", "dose_mg": 400, "taken_at": "2026-11-25T08:30"}]})
    assert answer.status_code == 201, answer.text
    saved = alice.api("GET", "/api/v1/me/entries").json()
    assert saved[0]["medicines"] == [{"name": "ibuprofen", "dose_mg": 400.0, "taken_at": "2026-11-25T08:30:00"}]


def test_the_patients_diary_form_names_a_day_after_today_with_every_other_problem(world: World) -> None:
    # The clinic's server does not know where the patient is: a day that is today somewhere
    # on Earth is allowed, and three days ahead is today nowhere.
    answer = world.client("alice").post("/my/diary", {"day": "2026-11-29", "time": "09:00", "pain_now": "six",
                                                      "medicine": "ibuprofen", "dose_mg": "lots"})
    assert answer.status_code == 400
    assert '<a href="#day">Date and time: Enter a day up to today' in answer.text
    assert '<a href="#pain_now">Pain now: Enter a whole number from 0 (no pain) to 10' in answer.text
    assert '<a href="#medicine">Medicines: The dose must be a number of mg, like 400</a>' in answer.text
    assert world.client("alice").post("/my/diary", {"day": "2026-11-26", "time": "23:00",
                                                    "pain_now": "5"}).status_code == 303


def test_the_clinic_api_refuses_a_day_after_the_patients_today(world: World) -> None:
    alice = world.client("alice")
    answer = alice.api("POST", "/api/v1/me/entries", json={"at": "2026-11-29T09:00", "pain_now": 11})
    assert answer.status_code == 422
    assert sorted(e["field"] for e in answer.json()["errors"]) == ["at", "pain_now"]
    # A time written with its offset says the patient's own today.
    assert alice.api("POST", "/api/v1/me/entries", json={"at": "2026-11-26T22:00+14:00", "pain_now": 4}).status_code \
        == 201
    assert [e["at"] for e in alice.api("GET", "/api/v1/me/entries").json()] == ["2026-11-26T22:00:00"]
