"""Wording the reader was not tuned on.

The first tests run the frozen stories (data/reading/frozen/): written before the changes they
measure and never tuned on, so they show generalisation. The rest pin the mechanisms that carry
the reader to new wording (each the general rule behind a problem, not the single sentence).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backrelief.reading.stories import judge_all, read_stories
from backrelief.triage import triage
from tests.reading.conftest import assess

FROZEN = sorted((Path(__file__).resolve().parents[2] / "data" / "reading" / "frozen").glob("*.jsonl"))


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.stem)
def test_frozen_stories_have_no_wrong_denial(path: Path) -> None:
    wrong = {r.story.id: r.wrong_denials for r in judge_all(read_stories(path)) if r.wrong_denials}
    assert wrong == {}


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.stem)
def test_frozen_stories_that_state_a_cauda_equina_sign_are_never_self_care(path: Path) -> None:
    ces = {"saddle_numbness", "new_bladder_problem", "new_bowel_incontinence"}
    self_care = [r.story.id for r in judge_all(read_stories(path))
                 if ces & set(r.story.expect.findings) and triage(r.assessment).disposition == "self_care"]
    assert self_care == []


@pytest.mark.parametrize("text", [
    "when i wipe i cant really feel the paper",
    "I can't properly feel the toilet paper",
    "when I wipe I barely feel it",
    "its like its someone elses bum",
])
def test_not_feeling_the_paper_when_wiping_is_saddle_numbness(text: str) -> None:
    assert assess(text).findings == ("saddle_numbness",)


@pytest.mark.parametrize("text", [
    "I have to really push to get my wee started",
    "straining to pee since yesterday",
    "it's just a dribble when I go",
    "the flow won't start",
    "nothing comes out when I try",
])
def test_straining_pushing_dribbling_and_nothing_coming_are_a_bladder_problem(text: str) -> None:
    assert assess(text).findings == ("new_bladder_problem",)


@pytest.mark.parametrize("text", [
    "Had a steroid injection in my spine 4 days ago",
    "had an op on my lower back last week",
    "nerve block into my spine on Monday",
])
def test_an_injection_or_op_placed_in_the_spine_is_a_recent_spinal_procedure(text: str) -> None:
    assert assess(text).history == ("recent_spinal_procedure",)


def test_pain_low_in_my_back_is_the_lower_back() -> None:
    assert assess("sudden bad pain low in my back").region == "lower"


def test_pain_that_does_not_ease_however_still_i_lie_is_pain_at_rest() -> None:
    a = assess("wakes me every night and doesn't ease however still I lie")
    assert a.findings == ("night_pain_at_rest",)
    assert a.worsens == ("night",)


def test_lying_completely_still_and_it_doesnt_let_up_is_pain_at_rest() -> None:
    assert assess("even lying completely still in bed it doesnt let up").findings == ("night_pain_at_rest",)


def test_waking_in_the_early_hours_is_worse_at_night_not_pain_at_rest() -> None:
    a = assess("wakes me in the early hours")
    assert a.worsens == ("night",)
    assert a.findings == ()


def test_a_verbs_not_stops_at_the_comma_before_a_new_clause() -> None:
    assert assess("it doesnt let up, worse at night").worsens == ("night",)


def test_a_denial_still_reaches_down_a_list_after_commas() -> None:
    assert set(assess("I do not have numbness, weakness or fever").findings_absent or ()) == {
        "leg_numbness", "leg_weakness", "fever"}


def test_between_my_legs_is_not_both_legs() -> None:
    a = assess("sciatica down my left leg for 3 weeks, tingling between my legs since yesterday")
    assert a.leg_sides == "one"
    assert "saddle_numbness" in (a.findings or ())


def test_nothing_between_my_legs_denies_saddle_numbness_and_keeps_one_side() -> None:
    a = assess("8 days of sciatica down my left leg with pins and needles in my left foot. "
               "Leg strength normal, nothing between my legs, toilet fine.")
    assert a.leg_sides == "one"
    assert "saddle_numbness" in (a.findings_absent or ())


def test_my_legs_are_strong_does_not_say_both_legs() -> None:
    assert assess("pain down my right leg to the calf, my legs are strong").leg_sides == "one"


@pytest.mark.parametrize("text", ["the pain goes down my legs", "my legs are numb", "both of my legs ache to the ankles"])
def test_symptoms_in_the_legs_or_both_words_say_both_legs(text: str) -> None:
    assert assess(text).leg_sides == "both"


@pytest.mark.parametrize("text", ["I can't stand up on my tiptoes on the left", "struggling to go up on my toes"])
def test_not_rising_on_tiptoe_is_leg_weakness_not_being_unable_to_walk(text: str) -> None:
    assert assess(text).findings == ("leg_weakness",)


def test_the_bypass_as_a_road_is_not_heart_disease() -> None:
    assert assess("came off my motorbike on the bypass tonight").history == ()


def test_a_heart_bypass_is_still_heart_disease() -> None:
    assert assess("I had a triple bypass in 2019").history == ("heart_disease_or_stroke",)


@pytest.mark.parametrize("text", ["I only have one kidney (gave one to my brother)", "I donated a kidney in 2015",
                                  "I have a single kidney"])
def test_living_with_one_kidney_is_kidney_disease(text: str) -> None:
    assert assess(text).history == ("kidney_disease",)


def test_pain_in_the_back_and_tummy_is_abdominal_pain() -> None:
    assert "abdominal_pain" in (assess("sudden terrible pain in my lower back and tummy").findings or ())


def test_both_legs_tingle_is_numbness_in_both_legs() -> None:
    a = assess("back pain for a week and both legs tingle")
    assert a.findings == ("leg_numbness",)
    assert a.leg_sides == "both"


def test_pain_on_the_left_side_of_my_back_is_flank_pain() -> None:
    assert assess("pain on the left side of my back").findings == ("flank_pain",)


def test_pain_into_the_groin_is_not_thigh_radiation() -> None:
    assert assess("right sided back pain into the groin").radiation is None


def test_a_number_word_inside_another_word_is_not_a_duration() -> None:
    # "stONE years ago" once read as "one year".
    assert assess("had a kidney stone years ago, back pain since this morning").duration_days == 0


def test_a_correction_replaces_the_trigger_named_before_it() -> None:
    assert assess("hurt my back deadlifting... actually it was rugby, 10 days ago").trigger == "sports"


@pytest.mark.parametrize(("text", "days"), [
    ("59 yo, had lung cancer surgery 2 years ago. For a fortnight I've had a constant ache", 14),
    ("had breast cancer 5 yrs ago. For 10 days I've had back pain", 10),
    ("38M. Lifted a bag of cement off the van 2 days ago and my lower back seized up", 2),
    ("I'm 28, not pregnant. 8 days of sciatica down my left leg", 8),
])
def test_a_time_is_read_within_its_own_sentence(text: str, days: int) -> None:
    assert assess(text).duration_days == days


@pytest.mark.parametrize(("text", "age"), [
    ("27 fell off a ladder onto my back", 27),
    ("24 - four months of lower back pain", 24),
    ("61: sudden pain in my back", 61),
])
def test_a_number_opening_the_message_before_a_dash_or_a_verb_is_the_age(text: str, age: int) -> None:
    assert assess(text).age == age


@pytest.mark.parametrize("text", ["10 days of back pain", "20 mins after lifting my back went", "15 years of on and off pain"])
def test_a_number_opening_the_message_with_a_unit_is_not_the_age(text: str) -> None:
    assert assess(text).age is None


def test_a_scan_every_six_months_is_not_an_episode_count() -> None:
    assert assess("they found a small aneurysm and check it every 6 months").episodes_last_year is None


def test_back_going_every_six_months_is_still_an_episode_count() -> None:
    assert assess("my back goes every 6 months or so").episodes_last_year == 2


# -- round 2: the general causes behind the first-pass misses ------------------------------

@pytest.mark.parametrize("text", [
    "since Tuesday I have noticed a want of sensation in the region of the perineum",
    "reduced sensation around the back passage",
    "new perianal paraesthesia since 0600",
    "I am not feeling my bottom when I am sitting on the toilet",
])
def test_a_want_or_loss_of_feeling_placed_in_the_saddle_is_saddle_numbness(text: str) -> None:
    assert "saddle_numbness" in (assess(text).findings or ())


@pytest.mark.parametrize("text", [
    "I have not actually had a wee since lunchtime yesterday",
    "I do not even feel like I need to wee",
    "I can't feel when I'm weeing, I only notice afterwards",
])
def test_no_wee_and_no_urge_are_a_bladder_problem(text: str) -> None:
    assert assess(text).findings == ("new_bladder_problem",)


@pytest.mark.parametrize("text", ["I have twice lost control of my motions", "my poo come out and I don't know it"])
def test_motions_and_a_learners_come_out_are_bowel_incontinence(text: str) -> None:
    assert assess(text).findings == ("new_bowel_incontinence",)


def test_erectile_failure_and_reduced_penile_sensation_are_sexual_dysfunction() -> None:
    assert "new_sexual_dysfunction" in (assess("new erectile failure and reduced penile sensation").findings or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("can't lift the front of my right foot", "foot_drop"),
    ("now unable to dorsiflex", "foot_drop"),
    ("Weakness of ankle dorsiflexion on the left.", "leg_weakness"),
    ("progressive leg weakness over 48h", "leg_weakness_worsening"),
    ("I walk like drunk man", "unsteady_walking"),
    ("I am walking like on a ship, falling to the side", "unsteady_walking"),
])
def test_clinical_and_learner_wordings_of_nerve_signs(text: str, finding: str) -> None:
    assert finding in (assess(text).findings or ())


@pytest.mark.parametrize(("text", "finding"), [
    ("sudden back pain like someone ripped me in half", "tearing_pain"),
    ("my chest feels like an elephant is sitting on it", "chest_pain"),
])
def test_vivid_pictures_of_tearing_and_crushing(text: str, finding: str) -> None:
    assert finding in (assess(text).findings or ())


def test_an_aorta_said_to_be_too_big_is_an_aneurysm() -> None:
    assert assess("I have the aorta that is too big, the doctor is watching it").history == ("aortic_aneurysm",)


def test_a_cancer_written_as_ca_is_cancer_and_its_years_are_not_the_episode() -> None:
    a = assess("prostate ca 2 yrs ago, now back pain shooting all down my leg")
    assert a.history == ("cancer",)
    assert a.duration_days is None


def test_struck_from_behind_as_a_passenger_is_a_road_accident() -> None:
    assert assess("I was a passenger in a motor car which was struck from behind").trigger == "road_accident"


def test_preg_is_pregnant_and_its_weeks_are_not_the_episode() -> None:
    a = assess("24wks preg, pain in my right side of my back, temp 38.5, wees stinging")
    assert a.pregnant is True
    assert a.duration_days is None
    assert set(a.findings or ()) == {"flank_pain", "fever", "burning_urination"}


def test_non_pregnant_is_not_pregnant() -> None:
    assert assess("35F, non-pregnant, back pain").pregnant is False


def test_a_denial_reaches_down_a_long_list_of_things_it_denies() -> None:
    a = assess("Denies leg symptoms, saddle numbness, urinary retention or incontinence, fever.")
    assert a.findings == ()
    assert {"saddle_numbness", "new_bladder_problem", "fever"} <= set(a.findings_absent or ())


def test_not_feeling_a_need_to_go_is_asked_about_not_assumed() -> None:
    a = assess("I do not even feel like I need to go")
    assert a.findings == ()
    assert a.findings_unsure == ("new_bladder_problem",)


def test_the_thing_is_that_starts_a_statement_not_a_question() -> None:
    assert assess("The thing bothering me is that I have not had a wee since yesterday").findings == (
        "new_bladder_problem",)


@pytest.mark.parametrize(("text", "finding"), [
    ("my undercarriage feels like it belongs to someone else", "saddle_numbness"),
    ("it's like sitting on a saddle made of cotton wool", "saddle_numbness"),
    ("my bum and the tops of my legs feel dead", "saddle_numbness"),
    ("can't seem to empty my bladder properly", "new_bladder_problem"),
    ("my bladder is full and it just won't come", "new_bladder_problem"),
    ("the urge to pee has gone", "new_bladder_problem"),
    ("i keep tripping on my right foot", "foot_drop"),
    ("my right leg keeps collapsing under me", "leg_weakness"),
    ("no power in my left leg", "leg_weakness"),
    ("I keep bumping into walls when I walk", "unsteady_walking"),
    ("the pain is the same whether I move or not", "night_pain_at_rest"),
])
def test_pictures_and_paraphrases_of_red_flags_are_read(text: str, finding: str) -> None:
    assert finding in (assess(text).findings or ())


def test_tripping_on_my_foot_is_not_a_fall() -> None:
    assert assess("i keep tripping on my right foot").trigger is None


@pytest.mark.parametrize("text", ["sore on the left side of my lower back, down into my left buttock",
                                  "pain down the left side of my leg"])
def test_one_side_of_the_low_back_or_the_leg_is_not_flank_pain(text: str) -> None:
    assert "flank_pain" not in (assess(text).findings or ())


@pytest.mark.parametrize(("text", "days"), [("3/52 of LBP", 21), ("LBP x 4/7", 4), ("back pain 6/12", 180),
                                            ("ongoing for a year and a half", 548)])
def test_clinical_shorthand_and_a_year_and_a_half_are_durations(text: str, days: int) -> None:
    assert assess(text).duration_days == days


@pytest.mark.parametrize("text", ["pain 7/10", "30/40 pregnant"])
def test_a_score_or_a_gestation_is_not_a_duration(text: str) -> None:
    assert assess(text).duration_days is None


@pytest.mark.parametrize(("text", "age", "sex"), [("M/58 LBP", 58, "male"), ("58/F, back pain", 58, "female"),
                                                  ("F 44 sore back", 44, "female")])
def test_a_clinicians_sex_and_age_are_read(text: str, age: int, sex: str) -> None:
    a = assess(text)
    assert (a.age, a.sex) == (age, sex)


@pytest.mark.parametrize(("text", "age"), [("I am in my seventies", 75), ("late 50s, back pain", 58),
                                           ("mid 40s, sore back", 45), ("I hurt my back in my twenties", None)])
def test_a_decade_gives_its_middle_and_a_past_decade_is_not_the_age(text: str, age: int | None) -> None:
    assert assess(text).age == age


def test_i_dont_have_any_of_that_denies_the_red_flags_just_listed() -> None:
    a = assess("I read online about cauda equina and numbness in the saddle area and loss of bladder control, "
               "I don't have any of that thank god. Just sore after lifting. 33m")
    assert a.findings == ()


def test_not_had_any_of_that_before_is_a_new_symptom_not_a_denial() -> None:
    assert assess("my bum went numb yesterday, I have not had any of that before").findings == ("saddle_numbness",)


def test_a_denial_of_everything_does_not_reach_back_past_a_whole_sentence() -> None:
    assert assess("My legs are numb. I read about red flags online. I don't have any of those.").findings == (
        "leg_numbness",)


def test_no_urge_to_wee_is_a_bladder_problem() -> None:
    assert assess("I've had no urge to wee all day").findings == ("new_bladder_problem",)


def test_going_grey_or_passing_out_goes_with_sweating_and_sickness() -> None:
    assert set(assess("sudden back pain, I went grey and passed out on the loo").findings or ()) == {
        "sweating_or_nausea", "collapsed"}


def test_nearly_fainting_from_the_pain_is_feeling_faint_not_a_collapse() -> None:
    # Not a collapse, but feeling faint (screen: "as if you might pass out"): asked to be seen today.
    assert assess("I nearly fainted from the pain when I bent down").findings == ("felt_faint",)


@pytest.mark.parametrize("text", ["it came on like a bolt", "the pain hit from nowhere"])
def test_pictures_of_suddenness_are_a_sudden_onset(text: str) -> None:
    assert assess(text).onset == "sudden"


def test_a_tight_hard_tummy_is_abdominal_pain() -> None:
    assert assess("my tummy feels tight and hard").findings == ("abdominal_pain",)


@pytest.mark.parametrize(("text", "finding"), [
    ("my walking looks off, like I'm drunk", "unsteady_walking"),
    ("I have some hesitancy when I pee", "new_bladder_problem"),
    ("both legs weaker over the last day", "leg_weakness_worsening"),
    ("I can't really feel my willy since last night", "saddle_numbness"),
    ("I feel less when I clean myself after the loo", "saddle_numbness"),
])
def test_more_everyday_words_for_warning_signs(text: str, finding: str) -> None:
    assert finding in (assess(text).findings or ())


def test_a_bare_day_name_dates_the_start() -> None:
    assert assess("hurt it lifting a wardrobe friday").duration_days == 6


def test_since_two_months_is_two_months() -> None:
    assert assess("I have pain in low back since two months").duration_days == 60


def test_a_back_that_has_been_rotten_is_not_feeling_unwell() -> None:
    a = assess("my back has been rotten since the summer")
    assert "feels_unwell" not in (a.findings or ())
    assert a.duration_days == 134
    assert "feels_unwell" in (assess("I have been feeling rotten and my back hurts").findings or ())
