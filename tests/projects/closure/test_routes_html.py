"""The closure tab (收尾): the gate's checks, closing refused with the missing acts listed in
the user's language and nothing written, the forms inline with their messages, closing when
every check passes, the cross-project list of improvement actions and the account's and the
opportunity's lessons pages."""

from __future__ import annotations

from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World, convert, row_counts
from tests.projects.closure.steps import SCORES, closure_acts, stakeholder, start


def test_closing_on_the_tab_lists_the_missing_acts_and_writes_nothing(client, world: World, uow):
    pid = convert(client, world)["id"]
    start(client, world, pid)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    before = row_counts(uow)

    refused = post_form(client, f"/projects/{pid}/closure", csrf, {"follow_up_months": "1, 3"})

    assert refused.status_code == 422
    assert by_testid(refused.text, "close-refused") == [
        "The project cannot be closed yet: Record a lessons-learned meeting with the customer "
        "invited. Fill the customer satisfaction analysis. Fill the customer's evaluation of our "
        "project organisation. Write the lessons learned."
    ]
    assert row_counts(uow) == before


def test_a_score_outside_1_to_5_comes_back_inline_in_chinese(client, world: World, uow):
    pid = convert(client, world)["id"]
    stakeholder(client, world, pid)
    csrf = sign_in(client, "owner@acme.example")
    before = row_counts(uow)
    fields = {f"score_{k}": str(v) for k, v in SCORES.items()} | {"score_quality": "7"}

    refused = post_form(
        client,
        f"/projects/{pid}/satisfaction-analysis",
        csrf,
        fields | {"respondent_id": str(world.zhang), "dissatisfied_points": "响应慢\n文档乱"},
    )

    assert refused.status_code == 422
    assert by_testid(refused.text, "error-score_quality") == ["值过大。"]
    assert row_counts(uow) == before


def test_the_project_closes_on_the_tab_and_its_improvements_and_lessons_are_listed(
    client, world: World
):
    pid = convert(client, world)["id"]
    start(client, world, pid)
    closure_acts(client, world, pid)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    page = client.get(f"/projects/{pid}?tab=closure").text
    version = page.split('name="version" value="', 1)[1].split('"', 1)[0]

    added = post_form(
        client,
        f"/projects/{pid}/improvements",
        csrf,
        {"title": "录制操作视频", "source": "improvement_item:培训材料需补充操作视频",
         "owner_id": str(world.team.admin.user_id), "due_on": "2026-12-31"},
    )  # fmt: skip
    closed = post_form(client, f"/projects/{pid}/closure", csrf, {"version": version})

    assert (added.status_code, closed.status_code) == (303, 303)
    tab = client.get(f"/projects/{pid}?tab=closure").text
    assert 'data-testid="check-organisation_evaluation" data-passed="yes"' in tab
    assert "The customer&#39;s evaluation of our project organisation is filled." in tab
    assert by_testid(tab, "closed-note") != []
    listed = client.get("/projects/improvements").text
    assert "录制操作视频" in listed
    assert "Improvement item · 培训材料需补充操作视频" in listed
    lessons = client.get(f"/accounts/{world.account_id}/lessons").text
    assert "每周与客户对齐范围，变更少" in lessons
    own = client.get(f"/opportunities/{world.opportunity_id}/lessons").text
    assert by_testid(own, "account-lessons") != []
    assert "每周与客户对齐范围，变更少" not in own  # the opportunity's own project
