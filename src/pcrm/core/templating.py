"""Jinja2 environment shared by every area: i18n, formatting filters, HTMX fragments.

Templates live in `pcrm/<area>/templates` (`<area>/page.html`, fragments `<area>/_name.html`),
the shell's layout and shared components in `pcrm/web/templates`; the application factory names
the folders (`use_template_dirs`). An HTMX request gets the named block of the same template a
normal request gets whole, built from the same context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2_fragments.starlette import Jinja2Blocks
from starlette.requests import Request
from starlette.responses import Response

from pcrm.config import PACKAGE_DIR
from pcrm.core import i18n

ContextProcessor = Callable[[Request], dict[str, Any]]


def _locale(context: Context) -> str:
    return str(context.get("locale") or i18n.DEFAULT_LOCALE)


@pass_context
def _gettext(context: Context, message: str, **_params: Any) -> str:
    # Jinja's new-style gettext applies the %-formatting itself.
    return i18n.translations(_locale(context)).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int, **_params: Any) -> str:
    # Jinja's new-style gettext applies the %-formatting itself.
    return i18n.translations(_locale(context)).ngettext(singular, plural, n)


@pass_context
def _datetime(context: Context, value: datetime | None) -> str:
    return i18n.format_datetime(
        value, _locale(context), str(context.get("timezone") or "Asia/Shanghai")
    )


@pass_context
def _date(context: Context, value: date | datetime | None) -> str:
    if isinstance(value, datetime):  # the day where the workspace is, not the UTC day
        value = value.astimezone(ZoneInfo(str(context.get("timezone") or "Asia/Shanghai")))
    return i18n.format_date(value, _locale(context))


@pass_context
def _number(context: Context, value: int | float | Decimal | None) -> str:
    return i18n.format_number(value, _locale(context))


@pass_context
def _money(context: Context, value: Decimal | int | None, currency: str | None = None) -> str:
    return i18n.format_money(
        value, currency or str(context.get("currency") or "CNY"), _locale(context)
    )


@pass_context
def _currency(context: Context, code: str | None) -> str:
    """`{{ opportunity.currency|currency }}`: the currency's name in the reader's language
    (人民币, Chinese Yuan), never the bare ISO code."""
    return i18n.currency_name(code, _locale(context)) if code else ""


@pass_context
def _iso(context: Context, value: datetime | None) -> str:
    return value.isoformat() if value else ""


@pass_context
def _person_name(context: Context, person: Any) -> str:
    """`{{ user|person_name }}`: anything with `name` and `english_name` (a user, a member of
    a team), named as the page's reader reads it (`i18n.person_name`)."""
    if person is None:
        return ""
    return i18n.person_name(person.name, getattr(person, "english_name", None), _locale(context))


def build_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(PACKAGE_DIR / "web" / "templates")]),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        datetime=_datetime,
        date=_date,
        number=_number,
        money=_money,
        currency=_currency,
        iso=_iso,
        person_name=_person_name,
    )
    return env


templates = Jinja2Blocks(env=build_environment())


def use_template_dirs(dirs: Sequence[Path]) -> None:
    """Where templates are looked up, in order (every area's `templates` folder)."""
    templates.env.loader = jinja2.FileSystemLoader([str(d) for d in dirs])


def add_context_processor(processor: ContextProcessor) -> None:
    if processor not in templates.context_processors:
        templates.context_processors.append(processor)


def is_htmx(request: Request) -> bool:
    """An HTMX request for a fragment. Not a boosted link, nor HTMX restoring a page the user
    went back to that is no longer in its history cache: both want the whole page."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"
    )


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    fragment: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render a page, or only its `fragment` block when HTMX asked for it."""
    context = dict(context or {})
    if fragment is not None and is_htmx(request):
        return templates.TemplateResponse(
            request, name, context, status_code=status_code, headers=headers, block_name=fragment
        )
    return templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )
