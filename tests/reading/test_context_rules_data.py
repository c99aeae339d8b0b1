"""The context layer that used to be regexes in assemble.py, now ConText rules in
lexicon.yaml: a question the person answers, what makes a topic's denial plain, a negation
just before a denial phrase, and a relative just before a history phrase."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.assessment import Finding
from backrelief.reading.context import ContextEngine, ContextRule
from tests.reading.conftest import assess

TODAY = date(2026, 11, 26)


def _engine(**rule: object) -> ContextEngine:
    return ContextEngine([ContextRule.model_validate({"id": "r", "category": "hedge", **rule})], {})


def test_a_rule_answering_a_question_reaches_only_across_the_question_mark() -> None:
    engine = _engine(direction="after", max_scope=4, answers_a_question=True, cues=["no"])
    asked = "numb down there? no."
    assert engine.categories(asked, 0, 4, TODAY) == {"hedge"}
    said = "numb down there, no idea"
    assert engine.categories(said, 0, 4, TODAY) == frozenset()


def test_a_question_ending_far_after_the_words_is_not_about_them() -> None:
    engine = _engine(direction="after", max_scope=2, answers_a_question=True, cues=["no"])
    text = "numb down there and i wonder what it could possibly be? no."
    assert engine.categories(text, 0, 4, TODAY) == frozenset()


def test_a_scope_of_zero_reaches_only_the_words_next_to_the_cue() -> None:
    engine = _engine(direction="before", max_scope=0, cues=["not"])
    assert engine.categories("not peeing", 4, 10, TODAY) == {"hedge"}
    assert engine.categories("not really peeing", 11, 17, TODAY) == frozenset()


def test_cues_are_split_into_words_as_the_text_is() -> None:
    engine = _engine(direction="before", max_scope=0, cues=["my co-worker"])
    text = "my co-worker had kidney stones"
    assert engine.categories(text, 13, len(text), TODAY) == {"hedge"}


@pytest.mark.parametrize(("text", "sign", "status"), [
    ("Numbness in my groin? No.", "saddle_numbness", "no"),
    ("Trouble peeing? No, but my legs are weak and I cannot walk far", "new_bladder_problem", "no"),
    ("Numbness round my bum? Yes, a bit.", "saddle_numbness", "yes"),
    ("Any numbness down below? No idea.", "saddle_numbness", "unsure"),
])
def test_a_question_the_person_answers_takes_the_answer(text: str, sign: Finding, status: str) -> None:
    assert assess(text).finding_status(sign) == status


def test_no_idea_after_a_question_is_never_a_denial() -> None:
    assert "saddle_numbness" not in (assess("Any numbness down below? No idea.").findings_absent or ())


def test_a_relatives_history_is_not_the_writers_whatever_the_relative_is_called() -> None:
    for text in ("my co-worker had kidney stones", "my dad had kidney stones", "my flat mate had kidney stones"):
        assert "kidney_stones" not in (assess(text).history or ())
    assert assess("I had kidney stones").history == ("kidney_stones",)
