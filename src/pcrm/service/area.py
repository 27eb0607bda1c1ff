"""The service area's declaration: after-sales and the support line (see `pcrm.core.areas`)."""

from __future__ import annotations

from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_
from pcrm.service import routes_api, routes_html
from pcrm.service.desk import models as desk_models
from pcrm.service.plans import models as plan_models
from pcrm.service.plans import service as plans_service
from pcrm.service.sla import models as sla_models
from pcrm.service.vocab import LABELS

AREA = Area(
    name="service",
    summary="After-sales and the support line: maintenance plans, service requests with SLA "
    "clocks, complaints.",
    api=(routes_api.router,),
    pages=(routes_html.router,),
    models=(sla_models, plan_models, desk_models),
    demo="service",
    nav=(NavEntry("service", N_("Service desk"), "lifebuoy", "/service", order=75),),
    history=HistoryLabels(
        entities={
            "service_settings": EntityLabels(
                N_("Service hours"),
                {
                    "day_starts_at": N_("Working day starts"),
                    "day_ends_at": N_("Working day ends"),
                    "official_calendar": N_("China's official calendar"),
                },
            ),
            "service_calendar_day": EntityLabels(
                N_("Calendar day"),
                {"day": N_("Day"), "kind": N_("Day kind"), "name": N_("Name of the day")},
            ),
            "service_sla_target": EntityLabels(
                N_("SLA target"),
                {
                    "plan_id": N_("Maintenance plan"),
                    "priority": N_("Priority"),
                    "response_minutes": N_("Response within (minutes)"),
                    "resolution_minutes": N_("Resolution within (minutes)"),
                    "around_the_clock": N_("Around the clock"),
                },
            ),
            "service_maintenance_plan": EntityLabels(
                N_("Maintenance plan"),
                {
                    "name": N_("Plan name"),
                    "account_id": N_("Account"),
                    "project_id": N_("Project covered"),
                    "contract_ref": N_("Contract"),
                    "starts_on": N_("Starts"),
                    "ends_on": N_("Ends"),
                    "owner_id": N_("After-sales owner"),
                    "note": N_("Note"),
                },
                link="/service/plans/{id}",
            ),
            "service_request": EntityLabels(
                N_("Service request"),
                {
                    "number": N_("Request number"),
                    "plan_id": N_("Maintenance plan"),
                    "account_id": N_("Account"),
                    "project_id": N_("Project"),
                    "reporter_id": N_("Reported by"),
                    "assignee_id": N_("Handled by"),
                    "channel": N_("Channel"),
                    "category": N_("Request category"),
                    "priority": N_("Priority"),
                    "title": N_("Request title"),
                    "description": N_("Description"),
                    "status": N_("Request status"),
                    "received_at": N_("Received"),
                    "first_response_at": N_("First response"),
                    "resolved_at": N_("Resolved"),
                    "closed_at": N_("Closed"),
                    "response_due_at": N_("Response due"),
                    "resolution_due_at": N_("Resolution due"),
                    "around_the_clock": N_("Around the clock"),
                    "resolution": N_("How it was resolved"),
                    "rating": N_("Customer rating"),
                    "rating_comment": N_("Rating comment"),
                    "reopened": N_("Times reopened"),
                    "complaint_severity": N_("Complaint severity"),
                    "spread_to": N_("Spread to"),
                    "outcome": N_("Outcome"),
                },
                link="/service/requests/{id}",
            ),
        },
        vocabularies=LABELS,
        resolvers={"service_maintenance_plan": plans_service.plan_references},
    ),
)
