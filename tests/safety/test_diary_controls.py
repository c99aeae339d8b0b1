"""Diary import controls the hazard log relies on (HAZ-032), on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backrelief.errors import InvalidInput
from backrelief.services.exchange import export_text, import_text
from backrelief.settings import Settings
from backrelief.storage import ensure_database

GOOD = "at,pain_now\n2026-11-20T09:00:00,5\n"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = ensure_database(Settings(database_url=f"sqlite:///{tmp_path / 'diary.sqlite'}"))
    yield made
    made.dispose()


def _rows(engine: Engine) -> list[str]:
    return export_text(engine, "csv", date(2026, 11, 26)).splitlines()[1:]


def test_a_day_first_date_is_refused_rather_than_guessed_and_nothing_is_imported(engine: Engine) -> None:
    import_text(engine, GOOD, "csv")
    before = _rows(engine)
    with pytest.raises(InvalidInput) as refused:
        import_text(engine, "at,pain_now\n2026-11-21T09:00:00,4\n03/11/2026 09:00,5\n", "csv")
    assert str(refused.value).endswith("nothing was imported")
    assert "row 2 (line 3): 'at' must be a date and time like" in str(refused.value)
    assert _rows(engine) == before
