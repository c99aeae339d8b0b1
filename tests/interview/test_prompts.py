"""The terminal asks in as few prompts as it can without losing a question that matters:
everything only the plan needs in one prompt, pairs of field questions in one, a group the
reader found something in checked with one answer, and nothing that no longer applies."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from backrelief.interview import layout
from backrelief.interview.driver import run_prompts
from backrelief.interview.engine import GroupAsk, progress
from backrelief.interview.simulate import Person, answer_page, start
from backrelief.interview.state import Answer, InterviewState
from backrelief.knowledge import Question, load_knowledge

K = load_knowledge()
TODAY = date(2026, 12, 2)
ROOT = Path(__file__).resolve().parents[2]
SPASM = {"age": 40, "sex": "male", "region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden",
         "duration_days": 2, "severity": 4, "worst_severity": 5, "worsens": ["bending"], "episodes_last_year": 0,
         "findings": [], "history": []}


class Recorder(Person):
    """The simulated person, noting each kind of prompt it was shown."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def field(self, q: Question, current: Any) -> Any:
        self.asked.append(("field", (q.id,)))
        return super().field(q, current)

    def fields(self, qs: list[Question]) -> dict[str, Any]:
        self.asked.append(("fields", tuple(q.id for q in qs)))
        return super().fields(qs)

    def signs(self, asks: list[GroupAsk]) -> list[str] | None:
        self.asked.append(("signs", tuple(ask.group.id for ask in asks)))
        return super().signs(asks)

    def review(self, ask: GroupAsk) -> list[str] | None:
        self.asked.append(("review", (ask.group.id,)))
        return super().review(ask)

    def plan(self, checklist: list[Question], choices: list[Question],
             proposed: dict[str, Answer]) -> tuple[list[str] | None, dict[str, Any]]:
        self.asked.append(("plan", tuple(q.id for q in (*checklist, *choices))))
        return super().plan(checklist, choices, proposed)

    def confirm(self, understood: list[tuple[Question, Any]],
                first: list[Question]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        self.asked.append(("confirm", tuple(q.id for q in first)))
        return super().confirm(understood, first)

    def item(self, q: Question, proposed: Answer | None) -> Answer:
        self.asked.append(("item", (q.id,)))
        return super().item(q, proposed)

    def ids(self) -> list[str]:
        return [qid for _, ids in self.asked for qid in ids]


def test_everything_only_the_plan_needs_is_one_prompt_after_the_warning_signs() -> None:
    person = Recorder(SPASM)
    now, tally = run_prompts(InterviewState(), person, K)
    assert now.triage.disposition == "self_care"
    plans = [ids for kind, ids in person.asked if kind == "plan"]
    assert len(plans) == 1
    assert {"country", "regularly_active", "other_nsaid"} <= set(plans[0])
    assert person.asked[-1][0] == "plan"
    # None of them is asked again on its own.
    assert not [ids for kind, ids in person.asked if kind != "plan" and set(ids) & set(plans[0])]
    assert tally.prompts == len(person.asked)


def test_a_group_a_rule_still_reads_keeps_its_own_forced_choice() -> None:
    # Burning when peeing with a fever: kidney disease would make it an emergency, so it is
    # a question for the rules, asked in its group's own forced choice, not with the plan's.
    person = Recorder({**SPASM, "findings": ["burning_urination", "fever"]})
    run_prompts(InterviewState(), person, K)
    assert [ids for kind, ids in person.asked if kind == "signs" and "medicines" in ids]
    assert not [ids for kind, ids in person.asked if kind == "plan" and "kidney_disease" in ids]


def test_the_pain_now_and_at_its_worst_are_one_prompt() -> None:
    person = Recorder(SPASM)
    run_prompts(InterviewState(), person, K)
    assert ("fields", ("severity", "worst_severity")) in person.asked


def test_a_man_is_not_asked_about_pregnancy_after_his_own_words() -> None:
    words = "I am a 40 year old man. I hurt my lower back lifting a box 2 days ago. It stays in my back."
    person = Recorder(SPASM)
    run_prompts(start("dialogue", words, TODAY), person, K)
    assert "pregnant" not in person.ids()
    assert "leg_sides" not in person.ids()


def test_a_group_the_reader_found_something_in_is_checked_with_one_answer() -> None:
    words = "I am 28. My lower back went 8 days ago, the pain goes below my knee and my leg feels numb."
    person = Recorder({**SPASM, "radiation": "below_knee", "leg_sides": "one", "findings": ["leg_numbness"]})
    run_prompts(start("dialogue", words, TODAY), person, K)
    assert ("review", ("legs-and-walking",)) in person.asked
    assert not [ids for kind, ids in person.asked if kind == "item"]


def test_no_self_care_vignette_takes_more_than_twenty_prompts_on_the_questions_path() -> None:
    for name in ("dev.jsonl", "holdout.jsonl"):
        for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines():
            v = json.loads(line)
            if v["expected"] == "self_care":
                _, tally = run_prompts(InterviewState(), Person(v["input"]), K)
                assert tally.prompts <= 20, (v["id"], tally.prompts)


def test_no_self_care_vignette_takes_more_than_ten_prompts_after_own_words() -> None:
    for name in ("dev.jsonl", "holdout.jsonl"):
        for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines():
            v = json.loads(line)
            if v["expected"] == "self_care" and v.get("narrative"):
                _, tally = run_prompts(start("dialogue", v["narrative"], TODAY), Person(v["input"]), K)
                assert tally.prompts <= 10, (v["id"], tally.prompts)


def test_the_terminal_asks_the_warning_signs_of_a_web_page_as_one_prompt() -> None:
    person = Recorder(SPASM)
    run_prompts(InterviewState(), person, K)
    web: list[tuple[str, ...]] = []
    state = InterviewState()
    plan = layout(K).plan_topic
    while (screen := progress(state, K).next) is not None:
        if screen.groups and not any(g.group.id in plan for g in screen.groups):
            web.append(tuple(g.group.id for g in screen.groups))
        answer_page(state, screen, Person(SPASM))
    terminal = [ids for kind, ids in person.asked if kind == "signs"]
    assert terminal == web
    assert terminal[0] == ("nerves", "heart-and-vessels")


def test_not_sure_over_several_lists_asks_each_list_on_its_own() -> None:
    person = Recorder({**SPASM, "findings_unsure": ["foot_drop"]})
    run_prompts(InterviewState(), person, K)
    signs = [ids for kind, ids in person.asked if kind == "signs"]
    at = next(n for n, ids in enumerate(signs) if "legs-and-walking" in ids)
    first = signs[at]
    assert len(first) == 2
    # Not sure over both lists: each list again alone, and the one in doubt item by item.
    assert signs[at + 1:at + 3] == [(first[0],), (first[1],)]
    items = [ids[0] for kind, ids in person.asked if kind == "item"]
    assert "foot_drop" in items
    assert set(items) <= {q.id for g in layout(K).groups if g.id == "legs-and-walking" for q in g.questions}


def test_after_own_words_the_first_question_due_is_asked_with_the_confirmation() -> None:
    words = "I am 40. I hurt my lower back lifting a box 2 days ago, it came on suddenly. It stays in my back."
    person = Recorder(SPASM)
    now, tally = run_prompts(start("dialogue", words, TODAY), person, K)
    assert now.assessment.sex == "male"
    # The person's sex was asked inside the confirmation prompt: never on a prompt of its
    # own; and a man is not then asked whether he is pregnant.
    assert person.asked[0] == ("confirm", ("sex",))
    assert "pregnant" not in person.ids()
    assert not [ids for kind, ids in person.asked if kind in ("field", "fields") and "sex" in ids]
    assert tally.prompts == len(person.asked)


def test_a_correction_to_what_was_understood_is_kept_and_the_question_asked_on_its_own() -> None:
    words = "I am 58. I hurt my lower back lifting a box 2 days ago, it came on suddenly. It stays in my back."
    person = Recorder(SPASM)  # age 40: the person corrects the 58
    now, _ = run_prompts(start("dialogue", words, TODAY), person, K)
    assert now.assessment.age == 40
    assert person.asked[:2] == [("confirm", ("sex",)), ("field", ("sex",))]


def test_a_terminal_prompt_never_holds_questions_of_two_pages() -> None:
    lay = layout(K)
    for name in ("dev.jsonl", "holdout.jsonl"):
        for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines():
            v = json.loads(line)
            for path in ("questions", "dialogue"):
                person = Recorder(v["input"])
                run_prompts(start(path, v.get("narrative", ""), TODAY), person, K)
                for kind, ids in person.asked:
                    if kind == "fields":
                        assert len(ids) == 2 and len({lay.page_of[i] for i in ids}) == 1, (v["id"], ids)
