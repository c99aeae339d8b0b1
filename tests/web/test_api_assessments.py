"""POST /api/v1/assessments: the triage, and errors in one shape that names the field."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_saddle_numbness_is_triaged_as_an_emergency_with_its_sources(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 45, "findings": ["saddle_numbness"]})
    assert response.status_code == 200
    body = response.json()
    assert body["disposition"] == "emergency"
    assert body["reasons"][0]["rule"] == "ces-saddle-numbness"
    assert body["reasons"][0]["sources"] == ["BMJBP-CES", "GIRFT-CES-2023", "NHS-backpain"]


def test_unasked_red_flags_are_listed_not_taken_as_no(client: TestClient) -> None:
    body = client.post("/api/v1/assessments", json={"age": 45, "findings_absent": ["fever"]}).json()
    assert "saddle_numbness" in body["red_flags_unasked"]
    assert "fever" not in body["red_flags_unasked"]


def test_a_child_is_refused_with_a_message_naming_age(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 12})
    assert response.status_code == 422
    assert response.json() == {"errors": [{
        "field": "age",
        "message": "backrelief is for people aged 16 and over. For back pain in a child or a younger "
                   "teenager, please see a doctor, nurse or pharmacist.",
    }]}


def test_an_unknown_key_is_a_422_naming_the_key(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 40, "colour": "blue"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "colour"
    assert error["message"].startswith("'colour' is not a question we know")


def test_an_out_of_range_severity_names_the_field_and_the_range(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 40, "severity": 11})
    assert response.status_code == 422
    assert response.json() == {"errors": [
        {"field": "severity", "message": "'severity' must be a whole number from 0 to 10, not 11"},
    ]}


def test_missing_age_is_a_422(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"severity": 3})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "age"


def test_a_body_that_is_not_json_is_a_400(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "", "message": "The body is not valid JSON."}]}


def test_a_json_list_is_a_400_asking_for_an_object(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json=[1, 2])
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "", "message": "The body must be a JSON object ({...})."}]}


def test_a_body_over_the_limit_is_413_with_a_message(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", content=b"x" * (3 * 1024 * 1024),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"errors": [{"field": "", "message": "The request is too large. The most we accept is 2048 KB."}]}


def test_an_unknown_api_address_is_a_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": "", "message": "There is nothing at this address."}]}


def test_the_openapi_schema_documents_400_and_422_with_the_error_shape(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations
    for operation in operations:
        for status in ("400", "422"):
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorBody"}


def test_a_list_holding_an_object_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 40, "history_absent": [{}]})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["history_absent"]
