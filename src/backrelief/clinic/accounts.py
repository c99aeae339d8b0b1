"""Accounts: users, logging in and out, server-side sessions, password change, erasure.

Sessions are rows in the database: a random 256-bit token goes to the browser, only its
SHA-256 hash is stored. A session ends after 30 minutes without use or 12 hours after
login, whichever comes first (NIST 800-63B AAL2, as OWASP ASVS 5.0 V7 asks).
Messages never say whether an email address has an account.

The second factor (clinic/second_factor.py): a session records whether it was made with
the password only or with a code as well, and `stage` says what it may reach: everything,
only the code step (the account has a second factor), or only enrolment (the role must
have one and the account has none yet). Only a "full" session is a signed-in user.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import Engine, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from backrelief.clinic.clock import Now
from backrelief.clinic.passwords import Passwords, password_problems
from backrelief.clinic.tables import (
    AuditRow,
    InviteRow,
    RecoveryCodeRow,
    SecurityEventRow,
    SessionRow,
    ShareRow,
    UserRow,
)
from backrelief.clinic.throttle import Throttle
from backrelief.errors import BackreliefError, InvalidInput, Problem
from backrelief.storage import Store, reading
from backrelief.storage.tables import AssessmentRow, EntryRow, EpisodeRow

Role = Literal["patient", "clinician", "admin"]
Stage = Literal["full", "code", "enrol"]
ROLES: tuple[Role, ...] = ("patient", "clinician", "admin")
IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
# A session waiting for its code: long enough to find the phone, not a way to keep a
# half-logged-in session around.
PENDING = timedelta(minutes=10)
# Writing last_seen on every request would make every read a write; once a minute is enough.
TOUCH_EVERY = timedelta(seconds=60)
MAX_NAME = 100
# Also the API's JSON Schema pattern, so a client (or schemathesis) knows what is accepted.
# Spaces and control characters are listed, not written \s: Python's \s and JSON Schema's
# (ECMA 262) differ (U+0085, U+001C-U+001F), and a pattern must mean the same to both.
_NOT_IN_ADDRESS = r"@\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
EMAIL_PATTERN = rf"^[^{_NOT_IN_ADDRESS}]{{1,64}}@[^{_NOT_IN_ADDRESS}.]+(\.[^{_NOT_IN_ADDRESS}.]+)+$"
MAX_EMAIL = 254
_EMAIL = re.compile(EMAIL_PATTERN)

WRONG_LOGIN = "The email address or password is not right."
TOO_MANY = "Too many attempts to log in. Wait 15 minutes, then try again."
TOO_MANY_SIGNUPS = "Too many new accounts from this place. Wait 15 minutes, then try again."
TOO_MANY_REENTRIES = "Too many wrong passwords. Nothing was changed. Wait 15 minutes, then try again."


class LoginRefused(BackreliefError):
    """Wrong email or password (which one is never said)."""


class Throttled(BackreliefError):
    """Too many failed logins for this account or from this address."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: str
    mfa: bool = False  # the second factor is set up

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name, role=row.role, mfa=row.totp_confirmed_at is not None)


@dataclass(frozen=True)
class Signed:
    """A live session: whose, and what it may reach (see `Accounts.stage`)."""

    user: User
    stage: Stage


def normalise_email(text: str, field: str = "email") -> str:
    email = text.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise InvalidInput([Problem(field, "Enter an email address like name@example.org.")])
    return email


def clean_name(text: str, field: str = "name") -> str:
    name = " ".join(text.split())
    if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        raise InvalidInput([Problem(field, f"The name can be at most {MAX_NAME} characters of plain text.")])
    return name


_SESSION_USER = (
    select(SessionRow.id, SessionRow.created_at, SessionRow.last_seen_at, SessionRow.factors, UserRow.id,
           UserRow.email, UserRow.name, UserRow.role, UserRow.totp_confirmed_at)
    .join(UserRow, UserRow.id == SessionRow.user_id)
    .where(SessionRow.token_hash == bindparam("token_hash"))
)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts(Store):
    def __init__(self, engine: Engine, passwords: Passwords, throttle: Throttle, now: Now,
                 mfa_roles: frozenset[str] = frozenset({"clinician"})) -> None:
        self.engine = engine
        self.passwords = passwords
        self.throttle = throttle
        self.now = now
        # The roles that must use a second factor (the clinic's setting; clinicians by default).
        self.mfa_roles = mfa_roles

    # -- users ---------------------------------------------------------------------

    def create(self, email: str, password: str, role: str, name: str = "") -> User:
        """A new account. Raises InvalidInput naming the field; an address in use is one of them
        (only for admins on the command line: sign-up never says so)."""
        if role not in ROLES:
            raise InvalidInput([Problem("role", f"The role must be one of {', '.join(ROLES)}, not '{role}'.")])
        address = normalise_email(email)
        problems = password_problems(password, address)
        if problems:
            raise InvalidInput(problems)
        row = UserRow(email=address, name=clean_name(name), role=role, password_hash=self.passwords.hash(password),
                      created_at=self.now())
        try:
            with self._write() as session, session.begin():
                session.add(row)
        except IntegrityError:
            raise InvalidInput([Problem("email", "There is already an account with this email address.")]) from None
        return _user(row)

    def sign_up(self, email: str, password: str, name: str = "", client: str = "") -> None:
        """A patient signs up. If the address is taken nothing happens, and the answer is the same."""
        address = normalise_email(email)
        problems = password_problems(password, address)
        if problems:
            raise InvalidInput(problems)
        # Counted whether or not the address was free, so the answer says nothing about it.
        if not self.throttle.signup_attempt(client).allowed:
            raise Throttled(TOO_MANY_SIGNUPS)
        try:
            self.create(address, password, "patient", name)
        except InvalidInput as error:
            if any(p.field != "email" for p in error.problems):
                raise

    def get(self, user_id: int) -> User | None:
        with self._read() as session:
            row = session.get(UserRow, user_id)
            return None if row is None else _user(row)

    def by_email(self, email: str) -> User | None:
        with self._read() as session:
            row = session.scalars(select(UserRow).where(UserRow.email == email)).first()
            return None if row is None else _user(row)

    def count(self) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(UserRow)) or 0

    # -- logging in and out ----------------------------------------------------------

    def stage(self, user: User, factors: int) -> Stage:
        """What a session made with `factors` may reach: a second factor set up must be used;
        a role that must have one and has none may only set it up."""
        if factors >= 2:
            return "full"
        if user.mfa:
            return "code"
        return "enrol" if user.role in self.mfa_roles else "full"

    def login(self, email: str, password: str, address: str) -> tuple[User, str]:
        """The user and a new session token (with the password only: see `stage`), or
        LoginRefused / Throttled."""
        user = self.check_login(email, password, address)
        return user, self.start_session(user.id)

    def check_login(self, email: str, password: str, address: str) -> User:
        """The user whose email and password these are, or LoginRefused / Throttled."""
        try:
            normal = normalise_email(email)
        except InvalidInput:
            normal = email.strip().lower()[:254]
        # Counted before the password is checked (atomically), so tries sent at once cannot
        # overshoot the limit; a right password takes its count back.
        attempt = self.throttle.login_attempt(normal, address)
        if not attempt.allowed:
            raise Throttled(TOO_MANY)
        with self._read() as session:
            row = session.scalars(select(UserRow).where(UserRow.email == normal)).first()
        if not self.passwords.verify(row.password_hash if row else None, password) or row is None:
            raise LoginRefused(WRONG_LOGIN)
        self.throttle.login_succeeded(attempt, normal, address)
        if self.passwords.needs_rehash(row.password_hash):
            with self._write() as session, session.begin():
                session.execute(update(UserRow).where(UserRow.id == row.id)
                                .values(password_hash=self.passwords.hash(password)))
        return _user(row)

    def start_session(self, user_id: int, factors: int = 1) -> str:
        token = secrets.token_urlsafe(32)
        now = self.now()
        with self._write() as session, session.begin():
            # Expired sessions are swept here, so the table holds only live ones.
            session.execute(delete(SessionRow).where((SessionRow.last_seen_at < now - IDLE)
                                                     | (SessionRow.created_at < now - ABSOLUTE)))
            session.add(SessionRow(token_hash=_token_hash(token), user_id=user_id, created_at=now, last_seen_at=now,
                                   factors=factors))
        return token

    def raise_session(self, token: str, user_id: int) -> str:
        """The second factor was given: this session ends and a new one, with both factors,
        begins (a new token at the change of privilege, so a token seen before is worthless)."""
        self.end_session(token)
        return self.start_session(user_id, factors=2)

    def user_for(self, token: str | None) -> User | None:
        """The signed-in user for a session token, or None when there is none, it expired, or
        it still needs its second factor."""
        signed = self.session_for(token)
        return signed.user if signed is not None and signed.stage == "full" else None

    def session_for(self, token: str | None) -> Signed | None:
        """The live session of a token, at whatever stage, or None."""
        if not token or len(token) > 100:
            return None
        now = self.now()
        # Every authenticated request asks this: one plain row read (no ORM objects, no
        # transaction), and a write only when the recorded use is a minute old.
        with reading(self.engine).connect() as connection:
            found = connection.execute(_SESSION_USER, {"token_hash": _token_hash(token)}).first()
        if found is None:
            return None
        session_id, created_at, last_seen_at, factors, user_id, email, name, role, mfa_at = found
        user = User(id=user_id, email=email, name=name, role=role, mfa=mfa_at is not None)
        stage = self.stage(user, factors)
        if (now - last_seen_at > IDLE or now - created_at > ABSOLUTE
                or (stage == "code" and now - created_at > PENDING)):
            self.end_session(token)
            return None
        if now - last_seen_at >= TOUCH_EVERY:
            with self._write() as session, session.begin():
                session.execute(update(SessionRow).where(SessionRow.id == session_id).values(last_seen_at=now))
        return Signed(user=user, stage=stage)

    def end_session(self, token: str) -> None:
        with self._write() as session, session.begin():
            session.execute(delete(SessionRow).where(SessionRow.token_hash == _token_hash(token)))

    def sessions_of(self, user_id: int) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user_id)) or 0

    def change_password(self, user: User, current: str, new: str) -> str:
        """Check the current password, set the new one, end every session and start a new one.
        Throttled after too many wrong current passwords."""
        if not self.check_password(user, current):
            raise InvalidInput([Problem("current_password", "The current password is not right.")])
        problems = password_problems(new, user.email, field="new_password")
        if problems:
            raise InvalidInput(problems)
        with self._write() as session, session.begin():
            session.execute(update(UserRow).where(UserRow.id == user.id)
                            .values(password_hash=self.passwords.hash(new)))
            session.execute(delete(SessionRow).where(SessionRow.user_id == user.id))
        # The session asking was a full one, so it had the second factor if the account has one.
        return self.start_session(user.id, factors=2 if user.mfa else 1)

    def check_password(self, user: User, password: str) -> bool:
        """Whether `password` is the user's own (re-entered while logged in). Raises Throttled
        after too many wrong ones, so a stolen session cannot guess it."""
        attempt = self.throttle.reentry_attempt(user.id)
        if not attempt.allowed:
            raise Throttled(TOO_MANY_REENTRIES)
        with self._read() as session:
            row = session.get(UserRow, user.id)
        right = row is not None and self.passwords.verify(row.password_hash, password)
        if right:
            self.throttle.reentry_succeeded(attempt, user.id)
        return right

    # -- erasure ---------------------------------------------------------------------

    def erase(self, user_id: int) -> None:
        """Delete the account and everything about the person, in one transaction.

        Audit rows about this person go too. Rows where this person looked at someone
        else's data stay, for that patient, but no longer name them.
        """
        with self._write() as session, session.begin():
            for table in (EntryRow, AssessmentRow, EpisodeRow):
                session.execute(delete(table).where(table.person_id == user_id))
            session.execute(delete(AuditRow).where(AuditRow.patient_id == user_id))
            session.execute(update(AuditRow).where(AuditRow.actor_id == user_id)
                            .values(actor_id=None, actor_label="a deleted account"))
            session.execute(delete(ShareRow).where((ShareRow.patient_id == user_id) | (ShareRow.clinician_id == user_id)))
            session.execute(delete(InviteRow).where(InviteRow.patient_id == user_id))
            session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
            session.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user_id))
            session.execute(delete(SecurityEventRow).where(SecurityEventRow.user_id == user_id))
            session.execute(delete(UserRow).where(UserRow.id == user_id))
