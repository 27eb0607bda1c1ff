"""The application factory."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from pcrm.areas import AREAS
from pcrm.config import Settings, get_settings
from pcrm.core.audit import install_audit_hooks
from pcrm.core.contract import install_contract
from pcrm.core.db import make_engine, make_session_factory
from pcrm.core.errors import PermissionDenied
from pcrm.core.history import register as register_history_labels
from pcrm.core.i18n import N_, load_catalogues
from pcrm.core.instance import get_or_create_secret
from pcrm.core.jobs import PLATFORM_JOBS, BackgroundLoop, register_jobs
from pcrm.core.problems import BodyLimit, install_error_handlers
from pcrm.core.search import register as register_search_kinds
from pcrm.core.security import (
    PlatformMiddleware,
    client_ip,
    csrf_ok,
    is_https,
    wants_secure_cookies,
)
from pcrm.core.templating import add_context_processor, use_template_dirs
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.deps import install_auth_handlers
from pcrm.identity.tokens.scopes import register_areas as register_token_areas
from pcrm.web.context import ShellContext

API_DESCRIPTION = """
The PCRM JSON API. Authenticate with a personal API token (create one under *API tokens* in the
user menu) sent as `Authorization: Bearer <token>`.

Conventions: resources live under `/api/v1/<plural-noun>`; lists answer
`{items, total, page, page_size, pages}` and take `page`, `page_size` (≤ 200), `q`, `sort`
(`field` or `-field`, allow-listed) and filters as query parameters; creates answer 201 with the
resource and its `ETag`; updates take `If-Match` and answer 412 when the record changed since;
bodies are at most 1 MiB (413); errors are RFC 9457 `application/problem+json`, with per-field
`errors` on 422. See docs/api.md.
"""


class _LazySecret:
    """The secret key: from settings, else read (or created) once from the database."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings, self._engine = settings, engine
        self._value: str | None = settings.secret_key
        self._lock = threading.Lock()

    def __call__(self) -> str:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = get_or_create_secret(self._engine)
        return self._value


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)
    # Each worker thread holds one connection while its handler runs and gives it back when
    # the handler returns (core.deps.SessionRoute): the pool keeps one per thread, and lets
    # 10 more open for the moment (a session ended outside a handler, background work). On
    # PostgreSQL, mind max_connections: (threads + 10) per process.
    engine = make_engine(settings.database_url, pool_size=settings.worker_threads)
    session_factory = make_session_factory(engine)
    if settings.tenant_guard:
        install_tenant_guard(session_factory)
    install_audit_hooks(session_factory)
    load_catalogues()
    use_template_dirs([area.templates_dir for area in AREAS if area.templates_dir])
    register_token_areas(area.name for area in AREAS if area.api)
    for area in AREAS:
        if area.history is not None:
            register_history_labels(area.history)
    register_search_kinds([kind for area in AREAS for kind in area.search])
    register_jobs([*PLATFORM_JOBS, *(job for area in AREAS for job in area.jobs)])
    secret = _LazySecret(settings, engine)

    async def verify_csrf(request: Request) -> None:
        if not await csrf_ok(request, secret(), settings.trusted_proxies):
            raise PermissionDenied(
                N_(
                    "Your form has expired or did not come from PCRM. Reload the page and try "
                    "again."
                )
            )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The limiter belongs to the running event loop, so it is sized once that runs.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        loop = BackgroundLoop(session_factory, settings) if settings.background_jobs else None
        if loop is not None:
            loop.start()
        try:
            yield
        finally:
            if loop is not None:
                await anyio.to_thread.run_sync(loop.stop)

    app = FastAPI(
        lifespan=lifespan,
        title="PCRM API",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(verify_csrf)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.session_ends = anyio.CapacityLimiter(settings.worker_threads)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    install_error_handlers(app)  # their middleware goes inside the platform's (added after)
    install_contract(app)
    app.add_middleware(
        PlatformMiddleware,
        secret=secret,
        default_locale=settings.default_locale,
        secure_cookies=lambda request: wants_secure_cookies(request, settings),
        https=lambda request: is_https(request, settings.trusted_proxies),
        client=lambda request: client_ip(request, settings.trusted_proxies),
        cacheable=tuple(
            {"/static/"} | {area.static_prefix + "/" for area in AREAS if area.static_dir}
        ),
    )
    install_auth_handlers(app)
    add_context_processor(ShellContext([entry for area in AREAS for entry in area.nav]))
    for area in AREAS:
        if area.static_dir is not None:  # an area's own before the shell's, which is /static
            app.mount(area.static_prefix, StaticFiles(directory=area.static_dir), area.name)
    for area in AREAS:
        for router in area.api:
            app.include_router(router)
    for area in AREAS:
        for router in area.pages:
            app.include_router(router)
    # Everything built so far (modules, routes, templates) lives as long as the process: keep it
    # out of the garbage collector's full passes, which otherwise cost ~100 ms each and showed up
    # as the p95 of the relationship graph (bench/relationships.py: p95 168 → 47 ms).
    gc.freeze()
    return app
