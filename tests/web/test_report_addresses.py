"""The report's addresses take the form's own two names, start and end, and refuse any other."""

from __future__ import annotations

import html
import re

import pytest

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
