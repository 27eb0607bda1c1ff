"""Instance-wide settings kept in the database, shared by every app process (e.g. the secret key
generated on first run when PCRM_SECRET_KEY is not given)."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from pcrm.core.db import Base

SECRET_KEY_NAME = "secret_key"  # noqa: S105 - the name of a row, not a secret


class InstanceSetting(Base):
    __tablename__ = "instance_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def get_or_create_secret(engine: Engine) -> str:
    """Read the stored secret key, creating it once; safe when several processes start at once."""
    with Session(engine) as session:
        stored = session.scalar(
            select(InstanceSetting.value).where(InstanceSetting.key == SECRET_KEY_NAME)
        )
        if stored:
            return stored
        session.add(InstanceSetting(key=SECRET_KEY_NAME, value=secrets.token_urlsafe(48)))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
        value = session.scalar(
            select(InstanceSetting.value).where(InstanceSetting.key == SECRET_KEY_NAME)
        )
        assert value is not None  # noqa: S101 - just written by us or a sibling process
        return value
