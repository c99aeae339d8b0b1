"""make_plan: (Assessment, Triage, today) -> Plan. Pure: no I/O beyond the cached
knowledge, no clock (today is an argument)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backrelief.assessment import Assessment
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.plan import load_plan_knowledge
from backrelief.plan import programme as prog
from backrelief.plan import relief
from backrelief.plan.medicines import medicines_for
from backrelief.plan.model import Plan, StillToAsk
from backrelief.plan.questions import questions_plan_needs
from backrelief.triage import Triage


def make_plan(assessment: Assessment, triage: Triage, today: date,
              readiness: Mapping[str, bool] | None = None, level: int = 1) -> Plan:
    """The relief and prevention plan for this person.

    `readiness` holds the person's answers to the readiness questions by id, when they
    have been asked; anything the assessment already says (a heart problem, pregnancy)
    counts as "yes" whatever the answer.

    An emergency plan starts with the emergency instruction and holds nothing else to
    do: no heat, no medicines, no exercise programme.

    `level` is the exercise level the person has reached by the move-up rule, as they
    confirm it; the programme opens that one level (no higher than readiness allows),
    never the next one by date. With warning-sign questions unanswered the plan says so
    first (`complete` false) and holds the programme and the heat and ice sessions.
    """
    knowledge = load_knowledge()
    pk = load_plan_knowledge()
    a, t = assessment, triage
    who = relief.who_to_see(a, t, knowledge, pk, today)
    common = {
        "made_on": today,
        "knowledge_version": pk.version,
        "disposition": t.disposition,
        "emergency": t.is_emergency,
        "now": relief.now(a, t, knowledge, pk),
        "who_to_see": who,
        "imaging": relief.imaging(a, t, pk),
        "not_a_diagnosis": t.not_a_diagnosis,
        "emergency_help": t.emergency_help,
        # `complete` is the triage's: false while a warning-sign question is still worth
        # asking. A finished interview leaves out only questions that cannot change the
        # answer (triage.settled), and those do not hold the plan.
        "complete": t.complete,
        "warning_signs_unasked": () if t.complete else t.red_flags_unasked,
    }
    if t.is_emergency:
        return Plan(heat_cold=(), heat_cold_safety=(), moving=(), expect=(), medicines=None, readiness=None,
                    programme=None, exercises=(), calendar=(), **common)
    heat_cold = relief.sessions(a, t, pk)
    safety = relief.chosen(pk.relief.heat_cold, a)
    ready = prog.readiness(a, pk, readiness)
    programme = prog.programme(a, t, pk, ready, today, level)
    exercises = prog.exercises(pk, a)
    against = (("heat", "cold") if relief.heat_cold_held(a, t) is not None else ()) + tuple(
        f"exercise-level-{lvl.number}" for lvl in programme.levels if not lvl.open_now)
    still = tuple(StillToAsk(id=q.id, asks=q.asks, text=q.text, needed_for=q.needed_for)
                  for q in questions_plan_needs(a, t, pk))
    return Plan(
        advised_against=against,
        still_to_ask=still,
        heat_cold=heat_cold,
        heat_cold_safety=safety,
        moving=relief.chosen(pk.relief.moving, a),
        expect=relief.chosen(pk.relief.expect, a),
        medicines=medicines_for(a, pk),
        readiness=ready,
        programme=programme,
        exercises=exercises,
        calendar=prog.calendar(heat_cold, safety, programme, exercises, pk, who, today),
        **common,
    )
