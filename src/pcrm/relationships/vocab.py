"""Closed vocabularies of the relationships area, each with a label and a short help text."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class BehaviourOrientation(StrEnum):
    TECHNOLOGY = "technology"
    PRICE = "price"
    RELATIONSHIP = "relationship"
    RISK_AVERSE = "risk_averse"
    RESULTS = "results"


class RelationshipStatus(StrEnum):
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"


class InteractionLevel(StrEnum):
    NONE = "none"
    OCCASIONAL = "occasional"
    REGULAR = "regular"
    FREQUENT = "frequent"


class AcquaintanceKind(StrEnum):
    FORMER_COLLEAGUE = "former_colleague"
    CLASSMATE = "classmate"
    FRIEND = "friend"
    BUSINESS = "business"
    FAMILY = "family"
    OTHER = "other"


LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    BehaviourOrientation: {
        "technology": (N_("Technology-driven"), N_("Decides on technical merit and innovation.")),
        "price": (N_("Price-driven"), N_("Decides on cost and commercial terms.")),
        "relationship": (N_("Relationship-driven"), N_("Decides on trust and people they know.")),
        "risk_averse": (N_("Risk-averse"), N_("Prefers proven, safe choices; fears blame.")),
        "results": (N_("Results-driven"), N_("Decides on measurable business outcomes.")),
    },
    RelationshipStatus: {
        "supporter": (N_("Supporter"), N_("Speaks for us and wants us to win.")),
        "neutral": (N_("Neutral"), N_("Neither for nor against us.")),
        "opponent": (N_("Opponent"), N_("Prefers a competitor or works against us.")),
        "unknown": (N_("Unknown"), N_("We do not know where they stand yet.")),
    },
    InteractionLevel: {
        "none": (N_("None"), N_("No contact with us so far.")),
        "occasional": (N_("Occasional"), N_("A few contacts a year.")),
        "regular": (N_("Regular"), N_("Monthly or so.")),
        "frequent": (N_("Frequent"), N_("Weekly or more often.")),
    },
    AcquaintanceKind: {
        "former_colleague": (N_("Former colleague"), ""),
        "classmate": (N_("Classmate"), ""),
        "friend": (N_("Friend"), ""),
        "business": (N_("Business"), ""),
        "family": (N_("Family"), ""),
        "other": (N_("Other"), ""),
    },
}


def label(value: StrEnum) -> str:
    return LABELS[type(value)][value.value][0]


# Notices shown after a redirect (`?notice=`): any page of the area may be the target of
# removing a link, so they are one set.
NOTICES = {
    "added": N_("Added."),
    "deleted": N_("Removed."),
    "saved": N_("Your changes have been saved."),
    "created": N_("Created."),
    "moved": N_("The org chart has been updated."),
    "profile": N_("Profile recorded."),
}
