"""The plan says each quantity one way: heat's minutes and times a day, and how long and how
often to walk, are the same in the web page, the terminal, the printed PDF and the calendar,
and no plan or report text keeps an unfilled placeholder or a count-less "this many"."""

from __future__ import annotations

import html
import re
import subprocess
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from rich.console import Console

from backrelief.plan import Plan, load_plan_knowledge
from backrelief.render.plan_html import plan_fragment_html, plan_html, plan_pdf
from backrelief.render.plan_ics import plan_ics
from backrelief.render.plan_text import print_plan
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, TODAY, plan_of

NAMES = [n for n in sorted(PEOPLE) if n != "emergency"]
MINUTES = r"(\d+(?: to \d+)? minutes)"
# Heat's own statements of its length and frequency: the advice, the "today" list, the calendar.
HEAT = [re.compile(r"Use it for " + MINUTES + r" at a time, ([^,.]+ a day)"),
        re.compile(r"Heat:? " + MINUTES + r"(?: at a time)?, ([^,.(]+ a day)")]
HEAT_TITLE = re.compile(r"Heat for your back: " + MINUTES)
# Any sentence about walking that gives a length and then how often.
WALK = re.compile(r"\b[Ww]alk(?:s|ing)?\b[^.]*?" + MINUTES + r"[.,]? (?:Do this )?(?:at least )?"
                  r"(every \d+ to \d+ hours|every \d+ hours|\d+ times a day|once or twice a day|twice a day|once a day"
                  r"|\d+ days a week)")


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _renderings(plan: Plan, tmp_path: Path) -> dict[str, str]:
    key = plan.model_dump_json()
    if key not in _RENDERED:  # a PDF takes a second: each plan is rendered once for every test
        _RENDERED[key] = _render(plan, tmp_path)
    return _RENDERED[key]


_RENDERED: dict[str, dict[str, str]] = {}


def _render(plan: Plan, tmp_path: Path) -> dict[str, str]:
    console = Console(record=True, width=300, color_system=None)
    print_plan(plan, console)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plan_pdf(plan))
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    cal = icalendar.Calendar.from_ical(plan_ics(plan, TODAY, "Europe/London"))
    calendar = " ".join(f"{e['SUMMARY']}. {e['DESCRIPTION']}" for e in cal.walk("VEVENT"))
    return {"terminal": " ".join(console.export_text().split()), "web": _plain(plan_fragment_html(plan)),
            "html": _plain(plan_html(plan)), "pdf": " ".join(printed.replace("-\n", "-").split()),
            "calendar": " ".join(calendar.split())}


def _plans(name: str) -> list[Plan]:
    ready = {q.id: False for q in load_plan_knowledge().readiness.questions}
    base = {**PLAN_ANSWERS, **PEOPLE[name]}
    return [plan_of(base), *(plan_of(base, readiness=ready, level=n) for n in (1, 2, 3))]


@pytest.mark.parametrize("name", NAMES)
def test_heat_has_one_length_and_one_frequency_in_every_rendering(name: str, tmp_path: Path) -> None:
    heat = load_plan_knowledge().relief.heat
    for plan in _plans(name):
        if not any(s.id == "heat" for s in plan.heat_cold):
            continue
        said: dict[str, set[tuple[str, str]]] = {}
        for where, text in _renderings(plan, tmp_path).items():
            found = {(m.group(1), m.group(2)) for pattern in HEAT for m in pattern.finditer(text)}
            said[where] = found | {(m.group(1), "") for m in HEAT_TITLE.finditer(text)}
        lengths = {length for found in said.values() for length, _ in found}
        often = {freq.strip() for found in said.values() for _, freq in found if freq}
        assert lengths == {heat.text.split("Use it for ")[1].split(" at a time")[0]} == {"15 to 20 minutes"}, said
        assert often == {"3 or 4 times a day"}, said
        for where in ("terminal", "web", "pdf", "calendar"):
            assert said[where], f"the {where} never says how long heat lasts"


@pytest.mark.parametrize("name", NAMES)
def test_walking_has_one_frequency_for_each_length_in_every_rendering(name: str, tmp_path: Path) -> None:
    for plan in _plans(name):
        by_length: dict[str, set[str]] = defaultdict(set)
        for text in _renderings(plan, tmp_path).values():
            for m in WALK.finditer(text):
                by_length[m.group(1)].add(m.group(2).replace("twice a day", "2 times a day"))
        assert by_length, "no walking advice found"
        for length, often in by_length.items():
            assert len(often) == 1, f"walks of {length}: {sorted(often)}"
        if plan.programme is not None and plan.programme.levels[0].open_now:
            assert by_length["10 to 20 minutes"] == {"every 2 to 3 hours"}


def test_the_calendars_early_walks_keep_to_every_2_to_3_hours_while_awake() -> None:
    ready = {q.id: False for q in load_plan_knowledge().readiness.questions}
    plan = plan_of({**PLAN_ANSWERS, **PEOPLE["simple_spasm"]}, readiness=ready, level=1)
    cal = icalendar.Calendar.from_ical(plan_ics(plan, TODAY, "Europe/London"))
    walks = sorted(e.decoded("DTSTART") for e in recurring_ical_events.of(cal).between(TODAY, TODAY + timedelta(days=1))
                   if str(e["SUMMARY"]).startswith("Walk: 10 to 20 minutes"))
    assert len(walks) >= 4
    gaps = {b - a for a, b in pairwise(walks)}
    assert all(timedelta(hours=2) <= gap <= timedelta(hours=3) for gap in gaps), gaps
    assert all(8 <= w.hour <= 21 for w in walks if isinstance(w, datetime))


UNFILLED = re.compile(r"\{[a-z_]+\}|\bthis many\b", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_no_plan_text_keeps_an_unfilled_placeholder_or_a_count_less_this_many(name: str, tmp_path: Path) -> None:
    recurring = {**PLAN_ANSWERS, **PEOPLE[name], "episodes_last_year": 4} if name != "emergency" else PEOPLE[name]
    for plan in (*_plans(name), plan_of(recurring)):
        for where, text in _renderings(plan, tmp_path).items() if not plan.emergency else (
                ("web", _plain(plan_fragment_html(plan))),):
            assert not UNFILLED.search(text), f"{where}: {UNFILLED.search(text)}"


def test_no_report_text_keeps_an_unfilled_placeholder_or_a_count_less_this_many() -> None:
    from backrelief.render.report import make_report, report_html
    from tests.report.test_report import EPISODE, _assessment, _entries

    text = _plain(report_html(make_report(_entries(), EPISODE, [_assessment()], TODAY)))
    assert not UNFILLED.search(text)


def test_every_triage_reason_says_its_count_when_it_is_about_one() -> None:
    from backrelief.knowledge import load_knowledge

    for rule in load_knowledge().rules:
        assert not UNFILLED.search(rule.reason), rule.id
