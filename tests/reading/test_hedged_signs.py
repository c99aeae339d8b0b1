"""A hedge anywhere in a warning sign's clause makes the sign "not sure": never present, never
absent (issue 14). The hedge may come before or after the sign, inside its words, as a doubled
question mark, or as a short afterthought sentence; a hedge in another clause ("... and I
think I wet myself") or about something else ("I might be overreacting") does not count."""

from __future__ import annotations

import pytest

from backrelief.assessment import Finding
from tests.reading.conftest import assess


@pytest.mark.parametrize(("text", "finding"), [
    ("Strained my back on Monday. Peeing has been a bit odd, I'm not 100% sure though.", "new_bladder_problem"),
    ("Back went yesterday. Numb in the saddle area sort of??", "saddle_numbness"),
    ("I twisted my back. Kind of numb down below, hard to say.", "saddle_numbness"),
    ("Pulled my back. Numbness round my back passage?? maybe", "saddle_numbness"),
    ("Sore back since the weekend. My right leg feels weak. Maybe.", "leg_weakness"),
    ("Hurt it gardening, my left foot is sort of tingly i reckon", "leg_numbness"),
    ("Bad back for a week and I've possibly had a temperature", "fever"),
    ("Back pain from lifting. Pretty sure I can't feel the toilet paper properly, maybe it's just me.",
     "saddle_numbness"),
    ("Back gone again. Might have leaked a bit of wee last night, not sure.", "new_bladder_problem"),
    ("my walking feels a bit unsteady?? or is it just the pain", "unsteady_walking"),
])
def test_a_sign_said_with_a_hedge_is_not_sure(text: str, finding: Finding) -> None:
    a = assess(text)
    assert a.finding_status(finding) == "unsure"


@pytest.mark.parametrize(("text", "sure", "hedged"), [
    ("can't feel when I wipe and I think I wet myself a bit", "saddle_numbness", "new_bladder_problem"),
    ("My left leg is numb, but I think I might have wet myself a bit", "leg_numbness", "new_bladder_problem"),
])
def test_a_hedge_in_another_clause_leaves_the_sure_sign_sure(text: str, sure: Finding, hedged: Finding) -> None:
    a = assess(text)
    assert a.finding_status(sure) == "yes"
    assert a.finding_status(hedged) == "unsure"


@pytest.mark.parametrize(("text", "finding"), [
    ("I might be overreacting but I cannot feel my bum when I wipe", "saddle_numbness"),
    ("I think I pulled something, and now I can't lift my right foot, it drags", "foot_drop"),
    ("Should I go to A&E? I've lost control of my bladder twice today", "new_bladder_problem"),
    ("My poo comes out and I don't know it", "new_bowel_incontinence"),
])
def test_a_hedge_about_something_else_leaves_the_sign_present(text: str, finding: Finding) -> None:
    assert assess(text).finding_status(finding) == "yes"


def test_passed_out_is_not_a_sign_that_came_and_went() -> None:
    a = assess("I have not fainted or passed out at all.")
    assert a.finding_status("collapsed") == "no"
