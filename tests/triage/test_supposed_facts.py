"""Triage tries each "not sure" finding as present. It copies the facts it already has and
adds the one finding; that copy must be exactly the facts read afresh with that finding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.assessment import FINDINGS, Assessment
from backrelief.knowledge.conditions import Facts
from tests.triage.test_properties import assessments


@settings(max_examples=200, deadline=None)
@given(assessments(), st.sampled_from(FINDINGS))
def test_supposing_a_finding_gives_the_facts_read_with_that_finding(a: Assessment, finding: str) -> None:
    copied = Facts(a).supposing(finding)
    fresh = Facts(a, extra_finding=finding)
    assert set(vars(fresh)) == set(Facts.FIELDS)
    for name in Facts.FIELDS:
        assert getattr(copied, name) == getattr(fresh, name), name


def test_supposing_leaves_the_original_facts_unchanged() -> None:
    a = Assessment(findings=("fever",))
    facts = Facts(a)
    facts.supposing("saddle_numbness")
    assert facts.findings == frozenset({"fever"})
    assert "saddle_numbness" not in facts.tokens
