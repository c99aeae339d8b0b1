"""Words that look like a warning sign and are not, next to the same sign said for real
(issue 14): a bottom that has gone numb on long drives for years is pressure, not saddle
numbness, but new numbness, or numbness around the back passage, genitals or inner thighs,
on the toilet or when wiping, is always the sign; a relative's kidney stones or "like a
kidney stone" are not a past stone (which would lower the level of a first stone-like
pain); loin-to-groin colic and pinkish pee are the signs the kidney rules need."""

from __future__ import annotations

import pytest

from backrelief.triage import triage
from tests.reading.conftest import assess


@pytest.mark.parametrize("text", [
    "Sore lower back. My backside goes dead after a few hours in the car, has done for years.",
    "Back pain for a week. My bum goes numb when I sit on hard chairs too long, always been like that.",
    "I drive a taxi and my buttocks go numb on long shifts, nothing new, as long as I can remember.",
])
def test_a_numb_bottom_from_sitting_for_years_is_left_to_be_asked(text: str) -> None:
    a = assess(text)
    assert a.finding_status("saddle_numbness") == "unknown"


@pytest.mark.parametrize("text", [
    "My bottom goes numb when I sit.",
    "My bum goes numb when I sit at my desk. Has done for years.",
])
def test_a_numb_bottom_from_sitting_not_said_to_be_old_is_not_sure(text: str) -> None:
    assert assess(text).finding_status("saddle_numbness") == "unsure"


@pytest.mark.parametrize("text", [
    "My bum has gone numb on long drives for years, and since yesterday I cannot feel when I wipe.",
    "For years my back has been bad, but since yesterday my backside goes numb when I sit.",
    "My backside goes numb when I sit, and my inner thighs too, for years.",
    "numb bum for ages when I sit on hard chairs, it is worse this week",
    "I am not feeling my bottom when I am sitting on the toilet",
    "Back went 2 days ago. My inner thighs and privates feel numb since this morning.",
    "New numbness around my back passage since I sat down yesterday.",
])
def test_new_numbness_or_numbness_beyond_the_buttocks_is_saddle_numbness(text: str) -> None:
    assert assess(text).finding_status("saddle_numbness") == "yes"


@pytest.mark.parametrize("text", [
    "my dad had kidney stones",
    "my wife had a kidney stone last year",
    "it feels like a kidney stone",
])
def test_someone_elses_or_a_likened_kidney_stone_is_not_a_past_stone(text: str) -> None:
    assert "kidney_stones" not in (assess(text).history or ())


def test_a_past_kidney_stone_said_plainly_is_history() -> None:
    assert assess("Had a kidney stone before.").history == ("kidney_stones",)


@pytest.mark.parametrize("text", [
    "Pain comes in waves from my right side round to my groin.",
    "Cramping pain from my left side that moves to my testicle.",
    "Agony in my side going down to my groin.",
    "I think it's renal colic.",
])
def test_loin_to_groin_pain_is_loin_pain(text: str) -> None:
    assert assess(text).finding_status("flank_pain") in {"yes", "unsure"}


@pytest.mark.parametrize("text", ["my pee has gone a reddish colour", "pinkish urine since this morning",
                                  "Visible haematuria."])
def test_pink_or_red_pee_is_blood_in_the_urine(text: str) -> None:
    assert assess(text).finding_status("blood_in_urine") == "yes"


def test_a_first_stone_like_pain_at_66_with_pink_pee_is_an_emergency() -> None:
    a = assess("I'm a 66 year old man. Gripping pain from my left loin round to my groin, my wee looks pink.")
    assert triage(a).disposition == "emergency"


@pytest.mark.parametrize(("text", "days"), [
    ("My back has been sore for one month and half.", 45),
    ("two weeks and half of back pain", 18),
    ("30 wks pg, back hurting 5 days", 5),
    ("I am 28 weeks pregnancy and my back has hurt for a week", 7),
])
def test_durations_said_loosely_or_beside_a_pregnancy(text: str, days: int) -> None:
    assert assess(text).duration_days == days


def test_weeks_pg_is_a_pregnancy_in_weeks() -> None:
    a = assess("30 wks pg, back hurting 5 days")
    assert (a.pregnant, a.pregnancy_weeks) == (True, 30)


@pytest.mark.parametrize(("text", "weeks"), [
    ("Pregnant (20 weeks). Back pain 10 days.", 20),
    ("I am pregnant, at 34 weeks, and my back hurts", 34),
    ("pregnant - about 12 wks, sore lower back", 12),
])
def test_weeks_said_after_the_word_pregnant_are_the_pregnancy_weeks(text: str, weeks: int) -> None:
    a = assess(text)
    assert (a.pregnant, a.pregnancy_weeks) == (True, weeks)


def test_a_pregnancy_found_out_weeks_ago_gives_no_weeks_of_pregnancy() -> None:
    assert assess("found out I was pregnant 3 weeks ago, back pain 2 days").pregnancy_weeks is None
