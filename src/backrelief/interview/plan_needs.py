"""What the relief plan needs to know: the medicine screen's history items, pregnancy when
it could apply, and age (the anti-inflammatory age caution). Asked on every path whenever a
plan will be shown, so the own-words path gets a medicine screen too.
"""

from __future__ import annotations

from functools import cache

from backrelief.assessment import Assessment, pregnancy_possible


@cache
def _medicine_history() -> frozenset[str]:
    from backrelief.plan.knowledge import load_plan_knowledge

    screens = load_plan_knowledge().medicines.screens
    return frozenset(c.history for c in (*screens.nsaid, *screens.paracetamol))


def plan_questions(a: Assessment) -> frozenset[str]:
    """Question ids the plan's medicine screen reads (answered or not)."""
    wanted = set(_medicine_history()) | {"age"}
    if pregnancy_possible(a.sex, a.age):
        wanted |= {"pregnant", "sex"}
    return frozenset(wanted)
