"""The patient's rights: export of everything (JSON, CSV, FHIR) and erasure of the account
and every row about them, from the web and from the API."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backrelief.clinic.tables import SessionRow
from backrelief.diary.models import EntryCreate
from backrelief.storage import Assessments, Entries
from backrelief.storage.tables import Base
from tests.clinic.conftest import PASSWORD, Client, World
from tests.kept_checks import kept_check

PERSON_COLUMNS = ("person_id", "patient_id", "user_id", "clinician_id", "actor_id")


def alice_has_everything(world: World) -> None:
    alice = world.people["alice"]
    Entries(world.clinic.engine, alice.id).add(EntryCreate(at=datetime(2026, 11, 25, 8), pain_now=6, notes="stiff"))
    Assessments(world.clinic.engine, alice.id).save(kept_check({"age": 40}, {"knowledge_version": "t", "disposition": "routine"}))
    world.clinic.sharing.invite(alice, ["diary"])
    world.client("bob").get(f"/clinician/patients/{alice.id}")  # an audit row about Alice
    world.client("alice").log_in("alice@example.org", "wrong wrong wrong")  # a throttle row


def rows_about(world: World, user_id: int) -> dict[str, int]:
    """Every row in every table that names this person, by walking the metadata."""
    found: dict[str, int] = {}
    with Session(world.clinic.engine) as session:
        for table in Base.metadata.sorted_tables:
            columns = [table.c[c] for c in PERSON_COLUMNS if c in table.c]
            if table.name == "users":
                columns.append(table.c["id"])
            for column in columns:
                count = session.scalar(select(func.count()).select_from(table).where(column == user_id)) or 0
                if count:
                    found[f"{table.name}.{column.name}"] = count
    return found


def test_the_json_export_has_the_diary_and_the_checks(world: World) -> None:
    alice_has_everything(world)
    data = json.loads(world.client("alice").get("/my/export?format=json").text)
    assert [(e["pain_now"], e["notes"]) for e in data["entries"]] == [(6, "stiff")]
    assert [a["disposition"] for a in data["assessments"]] == ["routine"]
    assert world.client("alice").api("GET", "/api/v1/me/export?format=json").json() == data


def test_the_csv_and_fhir_exports_hold_the_entry(world: World) -> None:
    alice_has_everything(world)
    csv = world.client("alice").api("GET", "/api/v1/me/export?format=csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.text.splitlines()[1].startswith("2026-11-25 08:00,6,")
    fhir = world.client("alice").get("/my/export?format=fhir").json()
    assert fhir["resourceType"] == "Bundle"
    assert len([e for e in fhir["entry"] if e["resource"]["resourceType"] == "Observation"]) >= 1
    # In clinic mode the Patient carries the account's name, the same on the web and the API.
    patient = fhir["entry"][0]["resource"]
    assert (patient["resourceType"], patient["name"][0]["text"]) == ("Patient", "Alice")
    api = world.client("alice").api("GET", "/api/v1/me/export?format=fhir")
    assert api.headers["content-type"].startswith("application/fhir+json; fhirVersion=4.3")
    assert api.json()["entry"][0]["resource"]["name"][0]["text"] == "Alice"


def test_an_unknown_export_format_is_refused_with_the_choices(world: World) -> None:
    answer = world.client("alice").api("GET", "/api/v1/me/export?format=xml")
    assert answer.status_code == 422
    assert answer.json() == {"errors": [{"field": "format", "message": "The format must be json, csv or fhir, not 'xml'."}]}


def test_erasing_from_the_web_removes_every_row_about_alice(world: World) -> None:
    alice_has_everything(world)
    alice_id = world.id("alice")
    assert set(rows_about(world, alice_id)) == {"users.id", "diary_entries.person_id", "assessments.person_id",
                                                "shares.patient_id", "share_invites.patient_id", "user_sessions.user_id",
                                                "audit_log.patient_id"}
    wrong = world.client("alice").post("/account/delete", {"password": "not my password!"})
    assert wrong.status_code == 400 and rows_about(world, alice_id)
    done = world.client("alice").post("/account/delete", {"password": PASSWORD})
    assert done.headers["location"] == "/account/login?done=deleted"
    assert rows_about(world, alice_id) == {}
    assert world.client("alice").api("GET", "/api/v1/me").status_code == 401
    assert world.client("bob").get(f"/clinician/patients/{alice_id}").status_code == 404
    assert Client(world.app).log_in("alice@example.org").status_code == 401


def test_erasing_through_the_api_needs_the_password(world: World) -> None:
    alice_has_everything(world)
    alice = world.client("alice")
    assert alice.api("DELETE", "/api/v1/me", json={"password": "not my password!"}).status_code == 403
    assert alice.api("DELETE", "/api/v1/me", json={"password": PASSWORD}).status_code == 204
    assert rows_about(world, world.id("alice")) == {}


def test_a_clinician_who_leaves_stays_in_the_patients_log_without_a_name(world: World) -> None:
    world.client("bob").get(f"/clinician/patients/{world.id('alice')}")
    assert world.client("bob").api("DELETE", "/api/v1/me", json={"password": PASSWORD}).status_code == 204
    assert rows_about(world, world.id("bob")) == {}
    log = world.client("alice").api("GET", "/api/v1/me/audit").json()["items"]
    assert [(a["who"], a["what"]) for a in log] == [("a deleted account", "assessments"), ("a deleted account", "diary")]


@pytest.mark.parametrize("who", ["charlie", "visitor"])
def test_nobody_else_can_erase_alice(world: World, who: str) -> None:
    alice_has_everything(world)
    world.client(who).post("/account/delete", {"password": PASSWORD})
    world.client(who).api("DELETE", "/api/v1/me", json={"password": PASSWORD})
    assert "users.id" in rows_about(world, world.id("alice"))
    with Session(world.clinic.engine) as session:
        assert session.scalar(select(func.count()).select_from(SessionRow).where(
            SessionRow.user_id == world.id("alice"))) == 2
