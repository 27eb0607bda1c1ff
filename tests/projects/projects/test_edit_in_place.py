"""In-place editing on the project page: the project itself, a team member, a stakeholder and a
constraint. Edit brings the form by HTMX (or in the tab without it), Save writes through the
same services as the API's PATCH; bad input and an old version come back inline with nothing
written; a viewer sees no edit control and a viewer's post is 403 with nothing written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.accounts.builders import create
from tests.factories import bearer, sign_in
from tests.opportunities.bids import by_testid, post_form
from tests.projects.builders import World, direct_project, row_counts

HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Records:
    project: int
    member: int
    stakeholder: int
    constraint: int


@pytest.fixture
def records(client, world: World) -> Records:
    project = direct_project(
        client, world, budget_amount="800000", start_on="2027-01-04", end_on="2027-06-30"
    )["id"]
    token = world.token
    member = create(
        client,
        token,
        f"/api/v1/projects/{project}/team",
        user_id=world.team.admin.user_id,
        role="technical",
        allocation=50,
    )["id"]
    stakeholder = create(
        client,
        token,
        f"/api/v1/projects/{project}/stakeholders",
        contact_id=world.li,
        project_role="user",
        stakes=["uses"],
        power=2,
        interest=4,
    )["id"]
    constraint = create(
        client,
        token,
        f"/api/v1/projects/{project}/constraints",
        kind="deadline",
        statement="6月底前上线",
        due_on="2027-06-30",
    )["id"]
    return Records(project, member, stakeholder, constraint)


def _get(client, world: World, path: str) -> dict[str, Any]:
    response = client.get(f"/api/v1{path}", headers=bearer(world.token))
    assert response.status_code == 200, response.text
    return dict(response.json())


def _one(client, world: World, path: str, record_id: int) -> dict[str, Any]:
    found = client.get(f"/api/v1{path}", headers=bearer(world.token)).json()
    return next(r for r in found if r["id"] == record_id)


def _htmx_post(client, url: str, csrf: str, data: dict[str, Any] | list[tuple[str, str]]):
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    return client.post(
        url,
        content=urlencode([("csrf_token", csrf), *pairs]),
        headers={**HTMX, "Content-Type": "application/x-www-form-urlencoded"},
    )


PROJECT_FORM = {
    "version": "1",
    "code": "PRJ-2027-001",
    "name": "机房改造二期",
    "manager_id": "",
    "budget_amount": "750000",
    "start_on": "2027-02-01",
    "end_on": "2027-07-31",
    "description": "含UPS更换",
}


def test_the_project_is_edited_in_place_on_the_overview(client, world: World, records, uow):
    p = records.project
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    overview = client.get(f"/projects/{p}")
    card = client.get(f"/projects/{p}/edit", headers=HTMX)
    version = str(_get(client, world, f"/projects/{p}")["version"])

    saved = _htmx_post(
        client,
        f"/projects/{p}/edit",
        csrf,
        PROJECT_FORM | {"version": version, "manager_id": str(world.team.admin.user_id)},
    )

    assert 'data-testid="edit-project"' in overview.text
    assert card.status_code == 200
    assert card.text.lstrip().startswith('<div class="card" data-testid="project-edit">')
    assert 'value="800000.00"' in card.text or 'value="800000"' in card.text
    assert saved.status_code == 204
    assert saved.headers["HX-Redirect"] == f"/projects/{p}?tab=overview&notice=saved"
    stored = _get(client, world, f"/projects/{p}")
    assert (stored["name"], stored["manager_id"], stored["budget_amount"], stored["end_on"]) == (
        "机房改造二期",
        world.team.admin.user_id,
        "750000.00",
        "2027-07-31",
    )
    assert stored["description"] == "含UPS更换"


def test_bad_project_input_and_an_old_version_change_nothing(client, world: World, records, uow):
    p = records.project
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    version = str(_get(client, world, f"/projects/{p}")["version"])
    before = row_counts(uow)
    stored = _get(client, world, f"/projects/{p}")

    backwards = _htmx_post(
        client,
        f"/projects/{p}/edit",
        csrf,
        PROJECT_FORM | {"version": version, "end_on": "2027-01-01"},
    )
    nameless = _htmx_post(
        client, f"/projects/{p}/edit", csrf, PROJECT_FORM | {"version": version, "name": ""}
    )
    money = _htmx_post(
        client,
        f"/projects/{p}/edit",
        csrf,
        PROJECT_FORM | {"version": version, "budget_amount": "很多"},
    )
    stale = _htmx_post(
        client, f"/projects/{p}/edit", csrf, PROJECT_FORM | {"version": str(int(version) + 5)}
    )
    plain = post_form(
        client, f"/projects/{p}/edit", csrf, PROJECT_FORM | {"version": version, "name": ""}
    )

    assert backwards.status_code == nameless.status_code == money.status_code == 422
    assert by_testid(backwards.text, "error-end_on") == ["结束日期早于开始日期。"]
    assert 'data-testid="error-name"' in nameless.text
    assert 'data-testid="error-budget_amount"' in money.text
    assert 'value="很多"' in money.text  # what was typed comes back
    assert stale.status_code == 412
    assert 'data-testid="form-error"' in stale.text
    assert plain.status_code == 422  # without HTMX: the overview with the form in place
    assert 'data-testid="project-edit-form"' in plain.text
    assert row_counts(uow) == before
    assert _get(client, world, f"/projects/{p}") == stored


def test_a_team_member_is_edited_in_place(client, world: World, records, uow):
    p, m = records.project, records.member
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    url = f"/projects/{p}/team/{m}/edit"
    row = client.get(url, headers=HTMX)
    fields = {"version": "1", "role": "pm", "starts_on": "2027-01-04", "ends_on": "2027-03-31"}
    before = row_counts(uow)

    too_much = _htmx_post(client, url, csrf, fields | {"allocation": "150"})
    backwards = _htmx_post(
        client, url, csrf, fields | {"allocation": "60", "ends_on": "2026-12-01"}
    )
    unchanged = row_counts(uow)
    saved = _htmx_post(client, url, csrf, fields | {"allocation": "80", "responsibilities": ""})

    assert row.text.lstrip().startswith(f'<tr data-testid="member-edit-{m}"')
    assert too_much.status_code == backwards.status_code == 422
    assert 'data-testid="error-allocation"' in too_much.text
    assert 'data-testid="error-ends_on"' in backwards.text
    assert unchanged == before
    assert saved.status_code == 204
    member = _one(client, world, f"/projects/{p}/team", m)
    assert (member["role"], member["allocation"], member["ends_on"]) == ("pm", 80, "2027-03-31")
    assert member["responsibilities"]  # blank: the role's default responsibilities


def test_a_stakeholder_is_edited_in_place(client, world: World, records, uow):
    p, s = records.project, records.stakeholder
    csrf = sign_in(client, "owner@acme.example")
    url = f"/projects/{p}/stakeholders/{s}/edit"
    fields = [("version", "1"), ("project_role", "management"), ("interest", "5")]
    before = row_counts(uow)

    out_of_range = _htmx_post(client, url, csrf, [*fields, ("power", "7"), ("stakes", "uses")])
    no_stake = _htmx_post(
        client, url, csrf, [("version", "1"), ("project_role", "manager"), ("power", "5")]
    )
    unchanged = row_counts(uow)
    saved = _htmx_post(
        client,
        url,
        csrf,
        [
            *fields,
            ("power", "5"),
            ("stakes", "decides"),
            ("stakes", "pays"),
            ("is_approver", "on"),
            ("channel", "meeting"),
            ("our_owner_id", str(world.team.owner.user_id)),
        ],
    )

    assert out_of_range.status_code == no_stake.status_code == 422
    assert 'data-testid="error-power"' in out_of_range.text
    assert 'data-testid="error-project_role"' in no_stake.text
    assert unchanged == before
    assert saved.status_code == 204
    stored = _one(client, world, f"/projects/{p}/stakeholders", s)
    assert (stored["project_role"], stored["power"], stored["is_approver"]) == (
        "management",
        5,
        True,
    )
    assert sorted(stored["stakes"]) == ["decides", "pays"]
    assert stored["quadrant"] == "manage_closely"


def test_a_constraint_is_edited_in_place(client, world: World, records, uow):
    p, c = records.project, records.constraint
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    url = f"/projects/{p}/constraints/{c}/edit"
    before = row_counts(uow)

    no_amount = _htmx_post(
        client, url, csrf, {"version": "1", "kind": "budget_ceiling", "statement": "不超过80万"}
    )
    stale = _htmx_post(
        client,
        url,
        csrf,
        {"version": "9", "kind": "deadline", "statement": "7月", "due_on": "2027-07-31"},
    )
    unchanged = row_counts(uow)
    saved = _htmx_post(
        client,
        url,
        csrf,
        {"version": "1", "kind": "budget_ceiling", "statement": "不超过80万", "amount": "800000"},
    )

    assert no_amount.status_code == 422
    assert by_testid(no_amount.text, "error-amount") == ["预算上限需要填写金额。"]
    assert stale.status_code == 412
    assert unchanged == before
    assert saved.status_code == 204
    stored = _one(client, world, f"/projects/{p}/constraints", c)
    assert (stored["kind"], stored["amount"], stored["is_hard"]) == (
        "budget_ceiling",
        "800000.00",
        False,  # the box was left unticked
    )


def test_without_htmx_the_tab_shows_the_form_in_place(client, world: World, records):
    p, s = records.project, records.stakeholder
    sign_in(client, "owner@acme.example")

    asked = client.get(f"/projects/{p}/stakeholders/{s}/edit")
    tab = client.get(asked.headers["location"])

    assert asked.status_code == 303
    assert asked.headers["location"] == f"/projects/{p}?tab=stakeholders&edit=stakeholder-{s}"
    assert f'data-testid="stakeholder-edit-{s}"' in tab.text
    assert 'data-testid="stakeholder-edit-form"' in tab.text


MEMBER_FORM = {"version": "1", "role": "pm", "allocation": "10"}
STAKEHOLDER_FORM = {
    "version": "1",
    "power": "5",
    "interest": "5",
    "project_role": "user",
    "stakes": "uses",
}
CONSTRAINT_FORM = {"version": "1", "kind": "other", "statement": "改"}


@pytest.mark.parametrize(
    ("path", "tab", "control", "form"),
    [
        ("/edit", "overview", "edit-project", PROJECT_FORM),
        ("/team/{member}/edit", "team", "edit-member-{member}", MEMBER_FORM),
        ("/stakeholders/{stakeholder}/edit", "stakeholders", "edit-stakeholder-{stakeholder}",
         STAKEHOLDER_FORM),
        ("/constraints/{constraint}/edit", "constraints", "edit-constraint-{constraint}",
         CONSTRAINT_FORM),
    ],
)  # fmt: skip
def test_a_viewer_sees_no_edit_control_and_cannot_post(
    client, world: World, records, uow, path, tab, control, form
):
    ids = {"member": records.member, "stakeholder": records.stakeholder}
    ids["constraint"] = records.constraint
    csrf = sign_in(client, "viewer@acme.example")
    before = row_counts(uow)
    url = f"/projects/{records.project}{path.format(**ids)}"

    page = client.get(f"/projects/{records.project}?tab={tab}")
    asked = client.get(url, headers=HTMX)
    posted = post_form(client, url, csrf, form)

    assert page.status_code == 200
    assert f'data-testid="{control.format(**ids)}"' not in page.text
    assert asked.status_code == posted.status_code == 403
    assert row_counts(uow) == before


def test_another_workspaces_record_is_not_found(client, world: World, records, uow):
    csrf = sign_in(client, "owner@other.example")
    before = row_counts(uow)

    asked = client.get(f"/projects/{records.project}/team/{records.member}/edit", headers=HTMX)
    posted = post_form(
        client,
        f"/projects/{records.project}/constraints/{records.constraint}/edit",
        csrf,
        {"version": "1", "kind": "other", "statement": "改"},
    )

    assert asked.status_code == posted.status_code == 404
    assert row_counts(uow) == before
