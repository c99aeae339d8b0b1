"""Spinal infection: fever is often missing, so risk factors alone need a same-day check."""

from __future__ import annotations

import pytest

from tests.triage.conftest import TriageOf, rules


def test_fever_alone_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(findings=["fever"]).disposition == "urgent"


def test_fever_with_a_weak_immune_system_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(findings=["fever"], history=["immunosuppression", "kidney_disease"])
    assert t.disposition == "emergency"
    assert "infection-fever-risk" in rules(t)


def test_fever_with_leg_symptoms_is_emergency(triage_of: TriageOf) -> None:
    assert triage_of(findings=["fever", "leg_numbness"]).disposition == "emergency"


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppression", "recent_spinal_procedure", "recent_serious_infection"])
def test_an_infection_risk_without_fever_is_still_urgent(triage_of: TriageOf, risk: str) -> None:
    t = triage_of(history=[risk])
    assert t.disposition == "urgent"
    assert "infection-risk" in rules(t)


def test_feeling_generally_unwell_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(findings=["feels_unwell"]).disposition == "urgent"


def test_diabetes_with_back_pain_and_no_strain_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=55, history=["diabetes", "previous_back_pain"], trigger="none", onset="gradual", severity=5)
    assert t.disposition == "urgent"
    assert "infection-risk-diabetes" in rules(t)


def test_diabetes_with_a_lifting_strain_is_not_an_infection_flag(triage_of: TriageOf) -> None:
    t = triage_of(age=45, history=["diabetes"], trigger="lifting", onset="sudden", severity=5)
    assert "infection-risk-diabetes" not in rules(t)
    assert t.disposition == "self_care"


def test_diabetes_with_a_fever_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=50, history=["diabetes"], findings=["fever"], trigger="lifting", severity=5, onset="sudden")
    assert t.disposition == "emergency"
    assert "infection-fever-risk" in rules(t)
