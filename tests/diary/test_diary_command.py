"""`backrelief diary ...`, `backrelief export` through the real command, as a person uses them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from backrelief.knowledge import load_knowledge
from tests.diary.conftest import Run


def test_a_quick_entry_is_saved_and_listed(backrelief: Run) -> None:
    added = backrelief("diary", "add", "--pain", "6", "--worst", "8", "--med", "ibuprofen:400@08:00", "--heat",
                       "--eased", "heat,movement", "--at", "2026-11-26 09:15", "--note", "stiff after the drive")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Saved entry 1: 2026-11-26 09:15, pain 6/10.\n"
    listed = json.loads(backrelief("diary", "list", "--json").stdout)
    assert [(e["pain_now"], e["pain_worst"], e["heat"], e["eased_by"], e["notes"]) for e in listed] == [
        (6, 8, True, ["heat", "movement"], "stiff after the drive")]
    assert listed[0]["medicines"] == [{"name": "ibuprofen", "dose_mg": 400.0, "taken_at": "2026-11-26T08:00:00"}]


def test_a_pain_score_out_of_range_names_the_field_and_the_range(backrelief: Run) -> None:
    refused = backrelief("diary", "add", "--pain", "11")
    assert refused.returncode == 2
    assert refused.stderr == ("backrelief: Pain now (--pain) must be a whole number from 0 (no pain) to 10 "
                              "(worst pain you can imagine)\n")
    assert backrelief("diary", "list", "--json").stdout.strip() == "[]"


def test_a_refused_edit_names_the_field_in_words_and_its_option(backrelief: Run) -> None:
    assert backrelief("diary", "add", "--pain", "4").returncode == 0
    refused = backrelief("diary", "edit", "1", "--exercise", "2000")
    assert (refused.returncode, refused.stderr) == (
        2, "backrelief: Minutes of exercise (--exercise) must be a whole number of minutes from 0 to 1440\n")
    assert "pain_now" not in refused.stderr


def test_an_entry_dated_tomorrow_or_before_the_start_the_person_gave_is_refused_and_saves_nothing(
        backrelief: Run) -> None:
    from datetime import date, timedelta

    assert backrelief("diary", "start", "--on", "2026-11-20").returncode == 0
    tomorrow = f"{date.today() + timedelta(days=1):%Y-%m-%d}"
    future = backrelief("diary", "add", "--pain", "14", "--at", f"{tomorrow} 09:00")
    assert future.returncode == 2
    # Every problem at once: the pain score and the date.
    assert future.stderr == (f"backrelief: Pain now (--pain) must be a whole number from 0 (no pain) to 10 (worst pain "
                             f"you can imagine); Date and time (--at) must be a day up to today "
                             f"({date.today():%Y-%m-%d}), not {tomorrow}\n")
    early = backrelief("diary", "add", "--pain", "4", "--at", "2026-11-19 09:00")
    assert (early.returncode, early.stderr) == (
        2, "backrelief: Date and time (--at) must be a day on or after the day you said this episode began "
           "(2026-11-20), not 2026-11-19\n")
    assert backrelief("diary", "list", "--json").stdout.strip() == "[]"


def test_a_start_day_after_today_is_refused(backrelief: Run) -> None:
    from datetime import date, timedelta

    tomorrow = f"{date.today() + timedelta(days=1):%Y-%m-%d}"
    refused = backrelief("diary", "start", "--on", tomorrow)
    assert (refused.returncode, refused.stderr) == (
        2, f"backrelief: The day it started (--on) must be a day up to today ({date.today():%Y-%m-%d}), not {tomorrow}\n")


def test_an_entry_or_edit_before_a_start_the_app_worked_out_from_a_check_is_refused_until_the_start_moves(
        backrelief: Run, tmp_path: Path) -> None:
    # A check saying "2 days" starts the episode two days ago; 1990 (a typo) or nine days ago
    # would put the diary's first day before the start the report shows.
    from datetime import date, timedelta

    answers = tmp_path / "check.json"
    answers.write_text(json.dumps({"age": 40, "duration_days": 2, "severity": 4}), encoding="utf-8")
    assert backrelief("diary", "check", "--input", str(answers)).returncode == 0, "check"
    start = date.today() - timedelta(days=2)
    for day in ("1990-01-01", f"{date.today() - timedelta(days=9):%Y-%m-%d}"):
        refused = backrelief("diary", "add", "--pain", "6", "--at", f"{day} 08:30")
        assert (refused.returncode, refused.stderr) == (2, (
            f"backrelief: Date and time (--at) must be a day on or after the day this episode began ({start:%Y-%m-%d}, "
            f"worked out from your check), not {day}. If it began earlier, change how it started first\n"))
    assert backrelief("diary", "list", "--json").stdout.strip() == "[]"
    assert backrelief("diary", "add", "--pain", "6", "--at", f"{start:%Y-%m-%d} 08:30").returncode == 0
    older = f"{date.today() - timedelta(days=20):%Y-%m-%d}"
    assert backrelief("diary", "edit", "1", "--at", f"{older} 08:30").returncode == 2
    assert backrelief("diary", "how-it-started", "--on", older).returncode == 0
    moved = backrelief("diary", "edit", "1", "--at", f"{older} 08:30")
    assert moved.returncode == 0, moved.stderr


def test_an_edit_to_a_day_after_today_is_refused(backrelief: Run) -> None:
    from datetime import date, timedelta

    assert backrelief("diary", "add", "--pain", "4", "--at", "2026-11-20 09:00").returncode == 0
    tomorrow = f"{date.today() + timedelta(days=1):%Y-%m-%d}"
    refused = backrelief("diary", "edit", "1", "--at", f"{tomorrow} 09:00")
    assert refused.returncode == 2 and f"must be a day up to today ({date.today():%Y-%m-%d})" in refused.stderr
    assert backrelief("diary", "edit", "1", "--pain", "3").returncode == 0


def test_a_word_outside_the_vocabulary_lists_what_is_allowed(backrelief: Run) -> None:
    refused = backrelief("diary", "add", "--pain", "4", "--eased", "yoga")
    assert refused.returncode == 2
    assert refused.stderr == ("backrelief: What eased it (--eased) must be a list of any of: rest, lying_down, movement, "
                              "heat, ice, medication, massage, nothing (item 1 is not)\n")


def test_a_medicine_written_wrongly_shows_the_format(backrelief: Run) -> None:
    refused = backrelief("diary", "add", "--pain", "4", "--med", "ibuprofen")
    assert refused.returncode == 2
    assert "write name:dose_mg@HH:MM, for example ibuprofen:400@08:00" in refused.stderr


def test_too_much_ibuprofen_in_a_day_is_warned_about_when_adding(backrelief: Run) -> None:
    for time, dose in (("08:00", "600"), ("14:00", "400"), ("21:00", "400")):
        added = backrelief("diary", "add", "--pain", "5", "--at", f"2026-11-26 {time}", "--med", f"ibuprofen:{dose}")
        assert added.returncode == 0, added.stderr
    assert added.stderr == ("Warning: On 26 Nov 2026 you took 1400 mg of ibuprofen. That is more than the 1200 mg a day "
                            "limit. Talk to a pharmacist or doctor.\n")


def test_an_entry_is_edited_then_deleted(backrelief: Run) -> None:
    backrelief("diary", "add", "--pain", "6", "--heat", "--at", "2026-11-26 09:00")
    edited = backrelief("diary", "edit", "1", "--pain", "3", "--no-heat", "--note", "better")
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout == "Changed entry 1: 2026-11-26 09:00, pain 3/10.\n"
    entry = json.loads(backrelief("diary", "list", "--json").stdout)[0]
    assert (entry["pain_now"], entry["heat"], entry["notes"]) == (3, False, "better")
    deleted = backrelief("diary", "delete", "1", "--yes")
    assert deleted.stdout == "Deleted entry 1.\n"
    again = backrelief("diary", "delete", "1", "--yes")
    assert (again.returncode, again.stderr) == (2, "backrelief: there is no diary entry 1\n")


def test_deleting_asks_first_and_keeps_the_entry_on_no(backrelief: Run) -> None:
    backrelief("diary", "add", "--pain", "6", "--at", "2026-11-26 09:00")
    kept = backrelief("diary", "delete", "1", input="n\n")
    assert kept.stdout.endswith("Kept it.\n")
    assert len(json.loads(backrelief("diary", "list", "--json").stdout)) == 1


def test_a_new_warning_sign_in_the_diary_says_to_get_emergency_help(backrelief: Run) -> None:
    added = backrelief("diary", "add", "--pain", "5", "--new-symptom", "saddle_numbness")
    assert added.returncode == 0
    assert added.stdout.splitlines()[1].startswith(
        "EMERGENCY: You noted something new: numbness around your bottom, genitals or inner thighs. Get emergency "
        "help now.")


def test_an_export_imported_into_another_diary_gives_the_same_entries(backrelief: Run, tmp_path: Path) -> None:
    # The CSV round trip is tested in-process (test_exchange); here the whole diary goes as JSON.
    backrelief("diary", "start", "--on", "2026-11-20", "--trigger", "lifting", "--onset", "sudden")
    backrelief("diary", "add", "--pain", "6", "--at", "2026-11-21 08:00", "--med", "naproxen:220@07:30")
    out = tmp_path / "diary.json"
    written = backrelief("export", "--format", "json", "--out", str(out))
    assert written.returncode == 0, written.stderr
    other = tmp_path / "other.sqlite"
    imported = backrelief("diary", "--db", str(other), "import", str(out))
    assert (imported.returncode, imported.stdout) == (0, "Imported 1 new entry, 1 new episode, 0 new checks.\n")
    again = backrelief("diary", "--db", str(other), "import", str(out))
    assert again.stdout == ("Imported 0 new entries, 0 new episodes, 0 new checks; already in your diary: 1 entry, "
                            "1 episode, 0 checks.\n")
    mine = json.loads(backrelief("diary", "list", "--json").stdout)
    theirs = json.loads(backrelief("diary", "--db", str(other), "list", "--json").stdout)
    assert [{k: v for k, v in e.items() if k not in ("id", "episode_id")} for e in theirs] == \
        [{k: v for k, v in e.items() if k not in ("id", "episode_id")} for e in mine]
    assert theirs[0]["medicines"] == [{"name": "naproxen", "dose_mg": 220.0, "taken_at": "2026-11-21T07:30:00"}]


def test_an_import_with_a_bad_row_changes_nothing_and_exits_2(backrelief: Run, tmp_path: Path) -> None:
    backrelief("diary", "add", "--pain", "6", "--at", "2026-11-21 08:00")
    bad = tmp_path / "bad.csv"
    bad.write_text("at,pain_now,sleep\n2026-11-22 08:00,4,good\n2026-11-23 08:00,3,dreadful\n", encoding="utf-8")
    refused = backrelief("diary", "import", str(bad))
    assert refused.returncode == 2
    assert refused.stderr == ("backrelief: row 2 (line 3): 'sleep' must be one of: good, woke_with_pain, poor, "
                              "no_sleep; nothing was imported\n")
    assert [e["pain_now"] for e in json.loads(backrelief("diary", "list", "--json").stdout)] == [6]


def test_the_fhir_export_of_an_empty_diary_prints_a_bundle(backrelief: Run) -> None:
    # A diary with nothing left in it (a command that only reads makes no diary file).
    assert backrelief("diary", "add", "--pain", "3").returncode == 0
    assert backrelief("diary", "delete", "1", "--yes").returncode == 0
    bundle = json.loads(backrelief("diary", "export", "--format", "fhir").stdout)
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]


def test_an_unknown_export_format_is_refused(backrelief: Run) -> None:
    refused = backrelief("export", "--format", "xml")
    assert (refused.returncode, refused.stderr) == (2, "backrelief: '--format' must be csv, json or fhir, not 'xml'\n")


def test_a_saved_check_and_the_diary_make_a_pdf_report_for_the_doctor(backrelief: Run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "severity": 6, "region": "lower", "radiation": "none", "findings": [],
                                   "history": [], "duration_days": 2, "onset": "sudden", "trigger": "twisting"}),
                       encoding="utf-8")
    checked = backrelief("diary", "check", "--input", str(answers), "--today", "2026-11-20")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Started episode 1 on 2026-11-18.\n")
    assert checked.stdout.endswith(f"Saved as check 1, knowledge {load_knowledge().version}.\n")
    backrelief("diary", "add", "--pain", "6", "--at", "2026-11-20 08:00", "--med", "ibuprofen:400@08:00")
    backrelief("diary", "add", "--pain", "4", "--at", "2026-11-21 08:00")
    pdf = tmp_path / "report.pdf"
    made = backrelief("report", "--format", "pdf", "--out", str(pdf), "--today", "2026-11-22")
    assert (made.returncode, made.stdout) == (0, f"Wrote {pdf}.\n")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True,
                                   timeout=60).stdout.split())
    assert "4/10 at the last entry (21 Nov)" in text
    assert "Ibuprofen on 1 day, 400 mg a day on average, most 400 mg (daily limit 1,200 mg; never over it), " \
           "usually at 08:00." in text
    assert "20 Nov 2026: Self-management; no red flags reported" in text
    assert f"Knowledge version {load_knowledge().version}" in text
    assert "18 Nov 2026, 4 days ago, suddenly, after twisting." in text


def test_a_report_in_an_unknown_format_or_backwards_dates_is_refused(backrelief: Run, tmp_path: Path) -> None:
    out = str(tmp_path / "r.doc")
    wrong = backrelief("report", "--format", "doc", "--out", out)
    assert (wrong.returncode, wrong.stderr) == (2, "backrelief: '--format' must be pdf or html, not 'doc'\n")
    backwards = backrelief("report", "--out", out, "--from", "2026-11-20", "--to", "2026-11-01")
    assert (backwards.returncode, backwards.stderr) == (2, "backrelief: '--to' must be on or after '--from'\n")
