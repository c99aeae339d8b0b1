"""What the relief plan needs to know, from the plan's own account of it
(`plan.questions.questions_plan_needs`: the medicine screen's history items and current
medicines, pregnancy, breastfeeding, weight, skin and activity, only where they could change
what the plan offers), and the sex and age that decide whether pregnancy is asked.
Asked on every path whenever a plan will be shown, the own-words path included.
"""

from __future__ import annotations

from backrelief.assessment import Assessment, pregnancy_possible
from backrelief.triage import Triage


def plan_questions(assessment: Assessment, result: Triage) -> frozenset[str]:
    """Question ids the plan still needs (empty in an emergency)."""
    from backrelief.plan.questions import questions_plan_needs

    if result.is_emergency:
        return frozenset()
    wanted = {q.id for q in questions_plan_needs(assessment, result)} | {"age"}
    if pregnancy_possible(assessment.sex, assessment.age):
        wanted |= {"sex"}
    return frozenset(wanted)
