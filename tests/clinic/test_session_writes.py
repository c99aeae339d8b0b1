"""Authenticated reads do not write: the session's last use is recorded at most once a
minute, while the 30-minute idle end, the 12-hour end and revocation keep working, and every
read of a patient's data by someone else is still written to the audit log first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backrelief.clinic.tables import AuditRow, SessionRow
from tests.clinic.conftest import World


def _last_seen(world: World, user_id: int) -> list[datetime]:
    with Session(world.clinic.engine) as session:
        return sorted(session.scalars(select(SessionRow.last_seen_at).where(SessionRow.user_id == user_id)))


def test_reads_within_a_minute_leave_the_session_row_unwritten(world: World) -> None:
    alice = world.client("alice")
    before = _last_seen(world, world.id("alice"))
    for _ in range(5):
        world.clock.advance(seconds=10)
        assert alice.api("GET", "/api/v1/me").status_code == 200
        assert alice.api("GET", "/api/v1/me/entries?limit=100").status_code == 200
    assert _last_seen(world, world.id("alice")) == before


def test_the_first_read_after_a_minute_records_the_use(world: World) -> None:
    alice = world.client("alice")
    world.clock.advance(seconds=61)
    assert alice.api("GET", "/api/v1/me").status_code == 200
    assert world.clock.at in _last_seen(world, world.id("alice"))


def test_a_session_used_only_within_its_first_minute_still_ends_thirty_minutes_after_its_recorded_use(
        world: World) -> None:
    alice = world.client("alice")
    world.clock.advance(seconds=59)
    assert alice.api("GET", "/api/v1/me").status_code == 200
    # Counted from the recorded use (to the minute), so it ends no later than 30 minutes idle.
    world.clock.advance(minutes=29, seconds=2)
    assert alice.api("GET", "/api/v1/me").status_code == 401


def test_a_session_in_steady_use_lives_past_thirty_minutes(world: World) -> None:
    alice = world.client("alice")
    for _ in range(40):
        world.clock.advance(seconds=50)
        assert alice.api("GET", "/api/v1/me").status_code == 200


def test_logging_out_ends_the_session_at_once_even_within_the_minute(world: World) -> None:
    alice = world.client("alice")
    assert alice.api("GET", "/api/v1/me").status_code == 200
    assert alice.api("DELETE", "/api/v1/session").status_code == 204
    assert alice.api("GET", "/api/v1/me").status_code == 401


def test_every_read_of_a_patients_diary_by_a_clinician_is_audited_even_within_the_minute(world: World) -> None:
    bob = world.client("bob")
    alice_id = world.id("alice")
    with Session(world.clinic.engine) as session:
        before = session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.patient_id == alice_id))
    for _ in range(3):
        world.clock.advance(seconds=5)
        assert bob.api("GET", f"/api/v1/clinician/patients/{alice_id}/diary").status_code == 200
    with Session(world.clinic.engine) as session:
        after = session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.patient_id == alice_id))
    assert (after or 0) - (before or 0) == 3
