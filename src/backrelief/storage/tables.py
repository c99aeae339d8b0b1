"""The database tables. Alembic migrations in storage/migrations create and change them.

Every personal row carries `person_id`. At home it is NULL: the one local person.
Clinic mode will add an accounts table and fill it, without rewriting these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that migrations can drop or alter them on both engines.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Every id column is INTEGER: 32-bit on PostgreSQL. An id above this cannot exist, and must be
# refused before it reaches a query (PostgreSQL would fail on it, not answer "no such row").
MAX_ROW_ID = 2**31 - 1


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class EpisodeRow(Base):
    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    started_on: Mapped[date] = mapped_column(Date)
    onset: Mapped[str | None] = mapped_column(String(20))
    trigger: Mapped[str | None] = mapped_column(String(30))
    how: Mapped[str] = mapped_column(Text, default="")
    start_given: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EntryRow(Base):
    __tablename__ = "diary_entries"
    __table_args__ = (Index("ix_diary_entries_person_at", "person_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(Integer)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id", ondelete="SET NULL"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    pain_now: Mapped[int] = mapped_column(SmallInteger)
    pain_worst: Mapped[int | None] = mapped_column(SmallInteger)
    flares: Mapped[int | None] = mapped_column(SmallInteger)
    region: Mapped[str | None] = mapped_column(String(20))
    leg_symptoms: Mapped[str | None] = mapped_column(String(20))
    eased_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    worsened_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    activities: Mapped[list[str]] = mapped_column(JSON, default=list)
    heat: Mapped[bool] = mapped_column(Boolean, default=False)
    ice: Mapped[bool] = mapped_column(Boolean, default=False)
    exercise_minutes: Mapped[int | None] = mapped_column(Integer)
    medicines: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sleep: Mapped[str | None] = mapped_column(String(20))
    impact: Mapped[str | None] = mapped_column(String(20))
    new_findings: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    knowledge_version: Mapped[str] = mapped_column(String(40))
    disposition: Mapped[str] = mapped_column(String(20))
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON)
    triage: Mapped[dict[str, Any]] = mapped_column(JSON)
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON)
