"""A plan for each named person in issue 4, read as that person would read it."""

from __future__ import annotations

from datetime import date

from backrelief.plan.model import MedicineAdvice, Plan
from tests.plan.conftest import PlanFor, plan_of


def _med(plan: Plan, medicine_id: str) -> MedicineAdvice:
    assert plan.medicines is not None
    return next(m for m in plan.medicines.options if m.id == medicine_id)


def _statuses(plan: Plan) -> dict[str, str]:
    assert plan.medicines is not None
    return {m.id: m.status for m in plan.medicines.options}


def test_simple_spasm_after_lifting_gets_heat_first_one_anti_inflammatory_and_paracetamol(plan_for: PlanFor) -> None:
    plan = plan_for("simple_spasm")
    assert plan.disposition == "self_care"
    assert [a.id for a in plan.now] == ["self_care", "heat", "cold"]
    assert [(s.id, s.minutes, s.times_a_day, s.days, s.start_day) for s in plan.heat_cold] == [("heat", 20, 3, 7, 0)]
    # Never two anti-inflammatory medicines; naproxen needs a prescription in the UK.
    assert _statuses(plan) == {"ibuprofen": "suggested", "naproxen": "check_first", "ibuprofen-gel": "check_first",
                               "paracetamol": "suggested"}
    assert [r.id for r in _med(plan, "naproxen").reasons] == ["naproxen-country", "naproxen-one-nsaid",
                                                               "naproxen-check-first"]
    ibuprofen = _med(plan, "ibuprofen")
    assert ibuprofen.max_mg_per_day == 1200
    assert ibuprofen.dose is not None and "Never take more than 6 tablets (1,200 mg) in 24 hours." in ibuprofen.dose
    # Two days in: review 14 days after it began.
    assert plan.who_to_see.review_date == date(2026, 12, 8)
    assert plan.who_to_see.review.text == "Not clearly better by Tuesday 8 December 2026? Then see a GP, a physio " \
                                          "or a pharmacist."
    assert [a.id for a in plan.imaging][:1] == ["no-scan-now"]
    assert plan.programme is not None and plan.programme.status == "answer_readiness_first"
    # Readiness unanswered: the gentle level only, never the stronger ones by date.
    assert [lvl.open_now for lvl in plan.programme.levels] == [True, False, False]


def test_one_sided_sciatica_walks_within_the_leg_pain_and_is_told_no_scan_is_needed(plan_for: PlanFor) -> None:
    plan = plan_for("one_sided_sciatica")
    assert plan.disposition == "self_care"
    assert "leg-pain-walks" in [a.id for a in plan.moving]
    assert plan.imaging[0].id == "no-scan-now"
    assert _statuses(plan)["ibuprofen"] == "suggested"
    assert plan.who_to_see.review_date == date(2026, 12, 5)
    assert plan.medicines is not None
    assert [a.id for a in plan.medicines.discuss_with_doctor] == ["muscle-relaxants", "injections", "opioids"]


def test_stomach_ulcer_and_kidney_disease_screen_out_every_medicine_with_the_reasons(plan_for: PlanFor) -> None:
    plan = plan_for("ulcer_and_kidney")
    assert _statuses(plan) == {"ibuprofen": "check_first", "naproxen": "check_first",
                               "ibuprofen-gel": "check_first", "paracetamol": "check_first"}
    ibuprofen = _med(plan, "ibuprofen")
    assert [r.id for r in ibuprofen.reasons] == ["ibuprofen-stomach", "ibuprofen-kidney", "ibuprofen-check-first"]
    assert ibuprofen.reasons[0].text == ("You told us about a stomach ulcer or bleeding in the gut. These medicines "
                                         "can cause new bleeding in the gut.")
    assert ibuprofen.dose is None and ibuprofen.max_mg_per_day is None
    assert [r.id for r in _med(plan, "paracetamol").reasons] == ["paracetamol-kidney", "paracetamol-check-first"]
    # Kidney disease is a long-term illness: gentle level only until a doctor agrees.
    assert plan.readiness is not None and plan.readiness.outcome == "see_doctor_first"
    assert plan.programme is not None and plan.programme.status == "gentle_only"
    assert [c.id for c in plan.calendar if c.id.startswith("exercise")] == [
        "exercise-level-1-1", "exercise-level-1-2", "exercise-level-1-3"]


def test_pregnancy_screens_out_nsaids_keeps_paracetamol_and_keeps_heat_off_the_belly(plan_for: PlanFor) -> None:
    plan = plan_for("pregnant")
    assert _statuses(plan) == {"ibuprofen": "check_first", "naproxen": "check_first",
                               "ibuprofen-gel": "check_first", "paracetamol": "suggested"}
    assert [r.id for r in _med(plan, "naproxen").reasons] == ["naproxen-pregnancy", "naproxen-country",
                                                               "naproxen-check-first"]
    assert "pregnant-belly" in [a.id for a in plan.heat_cold_safety]
    assert plan.readiness is not None
    assert [q.id for q in plan.readiness.questions if q.answer == "yes"] == ["pregnant"]
    assert plan.programme is not None and plan.programme.status == "gentle_only"


def test_age_80_with_osteoporosis_sees_a_doctor_today_and_waits_for_the_exercises(plan_for: PlanFor) -> None:
    plan = plan_for("age_80_osteoporosis")
    assert plan.disposition == "urgent"
    assert plan.now[0].id == "urgent"
    assert plan.who_to_see.review_date == date(2026, 11, 26)
    assert plan.who_to_see.review.text == "See a doctor today, Thursday 26 November 2026."
    assert _statuses(plan) == {"ibuprofen": "check_first", "naproxen": "check_first",
                               "ibuprofen-gel": "suggested", "paracetamol": "suggested"}
    assert _med(plan, "ibuprofen").reasons[0].text == ("You told us you are 80. From the age of 60, these tablets "
                                                       "are more likely to cause bleeding in the gut.")
    assert "older-skin" in [a.id for a in plan.heat_cold_safety]
    assert plan.imaging[0].id == "doctor-decides"
    assert plan.programme is not None and plan.programme.status == "after_doctor"
    assert [lvl.open_now for lvl in plan.programme.levels] == [False, False, False]
    assert [c.id for c in plan.calendar] == ["heat-1", "heat-2", "heat-3"]


def test_an_emergency_plan_starts_with_the_emergency_instruction_and_holds_nothing_else_to_do(
        plan_for: PlanFor) -> None:
    plan = plan_for("emergency")
    assert plan.emergency is True
    assert [a.id for a in plan.now] == ["emergency", "emergency-help"]
    assert plan.now[0].text.startswith("Call 999")
    assert (plan.programme, plan.readiness, plan.medicines) == (None, None, None)
    assert (plan.exercises, plan.calendar, plan.heat_cold) == ((), (), ())


def test_history_never_asked_is_not_no_so_no_nsaid_is_suggested_and_the_plan_says_why() -> None:
    plan = plan_of({"sex": "male", "region": "lower", "duration_days": 1, "findings": []})
    ibuprofen = _med(plan, "ibuprofen")
    assert ibuprofen.status == "check_first"
    assert ibuprofen.reasons[0].text == ("We did not ask about a stomach ulcer or bleeding in the gut. These "
                                         "medicines can cause new bleeding in the gut.")
    # An unknown age is taken as the older one.
    assert "ibuprofen-age" in [r.id for r in ibuprofen.reasons]
    assert ibuprofen.reasons[-1].text == ("So we do not suggest it for you. Ask a pharmacist or doctor before "
                                          "you take it.")


def test_pregnancy_not_asked_of_a_woman_under_60_screens_out_nsaids() -> None:
    plan = plan_of({"age": 30, "sex": "female", "findings": [], "history": [], "current_medicines": [],
                    "breastfeeding": False})
    assert [r.id for r in _med(plan, "ibuprofen").reasons] == ["ibuprofen-pregnancy", "ibuprofen-check-first"]
    assert _med(plan, "ibuprofen").reasons[0].text.startswith("We did not ask if you are pregnant.")


def test_readiness_answers_open_the_programme_but_never_overrule_what_the_person_told_us() -> None:
    from backrelief.assessment import parse_assessment
    from backrelief.plan import make_plan
    from backrelief.triage import triage
    from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, TODAY

    spasm = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]})
    all_no = {q: False for q in ("heart", "chest", "faint", "long-term", "bones", "pregnant", "operation",
                                 "supervised", "inactive")}
    plan = make_plan(spasm, triage(spasm), TODAY, readiness=all_no)
    assert plan.readiness is not None and plan.readiness.outcome == "clear"
    assert plan.programme is not None and plan.programme.status == "ready"
    assert plan.programme.status_advice is None
    ulcer = parse_assessment({**PLAN_ANSWERS, **PEOPLE["ulcer_and_kidney"]})
    plan = make_plan(ulcer, triage(ulcer), TODAY, readiness=all_no)
    assert plan.readiness is not None and plan.readiness.outcome == "see_doctor_first"
    assert [(q.id, q.from_assessment) for q in plan.readiness.questions if q.answer == "yes"] == [("long-term", True)]


def test_a_knock_or_fall_means_cold_for_two_days_then_heat() -> None:
    from tests.plan.conftest import PEOPLE, PLAN_ANSWERS

    plan = plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"], "trigger": "fall", "severity": 3, "worst_severity": 4})
    assert "cold-after-knock" in [a.id for a in plan.now]
    assert [(s.id, s.start_day, s.days) for s in plan.heat_cold] == [("cold", 0, 2), ("heat", 2, 5)]
