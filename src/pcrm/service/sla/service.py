"""The SLA clock's settings and the business calendar built from them.

The workspace's service hours (09:00–18:00 until set), China's official calendar (on until
switched off) and the days the workspace sets itself make one `BusinessCalendar`; targets per
priority come from a maintenance plan or, without one, from the workspace's defaults (the
built-in `DEFAULT_TARGETS` until it sets its own)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, FieldError, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.service.sla import official
from pcrm.service.sla import repository as repo
from pcrm.service.sla.clock import BusinessCalendar, calendar_of
from pcrm.service.sla.models import CalendarDay, ServiceSettings, SlaTarget
from pcrm.service.sla.schemas import (
    DayRead,
    DayWrite,
    SettingsRead,
    SettingsUpdate,
    TargetRead,
    TargetWrite,
)
from pcrm.service.vocab import DayKind, Priority

DAY_START, DAY_END = "09:00", "18:00"
H = 60  # minutes
# the built-in defaults, in working minutes (a working day is 9 hours until the hours change)
DEFAULT_TARGETS = {
    Priority.P1: TargetRead(
        priority=Priority.P1, response_minutes=30, resolution_minutes=4 * H, around_the_clock=True
    ),
    Priority.P2: TargetRead(
        priority=Priority.P2, response_minutes=H, resolution_minutes=9 * H, around_the_clock=False
    ),
    Priority.P3: TargetRead(
        priority=Priority.P3,
        response_minutes=4 * H,
        resolution_minutes=3 * 9 * H,
        around_the_clock=False,
    ),
    Priority.P4: TargetRead(
        priority=Priority.P4,
        response_minutes=9 * H,
        resolution_minutes=10 * 9 * H,
        around_the_clock=False,
    ),
}
HOURS_ORDER = N_("The end of the working day must come after its start.")
DAY_TAKEN = N_("This day is already set: change or remove it first.")
DUPLICATE_PRIORITY = N_("Each priority may have one target only.")


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def settings(db: Session, principal: Principal) -> SettingsRead:
    principal.require(Permission.READ)
    found = repo.settings(db, principal.scope)
    return SettingsRead(
        day_starts_at=found.day_starts_at if found else DAY_START,
        day_ends_at=found.day_ends_at if found else DAY_END,
        official_calendar=found.official_calendar if found else True,
        official_years=sorted(official.known_years()),
        version=found.version if found else 0,
    )


def update_settings(
    db: Session, principal: Principal, data: SettingsUpdate, expected_version: int | None
) -> SettingsRead:
    principal.require(Permission.MANAGE_WORKSPACE)
    found = repo.settings(db, principal.scope)
    check_version(found.version if found else 0, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    start = changes.get("day_starts_at", found.day_starts_at if found else DAY_START)
    end = changes.get("day_ends_at", found.day_ends_at if found else DAY_END)
    if _clock(end) <= _clock(start):
        raise ValidationFailed([FieldError("day_ends_at", HOURS_ORDER)])
    if found is None:
        found = ServiceSettings(workspace_id=principal.scope.workspace_id)
        db.add(found)
    for key, value in changes.items():
        setattr(found, key, value)
    db.flush()
    return settings(db, principal)


def calendar(db: Session, scope: WorkspaceScope, tz: str, around: date) -> BusinessCalendar:
    """The workspace's business calendar for the year before and after `around` (the horizon
    of every SLA clock)."""
    found = repo.settings(db, scope)
    first, last = around - timedelta(days=400), around + timedelta(days=400)
    holidays: set[date] = set()
    workdays: set[date] = set()
    if found is None or found.official_calendar:
        holidays |= set(official.holidays(first, last))
        workdays |= set(official.workdays(first, last))
    for own in repo.calendar_days(db, scope, first, last):
        (holidays if own.kind is DayKind.HOLIDAY else workdays).add(own.day)
        (workdays if own.kind is DayKind.HOLIDAY else holidays).discard(own.day)
    return calendar_of(
        tz,
        _clock(found.day_starts_at if found else DAY_START),
        _clock(found.day_ends_at if found else DAY_END),
        holidays,
        workdays,
    )


def days_of_year(db: Session, principal: Principal, year: int) -> list[DayRead]:
    """The year's days that are not plain weekdays and weekends: official holidays and 调休
    (when the official calendar applies) and the workspace's own, its own winning."""
    principal.require(Permission.READ)
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = repo.settings(db, principal.scope)
    days: dict[date, DayRead] = {}
    if found is None or found.official_calendar:
        for day, name in official.holidays(first, last).items():
            if day.weekday() < 5:  # a holiday on a weekend changes nothing
                days[day] = DayRead(
                    id=None, day=day, kind=DayKind.HOLIDAY, name=name, official=True
                )
        for day, name in official.workdays(first, last).items():
            days[day] = DayRead(id=None, day=day, kind=DayKind.WORKDAY, name=name, official=True)
    for own in repo.calendar_days(db, principal.scope, first, last):
        days[own.day] = DayRead(
            id=own.id, day=own.day, kind=own.kind, name=own.name, official=False
        )
    return [days[d] for d in sorted(days)]


def add_day(db: Session, principal: Principal, data: DayWrite) -> DayRead:
    principal.require(Permission.MANAGE_WORKSPACE)
    if repo.calendar_day_on(db, principal.scope, data.day) is not None:
        raise Conflict(DAY_TAKEN)
    day = CalendarDay(workspace_id=principal.scope.workspace_id, **data.model_dump())
    db.add(day)
    db.flush()
    return DayRead(id=day.id, day=day.day, kind=day.kind, name=day.name, official=False)


def remove_day(db: Session, principal: Principal, day_id: int) -> None:
    principal.require(Permission.MANAGE_WORKSPACE)
    db.delete(repo.calendar_day(db, principal.scope, day_id))
    db.flush()


def _reads(rows: Sequence[SlaTarget]) -> list[TargetRead]:
    return [TargetRead.model_validate(t) for t in rows]


def default_targets(db: Session, principal: Principal) -> list[TargetRead]:
    principal.require(Permission.READ)
    own = _reads(repo.targets(db, principal.scope, None))
    return own or list(DEFAULT_TARGETS.values())


def check_targets(targets: Sequence[TargetWrite]) -> None:
    if len({t.priority for t in targets}) != len(targets):
        raise ValidationFailed([FieldError("targets", DUPLICATE_PRIORITY)])


def replace_targets(
    db: Session, scope: WorkspaceScope, plan_id: int | None, targets: Sequence[TargetWrite]
) -> list[TargetRead]:
    """The plan's (or the workspace's default) targets become `targets`, each change audited."""
    check_targets(targets)
    wanted = {t.priority: t for t in targets}
    for row in repo.targets(db, scope, plan_id):
        if row.priority in wanted:
            new = wanted.pop(row.priority)
            row.response_minutes = new.response_minutes
            row.resolution_minutes = new.resolution_minutes
            row.around_the_clock = new.around_the_clock
        else:
            db.delete(row)
    for new in wanted.values():
        db.add(SlaTarget(workspace_id=scope.workspace_id, plan_id=plan_id, **new.model_dump()))
    db.flush()
    return _reads(repo.targets(db, scope, plan_id))


def set_default_targets(
    db: Session, principal: Principal, targets: Sequence[TargetWrite]
) -> list[TargetRead]:
    principal.require(Permission.MANAGE_WORKSPACE)
    if not targets:
        raise ValidationFailed(
            [FieldError("targets", N_("Give a target for at least one priority."))]
        )
    return replace_targets(db, principal.scope, None, targets)


def target_for(
    db: Session, scope: WorkspaceScope, plan_id: int | None, priority: Priority
) -> TargetRead | None:
    """The target a request of `priority` gets: its plan's (None when the plan does not cover
    that priority), or without a plan the workspace's default."""
    rows = {t.priority: t for t in repo.targets(db, scope, plan_id)}
    if plan_id is None and not rows:
        return DEFAULT_TARGETS[priority]
    found = rows.get(priority)
    return TargetRead.model_validate(found) if found is not None else None
