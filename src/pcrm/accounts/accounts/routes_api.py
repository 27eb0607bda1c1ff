"""JSON API of accounts: /api/v1/accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.schemas import (
    AccountCreate,
    AccountDetail,
    AccountQuery,
    AccountRead,
    AccountUpdate,
    BulkAction,
    BulkResult,
    Duplicate,
    MergeRequest,
)
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page
from pcrm.core.types import Id
from pcrm.identity.public import AuditEntryRead, CurrentPrincipal, record_history

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")
Ids = Annotated[list[Id], Query(max_length=500)]


# --- accounts ----------------------------------------------------------------------------------


@router.get("/accounts", tags=["accounts"], summary="List accounts")
def list_accounts(
    principal: CurrentPrincipal, db: DB, query: Annotated[AccountQuery, Query()]
) -> Page[AccountRead]:
    return service.list_accounts(db, principal, query)


@router.post(
    "/accounts", tags=["accounts"], status_code=status.HTTP_201_CREATED, summary="Create an account"
)
def create_account(
    data: AccountCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> AccountDetail:
    account = service.create_account(db, principal, data)
    tag(response, account.version, f"/api/v1/accounts/{account.id}")
    return service.account_detail(db, principal, account.id)


@router.get(
    "/accounts/duplicates",
    tags=["accounts"],
    summary="Accounts that look like the one being entered",
)
def account_duplicates(
    principal: CurrentPrincipal,
    db: DB,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    credit_code: Annotated[str | None, Query(max_length=18)] = None,
    exclude_id: Id | None = None,
) -> list[Duplicate]:
    return service.find_account_duplicates(db, principal, name, credit_code, exclude_id)


@router.post(
    "/accounts/bulk",
    tags=["accounts"],
    summary="Assign an owner, add a tag or archive many accounts",
)
def bulk_accounts(data: BulkAction, principal: CurrentPrincipal, db: DB) -> BulkResult:
    return BulkResult(updated=service.bulk_update_accounts(db, principal, data))


@router.get("/accounts/{account_id}", tags=["accounts"], summary="One account with its team")
def get_account(
    account_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> AccountDetail:
    detail = service.account_detail(db, principal, account_id)
    tag(response, detail.version)
    return detail


@router.patch("/accounts/{account_id}", tags=["accounts"], summary="Change an account")
def update_account(
    account_id: Id,
    data: AccountUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> AccountDetail:
    account = service.update_account(db, principal, account_id, data, expected_version(if_match))
    tag(response, account.version)
    return service.account_detail(db, principal, account.id)


@router.post(
    "/accounts/{account_id}/archive",
    tags=["accounts"],
    summary="Archive an account (it leaves the lists, keeps its history)",
)
def archive_account(
    account_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> AccountRead:
    account = service.archive_account(db, principal, account_id, expected_version(if_match))
    tag(response, account.version)
    return AccountRead.model_validate(account)


@router.post(
    "/accounts/{account_id}/restore", tags=["accounts"], summary="Bring an archived account back"
)
def restore_account(
    account_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> AccountRead:
    account = service.restore_account(db, principal, account_id)
    tag(response, account.version)
    return AccountRead.model_validate(account)


@router.post(
    "/accounts/{account_id}/merge",
    tags=["accounts"],
    summary="Merge a duplicate into this account, keeping every linked record",
)
def merge_account(
    account_id: Id,
    data: MergeRequest,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> AccountDetail:
    account = service.merge_accounts(
        db, principal, account_id, data.duplicate_id, expected_version(if_match)
    )
    tag(response, account.version)
    return service.account_detail(db, principal, account.id)


@router.get(
    "/accounts/{account_id}/history",
    tags=["accounts"],
    summary="The account's audit trail, newest first",
)
def account_history(account_id: Id, principal: CurrentPrincipal, db: DB) -> list[AuditEntryRead]:
    service.get_account(db, principal, account_id)
    return record_history(db, principal, "account", account_id)


@router.get(
    "/accounts/{account_id}/org-chart",
    tags=["accounts"],
    summary="The reports-to tree of the account's contacts",
)
def account_org_chart(
    account_id: Id, principal: CurrentPrincipal, db: DB
) -> list[dict[str, object]]:
    return service.org_chart(db, principal, account_id)
