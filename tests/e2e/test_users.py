"""Administering users: inviting someone, and deactivating someone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Dialog, expect

from pcrm.identity.permissions import Role
from tests.e2e.conftest import LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import Member, make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@pytest.fixture
def members(uow: UnitOfWork) -> dict[str, Member]:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        return {
            "owner": make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳"),
            "sales": make_user(
                db, workspace, "zhao.lei@acme.example", role=Role.SALES, name="赵磊"
            ),
        }


def test_an_owner_invites_a_user_who_joins_and_signs_in(
    new_page: NewPage, live_server: LiveServer, members: dict[str, Member]
) -> None:
    # Given an owner on the users page
    owner = new_page("owner")
    sign_in(owner, OWNER)
    owner.goto("/admin/users")
    form = owner.get_by_test_id("invite-form")

    # When they invite a new colleague for delivery
    form.get_by_label("邮箱").fill("li.si@acme.example")
    form.get_by_label("姓名").fill("李四")
    form.get_by_label("角色").select_option("delivery")
    form.get_by_role("button", name="生成邀请链接").click()

    # Then the one-time invitation link is shown, on this server
    link = owner.get_by_test_id("invitation-url")
    expect(link).to_have_text(re.compile(rf"^{re.escape(live_server.url)}/invite/\S+$"))
    invitation_url = link.inner_text().strip()

    # When the invitee opens the link on their own computer and chooses a name and password
    invitee = new_page("invitee")
    invitee.goto(invitation_url)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("加入 Acme 工程")
    expect(invitee.get_by_label("您的姓名")).to_have_value("李四")
    invitee.get_by_label("您的姓名").fill("李思远")
    invitee.get_by_label("密码").fill("a-new-password-7")
    invitee.get_by_role("button", name="创建我的账号").click()

    # Then they land on the sign-in page, welcomed, with their e-mail filled in
    expect(invitee).to_have_url(re.compile(r"/login\?notice=joined&email="))
    expect(invitee.get_by_role("status")).to_have_text("欢迎！您的账号已创建，请使用新密码登录。")
    expect(invitee.get_by_label("邮箱")).to_have_value("li.si@acme.example")

    # When they sign in with the new password
    invitee.get_by_label("密码").fill("a-new-password-7")
    invitee.get_by_role("button", name="登录", exact=True).click()

    # Then the workbench greets them by the name they chose
    expect(invitee.get_by_test_id("greeting")).to_have_text("您好，李思远")
    expect(invitee.get_by_test_id("workspace-name")).to_have_text("Acme 工程")

    # And the owner sees them among the users, as delivery, and no invitation pending
    owner.goto("/admin/users")
    row = owner.get_by_test_id("users-table").locator("tbody tr").filter(has_text="李思远")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("li.si@acme.example")
    expect(row.locator("td").nth(2)).to_have_text("交付")
    expect(row.locator("td").nth(3)).to_have_text("有效")
    expect(owner.get_by_text("没有待接受的邀请。")).to_be_visible()


def test_a_deactivated_user_is_signed_out_on_their_next_page(
    new_page: NewPage, members: dict[str, Member]
) -> None:
    # Given a signed-in salesperson, and an owner looking at their page
    sales = new_page("sales")
    sign_in(sales, members["sales"].email)
    expect(sales.get_by_test_id("greeting")).to_have_text("您好，赵磊")
    owner = new_page("owner")
    sign_in(owner, OWNER)
    owner.goto(f"/admin/users/{members['sales'].user_id}")
    expect(owner.get_by_role("heading", level=1)).to_have_text("赵磊")

    # When the owner deactivates them and confirms
    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    owner.on("dialog", accept)
    owner.get_by_test_id("deactivate").click()

    # Then the owner was asked first, and sees the user deactivated
    expect(owner.get_by_test_id("notice")).to_have_text("修改已保存。")
    assert questions == ["确定停用该用户？其登录会话和 API 令牌将立即失效。"]
    expect(owner.get_by_test_id("reactivate")).to_be_visible()
    expect(owner.locator(".page-head .badge")).to_have_text("已停用")

    # And the salesperson is sent to the sign-in page on their next navigation
    sales.get_by_role("link", name="工作台").click()
    expect(sales).to_have_url(re.compile(r"/login$"))
    expect(sales.get_by_test_id("greeting")).to_have_count(0)
    sales.goto("/settings/profile")
    expect(sales).to_have_url(re.compile(r"/login\?next=%2Fsettings%2Fprofile$"))
