"""The errors a person (or a knowledge editor) can cause, each with plain words.

Every interface turns these into output in one place: the CLI prints one line and
exits 2; the web app answers 4xx with the same words. None shows a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it concerns and what is allowed."""

    field: str
    message: str


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
