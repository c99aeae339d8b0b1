"""An exercise's "skip it if" holds only conditions, each a clause that reads on after
those words; advice on doing it more gently is a tip, said apart. The data is checked on
load, and the plan reads the same on the web, on paper and in the terminal."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from rich.console import Console

from backrelief.knowledge.plan import ExerciseData
from backrelief.plan.model import Exercise
from backrelief.render.plan_html import plan_fragment_html, plan_pdf
from backrelief.render.plan_text import print_plan
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, plan_of

BASE: dict[str, Any] = {"id": "x-ex", "name": "X", "figure": "x.svg", "trains": "Trains it.", "steps": ["Do it."],
                        "doses": [{"level": 1, "reps": 5}], "sources": ["NHS-exercises"]}


@pytest.mark.parametrize("condition", [
    "Kneeling hurts your knees. Put a cushion under them.",   # a tip inside a condition
    "You have sore knees. Then do not go all the way back.",
    "it hurts your neck.",                                    # a full stop: reads as its own sentence
    "It hurts your neck",                                     # a capital after "Skip it if"
    "you hold your breath, then make it gentler",
])
def test_a_tip_or_a_sentence_written_as_a_skip_condition_is_refused_on_load(condition: str) -> None:
    with pytest.raises(ValidationError, match="skip-it-if condition"):
        ExerciseData.model_validate({**BASE, "avoid_if": [condition]})


@pytest.mark.parametrize("tip", ["put a cushion under them", "If kneeling hurts, put a cushion under them"])
def test_a_tip_that_is_not_a_whole_sentence_is_refused_on_load(tip: str) -> None:
    with pytest.raises(ValidationError, match="tip must be a whole sentence"):
        ExerciseData.model_validate({**BASE, "tips": [tip]})


def test_conditions_read_as_one_sentence_and_an_old_saved_plan_reads_too() -> None:
    made = Exercise(id="x", name="X", trains="", steps=(), doses=(), figure="", sources=(),
                    avoid_if=("your spasm has not settled yet", "it hurts your neck"))
    assert made.skip_if() == "Skip it if your spasm has not settled yet, or it hurts your neck."
    saved = Exercise.model_validate({**made.model_dump(), "avoid_if": ["It hurts your neck."]})
    assert saved.skip_if() == "Skip it if it hurts your neck." and saved.tips == ()
    assert made.model_copy(update={"avoid_if": ()}).skip_if() == ""


def _terminal(plan: Any) -> str:
    out = io.StringIO()
    print_plan(plan, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def _pdf_text(plan: Any, tmp_path: Path) -> str:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plan_pdf(plan))
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                                   timeout=60).stdout.split())


def test_every_skip_line_is_one_sentence_and_every_tip_is_said_apart_on_web_paper_and_terminal(
        tmp_path: Path) -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE[next(n for n in sorted(PEOPLE) if n != "emergency")]})
    assert any(ex.tips for ex in plan.exercises) and any(ex.avoid_if for ex in plan.exercises)
    web = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", plan_fragment_html(plan)))
    renderings = {"web": web, "terminal": " ".join(_terminal(plan).split()), "pdf": _pdf_text(plan, tmp_path)}
    for where, text in renderings.items():
        assert "Skip it if:" not in text, where
        for ex in plan.exercises:
            if ex.avoid_if:
                assert ex.skip_if() in text, (where, ex.id)
            for tip in ex.tips:
                assert f"Tip: {tip}" in text, (where, ex.id)
