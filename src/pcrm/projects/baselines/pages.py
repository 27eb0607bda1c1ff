"""View-models of the baselines tab (基线与确认) of the project page, and of the overview's gate
checklist and pending customer acts (baselines awaiting sign-off, open questions) with their age
in days. Built from services only; templates format, they never compute."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.files.public import TOO_LARGE
from pcrm.identity.public import Principal, sign_off_reminder_days, user_refs
from pcrm.projects.baselines import service
from pcrm.projects.baselines.vocab import LABELS, BaselineStatus, Decision, SignOffChannel
from pcrm.projects.projects.schemas import ProjectDetail
from pcrm.projects.requirements import pages as requirement_pages
from pcrm.projects.requirements import service as requirements
from pcrm.projects.requirements.vocab import LABELS as REQUIREMENT_LABELS
from pcrm.projects.requirements.vocab import ClarificationStatus, Kano, Priority
from pcrm.projects.stakeholders import service as stakeholders

NOTICES = {
    "baseline-sent": N_("The requirements baseline was sent for the customer's review."),
    "sign-off-recorded": N_("The customer's decision was recorded."),
}
BADGE = {
    BaselineStatus.IN_REVIEW: "amber",
    BaselineStatus.APPROVED: "green",
    BaselineStatus.REJECTED: "red",
    BaselineStatus.SUPERSEDED: "",
}
DECISION_BADGE = {Decision.APPROVED: "green", Decision.REJECTED: "red"}
# Where to fix what blocks a gate: the tab, and what to do there.
FIXES = {
    "open_clarifications": ("requirements", N_("Answer or withdraw the open questions")),
    "requirements_not_signed_off": (
        "baselines",
        N_("Send the requirements for sign-off and record the customer's decision"),
    ),
    "requirements_reworked": (
        "baselines",
        N_("Send the reworked requirements for a new sign-off"),
    ),
}


def _label(value: Any, locale: str) -> str:
    return translate(locale, LABELS[type(value)][value.value])


def _requirement_label(value: Any, locale: str) -> str:
    return translate(locale, REQUIREMENT_LABELS[type(value)][value])


def gate_checklist(detail: ProjectDetail, locale: str) -> list[dict[str, str]]:
    """What blocks the exit of the current phase, each with the link to where to fix it."""
    rows = []
    for blocker in detail.gate_blockers:
        tab, action = FIXES.get(blocker.code, ("overview", ""))
        rows.append(
            {
                "code": blocker.code,
                "message": translate(locale, blocker.message),
                "fix_url": f"/projects/{detail.id}?tab={tab}",
                "fix_label": translate(locale, action) if action else "",
            }
        )
    return rows


def _age(principal: Principal, sent_on: date) -> int:
    return (principal.today() - sent_on).days


def overview_acts(
    db: Session, principal: Principal, detail: ProjectDetail, locale: str
) -> dict[str, Any]:
    """The overview's gate checklist and the customer's pending acts, oldest first; one
    pending longer than the workspace's reminder days is marked late."""
    late_after = sign_off_reminder_days(db, principal.scope)
    acts: list[dict[str, Any]] = []
    for b in service.list_baselines(db, principal, detail.id):
        if b.status is BaselineStatus.IN_REVIEW:
            age = _age(principal, b.sent_on)
            acts.append(
                {
                    "kind": "sign_off",
                    "text": translate(
                        locale,
                        N_("Customer sign-off: %(kind)s v%(number)s"),
                        kind=_label(b.kind, locale),
                        number=b.number,
                    ),
                    "who": "",
                    "since": b.sent_on,
                    "age_days": age,
                    "late": age > late_after,
                    "url": f"/projects/{detail.id}?tab=baselines#baseline-{b.id}",
                }
            )
    found = requirement_pages.requirement_reads(db, principal, detail.id)
    numbers = {r.id: r.number for r in found}
    asked = [
        c
        for c in requirement_pages.question_reads(db, principal, detail.id)
        if c.status is ClarificationStatus.OPEN
    ]
    for q in requirement_pages.questions(db, principal, detail.account_id, asked, numbers, locale):
        acts.append(
            {
                "kind": "question",
                "text": translate(
                    locale,
                    N_("Answer to %(code)s: %(question)s"),
                    code=q.requirement_code,
                    question=q.question,
                ),
                "who": q.asked_to,
                "since": q.asked_on,
                "age_days": q.age_days,
                "late": q.age_days > late_after,
                "url": f"/projects/{detail.id}/requirements/{q.requirement_id}",
            }
        )
    acts.sort(key=lambda a: (-a["age_days"], a["text"]))
    return {
        "gate_checklist": gate_checklist(detail, locale),
        "pending_acts": acts,
        "reminder_days": late_after,
    }


def baselines_tab(
    db: Session,
    principal: Principal,
    detail: ProjectDetail,
    locale: str,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """Every baseline version, newest first, with its hash, its content and the customer's
    decisions on it; the send form and the sign-off form of the version under review."""
    found = service.list_baselines(db, principal, detail.id)
    late_after = sign_off_reminder_days(db, principal.scope)
    decisions = service.sign_offs_of(db, principal, [b.id for b in found])
    register = stakeholders.register(db, principal, detail.id)
    files = service.evidence_names(db, principal, detail.id) if decisions else {}
    people = user_refs(
        db,
        principal.scope,
        {b.created_by_id for b in found if b.created_by_id}
        | {d.recorded_by_id for d in decisions if d.recorded_by_id},
    )
    name = {uid: ref.display(locale) for uid, ref in people.items()}
    kept = requirements.list_requirements(db, principal, detail.id)
    open_questions = sum(
        1
        for c in requirements.list_clarifications(db, principal, detail.id)
        if c.status is ClarificationStatus.OPEN
    )
    rows = []
    for b in found:
        age = _age(principal, b.sent_on) if b.status is BaselineStatus.IN_REVIEW else None
        rows.append(
            {
                "id": b.id,
                "kind": _label(b.kind, locale),
                "number": b.number,
                "status": b.status.value,
                "status_label": _label(b.status, locale),
                "badge": BADGE[b.status],
                "hash": b.content_hash,
                "sent_on": b.sent_on,
                "sent_by": name.get(b.created_by_id, "") if b.created_by_id else "",
                "note": b.note,
                "age_days": age,
                "late": age is not None and age > late_after,
                "in_review": b.status is BaselineStatus.IN_REVIEW,
                "content": [
                    {
                        "code": requirement_pages.code(entry["number"]),
                        "title": entry["title"],
                        "kano": _requirement_label(Kano(entry["kano"]), locale),
                        "priority": _requirement_label(Priority(entry["priority"]), locale),
                        "acceptance_criteria": entry.get("acceptance_criteria"),
                    }
                    for entry in b.content.get("requirements", [])
                ],
                "sign_offs": [
                    {
                        "id": d.id,
                        "signer": d.signer_name,
                        "decision": d.decision.value,
                        "decision_label": _label(d.decision, locale),
                        "badge": DECISION_BADGE[d.decision],
                        "decided_on": d.decided_on,
                        "channel": _label(d.channel, locale),
                        "comment": d.comment,
                        "recorded_by": name.get(d.recorded_by_id, "") if d.recorded_by_id else "",
                        "evidence_id": d.evidence_file_id,
                        "evidence_name": files.get(d.evidence_file_id, "")
                        if d.evidence_file_id
                        else "",
                    }
                    for d in decisions
                    if d.baseline_id == b.id
                ],
            }
        )
    return {
        "baselines": rows,
        "reminder_days": late_after,
        "approver_options": [(str(s.id), s.contact_name) for s in register if s.is_approver],
        "decision_choices": [(d.value, _label(d, locale)) for d in Decision],
        "recorded_channel": _label(SignOffChannel.RECORDED, locale),
        "sendable": sum(1 for r in kept if r.status.value not in ("rejected", "changed")),
        "open_question_count": open_questions,
        "today": principal.today(),
        "upload_error": translate(locale, TOO_LARGE) if params.get("error") == "too_large" else "",
    }
