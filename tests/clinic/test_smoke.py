from __future__ import annotations

from tests.clinic.conftest import World


def test_smoke(world: World) -> None:
    alice = world.client("alice")
    r = alice.post("/my/diary", {"day": "2026-11-25", "time": "09:00", "pain_now": "6", "notes": "stiff"})
    assert r.status_code == 303, r.text
    bob = world.client("bob")
    r = bob.get("/clinician")
    assert r.status_code == 200, r.text
    assert "Alice" in r.text
    r = bob.get(f"/clinician/patients/{world.id('alice')}")
    assert "stiff" in r.text
    r = bob.get(f"/clinician/patients/{world.id('alice')}/report")
    assert r.status_code == 200
    r = world.client("dana").get(f"/clinician/patients/{world.id('alice')}")
    assert r.status_code == 404
    r = alice.get("/my/audit")
    assert "Bob" in r.text, r.text
