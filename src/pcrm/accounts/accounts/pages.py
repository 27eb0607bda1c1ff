"""View-models of the account pages: the list, an account's page and its tabs, the account
form, the duplicate check and the merge page, with the rows and facts they show (labels
translated, names resolved). They call services only; the routes render what they return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import forms, service
from pcrm.accounts.accounts.schemas import AccountQuery, AccountRead
from pcrm.accounts.activities import pages as activity_pages
from pcrm.accounts.contacts import pages as contact_pages
from pcrm.accounts.contacts.schemas import ContactRead
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists import service as lists_service
from pcrm.accounts.lists.pages import user_choices, user_name
from pcrm.accounts.vocab import LifecycleStage, label, province_label, vocabularies
from pcrm.core.forms import FormErrors, FormValues, posted_id
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import page_locale
from pcrm.identity.public import Permission, Principal, UserRef, record_history_view

# The opportunities tab is loaded from the opportunities area (/accounts/{id}/opportunities).
ACCOUNT_TABS = ("overview", "contacts", "opportunities", "activities", "history")

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


def accounts_list(request: Request, db: Session, principal: Principal) -> dict[str, Any]:
    """The account list; `errors` names the query parameters that were refused."""
    locale = page_locale(request)
    params, errors, pairs = list_pages.list_params(request, AccountQuery)
    page = service.list_accounts(db, principal, params)
    users = list_pages.users(db, principal, {a.owner_id for a in page.items if a.owner_id})
    return {
        "page": page,
        "rows": [account_row(a, users, locale) for a in page.items],
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "notice_kind": "error"
        if request.query_params.get("notice") == "bulk_failed"
        else "success",
        "params": params,
        "vocab": vocabularies(locale),
        "user_options": user_choices(users.values(), locale),
        "tag_options": [(t, t) for t in service.account_tags(db, principal)],
        **list_pages.list_links(
            "/accounts",
            pairs,
            "accounts",
            params.sort,
            lists_service.default_sort(params.q),
            locale,
        ),
        **list_pages.list_chrome(db, principal, "accounts", locale),
    }


def account_page(
    request: Request,
    db: Session,
    principal: Principal,
    account_id: int,
    tab: str,
    types: list[str],
    page: int,
) -> dict[str, Any]:
    """An account's page with one tab's content: overview (facts, org chart, subsidiaries),
    contacts, activities (the timeline) or history (the audit trail)."""
    locale = page_locale(request)
    tab = tab if tab in ACCOUNT_TABS else "overview"
    detail = service.account_detail(db, principal, account_id)
    users = list_pages.users(db, principal, {detail.owner_id} if detail.owner_id else set())
    context: dict[str, Any] = {
        "account": detail,
        "tab": tab,
        "notice": list_pages.page_notice(request),
        "row": account_row(detail, users, locale),
        "can_write": principal.can(Permission.WRITE),
        "team": [(m, label(m.role, locale)) for m in detail.team],
        "vocab": vocabularies(locale),
        "user_options": user_choices(users.values(), locale),
    }
    if tab == "overview":
        parent = (
            service.account_names(db, principal, [detail.parent_id]).get(detail.parent_id)
            if detail.parent_id
            else None
        )
        context["facts"] = [
            (translate(locale, k), v) for k, v in account_facts(detail, users, parent, locale)
        ]
        context["org_chart"] = service.org_chart(db, principal, account_id)
        context["children"] = service.child_accounts(db, principal, account_id)
        context["merged_into"] = (
            service.account_names(db, principal, [detail.merged_into_id]).get(detail.merged_into_id)
            if detail.merged_into_id
            else None
        )
    elif tab == "contacts":
        contacts = service.contacts_of(db, principal, account_id)
        context["contacts"] = [
            contact_pages.contact_row(ContactRead.model_validate(c), locale) for c in contacts
        ]
    elif tab == "activities":
        context.update(
            activity_pages.timeline(db, principal, locale, types, page, account_id=account_id)
        )
    elif tab == "history":
        context["history"] = record_history_view(db, principal, "account", account_id, locale)
    return context


def account_form(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    account_id: int | None = None,
    version: int | None = None,
    duplicates: list[Any] | None = None,
) -> dict[str, Any]:
    """The account form with `form`'s values: the staff to choose an owner from, the parent's
    name, and the look-alikes found, if any."""
    users = list_pages.users(db, principal)
    parent_name = ""
    parent_id = posted_id(form.get("parent_id"))
    if parent_id is not None:
        parent_name = service.account_names(db, principal, [parent_id]).get(parent_id, "")
    return {
        "form": FormValues(form),
        "errors": errors,
        "account_id": account_id,
        "version": version,
        "vocab": vocabularies(locale),
        "user_options": user_choices(users.values(), locale),
        "parent_name": parent_name,
        "duplicates": duplicates or [],
    }


def new_account(db: Session, principal: Principal, locale: str, parent_id: str) -> dict[str, Any]:
    """An empty account form owned by the user, under the given parent if any."""
    form = {
        "owner_id": str(principal.user_id),
        "lifecycle_stage": "potential",
        "status": "active",
        "parent_id": parent_id,
    }
    return account_form(db, principal, locale, form=form, errors={})


def edit_account(db: Session, principal: Principal, locale: str, account_id: int) -> dict[str, Any]:
    """An account's form with its current values and version."""
    account = service.get_account(db, principal, account_id)
    return account_form(
        db,
        principal,
        locale,
        form=forms.account_form_values(account),
        errors={},
        account_id=account.id,
        version=account.version,
    )


def account_duplicates(
    db: Session, principal: Principal, name: str, credit_code: str, exclude_id: int | None
) -> dict[str, Any]:
    """The look-alikes of the account being typed (none until it has a name)."""
    duplicates = (
        service.find_account_duplicates(db, principal, name, credit_code or None, exclude_id)
        if name.strip()
        else []
    )
    return {"duplicates": duplicates, "kind": "accounts"}


def merge_account(
    db: Session, principal: Principal, account_id: int, duplicate_id: int | None
) -> dict[str, Any]:
    """The merge page: the account, its look-alikes, and the chosen duplicate if any."""
    account = service.get_account(db, principal, account_id)
    suggestions = service.find_account_duplicates(
        db, principal, account.name, account.credit_code, exclude_id=account.id
    )
    duplicate = service.get_account(db, principal, duplicate_id) if duplicate_id else None
    return {
        "kind": "accounts",
        "record": account,
        "duplicate": duplicate,
        "suggestions": suggestions,
        "error": None,
    }


def failed_account_merge(
    db: Session, principal: Principal, account_id: int, errors: FormErrors
) -> dict[str, Any]:
    """The merge page again, saying why the merge was refused."""
    return {
        "kind": "accounts",
        "record": service.get_account(db, principal, account_id),
        "duplicate": None,
        "suggestions": [],
        "error": "; ".join(errors.values()),
    }
