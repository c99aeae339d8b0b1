"""A finished interview leaves out only the questions that cannot change the answer; the
plan made from it must not then say "not complete" and hold the programme, heat and ice
for those questions (the interview and the plan would contradict each other). A batch
answer with the same gaps still says "not complete" (HAZ-011)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backrelief.interview import InterviewState, progress
from backrelief.interview.simulate import Person, pages
from backrelief.knowledge import load_knowledge
from backrelief.plan import make_plan
from backrelief.triage import triage

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)
K = load_knowledge()


def self_care_people() -> list[dict[str, Any]]:
    out = []
    for name in ("dev.jsonl", "holdout.jsonl"):
        for line in (REPO / "data" / "vignettes" / name).read_text().splitlines():
            if line and json.loads(line)["expected"] == "self_care":
                out.append(json.loads(line))
    return out


@pytest.mark.parametrize("vignette", self_care_people(), ids=lambda v: v["id"])
def test_a_finished_interview_gives_a_complete_plan_that_holds_nothing_for_questions_left_out(
        vignette: dict[str, Any]) -> None:
    state = InterviewState()
    pages(state, Person(vignette["input"]), K)
    now = progress(state, K)
    assert now.finished
    assert now.triage.complete, now.triage.questions_to_ask
    assert now.triage.questions_to_ask == ()
    plan = make_plan(now.assessment, now.triage, TODAY)
    assert plan.complete
    assert plan.warning_signs_unasked == ()
    assert plan.programme is not None and plan.programme.status != "answer_warning_signs_first"


@pytest.mark.parametrize("vignette", self_care_people()[:5], ids=lambda v: v["id"])
def test_the_same_answers_sent_as_a_batch_with_questions_left_out_stay_not_complete(vignette: dict[str, Any]) -> None:
    state = InterviewState()
    pages(state, Person(vignette["input"]), K)
    now = progress(state, K)
    fresh = triage(now.assessment, K)
    if fresh.red_flags_unasked:
        assert not fresh.complete
        assert not make_plan(now.assessment, fresh, TODAY).complete


def test_a_check_kept_by_a_finished_interview_records_that_it_was_complete(tmp_path: Path) -> None:
    from backrelief.services.checks import keep_check
    from backrelief.settings import Settings
    from backrelief.storage import Assessments, ensure_database

    vignette = self_care_people()[0]
    state = InterviewState()
    pages(state, Person(vignette["input"]), K)
    now = progress(state, K)
    engine = ensure_database(Settings(database_url=f"sqlite:///{tmp_path / 'diary.sqlite'}"))
    keep_check(engine, now.assessment, now.triage, TODAY)
    saved = Assessments(engine).latest()
    assert saved is not None
    assert saved.triage.complete is True
    assert saved.plan is not None
    engine.dispose()
