"""The issues and conflicts tab: recorded with its parties, moved by its buttons, resolved with
the customer's agreement; refused forms inline in the user's language, nothing written."""

from __future__ import annotations

from tests.factories import sign_in
from tests.opportunities.bids import english, post_form
from tests.projects.builders import World, direct_project, row_counts


def test_a_conflict_is_recorded_negotiated_and_resolved_on_the_tab(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    added = post_form(
        client,
        f"/projects/{pid}/conflicts",
        csrf,
        [("kind", "information_asymmetry"), ("severity", "high"), ("title", "接口口径理解不一致"),
         ("contact_ids", str(world.zhang)), ("user_ids", str(world.team.owner.user_id))],
    )  # fmt: skip
    assert added.status_code == 303, added.text[-3000:]
    page = client.get(f"/projects/{pid}?tab=conflicts").text
    cid = int(page.split('data-testid="conflict-status-', 1)[1].split('"', 1)[0])
    negotiating = post_form(
        client,
        f"/projects/{pid}/conflicts/{cid}/status",
        csrf,
        {"version": "1", "status": "negotiating"},
    )
    refused = post_form(
        client,
        f"/projects/{pid}/conflicts/{cid}/status",
        csrf,
        {"version": "2", "status": "resolved"},
    )
    resolved = post_form(
        client,
        f"/projects/{pid}/conflicts/{cid}/status",
        csrf,
        {"version": "2", "status": "resolved", "resolution": "以信息中心接口文档为准",
         "agreed_by_id": str(world.zhang)},
    )  # fmt: skip
    done = client.get(f"/projects/{pid}?tab=conflicts").text

    assert added.headers["location"] == f"/projects/{pid}?tab=conflicts&notice=conflict-added"
    assert "Information-asymmetry conflict" in page
    assert "张伟" in page
    assert negotiating.status_code == 303
    assert refused.status_code == 422
    assert "Write the resolution agreed with the customer." in refused.text
    assert resolved.headers["location"].endswith("notice=conflict-moved")
    assert f'data-testid="conflict-status-{cid}" data-status="resolved"' in done
    assert "以信息中心接口文档为准 · 张伟" in done


def test_a_refused_conflict_is_shown_inline_in_chinese_and_an_illegal_move_explained(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    refused = post_form(
        client,
        f"/projects/{pid}/conflicts",
        csrf,
        {"kind": "project_element", "severity": "medium", "title": "成本超支争议"},
    )

    assert refused.status_code == 422
    assert 'data-testid="error-element"' in refused.text
    assert "成本超支争议" in refused.text
    assert row_counts(uow) == before
    post_form(client, f"/projects/{pid}/conflicts", csrf,
              {"kind": "other", "severity": "low", "title": "会议室安排"})  # fmt: skip
    page = client.get(f"/projects/{pid}?tab=conflicts").text
    cid = int(page.split('data-testid="conflict-status-', 1)[1].split('"', 1)[0])
    illegal = post_form(
        client,
        f"/projects/{pid}/conflicts/{cid}/status",
        csrf,
        {"version": "1", "status": "closed"},
    )
    assert illegal.status_code == 409
    assert 'data-testid="problem"' in illegal.text
