"""Projects, stakeholders, requirements and baselines named for a history: one query per kind
for a whole page of entries, linked to the project's page."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.history import Reference
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.baselines.vocab import BaselineKind
from pcrm.projects.references import repository as repo


def _link(reader: Principal, path: str) -> str | None:
    return path if reader.can(Permission.READ) else None


def project_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(f"{row.code} {row.name}", _link(reader, f"/projects/{row.id}"))
        for row in repo.projects(db, reader.scope, ids)
    }


def stakeholder_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    rows = repo.stakeholders(db, reader.scope, ids)
    people = contacts_by_ids(db, reader.scope, {r.contact_id for r in rows})
    return {
        row.id: Reference(
            people[row.contact_id].name if row.contact_id in people else "",
            _link(reader, f"/projects/{row.project_id}?tab=stakeholders"),
        )
        for row in rows
    }


def requirement_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            f"R-{row.number:03d} {row.title}", _link(reader, f"/projects/{row.project_id}")
        )
        for row in repo.requirements(db, reader.scope, ids)
    }


def baseline_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            translate(
                locale,
                N_("%(kind)s v%(number)s"),
                kind=translate(locale, BASELINE_LABELS[BaselineKind][row.kind]),
                number=row.number,
            ),
            _link(reader, f"/projects/{row.project_id}"),
        )
        for row in repo.baselines(db, reader.scope, ids)
    }


def plan_task_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(row.name, _link(reader, f"/projects/{row.project_id}?tab=plan"))
        for row in repo.plan_tasks(db, reader.scope, ids)
    }


def training_session_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            f"{row.held_on.isoformat()} {row.topic}",
            _link(reader, f"/projects/{row.project_id}?tab=training"),
        )
        for row in repo.training_sessions(db, reader.scope, ids)
    }
