"""The reader on a few plain sentences: present, denied, not sure, and the words behind each."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.errors import InvalidInput, TooYoung
from backrelief.reading import read

TODAY = date(2026, 11, 26)  # a Thursday


def test_no_numbness_down_there_is_negated() -> None:
    a = read("No numbness down there, but my left leg is weak", TODAY).assessment
    assert a.finding_status("saddle_numbness") == "no"
    assert a.finding_status("leg_weakness") == "yes"


def test_findings_never_mentioned_stay_unknown() -> None:
    a = read("my lower back hurts", TODAY).assessment
    assert a.finding_status("new_bladder_problem") == "unknown"
    assert a.history_status("cancer") == "unknown"


def test_understood_points_at_the_words_as_typed() -> None:
    text = "Cant feel my LEFT foot properly"
    reading = read(text, TODAY)
    numb = [u for u in reading.understood if u.field == "findings" and u.value == "leg_numbness"]
    assert len(numb) == 1
    assert text[numb[0].start:numb[0].end] == numb[0].span
    assert "feel my LEFT foot" in numb[0].span


def test_empty_text_is_refused_with_a_plain_message() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read("   ", TODAY)


def test_an_age_under_sixteen_is_refused() -> None:
    with pytest.raises(TooYoung):
        read("I am 14 years old and my back hurts from football", TODAY)


def test_to_public_is_plain_json() -> None:
    public = read("52F, sciatica in my left leg for 3 weeks", TODAY).to_public()
    assert public["assessment"]["age"] == 52
    assert public["assessment"]["sex"] == "female"
    assert public["assessment"]["duration_days"] == 21
    assert public["assessment"]["radiation"] == "below_knee"
    assert public["assessment"]["leg_sides"] == "one"
    assert isinstance(public["understood"], list)
