"""The report's first page says things a doctor can use: a start never later than the
diary's own first day (and which source it came from), a heading for warning signs that is
true of back-dated ones, and which warning-sign groups a check did not ask, not a bare count."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from backrelief.diary.models import EpisodePublic
from backrelief.render.report import AFTER_CHECK, latest_check_words, make_report, report_pdf, unasked_groups
from backrelief.triage import triage
from tests.report.test_report import TODAY, _assessment, _entries


@pytest.mark.parametrize(("given", "source"), [(False, "worked out from the check"), (True, "given by the patient")])
def test_a_recorded_start_later_than_the_first_diary_entry_gives_way_to_it_and_says_so(
        given: bool, source: str, tmp_path: Path) -> None:
    late = EpisodePublic(id=1, started_on=date(2026, 11, 20), onset="sudden", start_given=given)
    report = make_report(_entries(), late, [_assessment()], TODAY)
    started = dict(report.headline)["When and how did it start?"]
    assert started.startswith("03 Nov 2026, 23 days ago (the first diary entry; the start recorded, "
                              f"20 Nov 2026, {source}, is later)")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report_pdf(report))
    first = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                    text=True, check=True, timeout=60).stdout.split())
    assert "03 Nov 2026, 23 days ago (the first diary entry" in first


def test_a_start_before_the_first_entry_is_shown_as_recorded() -> None:
    early = EpisodePublic(id=1, started_on=date(2026, 11, 1), onset="sudden")
    started = dict(make_report(_entries(), early, [_assessment()], TODAY).headline)["When and how did it start?"]
    assert started.startswith("01 Nov 2026, 25 days ago, ") and "first diary entry" not in started


def test_the_heading_for_signs_the_check_missed_does_not_say_since() -> None:
    assert AFTER_CHECK == "Warning signs the latest check did not include"


def _saved_check(answers: dict[str, object]) -> object:
    from backrelief.assessment import parse_assessment

    saved = _assessment()
    a = parse_assessment(answers, require_age=False)
    result = triage(a)
    return type(saved).model_validate({**saved.model_dump(mode="json"), "assessment": a.to_public(),
                                       "triage": result.to_public(), "disposition": result.disposition})


def test_an_emergency_check_says_it_stopped_early_and_names_the_groups_it_did_not_ask() -> None:
    saved = _saved_check({"age": 40, "findings": ["saddle_numbness"]})
    words = latest_check_words(saved)  # type: ignore[arg-type]
    assert "Red-flag questions not asked:" not in words
    assert "The check stopped early at this emergency answer, so it did not ask about: " in words
    assert "illnesses and treatment in the past (13 of 13)" in words


def test_an_unfinished_check_names_each_group_with_how_many_of_its_questions_were_not_asked() -> None:
    said = unasked_groups(["fever", "chest_pain", "collapsed", "foot_drop"])
    assert said == ("your legs and walking (1 of 8); heart, chest and main blood vessels (2 of 8); "
                    "infection and feeling unwell (1 of 10)")
    assert unasked_groups(["age"]) == "1 other question"
