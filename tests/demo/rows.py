"""Counting rows of the seeded demo, across workspaces."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import GLOBAL


def count(db: Session, model: type[object], *where: object) -> int:
    query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
    return int(db.scalar(query.execution_options(**GLOBAL)) or 0)
