"""How it started in clinic mode: the patient gives or corrects it on their own page and
through /api/v1/me/episode, with the home diary's form, rules and words; it is theirs only,
and a clinician's token cannot write it."""

from __future__ import annotations

from datetime import date

from backrelief.storage import Episodes
from tests.clinic.conftest import World

START = {"started_on": "2026-11-20", "onset": "sudden", "trigger": "lifting", "how": "a box of books"}


def test_a_patient_gives_how_it_started_through_the_api_and_only_theirs_changes(world: World) -> None:
    alice = world.client("alice")
    assert alice.api("GET", "/api/v1/me/episode").status_code == 404
    saved = alice.api("PUT", "/api/v1/me/episode", json=START)
    assert saved.status_code == 200, saved.text
    assert saved.json()["start_given"] is True and saved.json()["warning_sign"] is None
    assert alice.api("GET", "/api/v1/me/episode").json()["how"] == "a box of books"
    assert [e.started_on for e in Episodes(world.clinic.engine, world.id("alice")).list()] == [date(2026, 11, 20)]
    assert Episodes(world.clinic.engine, world.id("charlie")).list() == []
    assert world.client("charlie").api("GET", "/api/v1/me/episode").status_code == 404
    # A clinician has no "me/episode": their token is refused like a missing page.
    assert world.client("bob").api("PUT", "/api/v1/me/episode", json=START).status_code == 404
    early = alice.api("POST", "/api/v1/me/entries", json={"at": "2026-11-19T09:00", "pain_now": 3})
    assert early.status_code == 422 and "on or after the day you said this episode began" in early.text


def test_the_api_names_every_problem_at_once(world: World) -> None:
    refused = world.client("alice").api("PUT", "/api/v1/me/episode",
                                        json={"started_on": "2026-12-30", "onset": "slowly"})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"started_on", "onset"}
    assert world.client("visitor").api("PUT", "/api/v1/me/episode", json=START).status_code == 401


def test_the_patients_page_corrects_how_it_started_and_the_diary_shows_it(world: World) -> None:
    alice = world.client("alice")
    assert "Say how this bout started" in alice.get("/my/diary").text
    form = alice.get("/my/how-it-started")
    assert form.status_code == 200 and 'action="/my/how-it-started"' in form.text
    refused = alice.post("/my/how-it-started", {**START, "started_on": "", "trigger": "juggling"})
    assert refused.status_code == 400
    assert "Enter the day it started" in refused.text and "a box of books" in refused.text
    saved = alice.post("/my/how-it-started", START)
    assert (saved.status_code, saved.headers["location"]) == (303, "/my/diary?done=started")
    diary = alice.get("/my/diary?done=started").text
    assert "How it started is saved." in diary and "This bout started on 20 Nov 2026." in diary
    assert world.client("bob").get("/my/how-it-started").status_code == 404
    assert world.client("visitor").get("/my/how-it-started").status_code in (303, 401)
