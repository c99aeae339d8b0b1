"""The printed report and plan read through their PDF tag trees (pypdf), as a screen reader
reads them: headings in order without skipped levels, and the first page's answers in the
order the page shows them."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from backrelief.assessment import Assessment
from backrelief.plan import make_plan
from backrelief.render.plan_html import plan_pdf
from backrelief.render.report import Report, make_report, report_pdf
from backrelief.triage import triage
from tests.report.pdf_tags import headings, structure
from tests.report.test_report import EPISODE, TODAY, _assessment, _entries


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report(_entries(), EPISODE, [_assessment()], TODAY)


@pytest.fixture(scope="module")
def report_file(report: Report) -> bytes:
    # Laid out once for this module's tests (WeasyPrint takes seconds).
    return report_pdf(report)


def _levels_never_skip(found: list[tuple[str, str]]) -> bool:
    levels = [int(kind[1]) for kind, _ in found]
    return levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels))


def test_the_report_pdf_tag_tree_reads_its_headings_in_order(report_file: bytes) -> None:
    assert headings(report_file) == [
        ("H1", "Back pain: summary for the doctor"), ("H2", "At a glance"), ("H2", "Latest check, in detail"),
        ("H2", "Flare-ups per week"), ("H2", "Medicines per day"),
        ("H2", "What made it worse, or came before a flare-up"), ("H2", "The last 4 weeks, day by day"),
        ("H2", "Sources")]


def test_the_report_pdf_tag_tree_gives_the_first_page_answers_in_the_pages_order(
        report: Report, report_file: bytes) -> None:
    elements = structure(report_file)
    assert {"Table", "TH", "TD", "L", "LI"} <= {kind for kind, _ in elements}
    # The whole document in tree order: each question, then its answer, in the page's order.
    [text] = [words for kind, words in elements if kind == "Document"]
    where = [text.find(f"{q} {a[:25]}") for q, a in report.headline]
    assert -1 not in where and where == sorted(where), where


def test_the_plan_pdf_tag_tree_starts_with_what_to_do_today_and_never_skips_a_heading_level() -> None:
    assessment = Assessment.model_validate({"age": 34, "severity": 4, "duration_days": 2, "onset": "sudden",
                                            "trigger": "lifting"})
    found = headings(plan_pdf(make_plan(assessment, triage(assessment), date(2026, 11, 26))))
    assert found[:2] == [("H1", "Your back pain plan"), ("H2", "What to do today")]
    assert _levels_never_skip(found), found
    assert found[-1] == ("H2", "Sources")
