"""The plan's calendar as iCalendar (RFC 5545): heat or cold sessions, exercise sessions
at their levels and the review date, each a repeating event with a reminder (VALARM).

Times are floating (no time zone): "09:00" means nine in the morning wherever the person
is, which is what a reminder to use a heat pad should mean. Presents only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from backrelief.errors import InvalidInput, Problem
from backrelief.plan.model import CalendarEntry, Plan

PRODID = "-//backrelief//relief plan//EN"


def _footer(plan: Plan) -> str:
    return f"{plan.not_a_diagnosis} {plan.emergency_help} (backrelief plan, knowledge {plan.knowledge_version})"


def _event(entry: CalendarEntry, plan: Plan, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.id}-{plan.made_on:%Y%m%d}@backrelief")
    event.add("dtstamp", stamp)
    event.add("summary", entry.title)
    event.add("description", f"{entry.description}\n\n{_footer(plan)}")
    if entry.time is None:
        event.add("dtstart", entry.start)
        event.add("dtend", entry.start + timedelta(days=1))
    else:
        hour, minute = (int(part) for part in entry.time.split(":"))
        start = datetime.combine(entry.start, time(hour, minute))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=entry.minutes))
    if entry.count > 1:
        event.add("rrule", vRecur(freq="DAILY", interval=entry.every_days, count=entry.count))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", entry.title)
    alarm.add("trigger", timedelta(minutes=-entry.alarm_minutes_before))
    event.add_component(alarm)
    return event


def plan_ics(plan: Plan, today: date) -> bytes:
    """The calendar file. An emergency plan has no calendar: the only thing to do is get help."""
    if not plan.calendar:
        raise InvalidInput([Problem(field="format", message=(
            "this plan has no calendar: " + " ".join(a.text for a in plan.now[:1])))])
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Back pain plan")
    cal.add("x-wr-caldesc", _footer(plan))
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for entry in plan.calendar:
        cal.add_component(_event(entry, plan, stamp))
    return bytes(cal.to_ical())
