"""Display-ready rows for the accounts pages: labels translated, names resolved,
phones formatted. Templates only format what these give them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request

from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.accounts.schemas import AccountRead
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists.pages import user_name
from pcrm.accounts.vocab import LifecycleStage, label, province_label, vocabularies
from pcrm.core.deps import DB
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_
from pcrm.core.pages import page_locale as _locale
from pcrm.identity.public import Principal, UserRef

STAGE_BADGES = {
    "potential": "",
    "bidding": "amber",
    "execution": "blue",
    "delivered": "green",
    "lost": "red",
}


@dataclass(frozen=True, slots=True)
class AccountRow:
    account: AccountRead
    name: str
    secondary: str
    industry: str
    region: str
    ownership: str
    stage: str
    stage_badge: str
    owner: str
    tags: list[str]


def account_row(account: AccountRead, users: dict[int, UserRef], locale: str) -> AccountRow:
    region = " · ".join(x for x in (province_label(account.province, locale), account.city) if x)
    secondary = (
        account.english_name
        if locale == "en" and account.english_name
        else (account.short_name or "")
    )
    return AccountRow(
        account=account,
        name=account.name,
        secondary=secondary,
        industry=label(account.industry, locale),
        region=region,
        ownership=label(account.ownership, locale),
        stage=label(account.lifecycle_stage, locale),
        stage_badge=STAGE_BADGES[account.lifecycle_stage.value],
        owner=user_name(users, account.owner_id, locale),
        tags=account.tags,
    )


def account_facts(
    account: AccountRead, users: dict[int, UserRef], parent_name: str | None, locale: str
) -> list[tuple[str, Any]]:
    """(label msgid, display value) pairs for the overview card; empty values are skipped."""
    facts: list[tuple[str, Any]] = [
        (N_("Short name"), account.short_name),
        (N_("English name"), account.english_name),
        (N_("Aliases"), "、".join(account.aliases)),
        (N_("Unified social credit code"), account.credit_code),
        (N_("Industry"), label(account.industry, locale)),
        (
            N_("Region"),
            " · ".join(x for x in (province_label(account.province, locale), account.city) if x),
        ),
        (N_("Ownership"), label(account.ownership, locale)),
        (N_("Size"), label(account.size_band, locale)),
        (N_("Annual revenue"), label(account.revenue_band, locale)),
        (N_("Parent account"), parent_name),
        (N_("Owner"), user_name(users, account.owner_id, locale)),
        (N_("Status"), label(account.status, locale)),
        (N_("Website"), account.website),
        (N_("Address"), account.address),
    ]
    if account.lifecycle_stage == LifecycleStage.LOST:
        facts += [(N_("Lost because"), account.lost_reason), (N_("Lost on"), account.lost_on)]
    return [(name, value) for name, value in facts if value]


def account_form(
    request: Request,
    db: DB,
    principal: Principal,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    account_id: int | None = None,
    version: int | None = None,
    duplicates: list[Any] | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    users = list_pages.users(db, principal)
    parent_name = ""
    if form.get("parent_id") and str(form["parent_id"]).isdigit():
        parent_name = repo.account_names(db, principal.scope, [int(form["parent_id"])]).get(
            int(form["parent_id"]), ""
        )
    return {
        "form": FormValues(form),
        "errors": errors,
        "account_id": account_id,
        "version": version,
        "vocab": vocabularies(locale),
        "user_options": list_pages.user_choices(users.values(), locale),
        "parent_name": parent_name,
        "duplicates": duplicates or [],
    }
