"""A sign only a pregnant person can have implies the pregnancy, to be confirmed."""

from datetime import date

import pytest

from backrelief.reading import read

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("text", [
    "Aged 29. Back aching since yesterday and the little one has been really quiet, barely any kicks today.",
    "Back pain since Sunday. My waters broke an hour ago.",
    "Sore back for three days and the baby is moving much less than usual.",
])
def test_a_pregnancy_only_sign_marks_the_person_pregnant_as_inferred(text: str) -> None:
    reading = read(text, TODAY)
    a = reading.assessment
    assert a.pregnant is True
    assert a.sex == "female"
    assert any(u.field == "pregnant" and u.value == "true" and u.inferred for u in reading.understood)


def test_a_man_is_never_made_pregnant_by_words_about_a_baby() -> None:
    a = read("I'm a 40 year old man, my back hurts and the baby has hardly moved in her cot all morning.",
             TODAY).assessment
    assert a.pregnant is not True
