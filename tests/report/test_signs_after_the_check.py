"""A warning sign the latest check did not include is a line beside "Latest check" on the
report's first page, with its date and what it means; the day-by-day table shows symptoms."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import get_args

import pytest

from backrelief.assessment import Finding
from backrelief.diary.models import EntryPublic
from backrelief.render.report import AFTER_CHECK, CLINICAL_LEVEL, make_report, report_html, report_pdf
from tests.report.test_report import EPISODE, TODAY, _assessment, _entries

FINDINGS: tuple[str, ...] = get_args(Finding)


def _with_sign(finding: str, at: datetime) -> list[EntryPublic]:
    return [*_entries(), EntryPublic(id=50, episode_id=1, at=at, pain_now=4, new_findings=(finding,))]


def _first_page(pdf_bytes: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes)
    return " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                                   check=True, timeout=60).stdout.split())


def test_an_emergency_sign_written_after_the_check_is_a_line_above_the_latest_check_on_page_one(tmp_path: Path) -> None:
    report = make_report(_with_sign("saddle_numbness", datetime(2026, 11, 20, 9)), EPISODE, [_assessment()], TODAY)
    line = ("A warning sign was recorded on 20 Nov 2026, after this check: saddle numbness — "
            "Emergency referral advised (red flags present).")
    assert report.after_check == (line,)
    first = _first_page(report_pdf(report), tmp_path)
    assert f"{AFTER_CHECK} {line} Latest check 03 Nov 2026: Routine GP or physiotherapy review advised." in first


def test_a_back_dated_sign_the_check_did_not_include_is_shown_as_not_included() -> None:
    # Written for a day before the check (3 Nov, 09:00) but absent from it: never part of it.
    report = make_report(_with_sign("saddle_numbness", datetime(2026, 11, 2, 18)), EPISODE, [_assessment()], TODAY)
    assert report.after_check == ("A warning sign was recorded for 02 Nov 2026 that this check did not include: "
                                  "saddle numbness — Emergency referral advised (red flags present).",)


def test_a_sign_the_check_already_recorded_adds_no_line() -> None:
    saved = _assessment()
    kept = saved.model_copy(update={"assessment": saved.assessment.model_copy(update={"findings": ("saddle_numbness",)})})
    report = make_report(_with_sign("saddle_numbness", datetime(2026, 11, 20, 9)), EPISODE, [kept], TODAY)
    assert report.after_check == ()
    assert AFTER_CHECK not in dict(report.headline)


def test_a_sign_with_no_check_saved_says_so() -> None:
    report = make_report(_with_sign("foot_drop", datetime(2026, 11, 20, 9)), EPISODE, [], TODAY)
    assert len(report.after_check) == 1
    assert report.after_check[0].startswith("A warning sign was recorded on 20 Nov 2026, and no check has been saved: "
                                            "foot drop — ")


@pytest.mark.parametrize("finding", FINDINGS)
def test_every_kind_of_sign_after_the_check_names_itself_and_a_clinical_meaning(finding: str) -> None:
    report = make_report(_with_sign(finding, datetime(2026, 11, 20, 9)), EPISODE, [_assessment()], TODAY)
    (line,) = report.after_check
    said = re.fullmatch(r"A warning sign was recorded on 20 Nov 2026, after this check: (.+) — (.+)\.", line)
    assert said is not None
    assert said.group(1) == finding.replace("_", " ")
    assert said.group(2) in CLINICAL_LEVEL.values()
    assert dict(report.headline)[AFTER_CHECK] == line


def test_several_signs_after_the_check_keep_the_check_and_the_emergency_line_on_page_one(tmp_path: Path) -> None:
    entries = [*_entries(), *(EntryPublic(id=60 + i, episode_id=1, at=datetime(2026, 11, 18 + i, 9), pain_now=5,
                                          new_findings=(f,))
                              for i, f in enumerate(("saddle_numbness", "new_bladder_problem", "foot_drop")))]
    report = make_report(entries, EPISODE, [_assessment()], TODAY)
    assert len(report.after_check) == 3
    first = _first_page(report_pdf(report), tmp_path)
    for line in report.after_check:
        assert line in first
    assert "Latest check 03 Nov 2026" in first
    assert "In an emergency" in first


def test_the_report_html_shows_the_line_on_page_one_and_again_beside_the_check_in_detail() -> None:
    report = make_report(_with_sign("saddle_numbness", datetime(2026, 11, 20, 9)), EPISODE, [_assessment()], TODAY)
    html = report_html(report)
    assert html.count("after this check: saddle numbness") == 2  # page one and the check in detail


def test_the_day_by_day_table_has_a_symptoms_column_with_where_spread_and_signs(tmp_path: Path) -> None:
    entries = [*_entries(), EntryPublic(id=70, episode_id=1, at=datetime(2026, 11, 25, 20), pain_now=5, region="lower",
                                        leg_symptoms="below_knee", new_findings=("saddle_numbness",))]
    report = make_report(entries, EPISODE, [_assessment()], TODAY)
    day = next(d for d in report.days if d.day == datetime(2026, 11, 25).date())
    assert day.symptoms == "lower back, pain below the knee, warning sign: saddle numbness"
    html = report_html(report)
    assert '<th scope="col">symptoms</th>' in html
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                                   timeout=60).stdout.split())
    assert "symptoms" in text
    assert "warning sign: saddle numbness" in text
