"""The meetings tab: a weekly meeting added with its attendees, an action item added and marked
done, the next meeting created from the last; refused forms inline, nothing written."""

from __future__ import annotations

from tests.factories import sign_in
from tests.opportunities.bids import english, post_form
from tests.projects.builders import World, direct_project, row_counts


def _first_id(page: str, prefix: str) -> int:
    return int(page.split(f'data-testid="{prefix}', 1)[1].split('"', 1)[0])


def test_a_weekly_meeting_with_an_action_item_and_its_next_meeting(client, world: World):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    added = post_form(
        client,
        f"/projects/{pid}/meetings",
        csrf,
        [("kind", "weekly"), ("title", "项目周例会"), ("held_on", "2026-12-07"),
         ("starts_at", "09:30"), ("agenda", "进度回顾"),
         ("user_ids", str(world.team.owner.user_id)), ("contact_ids", str(world.zhang))],
    )  # fmt: skip
    page = client.get(f"/projects/{pid}?tab=meetings").text
    mid = _first_id(page, "meeting-edit-")
    action = post_form(
        client,
        f"/projects/{pid}/meetings/{mid}/actions",
        csrf,
        {
            "description": "提交联调计划",
            "owner_id": str(world.team.admin.user_id),
            "due_on": "2026-12-10",
        },
    )
    with_action = client.get(f"/projects/{pid}?tab=meetings").text
    aid = _first_id(with_action, "action-done-")
    done = post_form(client, f"/projects/{pid}/meeting-actions/{aid}/done", csrf, {"version": "1"})
    following = post_form(client, f"/projects/{pid}/meetings/{mid}/next", csrf, {"version": "1"})
    final = client.get(f"/projects/{pid}?tab=meetings").text

    assert added.headers["location"] == f"/projects/{pid}?tab=meetings&notice=meeting-added"
    assert "Weekly meeting" in page
    assert "张伟" in page
    assert action.headers["location"].endswith("notice=action-added")
    assert "提交联调计划" in with_action
    assert done.headers["location"].endswith("notice=action-saved")
    assert "<s>提交联调计划</s>" in final
    assert following.status_code == 303, following.text[following.text.find("alert") :][:400]
    assert following.headers["location"].endswith("notice=meeting-next")
    assert final.count('data-testid="meeting-edit-') == 2


def test_a_refused_meeting_is_shown_inline_in_chinese_and_nothing_is_written(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    refused = post_form(
        client,
        f"/projects/{pid}/meetings",
        csrf,
        {"kind": "customer", "title": "客户沟通会", "held_on": "", "cadence_days": "200"},
    )

    assert refused.status_code == 422
    assert 'data-testid="error-held_on"' in refused.text
    assert 'data-testid="error-cadence_days"' in refused.text
    assert "客户沟通会" in refused.text
    assert row_counts(uow) == before


def test_the_meetings_and_conflicts_tabs_read_in_a_fixed_number_of_queries(
    client, world: World, count_queries
):
    """One meeting with an action item and one conflict, or four of each: the same queries."""
    from tests.accounts.builders import create

    pid = direct_project(client, world)["id"]
    sign_in(client, "owner@acme.example")
    owner = world.team.owner.user_id

    def grow(n: int) -> None:
        meeting = create(
            client, world.token, f"/api/v1/projects/{pid}/meetings",
            kind="weekly", title=f"周例会{n}", held_on="2026-12-07",
            user_ids=[owner], contact_ids=[world.zhang],
        )  # fmt: skip
        create(
            client, world.token, f"/api/v1/projects/{pid}/meetings/{meeting['id']}/actions",
            description="跟进", owner_id=owner, due_on="2026-12-10",
        )  # fmt: skip
        create(
            client, world.token, f"/api/v1/projects/{pid}/conflicts",
            kind="other", title=f"问题{n}", user_ids=[owner], contact_ids=[world.li],
        )  # fmt: skip

    def counted() -> list[int]:
        found = []
        for tab in ("meetings", "conflicts"):
            with count_queries() as queries:
                assert client.get(f"/projects/{pid}?tab={tab}").status_code == 200
            found.append(queries.count)
        return found

    grow(0)
    few = counted()
    for n in range(1, 4):
        grow(n)
    assert counted() == few
