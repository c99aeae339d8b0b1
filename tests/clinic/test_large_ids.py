"""Ids too big for PostgreSQL's 32-bit id columns (2^31 up to 2^62 and past 2^63), on every
clinic route and page that takes one: a plain 404 like any id that does not exist, never a
5xx from the database, and nothing changes."""

from __future__ import annotations

from tests.clinic.conftest import World

BIG = [2**31 - 1, 2**31, 2**32 + 1, 2**53 + 1, 2**62, 2**63, 2**64 + 7]
CLINICIAN_ROUTES = ["/api/v1/clinician/patients/{id}/diary", "/api/v1/clinician/patients/{id}/assessments",
                    "/api/v1/clinician/patients/{id}/report"]
CLINICIAN_PAGES = ["/clinician/patients/{id}", "/clinician/patients/{id}/report", "/clinician/patients/{id}/report.pdf"]


def test_an_id_past_the_database_s_range_is_not_found_on_every_route(world: World) -> None:
    # One world for every id (a fresh database each is most of the time otherwise).
    for big in BIG:
        _not_found_everywhere(world, big)


def _not_found_everywhere(world: World, big: int) -> None:
    bob, alice = world.client("bob"), world.client("alice")
    for route in CLINICIAN_ROUTES:
        answer = bob.api("GET", route.format(id=big))
        assert answer.status_code == 404, (route, big, answer.text[:200])
        assert answer.json()["errors"][0]["message"]
    for page in CLINICIAN_PAGES:
        assert bob.get(page.format(id=big)).status_code == 404, (page, big)
    before = world.clinic.sharing.shares_of(world.people["alice"])
    assert alice.api("DELETE", f"/api/v1/me/shares/{big}").status_code == 404
    assert alice.post(f"/sharing/{big}/revoke").status_code in (303, 404)
    assert world.clinic.sharing.shares_of(world.people["alice"]) == before
    # Alice's own record still opens for Bob: the big ids changed nothing.
    assert bob.api("GET", f"/api/v1/clinician/patients/{world.id('alice')}/diary").status_code == 200
