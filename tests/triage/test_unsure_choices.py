"""Not sure how far the pain spreads, one leg or both, where in the back, or how it started
(KA-16): triage tries each value, and a rule that fires only that way speaks at its
`if_unsure` level for that question, says the person was not sure, and where that level is
lower than the rule's own, says what to do at once if it is so."""

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


def test_not_sure_whether_both_legs_with_pain_down_the_thigh_is_a_same_day_check_with_the_999_safety_net() -> None:
    t = triage(parse_assessment({**STRAIN, "radiation": "thigh", "fields_unsure": ["leg_sides"]}))
    assert t.disposition == "urgent"
    assert [(r.rule, r.level, r.unsure) for r in t.reasons] == [("ces-both-legs", "urgent", True)]
    said = t.reasons[0].reason
    for words in ("both legs", "numbness around your bottom or genitals", "peeing", "bowels", "call 999"):
        assert words in said
    assert "leg_sides" not in red_flags_unasked(parse_assessment({**STRAIN, "radiation": "thigh",
                                                                  "fields_unsure": ["leg_sides"]}))


@pytest.mark.parametrize("radiation", ["thigh", "below_knee"])
def test_pain_reported_in_both_legs_stays_the_both_legs_emergency(radiation: str) -> None:
    t = triage(parse_assessment({**STRAIN, "radiation": radiation, "leg_sides": "both"}))
    assert t.disposition == "emergency"
    assert ("ces-both-legs", "emergency", False) in [(r.rule, r.level, r.unsure) for r in t.reasons]
    assert "call 999" not in t.reasons[0].reason  # the safety net is for "not sure" only


@pytest.mark.parametrize("finding", ["leg_weakness", "leg_numbness"])
def test_weakness_or_numbness_reported_with_sides_not_sure_stays_an_emergency(finding: str) -> None:
    t = triage(parse_assessment({**STRAIN, "radiation": "thigh", "findings": [finding],
                                 "fields_unsure": ["leg_sides"]}))
    assert t.disposition == "emergency"
    assert ("neuro-both-legs-weak", "emergency", True) in [(r.rule, r.level, r.unsure) for r in t.reasons]


def test_not_sure_whether_both_legs_with_another_cauda_equina_sign_not_sure_is_still_an_emergency() -> None:
    t = triage(parse_assessment({**STRAIN, "radiation": "thigh", "fields_unsure": ["leg_sides"],
                                 "findings_unsure": ["saddle_numbness"]}))
    assert t.disposition == "emergency"


def test_not_sure_where_in_the_back_is_a_doctors_check_soon_with_a_same_day_safety_net() -> None:
    data = {k: v for k, v in STRAIN.items() if k != "region"}
    t = triage(parse_assessment({**data, "fields_unsure": ["region"]}))
    assert t.disposition == "routine"
    reason = next(r for r in t.reasons if r.rule == "thoracic-pain")
    assert (reason.level, reason.unsure) == ("routine", True)
    assert "between the shoulder blades, see a doctor today" in reason.reason


def test_not_sure_where_in_the_back_keeps_the_heart_emergency_for_sweating_and_the_cancer_check() -> None:
    data = {k: v for k, v in STRAIN.items() if k != "region"}
    sweating = triage(parse_assessment({**data, "onset": "gradual", "findings": ["sweating_or_nausea"],
                                        "fields_unsure": ["region"]}))
    assert sweating.disposition == "emergency"
    cancer = triage(parse_assessment({**data, "history": ["cancer"], "fields_unsure": ["region"]}))
    assert cancer.disposition == "urgent"
    assert ("cancer-spinal-features", True) in [(r.rule, r.unsure) for r in cancer.reasons]


def test_not_sure_how_it_started_never_sends_a_mild_strain_to_999_but_says_when_to() -> None:
    data = {k: v for k, v in STRAIN.items() if k != "trigger"}
    t = triage(parse_assessment({**data, "fields_unsure": ["trigger"]}))
    assert t.disposition == "routine"
    levels = {r.rule: (r.level, r.unsure) for r in t.reasons}
    assert levels["trauma-major"] == ("routine", True)
    assert levels["trauma-fall"] == ("routine", True)
    major = next(r for r in t.reasons if r.rule == "trauma-major")
    assert "call 999 or go to A&E now" in major.reason


@pytest.mark.parametrize(("extra", "rule"), [
    ({"severity": 8, "worst_severity": 8}, "trauma-fall-hard"),
    ({"findings": ["leg_numbness"]}, "trauma-fall-nerve"),
    ({"age": 70}, "trauma-fall-older"),
])
def test_not_sure_how_it_started_with_a_sign_of_injury_is_a_same_day_check_not_999(
        extra: dict[str, Any], rule: str) -> None:
    data = {k: v for k, v in STRAIN.items() if k != "trigger"}
    t = triage(parse_assessment({**data, **extra, "fields_unsure": ["trigger"]}))
    assert t.disposition == "urgent"
    assert (rule, "urgent", True) in [(r.rule, r.level, r.unsure) for r in t.reasons]


def test_a_fall_that_is_reported_keeps_its_emergency_and_a_not_sure_nerve_sign_after_it_too() -> None:
    reported = triage(parse_assessment({**STRAIN, "trigger": "fall", "findings": ["leg_numbness"]}))
    assert reported.disposition == "emergency"
    unsure_sign = triage(parse_assessment({**STRAIN, "trigger": "fall", "findings_unsure": ["leg_numbness"]}))
    assert ("trauma-fall-nerve", "emergency", True) in [(r.rule, r.level, r.unsure) for r in unsure_sign.reasons]
    assert triage(parse_assessment({**STRAIN, "trigger": "road_accident"})).disposition == "emergency"


def test_not_sure_how_it_started_keeps_the_no_strain_rules_of_an_unknown_start() -> None:
    data = {k: v for k, v in STRAIN.items() if k != "trigger"}
    t = triage(parse_assessment({**data, "history": ["diabetes"], "fields_unsure": ["trigger"]}))
    assert ("infection-risk-diabetes", "urgent") in [(r.rule, r.level) for r in t.reasons]


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
    assert now.triage.disposition == "urgent"
    assert now.triage.reasons[0].unsure


@pytest.mark.parametrize("key", ["region", "trigger"])
def test_not_sure_where_or_how_it_started_in_the_interview_is_kept_and_tried(key: str) -> None:
    k = load_knowledge()
    # Not in the input: "not sure". The pain stays in the back (else the spread is not sure too).
    person = Person({**{k2: v for k2, v in STRAIN.items() if k2 != key}, "radiation": "none"})
    now, _ = run_prompts(InterviewState(), person, k)
    assert key in (now.assessment.fields_unsure or ())
    assert now.triage.disposition == "routine"
    assert any(r.unsure for r in now.triage.reasons)


def test_not_sure_how_far_it_spreads_still_asks_which_leg() -> None:
    k = load_knowledge()
    person = Person({**STRAIN, "leg_sides": "one"})  # how far: not in the input, "not sure"
    now, _ = run_prompts(InterviewState(), person, k)
    assert now.assessment.fields_unsure == ("radiation",)
    assert now.assessment.leg_sides == "one"
    assert now.triage.disposition == "self_care"
