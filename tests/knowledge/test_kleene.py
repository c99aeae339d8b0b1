"""The rule language read in three values (knowledge/kleene.py) is the same language as its
compiled two-valued form: one evaluator, whichever reader (triage's `Open`, the
interview's `Partial`) says what is open."""

from __future__ import annotations

from hypothesis import given, settings

from backrelief.assessment import Assessment
from backrelief.knowledge import kleene
from backrelief.knowledge.conditions import Facts, check_of, mentions
from tests.triage.test_compiled_rules import CONDITIONS, with_worst_severity


def _every_name() -> frozenset[str]:
    """Every answer any shipped condition reads, as `Open` names it."""
    names: set[str] = set()
    for _, condition in CONDITIONS:
        m = mentions(condition)
        names |= m.findings | m.history | m.fields
    return frozenset(names)


@settings(max_examples=200, deadline=None)
@given(with_worst_severity())
def test_with_no_answer_open_the_three_valued_reading_is_the_compiled_rule(a: Assessment) -> None:
    facts = Facts(a)
    for name, condition in CONDITIONS:
        value, resting_on = kleene.evaluate(condition, kleene.Open(facts, frozenset()))
        assert value is check_of(condition)(facts), name
        assert resting_on == frozenset(), name


EVERY = _every_name()


@settings(max_examples=200, deadline=None)
@given(with_worst_severity())
def test_a_condition_decided_over_open_answers_is_decided_as_the_compiled_rule_decides_it(a: Assessment) -> None:
    facts = Facts(a)
    for name, condition in CONDITIONS:
        value, resting_on = kleene.evaluate(condition, kleene.Open(facts, EVERY))
        if value is None:
            assert resting_on, f"{name}: either way, yet resting on no open answer"
            assert resting_on <= EVERY | {"worsens", "eases"}, name
        else:
            assert value is check_of(condition)(facts), name
            assert resting_on == frozenset(), name


def test_and_or_of_three_values_is_decided_by_one_deciding_part_and_otherwise_left_open() -> None:
    no: kleene.Part = (False, frozenset())
    yes: kleene.Part = (True, frozenset())
    open_age: kleene.Part = (None, frozenset({"age"}))
    assert kleene.kleene([open_age, no], every=True) == no
    assert kleene.kleene([open_age, yes], every=False) == yes
    assert kleene.kleene([open_age, yes], every=True) == open_age
    assert kleene.kleene([open_age, no], every=False) == open_age
    assert kleene.kleene([], every=True) == yes
    assert kleene.kleene([], every=False) == no
