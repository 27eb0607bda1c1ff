"""View-models of the activity pages: rows of a list, an account's or contact's timeline, the
activity form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from pydantic import ValidationError

from pcrm.accounts.accounts import repository as accounts_repo
from pcrm.accounts.activities import service
from pcrm.accounts.activities.schemas import ActivityQuery, ActivityRead
from pcrm.accounts.activities.service import activity_filters
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists.pages import user_choices, user_name
from pcrm.accounts.vocab import label, vocabularies
from pcrm.core.deps import DB
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pagination import PageRequest
from pcrm.identity.public import Principal, UserRef


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


def timeline(
    request: Request,
    db: DB,
    principal: Principal,
    types: list[str],
    page: int,
    *,
    account_id: int | None = None,
    contact_id: int | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    try:
        query = ActivityQuery(
            type=types,
            account_id=account_id,
            contact_id=contact_id,
            page=page,
            page_size=20,
        )
    except ValidationError:
        query = ActivityQuery(account_id=account_id, contact_id=contact_id, page_size=20)
    activities = service.list_activities(
        db,
        principal,
        activity_filters(query, principal.timezone),
        PageRequest(query.page, query.page_size),
    )
    contact_ids = {c for a in activities.items for c in a.participant_contact_ids}
    names = {
        c.id: c.name
        for c in contacts_repo.contacts_by_ids(db, principal.scope, contact_ids).values()
    }
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
    request: Request,
    db: DB,
    principal: Principal,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    activity_id: int | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    account_id = int(form["account_id"]) if str(form.get("account_id", "")).isdigit() else None
    people = (
        [
            (str(c.id), f"{c.name} · {c.title}" if c.title else c.name)
            for c in contacts_repo.account_contacts(db, principal.scope, account_id)
        ]
        if account_id
        else []
    )
    users = list_pages.users(db, principal)
    account_name = (
        accounts_repo.account_names(db, principal.scope, [account_id]).get(account_id, "")
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
    }
