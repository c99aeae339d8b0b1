"""Sharing: a patient lets a clinician see chosen parts of their data, and can stop at once.

A patient shares by a one-time invite code (given to the clinician in person) or by the
clinician's email address. There is at most one active share per patient and clinician;
sharing again changes its scopes. Revoking sets `revoked_at`, and every read checks for an
active share, so the next request after a revocation is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import User
from backrelief.clinic.clock import Now
from backrelief.clinic.tables import InviteRow, ShareRow, UserRow
from backrelief.errors import InvalidInput, NotFound, Problem
from backrelief.storage import Store

Scope = Literal["diary", "assessments", "reports"]
SCOPES: tuple[Scope, ...] = ("diary", "assessments", "reports")
SCOPE_LABELS = {"diary": "Diary", "assessments": "Checks and their results", "reports": "Report for the doctor"}
INVITE_DAYS = 7
# No 0/O or 1/I: the code is read out or copied by hand. 12 of 32 letters: 60 bits.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
BAD_CODE = "This code is not right, was used already or has expired."


@dataclass(frozen=True)
class Share:
    id: int
    patient_id: int
    clinician_id: int | None
    clinician_label: str
    patient_label: str
    scopes: tuple[str, ...]
    created_at: datetime


def _label(user: UserRow | None) -> str:
    if user is None:
        return ""
    return f"{user.name} <{user.email}>" if user.name else user.email


def parse_scopes(values: Iterable[str], field: str = "scopes") -> tuple[str, ...]:
    chosen = list(dict.fromkeys(values))
    unknown = [v for v in chosen if v not in SCOPES]
    if unknown:
        raise InvalidInput([Problem(field, f"What is shared must be among {', '.join(SCOPES)}; "
                                           f"'{unknown[0][:40]}' is not one of them.")])
    if not chosen:
        raise InvalidInput([Problem(field, "Choose at least one thing to share.")])
    return tuple(s for s in SCOPES if s in chosen)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_code(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())[:40]


def shown_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


class Sharing(Store):
    def __init__(self, engine: Engine, now: Now) -> None:
        self.engine = engine
        self.now = now

    def invite(self, patient: User, scopes: Iterable[str]) -> tuple[str, datetime]:
        """A new one-time code (shown once; only its hash is kept) and when it expires."""
        chosen = parse_scopes(scopes)
        code = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))
        now = self.now()
        expires = now + timedelta(days=INVITE_DAYS)
        with self._write() as session, session.begin():
            session.add(InviteRow(code_hash=_hash(code), patient_id=patient.id, scopes=" ".join(chosen),
                                  created_at=now, expires_at=expires, used_at=None))
        return code, expires

    def redeem(self, clinician: User, code: str) -> Share:
        """A clinician uses a code. Any problem gives the same answer, so codes cannot be probed."""
        if clinician.role != "clinician":
            raise NotFound(BAD_CODE)
        now = self.now()
        with self._write() as session, session.begin():
            # The row lock makes "used once" hold when two processes redeem at the same time.
            invite = session.scalars(select(InviteRow).where(InviteRow.code_hash == _hash(normalise_code(code)))
                                     .with_for_update()).first()
            if invite is None or invite.used_at is not None or invite.expires_at <= now:
                raise NotFound(BAD_CODE)
            invite.used_at = now
            return self._grant(session, invite.patient_id, clinician.id, tuple(invite.scopes.split()))

    def share_with(self, patient: User, clinician_email: str, scopes: Iterable[str]) -> Share:
        """Share with a clinician's account by email. An address that is not a clinician's is
        kept as a share that grants nothing; it lists, answers and costs the same as a real
        one (labelled by the address typed), so patients cannot find clinicians this way."""
        chosen = parse_scopes(scopes)
        with self._write() as session, session.begin():
            clinician = session.scalars(select(UserRow).where(UserRow.email == clinician_email,
                                                              UserRow.role == "clinician")).first()
            return self._grant(session, patient.id, clinician.id if clinician else None, chosen, clinician_email)

    def _grant(self, session: Session, patient_id: int, clinician_id: int | None, scopes: tuple[str, ...],
               requested_email: str | None = None) -> Share:
        same = (ShareRow.clinician_id == clinician_id if clinician_id is not None
                else (ShareRow.clinician_id.is_(None) & (ShareRow.requested_email == requested_email)))
        active = session.scalars(select(ShareRow).where(ShareRow.patient_id == patient_id, same,
                                                        ShareRow.revoked_at.is_(None))).first()
        if active is None:
            active = ShareRow(patient_id=patient_id, clinician_id=clinician_id, scopes=" ".join(scopes),
                              created_at=self.now(), revoked_at=None, requested_email=requested_email)
            session.add(active)
        else:
            active.scopes = " ".join(scopes)
            if requested_email:
                active.requested_email = requested_email
        session.flush()
        return self._share(session, active)

    @staticmethod
    def _share(session: Session, row: ShareRow) -> Share:
        clinician = session.get(UserRow, row.clinician_id) if row.clinician_id is not None else None
        patient = session.get(UserRow, row.patient_id)
        # Asked for by email: shown as the address typed, whether or not it is a clinician's.
        label = row.requested_email or _label(clinician)
        return Share(id=row.id, patient_id=row.patient_id, clinician_id=row.clinician_id,
                     clinician_label=label, patient_label=_label(patient),
                     scopes=tuple(row.scopes.split()), created_at=row.created_at)

    def shares_of(self, patient: User) -> list[Share]:
        with Session(self.engine) as session:
            rows = session.scalars(select(ShareRow).where(ShareRow.patient_id == patient.id,
                                                          ShareRow.revoked_at.is_(None)).order_by(ShareRow.id))
            return [self._share(session, r) for r in rows]

    def revoke(self, patient: User, share_id: int) -> None:
        with self._write() as session, session.begin():
            done = session.execute(update(ShareRow).where(ShareRow.id == share_id, ShareRow.patient_id == patient.id,
                                                          ShareRow.revoked_at.is_(None))
                                   .values(revoked_at=self.now()))
            if int(done.rowcount) != 1:  # type: ignore[attr-defined]
                raise NotFound("There is no such share.")

    def scopes_for(self, viewer: User, patient_id: int) -> frozenset[str]:
        """What `viewer` may see of the patient's data: nothing unless an active share says so."""
        if viewer.role != "clinician":
            return frozenset()
        with Session(self.engine) as session:
            rows = session.scalars(select(ShareRow.scopes).where(ShareRow.patient_id == patient_id,
                                                                 ShareRow.clinician_id == viewer.id,
                                                                 ShareRow.revoked_at.is_(None)))
            return frozenset(s for r in rows for s in r.split())

    def patients_of(self, clinician: User) -> list[Share]:
        if clinician.role != "clinician":
            return []
        with Session(self.engine) as session:
            rows = session.scalars(select(ShareRow).where(ShareRow.clinician_id == clinician.id,
                                                          ShareRow.revoked_at.is_(None)).order_by(ShareRow.id))
            return [self._share(session, r) for r in rows]
