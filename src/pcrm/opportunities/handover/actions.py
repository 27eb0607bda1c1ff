"""What a later area offers on a won opportunity's page (the projects area: "convert to a
project", or a link to the project once converted). The opportunities area comes first and
imports no later area: a later one registers a provider here through `public`, and the page
shows what the providers give."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pcrm.identity.public import Principal


@dataclass(frozen=True, slots=True)
class WonAction:
    """A button on the won opportunity's page: a form posting to `post_to`, or a link to
    `href`. `label` is an English message id (translated when shown)."""

    label: str
    testid: str
    post_to: str | None = None
    href: str | None = None
    detail: str | None = None  # shown beside the button, as is (e.g. a project's code)


WonActionProvider = Callable[[Session, Principal, int], WonAction | None]
_PROVIDERS: list[WonActionProvider] = []


def register_won_action(provider: WonActionProvider) -> None:
    """Offer an action on every won opportunity's page (once per provider)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def won_actions(db: Session, principal: Principal, opportunity_id: int) -> list[WonAction]:
    found = (provider(db, principal, opportunity_id) for provider in _PROVIDERS)
    return [action for action in found if action is not None]


# Tabs a later area adds to every opportunity's page (the projects area: 风险, the risks seen
# before the project exists): (key, path after /opportunities/{id}, English message id). The
# frame shows them before History; the later area serves the page.
EXTRA_TABS: list[tuple[str, str, str]] = []


def register_opportunity_tab(key: str, path: str, label: str) -> None:
    """Add a tab to every opportunity's page (once per key)."""
    if key not in {k for k, _, _ in EXTRA_TABS}:
        EXTRA_TABS.append((key, path, label))
