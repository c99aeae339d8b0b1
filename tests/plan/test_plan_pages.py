"""The plan as a standalone HTML page, as a fragment to embed, and as terminal text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from rich.console import Console

from backrelief.render.plan_html import plan_fragment_html, plan_html
from backrelief.render.plan_text import print_plan
from tests.plan.conftest import PlanFor


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_the_page_stands_alone_with_no_external_assets(plan_for: PlanFor) -> None:
    html = plan_html(plan_for("simple_spasm"))
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">")
    parsed = _parse(html)
    assert "link" not in parsed.tags and "script" not in parsed.tags and "img" not in parsed.tags
    # The only URL is the SVG namespace, which is a name, not a download.
    assert set(re.findall(r"https?://[^\"' ]+", html)) == {"http://www.w3.org/2000/svg"}
    assert parsed.tags.count("svg") == 14


def test_every_figure_has_a_text_alternative_and_ids_are_unique(plan_for: PlanFor) -> None:
    parsed = _parse(plan_html(plan_for("simple_spasm")))
    labels = [v for k, v in parsed.attrs if k == "aria-label"]
    assert len(labels) == 14 and all(labels)
    ids = [v for k, v in parsed.attrs if k == "id"]
    assert len(ids) == len(set(ids))


def test_the_fragment_is_embeddable_and_holds_the_same_plan(plan_for: PlanFor) -> None:
    plan = plan_for("ulcer_and_kidney")
    fragment = plan_fragment_html(plan)
    assert "<html" not in fragment and "<body" not in fragment and "<head" not in fragment
    assert fragment.lstrip().startswith('<article class="br-plan"')
    assert "Ibuprofen tablets: not suggested for you" in fragment
    assert "You told us about kidney disease. These medicines can harm the kidneys." in fragment
    assert fragment in plan_html(plan, printing=False)


def test_the_emergency_page_opens_with_an_alert_holding_the_instruction(plan_for: PlanFor) -> None:
    html = plan_fragment_html(plan_for("emergency"))
    alert = html.index('role="alert"')
    assert html.index("Call 999", alert) < html.index("Who to see")
    assert "How to do each exercise" not in html and "Exercise plan" not in html


def test_the_terminal_plan_puts_the_emergency_first(plan_for: PlanFor) -> None:
    console = Console(record=True, width=100, color_system=None)
    print_plan(plan_for("emergency"), console)
    lines = console.export_text().splitlines()
    assert lines[0] == " EMERGENCY: GET HELP NOW "
    assert "Exercise plan" not in console.export_text()


def test_the_terminal_plan_names_a_screened_out_medicine_with_its_reason(plan_for: PlanFor) -> None:
    console = Console(record=True, width=200, color_system=None)
    print_plan(plan_for("pregnant"), console)
    text = console.export_text()
    assert "Ibuprofen tablets: not suggested for you" in text
    assert "You told us you are pregnant. From about 20 weeks, these medicines can harm the baby's kidneys" in text
    assert "Paracetamol (acetaminophen) tablets: safe for you, but on its own it helps back pain little" in text
