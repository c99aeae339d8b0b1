"""The errors a person (or a knowledge editor) can cause, each with plain words.

Every interface turns these into output in one place: the CLI prints one line and
exits 2; the web app answers 4xx with the same words. None shows a traceback.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it concerns and what is allowed.

    `message` is the whole sentence, naming the field by its key ('pain_now' must be ...):
    the API and the terminal show it. A way in that names a field in its own words (a
    form's label, a command's option) builds its sentence from the parts, never by editing
    the message: `must_be` is what the field takes (and what was given) when that is the
    problem; otherwise `detail` is the sentence without the field's name. Neither: the
    message names no field and stands as it is. Two problems are the same when they say
    the same of the same field."""

    field: str
    message: str
    must_be: str | None = dataclasses.field(default=None, compare=False)
    detail: str | None = dataclasses.field(default=None, compare=False)

    @classmethod
    def not_allowed(cls, key: str, must_be: str, *, name: str = "") -> Problem:
        """'<key>' must be <must_be> (`name`: how the message calls the field, its key quoted
        when not given)."""
        return cls(key, f"{name or repr_key(key)} must be {must_be}", must_be=must_be)

    @classmethod
    def about(cls, key: str, detail: str) -> Problem:
        """'<key>': <detail>."""
        return cls(key, f"{repr_key(key)}: {detail}", detail=detail)

    def naming(self, name: str) -> str:
        """The same sentence, calling the field `name` (a label, an option) instead of its key."""
        if self.must_be is not None:
            return f"{name} must be {self.must_be}"
        if self.detail is not None:
            return f"{name}: {self.detail}"
        return self.message

    def for_form(self) -> str:
        """The sentence under the field's label on a form: what to enter, or what is wrong."""
        text = f"Enter {self.must_be}" if self.must_be is not None else self.detail or self.message
        return text[:1].upper() + text[1:]


def repr_key(key: str) -> str:
    return f"'{key}'"


def plain_problems(
    error: ValidationError,
    *,
    unknown_key: Callable[[str], str],
    allowed: Callable[[str], str],
    show_input: bool = False,
) -> list[Problem]:
    """pydantic's errors as one plain sentence per field: the field, what is allowed and,
    with `show_input`, what was given. Used by every contract (assessment, diary entry)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        field = loc[0] if loc else ""
        if item["type"] == "extra_forbidden":
            problem = Problem(field, unknown_key(field))
        elif not field:
            # A check across fields names its field first: "pain_worst: the worst pain ...".
            message = str(item["msg"]).removeprefix("Value error, ")
            named, colon, detail = message.partition(":")
            problem = Problem(named, message, detail=detail.strip()) if colon else Problem("", message)
        else:
            what = allowed(field)
            said = what or str(item["msg"])
            if len(loc) > 1 and loc[1].isdigit():
                given = f"'{item.get('input')}', " if show_input else ""
                said += f" ({given}item {int(loc[1]) + 1}{',' if show_input else ''} is not)"
            elif show_input and "input" in item and not isinstance(item["input"], dict | list | tuple):
                said += f", not {item['input']!r}"
            problem = Problem.not_allowed(field, said) if what else Problem.about(field, said)
        if problem.field in seen:
            continue
        seen.add(problem.field)
        problems.append(problem)
    return problems


class BackreliefError(Exception):
    """Base of every error we raise on purpose."""


class InvalidInput(BackreliefError):
    """Input that breaks a contract. Carries one Problem per field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


class TooYoung(InvalidInput):
    """backrelief is for adults and young people of 16 and over."""

    MESSAGE = (
        "backrelief is for people aged 16 and over. For back pain in a child or a younger "
        "teenager, please see a doctor, nurse or pharmacist."
    )

    def __init__(self) -> None:
        super().__init__([Problem(field="age", message=self.MESSAGE)])


class NotFound(BackreliefError):
    """Something asked for by id does not exist (or is not the asker's to see)."""


class KnowledgeError(BackreliefError):
    """A knowledge file is broken. Raised at load time, naming the file, entry and key."""
