"""Whatever is typed, the reader answers or refuses in plain words; it never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.errors import InvalidInput
from backrelief.reading import MAX_TEXT, read
from tests.reading.conftest import TODAY, assess


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_gives_a_reading_or_a_plain_refusal(text: str) -> None:
    try:
        reading = read(text, TODAY)
    except InvalidInput as refusal:
        assert refusal.problems[0].field in {"text", "age"}
        return
    for item in reading.understood:
        assert text[item.start:item.end] == item.span


def test_text_longer_than_the_limit_is_refused_naming_the_limit() -> None:
    with pytest.raises(InvalidInput, match=str(MAX_TEXT)):
        read("my back hurts " * 1000, TODAY)


def test_shouting_without_punctuation_is_still_read() -> None:
    a = assess("BACK PAIN SINCE TUESDAY CANT FEEL MY LEGS CANT PEE")
    assert set(a.findings or ()) == {"leg_numbness", "new_bladder_problem"}
    assert a.duration_days == 2


def test_emoji_and_line_breaks_do_not_get_in_the_way() -> None:
    a = assess("back agony 😫\nnumb down there 🙁\n\nno fever")
    assert a.findings == ("saddle_numbness",)
    assert a.findings_absent == ("fever",)


def test_my_twelve_year_old_daughters_age_is_not_mine() -> None:
    a = assess("I have a 12 year old daughter and I hurt my back lifting her")
    assert a.age is None
    assert a.trigger == "lifting"
