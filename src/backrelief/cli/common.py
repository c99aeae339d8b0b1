"""Small parsing helpers shared by the commands: dates and files, with plain errors."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from backrelief.errors import InvalidInput, Problem


def today_from(value: str | None) -> date:
    """`--today YYYY-MM-DD`, or the real date when not given."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput([Problem("today", f"--today must be a date like 2026-11-26, not '{value}'")]) from None


def read_text(path: Path, field: str = "file") -> str:
    """A UTF-8 text file, or standard input for `-`."""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput([Problem(field, f"no such file: {path}")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(field, f"{path} is a folder, not a file")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(field, f"{path} is not UTF-8 text")]) from None
