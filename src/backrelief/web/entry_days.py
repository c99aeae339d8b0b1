"""The days a diary entry may have, for one request: the person's today and their episode.

Every diary form and route of the web (home and clinic, pages and API) asks here, so they
all refuse the same dates with the same words (the rule is backrelief.diary.dates).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from fastapi import Request
from sqlalchemy import Engine

from backrelief.diary.dates import EntryDays, entry_days, person_today
from backrelief.storage import Episodes
from backrelief.web.render import services


def days_for(request: Request, engine: Engine, person_id: int | None = None,
             zone: tzinfo | None = None) -> EntryDays:
    """`zone`: the person's time zone when their input says it (a time written with its
    offset). Otherwise at home the app runs where the person is, so this machine's zone is
    theirs; a clinic's server may be anywhere, so there the zone is not known and the
    latest today on Earth is allowed."""
    now = datetime.now().astimezone()
    if zone is None and request.app.state.settings.mode != "clinic":
        zone = now.tzinfo
    today = person_today(services(request).clock(), now, zone)
    return entry_days(today, Episodes(engine, person_id).latest())
