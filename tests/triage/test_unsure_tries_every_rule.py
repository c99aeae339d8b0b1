"""A "not sure" answer is tried with each value it could have: the rules that fire are those
that fire for the answer left unknown, together with those that fire for any of its values.
Triage looks only at the rules whose condition names what the person was not sure of (any
other rule reads the same facts either way); these properties hold that narrowing to what
trying every rule gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.assessment import FINDINGS, LEG_SIDES, RADIATIONS, REGIONS, TRIGGERS, Assessment
from backrelief.knowledge import load_knowledge
from backrelief.triage import triage
from tests.triage.test_properties import assessments

FALLBACK = frozenset(r.id for r in load_knowledge().rules if r.fallback)


def _rules(a: Assessment) -> set[str]:
    return {r.rule for r in triage(a).reasons} - FALLBACK


@settings(max_examples=300, deadline=None)
@given(assessments(), st.lists(st.sampled_from(FINDINGS), min_size=1, max_size=3, unique=True))
def test_not_sure_findings_fire_the_rules_of_each_finding_present_and_of_none(a: Assessment,
                                                                               unsure: list[str]) -> None:
    unsure = [f for f in unsure if f not in (a.findings or ())]
    if not unsure:
        return
    base = a.model_copy(update={"findings_absent": (), "findings_unsure": None})
    expected = _rules(base)
    for finding in unsure:
        expected |= _rules(base.model_copy(update={"findings": (*(a.findings or ()), finding)}))
    assert _rules(base.model_copy(update={"findings_unsure": tuple(unsure)})) == expected


@settings(max_examples=300, deadline=None)
@given(assessments(), st.sampled_from(["radiation", "leg_sides", "region", "trigger"]))
def test_a_field_not_sure_of_fires_the_rules_of_each_of_its_values_and_of_none(a: Assessment, key: str) -> None:
    if key == "leg_sides":
        if a.radiation in (None, "none"):
            a = a.model_copy(update={"radiation": "below_knee"})
        values: tuple[str, ...] = LEG_SIDES
    elif key == "radiation":
        a = a.model_copy(update={"leg_sides": None})
        values = RADIATIONS
    else:
        values = REGIONS if key == "region" else TRIGGERS
    base = a.model_copy(update={key: None})
    expected = _rules(base)
    for value in values:
        expected |= _rules(base.model_copy(update={key: value}))
    assert _rules(base.model_copy(update={"fields_unsure": (key,)})) == expected
