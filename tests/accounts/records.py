"""Records and checks that the tests of several sub-packages share: a small CRM for the
pages, a listed workspace for paging, rows for query counts, the records the tenancy checks
aim at, and the answer of one bad request. Each test module wraps what it needs in a fixture."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate, TeamMemberWrite
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.identity.tokens.service import forget_api_tokens
from tests.accounts.builders import (
    CREDIT_CODE,
    OTHER_CREDIT_CODE,
    fields_of,
    new_account,
    new_activity,
    new_contact,
)
from tests.accounts.route_requests import Target
from tests.factories import bearer, current, make_user, make_workspace

# --- one bad request ----------------------------------------------------------------------------


# An edit that names no version (`If-Match: *`): for requests about the data, not the version.
ANY_VERSION = {"If-Match": "*"}


def send(client: TestClient, token: str, method: str, url: str, body: Any) -> tuple[int, Any]:
    """(422, the fields named) for a refused request, else its status and text."""
    response = client.request(method, url, json=body, headers=bearer(token) | ANY_VERSION)
    if response.status_code != 422:
        return response.status_code, response.text
    return 422, fields_of(response)


# --- the pages' CRM ------------------------------------------------------------------------------


def make_crm(uow: Any) -> dict[str, int]:
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    with uow() as db:
        acme = make_workspace(db, "acme", "Acme 工程")
        other = make_workspace(db, "other", "Other 集团")
        make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        make_user(db, acme, "viewer@acme.example", Role.VIEWER, name="访客")
        make_user(db, other, "owner@other.example", Role.OWNER, name="外人")
        boss = operator_principal(db, "acme", "owner@acme.example")
        account = account_service.create_account(
            db,
            boss,
            AccountCreate(
                name="华为技术有限公司",
                short_name="华为",
                industry="telecom",
                province="guangdong",
                tags=["战略客户"],
            ),
        )
        cio = contact_service.create_contact(
            db,
            boss,
            ContactCreate(name="张伟", account_id=account.id, title="CIO", mobile="13812345678"),
        )
        contact_service.create_contact(
            db,
            boss,
            ContactCreate(
                name="李娜", account_id=account.id, title="采购经理", reports_to_id=cio.id
            ),
        )
        activity_service.create_activity(
            db,
            boss,
            ActivityCreate(
                type="visit",
                occurred_at="2026-11-20T10:00:00+08:00",
                account_id=account.id,
                contact_id=cio.id,
                subject="拜访信息中心",
                next_step="发送方案",
                next_step_due="2026-11-25",
                participant_contact_ids=[cio.id],
            ),
        )
        stranger = operator_principal(db, "other", "owner@other.example")
        theirs = account_service.create_account(db, stranger, AccountCreate(name="别家客户"))
        their_contact = contact_service.create_contact(
            db, stranger, ContactCreate(name="外联系人", account_id=theirs.id)
        )
    return {
        "account": account.id,
        "cio": cio.id,
        "theirs": theirs.id,
        "their_contact": their_contact.id,
        "acme": acme.id,
        "other": other.id,
    }


def add_page_rows(uow: Any, count: int) -> None:
    """`count` more accounts of acme's owner, each with a contact and a call with them."""
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        for n in range(count):
            account = account_service.create_account(db, boss, AccountCreate(name=f"客户{n}"))
            contact = contact_service.create_contact(
                db, boss, ContactCreate(name=f"联系人{n}", account_id=account.id)
            )
            activity_service.create_activity(
                db,
                boss,
                ActivityCreate(
                    type="call",
                    occurred_at="2026-11-21T09:00:00+08:00",
                    account_id=account.id,
                    contact_id=contact.id,
                    subject=f"电话{n}",
                    participant_contact_ids=[contact.id],
                ),
            )


# --- lists: paging and query counts ------------------------------------------------------------

PAGED_NAMES = ["甲乙", "丙丁", "Alpha", "beta", "戊己", "Gamma", "庚辛"]


def make_listed(client: TestClient, acme: dict[str, Any]) -> Callable[..., list[int]]:
    """Accounts, contacts and activities to page through; gives the ids a list answers with."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "分页客户")
    for n, name in enumerate(PAGED_NAMES):
        new_account(client, token, f"{name}公司", industry="energy" if n % 2 else "finance")
        new_contact(
            client,
            token,
            account["id"],
            name,
            importance=("key", "normal", "key")[n % 3],
            title=("经理", None, "总监")[n % 3],
        )
        new_activity(
            client, token, account["id"], f"拜访{n}", occurred_at=f"2026-0{n % 3 + 1}-01T09:00:00Z"
        )
    headers = bearer(acme.tokens["viewer"])

    def ids(path: str, **params: Any) -> list[int]:
        response = client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()["items"]]

    return ids


def add_rows(uow: Any, acme: dict[str, Any], start: int, stop: int) -> None:
    """Accounts with a team, each with a contact and an activity that has participants."""
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        for n in range(start, stop):
            account = account_service.create_account(
                db,
                principal,
                AccountCreate(
                    name=f"客户{n:02d}",
                    tags=["重点"],
                    team=[TeamMemberWrite(user_id=acme.admin.user_id, role="sales")],
                ),
            )
            contact = contact_service.create_contact(
                db, principal, ContactCreate(name=f"联系人{n:02d}", account_id=account.id)
            )
            activity_service.create_activity(
                db,
                principal,
                ActivityCreate(
                    type="visit",
                    occurred_at=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=n),
                    account_id=account.id,
                    contact_id=contact.id,
                    subject=f"拜访{n:02d}",
                    participant_contact_ids=[contact.id],
                    participant_user_ids=[acme.admin.user_id],
                ),
            )


def list_cost(client: TestClient, count_queries: Any, headers: Any, path: str) -> tuple[int, int]:
    """(rows, queries) of one request of a list, its token not cached yet."""
    client.get("/api/v1/me", headers=headers)  # the token's last use is recorded once a minute
    forget_api_tokens()
    with count_queries() as counter:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return len(response.json()["items"]), counter.count


# --- tenancy: the records the checks aim at ----------------------------------------------------

MISSING = Target(
    account=999_999,
    contact=999_998,
    activity=999_997,
    account_name="无此单位",
    credit_code=OTHER_CREDIT_CODE,
    mobile="13900009999",
    email="nobody@nowhere.example",
)


def tenancy_records(client: TestClient, acme: dict[str, Any]) -> dict[str, Target]:
    """An account, contact and activity of acme; an account and contact of the stranger's."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为技术有限公司", credit_code=CREDIT_CODE)
    contact = new_contact(
        client,
        token,
        account["id"],
        "张伟",
        mobile="13812345678",
        email="zhang.wei@huawei.com",
    )
    activity = new_activity(
        client,
        token,
        account["id"],
        contact_id=contact["id"],
        next_step="寄送方案",
        next_step_due="2026-03-10",
    )
    theirs = new_account(client, acme.tokens["stranger"], "外部单位")
    their_contact = new_contact(client, acme.tokens["stranger"], theirs["id"], "外人")
    return {
        "acme": Target(
            account=account["id"],
            contact=contact["id"],
            activity=activity["id"],
            account_name="华为技术有限公司",
            credit_code=CREDIT_CODE,
            mobile="13812345678",
            email="zhang.wei@huawei.com",
        ),
        "theirs": Target(
            account=theirs["id"],
            contact=their_contact["id"],
            activity=0,
            account_name="外部单位",
            credit_code="",
            mobile="",
            email="",
        ),
    }


# --- permissions: the records a viewer's requests aim at ---------------------------------------


def write_targets(client: TestClient, acme: dict[str, Any]) -> tuple[Target, Target]:
    """Records for the viewer's unsafe requests, and a second record of each kind (an archived
    twin account, a look-alike contact) where a body names one."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为技术有限公司", credit_code=CREDIT_CODE)
    twin = new_account(client, token, "华为技术股份有限公司")
    contact = new_contact(client, token, account["id"], "张伟", mobile="13812345678")
    twin_contact = new_contact(client, token, account["id"], "张伟 ")
    activity = new_activity(
        client, token, account["id"], next_step="寄送方案", next_step_due="2026-03-10"
    )
    client.post(
        f"/api/v1/accounts/{twin['id']}/archive",
        headers=current(client, f"/api/v1/accounts/{twin['id']}", bearer(token)),
    )
    target = Target(
        account["id"],
        contact["id"],
        activity["id"],
        "华为技术有限公司",
        CREDIT_CODE,
        "13812345678",
        "",
    )
    return target, Target(twin["id"], twin_contact["id"], activity["id"], "", "", "", "")


def read_target(client: TestClient, acme: dict[str, Any]) -> Target:
    """Records for the viewer's safe requests."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为技术有限公司")
    contact = new_contact(client, token, account["id"], "张伟")
    activity = new_activity(client, token, account["id"])
    return Target(account["id"], contact["id"], activity["id"], "华为", "", "", "")


# --- search: a catalogue to search -----------------------------------------------------------


def make_catalogue(client: TestClient, acme: dict[str, Any]) -> dict[str, Any]:
    """Accounts and contacts of acme, one archived account and one of another workspace."""
    token = acme.tokens["owner"]
    huawei = new_account(client, token, "华为技术有限公司")
    new_account(client, token, "华为为技集团")  # has the grams 华为 and 为技, not 华为技
    new_account(client, token, "ＡＢＣ\u3000Ｔｅｃｈ")
    new_account(
        client, token, "中国移动通信集团有限公司", short_name="中移动", aliases=["China Mobile"]
    )
    new_account(client, token, "A_B 科技")
    new_account(client, token, "AXB A_X X_B 工作室")  # grams a_ and _b, and a?b, never a_b
    new_account(client, token, "50%折扣商行")
    new_account(client, token, "50元折扣商行")
    new_account(client, token, "500强0%利率基金")  # grams 50 and 0%, never 50%
    archived = new_account(client, token, "华为终端有限公司")
    response = client.post(
        f"/api/v1/accounts/{archived['id']}/archive",
        headers=current(client, f"/api/v1/accounts/{archived['id']}", bearer(token)),
    )
    assert response.status_code == 200
    new_account(client, acme.tokens["stranger"], "华为云计算技术有限公司")

    zhang = new_contact(
        client,
        token,
        huawei["id"],
        "张伟",
        mobile="13812345678",
        email="Zhang.Wei@Huawei.com",
        title="采购总监",
        department="采购部",
    )
    new_contact(
        client,
        token,
        huawei["id"],
        "李娜",
        mobile="13900001111",
        email="li.na@example.com",
        title="CTO",
        department="信息中心",
    )
    gone = new_contact(client, token, huawei["id"], "王强", mobile="13700002222")
    response = client.post(
        f"/api/v1/contacts/{gone['id']}/archive",
        headers=current(client, f"/api/v1/contacts/{gone['id']}", bearer(token)),
    )
    assert response.status_code == 200
    other = new_account(client, acme.tokens["stranger"], "外部单位")
    new_contact(client, acme.tokens["stranger"], other["id"], "张伟外", mobile="13812345678")
    return {"huawei": huawei, "zhang": zhang}
