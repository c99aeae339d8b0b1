"""The aorta, heart and lungs: back pain can be where these emergencies show first."""

from __future__ import annotations

import pytest

from backrelief.assessment import parse_assessment
from backrelief.triage import triage
from tests.triage.conftest import TriageOf, rules


@pytest.mark.parametrize("finding", ["chest_pain", "shortness_of_breath", "tearing_pain", "pulsating_abdomen"])
def test_chest_breath_tearing_and_pulsing_signs_are_emergencies(triage_of: TriageOf, finding: str) -> None:
    assert triage_of(findings=[finding]).disposition == "emergency"


def test_known_aneurysm_with_sudden_pain_and_sweating_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=74, history=["aortic_aneurysm"], onset="sudden", severity=8, findings=["sweating_or_nausea"])
    assert t.disposition == "emergency"
    assert t.consistent_with[0].id == "aorta"


def test_known_aneurysm_with_mild_gradual_pain_is_still_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=70, history=["aortic_aneurysm"], onset="gradual", severity=3)
    assert t.disposition == "emergency"
    assert "aaa-known-any" in rules(t)


def test_sudden_back_and_belly_pain_over_fifty_is_emergency(triage_of: TriageOf) -> None:
    assert triage_of(age=66, onset="sudden", findings=["abdominal_pain"]).disposition == "emergency"


def test_chest_pain_with_upper_back_pain_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=60, region="upper", onset="sudden", findings=["chest_pain", "sweating_or_nausea"])
    assert t.disposition == "emergency"
    assert {"chest-pain", "sweating-upper", "thoracic-pain"} <= rules(t)


def test_upper_back_pain_alone_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(region="middle", duration_days=5).disposition == "urgent"


# --- Collapse, fainting and sudden severe pain (NICE NG156, BNSSG AAA pathway) ---------

@pytest.mark.parametrize("age", [25, 45, 70])
def test_back_pain_with_a_collapse_is_an_emergency_at_any_age(triage_of: TriageOf, age: int) -> None:
    t = triage_of(age=age, findings=["collapsed"], onset="gradual", severity=4, trigger="lifting")
    assert t.disposition == "emergency"
    assert t.reasons[0].rule == "collapse-with-pain"
    assert "aorta" in {c.id for c in t.consistent_with}


def test_not_sure_of_a_collapse_is_still_an_emergency() -> None:
    t = triage(parse_assessment({"age": 30, "findings": [], "findings_absent": [], "findings_unsure": ["collapsed"]}))
    assert t.disposition == "emergency"
    assert t.reasons[0].unsure


def test_feeling_faint_over_fifty_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=58, findings=["felt_faint"], onset="gradual", severity=5)
    assert t.disposition == "emergency"
    assert "faint-with-risk" in rules(t)


def test_feeling_faint_with_sudden_pain_when_young_is_an_emergency(triage_of: TriageOf) -> None:
    assert triage_of(age=30, findings=["felt_faint"], onset="sudden", severity=6).disposition == "emergency"


def test_feeling_faint_young_with_slow_pain_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=30, findings=["felt_faint"], onset="gradual", severity=5)
    assert t.disposition == "urgent"
    assert "felt-faint" in rules(t)


@pytest.mark.parametrize("trigger", ["none", "sleeping", "other", None])
def test_sudden_severe_back_pain_over_fifty_with_no_mechanical_cause_is_an_emergency(
        triage_of: TriageOf, trigger: str | None) -> None:
    answers = {"age": 67, "sex": "male", "onset": "sudden", "severity": 9, "history": ["smoker"]}
    if trigger is not None:
        answers["trigger"] = trigger
    t = triage_of(**answers)
    assert t.disposition == "emergency"
    assert "aaa-sudden-severe-older" in rules(t)


def test_sudden_back_pain_over_fifty_with_no_score_is_taken_as_severe(triage_of: TriageOf) -> None:
    assert triage_of(age=72, onset="sudden", trigger="none").disposition == "emergency"


@pytest.mark.parametrize("trigger", ["lifting", "bending", "twisting", "moving_furniture", "sports"])
def test_sudden_severe_pain_over_fifty_after_a_strain_is_not_taken_for_the_aorta(
        triage_of: TriageOf, trigger: str) -> None:
    t = triage_of(age=57, sex="male", onset="sudden", severity=8, trigger=trigger, region="lower", radiation="none",
                  history=["previous_back_pain"])
    assert "aaa-sudden-severe-older" not in rules(t)
    assert t.disposition == "self_care"


def test_sudden_moderate_pain_over_fifty_is_not_taken_for_the_aorta(triage_of: TriageOf) -> None:
    assert "aaa-sudden-severe-older" not in rules(triage_of(age=55, onset="sudden", severity=4, trigger="none"))


def test_a_first_kidney_stone_pain_over_sixty_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=66, sex="female", findings=["flank_pain", "blood_in_urine"], onset="sudden", severity=8,
                  trigger="none")
    assert t.disposition == "emergency"
    assert "first-stone-pain-older" in rules(t)


def test_a_first_stone_pain_in_a_male_smoker_over_fifty_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=54, sex="male", history=["smoker"], findings=["flank_pain"], onset="gradual", severity=6,
                  trigger="none")
    assert "first-stone-pain-older" in rules(t)


def test_stone_pain_in_someone_who_has_had_stones_before_is_urgent_not_the_aorta(triage_of: TriageOf) -> None:
    t = triage_of(age=64, sex="male", history=["kidney_stones"], findings=["flank_pain", "blood_in_urine"],
                  onset="gradual", severity=7, trigger="none")
    assert t.disposition == "urgent"
    assert "first-stone-pain-older" not in rules(t)


def test_stone_pain_in_a_woman_of_fifty_four_who_does_not_smoke_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=54, sex="female", findings=["flank_pain"], onset="gradual", severity=6, trigger="none")
    assert t.disposition == "urgent"


def test_an_emergency_never_lists_a_strained_muscle_or_any_everyday_cause(triage_of: TriageOf) -> None:
    t = triage_of(age=60, trigger="lifting", onset="sudden", severity=8, findings=["collapsed"])
    assert t.disposition == "emergency"
    assert t.consistent_with and all(c.serious for c in t.consistent_with)
    assert "muscle_strain" not in {c.id for c in t.consistent_with}


def test_the_reasons_of_an_emergency_come_first(triage_of: TriageOf) -> None:
    t = triage_of(age=60, findings=["collapsed", "night_pain_at_rest", "leg_numbness"])
    levels = [r.level for r in t.reasons]
    assert levels[0] == "emergency"
    assert levels == sorted(levels, key=lambda lv: ["emergency", "urgent", "routine", "self_care"].index(lv))
