"""Repositories: the diary's episodes, entries and saved assessments, one person's view.

Each repository is bound to an engine and a person (None: the one local person at
home). Every method is one transaction; a method that writes several rows either
writes them all or none.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Engine, Text, cast, delete, func, select
from sqlalchemy.orm import Session

from backrelief.diary.models import (
    AssessmentRecord,
    EntryCreate,
    EntryPublic,
    EntryUpdate,
    EpisodeCreate,
    EpisodePublic,
    Medicine,
    SavedAssessment,
)
from backrelief.diary.parsing import validated
from backrelief.errors import NotFound
from backrelief.storage.engine import Store, reading, writing
from backrelief.storage.tables import MAX_ROW_ID, AssessmentRow, EntryRow, EpisodeRow

_Row = TypeVar("_Row", AssessmentRow, EntryRow, EpisodeRow)
_Kept = TypeVar("_Kept", AssessmentRow, EpisodeRow)
_Public = TypeVar("_Public", EpisodePublic, SavedAssessment)

_LIST_FIELDS = ("eased_by", "worsened_by", "activities", "new_findings")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class _Repository(Store):
    def __init__(self, engine: Engine, person_id: int | None = None) -> None:
        self.engine = engine
        self.person_id = person_id

    def _mine(self, column: Any) -> ColumnElement[bool]:
        return column.is_(None) if self.person_id is None else column == self.person_id  # type: ignore[no-any-return]

    def _owned(self, session: Session, table: type[_Row], row_id: int, what: str) -> _Row:
        """The row with this id if it is this person's; NotFound names `what` otherwise."""
        # An id the column cannot hold cannot exist (and PostgreSQL or SQLite would fail on it).
        row = session.get(table, row_id) if 1 <= row_id <= MAX_ROW_ID else None
        if row is None or row.person_id != self.person_id:
            raise NotFound(f"there is no {what} {row_id}")
        return row



class _Dated(_Repository, Generic[_Kept, _Public]):
    """Rows kept in date order (episodes, saved assessments): one, the newest, all."""

    table: type[_Kept]
    what: str
    # The columns that order the rows, oldest first (the id breaks a tie).
    order: tuple[str, ...]

    def __init_subclass__(cls, *, table: type[_Kept], what: str, order: tuple[str, ...], **rest: Any) -> None:
        super().__init_subclass__(**rest)
        cls.table, cls.what, cls.order = table, what, order

    def _public(self, row: _Kept) -> _Public:
        raise NotImplementedError

    def get(self, row_id: int) -> _Public:
        with self._read() as session:
            return self._public(self._owned(session, self.table, row_id, self.what))

    def latest(self) -> _Public | None:
        newest_first = [getattr(self.table, name).desc() for name in self.order]
        with self._read() as session:
            row = session.scalars(self._mine_all().order_by(*newest_first).limit(1)).first()
            return None if row is None else self._public(row)

    def list(self) -> list[_Public]:
        oldest_first = [getattr(self.table, name) for name in self.order]
        with self._read() as session:
            return [self._public(r) for r in session.scalars(self._mine_all().order_by(*oldest_first))]

    def _mine_all(self) -> Any:
        return select(self.table).where(self._mine(self.table.person_id))


# -- episodes ---------------------------------------------------------------------

class Episodes(_Dated[EpisodeRow, EpisodePublic], table=EpisodeRow, what="episode", order=("started_on", "id")):
    def _public(self, row: EpisodeRow) -> EpisodePublic:
        return EpisodePublic.model_validate({"id": row.id, "started_on": row.started_on, "onset": row.onset,
                                             "trigger": row.trigger, "how": row.how, "start_given": row.start_given,
                                             "ended_on": row.ended_on})

    def start(self, episode: EpisodeCreate) -> EpisodePublic:
        with self._write() as session, session.begin():
            row = EpisodeRow(person_id=self.person_id, created_at=_now(), **episode.model_dump())
            session.add(row)
            session.flush()
            return self._public(row)

    def change(self, episode_id: int, episode: EpisodeCreate) -> EpisodePublic:
        """How an episode started, given again (its end, if any, is kept)."""
        with self._write() as session, session.begin():
            row = self._owned(session, EpisodeRow, episode_id, "episode")
            for key, value in episode.model_dump().items():
                setattr(row, key, value)
            return self._public(row)

    def end(self, episode_id: int, ended_on: date) -> EpisodePublic:
        with self._write() as session, session.begin():
            row = self._owned(session, EpisodeRow, episode_id, "episode")
            row.ended_on = ended_on
            return self._public(row)


# -- entries ----------------------------------------------------------------------

def _entry_values(entry: EntryCreate) -> dict[str, Any]:
    values = entry.model_dump(mode="python")
    for key in _LIST_FIELDS:
        values[key] = list(values[key])
    values["medicines"] = [m.model_dump(mode="json") for m in entry.medicines]
    return values


def _medicine(saved: dict[str, Any]) -> Medicine:
    # Rows were validated on the way in; rebuilding them without validation keeps a
    # 10,000-entry listing fast.
    taken_at = saved.get("taken_at")
    return Medicine.model_construct(name=saved["name"], dose_mg=saved["dose_mg"],
                                    taken_at=datetime.fromisoformat(taken_at) if taken_at else None)


def _entry(row: EntryRow) -> EntryPublic:
    medicines = tuple(_medicine(m) for m in row.medicines)
    fields: dict[str, Any] = {
        "id": row.id, "episode_id": row.episode_id, "at": row.at, "pain_now": row.pain_now,
        "pain_worst": row.pain_worst, "flares": row.flares, "region": row.region, "leg_symptoms": row.leg_symptoms,
        "eased_by": tuple(row.eased_by), "worsened_by": tuple(row.worsened_by), "activities": tuple(row.activities),
        "heat": row.heat, "ice": row.ice, "exercise_minutes": row.exercise_minutes, "medicines": medicines,
        "sleep": row.sleep, "impact": row.impact, "new_findings": tuple(row.new_findings), "notes": row.notes,
    }
    return EntryPublic.model_construct(**fields)


_JSON_COLUMNS = ("eased_by", "worsened_by", "activities", "new_findings", "medicines")
# The listing reads the JSON columns as text (the same on SQLite and PostgreSQL) and
# decodes each distinct value once: a diary repeats the same few lists all the time.
_LISTING = [c if c.name not in _JSON_COLUMNS else cast(c, Text).label(c.name)
            for c in EntryRow.__table__.columns if c.name not in ("person_id", "created_at", "updated_at")]


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def _medicines(text: str) -> tuple[Medicine, ...]:
    return () if text == "[]" else tuple(_medicine(m) for m in json.loads(text))


_LISTING_NAMES = tuple(c.name for c in _LISTING)
_ALL_SET = frozenset(EntryPublic.model_fields)
_SHARED_SET = set(_ALL_SET)
assert set(_LISTING_NAMES) == _ALL_SET, "the listing must read every field of EntryPublic"


def _listed(row: Any) -> EntryPublic:
    # What model_construct does, without its per-field bookkeeping: the row was
    # validated when it was saved, and every field is present. 4x faster on 10,000 rows.
    fields: dict[str, Any] = dict(zip(_LISTING_NAMES, row))  # noqa: B905 (same length by construction)
    for key in _LIST_FIELDS:
        fields[key] = _words(fields[key])
    fields["medicines"] = _medicines(fields["medicines"])
    entry = EntryPublic.__new__(EntryPublic)
    object.__setattr__(entry, "__dict__", fields)
    # One shared set: EntryPublic is frozen, so nothing adds to it (model_copy copies it first).
    object.__setattr__(entry, "__pydantic_fields_set__", _SHARED_SET)
    object.__setattr__(entry, "__pydantic_extra__", None)
    object.__setattr__(entry, "__pydantic_private__", None)
    return entry


class Entries(_Repository):
    def add(self, entry: EntryCreate, episode_id: int | None = None) -> EntryPublic:
        return self.add_many([entry], episode_id)[0]

    def add_many(self, entries: Sequence[EntryCreate], episode_id: int | None = None) -> list[EntryPublic]:
        """Save all the entries in one transaction: all are saved, or none."""
        with self._write() as session, session.begin():
            if episode_id is not None:
                self._owned(session, EpisodeRow, episode_id, "episode")
            now = _now()
            rows = [EntryRow(person_id=self.person_id, episode_id=episode_id, created_at=now, updated_at=now,
                             **_entry_values(e)) for e in entries]
            session.add_all(rows)
            session.flush()
            return [_entry(r) for r in rows]

    def _row(self, session: Session, entry_id: int) -> EntryRow:
        return self._owned(session, EntryRow, entry_id, "diary entry")

    def get(self, entry_id: int) -> EntryPublic:
        with self._read() as session:
            return _entry(self._row(session, entry_id))

    def list(self, start: datetime | None = None, end: datetime | None = None,
             episode_id: int | None = None, limit: int | None = None, newest_first: bool = False) -> list[EntryPublic]:
        """Entries in time order; `start` inclusive, `end` exclusive."""
        query = select(*_LISTING).where(self._mine(EntryRow.person_id))
        if start is not None:
            query = query.where(EntryRow.at >= start)
        if end is not None:
            query = query.where(EntryRow.at < end)
        if episode_id is not None:
            query = query.where(EntryRow.episode_id == episode_id)
        order = (EntryRow.at.desc(), EntryRow.id.desc()) if newest_first else (EntryRow.at, EntryRow.id)
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        # Building thousands of small objects at once sets off full garbage collections
        # that scan everything the process holds, and find nothing to free here; pausing
        # the collector while reading halves the time of a 10,000-entry listing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with reading(self.engine).connect() as connection:
                rows = connection.execute(query).all()
            return [_listed(r) for r in rows]
        finally:
            if collecting:
                gc.enable()

    def count(self) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(EntryRow).where(self._mine(EntryRow.person_id))) or 0

    def update(self, entry_id: int, change: EntryUpdate) -> EntryPublic:
        """Change the fields given; the result is validated as a whole before saving."""
        with self._write() as session, session.begin():
            row = self._row(session, entry_id)
            current = _entry(row).model_dump(exclude={"id", "episode_id"})
            merged = validated(EntryCreate, {**current, **change.changes()})
            for key, value in _entry_values(merged).items():
                setattr(row, key, value)
            row.updated_at = _now()
            session.flush()
            return _entry(row)

    def delete(self, entry_id: int) -> None:
        with self._write() as session, session.begin():
            session.delete(self._row(session, entry_id))

    def delete_all(self) -> int:
        with self._write() as session, session.begin():
            result = session.execute(delete(EntryRow).where(self._mine(EntryRow.person_id)))
            return int(result.rowcount)  # type: ignore[attr-defined]


# -- saved assessments ------------------------------------------------------------

class Assessments(_Dated[AssessmentRow, SavedAssessment], table=AssessmentRow, what="saved assessment",
                  order=("created_at", "id")):
    def _public(self, row: AssessmentRow) -> SavedAssessment:
        return SavedAssessment(id=row.id, episode_id=row.episode_id, created_at=row.created_at,
                               knowledge_version=row.knowledge_version, disposition=row.disposition,
                               assessment=row.assessment, triage=row.triage, plan=row.plan)

    def save(self, record: AssessmentRecord) -> SavedAssessment:
        """Keep what the person said and what backrelief answered, with its knowledge version."""
        if not record.knowledge_version:
            raise ValueError("a check to save must carry its knowledge_version")
        with self._write() as session, session.begin():
            row = _assessment_row(self.person_id, record, record.episode_id)
            session.add(row)
            session.flush()
            return self._public(row)


def _assessment_row(person_id: int | None, record: AssessmentRecord, episode_id: int | None) -> AssessmentRow:
    # The one way a kept check becomes a row (a new check, an import): its parts go to the
    # JSON columns as JSON, every saved key with them.
    return AssessmentRow(person_id=person_id, episode_id=episode_id, created_at=record.created_at,
                         knowledge_version=record.knowledge_version, disposition=record.disposition,
                         assessment=record.assessment.answers(), triage=record.triage.model_dump(mode="json"),
                         plan=None if record.plan is None else record.plan.model_dump(mode="json"))


# -- import ---------------------------------------------------------------------------

def save_import(engine: Engine, person_id: int | None,
                episodes: Sequence[tuple[int, EpisodeCreate, date | None]],
                entries: Sequence[tuple[int | None, EntryCreate]],
                assessments: Sequence[AssessmentRecord],
                existing_episodes: Mapping[int, int] | None = None) -> None:
    """Add a whole diary file in one transaction. Episode ids in the file are the file's
    own; they are mapped to the new rows' ids, or by `existing_episodes` to episodes
    already in the diary."""
    with Session(writing(engine), expire_on_commit=False) as session, session.begin():
        now = _now()
        new_ids: dict[int, int] = dict(existing_episodes or {})
        for file_id, episode, ended_on in episodes:
            row = EpisodeRow(person_id=person_id, created_at=now, ended_on=ended_on, **episode.model_dump())
            session.add(row)
            session.flush()
            new_ids[file_id] = row.id
        session.add_all(
            EntryRow(person_id=person_id, episode_id=None if ref is None else new_ids[ref], created_at=now,
                     updated_at=now, **_entry_values(entry))
            for ref, entry in entries
        )
        session.add_all(_assessment_row(person_id, a, new_ids.get(a.episode_id or -1)) for a in assessments)
