"""The one Settings object. Nothing else in PCRM reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


# Measured with bench/http_load.py at concurrency 8, one process, a million contacts
# (docs/performance.md): on SQLite the contact list's p95 went 66 -> 61 -> 52 -> 49 ms with
# 40, 4, 3 and 2 threads, the account list's 97 -> 72 -> 66 -> 56 ms.
SQLITE_THREADS = 2
POSTGRESQL_THREADS = 16


class Settings(BaseSettings):
    """PCRM configuration, read from `PCRM_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="PCRM_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///pcrm.sqlite3",
        description="SQLAlchemy URL: sqlite:///file.sqlite3 or postgresql+psycopg://user@host/db",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs CSRF tokens. Generated on first run and kept in the database if unset.",
    )
    default_locale: Literal["zh_CN", "en"] = "zh_CN"
    session_days: int = Field(default=14, ge=1, le=365)
    session_idle_hours: int = Field(default=72, ge=1)
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto", description="auto: Secure cookies when the request came over https."
    )
    trusted_proxies: bool = Field(
        default=False, description="Trust X-Forwarded-For/Proto from a load balancer."
    )
    login_max_failures: int = Field(
        default=10,
        ge=1,
        description="Failed sign-ins of one account, from addresses it never signed in from, "
        "before each further attempt must wait (1, 2, 4… seconds).",
    )
    login_pair_failures: int = Field(
        default=5,
        ge=1,
        description="Failed sign-ins of one account from one address before each further "
        "attempt from there must wait.",
    )
    login_ip_max_failures: int = Field(
        default=50,
        ge=1,
        description="Failed sign-ins from one address before attempts from there must wait, "
        "except for accounts that signed in from there before.",
    )
    login_max_delay_seconds: int = Field(
        default=60, ge=1, le=3600, description="The longest wait between two sign-in attempts."
    )
    login_known_days: int = Field(
        default=30,
        ge=1,
        description="An address an account signed in from within this many days is its own.",
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="Failures older than this many minutes no longer count."
    )
    api_token_max_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="When set, every API token expires, at most this many days after it is "
        "made (default: no limit, expiry optional).",
    )
    password_hasher: Literal["argon2id", "fast-insecure-for-tests"] = "argon2id"  # noqa: S105
    tenant_guard: bool = Field(
        default=True, description="Refuse ORM queries on tenant tables without a workspace filter."
    )
    background_jobs: bool = Field(
        default=True,
        description="Run background work (reminders, sends, housekeeping) in this process's "
        "loop; across processes only one runs it at a time.",
    )
    background_interval_seconds: float = Field(
        default=5, gt=0, le=3600, description="Seconds between two rounds of the background loop."
    )
    log_level: str = "INFO"
    files_dir: Path | None = Field(
        default=None,
        description="Where uploaded documents are kept. Default: a pcrm-files directory next to "
        "the SQLite database, or in the working directory.",
    )
    max_upload_mb: int = Field(default=25, ge=1, le=2048, description="Largest upload, in MB.")
    max_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest request body other than an upload (JSON, forms), in bytes; a larger "
        "one is refused with 413 before it is read whole. Uploads keep max_upload_mb.",
    )
    threads: int | None = Field(
        default=None,
        ge=1,
        le=200,
        description="Requests one process works on at once (its worker threads). Default: 2 "
        "on SQLite, whose queries run inside the process, so more threads only contend for "
        "Python's lock; 16 on PostgreSQL, where a thread mostly waits for the database.",
    )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def worker_threads(self) -> int:
        if self.threads is not None:
            return self.threads
        return SQLITE_THREADS if self.is_sqlite else POSTGRESQL_THREADS


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
