"""Everyday words for the warning signs people find hardest to say (issue 14).

Slang for the genitals is the saddle area; sex that "won't work" or a man who "couldn't
finish" is new sexual dysfunction (BMJBP-CES); and a denial said with "-ish" ("bladder
normal-ish") is half a denial, so it is asked, never taken as "no"."""

from __future__ import annotations

import pytest

from backrelief.triage import triage
from tests.reading.conftest import assess


@pytest.mark.parametrize("text", [
    "I am 45. Sciatica down my right leg for a week and now my junk feels numb.",
    "39M, back went 5 days ago, the family jewels feel kind of dead since yesterday.",
    "Age 50, disc flare up, my manhood has gone numb, is that normal?",
])
def test_slang_for_the_genitals_is_the_saddle_area(text: str) -> None:
    a = assess(text)
    assert "saddle_numbness" in {*(a.findings or ()), *(a.findings_unsure or ())}
    assert triage(a).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I am 41. Slipped disc flared a week ago and I couldn't finish with my wife last night, never happened before.",
    "35 year old man, bad back since Monday, and in bed with my girlfriend nothing is working any more.",
    "I'm 44 and since my back went I cannot stay hard during sex.",
])
def test_sex_that_no_longer_works_is_new_sexual_dysfunction(text: str) -> None:
    a = assess(text)
    assert "new_sexual_dysfunction" in (a.findings or ())
    assert triage(a).disposition == "emergency"


@pytest.mark.parametrize(("text", "finding"), [
    ("I am 38, lower back ache after the gym. Bladder seems normal-ish.", "new_bladder_problem"),
    ("Back hurts from lifting, I'm 30. Peeing fine-ish I suppose.", "new_bladder_problem"),
    ("I am 52. Back pain for a week. Feeling down below is normal-ish.", "saddle_numbness"),
])
def test_a_denial_said_with_ish_is_not_sure_never_no(text: str, finding: str) -> None:
    a = assess(text)
    assert finding not in (a.findings_absent or ())
    assert finding in (a.findings_unsure or ())


@pytest.mark.parametrize("text", [
    "I am 33. Ate junk food all week and slept badly, then my back went lifting the shopping.",
    "I am 40. I couldn't finish work early because my back hurt, lifting at the warehouse.",
])
def test_the_same_words_in_other_senses_are_not_warning_signs(text: str) -> None:
    a = assess(text)
    assert not {"saddle_numbness", "new_sexual_dysfunction"} & {*(a.findings or ()), *(a.findings_unsure or ())}
