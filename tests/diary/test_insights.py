"""Insights are pure functions of the entries and `today`."""

from __future__ import annotations

from datetime import date, datetime

from backrelief.diary.insights import (
    before_lower_scores,
    ceiling_for,
    common_triggers,
    days_since_onset,
    expected_fraction,
    flares_per_week,
    medicine_days,
    nsaid_days,
    pain_trend,
    recheck_prompts,
    what_eased,
)
from backrelief.diary.kept import KeptAssessment
from backrelief.diary.models import EntryCreate, EpisodePublic, Medicine


def entry(day: int, pain: int, hour: int = 9, month: int = 11, **more: object) -> EntryCreate:
    return EntryCreate.model_validate({"at": datetime(2026, month, day, hour), "pain_now": pain, **more})


EPISODE = EpisodePublic(id=1, started_on=date(2026, 11, 2), onset="sudden", trigger="lifting")


def test_the_expected_course_follows_costa_2012_from_52_to_23_at_six_weeks_and_12_at_26() -> None:
    assert expected_fraction(0) == 1.0
    assert expected_fraction(42) == 23 / 52
    assert expected_fraction(182) == 12 / 52
    assert expected_fraction(364) == 6 / 52
    assert expected_fraction(1000) == 6 / 52
    assert expected_fraction(21) == (52 + (23 - 52) * 21 / 42) / 52


def test_days_since_onset_count_from_the_episode_or_else_the_first_entry() -> None:
    entries = [entry(5, 6), entry(6, 5)]
    assert days_since_onset(EPISODE, entries, date(2026, 11, 26)) == 24
    assert days_since_onset(None, entries, date(2026, 11, 26)) == 21
    assert days_since_onset(None, [], date(2026, 11, 26)) is None


def test_a_falling_score_faster_than_the_average_course_is_called_better() -> None:
    entries = [entry(2, 8), entry(3, 8), entry(20, 2), entry(21, 2)]
    trend = pain_trend(entries, date(2026, 11, 2), date(2026, 11, 26))
    assert trend.start_pain == 8.0
    assert trend.recent_pain == 2.0
    assert trend.expected_now == round(8 * expected_fraction(19), 2)
    assert trend.verdict == "better"
    assert trend.sources == ("Costa-2012",)
    assert "lower than that" in trend.message


def test_a_score_that_does_not_fall_is_called_worse_than_the_average_course() -> None:
    entries = [entry(2, 6), entry(30, 6, month=11)]
    trend = pain_trend(entries, date(2026, 11, 2), date(2026, 12, 1))
    assert trend.verdict == "worse"
    assert trend.recent_pain == 6.0


def test_pain_above_where_it_started_is_called_rising_never_improving() -> None:
    entries = [entry(2, 5), entry(9, 6), entry(10, 6)]
    trend = pain_trend(entries, date(2026, 11, 2), date(2026, 11, 10))
    assert trend.verdict == "rising"
    assert "higher than the 5.0 you started at" in trend.message


def test_pain_that_has_not_fallen_at_all_is_not_called_in_line_with_the_usual_course() -> None:
    # Close to the average course (within a point), but no lower than the start.
    entries = [entry(2, 5), entry(8, 5)]
    assert pain_trend(entries, date(2026, 11, 1), date(2026, 11, 8)).verdict == "worse"


def test_entries_on_two_days_side_by_side_are_too_few_for_a_trend() -> None:
    # Both days fall in the start window: the start and "now" would be the same numbers.
    trend = pain_trend([entry(2, 5), entry(3, 6)], date(2026, 11, 2), date(2026, 11, 3))
    assert trend.verdict == "too_few"


def test_one_day_is_too_few_for_a_trend() -> None:
    trend = pain_trend([entry(2, 6), entry(2, 5, hour=20)], date(2026, 11, 2), date(2026, 11, 2))
    assert trend.verdict == "too_few"
    assert [(d.day, d.mean, d.worst) for d in trend.days] == [(date(2026, 11, 2), 5.5, 6)]


def test_flares_are_counted_per_week_including_quiet_weeks() -> None:
    # 2 Nov 2026 is a Monday.
    entries = [entry(2, 5, flares=2), entry(4, 5, flares=1), entry(17, 4, flares=3), entry(18, 4)]
    assert flares_per_week(entries) == [(date(2026, 11, 2), 3), (date(2026, 11, 9), 0), (date(2026, 11, 16), 3)]


def test_medicine_totals_per_day_warn_when_over_the_daily_ceiling() -> None:
    doses = (Medicine(name="Nurofen", dose_mg=400, taken_at=datetime(2026, 11, 3, 8)),
             Medicine(name="ibuprofen", dose_mg=400, taken_at=datetime(2026, 11, 3, 14)),
             Medicine(name="ibuprofen", dose_mg=600, taken_at=datetime(2026, 11, 3, 22)),
             Medicine(name="paracetamol", dose_mg=1000, taken_at=datetime(2026, 11, 4, 1)))
    days = medicine_days([entry(3, 6, hour=23, medicines=doses)])
    assert [(d.day, [(t.name, t.total_mg, t.doses, t.ceiling_mg, t.over) for t in d.totals]) for d in days] == [
        (date(2026, 11, 3), [("ibuprofen", 1400.0, 3, 1200, True)]),
        (date(2026, 11, 4), [("paracetamol", 1000.0, 1, 4000, False)]),
    ]
    assert days[0].warnings == ("On 03 Nov 2026 you took 1400 mg of ibuprofen. That is more than the 1200 mg a day "
                                "limit. Talk to a pharmacist or doctor.",)
    assert days[1].warnings == ()


def test_the_ceilings_are_ibuprofen_1200_naproxen_660_and_paracetamol_4000_mg() -> None:
    found = {name: ceiling_for(name) for name in ("ibuprofen", "Aleve", "acetaminophen", "tylenol extra", "codeine")}
    assert {n: (c.daily_mg if c else None) for n, c in found.items()} == {
        "ibuprofen": 1200, "Aleve": 660, "acetaminophen": 4000, "tylenol extra": 4000, "codeine": None}


def test_a_medicine_without_a_known_ceiling_is_totalled_but_never_flagged() -> None:
    days = medicine_days([entry(3, 6, medicines=(Medicine(name="zopiclone", dose_mg=300),))])
    assert [(t.name, t.total_mg, t.ceiling_mg, t.over) for t in days[0].totals] == [("zopiclone", 300.0, None, False)]


def test_paracetamol_is_counted_across_tablets_co_codamol_and_cold_remedies() -> None:
    # 2 g of plain tablets + 2 co-codamol + a cold and flu sachet + a 20 ml night-time
    # liquid dose: 5 g of paracetamol in one day, though no single product is over.
    doses = (Medicine(name="paracetamol", dose_mg=2000), Medicine(name="co-codamol 30/500", dose_mg=2),
             Medicine(name="Lemsip Max", dose_mg=1), Medicine(name="Night Nurse", dose_mg=20))
    days = medicine_days([entry(3, 6, medicines=doses)])
    totals = {t.name: (t.total_mg, t.ceiling_mg, t.over) for t in days[0].totals}
    assert totals["paracetamol"] == (5000.0, 4000, True)
    assert totals["codeine"] == (60.0, 240, False)
    assert len(days[0].warnings) == 1
    assert "5000 mg of paracetamol, counting everything that has it in" in days[0].warnings[0]
    assert "night nurse" in days[0].warnings[0]


def test_a_name_shared_by_several_strengths_counts_as_the_strongest() -> None:
    from backrelief.plan.products import ProductDose, count_ingredients

    plain, strong = count_ingredients([ProductDose(name="co-codamol", amount=8)])
    assert (plain.ingredient, plain.total_mg) == ("paracetamol", 4000.0)
    assert (strong.ingredient, strong.total_mg, strong.over) == ("codeine", 240.0, False)
    exact = {t.ingredient: t.total_mg for t in count_ingredients([ProductDose(name="co-codamol 8/500", amount=8)])}
    assert exact == {"paracetamol": 4000.0, "codeine": 64.0}


def test_a_combination_dose_in_mg_is_read_as_mg_of_its_main_ingredient() -> None:
    from backrelief.plan.products import ProductDose, count_ingredients

    totals = {t.ingredient: t.total_mg for t in count_ingredients([ProductDose(name="nurofen plus", amount=400)])}
    assert totals == {"ibuprofen": 400.0, "codeine": 25.6}


def test_what_comes_before_a_lower_score_is_reported_as_an_association() -> None:
    entries = []
    for day in range(2, 14, 2):  # heat, then a lower score; no heat, then the same score
        entries += [entry(day, 6, heat=True), entry(day, 4, hour=20), entry(day + 1, 4), entry(day + 1, 6, hour=20)]
    found = before_lower_scores(entries)
    assert [(a.factor, a.times, a.change_with) for a in found] == [("heat", 6, -2.0)]
    assert "not that one caused the other" in found[0].message


def test_nothing_is_claimed_from_fewer_than_three_times() -> None:
    entries = [entry(2, 6, heat=True), entry(3, 3), entry(4, 5), entry(5, 5), entry(6, 5)]
    assert before_lower_scores(entries) == []


def test_triggers_and_eases_are_counted_most_common_first() -> None:
    entries = [entry(2, 6, worsened_by=["sitting", "bending"], eased_by=["heat"]),
               entry(3, 6, worsened_by=["sitting"], activities=["gardening"], flares=1, eased_by=["heat", "rest"])]
    assert common_triggers(EPISODE, entries) == [("sitting", 2), ("bending", 1), ("gardening", 1)]
    assert what_eased(entries) == [("heat", 2), ("rest", 1)]


def test_a_new_red_flag_in_the_diary_prompts_emergency_help_and_a_new_check() -> None:
    entries = [entry(3, 6), entry(4, 5, new_findings=["saddle_numbness"])]
    prompts = recheck_prompts(entries, EPISODE, date(2026, 11, 4))
    assert [(p.kind, p.level) for p in prompts] == [("new_warning_sign", "emergency")]
    assert prompts[0].message.startswith(
        "You noted something new: numbness around your bottom, genitals or inner thighs. Get emergency help now.")
    assert "GIRFT-CES-2023" in prompts[0].sources


def test_a_red_flag_the_latest_check_recorded_is_not_prompted_again() -> None:
    entries = [entry(4, 5, new_findings=["fever"])]
    assert recheck_prompts(entries, EPISODE, date(2026, 11, 6), KeptAssessment.model_validate({"findings": ["fever"]})) == []


def test_a_red_flag_written_with_a_date_before_the_latest_check_still_prompts() -> None:
    # The entry is dated 4 November; the check (which did not record it) came later. The
    # date of an entry says nothing about when it was written.
    entries = [entry(4, 5, new_findings=["new_bladder_problem"])]
    prompts = recheck_prompts(entries, EPISODE, date(2026, 11, 6),
                              KeptAssessment.model_validate({"age": 40, "findings": []}))
    assert [(p.kind, p.level) for p in prompts] == [("new_warning_sign", "emergency")]


def test_not_clearly_better_at_six_weeks_prompts_a_visit() -> None:
    entries = [entry(2, 6), entry(3, 6), entry(14, 5, month=12)]
    check = KeptAssessment.model_validate(
        {"age": 34, "severity": 6, "onset": "sudden", "trigger": "lifting", "duration_days": 1})
    prompts = recheck_prompts(entries, EPISODE, date(2026, 12, 14), check)
    assert [(p.kind, p.level, p.sources) for p in prompts] == [
        ("not_better", "routine", ("NICE-NG59", "NHS-backpain", "Costa-2012", "ACR-LBP-2021", "CW-AAFP"))]
    assert prompts[0].message.startswith("It is 6 weeks since this started and your pain is not clearly better. "
                                         "Book a visit with a doctor or physio")
    # From 6 weeks the plan's own scan advice for a long course comes with it.
    assert prompts[0].message.endswith("a doctor may think about an MRI if the pain is still bad. It is only useful "
                                       "if surgery or an injection is being planned.")


def test_not_clearly_better_at_four_weeks_prompts_a_visit_with_the_scan_advice_of_then() -> None:
    entries = [entry(2, 6), entry(3, 6), entry(30, 5)]
    check = KeptAssessment.model_validate({"age": 34, "severity": 6, "worst_severity": 7, "onset": "sudden",
                                           "trigger": "lifting", "duration_days": 1})
    [prompt] = recheck_prompts(entries, EPISODE, date(2026, 11, 30), check)
    assert prompt.kind == "not_better" and prompt.message.startswith("It is 4 weeks since this started")
    assert "MRI" not in prompt.message and "scan" in prompt.message
    assert recheck_prompts(entries, EPISODE, date(2026, 11, 29), check) == []


def test_a_diary_too_short_to_show_a_trend_is_not_taken_as_better() -> None:
    [prompt] = recheck_prompts([entry(3, 6)], EPISODE, date(2026, 12, 1))
    assert prompt.kind == "not_better"
    # Without a check there is nothing to key scan advice to: the new check comes first.
    assert prompt.message == ("It is 4 weeks since this started and the diary does not show your pain clearly "
                              "better. Book a visit with a doctor or physio, and run a new check.")


def test_the_plans_review_day_passed_without_clear_improvement_prompts_who_to_see() -> None:
    from backrelief.diary.kept import KeptWhoToSee

    review = KeptWhoToSee.model_validate({"review_date": "2026-11-16", "review": {
        "text": "Not clearly better by Monday 16 November 2026? Then see a GP, a physio or a pharmacist.",
        "sources": ["NHSinform-exercises", "NHS-backpain"]}})
    entries = [entry(2, 6), entry(3, 6), entry(16, 5)]
    [prompt] = recheck_prompts(entries, EPISODE, date(2026, 11, 16), review=review)
    assert (prompt.kind, prompt.level, prompt.sources) == ("review_due", "routine", ("NHSinform-exercises", "NHS-backpain"))
    assert prompt.message == ("Your plan's review day was Monday 16 November and your pain is not clearly better. "
                              "See a GP, a physio or a pharmacist, and run a new check.")
    assert recheck_prompts(entries, EPISODE, date(2026, 11, 15), review=review) == []
    better = [entry(2, 6), entry(3, 6), entry(16, 2)]
    assert recheck_prompts(better, EPISODE, date(2026, 11, 16), review=review) == []


def test_clearly_better_at_six_weeks_prompts_nothing() -> None:
    entries = [entry(2, 6), entry(3, 6), entry(14, 2, month=12)]
    assert recheck_prompts(entries, EPISODE, date(2026, 12, 14)) == []


def test_anti_inflammatory_tablets_on_more_than_ten_days_prompt_a_doctor() -> None:
    entries = [entry(day, 3, medicines=[Medicine(name="naproxen", dose_mg=220)]) for day in range(2, 13)]
    assert nsaid_days(entries) == 11
    prompts = recheck_prompts(entries, EPISODE, date(2026, 11, 12))
    assert [(p.kind, p.sources) for p in prompts] == [("long_nsaid_use", ("US-OTC-labels",))]


def test_a_prompt_asking_for_a_new_check_says_so_apart_from_its_words_which_name_no_way_in() -> None:
    sign = recheck_prompts([entry(4, 5, new_findings=["fever"])], EPISODE, date(2026, 11, 6))
    slow = recheck_prompts([entry(2, 6), entry(3, 6), entry(14, 5, month=12)], EPISODE, date(2026, 12, 14))
    tablets = recheck_prompts([entry(day, 3, medicines=[Medicine(name="naproxen", dose_mg=220)]) for day in range(2, 13)],
                              EPISODE, date(2026, 11, 12))
    assert [(p.kind, p.new_check) for p in sign + slow + tablets] == [
        ("new_warning_sign", True), ("not_better", True), ("long_nsaid_use", False)]
    assert all("backrelief" not in p.message for p in sign + slow + tablets)
    # An emergency asks for help first, not for a check.
    [emergency] = recheck_prompts([entry(4, 5, new_findings=["saddle_numbness"])], EPISODE, date(2026, 11, 6))
    assert (emergency.level, emergency.new_check) == ("emergency", False)


def test_the_diary_ceilings_are_the_plans_ceilings() -> None:
    from backrelief.plan import daily_ceiling_mg

    for name in ("ibuprofen", "naproxen", "paracetamol", "acetaminophen"):
        found = ceiling_for(name)
        assert found is not None
        assert found.daily_mg == daily_ceiling_mg(name)


def test_what_the_diary_tells_a_person_reads_at_grade_nine_or_below() -> None:
    from backrelief.plan.grade import reading_grade

    entries = []
    for day in range(2, 14, 2):
        entries += [entry(day, 6, heat=True, medicines=[Medicine(name="ibuprofen", dose_mg=1400)]),
                    entry(day, 4, hour=20), entry(day + 1, 4), entry(day + 1, 6, hour=20, new_findings=["fever"])]
    entries.append(entry(20, 6, month=12))
    texts = [pain_trend(entries, date(2026, 11, 2), date(2026, 12, 20)).message]
    texts += [a.message for a in before_lower_scores(entries)]
    texts += [w for d in medicine_days(entries) for w in d.warnings]
    texts += [p.message for p in recheck_prompts(entries, EPISODE, date(2026, 12, 20))]
    assert len(texts) == 11
    grades = {text: reading_grade(text) for text in texts}
    assert {t: g for t, g in grades.items() if g > 9} == {}
