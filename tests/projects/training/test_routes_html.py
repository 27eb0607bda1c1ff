"""The training tab: the review that the planning gate asks for, needs and sessions with their
attendance and materials, with the messages inline and nothing written when refused."""

from __future__ import annotations

from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World, direct_project, row_counts


def test_the_review_is_recorded_from_the_tab(client, world: World):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    before = client.get(f"/projects/{pid}?tab=training").text

    recorded = post_form(client, f"/projects/{pid}/training/review", csrf, {"note": "无需培训"})
    after = client.get(f"/projects/{pid}?tab=training&notice=training-reviewed").text

    assert by_testid(before, "training-not-reviewed") == [
        "The training needs have not been reviewed. Planning exits only once they are."
    ]
    assert recorded.status_code == 303
    assert by_testid(after, "notice") == ["The review of the training needs was recorded."]
    assert by_testid(after, "training-reviewed")[0].startswith("Reviewed by 王总 on ")


def test_a_need_for_someone_outside_the_account_is_refused_inline(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    response = post_form(
        client,
        f"/projects/{pid}/training/needs",
        csrf,
        {"contact_id": str(world.other_account_contact), "topic": "系统操作"},
    )

    assert response.status_code == 422
    assert by_testid(response.text, "error-contact_id") == ["请选择本项目客户的联系人。"]
    assert row_counts(uow) == before


def test_a_session_is_added_marked_and_given_a_material(client, world: World):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    added = post_form(
        client,
        f"/projects/{pid}/training/sessions",
        csrf,
        [
            ("topic", "门禁系统操作"),
            ("held_on", "2026-12-20"),
            ("trainer", "王工"),
            ("attendee_ids", str(world.zhang)),
            ("attendee_ids", str(world.li)),
        ],
    )
    sessions = client.get(
        f"/api/v1/projects/{pid}/training-sessions",
        headers={"Authorization": f"Bearer {world.token}"},
    ).json()
    sid = sessions[0]["id"]
    marked = post_form(
        client,
        f"/projects/{pid}/training/sessions/{sid}/attendance",
        csrf,
        {f"attendance-{world.zhang}": "present", f"attendance-{world.li}": "absent"},
    )
    uploaded = client.post(
        f"/projects/{pid}/training/sessions/{sid}/materials",
        data={"csrf_token": csrf},
        files={"file": ("讲义.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )
    page = client.get(f"/projects/{pid}?tab=training").text

    assert (added.status_code, marked.status_code, uploaded.status_code) == (303, 303, 303)
    assert f'data-testid="attendance-{sid}-{world.zhang}"' in page
    assert '<option value="present" selected>Present</option>' in page
    assert '<option value="absent" selected>Absent</option>' in page
    material = client.get(
        f"/api/v1/projects/{pid}/training-sessions",
        headers={"Authorization": f"Bearer {world.token}"},
    ).json()[0]["materials"][0]
    download = client.get(f"/projects/{pid}/training/sessions/{sid}/materials/{material['id']}")
    assert download.content == b"%PDF-1.4\n%%EOF\n"
