"""The second factor (OWASP ASVS 5.0 V6, level 2): time-based codes (TOTP, RFC 6238, made
by pyotp) from an authenticator app, and one-time recovery codes for a lost phone.

- Enrolment keeps a new secret on the account, shows it (as a QR code made here with
  segno, and as text), and turns the factor on only when a first right code comes back.
- A code is accepted for its own 30-second step and the one before or after (clocks drift);
  the step of the last accepted code is kept, and only a later step is accepted after it,
  so a code seen over someone's shoulder, or sent twice at once, works once (one
  conditional UPDATE decides, so two requests at the same moment cannot both win).
- Recovery codes: 10, random (about 79 bits each), shown once, kept as argon2id hashes
  like passwords, each usable once.
- Wrong codes are throttled like passwords (clinic/throttle.py), and enrolment, resets,
  recovery codes used or renewed and every wrong or reused code are security events the
  person sees on their second-factor page.

The TOTP secret itself must be readable to check a code, so it is stored as it is; someone
who reads the database still needs the password, which is only kept hashed.
"""

from __future__ import annotations

import calendar
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import pyotp
from sqlalchemy import CursorResult, Engine, Update, delete, func, select, update
from sqlalchemy.orm import Session

from backrelief.clinic.accounts import Throttled
from backrelief.clinic.clock import Now
from backrelief.clinic.passwords import Passwords
from backrelief.clinic.tables import RecoveryCodeRow, SecurityEventRow, SessionRow, UserRow
from backrelief.clinic.throttle import Attempt, Throttle
from backrelief.errors import BackreliefError, InvalidInput, Problem
from backrelief.storage import Store

STEP_SECONDS = 30
DRIFT_STEPS = 1
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper
RECOVERY_LENGTH = 16
ISSUER = "backrelief"
TOTP_PATTERN = r"^\s*\d{3}\s?\d{3}\s*$"
RECOVERY_PATTERN = r"^\s*[A-Za-z0-9]{4}(?:[\s-]?[A-Za-z0-9]{4}){3}\s*$"
# One pattern for the one `code` field of the forms and the API: either kind of code.
CODE_PATTERN = r"^\s*(?:\d{3}\s?\d{3}|[A-Za-z0-9]{4}(?:[\s-]?[A-Za-z0-9]{4}){3})\s*$"
_TOTP = re.compile(TOTP_PATTERN)
_RECOVERY = re.compile(RECOVERY_PATTERN)

WRONG_CODE = ("The code is not right. Codes change every 30 seconds: type the newest one from your "
              "authenticator app, or one of your recovery codes.")
REUSED_CODE = "This code was used already. Wait for the next code in your authenticator app, then type it."
NOT_A_CODE = ("Type the 6-digit code from your authenticator app (like 123 456), or a recovery code "
              "(like abcd-efgh-jkmn-pqrs).")
NEED_CODE = ("This account logs in with a second factor: send the 6-digit code from its authenticator app "
             "(or a recovery code) as 'code'.")
TOO_MANY_CODES = "Too many wrong codes. Wait 15 minutes, then try again."

EVENT_LABELS = {
    "enrolled": "The second factor was set up",
    "enrol_code_wrong": "A wrong code was typed while setting up the second factor",
    "code_wrong": "A wrong code was typed at login",
    "code_reused": "A code that was used already was typed again",
    "recovery_used": "A recovery code was used to log in",
    "recovery_wrong": "A wrong recovery code was typed",
    "recovery_renewed": "New recovery codes were made (the old ones stopped working)",
    "reset": "An administrator removed the second factor",
    "throttled": "Codes were refused for a while after too many wrong ones",
}

Method = Literal["totp", "recovery"]


class WrongCode(BackreliefError):
    """The code is not right (or was used already); the message says which and what to do."""


class NotBegun(InvalidInput):
    """A first code for an enrolment that was never started: a conflict with the account's
    state (409 in the API), not a malformed code."""


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str

    @property
    def grouped_secret(self) -> str:
        """The secret in groups of four, easier to type into an app by hand."""
        return " ".join(self.secret[i:i + 4] for i in range(0, len(self.secret), 4))

    def qr_svg(self) -> str:
        """The otpauth address as a QR code: inline SVG, drawn here (no image leaves the server)."""
        import segno

        svg: str = segno.make(self.uri, error="m").svg_inline(
            scale=4, title="QR code of the secret for your authenticator app", svgclass="qr-code", lineclass=None)
        return svg


@dataclass(frozen=True)
class Event:
    at: datetime
    what: str

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.what, self.what)


def step_of(moment: datetime) -> int:
    """The TOTP time step of a naive UTC datetime (the clinic's clock)."""
    return calendar.timegm(moment.utctimetuple()) // STEP_SECONDS


def _changed(session: Session, statement: Update) -> int:
    """How many rows a conditional UPDATE changed (0: another request won, or it did not match)."""
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return result.rowcount


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def _normal_recovery(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


class SecondFactor(Store):
    def __init__(self, engine: Engine, passwords: Passwords, throttle: Throttle, now: Now) -> None:
        self.engine = engine
        self.passwords = passwords
        self.throttle = throttle
        self.now = now

    def _row(self, user_id: int) -> UserRow:
        with self._read() as session:
            row = session.get(UserRow, user_id)
        if row is None:
            raise InvalidInput([Problem("", "There is no such account.")])
        return row

    def enrolled(self, user_id: int) -> bool:
        return self._row(user_id).totp_confirmed_at is not None

    # -- enrolment -----------------------------------------------------------------------

    def begin(self, user_id: int) -> Enrolment:
        """The secret to put in an authenticator app: new, or the one already waiting for its
        first code (so reloading the page shows the same QR code)."""
        row = self._row(user_id)
        if row.totp_confirmed_at is not None:
            raise InvalidInput([Problem("", "The second factor is already set up for this account.")])
        secret = row.totp_secret
        if not secret:
            secret = pyotp.random_base32(32)
            with self._write() as session, session.begin():
                session.execute(update(UserRow).where(UserRow.id == user_id, UserRow.totp_confirmed_at.is_(None))
                                .values(totp_secret=secret, totp_last_step=None))
        uri = pyotp.TOTP(secret).provisioning_uri(name=row.email, issuer_name=ISSUER)
        return Enrolment(secret=secret, uri=uri)

    def confirm(self, user_id: int, code: str, address: str) -> list[str]:
        """Turn the factor on with a first right code; answers the recovery codes (shown once)."""
        row = self._row(user_id)
        if row.totp_confirmed_at is not None:
            raise InvalidInput([Problem("code", "The second factor is already set up for this account.")])
        if not row.totp_secret:
            raise NotBegun([Problem("code", "Start setting up the second factor first.")])
        if not _TOTP.match(code):
            raise InvalidInput([Problem("code", "Type the 6-digit code your authenticator app shows now.")])
        attempt = self._attempt(user_id, address)
        step = self._matching_step(row.totp_secret, code)
        if step is None:
            self._event(user_id, "enrol_code_wrong")
            raise WrongCode(WRONG_CODE)
        with self._write() as session, session.begin():
            done = _changed(session, update(UserRow).where(UserRow.id == user_id, UserRow.totp_confirmed_at.is_(None),
                                                         UserRow.totp_secret == row.totp_secret)
                                   .values(totp_confirmed_at=self.now(), totp_last_step=step))
        if done != 1:
            raise InvalidInput([Problem("code", "The second factor is already set up for this account.")])
        self.throttle.code_succeeded(attempt, user_id)
        codes = self._replace_recovery_codes(user_id)
        self._event(user_id, "enrolled")
        return codes

    # -- logging in ------------------------------------------------------------------------

    def check(self, user_id: int, code: str, address: str) -> Method:
        """Whether `code` (from the app, or a recovery code) is right, once. Raises WrongCode,
        Throttled, or InvalidInput when it is neither kind of code."""
        is_totp = bool(_TOTP.match(code))
        if not is_totp and not _RECOVERY.match(code):
            raise InvalidInput([Problem("code", NOT_A_CODE)])
        row = self._row(user_id)
        if row.totp_confirmed_at is None or not row.totp_secret:
            raise InvalidInput([Problem("code", "This account has no second factor set up.")])
        attempt = self._attempt(user_id, address)
        method: Method = "totp" if is_totp else "recovery"
        if is_totp:
            self._use_totp(row, code)
        else:
            self._use_recovery_code(user_id, code)
        self.throttle.code_succeeded(attempt, user_id)
        return method

    def _attempt(self, user_id: int, address: str) -> Attempt:
        attempt = self.throttle.code_attempt(user_id, address)
        if not attempt.allowed:
            self._event(user_id, "throttled")
            raise Throttled(TOO_MANY_CODES)
        return attempt

    def _matching_step(self, secret: str, code: str) -> int | None:
        totp = pyotp.TOTP(secret)
        digits = re.sub(r"\s", "", code)
        now = step_of(self.now())
        found = None
        # Every step in the window is compared (no early exit), the newest match kept.
        for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
            if hmac.compare_digest(totp.generate_otp(step), digits):
                found = step
        return found

    def _use_totp(self, row: UserRow, code: str) -> None:
        assert row.totp_secret is not None
        step = self._matching_step(row.totp_secret, code)
        if step is None:
            self._event(row.id, "code_wrong")
            raise WrongCode(WRONG_CODE)
        with self._write() as session, session.begin():
            done = _changed(session,
                update(UserRow).where(UserRow.id == row.id, UserRow.totp_secret == row.totp_secret,
                                      (UserRow.totp_last_step.is_(None)) | (UserRow.totp_last_step < step))
                .values(totp_last_step=step))
        if done != 1:
            self._event(row.id, "code_reused")
            raise WrongCode(REUSED_CODE)

    def _use_recovery_code(self, user_id: int, code: str) -> None:
        typed = _normal_recovery(code)
        with self._read() as session:
            unused = session.execute(select(RecoveryCodeRow.id, RecoveryCodeRow.code_hash)
                                     .where(RecoveryCodeRow.user_id == user_id, RecoveryCodeRow.used_at.is_(None))).all()
        # Each hash is salted, so each is checked; at most ten, and the step is throttled.
        match = next((code_id for code_id, hashed in unused if self.passwords.verify(hashed, typed)), None)
        if match is not None:
            with self._write() as session, session.begin():
                done = _changed(session, update(RecoveryCodeRow).where(RecoveryCodeRow.id == match,
                                                                     RecoveryCodeRow.used_at.is_(None))
                                       .values(used_at=self.now()))
            if done == 1:
                self._event(user_id, "recovery_used", f"{len(unused) - 1} left")
                return
        self._event(user_id, "recovery_wrong")
        raise WrongCode(WRONG_CODE)

    # -- recovery codes, reset, events -------------------------------------------------------

    def renew_recovery_codes(self, user_id: int, code: str, address: str) -> list[str]:
        """New recovery codes (the old ones stop working), after a right code."""
        self.check(user_id, code, address)
        codes = self._replace_recovery_codes(user_id)
        self._event(user_id, "recovery_renewed")
        return codes

    def _replace_recovery_codes(self, user_id: int) -> list[str]:
        codes = [new_recovery_code() for _ in range(RECOVERY_COUNT)]
        hashes = [self.passwords.hash(_normal_recovery(c)) for c in codes]
        with self._write() as session, session.begin():
            session.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user_id))
            session.add_all(RecoveryCodeRow(user_id=user_id, code_hash=h) for h in hashes)
        return codes

    def recovery_codes_left(self, user_id: int) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(RecoveryCodeRow)
                                  .where(RecoveryCodeRow.user_id == user_id, RecoveryCodeRow.used_at.is_(None))) or 0

    def reset(self, user_id: int) -> None:
        """An administrator removes the factor (a lost phone and no recovery code left): every
        session ends, and the next login sets it up again."""
        with self._write() as session, session.begin():
            session.execute(update(UserRow).where(UserRow.id == user_id)
                            .values(totp_secret=None, totp_confirmed_at=None, totp_last_step=None))
            session.execute(delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user_id))
            session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
        self._event(user_id, "reset")

    def _event(self, user_id: int, what: str, detail: str = "") -> None:
        with self._write() as session, session.begin():
            session.add(SecurityEventRow(user_id=user_id, at=self.now(), what=what, detail=detail[:200]))

    def events(self, user_id: int, limit: int = 20) -> list[Event]:
        with self._read() as session:
            rows = session.execute(select(SecurityEventRow.at, SecurityEventRow.what)
                                   .where(SecurityEventRow.user_id == user_id)
                                   .order_by(SecurityEventRow.at.desc(), SecurityEventRow.id.desc()).limit(limit)).all()
        return [Event(at=at, what=what) for at, what in rows]
