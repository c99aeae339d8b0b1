"""The relevance pruning is safe: when the interview ends, no question it did not ask has
an answer that would raise the level: tried for every unasked question alone, and for every
pair of unasked questions that one rule with two or more conditions names together
(hazard HAZ-056). The people are the vignettes and random people (hypothesis)."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backrelief.assessment import EASES, FINDINGS, HISTORY, RADIATIONS, REGIONS, TRIGGERS, WORSENS
from backrelief.interview import InterviewState, progress
from backrelief.interview.relevance import Partial, askable_questions
from backrelief.interview.simulate import Person, pages, start
from backrelief.knowledge import URGENCY, Knowledge, Question, load_knowledge
from backrelief.knowledge.conditions import Condition
from backrelief.triage import triage

K = load_knowledge()
REPO = Path(__file__).resolve().parents[2]


def _numbers(key: str) -> set[int]:
    """Every threshold a rule uses for this field, and either side of it."""
    found: set[int] = {0}

    def walk(c: Condition) -> None:
        for name, value in c:
            if isinstance(value, int) and not isinstance(value, bool) and name.startswith(key):
                found.update({value - 1, value, value + 1})
            if name in ("any_of", "none_of") and value:
                for sub in value:
                    walk(sub)
            if name == "count_at_least" and value:
                for sub in value.of:
                    walk(sub)

    for rule in K.rules:
        walk(rule.when)
    return found


NUMBERS = {"age": {n for n in _numbers("age") | {16, 110} if 16 <= n <= 110},
           "severity": {n for n in _numbers("severity") | {10} if 0 <= n <= 10},
           "worst_severity": {n for n in _numbers("severity") | {10} if 0 <= n <= 10},
           "duration_days": {n for n in _numbers("duration_days") if n >= 0},
           "episodes_last_year": {n for n in _numbers("episodes") if n >= 0}}


def answers_to_try(q: Question) -> list[Any]:
    if q.asks == "finding":
        return ["yes", "unsure"]
    if q.asks == "history":
        return ["yes"]
    if q.id == "pregnant":
        return [True]
    if q.id in NUMBERS:
        return sorted(NUMBERS[q.id])
    if q.id in ("worsens", "eases"):
        return [[c.value] for c in q.choices] + [[c.value for c in q.choices]]
    return [c.value for c in q.choices]


def with_answer(state: InterviewState, q: Question, value: Any) -> InterviewState:
    s = state.model_copy(deep=True)
    if q.asks == "field":
        s.record_field(q.id, value)
    else:
        s.record_answer(q.asks, q.id, value)
    return s


def unasked(state: InterviewState, k: Knowledge) -> list[Question]:
    a = state.assessment()
    p = Partial(state, a, askable_questions(k))
    out = []
    for q in k.screen:
        if q.asks == "field":
            if p.field_open(q.id):
                out.append(q)
        elif q.asks == "finding":
            if a.finding_status(q.id) == "unknown":  # type: ignore[arg-type]
                out.append(q)
        elif a.history_status(q.id) == "unknown" and q.id not in state.history:  # type: ignore[arg-type]
            out.append(q)
    return out


def named(c: Condition) -> set[str]:
    names: set[str] = {*(c.findings_any or ()), *(c.findings_all or ()), *(c.history_any or ())}
    for key, field in (("trigger_in", "trigger"), ("radiation_in", "radiation"), ("leg_sides", "leg_sides"),
                       ("region_in", "region"), ("onset", "onset"), ("pregnant", "pregnant"),
                       ("worsens_any", "worsens"), ("eases_any", "eases"), ("age_at_least", "age"),
                       ("age_below", "age"), ("duration_days_at_least", "duration_days"),
                       ("duration_days_below", "duration_days"), ("episodes_at_least", "episodes_last_year"),
                       ("severity_at_least", "severity")):
        if getattr(c, key) is not None:
            names.add(field)
    for sub in (*(c.any_of or ()), *(c.none_of or ()), *(c.count_at_least.of if c.count_at_least else ())):
        names |= named(sub)
    return names


MULTI = [named(r.when) for r in K.rules if not r.fallback and len(named(r.when)) >= 2]


def check_nothing_left_raises(state: InterviewState) -> None:
    now = progress(state, K)
    assert now.next is None
    level = URGENCY[now.triage.disposition]
    if now.triage.is_emergency:
        return
    left = unasked(state, K)
    for q in left:
        for value in answers_to_try(q):
            after = triage(with_answer(state, q, value).assessment(), K).disposition
            assert URGENCY[after] <= level, f"{q.id}={value} raises {now.triage.disposition} to {after}"
    ids = {q.id: q for q in left}
    for names in MULTI:
        both = sorted(n for n in names if n in ids)
        for first, second in itertools.combinations(both, 2):
            for v1 in answers_to_try(ids[first])[:6]:
                once = with_answer(state, ids[first], v1)
                for v2 in answers_to_try(ids[second])[:6]:
                    if second == "leg_sides" and once.assessment().radiation == "none":
                        continue
                    after = triage(with_answer(once, ids[second], v2).assessment(), K).disposition
                    assert URGENCY[after] <= level, f"{first}={v1}, {second}={v2} raise the level to {after}"


def finished(data: dict[str, Any], state: InterviewState) -> InterviewState:
    pages(state, Person(data), K)
    return state


def vignettes() -> list[dict[str, Any]]:
    out = []
    for name in ("dev.jsonl", "holdout.jsonl"):
        out += [json.loads(line) for line in (REPO / "data" / "vignettes" / name).read_text().splitlines() if line]
    return out


@pytest.mark.parametrize("vignette", vignettes(), ids=lambda v: v["id"])
def test_no_unasked_question_would_raise_the_level_for_a_vignette_person(vignette: dict[str, Any]) -> None:
    check_nothing_left_raises(finished(vignette["input"], InterviewState()))


people = st.fixed_dictionaries({
    "age": st.one_of(st.none(), st.integers(16, 110)),
    "sex": st.sampled_from(["female", "male", "other"]),
    "region": st.one_of(st.none(), st.sampled_from(REGIONS)),
    "radiation": st.one_of(st.none(), st.sampled_from(RADIATIONS)),
    "trigger": st.one_of(st.none(), st.sampled_from(TRIGGERS)),
    "onset": st.one_of(st.none(), st.sampled_from(["sudden", "gradual"])),
    "severity": st.one_of(st.none(), st.integers(0, 10)),
    "duration_days": st.one_of(st.none(), st.sampled_from([0, 2, 3, 20, 21, 28, 89, 90, 400])),
    "episodes_last_year": st.one_of(st.none(), st.integers(0, 5)),
    "worsens": st.one_of(st.none(), st.lists(st.sampled_from(WORSENS), max_size=2)),
    "eases": st.one_of(st.none(), st.lists(st.sampled_from(EASES), max_size=2)),
    "findings": st.lists(st.sampled_from(FINDINGS), max_size=2),
    "findings_unsure": st.lists(st.sampled_from(FINDINGS), max_size=1),
    "history": st.lists(st.sampled_from(HISTORY), max_size=2),
    "pregnant": st.one_of(st.none(), st.booleans()),
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people)
def test_no_unasked_question_would_raise_the_level_for_anyone(person: dict[str, Any]) -> None:
    data = {k: v for k, v in person.items() if v is not None}
    data["findings_unsure"] = [f for f in data.get("findings_unsure", []) if f not in data.get("findings", [])]
    check_nothing_left_raises(finished(data, InterviewState()))


@pytest.mark.parametrize("vignette", vignettes()[:40], ids=lambda v: v["id"])
def test_after_own_words_no_unasked_question_would_raise_the_level(vignette: dict[str, Any]) -> None:
    state = start("dialogue", vignette["narrative"], date(2026, 12, 2))
    check_nothing_left_raises(finished(vignette["input"], state))
