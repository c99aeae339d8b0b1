"""Export and import: CSV and JSON round trips, all-or-nothing import, FHIR on both engines."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import Engine

from backrelief.diary.models import EntryCreate, EpisodeCreate, Medicine
from backrelief.errors import InvalidInput
from backrelief.services.exchange import export_text, import_text, preview_import, read_csv
from backrelief.settings import Settings
from backrelief.storage import Assessments, Entries, Episodes, ensure_database
from tests.kept_checks import kept_check

TODAY = date(2026, 11, 26)


def _fill(engine: Engine) -> None:
    episode = Episodes(engine).start(EpisodeCreate(started_on=date(2026, 11, 2), onset="sudden",
                                                   trigger="moving_furniture", how="a sofa, with a friend"))
    Entries(engine).add_many([
        EntryCreate(at=datetime(2026, 11, 3, 8, 30), pain_now=7, pain_worst=9, flares=2, region="lower",
                    leg_symptoms="buttock", eased_by=("heat", "lying_down"), worsened_by=("sitting",),
                    activities=("desk work", "school run"), heat=True, exercise_minutes=10,
                    medicines=(Medicine(name="ibuprofen", dose_mg=400, taken_at=datetime(2026, 11, 3, 8)),
                               Medicine(name="paracetamol", dose_mg=1000)),
                    sleep="woke_with_pain", impact="a_lot", notes='said "ouch"; twice, then, rested'),
        EntryCreate(at=datetime(2026, 11, 4, 20, 0), pain_now=5, new_findings=("leg_numbness",)),
    ], episode.id)
    Assessments(engine).save(kept_check({"age": 44, "severity": 7, "eases": ["heat"], "pregnant": False},
                                        {"disposition": "self_care", "knowledge_version": "2026.11.1", "reasons": []},
                                        {"now": [{"id": "a", "text": "Keep moving.", "sources": ["NICE-NG59"]}]},
                                        episode_id=episode.id, created_at=datetime(2026, 11, 3, 9)))


def _everything(engine: Engine) -> tuple[object, ...]:
    return (
        [e.model_dump(exclude={"id", "episode_id"}) for e in Entries(engine).list()],
        [e.model_dump(exclude={"id"}) for e in Episodes(engine).list()],
        [a.model_dump(exclude={"id", "episode_id"}) for a in Assessments(engine).list()],
    )


def test_a_json_export_imports_into_an_empty_diary_unchanged(engine: Engine, tmp_path: Path) -> None:
    _fill(engine)
    text = export_text(engine, "json", TODAY)
    other = ensure_database(Settings(database_url=f"sqlite:///{tmp_path}/other.sqlite"))
    counts = import_text(other, text, "json")
    assert (counts.episodes, counts.entries, counts.assessments) == (1, 2, 1)
    assert _everything(other) == _everything(engine)
    assert {e.episode_id for e in Entries(other).list()} == {Episodes(other).list()[0].id}
    other.dispose()


def test_a_csv_export_imports_back_to_the_same_entries(engine: Engine) -> None:
    _fill(engine)
    text = export_text(engine, "csv", TODAY)
    assert text.splitlines()[1] == (
        '2026-11-03 08:30,7,9,2,lower,buttock,heat; lying_down,sitting,desk work; school run,yes,no,10,'
        'ibuprofen:400@2026-11-03T08:00; paracetamol:1000,woke_with_pain,a_lot,,"said ""ouch""; twice, then, rested"')
    again = read_csv(text)
    assert [e.model_dump() for e in again] == _everything(engine)[0]


def test_a_note_a_spreadsheet_would_run_as_a_formula_is_exported_as_text_and_imports_back_as_written(
        engine: Engine) -> None:
    notes = ['=HYPERLINK("http://example.invalid","x")', "+1 more flare", "-ish, better", "@work all day", "ok = fine"]
    Entries(engine).add_many([EntryCreate(at=datetime(2026, 11, 3, 8 + i), pain_now=4, notes=n, activities=(n,))
                              for i, n in enumerate(notes)], None)
    text = export_text(engine, "csv", TODAY)
    cells = [cell for line in text.splitlines()[1:] for cell in line.split(",")]
    assert not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)
    assert [e.notes for e in read_csv(text)] == notes
    assert [e.activities for e in read_csv(text)] == [(n.lower(),) for n in notes]  # activities are kept lower-case


def test_one_bad_row_rejects_the_whole_file_naming_row_and_field_and_keeps_what_was_saved(engine: Engine) -> None:
    _fill(engine)
    before = _everything(engine)
    text = ("at,pain_now,pain_worst,medicines\n"
            "2026-11-10 08:00,4,5,ibuprofen:200@08:00\n"
            "2026-11-11 08:00,12,,\n"
            "2026-11-12 08:00,3,,\n")
    with pytest.raises(InvalidInput) as refused:
        import_text(engine, text, "csv")
    assert str(refused.value) == ("row 2 (line 3): 'pain_now' must be a whole number from 0 (no pain) to 10 "
                                  "(worst pain you can imagine); nothing was imported")
    assert refused.value.problems[0].field == "row 2 (line 3): pain_now"
    assert _everything(engine) == before


def test_a_bad_medicine_in_a_csv_names_the_row_and_the_medicines_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_csv("at,pain_now,medicines\n2026-11-10 08:00,4,ibuprofen 400\n")
    assert refused.value.problems[0].field == "row 1 (line 2): medicines"
    assert str(refused.value).startswith("row 1 (line 2): 'ibuprofen 400' is not a medicine dose")


def test_a_json_file_with_one_bad_entry_saves_no_episode_entry_or_assessment(engine: Engine) -> None:
    _fill(engine)
    data = json.loads(export_text(engine, "json", TODAY))
    data["entries"][1]["sleep"] = "badly"
    before = _everything(engine)
    with pytest.raises(InvalidInput) as refused:
        import_text(engine, json.dumps(data), "json")
    assert str(refused.value) == ("entries item 2: 'sleep' must be one of: good, woke_with_pain, poor, no_sleep; "
                                  "nothing was imported")
    assert _everything(engine) == before


def test_a_file_that_is_not_a_diary_is_refused_plainly(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="this is not a backrelief diary file"):
        import_text(engine, '{"hello": 1}', "json")
    with pytest.raises(InvalidInput, match=r"not valid JSON \(line 1\)"):
        import_text(engine, "{nope", "json")
    with pytest.raises(InvalidInput, match="unknown column\\(s\\): colour"):
        import_text(engine, "at,pain_now,colour\n", "csv")


def test_the_fhir_bundle_validates_as_r4b_with_loinc_pain_scores(engine: Engine) -> None:
    _fill(engine)
    bundle = json.loads(export_text(engine, "fhir", TODAY))
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Patient", "Condition", "Observation", "Observation", "MedicationStatement", "MedicationStatement",
                     "Observation", "Observation", "Observation", "QuestionnaireResponse"]
    first = bundle["entry"][2]["resource"]
    assert first["status"] == "final"
    assert first["code"]["coding"][0] == {"system": "http://loinc.org", "code": "72514-3",
                                          "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
    assert first["valueQuantity"]["value"] == 7
    assert bundle["entry"][3]["resource"]["valueQuantity"]["value"] == 9  # the worst since the last entry, its own
    assert first["effectiveDateTime"].startswith("2026-11-03T08:30:00")
    response = bundle["entry"][-1]["resource"]
    assert response["status"] == "completed"
    answers = {i["linkId"]: i["answer"] for i in response["item"]}
    assert answers["age"] == [{"valueInteger": 44}]
    assert answers["pregnant"] == [{"valueBoolean": False}]
    assert answers["knowledge_version"] == [{"valueString": "2026.11.1"}]
    assert all(r["resource"].get("subject", {}).get("reference") == bundle["entry"][0]["fullUrl"]
               for r in bundle["entry"][1:])


def test_importing_the_same_json_twice_adds_nothing_the_second_time(engine: Engine, tmp_path: Path) -> None:
    _fill(engine)
    text = export_text(engine, "json", TODAY)
    other = ensure_database(Settings(database_url=f"sqlite:///{tmp_path}/other.sqlite"))
    import_text(other, text, "json")
    before = _everything(other)
    preview = preview_import(other, text, "json")
    assert (preview.entries, preview.episodes, preview.assessments) == (0, 0, 0)
    again = import_text(other, text, "json")
    assert (again.skipped_entries, again.skipped_episodes, again.skipped_assessments) == (2, 1, 1)
    assert again.added_nothing and _everything(other) == before
    other.dispose()


def test_a_file_with_old_and_new_entries_adds_the_new_ones_to_the_episode_already_there(
        engine: Engine, tmp_path: Path) -> None:
    _fill(engine)
    data = json.loads(export_text(engine, "json", TODAY))
    data["entries"].append({**data["entries"][-1], "at": "2026-11-05T20:00:00", "pain_now": 4})
    data["entries"].append(dict(data["entries"][-1]))  # twice in the file: counted once
    counts = import_text(engine, json.dumps(data), "json")
    assert (counts.entries, counts.skipped_entries, counts.episodes, counts.skipped_episodes) == (1, 3, 0, 1)
    [episode] = Episodes(engine).list()
    assert [e.episode_id for e in Entries(engine).list()] == [episode.id] * 3


def test_a_preview_writes_nothing(engine: Engine) -> None:
    counts = preview_import(engine, "at,pain_now\n2026-11-21 09:00,4\n2026-11-21 09:00,4\n", "csv")
    assert (counts.entries, counts.skipped_entries) == (1, 1)
    assert Entries(engine).list() == []
