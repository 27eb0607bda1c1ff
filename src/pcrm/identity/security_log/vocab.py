"""The closed vocabularies of the security log: kinds of event and outcomes."""

from __future__ import annotations

from enum import StrEnum


class SecurityEventKind(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    SESSION_EXPIRED = "session_expired"
    SESSIONS_REVOKED = "sessions_revoked"
    TOKEN_CREATED = "token_created"  # noqa: S105
    TOKEN_FIRST_USED = "token_first_used"  # noqa: S105
    TOKEN_REVOKED = "token_revoked"  # noqa: S105
    TOKEN_REFUSED = "token_refused"  # noqa: S105
    WRITE_REFUSED = "write_refused"
    EXPORT = "export"


class SecurityOutcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
