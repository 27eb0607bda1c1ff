"""Row counts for "nothing changed" checks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import GLOBAL


def count_rows(
    uow: Callable[[], AbstractContextManager[Session]], models: Mapping[str, type[Any]]
) -> dict[str, int]:
    """The rows of each model, by the name given to it, across all workspaces."""
    with uow() as db:
        return {
            name: int(
                db.scalar(select(func.count()).select_from(model).execution_options(**GLOBAL)) or 0
            )
            for name, model in models.items()
        }
