"""No input makes a write schema fail with anything but a validation error (a 422), and null
in any field of an update answers 422 or a valid write, never 500. Once, `{"aliases": null}`
on an account raised TypeError in the schema's own validator."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.types import WriteModel
from pcrm.main import create_app
from tests.conftest import make_settings
from tests.factories import Team, bearer, make_team

ODD_VALUES: list[Any] = [
    None,
    2**63,
    -(2**63) - 1,
    0,
    -1,
    1.5,
    True,
    "",
    " ",
    "x" * 20_000,
    "\x00",
    "2026-02-30",
    [],
    [None],
    [2**63],
    [{}],
    {},
    {"id": None},
]


def _walk(routes: list[Any]) -> typing.Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _walk(route.original_router.routes)


def _models(annotation: Any) -> typing.Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models(field.annotation)
    for argument in typing.get_args(annotation):
        yield from _models(argument)


def _write_schemas() -> list[type[BaseModel]]:
    """Every model a JSON API route of any area takes as its body, and the models inside them."""
    app = create_app(make_settings("sqlite://"))
    found: dict[str, type[BaseModel]] = {}
    for route in _walk(app.routes):
        if route.body_field is not None and route.path_format.startswith("/api/"):
            for model in _models(route.body_field.field_info.annotation):
                found[f"{model.__module__}.{model.__qualname__}"] = model
    return [found[name] for name in sorted(found)]


WRITE_SCHEMAS = _write_schemas()


def test_the_walk_finds_the_write_schemas_of_every_area():
    areas = {model.__module__.split(".")[1] for model in WRITE_SCHEMAS}
    assert {"identity", "accounts", "relationships", "opportunities"} <= areas
    assert len(WRITE_SCHEMAS) > 40


@pytest.mark.parametrize("model", WRITE_SCHEMAS, ids=lambda m: m.__qualname__)
def test_any_value_in_any_field_is_accepted_or_a_validation_error(model):
    crashes = []
    bodies = [{name: value} for name in model.model_fields for value in ODD_VALUES]
    bodies.append(dict.fromkeys(model.model_fields))
    for body in bodies:
        try:
            model.model_validate(body)
        except ValidationError:
            pass
        except Exception as exc:  # what the test looks for
            crashes.append((body if len(str(body)) < 200 else list(body), repr(exc)))
    assert crashes == []


# --- null in every field of the updates, through the API --------------------------------------


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db, with_sales=False)


def _create(client, token, path, **body):
    response = client.post(path, json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def records(client, acme) -> dict[str, int]:
    token = acme.tokens["owner"]
    account = _create(client, token, "/api/v1/accounts", name="华为技术有限公司")["id"]
    return {
        "account": account,
        "contact": _create(client, token, "/api/v1/contacts", name="张伟", account_id=account)[
            "id"
        ],
        "activity": _create(
            client,
            token,
            "/api/v1/activities",
            account_id=account,
            type="visit",
            subject="拜访",
            occurred_at="2026-03-02T10:00:00+08:00",
        )["id"],
        "opportunity": _create(
            client, token, "/api/v1/opportunities", account_id=account, name="智慧园区一期"
        )["id"],
        "user": acme.viewer.user_id,
    }


UPDATES = {
    "/api/v1/workspace": None,
    "/api/v1/users/{user_id}": "user",
    "/api/v1/accounts/{account_id}": "account",
    "/api/v1/contacts/{contact_id}": "contact",
    "/api/v1/activities/{activity_id}": "activity",
    "/api/v1/opportunities/{opportunity_id}": "opportunity",
}


def test_null_in_any_field_of_an_update_is_a_422_on_it_or_a_valid_write(app, client, acme, records):
    answers: dict[tuple[str, str], int] = {}
    routes = {r.path_format: r for r in _walk(app.routes) if "PATCH" in r.methods}
    for path, kind in UPDATES.items():
        route = routes[path]
        assert route.body_field is not None
        url = path if kind is None else path.replace(path[path.index("{") :], str(records[kind]))
        for name in route.body_field.field_info.annotation.model_fields:
            current = client.get(url, headers=bearer(acme.tokens["owner"]))
            assert current.status_code == 200, (url, current.text)
            response = client.patch(
                url,
                json={name: None},
                headers={**bearer(acme.tokens["owner"]), "If-Match": current.headers["etag"]},
            )
            answers[(path, name)] = response.status_code
            if response.status_code == 422:
                assert [e["field"] for e in response.json()["errors"]] == [name], response.text
    assert {key: status for key, status in answers.items() if status not in (200, 422)} == {}
    assert answers[("/api/v1/accounts/{account_id}", "aliases")] == 422


# --- control characters -----------------------------------------------------------------------

OWN_SCHEMAS = [model for model in WRITE_SCHEMAS if model.__module__.startswith("pcrm.")]


def test_every_write_schema_is_a_write_model():
    assert [m.__qualname__ for m in OWN_SCHEMAS if not issubclass(m, WriteModel)] == []


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f"])
@pytest.mark.parametrize("model", OWN_SCHEMAS, ids=lambda m: m.__qualname__)
def test_a_control_character_in_any_text_is_refused_on_its_field(model, control):
    for name in model.model_fields:
        for value in (f"华为{control}技术", [f"甲{control}"]):
            with pytest.raises(ValidationError) as refused:
                model.model_validate({name: value})
            on_field = [e for e in refused.value.errors() if e["loc"] == (name,)]
            assert [e["msg"] for e in on_field] == [
                "Value error, Remove the control characters from this text."
            ], (name, value)


def test_the_api_refuses_nul_in_a_name_and_writes_nothing(client, uow, acme):
    response = client.post(
        "/api/v1/accounts", json={"name": "华为\x00技术"}, headers=bearer(acme.tokens["owner"])
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [
        {
            "field": "name",
            "message": "Remove the control characters from this text.",
            "type": "value_error",
        }
    ]
    with uow() as db:
        stored = select(func.count()).select_from(Account).execution_options(tenant_scope="global")
        assert db.scalar(stored) == 0


def test_tabs_and_line_breaks_stay_allowed_in_multi_line_text(client, acme, records):
    url = f"/api/v1/accounts/{records['account']}"
    current = client.get(url, headers=bearer(acme.tokens["owner"]))

    response = client.patch(
        url,
        json={"notes": "第一行\r\n第二行\t尾"},
        headers={**bearer(acme.tokens["owner"]), "If-Match": current.headers["etag"]},
    )

    assert response.status_code == 200, response.text
    assert response.json()["notes"] == "第一行\r\n第二行\t尾"


# --- one line ----------------------------------------------------------------------------------


def test_short_text_is_one_line_and_long_text_may_hold_line_breaks():
    # names, titles, tags and addresses are one line; notes are not
    assert {"name", "short_name", "english_name", "aliases", "tags", "city", "address"} <= set(
        AccountCreate.__single_line__
    )
    assert "notes" not in AccountCreate.__single_line__


@pytest.mark.parametrize("breaking", ["\t", "\n", "\r"])
@pytest.mark.parametrize("model", OWN_SCHEMAS, ids=lambda m: m.__qualname__)
def test_a_tab_or_line_break_in_one_line_text_is_refused_on_its_field(model, breaking):
    for name in model.__single_line__:
        for value in (f"华为{breaking}技术", [f"甲{breaking}乙"]):
            with pytest.raises(ValidationError) as refused:
                model.model_validate({name: value})
            on_field = [e for e in refused.value.errors() if e["loc"] == (name,)]
            assert [e["msg"] for e in on_field] == [
                "Value error, Keep this to one line: no tabs or line breaks."
            ], (name, value)


def test_the_api_refuses_a_line_break_in_a_name_and_writes_nothing(client, uow, acme):
    response = client.post(
        "/api/v1/accounts", json={"name": "华为\n技术"}, headers=bearer(acme.tokens["owner"])
    )

    assert (response.status_code, response.json()["errors"]) == (
        422,
        [
            {
                "field": "name",
                "message": "Keep this to one line: no tabs or line breaks.",
                "type": "value_error",
            }
        ],
    )
    with uow() as db:
        stored = select(func.count()).select_from(Account).execution_options(tenant_scope="global")
        assert db.scalar(stored) == 0
