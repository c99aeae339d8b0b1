"""No plan ever contradicts itself: no calendar event for anything its text advises
against, no medicine shown as suggested that the screen blocks, never two NSAIDs, and no
exercise level open above what readiness allows (HAZ-040 ... HAZ-043)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backrelief.assessment import CURRENT_MEDICINES, parse_assessment
from backrelief.plan import load_plan_knowledge, make_plan
from backrelief.plan.medicines import blocks
from backrelief.triage import triage
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS

TODAY = date(2026, 11, 26)
TRI = st.sampled_from([True, False, "not_sure", None])
FINDINGS = ["fever", "leg_numbness", "chills_or_night_sweats", "night_pain_at_rest", "leg_weakness"]
HISTORY = ["cancer", "kidney_disease", "stomach_ulcer_or_bleeding", "anticoagulants", "osteoporosis", "sedentary"]


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    base: dict[str, Any] = {**PLAN_ANSWERS, **PEOPLE[draw(st.sampled_from(sorted(PEOPLE)))]}
    base["age"] = draw(st.integers(min_value=16, max_value=95))
    for key in ("breastfeeding", "weight_under_50kg", "regularly_active", "numb_skin_or_poor_circulation"):
        value = draw(TRI)
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    base["country"] = draw(st.sampled_from(["uk", "us", "other", None]))
    if base["country"] is None:
        del base["country"]
    taken = draw(st.lists(st.sampled_from(CURRENT_MEDICINES), unique=True, max_size=3))
    unsure = [m for m in draw(st.lists(st.sampled_from(CURRENT_MEDICINES), unique=True, max_size=2)) if m not in taken]
    base["current_medicines"], base["current_medicines_unsure"] = taken, unsure
    base["current_medicines_absent"] = [m for m in CURRENT_MEDICINES if m not in taken and m not in unsure]
    if draw(st.booleans()):
        base["current_medicines_absent"] = base["current_medicines_absent"][: draw(st.integers(0, 8))]
    base["findings"] = draw(st.lists(st.sampled_from(FINDINGS), unique=True, max_size=2))
    base["history"] = draw(st.lists(st.sampled_from(HISTORY), unique=True, max_size=2))
    if draw(st.booleans()):
        base.pop("onset", None)  # a warning-sign question left unanswered
    if base.get("sex") != "female":
        base.pop("pregnant", None)
    return base


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.integers(min_value=1, max_value=4))
def test_no_plan_books_what_it_advises_against_or_shows_what_its_screen_blocks(data: dict[str, Any],
                                                                              level: int) -> None:
    a = parse_assessment(data)
    t = triage(a)
    plan = make_plan(a, t, TODAY, level=level)
    pk = load_plan_knowledge()
    booked = {c.id.rsplit("-", 1)[0] if c.id.startswith(("heat-", "cold-")) else c.booked for c in plan.calendar}
    # 1. Nothing the text advises against is in the calendar.
    assert not booked & set(plan.advised_against), (booked, plan.advised_against)
    # Heat is never booked with a fever, with numb skin or poor blood flow, or while unknown.
    if {"heat", "cold"} & booked:
        assert a.finding_status("fever") == "no"
        assert a.answer_status("numb_skin_or_poor_circulation") == "no"
        assert not any(x.id.startswith("heat-cold-held") for x in plan.now)
    # 2. No medicine shown as suggested that the screen blocks; never two NSAIDs.
    if plan.medicines is not None:
        suggested = [m for m in plan.medicines.options if m.suggested]
        for m in suggested:
            assert not blocks(pk.medicine(m.id), a, pk), m.id
            assert m.dose is not None
        assert sum(1 for m in suggested if m.nsaid) <= 1
        if a.medicine_status("other_nsaid") != "no" or a.medicine_status("antiplatelet_or_low_dose_aspirin") != "no":
            assert not any(m.nsaid for m in suggested)
    # 3. No exercise level above what readiness and the triage allow.
    if plan.programme is not None:
        open_levels = [lvl.number for lvl in plan.programme.levels if lvl.open_now]
        assert len(open_levels) <= 1
        booked_levels = {int(c.booked.rsplit("-", 1)[1]) for c in plan.calendar if c.booked.startswith("exercise-level-")}
        assert booked_levels == set(open_levels)
        if plan.programme.status != "ready":
            assert all(n == 1 for n in open_levels)
        if not plan.complete or t.disposition in ("urgent", "emergency"):
            assert open_levels == []
        if a.pregnant is True:
            lying = {e.id for e in pk.exercises.exercises if e.lying_down}
            assert not lying & {e.id for e in plan.exercises}
    # 4. "You do not need a scan" never sits beside a warning sign or unanswered questions.
    if "no-scan-now" in [i.id for i in plan.imaging]:
        assert plan.complete and not any(r.red_flag for r in t.reasons)


def test_readiness_unanswered_opens_only_the_gentle_level_whatever_level_is_asked_for() -> None:
    a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]})
    plan = make_plan(a, triage(a), TODAY, level=3)
    assert plan.programme is not None and plan.programme.current_level == 1
    assert list(dict.fromkeys(c.booked for c in plan.calendar if c.booked.startswith("exercise"))) == ["exercise-level-1"]


def test_moving_up_follows_the_level_the_person_confirms_not_the_calendar() -> None:
    a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]})
    clear = {q.id: False for q in load_plan_knowledge().readiness.questions}
    first = make_plan(a, triage(a), TODAY, readiness=clear)
    assert list(dict.fromkeys(c.booked for c in first.calendar if c.booked.startswith("exercise"))) == ["exercise-level-1"]
    assert "exercise-level-3" in first.advised_against  # no planks booked from day 14
    later = make_plan(a, triage(a), TODAY, readiness=clear, level=3)
    assert list(dict.fromkeys(c.booked for c in later.calendar if c.booked.startswith("exercise"))) == ["exercise-level-3"]


def test_an_inactive_person_is_told_to_get_a_doctors_word_before_starting() -> None:
    a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"], "regularly_active": False})
    plan = make_plan(a, triage(a), TODAY)
    assert plan.programme is not None and plan.programme.status == "gentle_only"
    assert plan.programme.status_advice is not None and plan.programme.status_advice.id == "inactive"


def test_a_fever_or_numb_skin_holds_heat_and_ice_and_the_calendar_books_none() -> None:
    for change in ({"findings": ["fever"]}, {"numb_skin_or_poor_circulation": True},
                   {"numb_skin_or_poor_circulation": "not_sure"}):
        a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"], **change})
        plan = make_plan(a, triage(a), TODAY)
        assert not [c for c in plan.calendar if c.id.startswith(("heat", "cold"))], change
        assert {"heat", "cold"} <= set(plan.advised_against)


def test_a_past_cancer_is_never_told_it_does_not_need_a_scan() -> None:
    a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["simple_spasm"], "age": 60, "history": ["cancer"]})
    plan = make_plan(a, triage(a), TODAY)
    ids = [i.id for i in plan.imaging]
    assert "no-scan-now" not in ids and "warning-sign-scan" in ids


def test_in_pregnancy_no_lying_down_exercise_is_shown_or_booked() -> None:
    a = parse_assessment({**PLAN_ANSWERS, **PEOPLE["pregnant"]})
    plan = make_plan(a, triage(a), TODAY)
    assert not {"knee-rolls", "pelvic-tilt", "bridge", "curl-up", "front-plank"} & {e.id for e in plan.exercises}
    assert plan.programme is not None and "pregnant-positions" in [r.id for r in plan.programme.rules]


def test_warning_signs_unasked_make_the_plan_incomplete_and_hold_the_programme() -> None:
    a = parse_assessment({"age": 40})
    plan = make_plan(a, triage(a), TODAY)
    assert plan.complete is False and plan.warning_signs_unasked
    assert plan.programme is not None and plan.programme.status == "answer_warning_signs_first"
    assert not [c for c in plan.calendar if c.id not in ("review", "review-again")]
    t = triage(a)
    assert t.complete is False and [q.id for q in t.questions_to_ask] == list(t.red_flags_unasked)
