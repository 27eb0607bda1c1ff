"""Every area's ORM models, imported so `Base.metadata` is complete (Alembic, tests)."""

from pcrm.accounts.models import (
    Account,
    AccountTag,
    AccountTeamMember,
    Activity,
    ActivityParticipant,
    Contact,
    Employment,
    ListColumns,
    SavedView,
)
from pcrm.core.audit import AuditEntry
from pcrm.core.db import Base
from pcrm.core.instance import InstanceSetting
from pcrm.core.reminders import Reminder
from pcrm.identity.models import ApiToken, Invitation, LoginAttempt, User, UserSession, Workspace

metadata = Base.metadata

__all__ = [
    "Account",
    "AccountTag",
    "AccountTeamMember",
    "Activity",
    "ActivityParticipant",
    "ApiToken",
    "AuditEntry",
    "Contact",
    "Employment",
    "InstanceSetting",
    "Invitation",
    "ListColumns",
    "LoginAttempt",
    "Reminder",
    "SavedView",
    "User",
    "UserSession",
    "Workspace",
    "metadata",
]
