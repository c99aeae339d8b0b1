"""The small condition language that red-flag, cause and plan rules are written in:
defined once here, compiled once into closures, and used by triage and the plan alike.

A condition is a mapping; every key it holds must be true (AND). `any_of`, `none_of`
and `count_at_least` combine sub-conditions. A test on a field the person was not
asked about is false, with exceptions that err on the safe side: `age_at_least` and
`age_below` are true when the age is unknown (an unknown age counts as older, and as
young). To make any other unknown fact take the safer branch, test for the reassuring
value under `none_of` (`none_of: [{onset: gradual}]` holds when the onset is sudden or
unknown; `none_of: [{severity_below: 7}]` when the score is 7 or more or unknown).

Each key's meaning is one row of `KEYS` (which fact it reads, how it compares, what an
unknown fact gives). The compiler (`compile_condition`), the triage gate
(`knowledge/compiled.py`), the three-valued reading (`knowledge/kleene.py`) and the
introspection an interview needs (`mentions`) all read that one table, so adding a key is
one field on `Condition` and one row in `KEYS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from pydantic import ConfigDict, Field

from backrelief.assessment import Assessment, Ease, Finding, History, LegSides, Onset, Radiation, Region, Sex, Trigger, Worsen
from backrelief.values import Strict


class KnowledgeModel(Strict):
    """A strict model of knowledge data whose validators are built when a file is first
    read, not at import: a command whose knowledge comes from the stored copy
    (knowledge/snapshot.py) never builds them."""

    model_config = ConfigDict(defer_build=True)


class CountOf(KnowledgeModel):
    n: int = Field(ge=1)
    of: tuple[Condition, ...]


class Condition(KnowledgeModel):
    findings_any: tuple[Finding, ...] | None = None
    findings_all: tuple[Finding, ...] | None = None
    history_any: tuple[History, ...] | None = None
    trigger_in: tuple[Trigger, ...] | None = None
    radiation_in: tuple[Radiation, ...] | None = None
    leg_sides: LegSides | None = None
    region_in: tuple[Region, ...] | None = None
    onset: Onset | None = None
    pregnant: bool | None = None
    sex_in: tuple[Sex, ...] | None = None
    worsens_any: tuple[Worsen, ...] | None = None
    eases_any: tuple[Ease, ...] | None = None
    age_at_least: int | None = None
    age_below: int | None = None
    duration_days_at_least: int | None = None
    duration_days_below: int | None = None
    episodes_at_least: int | None = None
    severity_at_least: int | None = None
    # True only for a known score below the value: `none_of: [{severity_below: 7}]` reads
    # "unless the score is known to be below 7" (an unknown score counts as severe).
    severity_below: int | None = None
    any_of: tuple[Condition, ...] | None = None
    none_of: tuple[Condition, ...] | None = None
    count_at_least: CountOf | None = None

    def holds(self, assessment: Assessment) -> bool:
        return check_of(self)(Facts(assessment))

    def findings_named(self) -> set[str]:
        """Every finding this condition mentions, for coverage checks."""
        return set(mentions(self).findings)


# How a key compares the fact it reads with the value written in the rule.
#   any: the fact (a set) shares an item with the value; all: holds every item of it;
#   in: the fact (one value) is one of the value's items; equals: the fact is the value;
#   at_least / below: a number compared with the value.
Kind = Literal["any", "all", "in", "equals", "at_least", "below"]


@dataclass(frozen=True)
class Key:
    """One key of the language: the fact it reads and how."""

    fact: str  # a slot of `Facts`
    kind: Kind
    # The Assessment fields behind the fact (severity reads both severity scores).
    fields: tuple[str, ...]
    # The answer when the fact is unknown: False everywhere except where the safer side
    # is True (an unknown age counts as older).
    if_unknown: bool = False


def _key(fact: str, kind: Kind, *fields: str, if_unknown: bool = False) -> Key:
    return Key(fact=fact, kind=kind, fields=fields or (fact,), if_unknown=if_unknown)


KEYS: dict[str, Key] = {
    "findings_any": _key("findings", "any"),
    "findings_all": _key("findings", "all"),
    "history_any": _key("history", "any"),
    "trigger_in": _key("trigger", "in"),
    "radiation_in": _key("radiation", "in"),
    "leg_sides": _key("leg_sides", "equals"),
    "region_in": _key("region", "in"),
    "onset": _key("onset", "equals"),
    "pregnant": _key("pregnant", "equals"),
    "sex_in": _key("sex", "in"),
    "worsens_any": _key("worsens", "any"),
    "eases_any": _key("eases", "any"),
    # Unknown age: treat as older, the safer side of every age rule.
    "age_at_least": _key("age", "at_least", if_unknown=True),
    # Unknown age is also young for the under-20 rules: both age tests take the safer side.
    "age_below": _key("age", "below", if_unknown=True),
    "duration_days_at_least": _key("duration_days", "at_least"),
    "duration_days_below": _key("duration_days", "below"),
    "episodes_at_least": _key("episodes_last_year", "at_least"),
    "severity_at_least": _key("severity", "at_least", "severity", "worst_severity"),
    "severity_below": _key("severity", "below", "severity", "worst_severity"),
}
COMBINATORS = ("any_of", "none_of", "count_at_least")

# Sets of findings and history items are their own gate tokens (their names do not
# overlap); every other categorical fact is the token "fact:value".
SET_FACTS = frozenset({"findings", "history", "worsens", "eases"})
SCALAR_FACTS = ("trigger", "radiation", "leg_sides", "region", "onset", "pregnant", "sex")

if set(Condition.model_fields) != set(KEYS) | set(COMBINATORS):  # pragma: no cover - a coding slip
    raise TypeError("every Condition key needs one row in KEYS (or is a combinator)")

_EMPTY: frozenset[str] = frozenset()


class Facts:
    """What the conditions read, taken from an assessment once.

    A plain object with a __dict__ rather than __slots__: triage copies one for every "not
    sure" answer it tries, and a dict copies in one C call."""

    # The attributes every Facts has (what conditions may read; see KEYS' `fact`).
    FIELDS = ("age", "duration_days", "eases", "episodes_last_year", "findings", "history", "leg_sides", "onset",
              "pregnant", "radiation", "region", "severity", "sex", "tokens", "trigger", "worsens")

    age: int | None
    duration_days: int | None
    episodes_last_year: int | None
    severity: int | None
    findings: frozenset[str]
    history: frozenset[str]
    worsens: frozenset[str]
    eases: frozenset[str]
    trigger: str | None
    radiation: str | None
    leg_sides: str | None
    region: str | None
    onset: str | None
    pregnant: bool | None
    sex: str | None
    tokens: set[str]

    def __init__(self, assessment: Assessment, extra_finding: str | None = None) -> None:
        values = assessment.__dict__  # one dict lookup per fact rather than an attribute call each
        findings = frozenset(values["findings"] or ())
        self.findings = findings | {extra_finding} if extra_finding else findings
        history, worsens, eases = values["history"], values["worsens"], values["eases"]
        self.history = frozenset(history) if history else _EMPTY
        self.worsens = frozenset(worsens) if worsens else _EMPTY
        self.eases = frozenset(eases) if eases else _EMPTY
        self.age = values["age"]
        severity, worst = values["severity"], values["worst_severity"]
        self.severity = severity if worst is None else worst if severity is None else max(severity, worst)
        self.duration_days = values["duration_days"]
        self.episodes_last_year = values["episodes_last_year"]
        # Every categorical fact as one token, for gating (see knowledge/compiled.py).
        tokens = set(self.findings)
        if history:
            tokens.update(history)
        names = _TOKENS  # the token of a (fact, value) pair, made once per pair
        for w in worsens or ():
            tokens.add(names["worsens", w])
        for e in eases or ():
            tokens.add(names["eases", e])
        self.trigger = values["trigger"]
        self.radiation = values["radiation"]
        self.leg_sides = values["leg_sides"]
        self.region = values["region"]
        self.onset = values["onset"]
        self.pregnant = values["pregnant"]
        self.sex = values["sex"]
        for fact in SCALAR_FACTS:
            value = values[fact]
            if value is not None:
                tokens.add(names[fact, value])
        self.tokens = tokens

    def _copy(self) -> Facts:
        supposed = Facts.__new__(Facts)
        supposed.__dict__.update(self.__dict__)
        return supposed

    def supposing(self, finding: str) -> Facts:
        """These facts with one more finding present: what `Facts(a, extra_finding=finding)`
        gives, copied from these rather than read from the assessment again (triage asks
        this once per "not sure" finding). A finding is its own gate token."""
        supposed = self._copy()
        supposed.findings = self.findings | {finding}
        supposed.tokens = self.tokens | {finding}
        return supposed

    def supposing_value(self, fact: str, value: str) -> Facts:
        """These facts with one unknown categorical fact (radiation, leg_sides, region,
        trigger) given a value: triage tries each value of a field the person was not sure
        of."""
        supposed = self._copy()
        setattr(supposed, fact, value)
        supposed.tokens = self.tokens | {token(fact, value)}
        return supposed


class _TokenNames(dict[tuple[str, object], str]):
    """("trigger", "fall") -> "trigger:fall", made once per pair rather than per call."""

    def __missing__(self, key: tuple[str, object]) -> str:
        name = self[key] = f"{key[0]}:{key[1]}"
        return name


_TOKENS = _TokenNames()


def token(fact: str, value: object) -> str:
    """The gate token of one categorical fact ("trigger:fall"); a finding or history
    item is its own token."""
    return value if fact in ("findings", "history") and isinstance(value, str) else _TOKENS[fact, value]


Check = Callable[[Facts], bool]
Value = tuple[str, ...] | str | bool | int


def atom(key: Key, value: Value) -> Check:
    """One key's test with the rule's value, as a closure over `Facts`."""
    get = attrgetter(key.fact)
    if key.kind == "any":
        wanted = frozenset(value) if isinstance(value, tuple) else frozenset({value})
        return lambda f: not wanted.isdisjoint(get(f))
    if key.kind == "all":
        needed = frozenset(value) if isinstance(value, tuple) else frozenset({value})
        return lambda f: needed <= get(f)
    if key.kind == "in":
        allowed = frozenset(value) if isinstance(value, tuple) else frozenset({value})
        return lambda f: get(f) in allowed
    if key.kind == "equals":
        return lambda f: get(f) == value
    if key.kind == "at_least":
        if key.if_unknown:
            return lambda f: (v := get(f)) is None or v >= value
        return lambda f: (v := get(f)) is not None and v >= value
    if key.if_unknown:
        return lambda f: (v := get(f)) is None or v < value
    return lambda f: (v := get(f)) is not None and v < value


def _atoms(c: Condition) -> list[Check]:
    values = c.__dict__
    checks = [atom(key, values[name]) for name, key in KEYS.items() if values[name] is not None]
    if c.any_of is not None:
        checks.append(_joined([compile_condition(sub) for sub in c.any_of], every=False))
    if c.none_of is not None:
        excluded = _joined([compile_condition(sub) for sub in c.none_of], every=False)
        checks.append(lambda f: not excluded(f))
    if c.count_at_least is not None:
        n = c.count_at_least.n
        counted = tuple(compile_condition(sub) for sub in c.count_at_least.of)
        checks.append(lambda f: sum(1 for option in counted if option(f)) >= n)
    return checks


def _joined(checks: list[Check], every: bool) -> Check:
    """All of the checks (every) or any of them, as nested closures rather than all(...)
    over a generator: this is the hot path."""
    if not checks:
        return (lambda f: True) if every else (lambda f: False)
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], _joined(checks[1:], every)
    if every:
        return lambda f: first(f) and rest(f)
    return lambda f: first(f) or rest(f)


def compile_condition(c: Condition) -> Check:
    """The condition as one closure over `Facts`: the one meaning of the language."""
    return _joined(_atoms(c), every=True)


_CHECKS: dict[int, tuple[Condition, Check]] = {}


def check_of(c: Condition) -> Check:
    """The compiled check of a condition, compiled once (conditions come from the loaded
    knowledge, which lives as long as the process)."""
    cached = _CHECKS.get(id(c))
    if cached is not None and cached[0] is c:
        return cached[1]
    check = compile_condition(c)
    _CHECKS[id(c)] = (c, check)
    return check


@dataclass(frozen=True)
class Test:
    """One test a condition makes: `key` on the Assessment `fields`, true when the fact
    compares (`kind`) with `value`. `negated`: it sits under an odd number of `none_of`,
    so the value makes the whole condition less likely to hold, not more."""

    key: str
    fields: tuple[str, ...]
    kind: Kind
    value: Value
    if_unknown: bool
    negated: bool


@dataclass(frozen=True)
class Mentions:
    """What a condition names: the findings, history items and other Assessment fields
    whose answers can change it, and each test with the value that makes it true."""

    findings: frozenset[str]
    history: frozenset[str]
    fields: frozenset[str]
    tests: tuple[Test, ...]


def _tests(c: Condition, negated: bool) -> Iterator[Test]:
    values = c.__dict__
    for name, key in KEYS.items():
        value = values[name]
        if value is not None:
            yield Test(name, key.fields, key.kind, value, key.if_unknown, negated)
    for sub in c.any_of or ():
        yield from _tests(sub, negated)
    for sub in c.none_of or ():
        yield from _tests(sub, not negated)
    for sub in c.count_at_least.of if c.count_at_least else ():
        yield from _tests(sub, negated)


def mentions(c: Condition) -> Mentions:
    """Which findings, history items and fields a condition names, and the values that
    would make each of its tests true (for an interview deciding what is relevant)."""
    tests = tuple(_tests(c, negated=False))

    def items(field: str) -> frozenset[str]:
        return frozenset(
            item for t in tests if field in t.fields and isinstance(t.value, tuple) for item in t.value
        )

    fields = frozenset(f for t in tests for f in t.fields) - {"findings", "history"}
    return Mentions(findings=items("findings"), history=items("history"), fields=fields, tests=tests)
