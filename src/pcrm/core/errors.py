"""Domain errors raised by services and translated to HTTP by the web layer."""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    """Base of the errors a service may raise on purpose."""

    status_code = 400
    title = "Bad request"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title


class NotFound(DomainError):
    """Missing, or in another workspace: the two are indistinguishable on purpose."""

    status_code = 404
    title = "Not found"


class PermissionDenied(DomainError):
    status_code = 403
    title = "Forbidden"


class Conflict(DomainError):
    status_code = 409
    title = "Conflict"


class StaleVersion(DomainError):
    """The client edited an older version of the record than the one stored."""

    status_code = 412
    title = "Precondition failed"


class PreconditionRequired(DomainError):
    """An edit sent without `If-Match`: the API never overwrites a version it was not shown."""

    status_code = 428
    title = "Precondition required"


class TooManyAttempts(DomainError):
    status_code = 429
    title = "Too many requests"


@dataclass(slots=True)
class FieldError:
    field: str
    message: str
    type: str = "value_error"


@dataclass
class ValidationFailed(DomainError):
    """Business-rule validation failed for one or more fields (HTTP 422)."""

    errors: list[FieldError] = field(default_factory=list)

    def __post_init__(self) -> None:
        DomainError.__init__(self, "; ".join(f"{e.field}: {e.message}" for e in self.errors))

    status_code = 422
    title = "Validation failed"


def field_error(field_name: str, message: str, type_: str = "value_error") -> ValidationFailed:
    return ValidationFailed([FieldError(field_name, message, type_)])
