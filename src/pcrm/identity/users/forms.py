"""Reading the users' posted forms into the API's schemas. Called inside
`core.forms.attempt`, so bad input comes back as messages by field."""

from __future__ import annotations

from typing import Any

from pcrm.core.errors import field_error
from pcrm.core.forms import clean
from pcrm.core.i18n import N_
from pcrm.identity.users.schemas import PasswordChange


def profile_fields(name: str, english_name: str, locale: str) -> dict[str, Any]:
    """One's profile as posted; a blank English name or language is not given."""
    return clean(
        {"name": name, "english_name": english_name, "locale": locale},
        optional=("english_name", "locale"),
    )


def password_change(current: str, new: str, confirmation: str) -> PasswordChange:
    """The change of one's password; the new one typed twice must match."""
    data = PasswordChange.model_validate({"current_password": current, "new_password": new})
    if new != confirmation:
        raise field_error("confirm_password", N_("The two new passwords do not match."))
    return data


def user_fields(
    name: str, english_name: str, role: str, locale: str, is_active: str | None
) -> dict[str, Any]:
    """A user as an administrator posted them; `is_active` only when posted (by the deactivate
    or reactivate button's form)."""
    raw = {"name": name, "english_name": english_name, "role": role, "locale": locale}
    if is_active is not None:
        raw["is_active"] = is_active
    return clean(raw, optional=("english_name", "locale"))
