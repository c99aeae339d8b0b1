"""Two processes writing to the same SQLite diary at once lose nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from backrelief.settings import Settings
from backrelief.storage import Entries, ensure_database, head_revision

WRITER = """
import sys
from datetime import datetime, timedelta
from backrelief.diary.models import EntryCreate
from backrelief.settings import Settings
from backrelief.storage import Entries, Episodes, ensure_database

engine = ensure_database(Settings(database_url=sys.argv[1]))
entries, episodes = Entries(engine), Episodes(engine)
start = datetime(2026, 1, 1)
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[3])):
    latest = episodes.latest()
    entries.add(EntryCreate(at=start + timedelta(hours=i), pain_now=int(sys.argv[2]), notes=f"writer {sys.argv[2]} #{i}"),
                None if latest is None else latest.id)
print("done", flush=True)
"""


def test_two_processes_adding_entries_at_the_same_time_lose_none(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    each = 150
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(n), str(each)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in (1, 2)
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None
            line = writer.stdout.readline().strip()
            assert line == "ready", writer.communicate(timeout=60)[1]
        for writer in writers:  # both start writing at once
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:  # never leave a process or its pipes behind
            if writer.poll() is None:
                writer.kill()
                writer.communicate()
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    engine = ensure_database(Settings(database_url=url))
    saved = Entries(engine).list()
    engine.dispose()
    assert len(saved) == 2 * each
    assert sorted({e.notes for e in saved}) == sorted({f"writer {n} #{i}" for n in (1, 2) for i in range(each)})


MIGRATOR = """
import sys
from backrelief.settings import Settings
from backrelief.storage import current_revision, ensure_database
print(current_revision(ensure_database(Settings(database_url=sys.argv[1]))))
"""


def test_three_processes_creating_the_same_new_database_at_once_all_succeed(database_url: str) -> None:
    runs = [subprocess.Popen([sys.executable, "-c", MIGRATOR, database_url], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [(run.returncode, err) for run, (_, err) in zip(runs, results, strict=True)] == [(0, "")] * 3
    assert {out.strip() for out, _ in results} == {head_revision()}
