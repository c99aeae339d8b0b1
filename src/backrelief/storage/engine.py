"""Making the engine, and creating or upgrading the database on first use.

SQLite runs in WAL mode with a busy timeout, so the web app and the command line (or
two command lines) can write to the same diary at once: one waits for the other
instead of failing. Write transactions on SQLite start with BEGIN IMMEDIATE (see
`writing`), so a writer never has to upgrade a read lock, which SQLite would refuse
at once instead of waiting.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url

from backrelief.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 15000
_WRITE = "backrelief_write"
_MIGRATION_LOCK = 6_2026_1126  # any fixed number: the advisory lock's key


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database. Creates the SQLite file's folder if needed."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the driver's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so). SQLite does not wait on its busy timeout
    for this switch, so two processes opening a new diary at the same moment could get
    "database is locked": retry for as long as the busy timeout allows."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writing(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite takes the write lock at BEGIN."""
    return engine.execution_options(**{_WRITE: True})


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision` (the newest by default).

    Several app processes may start at once. SQLite's BEGIN IMMEDIATE and, on
    PostgreSQL, a transaction-scoped advisory lock make them upgrade one after another.
    """
    with writing(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with writing(engine).begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def head_revision() -> str | None:
    """The newest migration shipped with this version of backrelief."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def ensure_database(settings: Settings) -> Engine:
    """The engine, with the database created and upgraded to the newest tables."""
    engine = make_engine(settings)
    migrate(engine)
    return engine
