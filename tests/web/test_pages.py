"""Pages render in zh-CN and en; forms show messages inline in the user's language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.identity.permissions import Role
from pcrm.identity.users.models import User
from tests.factories import make_user, make_workspace, sign_in

PAGES = [
    "/",
    "/settings/profile",
    "/settings/tokens",
    "/admin/users",
    "/admin/workspace",
    "/admin/audit",
]


@pytest.fixture
def owner(uow):
    with uow() as db:
        acme = make_workspace(db)
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        make_user(db, acme, "sales@acme.example", Role.SALES, name="销售甲")
    return owner


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_chinese_by_default_and_in_english(client, owner, path):
    sign_in(client, owner.email)
    zh = client.get(path)
    assert zh.status_code == 200
    assert '<html lang="zh-CN">' in zh.text
    assert "工作台" in zh.text
    client.cookies.set("pcrm_lang", "en")
    en = client.get(path)
    assert '<html lang="en">' in en.text
    assert "Workbench" in en.text


def test_the_language_choice_is_saved_for_the_user(client, make_client, owner):
    token = sign_in(client, owner.email)
    response = client.post(
        "/language", data={"locale": "en", "next": "/admin/users", "csrf_token": token}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users"
    elsewhere = make_client()
    sign_in(elsewhere, owner.email)
    assert "Hello, 王总" in elsewhere.get("/").text


def test_unknown_routes_get_a_friendly_404_page(client, owner):
    assert "页面不存在" in client.get("/no/such/page").text
    sign_in(client, owner.email)
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "页面不存在" in page.text
    assert "工作台" in page.text  # inside the shell


def test_a_sales_user_cannot_open_administration(client, uow, owner):
    sign_in(client, "sales@acme.example")
    for path in ("/admin/users", "/admin/workspace", "/admin/audit"):
        response = client.get(path)
        assert response.status_code == 403
        assert "无权操作" in response.text
    home = client.get("/").text
    assert "/admin/users" not in home


def test_form_errors_are_inline_in_the_users_language(client, owner):
    token = sign_in(client, owner.email)
    zh = client.post(
        "/admin/invitations",
        data={"email": "nope", "name": "", "role": "sales", "csrf_token": token},
    )
    assert zh.status_code == 422
    assert 'data-testid="error-email">请输入有效的邮箱地址。' in zh.text
    assert 'data-testid="error-name">内容过短。' in zh.text
    client.cookies.set("pcrm_lang", "en")
    en = client.post(
        "/admin/invitations",
        data={"email": "nope", "name": "x", "role": "sales", "csrf_token": token},
    )
    assert 'data-testid="error-email">Enter a valid e-mail address.' in en.text


def test_a_stale_form_says_someone_else_changed_it_and_keeps_their_change(client, uow, owner):
    token = sign_in(client, owner.email)
    with uow() as db:
        sales = db.scalars(
            select(User).where(
                User.workspace_id == owner.workspace_id, User.email == "sales@acme.example"
            )
        ).one()
        sales_id, version = sales.id, sales.version
    first = client.post(
        f"/admin/users/{sales_id}",
        data={"csrf_token": token, "version": version, "name": "销售乙", "role": "sales"},
    )
    assert first.status_code == 303
    second = client.post(
        f"/admin/users/{sales_id}",
        data={"csrf_token": token, "version": version, "name": "销售丙", "role": "manager"},
    )
    assert second.status_code == 412
    assert "此记录已被他人修改，请刷新后重试。" in second.text
    with uow() as db:
        stored = db.scalars(
            select(User).where(User.workspace_id == owner.workspace_id, User.id == sales_id)
        ).one()
        assert (stored.name, stored.role) == ("销售乙", Role.SALES)


def test_a_users_page_shows_its_history(client, owner):
    token = sign_in(client, owner.email)
    user = client.get("/api/v1/users?q=sales").json()["items"][0]
    client.post(
        f"/admin/users/{user['id']}",
        data={
            "csrf_token": token,
            "version": user["version"],
            "name": user["name"],
            "role": "manager",
        },
    )
    page = client.get(f"/admin/users/{user['id']}").text
    assert 'data-testid="history"' in page
    assert "<del>销售</del> → <ins>经理</ins>" in page


def test_htmx_gets_only_the_table_fragment(client, owner):
    sign_in(client, owner.email)
    fragment = client.get("/admin/users?q=销售", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert 'data-testid="users-table"' in fragment.text
    assert "销售甲" in fragment.text
    assert "王总" not in fragment.text


def test_an_api_token_is_shown_once(client, owner):
    token = sign_in(client, owner.email)
    created = client.post("/settings/tokens", data={"name": "ERP", "csrf_token": token})
    assert 'data-testid="new-token">pcrm_' in created.text
    assert created.headers["cache-control"] == "no-store"
    assert 'data-testid="new-token"' not in client.get("/settings/tokens").text


def test_password_change_keeps_this_session_and_ends_the_others(client, make_client, owner):
    other = make_client()
    sign_in(other, owner.email)
    token = sign_in(client, owner.email)
    mismatch = client.post(
        "/settings/password",
        data={
            "csrf_token": token,
            "current_password": "correct-horse-42",
            "new_password": "brand-new-secret",
            "confirm_password": "brand-new-secreX",
        },
    )
    assert mismatch.status_code == 422
    assert "两次输入的新密码不一致。" in mismatch.text
    wrong = client.post(
        "/settings/password",
        data={
            "csrf_token": token,
            "current_password": "nope",
            "new_password": "brand-new-secret",
            "confirm_password": "brand-new-secret",
        },
    )
    assert "当前密码不正确。" in wrong.text
    done = client.post(
        "/settings/password",
        data={
            "csrf_token": token,
            "current_password": "correct-horse-42",
            "new_password": "brand-new-secret",
            "confirm_password": "brand-new-secret",
        },
    )
    assert done.status_code == 303
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 303
    fresh = make_client()
    sign_in(fresh, owner.email, "brand-new-secret")


def test_users_page_query_count_does_not_grow_with_rows(client, uow, owner, count_queries):
    sign_in(client, owner.email)
    with count_queries() as few:
        client.get("/admin/users")
    with uow() as db:
        from pcrm.core.tenancy import WorkspaceScope
        from pcrm.identity.workspaces.repository import workspace

        acme = workspace(db, WorkspaceScope(owner.workspace_id))
        for n in range(30):
            make_user(db, acme, f"u{n}@acme.example")
    with count_queries() as many:
        client.get("/admin/users")
    # session + user + workspace, count, page of users, pending invitations
    assert few.count == many.count == 4
