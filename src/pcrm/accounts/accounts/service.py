"""Business rules for accounts (客户单位): create, change, archive, duplicates, merge, bulk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.accounts.models import Account, AccountTeamMember
from pcrm.accounts.accounts.repository import AccountFilters
from pcrm.accounts.accounts.schemas import (
    AccountCreate,
    AccountDetail,
    AccountQuery,
    AccountRead,
    AccountUpdate,
    BulkAction,
    Duplicate,
    TeamMemberRead,
    TeamMemberWrite,
)
from pcrm.accounts.activities import repository as activities_repo
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.lists.service import count_cap, day_start, default_sort
from pcrm.accounts.search import models as search
from pcrm.accounts.search.service import normalize_query
from pcrm.accounts.vocab import LifecycleStage
from pcrm.core.db import row_dicts, utcnow
from pcrm.core.errors import FieldError, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.core.pagination import (
    Page,
    PageRequest,
)
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, user_refs

# Words that say nothing about which organisation a name means, ignored when looking for twins.
GENERIC_NAME_PARTS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "co., ltd.",
    "co.,ltd.",
    "co. ltd",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "corporation",
    "corp.",
    "group",
)


def refresh_search_fields(account: Account) -> None:
    account.search_text, account.search_grams = search.index_fields(
        [
            account.name,
            account.short_name,
            account.english_name,
            *account.aliases,
            account.credit_code,
        ]
    )
    account.sort_name = search.sort_key(account.name)


def check_users(db: Session, scope: WorkspaceScope, checks: dict[str, set[int]]) -> None:
    wanted = set().union(*checks.values())
    known = user_refs(db, scope, wanted)
    errors = [
        FieldError(field, N_("Choose a user of this workspace."))
        for field, ids in checks.items()
        if ids - known.keys()
    ]
    if errors:
        raise ValidationFailed(errors)


def _check_parent(
    db: Session, scope: WorkspaceScope, account_id: int | None, parent_id: int
) -> None:
    if parent_id == account_id:
        raise field_error("parent_id", N_("An account cannot be its own parent."))
    parents = repo.accounts_by_ids(db, scope, [parent_id])
    if parent_id not in parents:
        raise field_error("parent_id", N_("Choose an account of this workspace."))
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:
        if current == account_id:
            raise field_error(
                "parent_id",
                N_("This parent would make a cycle: the account is above it in the group."),
            )
        seen.add(current)
        current = repo.parent_of(db, scope, current)


def _check_credit_code(
    db: Session, scope: WorkspaceScope, code: str | None, account_id: int | None
) -> None:
    if code:
        holder = repo.account_by_credit_code(db, scope, code)
        if holder is not None and holder.id != account_id:
            raise field_error(
                "credit_code", N_("Another account already has this credit code."), "unique"
            )


def _check_lost(stage: LifecycleStage | None, reason: str | None) -> None:
    if stage == LifecycleStage.LOST and not reason:
        raise field_error("lost_reason", N_("Say why the customer was lost."))


def _set_team(
    db: Session, scope: WorkspaceScope, account: Account, members: list[TeamMemberWrite]
) -> None:
    current = {m.user_id: m for m in repo.team(db, scope, account.id)}
    wanted = {m.user_id: m.role for m in members}
    for user_id, member in current.items():
        if user_id not in wanted:
            db.delete(member)
        elif member.role != wanted[user_id]:
            member.role = wanted[user_id]
    for user_id, role in wanted.items():
        if user_id not in current:
            db.add(
                AccountTeamMember(
                    workspace_id=scope.workspace_id,
                    account_id=account.id,
                    user_id=user_id,
                    role=role,
                )
            )


def create_account(db: Session, principal: Principal, data: AccountCreate) -> Account:
    principal.require(Permission.WRITE_ACCOUNTS)
    scope = principal.scope
    check_users(
        db,
        scope,
        {
            "owner_id": {data.owner_id} if data.owner_id else set(),
            "team": {m.user_id for m in data.team},
        },
    )
    if data.parent_id is not None:
        _check_parent(db, scope, None, data.parent_id)
    _check_credit_code(db, scope, data.credit_code, None)
    _check_lost(data.lifecycle_stage, data.lost_reason)
    values = data.model_dump(exclude={"team"})
    values["owner_id"] = data.owner_id if "owner_id" in data.model_fields_set else principal.user_id
    if data.lifecycle_stage == LifecycleStage.LOST and data.lost_on is None:
        values["lost_on"] = principal.today()
    account = Account(workspace_id=scope.workspace_id, **values)
    refresh_search_fields(account)
    db.add(account)
    db.flush()
    repo.replace_tags(db, scope, account.id, account.tags)
    _set_team(db, scope, account, data.team)
    db.flush()
    return account


def update_account(
    db: Session,
    principal: Principal,
    account_id: int,
    data: AccountUpdate,
    expected_version: int | None,
) -> Account:
    principal.require(Permission.WRITE_ACCOUNTS)
    scope = principal.scope
    account = repo.account(db, scope, account_id)
    check_version(account.version, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude={"team"})
    if "name" in changes and changes["name"] is None:
        raise field_error("name", N_("This field is required."))
    check_users(
        db,
        scope,
        {
            "owner_id": {changes["owner_id"]} if changes.get("owner_id") else set(),
            "team": {m.user_id for m in data.team or []},
        },
    )
    if changes.get("parent_id") is not None:
        _check_parent(db, scope, account.id, changes["parent_id"])
    if "credit_code" in changes:
        _check_credit_code(db, scope, changes["credit_code"], account.id)
    stage = changes.get("lifecycle_stage") or account.lifecycle_stage
    _check_lost(stage, changes.get("lost_reason", account.lost_reason))
    for key in ("lifecycle_stage", "status", "aliases", "tags"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    for key, value in changes.items():
        setattr(account, key, value)
    if stage == LifecycleStage.LOST and account.lost_on is None:
        account.lost_on = principal.today()
    refresh_search_fields(account)
    if "tags" in changes:
        repo.replace_tags(db, scope, account.id, account.tags)
    if data.team is not None:
        _set_team(db, scope, account, data.team)
    db.flush()
    return account


def set_team_member(
    db: Session, principal: Principal, account_id: int, user_id: int, role: str | None
) -> Account:
    """Put a user on the account's team in `role` (a new role if they are on it already), or
    take them off it (`role` None). An unknown role is refused as the schema refuses it."""
    detail = account_detail(db, principal, account_id)
    team = [
        TeamMemberWrite(user_id=m.user_id, role=m.role) for m in detail.team if m.user_id != user_id
    ]
    if role is not None:
        team.append(TeamMemberWrite(user_id=user_id, role=role))
    return update_account(db, principal, account_id, AccountUpdate(team=team), detail.version)


def archive_account(
    db: Session, principal: Principal, account_id: int, expected_version: int | None = None
) -> Account:
    principal.require(Permission.WRITE_ACCOUNTS)
    account = repo.account(db, principal.scope, account_id)
    check_version(account.version, expected_version)
    if account.archived_at is None:
        account.archived_at = utcnow()
        db.flush()
    return account


def restore_account(db: Session, principal: Principal, account_id: int) -> Account:
    principal.require(Permission.WRITE_ACCOUNTS)
    account = repo.account(db, principal.scope, account_id)
    if account.merged_into_id is not None:
        raise field_error("archived_at", N_("A merged account cannot be restored."))
    if account.archived_at is not None:
        account.archived_at = None
        db.flush()
    return account


def get_account(db: Session, principal: Principal, account_id: int) -> Account:
    principal.require(Permission.READ)
    return repo.account(db, principal.scope, account_id)


def account_names(db: Session, principal: Principal, ids: Iterable[int]) -> dict[int, str]:
    """Id → name of the workspace's accounts among `ids`, archived ones too."""
    principal.require(Permission.READ)
    return repo.account_names(db, principal.scope, ids)


def account_tags(db: Session, principal: Principal) -> list[str]:
    """The workspace's account tags, the most used first (at most 200)."""
    principal.require(Permission.READ)
    return repo.all_tags(db, principal.scope)


def child_accounts(db: Session, principal: Principal, account_id: int) -> list[Account]:
    """The account's subsidiaries that are not archived, by name."""
    principal.require(Permission.READ)
    return list(repo.children(db, principal.scope, account_id))


def account_detail(db: Session, principal: Principal, account_id: int) -> AccountDetail:
    account = get_account(db, principal, account_id)
    members = repo.team(db, principal.scope, account.id)
    names = user_refs(db, principal.scope, {m.user_id for m in members})
    team = [
        TeamMemberRead(
            user_id=m.user_id,
            role=m.role,
            name=names[m.user_id].display() if m.user_id in names else "",
        )
        for m in members
    ]
    return AccountDetail(
        **AccountRead.model_validate(account).model_dump(),
        team=team,
        contact_count=contacts_repo.contact_count(db, principal.scope, account.id),
    )


def list_accounts(db: Session, principal: Principal, query: AccountQuery) -> Page[AccountRead]:
    """A page of the accounts the query's filters find. Without a `sort`, a search lists the
    newest matches first, other lists go by name."""
    principal.require(Permission.READ)
    filters = _filters(query, principal.timezone)
    sort = query.sort or default_sort(filters.q)
    page = PageRequest(query.page, query.page_size)
    rows, total, capped = repo.account_page(
        db, principal.scope, filters, sort, page, count_cap(filters.q)
    )
    items = [AccountRead.model_validate(d) for d in row_dicts(rows)]
    return Page[AccountRead].of(items, total, page, capped)


def _core_name(name: str) -> str:
    text = search.normalize(name)
    for part in GENERIC_NAME_PARTS:
        text = text.replace(part, "")
    return text.strip(" ,.()（）") or search.normalize(name)


def find_account_duplicates(
    db: Session,
    principal: Principal,
    name: str,
    credit_code: str | None = None,
    exclude_id: int | None = None,
) -> list[Duplicate]:
    """Accounts that look like the one being entered: same credit code or a near-identical
    name (rapidfuzz ratio of the names without 有限公司-like parts ≥ 90)."""
    principal.require(Permission.READ)
    scope = principal.scope
    found: dict[int, Duplicate] = {}
    if credit_code:
        holder = repo.account_by_credit_code(db, scope, credit_code.strip().upper())
        if holder is not None and holder.id != exclude_id:
            found[holder.id] = Duplicate(
                id=holder.id, name=holder.name, reason="credit_code", score=100
            )
    core = _core_name(name)
    if core:
        probe = core[:6]
        for candidate in repo.accounts_matching(db, scope, probe, limit=50):
            if candidate.id == exclude_id or candidate.id in found:
                continue
            score = int(
                max(
                    fuzz.ratio(core, _core_name(candidate.name)),
                    fuzz.ratio(search.normalize(name), search.normalize(candidate.name)),
                )
            )
            if score >= 90:
                found[candidate.id] = Duplicate(
                    id=candidate.id, name=candidate.name, reason="name", score=score
                )
    return sorted(found.values(), key=lambda d: -d.score)[:5]


def _fill_blanks(keep: Any, duplicate: Any, fields: tuple[str, ...]) -> None:
    for field in fields:
        if getattr(keep, field) in (None, "", []) and getattr(duplicate, field) not in (
            None,
            "",
            [],
        ):
            setattr(keep, field, getattr(duplicate, field))


def merge_accounts(
    db: Session,
    principal: Principal,
    keep_id: int,
    duplicate_id: int,
    expected_version: int | None = None,
) -> Account:
    """Move everything linked to the duplicate onto the kept account, then archive the
    duplicate as merged. Every move is an audited change, so the trail stays whole."""
    principal.require(Permission.WRITE_ACCOUNTS)
    scope = principal.scope
    if keep_id == duplicate_id:
        raise field_error("duplicate_id", N_("Choose a different record to merge."))
    keep = repo.account(db, scope, keep_id)
    check_version(keep.version, expected_version)
    duplicate = repo.account(db, scope, duplicate_id)
    if duplicate.merged_into_id is not None:
        raise field_error("duplicate_id", N_("This record was already merged."))
    if keep.merged_into_id is not None:
        raise field_error("duplicate_id", N_("Records cannot be merged into a merged account."))
    # The credit code is unique: free it before the kept account may take it over.
    credit_code, duplicate.credit_code = duplicate.credit_code, None
    db.flush()
    if keep.parent_id == duplicate.id:
        keep.parent_id = duplicate.parent_id if duplicate.parent_id != keep.id else None
    elif keep.parent_id is None and duplicate.parent_id not in (None, keep.id):
        keep.parent_id = duplicate.parent_id
    for contact in contacts_repo.all_contacts_at(db, scope, duplicate.id):
        contact.account_id = keep.id
    for activity in activities_repo.all_activities_of(db, scope, duplicate.id):
        activity.account_id = keep.id
    for child in repo.children(db, scope, duplicate.id, include_archived=True):
        if child.id != keep.id:
            child.parent_id = keep.id
    for employment in contacts_repo.employments_at(db, scope, duplicate.id):
        employment.account_id = keep.id
    keep_team = {m.user_id for m in repo.team(db, scope, keep.id)}
    for member in repo.team(db, scope, duplicate.id):
        if member.user_id in keep_team:
            db.delete(member)
        else:
            member.account_id = keep.id
    _fill_blanks(
        keep,
        duplicate,
        (
            "short_name",
            "english_name",
            "credit_code",
            "industry",
            "province",
            "city",
            "ownership",
            "size_band",
            "revenue_band",
            "owner_id",
            "website",
            "address",
        ),
    )
    if keep.credit_code is None:
        keep.credit_code = credit_code
    keep.aliases = list(dict.fromkeys([*keep.aliases, duplicate.name, *duplicate.aliases]))[:10]
    keep.tags = list(dict.fromkeys([*keep.tags, *duplicate.tags]))[:20]
    if duplicate.notes:
        keep.notes = f"{keep.notes}\n\n{duplicate.notes}" if keep.notes else duplicate.notes
    duplicate.archived_at = utcnow()
    duplicate.merged_into_id = keep.id
    refresh_search_fields(keep)
    db.flush()
    repo.replace_tags(db, scope, keep.id, keep.tags)
    repo.replace_tags(db, scope, duplicate.id, [])
    db.flush()
    return keep


def bulk_update_accounts(db: Session, principal: Principal, action: BulkAction) -> int:
    """Assign an owner, add a tag or archive many accounts at once (all or nothing)."""
    principal.require(Permission.WRITE_ACCOUNTS)
    scope = principal.scope
    accounts = repo.accounts_by_ids(db, scope, action.ids)
    if len(accounts) != len(set(action.ids)):
        raise field_error("ids", N_("Some of the chosen records do not exist."))
    if action.action == "assign_owner":
        if action.owner_id is None:
            raise field_error("owner_id", N_("This field is required."))
        check_users(db, scope, {"owner_id": {action.owner_id}})
        for account in accounts.values():
            account.owner_id = action.owner_id
    elif action.action == "add_tag":
        if not action.tag:
            raise field_error("tag", N_("This field is required."))
        for account in accounts.values():
            if action.tag not in account.tags and len(account.tags) < 20:
                account.tags = [*account.tags, action.tag]
                repo.replace_tags(db, scope, account.id, account.tags)
    else:
        now = utcnow()
        for account in accounts.values():
            if account.archived_at is None:
                account.archived_at = now
    db.flush()
    return len(accounts)


def org_chart(db: Session, principal: Principal, account_id: int) -> list[dict[str, Any]]:
    """The account's reports-to tree: roots with nested `children`, for the preview."""
    get_account(db, principal, account_id)
    contacts = contacts_repo.account_contacts(db, principal.scope, account_id)
    nodes: dict[int, dict[str, Any]] = {
        c.id: {
            "id": c.id,
            "name": c.name,
            "title": c.title or "",
            "importance": c.importance,
            "children": [],
        }
        for c in contacts
    }
    roots: list[dict[str, Any]] = []
    for c in contacts:
        parent = nodes.get(c.reports_to_id) if c.reports_to_id else None
        (parent["children"] if parent else roots).append(nodes[c.id])
    return roots


def contacts_of(db: Session, principal: Principal, account_id: int) -> list[Contact]:
    get_account(db, principal, account_id)
    return list(contacts_repo.account_contacts(db, principal.scope, account_id))


def _filters(query: AccountQuery, tz: str) -> AccountFilters:
    """The repository's filters for a list query: its search normalised, its days in the
    workspace's time zone."""
    return AccountFilters(
        q=normalize_query(query.q),
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


def account_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """The accounts among `ids` by name, linked to their pages (for a history)."""
    linked = reader.can(Permission.READ)
    return {
        aid: Reference(name, f"/accounts/{aid}" if linked else None)
        for aid, name in repo.account_names(db, reader.scope, ids).items()
    }
