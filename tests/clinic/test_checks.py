"""The question flow in clinic mode: for logged-in patients, and the finished check is kept
in the patient's own record (where the clinicians they share with can see it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backrelief.assessment import parse_assessment
from backrelief.services.checks import keep_check
from backrelief.settings import Settings
from backrelief.storage import Assessments, Episodes, ensure_database
from backrelief.triage import triage
from backrelief.web.clinic.guard import IN_CLINIC, UnownedRow
from tests.clinic.conftest import TODAY, World
from tests.kept_checks import kept_check

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
            Assessments(world.clinic.engine).save(kept_check({"age": 40}, {"knowledge_version": "t", "disposition": "routine"}))
    finally:
        IN_CLINIC.reset(marker)
    assert Assessments(world.clinic.engine).list() == []


def test_a_check_sent_to_the_clinic_api_is_kept_with_its_plan_and_episode_as_the_terminal_keeps_it(
        world: World, tmp_path: Path) -> None:
    answers = {"age": 40, "severity": 5, "region": "lower", "radiation": "none", "duration_days": 3,
               "onset": "sudden", "trigger": "lifting", "findings": ["fever"], "findings_absent": ["saddle_numbness"]}
    sent = world.client("alice").api("POST", "/api/v1/me/assessments", json=answers)
    assert sent.status_code == 201, sent.text
    engine = world.clinic.engine
    kept = Assessments(engine, world.id("alice")).get(sent.json()["id"])
    [episode] = Episodes(engine, world.id("alice")).list()
    assert (kept.episode_id, episode.started_on, episode.trigger) == (episode.id, TODAY - timedelta(days=3), "lifting")
    assert kept.plan is not None and kept.plan.made_on == TODAY
    # The terminal (`diary check`, `assess --save`) keeps through keep_check: the same record.
    home = ensure_database(Settings(database_url=f"sqlite:///{tmp_path / 'home.sqlite'}"))
    assessment = parse_assessment(answers)
    at_home = keep_check(home, assessment, triage(assessment), TODAY, created_at=kept.created_at).saved
    home.dispose()
    same = {"id", "episode_id"}
    assert kept.model_dump(mode="json", exclude=same) == at_home.model_dump(mode="json", exclude=same)
    assert kept.assessment.findings == ("fever",) and kept.assessment.answers() == assessment.to_public()
