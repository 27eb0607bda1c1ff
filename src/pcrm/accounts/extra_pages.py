"""Pages a later area adds to every account's "More" menu (the projects area: 经验教训, the
lessons learned of the account's projects): (key, path after /accounts/{id}, English message
id). The account's tab bar (web/templates/components/_record_tabs.html) lists them after its
own; the later area serves the page and shows the tab bar with its key as the active one."""

from __future__ import annotations

from pcrm.core.templating import templates

EXTRA_PAGES: list[tuple[str, str, str]] = []
templates.env.globals["account_extra_pages"] = EXTRA_PAGES


def register_account_page(key: str, path: str, label: str) -> None:
    """Add a page to every account's "More" menu (once per key)."""
    if key not in {k for k, _, _ in EXTRA_PAGES}:
        EXTRA_PAGES.append((key, path, label))
