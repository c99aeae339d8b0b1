"""`backrelief assess` and `backrelief evaluate`.

Interactive when given no input (questions in the terminal) or `--text` alone; batch
with `--input` or `--text-file`, one JSON answer per line in input order, never a prompt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from backrelief.assessment import Assessment, parse_assessment
from backrelief.cli import app
from backrelief.cli.common import plain, read_text, today_from
from backrelief.errors import BackreliefError, InvalidInput, Problem
from backrelief.knowledge import LEVELS, Level
from backrelief.triage import Triage, triage

if TYPE_CHECKING:
    # Imported where used: `assess --json` prints no table and scores no vignettes, and
    # these cost a fifth of its start-up.
    from rich.console import Console

    from backrelief.evaluate import Mode, Score, Vignette
    from backrelief.reading import Reading


def _console() -> Console:
    from backrelief.cli.common import console

    return console()


@dataclass(frozen=True)
class Answered:
    """One batch answer: what `--json` prints, the triage to show, and for words what
    the reader understood."""

    json: dict[str, Any]
    triage: Triage
    reading: Reading | None = None


def _answer(result: Triage) -> dict[str, Any]:
    return result.to_public()


def _records(text: str) -> list[tuple[int, str]]:
    """One JSON object for the whole file, or JSON Lines: (line number, text) pairs."""
    stripped = text.strip()
    if stripped.startswith("{") and "\n" in stripped:
        try:
            json.loads(stripped)
            return [(1, stripped)]
        except json.JSONDecodeError:
            pass
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _assess_line(raw: str) -> Triage:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidInput([Problem("line", f"not valid JSON ({error.msg} at column {error.colno})")]) from None
    return triage(parse_assessment(data))


def _batch(records: list[tuple[int, str]], answer: Callable[[str], Answered], as_json: bool,
           console: Console | None) -> None:
    failed = 0
    for number, raw in records:
        try:
            out = answer(raw)
        except BackreliefError as error:
            failed += 1
            message = plain(str(error))  # never a huge value echoed back in full
            if as_json:
                typer.echo(json.dumps({"line": number, "error": message}))
            else:
                typer.echo(f"line {number}: {message}", err=True)
            continue
        if as_json:
            typer.echo(json.dumps(out.json))
        else:
            console = console or _console()
            if len(records) > 1:
                console.rule(f"line {number}")
            _print_result(out.triage, console, out.reading)
    if failed:
        # Every line refused: the input was bad (2). Some answered, some not: 1.
        raise typer.Exit(2 if failed == len(records) else 1)


def _print_result(result: Triage, console: Console, reading: Reading | None = None) -> None:
    from backrelief.render.triage_text import print_triage

    if reading is not None:
        _print_understood(reading, console)
    print_triage(result, console)


def _print_understood(reading: Reading, console: Console) -> None:
    """What the reader understood, in plain words (never the contract's ids)."""
    from backrelief.cli.questionnaire import say
    from backrelief.interview.describe import understood_line
    from backrelief.interview.state import from_reading, understood_answers
    from backrelief.knowledge import load_knowledge

    sex = reading.assessment.sex
    questions = {q.id: q.for_sex(sex) for q in load_knowledge().screen}
    state = from_reading(reading, set(questions))
    say("Here is what we understood")
    lines = understood_answers(state)
    if not lines:
        say("(nothing we could be sure of)", "  ")
    for qid, value, span in lines:
        say("- " + understood_line(questions[qid], value, span), "  ")
    if reading.could_not_tell:
        said = [questions[q].text if q in questions else q.replace("_", " ") for q in reading.could_not_tell]
        say("Your words did not say: " + " ".join(said), "  ")
    say()


@app.command("assess")
def assess_command(
    input_file: Path | None = typer.Option(None, "--input", help="A JSON assessment, or JSON Lines of many."),
    text: str | None = typer.Option(None, "--text", help="Your own words about your back pain."),
    text_file: Path | None = typer.Option(None, "--text-file", help="Narratives, one per line (batch)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON, one answer per line."),
    today: str | None = typer.Option(None, "--today", help="Date to read 'since Tuesday' against (YYYY-MM-DD)."),
    verbose: bool = typer.Option(False, "--verbose", help="Also show each rule's id and level."),
    db: str | None = typer.Option(None, "--db", help="Keep the check in this diary (a SQLite file or URL)."),
) -> None:
    """Is this serious? Answers questions, reads your words, or triages a file."""
    chosen = [x for x in (input_file, text, text_file) if x is not None]
    if len(chosen) > 1:
        raise InvalidInput([Problem("input", "give only one of --input, --text or --text-file")])
    if db is not None and (input_file is not None or text_file is not None):
        # A batch keeps nothing: said, rather than leaving the person to think it was kept.
        raise InvalidInput([Problem("db", "--db keeps a check you answer here (without --input or --text-file); "
                                          "a batch keeps nothing. Use `backrelief diary check --input FILE` to keep one")])
    day = today_from(today)
    if input_file is None and text_file is None and not as_json:
        # The check will be kept: the diary is opened before the first question, so one that
        # cannot be used is said at once, not after the person has answered everything.
        from backrelief.cli.diary import open_diary

        open_diary(db).dispose()
    if input_file is not None:
        records = _records(read_text(input_file))
        if not records:
            raise InvalidInput([Problem("file", f"{input_file} is empty")])

        def structured(raw: str) -> Answered:
            result = _assess_line(raw)
            return Answered(json=_answer(result), triage=result)

        _batch(records, structured, as_json, None)
        return
    if text_file is not None:
        records = [(n, line) for n, line in enumerate(read_text(text_file).splitlines(), start=1) if line.strip()]
        if not records:
            raise InvalidInput([Problem("file", f"{text_file} is empty")])
        _batch(records, lambda raw: _narrative(raw, day), as_json, None)
        return
    if text is not None:
        if not text.strip():
            raise InvalidInput([Problem("text", "--text is empty: describe your back pain in your own words")])
        if as_json:
            typer.echo(json.dumps(_narrative(text, day).json))
            return
        _interactive_text(text, day, _console(), verbose, db)
        return
    if as_json:
        raise InvalidInput([Problem("json", "--json needs --input or --text-file (batch mode never asks questions)")])
    _interactive(day, _console(), verbose, db)


def _narrative(raw: str, day: date) -> Answered:
    from backrelief.reading import read

    reading = read(raw, day)
    result = triage(reading.assessment)
    public = {**reading.to_public(), "red_flags_unasked": list(result.red_flags_unasked)}
    return Answered(json={**_answer(result), "reading": public}, triage=result, reading=reading)


def _interactive(day: date, console: Console, verbose: bool, db: str | None) -> None:
    from backrelief.cli.questionnaire import run_questionnaire, say

    say("backrelief: is this serious?")
    say("If you are very unwell or think it is an emergency, stop and call 999, 112 or 911.")
    say()
    now, _ = run_questionnaire()
    assessment, result = now.assessment, now.triage
    console.print()
    print_and_offer_plan(assessment, result, day, console, verbose, db)


def _interactive_text(text: str, day: date, console: Console, verbose: bool, db: str | None) -> None:
    from backrelief.cli.questionnaire import run_questionnaire, say
    from backrelief.interview.state import from_reading
    from backrelief.knowledge import load_knowledge
    from backrelief.reading import read

    reading = read(text, day)
    state = from_reading(reading, {q.id for q in load_knowledge().screen})
    result = triage(state.assessment())
    if result.is_emergency:
        # The emergency comes first: what we understood follows it, never before it.
        say("What you wrote already needs help now, so we will not ask more questions.")
        say()
        console.print()
        print_and_offer_plan(state.assessment(), result, day, console, verbose, db)
        say()
        _print_understood(reading, console)
        return
    # What was understood is shown once, where the person checks it: the values at the top
    # of the first prompt (editable), each sign at its own group ("you wrote ...: we took
    # this as no"), never also as a list of its own before them.
    say("Now a few questions: first a check of what we understood, then only what your words did not answer.")
    say()
    now, _ = run_questionnaire(state)
    assessment, result = now.assessment, now.triage
    console.print()
    print_and_offer_plan(assessment, result, day, console, verbose, db)


def _keep(assessment: Assessment, result: Triage, day: date, db: str | None) -> None:
    """Keep the check in the diary (services.checks, as every way in keeps one), so
    `backrelief plan` and the report can use it."""
    from backrelief.cli.diary import open_diary
    from backrelief.services.checks import keep_check

    try:
        keep_check(open_diary(db), assessment, result, day)
    except BackreliefError as error:
        typer.echo(f"(This check could not be kept in your diary: {error})", err=True)


def print_and_offer_plan(assessment: Assessment, result: Triage, day: date, console: Console, verbose: bool = False,
                         db: str | None = None) -> None:
    from backrelief.plan import make_plan
    from backrelief.render.plan_text import print_plan
    from backrelief.render.triage_text import print_triage

    print_triage(result, console, verbose=verbose, unasked=())
    _keep(assessment, result, day, db)
    if result.is_emergency:
        return
    from backrelief.cli.questionnaire import ask_offer, say

    say()
    if ask_offer("Show your relief plan from this check?"):
        readiness = _ask_readiness(assessment)
        console.print()
        print_plan(make_plan(assessment, result, day, readiness=readiness), console)
    else:
        typer.echo("You can see it later with: backrelief plan")


def _ask_readiness(assessment: Assessment) -> dict[str, bool]:
    """The readiness check before the exercise plan: only the questions the check's answers
    do not already settle (plan.programme.readiness_to_ask, as the web's form), as one list.
    "Not sure" goes through them one by one, and a "not sure" there counts as yes: the plan
    then keeps to the gentle level until a doctor has said more is fine."""
    from backrelief.cli.questionnaire import ask_checklist, ask_yes_no, say
    from backrelief.knowledge import Question
    from backrelief.plan import load_plan_knowledge, readiness_to_ask

    to_ask = readiness_to_ask(assessment, load_plan_knowledge())
    if not to_ask:
        return {}
    say()
    say("The plan has exercises. First, a check that they are safe for you (what you told us already is "
        "not asked again).")
    for n, q in enumerate(to_ask, start=1):
        say(f"{n}. {q.text}", "  ")
    picked = ask_checklist("Are any of these true for you?", len(to_ask), "them one by one",
                           which="the ones that are true for you")
    if picked is not None:
        return {q.id: i in picked for i, q in enumerate(to_ask)}
    answers: dict[str, bool] = {}
    for item in to_ask:
        question = Question(id=item.id, asks="finding", text=item.text, red_flag=False)
        answers[item.id] = ask_yes_no(question) != "no"
    return answers


# -- evaluate ------------------------------------------------------------------------


@app.command("evaluate")
def evaluate_command(
    file: Path = typer.Argument(..., help="A vignette file (JSON Lines)."),
    mode: str = typer.Option("structured", "--mode", help="structured (the input), narrative (the words), "
                             "questions (the interview, answered from the input) or dialogue (own words, "
                             "then the interview)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    today: str | None = typer.Option(None, "--today", help="Date the narratives are read against."),
) -> None:
    """Score triage against labelled vignettes. Exits 1 if any case is under-triaged."""
    from backrelief.evaluate import parse_vignettes, score, structured_answer

    modes: dict[str, Mode] = {"structured": "structured", "narrative": "narrative", "dialogue": "dialogue",
                              "questions": "questions"}
    if mode not in modes:
        raise InvalidInput([Problem("mode", f"--mode must be structured, narrative, questions or dialogue, not "
                                            f"'{mode}'")])
    vignettes = parse_vignettes(read_text(file), file)
    day = today_from(today)
    chosen = modes[mode]
    if chosen in ("dialogue", "questions"):
        _evaluate_interview(vignettes, chosen, day, as_json)
        return

    def narrative_answer(v: Vignette) -> Level:
        from backrelief.reading import read

        if not v.narrative.strip():
            raise InvalidInput([Problem("narrative", f"vignette {v.id} has no narrative")])
        return triage(read(v.narrative, day).assessment).disposition

    result = score(vignettes, narrative_answer if chosen == "narrative" else structured_answer, chosen)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _print_score(result, _console())
    if result.under_triage or result.errors:
        raise typer.Exit(1)


def _evaluate_interview(vignettes: list[Vignette], mode: Mode, day: date, as_json: bool) -> None:
    """Each vignette as a simulated person answering the interview (docs/spec/vignettes.md)."""
    from rich.table import Table

    from backrelief.evaluate import score
    from backrelief.interview.simulate import simulate
    from backrelief.knowledge import URGENCY

    lengths: dict[str, dict[str, int]] = {}

    def answer(v: Vignette) -> Level:
        if mode == "dialogue" and not v.narrative.strip():
            raise InvalidInput([Problem("narrative", f"vignette {v.id} has no narrative")])
        run = simulate(v.input, v.narrative, "dialogue" if mode == "dialogue" else "questions", day)
        lengths[v.id] = {"pages": run.pages, "prompts": run.prompts, "answers": run.answers}
        # Scored on the less urgent of the web and terminal answers, so neither can hide
        # an under-triage.
        return min(run.disposition, run.terminal_disposition, key=lambda level: URGENCY[level])

    result = score(vignettes, answer, mode).model_copy(update={"lengths": lengths})
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        console = _console()
        _print_score(result, console)
        table = Table(title="Interview length per case")
        for column in ("case", "expected", "answered", "web pages", "terminal prompts", "single answers"):
            table.add_column(column, justify="left" if column in ("case", "expected", "answered") else "right")
        for o in result.outcomes:
            n = lengths.get(o.id, {})
            table.add_row(o.id, o.expected, o.answer or o.error, *(str(n.get(c, "-")) for c in
                                                                   ("pages", "prompts", "answers")))
        console.print(table)
    if result.under_triage or result.errors:
        raise typer.Exit(1)


def _print_score(s: Score, console: Console) -> None:
    from rich.table import Table

    console.print(f"[bold]Vignettes, {s.mode} mode[/bold]")
    console.print("\n[bold]Confusion matrix[/bold] (rows: expected, columns: answered)")
    table = Table()
    table.add_column("expected")
    for level in LEVELS:
        table.add_column(level, justify="right")
    table.add_column("recall", justify="right")
    for level in LEVELS:
        recall = s.recall[level]
        table.add_row(level, *(str(s.confusion[level][a]) for a in LEVELS),
                      "-" if recall is None else f"{100 * recall:.0f}%")
    console.print(table)
    table = Table(title="By category")
    for column in ("category", "total", "acceptable", "under", "over", "error"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category, row in s.by_category.items():
        table.add_row(category, *(str(row[c]) for c in ("total", "acceptable", "under", "over", "error")))
    console.print(table)
    for outcome in s.outcomes:
        if outcome.verdict != "acceptable":
            console.print(f"  {outcome.verdict}: {outcome.id} expected {outcome.expected}, "
                          f"answered {outcome.answer or outcome.error}")
    console.print(f"acceptable: {s.acceptable}/{s.total} ({s.acceptable_percent}%)")
    console.print(f"under-triage: {len(s.under_triage)} {' '.join(s.under_triage)}".rstrip())
    console.print(f"over-triage: {len(s.over_triage)} {' '.join(s.over_triage)}".rstrip())
    emergency = s.recall["emergency"]
    console.print("emergency recall: " + ("-" if emergency is None else f"{100 * emergency:.0f}%"))
