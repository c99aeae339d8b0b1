"""Sharing, revocation, scopes, the audit log and the dashboard's order."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backrelief.clinic.tables import AuditRow, InviteRow
from backrelief.diary.models import EntryCreate, Medicine
from backrelief.storage import Assessments, Entries
from tests.clinic.conftest import World
from tests.kept_checks import kept_check


def _code(text: str) -> str:
    found = re.search(r'id="invite-code">([A-Z0-9-]+)<', text)
    assert found, text
    return found.group(1)


def _audit(world: World, name: str) -> list[tuple[str, str]]:
    with Session(world.clinic.engine) as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.patient_id == world.id(name)).order_by(AuditRow.id))
        return [(r.actor_label, r.what) for r in rows]


def test_a_code_shares_the_chosen_scopes_once(world: World) -> None:
    charlie, dana = world.client("charlie"), world.client("dana")
    page = charlie.post("/sharing/invite", {"scopes": ["diary"]})
    code = _code(page.text)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    used = dana.post("/clinician/redeem", {"code": code.lower().replace("-", " ")})
    assert "Charlie &lt;charlie@example.org&gt; now shares with you." in used.text
    diary = f"/api/v1/clinician/patients/{world.id('charlie')}/diary"
    assert dana.api("GET", diary).status_code == 200
    assert dana.api("GET", f"/api/v1/clinician/patients/{world.id('charlie')}/report").status_code == 404
    again = world.client("bob").post("/clinician/redeem", {"code": code})
    assert again.status_code == 400
    assert "was used already" in again.text
    assert world.client("bob").api("GET", diary).status_code == 404


def test_the_code_is_kept_only_as_a_hash_and_expires_after_seven_days(world: World) -> None:
    code, _ = world.clinic.sharing.invite(world.people["charlie"], ["reports"])
    with Session(world.clinic.engine) as session:
        stored = list(session.scalars(select(InviteRow.code_hash)))
    assert code not in stored and len(stored[0]) == 64
    world.clock.advance(days=7, seconds=1)
    world.client("dana").log_in("dana@example.org", api=True)
    answer = world.client("dana").api("POST", "/api/v1/clinician/redeem", json={"code": code})
    assert answer.status_code == 404
    assert answer.json() == {"errors": [{"field": "", "message": "This code is not right, was used already or has expired."}]}


def test_a_patient_cannot_use_a_code(world: World) -> None:
    code, _ = world.clinic.sharing.invite(world.people["charlie"], ["diary"])
    assert world.client("alice").api("POST", "/api/v1/clinician/redeem", json={"code": code}).status_code == 404
    assert world.client("alice").post("/clinician/redeem", {"code": code}).status_code == 404


def test_sharing_by_email_says_the_same_for_a_patient_address_and_shares_nothing(world: World) -> None:
    charlie = world.client("charlie")
    to_patient = charlie.post("/sharing/clinician", {"email": "alice@example.org", "scopes": ["diary"]})
    assert "If alice@example.org is a clinician here, they can now see what you chose." in to_patient.text
    to_clinician = charlie.post("/sharing/clinician", {"email": "dana@example.org", "scopes": ["diary"]})
    assert "If dana@example.org is a clinician here, they can now see what you chose." in to_clinician.text
    # Both are listed by the address Charlie typed, so the list does not tell who is a clinician;
    # only the clinician's share grants anything.
    shares = world.clinic.sharing.shares_of(world.people["charlie"])
    assert [s.clinician_label for s in shares] == ["alice@example.org", "dana@example.org"]
    assert [s.clinician_id for s in shares] == [None, world.id("dana")]
    assert world.clinic.sharing.scopes_for(world.people["alice"], world.id("charlie")) == frozenset()


def test_revoking_is_immediate_for_pages_and_api(world: World) -> None:
    bob, alice = world.client("bob"), world.client("alice")
    page = f"/clinician/patients/{world.id('alice')}"
    api = f"/api/v1/clinician/patients/{world.id('alice')}/diary"
    assert bob.get(page).status_code == 200
    assert bob.api("GET", api).status_code == 200
    share_id = world.clinic.sharing.shares_of(world.people["alice"])[0].id
    stopped = alice.post(f"/sharing/{share_id}/revoke")
    assert "Sharing stopped." in stopped.text
    assert bob.get(page).status_code == 404
    assert bob.get(page + "/report").status_code == 404
    assert bob.api("GET", api).status_code == 404
    assert "Alice" not in bob.get("/clinician").text
    assert alice.post(f"/sharing/{share_id}/revoke").status_code == 404


def test_revoking_through_the_api(world: World) -> None:
    share_id = world.client("alice").api("GET", "/api/v1/me/shares").json()[0]["id"]
    assert world.client("alice").api("DELETE", f"/api/v1/me/shares/{share_id}").status_code == 204
    assert world.client("bob").api("GET", f"/api/v1/clinician/patients/{world.id('alice')}/diary").status_code == 404


def test_every_view_by_the_clinician_writes_one_audit_row(world: World) -> None:
    bob = world.client("bob")
    alice_id = world.id("alice")
    bob.get("/clinician")
    bob.get(f"/clinician/patients/{alice_id}")
    bob.get(f"/clinician/patients/{alice_id}/report")
    bob.api("GET", f"/api/v1/clinician/patients/{alice_id}/diary")
    bob.api("GET", f"/api/v1/clinician/patients/{alice_id}/assessments")
    bob.api("GET", f"/api/v1/clinician/patients/{alice_id}/report")
    label = "Bob <bob@example.org>"
    assert _audit(world, "alice") == [(label, "summary"), (label, "diary"), (label, "assessments"), (label, "report"),
                                      (label, "diary"), (label, "assessments"), (label, "report")]
    world.client("alice").get("/my/diary")
    assert len(_audit(world, "alice")) == 7


def test_a_refused_attempt_by_a_clinician_is_in_the_patients_log(world: World) -> None:
    dana = world.client("dana")
    assert dana.get(f"/clinician/patients/{world.id('alice')}").status_code == 404
    assert dana.api("GET", f"/api/v1/clinician/patients/{world.id('alice')}/report").status_code == 404
    # Another patient's id, or none at all, writes nothing about anyone.
    assert dana.get(f"/clinician/patients/{world.id('bob')}").status_code == 404
    assert dana.get("/clinician/patients/999999").status_code == 404
    assert _audit(world, "alice") == [("Dana <dana@example.org>", "refused"), ("Dana <dana@example.org>", "refused")]
    assert _audit(world, "bob") == []
    log = world.client("alice").get("/my/audit").text
    assert "tried to open your data without a share, and was refused" in log


def test_alice_sees_who_looked_at_her_data(world: World) -> None:
    world.client("bob").get(f"/clinician/patients/{world.id('alice')}/report")
    page = world.client("alice").get("/my/audit")
    assert "Bob &lt;bob@example.org&gt;" in page.text
    assert "your report for the doctor" in page.text
    api = world.client("alice").api("GET", "/api/v1/me/audit").json()["items"]
    assert [(a["who"], a["what"]) for a in api] == [("Bob <bob@example.org>", "report")]
    assert world.client("charlie").api("GET", "/api/v1/me/audit").json()["items"] == []


def test_the_dashboard_puts_the_patient_most_in_need_first(world: World) -> None:
    engine, today = world.clinic.engine, datetime(2026, 11, 26, 9)
    for name in ("erin", "fay", "gus"):
        world.people[name] = world.clinic.accounts.create(f"{name}@example.org", "a long enough password", "patient",
                                                          name.capitalize())
        world.clinic.sharing.share_with(world.people[name], "bob@example.org", ["diary", "assessments"])
    # Erin: too much ibuprofen in a day. Fay: an emergency triage. Gus: pain rising. Alice: nothing.
    Entries(engine, world.id("erin")).add(EntryCreate(at=today, pain_now=4, medicines=(
        Medicine(name="ibuprofen", dose_mg=2000),)))
    Assessments(engine, world.id("fay")).save(kept_check({"age": 50}, {"knowledge_version": "t", "disposition": "emergency"}))
    Entries(engine, world.id("gus")).add_many([EntryCreate(at=today - timedelta(days=d), pain_now=max(1, 8 - d))
                                               for d in range(10, -1, -1)])
    rows = world.client("bob").api("GET", "/api/v1/clinician/patients").json()
    assert [(r["patient"], r["needs"]) for r in rows] == [
        ("Fay <fay@example.org>", ["emergency triage recorded"]),
        ("Gus <gus@example.org>", ["pain worse than the usual course"]),
        ("Erin <erin@example.org>", ["a medicine over its daily limit"]),
        ("Alice <alice@example.org>", []),
    ]
