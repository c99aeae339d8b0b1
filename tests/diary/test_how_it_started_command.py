"""`backrelief diary how-it-started`: shows how this bout started (recorded from the check),
changes only the options given, keeps "not sure" as not known, refuses what cannot be right
(exit 2, every problem named, nothing saved) and says at once when the change makes the
latest check more urgent. `diary start` begins a new bout through the same engine."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.diary.conftest import Run

SPASM = {"age": 34, "sex": "male", "region": "lower", "radiation": "none", "severity": 4, "duration_days": 2,
         "onset": "sudden", "trigger": "lifting", "findings": [], "history": [], "episodes_last_year": 0}


def test_with_no_episode_it_says_how_to_give_one(backrelief: Run) -> None:
    # A diary with an entry and no episode (a command that only reads makes no diary file).
    assert backrelief("diary", "add", "--pain", "3").returncode == 0
    shown = backrelief("diary", "how-it-started")
    assert shown.returncode == 0
    assert "No episode yet" in shown.stdout and "--on" in shown.stdout
    refused = backrelief("diary", "how-it-started", "--trigger", "fall")
    assert refused.returncode == 2
    assert "'--on' is needed for the first episode" in refused.stderr


def test_only_the_options_given_are_changed_and_not_sure_is_kept_as_not_known(backrelief: Run) -> None:
    first = backrelief("diary", "how-it-started", "--on", "2026-11-20", "--onset", "sudden", "--trigger", "lifting",
                       "--how", "a box of books")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Started: Episode 1 started on 2026-11-20 (you gave this day)")
    changed = backrelief("diary", "how-it-started", "--onset", "not sure")
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith("Changed: Episode 1 started on 2026-11-20")
    assert "came on: not known; set off by: lifting. In your words: a box of books" in changed.stdout
    assert backrelief("diary", "how-it-started").stdout.strip() == changed.stdout.split("\n")[0][len("Changed: "):]


def test_the_start_a_check_recorded_is_shown_and_corrected_in_place(backrelief: Run, tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(SPASM), encoding="utf-8")
    assert backrelief("diary", "check", "--input", str(case)).returncode == 0
    began = date.today() - timedelta(days=2)
    shown = backrelief("diary", "how-it-started").stdout
    assert f"started on {began} (worked out from your check); came on: sudden; set off by: lifting." in shown
    earlier = began - timedelta(days=1)
    changed = backrelief("diary", "how-it-started", "--on", f"{earlier}")
    assert changed.returncode == 0, changed.stderr
    assert f"Changed: Episode 1 started on {earlier} (you gave this day)" in changed.stdout
    # The day is the person's own now: an entry before it is refused.
    early = backrelief("diary", "add", "--pain", "4", "--at", f"{earlier - timedelta(days=1)} 09:00")
    assert early.returncode == 2 and "on or after the day you said this episode began" in early.stderr


def test_a_fall_from_a_height_given_later_is_said_at_once(backrelief: Run, tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(SPASM), encoding="utf-8")
    assert backrelief("diary", "check", "--input", str(case)).returncode == 0
    changed = backrelief("diary", "how-it-started", "--trigger", "fall_from_height")
    assert changed.returncode == 0, changed.stderr
    assert "How it started has changed." in changed.stdout
    assert any(changed.stdout.count(word) for word in ("URGENT:", "EMERGENCY:"))


def test_every_problem_is_named_at_once_with_its_option_and_nothing_is_saved(backrelief: Run) -> None:
    assert backrelief("diary", "how-it-started", "--on", "2026-11-20", "--trigger", "lifting").returncode == 0
    tomorrow = date.today() + timedelta(days=1)
    refused = backrelief("diary", "how-it-started", "--on", f"{tomorrow}", "--trigger", "juggling")
    assert refused.returncode == 2
    assert "What set it off (--trigger) must be one of:" in refused.stderr
    assert f"The day it started (--on) must be a day up to today ({date.today()}), not {tomorrow}" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "started on 2026-11-20" in backrelief("diary", "how-it-started").stdout
    bad_day = backrelief("diary", "how-it-started", "--on", "20 Nov")
    assert bad_day.returncode == 2 and "--on" in bad_day.stderr


def test_diary_start_begins_a_new_bout_and_leaves_the_old_one(backrelief: Run) -> None:
    assert backrelief("diary", "start", "--on", "2026-09-01", "--trigger", "bending").returncode == 0
    started = backrelief("diary", "start", "--on", "2026-11-20", "--onset", "gradual")
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("Started: Episode 2 started on 2026-11-20")
    assert "Episode 2" in backrelief("diary", "how-it-started").stdout
