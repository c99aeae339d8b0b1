"""How it started through the home API: read, given, corrected, then the person's own (it
limits entry dates); every problem named at once; a change that makes the latest check more
urgent comes back with the answer, as a warning sign in an entry does."""

from __future__ import annotations

from fastapi.testclient import TestClient

from backrelief.assessment import Assessment
from backrelief.services.checks import keep_check
from backrelief.triage import triage
from tests.web.conftest import TODAY

START = {"started_on": "2026-11-20", "onset": "sudden", "trigger": "lifting", "how": "a box of books"}


def test_with_no_episode_the_api_says_how_to_give_one(client: TestClient) -> None:
    answer = client.get("/api/v1/diary/episode")
    assert answer.status_code == 404
    assert "PUT /api/v1/diary/episode" in answer.text


def test_a_start_given_through_the_api_is_the_persons_and_limits_entry_dates(client: TestClient) -> None:
    saved = client.put("/api/v1/diary/episode", json=START)
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert {k: body[k] for k in START} == START
    assert body["start_given"] is True and body["warning_sign"] is None
    assert client.get("/api/v1/diary/episode").json()["id"] == body["id"]
    early = client.post("/api/v1/diary/entries", json={"at": "2026-11-19T09:00", "pain_now": 4})
    assert early.status_code == 422
    assert "on or after the day you said this episode began (2026-11-20)" in early.text


def test_a_check_s_start_is_corrected_in_place_and_unknown_stays_unknown(client: TestClient) -> None:
    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    assessment = Assessment.model_validate({"age": 34, "severity": 4, "duration_days": 2, "trigger": "bending"})
    keep_check(engine, assessment, triage(assessment), TODAY)
    recorded = client.get("/api/v1/diary/episode").json()
    assert (recorded["started_on"], recorded["trigger"], recorded["start_given"]) == ("2026-11-24", "bending", False)
    changed = client.put("/api/v1/diary/episode", json={"started_on": "2026-11-23", "trigger": None}).json()
    assert changed["id"] == recorded["id"]
    assert (changed["started_on"], changed["trigger"], changed["onset"], changed["start_given"]) == (
        "2026-11-23", None, None, True)


def test_every_problem_with_a_start_is_named_at_once_and_nothing_is_saved(client: TestClient) -> None:
    refused = client.put("/api/v1/diary/episode", json={"started_on": "2026-11-27", "trigger": "juggling",
                                                        "how": "x" * 501, "mood": "bad"})
    assert refused.status_code == 422
    fields = {p["field"] for p in refused.json()["errors"]}
    assert {"started_on", "trigger", "how", "mood"} <= fields, refused.text
    assert "up to today (2026-11-26)" in refused.text
    assert client.put("/api/v1/diary/episode", json={}).status_code == 422
    assert client.put("/api/v1/diary/episode", content=b"[]", headers={"content-type": "application/json"}
                      ).status_code in (400, 422)
    assert client.get("/api/v1/diary/episode").status_code == 404


def test_a_fall_from_a_height_given_later_comes_back_as_a_warning_at_once(client: TestClient) -> None:
    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    assessment = Assessment.model_validate({
        "age": 34, "sex": "male", "region": "lower", "radiation": "none", "severity": 4, "duration_days": 2,
        "onset": "sudden", "trigger": "lifting", "findings": [], "history": []})
    kept = keep_check(engine, assessment, triage(assessment), TODAY)
    assert kept.saved.disposition == "self_care"
    answer = client.put("/api/v1/diary/episode", json={**START, "trigger": "fall_from_height"}).json()
    assert answer["warning_sign"] is not None
    assert answer["warning_sign"]["level"] in ("urgent", "emergency")
    assert answer["warning_sign"]["message"].startswith("How it started has changed.")


def test_the_episode_routes_are_in_the_openapi_document_with_their_body(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    put = paths["/api/v1/diary/episode"]["put"]
    schema = put["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["started_on"]
    assert "start_given" not in schema["properties"]
    assert "get" in paths["/api/v1/diary/episode"]
