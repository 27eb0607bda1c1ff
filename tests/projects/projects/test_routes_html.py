"""The project pages: the conversion button on the won opportunity's page, the list, the board,
the project page's tabs in both languages, the forms with their inline messages, the workload."""

from __future__ import annotations

import pytest

from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World, convert, direct_project, row_counts


def test_the_won_opportunity_page_converts_it_and_then_links_to_the_project(client, world: World):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    page = client.get(f"/opportunities/{world.opportunity_id}").text
    assert 'data-testid="convert-to-project"' in page
    assert "Convert to a project" in page

    converted = post_form(client, f"/projects/from-opportunity/{world.opportunity_id}", csrf, {})
    assert converted.status_code == 303
    project_url = converted.headers["location"].split("?")[0]
    assert converted.headers["location"].endswith("?notice=converted")

    again = post_form(client, f"/projects/from-opportunity/{world.opportunity_id}", csrf, {})
    assert again.headers["location"] == f"{project_url}?notice=already-converted"
    page = client.get(f"/opportunities/{world.opportunity_id}").text
    assert 'data-testid="open-project"' in page
    assert f'href="{project_url}"' in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Projects", "Draft", "Needs identification")),
        ("zh_CN", ("项目", "筹备", "识别需求")),
    ],
)
def test_the_list_and_board_show_projects_in_both_languages(client, world: World, lang, words):
    convert(client, world)
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", lang)

    listed = client.get("/projects")
    board = client.get("/projects/board")

    assert listed.status_code == board.status_code == 200
    for word in words:
        assert word in listed.text
    assert by_testid(board.text, "count-needs") == ["1"]


@pytest.mark.parametrize(
    "tab",
    [
        "overview",
        "requirements",
        "baselines",
        "team",
        "stakeholders",
        "constraints",
        "goals",
        "plan",
        "training",
        "history",
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_tab_of_the_project_page_renders(client, world: World, tab, lang):
    project = convert(client, world)
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", lang)

    page = client.get(f"/projects/{project['id']}?tab={tab}")

    assert page.status_code == 200
    assert by_testid(page.text, "project-code") == [project["code"]]


def test_the_grid_places_the_stakeholders_in_their_quadrants(client, world: World):
    project = convert(client, world)
    sign_in(client, "owner@acme.example")
    english(client)
    page = client.get(f"/projects/{project['id']}?tab=stakeholders").text
    assert "张伟" in by_testid(page, "quadrant-manage_closely")[0]
    assert "李娜" in by_testid(page, "quadrant-keep_informed")[0]


def test_a_bad_allocation_is_shown_inline_in_chinese_and_nothing_is_written(
    client, world: World, uow
):
    project = direct_project(client, world)
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    response = post_form(
        client,
        f"/projects/{project['id']}/team",
        csrf,
        {"user_id": str(world.team.sales.user_id), "role": "sales", "allocation": "150"},
    )

    assert response.status_code == 422
    assert by_testid(response.text, "error-allocation") == ["投入比例是 0 到 100 之间的百分比。"]
    assert row_counts(uow) == before


def test_a_refused_status_action_says_why_on_the_page(client, world: World, uow):
    project = direct_project(client, world)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    before = row_counts(uow)

    response = post_form(client, f"/projects/{project['id']}/status", csrf, {"status": "closed"})

    assert response.status_code == 409
    assert by_testid(response.text, "problem") == ["Only an active project can be closed."]
    assert row_counts(uow) == before


def test_a_project_is_created_from_the_form(client, world: World):
    csrf = sign_in(client, "owner@acme.example")
    created = post_form(
        client,
        "/projects/new",
        csrf,
        {"name": "驻场运维", "account_id": str(world.account_id), "budget_amount": "80000"},
    )
    assert created.status_code == 303
    page = client.get(created.headers["location"]).text
    assert '<h1 data-testid="project-name">驻场运维</h1>' in page
    (code,) = by_testid(page, "project-code")
    assert (code[:4], code[-4:]) == ("PRJ-", "-001")


def test_the_workload_page_highlights_over_100(client, world: World):
    first = direct_project(client, world, start_on="2026-12-01", end_on="2026-12-31")
    second = direct_project(client, world, name="二号", start_on="2026-12-01")
    csrf = sign_in(client, "owner@acme.example")
    for project, allocation in ((first, "70"), (second, "40")):
        post_form(
            client,
            f"/projects/{project['id']}/team",
            csrf,
            {
                "user_id": str(world.team.sales.user_id),
                "role": "technical",
                "allocation": allocation,
            },
        )

    page = client.get("/projects/workload?start=2026-12-07").text

    assert page.count('data-testid="over"') == 4  # the four weeks of December from the 7th


def test_the_list_page_runs_a_fixed_number_of_queries(client, world: World, count_queries):
    convert(client, world)
    sign_in(client, "owner@acme.example")
    client.get("/projects?page_size=1")  # the session's first use is written once

    with count_queries() as one:
        client.get("/projects?q=智慧")
    for n in range(4):
        direct_project(client, world, name=f"智慧运维{n}", manager_id=world.team.admin.user_id)
    with count_queries() as five:
        listed = client.get("/projects?q=智慧")

    assert listed.text.count('data-testid="row-') == 5
    assert one.count == five.count
