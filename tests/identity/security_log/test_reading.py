"""Administrators read the security log, filtered and paginated, in the JSON API and on its
page next to the audit log; nobody else does, and no workspace sees another's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pcrm.identity.security_log import service
from pcrm.identity.security_log.schemas import SecurityEventNote
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from tests.factories import api_routes, bearer, sign_in

DAY1 = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai, 1 December
DAY2 = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # 01:00 in Shanghai, 3 December


@pytest.fixture
def logged(uow, acme):
    """Five events in acme (two failed sign-ins of the viewer, a success of the admin on
    another day, a refused write of the viewer, a token made by the admin), one in other."""
    ws, viewer, admin = acme.workspace.id, acme.viewer.user_id, acme.admin.user_id

    def note(kind, outcome, user, email, workspace=ws):
        return SecurityEventNote(
            kind=kind, outcome=outcome, workspace_id=workspace, user_id=user, email=email
        )

    with uow() as db:
        fail = SecurityEventKind.SIGN_IN, SecurityOutcome.FAILURE
        service.record(db, note(*fail, viewer, "viewer@acme.example"), DAY1)
        service.record(db, note(*fail, viewer, "viewer@acme.example"), DAY1)
        success = SecurityEventKind.SIGN_IN, SecurityOutcome.SUCCESS
        service.record(db, note(*success, admin, "admin@acme.example"), DAY2)
        refused = SecurityEventKind.WRITE_REFUSED, SecurityOutcome.FAILURE
        service.record(db, note(*refused, viewer, "viewer@acme.example"), DAY2)
        made = SecurityEventKind.TOKEN_CREATED, SecurityOutcome.SUCCESS
        service.record(db, note(*made, admin, "admin@acme.example"), DAY2)
        other = acme.stranger
        service.record(db, note(*fail, other.user_id, other.email, other.workspace_id), DAY1)
    return acme


def _kinds(response):
    assert response.status_code == 200, response.text
    return [(e["kind"], e["outcome"], e["email"]) for e in response.json()["items"]]


def test_an_admin_filters_the_log_by_kind_outcome_user_and_dates(client, logged):
    admin = bearer(logged.tokens["admin"])
    url = "/api/v1/security-events?date_to=2026-12-05"  # not today's: the tokens made

    everything = client.get(url, headers=admin)
    assert everything.json()["total"] == 5
    failures = client.get(f"{url}&kind=sign_in&outcome=failure", headers=admin)
    assert _kinds(failures) == [("sign_in", "failure", "viewer@acme.example")] * 2
    of_viewer = client.get(f"{url}&user_id={logged.viewer.user_id}", headers=admin)
    assert _kinds(of_viewer) == [
        ("write_refused", "failure", "viewer@acme.example"),
        ("sign_in", "failure", "viewer@acme.example"),
        ("sign_in", "failure", "viewer@acme.example"),
    ]
    on_the_3rd = client.get(f"{url}&date_from=2026-12-03", headers=admin)
    assert len(_kinds(on_the_3rd)) == 3
    on_the_1st = client.get(f"{url}".replace("12-05", "12-01"), headers=admin)
    assert len(_kinds(on_the_1st)) == 2
    second_page = client.get(f"{url}&page=2&page_size=2", headers=admin).json()
    assert (second_page["total"], second_page["pages"], len(second_page["items"])) == (5, 3, 2)


def test_bad_filters_answer_422(client, logged):
    admin = bearer(logged.tokens["admin"])
    # a number is no date (pydantic's plain `date` read 0 as 1970-01-01)
    queries = ("kind=nonsense", "outcome=maybe", "date_from=yesterday", "date_to=0", "page=0")
    for query in queries:
        response = client.get(f"/api/v1/security-events?{query}", headers=admin)
        assert response.status_code == 422, query


def test_only_those_who_read_the_audit_log_read_the_security_log(client, logged):
    assert (
        client.get("/api/v1/security-events", headers=bearer(logged.tokens["viewer"])).status_code
        == 403
    )
    assert client.get("/api/v1/security-events").status_code == 401
    sign_in(client, "viewer@acme.example")
    assert client.get("/admin/security").status_code == 403


def test_no_workspace_reads_another_workspaces_events(client, logged):
    stranger = client.get(
        "/api/v1/security-events?date_to=2026-12-05", headers=bearer(logged.tokens["stranger"])
    )
    assert _kinds(stranger) == [("sign_in", "failure", "owner@other.example")]


def test_the_log_has_no_route_that_writes(app):
    routes = [(p, m) for p, m in api_routes(app) if "security" in p]
    assert sorted(p for p, _ in routes) == ["/admin/security", "/api/v1/security-events"]
    assert all(methods <= {"GET", "HEAD"} for _, methods in routes)


@pytest.mark.parametrize(
    ("lang", "title", "failed", "kind"),
    [
        ("zh_CN", "安全日志", "失败", "登录"),
        ("en", "Security log", "Failed", "Sign-in"),
    ],
)
def test_the_page_shows_the_events_filtered_in_the_readers_language(
    client, logged, lang, title, failed, kind
):
    client.cookies.set("pcrm_lang", lang)
    sign_in(client, "admin@acme.example")
    client.cookies.set("pcrm_lang", lang)

    page = client.get(f"/admin/security?outcome=failure&user_id={logged.viewer.user_id}")

    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.text
    assert page.text.count(f'<span class="badge red">{failed}</span>') == 3
    assert f"<td>{kind}</td>" in page.text
    assert '2026-12-01<div class="small">11:00:00</div>' in page.text
    assert "admin@acme.example" not in page.text.split('data-testid="security-table"')[1]
    fragment = client.get(
        "/admin/security?kind=token_created&date_to=2026-12-05", headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text
    assert fragment.text.count("<tr>") == 2  # the head and one event
