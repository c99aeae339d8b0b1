"""The question flow in clinic mode: for logged-in patients, and the finished check is kept
in the patient's own record (where the clinicians they share with can see it)."""

from __future__ import annotations

import pytest

from backrelief.storage import Assessments
from backrelief.web.clinic.guard import IN_CLINIC, UnownedRow
from tests.clinic.conftest import World

NO_NERVES = {"saddle_numbness": "no", "new_bladder_problem": "no", "new_bowel_incontinence": "no",
             "new_sexual_dysfunction": "no"}
PAIN = {"region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden", "duration_days": "2",
        "severity": "6"}


def test_a_visitor_is_asked_to_log_in_before_a_check(world: World) -> None:
    visitor = world.client("visitor")
    for answer in (visitor.post("/questions"), visitor.get("/result"), visitor.post("/words", {"text": "my back"})):
        assert (answer.status_code, answer.headers["location"]) == (303, "/account/login?done=check")
    assert "Log in to check your back." in visitor.get("/account/login?done=check").text
    assert world.client("bob").post("/questions").status_code == 404


def test_alices_finished_check_is_kept_in_her_record_and_bob_sees_it(world: World) -> None:
    alice = world.client("alice")
    alice.get("/")
    alice.post("/questions")
    alice.post("/questions/about-you", {"age": "50", "sex": "female"})
    alice.post("/questions/pregnancy", {"pregnant": "no"})
    alice.post("/questions/your-pain", PAIN)
    alice.post("/questions/worse-or-better", {})
    done = alice.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "yes"})
    assert done.headers["location"] == "/result"
    assert [a.disposition for a in Assessments(world.clinic.engine, world.id("alice")).list()] == ["emergency"]
    assert Assessments(world.clinic.engine).list() == []
    assert Assessments(world.clinic.engine, world.id("charlie")).list() == []
    rows = world.client("bob").api("GET", "/api/v1/clinician/patients").json()
    assert [(r["patient"], r["needs"]) for r in rows] == [("Alice <alice@example.org>", ["emergency triage recorded"])]


def test_a_row_without_a_person_is_refused_in_clinic_mode(world: World) -> None:
    marker = IN_CLINIC.set(True)
    try:
        with pytest.raises(UnownedRow):
            Assessments(world.clinic.engine).save({"age": 40}, {"knowledge_version": "t", "disposition": "routine"})
    finally:
        IN_CLINIC.reset(marker)
    assert Assessments(world.clinic.engine).list() == []
