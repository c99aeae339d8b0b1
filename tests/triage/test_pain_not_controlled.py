"""Pain that the painkillers a person has taken do not control needs a clinician's help
(NHS-backpain "see a GP" tier; clinical.md's sciatica mapping: a clinician sooner if the pain
cannot be controlled). Routine, never more: it is not a red flag. It is asked in the daily-life
group whenever the answer would otherwise be self-care, and read from a person's own words."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.interview import InterviewState
from backrelief.interview.simulate import pages
from backrelief.knowledge import load_knowledge
from backrelief.reading import read
from tests.triage.conftest import TriageOf, rules
from tests.triage.test_daily_life import STRAIN, Watching

K = load_knowledge()
TODAY = date(2026, 12, 3)
SCIATICA = {**STRAIN, "radiation": "below_knee", "leg_sides": "one", "duration_days": 10, "severity": 7}


@pytest.mark.parametrize("answers", [STRAIN, SCIATICA])
def test_pain_the_painkillers_do_not_control_is_routine_with_its_own_reason(
        triage_of: TriageOf, answers: dict[str, object]) -> None:
    t = triage_of(**{**answers, "findings": ["painkillers_not_helping"]})
    assert t.disposition == "routine"
    reason = next(r for r in t.reasons if r.rule == "pain-not-controlled")
    assert not reason.red_flag and "NHS-backpain" in reason.sources


def test_not_sure_whether_painkillers_help_counts_as_yes(triage_of: TriageOf) -> None:
    assert triage_of(**{**STRAIN, "findings_unsure": ["painkillers_not_helping"]}).disposition == "routine"


def test_painkillers_that_help_leave_a_plain_strain_self_care(triage_of: TriageOf) -> None:
    assert triage_of(**{**STRAIN, "findings_absent": ["painkillers_not_helping"]}).disposition == "self_care"


def test_it_never_lowers_a_warning_sign(triage_of: TriageOf) -> None:
    t = triage_of(**{**STRAIN, "findings": ["painkillers_not_helping", "fever"]})
    assert t.disposition == "urgent" and "pain-not-controlled" in rules(t)


def test_the_interview_asks_it_in_the_daily_life_group_and_reaches_routine_for_a_yes() -> None:
    person = Watching({**STRAIN, "findings": ["painkillers_not_helping"], "history": []})
    level, _ = pages(InterviewState(), person, K)
    assert level == "routine"
    assert "painkillers_not_helping" in person.shown


@pytest.mark.parametrize("text", [
    "Sciatica down my left leg for 10 days, been taking ibuprofen and paracetamol and it's still 8/10.",
    "back spasm since friday, the painkillers are not touching it",
    "I'm on co-codamol from the chemist but still in agony with my back",
    "Even with naproxen I can't get comfortable, lower back pain for a week.",
])
def test_the_reader_finds_painkillers_not_helping_in_own_words(text: str) -> None:
    assert "painkillers_not_helping" in (read(text, TODAY).assessment.findings or ())


@pytest.mark.parametrize("text", [
    "hurt my back lifting, ibuprofen takes the edge off",
    "back ache after gardening, haven't taken any painkillers",
])
def test_the_reader_takes_painkillers_that_help_or_none_taken_as_no(text: str) -> None:
    assert "painkillers_not_helping" in (read(text, TODAY).assessment.findings_absent or ())


def test_a_strain_with_painkillers_and_pain_easing_is_not_read_as_uncontrolled() -> None:
    a = read("took paracetamol and it's a bit sore but getting better each day", TODAY).assessment
    assert "painkillers_not_helping" not in (a.findings or ())
