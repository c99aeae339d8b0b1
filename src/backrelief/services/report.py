"""The doctor's report from what is stored: read the diary, then `make_report` (pure)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from backrelief.render.report import Report, make_report
from backrelief.storage import Assessments, Entries, Episodes


def build_report(engine: Engine, today: date, start: date | None = None, end: date | None = None,
                 person_id: int | None = None, patient_name: str | None = None) -> Report:
    until = datetime.combine(end + timedelta(days=1), datetime.min.time()) if end else None
    entries = Entries(engine, person_id).list(end=until)
    return make_report(entries, Episodes(engine, person_id).latest(), Assessments(engine, person_id).list(),
                       today, start, end, patient_name)
