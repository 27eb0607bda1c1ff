"""The one Settings object. Nothing else in PCRM reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


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
    login_max_failures: int = 10
    login_window_minutes: int = 15
    password_hasher: Literal["argon2id", "fast-insecure-for-tests"] = "argon2id"  # noqa: S105
    tenant_guard: bool = Field(
        default=True, description="Refuse ORM queries on tenant tables without a workspace filter."
    )
    log_level: str = "INFO"
    files_dir: Path | None = Field(
        default=None,
        description="Where uploaded documents are kept. Default: a pcrm-files directory next to "
        "the SQLite database, or in the working directory.",
    )
    max_upload_mb: int = Field(default=25, ge=1, le=2048, description="Largest upload, in MB.")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
