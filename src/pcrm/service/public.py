"""What later areas (loyalty, analytics, the portal) and the demo may use from the service area:
maintenance plans and service requests as schemas, never ORM objects, and an account's service
figures for the loyalty tiers."""

from __future__ import annotations

from pcrm.service.desk.schemas import Move, RequestCounts, RequestRead, RequestWrite, Respond
from pcrm.service.desk.service import account_counts, create_request, get_request, move, respond
from pcrm.service.plans.schemas import PlanRead, PlanWrite
from pcrm.service.plans.service import create_plan, plans
from pcrm.service.sla.schemas import TargetWrite
from pcrm.service.vocab import Category, Channel, ComplaintSeverity, Priority, RequestStatus

__all__ = [
    "Category",
    "Channel",
    "ComplaintSeverity",
    "Move",
    "PlanRead",
    "PlanWrite",
    "Priority",
    "RequestCounts",
    "RequestRead",
    "RequestStatus",
    "RequestWrite",
    "Respond",
    "TargetWrite",
    "account_counts",
    "create_plan",
    "create_request",
    "get_request",
    "move",
    "plans",
    "respond",
]
