"""The aorta, heart and lungs: back pain can be where these emergencies show first."""

from __future__ import annotations

import pytest

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
