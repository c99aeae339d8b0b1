"""Properties of "not sure" of a choice question (KA-16), over any valid assessment: not sure
is never less urgent than leaving the answer out, and never more urgent than the most
urgent answer the person could have given."""

from __future__ import annotations

from typing import Any, get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.assessment import Assessment, UnsureField
from backrelief.errors import InvalidInput
from backrelief.knowledge import URGENCY, load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.triage import UNSURE_VALUES, triage
from tests.triage.test_properties import assessments

UNSURE_FIELDS: tuple[str, ...] = get_args(UnsureField)


def _without(a: Assessment, key: str) -> dict[str, Any]:
    data = a.model_dump(exclude_none=True)
    data.pop(key, None)
    return data


def _unsure(data: dict[str, Any], key: str) -> Assessment | None:
    try:
        return Assessment.model_validate({**data, "fields_unsure": [key]})
    except ValueError:  # leg_sides when the pain stays in the back: not a question
        return None


def _reported(data: dict[str, Any], key: str) -> list[tuple[str, Assessment]]:
    out = []
    for value in UNSURE_VALUES[key]:  # type: ignore[index]
        try:
            out.append((value, Assessment.model_validate({**data, key: value})))
        except (ValueError, InvalidInput):  # radiation "none" with leg sides given
            continue
    return out


@settings(max_examples=400, deadline=None)
@given(assessments(), st.sampled_from(UNSURE_FIELDS))
def test_not_sure_of_a_choice_never_gives_a_lower_level_than_leaving_it_unknown(a: Assessment, key: str) -> None:
    data = _without(a, key)
    unsure = _unsure(data, key)
    if unsure is None:
        return
    unknown = triage(Assessment.model_validate(data))
    assert URGENCY[triage(unsure).disposition] >= URGENCY[unknown.disposition], (key, data)


@settings(max_examples=400, deadline=None)
@given(assessments(), st.sampled_from(UNSURE_FIELDS))
def test_some_reported_answer_gives_at_least_the_not_sure_level_for_every_rule_not_sure_fired(
        a: Assessment, key: str) -> None:
    data = _without(a, key)
    unsure = _unsure(data, key)
    if unsure is None:
        return
    answers = [triage(given) for _, given in _reported(data, key)]
    result = triage(unsure)
    assert max(URGENCY[t.disposition] for t in answers) >= URGENCY[result.disposition], (key, data)
    for reason in result.reasons:
        # A rule fired by "not sure" is fired by some reported value, at least as urgent.
        levels = [r.level for t in answers for r in t.reasons if r.rule == reason.rule]
        if reason.unsure and not unsure.findings_unsure:
            assert levels, (key, reason.rule, data)
            assert max(URGENCY[lv] for lv in levels) >= URGENCY[reason.level], (key, reason.rule, data)


def test_every_rule_whose_not_sure_level_is_lower_than_its_own_says_what_to_do_if_it_is_so() -> None:
    # A lower level for "not sure" of a choice needs its safety net (KA-16).
    for rule in load_knowledge().rules:
        # The choice questions whose value can make the rule fire (not those under none_of).
        tested = {f for t in mentions(rule.when).tests if not t.negated for f in t.fields}
        for key in set(UNSURE_FIELDS) & tested:
            if URGENCY[rule.level_if_unsure(key)] < URGENCY[rule.level]:  # type: ignore[arg-type]
                assert rule.if_unsure_say.strip(), (rule.id, key)


def test_a_not_sure_level_is_never_above_the_rules_own_level() -> None:
    for rule in load_knowledge().rules:
        for of in ("findings", *UNSURE_FIELDS):
            assert URGENCY[rule.level_if_unsure(of)] <= URGENCY[rule.level], (rule.id, of)  # type: ignore[arg-type]
