"""The accounts area's declaration: the customer line (客户线) of accounts, contacts and
activities, with Chinese search (see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.accounts.accounts import models, routes_api, routes_html
from pcrm.accounts.accounts.service import account_references
from pcrm.accounts.activities import models as activity_models
from pcrm.accounts.activities import routes_api as activity_api
from pcrm.accounts.activities import routes_html as activity_pages
from pcrm.accounts.activities.service import activity_references
from pcrm.accounts.contacts import models as contact_models
from pcrm.accounts.contacts import routes_api as contact_api
from pcrm.accounts.contacts import routes_html as contact_pages
from pcrm.accounts.contacts.service import contact_references
from pcrm.accounts.lists import models as list_models
from pcrm.accounts.lists import routes_html as list_pages
from pcrm.accounts.search import service as search
from pcrm.accounts.vocab import LABELS, province_label
from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.core.search import SearchKind

AREA = Area(
    name="accounts",
    summary="The customer line: accounts, contacts, activities, search, saved views.",
    demo="accounts",
    api=(routes_api.router, contact_api.router, activity_api.router),
    pages=(
        routes_html.router,
        list_pages.router,
        contact_pages.router,
        activity_pages.router,
    ),
    models=(models, contact_models, activity_models, list_models),
    search=(
        SearchKind("account", N_("Accounts"), search.find_accounts),
        SearchKind("contact", N_("Contacts"), search.find_contacts),
    ),
    nav=(
        NavEntry("accounts", N_("Accounts"), "building", "/accounts", order=20),
        NavEntry("contacts", N_("Contacts"), "user", "/contacts", order=30),
        NavEntry("activities", N_("Activities"), "chat", "/activities", order=40),
    ),
    history=HistoryLabels(
        entities={
            "account": EntityLabels(
                N_("Account"),
                {"name": N_("Account name"), "english_name": N_("English name")},
                link="/accounts/{id}",
            ),
            "contact": EntityLabels(
                N_("Contact"),
                {"name": N_("Name"), "english_name": N_("English name")},
                link="/contacts/{id}",
            ),
            "activity": EntityLabels(N_("Activity"), link="/activities/{id}"),
            "employment": EntityLabels(N_("Employment")),
            "account_team_member": EntityLabels(
                N_("Account team"), {"user_id": N_("Team member"), "role": N_("Team role")}
            ),
        },
        fields={
            "short_name": N_("Short name"),
            "aliases": N_("Aliases"),
            "credit_code": N_("Unified social credit code"),
            "industry": N_("Industry"),
            "province": N_("Region"),
            "city": N_("City"),
            "ownership": N_("Ownership"),
            "size_band": N_("Size"),
            "revenue_band": N_("Annual revenue"),
            "parent_id": N_("Parent account"),
            "owner_id": N_("Owner"),
            "lifecycle_stage": N_("Stage"),
            "lost_reason": N_("Lost because"),
            "lost_on": N_("Lost on"),
            "status": N_("Status"),
            "tags": N_("Tags"),
            "website": N_("Website"),
            "address": N_("Address"),
            "merged_into_id": N_("Merged into"),
            "gender": N_("Gender"),
            "title": N_("Title"),
            "department": N_("Department"),
            "account_id": N_("Account"),
            "reports_to_id": N_("Reports to"),
            "mobile": N_("Mobile"),
            "office_phone": N_("Office phone"),
            "email": N_("E-mail"),
            "wechat": N_("WeChat"),
            "birthday": N_("Birthday"),
            "preferences": N_("Preferences and personal notes"),
            "importance": N_("Importance"),
            "left_on": N_("Left on"),
            "contact_id": N_("Contact"),
            "type": N_("Type"),
            "occurred_at": N_("Time"),
            "subject": N_("Subject"),
            "outcome": N_("Outcome"),
            "next_step": N_("Next step"),
            "next_step_due": N_("Next step due"),
            "cost": N_("Cost"),
            "started_on": N_("Started"),
            "ended_on": N_("Ended"),
        },
        vocabularies=LABELS,
        resolvers={
            "account": account_references,
            "contact": contact_references,
            "activity": activity_references,
        },
        money=frozenset({"cost"}),
        formats={"province": province_label},
    ),
)
