"""The stranger tests: for every route that reads or writes a person's data, someone who may
not see it (Charlie, another patient; Dana, a clinician Alice does not share with; a visitor
who is not logged in) gets 404 or 401 and learns nothing. Bob, who Alice shares with, can.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backrelief.clinic.tables import ShareRow
from backrelief.diary.models import EntryCreate
from backrelief.storage import Assessments, Entries
from backrelief.storage.tables import Base, EntryRow
from tests.clinic.conftest import World
from tests.kept_checks import kept_check

SECRET_NOTE = "alice-secret-note-7f3a"
STRANGERS = ("charlie", "dana", "visitor")


def alice_has_data(world: World) -> None:
    engine = world.clinic.engine
    Entries(engine, world.id("alice")).add(EntryCreate(at=datetime(2026, 11, 20, 9), pain_now=7, notes=SECRET_NOTE))
    Assessments(engine, world.id("alice")).save(kept_check({"age": 40, "notes": SECRET_NOTE},
                                                           {"knowledge_version": "test", "disposition": "urgent"}))


def learns_nothing(text: str) -> bool:
    return SECRET_NOTE not in text and "alice@example.org" not in text and "Alice" not in text


# Routes that show Alice's data to someone else: (how, path template). {alice} is her id.
ALICE_PAGES = ["/clinician/patients/{alice}", "/clinician/patients/{alice}/report"]
ALICE_PDF = "/clinician/patients/{alice}/report.pdf"
ALICE_API = ["/api/v1/clinician/patients/{alice}/diary", "/api/v1/clinician/patients/{alice}/assessments",
             "/api/v1/clinician/patients/{alice}/report"]


@pytest.mark.parametrize("path", ALICE_PAGES)
def test_only_bob_sees_alices_pages(world: World, path: str) -> None:
    alice_has_data(world)
    url = path.format(alice=world.id("alice"))
    seen = world.client("bob").get(url)
    assert seen.status_code == 200
    assert SECRET_NOTE in seen.text
    answers = {who: world.client(who).get(url) for who in STRANGERS}
    assert {who: r.status_code for who, r in answers.items()} == {"charlie": 404, "dana": 404, "visitor": 401}
    assert all(learns_nothing(r.text) for r in answers.values())


def test_only_bob_downloads_alices_report_as_a_pdf(world: World) -> None:
    alice_has_data(world)
    url = ALICE_PDF.format(alice=world.id("alice"))
    seen = world.client("bob").get(url)
    assert (seen.status_code, seen.content[:5]) == (200, b"%PDF-")
    answers = {who: world.client(who).get(url) for who in STRANGERS}
    assert {who: r.status_code for who, r in answers.items()} == {"charlie": 404, "dana": 404, "visitor": 401}
    assert all(learns_nothing(r.text) for r in answers.values())
    own = world.client("alice").get("/my/report.pdf")
    assert (own.status_code, own.content[:5]) == (200, b"%PDF-")
    assert world.client("visitor").get("/my/report.pdf").status_code == 401
    assert world.client("bob").get("/my/report.pdf").status_code == 404


@pytest.mark.parametrize("path", ALICE_API)
def test_only_bob_reads_alices_data_through_the_api(world: World, path: str) -> None:
    alice_has_data(world)
    url = path.format(alice=world.id("alice"))
    assert world.client("bob").api("GET", url).status_code == 200
    answers = {who: world.client(who).api("GET", url) for who in STRANGERS}
    assert {who: r.status_code for who, r in answers.items()} == {"charlie": 404, "dana": 404, "visitor": 401}
    assert all(learns_nothing(r.text) for r in answers.values())


def test_a_patient_that_does_not_exist_looks_exactly_like_one_who_does_not_share(world: World) -> None:
    dana = world.client("dana")
    real = dana.api("GET", f"/api/v1/clinician/patients/{world.id('alice')}/diary")
    missing = dana.api("GET", "/api/v1/clinician/patients/999999/diary")
    huge = dana.api("GET", f"/api/v1/clinician/patients/{2**70}/diary")
    assert (real.status_code, real.json()) == (missing.status_code, missing.json()) == (huge.status_code, huge.json())


@pytest.mark.parametrize("path", ["/my/diary", "/my/report", "/sharing", "/my/audit", "/account", "/my/export?format=json",
                                  "/account/password", "/account/delete"])
def test_the_patients_own_pages_need_a_login_and_show_only_their_own_data(world: World, path: str) -> None:
    alice_has_data(world)
    assert world.client("visitor").get(path).status_code == 401
    own = world.client("charlie").get(path)
    assert own.status_code == 200
    assert SECRET_NOTE not in own.text and "alice@example.org" not in own.text
    if path in ("/my/diary", "/my/report", "/my/export?format=json"):
        assert SECRET_NOTE in world.client("alice").get(path).text


@pytest.mark.parametrize("path", ["/my/diary", "/my/report", "/sharing"])
def test_a_clinician_has_no_patient_pages_of_their_own(world: World, path: str) -> None:
    assert world.client("bob").get(path).status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/me/entries", "/api/v1/me/shares", "/api/v1/me/audit", "/api/v1/me",
                                  "/api/v1/me/export?format=json", "/api/v1/me/export?format=csv",
                                  "/api/v1/me/export?format=fhir"])
def test_the_own_data_api_needs_a_token_and_answers_only_about_the_caller(world: World, path: str) -> None:
    alice_has_data(world)
    assert world.client("visitor").api("GET", path).status_code == 401
    # The session cookie alone does not work for the API (no CSRF possible).
    cookie_only = world.client("alice").http.get(path)
    assert cookie_only.status_code == 401
    charlie = world.client("charlie").api("GET", path)
    assert charlie.status_code == 200
    assert SECRET_NOTE not in charlie.text and "alice@example.org" not in charlie.text


def test_the_dashboard_lists_only_patients_who_share(world: World) -> None:
    alice_has_data(world)
    assert "Alice" in world.client("bob").get("/clinician").text
    dana = world.client("dana")
    assert learns_nothing(dana.get("/clinician").text)
    assert dana.api("GET", "/api/v1/clinician/patients").json() == []
    assert world.client("charlie").get("/clinician").status_code == 404
    assert world.client("visitor").get("/clinician").status_code == 401
    assert world.client("visitor").api("GET", "/api/v1/clinician/patients").status_code == 401


def _active_shares(world: World) -> int:
    with Session(world.clinic.engine) as session:
        return session.scalar(select(func.count()).select_from(ShareRow).where(ShareRow.revoked_at.is_(None))) or 0


def test_nobody_else_can_stop_alices_sharing(world: World) -> None:
    share_id = world.clinic.sharing.shares_of(world.people["alice"])[0].id
    for who in ("charlie", "bob", "dana"):
        assert world.client(who).post(f"/sharing/{share_id}/revoke").status_code == 404
        assert world.client(who).api("DELETE", f"/api/v1/me/shares/{share_id}").status_code == 404
    assert world.client("visitor").post(f"/sharing/{share_id}/revoke").status_code == 401
    assert world.client("visitor").api("DELETE", f"/api/v1/me/shares/{share_id}").status_code == 401
    assert _active_shares(world) == 1


def test_what_a_stranger_writes_goes_to_their_own_diary(world: World) -> None:
    charlie = world.client("charlie")
    assert charlie.post("/my/diary", {"day": "2026-11-25", "time": "10:00", "pain_now": "3"}).status_code == 303
    assert charlie.api("POST", "/api/v1/me/entries", json={"at": "2026-11-25T11:00", "pain_now": 4}).status_code == 201
    assert Entries(world.clinic.engine, world.id("alice")).count() == 0
    assert Entries(world.clinic.engine, world.id("charlie")).count() == 2
    bob = world.client("bob").api("POST", "/api/v1/me/entries", json={"at": "2026-11-25T11:00", "pain_now": 4})
    assert bob.status_code == 404
    assert world.client("visitor").post("/my/diary", {"day": "2026-11-25", "time": "10:00", "pain_now": "3"}).status_code == 401
    with Session(world.clinic.engine) as session:
        assert session.scalar(select(func.count()).select_from(EntryRow)) == 2


@pytest.mark.parametrize("path", ["/api/v1/diary/entries", "/diary/1/edit", "/report.pdf", "/export/json", "/anything-new"])
def test_home_mode_routes_for_the_one_local_person_are_closed_in_clinic_mode(world: World, path: str) -> None:
    alice_has_data(world)
    for who in ("alice", "bob", "visitor"):
        answer = world.client(who).get(path)
        assert answer.status_code == 404
        assert SECRET_NOTE not in answer.text
    assert world.client("alice").post("/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "5"}).status_code == 404


def test_the_home_diary_and_report_addresses_lead_to_the_persons_own_pages(world: World) -> None:
    assert world.client("visitor").get("/diary").headers["location"] == "/my/diary"
    assert world.client("alice").get("/report").headers["location"] == "/my/report"


PATIENT_API_WRITES = [
    ("POST", "/api/v1/me/entries", {"at": "2026-11-25T09:00", "pain_now": 5}),
    ("POST", "/api/v1/me/assessments", {"age": 40}),
    ("POST", "/api/v1/me/shares", {"email": "dana@example.org", "scopes": ["diary"]}),
    ("POST", "/api/v1/me/invites", {"scopes": ["diary"]}),
]
PATIENT_FORMS = [
    ("/my/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "5"}),
    ("/sharing/invite", {"scopes": "diary"}),
    ("/sharing/clinician", {"email": "dana@example.org", "scopes": "diary"}),
]


def _everything(world: World) -> dict[str, int]:
    with Session(world.clinic.engine) as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables if t.name not in ("login_failures", "audit_log")}


@pytest.mark.parametrize(("method", "path", "body"), PATIENT_API_WRITES)
def test_a_patients_writes_through_the_api_need_a_patients_token(world: World, method: str, path: str,
                                                                 body: dict[str, object]) -> None:
    before = _everything(world)
    assert world.client("visitor").api(method, path, json=body).status_code == 401
    assert world.client("dana").api(method, path, json=body).status_code == 404
    assert world.client("alice").http.request(method, path, json=body).status_code == 401  # cookie only
    assert _everything(world) == before


@pytest.mark.parametrize(("path", "form"), PATIENT_FORMS)
def test_a_patients_forms_need_a_logged_in_patient(world: World, path: str, form: dict[str, str]) -> None:
    before = _everything(world)
    assert world.client("visitor").post(path, form).status_code == 401
    assert world.client("dana").post(path, form).status_code == 404
    assert _everything(world) == before


def test_a_form_without_its_csrf_token_is_refused(world: World) -> None:
    before = _everything(world)
    answer = world.client("alice").http.post("/my/diary", data={"day": "2026-11-25", "time": "09:00", "pain_now": "5"},
                                             follow_redirects=False)
    assert answer.status_code == 403
    assert "This form was out of date, so nothing was saved." in answer.text
    assert _everything(world) == before
