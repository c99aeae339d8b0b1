"""Which unanswered questions could still change the answer: worked out from the rules.

Each rule's condition is read in three values (Kleene logic): true, false, or "could go
either way" while some of the facts it tests are unknown. A rule more urgent than today's
answer that could still go either way makes the unknown facts it still depends on worth
asking; no other question is asked. Kleene logic never calls a condition false that some
answers could make true, so a question left out can never raise the level (the property
test in tests/interview/test_relevance.py checks it exhaustively, hazard HAZ-056).

A finding the person was "not sure" of counts as "either way" here (triage tries it both
as present and as absent); it is answered, so it is not asked again, but other questions
in the same rule still are.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from backrelief.assessment import Assessment, leg_sides_apply, pregnancy_possible
from backrelief.interview.state import InterviewState
from backrelief.knowledge import URGENCY, Knowledge, Level, Rule, kleene, load_knowledge
from backrelief.knowledge.conditions import Check, Facts, Key, Value, check_of
from backrelief.knowledge.kleene import Part

_NONE = kleene.NONE

# A yes or a no settles a finding or history item; anything else leaves it open.
_SAID: dict[str, bool] = {"yes": True, "no": False}


class Partial:
    """The interview's reading of the rules (a `kleene.Answers`): the facts as far as they
    are known, what is answered, and the assessment. A test is either way while a question
    it reads is still to be asked."""

    def __init__(self, state: InterviewState, assessment: Assessment, askable: frozenset[str]) -> None:
        self.a = assessment
        self.facts = Facts(assessment)
        self.state = state
        # A question with an `ask_if` (screen.yaml: the pregnancy signs) is open only
        # while its condition holds for what is known.
        conditions = _ask_if_checks()
        self.askable = frozenset(q for q in askable if q not in conditions or conditions[q](self.facts))

    def _open(self, qid: str) -> frozenset[str]:
        return frozenset({qid}) if qid in self.askable else _NONE

    def finding(self, f: str) -> Part:
        status = self.a.finding_status(f)  # type: ignore[arg-type]
        if status in _SAID:
            return _SAID[status], _NONE
        return None, (_NONE if status == "unsure" else self._open(f))

    def history(self, h: str) -> Part:
        status = self.a.history_status(h)  # type: ignore[arg-type]
        if status in _SAID:
            return _SAID[status], _NONE
        answered = h in self.state.history
        return None, (_NONE if answered else self._open(h))

    def field_open(self, key: str) -> bool:
        """True when the field is unknown and still to be asked."""
        if key == "leg_sides":
            return self.a.leg_sides is None and leg_sides_apply(self.a.radiation) and not self.state.field_answered(key)
        if key == "pregnant":
            return pregnancy_possible(self.a.sex, self.a.age) and not self.state.field_answered(key)
        return not self.state.field_answered(key)

    def field(self, key: str, holds: bool) -> Part:
        if key in (self.a.fields_unsure or ()):
            return None, _NONE  # answered "not sure": either way, as triage tries each value
        if self.field_open(key):
            opened = self._open(key)
            if key == "leg_sides" and self.a.radiation is None:
                opened = opened | self._open("radiation")
            return None, opened
        return holds, _NONE

    def test(self, key: Key, value: Value, check: Check) -> Part:
        """One test of a rule, for `kleene.evaluate`: a key on findings or history is read
        item by item; any other key reads one or more Assessment fields, and is either
        way while one of them is still to be asked; otherwise it takes the value the
        compiled rule gives (so an answered "not sure" keeps triage's own unknown rule,
        such as an unknown age counting as older)."""
        if key.fact == "findings":
            return kleene.items(key, value, self.finding)
        if key.fact == "history":
            return kleene.items(key, value, self.history)
        holds = check(self.facts)
        if holds and key.kind in ("at_least", "any") and not key.if_unknown:
            # Already true from what is known (say the worst pain score): nothing to ask.
            return True, _NONE
        # A key may read several fields (severity reads the pain now and the worst in 24
        # hours): while any of them is still to be asked the test can go either way.
        return _fields(self, key.fields, holds)


def _fields(p: Partial, fields: tuple[str, ...], holds: bool) -> Part:
    """A test on one or more fields: either way while any of them is still to be asked."""
    results = [p.field(f, holds) for f in fields]
    opened = frozenset().union(*(o for v, o in results if v is None))
    return (None, opened) if any(v is None for v, _ in results) else (holds, _NONE)


def could_raise(rules: Iterable[Rule], level: Level, p: Partial) -> set[str]:
    """Unknown questions that some rule more urgent than `level` still depends on."""
    out: set[str] = set()
    for rule in rules:
        if rule.fallback or URGENCY[rule.level] <= URGENCY[level]:
            continue
        value, opened = kleene.evaluate(rule.when, p)
        if value is None:
            out |= opened
    return out


@cache
def _ask_if_checks() -> dict[str, Check]:
    return {q.id: check_of(q.ask_if) for q in load_knowledge().screen if q.ask_if is not None}


def askable_questions(knowledge: Knowledge) -> frozenset[str]:
    return frozenset(q.id for q in knowledge.screen)
