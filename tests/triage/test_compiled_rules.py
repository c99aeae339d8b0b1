"""The compiled rule engine means exactly what the condition language says."""

from __future__ import annotations

from hypothesis import given, settings

from backrelief.assessment import Assessment
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.compiled import Facts, compile_condition, compile_rules
from tests.triage.test_properties import assessments


@settings(max_examples=300, deadline=None)
@given(assessments())
def test_compiled_conditions_agree_with_the_condition_language(a: Assessment) -> None:
    facts = Facts(a)
    for rule in load_knowledge().rules:
        assert compile_condition(rule.when)(facts) is rule.when.holds(a), rule.id


@settings(max_examples=300, deadline=None)
@given(assessments())
def test_gating_never_skips_a_rule_that_holds(a: Assessment) -> None:
    rules = load_knowledge().rules
    compiled = compile_rules([r.when for r in rules])
    holding = {i for i, r in enumerate(rules) if r.when.holds(a)}
    assert holding <= set(compiled.candidates(Facts(a)))
