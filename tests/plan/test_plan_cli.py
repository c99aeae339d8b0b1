"""`backrelief plan`, run as a person would: the real command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar

from tests.plan.conftest import PEOPLE, PLAN_ANSWERS


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # A wide terminal, so that click's usage errors are not wrapped.
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "backrelief", "plan", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, check=False, env=env)


def _person(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({**PLAN_ANSWERS, **PEOPLE[name]}), encoding="utf-8")
    return path


def test_the_terminal_plan_for_a_simple_spasm(tmp_path: Path) -> None:
    done = run("--input", str(_person(tmp_path, "simple_spasm")), "--today", "2026-11-26")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Your back pain plan (made Thursday 26 November 2026")
    assert "Not clearly better by Tuesday 8 December 2026?" in done.stdout
    assert done.stderr == ""


def test_json_output_is_the_plan_model(tmp_path: Path) -> None:
    done = run("--input", str(_person(tmp_path, "ulcer_and_kidney")), "--format", "json", "--today", "2026-11-26")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["who_to_see"]["review_date"] == "2026-12-07"
    assert [m["status"] for m in plan["medicines"]["options"]] == ["check_first"] * 4


def test_html_and_ics_are_written_to_the_out_file(tmp_path: Path) -> None:
    person = _person(tmp_path, "pregnant")
    page, ics = tmp_path / "plan.html", tmp_path / "plan.ics"
    assert run("--input", str(person), "--format", "html", "--out", str(page)).returncode == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    done = run("--input", str(person), "--format", "ics", "--out", str(ics), "--today", "2026-11-26")
    assert done.returncode == 0 and done.stdout == ""
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    # Heat at 3 times a day, level 1 exercises 3 times a day, a walk every 3 hours from 09:00
    # to 21:00 (5), the review and the second look at 4 weeks.
    assert len(list(cal.walk("VEVENT"))) == 3 + 3 + 5 + 2


def test_input_can_come_from_standard_input() -> None:
    done = run("--input", "-", "--format", "json", stdin=json.dumps(PEOPLE["emergency"]))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["now"][0]["id"] == "emergency"


def test_bad_input_is_one_plain_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"age": 40, "severity": 12}', encoding="utf-8")
    done = run("--input", str(bad))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "backrelief: 'severity' must be a whole number from 0 to 10, not 12\n"


def test_a_file_that_is_not_json_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("my back hurts", encoding="utf-8")
    done = run("--input", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"backrelief: {bad} is not valid JSON (Expecting value at line 1, column 1)")


def test_a_missing_file_a_bad_date_and_an_emergency_calendar_are_refused_plainly(tmp_path: Path) -> None:
    assert run("--input", str(tmp_path / "nope.json")).stderr == f"backrelief: no such file: {tmp_path / 'nope.json'}\n"
    person = _person(tmp_path, "simple_spasm")
    done = run("--input", str(person), "--today", "26/11/2026")
    assert done.stderr == "backrelief: --today must be a date like 2026-11-26, in the years 1900 to 2199, not '26/11/2026'\n"
    done = run("--input", str(_person(tmp_path, "emergency")), "--format", "ics")
    assert done.returncode == 2
    assert done.stderr.startswith("backrelief: this plan has no calendar: Call 999")


def test_an_unknown_format_lists_the_ones_allowed(tmp_path: Path) -> None:
    done = run("--input", str(_person(tmp_path, "simple_spasm")), "--format", "docx")
    assert done.returncode == 2
    assert "'docx' is not one of 'terminal', 'json', 'html', 'pdf', 'ics'" in done.stderr


def test_a_plan_from_partial_answers_warns_that_warning_signs_were_not_asked(tmp_path: Path) -> None:
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({"age": 40}), encoding="utf-8")
    done = run("--input", str(path), "--format", "json", "--today", "2026-11-26")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("Warning: ")
    assert "warning-sign questions were not answered" in done.stderr
    assert "saddle_numbness" in done.stderr
    assert json.loads(done.stdout)
