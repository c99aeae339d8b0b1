"""A denial the reader found is quoted with the word that denies it, so "no trouble peeing"
never reads back as "You wrote: trouble peeing" (hazard HAZ-055: confirming the reader's
denials)."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.interview import layout
from backrelief.interview.describe import understood_line
from backrelief.interview.state import denial_quote, from_reading
from backrelief.reading import read

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("words", "sign", "quoted"), [
    ("I hurt my back lifting. No trouble peeing.", "new_bladder_problem", "No trouble peeing"),
    ("Back went yesterday, no numbness anywhere.", "saddle_numbness", "no numbness anywhere"),
    ("Sore back since Monday. I do not have a fever.", "fever", "do not have a fever"),
    ("Bad back. Never had cancer.", "cancer", "Never had cancer"),
])
def test_a_denial_is_quoted_with_its_denying_word(words: str, sign: str, quoted: str) -> None:
    state = from_reading(read(words, TODAY), set(layout().by_id))
    spans = dict(state.understood)
    assert state.proposed(sign) == "no"
    assert spans[sign] == quoted
    line = understood_line(layout().by_id[sign], "no", spans[sign])
    assert f"\u201c{quoted}\u201d" in line and "No to" in line


@pytest.mark.parametrize(("words", "sign"), [
    ("Hurt my back lifting on Monday, pain 5. I can still work.", "stops_daily_activities"),
    ("Pulled my back gardening, coping fine with it.", "not_coping"),
    ("Back went yesterday. Bowels normal.", "new_bowel_incontinence"),
])
def test_a_phrase_that_is_a_denial_by_itself_is_quoted_as_written(words: str, sign: str) -> None:
    state = from_reading(read(words, TODAY), set(layout().by_id))
    spans = dict(state.understood)
    assert state.proposed(sign) == "no"
    assert not spans[sign].lower().startswith("not ")
    assert spans[sign].lower() in words.lower()


def test_a_denial_without_a_denying_word_nearby_still_reads_as_one() -> None:
    assert denial_quote("Fever: none of that. Numbness", 21, 29) == "not Numbness"
    # The denying word of an earlier sentence is not borrowed.
    assert denial_quote("No fever. Numbness", 10, 18) == "not Numbness"
