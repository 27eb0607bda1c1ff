"""Dates and instants are validated as the OpenAPI document types them (core.dates): ISO text,
never a number read as a Unix time."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.factories import Team, bearer, make_team


@pytest.fixture
def team(uow) -> Team:
    with uow() as db:
        return make_team(db)


@pytest.mark.parametrize(
    "query",
    [
        "created_to=0",
        "created_from=1700000000",
        "created_to=2026-12-07T00:00:00",
        "created_to=20261207",
        "created_to=",
    ],
)
def test_a_date_filter_takes_only_a_date(client: TestClient, team: Team, query: str) -> None:
    """`created_to=0` listed every account entered before 1970 with a 200 (pydantic reads 0
    as a Unix time); the document says `format: date`, and so does the validation."""
    response = client.get(f"/api/v1/accounts?{query}", headers=bearer(team.tokens["owner"]))
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == query.split("=", maxsplit=1)[0]


def test_a_date_filter_takes_an_iso_date(client: TestClient, team: Team) -> None:
    response = client.get(
        "/api/v1/accounts?created_from=2026-01-01&created_to=2026-12-31",
        headers=bearer(team.tokens["owner"]),
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [("birthday", 0), ("birthday", "0"), ("left_on", 1700000000), ("birthday", "2026-13-40")],
)
def test_a_date_in_a_body_is_a_date(
    client: TestClient, team: Team, uow, field: str, value: object
) -> None:
    headers = bearer(team.tokens["owner"])
    account = client.post("/api/v1/accounts", json={"name": "华为技术有限公司"}, headers=headers)
    assert account.status_code == 201, account.text
    body = {"account_id": account.json()["id"], "name": "张伟", field: value}
    response = client.post("/api/v1/contacts", json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
    listed = client.get("/api/v1/contacts", headers=headers).json()
    assert listed["total"] == 0


def test_a_time_in_a_body_is_a_time(client: TestClient, team: Team) -> None:
    headers = bearer(team.tokens["owner"])
    account = client.post("/api/v1/accounts", json={"name": "华为技术有限公司"}, headers=headers)
    base = {"account_id": account.json()["id"], "type": "call", "subject": "回访"}
    for value in (0, "1700000000", "2026-12-07"):
        response = client.post(
            "/api/v1/activities", json={**base, "occurred_at": value}, headers=headers
        )
        assert response.status_code == 422, (value, response.text)
    for value in ("2026-12-07T09:30:00Z", "2026-12-07T09:30+08:00", "2026-12-07 09:30:00+08:00"):
        response = client.post(
            "/api/v1/activities", json={**base, "occurred_at": value}, headers=headers
        )
        assert response.status_code == 201, (value, response.text)
