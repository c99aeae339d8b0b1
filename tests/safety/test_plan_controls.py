"""Controls in the relief plan that the hazard log relies on (HAZ-017 ... HAZ-022, HAZ-025):
medicines screened before they are named, doses within the label ceiling, nothing to do
but get help in an emergency, heat with its safety limits, imaging that follows triage."""

from __future__ import annotations

from datetime import date
from typing import Any

from backrelief.assessment import parse_assessment
from backrelief.knowledge import load_knowledge
from backrelief.plan import Plan, load_plan_knowledge, make_plan
from backrelief.triage import triage

TODAY = date(2026, 11, 26)
NSAID_CAUTIONS = ("kidney_disease", "stomach_ulcer_or_bleeding", "anticoagulants", "heart_failure",
                  "heart_disease_or_stroke", "nsaid_sensitive_asthma")


# A complete answer for a man of 30 with a plain spasm: every warning-sign question and
# every plan question answered, so that each test changes one thing.
COMPLETE: dict[str, Any] = {
    "age": 30, "sex": "male", "region": "lower", "radiation": "none", "severity": 5, "worst_severity": 6,
    "duration_days": 2, "onset": "sudden", "trigger": "lifting", "episodes_last_year": 0, "worsens": ["bending"],
    "findings": [], "history": [], "current_medicines": [], "weight_under_50kg": False,
    "numb_skin_or_poor_circulation": False, "regularly_active": True, "country": "uk",
}


def _plan(**given: Any) -> Plan:
    a = parse_assessment({**COMPLETE, **given})
    return make_plan(a, triage(a), TODAY)


def _status(plan: Plan) -> dict[str, str]:
    assert plan.medicines is not None
    return {m.id: m.status for m in plan.medicines.options}


def test_a_healthy_young_man_is_offered_one_nsaid_with_its_dose() -> None:
    plan = _plan()
    # One anti-inflammatory only; naproxen needs a prescription for back pain in the UK.
    assert _status(plan) == {"ibuprofen": "suggested", "naproxen": "check_first", "ibuprofen-gel": "check_first",
                             "paracetamol": "suggested"}
    us = _status(_plan(country="us"))
    assert us == {"ibuprofen": "suggested", "naproxen": "check_first", "ibuprofen-gel": "check_first",
                  "paracetamol": "suggested"}


def test_an_nsaid_is_never_suggested_to_someone_whose_history_rules_it_out() -> None:
    for caution in NSAID_CAUTIONS:
        plan = _plan(history=[caution])
        assert plan.medicines is not None
        for m in plan.medicines.options:
            if m.nsaid:
                assert m.status == "check_first", caution
                assert m.dose is None and m.max_mg_per_day is None, caution
                assert m.reasons[0].text.startswith("You told us about "), caution


def test_an_nsaid_is_not_suggested_when_its_cautions_were_never_asked() -> None:
    a = parse_assessment({"age": 30, "sex": "male", "findings": []})
    plan = make_plan(a, triage(a), TODAY)
    assert _status(plan)["ibuprofen"] == "check_first"
    assert plan.medicines is not None
    ibuprofen = plan.medicines.options[0]
    assert ibuprofen.reasons[0].text.startswith("We did not ask about ")
    assert ibuprofen.reasons[-1].text.startswith("So we do not suggest it for you.")


def test_no_nsaid_is_suggested_in_pregnancy_or_when_pregnancy_was_not_asked() -> None:
    for given in ({"sex": "female", "pregnant": True, "breastfeeding": False}, {"sex": "female", "breastfeeding": False},
                  {"sex": "other", "breastfeeding": False}):
        status = _status(_plan(**given))
        assert status == {"ibuprofen": "check_first", "naproxen": "check_first", "ibuprofen-gel": "check_first",
                          "paracetamol": "suggested"}, given


def test_no_dose_is_above_the_label_daily_ceiling() -> None:
    for med in load_plan_knowledge().medicines.medicines:
        if med.tablet_mg is None:
            continue
        assert med.daily_ceiling_mg is not None
        assert med.tablet_mg * (med.max_tablets_per_day or 0) <= med.daily_ceiling_mg, med.id
        assert med.max_mg_per_day is None or med.max_mg_per_day <= med.daily_ceiling_mg, med.id
        assert f"({med.daily_ceiling_mg:,} mg)" in med.dose, med.id
    plan = _plan()
    assert plan.medicines is not None
    for m in plan.medicines.options:
        if m.max_mg_per_day is not None:
            assert m.daily_ceiling_mg is not None and m.max_mg_per_day <= m.daily_ceiling_mg


def test_the_plan_warns_that_other_medicines_also_hold_paracetamol() -> None:
    plan = _plan()
    assert plan.medicines is not None
    paracetamol = next(m for m in plan.medicines.options if m.id == "paracetamol")
    assert any("Count them in the total" in n.text for n in paracetamol.notes)


def test_an_emergency_plan_holds_nothing_but_getting_help() -> None:
    plan = _plan(findings=["saddle_numbness"])
    assert plan.emergency is True
    assert plan.now[0].text == load_knowledge().dispositions["emergency"].action
    assert plan.now[1].id == "emergency-help"
    assert (plan.medicines, plan.programme, plan.readiness) == (None, None, None)
    assert (plan.exercises, plan.heat_cold, plan.moving, plan.calendar) == ((), (), (), ())


def test_an_urgent_plan_holds_back_every_exercise_level_until_a_doctor_has_looked() -> None:
    plan = _plan(findings=["leg_weakness"])
    assert plan.disposition == "urgent"
    assert plan.programme is not None
    assert plan.programme.status == "after_doctor"
    assert [lvl.open_now for lvl in plan.programme.levels] == [False] * len(plan.programme.levels)


def test_heat_advice_carries_its_burn_safety_limits() -> None:
    ids = [a.id for a in _plan().heat_cold_safety]
    assert {"never-on-skin", "check-skin", "never-asleep", "who-should-not"} <= set(ids)
    numb = [a.id for a in _plan(findings=["leg_numbness"]).heat_cold_safety]
    assert "numb-leg" in numb
    older = [a.id for a in _plan(age=70).heat_cold_safety]
    assert "older-skin" in older


def test_imaging_advice_follows_the_triage_level() -> None:
    self_care = [a.id for a in _plan().imaging]
    assert self_care[0] == "no-scan-now"
    urgent = [a.id for a in _plan(findings=["leg_weakness"]).imaging]
    assert urgent[0] == "doctor-decides" and "no-scan-now" not in urgent
    emergency = [a.id for a in _plan(findings=["saddle_numbness"]).imaging]
    assert emergency == ["doctor-decides"]


def test_a_self_care_plan_sets_a_review_date_and_lists_the_warning_signs() -> None:
    plan = _plan(duration_days=2)
    assert plan.disposition == "self_care"
    assert plan.who_to_see.review_date > TODAY
    assert plan.who_to_see.warning_signs is not None
    assert "Both legs" in plan.who_to_see.warning_signs.text


def test_every_plan_carries_emergency_help_and_not_a_diagnosis() -> None:
    for given in ({}, {"findings": ["leg_weakness"]}, {"findings": ["saddle_numbness"]}):
        plan = _plan(**given)
        assert "999" in plan.emergency_help
        assert plan.not_a_diagnosis.startswith("backrelief is not a diagnosis")
