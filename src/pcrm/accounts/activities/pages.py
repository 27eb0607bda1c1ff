"""View-models of the activity pages: the list, an account's or contact's timeline, the
activity form. They call services only; the routes render what they return."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from pydantic import ValidationError
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import service as accounts_service
from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.activities import forms, service
from pcrm.accounts.activities.schemas import ActivityQuery, ActivityRead
from pcrm.accounts.contacts import service as contacts_service
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists.pages import user_choices, user_name
from pcrm.accounts.vocab import label, vocabularies
from pcrm.core.db import utcnow
from pcrm.core.forms import FormErrors, FormValues, posted_id
from pcrm.core.pages import page_locale
from pcrm.identity.public import Permission, Principal, UserRef

TIMELINE_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: ActivityRead
    type: str
    owner: str
    participants: list[str]


def activity_rows(
    activities: Iterable[ActivityRead],
    users: dict[int, UserRef],
    contact_names: dict[int, str],
    locale: str,
) -> list[ActivityRow]:
    rows = []
    for a in activities:
        people = [contact_names[c] for c in a.participant_contact_ids if c in contact_names]
        people += [users[u].display(locale) for u in a.participant_user_ids if u in users]
        rows.append(
            ActivityRow(
                activity=a,
                type=label(a.type, locale),
                owner=user_name(users, a.owner_id, locale),
                participants=people,
            )
        )
    return rows


def activities_list(request: Request, db: Session, principal: Principal) -> dict[str, Any]:
    """The activity list; `errors` names the query parameters that were refused."""
    locale = page_locale(request)
    params, errors, pairs = list_pages.list_params(request, ActivityQuery)
    page = service.list_activities(db, principal, params)
    contact_ids = {c for a in page.items for c in a.participant_contact_ids}
    names = contacts_service.contact_names(db, principal, contact_ids)
    users = list_pages.users(db, principal, {a.owner_id for a in page.items if a.owner_id})
    return {
        "page": page,
        "rows": activity_rows(page.items, users, names, locale),
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "params": params,
        "chosen_types": [t.value for t in params.type],
        "vocab": vocabularies(locale),
        "user_options": user_choices(users.values(), locale),
        **list_pages.list_links(
            "/activities", pairs, "activities", params.sort, "-occurred_at", locale
        ),
        **list_pages.list_chrome(db, principal, "activities", locale),
    }


def timeline(
    db: Session,
    principal: Principal,
    locale: str,
    types: list[str],
    page: int,
    *,
    account_id: int | None = None,
    contact_id: int | None = None,
) -> dict[str, Any]:
    """The activities tab of an account's or a contact's page, filtered by type; unknown
    types show the whole timeline."""
    try:
        query = ActivityQuery(
            type=types,
            account_id=account_id,
            contact_id=contact_id,
            page=page,
            page_size=TIMELINE_PAGE_SIZE,
        )
    except ValidationError:
        query = ActivityQuery(
            account_id=account_id, contact_id=contact_id, page_size=TIMELINE_PAGE_SIZE
        )
    activities = service.list_activities(db, principal, query)
    contact_ids = {c for a in activities.items for c in a.participant_contact_ids}
    names = contacts_service.contact_names(db, principal, contact_ids)
    users = list_pages.users(
        db, principal, {u for a in activities.items for u in a.participant_user_ids}
    )
    base = f"/accounts/{account_id}" if account_id else f"/contacts/{contact_id}"
    chosen = [t.value for t in query.type]
    timeline_query = [("tab", "activities"), *[("type", t) for t in chosen]]
    return {
        "activities": activities,
        "activity_rows": activity_rows(activities.items, users, names, locale),
        "type_filters": [
            (value, label, value in chosen)
            for value, label in vocabularies(locale)["activity_type"]
        ],
        "timeline_base": base,
        "types_chosen": bool(chosen),
        "timeline_page_url": f"{base}?{urlencode(timeline_query)}&",
    }


def activity_form(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    activity_id: int | None = None,
    version: int | None = None,
    read_only: bool = False,
) -> dict[str, Any]:
    """The activity form with `form`'s values: the account's contacts to choose from, the
    workspace's staff."""
    account_id = posted_id(form.get("account_id"))
    people = (
        [
            (str(c.id), f"{c.name} · {c.title}" if c.title else c.name)
            for c in contacts_service.contacts_at(db, principal, account_id)
        ]
        if account_id
        else []
    )
    users = list_pages.users(db, principal)
    account_name = (
        accounts_service.account_names(db, principal, [account_id]).get(account_id, "")
        if account_id
        else ""
    )
    return {
        "form": FormValues(form),
        "errors": errors,
        "activity_id": activity_id,
        "version": version,
        "vocab": vocabularies(locale),
        "people": people,
        "user_options": user_choices(users.values(), locale),
        "account_name": account_name,
        "read_only": read_only,
    }


def new_activity(
    db: Session,
    principal: Principal,
    locale: str,
    account_id: int | None,
    contact_id: int | None,
) -> dict[str, Any]:
    """An empty activity form: a visit now, by the user, with the contact if one is given
    (and that contact's account when no account is)."""
    if contact_id and not account_id:
        account_id = contacts_service.get_contact(db, principal, contact_id).account_id
    now = utcnow().astimezone(ZoneInfo(principal.timezone)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "account_id": str(account_id or ""),
        "contact_id": str(contact_id or ""),
        "type": "visit",
        "occurred_at": now,
        "owner_id": str(principal.user_id),
        "participant_contact_ids": [str(contact_id)] if contact_id else [],
        "participant_user_ids": [str(principal.user_id)],
    }
    return activity_form(db, principal, locale, form=form, errors={})


def edit_activity(
    db: Session, principal: Principal, locale: str, activity_id: int
) -> dict[str, Any]:
    """An activity's form, read-only for a user who may not write."""
    activity = service.get_activity(db, principal, activity_id)
    return activity_form(
        db,
        principal,
        locale,
        form=forms.activity_form_values(activity, principal.timezone),
        errors={},
        activity_id=activity.id,
        version=activity.version,
        read_only=not principal.can(Permission.WRITE),
    )


def failed_activity_edit(
    db: Session,
    principal: Principal,
    locale: str,
    activity_id: int,
    data: dict[str, Any],
    errors: FormErrors,
    version: int | None,
) -> dict[str, Any]:
    """The activity form again with what was posted and why it was refused."""
    account_id = service.get_activity(db, principal, activity_id).account_id
    return activity_form(
        db,
        principal,
        locale,
        form=form_echo({**data, "account_id": account_id}),
        errors=errors,
        activity_id=activity_id,
        version=version,
    )
