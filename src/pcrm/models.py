"""Every area's ORM models, imported so `Base.metadata` is complete (Alembic, tests)."""

from pcrm.core.audit import AuditEntry
from pcrm.core.db import Base
from pcrm.core.instance import InstanceSetting
from pcrm.identity.models import ApiToken, Invitation, LoginAttempt, User, UserSession, Workspace

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "AuditEntry",
    "InstanceSetting",
    "Invitation",
    "LoginAttempt",
    "User",
    "UserSession",
    "Workspace",
    "metadata",
]
