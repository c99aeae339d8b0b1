"""Field-level precision and recall of the reader against labelled sentences.

A labelled sentence lists every answer it should give (data/reading/labelled.jsonl);
anything else the reader finds counts against its precision. The labels were written
for a fixed day, so weekdays ("since Tuesday") resolve the same way every run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from backrelief.knowledge import load_knowledge
from backrelief.reading import read
from backrelief.values import Frozen, Strict

LABELLED_TODAY = date(2026, 11, 26)
LIST_FIELDS = ("findings", "findings_absent", "findings_unsure", "history", "history_absent", "eases", "worsens")
SCALAR_FIELDS = ("age", "sex", "pregnant", "region", "radiation", "leg_sides", "severity", "worst_severity",
                 "duration_days", "onset", "trigger", "episodes_last_year", "pregnancy_weeks")
RED_FLAGS = "red_flag_findings"


class Labelled(Strict):
    id: str
    style: str
    topic: str
    text: str
    expect: dict[str, Any]


class FieldScore(Frozen):
    field: str
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        said = self.true_positive + self.false_positive
        return self.true_positive / said if said else 1.0

    @property
    def recall(self) -> float:
        due = self.true_positive + self.false_negative
        return self.true_positive / due if due else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Miss(Frozen):
    id: str
    text: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


class Scores(Frozen):
    sentences: int
    fields: dict[str, FieldScore]
    misses: tuple[Miss, ...]

    @property
    def overall(self) -> FieldScore:
        return FieldScore(
            field="all",
            true_positive=sum(f.true_positive for k, f in self.fields.items() if k != RED_FLAGS),
            false_positive=sum(f.false_positive for k, f in self.fields.items() if k != RED_FLAGS),
            false_negative=sum(f.false_negative for k, f in self.fields.items() if k != RED_FLAGS),
        )


def read_labelled(path: Path) -> list[Labelled]:
    return [Labelled.model_validate(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _items(answer: dict[str, Any]) -> set[tuple[str, str]]:
    items: set[tuple[str, str]] = set()
    for name in LIST_FIELDS:
        items |= {(name, str(v)) for v in answer.get(name) or ()}
    for name in SCALAR_FIELDS:
        if answer.get(name) is not None:
            value = answer[name]
            items.add((name, str(value).lower() if isinstance(value, bool) else str(value)))
    return items


def score(labelled: Iterable[Labelled], today: date = LABELLED_TODAY) -> Scores:
    red = {q.id for q in load_knowledge().screen if q.red_flag and q.asks == "finding"}
    counts: dict[str, list[int]] = {name: [0, 0, 0] for name in (*LIST_FIELDS, *SCALAR_FIELDS, RED_FLAGS)}
    misses: list[Miss] = []
    total = 0
    for item in labelled:
        total += 1
        gold = _items(item.expect)
        got = _items(read(item.text, today).assessment.to_public())
        for name, _value in got & gold:
            counts[name][0] += 1
        for name, _value in got - gold:
            counts[name][1] += 1
        for name, _value in gold - got:
            counts[name][2] += 1
        for bucket, index in ((got & gold, 0), (got - gold, 1), (gold - got, 2)):
            counts[RED_FLAGS][index] += sum(1 for n, v in bucket if n == "findings" and v in red)
        if got != gold:
            misses.append(Miss(id=item.id, text=item.text,
                               missing=tuple(sorted(f"{n}={v}" for n, v in gold - got)),
                               extra=tuple(sorted(f"{n}={v}" for n, v in got - gold))))
    fields = {name: FieldScore(field=name, true_positive=c[0], false_positive=c[1], false_negative=c[2])
              for name, c in counts.items()}
    return Scores(sentences=total, fields=fields, misses=tuple(misses))


class TimeRow(Strict):
    """One time expression of the table (data/reading/time_expressions*.jsonl) and the days it
    dates, relative to LABELLED_TODAY; `age` is the writer's, for "since I was 30"."""

    text: str
    days: int
    age: int | None = None
    note: str = ""


def time_table(path: Path, today: date = LABELLED_TODAY) -> tuple[int, list[tuple[str, int, int | None]]]:
    """(rows, wrong ones as (text, wanted, read)): each row read as a whole message."""
    rows = [TimeRow.model_validate(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    wrong: list[tuple[str, int, int | None]] = []
    for row in rows:
        text = f"I am {row.age}. {row.text}" if row.age else row.text
        got = read(text, today).assessment.duration_days
        if got != row.days:
            wrong.append((row.text, row.days, got))
    return len(rows), wrong


class SeverityRow(Strict):
    """A way of saying how bad the pain is, and the range of scores it stands for."""

    text: str
    low: int
    high: int


def severity_coverage(path: Path, today: date = LABELLED_TODAY) -> tuple[int, list[str]]:
    """(rows, the ones missed): a row is covered when the reader gives a score in its range,
    or, for milder words that set no score, names a range that overlaps it."""
    rows = [SeverityRow.model_validate(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    missed: list[str] = []
    for row in rows:
        reading = read(row.text, today)
        score_ = reading.assessment.severity
        hints = [u for u in reading.understood if u.field == "severity_words" and u.low is not None]
        ok = (score_ is not None and row.low <= score_ <= row.high) or (
            score_ is None and any(u.low is not None and u.high is not None and u.low <= row.high and row.low <= u.high
                                   for u in hints))
        if not ok:
            missed.append(row.text)
    return len(rows), missed
