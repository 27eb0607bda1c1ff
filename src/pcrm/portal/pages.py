"""View-models of the portal's pages: what `projects.public` gives, with its codes turned into
words of the customer's language (templates format, they never compute)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import PORTAL_ROLE_LABELS, PortalPrincipal
from pcrm.projects.public import portal_inbox, portal_project, portal_projects

PHASES = {
    "needs": N_("Needs identification"),
    "planning": N_("Planning"),
    "execution": N_("Execution"),
    "closure": N_("Closure"),
}
STATUSES = {
    "draft": N_("Draft"),
    "active": N_("In progress"),
    "on_hold": N_("On hold"),
    "closed": N_("Closed"),
    "archived": N_("Archived"),
    "terminated": N_("Terminated by the customer"),
}
PENDING = {
    "baseline": N_("Sign-off"),
    "change": N_("Change decision"),
    "clarification": N_("Question"),
}
BASELINE_KINDS = {"requirements": N_("Requirements baseline"), "plan": N_("Plan baseline")}
CHANGE_STATES = {
    "submitted": N_("Submitted"),
    "impact_analysed": N_("Impact analysed"),
    "awaiting_decision": N_("Awaiting your decision"),
    "approved": N_("Change approved"),
    "rejected": N_("Change rejected"),
    "implemented": N_("Implemented"),
    "withdrawn": N_("Withdrawn"),
}
TEAM_ROLES = {
    "pm": N_("Project manager"),
    "sales": N_("Sales"),
    "technical": N_("Technical"),
    "marketing": N_("Marketing"),
    "after_sales": N_("After-sales"),
    "other": N_("Other"),
}
DECISIONS = {"approved": N_("Approved"), "rejected": N_("Rejected")}
CATEGORIES = {
    "requirement": N_("Requirement"),
    "scope": N_("Scope"),
    "schedule": N_("Schedule"),
    "cost": N_("Cost"),
    "quality": N_("Quality"),
    "other": N_("Other"),
}


def _words(table: dict[str, str], locale: str) -> dict[str, str]:
    return {k: translate(locale, v) for k, v in table.items()}


def labels(locale: str) -> dict[str, dict[str, str]]:
    return {
        "phase": _words(PHASES, locale),
        "status": _words(STATUSES, locale),
        "pending": _words(PENDING, locale),
        "baseline": _words(BASELINE_KINDS, locale),
        "change": _words(CHANGE_STATES, locale),
        "team": _words(TEAM_ROLES, locale),
        "decision": _words(DECISIONS, locale),
        "category": _words(CATEGORIES, locale),
        "role": _words(dict(PORTAL_ROLE_LABELS), locale),
    }


def home(db: Session, portal: PortalPrincipal, locale: str) -> dict[str, Any]:
    return {
        "portal": portal,
        "inbox": portal_inbox(db, portal),
        "projects": portal_projects(db, portal),
        "labels": labels(locale),
    }


def project(db: Session, portal: PortalPrincipal, project_id: int, locale: str) -> dict[str, Any]:
    return {
        "portal": portal,
        "project": portal_project(db, portal, project_id),
        "labels": labels(locale),
    }
