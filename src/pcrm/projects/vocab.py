"""Closed vocabularies of the projects area and their labels (English message ids)."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class ProjectStatus(StrEnum):
    DRAFT = "draft"  # 筹备
    ACTIVE = "active"  # 进行中
    ON_HOLD = "on_hold"  # 暂停
    CLOSED = "closed"  # 已收尾
    ARCHIVED = "archived"  # 已归档
    TERMINATED = "terminated"  # 客户提前终止 (archived as well)


# What each status may move to by a status action (termination has its own action).
STATUS_MOVES: dict[ProjectStatus, tuple[ProjectStatus, ...]] = {
    ProjectStatus.DRAFT: (ProjectStatus.ACTIVE,),
    ProjectStatus.ACTIVE: (ProjectStatus.ON_HOLD, ProjectStatus.CLOSED),
    ProjectStatus.ON_HOLD: (ProjectStatus.ACTIVE,),
    ProjectStatus.CLOSED: (ProjectStatus.ARCHIVED,),
    ProjectStatus.ARCHIVED: (),
    ProjectStatus.TERMINATED: (),
}
# Statuses in which the customer may still end the project early.
TERMINABLE = (ProjectStatus.DRAFT, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)
# Statuses of a project that is over: its records are read-only.
FINISHED = (ProjectStatus.ARCHIVED, ProjectStatus.TERMINATED)


class Phase(StrEnum):
    """项目生命周期."""

    NEEDS = "needs"  # 识别需求
    PLANNING = "planning"  # 制定计划
    EXECUTION = "execution"  # 执行
    CLOSURE = "closure"  # 收尾


class TeamRole(StrEnum):
    PM = "pm"  # 项目经理
    SALES = "sales"  # 销售
    TECHNICAL = "technical"  # 技术
    MARKETING = "marketing"  # 市场
    AFTER_SALES = "after_sales"  # 售后
    OTHER = "other"


class StakeholderRole(StrEnum):
    """The customer person's part in the project (项目角色)."""

    USER = "user"  # 使用者
    PURCHASING = "purchasing"  # 采购
    LOGISTICS = "logistics"  # 物流
    MANAGEMENT = "management"  # 决策层
    FINANCE = "finance"  # 财务
    IT = "it"  # IT
    OTHER = "other"


class Stake(StrEnum):
    """How the person is touched by the project's output (several may hold)."""

    USES = "uses"
    PAYS = "pays"
    DECIDES = "decides"
    AFFECTED = "affected"


class Quadrant(StrEnum):
    """The power/interest grid: power and interest of 3 or more count as high."""

    MANAGE_CLOSELY = "manage_closely"  # 重点管理: high power, high interest
    KEEP_SATISFIED = "keep_satisfied"  # 令其满意: high power, low interest
    KEEP_INFORMED = "keep_informed"  # 随时告知: low power, high interest
    MONITOR = "monitor"  # 监督: low power, low interest


HIGH = 3  # power or interest from this value up is high on the grid


def quadrant(power: int, interest: int) -> Quadrant:
    if power >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR


class Channel(StrEnum):
    MEETING = "meeting"
    PHONE = "phone"
    EMAIL = "email"
    WECHAT = "wechat"
    REPORT = "report"
    OTHER = "other"


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    MILESTONE = "milestone"
    AS_NEEDED = "as_needed"


class ConstraintKind(StrEnum):
    BUDGET_CEILING = "budget_ceiling"
    DEADLINE = "deadline"
    STANDARD = "standard"  # standard or regulation
    TECHNOLOGY = "technology"  # mandated technology
    RESOURCES = "resources"
    OTHER = "other"


# Responsibilities a new team member starts with, per role (editable per member).
DEFAULT_RESPONSIBILITIES: dict[TeamRole, str] = {
    TeamRole.PM: N_(
        "Leads the project with the customer's liaison: plan, baselines, changes, reports."
    ),
    TeamRole.SALES: N_("Daily contact with the customer, progress reports, commercial questions."),
    TeamRole.TECHNICAL: N_("Solution, requirements analysis, build and technical questions."),
    TeamRole.MARKETING: N_("References, events and the customer's communication materials."),
    TeamRole.AFTER_SALES: N_("Training, hand-over to service, maintenance and support."),
    TeamRole.OTHER: N_("As agreed with the project manager."),
}

LABELS: dict[type[StrEnum], dict[str, str]] = {
    ProjectStatus: {
        "draft": N_("Draft"),
        "active": N_("Active"),
        "on_hold": N_("On hold"),
        "closed": N_("Closed"),
        "archived": N_("Archived"),
        "terminated": N_("Terminated by the customer"),
    },
    Phase: {
        "needs": N_("Needs identification"),
        "planning": N_("Planning"),
        "execution": N_("Execution"),
        "closure": N_("Closure"),
    },
    TeamRole: {
        "pm": N_("Project manager"),
        "sales": N_("Sales"),
        "technical": N_("Technical"),
        "marketing": N_("Marketing"),
        "after_sales": N_("After-sales"),
        "other": N_("Other"),
    },
    StakeholderRole: {
        "user": N_("User"),
        "purchasing": N_("Purchasing"),
        "logistics": N_("Logistics"),
        "management": N_("Management"),
        "finance": N_("Finance"),
        "it": N_("IT"),
        "other": N_("Other"),
    },
    Stake: {
        "uses": N_("Uses"),
        "pays": N_("Pays"),
        "decides": N_("Decides"),
        "affected": N_("Affected"),
    },
    Quadrant: {
        "manage_closely": N_("Manage closely"),
        "keep_satisfied": N_("Keep satisfied"),
        "keep_informed": N_("Keep informed"),
        "monitor": N_("Monitor"),
    },
    Channel: {
        "meeting": N_("Meeting"),
        "phone": N_("Phone"),
        "email": N_("E-mail"),
        "wechat": N_("WeChat"),
        "report": N_("Written report"),
        "other": N_("Other"),
    },
    Frequency: {
        "daily": N_("Daily"),
        "weekly": N_("Weekly"),
        "biweekly": N_("Every two weeks"),
        "monthly": N_("Monthly"),
        "milestone": N_("At milestones"),
        "as_needed": N_("As needed"),
    },
    ConstraintKind: {
        "budget_ceiling": N_("Budget ceiling"),
        "deadline": N_("Deadline"),
        "standard": N_("Standard or regulation"),
        "technology": N_("Mandated technology"),
        "resources": N_("Resources"),
        "other": N_("Other"),
    },
}


def label(value: StrEnum) -> str:
    return LABELS[type(value)][value.value]
