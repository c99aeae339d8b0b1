"""The plan's .ics file is valid iCalendar that a real parser imports and expands."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from backrelief.errors import InvalidInput
from backrelief.knowledge import load_knowledge
from backrelief.plan import Plan
from backrelief.plan.programme import WAKING_HOURS
from backrelief.render.plan_ics import plan_ics
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, TODAY, PlanFor, plan_of


def plan_for_name(name: str) -> Plan:
    return plan_of({**PLAN_ANSWERS, **PEOPLE[name]})


def _occurrences(ics: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    events: list[icalendar.Event] = recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2028, 1, 1))
    return events


def _ready(name: str, level: int = 1) -> Plan:
    """A person who answered no to every readiness question, at the level they confirmed."""
    from backrelief.plan import load_plan_knowledge

    answers = {q.id: False for q in load_plan_knowledge().readiness.questions}
    return plan_of({**PLAN_ANSWERS, **PEOPLE[name]}, readiness=answers, level=level)


def _expected(plan: Plan) -> Counter[str]:
    """What the plan's own data says the calendar holds: each open level's exercise sessions
    as often a day as its doses say, its walks as often a day (or days a week) as the
    walking dose says, the heat sessions and the review."""
    want: Counter[str] = Counter()
    for s in plan.heat_cold:
        want[f"{s.name} for your back: {s.how_long}"] += s.times_a_day * s.days
    assert plan.programme is not None
    by_id = {e.id: e for e in plan.exercises}
    for lvl in plan.programme.levels:
        if not lvl.open_now:
            continue
        days = (lvl.end_date - lvl.start_date).days + 1
        doses = {x: d for x in lvl.exercises if (d := by_id[x].dose_at(lvl.number)) is not None}
        per_day = max(d.times_a_day or 1 for x, d in doses.items() if x != "walking")
        for i in range(1, per_day + 1):
            title = f"Back exercises: level {lvl.number} ({lvl.name})" + (f", session {i} of {per_day}" if per_day > 1 else "")
            want[title] += -(-days // lvl.every_days)
        walk = doses["walking"]
        title = f"Walk: {walk.minutes} to {walk.minutes_up_to} minutes" if walk.minutes_up_to else f"Walk: {walk.minutes} minutes"
        if walk.days_a_week:
            want[title] += sum(1 for n in range(days) if (lvl.start_date + timedelta(days=n)).weekday() < walk.days_a_week)
        elif walk.every_hours:
            # Every 2 to 3 hours while awake: a walk at each step of the longer gap.
            first, last = WAKING_HOURS
            want[title] += len(range(first, last + 1, walk.every_hours_up_to or walk.every_hours)) * days
        else:
            want[title] += (walk.times_a_day or 1) * days
    want["Back pain: time to check how you are"] += 1
    if plan.who_to_see.again_date is not None:
        want["Back pain: still not clearly better?"] += 1
    return want


@pytest.mark.parametrize("name", ["simple_spasm", "one_sided_sciatica", "pregnant", "ulcer_and_kidney"])
def test_the_calendar_holds_exactly_the_sessions_the_plan_text_gives(name: str) -> None:
    for plan in (_ready(name), _ready(name, 2), _ready(name, 3), plan_for_name(name)):
        counts = Counter(str(e["SUMMARY"]) for e in _occurrences(plan_ics(plan, TODAY, "Europe/London")))
        assert counts == _expected(plan)


def test_each_level_follows_its_own_sessions_a_day_and_walks() -> None:
    def counts(level: int) -> Counter[str]:
        return Counter(str(e["SUMMARY"]) for e in _occurrences(plan_ics(_ready("simple_spasm", level), TODAY,
                                                                        "Europe/London")))
    one, two, three = counts(1), counts(2), counts(3)
    assert one["Back exercises: level 1 (Gentle), session 3 of 3"] == 14      # 3 a day for 2 weeks
    assert one["Walk: 10 to 20 minutes"] == 5 * 14          # every 3 hours from 09:00 to 21:00
    assert two["Back exercises: level 2 (Building), session 2 of 2"] == 28    # 2 a day for 4 weeks
    assert two["Walk: 20 to 30 minutes"] == 2 * 28
    assert three["Back exercises: level 3 (Strong)"] == 21                    # every other day, 6 weeks
    assert three["Walk: 30 minutes"] == 30                                     # 5 days a week for 6 weeks


def test_unanswered_readiness_schedules_level_one_only() -> None:
    titles = {str(e["SUMMARY"]) for e in _occurrences(plan_ics(plan_for_name("simple_spasm"), TODAY, "Europe/London"))}
    assert not any("level 2" in t or "level 3" in t for t in titles)


def test_every_event_has_a_uid_a_stamp_and_a_display_reminder(plan_for: PlanFor) -> None:
    cal = icalendar.Calendar.from_ical(plan_ics(plan_for("simple_spasm"), TODAY, "Europe/London"))
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == "-//backrelief//relief plan//EN"
    events = list(cal.walk("VEVENT"))
    assert len({str(e["UID"]) for e in events}) == len(events) > 5
    for event in events:
        assert event.decoded("DTSTAMP") == datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
        assert str(event["DESCRIPTION"]).endswith(f"(backrelief plan, knowledge {load_knowledge().version})")
        assert "is not a diagnosis" in str(event["DESCRIPTION"])
        alarms = list(event.walk("VALARM"))
        assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY"]
        assert alarms[0].decoded("TRIGGER").total_seconds() < 0


def test_times_are_in_the_persons_time_zone_with_its_vtimezone() -> None:
    ics = plan_ics(plan_for_name("simple_spasm"), TODAY, "America/New_York")
    cal = icalendar.Calendar.from_ical(ics)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    heat = sorted(e.decoded("DTSTART") for e in _occurrences(ics) if str(e["SUMMARY"]).startswith("Heat"))
    new_york = ZoneInfo("America/New_York")
    assert heat[0] == datetime(2026, 11, 26, 9, 0, tzinfo=new_york)
    assert heat[-1] == datetime(2026, 12, 2, 19, 0, tzinfo=new_york)
    # Nine in the morning there is two in the afternoon in London.
    assert heat[0].astimezone(ZoneInfo("Europe/London")).hour == 14


def test_no_first_reminder_is_already_in_the_past() -> None:
    plan = plan_for_name("simple_spasm")
    zone = ZoneInfo("Europe/London")
    now = datetime(2026, 11, 26, 15, 30, tzinfo=zone)
    occurrences = _occurrences(plan_ics(plan, now, zone))
    firsts: dict[str, datetime] = {}
    for e in occurrences:
        firsts[str(e["SUMMARY"])] = min(firsts.get(str(e["SUMMARY"]), e.decoded("DTSTART")), e.decoded("DTSTART"))
    assert all(first > now for first in firsts.values()), firsts
    # The 09:00 and 13:00 heat sessions of today have gone by; the 19:00 one is still ahead,
    # and the series still ends on the plan's last day.
    heat = sorted(e.decoded("DTSTART") for e in occurrences if str(e["SUMMARY"]).startswith("Heat"))
    assert heat[0] == datetime(2026, 11, 26, 19, 0, tzinfo=zone) and heat[-1] == datetime(2026, 12, 2, 19, 0, tzinfo=zone)
    assert len(heat) == 3 * 7 - 2


def test_a_time_zone_that_does_not_exist_is_refused_with_examples() -> None:
    with pytest.raises(InvalidInput, match="'Mars/Olympus' is not a time zone we know; give its name like Europe/London"):
        plan_ics(plan_for_name("simple_spasm"), TODAY, "Mars/Olympus")


def test_the_first_heat_session_and_the_review_fall_on_the_right_days(plan_for: PlanFor) -> None:
    zone = ZoneInfo("Europe/London")
    occurrences = _occurrences(plan_ics(plan_for("simple_spasm"), TODAY, zone))
    heat = sorted(e.decoded("DTSTART") for e in occurrences if str(e["SUMMARY"]).startswith("Heat"))
    assert heat[0] == datetime(2026, 11, 26, 9, 0, tzinfo=zone) and heat[-1] == datetime(2026, 12, 2, 19, 0, tzinfo=zone)
    review = [e.decoded("DTSTART") for e in occurrences if str(e["SUMMARY"]).startswith("Back pain: time")]
    assert review == [datetime(2026, 12, 8, 9, 0, tzinfo=zone)]


def test_a_person_who_must_see_a_doctor_today_gets_heat_sessions_but_no_exercise_sessions(
        plan_for: PlanFor) -> None:
    counts = Counter(str(e["SUMMARY"]) for e in _occurrences(plan_ics(plan_for("age_80_osteoporosis"), TODAY)))
    assert counts == {"Heat for your back: 15 to 20 minutes": 21}


def test_an_emergency_plan_has_no_calendar_and_says_what_to_do_instead(plan_for: PlanFor) -> None:
    with pytest.raises(InvalidInput, match="this plan has no calendar: Call 999"):
        plan_ics(plan_for("emergency"), TODAY)


def test_the_file_uses_crlf_line_ends_and_folds_long_lines(plan_for: PlanFor) -> None:
    ics = plan_ics(plan_for("simple_spasm"), TODAY, "Europe/London")
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    lines = ics.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in b"".join(lines)
