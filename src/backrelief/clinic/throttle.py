"""Login throttling, kept in the database so every app process sees the same counts.

A failed login is counted twice: against the account's email and against the client
address. Keys are HMACs with the app's secret, so the table holds no email addresses.
The limits are per 15 minutes: 10 failures for one account, 50 from one address. The
answer when the limit is reached is the same whether the account exists or not. Sign-ups
are counted per address the same way (20 per 15 minutes), so accounts cannot be made in bulk.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from backrelief.clinic.clock import Now
from backrelief.clinic.tables import LoginFailureRow
from backrelief.storage import writing

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 10
ADDRESS_LIMIT = 50
SIGNUP_LIMIT = 20  # new accounts from one address per window


class Throttle:
    def __init__(self, engine: Engine, secret: str, now: Now) -> None:
        self.engine = engine
        self._secret = secret.encode()
        self.now = now

    def _key(self, kind: str, value: str) -> str:
        return kind + ":" + hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()

    def keys(self, email: str, address: str) -> tuple[str, str]:
        return self._key("a", email), self._key("i", address)

    def blocked(self, email: str, address: str) -> bool:
        account, client = self.keys(email, address)
        since = self.now() - WINDOW
        with Session(self.engine) as session:
            counts = dict(session.execute(
                select(LoginFailureRow.key, func.count()).where(LoginFailureRow.key.in_((account, client)),
                                                               LoginFailureRow.at > since)
                .group_by(LoginFailureRow.key)).all())
        return counts.get(account, 0) >= ACCOUNT_LIMIT or counts.get(client, 0) >= ADDRESS_LIMIT

    def failed(self, email: str, address: str) -> None:
        now = self.now()
        with Session(writing(self.engine)) as session, session.begin():
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at <= now - WINDOW))
            session.add_all(LoginFailureRow(key=k, at=now) for k in self.keys(email, address))

    def signup_blocked(self, address: str) -> bool:
        key = self._key("s", address)
        with Session(self.engine) as session:
            count = session.scalar(select(func.count()).select_from(LoginFailureRow)
                                   .where(LoginFailureRow.key == key, LoginFailureRow.at > self.now() - WINDOW)) or 0
        return count >= SIGNUP_LIMIT

    def signed_up(self, address: str) -> None:
        with Session(writing(self.engine)) as session, session.begin():
            session.add(LoginFailureRow(key=self._key("s", address), at=self.now()))

    def succeeded(self, email: str) -> None:
        """A right password clears the account's count (not the address's)."""
        with Session(writing(self.engine)) as session, session.begin():
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == self._key("a", email)))
