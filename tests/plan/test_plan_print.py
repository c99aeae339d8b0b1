"""The plan on paper and on a phone: the few things to do today first, the rest behind
headings that open, at most four A4 pages, sources numbered in print."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from backrelief.knowledge import load_knowledge
from backrelief.render.plan_html import plan_fragment_html, plan_html, plan_pdf
from backrelief.render.plan_today import today_items
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, plan_of

MAX_PAGES = 4


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                                    text=True, check=True, timeout=60).stdout.split()) for n in range(1, count + 1)]


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_every_plan_prints_on_at_most_four_pages_with_today_first(name: str, tmp_path: Path) -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE[name]})
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plan_pdf(plan))
    pages = _pages(pdf)
    assert 1 <= len(pages) <= MAX_PAGES
    first = pages[0]
    if plan.emergency:
        assert "Emergency: get help now" in first and plan.now[0].text.split(".")[0] in first
        return
    assert "What to do today" in first
    for item in today_items(plan):
        assert f"{item.label}:" in first
    assert plan.who_to_see.title in first
    # Every part prints, open; the sources close the plan as a numbered list.
    everything = " ".join(pages)
    for heading in ("Heat, cold and moving", "Who to see and when", "How to do each exercise", "Sources"):
        assert heading in everything
    first_source = today_items(plan)[0].sources[0]
    citation = " ".join(load_knowledge().sources[first_source].citation.split())
    assert citation[:40] in everything


def test_today_names_the_heat_the_medicine_with_its_ceiling_moving_whom_to_see_and_the_review_date() -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]})
    items = {i.label: i.text for i in today_items(plan)}
    assert items["Heat"] == ("15 to 20 minutes at a time, 3 or 4 times a day (09:00, 13:00 and 19:00), "
                             "for 7 days.")
    assert "(1,200 mg) in 24 hours" in items["Medicine: Ibuprofen tablets"]
    assert items["Keep moving"] == "Try not to stay in bed."
    assert items["Who to see"] == "You can look after this at home."
    assert "Tuesday 8 December 2026" in items["Review date"]
    assert 3 <= len(items) <= 5


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_today_says_each_thing_once_in_a_few_words(name: str) -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE[name]})
    items = today_items(plan)
    assert 2 <= len(items) <= 5
    texts = [i.text for i in items]
    assert len(set(texts)) == len(texts)
    if not plan.emergency:
        # The first screen of a 360 px phone holds about 900 characters of list.
        assert sum(len(i.label) + len(i.text) for i in items) <= 560, texts
        for item in items:
            assert item.text.endswith((".", "?")), item


def test_a_doctor_today_comes_first_with_how_to_get_seen() -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE["age_80_osteoporosis"]})
    assert plan.who_to_see.level == "urgent"
    first, second = today_items(plan)[:2]
    assert first.label == "Who to see" and first.text == f"{plan.who_to_see.title}. {plan.who_to_see.action}"
    assert second.label == "Review date" and "26 November 2026" in second.text


def test_at_home_or_with_a_visit_booked_the_review_line_says_whom_to_see_by_when() -> None:
    for story, level in (({}, "self_care"), ({"duration_days": 50}, "routine"), ({"age": 60}, "routine")):
        plan = plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"], **story})
        assert plan.who_to_see.level == level
        items = {i.label: i.text for i in today_items(plan)}
        assert items["Who to see"] == f"{plan.who_to_see.title}."
        assert list(items)[-2:] == ["Who to see", "Review date"]


def test_a_plan_that_suggests_no_medicine_says_whom_to_ask_instead() -> None:
    items = {i.label: i.text for i in today_items(plan_of({**PLAN_ANSWERS, **PEOPLE["ulcer_and_kidney"]}))}
    assert items["Medicine"].startswith("None of the usual pain medicines is suggested for you")


def test_on_screen_the_rest_is_behind_headings_that_open_without_javascript() -> None:
    fragment = plan_fragment_html(plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]}))
    assert "<script" not in fragment
    assert fragment.index('id="br-today"') < fragment.index("<details")
    assert fragment.count('<details class="br-part"') == 7
    # The source marks link to the numbered list.
    marks = set(re.findall(r'href="#br-src-(\d+)"', fragment))
    listed = set(re.findall(r'id="br-src-(\d+)"', fragment))
    assert marks == listed and "1" in listed


def test_the_printed_page_has_no_closed_parts() -> None:
    html = plan_html(plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]}))
    assert "<details" not in html and "@media print" in html and "size: A4" in html


def test_the_readiness_form_asks_each_question_not_already_answered() -> None:
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE["pregnant"]})
    form = {"action": "/plan/readiness", "csrf_field": "csrf", "csrf_token": "t", "given": {"faint": "no"}}
    html = plan_fragment_html(plan, readiness_form=form)
    assert '<form method="post" action="/plan/readiness"' in html
    assert plan.readiness is not None
    asked = [q for q in plan.readiness.questions if not q.from_assessment]
    assert html.count('value="unsure"') == len(asked)
    assert 'id="rd-faint-no" name="rd-faint" value="no" checked' in html
    assert "Yes, from what you told us in the check." in html  # pregnant: told already
