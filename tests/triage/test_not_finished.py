"""An unfinished check never says "look after this at home": a warning-sign question left
unanswered is not a "no" (unknown is never no), so a self-care answer with such questions
open says it is not finished, and why, until they are answered."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from backrelief.assessment import Assessment
from backrelief.knowledge import load_knowledge
from backrelief.triage import triage, worded
from tests.triage.test_unknown_never_no import partial_answers

K = load_knowledge()
HOME = K.dispositions["self_care"].title
NONE_IS = next(r.reason for r in K.rules if r.fallback)


def every_sign_said(**answers: Any) -> Assessment:
    """A 40-year-old with a plain strain who answered every warning-sign question 'no'."""
    findings = [q.id for q in K.screen if q.asks == "finding"]
    history = [q.id for q in K.screen if q.asks == "history"]
    base: dict[str, Any] = {
        "age": 40, "sex": "male", "region": "lower", "radiation": "none", "severity": 5, "worst_severity": 6,
        "duration_days": 2, "onset": "sudden", "trigger": "lifting", "episodes_last_year": 0, "worsens": ["bending"],
        "eases": ["rest"], "findings": [], "findings_absent": findings, "history": [], "history_absent": history,
    }
    return Assessment.model_validate({**base, **answers})


def test_a_check_with_every_warning_sign_answered_no_says_look_after_this_at_home() -> None:
    t = triage(every_sign_said())
    assert t.disposition == "self_care" and t.complete
    assert t.title == HOME and [r.reason for r in t.reasons] == [NONE_IS]


def test_a_check_of_an_age_alone_is_not_finished_and_says_why() -> None:
    t = triage(Assessment(age=40))
    assert t.disposition == "self_care" and not t.complete
    assert t.title == K.not_finished.title and t.action == K.not_finished.action
    assert [r.reason for r in t.reasons] == [K.not_finished.reason]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_answers())
def test_no_check_with_a_warning_sign_question_open_says_look_after_this_at_home(data: dict[str, Any]) -> None:
    t = triage(Assessment.model_validate(data))
    if not t.complete:
        assert t.title != HOME
        assert all(r.reason != NONE_IS for r in t.reasons)


def test_a_check_the_interview_settles_as_complete_says_home_care_again() -> None:
    # The interview leaves some questions unasked that no answer could change: it marks the
    # check complete (interview.engine.settled), and the words follow.
    t = triage(Assessment(age=40))
    settled = worded(t.model_copy(update={"complete": True, "questions_to_ask": ()}))
    assert settled.title == HOME and [r.reason for r in settled.reasons] == [NONE_IS]


def test_the_terminal_says_a_file_with_questions_unanswered_is_not_finished(tmp_path: Path) -> None:
    answers = tmp_path / "check.json"
    answers.write_text(json.dumps({"age": 40, "findings": []}), encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "backrelief", "assess", "--input", str(answers)],
                           capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path).stdout
    assert "Not finished" in shown and HOME not in shown
    as_json = json.loads(subprocess.run([sys.executable, "-m", "backrelief", "assess", "--input", str(answers),
                                         "--json"], capture_output=True, text=True, timeout=120, check=False,
                                        cwd=tmp_path).stdout)
    assert as_json["disposition"] == "self_care" and as_json["complete"] is False
    assert as_json["title"] == K.not_finished.title
