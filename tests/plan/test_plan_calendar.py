"""The plan's .ics file is valid iCalendar that a real parser imports and expands."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import icalendar
import pytest
import recurring_ical_events

from backrelief.errors import InvalidInput
from backrelief.knowledge import load_knowledge
from backrelief.render.plan_ics import plan_ics
from tests.plan.conftest import TODAY, PlanFor


def _occurrences(ics: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    events: list[icalendar.Event] = recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2028, 1, 1))
    return events


def test_the_simple_spasm_calendar_expands_to_every_session_and_the_review(plan_for: PlanFor) -> None:
    ics = plan_ics(plan_for("simple_spasm"), TODAY)
    counts = Counter(str(e["SUMMARY"]) for e in _occurrences(ics))
    assert counts == {
        "Heat for your back: 20 minutes": 21,            # 3 a day for 7 days
        "Back exercises: level 1 (Gentle)": 14,           # daily, weeks 1-2
        # Levels 2 and 3 are booked only when the person confirms the move-up rule.
        "Back pain: time to check how you are": 1,
    }


def test_every_event_has_a_uid_a_stamp_and_a_display_reminder(plan_for: PlanFor) -> None:
    cal = icalendar.Calendar.from_ical(plan_ics(plan_for("simple_spasm"), TODAY))
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == "-//backrelief//relief plan//EN"
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    assert len({str(e["UID"]) for e in events}) == 5
    for event in events:
        assert event.decoded("DTSTAMP") == datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
        assert str(event["DESCRIPTION"]).endswith(f"(backrelief plan, knowledge {load_knowledge().version})")
        assert "is not a diagnosis" in str(event["DESCRIPTION"])
        alarms = list(event.walk("VALARM"))
        assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY"]
        assert alarms[0].decoded("TRIGGER").total_seconds() < 0


def test_the_first_heat_session_and_the_review_fall_on_the_right_days(plan_for: PlanFor) -> None:
    occurrences = _occurrences(plan_ics(plan_for("simple_spasm"), TODAY))
    heat = sorted(e.decoded("DTSTART") for e in occurrences if str(e["SUMMARY"]).startswith("Heat"))
    assert heat[0] == datetime(2026, 11, 26, 9, 0) and heat[-1] == datetime(2026, 12, 2, 19, 0)
    review = [e.decoded("DTSTART") for e in occurrences if str(e["SUMMARY"]).startswith("Back pain: time")]
    assert review == [datetime(2026, 12, 8, 9, 0)]


def test_a_person_who_must_see_a_doctor_today_gets_heat_sessions_but_no_exercise_sessions(
        plan_for: PlanFor) -> None:
    counts = Counter(str(e["SUMMARY"]) for e in _occurrences(plan_ics(plan_for("age_80_osteoporosis"), TODAY)))
    assert counts == {"Heat for your back: 20 minutes": 21}


def test_gentle_only_schedules_level_one_alone(plan_for: PlanFor) -> None:
    counts = Counter(str(e["SUMMARY"]) for e in _occurrences(plan_ics(plan_for("pregnant"), TODAY)))
    assert counts == {"Heat for your back: 20 minutes": 21, "Back exercises: level 1 (Gentle)": 14,
                      "Back pain: time to check how you are": 1}


def test_an_emergency_plan_has_no_calendar_and_says_what_to_do_instead(plan_for: PlanFor) -> None:
    with pytest.raises(InvalidInput, match="this plan has no calendar: Call 999"):
        plan_ics(plan_for("emergency"), TODAY)


def test_the_file_uses_crlf_line_ends_and_folds_long_lines(plan_for: PlanFor) -> None:
    ics = plan_ics(plan_for("simple_spasm"), TODAY)
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    lines = ics.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in b"".join(lines)
