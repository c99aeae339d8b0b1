"""Inflammatory back pain goes to a specialist through the GP (NICE NG65)."""

from __future__ import annotations

from tests.triage.conftest import TriageOf, rules


def test_long_morning_stiffness_that_eases_with_exercise_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=31, radiation="buttock", leg_sides="one", duration_days=180, onset="gradual",
                  eases=["movement"], findings=["morning_stiffness_over_30_min", "improves_with_exercise"])
    assert t.disposition == "routine"
    assert "inflammatory-back-pain" in rules(t)
    assert t.consistent_with[0].id == "inflammatory"


def test_waking_at_night_in_long_inflammatory_pain_stays_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=27, radiation="buttock", leg_sides="both", duration_days=150, onset="gradual",
                  eases=["movement"], worsens=["morning", "night"], history=["psoriasis"],
                  findings=["morning_stiffness_over_30_min", "improves_with_exercise"])
    assert t.disposition == "routine"
    assert "worse-at-night" not in rules(t)


def test_pain_worse_at_night_in_a_new_episode_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=45, duration_days=10, worsens=["night"])
    assert t.disposition == "urgent"
    assert "worse-at-night" in rules(t)
