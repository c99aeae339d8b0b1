"""Storage: SQLAlchemy tables, repositories and Alembic migrations (SQLite or PostgreSQL)."""

from backrelief.storage.engine import (
    Store,
    current_revision,
    downgrade,
    ensure_database,
    head_revision,
    make_engine,
    migrate,
    reading,
    writing,
)
from backrelief.storage.repositories import Assessments, Entries, Episodes

__all__ = [
    "Assessments",
    "Entries",
    "Episodes",
    "Store",
    "current_revision",
    "downgrade",
    "ensure_database",
    "head_revision",
    "make_engine",
    "migrate",
    "reading",
    "writing",
]
