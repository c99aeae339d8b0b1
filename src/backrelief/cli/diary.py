"""`backrelief diary ...`, `backrelief report` and `backrelief export`.

The database is BACKRELIEF_DATABASE_URL, or a SQLite file in your data folder; `--db`
picks another (a file path or a database URL). Commands are thin: parse, call the
diary and storage code, print.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.table import Table

from backrelief.cli import app
from backrelief.cli.common import console, open_database, read_text, today_from, write_file
from backrelief.diary.dates import checked_entry, checked_update, entry_days
from backrelief.diary.parsing import (
    MEDICINE_FORMAT,
    in_words,
    parse_day,
    parse_medicine,
    parse_period,
    parse_typed_when,
    split_words,
)
from backrelief.errors import InvalidInput, Problem
from backrelief.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from backrelief.diary.models import EntryPublic, EpisodePublic
    from backrelief.diary.warning_signs import SignAlert

diary_app = typer.Typer(help="Your pain diary: add, list, edit, delete, import and export entries.",
                        no_args_is_help=True)
app.add_typer(diary_app, name="diary")

T = TypeVar("T")

DB_HELP = "The diary database: a file path or a database URL (default: BACKRELIEF_DATABASE_URL or your data folder)."


def settings_for(db: str | None) -> Settings:
    if not db:
        return Settings()
    url = db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"
    return Settings(database_url=url)


def open_diary(db: str | None, *, create: bool = True) -> Engine:
    """The diary named by `--db` (or the setting, or the data folder's). `create=False` for a
    command that only reads: a diary that is not there is said, never made empty."""
    # Storage (SQLAlchemy, Alembic) is imported there, so other commands start faster.
    return open_database(settings_for(db), create=create)


def _db(ctx: typer.Context, db: str | None) -> str | None:
    return db or (ctx.obj or {}).get("db")


@diary_app.callback()
def _diary(ctx: typer.Context, db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Your pain diary."""
    ctx.obj = {"db": db}


# -- turning options into entry data -----------------------------------------------

def _entry_data(at: datetime | None, pain: int | None, worst: int | None, flares: int | None, region: str | None,
                leg: str | None, eased: list[str] | None, worse: list[str] | None, activity: list[str] | None,
                heat: bool | None, ice: bool | None, exercise: int | None, med: list[str] | None,
                sleep: str | None, impact: str | None, symptom: list[str] | None, note: str | None,
                day: date) -> dict[str, Any]:
    data: dict[str, Any] = {
        "at": at, "pain_now": pain, "pain_worst": worst, "flares": flares, "region": region, "leg_symptoms": leg,
        "eased_by": split_words(eased), "worsened_by": split_words(worse), "activities": split_words(activity),
        "heat": heat, "ice": ice, "exercise_minutes": exercise, "sleep": sleep, "impact": impact,
        "new_findings": split_words(symptom), "notes": note,
    }
    if med is not None:
        data["medicines"] = [parse_medicine(m, day) for m in med]
    return {k: v for k, v in data.items() if v is not None}


# The option that sets each field, so a refused entry names what the person typed.
OPTION_FOR = {
    "at": "--at", "pain_now": "--pain", "pain_worst": "--worst", "flares": "--flares", "region": "--region",
    "leg_symptoms": "--leg", "eased_by": "--eased", "worsened_by": "--worse", "activities": "--activity",
    "heat": "--heat", "ice": "--ice", "exercise_minutes": "--exercise", "medicines": "--med", "sleep": "--sleep",
    "impact": "--impact", "new_findings": "--new-symptom", "notes": "--note",
    "started_on": "--on", "onset": "--onset", "trigger": "--trigger", "how": "--how",
}


def _checked(parse: Callable[[dict[str, Any]], T], data: dict[str, Any]) -> T:
    try:
        return parse(data)
    except InvalidInput as refused:
        raise InvalidInput(in_words(refused.problems, OPTION_FOR)) from None


PAIN = "Pain now, 0 (none) to 10 (worst imaginable)."
OPTS: dict[str, Any] = {
    "at": typer.Option(None, "--at", help="When: now, today, yesterday, 'yesterday 20:00', a time today ('08:30') "
                       "or a date and time ('2026-11-26 08:30'). Default: now."),
    "worst": typer.Option(None, "--worst", help="Worst pain since the last entry, 0-10."),
    "flares": typer.Option(None, "--flares", help="Flare-ups since the last entry."),
    "region": typer.Option(None, "--region", help="Where: lower, middle or upper back."),
    "leg": typer.Option(None, "--leg", help="Pain spreading: none, buttock, thigh or below_knee."),
    "eased": typer.Option(None, "--eased", help="What eased it (repeat or comma list): rest, lying_down, movement, "
                          "heat, ice, medication, massage, nothing."),
    "worse": typer.Option(None, "--worse", help="What made it worse (repeat or comma list): sitting, standing, "
                          "walking, bending, lifting, coughing_sneezing, lying_down, morning, night, "
                          "turning_in_bed."),
    "activity": typer.Option(None, "--activity", help="What you did (repeat or comma list), e.g. 'desk work'."),
    "exercise": typer.Option(None, "--exercise", help="Minutes of exercise or walking."),
    "med": typer.Option(None, "--med", help=f"A medicine taken (repeat): {MEDICINE_FORMAT}."),
    "sleep": typer.Option(None, "--sleep", help="Sleep: good, woke_with_pain, poor, no_sleep."),
    "impact": typer.Option(None, "--impact", help="Effect on work or daily life: none, a_little, some, a_lot, unable."),
    "symptom": typer.Option(None, "--new-symptom", help="A new symptom (repeat), e.g. leg_numbness, fever."),
    "note": typer.Option(None, "--note", help="A note in your own words."),
}


@diary_app.command("add")
def add_command(
    ctx: typer.Context,
    pain: int = typer.Option(..., "--pain", help=PAIN),
    at: str | None = OPTS["at"], worst: int | None = OPTS["worst"], flares: int | None = OPTS["flares"],
    region: str | None = OPTS["region"], leg: str | None = OPTS["leg"], eased: list[str] | None = OPTS["eased"],
    worse: list[str] | None = OPTS["worse"], activity: list[str] | None = OPTS["activity"],
    heat: bool = typer.Option(False, "--heat", help="You used heat."),
    ice: bool = typer.Option(False, "--ice", help="You used ice or cold."),
    exercise: int | None = OPTS["exercise"], med: list[str] | None = OPTS["med"], sleep: str | None = OPTS["sleep"],
    impact: str | None = OPTS["impact"], symptom: list[str] | None = OPTS["symptom"], note: str | None = OPTS["note"],
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a diary entry, e.g. `backrelief diary add --pain 6 --worst 8 --med ibuprofen:400@08:00 --heat`."""
    from backrelief.storage import Entries, Episodes

    when = parse_typed_when(at, datetime.now()) if at else datetime.now().replace(second=0, microsecond=0)
    data = _entry_data(when, pain, worst, flares, region, leg, eased, worse, activity, heat or None,
                       ice or None, exercise, med, sleep, impact, symptom, note, when.date())
    engine = open_diary(_db(ctx, db))
    episode = Episodes(engine).latest()
    # The terminal runs where the person is: this machine's today is theirs.
    days = entry_days(date.today(), episode)
    entry = _checked(lambda d: checked_entry(d, days), data)
    saved = Entries(engine).add(entry, None if episode is None else episode.id)
    typer.echo(f"Saved entry {saved.id}: {saved.at:%Y-%m-%d %H:%M}, pain {saved.pain_now}/10.")
    _say_note_signs(saved, symptom or [])
    _warn_after(engine, saved)


def _say_note_signs(saved: EntryPublic, given: list[str]) -> None:
    """Name the signs read from the note, so a misread one can be taken off."""
    from_note = [f for f in saved.new_findings if f not in {g.strip() for v in given for g in v.split(",")}]
    if from_note:
        from backrelief.diary.warning_signs import sign_name

        names = "; ".join(sign_name(f) for f in from_note)
        typer.echo(f"From your note: {names}, saved as new symptoms. If that is wrong: "
                   f"backrelief diary edit {saved.id} --new-symptom \"<the right ones>\" (\"\" for none)")


def _warn_after(engine: Engine, saved: EntryPublic) -> None:
    """Say at once when a day's medicines pass a limit or a new check is due."""
    from datetime import timedelta

    from backrelief.diary.insights import medicine_days, one_action, recheck_prompts
    from backrelief.diary.warning_signs import entry_alert
    from backrelief.storage import Assessments, Entries, Episodes

    day_start = datetime.combine(saved.at.date(), datetime.min.time())
    same_day = Entries(engine).list(start=day_start, end=day_start + timedelta(days=1))
    for day in medicine_days(same_day):
        if day.day == saved.at.date():
            for warning in day.warnings:
                typer.echo(f"Warning: {warning}", err=True)
    episode = Episodes(engine).latest()
    entries = Entries(engine).list(episode_id=episode.id) if episode else Entries(engine).list(
        start=saved.at - timedelta(days=90))
    latest = Assessments(engine).latest()
    checked = latest.assessment if latest else None
    # This entry's warning signs are checked at once, whatever its date: an emergency sign
    # prints the emergency instruction before anything else.
    alert = entry_alert(saved, checked)
    _say_alert(alert)
    for prompt in one_action(recheck_prompts(entries, episode, today=max(date.today(), saved.at.date()),
                                             checked=checked, review=latest.review if latest else None)):
        if prompt.kind != "new_warning_sign" or alert is None:
            if prompt.level == "emergency":
                # A sign still waiting for a check: help first, the check after.
                typer.secho(f"EMERGENCY: {prompt.message} After you have had help, check again: backrelief assess",
                            fg="red", bold=True, err=True)
                continue
            how = " Start it with: backrelief assess" if prompt.new_check else ""
            label = "URGENT" if prompt.level == "urgent" else "Check"
            typer.echo(f"{label}: {prompt.message}{how}", err=True)


def _say_alert(alert: SignAlert | None) -> None:
    """What the red-flag rules say now, at once: an emergency first, in red."""
    if alert is None:
        return
    if alert.is_emergency:
        typer.secho(f"EMERGENCY: {alert.message} {alert.emergency_help}", fg="red", bold=True)
    elif alert.needs_help:
        typer.secho(f"URGENT: {alert.message}", fg="yellow", bold=True)
    else:
        typer.echo(f"Check: {alert.message}")


START_OPTS: dict[str, Any] = {
    "onset": typer.Option(None, "--onset", help="sudden or gradual ('unsure' if you are not sure)."),
    "trigger": typer.Option(None, "--trigger", help="What set it off: lifting, sports, moving_furniture, twisting, "
                            "bending, fall, fall_from_height, road_accident, sleeping, none, other ('unsure' if not sure)."),
}
# "Not sure" of how it came on or what set it off is kept as not known, never as a guess.
NOT_SURE = "unsure"


def _start_data(on: str | None, onset: str | None, trigger: str | None, how: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {} if on is None else {"started_on": parse_day(on, "started_on", "--on")}
    for key, value in (("onset", onset), ("trigger", trigger)):
        if value is not None:
            data[key] = None if value.strip().lower() in (NOT_SURE, "not sure", "") else value
    if how is not None:
        data["how"] = how
    return data


def _said_start(episode: EpisodePublic) -> str:
    by = "you gave this day" if episode.start_given else "worked out from your check"
    how = f" In your words: {episode.how}" if episode.how else ""
    return (f"Episode {episode.id} started on {episode.started_on} ({by}); came on: {episode.onset or 'not known'}; "
            f"set off by: {(episode.trigger or 'not known').replace('_', ' ')}.{how}")


def _save_start(ctx: typer.Context, db: str | None, data: dict[str, Any], *, new_episode: bool) -> None:
    from backrelief.services.episodes import save_start

    # The terminal runs where the person is: this machine's today is theirs.
    saved = _checked(lambda d: save_start(open_diary(_db(ctx, db)), d, date.today(), new_episode=new_episode), data)
    typer.echo(("Started: " if saved.new else "Changed: ") + _said_start(saved.episode))
    _say_alert(saved.alert)


@diary_app.command("start")
def start_command(
    ctx: typer.Context,
    on: str = typer.Option(..., "--on", help="The day it started, e.g. 2026-11-20."),
    onset: str | None = START_OPTS["onset"], trigger: str | None = START_OPTS["trigger"],
    how: str = typer.Option("", "--how", help="How it started, in your own words."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Record when and how a new bout of back pain started. New entries belong to it.
    To correct the current one, use `backrelief diary how-it-started`."""
    _save_start(ctx, db, _start_data(on, onset, trigger, how), new_episode=True)


@diary_app.command("how-it-started")
def how_it_started_command(
    ctx: typer.Context,
    on: str | None = typer.Option(None, "--on", help="The day it started, e.g. 2026-11-20."),
    onset: str | None = START_OPTS["onset"], trigger: str | None = START_OPTS["trigger"],
    how: str | None = typer.Option(None, "--how", help="How it started, in your own words ('' to clear)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show how this bout started (recorded from your check), or correct it: only the
    options you give are changed. Entries cannot be dated before the day it started
    (the day you give, or the one worked out from your check)."""
    from backrelief.services.episodes import changed
    from backrelief.storage import Episodes

    given = _start_data(on, onset, trigger, how)
    current = Episodes(open_diary(_db(ctx, db), create=bool(given))).latest()
    if not given:
        typer.echo(_said_start(current) if current else
                   "No episode yet. Say how it started with: backrelief diary how-it-started --on 2026-11-20")
        return
    if current is None and "started_on" not in given:
        raise InvalidInput([Problem("started_on", "'--on' is needed for the first episode: the day it started, "
                                                  "e.g. --on 2026-11-20")])
    _save_start(ctx, db, changed(current, given), new_episode=False)


_CLI_PERIOD = ("'--from'", "'--to'")


@diary_app.command("list")
def list_command(
    ctx: typer.Context,
    start: str | None = typer.Option(None, "--from", help="First day, e.g. 2026-11-01."),
    end: str | None = typer.Option(None, "--to", help="Last day (included)."),
    last: int | None = typer.Option(None, "--last", help="Only the newest N entries."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List diary entries, oldest first."""
    from backrelief.storage import Entries

    if last is not None and last < 1:
        raise InvalidInput([Problem("last", "'--last' must be a whole number of 1 or more")])
    first, after = parse_period(start, end, _CLI_PERIOD).times()
    entries = Entries(open_diary(_db(ctx, db), create=False)).list(start=first, end=after, limit=last,
                                                                   newest_first=last is not None)
    if last is not None:
        entries.reverse()
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], indent=2))
        return
    if not entries:
        typer.echo("No diary entries yet. Add one with: backrelief diary add --pain 5")
        return
    table = Table()
    for column in ("id", "when", "pain", "worst", "flares", "medicines", "eased by", "new symptoms", "notes"):
        table.add_column(column)
    for e in entries:
        meds = ", ".join(f"{m.name} {m.dose_mg:g} mg" for m in e.medicines)
        table.add_row(str(e.id), f"{e.at:%Y-%m-%d %H:%M}", str(e.pain_now), _dash(e.pain_worst), _dash(e.flares),
                      meds, ", ".join(e.eased_by), ", ".join(f.replace("_", " ") for f in e.new_findings),
                      e.notes[:40])
    console(width=max(100, console().width)).print(table)


def _dash(value: object) -> str:
    return "-" if value is None else str(value)


@diary_app.command("edit")
def edit_command(
    ctx: typer.Context,
    entry_id: int = typer.Argument(..., help="The entry's id (see `backrelief diary list`)."),
    pain: int | None = typer.Option(None, "--pain", help=PAIN),
    at: str | None = OPTS["at"], worst: int | None = OPTS["worst"], flares: int | None = OPTS["flares"],
    region: str | None = OPTS["region"], leg: str | None = OPTS["leg"], eased: list[str] | None = OPTS["eased"],
    worse: list[str] | None = OPTS["worse"], activity: list[str] | None = OPTS["activity"],
    heat: bool | None = typer.Option(None, "--heat/--no-heat", help="You used heat (or not)."),
    ice: bool | None = typer.Option(None, "--ice/--no-ice", help="You used ice (or not)."),
    exercise: int | None = OPTS["exercise"], med: list[str] | None = OPTS["med"], sleep: str | None = OPTS["sleep"],
    impact: str | None = OPTS["impact"], symptom: list[str] | None = OPTS["symptom"], note: str | None = OPTS["note"],
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Change an entry: only the options you give are changed (--med replaces the medicines)."""
    from backrelief.storage import Entries, Episodes

    engine = open_diary(_db(ctx, db), create=False)
    entries = Entries(engine)
    current = entries.get(entry_id)
    when = parse_typed_when(at, datetime.now()) if at else None
    data = _entry_data(when, pain, worst, flares, region, leg, eased, worse, activity, heat, ice, exercise, med,
                       sleep, impact, symptom, note, (when or current.at).date())
    if not data:
        raise InvalidInput([Problem("", "nothing to change: give at least one option, e.g. --pain 4")])
    days = entry_days(date.today(), Episodes(engine).latest())
    saved = entries.update(entry_id, _checked(lambda d: checked_update(d, days, current), data))
    typer.echo(f"Changed entry {saved.id}: {saved.at:%Y-%m-%d %H:%M}, pain {saved.pain_now}/10.")
    if saved.new_findings:
        _warn_after(engine, saved)


@diary_app.command("delete")
def delete_command(
    ctx: typer.Context,
    entry_id: int = typer.Argument(..., help="The entry's id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Delete one entry."""
    from backrelief.storage import Entries

    entries = Entries(open_diary(_db(ctx, db), create=False))
    entry = entries.get(entry_id)
    if not yes and not typer.confirm(f"Delete entry {entry.id} ({entry.at:%Y-%m-%d %H:%M}, pain {entry.pain_now})?"):
        typer.echo("Kept it.")
        return
    entries.delete(entry_id)
    typer.echo(f"Deleted entry {entry_id}.")


@diary_app.command("import")
def import_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A .csv or .json file made by `backrelief diary export`."),
    fmt: str | None = typer.Option(None, "--format", help="csv or json (default: from the file name)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add the entries in a file. All are added, or none: one bad row stops the whole import."""
    from backrelief.services.exchange import import_text

    # The file first: a path that is wrong is said as what it is (missing, a folder,
    # unreadable), before its name's format is looked at or any diary is opened.
    if fmt is not None and fmt not in ("csv", "json"):
        raise InvalidInput([Problem("format", f"'--format' must be csv or json, not '{fmt}'")])
    text = read_text(file, "file", encoding="utf-8-sig")
    kind = fmt or file.suffix.lower().lstrip(".")
    if kind not in ("csv", "json"):
        raise InvalidInput([Problem("format", f"cannot tell the format of {file.name}: name it .csv or .json, "
                                              "or give --format csv|json")])
    counts = import_text(open_diary(_db(ctx, db)), text, kind)
    typer.echo(f"Imported {counts.sentence()}")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@diary_app.command("export")
def diary_export_command(
    ctx: typer.Context,
    fmt: str = typer.Option("csv", "--format", help="csv, json or fhir (FHIR R4B (4.3.0))."),
    out: Path | None = typer.Option(None, "--out", help="File to write (default: print)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write all your diary data as CSV, JSON or a FHIR R4B (4.3.0) Bundle."""
    from backrelief.services.exchange import check_export_format

    check_export_format(fmt)
    _export(open_diary(_db(ctx, db), create=False), fmt, out)


@app.command("export")
def export_command(
    fmt: str = typer.Option("csv", "--format", help="csv, json or fhir (FHIR R4B (4.3.0))."),
    out: Path | None = typer.Option(None, "--out", help="File to write (default: print)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Write all your diary data as CSV, JSON or a FHIR R4B (4.3.0) Bundle."""
    from backrelief.services.exchange import check_export_format

    check_export_format(fmt)
    _export(open_diary(db, create=False), fmt, out)


def _export(engine: Engine, fmt: str, out: Path | None) -> None:
    from backrelief.services.exchange import export_text

    text = export_text(engine, fmt, today=date.today())
    if out is None:
        sys.stdout.write(text)
        return
    write_file(out, text.encode("utf-8"))
    typer.echo(f"Wrote {out}.", err=True)


@app.command("report")
def report_command(
    fmt: str = typer.Option("pdf", "--format", help="pdf or html."),
    out: Path = typer.Option(..., "--out", help="The file to write, e.g. report.pdf."),
    start: str | None = typer.Option(None, "--from", help="First day to include."),
    end: str | None = typer.Option(None, "--to", help="Last day to include."),
    today: str | None = typer.Option(None, "--today", help="Take this day as today (default: the real today)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Make the report for your doctor: a short summary first, then charts and details."""
    from backrelief.render.report import report_html, report_pdf
    from backrelief.services.report import build_report

    if fmt not in ("pdf", "html"):
        raise InvalidInput([Problem("format", f"'--format' must be pdf or html, not '{fmt}'")])
    period = parse_period(start, end, _CLI_PERIOD)
    day = today_from(today)
    report = build_report(open_diary(db, create=False), today=day, start=period.first, end=period.last)
    write_file(out, report_pdf(report) if fmt == "pdf" else report_html(report).encode("utf-8"))
    typer.echo(f"Wrote {out}.")


@diary_app.command("check")
def check_command(
    ctx: typer.Context,
    input_file: Path = typer.Option(..., "--input", help="An assessment as JSON (see docs/spec/assessment-input.md)."),
    today: str | None = typer.Option(None, "--today", help="Take this day as today (default: the real today)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Triage an assessment, make its plan, and save both in the diary for the report."""
    from backrelief.assessment import parse_assessment
    from backrelief.services.checks import keep_check
    from backrelief.triage import triage

    try:
        data = json.loads(read_text(input_file, "input"))
    except json.JSONDecodeError:
        raise InvalidInput([Problem("input", f"{input_file} is not a JSON object")]) from None
    assessment = parse_assessment(data)
    result = triage(assessment)
    day = today_from(today)
    when = datetime.combine(day, datetime.now().time()).replace(microsecond=0) if today else None
    kept = keep_check(open_diary(_db(ctx, db)), assessment, result, day, created_at=when)
    if kept.started is not None:
        typer.echo(f"Started episode {kept.started.id} on {kept.started.started_on}.")
    saved = kept.saved
    typer.echo(f"{result.title} ({result.disposition}). Saved as check {saved.id}, knowledge {saved.knowledge_version}.")
    if result.is_emergency:
        typer.echo(result.action)
        typer.echo(result.emergency_help)
