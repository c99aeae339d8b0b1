"""The same migrations build, remove and rebuild the tables on both engines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect

from backrelief.diary.models import EntryCreate
from backrelief.settings import Settings
from backrelief.storage import Entries, current_revision, downgrade, head_revision, make_engine, migrate

TABLES = {"episodes", "diary_entries", "assessments"}


def test_upgrade_from_empty_then_downgrade_then_upgrade_again(database_url: str) -> None:
    engine = make_engine(Settings(database_url=database_url))
    try:
        assert current_revision(engine) is None
        migrate(engine)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= TABLES
        downgrade(engine, "base")
        assert TABLES.isdisjoint(inspect(engine).get_table_names())
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        saved = Entries(engine).add(EntryCreate(at=datetime(2026, 11, 3, 9), pain_now=5))
        assert Entries(engine).get(saved.id).pain_now == 5
    finally:
        engine.dispose()


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(Settings(database_url=database_url))
    try:
        migrate(engine)
        Entries(engine).add(EntryCreate(at=datetime(2026, 11, 3, 9), pain_now=5))
        migrate(engine)
        assert Entries(engine).count() == 1
    finally:
        engine.dispose()


def test_the_default_sqlite_diary_is_created_in_the_data_folder_in_wal_mode(tmp_path: Path) -> None:


    folder = tmp_path / "nested" / "data"
    settings = Settings(data_dir=folder, database_url="")
    engine = make_engine(settings)
    try:
        migrate(engine)
        assert (folder / "backrelief.sqlite").exists()
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    finally:
        engine.dispose()
