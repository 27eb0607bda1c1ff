"""From list query parameters (API and pages alike) to repository filters."""

from __future__ import annotations

from pcrm.accounts.lists.service import day_start
from pcrm.accounts.repository import AccountFilters, ContactFilters
from pcrm.accounts.schemas import AccountQuery, ContactQuery


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


def contact_filters(query: ContactQuery, tz: str) -> ContactFilters:
    return ContactFilters(
        q=query.q,
        account_id=query.account_id,
        importance=query.importance,
        status=query.status,
        owner_id=query.owner_id,
        industry=query.industry,
        province=query.province,
        updated_from=day_start(query.updated_from, tz),
        updated_to=day_start(query.updated_to, tz, next_day=True),
        include_archived=query.include_archived,
    )
