"""The audit log: every view of a patient's data by someone else, with who, what and when,
and every refused attempt by a clinician to open it.

The row is written before the data is read and shown; if it cannot be written, nothing is
shown (fail closed). Patients read their own log; nobody can change it through the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import User
from backrelief.clinic.clock import Now
from backrelief.clinic.tables import AuditRow
from backrelief.storage import writing

WHAT_LABELS = {
    "summary": "the summary on their list of patients",
    "diary": "your diary",
    "assessments": "your checks and their results",
    "report": "your report for the doctor",
    "refused": "tried to open your data without a share, and was refused",
}


@dataclass(frozen=True)
class Access:
    at: datetime
    who: str
    what: str
    detail: str


class Audit:
    def __init__(self, engine: Engine, now: Now) -> None:
        self.engine = engine
        self.now = now

    def viewed(self, actor: User, patient_ids: list[int] | int, what: str, detail: str = "") -> None:
        ids = [patient_ids] if isinstance(patient_ids, int) else patient_ids
        if not ids:
            return
        at = self.now()
        with Session(writing(self.engine)) as session, session.begin():
            session.add_all(AuditRow(at=at, actor_id=actor.id, actor_label=actor.label[:260], patient_id=pid,
                                     what=what, detail=detail[:500]) for pid in ids)

    def of_patient(self, patient: User, limit: int = 500) -> list[Access]:
        with Session(self.engine) as session:
            rows = session.scalars(select(AuditRow).where(AuditRow.patient_id == patient.id)
                                   .order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit))
            return [Access(at=r.at, who=r.actor_label, what=r.what, detail=r.detail) for r in rows]

    def count(self, patient_id: int) -> int:
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.patient_id == patient_id)) or 0
