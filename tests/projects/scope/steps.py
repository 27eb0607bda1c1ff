"""Steps shared by the tests of requirements, baselines and sign-offs: project P-1 of 深圳地铁
with an approver and a stakeholder who is not, and the API calls that write and decide."""

from __future__ import annotations

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.baselines.models import Baseline, SignOff
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements.models import Clarification, Requirement
from pcrm.projects.stakeholders.models import Stakeholder
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.factories.rows import count_rows

TABLES = (Requirement, Clarification, Baseline, SignOff)


def counts(uow, *more) -> dict[str, int]:
    """Rows of the requirement, question, baseline and sign-off tables (and of `more`)."""
    return count_rows(uow, {t.__tablename__: t for t in (*TABLES, *more)})


def status_of(uow, model, record_id: int) -> str:
    with uow() as db:
        query = select(model.status).where(model.id == record_id).execution_options(**GLOBAL)
        return str(db.scalar(query))


def make_project(client, acme, uow):
    """Project P-1 of account 深圳地铁, managed by acme's owner, with two stakeholders: 王处
    (approver) and 李工 (not)."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "深圳地铁")
    boss = new_contact(client, token, account["id"], "王处")["id"]
    engineer = new_contact(client, token, account["id"], "李工")["id"]
    with uow() as db:
        project = Project(
            workspace_id=acme.workspace.id,
            code="P-1",
            name="智慧车站",
            account_id=account["id"],
            manager_id=acme.owner.user_id,
        )
        db.add(project)
        db.flush()
        approver = Stakeholder(
            workspace_id=acme.workspace.id,
            project_id=project.id,
            contact_id=boss,
            project_role="management",
            stakes=["decides"],
            power=5,
            interest=4,
            is_approver=True,
        )
        user = Stakeholder(
            workspace_id=acme.workspace.id,
            project_id=project.id,
            contact_id=engineer,
            project_role="user",
            stakes=["uses"],
            power=2,
            interest=5,
        )
        db.add_all([approver, user])
        db.flush()
        return {
            "id": project.id,
            "approver": approver.id,
            "user": user.id,
            "boss": boss,
            "engineer": engineer,
            "account": account["id"],
        }


def post_json(client, token, url, body):
    return client.post(url, json=body, headers=bearer(token))


def add_requirement(client, token, project_id, title, **fields):
    body = {"title": title, "kano": "basic", **fields}
    response = post_json(client, token, f"/api/v1/projects/{project_id}/requirements", body)
    assert response.status_code == 201, response.text
    return response.json()


def send_baseline(client, token, project_id):
    return post_json(client, token, f"/api/v1/projects/{project_id}/baselines/requirements", {})


def sign_baseline(client, token, baseline, stakeholder, decision="approved", number=None):
    body = {
        "stakeholder_id": stakeholder,
        "baseline_number": number or baseline["number"],
        "decision": decision,
        "decided_on": "2026-12-05",
        "comment": "同意",
    }
    return post_json(client, token, f"/api/v1/baselines/{baseline['id']}/sign-offs", body)
