"""Which unanswered questions could still change the answer: worked out from the rules.

Each rule's condition is read in three values (Kleene logic): true, false, or "could go
either way" while some of the facts it tests are unknown. A rule more urgent than today's
answer that could still go either way makes the unknown facts it still depends on worth
asking; no other question is asked. Kleene logic never calls a condition false that some
answers could make true, so a question left out can never raise the level (the property
test in tests/interview/test_relevance.py checks it exhaustively, hazard H-INT-3).

A finding the person was "not sure" of counts as "either way" here (triage tries it both
as present and as absent); it is answered, so it is not asked again, but other questions
in the same rule still are.
"""

from __future__ import annotations

from collections.abc import Iterable

from backrelief.assessment import Assessment
from backrelief.interview.state import InterviewState
from backrelief.knowledge import URGENCY, Knowledge, Level, Rule
from backrelief.knowledge.conditions import Condition

Tri = bool | None  # None: could go either way
_NONE: frozenset[str] = frozenset()


class Partial:
    """The facts as far as they are known: what is answered, and the assessment."""

    def __init__(self, state: InterviewState, a: Assessment, askable: frozenset[str]) -> None:
        self.a = a
        self.state = state
        self.askable = askable

    def _open(self, qid: str) -> frozenset[str]:
        return frozenset({qid}) if qid in self.askable else _NONE

    def finding(self, f: str) -> tuple[Tri, frozenset[str]]:
        status = self.a.finding_status(f)  # type: ignore[arg-type]
        if status == "yes":
            return True, _NONE
        if status == "no":
            return False, _NONE
        return None, (_NONE if status == "unsure" else self._open(f))

    def history(self, h: str) -> tuple[Tri, frozenset[str]]:
        status = self.a.history_status(h)  # type: ignore[arg-type]
        if status == "yes":
            return True, _NONE
        if status == "no":
            return False, _NONE
        answered = h in self.state.history
        return None, (_NONE if answered else self._open(h))

    def field_open(self, key: str) -> bool:
        """True when the field is unknown and still to be asked."""
        if key == "leg_sides":
            return self.a.leg_sides is None and self.a.radiation != "none" and not self.state.field_answered(key)
        if key == "pregnant":
            could_be = self.a.sex != "male" and (self.a.age is None or self.a.age < 60)
            return could_be and not self.state.field_answered(key)
        return not self.state.field_answered(key)

    def field(self, key: str, holds: bool) -> tuple[Tri, frozenset[str]]:
        if self.field_open(key):
            opened = self._open(key)
            if key == "leg_sides" and self.a.radiation is None:
                opened = opened | self._open("radiation")
            return None, opened
        return holds, _NONE


def _any(values: Iterable[tuple[Tri, frozenset[str]]]) -> tuple[Tri, frozenset[str]]:
    atoms: set[str] = set()
    maybe = False
    for value, opened in values:
        if value is True:
            return True, _NONE
        if value is None:
            maybe = True
            atoms |= opened
    return (None, frozenset(atoms)) if maybe else (False, _NONE)


def _all(values: Iterable[tuple[Tri, frozenset[str]]]) -> tuple[Tri, frozenset[str]]:
    atoms: set[str] = set()
    maybe = False
    for value, opened in values:
        if value is False:
            return False, _NONE
        if value is None:
            maybe = True
            atoms |= opened
    return (None, frozenset(atoms)) if maybe else (True, _NONE)


def _sev(a: Assessment) -> int | None:
    values = [v for v in (a.severity, a.worst_severity) if v is not None]
    return max(values) if values else None


def evaluate(c: Condition, p: Partial) -> tuple[Tri, frozenset[str]]:
    """The condition's value so far, and the unknown questions it still depends on."""
    a = p.a
    parts: list[tuple[Tri, frozenset[str]]] = []
    if c.findings_any is not None:
        parts.append(_any(p.finding(f) for f in c.findings_any))
    if c.findings_all is not None:
        parts.append(_all(p.finding(f) for f in c.findings_all))
    if c.history_any is not None:
        parts.append(_any(p.history(h) for h in c.history_any))
    if c.trigger_in is not None:
        parts.append(p.field("trigger", a.trigger in c.trigger_in))
    if c.radiation_in is not None:
        parts.append(p.field("radiation", a.radiation in c.radiation_in))
    if c.leg_sides is not None:
        parts.append(p.field("leg_sides", a.leg_sides == c.leg_sides))
    if c.region_in is not None:
        parts.append(p.field("region", a.region in c.region_in))
    if c.onset is not None:
        parts.append(p.field("onset", a.onset == c.onset))
    if c.pregnant is not None:
        parts.append(p.field("pregnant", a.pregnant is c.pregnant))
    if c.worsens_any is not None:
        parts.append(p.field("worsens", bool(set(c.worsens_any) & set(a.worsens or ()))))
    if c.eases_any is not None:
        parts.append(p.field("eases", bool(set(c.eases_any) & set(a.eases or ()))))
    if c.age_at_least is not None:
        # Asked and still unknown ("not sure"): older, the safer side, as in triage.
        parts.append(p.field("age", a.age is None or a.age >= c.age_at_least))
    if c.age_below is not None:
        parts.append(p.field("age", a.age is not None and a.age < c.age_below))
    if c.duration_days_at_least is not None:
        d = a.duration_days
        parts.append(p.field("duration_days", d is not None and d >= c.duration_days_at_least))
    if c.duration_days_below is not None:
        d = a.duration_days
        parts.append(p.field("duration_days", d is not None and d < c.duration_days_below))
    if c.episodes_at_least is not None:
        e = a.episodes_last_year
        parts.append(p.field("episodes_last_year", e is not None and e >= c.episodes_at_least))
    if c.severity_at_least is not None:
        sev = _sev(a)
        if sev is not None and sev >= c.severity_at_least:
            parts.append((True, _NONE))
        else:
            parts.append(p.field("severity", False))
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


def askable_questions(k: Knowledge) -> frozenset[str]:
    return frozenset(q.id for q in k.screen)
