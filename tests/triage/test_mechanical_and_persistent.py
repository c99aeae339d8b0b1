"""Simple spasm is self-care; pain that lasts, recurs or is extreme goes to a GP or physio."""

from __future__ import annotations

import pytest

from tests.triage.conftest import TriageOf, rules


@pytest.mark.parametrize("trigger", ["lifting", "sports", "moving_furniture", "twisting", "bending"])
def test_a_spasm_after_an_everyday_strain_is_self_care(triage_of: TriageOf, trigger: str) -> None:
    t = triage_of(age=35, region="lower", radiation="none", onset="sudden", trigger=trigger, duration_days=2,
                  severity=6)
    assert t.disposition == "self_care"
    assert t.consistent_with[0].id == "muscle_strain"
    assert t.reasons[0].rule == "self-care-no-warning-signs"


def test_self_care_answers_list_no_unasked_red_flags_when_everything_was_answered(triage_of: TriageOf) -> None:
    t = triage_of(age=35, sex="male", region="lower", radiation="none", trigger="lifting", worsens=["bending"],
                  severity=5, onset="sudden")
    assert t.red_flags_unasked == ()


def test_pain_lasting_four_weeks_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=65, duration_days=90, onset="gradual")
    assert t.disposition == "routine"
    assert "not-settling" in rules(t)


def test_a_back_that_goes_three_times_a_year_is_routine(triage_of: TriageOf) -> None:
    assert triage_of(episodes_last_year=8, trigger="twisting", duration_days=2).disposition == "routine"


def test_one_earlier_episode_is_still_self_care(triage_of: TriageOf) -> None:
    assert triage_of(episodes_last_year=1, trigger="moving_furniture", duration_days=3).disposition == "self_care"


def test_pain_of_nine_out_of_ten_is_routine(triage_of: TriageOf) -> None:
    assert triage_of(severity=9, trigger="lifting", duration_days=1).disposition == "routine"


def test_pain_worse_on_coughing_or_sneezing_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(worsens=["coughing_sneezing"]).disposition == "urgent"


def test_a_band_of_rash_is_urgent_for_shingles_medicine(triage_of: TriageOf) -> None:
    t = triage_of(findings=["band_rash"])
    assert t.disposition == "urgent"
    assert t.consistent_with[0].id == "shingles"


def test_medicine_cautions_in_history_do_not_change_urgency(triage_of: TriageOf) -> None:
    t = triage_of(age=58, trigger="bending", onset="sudden", duration_days=2,
                  history=["heart_disease_or_stroke", "high_blood_pressure", "nsaid_sensitive_asthma"])
    assert t.disposition == "self_care"


def test_the_most_urgent_rule_wins_and_every_fired_rule_is_listed(triage_of: TriageOf) -> None:
    t = triage_of(findings=["saddle_numbness", "fever"], duration_days=40)
    assert t.disposition == "emergency"
    assert {"ces-saddle-numbness", "infection-fever", "not-settling"} <= rules(t)
    assert t.reasons[0].level == "emergency"


def test_bad_pain_still_there_after_three_weeks_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=48, region="lower", radiation="none", onset="sudden", trigger="twisting", duration_days=21,
                  severity=8)
    assert t.disposition == "routine"
    assert "severe-not-easing" in rules(t)


def test_an_unknown_score_after_three_weeks_counts_as_bad_pain(triage_of: TriageOf) -> None:
    assert "severe-not-easing" in rules(triage_of(age=40, trigger="lifting", onset="sudden", duration_days=24))


def test_mild_pain_at_three_weeks_or_bad_pain_in_the_first_fortnight_stays_self_care(triage_of: TriageOf) -> None:
    mild = triage_of(age=40, region="lower", radiation="none", trigger="lifting", onset="sudden", duration_days=22,
                     severity=4)
    early = triage_of(age=40, region="lower", radiation="none", trigger="lifting", onset="sudden", duration_days=10,
                      severity=8)
    assert (mild.disposition, early.disposition) == ("self_care", "self_care")


def test_pain_at_night_only_on_turning_over_in_bed_is_not_the_night_pain_warning_sign(triage_of: TriageOf) -> None:
    # Pain set off by rolling over is pain on movement: a strain, not night pain.
    t = triage_of(age=40, trigger="lifting", onset="sudden", duration_days=3, severity=5,
                  worsens=["turning_in_bed", "bending"])
    assert t.disposition == "self_care"
    assert "worse-at-night" not in rules(t)


def test_pain_worse_at_night_said_with_no_more_detail_stays_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=40, trigger="lifting", onset="sudden", duration_days=3, severity=5, worsens=["night"])
    assert t.disposition == "urgent"
    assert "worse-at-night" in rules(t)


def test_pain_on_turning_in_bed_as_well_as_at_night_lying_still_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=40, trigger="lifting", onset="sudden", duration_days=3, severity=5,
                  worsens=["turning_in_bed", "night"])
    assert t.disposition == "urgent"
    assert "worse-at-night" in rules(t)
