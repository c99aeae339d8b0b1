"""The relief and prevention plan: what to do now, medicines with a safety screen, whom to
see and when, when a scan helps, and a graded exercise programme with a readiness check.

    from backrelief.plan import make_plan
    plan = make_plan(assessment, triage(assessment), date.today())
"""

from backrelief.knowledge.plan import PlanKnowledge, load_plan_knowledge, medicine_ceilings
from backrelief.plan.make import make_plan
from backrelief.plan.medicines import daily_ceiling_mg
from backrelief.plan.model import Plan
from backrelief.plan.programme import readiness_to_ask

__all__ = ["Plan", "PlanKnowledge", "daily_ceiling_mg", "load_plan_knowledge", "make_plan", "medicine_ceilings",
           "readiness_to_ask"]
