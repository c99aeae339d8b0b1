"""`backrelief assess --input FILE [--json]`: the batch contract (docs/spec/vignettes.md)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_one_assessment_file_gives_one_json_answer(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"age": 50, "findings": ["saddle_numbness"]}, indent=2))
    done = backrelief("assess", "--input", str(path), "--json")
    assert done.returncode == 0
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == 1
    assert answers[0]["disposition"] == "emergency"
    assert answers[0]["knowledge_version"]
    assert answers[0]["reasons"][0]["rule"] == "ces-saddle-numbness"
    assert "red_flags_unasked" in answers[0]


def test_json_lines_are_answered_in_order_and_bad_lines_get_their_own_error(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join([
        json.dumps({"age": 40, "findings": ["chest_pain"]}),
        "not json",
        json.dumps({"age": 40, "severity": 12}),
        json.dumps({"age": 40, "trigger": "lifting", "findings": [], "history": []}),
    ]) + "\n")
    done = backrelief("assess", "--input", str(path), "--json")
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line.get("disposition") for line in lines] == ["emergency", None, None, "self_care"]
    assert lines[1]["line"] == 2
    assert "not valid JSON" in lines[1]["error"]
    assert lines[2] == {"line": 3, "error": "'severity' must be a whole number from 0 to 10, not 12"}


def test_terminal_output_puts_the_emergency_message_first(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"age": 50, "findings": ["new_bladder_problem"]}))
    done = backrelief("assess", "--input", str(path))
    assert done.returncode == 0
    assert done.stdout.lstrip().startswith("EMERGENCY")
    assert "BASS-2018" in done.stdout


def test_a_missing_file_is_one_plain_line_and_exit_2(backrelief: Run) -> None:
    done = backrelief("assess", "--input", "/no/such/file.json")
    assert done.returncode == 2
    assert done.stderr.strip() == "backrelief: no such file: /no/such/file.json (the folder /no/such does not exist)"
    assert "Traceback" not in done.stderr


def test_an_age_under_sixteen_is_refused_in_a_single_file(backrelief: Run, tmp_path: Path) -> None:
    path = tmp_path / "child.json"
    path.write_text(json.dumps({"age": 12}))
    done = backrelief("assess", "--input", str(path))
    # Nothing in the file could be answered: bad input, exit 2 (a batch with some answers is 1).
    assert done.returncode == 2
    assert "aged 16 and over" in done.stderr


def test_json_without_a_file_never_prompts(backrelief: Run) -> None:
    done = backrelief("assess", "--json")
    assert done.returncode == 2
    assert "batch mode never asks questions" in done.stderr


def test_version_shows_knowledge_version_and_regulatory_status(backrelief: Run) -> None:
    done = backrelief("--version")
    assert done.returncode == 0
    assert "knowledge 2026." in done.stdout
    assert "Not a medical device" in done.stdout


def test_the_terminal_answer_says_which_unknown_answer_a_reason_took_on_the_safer_side(
        backrelief: Run, tmp_path: Path) -> None:
    # No pain score and no cause: the over-50 aorta rule fires on both, and says so.
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"age": 55, "onset": "sudden", "findings": [], "history": []}))
    done = backrelief("assess", "--input", str(path))
    assert done.returncode == 0
    flat = " ".join(done.stdout.split())
    assert "You did not tell us how the pain started or how bad the pain is, so we took the safer side. Sudden" in flat
    answer = json.loads(backrelief("assess", "--input", str(path), "--json").stdout)
    first = answer["reasons"][0]
    assert first["assumed"] == ["trigger", "severity"]
    assert first["reason"].startswith("You did not tell us how the pain started")
