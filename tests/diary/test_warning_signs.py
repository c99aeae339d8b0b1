"""A warning sign written in the diary is a triage event, whatever the entry's date."""

from __future__ import annotations

from datetime import date, datetime

from backrelief.diary.kept import KeptAssessment
from backrelief.diary.models import EntryCreate
from backrelief.diary.warning_signs import alert_for, entry_alert, recorded_signs, sign_name, unchecked_signs


def entry(day: int, **more: object) -> EntryCreate:
    return EntryCreate.model_validate({"at": datetime(2026, 11, day, 9), "pain_now": 4, **more})


def test_an_emergency_sign_gives_the_emergency_instruction_at_once() -> None:
    alert = entry_alert(entry(3, new_findings=["unable_to_walk"]))
    assert alert is not None and alert.is_emergency
    # The sign in the knowledge's own words (screen.yaml `name`), whatever they are today.
    assert alert.message.startswith(f"You noted something new: {sign_name('unable_to_walk')}. Get emergency help now.")
    assert alert.sources


def test_a_sign_is_read_in_the_context_of_the_saved_check() -> None:
    # Numbness in one leg alone is not urgent; in a person with cancer in the past, triage
    # looks harder. Whatever the rules say with the saved context must be at least as urgent.
    alone = alert_for(["leg_numbness"])
    with_history = alert_for(["leg_numbness"], KeptAssessment.model_validate({"age": 70, "history": ["cancer"],
                                                                              "findings": []}))
    from backrelief.knowledge import URGENCY

    assert alone is not None and with_history is not None
    assert URGENCY[with_history.level] >= URGENCY[alone.level]


def test_a_sign_the_check_said_no_to_is_still_checked_as_present() -> None:
    alert = alert_for(["saddle_numbness"], KeptAssessment.model_validate(
        {"age": 40, "findings": [], "findings_absent": ["saddle_numbness"]}))
    assert alert is not None and alert.level == "emergency"


def test_an_entry_without_new_signs_raises_nothing() -> None:
    assert entry_alert(entry(3)) is None


def test_every_sign_is_listed_with_its_date_once_a_day() -> None:
    entries = [entry(3, new_findings=["fever"]), entry(3, new_findings=["fever", "leg_numbness"]),
               entry(5, new_findings=["fever"])]
    assert [(s.day, s.name) for s in recorded_signs(entries)] == [
        (date(2026, 11, 3), "fever"), (date(2026, 11, 3), "leg numbness"), (date(2026, 11, 5), "fever")]


def test_only_signs_the_latest_check_did_not_record_still_need_a_check() -> None:
    entries = [entry(3, new_findings=["fever"]), entry(4, new_findings=["leg_numbness"])]
    assert unchecked_signs(entries, KeptAssessment.model_validate({"findings": ["fever"]})) == ("leg_numbness",)
    assert unchecked_signs(entries, None) == ("fever", "leg_numbness")


def test_a_start_changed_to_a_fall_from_a_height_is_an_emergency_and_an_unchanged_one_is_nothing() -> None:
    from backrelief.diary.models import EpisodeCreate
    from backrelief.diary.warning_signs import start_alert

    check = KeptAssessment.model_validate(
        {"age": 34, "severity": 4, "duration_days": 2, "onset": "sudden", "trigger": "lifting"})
    today = date(2026, 11, 26)
    fall = start_alert(EpisodeCreate(started_on=date(2026, 11, 24), onset="sudden", trigger="fall_from_height"),
                       today, check, "self_care")
    assert fall is not None and (fall.level, fall.is_emergency) == ("emergency", True)
    assert fall.message.startswith("How it started has changed. Get emergency help now.")
    same = EpisodeCreate(started_on=date(2026, 11, 24), onset="sudden", trigger="lifting")
    assert start_alert(same, today, check, "self_care") is None
    # An older start is a longer course: past 4 weeks the rules advise a visit.
    longer = start_alert(same.model_copy(update={"started_on": date(2026, 10, 1)}), today, check, "self_care")
    assert longer is not None and longer.level == "routine"
