"""A migrated database on each engine (SQLite file, throwaway PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from backrelief.settings import Settings
from backrelief.storage import ensure_database


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = ensure_database(Settings(database_url=database_url))
    yield made
    made.dispose()
