"""Export and import of all diary data: CSV (entries) and JSON (episodes, entries,
saved assessments). FHIR export lives in render/fhir.py.

Import is all or nothing: every row is checked first, and the first problems found are
reported by row and field; only a file with no problem is saved, in one transaction.
Nothing already saved is changed by an import: it only adds. It is idempotent: an entry
already in the diary (the same time and the same values), an episode with the same start
and a check with the same time and answer are skipped, so importing a file twice adds
nothing the second time. `preview_import` says what would be added before anything is.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from backrelief.diary.models import AssessmentRecord, EntryCreate, EntryFields, EpisodeCreate
from backrelief.diary.parsing import FIELD_HELP, parse_medicine, parse_when, problems_from
from backrelief.errors import InvalidInput, Problem
from backrelief.storage.repositories import Assessments, Entries, Episodes, save_import
from backrelief.values import Frozen

FORMAT = "backrelief-diary"
VERSION = 1
MAX_PROBLEMS = 10
CSV_COLUMNS = ("at", "pain_now", "pain_worst", "flares", "region", "leg_symptoms", "eased_by", "worsened_by",
               "activities", "heat", "ice", "exercise_minutes", "medicines", "sleep", "impact", "new_findings", "notes")
_LISTS = {"eased_by", "worsened_by", "activities", "new_findings"}
_BOOLS = {"heat", "ice"}
_INTS = {"pain_now", "pain_worst", "flares", "exercise_minutes"}


class ImportCounts(Frozen):
    episodes: int
    entries: int
    assessments: int
    # Already in the diary (or twice in the file): skipped.
    skipped_episodes: int = 0
    skipped_entries: int = 0
    skipped_assessments: int = 0

    @property
    def added_nothing(self) -> bool:
        return self.episodes == self.entries == self.assessments == 0

    def sentence(self) -> str:
        def n(k: int, one: str, many: str) -> str:
            return f"{k} {one if k == 1 else many}"

        text = (f"{n(self.entries, 'new entry', 'new entries')}, {n(self.episodes, 'new episode', 'new episodes')}, "
                f"{n(self.assessments, 'new check', 'new checks')}")
        skipped = self.skipped_entries + self.skipped_episodes + self.skipped_assessments
        if skipped:
            text += (f"; already in your diary: {n(self.skipped_entries, 'entry', 'entries')}, "
                     f"{n(self.skipped_episodes, 'episode', 'episodes')}, {n(self.skipped_assessments, 'check', 'checks')}")
        return text + "."


def _entry_key(entry: EntryFields) -> str:
    """An entry's time and every value, as one comparable text (ids left out)."""
    return json.dumps(EntryFields.model_validate(entry.model_dump(include=set(EntryFields.model_fields)))
                      .model_dump(mode="json"), sort_keys=True)


def _episode_key(e: EpisodeCreate) -> tuple[str, str, str, str]:
    return (e.started_on.isoformat(), e.onset or "", e.trigger or "", e.how)


# -- export ----------------------------------------------------------------------------

def _medicine_text(entry: EntryFields) -> str:
    return "; ".join(f"{m.name}:{m.dose_mg:g}" + (f"@{m.taken_at:%Y-%m-%dT%H:%M}" if m.taken_at else "")
                     for m in entry.medicines)


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): a note typed as
# '=HYPERLINK(...)' must open as text. The quote is taken off again on import.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _from_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def entries_csv(entries: list[EntryFields]) -> str:
    """One row per entry; lists joined with ';'; medicines as name:mg@time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        row: list[str] = []
        for column in CSV_COLUMNS:
            value = getattr(e, column)
            if column == "at":
                row.append(f"{value:%Y-%m-%d %H:%M}")
            elif column == "medicines":
                row.append(_medicine_text(e))
            elif column in _LISTS:
                row.append("; ".join(value))
            elif column in _BOOLS:
                row.append("yes" if value else "no")
            else:
                row.append("" if value is None else str(value))
        writer.writerow([_as_text(cell) for cell in row])
    return out.getvalue()


def diary_json(engine: Engine, today: date, person_id: int | None = None) -> dict[str, Any]:
    entries = Entries(engine, person_id).list()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_on": today.isoformat(),
        "episodes": [e.model_dump(mode="json") for e in Episodes(engine, person_id).list()],
        "entries": [{**e.model_dump(mode="json", exclude={"id"})} for e in entries],
        "assessments": [a.model_dump(mode="json", exclude={"id"}) for a in Assessments(engine, person_id).list()],
    }


EXPORT_FORMATS = ("csv", "json", "fhir")


def check_export_format(fmt: str) -> None:
    """Refuse a format there is no export for, before any diary is opened."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput([Problem("format", f"'--format' must be csv, json or fhir, not '{fmt}'")])


def export_text(engine: Engine, fmt: str, today: date, person_id: int | None = None,
                patient_name: str | None = None) -> str:
    """The diary as CSV, JSON or FHIR R4B (4.3.0); `patient_name` (a clinic account's) names the FHIR Patient."""
    if fmt == "csv":
        return entries_csv(list(Entries(engine, person_id).list()))
    if fmt == "json":
        return json.dumps(diary_json(engine, today, person_id), indent=2, ensure_ascii=False) + "\n"
    if fmt == "fhir":
        # Imported here: fhir.resources takes a while to load and only this export needs it.
        from backrelief.render.fhir import diary_bundle

        bundle = diary_bundle(Entries(engine, person_id).list(), Assessments(engine, person_id).list(), today,
                              patient_name=patient_name, episode=Episodes(engine, person_id).latest(),
                              person="local" if person_id is None else person_id)
        return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    check_export_format(fmt)
    raise AssertionError(fmt)  # every format checked there is written above


# -- import ----------------------------------------------------------------------------

def _problems_in(where: str, error: ValidationError) -> list[Problem]:
    return [Problem(f"{where}: {p.field}", f"{where}: {p.message}") for p in problems_from(error)]


def _csv_value(column: str, text: str) -> Any:
    text = _from_text(text.strip())
    if text == "":
        return [] if column in _LISTS else None
    if column in _LISTS:
        return [part.strip() for part in text.split(";") if part.strip()]
    if column in _BOOLS:
        lowered = text.lower()
        if lowered in ("yes", "true", "1"):
            return True
        if lowered in ("no", "false", "0"):
            return False
        return text  # let validation name the field
    if column in _INTS:
        try:
            return int(text)
        except ValueError:
            return text
    return text


def _csv_medicines(text: str, day: date) -> list[dict[str, Any]]:
    return [parse_medicine(part, day) for part in text.split(";") if part.strip()]


def read_csv(text: str) -> list[EntryCreate]:
    """Entries from CSV text, or InvalidInput naming each bad row and field."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if "at" not in header or "pain_now" not in header:
        raise InvalidInput([Problem("header", "the first line must name the columns, with at least 'at' and "
                                    f"'pain_now'; the columns we read are: {', '.join(CSV_COLUMNS)}")])
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise InvalidInput([Problem("header", f"unknown column(s): {', '.join(unknown)}; "
                                    f"the columns we read are: {', '.join(CSV_COLUMNS)}")])
    entries: list[EntryCreate] = []
    problems: list[Problem] = []
    for number, row in enumerate(reader, start=1):
        where = f"row {number} (line {reader.line_num})"
        if None in row:
            problems.append(Problem(f"{where}: ", f"{where}: has more values than there are columns"))
            continue
        values = {k: _csv_value(k, v or "") for k, v in row.items() if k != "medicines"}
        data = {k: v for k, v in values.items() if v is not None}  # empty cells take the defaults
        try:
            at = parse_when(str(data.get("at") or ""))
        except InvalidInput:
            problems.append(Problem(f"{where}: at", f"{where}: 'at' must be {FIELD_HELP['at']}"))
            continue
        try:
            data["medicines"] = _csv_medicines(row.get("medicines") or "", at.date())
            entries.append(EntryCreate.model_validate(data))
        except ValidationError as error:
            problems.extend(_problems_in(where, error))
        except InvalidInput as error:
            problems.extend(Problem(f"{where}: medicines", f"{where}: {p.message}") for p in error.problems)
    _refuse(problems)
    return entries


def _refuse(problems: list[Problem]) -> None:
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f" (and {more} more)" if more else ""
        raise InvalidInput([*shown, Problem("", f"nothing was imported{tail}")])


class _EpisodeIn(EpisodeCreate):
    id: int
    ended_on: date | None = None


class _EntryIn(EntryCreate):
    episode_id: int | None = None


def read_json(text: str) -> tuple[list[_EpisodeIn], list[_EntryIn], list[AssessmentRecord]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput([Problem("file", f"not valid JSON (line {error.lineno}): {error.msg}; "
                                    "nothing was imported")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput([Problem("format", f"this is not a backrelief diary file (its 'format' must be '{FORMAT}')")])
    if data.get("version") != VERSION:
        raise InvalidInput([Problem("version", f"diary file version {data.get('version')!r} is not one we read "
                                    f"(we read version {VERSION})")])
    problems: list[Problem] = []
    episodes = _read_list(data, "episodes", _EpisodeIn, problems)
    entries = _read_list(data, "entries", _EntryIn, problems)
    assessments = _read_list(data, "assessments", AssessmentRecord, problems)
    known = {e.id for e in episodes}
    for kind, items in (("entries", entries), ("assessments", assessments)):
        for number, item in enumerate(items, start=1):
            if item is not None and item.episode_id is not None and item.episode_id not in known:
                problems.append(Problem(f"{kind} {number}: episode_id", f"{kind} item {number}: 'episode_id' "
                                        f"{item.episode_id} is not one of the episodes in this file"))
    _refuse(problems)
    return ([e for e in episodes if e], [e for e in entries if e], [a for a in assessments if a])


def _read_list(data: dict[str, Any], key: str, model: type[Any], problems: list[Problem]) -> list[Any]:
    items = data.get(key, [])
    if not isinstance(items, list):
        problems.append(Problem(key, f"'{key}' must be a list"))
        return []
    read: list[Any] = []
    for number, item in enumerate(items, start=1):
        try:
            read.append(model.model_validate(item))
        except ValidationError as error:
            read.append(None)
            problems.extend(_problems_in(f"{key} item {number}", error))
    return read


def _plan(engine: Engine, text: str, fmt: str, person_id: int | None) -> tuple[ImportCounts, Any]:
    """What the file would add and what is already there (or twice in the file), and the
    rows to write."""
    have_entries = {_entry_key(e) for e in Entries(engine, person_id).list()}

    def fresh(entry: EntryCreate) -> bool:
        key = _entry_key(entry)
        if key in have_entries:
            return False
        have_entries.add(key)
        return True

    if fmt == "csv":
        parsed = read_csv(text)
        new = [e for e in parsed if fresh(e)]
        return ImportCounts(episodes=0, entries=len(new), assessments=0, skipped_entries=len(parsed) - len(new)), new
    if fmt != "json":
        raise InvalidInput([Problem("format", f"'--format' must be csv or json, not '{fmt}'")])
    episodes, rows, assessments = read_json(text)
    # An episode already in the diary is used, not added again; a second copy in the file
    # stands for the first one.
    stored = {_episode_key(e): e.id for e in Episodes(engine, person_id).list()}
    first_in_file: dict[tuple[str, str, str, str], int] = {}
    existing: dict[int, int] = {}
    alias: dict[int, int] = {}
    new_episodes: list[tuple[int, EpisodeCreate, date | None]] = []
    for e in episodes:
        plain = EpisodeCreate(started_on=e.started_on, onset=e.onset, trigger=e.trigger, how=e.how,
                              start_given=e.start_given)
        key = _episode_key(plain)
        if key in stored:
            existing[e.id] = stored[key]
        elif key in first_in_file:
            alias[e.id] = first_in_file[key]
        else:
            first_in_file[key] = e.id
            new_episodes.append((e.id, plain, e.ended_on))
    new_rows = [(alias.get(r.episode_id, r.episode_id) if r.episode_id is not None else None, entry)
                for r in rows if fresh(entry := EntryCreate.model_validate(r.model_dump(exclude={"episode_id"})))]
    have_checks = {(a.created_at.isoformat(), a.disposition, a.knowledge_version)
                   for a in Assessments(engine, person_id).list()}
    new_checks: list[AssessmentRecord] = []
    for a in assessments:
        key3 = (a.created_at.isoformat(), a.disposition, a.knowledge_version)
        if key3 not in have_checks:
            have_checks.add(key3)
            ref = alias.get(a.episode_id, a.episode_id) if a.episode_id is not None else None
            new_checks.append(a.model_copy(update={"episode_id": ref}))
    counts = ImportCounts(
        episodes=len(new_episodes), entries=len(new_rows), assessments=len(new_checks),
        skipped_episodes=len(episodes) - len(new_episodes), skipped_entries=len(rows) - len(new_rows),
        skipped_assessments=len(assessments) - len(new_checks))
    return counts, (new_episodes, existing, new_rows, new_checks)


def preview_import(engine: Engine, text: str, fmt: str, person_id: int | None = None) -> ImportCounts:
    """What importing this file would add, and what is already there. Writes nothing."""
    return _plan(engine, text, fmt, person_id)[0]


def import_text(engine: Engine, text: str, fmt: str, person_id: int | None = None) -> ImportCounts:
    """Add everything in the file that is not already in the diary, or nothing."""
    counts, rows = _plan(engine, text, fmt, person_id)
    if fmt == "csv":
        if rows:
            latest = Episodes(engine, person_id).latest()
            Entries(engine, person_id).add_many(rows, None if latest is None else latest.id)
        return counts
    episodes, existing, entries, assessments = rows
    if episodes or entries or assessments:
        save_import(engine, person_id, episodes=episodes, entries=entries, assessments=assessments,
                    existing_episodes=existing)
    return counts
