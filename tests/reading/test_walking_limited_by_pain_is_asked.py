"""Walking or standing held back by the spasm is asked about, never assumed (HAZ-062).

The warning sign is the legs failing (weak, numb, giving way: BMJBP-CES,
Community-red-flags-2023). "I can't get out of bed" or "can barely walk" with a back spasm is
most often the pain. The reader marks it "not sure", so the interview asks the question itself
and batch triage takes the rule's not-sure level; it is never read as "no", and legs that give
way are still the sign itself."""

from __future__ import annotations

import pytest

from backrelief.assessment import Assessment
from backrelief.knowledge import load_knowledge
from backrelief.triage import triage
from tests.reading.conftest import assess

PAIN_LIMITED = [
    "I am 33. Lower back locked up yesterday lifting the dog food, I can hardly stand up.",
    "Age 41, pulled something in my back at the gym, could barely walk to the car.",
    "I'm 28 and my back went into spasm this morning, I literally cannot get out of bed.",
    "My back has gone, 46 years old, I had to crawl to the bathroom last night.",
    "36 year old, twisted getting out of the car, struggling to stand up straight since.",
    "I am 52. Back spasm after hoovering, I can only just get about the house.",
]


@pytest.mark.parametrize("text", PAIN_LIMITED)
def test_walking_held_back_by_a_spasm_is_asked_not_read_as_the_warning_sign(text: str) -> None:
    a = assess(text)
    assert "unable_to_walk" not in (a.findings or ())
    assert "unable_to_walk" in (a.findings_unsure or ())
    assert "unable_to_walk" not in (a.findings_absent or ())


@pytest.mark.parametrize("text", PAIN_LIMITED)
def test_once_the_person_says_their_legs_carry_them_it_is_not_an_emergency(text: str) -> None:
    a = assess(text)
    unsure = tuple(f for f in a.findings_unsure or () if f != "unable_to_walk")
    answered = a.model_copy(update={"findings_unsure": unsure,
                                    "findings_absent": (*(a.findings_absent or ()), "unable_to_walk")})
    assert "neuro-walking" not in {r.rule for r in triage(answered).reasons}


@pytest.mark.parametrize("text", PAIN_LIMITED)
def test_a_not_sure_walk_left_unanswered_is_never_self_care(text: str) -> None:
    assert triage(assess(text)).disposition in {"urgent", "emergency"}


@pytest.mark.parametrize("text", [
    "I am 44. Since this morning my legs keep giving way under me and my back is agony.",
    "60 years old, back pain for a week and now my legs won't hold me up.",
    "I am 50, my back hurts and I cannot move my legs properly.",
])
def test_legs_that_give_way_are_the_warning_sign_itself(text: str) -> None:
    a = assess(text)
    assert {"unable_to_walk", "leg_weakness"} & set(a.findings or ())
    assert triage(a).disposition == "emergency"


def test_with_past_cancer_a_walk_the_person_is_not_sure_of_stays_an_emergency() -> None:
    a = assess("I am 63, had bowel cancer four years ago. My back has been bad for a week and I can barely walk.")
    assert "unable_to_walk" in (a.findings_unsure or ())
    assert triage(a).disposition == "emergency"


def test_the_question_asks_about_the_legs_not_the_pain() -> None:
    question = next(q for q in load_knowledge().screen if q.id == "unable_to_walk")
    assert "legs" in question.text and question.clarify


def test_an_assessment_that_says_the_legs_fail_is_an_emergency_whatever_the_words() -> None:
    a = Assessment(age=35, findings=("unable_to_walk",))
    assert triage(a).disposition == "emergency"
