"""A warning sign written in a diary note, in the person's own words, is a triage event
like one picked from the list: read when the entry is saved, whatever the way in."""

from __future__ import annotations

import json
from datetime import date, datetime

from backrelief.diary.dates import checked_entry, checked_update, entry_days
from backrelief.diary.models import EntryCreate
from backrelief.diary.notes import signs_in_note
from tests.diary.conftest import Run

TODAY = date(2026, 11, 26)
DAYS = entry_days(TODAY, None)


def test_a_cauda_equina_sign_told_in_a_note_is_recorded_and_the_terminal_says_emergency(backrelief: Run) -> None:
    added = backrelief("diary", "add", "--pain", "5", "--note", "woke up numb between my legs, weird when I wipe")
    assert added.returncode == 0
    lines = added.stdout.splitlines()
    assert lines[1].startswith("From your note: numbness around your bottom, genitals or inner thighs, saved as new symptoms.")
    assert lines[2].startswith(
        "EMERGENCY: You noted something new: numbness around your bottom, genitals or inner thighs. Get emergency "
        "help now.")
    [entry] = json.loads(backrelief("diary", "list", "--json").stdout)
    assert entry["new_findings"] == ["saddle_numbness"]


def test_a_sign_the_note_denies_is_not_recorded() -> None:
    entry = checked_entry({"at": "2026-11-26T08:00", "pain_now": 3,
                           "notes": "a bit better, no numbness anywhere and peeing fine"}, DAYS)
    assert entry.new_findings == ()


def test_a_hedged_sign_in_a_note_is_recorded_because_unsure_takes_the_safer_side() -> None:
    assert "fever" in signs_in_note("I think I might have had a temperature last night", TODAY)


def test_a_sign_picked_from_the_list_and_told_in_the_note_is_recorded_once() -> None:
    entry = checked_entry({"at": "2026-11-26T08:00", "pain_now": 3, "new_findings": ["new_bladder_problem"],
                           "notes": "can't pee properly since this morning"}, DAYS)
    assert entry.new_findings == ("new_bladder_problem",)


def test_a_note_about_someone_young_is_still_read_for_the_writers_signs() -> None:
    # The reader refuses an age under 16 as the writer's; in a note it is someone else's.
    assert "fever" in signs_in_note("my son is 12 and off school, and I have a fever tonight", TODAY)


def test_an_edit_that_keeps_the_note_leaves_a_sign_the_person_took_off_off() -> None:
    saved = EntryCreate(at=datetime(2026, 11, 26, 8, 0), pain_now=4, notes="hot and shivery, might be a fever",
                        new_findings=())
    assert checked_update({"pain_now": 3}, DAYS, saved).new_findings is None
    assert checked_entry({"at": "2026-11-26T08:00", "pain_now": 3, "notes": saved.notes}, DAYS,
                         saved_at=saved.at, saved_note=saved.notes).new_findings == ()
    rewritten = checked_update({"notes": "now I can't feel my bottom when I sit"}, DAYS,
                               saved.model_copy(update={"new_findings": ("fever",)}))
    assert rewritten.new_findings == ("fever", "saddle_numbness")
