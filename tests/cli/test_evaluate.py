"""`backrelief evaluate`: scores, the confusion matrix, and a non-zero exit on under-triage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

DEV = Path(__file__).resolve().parents[2] / "data" / "vignettes" / "dev.jsonl"


def _vignette(vid: str, expected: str, acceptable: list[str], answers: dict[str, object]) -> str:
    return json.dumps({"id": vid, "category": "test", "expected": expected, "acceptable": acceptable,
                       "input": {"age": 40, **answers}, "narrative": "", "rationale": "", "source": ""})


def test_the_dev_vignettes_score_without_under_triage(backrelief: Run) -> None:
    done = backrelief("evaluate", str(DEV), "--json")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["under_triage"] == []
    assert result["recall"]["emergency"] == 1.0
    assert result["acceptable_percent"] >= 95.0


def test_an_under_triaged_vignette_is_listed_and_fails_the_gate(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text(_vignette("U1", "emergency", ["emergency"], {"findings": ["fever"]}) + "\n"
                    + _vignette("O1", "self_care", ["self_care"], {"findings": ["chest_pain"]}) + "\n")
    done = backrelief("evaluate", str(path))
    assert done.returncode == 1
    assert "under-triage: 1 U1" in done.stdout
    assert "over-triage: 1 O1" in done.stdout
    assert "Confusion matrix" in done.stdout


def test_a_broken_vignette_file_names_the_line(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text('{"id": "A"}\n')
    done = backrelief("evaluate", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("backrelief: line 1 is not a vignette")


def test_an_unknown_mode_is_refused(backrelief: Run) -> None:
    done = backrelief("evaluate", str(DEV), "--mode", "psychic")
    assert done.returncode == 2
    assert "--mode must be structured, narrative, questions or dialogue" in done.stderr


@pytest.mark.parametrize("mode", ["questions", "dialogue"])
def test_the_interview_modes_never_under_triage_and_report_each_case_length(backrelief: Run, mode: str) -> None:
    done = backrelief("evaluate", str(DEV), "--mode", mode, "--json", "--today", "2026-12-02")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["under_triage"] == []
    assert set(result["lengths"]) == {o["id"] for o in result["outcomes"]}
    assert all(set(n) == {"pages", "prompts", "answers"} for n in result["lengths"].values())
