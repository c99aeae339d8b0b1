"""Not sure how far the pain spreads, or whether it is in one leg or both (KA-16): triage
tries each value, so the answer is never less urgent than the most urgent value would give,
and any rule that fires that way says the person was not sure."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.assessment import LEG_SIDES, RADIATIONS, parse_assessment
from backrelief.errors import InvalidInput
from backrelief.interview.driver import run_prompts
from backrelief.interview.simulate import Person
from backrelief.interview.state import InterviewState
from backrelief.knowledge import URGENCY, load_knowledge
from backrelief.triage import red_flags_unasked, triage

STRAIN: dict[str, Any] = {"age": 40, "sex": "male", "region": "lower", "trigger": "lifting", "onset": "sudden",
                          "duration_days": 3, "severity": 5, "worst_severity": 5, "worsens": [],
                          "episodes_last_year": 0, "findings": [], "history": []}


def test_not_sure_whether_both_legs_with_pain_down_the_thigh_is_the_both_legs_emergency() -> None:
    t = triage(parse_assessment({**STRAIN, "radiation": "thigh", "fields_unsure": ["leg_sides"]}))
    assert t.disposition == "emergency"
    assert [(r.rule, r.unsure) for r in t.reasons] == [("ces-both-legs", True)]
    assert "leg_sides" not in red_flags_unasked(parse_assessment({**STRAIN, "radiation": "thigh",
                                                                  "fields_unsure": ["leg_sides"]}))


def test_not_sure_how_far_a_lasting_one_sided_pain_spreads_counts_as_down_the_leg() -> None:
    t = triage(parse_assessment({**STRAIN, "duration_days": 30, "leg_sides": "one", "fields_unsure": ["radiation"]}))
    assert t.disposition == "routine"
    assert ("sciatica-not-settling", True) in [(r.rule, r.unsure) for r in t.reasons]


@pytest.mark.parametrize("extra", [{"duration_days": 30}, {"history": ["cancer"]}, {"findings": ["fever"]},
                                   {"trigger": "fall", "severity": 3, "worst_severity": 3}, {}])
def test_not_sure_of_the_spread_is_never_less_urgent_than_any_spread(extra: dict[str, Any]) -> None:
    for sides in LEG_SIDES:
        unsure = triage(parse_assessment({**STRAIN, **extra, "leg_sides": sides, "fields_unsure": ["radiation"]}))
        for radiation in RADIATIONS:
            if radiation == "none":
                continue
            given = triage(parse_assessment({**STRAIN, **extra, "leg_sides": sides, "radiation": radiation}))
            assert URGENCY[unsure.disposition] >= URGENCY[given.disposition], (extra, sides, radiation)


def test_a_field_both_given_and_not_sure_is_refused_plainly() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_assessment({**STRAIN, "radiation": "thigh", "fields_unsure": ["radiation"]})
    assert "radiation cannot be both given and not sure" in str(refused.value)
    with pytest.raises(InvalidInput) as refused:
        parse_assessment({**STRAIN, "radiation": "none", "fields_unsure": ["leg_sides"]})
    assert "only give leg_sides when the pain spreads" in str(refused.value)


def test_not_sure_which_leg_in_the_interview_takes_the_safer_branch() -> None:
    k = load_knowledge()
    person = Person({**STRAIN, "radiation": "below_knee"})  # one leg or both: not in the input, "not sure"
    now, _ = run_prompts(InterviewState(), person, k)
    assert "leg_sides" in now.assessment.fields_unsure  # type: ignore[operator]
    assert now.triage.disposition == "emergency"
    assert now.triage.reasons[0].unsure


def test_not_sure_how_far_it_spreads_still_asks_which_leg() -> None:
    k = load_knowledge()
    person = Person({**STRAIN, "leg_sides": "one"})  # how far: not in the input, "not sure"
    now, _ = run_prompts(InterviewState(), person, k)
    assert now.assessment.fields_unsure == ("radiation",)
    assert now.assessment.leg_sides == "one"
    assert now.triage.disposition == "self_care"
