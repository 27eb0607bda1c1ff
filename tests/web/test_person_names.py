"""One name per person per language (issue 13): a user with a Chinese name and an English
name is shown by their English name in the English interface and by their Chinese name in
the Chinese one, on every page, chart and API field that shows them: the account's owner and
team, the opportunity's owner and team, the relationship graph and the decision chain."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import update

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.accounts.schemas import TeamMemberWrite as AccountTeamMember
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.accounts.vocab import TeamRole
from pcrm.core.i18n import person_name
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.identity.users.models import User
from pcrm.identity.workspaces.models import Workspace
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import DecisionMemberWrite
from pcrm.opportunities.pipeline import service as opportunity_service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.pipeline.schemas import TeamMemberWrite as OpportunityTeamMember
from pcrm.opportunities.vocab import DecisionRole, OpportunityRole
from pcrm.relationships.graph import service as graph_service
from pcrm.relationships.graph.schemas import AcquaintanceCreate
from tests.factories import bearer, make_user, sign_in

NAMES = {"zh_CN": "李明", "en": "Ming Li"}


@pytest.fixture
def ming(uow, acme):
    """李明 (Ming Li) owns an account and an opportunity, is on both teams, knows the
    customer's 张国庆, who sits on the opportunity's decision chain."""
    with uow() as db:
        workspace_id = acme.owner.workspace_id
        li = make_user(
            db, db.get(Workspace, workspace_id), "li.ming@acme.example", Role.SALES, "李明"
        )
        db.execute(
            update(User)
            .where(User.workspace_id == workspace_id, User.id == li.user_id)
            .values(english_name="Ming Li")
        )
    with uow() as db:
        owner = operator_principal(db, "acme", "owner@acme.example")
        account = account_service.create_account(
            db,
            owner,
            AccountCreate(
                name="深圳市地铁集团",
                owner_id=li.user_id,
                team=[AccountTeamMember(user_id=li.user_id, role=TeamRole.SALES)],
            ),
        )
        contact = contact_service.create_contact(
            db, owner, ContactCreate(name="张国庆", account_id=account.id)
        )
        opportunity = opportunity_service.create_opportunity(
            db,
            owner,
            OpportunityCreate(
                account_id=account.id,
                name="智慧地铁二期",
                owner_id=li.user_id,
                team=[OpportunityTeamMember(user_id=li.user_id, role=OpportunityRole.SALES)],
            ),
        )
        graph_service.create_acquaintance(
            db, owner, AcquaintanceCreate(user_id=li.user_id, contact_id=contact.id, closeness=4)
        )
        chain_service.add_member(
            db,
            owner,
            opportunity.id,
            DecisionMemberWrite(contact_id=contact.id, decision_role=DecisionRole.DECISION_MAKER),
        )
        return {"account": account.id, "opportunity": opportunity.id, "user": li.user_id}


def _page(client, locale, path):
    client.cookies.set("pcrm_lang", locale)
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    return response.text


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize(
    ("path", "least"),
    [
        ("/accounts/{account}", 2),  # the owner and the team card
        ("/opportunities/{opportunity}", 2),  # the owner and the team card
        ("/accounts/{account}/relationships", 1),  # the graph's data
        ("/opportunities/{opportunity}/decision-chain", 1),  # the chain's chart data
    ],
)
def test_a_page_names_the_user_in_the_readers_language_only(
    client, acme, ming, locale, path, least
):
    sign_in(client, "viewer@acme.example")
    text = _page(client, locale, path.format(**ming))
    other = NAMES["en" if locale == "zh_CN" else "zh_CN"]

    assert text.count(NAMES[locale]) >= least
    assert other not in text


@pytest.mark.parametrize(("accept", "locale"), [("zh-CN", "zh_CN"), ("en", "en"), (None, "en")])
def test_the_api_names_the_user_in_the_asked_language(client, acme, ming, accept, locale):
    headers = bearer(acme.tokens["viewer"]) | ({"Accept-Language": accept} if accept else {})
    opportunity = client.get(f"/api/v1/opportunities/{ming['opportunity']}", headers=headers)
    account = client.get(f"/api/v1/accounts/{ming['account']}", headers=headers)
    graph = client.get(
        f"/api/v1/accounts/{ming['account']}/relationship-graph", headers=headers
    ).json()

    assert opportunity.json()["owner_name"] == NAMES[locale]
    assert [m["name"] for m in opportunity.json()["team"]] == [NAMES[locale]]
    assert [m["name"] for m in account.json()["team"]] == [NAMES[locale]]
    assert [n["label"] for n in graph["nodes"] if n["kind"] == "user"] == [NAMES[locale]]


def test_the_decision_chain_chart_names_our_staff_in_chinese_in_the_chinese_ui(client, acme, ming):
    sign_in(client, "viewer@acme.example")
    text = _page(client, "zh_CN", f"/opportunities/{ming['opportunity']}/decision-chain")
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', text, re.S)

    assert data is not None
    assert "李明" in json.dumps(json.loads(data.group(1)), ensure_ascii=False)
    assert "Ming Li" not in text


@pytest.mark.parametrize(
    ("name", "english", "locale", "shown"),
    [
        ("李明", "Ming Li", "en", "Ming Li"),
        ("李明", "Ming Li", "zh_CN", "李明"),
        ("李明", None, "en", "李明"),
        ("李明", "", "en", "李明"),
    ],
)
def test_person_name(name, english, locale, shown):
    assert person_name(name, english, locale) == shown
