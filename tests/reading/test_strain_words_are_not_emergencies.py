"""Strong words about a plain strain are how bad it is, not a warning sign (issue 14): "worst
pain ever, can't move for it" after lifting is a pain score of 10 (to confirm), never
"unable to walk" or an emergency; a numb patch on one leg that stays the same is leg
numbness, never worsening weakness or saddle numbness."""

from __future__ import annotations

import pytest

from backrelief.triage import triage
from tests.reading.conftest import assess

_SIGNS_THAT_ARE_NOT_SAID = {"unable_to_walk", "leg_weakness_worsening", "saddle_numbness", "leg_weakness"}


@pytest.mark.parametrize("text", [
    "I am 35. Lifted a heavy box at work and it is the worst pain I have ever had, I cannot move for it.",
    "I am 29. Worst pain of my life after picking up my toddler, I can barely move.",
    "I am 35. Hurt my back deadlifting, the worst pain imaginable, cannot move for it.",
])
def test_the_worst_pain_ever_in_a_lifting_strain_is_a_score_of_ten_not_an_emergency(text: str) -> None:
    a = assess(text)
    assert a.severity == 10
    assert not _SIGNS_THAT_ARE_NOT_SAID & set(a.findings or ())
    assert triage(a).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "I am 40. A numb patch on the outside of my left thigh has been the same for weeks, not spreading. "
    "Back pain from lifting two weeks ago.",
    "I am 38. Pins and needles in a small area on my right shin, it has not changed in a month. Back ache after "
    "gardening.",
    "I am 30. The numb bit on my left calf is the same size, my back hurts from digging.",
])
def test_a_stable_numb_patch_on_one_leg_is_leg_numbness_only(text: str) -> None:
    a = assess(text)
    assert a.findings == ("leg_numbness",)
    assert triage(a).disposition == "routine"
