"""Every list's `sort` parameter is typed in the OpenAPI document as exactly the keys its
repository allow-lists: a key the document offers is one the list sorts by, and no other."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from pcrm.accounts.accounts.repository import ACCOUNT_SORTS
from pcrm.accounts.accounts.schemas import ACCOUNT_SORT_KEYS, AccountQuery
from pcrm.accounts.activities.repository import ACTIVITY_SORTS
from pcrm.accounts.activities.schemas import ACTIVITY_SORT_KEYS
from pcrm.accounts.contacts.repository import CONTACT_SORTS
from pcrm.accounts.contacts.schemas import CONTACT_SORT_KEYS
from pcrm.identity.users.repository import USER_SORTS
from pcrm.identity.users.schemas import USER_SORT_KEYS
from pcrm.opportunities.pipeline.repository import SORTS as OPPORTUNITY_SORTS
from pcrm.opportunities.pipeline.schemas import OPPORTUNITY_SORT_KEYS
from pcrm.projects.projects.repository import SORTS as PROJECT_SORTS
from pcrm.projects.projects.schemas import PROJECT_SORT_KEYS


@pytest.mark.parametrize(
    ("declared", "allowed"),
    [
        (ACCOUNT_SORT_KEYS, ACCOUNT_SORTS),
        (CONTACT_SORT_KEYS, CONTACT_SORTS),
        (ACTIVITY_SORT_KEYS, ACTIVITY_SORTS),
        (OPPORTUNITY_SORT_KEYS, OPPORTUNITY_SORTS),
        (PROJECT_SORT_KEYS, PROJECT_SORTS),
        (USER_SORT_KEYS, USER_SORTS),
    ],
)
def test_the_declared_sort_keys_are_the_repositorys(declared, allowed):
    assert sorted(declared) == sorted(allowed)


def test_every_sort_parameter_of_the_api_is_a_pattern(app):
    untyped = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", ()):
                if parameter["name"] == "sort":
                    variants = parameter["schema"].get("anyOf", [parameter["schema"]])
                    if not any("pattern" in v for v in variants):
                        untyped.append((method, path))
    assert untyped == []


def _sort(value: str | None) -> object:
    return AccountQuery.model_validate({"sort": value}).sort


def test_a_sort_of_known_keys_is_taken_and_any_other_is_refused_on_sort():
    assert [_sort(v) for v in ("name", "-added,name", " -province , name ", "", None)] == [
        "name",
        "-added,name",
        " -province , name ",
        "",
        None,
    ]
    for refused in ("password_hash", "name;drop", "--name", "name,,x", "name " * 60):
        with pytest.raises(ValidationError) as error:
            _sort(refused)
        assert [(e["loc"], e["msg"]) for e in error.value.errors()] == [
            (("sort",), "Value error, Unknown sort field.")
        ], refused


def test_the_documented_pattern_is_the_one_validated():
    schema = AccountQuery.model_json_schema()["properties"]["sort"]
    pattern = next(v["pattern"] for v in schema["anyOf"] if "pattern" in v)
    for value in ("name", "-added,name", "name,-name", "x", "name,"):
        accepted = True
        try:
            _sort(value)
        except ValidationError:
            accepted = False
        assert accepted == bool(re.match(pattern, value)), value
