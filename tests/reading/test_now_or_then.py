"""Now or then: what the words say of the past is not read as now.

A pregnancy in the past tense ("when I was pregnant with my son") is not a pregnancy now; a
past episode's sign is history, not a sign now; a warning sign that came and went is still a
sign, and a denial said only of now ("no numbness now", "nothing since") is never a plain
"no". Cases written for the reader lane before the changes for them (first pass in
docs/reading.md).
"""

from __future__ import annotations

import pytest

from tests.reading.conftest import assess

PAST_PREGNANCY = [
    "I'm 34 and my back has hurt for a week. I had the same pain when I was pregnant with my son.",
    "34F, back pain since Monday, it was like this when I was pregnant with my daughter",
    "I was pregnant in 2019 and had pelvic pain, this is different",
    "while I was pregnant with the twins my back was awful, now it has gone again",
    "my back has been bad since I was pregnant with my youngest",
    "I had sciatica in my last pregnancy and it has come back this week",
    "same pain as during my previous pregnancy, started on Monday",
    "back when I was expecting my eldest I had this",
    "when I was pregnant I was fine. Now my back has gone and I cannot bend",
]


@pytest.mark.parametrize("text", PAST_PREGNANCY)
def test_a_pregnancy_said_in_the_past_is_not_a_pregnancy_now(text: str) -> None:
    a = assess(text)
    assert a.pregnant is not True
    assert a.pregnancy_weeks is None


@pytest.mark.parametrize("text", PAST_PREGNANCY)
def test_a_past_pregnancy_is_not_a_denial_of_one_now_either(text: str) -> None:
    # A woman who was pregnant may be again: unknown, and asked, never "no".
    assert assess(text).pregnant is not False


@pytest.mark.parametrize("text", [
    "I'm pregnant with my son, 30 weeks, and my back hurts",
    "I found out I was pregnant last week and my back is killing me",
    "I have been pregnant for 20 weeks and my back hurts",
    "I was told I am pregnant on Monday, back pain since",
    "when I was pregnant with my son I had this, and I'm pregnant again now",
    "30 weeks pregnant with my second, this is my second pregnancy",
])
def test_a_pregnancy_now_is_still_read_when_an_old_one_or_a_past_verb_is_near(text: str) -> None:
    assert assess(text).pregnant is True


def test_weeks_of_a_pregnancy_said_after_it_are_not_the_back_pains_duration() -> None:
    a = assess("I'm pregnant with my son, 30 weeks, and my back hurts")
    assert a.pregnancy_weeks == 30
    assert a.duration_days is None


@pytest.mark.parametrize(("text", "sign"), [
    ("when I was expecting my son I couldn't walk for a week, now my back is sore again for 2 days",
     "unable_to_walk"),
    ("in my last pregnancy I lost control of my bladder, this time it is just my back", "new_bladder_problem"),
    ("during my first pregnancy my legs went numb, this time it is only my back since Monday", "leg_numbness"),
    ("I wet myself when I was pregnant with my daughter. Back pain for 3 days.", "new_bladder_problem"),
])
def test_a_past_episodes_sign_is_history_not_now(text: str, sign: str) -> None:
    assert sign not in (assess(text).findings or ())


@pytest.mark.parametrize(("text", "sign"), [
    ("I'm 30 weeks pregnant and can't feel my bum when I wipe, when I was pregnant with my son it was fine",
     "saddle_numbness"),
    ("I can't pee properly since yesterday, I never had that when I was pregnant", "new_bladder_problem"),
])
def test_a_sign_now_is_kept_when_an_old_pregnancy_is_named_beside_it(text: str, sign: str) -> None:
    assert sign in (assess(text).findings or ())


@pytest.mark.parametrize(("text", "sign"), [
    ("briefly lost feeling between my legs, no numbness now", "saddle_numbness"),
    ("my bum went numb for a bit yesterday but it's fine today, no numbness at all now", "saddle_numbness"),
    ("I wet myself once on tuesday but no problems since", "new_bladder_problem"),
    ("numbness round my back passage came and went, none today", "saddle_numbness"),
    ("couldn't pee for a few hours last night, peeing fine now", "new_bladder_problem"),
    ("I had a bowel accident on monday, bowels normal since", "new_bowel_incontinence"),
    ("my legs both went weak for a minute, no weakness now", "leg_weakness"),
    ("for about ten minutes this morning I couldn't feel my bum, it's back to normal now", "saddle_numbness"),
])
def test_a_warning_sign_that_came_and_went_is_still_there_and_never_denied(text: str, sign: str) -> None:
    a = assess(text)
    assert sign in (a.findings or ()) + (a.findings_unsure or ())
    assert not set(a.findings_absent or ()) & {"saddle_numbness", "leg_numbness", "leg_weakness",
                                                "new_bladder_problem", "new_bowel_incontinence"}


@pytest.mark.parametrize(("text", "sign"), [
    ("no numbness now", "leg_numbness"),
    ("no numbness today", "leg_numbness"),
    ("no leg weakness at the moment", "leg_weakness"),
    ("bladder fine since", "new_bladder_problem"),
])
def test_a_denial_said_only_of_now_is_not_a_plain_no(text: str, sign: str) -> None:
    a = assess(text)
    assert not a.findings_absent or sign not in a.findings_absent


@pytest.mark.parametrize(("text", "days"), [
    ("35F not pregnant. Three weeks of sciatica in my left leg.", 21),
    ("Not pregnant! 2 weeks of back pain, worse sitting.", 14),
    ("I'm not pregnant; ten days of this spasm now.", 10),
])
def test_weeks_said_in_the_sentence_after_pregnant_are_the_pains_own(text: str, days: int) -> None:
    assessment = assess(text)
    assert assessment.duration_days == days and assessment.pregnancy_weeks is None
