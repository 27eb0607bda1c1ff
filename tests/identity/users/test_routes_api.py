"""The users JSON API: lists, creating and changing users, roles and owners, invitations,
with their conventions (problems, ETags, tenancy, audit)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.users.models import Invitation, User
from tests.factories import bearer, csrf_token, current, make_token, make_user, sign_in


def _count(uow, model):
    with uow() as db:
        return db.scalar(select(func.count()).select_from(model).execution_options(**GLOBAL))


def test_list_users_paginates_sorts_and_filters(client, acme):
    headers = bearer(acme.tokens["viewer"])
    page = client.get("/api/v1/users?sort=-email&page_size=2", headers=headers).json()
    assert [u["email"] for u in page["items"]] == ["viewer@acme.example", "owner@acme.example"]
    assert (page["total"], page["page"], page["page_size"], page["pages"]) == (3, 1, 2, 2)
    second = client.get("/api/v1/users?sort=-email&page_size=2&page=2", headers=headers).json()
    assert [u["email"] for u in second["items"]] == ["admin@acme.example"]
    found = client.get("/api/v1/users?q=王", headers=headers).json()
    assert [u["email"] for u in found["items"]] == ["owner@acme.example"]
    admins = client.get("/api/v1/users?role=admin", headers=headers).json()
    assert [u["email"] for u in admins["items"]] == ["admin@acme.example"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sort=password_hash", "sort"),
        ("page_size=201", "page_size"),
        ("page=0", "page"),
        ("role=emperor", "role"),
    ],
)
def test_bad_list_parameters_are_422_with_the_field(client, acme, query, field):
    response = client.get(f"/api/v1/users?{query}", headers=bearer(acme.tokens["viewer"]))
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Validation failed"
    assert [e["field"] for e in body["errors"]] == [field]


def test_create_user_answers_201_with_etag_and_writes_audit(client, acme, uow):
    response = client.post(
        "/api/v1/users",
        headers=bearer(acme.tokens["admin"]),
        json={
            "email": "New.Person@Acme.example",
            "name": "新人",
            "role": "delivery",
            "password": "a-long-password",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "new.person@acme.example"
    assert response.headers["etag"] == '"v1"'
    assert response.headers["location"] == f"/api/v1/users/{body['id']}"
    history = client.get(
        f"/api/v1/audit-entries?entity_type=user&entity_id={body['id']}",
        headers=bearer(acme.tokens["admin"]),
    ).json()
    assert [(e["action"], e["actor_label"]) for e in history["items"]] == [("create", "管理员")]
    assert history["items"][0]["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        (
            {"email": "not-an-email", "name": "x", "role": "sales", "password": "long-enough-1"},
            ["email"],
        ),
        (
            {"email": "a@acme.example", "name": "", "role": "sales", "password": "long-enough-1"},
            ["name"],
        ),
        (
            {
                "email": "a@acme.example",
                "name": "x" * 101,
                "role": "sales",
                "password": "long-enough-1",
            },
            ["name"],
        ),
        (
            {"email": "a@acme.example", "name": "x", "role": "king", "password": "long-enough-1"},
            ["role"],
        ),
        (
            {"email": "a@acme.example", "name": "x", "role": "sales", "password": "short"},
            ["password"],
        ),
        (
            {
                "email": "owner@acme.example",
                "name": "x",
                "role": "sales",
                "password": "long-enough-1",
            },
            ["email"],
        ),
        (
            {"name": "x", "role": "sales", "password": "long-enough-1", "admin": True},
            ["email", "admin"],
        ),
    ],
)
def test_bad_user_input_is_422_per_field_and_writes_nothing(client, acme, uow, payload, fields):
    users, audits = _count(uow, User), _count(uow, AuditEntry)
    response = client.post("/api/v1/users", json=payload, headers=bearer(acme.tokens["admin"]))
    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["errors"]) == sorted(fields)
    assert (_count(uow, User), _count(uow, AuditEntry)) == (users, audits)


def test_validation_messages_follow_accept_language(client, acme):
    response = client.post(
        "/api/v1/users",
        json={"email": "x@acme.example"},
        headers={**bearer(acme.tokens["admin"]), "Accept-Language": "zh-CN"},
    )
    assert response.json()["title"] == "校验未通过"
    assert {e["message"] for e in response.json()["errors"]} == {"此项为必填项。"}


def test_update_with_a_stale_etag_is_412_and_changes_nothing(client, acme):
    headers = bearer(acme.tokens["admin"])
    url = f"/api/v1/users/{acme.viewer.user_id}"
    etag = client.get(url, headers=headers).headers["etag"]
    first = client.patch(url, json={"name": "访客甲"}, headers={**headers, "If-Match": etag})
    assert first.status_code == 200
    assert first.headers["etag"] == '"v2"'
    stale = client.patch(url, json={"name": "访客乙"}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412
    assert stale.json()["status"] == 412
    assert client.get(url, headers=headers).json()["name"] == "访客甲"


def test_a_viewer_cannot_write_and_nothing_changes(client, acme, uow):
    headers = bearer(acme.tokens["viewer"])
    url = f"/api/v1/users/{acme.admin.user_id}"
    denied = client.patch(url, json={"role": "viewer"}, headers=current(client, url, headers))
    assert denied.status_code == 403
    assert (
        client.patch(
            "/api/v1/workspace",
            json={"name": "改名"},
            headers=current(client, "/api/v1/workspace", headers),
        ).status_code
        == 403
    )
    assert client.get(url, headers=headers).json()["role"] == "admin"
    assert client.get("/api/v1/workspace", headers=headers).json()["name"] == "Acme 工程"


# The audit path names the entity type: ids are shared across tables, so a bare entity_id
# could match one of the stranger's own entries of another kind (seen: a membership).
@pytest.mark.parametrize(
    "path", ["/api/v1/users/{id}", "/api/v1/audit-entries?entity_type=user&entity_id={id}"]
)
def test_another_workspaces_record_is_a_404_like_a_missing_one(client, acme, path):
    stranger = bearer(acme.tokens["stranger"])
    theirs = client.get(path.format(id=acme.viewer.user_id), headers=stranger)
    missing = client.get(path.format(id=999_999), headers=stranger)
    if "audit" in path:
        assert theirs.json()["items"] == missing.json()["items"] == []
        return
    assert theirs.status_code == missing.status_code == 404
    strip = {"instance", "request_id"}
    assert {k: v for k, v in theirs.json().items() if k not in strip} == {
        k: v for k, v in missing.json().items() if k not in strip
    }


def test_another_workspaces_user_cannot_be_changed(client, acme):
    response = client.patch(
        f"/api/v1/users/{acme.viewer.user_id}",
        json={"role": "owner"},
        headers=bearer(acme.tokens["stranger"]),
    )
    assert response.status_code == 404
    mine = client.get(
        f"/api/v1/users/{acme.viewer.user_id}", headers=bearer(acme.tokens["owner"])
    ).json()
    assert mine["role"] == "viewer"


def test_only_an_owner_grants_the_owner_role(client, acme):
    url = f"/api/v1/users/{acme.viewer.user_id}"
    by_admin = client.patch(
        url, json={"role": "owner"}, headers=current(client, url, bearer(acme.tokens["admin"]))
    )
    assert by_admin.status_code == 403
    by_owner = client.patch(
        url, json={"role": "owner"}, headers=current(client, url, bearer(acme.tokens["owner"]))
    )
    assert by_owner.json()["role"] == "owner"


def test_the_last_owner_cannot_be_demoted_or_deactivated(client, acme, uow):
    with uow() as db:
        second_owner = make_user(db, acme.workspace, "co@acme.example", Role.OWNER)
        co_token = make_token(db, acme.workspace, second_owner.email)
    url = f"/api/v1/users/{acme.owner.user_id}"
    demoted = client.patch(
        url, json={"role": "admin"}, headers=current(client, url, bearer(co_token))
    )
    assert demoted.json()["role"] == "admin"
    last = client.patch(
        f"/api/v1/users/{second_owner.user_id}",
        json={"is_active": False},
        headers=current(
            client, f"/api/v1/users/{second_owner.user_id}", bearer(acme.tokens["owner"])
        ),
    )
    assert last.status_code == 403  # the demoted owner is now an admin: may not touch owners
    self_demote = client.patch(
        f"/api/v1/users/{second_owner.user_id}",
        json={"role": "admin"},
        headers=current(client, f"/api/v1/users/{second_owner.user_id}", bearer(co_token)),
    )
    assert self_demote.status_code == 422
    assert self_demote.json()["errors"][0]["field"] == "role"


def test_invitation_flow_through_the_api_and_the_link(client, acme, uow, make_client):
    headers = bearer(acme.tokens["admin"])
    created = client.post(
        "/api/v1/invitations",
        headers=headers,
        json={"email": "invitee@acme.example", "name": "受邀人", "role": "sales"},
    )
    assert created.status_code == 201
    path = created.json()["url_path"]
    assert [i["email"] for i in client.get("/api/v1/invitations", headers=headers).json()] == [
        "invitee@acme.example"
    ]
    invitee = make_client()
    assert "受邀人" in invitee.get(path).text

    accepted = invitee.post(
        path,
        data={"name": "受邀人", "password": "my-own-password", "csrf_token": csrf_token(invitee)},
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/login?notice=joined&email=invitee%40acme.example"
    sign_in(invitee, "invitee@acme.example", "my-own-password")
    me = invitee.get("/api/v1/me").json()
    assert (me["user"]["role"], me["workspace"]["slug"]) == ("sales", "acme")
    assert invitee.get(path).status_code == 404  # a link works once
    with uow() as db:
        invitation = db.scalars(
            select(Invitation).where(Invitation.workspace_id == acme.workspace.id)
        ).one()
    assert invitation.accepted_at is not None


def test_a_revoked_invitation_link_is_dead(client, acme, make_client):
    headers = bearer(acme.tokens["admin"])
    created = client.post(
        "/api/v1/invitations",
        headers=headers,
        json={"email": "late@acme.example", "name": "迟到", "role": "viewer"},
    )
    client.delete(f"/api/v1/invitations/{created.json()['id']}", headers=headers)
    assert make_client().get(created.json()["url_path"]).status_code == 404


def test_only_admins_invite(client, acme):
    response = client.post(
        "/api/v1/invitations",
        headers=bearer(acme.tokens["viewer"]),
        json={"email": "x@acme.example", "name": "x", "role": "sales"},
    )
    assert response.status_code == 403
