"""Where the questions have got to, kept in a signed cookie (never in process memory).

The cookie holds what the person said so far: the answers, the assessment the reader
understood (if they used their own words), and which steps they have finished. It is
signed with the app's secret, so it cannot be changed by hand, and expires after 12 hours.
Several app processes can serve one person because none of them remembers anything.
"""

from __future__ import annotations

from typing import Any, Literal

from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

FLOW_COOKIE = "br_flow"
MAX_AGE_SECONDS = 12 * 3600

Mode = Literal["questions", "reader"]
Answer = Literal["yes", "no", "unsure"]


class FlowState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Mode = "questions"
    # What the reader understood from the person's words (contract JSON), if any.
    base: dict[str, Any] | None = None
    # Contract fields answered in the forms (age, region, ...).
    fields: dict[str, Any] = Field(default_factory=dict)
    findings: dict[str, Answer] = Field(default_factory=dict)
    history: dict[str, Answer] = Field(default_factory=dict)
    done: list[str] = Field(default_factory=list)
    # What the reader understood: [question id, the person's words that said it].
    understood: list[tuple[str, str]] = Field(default_factory=list)

    def answer_for(self, question_id: str) -> str | None:
        if question_id in self.findings:
            return self.findings[question_id]
        if question_id in self.history:
            return self.history[question_id]
        return None

    def mark_done(self, step: str) -> None:
        if step not in self.done:
            self.done.append(step)


class FlowCookie:
    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="backrelief-flow")

    def dump(self, state: FlowState) -> str:
        return self._serializer.dumps(state.model_dump(mode="json", exclude_defaults=True))

    def load(self, value: str | None) -> FlowState | None:
        """The state in the cookie, or None when there is none, it expired or was altered."""
        if not value:
            return None
        try:
            raw = self._serializer.loads(value, max_age=MAX_AGE_SECONDS)
            return FlowState.model_validate(raw)
        except (BadSignature, ValidationError, ValueError):
            return None
