"""The NHS "see a GP" tier (NHS-backpain): pain that stops a person's everyday life, or a
person who is not coping or is very worried, needs a clinician's help even with no warning
sign, and so does pain getting worse after the first days. It is routine, never more: it is
not a red flag. The interview asks it whenever the answer would otherwise be self-care, and
the reader finds it in a person's own words."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.assessment import Finding
from backrelief.interview import InterviewState
from backrelief.interview.engine import GroupAsk, GroupChoice
from backrelief.interview.simulate import Person, pages
from backrelief.knowledge import load_knowledge
from backrelief.reading import read
from tests.triage.conftest import TriageOf, rules

K = load_knowledge()
TODAY = date(2026, 12, 3)
STRAIN = {"age": 36, "sex": "male", "pregnant": False, "region": "lower", "radiation": "none", "trigger": "lifting",
          "onset": "sudden", "duration_days": 4, "severity": 5, "worsens": ["bending"], "eases": ["movement"],
          "episodes_last_year": 0}


@pytest.mark.parametrize("finding", ["stops_daily_activities", "not_coping"])
def test_a_strain_that_stops_everyday_life_or_is_not_being_coped_with_is_routine(
        triage_of: TriageOf, finding: str) -> None:
    t = triage_of(**{**STRAIN, "findings": [finding]})
    assert t.disposition == "routine"
    assert "daily-life-stopped" in rules(t)
    reason = next(r for r in t.reasons if r.rule == "daily-life-stopped")
    assert "NHS-backpain" in reason.sources
    assert not reason.red_flag


def test_not_sure_whether_the_pain_stops_everyday_life_counts_as_yes(triage_of: TriageOf) -> None:
    assert triage_of(**{**STRAIN, "findings_unsure": ["stops_daily_activities"]}).disposition == "routine"


def test_a_strain_that_does_not_stop_everyday_life_stays_self_care(triage_of: TriageOf) -> None:
    t = triage_of(**{**STRAIN, "findings_absent": ["stops_daily_activities", "not_coping"]})
    assert t.disposition == "self_care"


def test_not_coping_never_lowers_a_warning_sign(triage_of: TriageOf) -> None:
    t = triage_of(**{**STRAIN, "findings": ["not_coping", "saddle_numbness"]})
    assert t.disposition == "emergency"


@pytest.mark.parametrize("finding", ["stops_daily_activities", "not_coping"])
def test_the_interview_asks_about_daily_life_and_reaches_routine_for_a_yes(finding: str) -> None:
    level, _ = pages(InterviewState(), Person({**STRAIN, "findings": [finding], "history": []}), K)
    assert level == "routine"


class Watching(Person):
    """A simulated person who notes every sign a group screen puts in front of them."""

    shown: set[str]

    def group(self, ask: GroupAsk) -> GroupChoice:
        self.shown = getattr(self, "shown", set()) | {q.id for q in ask.items}
        return super().group(ask)


def test_the_interview_does_not_ask_about_daily_life_once_the_answer_is_already_a_doctor() -> None:
    person = Watching({**STRAIN, "findings": ["fever"], "history": []})
    level, _ = pages(InterviewState(), person, K)
    assert level == "urgent"
    assert not person.shown & {"stops_daily_activities", "not_coping"}


def test_the_interview_asks_about_daily_life_when_the_answer_would_otherwise_be_self_care() -> None:
    person = Watching({**STRAIN, "findings": [], "history": []})
    level, _ = pages(InterviewState(), person, K)
    assert level == "self_care"
    assert {"stops_daily_activities", "not_coping", "pain_getting_worse"} <= person.shown


@pytest.mark.parametrize(("text", "finding"), [
    ("Did my back in lifting at work on Monday. Can't go to work, can't even put my socks on.", "stops_daily_activities"),
    ("back spasm since the weekend, I've been signed off for a week", "stops_daily_activities"),
    ("Hurt it gardening. My husband has to help me get dressed every morning.", "stops_daily_activities"),
    ("it's been stuck on the sofa for four days now, life is on hold", "stops_daily_activities"),
    ("lower back pain after moving house, honestly I'm not coping with it", "not_coping"),
    ("pulled something at the gym and I'm at the end of my tether with it", "not_coping"),
    ("Back went on Tuesday. I'm really worried about it and can't take much more.", "not_coping"),
])
def test_the_reader_finds_a_life_stopped_or_not_coping_in_own_words(text: str, finding: Finding) -> None:
    a = read(text, TODAY).assessment
    assert finding in (a.findings or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("tweaked my back lifting a box yesterday, still working and coping fine", "not_coping"),
    ("sore back from gardening, can still do my job", "stops_daily_activities"),
    ("back twinge after football, not too worried", "not_coping"),
])
def test_the_reader_takes_a_plain_denial_of_a_life_stopped_or_not_coping(text: str, finding: Finding) -> None:
    a = read(text, TODAY).assessment
    assert finding in (a.findings_absent or ())


@pytest.mark.parametrize("text", [
    "I can't walk at all since it happened",
    "a bit worried it might be a slipped disc but getting on with things",
    "pain 5 out of 10 after lifting, no other problems",
])
def test_the_reader_does_not_read_walking_trouble_or_a_passing_worry_as_not_coping(text: str) -> None:
    a = read(text, TODAY).assessment
    assert "not_coping" not in (a.findings or ())
    assert "stops_daily_activities" not in (a.findings or ())


def test_pain_getting_worse_from_the_third_day_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(**{**STRAIN, "duration_days": 4, "findings": ["pain_getting_worse"]})
    assert t.disposition == "routine"
    assert "getting-worse" in rules(t)


def test_pain_getting_worse_on_the_first_two_days_of_a_strain_is_expected_and_stays_self_care(
        triage_of: TriageOf) -> None:
    assert triage_of(**{**STRAIN, "duration_days": 1, "findings": ["pain_getting_worse"]}).disposition == "self_care"


def test_pain_getting_worse_for_an_unknown_length_of_time_is_routine(triage_of: TriageOf) -> None:
    answers = {k: v for k, v in STRAIN.items() if k != "duration_days"}
    assert triage_of(**{**answers, "findings": ["pain_getting_worse"]}).disposition == "routine"


@pytest.mark.parametrize("text", [
    "Back went lifting five days ago and it keeps getting worse",
    "my lower back has got steadily worse since the weekend",
    "it's more painful every morning",
    "the pain is worse today than yesterday",
])
def test_the_reader_finds_pain_getting_worse_over_days(text: str) -> None:
    assert "pain_getting_worse" in (read(text, TODAY).assessment.findings or ())


@pytest.mark.parametrize("text", [
    "my back is worse when I bend or sit",
    "pain worse in the morning, eases once I get moving",
])
def test_worse_on_a_movement_or_at_a_time_of_day_is_not_pain_getting_worse(text: str) -> None:
    assert "pain_getting_worse" not in (read(text, TODAY).assessment.findings or ())


@pytest.mark.parametrize("text", [
    "Did my back in on Saturday, it's slowly getting better",
    "lower back pain for 4 days, not getting any worse",
])
def test_the_reader_takes_easing_or_no_worse_as_not_getting_worse(text: str) -> None:
    assert "pain_getting_worse" in (read(text, TODAY).assessment.findings_absent or ())
