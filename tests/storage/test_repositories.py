"""Every repository, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from backrelief.diary.models import EntryCreate, EntryUpdate, EpisodeCreate, Medicine
from backrelief.errors import InvalidInput, NotFound
from backrelief.storage import Assessments, Entries, Episodes
from tests.kept_checks import kept_check


def _entry(day: int, pain: int, **more: object) -> EntryCreate:
    return EntryCreate.model_validate({"at": datetime(2026, 11, day, 9, 30), "pain_now": pain, **more})


def test_an_entry_comes_back_with_every_field_it_was_saved_with(engine: Engine) -> None:
    episode = Episodes(engine).start(EpisodeCreate(started_on=date(2026, 11, 2), onset="sudden", trigger="lifting",
                                                   how="lifting a box of books"))
    written = EntryCreate(
        at=datetime(2026, 11, 3, 8, 15), pain_now=6, pain_worst=8, flares=2, region="lower",
        leg_symptoms="buttock", eased_by=("heat", "movement"), worsened_by=("sitting",), activities=("desk work",),
        heat=True, ice=False, exercise_minutes=20,
        medicines=(Medicine(name="Ibuprofen", dose_mg=400, taken_at=datetime(2026, 11, 3, 8, 0)),),
        sleep="woke_with_pain", impact="some", new_findings=(), notes="stiff getting out of bed",
    )
    saved = Entries(engine).add(written, episode.id)
    again = Entries(engine).get(saved.id)
    assert again == saved
    assert again.episode_id == episode.id
    assert again.model_dump(exclude={"id", "episode_id"}) == written.model_dump()
    assert again.medicines[0].name == "ibuprofen"


def test_entries_are_listed_in_time_order_and_filtered_by_dates(engine: Engine) -> None:
    entries = Entries(engine)
    entries.add_many([_entry(5, 4), _entry(3, 7), _entry(4, 5)])
    assert [e.pain_now for e in entries.list()] == [7, 5, 4]
    assert [e.pain_now for e in entries.list(start=datetime(2026, 11, 4), end=datetime(2026, 11, 5))] == [5]
    assert [e.pain_now for e in entries.list(newest_first=True, limit=2)] == [4, 5]
    assert entries.count() == 3


def test_an_edit_changes_only_the_fields_given(engine: Engine) -> None:
    entries = Entries(engine)
    saved = entries.add(_entry(3, 6, pain_worst=8, heat=True, notes="first"))
    changed = entries.update(saved.id, EntryUpdate(pain_now=3, notes="better after a walk"))
    assert (changed.pain_now, changed.pain_worst, changed.heat, changed.notes) == (3, 8, True, "better after a walk")
    assert entries.get(saved.id) == changed


def test_an_edit_that_breaks_the_entry_is_refused_and_saves_nothing(engine: Engine) -> None:
    entries = Entries(engine)
    saved = entries.add(_entry(3, 6, pain_worst=7))
    with pytest.raises(InvalidInput, match="pain_worst: the worst pain cannot be lower than the pain now"):
        entries.update(saved.id, EntryUpdate(pain_now=9))
    assert entries.get(saved.id) == saved


def test_a_deleted_entry_is_gone_and_deleting_it_again_says_so(engine: Engine) -> None:
    entries = Entries(engine)
    keep, drop = entries.add_many([_entry(3, 6), _entry(4, 5)])
    entries.delete(drop.id)
    assert [e.id for e in entries.list()] == [keep.id]
    with pytest.raises(NotFound, match=f"there is no diary entry {drop.id}"):
        entries.delete(drop.id)


def test_one_person_never_sees_another_persons_entries(engine: Engine) -> None:
    home, other = Entries(engine), Entries(engine, person_id=7)
    mine = home.add(_entry(3, 6))
    theirs = other.add(_entry(3, 2))
    assert [e.id for e in home.list()] == [mine.id]
    assert [e.id for e in other.list()] == [theirs.id]
    with pytest.raises(NotFound):
        other.get(mine.id)


def test_adding_to_an_episode_that_does_not_exist_saves_nothing(engine: Engine) -> None:
    entries = Entries(engine)
    with pytest.raises(NotFound, match="there is no episode 99"):
        entries.add_many([_entry(3, 6), _entry(4, 5)], episode_id=99)
    assert entries.count() == 0


def test_the_latest_episode_is_the_one_that_started_last(engine: Engine) -> None:
    episodes = Episodes(engine)
    assert episodes.latest() is None
    episodes.start(EpisodeCreate(started_on=date(2026, 3, 1), trigger="sports"))
    newer = episodes.start(EpisodeCreate(started_on=date(2026, 11, 2), trigger="moving_furniture", how="a sofa"))
    assert episodes.latest() == newer
    assert [e.trigger for e in episodes.list()] == ["sports", "moving_furniture"]
    ended = episodes.end(newer.id, date(2026, 11, 20))
    assert ended.ended_on == date(2026, 11, 20)
    assert episodes.get(newer.id).ended_on == date(2026, 11, 20)


def test_a_saved_assessment_keeps_its_triage_plan_and_knowledge_version(engine: Engine) -> None:
    assessments = Assessments(engine)
    episode = Episodes(engine).start(EpisodeCreate(started_on=date(2026, 11, 2)))
    first = assessments.save(kept_check({"age": 40, "severity": 7},
                                        {"disposition": "self_care", "knowledge_version": "2026.11.1"},
                                        {"steps": ["keep moving"]}, episode_id=episode.id,
                                        created_at=datetime(2026, 11, 2, 10)))
    second = assessments.save(kept_check({"age": 40, "findings": ["fever"]},
                                         {"disposition": "urgent", "knowledge_version": "2026.11.1"},
                                         created_at=datetime(2026, 11, 9, 10)))
    assert assessments.latest() == second
    kept_plan = assessments.get(first.id).plan
    assert kept_plan is not None and kept_plan.model_extra == {"steps": ["keep moving"]}  # every saved key kept
    assert [(a.disposition, a.knowledge_version) for a in assessments.list()] == [
        ("self_care", "2026.11.1"), ("urgent", "2026.11.1")]


def test_a_triage_without_its_knowledge_version_is_not_saved(engine: Engine) -> None:
    with pytest.raises(ValueError, match="knowledge_version"):
        Assessments(engine).save(kept_check({"age": 40}, {"disposition": "self_care"}))
    assert Assessments(engine).list() == []


def test_deleting_all_entries_removes_only_that_persons_entries(engine: Engine) -> None:
    home, other = Entries(engine), Entries(engine, person_id=7)
    home.add_many([_entry(3, 6), _entry(4, 5)])
    kept = other.add(_entry(3, 2))
    assert home.delete_all() == 2
    assert home.list() == []
    assert other.list() == [kept]
