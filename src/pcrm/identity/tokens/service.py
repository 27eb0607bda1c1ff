"""API tokens: created for a user and shown once, listed, revoked, and resolved on each API
request through a short per-process cache. Services flush; the unit of work commits."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from pcrm.core.audit import set_actor
from pcrm.core.db import utcnow
from pcrm.core.deps import after_commit
from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import service as security_log
from pcrm.identity.security_log.schemas import SecurityEventNote
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.sessions import service as sessions
from pcrm.identity.tokens import repository as repo
from pcrm.identity.tokens import scopes as token_scopes
from pcrm.identity.tokens.models import ApiToken
from pcrm.identity.tokens.schemas import ApiTokenCreate
from pcrm.identity.users.models import User

TOKEN_TOUCH_SECONDS = 60

# API-token resolution is cached per process for a few seconds, by the token's hash: reading
# the token with its user and workspace was 15 % of a list request's CPU. Revoking a token or
# changing a user or workspace through this process forgets the cache at once (and again
# after the commit); another process (a second worker, the CLI) sees a revocation,
# deactivation or role change within TOKEN_CACHE_SECONDS. A token's own expiry is exact.
TOKEN_CACHE_SECONDS = 5.0
TOKEN_CACHE_MAX = 10_000
_clock = time.monotonic


@dataclass(frozen=True, slots=True)
class _CachedToken:
    principal: Principal
    expires_at: datetime | None
    fresh_until: float  # on _clock (time.monotonic)


_token_cache: dict[str, _CachedToken] = {}


def forget_api_tokens(db: Session | None = None) -> None:
    """Drop every cached token resolution, now and, given the session, once it commits."""
    _token_cache.clear()
    if db is not None:
        after_commit(db, lambda _s: _token_cache.clear())


def _cached_token(digest: str, now: datetime) -> Principal | None:
    cached = _token_cache.get(digest)
    if cached is None or cached.fresh_until <= _clock():
        return None
    if cached.expires_at is not None and cached.expires_at <= now:
        return None
    return cached.principal


def cached_api_token(db: Session, raw_token: str) -> Principal | None:
    """The token's principal if this process resolved it in the last few seconds, without
    touching the database; None says only "not in the cache"."""
    principal = _cached_token(sessions.digest(raw_token), utcnow())
    if principal is not None:
        set_actor(db, principal.user_id, principal.name)
    return principal


@dataclass(frozen=True, slots=True)
class TokenRefused:
    """A bearer token that signs no one in, and why (for the security log)."""

    note: SecurityEventNote


def resolve_api_token(db: Session, raw_token: str) -> Principal | None:
    checked = check_api_token(db, raw_token)
    return checked if isinstance(checked, Principal) else None


def check_api_token(db: Session, raw_token: str) -> Principal | TokenRefused:
    """The principal of a bearer token, or why it signs no one in."""
    digest = sessions.digest(raw_token)
    now = utcnow()
    principal = _cached_token(digest, now)
    if principal is not None:
        set_actor(db, principal.user_id, principal.name)
        return principal
    _token_cache.pop(digest, None)
    found = repo.api_token_with_user(db, digest)
    if found is None:
        refused = SecurityEventKind.TOKEN_REFUSED, SecurityOutcome.FAILURE
        return TokenRefused(
            SecurityEventNote(kind=refused[0], outcome=refused[1], detail="unknown")
        )
    token, user, workspace = found
    reason = (
        "revoked"
        if token.revoked_at is not None
        else "expired"
        if token.expires_at is not None and token.expires_at <= now
        else "deactivated"
        if not user.is_active
        else None
    )
    if reason is not None:
        note = SecurityEventNote(
            kind=SecurityEventKind.TOKEN_REFUSED,
            outcome=SecurityOutcome.FAILURE,
            workspace_id=workspace.id,
            user_id=user.id,
            email=user.email,
            credential_id=token.id,
            detail=reason,
        )
        return TokenRefused(note)
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > TOKEN_TOUCH_SECONDS
    ):
        after_commit(db, _touch(token, user, now))
    set_actor(db, user.id, user.name)
    principal = sessions.principal_of(
        user, workspace, "token", token.id, frozenset(token.scopes.split())
    )
    if len(_token_cache) >= TOKEN_CACHE_MAX:
        _token_cache.clear()
    _token_cache[digest] = _CachedToken(principal, token.expires_at, _clock() + TOKEN_CACHE_SECONDS)
    return principal


def _touch(token: ApiToken, user: User, now: datetime) -> Callable[[Session], None]:
    """Once the request is done: note when the token was last used and, the first time it
    is, say so in the security log (later uses only move `last_used_at`)."""
    scope, token_id, first = (
        WorkspaceScope(token.workspace_id),
        token.id,
        token.last_used_at is None,
    )
    note = SecurityEventNote(
        kind=SecurityEventKind.TOKEN_FIRST_USED,
        workspace_id=token.workspace_id,
        user_id=user.id,
        email=user.email,
        credential_id=token_id,
    )

    def touch(db: Session) -> None:
        if repo.touch_token(db, scope, token_id, now, first_use=first):
            security_log.record(db, note)

    return touch


# --- API tokens --------------------------------------------------------------------------------


def create_api_token(
    db: Session, principal: Principal, data: ApiTokenCreate, max_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token of the principal's own, with the scopes asked for (never more than a
    token making it has) and an expiry (required, and at most `max_days`, when that is set:
    a token asked for without one gets the longest)."""
    if token_scopes.unknown(data.scopes):
        raise field_error("scopes", N_("Choose scopes from the list."))
    if principal.scopes is not None and not all(
        _within(principal.scopes, scope) for scope in data.scopes
    ):
        raise field_error("scopes", N_("A token cannot give more than its own scopes."))
    days = data.expires_in_days
    if max_days is not None:
        if days is not None and days > max_days:
            raise field_error(
                "expires_in_days",
                N_("Tokens may last at most the number of days set by the server."),
            )
        days = days or max_days
    raw = "pcrm_" + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        name=data.name,
        token_prefix=raw[:12],
        token_hash=sessions.digest(raw),
        expires_at=(now + timedelta(days=days) if days else None),
        scopes=" ".join(token_scopes.normalized(data.scopes)),
    )
    db.add(token)
    db.flush()
    _log(db, principal, SecurityEventKind.TOKEN_CREATED, token)
    return token, raw


def _within(own: frozenset[str], scope: str) -> bool:
    """Does a token with scopes `own` reach at least what `scope` would?"""
    area, _, access = scope.rpartition(":")
    writing = access == token_scopes.WRITE
    if not area:  # read or write everything
        return token_scopes.WRITE in own or (not writing and token_scopes.READ in own)
    return token_scopes.allows(own, area, writing)


def list_api_tokens(db: Session, principal: Principal) -> list[ApiToken]:
    return list(repo.user_tokens(db, principal.scope, principal.user_id))


def revoke_api_token(db: Session, principal: Principal, token_id: int) -> ApiToken:
    token = repo.api_token(db, principal.scope, principal.user_id, token_id)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.flush()
        _log(db, principal, SecurityEventKind.TOKEN_REVOKED, token)
        forget_api_tokens(db)
    return token


def _log(db: Session, principal: Principal, kind: SecurityEventKind, token: ApiToken) -> None:
    note = security_log.principal_note(principal, kind, SecurityOutcome.SUCCESS, token.name)
    security_log.record(db, note.model_copy(update={"credential_id": token.id}))
