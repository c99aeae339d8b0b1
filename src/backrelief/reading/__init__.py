"""The free-text reader: a person's own words become an Assessment.

`read(text, today)` finds what the words say (present, denied, not sure), the words that
said it and what it could not tell. Which red-flag questions the words left unanswered is
triage's to say (`triage.red_flags_unasked`): the reader knows words, not rules, and never
imports triage (a contract in pyproject.toml). It is pure apart from the spaCy pipeline,
which is built once per process.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backrelief.assessment import Assessment, leg_sides_apply, pregnancy_possible
from backrelief.errors import InvalidInput, Problem
from backrelief.reading.assemble import Draft, Evidence, assemble, to_assessment
from backrelief.reading.lexicon import load_lexicon
from backrelief.reading.pipeline import reader

__all__ = ["MAX_TEXT", "Reading", "Understood", "read", "warm_up"]

# A narrative longer than this is not a description of one back pain.
MAX_TEXT = 5000
_FIELDS = ("age", "sex", "pregnant", "region", "radiation", "leg_sides", "severity", "duration_days", "onset",
           "trigger", "episodes_last_year", "eases", "worsens")


class Understood(BaseModel):
    """One answer the reader took from the words, and the words it took it from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    value: str
    span: str
    start: int
    end: int
    # True when the value is implied by the words rather than stated ("agony" gave a pain
    # score of 10 from the range 9-10): the questions should show it and ask to confirm.
    inferred: bool = False
    low: int | None = None
    high: int | None = None
    # True when the words are a denial by themselves ("I can still work", "bowels normal"):
    # quoted as written. A sign denied by a word before it ("no trouble peeing") is not.
    # For the interview's quotes only: left out of the JSON the reader and the API give.
    denial_in_span: bool = Field(False, exclude=True)


class Reading(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    assessment: Assessment
    understood: tuple[Understood, ...]
    could_not_tell: tuple[str, ...]

    def to_public(self) -> dict[str, Any]:
        return {
            "assessment": self.assessment.to_public(),
            "understood": [u.model_dump() for u in self.understood],
            "could_not_tell": list(self.could_not_tell),
        }


def warm_up() -> None:
    """Build the pipeline now (a server calls this at start, not on the first request)."""
    reader()


def read(text: str, today: date) -> Reading:
    """Read a person's description of their back pain. Raises InvalidInput for empty or
    overlong text, TooYoung when the words give an age under 16."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput([Problem(field="text", message="the description is empty: say in your own words "
                                                          "what happened and how your back feels")])
    if len(text) > MAX_TEXT:
        raise InvalidInput([Problem(field="text", message=f"the description is {len(text)} characters long; "
                                                          f"please keep it under {MAX_TEXT}")])
    norm, mentions = reader().mentions(text)
    draft = assemble(text, norm, mentions, today, load_lexicon().recent_window_days)
    assessment = to_assessment(draft)
    return Reading(
        text=text,
        assessment=assessment,
        understood=_understood(text, draft),
        could_not_tell=_could_not_tell(assessment),
    )


def _understood(text: str, d: Draft) -> tuple[Understood, ...]:
    items: list[Evidence] = list(d.evidence)
    items += [Evidence("findings", k, e.start, e.end) for k, e in d.present.items()]
    items += [Evidence("findings_absent", k, e.start, e.end, denial_in_span=e.denial_in_span) for k, e in d.absent.items()]
    items += [Evidence("findings_unsure", k, e.start, e.end) for k, e in d.unsure.items()]
    items += [Evidence("history", k, e.start, e.end) for k, e in d.history.items()]
    items += [Evidence("history_absent", k, e.start, e.end) for k, e in d.history_absent.items()]
    # A denying phrase of the lexicon (findings_denied, history_denied) is its own evidence.
    self_denied = {("findings_absent", k) for k, e in d.absent.items() if e.field == "finding_denied"} | \
        {("history_absent", k) for k, e in d.history_absent.items() if e.field == "history_denied"}
    seen: set[tuple[str, str]] = set()
    out: list[Understood] = []
    for e in sorted(items, key=lambda e: (e.start, e.field)):
        if (e.field, e.value) in seen:
            continue
        seen.add((e.field, e.value))
        out.append(Understood(field=e.field, value=e.value, span=text[e.start:e.end], start=e.start, end=e.end,
                              inferred=e.inferred, low=e.low, high=e.high,
                              denial_in_span=(e.field, e.value) in self_denied or e.denial_in_span))
    return tuple(out)


def _could_not_tell(assessment: Assessment) -> tuple[str, ...]:
    missing: list[str] = []
    for name in _FIELDS:
        if getattr(assessment, name) is not None:
            continue
        if name == "leg_sides" and not leg_sides_apply(assessment.radiation):
            continue
        if name == "pregnant" and not pregnancy_possible(assessment.sex, assessment.age):
            continue
        missing.append(name)
    return tuple(missing)
