"""Times a progress report's PDF for one large project (issue 15: 2,000 tasks, 100 change
requests and 200 risks, PDF ≤ 3 s). Run by hand, never as a test.

    uv run python bench/projects_report.py --database-url sqlite:////tmp/pcrm-report.sqlite3
    uv run python bench/projects_report.py --database-url postgresql+psycopg://.../pcrm_report

It seeds bench/projects_gantt.py's project (2,000 tasks in four phases with their milestones,
3,000 links, an approved plan baseline), then 100 change requests raised over the last two
months, each with two options, 60 of them decided (50 approved, 10 rejected) in the report's
month, and 200 risks (150 open). Each run is what the server does between the request and the
response bytes: issuing the drafted report (every section's figures read through the services
and frozen as its snapshot), then GET …/reports/{id}.pdf in zh-CN (the snapshot typed back,
the HTML rendered, WeasyPrint's layout with Noto Sans CJK SC and the PDF written). The PDF is
the target; the issue step is printed beside it.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projects_gantt import seed

from pcrm.config import Settings
from pcrm.core.db import make_session_factory, unit_of_work
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.public import operator_principal
from pcrm.main import create_app
from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from pcrm.projects.projects.models import Project
from pcrm.projects.reports import service as reports
from pcrm.projects.reports.schemas import ReportWrite
from pcrm.projects.risks.models import Risk

CATEGORIES = ("requirement", "scope", "schedule", "cost", "quality", "other")
RISK_CATEGORIES = ("market", "customer", "technical", "resources", "supplier", "policy")
OWNER = "owner01@ganttbench.example"


def add_changes_and_risks(
    engine: Engine, project: int, changes: int, risks: int, month: tuple[date, date]
) -> None:
    rng = random.Random(15)
    with engine.begin() as conn:
        ws, users = conn.execute(
            select(Project.workspace_id, Project.manager_id).where(Project.id == project)
        ).one()
    now = datetime.now(UTC)
    stamp = {"workspace_id": ws, "created_at": now, "updated_at": now}
    versioned = stamp | {"version": 1}
    start, end = month
    with engine.begin() as conn:
        ids = []
        for n in range(1, changes + 1):
            decided = n <= changes * 6 // 10
            state = ("approved" if n % 6 else "rejected") if decided else "awaiting_decision"
            ids.append(
                conn.execute(
                    insert(ChangeRequest.__table__).returning(ChangeRequest.__table__.c.id),
                    versioned
                    | {
                        "project_id": project,
                        "number": n,
                        "title": f"基准变更请求{n:03d}：调整接口与报表范围",
                        "origin": "us",
                        "raised_on": start - timedelta(days=rng.randrange(0, 30)),
                        "reason": "客户业务流程调整",
                        "category": rng.choice(CATEGORIES),
                        "state": state,
                        "sent_on": start,
                    },
                ).scalar_one()
            )
        options = {}
        for change_id in ids:
            for label in ("A", "B"):
                options[(change_id, label)] = conn.execute(
                    insert(ChangeOption.__table__).returning(ChangeOption.__table__.c.id),
                    versioned
                    | {
                        "project_id": project,
                        "change_id": change_id,
                        "title": f"方案{label}",
                        "cost_delta": Decimal(rng.randrange(1, 80) * 1000),
                        "schedule_delta_days": rng.randrange(1, 15),
                        "quality_level": "low",
                    },
                ).scalar_one()
        decisions = []
        for n, change_id in enumerate(ids, start=1):
            if n > changes * 6 // 10:
                break
            approved = bool(n % 6)
            decisions.append(
                stamp
                | {
                    "project_id": project,
                    "change_id": change_id,
                    "option_id": options[(change_id, "A")] if approved else None,
                    "option_version": 1 if approved else None,
                    "signer_name": "张伟",
                    "decision": "approved" if approved else "rejected",
                    "decided_on": start + timedelta(days=rng.randrange(0, (end - start).days)),
                    "channel": "recorded",
                }
            )
        conn.execute(insert(ChangeDecision.__table__), decisions)
        conn.execute(
            insert(Risk.__table__),
            [
                versioned
                | {
                    "project_id": project,
                    "description": f"基准风险{n:03d}：第三方系统接口联调延期",
                    "category": rng.choice(RISK_CATEGORIES),
                    "probability": rng.randint(1, 5),
                    "impact": rng.randint(1, 5),
                    "response": "mitigate",
                    "owner_id": users,
                    "status": "open" if n % 4 else "closed",
                }
                for n in range(risks)
            ],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=3000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--risks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    engine, project = seed(args.database_url, args.tasks, args.links)
    month = reports.last_month(datetime.now(UTC).date())
    add_changes_and_risks(engine, project, args.changes, args.risks, month)
    # the app's set-up (its areas' templates, the catalogues), as a server process has it
    create_app(Settings(database_url=args.database_url))  # type: ignore[arg-type]
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    issue_ms, pdf_ms, pdf_cpu = [], [], []
    size = pages = 0
    for _ in range(args.runs):
        with unit_of_work(factory) as db:
            owner = operator_principal(db, "ganttbench", OWNER)
            draft = reports.add_report(
                db, owner, project,
                ReportWrite(kind="monthly", period_start=month[0], period_end=month[1],
                            summary="基准报告：本月进展与偏差说明。"),
            )  # fmt: skip
            began = time.perf_counter()
            reports.issue_report(db, owner, project, draft.id, draft.version)
            issue_ms.append((time.perf_counter() - began) * 1000)
        with unit_of_work(factory) as db:
            owner = operator_principal(db, "ganttbench", OWNER)
            began, began_cpu = time.perf_counter(), time.process_time()
            pdf, _name = reports.report_pdf(db, owner, project, draft.id, "zh_CN")
            pdf_ms.append((time.perf_counter() - began) * 1000)
            pdf_cpu.append((time.process_time() - began_cpu) * 1000)
            size, pages = len(pdf), len(PdfReader(io.BytesIO(pdf)).pages)
    for series in (issue_ms, pdf_ms, pdf_cpu):
        series.sort()
    print(
        f"{args.tasks} tasks, {args.changes} changes, {args.risks} risks, {args.runs} runs: "
        f"PDF ({pages} pages, {size / 1024:.0f} KiB) wall median {statistics.median(pdf_ms):.0f} ms, max "
        f"{pdf_ms[-1]:.0f} ms, CPU median {statistics.median(pdf_cpu):.0f} ms; issuing (the "
        f"snapshot) median {statistics.median(issue_ms):.0f} ms, max {issue_ms[-1]:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
