"""Where the questions have got to, kept in a signed cookie (never in process memory).

The cookie holds what the person said so far: the answers, the assessment the reader
understood (if they used their own words), and which steps they have finished. It is
signed with the app's secret, so it cannot be changed by hand, and expires after 12 hours.
Several app processes can serve one person because none of them remembers anything.

The cookie is bound to its owner: "home" for the one person at home, and in clinic mode the
account and the login (session) that started it. The owner is mixed into the signature, so
a flow cookie carried into another account's browser, or kept from an earlier login on a
shared computer, does not verify and is treated as no flow at all. Login and logout also
clear it (`clear_flow`).
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import Field, ValidationError

from backrelief.interview.state import Answer, InterviewState

FLOW_COOKIE = "br_flow"
MAX_AGE_SECONDS = 12 * 3600
# Where the ASGI scope carries the flow's owner (set by clinic mode's guard for each request).
OWNER_KEY = "backrelief.flow_owner"
HOME_OWNER = "home"
# In clinic mode, a request without a resolved session owns no flow.
NOBODY = "nobody"

class FlowState(InterviewState):
    """The interview's state (backrelief.interview.InterviewState: the one format every
    way in shares) plus what only the web pages need."""

    # Came from a "change" link on the result page: go back there when nothing new is
    # worth asking.
    returning: bool = False
    # The readiness check before the exercises (plan page): question id -> answer.
    readiness: dict[str, Answer] = Field(default_factory=dict)


def session_owner(user_id: int, session_token: str) -> str:
    """The owner of a clinic flow: this account, in this login (a new login owns a new flow)."""
    return f"user:{user_id}:{hashlib.sha256(session_token.encode()).hexdigest()}"


def set_owner(scope: MutableMapping[str, Any], owner: str) -> None:
    scope[OWNER_KEY] = owner


def owner_of(scope: MutableMapping[str, Any]) -> str:
    value = scope.get(OWNER_KEY, HOME_OWNER)
    return value if isinstance(value, str) else NOBODY


class FlowCookie:
    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="backrelief-flow")

    @staticmethod
    def _salt(owner: str) -> str:
        return "backrelief-flow:" + owner

    def dump(self, state: FlowState, owner: str = HOME_OWNER) -> str:
        return self._serializer.dumps(state.model_dump(mode="json", exclude_defaults=True), salt=self._salt(owner))

    def load(self, value: str | None, owner: str = HOME_OWNER) -> FlowState | None:
        """The state in the cookie, or None when there is none, it expired, was altered, or
        belongs to another owner (another account, another login, or the home app)."""
        if not value or owner == NOBODY:
            return None
        try:
            raw = self._serializer.loads(value, max_age=MAX_AGE_SECONDS, salt=self._salt(owner))
            return FlowState.model_validate(raw)
        except (BadSignature, ValidationError, ValueError):
            return None
