"""Display-ready rows for the accounts pages: labels translated, names resolved,
phones formatted. Templates only format what these give them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pcrm.accounts.lists.pages import user_name
from pcrm.accounts.schemas import AccountRead
from pcrm.accounts.vocab import LifecycleStage, label, province_label
from pcrm.core.i18n import N_
from pcrm.identity.public import UserRef

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
