"""The service area's closed vocabularies, with their labels in both languages."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class Priority(StrEnum):
    P1 = "p1"  # 紧急: the service is down
    P2 = "p2"  # 高: badly impaired
    P3 = "p3"  # 中: impaired, a workaround exists
    P4 = "p4"  # 低: a question, a small fault


class Channel(StrEnum):
    PHONE = "phone"  # 电话
    EMAIL = "email"  # 邮件
    WECHAT = "wechat"  # 微信
    PORTAL = "portal"  # 门户
    ON_SITE = "on_site"  # 现场


class Category(StrEnum):
    FAULT = "fault"  # 故障
    QUESTION = "question"  # 咨询
    NEED = "need"  # 需求: a new need, may become an opportunity or a change request
    COMPLAINT = "complaint"  # 投诉


class RequestStatus(StrEnum):
    NEW = "new"  # 新建
    IN_PROGRESS = "in_progress"  # 处理中
    AWAITING_CUSTOMER = "awaiting_customer"  # 待客户确认: resolved, the customer confirms
    CLOSED = "closed"  # 已关闭


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # 休息日 / 节假日
    WORKDAY = "workday"  # 调休上班


class ComplaintSeverity(StrEnum):
    MINOR = "minor"  # 一般
    SERIOUS = "serious"  # 严重
    CRITICAL = "critical"  # 重大


# the moves of a request's status: resolving awaits the customer's confirmation, closing
# (straight away when the customer confirmed at once) needs the resolution; reopening goes from
# awaiting or closed back to in progress
MOVES: dict[RequestStatus, tuple[RequestStatus, ...]] = {
    RequestStatus.NEW: (
        RequestStatus.IN_PROGRESS,
        RequestStatus.AWAITING_CUSTOMER,
        RequestStatus.CLOSED,
    ),
    RequestStatus.IN_PROGRESS: (RequestStatus.AWAITING_CUSTOMER, RequestStatus.CLOSED),
    RequestStatus.AWAITING_CUSTOMER: (RequestStatus.CLOSED, RequestStatus.IN_PROGRESS),
    RequestStatus.CLOSED: (RequestStatus.IN_PROGRESS,),
}
OPEN = (RequestStatus.NEW, RequestStatus.IN_PROGRESS)

LABELS: dict[type[StrEnum], dict[str, str]] = {
    Priority: {
        Priority.P1: N_("P1 urgent"),
        Priority.P2: N_("P2 high"),
        Priority.P3: N_("P3 medium"),
        Priority.P4: N_("P4 low"),
    },
    Channel: {
        Channel.PHONE: N_("Phone"),
        Channel.EMAIL: N_("E-mail"),
        Channel.WECHAT: N_("WeChat"),
        Channel.PORTAL: N_("Portal"),
        Channel.ON_SITE: N_("On site"),
    },
    Category: {
        Category.FAULT: N_("Fault"),
        Category.QUESTION: N_("Inquiry"),
        Category.NEED: N_("New need"),
        Category.COMPLAINT: N_("Complaint"),
    },
    RequestStatus: {
        RequestStatus.NEW: N_("New"),
        RequestStatus.IN_PROGRESS: N_("In progress (service request)"),
        RequestStatus.AWAITING_CUSTOMER: N_("Awaiting the customer's confirmation"),
        RequestStatus.CLOSED: N_("Closed (service request)"),
    },
    DayKind: {DayKind.HOLIDAY: N_("Day off"), DayKind.WORKDAY: N_("Working day")},
    ComplaintSeverity: {
        ComplaintSeverity.MINOR: N_("Minor"),
        ComplaintSeverity.SERIOUS: N_("Serious"),
        ComplaintSeverity.CRITICAL: N_("Major"),
    },
}
