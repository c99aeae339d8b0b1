"""The patient's audit view cannot be flooded, and a refused attempt tells the clinician
nothing about which ids are patients: the same answer, and the same work in the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tests.clinic.conftest import World

FLOOD = 120


def _flood(world: World, times: int) -> None:
    """Dana (no share) tries Alice's data `times` times; the rows are made through the real
    refusal path, quickly."""
    dana = world.people["dana"]
    for _ in range(times):
        world.clinic.audit.refused(dana, world.id("alice"), "diary")


def test_a_flood_of_refused_attempts_does_not_hide_a_real_read(world: World) -> None:
    world.client("bob").get(f"/clinician/patients/{world.id('alice')}/report")
    assert world.client("dana").get(f"/clinician/patients/{world.id('alice')}").status_code == 404
    _flood(world, 600)
    page = world.client("alice").get("/my/audit")
    reads = page.text.split("<h2>Refused attempts</h2>")[0]
    assert "Bob &lt;bob@example.org&gt;" in reads and "your report for the doctor" in reads
    assert "601 times a clinician tried to open your data" in page.text
    api = world.client("alice").api("GET", "/api/v1/me/audit").json()
    assert [(a["who"], a["what"]) for a in api["items"]] == [("Bob <bob@example.org>", "report")]
    refused = world.client("alice").api("GET", "/api/v1/me/audit?kind=refused&per_page=100&page=7").json()
    assert (refused["total"], refused["pages"], len(refused["items"])) == (601, 7, 1)


def test_the_audit_page_is_paged_newest_first(world: World) -> None:
    bob = world.client("bob")
    for _ in range(FLOOD // 2):
        bob.get(f"/clinician/patients/{world.id('alice')}/report")
    first = world.client("alice").get("/my/audit")
    assert "Page 1 of 2." in first.text and 'href="/my/audit?page=2&amp;refused_page=1"' in first.text
    assert len(re.findall(r"your report for the doctor", first.text)) == 50
    second = world.client("alice").get("/my/audit?page=2")
    assert len(re.findall(r"your report for the doctor", second.text)) == FLOOD // 2 - 50
    for bad in ("page=0", "page=abc", "page=99999999999999999999", "per_page=100000", "kind=secret"):
        assert world.client("alice").api("GET", f"/api/v1/me/audit?{bad}").status_code == 422


@contextmanager
def statements(world: World) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # The kind of statement and the tables it touches, without the values.
        seen.append(re.sub(r"\s+", " ", re.sub(r"%\(\w+\)s|\$\d+|\?|\d+", "?", statement)))

    event.listen(world.clinic.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(world.clinic.engine, "before_cursor_execute", record)


def test_a_real_patient_id_and_a_made_up_one_cost_the_same_statements(world: World) -> None:
    dana = world.client("dana")
    dana.get("/clinician")
    paths = ["/clinician/patients/{}", "/clinician/patients/{}/report", "/api/v1/clinician/patients/{}/diary"]
    for path in paths:
        answers, work = [], []
        for pid in (world.id("alice"), 999_999, world.id("bob")):
            with statements(world) as seen:
                answer = dana.api("GET", path.format(pid)) if path.startswith("/api") else dana.get(path.format(pid))
            answers.append((answer.status_code, answer.text))
            work.append(seen)
        assert answers[0] == answers[1] == answers[2], path
        assert work[0] == work[1] == work[2], path
