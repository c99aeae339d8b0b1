"""The answers, triage and plan of a kept check, as they were saved.

A check is kept with the knowledge version that produced it, and a report made later
shows what was said then. So these models read what was saved rather than today's
`Triage` and `Plan`: every key saved is kept (extra="allow", so an export carries it on),
every part read here has a default (an older check may lack it), and a part that is
not the shape it has today reads as that default rather than making the diary
unreadable.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    ValidationError,
    model_serializer,
    model_validator,
)

from backrelief.assessment import Assessment


class _Kept(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _readable_parts(cls, data: Any) -> Any:
        # A part that is not the shape it has today reads as its default (an older or
        # hand-edited file must not make the diary unreadable).
        if not isinstance(data, dict):
            return {}
        readable = dict(data)
        for name in cls.model_fields:
            if name in readable:
                try:
                    _adapter(cls, name).validate_python(readable[name])
                except ValidationError:
                    del readable[name]
        return readable


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    annotation = model.model_fields[name].annotation
    return TypeAdapter(Any if annotation is None else annotation)


# The contract's order of answers (age first), for every kept check whatever order it came in.
_ANSWER_ORDER = {name: i for i, name in enumerate(Assessment.model_fields)}


class KeptAssessment(_Kept):
    """What the person answered, as it was kept (the contract's JSON then). The parts the
    app reads are fields; every other answer is kept as it was saved. It is not today's
    `Assessment`: a check kept under an older contract must still read (`answers()`
    gives what was saved, for the rules to try again)."""

    findings: tuple[str, ...] = ()
    findings_absent: tuple[str, ...] | None = None
    findings_unsure: tuple[str, ...] | None = None

    @model_serializer(mode="wrap")
    def _as_saved(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Only the answers that were given (a default is not an answer), in the contract's order.
        data: dict[str, Any] = handler(self)
        given = sorted((k for k in data if k in self.model_fields_set), key=lambda k: _ANSWER_ORDER.get(k, len(_ANSWER_ORDER)))
        return {key: data[key] for key in given}

    def answers(self) -> dict[str, Any]:
        """The answers as contract JSON, as they were saved."""
        return self.model_dump(mode="json")


class KeptReason(_Kept):
    rule: str = ""
    level: str = ""
    reason: str = ""
    sources: tuple[str, ...] = ()
    unsure: bool = False


class KeptCause(_Kept):
    id: str = ""
    name: str = ""
    serious: bool = False


class KeptTriage(_Kept):
    disposition: str = ""
    title: str = ""
    action: str = ""
    knowledge_version: str = ""
    reasons: tuple[KeptReason, ...] = ()
    red_flags_unasked: tuple[str, ...] = ()
    # True when no question still worth asking was left (a finished interview leaves out
    # only those that cannot change the answer); None in checks kept before it was saved.
    complete: bool | None = None
    consistent_with: tuple[KeptCause, ...] = ()


class KeptAdvice(_Kept):
    text: str = ""
    sources: tuple[str, ...] = ()


class KeptMedicine(_Kept):
    name: str = ""
    status: str = ""
    dose: str | None = None


class KeptMedicines(_Kept):
    options: tuple[KeptMedicine, ...] = ()


class KeptWhoToSee(_Kept):
    review_date: date | None = None
    review: KeptAdvice | None = None


class KeptPlan(_Kept):
    made_on: date | None = None
    emergency: bool = False
    now: tuple[KeptAdvice, ...] = ()
    medicines: KeptMedicines | None = None
    who_to_see: KeptWhoToSee | None = None
