"""Rules indexed once for triage, so triage costs about as much as validating the input
(issue 3's throughput target).

The meaning of a condition is `conditions.compile_condition` and nothing else; this
module only decides which rules are worth trying for a person: rules whose condition
needs a finding, history item or other categorical fact the person does not have are
never looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backrelief.knowledge.conditions import KEYS, Check, Condition, Facts, check_of, token


def gate(c: Condition) -> frozenset[str] | None:
    """Tokens of which at least one must be present for the condition to hold, or None
    when the condition must always be tried (see `Facts.tokens`)."""
    values = c.__dict__
    for name, key in KEYS.items():
        value = values[name]
        if value is None or key.if_unknown or key.kind in ("at_least", "below"):
            continue
        if key.kind == "all":
            # Every item is needed, so the first one alone gates it.
            return frozenset({token(key.fact, value[0])}) if value else None
        items = value if isinstance(value, tuple) else (value,)
        return frozenset(token(key.fact, item) for item in items)
    if c.any_of:
        # Any one branch can satisfy it: gate on the union, if every branch is gated.
        branches = [gate(sub) for sub in c.any_of]
        if all(b is not None for b in branches):
            return frozenset().union(*(b for b in branches if b is not None))
    return None


@dataclass(frozen=True)
class RuleIndex:
    """Rule indexes and checks: `always` rules are tried for everyone; `gated` ones only
    when the person has one of their gate items."""

    checks: tuple[Check, ...]
    always: tuple[int, ...]
    gated: dict[str, tuple[int, ...]]

    def candidates(self, facts: Facts) -> Sequence[int]:
        """The rules worth trying, in rule order."""
        opened = self.gated.keys() & facts.tokens
        if not opened:
            return self.always  # most people open no gate: no set, no sort
        found: set[int] = set(self.always)
        gated = self.gated
        for item in opened:
            found.update(gated[item])
        return sorted(found)


def compile_rules(conditions: list[Condition]) -> RuleIndex:
    always: list[int] = []
    gated: dict[str, list[int]] = {}
    for index, condition in enumerate(conditions):
        items = gate(condition)
        if items is None:
            always.append(index)
        else:
            for item in items:
                gated.setdefault(item, []).append(index)
    return RuleIndex(
        checks=tuple(check_of(c) for c in conditions),
        always=tuple(always),  # in rule order, as candidates() gives them
        gated={name: tuple(indexes) for name, indexes in gated.items()},
    )
