"""Fracture: major trauma is an emergency; thin bones or steroids make small injuries urgent."""

from __future__ import annotations

import pytest

from backrelief.assessment import Assessment
from backrelief.triage import triage
from tests.triage.conftest import TriageOf, rules


def test_pain_after_a_road_accident_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=24, trigger="road_accident", onset="sudden", duration_days=0)
    assert t.disposition == "emergency"
    assert t.consistent_with[0].id == "fracture"


def test_long_term_steroids_and_bending_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=75, history=["long_term_steroids"], trigger="bending", onset="sudden", severity=7)
    assert t.disposition == "urgent"
    assert "fragility-fracture" in rules(t)


def test_osteoporosis_with_sudden_pain_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=80, history=["osteoporosis"], onset="sudden", trigger="bending")
    assert t.disposition == "urgent"


def test_a_fall_at_seventy_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(age=70, trigger="fall", severity=4, onset="gradual", duration_days=5).disposition == "urgent"




def test_a_fall_at_thirty_with_moderate_pain_is_routine(triage_of: TriageOf) -> None:
    assert triage_of(age=30, trigger="fall", duration_days=1, severity=5).disposition == "routine"


def test_a_fall_at_an_unknown_age_is_handled_as_for_an_older_person() -> None:
    t = triage(Assessment(trigger="fall", findings=(), history=(), severity=4, onset="gradual", duration_days=5))
    assert t.disposition == "urgent"
    assert "trauma-fall-older" in {r.rule for r in t.reasons}


def test_a_fall_with_leg_symptoms_is_emergency(triage_of: TriageOf) -> None:
    assert triage_of(trigger="fall", findings=["leg_numbness"]).disposition == "emergency"


def test_severe_pain_right_after_a_fall_is_emergency_at_any_age(triage_of: TriageOf) -> None:
    t = triage_of(age=27, trigger="fall", onset="sudden", severity=8, duration_days=0)
    assert t.disposition == "emergency"
    assert "trauma-fall-hard" in rules(t)


def test_a_fall_weeks_ago_with_severe_pain_now_is_not_taken_as_a_hard_fall(triage_of: TriageOf) -> None:
    t = triage_of(age=30, trigger="fall", onset="gradual", severity=8, duration_days=10)
    assert "trauma-fall-hard" not in rules(t)


def test_a_fresh_fall_with_no_pain_score_is_taken_as_a_hard_fall(triage_of: TriageOf) -> None:
    t = triage_of(age=27, trigger="fall", onset="sudden")
    assert t.disposition == "emergency"
    assert "trauma-fall-hard" in rules(t)


def test_a_fresh_fall_with_mild_pain_is_not_a_hard_fall(triage_of: TriageOf) -> None:
    assert triage_of(age=27, trigger="fall", onset="sudden", severity=4).disposition == "routine"


@pytest.mark.parametrize("history", ["osteoporosis", "long_term_steroids"])
def test_thin_bones_or_steroids_with_new_pain_and_no_trigger_or_score_is_urgent(
        triage_of: TriageOf, history: str) -> None:
    t = triage_of(age=45, history=[history])
    assert t.disposition == "urgent"
    assert "fragility-fracture" in rules(t)


def test_thin_bones_with_slow_pain_for_months_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=45, history=["osteoporosis"], onset="gradual", duration_days=200, severity=3,
                  trigger="none")
    assert t.disposition == "routine"
    assert "fragility-long-standing" in rules(t)


def test_sudden_pain_at_seventy_five_with_no_score_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=78, onset="sudden", trigger="bending")
    assert t.disposition == "urgent"
    assert "fragility-older-sudden" in rules(t)


def test_pain_at_eighty_with_no_onset_or_score_is_urgent(triage_of: TriageOf) -> None:
    assert "fragility-older-sudden" in rules(triage_of(age=80, trigger="bending"))


def test_a_fall_from_height_is_major_trauma(triage_of: TriageOf) -> None:
    t = triage_of(age=35, trigger="fall_from_height", severity=4, onset="gradual", duration_days=5)
    assert t.disposition == "emergency"
    assert "trauma-major" in rules(t)


def test_a_small_trip_days_ago_with_mild_pain_at_thirty_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=30, trigger="fall", severity=3, onset="gradual", duration_days=4)
    assert t.disposition == "routine"
    assert "trauma-major" not in rules(t)


@pytest.mark.parametrize("history", ["osteoporosis", "long_term_steroids"])
def test_thin_bones_or_steroids_with_pain_of_one_day_are_not_told_it_has_gone_on_for_months(
        triage_of: TriageOf, history: str) -> None:
    t = triage_of(age=50, history=[history], trigger="bending", onset="sudden", duration_days=1, severity=6)
    assert t.disposition == "urgent"
    assert "fragility-fracture" in rules(t)
    assert "fragility-long-standing" not in rules(t)


@pytest.mark.parametrize("onset", ["sudden", "gradual", None])
@pytest.mark.parametrize("duration_days", [None, 0, 1, 13, 89, 90, 400])
@pytest.mark.parametrize("history", ["osteoporosis", "long_term_steroids"])
def test_thin_bones_or_steroids_always_get_a_doctor_and_a_same_day_one_unless_slow_for_months(
        triage_of: TriageOf, history: str, onset: str | None, duration_days: int | None) -> None:
    # The two fragility rules between them cover every onset and length, known or not:
    # only pain known to be slow and 3 months old or more is left to a routine visit.
    t = triage_of(age=50, history=[history], trigger="none", severity=3, onset=onset, duration_days=duration_days)
    long_and_slow = onset == "gradual" and duration_days is not None and duration_days >= 90
    assert t.disposition == ("routine" if long_and_slow else "urgent")
    assert rules(t) & {"fragility-fracture", "fragility-long-standing"}


@pytest.mark.parametrize("trigger", ["other", "none", None])
def test_long_term_steroid_tablets_with_pain_that_began_on_a_cough_or_sneeze_is_urgent(
        triage_of: TriageOf, trigger: str | None) -> None:
    # A cough or a sneeze is enough to break a spine bone thinned by steroid tablets.
    t = triage_of(age=58, history=["long_term_steroids"], trigger=trigger, onset="sudden", duration_days=1,
                  severity=6, worsens=["coughing_sneezing"])
    assert t.disposition == "urgent"
    assert {"fragility-fracture", "cough-sneeze-strain"} <= rules(t)
