"""Scoring triage (or the free-text reader) against labelled vignettes.

A vignette file is JSON Lines (docs/spec/vignettes.md). `score` is pure: it takes the
vignettes and a function that answers each one, and counts acceptable answers,
under-triage (less urgent than every acceptable level: the dangerous error) and
over-triage, recall per expected level, a confusion matrix and results by category.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from backrelief.assessment import parse_assessment
from backrelief.errors import BackreliefError, InvalidInput, Problem
from backrelief.knowledge import LEVELS, URGENCY, Level
from backrelief.triage import triage
from backrelief.values import Frozen, Strict

Mode = Literal["structured", "narrative", "dialogue", "questions"]


class Vignette(Strict):
    id: str
    category: str
    expected: Level
    acceptable: tuple[Level, ...] = Field(min_length=1)
    input: dict[str, Any]
    narrative: str = ""
    rationale: str = ""
    source: str = ""


class Outcome(Frozen):
    id: str
    category: str
    expected: Level
    acceptable: tuple[Level, ...]
    answer: Level | None
    verdict: Literal["acceptable", "under", "over", "error"]
    error: str = ""


class Score(Frozen):
    mode: Mode
    total: int
    acceptable: int
    acceptable_percent: float
    under_triage: tuple[str, ...]
    over_triage: tuple[str, ...]
    errors: tuple[str, ...]
    recall: dict[str, float | None]
    confusion: dict[str, dict[str, int]]
    by_category: dict[str, dict[str, int]]
    outcomes: tuple[Outcome, ...]
    # dialogue / questions modes: per vignette, web pages, terminal prompts and answers.
    lengths: dict[str, dict[str, int]] = Field(default_factory=dict)


def read_vignettes(path: Path) -> list[Vignette]:
    """Read one of our vignette files (the command reads a person's file itself, with its
    plain messages for a path that is wrong, and gives the text to `parse_vignettes`)."""
    return parse_vignettes(path.read_text(encoding="utf-8"), path)


def parse_vignettes(text: str, path: Path) -> list[Vignette]:
    """The vignettes in a file's text; a broken line is an error naming the line."""
    vignettes: list[Vignette] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            vignettes.append(Vignette.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as error:
            detail = error.msg if isinstance(error, json.JSONDecodeError) else _first(error)
            message = f"line {number} is not a vignette: {detail}"
            raise InvalidInput([Problem(field=f"line {number}", message=message)]) from None
    if not vignettes:
        raise InvalidInput([Problem(field="file", message=f"{path} holds no vignettes")])
    return vignettes


def _first(error: ValidationError) -> str:
    item = error.errors()[0]
    return f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}"


def structured_answer(v: Vignette) -> Level:
    return triage(parse_assessment(v.input)).disposition


def verdict(answer: Level, acceptable: Iterable[Level]) -> Literal["acceptable", "under", "over"]:
    levels = list(acceptable)
    if answer in levels:
        return "acceptable"
    if URGENCY[answer] < min(URGENCY[level] for level in levels):
        return "under"
    return "over"


def score(vignettes: list[Vignette], answer: Callable[[Vignette], Level], mode: Mode = "structured") -> Score:
    outcomes: list[Outcome] = []
    for v in vignettes:
        try:
            given: Level | None = answer(v)
        except BackreliefError as error:
            outcomes.append(_outcome(v, None, "error", str(error)))
            continue
        assert given is not None
        outcomes.append(_outcome(v, given, verdict(given, v.acceptable)))
    confusion = {e: {a: 0 for a in LEVELS} for e in LEVELS}
    for o in outcomes:
        if o.answer is not None:
            confusion[o.expected][o.answer] += 1
    recall: dict[str, float | None] = {}
    for level in LEVELS:
        expected = [o for o in outcomes if o.expected == level]
        hits = [o for o in expected if o.answer == level]
        recall[level] = round(len(hits) / len(expected), 4) if expected else None
    by_category: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = by_category.setdefault(o.category, {"total": 0, "acceptable": 0, "under": 0, "over": 0, "error": 0})
        row["total"] += 1
        row[o.verdict] += 1
    good = sum(o.verdict == "acceptable" for o in outcomes)
    return Score(
        mode=mode,
        total=len(outcomes),
        acceptable=good,
        acceptable_percent=round(100 * good / len(outcomes), 1) if outcomes else 0.0,
        under_triage=tuple(o.id for o in outcomes if o.verdict == "under"),
        over_triage=tuple(o.id for o in outcomes if o.verdict == "over"),
        errors=tuple(o.id for o in outcomes if o.verdict == "error"),
        recall=recall,
        confusion=confusion,
        by_category=dict(sorted(by_category.items())),
        outcomes=tuple(outcomes),
    )


def _outcome(v: Vignette, answer: Level | None, kind: Literal["acceptable", "under", "over", "error"],
             error: str = "") -> Outcome:
    return Outcome(
        id=v.id,
        category=v.category,
        expected=v.expected,
        acceptable=v.acceptable,
        answer=answer,
        verdict=kind,
        error=error,
    )
