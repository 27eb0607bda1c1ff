"""Times the plan tab of a 2,000-task project through the whole app (issue 14: the tab must stay
usable at that size). Run by hand, never as a test.

    uv run python bench/projects_plan_tab.py --database-url sqlite:////tmp/pcrm-plan.sqlite3

It seeds the plan of bench/projects_gantt.py (2,000 tasks in four phases, 3,000 links, an
approved plan baseline) into a fresh database, puts every 20th task over the 19 after it (a
WBS of two levels), signs in as the workspace's owner and times, in-process through the ASGI
app (no network), the requests a planner makes: the tab's first and a later page, a filtered
page, a row's edit form and a task picker's lookup. For each: median and p95 wall time, the
SQL statements it sent and the size of its HTML.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select, update

sys.path.insert(0, str(Path(__file__).resolve().parent))

import logging

import generate
from projects_gantt import seed

from pcrm.config import Settings
from pcrm.main import create_app
from pcrm.projects.plan.models import PlanTask


def _hierarchy(engine: Engine, project: int) -> int:
    """Every 20th task (by id) becomes the parent of the 19 after it; a task to edit."""
    with engine.begin() as conn:
        ids = list(
            conn.scalars(
                select(PlanTask.id).where(PlanTask.project_id == project).order_by(PlanTask.id)
            )
        )
        for at in range(0, len(ids), 20):
            conn.execute(
                update(PlanTask)
                .where(PlanTask.id.in_(ids[at + 1 : at + 20]))
                .values(parent_id=ids[at])
            )
    return ids[len(ids) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    engine, project = seed(args.database_url, args.tasks, args.links)
    task = _hierarchy(engine, project)
    engine.dispose()
    app = create_app(
        Settings(database_url=args.database_url, cookie_secure="never")  # type: ignore[arg-type]
    )
    sent: list[str] = []
    event.listen(Engine, "before_cursor_execute", lambda *a: sent.append(a[2]))
    htmx = {"HX-Request": "true"}
    asks = {
        "tab, page 1": (f"/projects/{project}?tab=plan", {}),
        "tab, page 30": (f"/projects/{project}?tab=plan&page=30", {}),
        "tab, phase + name filter": (f"/projects/{project}?tab=plan&phase=execution&q=任务1", {}),
        "edit form of a row": (f"/projects/{project}/plan/tasks/{task}/edit", htmx),
        "task lookup '任务12'": (f"/projects/{project}/plan/tasks/lookup?q=任务12", htmx),
    }
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    with TestClient(app, follow_redirects=False) as client:
        client.get("/login")
        signed = client.post(
            "/login",
            data={
                "email": "owner01@ganttbench.example",
                "password": generate.BENCH_PASSWORD,
                "csrf_token": client.cookies["pcrm_csrf"],
                "next": "/",
            },
        )
        if signed.status_code != 303:
            raise SystemExit(f"could not sign in: {signed.status_code}")
        for name, (url, headers) in asks.items():
            times = []
            for _ in range(args.runs):
                sent.clear()
                began = time.perf_counter()
                response = client.get(url, headers=headers)
                times.append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
            times.sort()
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(
                f"{name:28} median {statistics.median(times):6.1f} ms, p95 {p95:6.1f} ms, "
                f"{len(sent):2} queries, {len(response.content) / 1024:5.0f} KiB"
            )


if __name__ == "__main__":
    main()
