"""Pregnancy: ordinary back pain is self-care; warning signs go to the maternity unit today."""

from __future__ import annotations

import pytest

from backrelief.assessment import Assessment, parse_assessment
from backrelief.errors import InvalidInput
from backrelief.triage import red_flags_unasked
from tests.triage.conftest import TriageOf, rules


def test_ordinary_back_pain_in_pregnancy_is_self_care(triage_of: TriageOf) -> None:
    t = triage_of(age=32, sex="female", pregnant=True, region="lower", radiation="none", duration_days=4,
                  severity=4)
    assert t.disposition == "self_care"
    assert "pregnancy_back_pain" in {c.id for c in t.consistent_with}


def test_pregnancy_with_belly_pain_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(sex="female", pregnant=True, findings=["abdominal_pain"])
    assert t.disposition == "urgent"
    assert "pregnancy_problem" in {c.id for c in t.consistent_with}


def test_pregnancy_with_very_bad_pain_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(sex="female", pregnant=True, severity=9).disposition == "urgent"


@pytest.mark.parametrize("finding", ["contractions", "waters_leaking", "reduced_baby_movements", "vaginal_bleeding"])
def test_a_pregnancy_warning_sign_sends_to_the_maternity_unit_now(triage_of: TriageOf, finding: str) -> None:
    t = triage_of(age=29, sex="female", pregnant=True, findings=[finding], severity=4, onset="gradual")
    assert t.disposition == "urgent"
    assert "pregnancy-labour-signs" in rules(t)
    assert "pregnancy_problem" in {c.id for c in t.consistent_with}


def test_bleeding_in_pregnancy_with_severe_pain_is_an_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=34, sex="female", pregnant=True, findings=["vaginal_bleeding"], severity=8)
    assert t.disposition == "emergency"
    assert "pregnancy-bleeding-pain" in rules(t)


def test_bleeding_in_pregnancy_with_no_pain_score_is_taken_as_with_severe_pain(triage_of: TriageOf) -> None:
    assert triage_of(age=34, sex="female", pregnant=True, findings=["vaginal_bleeding"]).disposition == "emergency"


def test_pregnancy_signs_are_asked_only_when_the_person_is_pregnant() -> None:
    signs = {"contractions", "vaginal_bleeding", "waters_leaking", "reduced_baby_movements", "pregnancy_weeks"}
    pregnant = red_flags_unasked(Assessment(age=30, sex="female", pregnant=True))
    not_pregnant = red_flags_unasked(Assessment(age=30, sex="female", pregnant=False))
    man = red_flags_unasked(Assessment(age=30, sex="male"))
    assert signs - {"pregnancy_weeks"} <= set(pregnant)
    assert signs.isdisjoint(not_pregnant)
    assert signs.isdisjoint(man)


def test_weeks_of_pregnancy_can_be_given_only_when_pregnant() -> None:
    assert parse_assessment({"age": 30, "pregnant": True, "pregnancy_weeks": 28}).pregnancy_weeks == 28
    with pytest.raises(InvalidInput, match="pregnancy_weeks"):
        parse_assessment({"age": 30, "pregnant": False, "pregnancy_weeks": 28})
