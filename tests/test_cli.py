"""The `pcrm` command line, as an operator's script would use it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from pcrm.cli import app as cli
from pcrm.config import get_settings
from pcrm.identity.workspaces.models import Workspace
from tests.factories import bearer

# The CLI writes through an engine of its own: these tests commit for real.
pytestmark = pytest.mark.commits

runner = CliRunner()


@pytest.fixture
def operator(database_url, monkeypatch, app):
    """The CLI reads the same database the app fixture serves."""
    monkeypatch.setenv("PCRM_DATABASE_URL", database_url)
    monkeypatch.setenv("PCRM_PASSWORD_HASHER", "fast-insecure-for-tests")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*args: str):
    return runner.invoke(cli, list(args))


def test_help_is_in_plain_words():
    result = run("--help")
    assert result.exit_code == 0
    for command in (
        "demo",
        "serve",
        "migrate",
        "create-workspace",
        "create-user",
        "create-token",
        "backup",
        "restore",
    ):
        assert command in result.output


def test_an_operator_sets_up_a_workspace_user_and_token(operator, client):
    assert run("create-workspace", "acme", "--name", "Acme 工程").exit_code == 0
    created = run(
        "create-user",
        "--workspace",
        "acme",
        "--email",
        "ops@acme.example",
        "--password",
        "operator-pass-1",
        "--role",
        "admin",
        "--name",
        "运维",
    )
    assert created.exit_code == 0, created.output
    token = run(
        "create-token", "--workspace", "acme", "--email", "ops@acme.example", "--name", "backup job"
    )
    assert token.exit_code == 0
    raw = token.output.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers=bearer(raw)).json()
    assert (me["user"]["email"], me["user"]["role"], me["workspace"]["name"]) == (
        "ops@acme.example",
        "admin",
        "Acme 工程",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create-workspace", "A!", "--name", "x"), "slug: Use 3-40 lower-case letters"),
        (
            (
                "create-user",
                "--workspace",
                "nope",
                "--email",
                "a@b.example",
                "--password",
                "long-enough-1",
                "--role",
                "sales",
            ),
            "no workspace 'nope'",
        ),
        (
            (
                "create-user",
                "--workspace",
                "acme",
                "--email",
                "a@b.example",
                "--password",
                "long-enough-1",
                "--role",
                "emperor",
            ),
            "role",
        ),
        (
            (
                "create-user",
                "--workspace",
                "acme",
                "--email",
                "a@b.example",
                "--password",
                "short",
                "--role",
                "sales",
            ),
            "password",
        ),
        (
            ("create-token", "--workspace", "acme", "--email", "ghost@acme.example"),
            "No active user",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_a_message(operator, args, message):
    run("create-workspace", "acme", "--name", "Acme")
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_backup_and_restore(operator, uow, tmp_path):
    run("create-workspace", "acme", "--name", "备份前")
    target = tmp_path / "pcrm.backup"
    assert run("backup", str(target)).exit_code == 0
    assert target.stat().st_size > 0
    with uow() as db:
        db.scalars(select(Workspace)).one().name = "备份后"
    assert run("restore", str(target), "--yes").exit_code == 0
    with uow() as db:
        assert db.scalars(select(Workspace.name)).all() == ["备份前"]


def test_serve_hands_uvicorn_a_factory_each_worker_can_import(monkeypatch):
    """Worker processes cannot be given an app object: uvicorn needs an import string and
    builds one app per worker, and it must wait for a worker that is slow to start."""
    import uvicorn
    from uvicorn.importer import import_from_string

    from pcrm import cli as cli_module
    from pcrm.main import create_app

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setattr(cli_module, "ensure_frontend", lambda: None)

    result = run("serve", "--port", "8123", "--workers", "2")

    assert result.exit_code == 0, result.output
    [(app, options)] = calls
    assert import_from_string(app) is create_app
    assert options == {
        "factory": True,
        "host": "127.0.0.1",
        "port": 8123,
        "workers": 2,
        "timeout_worker_healthcheck": 60,
        "proxy_headers": False,
        "log_level": "info",
    }


def test_serve_starts_one_worker_per_core_unless_told(monkeypatch):
    import uvicorn

    from pcrm import cli as cli_module

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options["workers"]))
    monkeypatch.setattr(cli_module, "ensure_frontend", lambda: None)
    monkeypatch.setattr(cli_module.os, "sched_getaffinity", lambda _pid: {0, 1, 2})

    assert run("serve").exit_code == 0
    assert run("serve", "--workers", "1").exit_code == 0
    assert calls == [3, 1]


def test_serve_refuses_zero_workers(monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *_a, **_k: pytest.fail("must not start"))
    assert run("serve", "--workers", "0").exit_code == 2
