"""Denials, their reach, worry, the past, and other people's illnesses."""

from __future__ import annotations

import pytest

from tests.reading.conftest import assess


def test_no_numbness_down_there_is_negated() -> None:
    a = assess("no numbness down there")
    assert a.findings_absent == ("saddle_numbness",)
    assert a.findings == ()


def test_denies_fever_is_negated() -> None:
    assert assess("Denies fever.").findings_absent == ("fever",)


def test_no_fever_chills_or_weight_loss_negates_the_whole_list() -> None:
    a = assess("no fever, chills or weight loss")
    assert set(a.findings_absent or ()) == {"fever", "chills_or_night_sweats", "unexplained_weight_loss"}


def test_but_ends_the_reach_of_a_denial() -> None:
    a = assess("I don't have trouble peeing, but my left leg is weak")
    assert a.findings_absent == ("new_bladder_problem",)
    assert a.findings == ("leg_weakness",)
    assert a.leg_sides == "one"


def test_no_weakness_but_my_foot_is_numb_keeps_the_numbness() -> None:
    a = assess("no weakness but my foot is numb")
    assert a.findings == ("leg_numbness",)
    assert a.findings_absent == ("leg_weakness",)


def test_peeing_fine_is_a_denial_of_bladder_trouble() -> None:
    assert assess("Legs fine, peeing fine.").finding_status("new_bladder_problem") == "no"


def test_cant_feel_the_toilet_paper_is_saddle_numbness_despite_the_cant() -> None:
    assert assess("cant feel the toilet paper when i wipe").findings == ("saddle_numbness",)


def test_havent_been_able_to_wee_is_a_bladder_problem_not_a_denial() -> None:
    assert assess("I haven't been able to wee since last night").findings == ("new_bladder_problem",)


def test_leg_is_not_weak_is_a_denial() -> None:
    a = assess("My leg is not weak.")
    assert a.findings == ()
    assert a.findings_absent == ("leg_weakness",)


def test_lost_weight_without_trying_is_weight_loss_not_a_denial() -> None:
    assert assess("lost half a stone without trying").findings == ("unexplained_weight_loss",)


def test_findings_never_mentioned_stay_unknown_not_no() -> None:
    a = assess("my lower back hurts")
    assert a.finding_status("new_bladder_problem") == "unknown"
    assert a.findings_absent == ()
    assert a.history_status("cancer") == "unknown"


def test_i_think_my_foot_might_be_a_bit_numb_is_unsure() -> None:
    a = assess("I think my foot might be a bit numb")
    assert a.findings_unsure == ("leg_numbness",)
    assert a.findings == ()


def test_not_sure_if_i_can_feel_down_there_is_unsure() -> None:
    assert assess("not sure if I can feel down there properly").findings_unsure == ("saddle_numbness",)


def test_scared_its_cancer_is_not_a_history_of_cancer() -> None:
    a = assess("I'm scared it's cancer")
    assert a.history == ()
    assert a.history_status("cancer") == "unknown"


def test_could_it_be_a_disc_is_a_question_not_a_disc_problem() -> None:
    assert assess("could it be a slipped disc?").history == ()


def test_told_to_watch_out_for_numbness_is_not_numbness() -> None:
    a = assess("The nurse told me to watch out for numbness between my legs.")
    assert a.findings == ()
    assert a.findings_unsure == ()


def test_a_fever_that_has_gone_is_asked_again_never_denied() -> None:
    # A temperature says how things are now: one that came and went is "not sure", so the
    # questions ask it again; it is never read as "no".
    a = assess("had a fever last week, fine now")
    assert a.findings == ()
    assert a.finding_status("fever") == "unsure"


def test_a_temperature_that_has_gone_now_is_not_sure_rather_than_present() -> None:
    a = assess("I had a bit of a temperature, but it's gone now")
    assert not a.has("fever")
    assert a.finding_status("fever") == "unsure"


def test_had_breast_cancer_ten_years_ago_is_history_cancer() -> None:
    assert assess("had breast cancer ten years ago").history == ("cancer",)


def test_numb_feet_years_ago_is_not_numbness_now() -> None:
    assert assess("used to get numb feet years ago").findings == ()


def test_my_mum_has_osteoporosis_is_not_my_osteoporosis() -> None:
    assert assess("my mum has osteoporosis").history == ()


def test_my_husbands_on_warfarin_is_not_my_blood_thinner() -> None:
    assert assess("my husband's on warfarin, not me").history == ()


def test_my_husband_noticed_a_bump_on_my_spine_is_still_my_bump() -> None:
    assert assess("my husband noticed a new bump sticking out on my spine").findings == ("spine_deformity",)


def test_no_history_of_cancer_is_a_denied_history() -> None:
    a = assess("62 male, no history of cancer.")
    assert a.history_absent == ("cancer",)
    assert a.history_status("cancer") == "no"


def test_back_surgery_years_ago_fine_since_is_not_a_recent_procedure() -> None:
    a = assess("back surgery 10 years ago, fine since")
    assert a.history == ()
    assert a.history_absent == ()


def test_a_spinal_injection_last_month_is_a_recent_procedure() -> None:
    assert assess("I had an epidural steroid injection in my back last month.").history == (
        "recent_spinal_procedure",)


def test_a_numb_bum_from_a_hard_chair_is_not_saddle_numbness() -> None:
    assert assess("numb bum from sitting on a hard chair all day, goes when i stand up").findings == ()


def test_a_numb_hand_is_not_leg_numbness() -> None:
    # A numb hand is an arm sign (a cord sign), never leg numbness.
    assert assess("my hand is numb and tingly").findings == ("arm_weakness_or_numbness",)


def test_numbness_in_my_groin_question_answered_no_is_negated() -> None:
    a = assess("Numbness in my groin? No.")
    assert a.findings == ()
    assert a.findings_absent == ("saddle_numbness",)


def test_trouble_peeing_question_answered_yes_is_a_bladder_problem() -> None:
    a = assess("Trouble peeing? yes. Fever? no")
    assert a.findings == ("new_bladder_problem",)
    assert a.findings_absent == ("fever",)


def test_a_denial_covers_only_the_place_it_names() -> None:
    a = assess("My bottom is not numb, but my legs are weak")
    assert a.findings == ("leg_weakness",)
    assert a.findings_absent == ("saddle_numbness",)


def test_no_leg_weakness_does_not_deny_numbness() -> None:
    a = assess("no leg weakness")
    assert a.findings_absent == ("leg_weakness",)
    assert a.finding_status("leg_numbness") == "unknown"


def test_a_dash_ends_a_denial() -> None:
    a = assess("no fever - leg is numb though")
    assert a.findings == ("leg_numbness",)
    assert a.findings_absent == ("fever",)


def test_a_denial_after_a_comma_does_not_undo_a_cant_pee() -> None:
    a = assess("my bladder wont empty, cant pee")
    assert a.findings == ("new_bladder_problem",)


def test_worried_because_my_foot_is_numb_reports_the_numbness() -> None:
    assert assess("I'm worried because my foot is numb").findings == ("leg_numbness",)


def test_if_i_bend_my_leg_goes_numb_is_a_real_numbness() -> None:
    assert assess("if i bend my leg goes numb").findings == ("leg_numbness",)


def test_when_i_was_walking_my_leg_gave_way_is_now_not_the_past() -> None:
    assert assess("when I was walking my leg gave way").findings == ("leg_weakness",)


def test_slightly_numb_is_numb_not_unsure() -> None:
    assert assess("my leg is slightly numb").findings == ("leg_numbness",)


def test_a_denial_list_stops_where_a_new_statement_starts() -> None:
    a = assess("no fever, peeing fine, on warfarin")
    assert a.findings_absent == ("fever", "new_bladder_problem")
    assert a.history == ("anticoagulants",)
    assert a.history_absent == ()


def test_a_clinical_denial_list_covers_every_item() -> None:
    a = assess("Denies fever, weight loss, bladder or bowel change.")
    assert set(a.findings_absent or ()) == {"fever", "unexplained_weight_loss", "new_bladder_problem",
                                             "new_bowel_incontinence"}


def test_understood_names_contract_fields() -> None:
    from backrelief.reading import read
    from tests.reading.conftest import TODAY

    fields = {u.field for u in read("sciatica down my left leg, numb foot, on warfarin", TODAY).understood}
    assert fields == {"radiation", "region", "leg_sides", "findings", "history"}


def test_a_changed_feeling_in_the_waterworks_is_asked_about_not_assumed() -> None:
    a = assess("something odd going on with my waterworks")
    assert a.findings_unsure == ("new_bladder_problem",)
    assert a.findings == ()


def test_no_change_in_my_bladder_is_not_a_worry() -> None:
    a = assess("no change in my bladder")
    assert a.findings_unsure == ()
    assert a.findings == ()


def test_a_denial_does_not_leap_a_comma_onto_a_new_symptom() -> None:
    a = assess("Not been sleeping, numb bum and cant pee")
    assert set(a.findings or ()) == {"saddle_numbness", "new_bladder_problem"}
    assert a.findings_absent == ()


def test_a_history_denial_covers_a_list() -> None:
    assert assess("I have no history of cancer, osteoporosis or kidney disease").history_absent == (
        "cancer", "osteoporosis", "kidney_disease")


@pytest.mark.parametrize(
    "text",
    ["In case it matters I have numbness down there", "Should I worry that my leg is weak?",
     "Could this be why I'm peeing myself?", "I'm worried that my leg is getting weaker",
     "Is it bad that I can't feel my feet?"],
)
def test_a_question_about_a_symptom_still_reports_the_symptom(text: str) -> None:
    assert assess(text).findings != ()


def test_what_if_i_cant_walk_tomorrow_is_a_worry_not_a_symptom() -> None:
    assert assess("what if i cant walk tomorrow").findings == ()


@pytest.mark.parametrize(
    ("text", "finding"),
    [("can't pull the front of my foot up", "foot_drop"), ("can't walk on my right heel", "leg_weakness"),
     ("not knowing when my bladder is full", "new_bladder_problem"), ("no control over my bowels",
     "new_bowel_incontinence"), ("I can no longer feel my foot", "leg_numbness"),
     ("no feeling in my bottom", "saddle_numbness"), ("can't get an erection", "new_sexual_dysfunction")],
)
def test_words_that_carry_their_own_not_still_report_the_finding(text: str, finding: str) -> None:
    assert assess(text).findings == (finding,)


def test_the_numbness_is_no_longer_there_is_a_denial() -> None:
    assert assess("the numbness is no longer there").findings_absent == ("leg_numbness",)


@pytest.mark.parametrize(
    ("text", "finding"),
    [("my pants were wet and I did not notice", "new_bladder_problem"),
     ("the poo came out without me knowing", "new_bowel_incontinence"),
     ("my bladder keeps emptying on its own", "new_bladder_problem")],
)
def test_not_knowing_it_happened_is_incontinence(text: str, finding: str) -> None:
    assert assess(text).findings == (finding,)


@pytest.mark.parametrize(
    "text",
    ["the pain goes into my bum and it feels sore", "my groin feels pulled from football",
     "my bum cheek aches and I can feel it when I walk"],
)
def test_pain_felt_in_the_bottom_is_not_a_saddle_numbness_worry(text: str) -> None:
    a = assess(text)
    assert (a.findings, a.findings_unsure) == ((), ())


def test_a_verbs_not_on_a_cauda_equina_topic_is_asked_not_denied() -> None:
    a = assess("I can't use the toilet properly")
    assert a.findings_absent == ()
    assert a.findings_unsure == ("new_bladder_problem",)


def test_havent_been_for_a_wee_in_hours_is_a_bladder_problem() -> None:
    assert assess("I haven't been for a wee in 18 hours").findings == ("new_bladder_problem",)
