"""The database setting takes a plain file path as `--db` does, so a person who sets
BACKRELIEF_DATABASE_URL to a file gets that diary, not a refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backrelief.settings import Settings


def test_a_plain_file_path_in_the_setting_is_a_sqlite_diary(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=str(tmp_path / "mine.db"))
    assert settings.database_url == f"sqlite:///{(tmp_path / 'mine.db').resolve()}"
    assert settings.is_sqlite


def test_a_url_in_the_setting_is_kept_as_given(tmp_path: Path) -> None:
    url = "postgresql+psycopg://someone@localhost:5432/backrelief"
    assert Settings(data_dir=tmp_path, database_url=url).database_url == url


def test_an_entry_added_with_the_setting_as_a_path_is_in_that_file(tmp_path: Path) -> None:
    diary = tmp_path / "diary.db"
    env = {**os.environ, "BACKRELIEF_DATA_DIR": str(tmp_path / "data"), "BACKRELIEF_DATABASE_URL": str(diary)}
    done = subprocess.run([sys.executable, "-m", "backrelief", "diary", "add", "--pain", "4"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([sys.executable, "-m", "backrelief", "diary", "--db", str(diary), "list"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert listed.returncode == 0, listed.stderr
    assert "4" in listed.stdout
    assert diary.stat().st_size > 0
