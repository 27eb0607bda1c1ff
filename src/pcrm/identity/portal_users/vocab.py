"""Closed vocabularies of portal principals and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class PortalRole(StrEnum):
    """What a portal user may do: read their projects, or also decide (the stakeholder's
    approver flag when they were invited)."""

    VIEWER = "viewer"  # 门户查看
    APPROVER = "approver"  # 门户审批


class PortalUserStatus(StrEnum):
    """Where a portal user's account stands (computed, never stored)."""

    INVITED = "invited"  # 已邀请
    ACTIVE = "active"  # 已启用
    DEACTIVATED = "deactivated"  # 已停用


PORTAL_ROLE_LABELS: dict[str, str] = {
    PortalRole.VIEWER: N_("Portal viewer"),
    PortalRole.APPROVER: N_("Portal approver"),
}

PORTAL_STATUS_LABELS: dict[str, str] = {
    PortalUserStatus.INVITED: N_("Invited"),
    PortalUserStatus.ACTIVE: N_("Portal active"),
    PortalUserStatus.DEACTIVATED: N_("Deactivated"),
}
