"""A terminal prompt that asks two field questions on one line never holds one whose being
asked depends on the other's answer ("What is your sex?" with "Are you pregnant?" asked a man
about pregnancy): the second comes after, only if it still applies and still matters.

Checked over every merged prompt the terminal puts to every dev vignette's person, on both
paths, against every answer the other question of the prompt can take (every age, every
pain score, every choice...), not only the limits the engine itself tries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backrelief.errors import InvalidInput
from backrelief.interview import InterviewState, layout, progress
from backrelief.interview.driver import run_prompts
from backrelief.interview.engine import still_open
from backrelief.interview.simulate import Person, start
from backrelief.knowledge import URGENCY, Question, load_knowledge

K = load_knowledge()
TODAY = date(2026, 12, 2)
ROOT = Path(__file__).resolve().parents[2]
CASES = [json.loads(line) for name in ("dev.jsonl",)
         for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines() if line]
# Every answer a number question can take in practice, whole ranges where they are short.
EVERY = {"age": range(16, 111), "severity": range(11), "worst_severity": range(11),
         "duration_days": [*range(0, 121), 180, 365, 730, 3650], "episodes_last_year": range(0, 25),
         "pregnancy_weeks": range(0, 46)}
LISTS = {"worsens", "eases"}


def every_answer(q: Question) -> list[Any]:
    if q.id in EVERY:
        return [None, *EVERY[q.id]]
    values = [c.value for c in q.choices]
    if q.id in LISTS:
        return [None, (), *((v,) for v in values), tuple(values)]
    return [None, *values] if values else [None, True, False]


class Watcher(Person):
    """The vignette's person, keeping each merged prompt with the answers given before it."""

    def __init__(self, data: dict[str, Any], state: InterviewState, seen: list[tuple[InterviewState, list[Question]]]):
        super().__init__(data)
        self.state, self.seen = state, seen

    def fields(self, qs: list[Question]) -> dict[str, Any]:
        self.seen.append((self.state.model_copy(deep=True), list(qs)))
        return super().fields(qs)

    def confirm(self, understood: list[tuple[Question, Any]],
                first: list[Question]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        if len(first) > 1:
            self.seen.append((self.state.model_copy(deep=True), list(first)))
        return super().confirm(understood, first)


def merged_prompts(path: str) -> list[tuple[str, InterviewState, list[Question]]]:
    out = []
    for v in CASES:
        seen: list[tuple[InterviewState, list[Question]]] = []
        state = start(path, v.get("narrative", ""), TODAY)  # type: ignore[arg-type]
        run_prompts(state, Watcher(v["input"], state, seen), K)
        out += [(v["id"], s, qs) for s, qs in seen]
    return out


@pytest.mark.parametrize("path", ["questions", "dialogue"])
def test_no_merged_prompt_holds_a_question_that_another_answer_of_it_would_rule_out(path: str) -> None:
    prompts = merged_prompts(path)
    assert prompts, "the terminal still merges field questions"
    checked: set[tuple[str, ...]] = set()
    for vid, state, qs in prompts:
        key = (*(q.id for q in qs), state.model_dump_json())
        if key in checked:
            continue
        checked.add(key)
        level = URGENCY[progress(state, K, plan_in_one=True).triage.disposition]
        for asked in qs:
            for value in every_answer(asked):
                trial = state.model_copy(deep=True)
                trial.record_field(asked.id, value)
                try:
                    after = progress(trial, K, plan_in_one=True)
                except InvalidInput:
                    continue
                if URGENCY[after.triage.disposition] > level:
                    continue  # more urgent (or an emergency, which ends the questions)
                for other in qs:
                    if other is not asked:
                        assert still_open(trial, other.id) and other.id in after.relevant, \
                            (vid, [q.id for q in qs], asked.id, value, other.id)


def test_sex_and_pregnancy_are_never_one_prompt() -> None:
    for path in ("questions", "dialogue"):
        for vid, _, qs in merged_prompts(path):
            assert {"sex", "pregnant"} - {q.id for q in qs}, vid


def test_the_layout_no_longer_pairs_questions_that_decide_each_other() -> None:
    assert ("sex", "pregnant") not in layout(K).together
