"""The errors a person (or a knowledge editor) can cause, each with plain words.

Every interface turns these into output in one place: the CLI prints one line and
exits 2; the web app answers 4xx with the same words. None shows a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it concerns and what is allowed."""

    field: str
    message: str


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
            message = unknown_key(field)
        elif not field:
            message = str(item["msg"]).removeprefix("Value error, ")
            field = message.split(":", 1)[0] if ":" in message else ""
        else:
            what = allowed(field)
            message = f"'{field}' must be {what}" if what else f"'{field}': {item['msg']}"
            if len(loc) > 1 and loc[1].isdigit():
                given = f"'{item.get('input')}', " if show_input else ""
                message += f" ({given}item {int(loc[1]) + 1}{',' if show_input else ''} is not)"
            elif show_input and "input" in item and not isinstance(item["input"], dict | list | tuple):
                message += f", not {item['input']!r}"
        if field in seen:
            continue
        seen.add(field)
        problems.append(Problem(field=field, message=message))
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
