"""The questions keep night pain (a warning sign) apart from pain on turning over in bed
(pain on movement), and send a person who is not sure to the safer answer."""

from __future__ import annotations

from backrelief.knowledge import Question, load_knowledge


def _question(qid: str) -> Question:
    return next(q for q in load_knowledge().screen if q.id == qid)


def test_what_makes_it_worse_offers_night_lying_still_and_turning_in_bed_as_two_answers() -> None:
    labels = {c.value: c.label for c in _question("worsens").choices}
    assert labels["night"] == "Night time, even when lying still"
    assert labels["turning_in_bed"] == "Turning over or moving in bed (only then)"


def test_what_makes_it_worse_tells_a_person_not_sure_which_night_answer_to_choose_night_time() -> None:
    help_text = _question("worsens").help or ""
    assert "not sure" in help_text
    assert "choose night time" in help_text


def test_the_night_pain_warning_sign_asks_about_keeping_still_at_night_too() -> None:
    # Pain that wakes a person only when they roll over must not be a "yes" here.
    text = _question("night_pain_at_rest").text
    assert text.count("still") == 2
    assert "at night even when you keep still" in text
