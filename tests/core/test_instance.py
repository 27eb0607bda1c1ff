"""The secret key: generated on first run and stored, so every app process shares it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.core.instance import InstanceSetting, get_or_create_secret


@pytest.mark.commits  # get_or_create_secret commits on a connection of its own
def test_the_secret_is_created_once_and_then_reused(engine, uow):
    first = get_or_create_secret(engine)
    second = get_or_create_secret(engine)
    assert first == second
    assert len(first) >= 48
    with uow() as db:
        stored = db.scalars(select(InstanceSetting.value)).all()
    assert stored == [first]
