"""Small parsing helpers shared by the commands: dates and files, with plain errors."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backrelief.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from backrelief.settings import Settings


MAX_MESSAGE = 500


def plain_text_wanted() -> bool:
    """NO_COLOR set (and not empty, no-color.org): the person wants plain text. Rich's own
    reading of it drops colours only and keeps bold and underline; here it drops every
    style, as a screen reader, a log file or a terminal without styles needs."""
    return bool(os.environ.get("NO_COLOR"))


def console(**options: Any) -> Console:
    """The one way the commands make a rich Console, so NO_COLOR is honoured everywhere."""
    from rich.console import Console

    if plain_text_wanted():
        options["color_system"] = None
    return Console(**options)


def plain(message: str) -> str:
    """One message for a person: never a huge value echoed back in full."""
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "... (cut short)"


def today_from(value: str | None) -> date:
    """`--today YYYY-MM-DD`, or the real date when not given."""
    if value is None:
        return date.today()
    from backrelief.diary.parsing import parse_day

    return parse_day(value, "today", "--today")


def _file_above(path: Path) -> Path | None:
    """The nearest folder on the way to `path` that is really a file, if any ("x.txt/out")."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            return parent if not parent.is_dir() else None
    return None


def _not_there(path: Path) -> str | None:
    """Why there is nothing at `path` when its folder is the cause: a file where a folder
    should be, or a missing folder (None: the folder is there, the file is not)."""
    above = _file_above(path)
    if above is not None:
        return f"{above} is a file, not a folder"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return None


def read_text(path: Path, field: str = "file", encoding: str = "utf-8") -> str:
    """A text file, or standard input for `-`. Every file a command reads comes through here,
    so each way it can fail is said by its own cause: no such file (and why), a folder, a
    file that cannot be read (and why), or not UTF-8 text."""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding=encoding)
    except (FileNotFoundError, NotADirectoryError):
        why = _not_there(path)
        raise InvalidInput([Problem(field, f"no such file: {path}" + (f" ({why})" if why else ""))]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(field, f"{path} is a folder, not a file")]) from None
    except PermissionError:
        raise InvalidInput([Problem(field, f"cannot read {path}: permission denied")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(field, f"{path} is not UTF-8 text")]) from None
    except OSError as error:
        raise InvalidInput([Problem(field, f"cannot read {path}: {error.strerror or error}")]) from None


def write_file(path: Path, data: bytes, field: str = "out") -> None:
    """Write a file a command makes (`--out`), or say exactly why it cannot be written: it is
    a folder, its folder does not exist (nothing is made on a typo), a file stands where a
    folder should be, or the system refuses (and why)."""
    try:
        path.write_bytes(data)
    except (FileNotFoundError, NotADirectoryError):
        why = _not_there(path) or "no such file or folder"
        raise InvalidInput([Problem(field, f"cannot write {path}: {why}")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(field, f"cannot write {path}: it is a folder")]) from None
    except PermissionError:
        raise InvalidInput([Problem(field, f"cannot write {path}: permission denied")]) from None
    except OSError as error:
        raise InvalidInput([Problem(field, f"cannot write {path}: {error.strerror or error}")]) from None


SQLITE_HEADER = b"SQLite format 3\x00"


def check_database_url(url: str, field: str = "db") -> None:
    """Refuse, in plain words, a database the diary must not open: a URL that does not parse
    or names a kind of database we do not speak, a folder, or a file that is not a SQLite
    database (a 0-byte file included: it would silently become a new, empty diary)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    shown = url.split("@")[-1][:200]  # never print a password
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
        parsed.port  # noqa: B018  (a port that is not a number fails here)
    except (ArgumentError, ValueError):
        raise InvalidInput([Problem(field, f"'{shown}' is not a database address; give a file path or a URL like "
                                           "postgresql+psycopg://user@host:5432/backrelief")]) from None
    if backend not in ("sqlite", "postgresql"):
        raise InvalidInput([Problem(field, f"backrelief keeps its diary in SQLite or PostgreSQL, not "
                                           f"'{backend[:40]}' ({shown})")])
    if backend != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if path.is_dir():
        raise InvalidInput([Problem(field, f"{path} is a folder; give the diary's file, e.g. {path / 'backrelief.sqlite'}")])
    if path.exists():
        try:
            with path.open("rb") as file:
                header = file.read(len(SQLITE_HEADER))
        except OSError as error:
            raise InvalidInput([Problem(field, f"cannot read {path}: {error.strerror}")]) from None
        if header != SQLITE_HEADER:
            what = "an empty file" if not header else "not a backrelief diary (not a SQLite database)"
            raise InvalidInput([Problem(field, f"{path} is {what}; nothing was changed. Give the diary's file, or a "
                                               "new file name to start a new diary.")])


def check_diary(settings: Settings, *, create: bool = True) -> None:
    """`check_database_url`, and for a SQLite file that is not there yet: a new diary is made
    only where it was meant to be. The default one, in the data folder, is made on first use
    (folder and all); any other path must be in a folder that exists (a typo in the folder
    makes nothing), and a command that only reads (`create=False`) makes no new file at all:
    it says there is no diary there."""
    from sqlalchemy.engine import make_url

    check_database_url(settings.database_url)
    parsed = make_url(settings.database_url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database).expanduser()
    if path.exists():
        return
    if path.resolve() == (settings.data_dir / "backrelief.sqlite").expanduser().resolve():
        return
    why = _not_there(path)
    if why is not None:
        raise InvalidInput([Problem("db", f"there is no diary at {path}: {why}. Nothing was made; check the path "
                                          "(a new diary goes in a folder that exists)")])
    if not create:
        raise InvalidInput([Problem("db", f"there is no diary at {path}: no such file. Nothing was made; check the "
                                          "path (a command that saves something, like `backrelief diary add`, "
                                          "starts a new diary there)")])


def open_database(settings: Settings, *, create: bool = True) -> Engine:
    """ensure_database(settings), after `check_diary` (`create`: whether this command may
    start a new diary file), with a plain message when the database cannot be reached or
    opened."""
    from sqlalchemy.exc import DatabaseError, NoSuchModuleError, OperationalError

    from backrelief.storage import ensure_database

    check_diary(settings, create=create)
    where = settings.database_url.split("@")[-1][:200]
    try:
        return ensure_database(settings)
    except NoSuchModuleError:
        raise InvalidInput([Problem("db", f"backrelief cannot use the database at {where}: its driver is not "
                                          "installed")]) from None
    except (OperationalError, DatabaseError) as error:
        reason = str(error.orig).splitlines()[0][:200] if error.orig else "no answer"
        raise InvalidInput([Problem("db", f"cannot open the database at {where} ({reason}). Is the database server "
                                          "running, and is this the diary's address?")]) from None
