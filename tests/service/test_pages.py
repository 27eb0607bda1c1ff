"""The service pages: the desk with its clocks, recording a request and acting on it through the
forms (with inline messages in the user's language), a maintenance plan from its form, and the
service calendar."""

from __future__ import annotations

from tests.factories import sign_in
from tests.projects.builders import World
from tests.service.steps import add_plan, add_request, rows


def _owner(client, lang: str = "zh_CN") -> str:
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", lang)
    return csrf


def test_the_desk_shows_each_clock_in_the_users_language(client, world: World):
    late = add_request(client, world).json()
    fresh = add_request(client, world, priority="p4", received_at=None, title="打印机卡纸").json()
    _owner(client)

    page = client.get("/service")
    english = client.get("/service?priority=p4", cookies={"pcrm_lang": "en"})

    assert page.status_code == 200
    assert "门禁闸机无法识别访客二维码" in page.text
    assert "打印机卡纸" in page.text
    response = page.text.split(f'data-testid="response-{late["id"]}">')[1][:40]
    assert response.startswith("已超时")
    assert "剩余" in page.text.split(f'data-testid="response-{fresh["id"]}">')[1][:40]
    assert "门禁闸机" not in english.text
    assert " left" in english.text.split(f'data-testid="response-{fresh["id"]}">')[1][:40]


def test_a_request_is_recorded_from_the_form_and_a_bad_one_comes_back_inline(
    client, world: World, uow
):
    csrf = _owner(client)
    chosen = client.get(f"/service/requests/new?account_id={world.account_id}")
    before = rows(uow)

    refused = client.post(
        "/service/requests/new",
        data={"csrf_token": csrf, "account_id": world.account_id, "title": "", "channel": "phone",
              "category": "fault", "priority": "p2"},
    )  # fmt: skip
    after_refusal = rows(uow)
    made = client.post(
        "/service/requests/new",
        data={"csrf_token": csrf, "account_id": world.account_id, "title": "报表导出失败",
              "channel": "wechat", "category": "fault", "priority": "p2",
              "reporter_id": world.zhang, "received_at": "2026-11-30T10:00"},
    )  # fmt: skip

    assert "张伟" in chosen.text  # the account's people to choose the reporter from
    assert refused.status_code == 422
    assert 'data-testid="error-title"' in refused.text
    assert after_refusal == before
    assert made.status_code == 303
    page = client.get(made.headers["location"])
    assert "报表导出失败" in page.text
    assert "服务请求已登记。" in page.text
    assert "2026年11月30日" in page.text  # received 10:00 Shanghai time, as typed


def test_the_request_page_answers_resolves_and_closes_with_a_rating(client, world: World):
    rid = add_request(client, world).json()["id"]
    csrf = _owner(client)
    base = f"/service/requests/{rid}"

    client.post(f"{base}/response", data={"csrf_token": csrf, "version": "1", "note": "已受理"})
    missing = client.post(
        f"{base}/status", data={"csrf_token": csrf, "version": "2", "status": "awaiting_customer"}
    )
    client.post(
        f"{base}/status",
        data={"csrf_token": csrf, "version": "2", "status": "awaiting_customer",
              "resolution": "重启识读服务"},
    )  # fmt: skip
    client.post(
        f"{base}/status",
        data={"csrf_token": csrf, "version": "3", "status": "closed", "rating": "5"},
    )
    twice = client.post(
        f"{base}/status", data={"csrf_token": csrf, "version": "4", "status": "closed"}
    )
    page = client.get(base)

    assert missing.status_code == 422
    assert "请填写解决方案。" in missing.text
    assert 'data-testid="status">已关闭' in page.text
    assert 'data-testid="rating">5/5' in page.text
    assert "已受理" in page.text
    assert twice.status_code == 409
    assert "该请求已关闭。" in twice.text


def test_a_plan_is_added_from_its_form_and_the_calendar_takes_a_day(client, world: World, uow):
    csrf = _owner(client)

    plan = client.post(
        "/service/plans/new",
        data={"csrf_token": csrf, "account_id": world.account_id, "name": "年度维保",
              "starts_on": "2026-01-01", "ends_on": "2026-12-31", "p1_response": "30",
              "p1_resolution": "240", "p1_atc": "on", "p3_response": "240",
              "p3_resolution": "120"},
    )  # fmt: skip
    ok = client.post(
        "/service/plans/new",
        data={"csrf_token": csrf, "account_id": world.account_id, "name": "年度维保",
              "starts_on": "2026-01-01", "ends_on": "2026-12-31", "p1_response": "30",
              "p1_resolution": "240", "p1_atc": "on"},
    )  # fmt: skip
    day = client.post(
        "/service/settings/days",
        data={"csrf_token": csrf, "day": "2027-01-01", "kind": "holiday", "name": "元旦"},
    )
    calendar = client.get("/service/settings?year=2027")
    official = client.get("/service/settings?year=2026")

    assert plan.status_code == 422
    assert "解决时限不能短于响应时限。" in plan.text
    assert ok.status_code == 303
    shown = client.get(ok.headers["location"])
    assert "P1 紧急" in shown.text
    assert "7×24" in shown.text
    assert day.status_code == 303
    assert 'data-testid="day-2027-01-01"' in calendar.text
    assert 'data-testid="year-unknown"' in calendar.text
    assert "国庆节" in official.text.split('data-testid="day-2026-10-01"')[1][:300]


def test_a_viewer_sees_the_desk_but_cannot_open_the_forms(client, world: World, uow):
    add_plan(client, world)
    sign_in(client, "viewer@acme.example")

    desk = client.get("/service")
    form = client.get("/service/requests/new")

    assert desk.status_code == 200
    assert 'data-testid="new-request"' not in desk.text
    assert form.status_code == 403


def test_the_desk_and_the_plan_list_run_a_fixed_number_of_queries(
    client, world: World, count_queries
):
    add_plan(client, world)
    add_request(client, world)
    _owner(client)
    client.get("/service")  # the session's first use is written once

    with count_queries() as one_desk:
        client.get("/service")
    with count_queries() as one_plan:
        client.get("/service/plans")
    for n in range(4):
        add_plan(client, world, name=f"维保{n}")
        add_request(client, world, title=f"故障{n}")
    with count_queries() as five_desk:
        desk = client.get("/service")
    with count_queries() as five_plans:
        plans = client.get("/service/plans")

    assert desk.text.count('data-testid="row-') == 5
    assert plans.text.count('data-testid="plan-') == 5
    assert one_desk.count == five_desk.count
    assert one_plan.count == five_plans.count
