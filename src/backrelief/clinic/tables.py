"""The clinic's tables, on the storage `Base` so that one Alembic history builds them all.

Secrets (session tokens, invite codes) are kept only as SHA-256 hashes: someone who reads
the database cannot use them. Times are UTC, without a zone, like the rest of the schema.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from backrelief.storage.tables import Base


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))  # patient, clinician, admin
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The second factor (clinicians): a TOTP secret, set when enrolment starts, confirmed by a
    # first right code; the last time step used, so a code works once.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)


class SessionRow(Base):
    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    # 1: the password only; 2: the password and the second factor (a code from the
    # authenticator, or a recovery code). What a session may reach follows from this, the
    # account's enrolment and the clinic's setting (see Accounts.stage).
    factors: Mapped[int] = mapped_column(SmallInteger, default=1, server_default=text("1"))


class LoginFailureRow(Base):
    """One failed login (keyed by a hash of the email or of the client address), or one sign-up
    (keyed by a hash of the client address): what the throttle counts."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime)


class ShareRow(Base):
    __tablename__ = "shares"
    __table_args__ = (Index("ix_shares_clinician_patient", "clinician_id", "patient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # None for a share asked for by email that matched no clinician: it grants nothing, and
    # lists exactly like one that did, so the patient's list cannot tell who is a clinician.
    clinician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    requested_email: Mapped[str | None] = mapped_column(String(254))
    scopes: Mapped[str] = mapped_column(String(60))  # space-separated: diary assessments reports
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class InviteRow(Base):
    __tablename__ = "share_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scopes: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditRow(Base):
    """Who looked at whose what, and when. The actor's name is copied, so the row still reads
    right after the actor's account is gone (it then says 'a deleted account')."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_patient_at", "patient_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_label: Mapped[str] = mapped_column(String(260))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


class RecoveryCodeRow(Base):
    """A one-time code for a clinician who lost their authenticator; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # argon2id, like a password: the codes are short enough to type.
    code_hash: Mapped[str] = mapped_column(String(200))
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SecurityEventRow(Base):
    """Something that happened to an account's login: the second factor set up or reset, a
    recovery code used, a wrong or reused code. The person sees their own on the
    second-factor page."""

    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    what: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")
