"""How many requests one process works on at once: the worker threads are sized per database
(config.Settings.worker_threads) when the app starts."""

from __future__ import annotations

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from pcrm.config import POSTGRESQL_THREADS, SQLITE_THREADS, Settings
from pcrm.main import create_app


@pytest.mark.parametrize(
    ("url", "threads", "expected"),
    [
        ("sqlite:///pcrm.sqlite3", None, SQLITE_THREADS),
        ("postgresql+psycopg://pcrm@db/pcrm", None, POSTGRESQL_THREADS),
        ("sqlite:///pcrm.sqlite3", 6, 6),
    ],
)
def test_the_default_follows_the_database_unless_set(url, threads, expected):
    assert Settings(database_url=url, threads=threads).worker_threads == expected


def test_the_running_app_sizes_its_thread_limiter(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'pcrm.sqlite3'}", threads=3)
    with TestClient(create_app(settings)) as client:
        tokens = client.portal.call(
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
    assert tokens == 3


def test_the_connection_pool_keeps_one_connection_per_thread(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'pcrm.sqlite3'}", threads=7)
    app = create_app(settings)
    assert app.state.engine.pool.size() == 7
    assert app.state.session_ends.total_tokens == 7
