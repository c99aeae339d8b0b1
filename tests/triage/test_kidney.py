"""Kidney infection and stones (NICE NG118; BNSSG renal pathway)."""

from __future__ import annotations

from tests.triage.conftest import TriageOf


def test_loin_pain_with_fever_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=38, findings=["flank_pain", "fever", "chills_or_night_sweats"])
    assert t.disposition == "urgent"
    assert "kidney" in {c.id for c in t.consistent_with}


def test_loin_pain_with_fever_and_feeling_very_unwell_is_emergency(triage_of: TriageOf) -> None:
    assert triage_of(findings=["flank_pain", "fever", "feels_unwell"]).disposition == "emergency"


def test_loin_pain_with_fever_in_pregnancy_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(sex="female", pregnant=True, findings=["flank_pain", "fever"])
    assert t.disposition == "emergency"


def test_blood_in_the_urine_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(findings=["blood_in_urine"]).disposition == "urgent"


def test_burning_pee_alone_is_routine(triage_of: TriageOf) -> None:
    assert triage_of(findings=["burning_urination"], duration_days=2).disposition == "routine"
