"""Questions and reasons that name a part of one sex's body are worded for the sex the
person gave (screen.yaml `by_sex`, red_flags.yaml `reason_by_sex`), and in words for both
while the sex is unknown or neither: a man is never told about "less feeling in the
vagina", a woman never asked about erections. Checked on the screens the interview engine
gives the terminal and the web, on the result's reasons and on the list of questions still
to ask, and over every question and reason in the knowledge."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.interview.describe import summary
from backrelief.interview.engine import Screen
from backrelief.interview.simulate import Person, pages
from backrelief.interview.state import InterviewState
from backrelief.knowledge import load_knowledge
from backrelief.triage import triage

# Words that name a part (or a working) of one sex's body only.
MALE_ONLY = re.compile(r"\b(erections?|penis|penile|scrotum|testicles?)\b", re.I)
FEMALE_ONLY = re.compile(r"\b(vagina|vaginal|vaginally|clitoris|womb|vulva)\b", re.I)

BASE: dict[str, Any] = {"age": 44, "region": "lower", "radiation": "none", "severity": 5, "worst_severity": 6,
                        "duration_days": 2, "onset": "sudden", "trigger": "lifting", "episodes_last_year": 0,
                        "worsens": ["bending"], "history": [], "findings": [], "current_medicines": []}


def for_the_sex(words: str, sex: str | None) -> bool:
    """Worded for a man, for a woman, or for both (each named, or neither) otherwise."""
    male, female = MALE_ONLY.search(words) is not None, FEMALE_ONLY.search(words) is not None
    if sex in ("male", "female"):
        return (male, female) == (sex == "male", sex == "female")
    return male == female


def shown_questions(data: dict[str, Any]) -> dict[str, str]:
    """Every question the web pages showed this person, id -> words, through the engine."""
    shown: list[Screen] = []
    state = InterviewState()
    pages(state, Person(data), load_knowledge(), shown)
    words: dict[str, str] = {}
    for screen in shown:
        for q in (*screen.fields, *screen.checks, *(i for g in screen.groups for i in g.items)):
            words[q.id] = f"{q.text} {q.clarify}"
    return words


# A "yes, one or more" to the nerves group opens its items, the sexual-function one among them.
@pytest.mark.parametrize(("sex", "pregnant"), [("male", None), ("female", False), ("other", False), (None, False)])
def test_the_sex_question_shows_the_words_for_the_sex_given(sex: str | None, pregnant: bool | None) -> None:
    data = {**BASE, "findings_unsure": ["new_sexual_dysfunction"], "pregnant": pregnant}
    if sex is not None:
        data["sex"] = sex
    words = shown_questions(data)["new_sexual_dysfunction"]
    assert for_the_sex(words, sex), words


@pytest.mark.parametrize("sex", ["male", "female", "other", None])
def test_the_reason_for_a_new_change_in_sex_is_worded_for_the_sex_given(sex: str | None) -> None:
    data = {**BASE, "findings": ["new_sexual_dysfunction"], **({"sex": sex} if sex else {})}
    t = triage(parse_assessment(data, require_age=False))
    assert t.disposition == "emergency"
    [why] = [r.reason for r in t.reasons if r.rule == "ces-sexual"]
    assert for_the_sex(why, sex), why


def test_a_question_still_to_ask_and_the_answers_summary_are_worded_for_the_sex_given() -> None:
    man = triage(parse_assessment({"age": 50, "sex": "male"}, require_age=False))
    [asked] = [q.text for q in man.questions_to_ask if q.id == "new_sexual_dysfunction"]
    assert for_the_sex(asked, "male"), asked
    state = InterviewState()
    pages(state, Person({**BASE, "sex": "female", "pregnant": False, "findings_unsure": ["new_sexual_dysfunction"]}),
          load_knowledge())
    [row] = [row[0] for _, section in summary(state) for row in section if "sex felt" in row[0]]
    assert for_the_sex(row, "female"), row


def test_every_question_and_reason_that_names_one_sexs_body_has_words_for_the_others() -> None:
    # A question asked only in pregnancy, or a rule that fires only in pregnancy, is
    # already for one sex; anything else needs words for each.
    k = load_knowledge()
    missing = []
    for q in k.screen:
        if q.ask_if is not None and "pregnant" in q.ask_if.model_dump_json():
            continue
        for sex in ("male", "female", None):
            worded = q.for_sex(sex)
            for words in (worded.text, worded.clarify, worded.help, worded.about, worded.name):
                if not for_the_sex(words, None) and not for_the_sex(words, sex):
                    missing.append(f"{q.id} ({sex}): {words}")
    for r in k.rules:
        if '"pregnant":true' in r.when.model_dump_json().replace(" ", ""):
            continue
        for sex in ("male", "female", None):
            words = r.reason_by_sex.get(sex, r.reason) if sex else r.reason  # type: ignore[call-overload]
            if not for_the_sex(words, None) and not for_the_sex(words, sex):
                missing.append(f"{r.id} ({sex}): {words}")
    assert not missing
