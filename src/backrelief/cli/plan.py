"""`backrelief plan`: the relief and prevention plan for one assessment, as terminal
text, JSON, a standalone HTML page, a printable PDF or an iCalendar file."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from backrelief.assessment import Assessment, parse_assessment
from backrelief.cli import app
from backrelief.cli.common import console, read_text, today_from, write_file
from backrelief.errors import InvalidInput, Problem
from backrelief.triage import settled, triage


class PlanFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    html = "html"
    pdf = "pdf"
    ics = "ics"


def _read(path: Path) -> object:
    text = read_text(path, field="input")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput([Problem("input", f"{path} is not valid JSON ({error.msg} at line {error.lineno}, "
                                             f"column {error.colno}); give one assessment as a JSON object")]) from None


def _write(out: Path | None, data: bytes) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(out, data)


def _last_check(db: str | None) -> tuple[Assessment, bool]:
    """The last saved check, and whether it was complete when kept (a finished interview
    leaves out only the questions that cannot change its answer)."""
    from backrelief.cli.diary import open_diary
    from backrelief.storage import Assessments

    saved = Assessments(open_diary(db, create=False)).latest()
    if saved is None:
        raise InvalidInput([Problem("input", "there is no saved check yet: run `backrelief assess` first, "
                                             "or give one with --input FILE")])
    from backrelief.knowledge import load_knowledge

    # Kept complete under other knowledge proves nothing about today's rules.
    same_rules = saved.triage.knowledge_version == load_knowledge().version
    return parse_assessment(saved.assessment.answers(), require_age=False), bool(saved.triage.complete) and same_rules


@app.command("plan")
def plan_command(
    input_file: Path | None = typer.Option(None, "--input", help="One assessment as a JSON object ('-' for standard "
                                            "input). Without it: your last saved check."),
    fmt: PlanFormat = typer.Option(PlanFormat.terminal, "--format", help="terminal, json, html, pdf or ics."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of the screen."),
    today: str | None = typer.Option(None, "--today", help="The plan's start date, YYYY-MM-DD (default: today)."),
    db: str | None = typer.Option(None, "--db", help="The diary holding your saved checks (without --input)."),
    level: int = typer.Option(1, "--level", min=1, max=3,
                              help="The exercise level you have reached by the move-up rule (1 to 3). Only one "
                                   "level is booked, and above 1 only once the readiness check is clear."),
    tz: str | None = typer.Option(None, "--tz", help="Your time zone for the calendar, e.g. Europe/London "
                                  "(default: this computer's)."),
) -> None:
    """Your relief and prevention plan: what to do now, medicines, who to see, exercises."""
    if input_file is not None and db is not None:
        raise InvalidInput([Problem("db", "give --input (a check in a file) or --db (your last saved check), not both")])
    start = today_from(today)
    if input_file is None:
        assessment, kept_complete = _last_check(db)
    else:
        assessment, kept_complete = parse_assessment(_read(input_file)), False
    # Imported here, not at the top: every other command starts faster without them.
    from backrelief.plan import make_plan
    from backrelief.render.plan_html import plan_html, plan_pdf
    from backrelief.render.plan_ics import plan_ics, zone_named
    from backrelief.render.plan_text import print_plan

    zone = zone_named(tz, "tz") if tz else None

    answer = triage(assessment)
    if kept_complete and answer.red_flags_unasked:
        # The interview that made this check left these out because no answer to them
        # could change the result (triage.settled): they do not hold the plan.
        answer = settled(answer, frozenset())
    plan = make_plan(assessment, answer, start, level=level)
    if not answer.complete and not answer.is_emergency:
        # Unknown is not "no": say so on stderr, whatever the format, so a file of
        # partial answers never passes silently as a checked self-care plan.
        typer.echo(f"Warning: {len(answer.red_flags_unasked)} warning-sign questions were not answered in "
                   f"{input_file or 'your last check'} ({', '.join(answer.red_flags_unasked[:6])}"
                   f"{', ...' if len(answer.red_flags_unasked) > 6 else ''}). The plan holds its exercise programme, heat "
                   "and ice until they are; answer them with `backrelief assess` before you rely on it.", err=True)
    if fmt is PlanFormat.terminal:
        if out is None:
            print_plan(plan, console())
            return
        recorded = Console(record=True, width=100, file=io.StringIO())
        print_plan(plan, recorded)
        _write(out, recorded.export_text(styles=False).encode("utf-8"))
    elif fmt is PlanFormat.json:
        _write(out, (json.dumps(plan.model_dump(mode="json"), indent=2) + "\n").encode("utf-8"))
    elif fmt is PlanFormat.html:
        _write(out, plan_html(plan).encode("utf-8"))
    elif fmt is PlanFormat.pdf:
        if out is None:
            raise InvalidInput([Problem("out", "a PDF needs a file: give --out plan.pdf")])
        _write(out, plan_pdf(plan))
    else:
        # With --today the whole of that day is ahead; without it, nothing already past.
        _write(out, plan_ics(plan, start if today else None, zone))
