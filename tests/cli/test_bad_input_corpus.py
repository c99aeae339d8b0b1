"""Bad file contents for import (an oversized CSV field, bytes that are not text, a day
past the calendar's end, a bad episode date, JSON nested 50 000 deep) and particular bad
arguments: each answer is one plain line naming what is wrong, exit status 2, never a
traceback, and the diary already saved is unchanged.

Every command's every option, with the bad values of its kind (binary files, a folder, a
missing or 0-byte file, deep JSON, huge numbers, far dates, bad databases...), is in
tests/cli/test_bad_input_every_command.py. The commands run in this process through
`backrelief.cli.main`, the real entry point.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from backrelief.cli import main

HUGE_CHARS = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("corpus")
    files = {
        "binary": bytes(range(256)) * 64,
        "empty": b"",
        "deep": ("[" * 100_000 + "]" * 100_000).encode(),
        "deep_object": ('{"age":' * 5000 + "1" + "}" * 5000).encode(),
        "long_number": ('{"age": ' + "9" * 5000 + "}").encode(),
        "huge_value": ('{"age": "' + "x" * HUGE_CHARS + '"}').encode(),
        "csv_huge_field": b"at,pain_now,notes\n2026-11-25 09:00,5," + b"x" * (1024 * 1024 + 10) + b"\n",
        "csv_binary": b"at,pain_now\n\x00\xff\xfe,5\n",
        "csv_far_date": b"at,pain_now\n9999-12-31 23:59,5\n",
        "json_bad_episode": json.dumps({"entries": [], "episodes": [{"started_on": "9999-12-31"}]}).encode(),
        "json_bad_episode_day": json.dumps({"entries": [], "episodes": [{"started_on": "2026-02-30"}]}).encode(),
        "json_deep_import": ('{"entries": ' + "[" * 50_000 + "]" * 50_000 + "}").encode(),
        "not_a_db": b"this is a text file, not a database\n" * 100,
    }
    paths = {}
    for name, content in files.items():
        path = d / f"{name}.dat"
        path.write_bytes(content)
        paths[name] = path
    (d / "folder").mkdir()
    paths["folder"] = d / "folder"
    paths["missing"] = d / "no-such-file.json"
    return paths


@pytest.fixture
def diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A diary with one entry, in its own data folder; every command uses it by default."""
    monkeypatch.setenv("BACKRELIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BACKRELIEF_DATABASE_URL", raising=False)
    monkeypatch.delenv("BACKRELIEF_MODE", raising=False)
    assert run(["diary", "add", "--pain", "4", "--at", "2026-11-25 09:00"])[0] == 0
    return tmp_path / "data" / "backrelief.sqlite"


def run(args: list[str]) -> tuple[int, str]:
    """`backrelief ARGS` in this process: the exit status and what it wrote to stderr."""
    import contextlib
    import io

    err = io.StringIO()
    old = sys.argv
    sys.argv = ["backrelief", *args]
    code = 0
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.argv = old
    return code, err.getvalue()


def digest(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT * FROM diary_entries ORDER BY id").fetchall() if _has(db, "diary_entries") else []
        rows += db.execute("SELECT * FROM episodes ORDER BY id").fetchall() if _has(db, "episodes") else []
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _has(db: object, table: str) -> bool:
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone())  # type: ignore[attr-defined]


IMPORTS = ("csv_huge_field", "csv_binary", "csv_far_date", "json_bad_episode", "json_bad_episode_day",
           "json_deep_import")
ARGUMENTS = [
    ["diary", "list", "--last", "1e20"],
    ["diary", "list", "--last", "9" * 5000],
    ["diary", "list", "--last", "-5"],
    ["diary", "list", "--from", "9999-12-31"],
    ["diary", "list", "--to", "9999-12-31"],
    ["diary", "list", "--from", "0001-01-01", "--to", "0001-01-01"],
    ["diary", "list", "--from", "2026-02-30"],
    ["diary", "add", "--pain", "9" * 5000],
    ["diary", "add", "--pain", "1e20"],
    ["diary", "add", "--pain", "5", "--at", "9999-12-31 23:59"],
    ["diary", "add", "--pain", "5", "--at", "0001-01-01 00:00"],
    ["diary", "add", "--pain", "5", "--exercise", "9" * 5000],
    ["diary", "add", "--pain", "5", "--med", "ibuprofen " + "9" * 5000 + " mg"],
    ["diary", "add", "--pain", "5", "--note", "x" * 100_000],
    ["diary", "add", "--pain", "5", "--activity", "x" * 100_000],
    ["diary", "start", "--on", "9999-12-31"],
    ["diary", "start", "--on", "0001-01-01"],
    ["diary", "edit", "9" * 5000, "--pain", "3"],
    ["diary", "edit", str(2**40), "--pain", "3"],
    ["diary", "edit", "1", "--at", "9999-12-31 23:59"],
    ["diary", "delete", str(2**63), "--yes"],
    ["diary", "delete", "-1", "--yes"],
    ["report", "--out", "{out}", "--today", "9999-12-31"],
    ["report", "--out", "{out}", "--today", "0001-01-01"],
    ["report", "--out", "{out}", "--from", "9999-12-31"],
    ["report", "--out", "{folder}"],
    ["export", "--format", "x" * 10_000],
    ["export", "--out", "{folder}"],
    ["plan", "--input", "{good}", "--today", "9999-12-31"],
    ["assess", "--text", "my back hurts", "--today", "9999-12-31"],
    ["assess", "--text", "x" * 1_000_000],
]
def assert_plain_refusal(code: int, err: str, args: list[str]) -> None:
    shown = " ".join(a[:40] for a in args)
    assert code == 2, (shown, code, err[-2000:])
    assert "Traceback" not in err, (shown, err[-2000:])
    # One plain line: ours, click's usage error, or a batch's "line N: ..." for each line refused.
    assert err.startswith(("backrelief: ", "Usage:", "line 1: ")) or "Error" in err, (shown, err[:300])
    # The message names the problem in a few lines, and never echoes a huge value in full.
    assert len(err) < 2000, (shown, len(err), err[:300])


@pytest.mark.parametrize("kind", IMPORTS)
def test_a_bad_import_is_refused_and_saves_nothing(diary: Path, corpus: dict[str, Path], kind: str) -> None:
    before = digest(diary)
    fmt = "csv" if kind.startswith("csv") else "json"
    args = ["diary", "import", str(corpus[kind]), "--format", fmt]
    code, err = run(args)
    assert_plain_refusal(code, err, args)
    assert digest(diary) == before


@pytest.mark.parametrize("command", ARGUMENTS, ids=lambda c: " ".join(a[:12] for a in c))
def test_a_bad_argument_is_refused_plainly(diary: Path, corpus: dict[str, Path], tmp_path: Path,
                                           command: list[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"age": 40}), encoding="utf-8")
    before = digest(diary)
    args = [a.format(out=tmp_path / "r.pdf", folder=corpus["folder"], good=good) for a in command]
    code, err = run(args)
    assert_plain_refusal(code, err, args)
    assert digest(diary) == before
