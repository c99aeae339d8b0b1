"""A rule's reason tells the person only what the rule checked: a reason that says how long
the pain has lasted, or how bad it is, comes from a rule that tests that very fact.

A reason that claims more than its rule checks reads as a finding about this person ("your
pain has gone on for months" said about pain that began yesterday). Where a rule fires on an
unknown answer (the safer side), its reason says the person did not tell us, never that they
said it."""

from __future__ import annotations

import re

import pytest

from backrelief.assessment import parse_assessment
from backrelief.knowledge import Rule, load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.triage import triage

# Words that tell the person how long their pain has already lasted. Advice about when to
# act ("within a week or two", "started within 3 days") is not a claim about the pain.
_SAYS_HOW_LONG = re.compile(
    r"\b(gone on for|has lasted|have lasted|long-lasting|long lasting|not settled after|still \w+ after|"
    r"for months|for weeks)\b", re.IGNORECASE)
_WEEKS = re.compile(r"\b(\d+) weeks?\b")
# Words that tell the person their pain is severe.
_SAYS_HOW_BAD = re.compile(r"\b(severe|very bad|bad pain|still bad)\b", re.IGNORECASE)


def _rules() -> list[Rule]:
    return list(load_knowledge().rules)


def _least_days_claimed(reason: str) -> int:
    if "month" in reason.lower():
        return 60
    weeks = _WEEKS.search(reason)
    return 7 * int(weeks.group(1)) if weeks else 1


@pytest.mark.parametrize("rule", [r for r in _rules() if _SAYS_HOW_LONG.search(r.reason)], ids=lambda r: r.id)
def test_a_reason_that_says_how_long_the_pain_has_lasted_comes_from_a_rule_that_needs_that_length(
        rule: Rule) -> None:
    # Needed at the top of the condition, known and at least as long as the words say.
    assert rule.when.duration_days_at_least is not None
    assert rule.when.duration_days_at_least >= _least_days_claimed(rule.reason)


@pytest.mark.parametrize("rule", [r for r in _rules() if _SAYS_HOW_BAD.search(r.reason)], ids=lambda r: r.id)
def test_a_reason_that_says_the_pain_is_severe_comes_from_a_rule_that_tests_the_pain_score(rule: Rule) -> None:
    tests = mentions(rule.when).tests
    # A high score that makes it fire, or a low one that stops it (an unknown score counts).
    assert any((t.key == "severity_at_least" and not t.negated) or (t.key == "severity_below" and t.negated)
               for t in tests)


def test_the_reason_checks_find_the_rules_they_are_about() -> None:
    # The patterns above must keep matching something, or the checks prove nothing.
    said_long = {r.id for r in _rules() if _SAYS_HOW_LONG.search(r.reason)}
    said_bad = {r.id for r in _rules() if _SAYS_HOW_BAD.search(r.reason)}
    assert {"fragility-long-standing", "not-settling", "inflammatory-back-pain"} <= said_long
    assert {"severe-pain", "trauma-fall-hard"} <= said_bad


@pytest.mark.parametrize(("answers", "rule", "said"), [
    # Unknown takes the safer branch, so these rules fire on a fact the person never gave:
    # the reason says which answer was missing before it says anything (triage, for every
    # rule: tests/triage/test_reasons_on_unknowns.py).
    ({"age": 70, "findings": [], "history": []}, "first-episode-older",
     "You did not tell us how many times your back has gone in the past year, so we took the safer side. "),
    ({"age": 40, "findings": [], "history": ["diabetes"]}, "infection-risk-diabetes",
     "You did not tell us how the pain started, so we took the safer side. "),
])
def test_a_rule_that_fired_on_an_unknown_answer_does_not_state_that_answer_as_what_the_person_said(
        answers: dict[str, object], rule: str, said: str) -> None:
    t = triage(parse_assessment(answers))
    reason = next(r.reason for r in t.reasons if r.rule == rule)
    assert reason.startswith(said)
