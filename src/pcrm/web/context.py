"""The context every page gets: locale, signed-in user, CSRF token, navigation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.requests import Request

from pcrm.core.areas import NavEntry
from pcrm.core.i18n import LOCALE_NAMES, LOCALES
from pcrm.identity.public import Permission, Principal


class ShellContext:
    """The shell's context processor, over every area's navigation entries (in their order)."""

    def __init__(self, entries: Iterable[NavEntry]) -> None:
        ordered = sorted(entries, key=lambda entry: entry.order)
        self.main_nav = tuple(entry for entry in ordered if entry.section == "main")
        self.admin_nav = tuple(entry for entry in ordered if entry.section == "admin")

    def __eq__(self, other: object) -> bool:  # one processor however many apps are built
        return isinstance(other, ShellContext) and (self.main_nav, self.admin_nav) == (
            other.main_nav,
            other.admin_nav,
        )

    def __hash__(self) -> int:
        return hash((self.main_nav, self.admin_nav))

    def __call__(self, request: Request) -> dict[str, Any]:
        principal: Principal | None = getattr(request.state, "principal", None)
        locale = str(getattr(request.state, "locale", "zh_CN"))
        context: dict[str, Any] = {
            "locale": locale,
            "html_lang": "zh-CN" if locale == "zh_CN" else "en",
            "locales": [(code, LOCALE_NAMES[code]) for code in LOCALES],
            "csrf_token": getattr(request.state, "csrf_token", ""),
            "principal": principal,
            "current_path": request.url.path,
            "timezone": principal.timezone if principal else "Asia/Shanghai",
            "currency": principal.currency if principal else "CNY",
            "main_nav": [],
            "admin_nav": [],
            "user_display_name": "",
        }
        if principal is not None:
            context["main_nav"] = self._allowed(self.main_nav, principal)
            context["admin_nav"] = self._allowed(self.admin_nav, principal)
            context["user_display_name"] = principal.display_name(locale)
        return context

    @staticmethod
    def _allowed(entries: tuple[NavEntry, ...], principal: Principal) -> list[NavEntry]:
        return [entry for entry in entries if principal.can(Permission(entry.permission))]
