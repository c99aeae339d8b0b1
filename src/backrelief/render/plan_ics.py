"""The plan's calendar as iCalendar (RFC 5545): heat or cold sessions, exercise sessions
and walks at their levels and the review date, each a repeating event with a reminder.

Times are the person's own wall-clock times in their time zone (a VTIMEZONE is included),
so "09:00" stays nine in the morning where they live, also across a change to summer
time. No first reminder is already in the past: a series whose first times have gone by
today starts at its next time, and ends on the day the plan says. Presents only.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar import Alarm, Calendar, Event, vRecur

from backrelief.errors import InvalidInput, Problem
from backrelief.plan.model import CalendarEntry, Plan

PRODID = "-//backrelief//relief plan//EN"
DEFAULT_ZONE = "Europe/London"


def local_zone() -> str:
    """This machine's time zone by its IANA name (TZ, /etc/timezone, /etc/localtime)."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and "/" in name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return DEFAULT_ZONE


def zone_named(name: str, field: str = "tz") -> ZoneInfo:
    """A time zone by its IANA name, or a plain message naming what is allowed."""
    cleaned = name.strip()
    if cleaned in available_timezones():
        return ZoneInfo(cleaned)
    raise InvalidInput([Problem(field, f"'{cleaned[:40]}' is not a time zone we know; give its name like "
                                       "Europe/London, America/New_York or Asia/Kolkata")])


def _footer(plan: Plan) -> str:
    return f"{plan.not_a_diagnosis} {plan.emergency_help} (backrelief plan, knowledge {plan.knowledge_version})"


def _occurrences(entry: CalendarEntry) -> list[date]:
    """The days of this series, as the plan gives them."""
    if entry.weekdays:
        names = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
        wanted = {names.index(w) for w in entry.weekdays}
        last = entry.until or entry.start
        return [entry.start + timedelta(days=i) for i in range((last - entry.start).days + 1)
                if (entry.start + timedelta(days=i)).weekday() in wanted]
    return [entry.start + timedelta(days=i * entry.every_days) for i in range(max(entry.count, 1))]


def _event(entry: CalendarEntry, plan: Plan, stamp: datetime, now: datetime, zone: ZoneInfo) -> Event | None:
    days = _occurrences(entry)
    if entry.time is not None:
        hour, minute = (int(part) for part in entry.time.split(":"))
        at = time(hour, minute)
        # The first reminder must still lie ahead: skip the times that have gone by.
        days = [d for d in days if datetime.combine(d, at, zone) - timedelta(minutes=entry.alarm_minutes_before) > now]
    else:
        days = [d for d in days if d >= now.date()]
    if not days:
        return None
    event = Event()
    event.add("uid", f"{entry.id}-{plan.made_on:%Y%m%d}@backrelief")
    event.add("dtstamp", stamp)
    event.add("summary", entry.title)
    event.add("description", f"{entry.description}\n\n{_footer(plan)}")
    first = days[0]
    if entry.time is None:
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=1))
    else:
        start = datetime.combine(first, at, zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=entry.minutes))
    if entry.weekdays:
        until = datetime.combine(days[-1], time(23, 59), zone).astimezone(UTC)
        event.add("rrule", vRecur(freq="WEEKLY", byday=list(entry.weekdays), until=until))
    elif len(days) > 1:
        event.add("rrule", vRecur(freq="DAILY", interval=entry.every_days, count=len(days)))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", entry.title)
    alarm.add("trigger", timedelta(minutes=-entry.alarm_minutes_before))
    event.add_component(alarm)
    return event


def plan_ics(plan: Plan, now: datetime | date | None = None, zone: ZoneInfo | str | None = None) -> bytes:
    """The calendar file, in the person's time zone `zone` (default: this machine's), with
    nothing before `now`. An emergency plan has no calendar: the only thing to do is get help."""
    if not plan.calendar:
        raise InvalidInput([Problem(field="format", message=(
            "this plan has no calendar: " + " ".join(a.text for a in plan.now[:1])))])
    tz = zone if isinstance(zone, ZoneInfo) else zone_named(zone) if zone else ZoneInfo(local_zone())
    if now is None:
        moment = datetime.now(tz)
    elif isinstance(now, datetime):
        moment = now.astimezone(tz) if now.tzinfo else now.replace(tzinfo=tz)
    else:
        # A day only (a fixed clock): the whole of that day is still ahead.
        moment = datetime.combine(now, time(0, 0), tz) - timedelta(seconds=1)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Back pain plan")
    cal.add("x-wr-caldesc", _footer(plan))
    cal.add("x-wr-timezone", str(tz.key))
    stamp = datetime.combine(plan.made_on, time(0, 0), tzinfo=UTC)
    for entry in plan.calendar:
        event = _event(entry, plan, stamp, moment, tz)
        if event is not None:
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
