"""The project manager's reminder of a sign-off the customer has not given yet.

When a baseline goes to the customer, its project manager (or, while the project has none, the
person who sent it) gets one reminder due the workspace's sign-off reminder days (a workspace
setting, 1–60, 5 until set) after the day it was sent, at 09:00 in their time zone: a sign-off
pending longer than that needs a nudge. A reminder already kept keeps its day when the setting
changes. The
reminder goes as soon as the review ends (the customer decided, or a newer version or a changed
requirement withdrew the baseline)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, sign_off_reminder_days
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.projects.models import Project

SOURCE = "project_baseline"
REMINDER_HOUR = time(9, 0)
TITLE = N_("Customer sign-off pending: %(project)s, v%(number)s")


def remind_manager(db: Session, principal: Principal, project: Project, baseline: Baseline) -> None:
    """Keep the reminder of a baseline just sent for sign-off."""
    user_id = project.manager_id or principal.user_id
    day = baseline.sent_on + timedelta(days=sign_off_reminder_days(db, principal.scope))
    due = datetime.combine(day, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone))
    title = translate(
        principal.locale or "zh_CN", TITLE, project=project.name, number=baseline.number
    )
    link = f"/projects/{project.id}?tab=baselines"
    keep_reminder(db, principal.scope, SOURCE, baseline.id, ReminderPlan(user_id, due, title, link))


def drop_reminder(db: Session, scope: WorkspaceScope, baseline: Baseline) -> None:
    """The review of `baseline` ended: its open reminder goes."""
    keep_reminder(db, scope, SOURCE, baseline.id, None)
