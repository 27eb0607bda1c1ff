"""The risks tab and pages: the heat map whose cell lists its risks, the register's forms with
the messages inline in the user's language and nothing written when refused, the cross-project
map, and the opportunity's risks tab."""

from __future__ import annotations

from tests.accounts.builders import create
from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.risks.steps import RISK


def _section(page: str, testid: str, end: str) -> str:
    """The markup from the element named `testid` to its closing `end` tag."""
    return page.split(f'data-testid="{testid}"', 1)[1].split(end, 1)[0]


def _risk(client, world: World, pid: int, **body) -> dict:
    return create(client, world.token, f"/api/v1/projects/{pid}/risks", **(RISK | body))


def test_the_tab_shows_the_map_and_a_clicked_cell_lists_its_risks(client, world: World):
    pid = direct_project(client, world)["id"]
    _risk(client, world, pid, probability=4, impact=5, description="甲方预算冻结")
    _risk(client, world, pid, probability=1, impact=1, description="办公场地变更")
    sign_in(client, "owner@acme.example")
    english(client)

    page = client.get(f"/projects/{pid}?tab=risks").text
    clicked = client.get(f"/projects/{pid}?tab=risks&p=4&i=5").text

    assert 'data-testid="risk-cell-4-5" data-count="1"' in page
    assert 'class="band-critical"' in page  # 4 × 5 = 20
    assert "Click a cell of the map to list its open risks." in page
    cell = _section(clicked, "cell-risks", "</ul>")
    assert cell.count("甲方预算冻结") == 1
    assert "办公场地变更" not in cell


def test_a_refused_risk_is_shown_inline_in_chinese_and_nothing_is_written(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    response = post_form(
        client,
        f"/projects/{pid}/risks",
        csrf,
        RISK | {"probability": "9", "impact": "3", "response": "mitigate", "status": "open"},
    )

    assert response.status_code == 422
    assert by_testid(response.text, "error-probability")
    assert "客户机房改造延期" in response.text  # the form keeps what was typed
    assert row_counts(uow) == before
    added = post_form(
        client,
        f"/projects/{pid}/risks",
        csrf,
        RISK | {"probability": "3", "impact": "3", "response": "avoid", "status": "open"},
    )
    assert added.headers["location"] == f"/projects/{pid}?tab=risks&notice=risk-added"


def test_the_cross_project_map_page_lists_a_cells_risks_with_their_project(client, world: World):
    project = direct_project(client, world)
    _risk(client, world, project["id"], probability=2, impact=3, description="供应商交货慢")
    sign_in(client, "owner@acme.example")
    english(client)

    page = client.get("/projects/risks?status=draft&p=2&i=3").text
    listed = client.get("/projects").text

    assert 'data-testid="risk-cell-2-3" data-count="1"' in page
    assert project["code"] in _section(page, "cell-risks", "</table>")
    assert 'href="/projects/risks"' in listed


def test_the_opportunity_has_a_risks_tab_with_its_forms(client, world: World):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    base = f"/opportunities/{world.opportunity_id}"

    overview = client.get(base).text
    added = post_form(
        client,
        f"{base}/risks",
        csrf,
        RISK | {"probability": "2", "impact": "4", "response": "transfer", "status": "open"},
    )
    page = client.get(f"{base}/risks").text

    refused = post_form(
        client,
        f"{base}/risks",
        csrf,
        RISK | {"probability": "7", "impact": "4", "response": "transfer", "status": "open"},
    )
    assert refused.status_code == 422
    assert 'data-testid="error-probability"' in refused.text
    assert 'data-testid="tab-risks"' in overview
    assert added.headers["location"] == f"{base}/risks?notice=risk-added"
    assert "客户机房改造延期" in _section(page, "risks", "</ul>")
    assert 'data-testid="risk-new-form"' in page


def test_the_risk_pages_read_in_a_fixed_number_of_queries(client, world: World, count_queries):
    """One risk or five, with owners, on the tab (a cell clicked) and on the cross-project map:
    the same queries."""
    pid = direct_project(client, world)["id"]
    sign_in(client, "owner@acme.example")

    def counted() -> list[int]:
        found = []
        for url in (f"/projects/{pid}?tab=risks&p=3&i=4", "/projects/risks?status=draft&p=3&i=4"):
            with count_queries() as queries:
                assert client.get(url).status_code == 200
            found.append(queries.count)
        return found

    _risk(client, world, pid, owner_id=world.team.owner.user_id)
    few = counted()
    for n in range(4):
        _risk(client, world, pid, description=f"风险{n}", owner_id=world.team.admin.user_id)
    assert counted() == few
