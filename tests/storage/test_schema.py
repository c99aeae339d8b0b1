"""The migrations build exactly the schema the code declares: every table, column, key,
index and constraint, with the same names. A migration tidied up must leave it so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, inspect

import backrelief.clinic.tables  # noqa: F401  (registers the clinic tables on Base)
from backrelief.settings import Settings
from backrelief.storage import make_engine, migrate
from backrelief.storage.tables import Base


def _schema(engine: Engine) -> dict[str, dict[str, Any]]:
    found = inspect(engine)
    schema: dict[str, dict[str, Any]] = {}
    for table in sorted(set(found.get_table_names()) - {"alembic_version"}):
        pk = found.get_pk_constraint(table)
        schema[table] = {
            "columns": {c["name"]: (str(c["type"]), c["nullable"]) for c in found.get_columns(table)},
            "primary key": (pk["name"], tuple(pk["constrained_columns"])),
            "foreign keys": sorted((f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                                    tuple(f["referred_columns"]), f["options"].get("ondelete"))
                                   for f in found.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in found.get_indexes(table)),
            "unique": sorted((u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints(table)),
        }
    return schema


def test_the_migrated_sqlite_diary_has_exactly_the_declared_tables_keys_and_indexes(tmp_path: Path) -> None:
    migrated = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'migrated.sqlite'}"))
    declared = create_engine(f"sqlite:///{tmp_path / 'declared.sqlite'}")
    try:
        migrate(migrated)
        Base.metadata.create_all(declared)
        assert _schema(migrated) == _schema(declared)
        assert {"episodes", "diary_entries", "assessments", "users", "shares"} <= set(_schema(migrated))
    finally:
        migrated.dispose()
        declared.dispose()
