"""The API's contract (core.contract): every operation of the OpenAPI document declares the
problem responses it can return, a 405 carries `Allow`, and parameters are validated as they
are typed (a date is a date)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Team, bearer, make_team

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture
def team(uow) -> Team:
    with uow() as db:
        return make_team(db)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        if path.startswith("/api/")
        for method, operation in item.items()
        if method in METHODS
    ]


def expected_problems(method: str, operation: dict[str, Any]) -> set[int]:
    """What an operation can answer besides success, read from its own declaration."""
    parameters = operation.get("parameters", [])
    where = {p["in"] for p in parameters}
    headers = {p["name"].lower() for p in parameters if p["in"] == "header"}
    body = "requestBody" in operation
    expected = {401, 403}
    if "path" in where or body:
        expected.add(404)
    if method in {"post", "put", "patch", "delete"}:
        expected.add(409)
    if "if-match" in headers:
        expected |= {412, 428}
    if body:
        expected |= {400, 413}
    if parameters or body:
        expected.add(422)
    return expected


def test_every_operation_declares_the_problems_it_can_return(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    found = operations(document)
    assert len(found) > 100
    missing = []
    for path, method, operation in found:
        responses = operation["responses"]
        for status in sorted(expected_problems(method, operation)):
            declared = responses.get(str(status), {}).get("content", {})
            if declared != {"application/problem+json": {"schema": PROBLEM_REF}}:
                missing.append(f"{method.upper()} {path} {status}")
        for status, response in responses.items():  # no error is declared as plain JSON
            if status.startswith(("4", "5")):
                assert set(response["content"]) == {"application/problem+json"}, (path, status)
    assert missing == []
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "instance"}
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_a_body_that_is_not_utf8_is_the_declared_400(client: TestClient, team: Team) -> None:
    response = client.post(
        "/api/v1/accounts",
        content=b"\xff\xfe{",
        headers={**bearer(team.tokens["owner"]), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    operation = client.get("/api/openapi.json").json()["paths"]["/api/v1/accounts"]["post"]
    assert "400" in operation["responses"]


def test_the_declared_problem_is_what_the_api_answers(client: TestClient, team: Team) -> None:
    response = client.get("/api/v1/accounts?page=0", headers=bearer(team.tokens["owner"]))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["Problem"]
    assert set(schema["required"]) <= set(body)
    assert set(body) <= set(schema["properties"])
    assert body["errors"][0]["field"] == "page"


def test_a_method_the_path_does_not_support_is_a_405_with_allow(
    client: TestClient, team: Team
) -> None:
    """Every API path: a method it does not declare answers 405 and lists exactly the declared
    ones (Starlette named only the methods of the first route of the path: `Allow: GET` on
    `/api/v1/accounts/{id}`, which also takes PATCH)."""
    document = client.get("/api/openapi.json").json()
    headers = bearer(team.tokens["owner"])
    checked = 0
    for path, item in document["paths"].items():
        declared = sorted(m.upper() for m in item if m in METHODS)
        url = re.sub(r"\{\w+_id\}", "1", path)  # every id of the path "1" (…/{report_id}.pdf too)
        url = url.replace("{", "").replace("}", "")
        for method in ("PUT", "OPTIONS", "TRACE"):
            if method not in declared:
                response = client.request(method, url, headers=headers)
                assert response.status_code == 405, (method, url, response.text)
                assert response.headers["allow"] == ", ".join(declared), (method, url)
                assert response.headers["content-type"] == "application/problem+json"
                checked += 1
    assert checked > 150
    pages = client.request("PUT", "/accounts/1")
    assert pages.status_code == 405
    assert "GET" in pages.headers["allow"]


def test_an_id_that_is_not_a_number_names_no_record(client: TestClient, team: Team) -> None:
    headers = bearer(team.tokens["owner"])
    assert client.get("/api/v1/accounts/abc", headers=headers).status_code == 404
    # "graph" is not a member id: the path is the graph's, which only answers GET.
    response = client.patch("/api/v1/opportunities/1/decision-chain/graph", headers=headers)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
