"""Spinal cord compression from the neck or upper back: arms, hands and walking
(Community red flags 2023: deteriorating cord signs go for same-day emergency care)."""

from __future__ import annotations

import pytest

from tests.triage.conftest import TriageOf, rules


@pytest.mark.parametrize("arm", ["arm_weakness_or_numbness", "hand_clumsiness"])
@pytest.mark.parametrize("leg", ["leg_weakness", "leg_numbness", "unsteady_walking"])
def test_arm_or_hand_problems_with_leg_or_walking_problems_are_an_emergency(
        triage_of: TriageOf, arm: str, leg: str) -> None:
    t = triage_of(age=62, region="upper", findings=[arm, leg])
    assert t.disposition == "emergency"
    assert "cord_compression" in {c.id for c in t.consistent_with}


@pytest.mark.parametrize("arm", ["arm_weakness_or_numbness", "hand_clumsiness"])
def test_new_arm_or_hand_problems_alone_are_urgent(triage_of: TriageOf, arm: str) -> None:
    t = triage_of(age=45, region="lower", findings=[arm], trigger="lifting", severity=4, onset="sudden")
    assert t.disposition == "urgent"
    assert "cord-hands" in rules(t)


def test_past_cancer_with_arm_weakness_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=66, history=["cancer"], findings=["arm_weakness_or_numbness"])
    assert t.disposition == "emergency"
    assert "mscc-cancer-nerve" in rules(t)
