"""The report's pages: their addresses take the form's own two names, start and end, and refuse
any other; a warning sign saved after the check shows beside it."""

from __future__ import annotations

import html
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.kept_checks import kept_check
from tests.web.conftest import PageClient


def _said(text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.parametrize("address", ["/report", "/report.pdf", "/report.html"])
@pytest.mark.parametrize("query", ["from=abc", "to=2026-11-01", "begin=2026-11-01&end=2026-11-20", "START=2026-11-01"])
def test_a_name_the_report_does_not_take_is_refused_and_the_allowed_names_are_said(
        pages: PageClient, address: str, query: str) -> None:
    response = pages.get(f"{address}?{query}")
    assert 400 <= response.status_code < 500
    assert "%PDF" not in response.text[:10]
    said = _said(response.text)
    unknown = query.split("=")[0]
    assert f"'{unknown}' is not a setting of this address" in said
    assert "'start' and 'end'" in said


@pytest.mark.parametrize("address", ["/report", "/report.pdf", "/report.html"])
def test_an_impossible_date_in_start_or_end_is_refused_with_the_fields_words(pages: PageClient, address: str) -> None:
    response = pages.get(f"{address}?start=abc&end=2026-02-30")
    assert 400 <= response.status_code < 500
    said = _said(response.text)
    assert "The start date must be a date like 2026-11-26" in said
    assert "The end date must be a date like 2026-11-26" in said


def test_the_download_links_use_the_names_the_downloads_take(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-24", "time": "08:00", "pain_now": "6"})
    page = pages.get("/report?start=2026-11-20&end=2026-11-25").text
    links = re.findall(r'href="(/report\.(?:pdf|html)[^"]*)"', page)
    assert links == ["/report.pdf?start=2026-11-20&amp;end=2026-11-25", "/report.html?start=2026-11-20&amp;end=2026-11-25"]
    for link in links:
        response = pages.get(html.unescape(link))
        assert response.status_code == 200
    assert pages.get(html.unescape(links[0])).content.startswith(b"%PDF")


def test_a_period_in_start_and_end_chooses_the_entries_of_the_download(pages: PageClient) -> None:
    for day in ("2026-11-10", "2026-11-24"):
        pages.post("/diary", {"day": day, "time": "08:00", "pain_now": "6"})
    assert "(1 entry, 20 Nov 2026 to 25 Nov 2026)" in _said(pages.get("/report.html?start=2026-11-20&end=2026-11-25").text)
    assert "(2 entries)" in _said(pages.get("/report.html").text)


def test_a_sign_saved_in_the_diary_after_the_check_shows_beside_the_latest_check_on_the_page_and_the_pdf(
        pages: PageClient, client: TestClient, tmp_path: Path) -> None:
    from backrelief.storage import Assessments

    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    Assessments(engine).save(kept_check({"age": 40, "findings": []}, {"disposition": "self_care", "reasons": [],
                                                                      "knowledge_version": "2026.11.1"},
                                        created_at=datetime(2026, 11, 24, 12, 0)))
    pages.post("/diary", {"day": "2026-11-25", "time": "08:30", "pain_now": "6", "new_findings": "saddle_numbness"})
    line = ("A warning sign was recorded on 25 Nov 2026, after this check: saddle numbness — "
            "Emergency referral advised (red flags present).")
    assert _said(pages.get("/report").text).count(line) == 2  # in the summary and under "Latest check"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pages.get("/report.pdf").content)
    first = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                                    check=True, timeout=60).stdout.split())
    assert f"{line} Latest check 24 Nov 2026: Self-management; no red flags reported" in first
