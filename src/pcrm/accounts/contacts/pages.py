"""View-models of the contact pages: rows of a list, a contact's facts, the contact form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request

from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.contacts.schemas import ContactRead
from pcrm.accounts.validation import display_phone
from pcrm.accounts.vocab import label, vocabularies
from pcrm.core.deps import DB
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_
from pcrm.core.pages import page_locale as _locale
from pcrm.identity.public import Principal

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


def contact_form(
    request: Request,
    db: DB,
    principal: Principal,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    contact_id: int | None = None,
    version: int | None = None,
    duplicates: list[Any] | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    account_id = int(form["account_id"]) if str(form.get("account_id", "")).isdigit() else None
    colleagues = (
        [
            (str(c.id), f"{c.name} · {c.title}" if c.title else c.name)
            for c in contacts_repo.account_contacts(db, principal.scope, account_id)
            if c.id != contact_id
        ]
        if account_id
        else []
    )
    account_name = (
        repo.account_names(db, principal.scope, [account_id]).get(account_id, "")
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
