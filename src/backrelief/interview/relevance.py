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
from typing import Any

from backrelief.assessment import Assessment, leg_sides_apply, pregnancy_possible
from backrelief.interview.state import InterviewState
from backrelief.knowledge import URGENCY, Knowledge, Level, Rule, load_knowledge
from backrelief.knowledge.conditions import KEYS, Check, Condition, Facts, check_of, kleene

Tri = bool | None  # None: could go either way
_NONE: frozenset[str] = frozenset()

# A yes or a no settles a finding or history item; anything else leaves it open.
_SAID: dict[str, bool] = {"yes": True, "no": False}


class Partial:
    """The facts as far as they are known: what is answered, and the assessment."""

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

    def finding(self, f: str) -> tuple[Tri, frozenset[str]]:
        status = self.a.finding_status(f)  # type: ignore[arg-type]
        if status in _SAID:
            return _SAID[status], _NONE
        return None, (_NONE if status == "unsure" else self._open(f))

    def history(self, h: str) -> tuple[Tri, frozenset[str]]:
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

    def field(self, key: str, holds: bool) -> tuple[Tri, frozenset[str]]:
        if key in (self.a.fields_unsure or ()):
            return None, _NONE  # answered "not sure": either way, as triage tries each value
        if self.field_open(key):
            opened = self._open(key)
            if key == "leg_sides" and self.a.radiation is None:
                opened = opened | self._open("radiation")
            return None, opened
        return holds, _NONE


def _any(values: Iterable[tuple[Tri, frozenset[str]]]) -> tuple[Tri, frozenset[str]]:
    return kleene(values, every=False)


def _all(values: Iterable[tuple[Tri, frozenset[str]]]) -> tuple[Tri, frozenset[str]]:
    return kleene(values, every=True)


@cache
def _atom_check(name: str, value: Any) -> Check:
    return check_of(Condition.model_validate({name: value}))


def _fields(p: Partial, fields: tuple[str, ...], holds: bool) -> tuple[Tri, frozenset[str]]:
    """A test on one or more fields: either way while any of them is still to be asked."""
    results = [p.field(f, holds) for f in fields]
    opened = frozenset().union(*(o for v, o in results if v is None))
    return (None, opened) if any(v is None for v, _ in results) else (holds, _NONE)


def evaluate(c: Condition, p: Partial) -> tuple[Tri, frozenset[str]]:
    """The condition's value so far, and the unknown questions it still depends on.

    Generic over the rule language's table of keys (`conditions.KEYS`): a key on findings
    or history is read item by item; any other key reads one Assessment field, which is
    "either way" while that field's question is still to be asked, and otherwise takes
    the value the compiled rule gives (so an answered "not sure" keeps triage's own
    unknown rule, such as an unknown age counting as older)."""
    parts: list[tuple[Tri, frozenset[str]]] = []
    values = c.__dict__
    for name, key in KEYS.items():
        value = values[name]
        if value is None:
            continue
        if key.fact in ("findings", "history"):
            read = p.finding if key.fact == "findings" else p.history
            items = value if isinstance(value, tuple) else (value,)
            parts.append((_any if key.kind == "any" else _all)(read(item) for item in items))
            continue
        holds = _atom_check(name, value)(p.facts)
        if holds and key.kind in ("at_least", "any") and not key.if_unknown:
            # Already true from what is known (say the worst pain score): nothing to ask.
            parts.append((True, _NONE))
            continue
        # A key may read several fields (severity reads the pain now and the worst in 24
        # hours): while any of them is still to be asked the test can go either way.
        parts.append(_fields(p, key.fields, holds))
    if c.any_of is not None:
        parts.append(_any(evaluate(sub, p) for sub in c.any_of))
    if c.none_of is not None:
        value, opened = _any(evaluate(sub, p) for sub in c.none_of)
        parts.append((None if value is None else not value, opened))
    if c.count_at_least is not None:
        results = [evaluate(sub, p) for sub in c.count_at_least.of]
        yes = sum(1 for v, _ in results if v is True)
        maybe = [o for v, o in results if v is None]
        n = c.count_at_least.n
        if yes >= n:
            parts.append((True, _NONE))
        elif yes + len(maybe) < n:
            parts.append((False, _NONE))
        else:
            parts.append((None, frozenset().union(*maybe)))
    return _all(parts)


def could_raise(rules: Iterable[Rule], level: Level, p: Partial) -> set[str]:
    """Unknown questions that some rule more urgent than `level` still depends on."""
    out: set[str] = set()
    for rule in rules:
        if rule.fallback or URGENCY[rule.level] <= URGENCY[level]:
            continue
        value, opened = evaluate(rule.when, p)
        if value is None:
            out |= opened
    return out


@cache
def _ask_if_checks() -> dict[str, Check]:
    return {q.id: check_of(q.ask_if) for q in load_knowledge().screen if q.ask_if is not None}


def askable_questions(knowledge: Knowledge) -> frozenset[str]:
    return frozenset(q.id for q in knowledge.screen)
