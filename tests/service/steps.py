"""Steps of the service tests: a plan and a request through the API, the rows they write."""

from __future__ import annotations

from typing import Any

from pcrm.notifications.models import Reminder
from pcrm.service.desk.models import RequestNote, ServiceRequest
from pcrm.service.plans.models import MaintenancePlan
from pcrm.service.sla.models import CalendarDay, ServiceSettings, SlaTarget
from tests.factories import bearer
from tests.factories.rows import count_rows
from tests.projects.builders import World

EN = {"Accept-Language": "en"}
REQUESTS = "/api/v1/service/requests"
PLANS = "/api/v1/service/plans"
# Monday 30 November 2026, 10:00 in Shanghai
MONDAY_10 = "2026-11-30T10:00:00+08:00"
TARGETS = [
    {"priority": "p1", "response_minutes": 30, "resolution_minutes": 240, "around_the_clock": True},
    {"priority": "p2", "response_minutes": 60, "resolution_minutes": 480},
]


def h(world: World, token: str | None = None) -> dict[str, str]:
    return bearer(token or world.token) | EN


def add_plan(client, world: World, token: str | None = None, **body: Any):
    return client.post(
        PLANS,
        json={
            "account_id": world.account_id,
            "name": "智慧园区一期 质保期维护",
            "contract_ref": "HT-2026-018",
            "starts_on": "2026-06-01",
            "ends_on": "2027-05-31",
            "owner_id": world.team.admin.user_id,
            "targets": TARGETS,
        }
        | body,
        headers=h(world, token),
    )


def add_request(client, world: World, token: str | None = None, **body: Any):
    return client.post(
        REQUESTS,
        json={
            "account_id": world.account_id,
            "reporter_id": world.zhang,
            "channel": "phone",
            "category": "fault",
            "priority": "p2",
            "title": "门禁闸机无法识别访客二维码",
            "received_at": MONDAY_10,
        }
        | body,
        headers=h(world, token),
    )


def if_match(version: int) -> dict[str, str]:
    return {"If-Match": f'"v{version}"'}


def rows(uow) -> dict[str, int]:
    return count_rows(
        uow,
        {
            "requests": ServiceRequest,
            "notes": RequestNote,
            "plans": MaintenancePlan,
            "targets": SlaTarget,
            "days": CalendarDay,
            "settings": ServiceSettings,
            "reminders": Reminder,
        },
    )
