"""Per-request context (request id, locale, the record clock) carried in context variables.

Plain `def` endpoints run in a worker thread; anyio copies the context into it, so values set by
the ASGI middleware are visible to services, templates and the audit writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

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


# When the records written now say they were created or changed, and their audit entries say
# they happened: unset (the real time) except while the demo writes its past
# (`pcrm.core.db.record_time` reads it).
record_clock_var: ContextVar[datetime | None] = ContextVar("pcrm_record_clock", default=None)


def record_clock() -> datetime | None:
    return record_clock_var.get()


@contextmanager
def record_clock_set() -> Iterator[None]:
    """Within the block `set_record_clock` may move the record clock; it is unset after."""
    token = record_clock_var.set(None)
    try:
        yield
    finally:
        record_clock_var.reset(token)


def set_record_clock(moment: datetime | None) -> None:
    """Date what is written next (an aware time), as a writer of past records does."""
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the record clock takes an aware time")
    record_clock_var.set(moment)
