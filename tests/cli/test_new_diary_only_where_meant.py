"""A new, empty diary is made only where one was meant: the data folder's own diary on first
use, or a new file named for a command that saves something, in a folder that exists. A
command that only reads, given a diary that is not there, says so and makes nothing; a path
in a folder that does not exist (a typo) makes nothing for any command (exit 2).

The commands run in this process through `backrelief.cli.main`, the real entry point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_bad_input_every_command import Ran, assert_plain_refusal, run

GOOD = '{"age": 40, "region": "lower", "severity": 5, "duration_days": 3}'

# Every command that only reads a diary, with a diary that is not there ({db}).
READ_ONLY = [
    ["diary", "--db", "{db}", "list"],
    ["diary", "--db", "{db}", "list", "--json"],
    ["diary", "--db", "{db}", "export", "--format", "json"],
    ["export", "--db", "{db}", "--format", "csv"],
    ["report", "--db", "{db}", "--out", "{out}", "--format", "html"],
    ["diary", "--db", "{db}", "edit", "1", "--pain", "3"],
    ["diary", "--db", "{db}", "delete", "1", "--yes"],
    ["diary", "--db", "{db}", "how-it-started"],
    ["plan", "--db", "{db}"],
]
# Every command that saves something: each may start a new diary file, in a folder that exists.
SAVING = [
    ["diary", "--db", "{db}", "add", "--pain", "4", "--at", "2026-11-25 10:00"],
    ["diary", "--db", "{db}", "start", "--on", "2026-11-20"],
    ["diary", "--db", "{db}", "how-it-started", "--on", "2026-11-20"],
    ["diary", "--db", "{db}", "check", "--input", "{good}", "--today", "2026-11-26"],
    ["diary", "--db", "{db}", "import", "{export}"],
]


def _env(tmp_path: Path) -> dict[str, str]:
    return {"BACKRELIEF_DATA_DIR": str(tmp_path / "data")}


def _filled(args: list[str], tmp_path: Path, db: Path) -> list[str]:
    good = tmp_path / "good.json"
    good.write_text(GOOD, encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text("at,pain_now\n2026-11-25 09:00,5\n", encoding="utf-8")
    return [a.format(db=db, out=tmp_path / "report.html", good=good, export=export) for a in args]


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_a_command_that_only_reads_says_there_is_no_diary_and_makes_none(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "diray.sqlite"  # a typo of the diary's name
    ran = run(_filled(args, tmp_path, db), _env(tmp_path))
    assert_plain_refusal(ran, " ".join(args))
    assert "there is no diary at" in ran.err and str(db) in ran.err
    assert not db.exists()
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("args", READ_ONLY + SAVING, ids=" ".join)
def test_a_diary_in_a_folder_that_does_not_exist_is_refused_and_nothing_is_made(tmp_path: Path,
                                                                                args: list[str]) -> None:
    db = tmp_path / "typo" / "deeper" / "x.sqlite"
    ran = run(_filled(args, tmp_path, db), _env(tmp_path))
    assert_plain_refusal(ran, " ".join(args))
    assert f"the folder {db.parent} does not exist" in ran.err
    assert not (tmp_path / "typo").exists()


def test_a_diary_under_a_file_is_refused_by_that_cause(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    ran = run(["diary", "--db", str(tmp_path / "notes.txt" / "x.sqlite"), "add", "--pain", "4"], _env(tmp_path))
    assert_plain_refusal(ran, "diary add under a file")
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in ran.err


@pytest.mark.parametrize("args", SAVING, ids=" ".join)
def test_a_command_that_saves_starts_a_new_diary_in_a_folder_that_exists(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "new.sqlite"
    ran = run(_filled(args, tmp_path, db), _env(tmp_path))
    assert ran.code == 0, ran.err
    assert db.exists()


def test_the_data_folders_own_diary_is_made_on_first_use_folder_and_all(tmp_path: Path) -> None:
    env = {"BACKRELIEF_DATA_DIR": str(tmp_path / "not" / "yet" / "made")}
    listed: Ran = run(["diary", "list"], env)
    assert listed.code == 0, listed.err
    assert "No diary entries yet" in listed.out
    assert (tmp_path / "not" / "yet" / "made" / "backrelief.sqlite").exists()


def test_the_same_diary_named_by_the_setting_is_refused_as_by_the_option(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "x.sqlite"
    ran = run(["diary", "add", "--pain", "4"], {**_env(tmp_path), "BACKRELIEF_DATABASE_URL": str(db)})
    assert_plain_refusal(ran, "BACKRELIEF_DATABASE_URL in a missing folder")
    assert not (tmp_path / "typo").exists()
