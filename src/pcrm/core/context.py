"""Per-request context (request id, locale) carried in context variables.

Plain `def` endpoints run in a worker thread; anyio copies the context into it, so values set by
the ASGI middleware are visible to services, templates and the audit writer.
"""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("pcrm_request_id", default=None)
locale_var: ContextVar[str] = ContextVar("pcrm_locale", default="zh_CN")
# (client IP, user agent) of the request, for the security log.
client_var: ContextVar[tuple[str, str | None] | None] = ContextVar("pcrm_client", default=None)


def current_request_id() -> str | None:
    return request_id_var.get()


def current_locale() -> str:
    return locale_var.get()


def current_client() -> tuple[str, str | None] | None:
    """The request's client IP (behind trusted proxies, the forwarded one) and user agent."""
    return client_var.get()
