"""Steps of the risks tests: a risk through the API, a project archived, the open reminders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.notifications.models import Reminder
from tests.factories import bearer, current
from tests.projects.builders import World
from tests.projects.closure.steps import closure_acts

EN = {"Accept-Language": "en"}
RISK = {
    "description": "客户机房改造延期，设备无法按期进场",
    "category": "customer",
    "probability": 3,
    "impact": 4,
}


def add_risk(client, world: World, project_id: int, token: str | None = None, **body: Any):
    return client.post(
        f"/api/v1/projects/{project_id}/risks",
        json=RISK | body,
        headers=bearer(token or world.token) | EN,
    )


def archive(client, world: World, project_id: int) -> None:
    """Start, close (after the closure gate's acts) and archive the project through its
    status actions."""
    closure_acts(client, world, project_id)
    path = f"/api/v1/projects/{project_id}"
    for status in ("active", "closed", "archived"):
        moved = client.post(
            f"{path}/status",
            json={"status": status},
            headers=current(client, path, bearer(world.token)),
        )
        assert moved.status_code == 200, moved.text


def open_reminders(uow, source: str) -> list[tuple[int, int, datetime, str, str | None]]:
    with uow() as db:
        query = (
            select(Reminder)
            .where(Reminder.source_type == source, Reminder.done_at.is_(None))
            .order_by(Reminder.id)
            .execution_options(**GLOBAL)
        )
        return [
            (r.source_id, r.user_id, r.due_at, r.title, r.link) for r in db.scalars(query).all()
        ]
