"""Projects through the API: direct creation with its generated code, changes, the liaison,
status actions and the customer's termination, phases and their gate, the list and the board,
and the workspace's walls."""

from __future__ import annotations

import pytest

from pcrm.core.pagination import PageRequest, parse_sort
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.projects import gates
from pcrm.projects.projects import repository as repo
from pcrm.projects.projects.models import Project
from pcrm.projects.projects.schemas import ProjectFilters
from pcrm.projects.projects.service import project_reads
from pcrm.projects.vocab import Phase, ProjectStatus
from tests.factories import bearer, current
from tests.projects.builders import (
    World,
    approved_plan,
    convert,
    direct_project,
    row_counts,
    signed_requirements,
)
from tests.projects.closure.steps import closure_acts

EN = {"Accept-Language": "en"}


def _post(client, world: World, path: str, body: dict, token: str | None = None):
    """A POST action on the project (status, phase, termination), naming its current version."""
    headers = bearer(token or world.token) | EN
    project = path.rsplit("/", 1)[0]
    return client.post(path, json=body, headers=current(client, project, headers))


def test_codes_are_generated_per_workspace_and_editable_but_unique(client, world: World, uow):
    first = direct_project(client, world)
    second = direct_project(client, world, name="网络改造")
    year = first["created_at"][:4]
    assert (first["code"], second["code"]) == (f"PRJ-{year}-001", f"PRJ-{year}-002")

    renamed = client.patch(
        f"/api/v1/projects/{second['id']}",
        json={"code": "HW-NET"},
        headers=current(client, f"/api/v1/projects/{second['id']}", bearer(world.token)),
    )
    assert renamed.json()["code"] == "HW-NET"

    before = row_counts(uow)
    taken = client.patch(
        f"/api/v1/projects/{second['id']}",
        json={"code": first["code"].lower()},
        headers=current(client, f"/api/v1/projects/{second['id']}", bearer(world.token) | EN),
    )
    assert taken.status_code == 422
    assert taken.json()["errors"] == [
        {"field": "code", "message": "Another project already has this code.", "type": "unique"}
    ]
    assert row_counts(uow) == before


def test_the_status_follows_the_life_cycle(client, world: World):
    project = direct_project(client, world)
    closure_acts(client, world, project["id"])  # the closure gate's acts (projects/closure)
    path = f"/api/v1/projects/{project['id']}/status"
    seen = []
    for status in ("active", "on_hold", "active", "closed", "archived"):
        response = _post(client, world, path, {"status": status})
        assert response.status_code == 200, response.text
        seen.append(response.json()["status"])
    assert seen == ["active", "on_hold", "active", "closed", "archived"]


@pytest.mark.parametrize(
    ("moves", "refused", "message"),
    [
        ((), "closed", "Only an active project can be closed."),
        ((), "on_hold", "Only an active project can be put on hold."),
        (("active",), "draft", "A project cannot go back to draft."),
        (("active",), "archived", "Only a closed project can be archived."),
        (
            ("active",),
            "terminated",
            "Record the customer's termination with its date, reason and person.",
        ),
        (
            ("active", "closed", "archived"),
            "active",
            "This project is archived and can no longer be changed.",
        ),
    ],
)
def test_an_illegal_status_move_is_a_409_that_says_why(
    client, world: World, uow, moves, refused, message
):
    project = direct_project(client, world)
    if "closed" in moves:
        closure_acts(client, world, project["id"])
    path = f"/api/v1/projects/{project['id']}/status"
    for status in moves:
        assert _post(client, world, path, {"status": status}).status_code == 200
    before = row_counts(uow)

    response = _post(client, world, path, {"status": refused})

    assert (response.status_code, response.json()["detail"]) == (409, message)
    assert row_counts(uow) == before


def test_the_customer_terminates_a_project_which_archives_it(client, world: World):
    project = direct_project(client, world)
    path = f"/api/v1/projects/{project['id']}"
    _post(client, world, f"{path}/status", {"status": "active"})

    response = _post(
        client,
        world,
        f"{path}/termination",
        {
            "terminated_on": "2026-11-30",
            "reason": "预算冻结",
            "terminated_by_id": world.zhang,
            "costs": "120000.50",
        },
    )

    body = response.json()
    assert (body["status"], body["terminated_on"], body["termination_reason"]) == (
        "terminated",
        "2026-11-30",
        "预算冻结",
    )
    assert (body["terminated_by_name"], body["termination_costs"], body["next_statuses"]) == (
        "张伟",
        "120000.50",
        [],
    )
    # and nothing may change on it any more
    refused = client.patch(
        path, json={"name": "x"}, headers=current(client, path, bearer(world.token) | EN)
    )
    assert refused.status_code == 409


def test_the_liaison_is_a_contact_of_the_account_appointed_by_the_customer(
    client, world: World, uow
):
    project = direct_project(client, world)
    path = f"/api/v1/projects/{project['id']}/liaison"
    before = row_counts(uow)

    refused = client.put(
        path,
        json={"liaison_id": world.other_account_contact, "appointed_by_id": world.zhang},
        headers=current(client, f"/api/v1/projects/{project['id']}", bearer(world.token) | EN),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "liaison_id",
            "message": "Choose a contact of the project's account.",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before

    appointed = client.put(
        path,
        json={"liaison_id": world.li, "appointed_by_id": world.zhang, "appointed_on": "2026-12-01"},
        headers=current(client, f"/api/v1/projects/{project['id']}", bearer(world.token)),
    ).json()
    assert (
        appointed["liaison_name"],
        appointed["liaison_appointed_by_name"],
        appointed["liaison_appointed_on"],
    ) == ("李娜", "张伟", "2026-12-01")


def test_the_phase_moves_through_open_gates_and_stops_at_the_last(client, world: World):
    project = direct_project(client, world)
    signed_requirements(client, world, project["id"])
    path = f"/api/v1/projects/{project['id']}/phase"
    phases = [_post(client, world, path, {}).json()["phase"]]
    approved_plan(client, world, project["id"])
    _post(client, world, f"/api/v1/projects/{project['id']}/training-reviews", {})
    phases += [_post(client, world, path, {}).json()["phase"] for _ in range(2)]
    assert phases == ["planning", "execution", "closure"]

    last = _post(client, world, path, {})
    assert (last.status_code, last.json()["detail"]) == (
        409,
        "The project is already in its last phase.",
    )


def test_a_blocked_gate_is_passed_only_by_an_administrator_with_a_reason(
    client, world: World, uow, monkeypatch
):
    # given a gate that lists something missing
    monkeypatch.setattr(
        gates,
        "exit_blockers",
        lambda facts: [gates.Blocker("signoff", "The customer has not signed off.")],
    )
    project = direct_project(client, world)
    path = f"/api/v1/projects/{project['id']}/phase"
    assert client.get(
        f"/api/v1/projects/{project['id']}/gate", headers=bearer(world.token)
    ).json() == [{"code": "signoff", "message": "The customer has not signed off."}]
    before = row_counts(uow)

    # without a reason, or by someone else than an administrator, it stays shut
    blocked = _post(client, world, path, {})
    assert (blocked.status_code, blocked.json()["detail"]) == (
        409,
        "The gate of this phase is not passed yet: see what is missing.",
    )
    not_admin = _post(
        client, world, path, {"override_reason": "客户口头确认"}, world.team.tokens["sales"]
    )
    assert not_admin.status_code == 403
    assert row_counts(uow) == before

    # an administrator passes it with the reason, recorded with the phase change
    passed = _post(
        client, world, path, {"override_reason": "客户口头确认"}, world.team.tokens["admin"]
    )
    assert passed.status_code == 200
    change = passed.json()["phase_changes"][0]
    assert (change["from_phase"], change["to_phase"], change["overridden"]) == (
        "needs",
        "planning",
        True,
    )
    assert (change["override_reason"], change["changed_by_id"]) == (
        "客户口头确认",
        world.team.admin.user_id,
    )


def test_the_list_filters_sorts_and_pages_in_a_fixed_number_of_queries(
    client, world: World, count_queries
):
    convert(client, world)
    for n in range(3):
        direct_project(
            client,
            world,
            name=f"运维{n}",
            budget_amount=str(100 * (n + 1)),
            manager_id=world.team.admin.user_id,
        )
    headers = bearer(world.token)

    page = client.get(
        "/api/v1/projects?q=运维&sort=-budget_amount&page_size=2", headers=headers
    ).json()
    assert [p["name"] for p in page["items"]] == ["运维2", "运维1"]
    assert (page["total"], page["pages"]) == (3, 2)

    drafts = client.get("/api/v1/projects?status=draft&phase=needs", headers=headers).json()
    assert drafts["total"] == 4
    unknown = client.get("/api/v1/projects?sort=secret", headers=headers | EN)
    assert unknown.status_code == 422

    with count_queries() as few:
        client.get("/api/v1/projects?page_size=1", headers=headers)
    with count_queries() as many:
        client.get("/api/v1/projects?page_size=50", headers=headers)
    assert few.count == many.count


def test_the_board_groups_by_phase(client, world: World):
    first = direct_project(client, world)
    direct_project(client, world, name="二号")
    signed_requirements(client, world, first["id"])
    _post(client, world, f"/api/v1/projects/{first['id']}/phase", {})

    board = client.get("/api/v1/projects/board", headers=bearer(world.token)).json()

    assert [(c["phase"], c["count"], [p["name"] for p in c["cards"]]) for c in board] == [
        ("needs", 1, ["二号"]),
        ("planning", 1, ["机房改造"]),
        ("execution", 0, []),
        ("closure", 0, []),
    ]


def test_another_workspace_sees_nothing_and_changes_nothing(client, world: World, uow):
    project = direct_project(client, world)
    stranger = bearer(world.team.tokens["stranger"])
    path = f"/api/v1/projects/{project['id']}"
    before = row_counts(uow)

    assert client.get(path, headers=stranger).status_code == 404
    assert client.patch(path, json={"name": "x"}, headers=stranger).status_code == 404
    assert (
        client.post(f"{path}/status", json={"status": "active"}, headers=stranger).status_code
        == 404
    )
    assert client.get(f"{path}/team", headers=stranger).status_code == 404
    assert client.get("/api/v1/projects", headers=stranger).json()["total"] == 0
    assert row_counts(uow) == before


def test_a_viewer_reads_but_does_not_write(client, world: World, uow):
    project = direct_project(client, world)
    viewer = bearer(world.team.tokens["viewer"])
    before = row_counts(uow)

    assert client.get(f"/api/v1/projects/{project['id']}", headers=viewer).status_code == 200
    refused = client.post(
        f"/api/v1/projects/{project['id']}/status", json={"status": "active"}, headers=viewer
    )
    assert refused.status_code == 403
    assert row_counts(uow) == before


def test_a_stale_if_match_changes_nothing(client, world: World, uow):
    project = direct_project(client, world)
    before = row_counts(uow)
    response = client.patch(
        f"/api/v1/projects/{project['id']}",
        json={"name": "新名"},
        headers=bearer(world.token) | {"If-Match": '"v99"'},
    )
    assert response.status_code == 412
    assert row_counts(uow) == before


def test_the_list_reads_its_page_as_rows_with_the_values_of_the_records(client, world: World, uow):
    """The list reads its page as rows of the projects' columns (no ORM objects, for speed):
    every item equals the read built from the record itself (the detail's path), a converted,
    a budgeted, a managed, a liaised and a terminated project alike."""
    converted = convert(client, world)["id"]
    budgeted = direct_project(
        client, world, name="运维", budget_amount="1234.50", manager_id=world.team.admin.user_id,
        start_on="2027-01-04", end_on="2027-06-30", description="机房运维",
    )["id"]  # fmt: skip
    ended = direct_project(client, world, name="终止项目")["id"]
    path = f"/api/v1/projects/{ended}"
    _post(client, world, f"{path}/status", {"status": "active"})
    _post(
        client,
        world,
        f"{path}/termination",
        {"terminated_on": "2026-11-30", "reason": "预算冻结", "terminated_by_id": world.zhang,
         "costs": "10.00"},
    )  # fmt: skip
    liaised = client.put(
        f"/api/v1/projects/{converted}/liaison",
        json={"liaison_id": world.zhang, "appointed_by_id": world.li},
        headers=current(client, f"/api/v1/projects/{converted}", bearer(world.token)),
    )
    assert liaised.status_code == 200, liaised.text

    listed = client.get("/api/v1/projects?page_size=50", headers=bearer(world.token)).json()

    with uow() as db:
        scope = WorkspaceScope(world.team.owner.workspace_id)
        records = repo.projects_by_ids(db, scope, [converted, budgeted, ended])
        reads = {
            r.id: r.model_dump(mode="json") for r in project_reads(db, scope, [*records.values()])
        }
    assert {item["id"]: item for item in listed["items"]} == reads
    assert reads[ended]["terminated_by_name"] == "张伟"
    assert reads[converted]["liaison_appointed_by_name"] == "李娜"


@pytest.mark.parametrize(
    "filters",
    [
        ProjectFilters(),
        ProjectFilters(statuses=(ProjectStatus.DRAFT, ProjectStatus.ACTIVE)),
        ProjectFilters(phases=(Phase.NEEDS,), q="运维"),
        ProjectFilters(q="50%_x"),
        ProjectFilters(manager_id=1, account_id=1),
    ],
)
@pytest.mark.parametrize("sort", [None, "name", "-budget_amount", "phase,-code", "status,end_on"])
def test_the_lists_prepared_statements_find_what_the_query_finds(
    client, world: World, uow, filters, sort
):
    """The list runs statements built once per shape with the request's values bound: each page
    holds the rows, in the order and with the count, that the list's query gives built anew."""
    convert(client, world)
    for n in range(4):
        name = f"运维{n % 2} 50%_x" if n else "运维 50x"  # only the literal % and _ match
        direct_project(
            client, world, name=name, budget_amount=str(10 * n),
            manager_id=world.team.admin.user_id, end_on=f"2027-0{n + 1}-01",
        )  # fmt: skip
    with uow() as db:
        scope = WorkspaceScope(world.team.owner.workspace_id)
        if filters.manager_id is not None:
            any_project = repo.project_rows_by_ids(db, scope, range(1, 10_000))
            first = next(iter(any_project.values()))
            filters = ProjectFilters(
                manager_id=world.team.admin.user_id, account_id=first.account_id
            )
        order = parse_sort(sort, repo.SORTS, repo.DEFAULT_SORT)
        query = repo._matching(scope, filters)
        expected = list(
            db.scalars(query.order_by(*order, Project.id.desc()).with_only_columns(Project.id))
        )
        pages = [repo.projects_page(db, scope, filters, PageRequest(n, 2), sort) for n in (1, 2, 3)]
    assert [row.id for rows, _total, _capped in pages for row in rows] == expected[:6]
    assert {(total, capped) for _rows, total, capped in pages} == {(len(expected), False)}
