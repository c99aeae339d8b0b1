"""The validated knowledge is kept on disk for the next command (knowledge/snapshot.py):
the copy must give exactly what reading the files gives, and a copy that cannot be trusted
(unreadable, of another kind, writable by others) is never used: the files are read instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backrelief.knowledge import Knowledge, read_knowledge
from backrelief.knowledge.snapshot import CACHE_DIR_VARIABLE, fingerprint, remembered


class Reads:
    """Counts how often the knowledge was read from its files."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Knowledge:
        self.count += 1
        return read_knowledge()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(where))
    return where


def stored(folder: Path) -> Path:
    return folder / f"knowledge-{fingerprint()}.pickle"


def test_the_second_load_comes_from_the_stored_copy_and_equals_reading_the_files(folder: Path) -> None:
    reads = Reads()
    first = remembered("knowledge", Knowledge, reads)
    second = remembered("knowledge", Knowledge, reads)
    assert reads.count == 1
    assert stored(folder).exists()
    assert second == first == read_knowledge()
    assert second.rules == first.rules and second.sources == first.sources


def test_a_damaged_copy_is_ignored_and_replaced_by_one_read_from_the_files(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    stored(folder).write_bytes(b"not a pickle at all")
    reads = Reads()
    assert remembered("knowledge", Knowledge, reads) == read_knowledge()
    assert remembered("knowledge", Knowledge, reads) == read_knowledge()
    assert reads.count == 1


def test_a_copy_of_something_else_under_the_right_name_is_not_used(folder: Path) -> None:
    remembered("other", str, lambda: "a string, not knowledge")
    (folder / f"other-{fingerprint()}.pickle").rename(stored(folder))
    reads = Reads()
    assert remembered("knowledge", Knowledge, reads) == read_knowledge()
    assert reads.count == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_a_copy_that_others_can_write_to_is_never_read(folder: Path) -> None:
    remembered("knowledge", Knowledge, read_knowledge)
    stored(folder).chmod(0o666)
    reads = Reads()
    remembered("knowledge", Knowledge, reads)
    assert reads.count == 1


def test_an_empty_cache_setting_keeps_no_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    monkeypatch.chdir(tmp_path)
    reads = Reads()
    remembered("knowledge", Knowledge, reads)
    remembered("knowledge", Knowledge, reads)
    assert reads.count == 2
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert remembered("knowledge", Knowledge, read_knowledge) == read_knowledge()
