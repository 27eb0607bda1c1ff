"""Closed vocabularies of the opportunities area (当前项目线, 项目历史线), with their labels."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pcrm.core.i18n import N_


class Stage(StrEnum):
    """Stage of the project customer lifecycle, per opportunity."""

    POTENTIAL = "potential"  # I 潜在
    BIDDING = "bidding"  # II 招投标
    EXECUTION = "execution"  # III won → 合作实施
    DELIVERED = "delivered"  # IV 交付与维系
    LOST = "lost"
    ABANDONED = "abandoned"


OPEN_STAGES = (Stage.POTENTIAL, Stage.BIDDING)
WON_STAGES = (Stage.EXECUTION, Stage.DELIVERED)
CLOSED_STAGES = (Stage.EXECUTION, Stage.DELIVERED, Stage.LOST, Stage.ABANDONED)

DEFAULT_PROBABILITY: dict[Stage, int] = {
    Stage.POTENTIAL: 10,
    Stage.BIDDING: 40,
    Stage.EXECUTION: 100,
    Stage.DELIVERED: 100,
    Stage.LOST: 0,
    Stage.ABANDONED: 0,
}


class ProjectType(StrEnum):
    NEW = "new"
    PHASE_2 = "phase_2"
    UPGRADE = "upgrade"
    OPERATIONS = "operations"


class Trigger(StrEnum):
    """必要条件: why the customer needs the project now."""

    OLD_SYSTEM = "old_system"
    LEADERSHIP = "leadership"
    YEARLY_BUDGET = "yearly_budget"
    REGULATION = "regulation"
    OTHER = "other"


class RelationKind(StrEnum):
    """How an opportunity follows an earlier one (the first names the later, the second the
    earlier)."""

    PHASE_2_OF = "phase_2_of"
    LANDING_OF = "landing_of"
    REPLACEMENT_OF = "replacement_of"
    FOLLOW_ON_OF = "follow_on_of"


class Source(StrEnum):
    EXISTING_CUSTOMER = "existing_customer"
    REFERRAL = "referral"
    TENDER_NOTICE = "tender_notice"
    EVENT = "event"
    PARTNER = "partner"
    INBOUND = "inbound"
    OTHER = "other"


class OpportunityRole(StrEnum):
    SALES = "sales"
    PRESALES = "presales"
    BID_MANAGER = "bid_manager"
    DELIVERY = "delivery"
    EXECUTIVE = "executive"


class TenderMethod(StrEnum):
    OPEN = "open"  # 公开招标
    INVITED = "invited"  # 邀请招标
    NEGOTIATION = "negotiation"  # 竞争性谈判
    CONSULTATION = "consultation"  # 竞争性磋商
    INQUIRY = "inquiry"  # 询价
    SINGLE_SOURCE = "single_source"  # 单一来源


class EvaluationMethod(StrEnum):
    LOWEST_PRICE = "lowest_price"  # 最低价
    WEIGHTED = "weighted"  # 综合评分


class PriceFormula(StrEnum):
    """How a quote becomes a price score under weighted scoring (价格分计算方法)."""

    # 低价优先法: benchmark = the lowest valid quote; score = weight × benchmark / quote.
    LOWEST_RATIO = "lowest_ratio"
    # 平均值法: benchmark = the average of the valid quotes × (1 − discount %); a quote at the
    # benchmark scores the full weight, each 1 % above it loses `deduct_above` points, each 1 %
    # below it `deduct_below` points, never under 0.
    AVERAGE_DEVIATION = "average_deviation"


class VendorStatus(StrEnum):
    BIDDING = "bidding"
    WITHDREW = "withdrew"
    DISQUALIFIED = "disqualified"
    WON = "won"
    LOST = "lost"


class DecisionRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    BUSINESS_EVALUATOR = "business_evaluator"
    USER = "user"
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"
    COACH = "coach"


class Stance(StrEnum):
    """Whom a decision-chain member favours on this opportunity."""

    FAVOURS_US = "favours_us"
    NEUTRAL = "neutral"
    FAVOURS_COMPETITOR = "favours_competitor"
    UNKNOWN = "unknown"


class DocumentKind(StrEnum):
    RFP = "rfp"
    QA = "qa"
    PROPOSAL = "proposal"
    PITCH = "pitch"
    CONTRACT = "contract"
    OTHER = "other"


class Outcome(StrEnum):
    WON = "won"
    LOST = "lost"
    ABANDONED = "abandoned"


OUTCOME_STAGE: dict[Outcome, Stage] = {
    Outcome.WON: Stage.EXECUTION,
    Outcome.LOST: Stage.LOST,
    Outcome.ABANDONED: Stage.ABANDONED,
}


class ReviewReason(StrEnum):
    PRICE = "price"
    TECHNICAL = "technical"
    RELATIONSHIP = "relationship"
    QUALIFICATION = "qualification"
    REFERENCES = "references"
    DELIVERY_PLAN = "delivery_plan"
    TIMING = "timing"
    BUDGET = "budget"
    OTHER = "other"


MONEY_ZERO = Decimal("0.00")

LABELS: dict[type[StrEnum], dict[str, str]] = {
    Stage: {
        "potential": N_("I · Prospect"),
        "bidding": N_("II · Bidding"),
        "execution": N_("III · Won, joint execution"),
        "delivered": N_("IV · Delivered"),
        "lost": N_("Closed lost"),
        "abandoned": N_("Abandoned"),
    },
    ProjectType: {
        "new": N_("New build"),
        "phase_2": N_("Phase 2"),
        "upgrade": N_("Iterative upgrade"),
        "operations": N_("Operations & maintenance"),
    },
    Trigger: {
        "old_system": N_("Old system can't cope"),
        "leadership": N_("Leadership-driven transformation"),
        "yearly_budget": N_("Yearly budget"),
        "regulation": N_("Regulation"),
        "other": N_("Other"),
    },
    RelationKind: {
        "phase_2_of": N_("Phase 2 of"),
        "landing_of": N_("Landing of"),
        "replacement_of": N_("Replacement of"),
        "follow_on_of": N_("Follow-on of"),
    },
    Source: {
        "existing_customer": N_("Existing customer"),
        "referral": N_("Referral"),
        "tender_notice": N_("Tender notice"),
        "event": N_("Event"),
        "partner": N_("Partner"),
        "inbound": N_("Inbound"),
        "other": N_("Other"),
    },
    OpportunityRole: {
        "sales": N_("Sales"),
        "presales": N_("Pre-sales"),
        "bid_manager": N_("Bid manager"),
        "delivery": N_("Delivery"),
        "executive": N_("Executive sponsor"),
    },
    TenderMethod: {
        "open": N_("Open tender"),
        "invited": N_("Invited tender"),
        "negotiation": N_("Competitive negotiation"),
        "consultation": N_("Competitive consultation"),
        "inquiry": N_("Price inquiry"),
        "single_source": N_("Single source"),
    },
    EvaluationMethod: {
        "lowest_price": N_("Lowest price"),
        "weighted": N_("Weighted scoring"),
    },
    PriceFormula: {
        "lowest_ratio": N_("Lowest quote as benchmark"),
        "average_deviation": N_("Average quote as benchmark"),
    },
    VendorStatus: {
        "bidding": N_("Bidding"),
        "withdrew": N_("Withdrew"),
        "disqualified": N_("Disqualified"),
        "won": N_("Awarded"),
        "lost": N_("Not awarded"),
    },
    DecisionRole: {
        "decision_maker": N_("Decision maker"),
        "technical_evaluator": N_("Technical evaluator"),
        "business_evaluator": N_("Business/finance evaluator"),
        "user": N_("End user"),
        "influencer": N_("Influencer"),
        "gatekeeper": N_("Gatekeeper"),
        "coach": N_("Coach/sponsor"),
    },
    Stance: {
        "favours_us": N_("Favours us"),
        "neutral": N_("Neutral"),
        "favours_competitor": N_("Favours a competitor"),
        "unknown": N_("Unknown"),
    },
    DocumentKind: {
        "rfp": N_("RFP"),
        "qa": N_("Q&A"),
        "proposal": N_("Our proposal"),
        "pitch": N_("Pitch deck"),
        "contract": N_("Contract"),
        "other": N_("Other"),
    },
    Outcome: {"won": N_("Closed won"), "lost": N_("Closed lost"), "abandoned": N_("Abandoned")},
    ReviewReason: {
        "price": N_("Price"),
        "technical": N_("Technical solution"),
        "relationship": N_("Customer relationships"),
        "qualification": N_("Qualifications"),
        "references": N_("References"),
        "delivery_plan": N_("Delivery plan"),
        "timing": N_("Timing"),
        "budget": N_("Customer budget"),
        "other": N_("Other"),
    },
}


def label(value: StrEnum) -> str:
    return LABELS[type(value)][value.value]
