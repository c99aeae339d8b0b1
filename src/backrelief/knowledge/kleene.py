"""The rule language read in three values (Kleene logic): true, false, or "could go either
way" while some answer a condition tests is open. One evaluator, `evaluate`, for every
reader of the rules that needs the third value:

- triage (`Open`): a rule that fired yet could go either way fired only because of its
  open answers (an unknown age counts as older, a "not sure" left out of the trial), and
  those are named, so the reason can say so;
- the interview (interview/relevance.py `Partial`): a rule more urgent than today's answer
  that could go either way makes the unanswered questions it depends on worth asking.

The two differ only in what "open" means for one test of the language (one key of
`conditions.KEYS`), so each is an `Answers` that reads one test; the AND of a condition's
keys, `any_of`, `none_of` and `count_at_least` are read here once. Kleene logic never
calls a condition false that some open answers could make true: the safety of both
readers rests on that (HAZ-056 for the interview).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from backrelief.knowledge.conditions import KEYS, SET_FACTS, Check, Condition, Facts, Key, Value, atom

Tri = bool | None  # None: could go either way
# A value, and the open answers it rests on when it is None (question ids: an Assessment
# field, "severity" for both pain scores, a finding or history item, "worsens" / "eases").
Part = tuple[Tri, frozenset[str]]
NONE: frozenset[str] = frozenset()


class Answers(Protocol):
    """What one test of the language gives over answers some of which are open."""

    def test(self, key: Key, value: Value, check: Check) -> Part:
        """The test `key` with the rule's `value`; `check` is its compiled two-valued form."""
        ...


def kleene(parts: Iterable[Part], every: bool) -> Part:
    """AND (every) or OR of three-valued parts: one part that decides it decides it;
    otherwise any open part leaves it open, resting on that part's open answers."""
    names: set[str] = set()
    maybe = False
    for value, opened in parts:
        if value is (not every):
            return not every, NONE
        if value is None:
            maybe = True
            names |= opened
    return (None, frozenset(names)) if maybe else (every, NONE)


def items(key: Key, value: Value, read: Callable[[str], Part]) -> Part:
    """A test on a set of items (findings, history, worsens, eases) read item by item:
    any of them (`any`), or every one (`all`)."""
    listed = tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)
    return kleene((read(item) for item in listed), every=key.kind == "all")


def evaluate(c: Condition, answers: Answers) -> Part:
    """The condition's value over the answers, and the open answers it rests on when it
    could go either way."""
    return kleene(_parts(c, answers), every=True)


def _parts(c: Condition, answers: Answers) -> Iterator[Part]:
    # A generator: the AND stops at the first part that is false.
    for key, value, check in tests_of(c):
        yield answers.test(key, value, check)
    if c.any_of is not None:
        yield kleene((evaluate(sub, answers) for sub in c.any_of), every=False)
    if c.none_of is not None:
        excluded, names = kleene((evaluate(sub, answers) for sub in c.none_of), every=False)
        yield (None if excluded is None else not excluded), names
    if c.count_at_least is not None:
        results = [evaluate(sub, answers) for sub in c.count_at_least.of]
        sure = sum(1 for v, _ in results if v is True)
        maybe = [names for v, names in results if v is None]
        n = c.count_at_least.n
        yield ((True, NONE) if sure >= n else (False, NONE) if sure + len(maybe) < n
               else (None, frozenset().union(*maybe)))


_TESTS: dict[int, tuple[Condition, list[tuple[Key, Value, Check]]]] = {}


def tests_of(c: Condition) -> list[tuple[Key, Value, Check]]:
    """The keys a condition sets, each with its value and compiled test: made once per
    condition (conditions come from the loaded knowledge, which lives as long as the
    process; see `conditions.check_of`)."""
    cached = _TESTS.get(id(c))
    if cached is not None and cached[0] is c:
        return cached[1]
    values = c.__dict__
    found = [(key, values[name], atom(key, values[name])) for name, key in KEYS.items() if values[name] is not None]
    _TESTS[id(c)] = (c, found)
    return found


class Open:
    """Triage's reading: the facts, and which of their answers to read as open (unknown or
    not sure): names of Assessment fields ("severity" for both scores), of findings and
    history items, or "worsens" / "eases" for those lists. An answer not named reads as
    the rule reads it (an unknown age counts as older, a finding not present as absent)."""

    __slots__ = ("facts", "names")

    def __init__(self, facts: Facts, names: frozenset[str]) -> None:
        self.facts = facts
        self.names = names

    def test(self, key: Key, value: Value, check: Check) -> Part:
        facts = self.facts
        if key.fact in SET_FACTS:
            have = getattr(facts, key.fact)
            whole = key.fact in ("worsens", "eases")  # the whole list is open, or none of it

            def read(item: str) -> Part:
                if item in have:
                    return True, NONE
                name = key.fact if whole else item
                return (None, frozenset({name})) if name in self.names else (False, NONE)

            return items(key, value, read)
        if key.fields[0] in self.names and getattr(facts, key.fact) is None:
            return None, frozenset({key.fields[0]})
        return check(facts), NONE

