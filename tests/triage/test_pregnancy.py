"""Pregnancy: ordinary back pain is self-care; warning signs go to the maternity unit today."""

from __future__ import annotations

from tests.triage.conftest import TriageOf


def test_ordinary_back_pain_in_pregnancy_is_self_care(triage_of: TriageOf) -> None:
    t = triage_of(age=32, sex="female", pregnant=True, region="lower", radiation="none", duration_days=4)
    assert t.disposition == "self_care"
    assert "pregnancy_back_pain" in {c.id for c in t.consistent_with}


def test_pregnancy_with_belly_pain_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(sex="female", pregnant=True, findings=["abdominal_pain"])
    assert t.disposition == "urgent"
    assert "pregnancy_problem" in {c.id for c in t.consistent_with}


def test_pregnancy_with_very_bad_pain_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(sex="female", pregnant=True, severity=9).disposition == "urgent"
