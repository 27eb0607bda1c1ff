"""Closed vocabularies of the accounts area, with their translatable labels and the choices
pages offer from them."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_, translate


class Industry(StrEnum):
    GOVERNMENT = "government"
    ENERGY = "energy"
    TELECOM = "telecom"
    FINANCE = "finance"
    MANUFACTURING = "manufacturing"
    RETAIL = "retail"
    HEALTHCARE = "healthcare"
    EDUCATION = "education"
    TRANSPORT = "transport"
    CONSTRUCTION = "construction"
    INTERNET = "internet"
    OTHER = "other"


class Ownership(StrEnum):
    GOVERNMENT = "government"
    STATE_OWNED = "state_owned"
    PRIVATE = "private"
    FOREIGN = "foreign"
    OTHER = "other"


class SizeBand(StrEnum):
    UNDER_100 = "lt100"
    FROM_100 = "100_499"
    FROM_500 = "500_1999"
    FROM_2000 = "2000_9999"
    OVER_10000 = "10000_plus"


class RevenueBand(StrEnum):
    UNDER_10M = "lt10m"
    FROM_10M = "10m_100m"
    FROM_100M = "100m_1b"
    FROM_1B = "1b_10b"
    OVER_10B = "10b_plus"


class LifecycleStage(StrEnum):
    POTENTIAL = "potential"
    BIDDING = "bidding"
    EXECUTION = "execution"
    DELIVERED = "delivered"
    LOST = "lost"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"


class TeamRole(StrEnum):
    SALES = "sales"
    TECHNICAL = "technical"
    MARKETING = "marketing"
    AFTER_SALES = "after_sales"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class Importance(StrEnum):
    KEY = "key"
    IMPORTANT = "important"
    NORMAL = "normal"


class ContactStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class ActivityType(StrEnum):
    CALL = "call"
    VISIT = "visit"
    MEETING = "meeting"
    EMAIL = "email"
    WECHAT = "wechat"
    EVENT = "event"
    OTHER = "other"


PROVINCES: dict[str, tuple[str, str]] = {
    "beijing": ("北京", "Beijing"),
    "tianjin": ("天津", "Tianjin"),
    "hebei": ("河北", "Hebei"),
    "shanxi": ("山西", "Shanxi"),
    "inner_mongolia": ("内蒙古", "Inner Mongolia"),
    "liaoning": ("辽宁", "Liaoning"),
    "jilin": ("吉林", "Jilin"),
    "heilongjiang": ("黑龙江", "Heilongjiang"),
    "shanghai": ("上海", "Shanghai"),
    "jiangsu": ("江苏", "Jiangsu"),
    "zhejiang": ("浙江", "Zhejiang"),
    "anhui": ("安徽", "Anhui"),
    "fujian": ("福建", "Fujian"),
    "jiangxi": ("江西", "Jiangxi"),
    "shandong": ("山东", "Shandong"),
    "henan": ("河南", "Henan"),
    "hubei": ("湖北", "Hubei"),
    "hunan": ("湖南", "Hunan"),
    "guangdong": ("广东", "Guangdong"),
    "guangxi": ("广西", "Guangxi"),
    "hainan": ("海南", "Hainan"),
    "chongqing": ("重庆", "Chongqing"),
    "sichuan": ("四川", "Sichuan"),
    "guizhou": ("贵州", "Guizhou"),
    "yunnan": ("云南", "Yunnan"),
    "tibet": ("西藏", "Tibet"),
    "shaanxi": ("陕西", "Shaanxi"),
    "gansu": ("甘肃", "Gansu"),
    "qinghai": ("青海", "Qinghai"),
    "ningxia": ("宁夏", "Ningxia"),
    "xinjiang": ("新疆", "Xinjiang"),
    "hong_kong": ("香港", "Hong Kong"),
    "macau": ("澳门", "Macau"),
    "taiwan": ("台湾", "Taiwan"),
    "overseas": ("海外", "Overseas"),
}

LABELS: dict[type[StrEnum], dict[str, str]] = {
    Industry: {
        "government": N_("Government"),
        "energy": N_("Energy & utilities"),
        "telecom": N_("Telecom"),
        "finance": N_("Finance"),
        "manufacturing": N_("Manufacturing"),
        "retail": N_("Retail"),
        "healthcare": N_("Healthcare"),
        "education": N_("Education"),
        "transport": N_("Transport & logistics"),
        "construction": N_("Construction & property"),
        "internet": N_("Internet"),
        "other": N_("Other"),
    },
    Ownership: {
        "government": N_("Government"),
        "state_owned": N_("State-owned"),
        "private": N_("Private"),
        "foreign": N_("Foreign-owned"),
        "other": N_("Other"),
    },
    SizeBand: {
        "lt100": N_("Under 100 staff"),
        "100_499": N_("100–499 staff"),
        "500_1999": N_("500–1,999 staff"),
        "2000_9999": N_("2,000–9,999 staff"),
        "10000_plus": N_("10,000+ staff"),
    },
    RevenueBand: {
        "lt10m": N_("Under ¥10M"),
        "10m_100m": N_("¥10M–100M"),
        "100m_1b": N_("¥100M–1B"),
        "1b_10b": N_("¥1B–10B"),
        "10b_plus": N_("Over ¥10B"),
    },
    LifecycleStage: {
        "potential": N_("I · Potential"),
        "bidding": N_("II · Bidding"),
        "execution": N_("III · Joint execution"),
        "delivered": N_("IV · Delivered & retained"),
        "lost": N_("Lost"),
    },
    AccountStatus: {"active": N_("Active"), "dormant": N_("Dormant")},
    TeamRole: {
        "sales": N_("Sales"),
        "technical": N_("Technical"),
        "marketing": N_("Marketing"),
        "after_sales": N_("After-sales"),
    },
    Gender: {"male": N_("Male"), "female": N_("Female"), "unknown": N_("Not specified")},
    Importance: {"key": N_("Key"), "important": N_("Important"), "normal": N_("Normal")},
    ContactStatus: {"active": N_("In post"), "left": N_("Left the company")},
    ActivityType: {
        "call": N_("Call"),
        "visit": N_("Visit"),
        "meeting": N_("Meeting"),
        "email": N_("E-mail"),
        "wechat": N_("WeChat"),
        "event": N_("Event"),
        "other": N_("Other"),
    },
}


def province_label(code: str | None, locale: str) -> str:
    if not code or code not in PROVINCES:
        return ""
    zh, en = PROVINCES[code]
    return zh if locale == "zh_CN" else en


def label(value: StrEnum | None, locale: str) -> str:
    if value is None:
        return ""
    return translate(locale, LABELS[type(value)][value.value])


def choices(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(member.value, translate(locale, LABELS[enum][member.value])) for member in enum]


def province_choices(locale: str) -> list[tuple[str, str]]:
    return [(code, province_label(code, locale)) for code in PROVINCES]


def vocabularies(locale: str) -> dict[str, list[tuple[str, str]]]:
    """Every closed vocabulary as (value, label) pairs, for selects and filters."""
    return {
        "industry": choices(Industry, locale),
        "ownership": choices(Ownership, locale),
        "size_band": choices(SizeBand, locale),
        "revenue_band": choices(RevenueBand, locale),
        "lifecycle_stage": choices(LifecycleStage, locale),
        "status": choices(AccountStatus, locale),
        "team_role": choices(TeamRole, locale),
        "gender": choices(Gender, locale),
        "importance": choices(Importance, locale),
        "contact_status": choices(ContactStatus, locale),
        "activity_type": choices(ActivityType, locale),
        "province": province_choices(locale),
    }
