"""The API's contract, declared once for every operation.

Each operation of `/api/` answers its errors as RFC 9457 `application/problem+json` (see
core.problems). Rather than each endpoint listing the errors it can give, the OpenAPI document
is completed here from what the route itself shows:

| Status | Declared on |
| --- | --- |
| 400 | an operation with a request body (the body cannot be read: not UTF-8 JSON, a broken form) |
| 401, 403 | every operation (a token or a session is required; a role may not allow it) |
| 404 | an operation with a path parameter or a request body (an id it names may not exist) |
| 409 | an operation that writes (POST, PUT, PATCH, DELETE) |
| 412, 428 | an operation that takes `If-Match` (stale version; missing precondition) |

`If-Match` is declared required (a string of ETags): the handler's parameter is optional only
so that a missing header answers 428 Precondition Required, not FastAPI's 422.
| 413 | an operation with a request body (the body is over the configured limit) |
| 422 | an operation with any parameter or body (FastAPI's own 422, now a problem) |

A method the path does not support answers 405 with an `Allow` header that lists the methods
of every route of that path (Starlette's own answer named only the first route's methods).
Integer path parameters of API routes are matched as integers (`{id:int}`), so that
`PATCH /api/v1/opportunities/1/decision-chain/graph` is a 405, not a 422 on `member_id`.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match

from pcrm.core.etag import IF_MATCH_PATTERN, ON_REPLACE
from pcrm.core.problems import error_page, is_api, problem

PROBLEM = "application/problem+json"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

DESCRIPTIONS = {
    400: "Bad request: the body cannot be read (not UTF-8 JSON, a broken multipart form)",
    401: "Sign-in required: no token, or an unknown, expired or revoked one",
    403: "Forbidden: the role does not allow it, or a cookie request without its CSRF token",
    404: "Not found: no such record in this workspace",
    409: "Conflict: the change contradicts the record's state or another record",
    412: "Precondition failed: the record changed since the ETag sent in If-Match",
    413: "Request too large: the body is over the configured limit",
    422: "Validation failed: per-field messages in `errors`",
    428: "Precondition required: send the record's ETag in If-Match",
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "An RFC 9457 problem. `errors` lists the fields of a 422.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Validation failed"},
        "status": {"type": "integer", "example": 422},
        "detail": {"type": "string"},
        "instance": {"type": "string", "example": "/api/v1/accounts"},
        "request_id": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"}},
    },
}

FIELD_PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "FieldProblem",
    "type": "object",
    "required": ["field", "message", "type"],
    "properties": {
        "field": {"type": "string", "example": "name"},
        "message": {"type": "string", "example": "This field is required."},
        "type": {"type": "string", "example": "missing"},
    },
}


def problem_statuses(route: APIRoute, method: str) -> list[int]:
    """The error statuses an operation can answer, read from the route."""
    dependant = route.dependant
    path_params = _flat(dependant, "path_params")
    query_params = _flat(dependant, "query_params")
    headers = {param.alias.lower() for param in _flat(dependant, "header_params")}
    has_body = route.body_field is not None
    statuses = [401, 403]
    if path_params or has_body:
        statuses.append(404)
    if method in WRITES:
        statuses.append(409)
    if "if-match" in headers:
        statuses += [412, 428]
    if has_body:
        statuses += [400, 413]
    if path_params or query_params or headers or has_body:
        statuses.append(422)
    return sorted(statuses)


def _flat(dependant: Any, kind: str) -> list[Any]:
    found = list(getattr(dependant, kind))
    for sub in dependant.dependencies:
        found += _flat(sub, kind)
    return found


def all_routes(routes: list[BaseRoute]) -> list[BaseRoute]:
    """The routes of the app, through the routers FastAPI includes lazily (`_IncludedRouter`;
    PCRM's routers carry their own prefix, so an included router adds none)."""
    found: list[BaseRoute] = []
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            found += all_routes(original.routes)
        else:
            found.append(route)
    return found


def api_routes(app: FastAPI) -> list[APIRoute]:
    return [
        route
        for route in all_routes(app.routes)
        if isinstance(route, APIRoute) and route.include_in_schema and is_api_path(route.path)
    ]


def is_api_path(path: str) -> bool:
    return path.startswith("/api/")


def complete(document: dict[str, Any], routes: list[APIRoute]) -> dict[str, Any]:
    """Add the problem responses to every operation of the document."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["FieldProblem"] = FIELD_PROBLEM_SCHEMA
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    ref = {"$ref": "#/components/schemas/Problem"}
    for route in routes:
        for method in route.methods or ():
            operation = document["paths"][route.path_format][method.lower()]
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "header" and parameter["name"] == "if-match":
                    parameter["required"] = not parameter.get("description", "").startswith(
                        ON_REPLACE
                    )
                    parameter["schema"] = {
                        key: value
                        for key, value in parameter["schema"].items()
                        if key not in ("anyOf", "pattern")
                    } | {"type": "string", "pattern": IF_MATCH_PATTERN}
            responses = operation.setdefault("responses", {})
            for status in problem_statuses(route, method):
                responses[str(status)] = {
                    "description": DESCRIPTIONS[status],
                    "content": {PROBLEM: {"schema": ref}},
                }
    return document


def allowed_methods(request: Request) -> list[str]:
    """The methods of every route whose path matches the request's."""
    methods: set[str] = set()
    for route in all_routes(request.app.router.routes):
        match, _child = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def int_path_params(path: str, endpoint: Callable[..., Any]) -> str:
    """`{x}` → `{x:int}` for each path parameter the endpoint takes as an integer."""
    try:
        hints = typing.get_type_hints(endpoint, include_extras=True)
    except Exception:  # an annotation that does not resolve: leave the path as it is
        return path
    for name, hint in hints.items():
        if f"{{{name}}}" in path and _is_int(hint):
            path = path.replace(f"{{{name}}}", f"{{{name}:int}}")
    return path


def _is_int(hint: Any) -> bool:
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return hint is int


def install_contract(app: FastAPI) -> None:
    """Complete the OpenAPI document and answer 405 with `Allow`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = complete(document, api_routes(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(405)
    async def _method_not_allowed(request: Request, _exc: StarletteHTTPException) -> Response:
        headers = {"Allow": ", ".join(allowed_methods(request))}
        if is_api(request):
            return problem(request, 405, headers=headers)
        response = error_page(request, 405)
        response.headers.update(headers)
        return response
