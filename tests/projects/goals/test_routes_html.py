"""The goals tab: goals with their SMART letters, added and edited in place, with the messages
inline in the user's language and nothing written when refused."""

from __future__ import annotations

import re

from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World, direct_project, row_counts


def _goal(client, world: World, project_id: int, **body) -> dict:
    from tests.accounts.builders import create

    return create(client, world.token, f"/api/v1/projects/{project_id}/goals", **body)


def test_the_tab_shows_each_goals_smart_letters_and_the_confirmation(client, world: World):
    pid = direct_project(client, world)["id"]
    goal = _goal(
        client,
        world,
        pid,
        statement="高峰期通行不排队",
        metric="平均通行时长",
        target_value="3.5",
        unit="秒",
        deadline="2027-06-30",
    )
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    confirmed = post_form(
        client, f"/projects/{pid}/goals/{goal['id']}/achievable", csrf, {"version": "1"}
    )
    page = client.get(f"/projects/{pid}?tab=goals").text

    assert confirmed.headers["location"] == f"/projects/{pid}?tab=goals&notice=goal-confirmed"
    letters = re.findall(r'<span class="(met|missing)"[^>]*data-letter="(\w)"', page)
    # S misses an owner and R a link; M, A (just confirmed) and T are met
    assert letters == [("missing", "S"), ("met", "M"), ("met", "A"), ("missing", "R"), ("met", "T")]
    assert by_testid(page, f"goal-confirmed-{goal['id']}")[0].startswith("王总 · ")


def test_a_refused_goal_is_shown_inline_in_chinese_and_nothing_is_written(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    response = post_form(
        client,
        f"/projects/{pid}/goals",
        csrf,
        {"kind": "satisfaction", "statement": "客户满意", "current_value": "88"},
    )

    assert response.status_code == 422
    assert by_testid(response.text, "error-current_value") == [
        "满意度目标的当前值由客户忠诚度模块根据调查填写。"
    ]
    assert 'name="statement" rows="2" maxlength="1000">客户满意</textarea>' in response.text
    assert row_counts(uow) == before


def test_a_goal_is_edited_in_place_and_a_blank_input_clears_its_field(client, world: World):
    pid = direct_project(client, world)["id"]
    goal = _goal(client, world, pid, statement="按期上线", metric="上线天数", unit="天")
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    form = {
        "version": "1",
        "kind": "outcome",
        "statement": "按期全部上线",
        "metric": "",
        "unit": "天",
        "target_value": "abc",
    }

    refused = post_form(client, f"/projects/{pid}/goals/{goal['id']}", csrf, form)
    saved = post_form(
        client, f"/projects/{pid}/goals/{goal['id']}", csrf, form | {"target_value": "30"}
    )

    assert refused.status_code == 422
    assert "<details open>" in refused.text
    assert by_testid(refused.text, "error-target_value") == ["Enter a number."]
    assert saved.status_code == 303
    page = client.get(f"/projects/{pid}?tab=goals").text
    assert "按期全部上线" in page
    stored = client.get(
        f"/api/v1/projects/{pid}/goals", headers={"Authorization": f"Bearer {world.token}"}
    ).json()
    assert [(g["statement"], g["metric"], g["target_value"]) for g in stored] == [
        ("按期全部上线", None, "30")
    ]
