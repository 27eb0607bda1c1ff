"""The deliverables tab's forms: delivery (with the file handed over), inspection, the
customer's decision (with its evidence file) and the quality standards. Each goes through the
services; a refused form comes back on the tab with its messages (422/412), a refused step with
the reason (409)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from starlette.responses import Response

from pcrm.core.deps import DB
from pcrm.core.errors import Conflict
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.files.public import FileStorage, MaxUploadBytes, limited_route
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.deliverables import forms, service
from pcrm.projects.deliverables.quality import service as quality
from pcrm.projects.deliverables.schemas import (
    AcceptanceDecision,
    Delivery,
    InspectionWrite,
    StandardUpdate,
    StandardWrite,
)
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import PAGE, project_page

TAB = "deliverables"
TOO_LARGE = "too_large"


def _too_large_page(request: Request) -> Response:
    project_id = int(request.path_params["project_id"])
    return redirect(f"/projects/{project_id}?tab={TAB}&error={TOO_LARGE}")


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))


def _write(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str | Callable[[], str],
) -> Response:
    """Run a form's write: back to the tab with the notice, or with the form's values and
    messages next to it (422/412), or the refusal's message next to the deliverable (409)."""
    principal.require(Permission.WRITE_PROJECTS)  # a refused user gets 403, not field errors
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = project_page(db, principal, project_id, TAB, locale, None, failed=name)
        context["refused"] = translate(locale, exc.detail)  # shown next to the refused form
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(
            f"/projects/{project_id}?tab={TAB}", done if isinstance(done, str) else done()
        )
    errors = dict(outcome.errors)
    if "file" in errors:  # the files area names the upload `file`
        errors["upload"] = errors.pop("file")
    context = project_page(
        db, principal, project_id, TAB, locale, None,
        failed=name, values=forms.echo(data), errors=errors,
    )  # fmt: skip
    return render(request, PAGE, context, status_code=outcome.status)


def _upload(upload: UploadFile | None) -> tuple[str | None, Any]:
    if upload is None or not upload.filename:
        return None, BytesIO()
    return upload.filename, upload.file


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/delivery")
def deliver(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    form: PostedForm,
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    data = forms.delivery(form)
    filename, stream = _upload(upload)
    return _write(
        request, db, principal, project_id, f"deliver-{deliverable_id}", data,
        lambda: service.deliver_with_file(
            db, principal, project_id, deliverable_id, Delivery.model_validate(data),
            project_forms.version(form), filename, stream, storage, max_bytes,
        ),
        "deliverable-delivered",
    )  # fmt: skip


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/decision")
def decide(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    form: PostedForm,
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    data = forms.decision(form)
    filename, stream = _upload(upload)
    return _write(
        request, db, principal, project_id, f"decide-{deliverable_id}", data,
        lambda: service.decide_with_evidence(
            db, principal, project_id, deliverable_id, AcceptanceDecision.model_validate(data),
            project_forms.version(form), filename, stream, storage, max_bytes,
        ),
        "deliverable-decided",
    )  # fmt: skip


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/inspections")
def inspect(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    shown = [int(v) for v in form.getlist("standard_ids") if isinstance(v, str) and v.isdigit()]
    data = forms.inspection(form, shown)
    passed: list[bool] = []

    def write() -> None:
        done = quality.record_inspection(
            db, principal, project_id, deliverable_id, InspectionWrite.model_validate(data)
        )
        passed.append(done.inspections[0].passed)

    return _write(
        request, db, principal, project_id, f"inspect-{deliverable_id}", data, write,
        lambda: "deliverable-inspected" if passed[0] else "deliverable-inspection-failed",
    )  # fmt: skip


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/standards")
def add_standard(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.standard(form)
    return _write(
        request, db, principal, project_id, f"standard-new-{deliverable_id}", data,
        lambda: quality.add_standard(
            db, principal, project_id, deliverable_id, StandardWrite.model_validate(data)
        ),
        "standard-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/standards/{standard_id}")
def update_standard(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    standard_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.standard(form, editing=True)
    return _write(
        request, db, principal, project_id, f"standard-{standard_id}", data,
        lambda: quality.update_standard(
            db, principal, project_id, deliverable_id, standard_id,
            StandardUpdate.model_validate(data), project_forms.version(form),
        ),
        "standard-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/deliverables/{deliverable_id}/standards/{standard_id}/delete")
def remove_standard(
    request: Request,
    project_id: Id,
    deliverable_id: Id,
    standard_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _write(
        request, db, principal, project_id, f"standard-{standard_id}", {},
        lambda: quality.remove_standard(
            db, principal, project_id, deliverable_id, standard_id, project_forms.version(form)
        ),
        "standard-removed",
    )  # fmt: skip
