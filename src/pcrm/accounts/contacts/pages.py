"""View-models of the contact pages: the list, a contact's page, the contact form, the
duplicate check and the merge page. They call services only; the routes render what they
return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import service as accounts_service
from pcrm.accounts.activities import pages as activity_pages
from pcrm.accounts.contacts import forms, service
from pcrm.accounts.contacts.schemas import ContactQuery, ContactRead
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists import service as lists_service
from pcrm.accounts.lists.pages import user_choices
from pcrm.accounts.validation import display_phone, normalize_phone
from pcrm.accounts.vocab import label, vocabularies
from pcrm.core.forms import FormErrors, FormValues, posted_id
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import page_locale
from pcrm.identity.public import Permission, Principal, record_history_view

CONTACT_TABS = ("overview", "activities", "history")

IMPORTANCE_BADGES = {"key": "red", "important": "amber", "normal": ""}


@dataclass(frozen=True, slots=True)
class ContactRow:
    contact: ContactRead
    name: str
    secondary: str
    importance: str
    importance_badge: str
    status: str
    mobile: str
    office_phone: str
    gender: str


def contact_row(contact: ContactRead, locale: str) -> ContactRow:
    secondary = contact.english_name if locale == "en" and contact.english_name else ""
    return ContactRow(
        contact=contact,
        name=contact.name,
        secondary=secondary or "",
        importance=label(contact.importance, locale),
        importance_badge=IMPORTANCE_BADGES[contact.importance.value],
        status=label(contact.status, locale),
        mobile=display_phone(contact.mobile),
        office_phone=display_phone(contact.office_phone),
        gender=label(contact.gender, locale),
    )


def contact_facts(
    contact: ContactRead, boss_name: str | None, locale: str
) -> list[tuple[str, Any]]:
    facts: list[tuple[str, Any]] = [
        (N_("English name"), contact.english_name),
        (
            N_("Gender"),
            label(contact.gender, locale) if contact.gender.value != "unknown" else None,
        ),
        (N_("Title"), contact.title),
        (N_("Department"), contact.department),
        (N_("Reports to"), boss_name),
        (N_("Mobile"), display_phone(contact.mobile)),
        (N_("Office phone"), display_phone(contact.office_phone)),
        (N_("E-mail"), contact.email),
        (N_("WeChat"), contact.wechat),
        (N_("Birthday"), contact.birthday),
        (N_("Importance"), label(contact.importance, locale)),
        (N_("Status"), label(contact.status, locale)),
        (N_("Left on"), contact.left_on),
    ]
    return [(name, value) for name, value in facts if value]


def contacts_list(request: Request, db: Session, principal: Principal) -> dict[str, Any]:
    """The contact list; `errors` names the query parameters that were refused."""
    locale = page_locale(request)
    params, errors, pairs = list_pages.list_params(request, ContactQuery)
    page = service.list_contacts(db, principal, params)
    users = list_pages.users(db, principal)
    account_name = (
        accounts_service.account_names(db, principal, [params.account_id]).get(params.account_id)
        if params.account_id
        else None
    )
    return {
        "page": page,
        "rows": [contact_row(c, locale) for c in page.items],
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "params": params,
        "vocab": vocabularies(locale),
        "account_name": account_name,
        "user_options": user_choices(users.values(), locale),
        **list_pages.list_links(
            "/contacts",
            pairs,
            "contacts",
            params.sort,
            lists_service.default_sort(params.q),
            locale,
        ),
        **list_pages.list_chrome(db, principal, "contacts", locale),
    }


def contact_page(
    request: Request,
    db: Session,
    principal: Principal,
    contact_id: int,
    tab: str,
    types: list[str],
    page: int,
) -> dict[str, Any]:
    """A contact's page with one tab's content: overview (facts, reports, employment
    history), activities (the timeline) or history (the audit trail)."""
    locale = page_locale(request)
    tab = tab if tab in CONTACT_TABS else "overview"
    contact = service.get_contact(db, principal, contact_id)
    context: dict[str, Any] = {
        "contact": contact,
        "row": contact_row(contact, locale),
        "tab": tab,
        "notice": list_pages.page_notice(request),
        "can_write": principal.can(Permission.WRITE),
    }
    if tab == "overview":
        boss_id = contact.reports_to_id
        boss = service.contact_names(db, principal, [boss_id]).get(boss_id) if boss_id else None
        context["facts"] = [
            (translate(locale, k), v) for k, v in contact_facts(contact, boss, locale)
        ]
        context["boss_id"] = boss_id if boss is not None else None
        context["reports"] = service.direct_reports(db, principal, contact.id)
        context["employments"] = service.employment_history(db, principal, contact.id)
        context["merged_into"] = contact.merged_into_id
    elif tab == "activities":
        context.update(
            activity_pages.timeline(db, principal, locale, types, page, contact_id=contact_id)
        )
    else:
        context["history"] = record_history_view(db, principal, "contact", contact_id, locale)
    return context


def contact_form(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    contact_id: int | None = None,
    version: int | None = None,
    duplicates: list[Any] | None = None,
) -> dict[str, Any]:
    """The contact form with `form`'s values: the colleagues at the account to report to,
    and the look-alikes found, if any."""
    account_id = posted_id(form.get("account_id"))
    colleagues = (
        [
            (str(c.id), f"{c.name} · {c.title}" if c.title else c.name)
            for c in service.contacts_at(db, principal, account_id)
            if c.id != contact_id
        ]
        if account_id
        else []
    )
    account_name = (
        accounts_service.account_names(db, principal, [account_id]).get(account_id, "")
        if account_id
        else ""
    )
    return {
        "form": FormValues(form),
        "errors": errors,
        "contact_id": contact_id,
        "version": version,
        "vocab": vocabularies(locale),
        "colleagues": colleagues,
        "account_name": account_name,
        "duplicates": duplicates or [],
    }


def new_contact(
    db: Session, principal: Principal, locale: str, account_id: int | None
) -> dict[str, Any]:
    """An empty contact form, at the given account if any."""
    form = {
        "account_id": str(account_id or ""),
        "importance": "normal",
        "status": "active",
        "gender": "unknown",
    }
    return contact_form(db, principal, locale, form=form, errors={})


def edit_contact(db: Session, principal: Principal, locale: str, contact_id: int) -> dict[str, Any]:
    """A contact's form with its current values and version."""
    contact = service.get_contact(db, principal, contact_id)
    return contact_form(
        db,
        principal,
        locale,
        form=forms.contact_form_values(contact),
        errors={},
        contact_id=contact.id,
        version=contact.version,
    )


def contact_duplicates(
    db: Session,
    principal: Principal,
    name: str,
    account_id: str,
    mobile: str,
    email: str,
    exclude_id: int | None,
) -> dict[str, Any]:
    """The look-alikes of the contact being typed, as the form's inputs give it (a phone
    that cannot exist is left out of the comparison)."""
    try:
        phone = normalize_phone(mobile) if mobile.strip() else None
    except ValueError:
        phone = None
    duplicates = service.find_contact_duplicates(
        db,
        principal,
        name,
        posted_id(account_id),
        phone,
        email.strip() or None,
        exclude_id,
    )
    return {"duplicates": duplicates, "kind": "contacts"}


def merge_contact(
    db: Session, principal: Principal, contact_id: int, duplicate_id: int | None
) -> dict[str, Any]:
    """The merge page: the contact, its look-alikes, and the chosen duplicate if any."""
    contact = service.get_contact(db, principal, contact_id)
    suggestions = service.find_contact_duplicates(
        db,
        principal,
        contact.name,
        contact.account_id,
        contact.mobile,
        contact.email,
        exclude_id=contact.id,
    )
    duplicate = service.get_contact(db, principal, duplicate_id) if duplicate_id else None
    return {
        "kind": "contacts",
        "record": contact,
        "duplicate": duplicate,
        "suggestions": suggestions,
        "error": None,
    }


def failed_contact_merge(
    db: Session, principal: Principal, contact_id: int, errors: FormErrors
) -> dict[str, Any]:
    """The merge page again, saying why the merge was refused."""
    return {
        "kind": "contacts",
        "record": service.get_contact(db, principal, contact_id),
        "duplicate": None,
        "suggestions": [],
        "error": "; ".join(errors.values()),
    }
