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
from pcrm.opportunities.models import (
    DecisionChainMember,
    Document,
    Opportunity,
    OpportunityRelation,
    OpportunityTeamMember,
    Quote,
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
    VendorScore,
    WinLossReview,
)
from pcrm.relationships.models import (
    Acquaintance,
    Competitor,
    CompetitorTie,
    DottedLine,
    Influence,
    ProfileEntry,
)

metadata = Base.metadata

__all__ = [
    "Account",
    "AccountTag",
    "AccountTeamMember",
    "Acquaintance",
    "Activity",
    "ActivityParticipant",
    "ApiToken",
    "AuditEntry",
    "Competitor",
    "CompetitorTie",
    "Contact",
    "DecisionChainMember",
    "Document",
    "DottedLine",
    "Employment",
    "Influence",
    "InstanceSetting",
    "Invitation",
    "ListColumns",
    "LoginAttempt",
    "Opportunity",
    "OpportunityRelation",
    "OpportunityTeamMember",
    "ProfileEntry",
    "Quote",
    "QuoteRound",
    "Reminder",
    "SavedView",
    "ScoringItem",
    "Tender",
    "User",
    "UserSession",
    "Vendor",
    "VendorScore",
    "WinLossReview",
    "Workspace",
    "metadata",
]
