"""POST /api/v1/interview: the same interview engine for API clients."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_an_empty_interview_starts_with_about_you(client: TestClient) -> None:
    answer = client.post("/api/v1/interview", json={})
    assert answer.status_code == 200
    body = answer.json()
    assert body["next"]["id"] == "about-you"
    assert [q["id"] for q in body["next"]["fields"]][:2] == ["age", "sex"]


def test_the_groups_come_with_a_forced_choice_and_an_emergency_ends_it(client: TestClient) -> None:
    state = {"fields": {"age": 40, "sex": "male", "region": "lower", "radiation": "none", "trigger": "lifting",
                        "onset": "sudden", "duration_days": 2, "severity": 4, "worst_severity": 4, "worsens": [],
                        "episodes_last_year": 0}}
    body = client.post("/api/v1/interview", json=state).json()
    assert body["next"]["kind"] == "groups"
    assert body["next"]["groups"][0]["forced"] is True
    done = client.post("/api/v1/interview", json={**state, "findings": {"saddle_numbness": "yes"}}).json()
    assert done["next"] is None
    assert done["triage"]["disposition"] == "emergency"


def test_a_bad_state_is_a_422_naming_the_field(client: TestClient) -> None:
    answer = client.post("/api/v1/interview", json={"findings": {"saddle_numbness": "perhaps"}})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"].startswith("findings")
    answer = client.post("/api/v1/interview", json={"fields": {"age": "forty"}})
    assert answer.status_code == 422
