"""Errors to HTTP: RFC 9457 problem+json for the API, friendly pages for people.

No stack trace ever reaches a client: unexpected errors are logged with the request id and the
client gets a generic 500 carrying that id.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pcrm.core.errors import DomainError, ValidationFailed
from pcrm.core.etag import stale_version
from pcrm.core.i18n import N_, translate
from pcrm.core.templating import render

log = logging.getLogger("pcrm.errors")

TITLES = {
    400: N_("Bad request"),
    401: N_("Sign-in required"),
    403: N_("Forbidden"),
    404: N_("Not found"),
    405: N_("Method not allowed"),
    409: N_("Conflict"),
    412: N_("Precondition failed"),
    413: N_("Request too large"),
    422: N_("Validation failed"),
    428: N_("Precondition required"),
    429: N_("Too many requests"),
    500: N_("Internal server error"),
}

# Pydantic error types → localisable messages (the API and the UI share them).
PYDANTIC_MESSAGES = {
    "missing": N_("This field is required."),
    "string_too_short": N_("This field is too short."),
    "string_too_long": N_("This field is too long."),
    "too_short": N_("Choose at least one."),
    "string_type": N_("Enter text."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "bool_parsing": N_("Enter true or false."),
    "enum": N_("Choose one of the allowed values."),
    "literal_error": N_("Choose one of the allowed values."),
    "string_pattern_mismatch": N_("The format is not valid."),
    "value_error": N_("The value is not valid."),
    "extra_forbidden": N_("This field is not allowed."),
    "greater_than_equal": N_("The value is too small."),
    "less_than_equal": N_("The value is too large."),
    "greater_than": N_("The value is too small."),
    "less_than": N_("The value is too large."),
    "decimal_parsing": N_("Enter a number."),
    "decimal_type": N_("Enter a number."),
    "decimal_max_places": N_("Too many decimal places."),
    "decimal_max_digits": N_("The value is too large."),
    "decimal_whole_digits": N_("The value is too large."),
    "date_parsing": N_("Enter a valid date."),
    "date_from_datetime_parsing": N_("Enter a valid date."),
    "datetime_parsing": N_("Enter a valid date and time."),
    "datetime_from_date_parsing": N_("Enter a valid date and time."),
    "json_invalid": N_("The request body is not valid JSON."),
    "model_attributes_type": N_("The request body must be a JSON object."),
    "dict_type": N_("The request body must be a JSON object."),
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def locale_of(request: Request) -> str:
    return str(getattr(request.state, "locale", "en"))


def field_errors_from_pydantic(errors: Any, locale: str) -> list[dict[str, str]]:
    out = []
    for error in errors:
        loc = [
            str(p)
            for p in error.get("loc", ())
            if p not in ("body", "query", "path", "header", "form")
        ]
        kind = str(error.get("type", "value_error"))
        if kind.endswith("_type") and error.get("input", "") is None:
            kind = "missing"  # a blank form field arrives as None
        if kind == "value_error" and "email" in str(error.get("msg", "")).lower():
            message = translate(locale, N_("Enter a valid e-mail address."))
        elif kind == "value_error" and str(error.get("msg", "")).startswith("Value error, "):
            message = translate(locale, str(error["msg"]).removeprefix("Value error, "))
        else:
            message = translate(locale, PYDANTIC_MESSAGES.get(kind, str(error.get("msg", ""))))
        out.append({"field": ".".join(loc) or "body", "message": message, "type": kind})
    return out


def problem(
    request: Request,
    status: int,
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    locale = locale_of(request)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": translate(locale, TITLES.get(status, "Error")),
        "status": status,
        "detail": detail or translate(locale, TITLES.get(status, "Error")),
        "instance": request.url.path,
        "request_id": getattr(request.state, "request_id", None),
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    return render(
        request, "errors/error.html", {"status": status, "detail": detail}, status_code=status
    )


def domain_error_response(request: Request, exc: DomainError) -> Response:
    """A domain error as problem+json (API) or an error page (people). A handler installed
    for one kind of domain error (identity logs refused writes) ends with this."""
    locale = locale_of(request)
    detail = translate(locale, exc.detail)
    if isinstance(exc, ValidationFailed):
        errors = [
            {"field": e.field, "message": translate(locale, e.message), "type": e.type}
            for e in exc.errors
        ]
        if is_api(request):
            return problem(request, 422, translate(locale, N_("Validation failed")), errors)
        return error_page(request, 422, "; ".join(e["message"] for e in errors))
    if exc.status_code == 404:
        detail = translate(locale, TITLES[404])
    if is_api(request):
        return problem(request, exc.status_code, detail)
    return error_page(request, exc.status_code, detail)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        return domain_error_response(request, exc)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, _exc: StaleDataError) -> Response:
        # Two edits passed the version check at once; the loser's UPDATE matched no row.
        return domain_error_response(request, stale_version())

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = field_errors_from_pydantic(exc.errors(), locale_of(request))
        if is_api(request):
            return problem(
                request, 422, translate(locale_of(request), N_("Validation failed")), errors
            )
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors()):
            # A page's address naming no possible record (an id past 64 bits) is a missing page.
            return error_page(request, 404, translate(locale_of(request), TITLES[404]))
        return error_page(request, 422, "; ".join(e["message"] for e in errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
        if is_api(request):
            return problem(
                request,
                exc.status_code,
                translate(locale_of(request), detail) if detail else None,
                headers=headers or None,
            )
        if exc.status_code in (301, 302, 303, 307) and "location" in {k.lower() for k in headers}:
            return Response(status_code=exc.status_code, headers=headers)
        return error_page(
            request, exc.status_code, translate(locale_of(request), detail) if detail else None
        )

    # Not `@app.exception_handler(Exception)`: Starlette gives that handler to its outermost
    # middleware, which answers and then raises the error again, so the server logged it a
    # second time and closed the keep-alive connection after every 500.
    app.add_middleware(UnexpectedErrors)


def unexpected_error_response(request: Request) -> Response:
    if is_api(request):
        return problem(request, 500)
    return error_page(request, 500)


class UnexpectedErrors:
    """Pure ASGI middleware inside the platform's: an error no handler took is logged once,
    with its traceback and the request id, and answered 500 (problem+json for the API, the
    error page for people), and the connection stays open. An error after the response has
    started cannot be answered any more and is raised to the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            if started:
                raise
            request = Request(scope, receive)
            log.exception("unhandled error (request %s)", getattr(request.state, "request_id", "-"))
            await unexpected_error_response(request)(scope, receive, send)


TOO_LARGE = N_("The request body is too large.")


class BodyLimit:
    """Pure ASGI middleware: a request body (JSON, a form) larger than `limit` bytes is
    answered 413 before it is read whole: at once when its Content-Length says so, else as soon
    as the bytes received pass the limit. Multipart bodies are uploads, which the files area
    limits itself (`max_upload_mb`)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._is_upload(scope):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            request = Request(scope, receive)
            response = too_large_response(request)
            response.headers["connection"] = "close"  # the rest of the body is never read
            await response(scope, receive, send)
            return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                # FastAPI passes an HTTPException from reading the body on to its handler.
                raise StarletteHTTPException(413, TOO_LARGE, headers={"Connection": "close"})
            return message

        await self.app(scope, counting, send)

    @staticmethod
    def _is_upload(scope: Scope) -> bool:
        content_type = dict(scope["headers"]).get(b"content-type", b"")
        return bool(content_type.lower().startswith(b"multipart/form-data"))


def too_large_response(request: Request) -> Response:
    detail = translate(locale_of(request), TOO_LARGE)
    if is_api(request):
        return problem(request, 413, detail)
    return error_page(request, 413, detail)
