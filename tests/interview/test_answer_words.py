"""An answer is said back in the person's words: a number as the number it is."""

from __future__ import annotations

import pytest

from backrelief.interview.describe import answer_label
from backrelief.knowledge import load_knowledge

QUESTIONS = {q.id: q for q in load_knowledge().screen}


@pytest.mark.parametrize("count", [0, 1, 2, 6])
def test_a_count_of_earlier_bouts_is_said_back_as_that_number_never_yes_or_no(count: int) -> None:
    assert answer_label(QUESTIONS["episodes_last_year"], count) == str(count)


def test_an_age_of_one_hundred_and_a_yes_are_said_as_given() -> None:
    assert answer_label(QUESTIONS["age"], 100) == "100"
    assert answer_label(QUESTIONS["saddle_numbness"], "yes") == "Yes"
    assert answer_label(QUESTIONS["saddle_numbness"], True) == "Yes"
