"""A denial is a claim too: the reader marks a warning sign absent only on a plain,
present-tense denial of that very sign. A hedge in the sentence, a sign that came and
went, "until today" or "though I did once" leave it present or not sure, and a past
episode's sign is history, not now (reading/context.py, lexicon.yaml `context_rules`)."""

from __future__ import annotations

import pytest

from backrelief.assessment import Finding
from tests.reading.conftest import assess


@pytest.mark.parametrize(("text", "finding"), [
    ("I'm not sure, but I don't think I've had any numbness around my bottom", "saddle_numbness"),
    ("Probably nothing, but no bladder trouble that I know of", "new_bladder_problem"),
    ("I don't think my bowels are normal since Friday", "new_bowel_incontinence"),
    ("I dont think I have numbness down there but I'm not sure", "saddle_numbness"),
])
def test_a_hedge_anywhere_in_the_sentence_makes_a_denial_not_sure(text: str, finding: Finding) -> None:
    a = assess(text)
    assert finding not in (a.findings_absent or ())
    assert a.finding_status(finding) in {"unsure", "yes"}


@pytest.mark.parametrize(("text", "finding"), [
    ("my foot went numb for ten minutes last night, fine now", "leg_numbness"),
    ("lost control of my bowels once on Saturday, been ok since", "new_bowel_incontinence"),
    ("couldn't pee for a few hours yesterday but it's back to normal now", "new_bladder_problem"),
])
def test_a_warning_sign_that_came_and_went_is_still_present(text: str, finding: Finding) -> None:
    assert finding in (assess(text).findings or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("bladder was fine until this morning", "new_bladder_problem"),
    ("no numbness till yesterday", "leg_numbness"),
    ("no trouble with my bladder, except I wet the bed last night", "new_bladder_problem"),
    ("haven't had a poo in days and now can't hold it", "new_bowel_incontinence"),
])
def test_a_denial_that_holds_only_until_now_or_is_taken_back_is_not_a_denial(text: str, finding: Finding) -> None:
    a = assess(text)
    assert finding not in (a.findings_absent or ())
    assert a.finding_status(finding) in {"unsure", "yes"}


@pytest.mark.parametrize("text", [
    "not gonna lie, I've been leaking wee",
    "not going to lie i have been dribbling when i wee",
    "not gonna lie my bum has gone numb",
    "No lie, I can't feel my bum",
])
def test_not_gonna_lie_is_no_denial(text: str) -> None:
    a = assess(text)
    assert a.findings_absent == ()
    assert len(a.findings or ()) == 1


def test_a_past_episodes_sign_is_not_read_as_now() -> None:
    a = assess("In 2018 my right leg went weak for months after a disc went; now it is just my back")
    assert "leg_weakness" not in (a.findings or ())
    assert "leg_weakness" not in (a.findings_absent or ())


def test_a_sign_new_for_the_first_time_is_now() -> None:
    assert "new_bladder_problem" in (assess("I wet the bed last night for the first time ever").findings or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("no numbness in my groin", "saddle_numbness"),
    ("no leg weakness", "leg_weakness"),
    ("bladder and bowels fine", "new_bladder_problem"),
    ("so I've been having this back thing for ages, like maybe six months, no numbness or anything", "leg_numbness"),
])
def test_a_plain_present_tense_denial_is_still_read_as_no(text: str, finding: Finding) -> None:
    assert finding in (assess(text).findings_absent or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("my bowels are back to normal again after the accident yesterday", "new_bowel_incontinence"),
    ("peeing is normal again now", "new_bladder_problem"),
])
def test_normal_again_says_it_was_not_normal_so_it_is_not_a_denial(text: str, finding: Finding) -> None:
    a = assess(text)
    assert finding not in (a.findings_absent or ())
    assert a.finding_status(finding) in {"unsure", "yes"}
