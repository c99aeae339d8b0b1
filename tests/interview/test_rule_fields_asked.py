"""Every fact a rule reads can be asked: for each finding, history item and field that any
rule in red_flags.yaml names, the interview has a question that sets it, and the relevance
logic asks it while it is unknown and could still raise the level. A field the interview
could never ask would leave that rule silent on the questions path (the worst pain in the
last 24 hours was once such a field)."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.interview import InterviewState, progress
from backrelief.interview.layout import layout
from backrelief.interview.simulate import Person, pages
from backrelief.knowledge import URGENCY, Level, load_knowledge
from backrelief.knowledge.conditions import KEYS, mentions

K = load_knowledge()
LAY = layout(K)


def _named() -> list[tuple[str, str]]:
    out = set()
    for rule in K.rules:
        m = mentions(rule.when)
        out |= {(rule.id, f) for f in m.findings | m.history | m.fields}
    return sorted(out)


@pytest.mark.parametrize(("rule", "name"), _named())
def test_every_fact_a_rule_names_has_a_question_that_sets_it(rule: str, name: str) -> None:
    assert name in LAY.by_id, f"rule {rule} reads {name}, which no interview question asks"


MULTI = sorted({k.fields for k in KEYS.values() if len(k.fields) > 1})


@pytest.mark.parametrize("fields", MULTI, ids="+".join)
def test_a_test_on_several_fields_asks_each_while_the_others_do_not_settle_it(fields: tuple[str, ...]) -> None:
    # Answer every field but one with the lowest value: each left-out field must still be asked
    # whenever some rule on these fields is more urgent than today's answer.
    for left_out in fields:
        state = InterviewState()
        state.record_field("age", 40)
        for f in fields:
            if f != left_out:
                state.record_field(f, 0)
        now = progress(state, K)
        raising = [r for r in K.rules if not r.fallback and URGENCY[r.level] > URGENCY[now.triage.disposition]
                   and mentions(r.when).fields & set(fields)]
        if raising:
            assert left_out in now.relevant, f"{left_out} is never asked once {set(fields) - {left_out}} is answered"


def _run(answers: dict[str, Any]) -> Level:
    state = InterviewState()
    level, _ = pages(state, Person(answers), K)
    return level


BASE = {"age": 35, "sex": "female", "region": "lower", "radiation": "none", "duration_days": 10,
        "onset": "gradual", "trigger": "lifting", "findings": [], "history": []}


@pytest.mark.parametrize(("now", "worst", "expected"), [(8, 9, "routine"), (3, 10, "routine"), (6, 6, "self_care")])
def test_the_worst_pain_in_the_last_day_is_asked_when_the_pain_now_is_not_severe(now: int, worst: int,
                                                                                  expected: Level) -> None:
    level = _run({**BASE, "severity": now, "worst_severity": worst})
    assert URGENCY[level] >= URGENCY[expected]
    if expected == "self_care":
        assert level == "self_care"



@pytest.mark.parametrize("item", ["psoriasis", "arthritis"])
def test_a_past_illness_a_rule_names_is_a_question_in_a_group(item: str) -> None:
    assert item in LAY.group_of
