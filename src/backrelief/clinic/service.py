"""The clinic's services bundled for the web app and the command line, and the settings check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from backrelief.clinic.accounts import Accounts
from backrelief.clinic.audit import Audit
from backrelief.clinic.clock import Now, utc_now
from backrelief.clinic.passwords import Passwords
from backrelief.clinic.second_factor import SecondFactor
from backrelief.clinic.sharing import Sharing
from backrelief.clinic.throttle import Throttle
from backrelief.errors import InvalidInput, Problem
from backrelief.settings import Settings

MIN_SECRET = 32


@dataclass
class Clinic:
    engine: Engine
    accounts: Accounts
    sharing: Sharing
    audit: Audit
    second_factor: SecondFactor
    now: Now


def make_clinic(engine: Engine, secret: str, passwords: Passwords | None = None, now: Now = utc_now,
                clinician_mfa: bool = True) -> Clinic:
    """The clinic's services. `clinician_mfa`: clinicians must use a second factor (the
    setting BACKRELIEF_CLINICIAN_MFA, on unless a clinic turns it off)."""
    throttle = Throttle(engine, secret, now)
    hasher = passwords or Passwords()
    roles = frozenset({"clinician"}) if clinician_mfa else frozenset()
    return Clinic(engine=engine, accounts=Accounts(engine, hasher, throttle, now, mfa_roles=roles),
                  sharing=Sharing(engine, now), audit=Audit(engine, now),
                  second_factor=SecondFactor(engine, hasher, throttle, now), now=now)


def check_clinic_settings(settings: Settings) -> None:
    """Clinic mode holds many people's health data: refuse to start without a real secret and
    PostgreSQL (SQLite is for one person at home)."""
    problems: list[Problem] = []
    if not settings.secret_key or len(settings.secret_key) < MIN_SECRET:
        problems.append(Problem("secret_key", "Clinic mode needs BACKRELIEF_SECRET_KEY set to a random text of at "
                                              f"least {MIN_SECRET} characters, e.g. from `openssl rand -hex 32`."))
    try:
        backend = make_url(settings.database_url).get_backend_name()
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number ("[::1")
        backend = ""
    if backend != "postgresql":
        problems.append(Problem("database_url", "Clinic mode needs BACKRELIEF_DATABASE_URL pointing at PostgreSQL, "
                                                "e.g. postgresql+psycopg://user@host:5432/backrelief."))
    if problems:
        raise InvalidInput(problems)
