"""The `pcrm` command line, for people and scripts. Every command goes through the services."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pcrm.config import PACKAGE_DIR, get_settings
from pcrm.core.audit import install_audit_hooks, set_actor
from pcrm.core.db import make_engine, make_session_factory, refresh_statistics, unit_of_work
from pcrm.core.errors import DomainError, ValidationFailed
from pcrm.core.i18n import translate
from pcrm.core.migrate import ROOT, upgrade
from pcrm.core.tenancy import WorkspaceScope, install_tenant_guard

app = typer.Typer(
    help="PCRM, the project customer relationship manager.",
    no_args_is_help=True,
    add_completion=False,
)

VENDOR = PACKAGE_DIR / "web" / "static" / "vendor"
Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


def _session_factory() -> sessionmaker[Session]:
    settings = get_settings()
    factory = make_session_factory(make_engine(settings.database_url))
    if settings.tenant_guard:
        install_tenant_guard(factory)
    install_audit_hooks(factory)
    return factory


def _fail(exc: DomainError) -> None:
    if isinstance(exc, ValidationFailed):
        for error in exc.errors:
            typer.echo(f"error: {error.field}: {translate('en', error.message)}", err=True)
    else:
        typer.echo(f"error: {translate('en', exc.detail)}", err=True)
    raise typer.Exit(code=1)


def ensure_frontend() -> None:
    """Install the pinned front-end libraries into static/vendor when missing or outdated."""
    lock = ROOT / "package-lock.json"
    stamp = VENDOR / ".lock-stamp"
    if stamp.exists() and lock.exists() and stamp.read_bytes() == lock.read_bytes():
        return
    npm = shutil.which("npm")
    if npm is None:
        typer.echo("error: npm is needed once to install the front-end libraries.", err=True)
        raise typer.Exit(code=1)
    typer.echo("Installing front-end libraries (npm ci)…")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)  # noqa: S603


# With --workers, uvicorn's supervisor pings each worker process and kills one that does not
# answer within this many seconds. A worker is a fresh (spawned) interpreter that imports
# PCRM before it can answer: over 5 s, uvicorn's default, on a busy 2-core host, where
# `pcrm serve --workers 2` then killed and restarted its workers for ever instead of serving.
WORKER_HEALTHCHECK_SECONDS = 60


def cpu_cores() -> int:
    """The CPU cores this process may run on (its affinity, which containers narrow), at
    least one. One worker per core: a single process leaves all but one core idle, its
    threads share one interpreter lock (docs/performance.md: two workers on two cores met
    the list targets one process missed)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _serve(host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    uvicorn.run(
        "pcrm.main:create_app",  # an import string and a factory: each worker builds its app
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        proxy_headers=get_settings().trusted_proxies,
        log_level="info",
    )


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (creates the SQLite file if needed)."""
    upgrade(get_settings().database_url)
    typer.echo("Database is up to date.")


@app.command()
def serve(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes (default: one per CPU core this may use)."),
    ] = None,
) -> None:
    """Serve PCRM over HTTP (run `pcrm migrate` first)."""
    ensure_frontend()
    _serve(host, port, workers or cpu_cores())


@app.command()
def demo(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Set up everything, add the demo workspace if it is not there yet, and serve."""
    from pcrm.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo

    ensure_frontend()
    settings = get_settings()
    upgrade(settings.database_url)
    with unit_of_work(_session_factory()) as db:
        created = seed_demo(db, settings)
    if created:
        refresh_statistics(settings.database_url)
    typer.echo(
        "Demo workspace created." if created else "Demo workspace already there: reusing it."
    )
    typer.echo(
        f"\nPCRM is starting at http://{host}:{port}/\n\nDemo sign-ins (password "
        f"{DEMO_PASSWORD!r}):"
    )
    for user in DEMO_USERS:
        typer.echo(f"  {user.email:<28} {user.role.value:<9} {user.name} / {user.english_name}")
    typer.echo("")
    _serve(host, port)


@app.command("create-workspace")
def create_workspace(
    slug: Annotated[str, typer.Argument(help="Short name, e.g. acme.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    currency: Annotated[str, typer.Option(help="ISO currency code.")] = "CNY",
    locale: Annotated[str, typer.Option(help="zh_CN or en.")] = "zh_CN",
) -> None:
    """Create a workspace (a tenant)."""
    from pcrm.identity.workspaces import service

    try:
        with unit_of_work(_session_factory()) as db:
            set_actor(db, None, "cli")
            workspace = service.create_workspace(db, slug, name, currency, locale)
    except DomainError as exc:
        _fail(exc)
    typer.echo(f"Created workspace {workspace.slug} (id {workspace.id}).")


@app.command("create-user")
def create_user(
    workspace: Annotated[str, typer.Option(help="Workspace short name.")],
    email: Annotated[str, typer.Option(help="Sign-in e-mail address.")],
    password: Annotated[str, typer.Option(help="Initial password (≥ 8 characters).")],
    role: Annotated[str, typer.Option(help="owner, admin, manager, sales, delivery or viewer.")],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
) -> None:
    """Create a user in a workspace."""
    from pydantic import ValidationError

    from pcrm.identity.users import service
    from pcrm.identity.users.schemas import UserCreate
    from pcrm.identity.workspaces import repository

    try:
        data = UserCreate(
            email=email,
            password=password,
            role=role,
            name=name or email.split("@")[0],
        )
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"])
            typer.echo(f"error: {field}: {error['msg']}", err=True)
        raise typer.Exit(code=1) from exc
    try:
        with unit_of_work(_session_factory()) as db:
            set_actor(db, None, "cli")
            found = repository.workspace_by_slug(db, workspace)
            if found is None:
                typer.echo(f"error: workspace: no workspace {workspace!r}", err=True)
                raise typer.Exit(code=1)
            user = service.create_user(db, WorkspaceScope(found.id), data, get_settings())
    except DomainError as exc:
        _fail(exc)
    typer.echo(f"Created user {user.email} ({user.role.value}) in {workspace}.")


@app.command("create-token")
def create_token(
    workspace: Annotated[str, typer.Option(help="Workspace short name.")],
    email: Annotated[str, typer.Option(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Create an API token; the token is printed alone on the last line."""
    from pcrm.identity.public import operator_principal
    from pcrm.identity.tokens import service
    from pcrm.identity.tokens.schemas import ApiTokenCreate

    try:
        with unit_of_work(_session_factory()) as db:
            principal = operator_principal(db, workspace, email)
            _token, raw = service.create_api_token(db, principal, ApiTokenCreate(name=name))
    except DomainError as exc:
        _fail(exc)
    typer.echo(f"API token {name!r} for {email} (shown once):")
    typer.echo(raw)


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        typer.echo("error: this SQLite database has no file to back up.", err=True)
        raise typer.Exit(code=1)
    return Path(database)


def _copy_sqlite(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup API: a consistent copy even while the app writes."""
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()


def _run_pg_tool(tool: str, *args: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        typer.echo(f"error: {tool} is not installed (PostgreSQL client tools).", err=True)
        raise typer.Exit(code=1)
    subprocess.run([executable, *args], check=True)  # noqa: S603 - fixed tool, our arguments


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@app.command()
def backup(path: Annotated[Path, typer.Argument(help="File to write the backup to.")]) -> None:
    """Back up the database while it runs (SQLite online backup, or pg_dump)."""
    url = get_settings().database_url
    if url.startswith("sqlite"):
        _copy_sqlite(_sqlite_path(url), path)
    else:
        _run_pg_tool("pg_dump", "--format=custom", "--file", str(path), _libpq_url(url))
    typer.echo(f"Backup written to {path}.")


@app.command()
def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `pcrm backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Replace the database with a backup. Stop the app servers first."""
    if not path.exists():
        typer.echo(f"error: {path} does not exist.", err=True)
        raise typer.Exit(code=1)
    if not yes and not typer.confirm("This replaces every record in the database. Go on?"):
        raise typer.Exit(code=1)
    url = get_settings().database_url
    if url.startswith("sqlite"):
        _copy_sqlite(path, _sqlite_path(url))
    else:
        _run_pg_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            _libpq_url(url),
            str(path),
        )
    typer.echo(f"Restored from {path}.")


def main() -> None:  # pragma: no cover
    app(prog_name="pcrm")


if __name__ == "__main__":  # pragma: no cover
    main()
