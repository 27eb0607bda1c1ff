"""The users' pages: forms sent back with messages by field (in the user's language) change
nothing; a saved change goes back to its page with a notice; an edit of an older version keeps
the other person's change; the users list answers HTMX with its table and costs the same
queries for 3 users as for 33."""

from __future__ import annotations

from sqlalchemy import select

from pcrm.identity.permissions import Role
from pcrm.identity.users.models import User
from tests.factories import bearer, csrf_token, make_user, sign_in


def _invite(client, acme, email="invitee@acme.example"):
    created = client.post(
        "/api/v1/invitations",
        headers=bearer(acme.tokens["admin"]),
        json={"email": email, "name": "受邀人", "role": "sales"},
    )
    assert created.status_code == 201, created.text
    return created.json()


def _users(client, acme):
    listed = client.get("/api/v1/users", headers=bearer(acme.tokens["admin"])).json()
    return sorted(u["email"] for u in listed["items"])


def test_an_invitation_accepted_with_a_short_password_is_a_422_that_creates_nobody(
    client, acme, make_client
):
    invitation = _invite(client, acme)
    before = _users(client, acme)
    invitee = make_client()

    refused = invitee.post(
        invitation["url_path"],
        data={"name": "受邀人", "password": "short", "csrf_token": csrf_token(invitee)},
    )

    assert refused.status_code == 422
    assert 'data-testid="error-password">内容过短。</div>' in refused.text
    assert 'value="受邀人"' in refused.text
    assert _users(client, acme) == before
    assert invitee.get(invitation["url_path"]).status_code == 200  # the link still works


def test_a_profile_without_a_name_is_a_422_that_changes_nothing(client, acme):
    csrf = sign_in(client, "owner@acme.example")

    refused = client.post(
        "/settings/profile", data={"name": "", "locale": "en", "csrf_token": csrf}
    )

    assert refused.status_code == 422
    assert 'data-testid="error-name">内容过短。</div>' in refused.text
    me = client.get("/api/v1/me").json()["user"]
    assert (me["name"], me["locale"]) == ("王总", None)


def test_a_profile_saved_with_a_language_remembers_it_in_a_cookie(client, acme):
    csrf = sign_in(client, "owner@acme.example")

    saved = client.post(
        "/settings/profile",
        data={"name": "王总", "english_name": "Boss Wang", "locale": "en", "csrf_token": csrf},
    )

    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings/profile?notice=saved"
    assert saved.cookies["pcrm_lang"] == "en"
    page = client.get(saved.headers["location"])
    assert 'data-testid="notice">Your changes have been saved.</div>' in page.text


def test_revoking_an_invitation_goes_back_to_the_users_with_a_notice(client, acme):
    invitation = _invite(client, acme)
    csrf = sign_in(client, "admin@acme.example")

    revoked = client.post(
        f"/admin/invitations/{invitation['id']}/revoke", data={"csrf_token": csrf}
    )

    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/admin/users?notice=revoked"
    assert (
        '<div class="alert success" role="status">已撤销。</div>'
        in client.get(revoked.headers["location"]).text
    )
    assert client.get("/api/v1/invitations", headers=bearer(acme.tokens["admin"])).json() == []


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
