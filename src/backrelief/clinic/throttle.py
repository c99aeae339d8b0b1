"""Throttling password guesses and sign-ups, kept in the database so every app process sees
the same counts.

Each try is counted before the password is checked, under a lock on its keys, so twenty
guesses sent at the same moment are checked against the limit one after another: the limit
is never overshot (the count and the insert are one step, not a read, a slow argon2 check,
then a write). On PostgreSQL this needs READ COMMITTED, which every engine uses whatever the
server's default (storage/engine.py): under REPEATABLE READ the count would be read from a
snapshot taken before the lock was granted.

Keys (HMACs with the app's secret, so the table holds no email or client address):
- an account from one client address: 10 failures in 15 minutes stop that client guessing
  that account. Another client (the real patient at home) can still log in;
- one client address: 50 failures stop that client guessing any account;
- an account from everywhere: 100 failures (at least ten addresses, since each stops at 50)
  stop a guessing campaign spread over many addresses. Locking a patient out this way takes
  many machines; that is the trade-off;
- re-entering the password while logged in (changing it, erasing the account): 10 wrong in
  15 minutes per account, so a stolen session cannot guess the password either;
- sign-ups: 20 per client address per 15 minutes;
- codes of the second factor (after a right password): 10 wrong per account from
  everywhere and 50 from one client, in 15 minutes. Only someone who knows the password
  reaches this step, so the low per-account limit cannot be used by a stranger to lock the
  clinician out; and 10 tries against 3 codes in a million leave a guesser about one
  chance in 30,000 a window.

"Client address" is the real client's (behind a trusted proxy, the forwarded address: see
web/proxy.py). IPv6 clients are counted by their /64 network, which one household or one
machine gets whole, so an attacker cannot step through it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session

from backrelief.clinic.clock import Now
from backrelief.clinic.tables import LoginFailureRow
from backrelief.storage import writing

WINDOW = timedelta(minutes=15)
PAIR_LIMIT = 10  # one account from one client
ACCOUNT_LIMIT = 100  # one account from everywhere
ADDRESS_LIMIT = 50  # one client, any account
REENTRY_LIMIT = 10  # wrong passwords re-entered while logged in, per account
SIGNUP_LIMIT = 20  # new accounts from one client
CODE_LIMIT = 10  # wrong second-factor codes for one account, from everywhere
CODE_ADDRESS_LIMIT = 50  # wrong second-factor codes from one client, any account


def client_key(address: str) -> str:
    """The address as counted: IPv6 by its /64, anything unreadable as given."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class Attempt:
    """A counted try: the ids of its rows, so a success can take them back."""

    allowed: bool
    ids: tuple[int, ...] = ()


class Throttle:
    def __init__(self, engine: Engine, secret: str, now: Now) -> None:
        self.engine = engine
        self._secret = secret.encode()
        self.now = now

    def _key(self, kind: str, value: str) -> str:
        return kind + ":" + hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()

    def login_keys(self, email: str, address: str) -> list[tuple[str, int]]:
        client = client_key(address)
        return [(self._key("p", email + "\x00" + client), PAIR_LIMIT), (self._key("a", email), ACCOUNT_LIMIT),
                (self._key("i", client), ADDRESS_LIMIT)]

    def _attempt(self, keys: Sequence[tuple[str, int]]) -> Attempt:
        """One try against every key: refused if any key is at its limit, else counted on all,
        in one transaction that holds a lock on each key (PostgreSQL advisory locks; SQLite
        writes one at a time anyway)."""
        now = self.now()
        with Session(writing(self.engine)) as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                # Sorted, so two tries on overlapping keys never wait on each other in a circle.
                for lock in sorted({_lock_id(k) for k, _ in keys}):
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at <= now - WINDOW))
            names = [k for k, _ in keys]
            counts = dict(session.execute(
                select(LoginFailureRow.key, func.count()).where(LoginFailureRow.key.in_(names),
                                                               LoginFailureRow.at > now - WINDOW)
                .group_by(LoginFailureRow.key)).all())
            if any(counts.get(k, 0) >= limit for k, limit in keys):
                return Attempt(allowed=False)
            rows = [LoginFailureRow(key=k, at=now) for k in names]
            session.add_all(rows)
            session.flush()
            return Attempt(allowed=True, ids=tuple(r.id for r in rows))

    def _forget(self, attempt: Attempt, *keys: str) -> None:
        with Session(writing(self.engine)) as session, session.begin():
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.id.in_(attempt.ids)
                                                         | LoginFailureRow.key.in_(keys)))

    # -- logging in -------------------------------------------------------------------

    def login_attempt(self, email: str, address: str) -> Attempt:
        return self._attempt(self.login_keys(email, address))

    def login_succeeded(self, attempt: Attempt, email: str, address: str) -> None:
        """A right password: this try was not a failure, and this client's count for the
        account starts again (the address's and the account's wider counts stay)."""
        pair, _, _ = self.login_keys(email, address)
        self._forget(attempt, pair[0])

    # -- re-entering the password while logged in ---------------------------------------

    def reentry_attempt(self, user_id: int) -> Attempt:
        return self._attempt([(self._key("r", str(user_id)), REENTRY_LIMIT)])

    def reentry_succeeded(self, attempt: Attempt, user_id: int) -> None:
        self._forget(attempt, self._key("r", str(user_id)))

    # -- the second factor's codes -------------------------------------------------------

    def code_keys(self, user_id: int, address: str) -> list[tuple[str, int]]:
        return [(self._key("c", str(user_id)), CODE_LIMIT), (self._key("ci", client_key(address)), CODE_ADDRESS_LIMIT)]

    def code_attempt(self, user_id: int, address: str) -> Attempt:
        return self._attempt(self.code_keys(user_id, address))

    def code_succeeded(self, attempt: Attempt, user_id: int) -> None:
        """A right code: this try was not a failure, and the account's count starts again."""
        self._forget(attempt, self._key("c", str(user_id)))

    # -- sign-ups ---------------------------------------------------------------------

    def signup_attempt(self, address: str) -> Attempt:
        return self._attempt([(self._key("s", client_key(address)), SIGNUP_LIMIT)])


def _lock_id(key: str) -> int:
    """A signed 64-bit number for pg_advisory_xact_lock, from the key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
