"""The audit log: every view of a patient's data by someone else, with who, what and when,
and every refused attempt by a clinician to open it.

The row is written before the data is read and shown; if it cannot be written, nothing is
shown (fail closed). Patients read their own log; nobody can change it through the app.

A refused attempt is one `INSERT ... SELECT` that writes a row only when the id is a
patient's: the same statement, in the same write transaction, for a real id and a made-up
one, so how long the answer takes says nothing about which ids exist. Reads and refused
attempts are paged separately, so a flood of refused attempts cannot push the real reads
out of the patient's sight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine, func, insert, literal, select
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import User
from backrelief.clinic.clock import Now
from backrelief.clinic.tables import AuditRow, UserRow
from backrelief.storage import writing
from backrelief.storage.tables import MAX_ROW_ID

WHAT_LABELS = {
    "summary": "the summary on their list of patients",
    "diary": "your diary",
    "assessments": "your checks and their results",
    "report": "your report for the doctor",
    "refused": "tried to open your data without a share, and was refused",
}


Kind = Literal["reads", "refused", "all"]
KINDS: tuple[Kind, ...] = ("reads", "refused", "all")
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 100_000


@dataclass(frozen=True)
class Page:
    items: list[Access]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


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

    def refused(self, actor: User, patient_id: int, detail: str = "") -> None:
        """A refused attempt on `patient_id`: a row in that patient's log if the id is a
        patient's, nothing otherwise, at the same cost either way (one write statement)."""
        pid = patient_id if 1 <= patient_id <= MAX_ROW_ID else 0
        chosen = select(literal(self.now()), literal(actor.id), literal(actor.label[:260]), UserRow.id,
                        literal("refused"), literal(detail[:500])).where(UserRow.id == pid, UserRow.role == "patient")
        with Session(writing(self.engine)) as session, session.begin():
            session.execute(insert(AuditRow).from_select(
                ["at", "actor_id", "actor_label", "patient_id", "what", "detail"], chosen))

    def of_patient(self, patient: User, kind: Kind = "all", page: int = 1, per_page: int = PAGE_SIZE) -> Page:
        """One page of the patient's log, newest first: reads, refused attempts, or both."""
        per_page = max(1, min(per_page, MAX_PAGE_SIZE))
        page = max(1, min(page, MAX_PAGE))
        where = [AuditRow.patient_id == patient.id]
        if kind == "reads":
            where.append(AuditRow.what != "refused")
        elif kind == "refused":
            where.append(AuditRow.what == "refused")
        with Session(self.engine) as session:
            total = session.scalar(select(func.count()).select_from(AuditRow).where(*where)) or 0
            rows = session.scalars(select(AuditRow).where(*where).order_by(AuditRow.at.desc(), AuditRow.id.desc())
                                   .offset((page - 1) * per_page).limit(per_page))
            items = [Access(at=r.at, who=r.actor_label, what=r.what, detail=r.detail) for r in rows]
        return Page(items=items, page=page, per_page=per_page, total=total)

    def count(self, patient_id: int) -> int:
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.patient_id == patient_id)) or 0
