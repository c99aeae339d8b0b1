"""Cauda equina syndrome: every sign is an emergency (clinical.md 1.2, GIRFT 2023)."""

from __future__ import annotations

import pytest

from backrelief.assessment import parse_assessment
from backrelief.triage import triage
from tests.triage.conftest import TriageOf, rules


@pytest.mark.parametrize(
    "finding", ["saddle_numbness", "new_bladder_problem", "new_bowel_incontinence", "new_sexual_dysfunction"]
)
def test_each_cauda_equina_sign_alone_is_an_emergency(triage_of: TriageOf, finding: str) -> None:
    assert triage_of(findings=[finding]).disposition == "emergency"


def test_saddle_numbness_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(findings=["saddle_numbness"], trigger="lifting", radiation="below_knee", leg_sides="one")
    assert t.disposition == "emergency"
    assert "ces-saddle-numbness" in rules(t)
    assert t.consistent_with[0].id == "cauda_equina"


def test_new_bladder_problem_is_emergency(triage_of: TriageOf) -> None:
    assert "ces-bladder" in rules(triage_of(findings=["new_bladder_problem"]))


def test_sciatica_in_both_legs_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(radiation="below_knee", leg_sides="both")
    assert t.disposition == "emergency"
    assert "ces-both-legs" in rules(t)


def test_thigh_pain_in_both_legs_is_emergency(triage_of: TriageOf) -> None:
    assert triage_of(radiation="thigh", leg_sides="both").disposition == "emergency"


def test_buttock_ache_on_both_sides_is_not_by_itself_an_emergency(triage_of: TriageOf) -> None:
    assert triage_of(radiation="buttock", leg_sides="both", duration_days=2).disposition == "self_care"


def test_pregnancy_does_not_soften_cauda_equina_signs(triage_of: TriageOf) -> None:
    t = triage_of(sex="female", pregnant=True, radiation="below_knee", leg_sides="both")
    assert t.disposition == "emergency"


def test_emergency_answer_carries_the_emergency_help_line(triage_of: TriageOf) -> None:
    t = triage_of(findings=["saddle_numbness"])
    assert "999" in t.emergency_help
    assert t.action.startswith("Call 999")


@pytest.mark.parametrize(
    "finding", ["saddle_numbness", "new_bladder_problem", "new_bowel_incontinence", "new_sexual_dysfunction"]
)
def test_still_not_sure_of_a_cauda_equina_sign_is_an_emergency(finding: str) -> None:
    # GIRFT 2023: suspected CES goes for emergency assessment; not sure after the
    # clarifying question is a suspected case (hazard log HAZ-001).
    t = triage(parse_assessment({"age": 40, "findings": [], "findings_absent": [], "findings_unsure": [finding]}))
    assert t.disposition == "emergency"
    assert t.reasons[0].unsure


def test_both_legs_with_the_reach_unknown_is_an_emergency() -> None:
    t = triage(parse_assessment({"age": 40, "findings": [], "history": [], "leg_sides": "both"}))
    assert t.disposition == "emergency"
    assert "ces-both-legs" in {r.rule for r in t.reasons}
