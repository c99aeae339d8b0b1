"""Inflammatory back pain goes to a specialist through the GP (NICE NG65)."""

from __future__ import annotations

from tests.triage.conftest import TriageOf, rules


def test_long_morning_stiffness_that_eases_with_exercise_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=31, radiation="buttock", leg_sides="one", duration_days=180, onset="gradual",
                  eases=["movement"], findings=["morning_stiffness_over_30_min", "improves_with_exercise"])
    assert t.disposition == "routine"
    assert "inflammatory-back-pain" in rules(t)
    assert t.consistent_with[0].id == "inflammatory"
