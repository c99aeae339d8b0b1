"""Nerve damage: worsening or two-sided deficits are emergencies; one weak leg is urgent."""

from __future__ import annotations

import pytest

from tests.triage.conftest import TriageOf, rules


@pytest.mark.parametrize("finding", ["leg_weakness_worsening", "foot_drop", "unsteady_walking", "unable_to_walk"])
def test_worsening_or_walking_deficits_are_emergencies(triage_of: TriageOf, finding: str) -> None:
    assert triage_of(findings=[finding]).disposition == "emergency"


def test_foot_drop_with_one_sided_sciatica_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=52, radiation="below_knee", leg_sides="one", findings=["foot_drop"], duration_days=20)
    assert t.disposition == "emergency"
    assert "neuro-foot-drop" in rules(t)


def test_one_weak_leg_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(radiation="below_knee", leg_sides="one", findings=["leg_weakness"], duration_days=5)
    assert t.disposition == "urgent"


def test_weakness_in_both_legs_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(radiation="thigh", leg_sides="both", findings=["leg_weakness"])
    assert t.disposition == "emergency"
    assert "neuro-both-legs-weak" in rules(t)


def test_numbness_in_one_leg_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(radiation="below_knee", leg_sides="one", findings=["leg_numbness"], duration_days=5)
    assert t.disposition == "routine"


def test_one_sided_sciatica_without_weakness_is_self_care_at_first(triage_of: TriageOf) -> None:
    t = triage_of(radiation="below_knee", leg_sides="one", duration_days=7)
    assert t.disposition == "self_care"
    assert t.consistent_with[0].id == "disc_nerve"


def test_sciatica_not_settling_after_three_weeks_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(radiation="below_knee", leg_sides="one", duration_days=21)
    assert t.disposition == "routine"
    assert "sciatica-not-settling" in rules(t)
