"""The clinic migration builds exactly the tables the code declares, and can be undone."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import backrelief.clinic.tables  # noqa: F401  (registers the clinic tables on Base)
from backrelief.storage import current_revision, downgrade, head_revision, make_engine, migrate
from backrelief.storage.tables import Base
from tests.clinic.conftest import clinic_settings

CLINIC_TABLES = {"users", "user_sessions", "login_failures", "shares", "share_invites", "audit_log", "recovery_codes",
                 "security_events"}


def test_the_migrated_database_matches_the_declared_tables(postgres_url: str, tmp_path: Path) -> None:
    engine = make_engine(clinic_settings(postgres_url, tmp_path))
    try:
        migrate(engine)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_the_clinic_migration_goes_down_and_up_again(postgres_url: str, tmp_path: Path) -> None:
    engine = make_engine(clinic_settings(postgres_url, tmp_path))
    try:
        migrate(engine)
        assert current_revision(engine) == head_revision()
        downgrade(engine, "0100_clinic-1")
        assert CLINIC_TABLES.isdisjoint(inspect(engine).get_table_names())
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= CLINIC_TABLES
    finally:
        engine.dispose()
