"""Numbers in words and digits, places and sides, everyday names for medicines."""

from __future__ import annotations

import pytest

from tests.reading.conftest import assess


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("52F, back pain", 52, "female"),
        ("38M. My back has been stiff", 38, "male"),
        ("I'm 34 and my back is sore", 34, None),
        ("I am seventy-one years old", 71, None),
        ("60 yo man, back pain", 60, "male"),
        ("43 yr old woman with sciatica", 43, "female"),
        ("Fifty years old, did my back in", 50, None),
    ],
)
def test_ages_in_digits_and_words(text: str, age: int, sex: str | None) -> None:
    a = assess(text)
    assert (a.age, a.sex) == (age, sex)


def test_weeks_pregnant_is_not_an_age() -> None:
    a = assess("35 weeks pregnant and my back is killing me")
    assert a.age is None
    assert a.pregnant is True
    assert a.sex == "female"


@pytest.mark.parametrize(
    ("text", "severity"),
    [("pain 7/10", 7), ("pain is seven out of ten", 7), ("maybe a 3", 3), ("11/10 pain!!!", 10),
     ("about 7-8/10", 8), ("pain is like 6 of 10", 6)],
)
def test_pain_scores_in_digits_and_words(text: str, severity: int) -> None:
    assert assess(text).severity == severity


def test_a_temperature_is_not_a_pain_score() -> None:
    a = assess("temperature of 38.4 and back pain")
    assert a.severity is None
    assert a.findings == ("fever",)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("back pain for three weeks", 21),
        ("my back has ached for 3 and a half weeks", 25),
        ("back pain since Tuesday", 2),
        ("did my back in yesterday", 1),
        ("it started about 2 hours ago, my back", 0),
        ("back has been sore for a fortnight", 14),
        ("for the last couple of months my back has been grumbling", 60),
        ("back ache for a few days", 4),
        ("six months of this back pain now", 180),
    ],
)
def test_how_long_relative_to_today(text: str, days: int) -> None:
    assert assess(text).duration_days == days


def test_the_time_of_a_new_symptom_is_not_the_episode_length() -> None:
    a = assess("Sciatica in my right leg for nearly a week. I haven't been able to wee since last night.")
    assert a.duration_days == 6


def test_an_old_illness_date_is_not_the_episode_length() -> None:
    a = assess("I had ovarian cancer four years ago. For about 3 weeks my lower back has ached.")
    assert a.duration_days == 21
    assert a.history == ("cancer",)


@pytest.mark.parametrize(
    ("text", "episodes"),
    [("this is the third time this year", 2), ("only the second time in a year", 1), ("first time ever", 0),
     ("about 8 times last year", 8), ("had it twice before this year", 2)],
)
def test_earlier_episodes_do_not_count_this_one(text: str, episodes: int) -> None:
    assert assess(text).episodes_last_year == episodes


def test_one_leg_or_both() -> None:
    assert assess("sciatica down my left leg to my calf").leg_sides == "one"
    assert assess("shooting pains down both legs into my calves").leg_sides == "both"
    assert assess("started in my left leg and now my right leg hurts as well").leg_sides == "both"


@pytest.mark.parametrize(
    ("text", "radiation"),
    [("pain runs down my leg to my shin", "below_knee"), ("aching into my left buttock", "buttock"),
     ("an ache down the front of the thigh", "thigh"), ("no leg pain", "none"), ("pain goes past my knee", "below_knee")],
)
def test_how_far_the_pain_goes(text: str, radiation: str) -> None:
    assert assess(text).radiation == radiation


@pytest.mark.parametrize(
    ("text", "region"),
    [("pain between my shoulder blades", "upper"), ("an ache in the middle of my back", "middle"),
     ("pain by my bra strap", "middle"), ("small of my back hurts", "lower"), ("sore tailbone", "lower")],
)
def test_upper_middle_and_lower_back(text: str, region: str) -> None:
    assert assess(text).region == region


@pytest.mark.parametrize(
    "text",
    ["numb in my groin", "tingling down there", "can't feel my bum properly", "no feeling in my private parts",
     "it feels like I'm sitting on a cushion", "pins and needles between my legs"],
)
def test_the_many_words_for_the_saddle_area(text: str) -> None:
    assert assess(text).findings == ("saddle_numbness",)


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("im on blood thinners", "anticoagulants"),
        ("I take warfarin", "anticoagulants"),
        ("on apixaban since my clot", "anticoagulants"),
        ("had a stomach ulcer two years ago", "stomach_ulcer_or_bleeding"),
        ("my kidneys aren't great", "kidney_disease"),
        ("on steroids for my asthma for years", "long_term_steroids"),
        ("I take water tablets for my heart failure", "heart_failure"),
        ("I get wheezy if I take ibuprofen", "nsaid_sensitive_asthma"),
    ],
)
def test_medicines_and_conditions_in_everyday_names(text: str, history: str) -> None:
    assert history in (assess(text).history or ())


def test_a_steroid_inhaler_is_not_long_term_steroid_tablets() -> None:
    assert assess("only a steroid inhaler for my asthma").history == ()


def test_ulcerative_colitis_is_bowel_disease_not_an_ulcer() -> None:
    assert assess("ulcerative colitis, well controlled").history == ("inflammatory_bowel_disease",)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [("put my back out moving the sofa", "moving_furniture"), ("hauled the suitcase out of the boot", "lifting"),
     ("bent down to pick up the cat", "bending"), ("slipped on the ice", "fall"),
     ("a car pulled out and knocked me off my bike", "road_accident"), ("playing five-a-side", "sports"),
     ("came on for no reason", "none"), ("twisted while vacuuming the stairs", "twisting")],
)
def test_what_set_it_off(text: str, trigger: str) -> None:
    assert assess(text).trigger == trigger


def test_lifting_makes_it_worse_is_not_the_trigger() -> None:
    a = assess("lifting makes it worse")
    assert a.trigger is None
    assert a.worsens == ("lifting",)


def test_what_eases_and_what_worsens() -> None:
    a = assess("hot water bottle helps, worse when i sit, coughing is agony")
    assert a.eases == ("heat",)
    assert set(a.worsens or ()) == {"sitting", "coughing_sneezing"}


@pytest.mark.parametrize(
    ("text", "finding"),
    [("i have numbess in my leg", "leg_numbness"), ("my bladdder wont empty, cant pee", "new_bladder_problem"),
     ("sciatic down my rite leg and my foot is numb", "leg_numbness"), ("temprature of 39", "fever")],
)
def test_spelling_mistakes_and_missing_apostrophes(text: str, finding: str) -> None:
    assert finding in (assess(text).findings or ())


def test_sciatic_is_read_as_sciatica() -> None:
    a = assess("sciatic down my rite leg")
    assert (a.radiation, a.leg_sides, a.region) == ("below_knee", "one", "lower")
