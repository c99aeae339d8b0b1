"""Night pain is a warning sign when it is there lying still; pain at night that comes only
on turning over or moving in bed is pain on movement. Said with no more detail, "worse at
night" keeps the safer reading (the warning sign)."""

from __future__ import annotations

import pytest

from backrelief.triage import triage
from tests.reading.conftest import assess

STRAIN = "I'm 40. Hurt my lower back lifting boxes 3 days ago, pain 5/10. "

ONLY_ON_TURNING = [
    "Worse at night only when I roll over.",
    "It's worse at night but only when I turn over in bed.",
    "Worse at night, only when I roll over.",
    "At night it only hurts when I turn over.",
    "Only hurts at night when I try to turn over.",
    "It wakes me at night when I roll over.",
    "Turning over in bed wakes me up.",
    "Sleeping is fine unless I roll over, then it catches.",
    "It's fine in bed until I try to turn over.",
    "Hurts to roll over at night.",
    "The only time it bothers me at night is rolling over.",
]

NIGHT_PAIN = [
    "Worse at night.",
    "It wakes me up at night.",
    "It gets bad at night.",
    "I sleep badly because of it.",
    "It keeps me awake at night whatever position I'm in.",
    "The pain is worse at night and wakes me at 3am.",
    # The turning is not all of it: the night stays.
    "It's worse at night, especially when I roll over.",
    "Worse at night and when I turn over.",
    "Worse at night, and it hurts to roll over too.",
]

AT_REST = [
    "Worse at night even lying still.",
    "It's there all night even when I'm not moving.",
    "At night it's constant, moving or not.",
]


@pytest.mark.parametrize("words", ONLY_ON_TURNING)
def test_pain_at_night_only_on_turning_in_bed_is_read_as_pain_on_turning_not_night_pain(words: str) -> None:
    a = assess(STRAIN + words)
    assert "night" not in (a.worsens or ())
    assert "turning_in_bed" in (a.worsens or ())
    assert triage(a).disposition == "self_care"


@pytest.mark.parametrize("words", NIGHT_PAIN)
def test_pain_worse_at_night_without_only_on_turning_is_read_as_night_pain(words: str) -> None:
    a = assess(STRAIN + words)
    assert "night" in (a.worsens or ())
    assert triage(a).disposition == "urgent"


@pytest.mark.parametrize("words", AT_REST)
def test_pain_at_night_that_is_there_lying_still_is_the_warning_sign(words: str) -> None:
    a = assess(STRAIN + words)
    assert "night_pain_at_rest" in (a.findings or ())
    assert triage(a).disposition == "urgent"
