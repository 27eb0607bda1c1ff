"""The baselines tab's forms: send the requirements for the customer's review, record an
approver's decision with its evidence file, and download that file. A decision on a version
that is no longer the one under review is refused (409) with the reason on the page. Upload
bodies are cut off once they pass the size limit (pcrm.files limits them)."""

from __future__ import annotations

from io import BytesIO
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from pcrm.core.deps import DB
from pcrm.core.errors import Conflict
from pcrm.core.forms import FormErrors, PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.files.public import FileStorage, MaxUploadBytes, attachment, limited_route
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.baselines import service
from pcrm.projects.baselines.schemas import BaselineCreate, SignOffCreate
from pcrm.projects.projects import pages as project_pages

PAGE = "projects/project.html"
TAB = "baselines"
SIGN_OFF_FIELDS = ("stakeholder_id", "baseline_number", "decision", "decided_on", "comment")


def _too_large_page(request: Request) -> Response:
    project_id = int(request.path_params["project_id"])
    return redirect(f"/projects/{project_id}?tab={TAB}&error=too_large")


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))


def _tab(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    *,
    failed: str | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    context = project_pages.project_page(
        db,
        principal,
        project_id,
        TAB,
        page_locale(request),
        None,
        failed=failed,
        values=values,
        errors=errors,
        problem=problem,
    )
    return render(request, PAGE, context, status_code=status_code)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


@router.post("/projects/{project_id}/baselines/requirements")
def send_requirements(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    data = {k: _text(form.get(k)) for k in ("note", "sent_on") if _text(form.get(k))}
    try:
        outcome = attempt(
            db,
            locale,
            lambda: service.send_requirements_for_sign_off(
                db, principal, project_id, BaselineCreate.model_validate(data)
            ),
        )
    except Conflict as exc:
        db.rollback()
        problem = translate(locale, exc.detail)
        return _tab(request, db, principal, project_id, problem=problem, status_code=409)
    if outcome.ok:
        return redirect(f"/projects/{project_id}?tab={TAB}", "baseline-sent")
    return _tab(
        request, db, principal, project_id, failed="send", values=data, errors=outcome.errors,
        status_code=outcome.status,
    )  # fmt: skip


@router.post("/projects/{project_id}/baselines/{baseline_id}/sign-offs")
def record_sign_off(
    request: Request,
    project_id: Id,
    baseline_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    stakeholder_id: Annotated[str, Form()] = "",
    baseline_number: Annotated[str, Form()] = "",
    decision: Annotated[str, Form()] = "",
    decided_on: Annotated[str, Form()] = "",
    comment: Annotated[str, Form()] = "",
    evidence: Annotated[UploadFile | None, File()] = None,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    posted = {
        "stakeholder_id": stakeholder_id.strip(),
        "baseline_number": baseline_number.strip(),
        "decision": decision.strip(),
        "decided_on": decided_on.strip(),
        "comment": comment.strip(),
    }
    data = {k: v for k, v in posted.items() if v}
    has_file = evidence is not None and bool(evidence.filename)
    try:
        outcome = attempt(
            db,
            locale,
            lambda: service.record_sign_off_with_evidence(
                db,
                principal,
                project_id,
                baseline_id,
                SignOffCreate.model_validate(data),
                evidence.filename if evidence is not None and has_file else None,
                evidence.file if evidence is not None and has_file else BytesIO(),
                storage,
                max_bytes,
            ),
        )
    except Conflict as exc:
        db.rollback()
        problem = translate(locale, exc.detail)
        return _tab(request, db, principal, project_id, problem=problem, status_code=409)
    if outcome.ok:
        return redirect(f"/projects/{project_id}?tab={TAB}", "sign-off-recorded")
    errors = dict(outcome.errors)
    if "file" in errors:  # the files area names the upload `file`; the form calls it evidence
        errors["evidence"] = errors.pop("file")
    return _tab(
        request, db, principal, project_id, failed=f"sign-off-{baseline_id}", values=posted,
        errors=errors, status_code=outcome.status,
    )  # fmt: skip


@router.get("/projects/{project_id}/files/{file_id}/download")
def download_evidence(
    project_id: Id, file_id: Id, db: DB, principal: CurrentPrincipal, storage: FileStorage
) -> Response:
    return attachment(service.open_evidence(db, principal, project_id, file_id, storage))
