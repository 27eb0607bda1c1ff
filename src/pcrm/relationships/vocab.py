"""Closed vocabularies of the relationships area, each with a label and a short help text."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_, translate


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


def label_in(value: StrEnum | None, locale: str) -> str:
    """The value's label in the reader's language ("" for none)."""
    if value is None:
        return ""
    return translate(locale, LABELS[type(value)][value.value][0])


def help_in(value: StrEnum | None, locale: str) -> str:
    """The value's help text in the reader's language ("" for none or no help)."""
    if value is None or not LABELS[type(value)][value.value][1]:
        return ""
    return translate(locale, LABELS[type(value)][value.value][1])


def status_label(value: str | None, locale: str) -> str:
    return label_in(RelationshipStatus(value or "unknown"), locale)


def choices(enum: type[StrEnum], locale: str) -> list[tuple[str, str, str]]:
    """(value, label, help) for a select."""
    return [(m.value, label_in(m, locale), help_in(m, locale)) for m in enum]


def vocabularies(locale: str) -> dict[str, list[tuple[str, str, str]]]:
    """The choices of every select of the area's forms."""
    return {
        "behaviour": choices(BehaviourOrientation, locale),
        "status": choices(RelationshipStatus, locale),
        "interaction": choices(InteractionLevel, locale),
        "kind": choices(AcquaintanceKind, locale),
    }


# The kinds of links and of nodes of the relationship graph, as the map, the org chart and the
# paths name them.
EDGE_KINDS = ("reports_to", "dotted_line", "influence", "acquaintance", "competitor_tie")
EDGE_LABELS = {
    "reports_to": N_("Reporting"),
    "dotted_line": N_("Dotted-line reporting"),
    "influence": N_("Influence"),
    "acquaintance": N_("Our relationship"),
    "competitor_tie": N_("Competitor relationship"),
}
EDGE_HELP = {
    "reports_to": N_("Who reports to whom in the customer's org chart."),
    "dotted_line": N_("Also reports to someone outside the solid line."),
    "influence": N_("Who sways whom; the arrow's width is the strength."),
    "acquaintance": N_("Which of our people know them, and how closely."),
    "competitor_tie": N_("Which competitor is close to them, and how closely."),
}
NODE_LABELS = {
    "contact": N_("Contact"),
    "external_contact": N_("Contact at another account"),
    "user": N_("Our people"),
    "competitor": N_("Competitor"),
}


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
