"""Words for how bad the pain is map to a range of pain scores; severe words set the score
(the top of the range, marked as taken from words so the questions confirm it), milder
words set none and the score is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from backrelief.reading import read
from backrelief.reading.scoring import severity_coverage
from tests.reading.conftest import TODAY, assess

DATA = Path(__file__).resolve().parents[2] / "data" / "reading"


@pytest.mark.parametrize(("text", "low"), [
    ("the pain is terrible", 8), ("it's really bad", 7), ("I'm in agony", 9), ("worst pain of my life", 10),
    ("I can't move for it", 9),
])
def test_severe_words_give_a_score_at_the_top_of_their_range(text: str, low: int) -> None:
    reading = read(text, TODAY)
    assert reading.assessment.severity is not None and reading.assessment.severity >= low
    shown = [u for u in reading.understood if u.field == "severity"]
    assert shown and shown[0].inferred and shown[0].low == low and shown[0].span


def test_a_number_beats_the_words() -> None:
    assert assess("pain 4/10 but agony when I stand").severity == 4


@pytest.mark.parametrize("text", ["the pain is mild", "not too bad really", "it's not severe"])
def test_milder_or_denied_words_set_no_score_so_it_is_asked(text: str) -> None:
    reading = read(text, TODAY)
    assert reading.assessment.severity is None
    assert "severity" in reading.could_not_tell


def test_mild_words_are_shown_as_a_range_to_confirm() -> None:
    hints = [u for u in read("just a mild ache", TODAY).understood if u.field == "severity_words"]
    assert [(h.low, h.high, h.span) for h in hints] == [(1, 3, "mild")]


def test_feeling_terrible_is_feeling_unwell_not_a_pain_score() -> None:
    a = assess("I feel terrible and my back is sore")
    assert a.severity is None
    assert "feels_unwell" in (a.findings or ())


def test_the_severity_word_table_is_covered() -> None:
    rows, missed = severity_coverage(DATA / "severity_words.jsonl")
    assert rows >= 50
    assert len(missed) <= rows * 0.05, missed
