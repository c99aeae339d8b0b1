"""The free-text reader never turns a denial into a red flag's absence by mistake in the
dangerous direction, and never turns unknown into "no" (HAZ-013, HAZ-014, HAZ-015).

Each case is a person's own words; the check is on what triage then does with the
reading, since that is what the person sees.
"""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.errors import TooYoung
from backrelief.knowledge import URGENCY, Level
from backrelief.reading import read
from backrelief.triage import red_flags_unasked, triage

TODAY = date(2026, 11, 26)


def _status(text: str, finding: str) -> str:
    return read(text, TODAY).assessment.finding_status(finding)  # type: ignore[arg-type]


def _level(text: str) -> Level:
    return triage(read(text, TODAY).assessment).disposition


def test_a_plain_denial_of_numbness_down_there_is_read_as_no() -> None:
    text = "I'm 45. No numbness down there and no problems peeing."
    assert _status(text, "saddle_numbness") == "no"
    assert _status(text, "new_bladder_problem") == "no"
    assert _level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "I'm 45 and I have numbness around my bottom.",
    "45, my back went lifting a box. I can't feel anything when I wipe.",
    "45. No chest pain, but I do have numbness in my groin.",
    "50. I don't have any numbness in my legs but it's numb around my bottom.",
])
def test_numbness_down_there_said_in_a_sentence_with_a_denial_is_still_an_emergency(text: str) -> None:
    assert _status(text, "saddle_numbness") == "yes"
    assert _level(text) == "emergency"


def test_new_incontinence_in_everyday_words_is_an_emergency() -> None:
    assert _level("I've been peeing myself since yesterday, 50, back agony") == "emergency"


@pytest.mark.parametrize(("text", "finding"), [
    ("I think there might be some numbness around my genitals, 45", "saddle_numbness"),
    ("I'm 40. I might have trouble peeing, I'm not sure.", "new_bladder_problem"),
    ("I'm 40. Not sure if I've had a fever.", "fever"),
    ("I'm 40. Maybe a bit of chest pain, not sure.", "chest_pain"),
])
def test_doubt_in_the_words_is_never_read_as_no(text: str, finding: str) -> None:
    assert _status(text, finding) in ("yes", "unsure")
    assert URGENCY[_level(text)] >= URGENCY["urgent"]


def test_not_sure_of_chest_pain_in_the_words_stays_an_emergency() -> None:
    assert _level("I'm 40. Maybe a bit of chest pain, not sure.") == "emergency"


def test_what_the_words_do_not_mention_stays_unknown_and_is_listed() -> None:
    reading = read("I'm 30. My back went when I lifted a box.", TODAY)
    assert reading.assessment.finding_status("saddle_numbness") == "unknown"
    assert reading.assessment.finding_status("foot_drop") == "unknown"
    assert {"saddle_numbness", "new_bladder_problem", "foot_drop", "chest_pain"} <= set(red_flags_unasked(reading.assessment))


def test_an_age_the_words_leave_out_is_unknown_and_asked() -> None:
    reading = read("My back went when I lifted a box.", TODAY)
    assert reading.assessment.age is None
    assert "age" in reading.could_not_tell
    assert "age" in red_flags_unasked(reading.assessment)


def test_an_age_under_16_in_the_words_is_refused() -> None:
    with pytest.raises(TooYoung):
        read("I'm 14 and my back hurts after football.", TODAY)
