"""The demo's deliverables through acceptance (issue 15): each project past planning has its
three deliverables (the requirements specification, the deployment and operations manual, the
acceptance report) with quality standards (product and service), inspections with the
customer's people, and the customer's decisions signed by the approver. Between them the demo
shows every state: planned, delivered, in inspection after a failed inspection (its issue open
in the conflicts register), accepted, rejected with findings, and waived by the customer."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pcrm.demo.world import World
from pcrm.identity.public import Principal
from pcrm.projects.public import (
    AcceptanceDecision,
    Comparison,
    Delivery,
    InspectionWrite,
    Outcome,
    QualityKind,
    ResultWrite,
    StandardWrite,
    add_quality_standard,
    decide_deliverable,
    deliver,
    project_stakeholders,
    record_inspection,
)

# per deliverable, in the plan's order: (kind, metric, target, unit, comparison)
STANDARDS = (
    ((QualityKind.OTHER, "需求条目覆盖率", "100", "%", Comparison.AT_LEAST),),
    (
        (QualityKind.PERFORMANCE, "核心页面响应时间（P95）", "2", "秒", Comparison.AT_MOST),
        (QualityKind.RELIABILITY, "月度系统可用率", "99.9", "%", Comparison.AT_LEAST),
        (QualityKind.SECURITY, "高危漏洞数", "0", "个", Comparison.AT_MOST),
        (QualityKind.RESPONSE_TIME, "故障响应时间", "30", "分钟", Comparison.AT_MOST),
    ),
    ((QualityKind.RESOLUTION_TIME, "遗留问题平均解决时长", "5", "工作日", Comparison.AT_MOST),),
)
# what each standard measured in a passing and in a failing inspection
PASSING = (("100",), ("1.6", "99.95", "0", "20"), ("3",))
FAILING = (("92",), ("3.4", "99.95", "1", "25"), ("8",))
NOTES = (
    "需求规格说明书 v1.0 已通过邮件发送，并上传至客户项目文档库",
    "部署与运维手册 v1.0 及测试环境访问地址已交付客户信息中心",
    "项目验收报告初稿已提交客户项目办",
)
# what happens to each deliverable, by the project's story
EXECUTING = ("accepted", "failed", "planned")
ON_HOLD = ("accepted", "rejected", "delivered")
CLOSED = ("accepted", "accepted", "accepted")
ARCHIVED = ("accepted", "accepted", "waived")


def seed(
    world: World,
    project_id: int,
    deliverable_ids: list[int],
    contact_ids: list[int],
    start: date,
    story: tuple[str, ...],
) -> None:
    pm = world.acting("delivery")
    register = project_stakeholders(world.db, pm, project_id)
    approver = next((s.id for s in register if s.is_approver), None)
    if approver is None:
        return
    participant = contact_ids[0] if contact_ids else None
    for i, (deliverable_id, fate) in enumerate(zip(deliverable_ids, story, strict=False)):
        standards = [
            add_quality_standard(
                world.db, pm, project_id, deliverable_id,
                StandardWrite(kind=k, metric=m, target_value=Decimal(t), unit=u, comparison=c),
            ).standards[-1].id
            for k, m, t, u, c in STANDARDS[i]
        ]  # fmt: skip
        if fate == "planned":
            continue
        day = min(start + timedelta(days=35 + 25 * i), world.today - timedelta(days=12 - 3 * i))
        _step(world, pm, project_id, deliverable_id, fate, day, i, standards, participant,
              approver)  # fmt: skip


def _inspect(
    world: World,
    pm: Principal,
    ids: tuple[int, int],
    day: date,
    standards: list[int],
    measured: tuple[str, ...],
    participant: int | None,
    findings: str | None = None,
) -> None:
    project_id, deliverable_id = ids
    record_inspection(
        world.db, pm, project_id, deliverable_id,
        InspectionWrite(
            inspected_on=day, participant_id=participant, findings=findings,
            results=[ResultWrite(standard_id=s, measured_value=Decimal(v))
                     for s, v in zip(standards, measured, strict=True)],
        ),
    )  # fmt: skip


def _step(
    world: World,
    pm: Principal,
    project_id: int,
    deliverable_id: int,
    fate: str,
    day: date,
    i: int,
    standards: list[int],
    participant: int | None,
    approver: int,
) -> None:
    db = world.db
    ids = (project_id, deliverable_id)
    if fate != "waived":
        deliver(
            db, pm, project_id, deliverable_id, Delivery(delivered_on=day, delivery_note=NOTES[i])
        )
    if fate == "delivered":
        return
    if fate == "waived":
        decision = AcceptanceDecision(
            outcome=Outcome.WAIVED, stakeholder_id=approver, decided_on=day,
            note="客户确认以双方签字的验收会议纪要代替单独的验收报告",
        )  # fmt: skip
        decide_deliverable(db, pm, project_id, deliverable_id, decision)
        return
    if fate in ("failed", "accepted") and i == 1:
        findings = "高峰期核心页面响应 3.4 秒，超出目标；安全扫描发现 1 个高危漏洞（已定位）"
        after = day + timedelta(days=1)
        _inspect(world, pm, ids, after, standards, FAILING[i], participant, findings)
        if fate == "failed":
            return  # in inspection: its issue is open, the acceptance waits for a pass
    if fate == "rejected":
        _inspect(world, pm, ids, day + timedelta(days=1), standards, PASSING[i], participant)
        decision = AcceptanceDecision(
            outcome=Outcome.REJECTED, stakeholder_id=approver, decided_on=day + timedelta(days=2),
            note="缺少灾备切换与数据恢复章节，运维交接清单不完整",
        )  # fmt: skip
        decide_deliverable(db, pm, project_id, deliverable_id, decision)
        return
    _inspect(world, pm, ids, day + timedelta(days=2), standards, PASSING[i], participant)
    decision = AcceptanceDecision(
        outcome=Outcome.ACCEPTED, stakeholder_id=approver, decided_on=day + timedelta(days=3),
        comment="验收通过，签字确认",
    )  # fmt: skip
    decide_deliverable(db, pm, project_id, deliverable_id, decision)
