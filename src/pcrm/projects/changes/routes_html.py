"""The change pages' forms: raise (on the project's changes tab), edit, options, the steps
and the customer's decision with its evidence file (on the change's page). Each goes through
the change services; a refused form comes back with its messages, a refused step with the
reason (409)."""

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
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.files.public import FileStorage, MaxUploadBytes, limited_route
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.changes import forms, pages, service
from pcrm.projects.changes.decision import service as steps
from pcrm.projects.changes.schemas import (
    ChangeUpdate,
    ChangeWrite,
    DecisionCreate,
    Implementation,
    OptionUpdate,
    OptionWrite,
    SendForDecision,
    Withdrawal,
)
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write

PAGE = "projects/change.html"
TAB = "changes"


def _too_large_page(request: Request) -> Response:
    project_id = int(request.path_params["project_id"])
    change_id = int(request.path_params["change_id"])
    return redirect(f"/projects/{project_id}/changes/{change_id}?error=too_large")


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))


def _url(project_id: int, change_id: int) -> str:
    return f"/projects/{project_id}/changes/{change_id}"


@router.get("/projects/{project_id}/changes/{change_id}")
def change_page(
    request: Request, project_id: Id, change_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    locale = page_locale(request)
    too_large = request.query_params.get("error") == "too_large"
    context = pages.change_page(
        db, principal, project_id, change_id, locale, notice(request, pages.NOTICES),
        problem=translate(locale, pages.TOO_LARGE) if too_large else None,
    )  # fmt: skip
    return render(request, PAGE, context)


def _write(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    change_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
) -> Response:
    """Run a form's write on the change's page: back to it with the notice, or with the form's
    values and messages (422/412), or the refusal's message (409)."""
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = pages.change_page(
            db, principal, project_id, change_id, locale, None,
            problem=translate(locale, exc.detail),
        )  # fmt: skip
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(_url(project_id, change_id), done)
    errors = dict(outcome.errors)
    if "file" in errors:  # the files area names the upload `file`; the form calls it evidence
        errors["evidence"] = errors.pop("file")
    context = pages.change_page(
        db, principal, project_id, change_id, locale, None,
        failed=name, values=project_forms.echo(data), errors=errors,
    )  # fmt: skip
    return render(request, PAGE, context, status_code=outcome.status)


@router.post("/projects/{project_id}/changes")
def raise_change(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.change(form)
    made: list[int] = []

    def write() -> None:
        made.append(
            service.create_change(db, principal, project_id, ChangeWrite.model_validate(data)).id
        )

    answer = form_write(request, db, principal, project_id, TAB, "change", data, write,
                        "change-raised")  # fmt: skip
    if made and answer.status_code == 303:
        return redirect(_url(project_id, made[0]), "change-raised")
    return answer


@router.post("/projects/{project_id}/changes/{change_id}")
def update_change(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.change(form, editing=True)
    return _write(
        request, db, principal, project_id, change_id, "change", data,
        lambda: service.update_change(
            db, principal, project_id, change_id, ChangeUpdate.model_validate(data),
            forms.version(form),
        ),
        "change-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/options")
def add_option(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.option(form)
    return _write(
        request, db, principal, project_id, change_id, "option", data,
        lambda: service.add_option(
            db, principal, project_id, change_id, OptionWrite.model_validate(data)
        ),
        "option-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/options/{option_id}")
def update_option(
    request: Request,
    project_id: Id,
    change_id: Id,
    option_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.option(form, editing=True)
    return _write(
        request, db, principal, project_id, change_id, f"option-{option_id}", data,
        lambda: service.update_option(
            db, principal, project_id, change_id, option_id,
            OptionUpdate.model_validate(data), forms.version(form),
        ),
        "option-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/options/{option_id}/delete")
def remove_option(
    request: Request,
    project_id: Id,
    change_id: Id,
    option_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _write(
        request, db, principal, project_id, change_id, f"option-{option_id}", {},
        lambda: service.remove_option(
            db, principal, project_id, change_id, option_id, forms.version(form)
        ),
        "option-removed",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/analysis")
def analyse(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _write(
        request, db, principal, project_id, change_id, "step", {},
        lambda: steps.analyse(db, principal, project_id, change_id, forms.version(form)),
        "change-analysed",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/sending")
def send_for_decision(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.dated(form, "sent_on")
    return _write(
        request, db, principal, project_id, change_id, "send", data,
        lambda: steps.send_for_decision(
            db, principal, project_id, change_id, SendForDecision.model_validate(data),
            forms.version(form),
        ),
        "change-sent",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/decision")
def record_decision(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    form: PostedForm,
    evidence: Annotated[UploadFile | None, File()] = None,
) -> Response:
    data = forms.decision(form)
    has_file = evidence is not None and bool(evidence.filename)
    return _write(
        request, db, principal, project_id, change_id, "decision", data,
        lambda: steps.record_decision_with_evidence(
            db, principal, project_id, change_id, DecisionCreate.model_validate(data),
            forms.version(form),
            evidence.filename if evidence is not None and has_file else None,
            evidence.file if evidence is not None and has_file else BytesIO(),
            storage, max_bytes,
        ),
        "change-decided",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/implementation")
def implement(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.dated(form, "implemented_on")
    return _write(
        request, db, principal, project_id, change_id, "implement", data,
        lambda: steps.implement(
            db, principal, project_id, change_id, Implementation.model_validate(data),
            forms.version(form),
        ),
        "change-implemented",
    )  # fmt: skip


@router.post("/projects/{project_id}/changes/{change_id}/withdrawal")
def withdraw(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.reason(form)
    return _write(
        request, db, principal, project_id, change_id, "withdraw", data,
        lambda: steps.withdraw(
            db, principal, project_id, change_id, Withdrawal.model_validate(data),
            forms.version(form),
        ),
        "change-withdrawn",
    )  # fmt: skip
