"""The context every page gets: locale, signed-in user, CSRF token, navigation."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from pcrm.core.i18n import LOCALE_NAMES, LOCALES
from pcrm.identity.principal import Principal
from pcrm.web.nav import ADMIN_NAV, MAIN_NAV


def shell_context(request: Request) -> dict[str, Any]:
    principal: Principal | None = getattr(request.state, "principal", None)
    locale = str(getattr(request.state, "locale", "zh_CN"))
    path = request.url.path
    context: dict[str, Any] = {
        "locale": locale,
        "html_lang": "zh-CN" if locale == "zh_CN" else "en",
        "locales": [(code, LOCALE_NAMES[code]) for code in LOCALES],
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "principal": principal,
        "current_path": path,
        "timezone": principal.timezone if principal else "Asia/Shanghai",
        "currency": principal.currency if principal else "CNY",
        "main_nav": [],
        "admin_nav": [],
        "user_display_name": "",
    }
    if principal is not None:
        context["main_nav"] = [item for item in MAIN_NAV if principal.can(item.permission)]
        context["admin_nav"] = [item for item in ADMIN_NAV if principal.can(item.permission)]
        context["user_display_name"] = principal.display_name(locale)
    return context
