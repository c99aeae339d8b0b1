"""Making the engine, and creating or upgrading the database on first use.

SQLite runs in WAL mode with a busy timeout, so the web app and the command line (or
two command lines) can write to the same diary at once: one waits for the other
instead of failing. Write transactions on SQLite start with BEGIN IMMEDIATE (see
`writing`), so a writer never has to upgrade a read lock, which SQLite would refuse
at once instead of waiting.
"""

from __future__ import annotations

import re
import sqlite3
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backrelief.settings import Settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 15000
_WRITE = "backrelief_write"
_MIGRATION_LOCK = 6_2026_1126  # any fixed number: the advisory lock's key


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database. Creates the SQLite file's folder if needed."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        # A pool as large as the work a process does at once: a smaller one keeps opening and
        # closing "overflow" connections under load, each a new PostgreSQL backend.
        connect_args: dict[str, Any] = {} if settings.db_prepared_statements else {"prepare_threshold": None}
        # READ COMMITTED whatever the server's default_transaction_isolation says: the login
        # throttle takes a lock and then counts, and must see what the last holder of the lock
        # wrote (under REPEATABLE READ the snapshot is older than the lock, and 24 of 30 tries
        # sent at once got through a limit of 10; under SERIALIZABLE they failed). psycopg sends
        # it in the BEGIN itself, so it costs no round trip and suits PgBouncer.
        return create_engine(url, pool_pre_ping=True, pool_size=settings.db_pool_size,
                             max_overflow=settings.db_max_overflow, connect_args=connect_args,
                             isolation_level="READ COMMITTED")
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


def reading(engine: Engine) -> Engine:
    """The same engine, for reads that need no transaction: on PostgreSQL each statement
    then runs on its own (autocommit), which saves the BEGIN and ROLLBACK round trips; every
    statement already sees its own snapshot at READ COMMITTED, so nothing read changes.
    SQLite is left as it is (its BEGIN costs no round trip)."""
    if engine.dialect.name != "postgresql":
        return engine
    found = _READING.get(engine)
    if found is None:
        found = _READING[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return found


_READING: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def writing(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite takes the write lock at BEGIN."""
    return engine.execution_options(**{_WRITE: True})


class Store:
    """What every service over the database shares: its sessions, one for reads and one
    for writes, each keeping the loaded rows usable after it ends."""

    engine: Engine

    def _read(self) -> Session:
        return Session(reading(self.engine), expire_on_commit=False)

    def _write(self) -> Session:
        return Session(writing(self.engine), expire_on_commit=False)


def alembic_config(connection: Connection) -> Config:
    # Alembic is imported only when a migration runs: every command opens the database,
    # and the check that it is already at the head needs no Alembic (see ensure_database).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision` (the newest by default).

    Several app processes may start at once. SQLite's BEGIN IMMEDIATE and, on
    PostgreSQL, a transaction-scoped advisory lock make them upgrade one after another.
    """
    from alembic import command

    with writing(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with writing(engine).begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def head_revision() -> str | None:
    """The newest migration shipped with this version of backrelief."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]+)?=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def shipped_head() -> str | None:
    """The head revision read straight from the migration files, without Alembic (it costs
    a third of a second to import and scan); None when that reading is not certain (a file
    it cannot parse, or more than one head), and the caller then lets Alembic decide."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = {bool(m.group(1)): m.group(2) for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if False not in found or found[False] is None or True not in found:
            return None
        revisions.add(found[False])
        if found[True] is not None:
            parents.add(found[True])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revisions(engine: Engine) -> list[str] | None:
    """The revisions recorded in the database, or None when it has no version table yet."""
    try:
        with engine.connect() as connection:
            return [str(r[0]) for r in connection.exec_driver_sql("SELECT version_num FROM alembic_version")]
    except DBAPIError:
        return None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def ensure_database(settings: Settings) -> Engine:
    """The engine, with the database created and upgraded to the newest tables.

    A database already at the head is only read (one small query); Alembic runs, under
    its lock, only when the database is new, behind, or in a state this check cannot read.
    """
    engine = make_engine(settings)
    head = shipped_head()
    if head is None or _stored_revisions(engine) != [head]:
        migrate(engine)
    return engine
