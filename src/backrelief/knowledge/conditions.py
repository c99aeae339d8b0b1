"""The small condition language that red-flag and cause rules are written in.

A condition is a mapping; every key it holds must be true (AND). `any_of`, `none_of`
and `count_at_least` combine sub-conditions. A test on a field the person was not
asked about is false, with one exception that errs on the safe side: `age_at_least`
is true when the age is unknown (an unknown age is treated as an older person).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field

from backrelief.assessment import (
    Assessment,
    Ease,
    Finding,
    History,
    LegSides,
    Onset,
    Radiation,
    Region,
    Trigger,
    Worsen,
)


class CountOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    n: int = Field(ge=1)
    of: tuple[Condition, ...]


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    findings_any: tuple[Finding, ...] | None = None
    findings_all: tuple[Finding, ...] | None = None
    history_any: tuple[History, ...] | None = None
    trigger_in: tuple[Trigger, ...] | None = None
    radiation_in: tuple[Radiation, ...] | None = None
    leg_sides: LegSides | None = None
    region_in: tuple[Region, ...] | None = None
    onset: Onset | None = None
    pregnant: bool | None = None
    worsens_any: tuple[Worsen, ...] | None = None
    eases_any: tuple[Ease, ...] | None = None
    age_at_least: int | None = None
    age_below: int | None = None
    duration_days_at_least: int | None = None
    duration_days_below: int | None = None
    episodes_at_least: int | None = None
    severity_at_least: int | None = None
    any_of: tuple[Condition, ...] | None = None
    none_of: tuple[Condition, ...] | None = None
    count_at_least: CountOf | None = None

    def holds(self, a: Assessment) -> bool:
        return all(test(self, a) for key, test in _TESTS.items() if getattr(self, key) is not None)

    def findings_named(self) -> set[str]:
        """Every finding this condition mentions, for coverage checks."""
        names: set[str] = set(self.findings_any or ()) | set(self.findings_all or ())
        counted = self.count_at_least.of if self.count_at_least else ()
        for sub in (*(self.any_of or ()), *(self.none_of or ()), *counted):
            names |= sub.findings_named()
        return names


Test = Callable[[Condition, Assessment], bool]
_TESTS: dict[str, Test] = {}


def _test(key: str) -> Callable[[Test], Test]:
    def wrap(fn: Test) -> Test:
        _TESTS[key] = fn
        return fn

    return wrap


def _sev(a: Assessment) -> int | None:
    values = [v for v in (a.severity, a.worst_severity) if v is not None]
    return max(values) if values else None


@_test("findings_any")
def _findings_any(c: Condition, a: Assessment) -> bool:
    return any(a.has(f) for f in c.findings_any or ())


@_test("findings_all")
def _findings_all(c: Condition, a: Assessment) -> bool:
    return all(a.has(f) for f in c.findings_all or ())


@_test("history_any")
def _history_any(c: Condition, a: Assessment) -> bool:
    return any(a.had(h) for h in c.history_any or ())


@_test("trigger_in")
def _trigger_in(c: Condition, a: Assessment) -> bool:
    return a.trigger is not None and a.trigger in (c.trigger_in or ())


@_test("radiation_in")
def _radiation_in(c: Condition, a: Assessment) -> bool:
    return a.radiation is not None and a.radiation in (c.radiation_in or ())


@_test("leg_sides")
def _leg_sides(c: Condition, a: Assessment) -> bool:
    return a.leg_sides == c.leg_sides


@_test("region_in")
def _region_in(c: Condition, a: Assessment) -> bool:
    return a.region is not None and a.region in (c.region_in or ())


@_test("onset")
def _onset(c: Condition, a: Assessment) -> bool:
    return a.onset == c.onset


@_test("pregnant")
def _pregnant(c: Condition, a: Assessment) -> bool:
    return a.pregnant is c.pregnant


@_test("worsens_any")
def _worsens_any(c: Condition, a: Assessment) -> bool:
    return any(w in (a.worsens or ()) for w in c.worsens_any or ())


@_test("eases_any")
def _eases_any(c: Condition, a: Assessment) -> bool:
    return any(e in (a.eases or ()) for e in c.eases_any or ())


@_test("age_at_least")
def _age_at_least(c: Condition, a: Assessment) -> bool:
    # Unknown age: treat as older, the safer side of every age rule.
    return a.age is None or a.age >= (c.age_at_least or 0)


@_test("age_below")
def _age_below(c: Condition, a: Assessment) -> bool:
    return a.age is not None and a.age < (c.age_below or 0)


@_test("duration_days_at_least")
def _duration_at_least(c: Condition, a: Assessment) -> bool:
    return a.duration_days is not None and a.duration_days >= (c.duration_days_at_least or 0)


@_test("duration_days_below")
def _duration_below(c: Condition, a: Assessment) -> bool:
    return a.duration_days is not None and a.duration_days < (c.duration_days_below or 0)


@_test("episodes_at_least")
def _episodes_at_least(c: Condition, a: Assessment) -> bool:
    return a.episodes_last_year is not None and a.episodes_last_year >= (c.episodes_at_least or 0)


@_test("severity_at_least")
def _severity_at_least(c: Condition, a: Assessment) -> bool:
    sev = _sev(a)
    return sev is not None and sev >= (c.severity_at_least or 0)


@_test("any_of")
def _any_of(c: Condition, a: Assessment) -> bool:
    return any(sub.holds(a) for sub in c.any_of or ())


@_test("none_of")
def _none_of(c: Condition, a: Assessment) -> bool:
    return not any(sub.holds(a) for sub in c.none_of or ())


@_test("count_at_least")
def _count_at_least(c: Condition, a: Assessment) -> bool:
    assert c.count_at_least is not None
    return sum(sub.holds(a) for sub in c.count_at_least.of) >= c.count_at_least.n


CountOf.model_rebuild()
Condition.model_rebuild()
