"""The result page says the review in the plan's own words for its level: at home, "not
clearly better by ...? Then see ..."; when a visit is advised, "book a visit ... for no
later than ..." (never "check again, and see a doctor if not better" to someone already
told to see one)."""

from __future__ import annotations

import re

from tests.web.conftest import PageClient
from tests.web.test_question_pages import answer_all, banner_title


def _review_line(html: str) -> str:
    found = re.search(r'<p class="review-line"><strong>(.*?)</strong></p>', html)
    assert found, "no review line"
    return found.group(1)


def test_at_home_the_result_asks_whether_it_is_clearly_better_by_the_review_day(pages: PageClient) -> None:
    answer_all(pages, {"age": "35", "sex": "male"})
    result = pages.get("/result").text
    assert banner_title(result) == "You can look after this at home"
    line = _review_line(result)
    assert line.startswith("Not clearly better by ") and line.endswith("Then see a GP, a physio or a pharmacist.")


def test_when_a_visit_is_advised_the_result_says_to_book_it_by_the_review_day(pages: PageClient) -> None:
    answer_all(pages, {"age": "62", "sex": "male"})
    result = pages.get("/result").text
    assert banner_title(result) == "Book a visit with a doctor or physio"
    line = _review_line(result)
    assert line.startswith("Book a visit with a GP or a physio for no later than ")
    assert "Check again" not in result and "Not clearly better by" not in result
