"""An opportunity of acme with a weighted tender, us and two competitors with estimated scores,
a quote round and a decision chain, for the tests of the bid and decision chain pages; and
the helpers those tests share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import unescape
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from tests.accounts.builders import create, new_contact
from tests.factories import bearer
from tests.opportunities.builders import account, opportunity, row_counts, tender, vendor
from tests.relationships.builders import competitor

ZONE = ZoneInfo("Asia/Shanghai")


def today() -> date:
    return datetime.now(ZONE).date()


@dataclass
class Bid:
    """An opportunity of acme with a weighted tender (技术 50 = 方案 30 + 团队 20, 商务 30,
    价格 20, lowest quote as benchmark), us and two competitors with estimated scores (us 69,
    东方信联 67, 华数智通 71), one quote round three days ago, and 陈局长 on the decision chain;
    云铺科技 is a competitor not on it. `theirs` holds the same kinds of record in workspace
    other."""

    oid: int
    us: int
    a: int
    b: int
    items: dict[str, int]
    rivals: dict[str, int]
    contacts: dict[str, int]
    member: int
    round_id: int
    theirs: dict[str, int] = field(default_factory=dict)


def put_scores(client, token, oid, vendor_id, scores):
    response = client.put(
        f"/api/v1/opportunities/{oid}/vendors/{vendor_id}/scores",
        json={"scores": scores},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text


def post_round(client, token, oid, quoted_on, quotes):
    response = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={"quoted_on": quoted_on.isoformat(), "quotes": quotes},
        headers=bearer(token),
    )
    assert response.status_code == 201, response.text
    return response.json()[-1]["id"]


def add_member(client, token, oid, contact_id, **fields):
    return create(
        client,
        token,
        f"/api/v1/opportunities/{oid}/decision-chain",
        contact_id=contact_id,
        **({"decision_role": "decision_maker"} | fields),
    )


def bid_world(client, token: str, *, name: str = "华为技术有限公司") -> dict[str, Any]:
    """One workspace's bid, built through the API."""
    customer = account(client, token, name)
    oid = opportunity(client, token, customer["id"], budget_amount="1000000.00")["id"]
    sheet = tender(client, token, oid, price_formula="lowest_ratio")
    items = {i["name"]: i["id"] for i in sheet["scoring_items"]}
    items |= {s["name"]: s["id"] for i in sheet["scoring_items"] for s in i["sub_items"]}
    rivals = {n: competitor(client, token, n)["id"] for n in ("东方信联", "华数智通", "云铺科技")}
    va = vendor(client, token, oid, rivals["东方信联"])
    vb = vendor(client, token, oid, rivals["华数智通"])
    listed = client.get(f"/api/v1/opportunities/{oid}/vendors", headers=bearer(token)).json()
    us = listed[0]["id"]
    for vid, (solution, team, commercial) in (
        (us, ("26", "18", "25")),
        (va["id"], ("24", "16", "27")),
        (vb["id"], ("28", "17", "26")),
    ):
        put_scores(
            client,
            token,
            oid,
            vid,
            {items["方案"]: solution, items["团队"]: team, items["商务"]: commercial},
        )
    round_id = post_round(
        client,
        token,
        oid,
        today() - timedelta(days=3),
        [
            {"vendor_id": us, "amount": "960000"},
            {"vendor_id": va["id"], "amount": "900000", "source": "开标记录"},
            {"vendor_id": vb["id"], "amount": "1000000"},
        ],
    )
    director = new_contact(client, token, customer["id"], "陈局长", title="局长")["id"]
    engineer = new_contact(client, token, customer["id"], "贺主任", title="信息中心主任")["id"]
    member = add_member(client, token, oid, director, stance="favours_us")
    return {
        "oid": oid,
        "us": us,
        "a": va["id"],
        "b": vb["id"],
        "items": items,
        "rivals": rivals,
        "contacts": {"陈局长": director, "贺主任": engineer},
        "member": member["id"],
        "round_id": round_id,
    }


@pytest.fixture
def bid(client, acme) -> Bid:
    ours = bid_world(client, acme.tokens["owner"])
    theirs = bid_world(client, acme.tokens["stranger"], name="别家客户")
    return Bid(
        **ours,
        theirs={
            "oid": theirs["oid"],
            "vendor": theirs["a"],
            "round": theirs["round_id"],
            "member": theirs["member"],
            "contact": theirs["contacts"]["贺主任"],
        },
    )


def english(client) -> None:
    client.cookies.set("pcrm_lang", "en")


def post_form(client, url: str, token: str, data: dict[str, Any] | list[tuple[str, str]]):
    """A form post (fields may repeat, as the sheet editor's do)."""
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    return client.post(
        url,
        content=urlencode([("csrf_token", token), *pairs]),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def by_testid(html: str, testid: str) -> list[str]:
    """The text inside each element with data-testid=testid (tags removed, spaces squeezed)."""
    found = re.findall(
        rf'data-testid="{re.escape(testid)}"[^>]*>(.*?)</(?:td|th|div|span|p|strong)>', html, re.S
    )
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))).strip() for text in found]


def stored_all(uow, model, **where):
    with uow() as db:
        query = select(model).execution_options(**GLOBAL)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return list(db.scalars(query.order_by(model.id)))


def refused(client, uow, url, csrf, data, *, status=422):
    before = row_counts(uow)
    response = post_form(client, url, csrf, data)
    assert response.status_code == status, response.text[:800]
    assert row_counts(uow) == before
    return response.text
