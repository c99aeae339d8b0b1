"""Rules compiled once into plain closures, so triage costs about as much as validating
the input (issue 3's throughput target).

The meaning is exactly `Condition.holds` (tests check both agree on random input); this
module only makes it fast: facts are read from the assessment once, each condition key
becomes one closure, and rules whose condition needs a finding or history item the person
does not have are never looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backrelief.assessment import Assessment
from backrelief.knowledge.conditions import Condition

_EMPTY: frozenset[str] = frozenset()


class Facts:
    """What the conditions read, taken from an assessment once."""

    __slots__ = (
        "age",
        "duration",
        "eases",
        "episodes",
        "findings",
        "history",
        "leg_sides",
        "onset",
        "pregnant",
        "radiation",
        "region",
        "severity",
        "tokens",
        "trigger",
        "worsens",
    )

    def __init__(self, a: Assessment, extra_finding: str | None = None) -> None:
        findings = frozenset(a.findings) if a.findings else _EMPTY
        self.findings = findings | {extra_finding} if extra_finding else findings
        self.history = frozenset(a.history) if a.history else _EMPTY
        self.worsens = frozenset(a.worsens) if a.worsens else _EMPTY
        self.eases = frozenset(a.eases) if a.eases else _EMPTY
        self.age = a.age
        severity, worst = a.severity, a.worst_severity
        self.severity = severity if worst is None else worst if severity is None else max(severity, worst)
        self.duration = a.duration_days
        self.episodes = a.episodes_last_year
        self.trigger = trigger = a.trigger
        self.radiation = radiation = a.radiation
        self.leg_sides = leg_sides = a.leg_sides
        self.region = region = a.region
        self.onset = onset = a.onset
        self.pregnant = a.pregnant
        # Every categorical fact as one token, for gating (see `gate`).
        tokens = set(self.findings)
        tokens.update(self.history)
        for w in self.worsens:
            tokens.add(_TOKENS["worsens", w])
        if trigger is not None:
            tokens.add(_TOKENS["trigger", trigger])
        if radiation is not None:
            tokens.add(_TOKENS["radiation", radiation])
        if leg_sides is not None:
            tokens.add(_TOKENS["leg_sides", leg_sides])
        if region is not None:
            tokens.add(_TOKENS["region", region])
        if onset is not None:
            tokens.add(_TOKENS["onset", onset])
        if a.pregnant:
            tokens.add("pregnant:True")
        self.tokens = tokens


class _TokenNames(dict[tuple[str, str], str]):
    """("trigger", "fall") -> "trigger:fall", made once per pair rather than per call."""

    def __missing__(self, key: tuple[str, str]) -> str:
        name = self[key] = f"{key[0]}:{key[1]}"
        return name


_TOKENS = _TokenNames()


Check = Callable[[Facts], bool]


def _atoms(c: Condition) -> list[Check]:
    checks: list[Check] = []
    if c.findings_any is not None:
        wanted = frozenset(c.findings_any)
        checks.append(lambda f: not wanted.isdisjoint(f.findings))
    if c.findings_all is not None:
        needed = frozenset(c.findings_all)
        checks.append(lambda f: needed <= f.findings)
    if c.history_any is not None:
        items = frozenset(c.history_any)
        checks.append(lambda f: not items.isdisjoint(f.history))
    if c.trigger_in is not None:
        triggers = frozenset(c.trigger_in)
        checks.append(lambda f: f.trigger in triggers)
    if c.radiation_in is not None:
        spreads = frozenset(c.radiation_in)
        checks.append(lambda f: f.radiation in spreads)
    if c.leg_sides is not None:
        sides = c.leg_sides
        checks.append(lambda f: f.leg_sides == sides)
    if c.region_in is not None:
        regions = frozenset(c.region_in)
        checks.append(lambda f: f.region in regions)
    if c.onset is not None:
        onset = c.onset
        checks.append(lambda f: f.onset == onset)
    if c.pregnant is not None:
        pregnant = c.pregnant
        checks.append(lambda f: f.pregnant is pregnant)
    if c.worsens_any is not None:
        worsens = frozenset(c.worsens_any)
        checks.append(lambda f: not worsens.isdisjoint(f.worsens))
    if c.eases_any is not None:
        eases = frozenset(c.eases_any)
        checks.append(lambda f: not eases.isdisjoint(f.eases))
    if c.age_at_least is not None:
        old = c.age_at_least
        # Unknown age counts as older: the safer side (see conditions.py).
        checks.append(lambda f: f.age is None or f.age >= old)
    if c.age_below is not None:
        young = c.age_below
        checks.append(lambda f: f.age is not None and f.age < young)
    if c.duration_days_at_least is not None:
        long_ = c.duration_days_at_least
        checks.append(lambda f: f.duration is not None and f.duration >= long_)
    if c.duration_days_below is not None:
        short = c.duration_days_below
        checks.append(lambda f: f.duration is not None and f.duration < short)
    if c.episodes_at_least is not None:
        times = c.episodes_at_least
        checks.append(lambda f: f.episodes is not None and f.episodes >= times)
    if c.severity_at_least is not None:
        bad = c.severity_at_least
        checks.append(lambda f: f.severity is not None and f.severity >= bad)
    if c.any_of is not None:
        checks.append(_either([compile_condition(sub) for sub in c.any_of]))
    if c.none_of is not None:
        excluded = _either([compile_condition(sub) for sub in c.none_of])
        checks.append(lambda f: not excluded(f))
    if c.count_at_least is not None:
        n = c.count_at_least.n
        counted = tuple(compile_condition(sub) for sub in c.count_at_least.of)
        checks.append(lambda f: sum(1 for option in counted if option(f)) >= n)
    return checks


def _both(checks: list[Check]) -> Check:
    # Nested closures rather than all(...) over a generator: this is the hot path.
    if not checks:
        return lambda f: True
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], _both(checks[1:])
    return lambda f: first(f) and rest(f)


def _either(checks: list[Check]) -> Check:
    if not checks:
        return lambda f: False
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], _either(checks[1:])
    return lambda f: first(f) or rest(f)


def compile_condition(c: Condition) -> Check:
    return _both(_atoms(c))


def gate(c: Condition) -> frozenset[str] | None:
    """Tokens of which at least one must be present for the condition to hold, or None
    when the condition must always be tried. Findings and history items are their own
    tokens (their names do not overlap); other facts are "key:value" (see Facts)."""
    if c.findings_any is not None:
        return frozenset(c.findings_any)
    if c.findings_all:
        return frozenset(c.findings_all[:1])
    if c.history_any is not None:
        return frozenset(c.history_any)
    if c.trigger_in is not None:
        return frozenset(f"trigger:{t}" for t in c.trigger_in)
    if c.radiation_in is not None:
        return frozenset(f"radiation:{r}" for r in c.radiation_in)
    if c.region_in is not None:
        return frozenset(f"region:{r}" for r in c.region_in)
    if c.leg_sides is not None:
        return frozenset({f"leg_sides:{c.leg_sides}"})
    if c.worsens_any is not None:
        return frozenset(f"worsens:{w}" for w in c.worsens_any)
    if c.onset is not None:
        return frozenset({f"onset:{c.onset}"})
    if c.pregnant is True:
        return frozenset({"pregnant:True"})
    if c.any_of:
        # Any one branch can satisfy it: gate on the union, if every branch is gated.
        branches = [gate(sub) for sub in c.any_of]
        if all(b is not None for b in branches):
            return frozenset().union(*(b for b in branches if b is not None))
    return None


@dataclass(frozen=True)
class Compiled:
    """Rule indexes and checks: `always` rules are tried for everyone; `gated` ones only
    when the person has one of their gate items."""

    checks: tuple[Check, ...]
    always: tuple[int, ...]
    gated: dict[str, tuple[int, ...]]

    def candidates(self, facts: Facts) -> list[int]:
        found: set[int] = set(self.always)
        gated = self.gated
        for token in facts.tokens:
            indexes = gated.get(token)
            if indexes:
                found.update(indexes)
        return sorted(found)


def compile_rules(conditions: list[Condition]) -> Compiled:
    always: list[int] = []
    gated: dict[str, list[int]] = {}
    for index, condition in enumerate(conditions):
        items = gate(condition)
        if items is None:
            always.append(index)
        else:
            for item in items:
                gated.setdefault(item, []).append(index)
    return Compiled(
        checks=tuple(compile_condition(c) for c in conditions),
        always=tuple(always),
        gated={k: tuple(v) for k, v in gated.items()},
    )
