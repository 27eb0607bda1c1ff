"""From list query parameters (API and pages alike) to repository filters."""

from __future__ import annotations

from pcrm.accounts.lists.service import day_start
from pcrm.accounts.repository import AccountFilters
from pcrm.accounts.schemas import AccountQuery


def account_filters(query: AccountQuery, tz: str) -> AccountFilters:
    return AccountFilters(
        q=query.q,
        industry=query.industry,
        province=query.province,
        ownership=query.ownership,
        stage=query.stage,
        owner_id=query.owner_id,
        tag=query.tag,
        created_from=day_start(query.created_from, tz),
        created_to=day_start(query.created_to, tz, next_day=True),
        include_archived=query.include_archived,
    )
