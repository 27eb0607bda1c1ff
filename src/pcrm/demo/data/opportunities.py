"""How the demo's customers buy, as tables: scoring sheets and price rules, agencies, the
competitors met at each kind of customer, budgets, earlier projects by kind, the words of
win/loss reviews, and the hand-written histories of a few accounts (`STORIES`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pcrm.accounts.public import LifecycleStage, SizeBand
from pcrm.demo.data.accounts import Kind
from pcrm.opportunities.public import (
    DecisionRole,
    PriceFormula,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    TenderMethod,
    Trigger,
)

Method = TenderMethod
Type = ProjectType
Reason = ReviewReason
Role = DecisionRole
_INVITED, _NEGOTIATION, _SINGLE = Method.INVITED, Method.NEGOTIATION, Method.SINGLE_SOURCE
_POT, _BID, _EXE, _DEL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_LOST, _ABANDONED = Stage.LOST, Stage.ABANDONED

GOVERNMENT = {Kind.BUREAU, Kind.HOSPITAL, Kind.UNIVERSITY}  # budget-year buyers
STATE = {Kind.GROUP, Kind.BRANCH, Kind.BANK}


# --- dates and scoring sheets --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """A date in a calendar month `years_back` budget years before the reference year + 1."""

    years_back: int
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class Near:
    """The date in a calendar month nearest to `days_ago` days before today, among those that
    leave the opportunity's history in the past (at most half a year from it)."""

    days_ago: int
    month: int
    day: int


When = Anchor | Near | int  # or days before today (negative: days to come)


@dataclass(frozen=True, slots=True)
class SheetItem:
    name: str
    weight: int
    is_price: bool = False
    sub_items: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    """A scoring sheet (评分办法) and its price rule."""

    formula: PriceFormula
    items: tuple[SheetItem, ...]
    discount: Decimal = Decimal(0)
    deduct_above: Decimal = Decimal(1)
    deduct_below: Decimal = Decimal("0.5")

    @property
    def leaves(self) -> list[tuple[str, int]]:
        """The items that carry estimated scores: sub-items, or items without any."""
        out: list[tuple[str, int]] = []
        for item in self.items:
            if item.is_price:
                continue
            out += list(item.sub_items) if item.sub_items else [(item.name, item.weight)]
        return out

    @property
    def price_weight(self) -> int:
        return next(i.weight for i in self.items if i.is_price)


# --- how each kind of customer buys --------------------------------------------------------------

S = SheetItem
SHEETS: dict[str, Sheet] = {
    # 政府采购: 低价优先法 (the law's rule for services), technical points split in sub-items.
    "gov_a": Sheet(
        PriceFormula.LOWEST_RATIO,
        (S("技术", 50, sub_items=(("方案", 30), ("团队", 20))), S("商务", 30), S("价格", 20, True)),
    ),
    "gov_b": Sheet(
        PriceFormula.LOWEST_RATIO,
        (
            S("技术", 55, sub_items=(("总体方案", 25), ("实施方案", 15), ("售后服务", 15))),
            S("商务", 15),
            S("价格", 30, True),
        ),
    ),
    # State-owned groups: 平均值法 with a discount on the benchmark.
    "soe_a": Sheet(
        PriceFormula.AVERAGE_DEVIATION,
        (S("技术", 60), S("商务", 10), S("价格", 30, True)),
        Decimal(3),
        Decimal(1),
        Decimal("0.5"),
    ),
    "soe_b": Sheet(
        PriceFormula.AVERAGE_DEVIATION,
        (
            S("技术", 50, sub_items=(("技术方案", 35), ("项目团队", 15))),
            S("商务", 20),
            S("价格", 30, True),
        ),
        Decimal(5),
        Decimal("0.8"),
        Decimal("0.4"),
    ),
    "bank": Sheet(
        PriceFormula.LOWEST_RATIO,
        (
            S("技术", 60, sub_items=(("技术方案", 40), ("安全与信创适配", 20))),
            S("商务", 15),
            S("价格", 25, True),
        ),
    ),
    "private": Sheet(
        PriceFormula.LOWEST_RATIO, (S("技术", 40), S("商务", 20), S("价格", 40, True))
    ),
}
USUAL_SHEETS: dict[Kind, tuple[str, ...]] = {
    Kind.BUREAU: ("gov_a", "gov_b"),
    Kind.HOSPITAL: ("gov_a", "gov_b"),
    Kind.UNIVERSITY: ("gov_a", "gov_b"),
    Kind.GROUP: ("soe_a", "soe_b"),
    Kind.BRANCH: ("soe_a", "soe_b"),
    Kind.BANK: ("bank", "soe_a"),
    Kind.MANUFACTURER: ("private",),
    Kind.RETAILER: ("private",),
    Kind.COMPANY: ("private",),
}
# The procurement body or agency (invented agencies; the procurement centres are public bodies).
AGENCIES = {
    "hangzhou": "杭州市政府采购中心",
    "nanjing": "南京市公共资源交易中心",
    "suzhou": "苏州市公共资源交易中心",
    "ningbo": "宁波市政府采购中心",
    "shenzhen": "深圳市政府采购中心",
    "guangzhou": "广州公共资源交易中心",
    "chengdu": "成都市公共资源交易服务中心",
    "wuhan": "武汉市政府采购中心",
    "hefei": "合肥市公共资源交易中心",
    "xian": "西安市政府采购中心",
    "qingdao": "青岛市政府采购中心",
    "beijing": "北京市海淀区政府采购中心",
    "shanghai": "上海市浦东新区政府采购中心",
    "jinan": "山东省公共资源交易中心",
}
STATE_AGENCIES = {
    "zhejiang": "浙江中信招标咨询有限公司",
    "jiangsu": "江苏鼎诚项目管理咨询有限公司",
    "sichuan": "四川蜀信招标代理有限公司",
    "shandong": "山东齐鲁正信招标有限公司",
    "shanghai": "上海申元招标代理有限公司",
    "guangdong": "广东粤信招标有限公司",
}
# Which competitors turn up besides the account's usual rival.
POOLS: dict[Kind, tuple[str, ...]] = {
    Kind.BUREAU: ("东方信联", "华数智通", "中科汇能"),
    Kind.GROUP: ("东方信联", "华数智通", "中科汇能"),
    Kind.BRANCH: ("东方信联", "中科汇能", "华数智通"),
    Kind.BANK: ("金桥数科", "东方信联"),
    Kind.HOSPITAL: ("瀚海医信", "东方信联"),
    Kind.UNIVERSITY: ("东方信联", "华数智通", "瀚海医信"),
    Kind.MANUFACTURER: ("天工智造", "华数智通", "云铺科技"),
    Kind.RETAILER: ("云铺科技", "天工智造"),
    Kind.COMPANY: ("华数智通", "云铺科技", "天工智造"),
}
SIZE_FACTOR = {
    SizeBand.OVER_10000: 1.6,
    SizeBand.FROM_2000: 1.2,
    SizeBand.FROM_500: 1.0,
    SizeBand.FROM_100: 0.8,
}
# The main project's budget in 万元 by kind of customer (before the size factor).
MAIN_BUDGET: dict[Kind, tuple[int, int]] = {
    Kind.BUREAU: (300, 1500),
    Kind.GROUP: (800, 1900),
    Kind.BRANCH: (300, 1200),
    Kind.BANK: (500, 1800),
    Kind.HOSPITAL: (300, 1400),
    Kind.UNIVERSITY: (200, 800),
    Kind.MANUFACTURER: (100, 600),
    Kind.RETAILER: (80, 500),
    Kind.COMPANY: (100, 400),
}

# --- earlier projects, by kind (and industry for state-owned groups) -----------------------------

Project = tuple[str, ProjectType, int, int, Trigger]  # (name, type, budget low/high in 万元, why)
_OLD, _LEAD, _BUDGET, _RULES = (
    Trigger.OLD_SYSTEM,
    Trigger.LEADERSHIP,
    Trigger.YEARLY_BUDGET,
    Trigger.REGULATION,
)
_NEW, _UP, _OPS, _P2 = Type.NEW, Type.UPGRADE, Type.OPERATIONS, Type.PHASE_2
PROJECTS: dict[str, tuple[Project, ...]] = {
    "bureau": (
        ("电子政务外网等保三级测评整改项目", _UP, 80, 260, _RULES),
        ("政务云平台资源扩容项目", _UP, 150, 600, _BUDGET),
        ("公共数据共享交换平台升级改造项目", _UP, 200, 800, _OLD),
        ("数据治理与数据质量提升服务项目", _NEW, 120, 450, _BUDGET),
        ("网络安全态势感知平台建设项目", _NEW, 180, 700, _RULES),
        ("协同办公系统信创改造项目", _UP, 150, 500, _RULES),
        ("领导驾驶舱可视化大屏建设项目", _NEW, 90, 300, _LEAD),
        ("视频会议系统升级改造项目", _UP, 60, 200, _OLD),
        ("业务系统商用密码应用改造项目", _UP, 60, 220, _RULES),
    ),
    "hospital": (
        ("医院信息集成平台升级项目", _UP, 300, 900, _OLD),
        ("临床决策支持系统建设项目", _NEW, 150, 500, _RULES),
        ("病案无纸化归档系统建设项目", _NEW, 120, 400, _RULES),
        ("DRG/DIP医保支付管理系统建设项目", _NEW, 100, 350, _RULES),
        ("医疗质量管理与控制平台建设项目", _NEW, 120, 380, _RULES),
        ("数据中心机房信创改造项目", _UP, 300, 1200, _RULES),
        ("护理信息系统升级项目", _UP, 80, 260, _OLD),
    ),
    "university": (
        ("统一身份认证与门户升级项目", _UP, 80, 260, _OLD),
        ("校园网出口扩容及IPv6改造项目", _UP, 120, 400, _RULES),
        ("数据中心超融合改造项目", _UP, 200, 600, _OLD),
        ("教学质量监测平台建设项目", _NEW, 100, 300, _RULES),
        ("校园一卡通系统升级项目", _UP, 100, 350, _OLD),
    ),
    "energy": (
        ("营销业务应用系统数据治理项目", _NEW, 200, 800, _BUDGET),
        ("配网抢修指挥平台升级项目", _UP, 200, 700, _OLD),
        ("安全生产风险管控平台建设项目", _NEW, 300, 1200, _RULES),
        ("新能源场站视频监控联网项目", _NEW, 300, 1000, _LEAD),
        ("数据中心动环监控系统改造项目", _UP, 100, 350, _OLD),
    ),
    "telecom": (
        ("政企客户服务支撑系统扩容项目", _UP, 200, 900, _BUDGET),
        ("网络资源管理系统升级项目", _UP, 300, 1000, _OLD),
        ("IDC运维自动化平台建设项目", _NEW, 200, 700, _LEAD),
        ("家宽装维质检系统建设项目", _NEW, 100, 400, _BUDGET),
    ),
    "transport": (
        ("综合监控系统改造项目", _UP, 500, 1500, _OLD),
        ("收费站智能化改造项目", _UP, 300, 1200, _RULES),
        ("隧道机电设施运维管理系统建设项目", _NEW, 200, 800, _BUDGET),
        ("视频云联网平台建设项目", _NEW, 300, 1200, _LEAD),
    ),
    "construction": (
        ("BIM协同管理平台建设项目", _NEW, 150, 600, _LEAD),
        ("劳务实名制管理系统升级项目", _UP, 80, 300, _RULES),
        ("项目成本管控系统建设项目", _NEW, 200, 800, _BUDGET),
    ),
    "bank": (
        ("监管数据报送（EAST）系统升级项目", _UP, 200, 700, _RULES),
        ("反洗钱监测系统升级项目", _UP, 300, 900, _RULES),
        ("运维监控平台信创改造项目", _UP, 200, 800, _RULES),
        ("手机银行适老化改造项目", _UP, 100, 400, _RULES),
        ("网点厅堂智能设备运维服务项目", _OPS, 100, 300, _BUDGET),
    ),
    "manufacturer": (
        ("ERP系统升级项目", _UP, 80, 400, _OLD),
        ("设备点检与维修管理系统项目", _NEW, 50, 180, _LEAD),
        ("能耗在线监测系统项目", _NEW, 60, 200, _RULES),
        ("仓储条码化改造项目", _UP, 40, 150, _OLD),
        ("质量管理系统（QMS）项目", _NEW, 80, 300, _LEAD),
        ("APS高级计划排程系统项目", _NEW, 100, 400, _LEAD),
    ),
    "retailer": (
        ("会员小程序与积分商城项目", _NEW, 50, 200, _LEAD),
        ("电子价签改造项目", _UP, 80, 300, _OLD),
        ("经营分析BI报表平台项目", _NEW, 60, 250, _LEAD),
        ("门店视频巡店系统项目", _NEW, 50, 180, _BUDGET),
    ),
    "company": (
        ("车辆GPS监控平台升级项目", _UP, 50, 200, _OLD),
        ("财务共享中心系统项目", _NEW, 100, 400, _LEAD),
        ("仓储管理系统（WMS）项目", _NEW, 80, 300, _OLD),
    ),
}


TRIGGER_NOTES: dict[Trigger, tuple[str, ...]] = {
    _OLD: (
        "现有系统建于八年前，性能和扩展性已无法支撑业务量增长",
        "原厂商停止维护，系统故障频发",
        "旧系统数据分散在多套库中，统计口径不一致",
    ),
    _LEAD: (
        "新任领导提出数字化转型要求，列入年度重点工作",
        "一把手亲自推动，要求年内见成效",
    ),
    _BUDGET: ("已列入本年度信息化专项预算", "年度预算批复后启动采购"),
    _RULES: (
        "落实等保2.0和关键信息基础设施保护要求",
        "信创替代任务下达，须在规定期限内完成",
        "迎接上级单位的评级评审，须按新标准改造",
    ),
    Trigger.OTHER: ("上级单位统一部署",),
}


# --- reviews ------------------------------------------------------------------------------------

WON_WORKED: dict[ReviewReason, tuple[str, ...]] = {
    Reason.TECHNICAL: (
        "技术方案贴合需求，讲标时现场演示效果好",
        "提前三个月开始需求调研，方案针对性强",
    ),
    Reason.REFERENCES: ("同类项目案例多，评委认可度高", "本省同级单位的标杆案例打动了评委"),
    Reason.RELATIONSHIP: ("客户信息中心全程参与了方案打磨，技术分领先明显",),
    Reason.DELIVERY_PLAN: ("驻场服务承诺和本地化团队得分高",),
    Reason.PRICE: ("报价策略得当，价格分与技术分兼顾",),
    Reason.OTHER: ("系统运行稳定，客户满意度高，续签顺利",),
}
WON_CHANGE = (
    "商务部分资质证书准备不全，险些扣分",
    "报价压得偏低，项目毛利率不足15%，后续变更要严格控制",
    "投标文件签章和装订检查流程需要加强",
    "与采购部门沟通偏晚，对评分细则理解有偏差",
    None,
)
LOST_CHANGE: dict[ReviewReason, tuple[str, ...]] = {
    Reason.PRICE: (
        "报价前对竞争对手的价格摸底不足",
        "应提前测算评分办法下的最优报价区间，而不是按成本加成报价",
        "成本结构偏重，需要把标准化模块的报价做下来",
    ),
    Reason.RELATIONSHIP: (
        "决策层覆盖不足，应更早安排高层拜访",
        "只跟信息中心对接，业务部门和分管领导的工作没做到位",
    ),
    Reason.TECHNICAL: (
        "方案对业务场景理解不深，演示环境准备不足",
        "数据安全和信创适配部分写得太泛，评委扣分",
    ),
    Reason.QUALIFICATION: ("缺少招标要求的一级资质，资格分失分", "项目经理证书不满足评分要求"),
    Reason.REFERENCES: ("同行业同规模案例不足", "缺少本省的落地案例"),
    Reason.DELIVERY_PLAN: ("实施周期承诺过长，实施方案得分偏低",),
}
LOST_WORKED = (
    "技术方案得分与第一名基本持平",
    "与信息中心建立了良好的技术交流",
    "投标文件质量高，没有废标风险项",
    None,
)
ABANDONED_NOTES: dict[ReviewReason, tuple[str, ...]] = {
    Reason.BUDGET: ("财政预算压减，项目暂缓", "客户预算未获批复，项目取消"),
    Reason.TIMING: ("客户调整建设计划，项目推迟，招标取消", "上级单位统一建设，本级项目撤销"),
    Reason.OTHER: ("招标文件设置了明显的倾向性条款，评估后放弃投标",),
}
WON_REASONS = (
    (Reason.TECHNICAL, Reason.REFERENCES),
    (Reason.TECHNICAL,),
    (Reason.RELATIONSHIP, Reason.TECHNICAL),
    (Reason.DELIVERY_PLAN, Reason.TECHNICAL),
    (Reason.PRICE, Reason.TECHNICAL),
    (Reason.REFERENCES, Reason.RELATIONSHIP),
)
LOST_REASONS = (
    (Reason.PRICE,),
    (Reason.PRICE, Reason.RELATIONSHIP),
    (Reason.PRICE,),
    (Reason.RELATIONSHIP,),
    (Reason.TECHNICAL,),
    (Reason.QUALIFICATION, Reason.PRICE),
    (Reason.REFERENCES,),
)
QUOTE_SOURCES = ("开标记录", "开标现场唱标", "评标结果公示", "招标代理透露", "客户采购部门反馈")
LATER_SOURCES = ("成交结果公告", "评审专家反馈", "客户采购部门反馈", "同行集成商的消息")
TENDER_NOTES = (
    "评标委员会5人，其中技术专家3人、采购人代表1人、经济专家1人",
    "要求投标人具有本地化服务团队，驻场人员不少于3人",
    "允许联合体投标；不接受进口产品",
    "需现场演示，演示得分计入技术分",
    None,
    None,
)
MEMBER_NOTES: dict[DecisionRole, tuple[str, ...]] = {
    Role.DECISION_MAKER: ("项目由其最终拍板", "分管该项目，重大事项向一把手汇报"),
    Role.TECHNICAL_EVALUATOR: ("负责技术方案评审，关注系统架构和数据安全", "评标专家组成员"),
    Role.BUSINESS_EVALUATOR: ("关注投入产出和付款节点",),
    Role.USER: ("业务需求提出方，验收由其签字",),
    Role.GATEKEEPER: ("负责招标文件编制和开标组织", "控制供应商接触的节奏"),
    Role.COACH: ("多次提供评分办法和竞争对手的信息", "内部推动我方方案"),
    Role.INFLUENCER: ("对分管领导的意见影响大",),
}


# --- what each account's history holds ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Brief:
    """One opportunity as the story tells it; `_materialise` fills in the bid."""

    name: str
    type: ProjectType
    start: When
    stage: Stage
    budget_wan: int
    trigger: Trigger
    method: TenderMethod | None = None  # None: the customer's usual one; see `tender`
    tender: bool = True
    earlier: tuple[int, RelationKind] | None = None  # (index in the account's list, how)
    winner: str | None = None  # lost: who won (default: the account's rival)
    reasons: tuple[ReviewReason, ...] | None = None
    reason_note: str | None = None
    price_gap: float | None = None  # lost on price: how much lower the winner quoted
    rivals: int | None = None  # how many competitors (default: by size)
    source: Source | None = None
    description: str | None = None
    no_tender_reason: str | None = None
    announced: bool = False  # potential with a tender announced ahead (采购意向公开)


B = Brief
# Hand-written stories of a few accounts (oldest first); the other accounts' histories follow
# the rules in `_generated`.
STORIES: dict[str, tuple[Brief, ...]] = {
    "hz_data": (
        B("政务数据共享交换平台升级改造项目", _UP, Anchor(5, 5, 12), _LOST, 420, _OLD,
          reasons=(Reason.PRICE, Reason.RELATIONSHIP), price_gap=0.12),
        B("公共数据资源目录梳理服务项目", _NEW, Anchor(4, 5, 8), _DEL, 160, _BUDGET),
        B("数据治理与数据质量提升服务项目", _NEW, Anchor(3, 5, 18), _DEL, 380, _BUDGET,
          earlier=(1, RelationKind.FOLLOW_ON_OF)),
        B("领导驾驶舱可视化大屏建设项目", _NEW, Anchor(3, 10, 15), _LOST, 260, _LEAD,
          winner="华数智通", reasons=(Reason.TECHNICAL,)),
        B("城市大脑数据中台（一期）建设项目", _NEW, Anchor(2, 5, 9), _DEL, 1680, _LEAD,
          earlier=(2, RelationKind.FOLLOW_ON_OF), reasons=(Reason.TECHNICAL, Reason.REFERENCES),
          description="汇聚全市42个部门的公共数据，建设数据中台和城市大脑驾驶舱。"),
        B("城市大脑数据中台运维服务（{year}年度）", _OPS, 12, _BID, 150, _BUDGET,
          method=_SINGLE, earlier=(4, RelationKind.FOLLOW_ON_OF)),
        B("公共数据授权运营平台（城市大脑数据中台二期）", _P2, -75, _POT, 2200, _BUDGET,
          earlier=(4, RelationKind.PHASE_2_OF), announced=True,
          description="二期已列入明年财政预算，采购意向已公开。"),
    ),
    "nj_zwfw": (
        B("网上政务服务大厅升级改造项目", _UP, Anchor(5, 4, 10), _DEL, 480, _OLD),
        B("网上政务服务大厅运维服务（{year}年度）", _OPS, Anchor(4, 4, 16), _DEL, 60, _BUDGET,
          method=_SINGLE, earlier=(0, RelationKind.FOLLOW_ON_OF)),
        B("一网通办政务服务平台建设项目", _NEW, Anchor(3, 4, 8), _DEL, 980, _RULES,
          earlier=(0, RelationKind.REPLACEMENT_OF)),
        B("一网通办政务服务平台运维服务（{year}年度）", _OPS, Anchor(2, 4, 14), _DEL, 95,
          _BUDGET, method=_SINGLE, earlier=(2, RelationKind.FOLLOW_ON_OF)),
        B("一网通办政务服务平台运维服务（{year}年度）", _OPS, Anchor(1, 4, 11), _DEL, 95,
          _BUDGET, method=_SINGLE, earlier=(3, RelationKind.FOLLOW_ON_OF)),
        B("12345热线智能知识库建设项目", _NEW, Anchor(2, 10, 20), _LOST, 220, _LEAD,
          reasons=(Reason.RELATIONSHIP,)),
        B("一网通办政务服务平台运维服务（{year}年度）", _OPS, 12, _BID, 98, _BUDGET,
          method=_SINGLE, earlier=(4, RelationKind.FOLLOW_ON_OF)),
    ),
    "js_power": (
        B("营销业务应用系统数据治理项目", _NEW, Anchor(5, 5, 20), _LOST, 620, _BUDGET,
          winner="中科汇能", reasons=(Reason.QUALIFICATION, Reason.PRICE), price_gap=0.06),
        B("用电信息采集系统数据质量提升项目", _UP, Anchor(4, 11, 6), _DEL, 520, _OLD),
        B("安全生产风险管控平台建设项目", _NEW, Anchor(3, 5, 15), _LOST, 900, _RULES,
          winner="东方信联", reasons=(Reason.PRICE,), price_gap=0.09),
        B("数据中心动环监控系统改造项目", _UP, Anchor(3, 11, 10), _DEL, 260, _OLD),
        B("电力营销数据中台建设项目", _NEW, 610, _DEL, 2600, _LEAD,
          earlier=(1, RelationKind.PHASE_2_OF), reasons=(Reason.TECHNICAL, Reason.REFERENCES),
          description="省公司营销数据统一汇聚、治理和服务化，支撑营销稽查与客户画像。"),
        B("电力营销数据中台（二期）", _P2, -40, _POT, 1800, _BUDGET,
          earlier=(4, RelationKind.PHASE_2_OF)),
    ),
    "js_power_nj": (
        B("配网抢修指挥平台升级项目", _UP, Anchor(4, 5, 22), _LOST, 380, _OLD,
          reasons=(Reason.PRICE,), price_gap=0.07),
        B("配网数字化运维平台（试点）项目", _NEW, 390, _EXE, 1100, _LEAD,
          reasons=(Reason.TECHNICAL, Reason.RELATIONSHIP)),
    ),
    "cd_zj": (
        B("建筑工地扬尘在线监测系统建设项目", _NEW, Anchor(4, 4, 12), _LOST, 360, _RULES,
          reasons=(Reason.PRICE, Reason.RELATIONSHIP), price_gap=0.15),
        B("智慧工地监管平台（升级重建）项目", _NEW, 18, _BID, 1500, _OLD,
          earlier=(0, RelationKind.REPLACEMENT_OF), rivals=2),
    ),
    "hz_metro": (
        B("地铁一号线综合监控系统改造项目", _UP, Anchor(5, 6, 8), _LOST, 1900, _OLD,
          reasons=(Reason.RELATIONSHIP, Reason.REFERENCES)),
        B("线网视频云联网平台建设项目", _NEW, Anchor(2, 11, 18), _ABANDONED, 1200, _LEAD,
          reasons=(Reason.TIMING,)),
        B("智慧地铁运维平台建设项目", _NEW, 14, _BID, 2800, _LEAD, rivals=2),
    ),
    "hz_metro_ops": (
        B("综合监控系统升级项目", _UP, -120, _POT, 1300, _OLD, source=Source.REFERRAL,
          description="一号线综合监控运行近十年，运营公司考虑升级替换。"),
    ),
    "sd_hsg": (
        B("智慧高速综合管控平台建设项目", _NEW, 290, _LOST, 2600, _LEAD, rivals=3,
          reasons=(Reason.PRICE,), price_gap=0.18,
          reason_note="集团统一公开招标，价格分排名第三未中标；中标方报价低约18%"),
    ),
    "whch": (
        B("HRP医院运营管理系统建设项目", _NEW, 150, _LOST, 900, _LEAD, method=_SINGLE,
          reasons=(Reason.RELATIONSHIP, Reason.OTHER),
          reason_note="院方选择原HIS厂商扩展模块，以单一来源方式采购"),
    ),
    "wh_yjj": (
        B("应急指挥一张图建设项目", _NEW, 230, _LOST, 800, _RULES, tender=False,
          winner="江城数科", reasons=(Reason.RELATIONSHIP, Reason.OTHER),
          reason_note="领导调整后项目改由市属数字科技公司统一建设，我司未进入分包名单",
          no_tender_reason="招标文件征求意见阶段，正式公告尚未发布"),
    ),
    "oujiang": (
        B("ERP与MES集成项目", _NEW, 260, _LOST, 160, _OLD, method=_NEGOTIATION,
          winner="天工智造", reasons=(Reason.PRICE,), price_gap=0.22,
          reason_note="老板更看重价格，选择了本地小厂商的低价方案"),
    ),
    "chutian": (
        B("供应链协同平台项目", _NEW, 400, _ABANDONED, 260, _LEAD, method=_INVITED,
          reasons=(Reason.BUDGET,), reason_note="客户资金紧张，暂停全部信息化投入，项目取消"),
    ),
    "huarui": (
        B("ERP系统升级项目", _UP, Anchor(4, 3, 15), _DEL, 180, _OLD, method=_NEGOTIATION),
        B("MES制造执行系统项目", _NEW, 640, _DEL, 520, _LEAD, method=_NEGOTIATION,
          earlier=(0, RelationKind.FOLLOW_ON_OF)),
        B("MES二期（质量管理与设备联网）项目", _P2, -30, _POT, 300, _LEAD, tender=False,
          earlier=(1, RelationKind.PHASE_2_OF)),
    ),
    "jinyang": (
        B("智慧工厂数字孪生平台项目", _NEW, 400, _EXE, 900, _LEAD, method=_INVITED),
        B("盐城基地数字孪生平台推广项目", _NEW, -20, _POT, 600, _LEAD, tender=False,
          earlier=(0, RelationKind.LANDING_OF),
          description="无锡总部平台验收后，在盐城新基地复制推广。"),
    ),
}  # fmt: skip


# When the account's current project happened (days ago of its start), by the account's stage;
# close to the stage changes of `pcrm.demo.data.activities.TIMELINES`.
MAIN_START = {
    LifecycleStage.DELIVERED: (560, 640),
    LifecycleStage.EXECUTION: (380, 420),
    LifecycleStage.BIDDING: (6, 24),
    LifecycleStage.POTENTIAL: (-150, -30),
    LifecycleStage.LOST: (300, 330),
}

# The province whose agency runs a state-owned customer's tenders (elsewhere a national one).
AGENCY_PROVINCES = {
    "hangzhou": "zhejiang",
    "ningbo": "zhejiang",
    "wenzhou": "zhejiang",
    "shaoxing": "zhejiang",
    "nanjing": "jiangsu",
    "suzhou": "jiangsu",
    "wuxi": "jiangsu",
    "changzhou": "jiangsu",
    "chengdu": "sichuan",
    "jinan": "shandong",
    "qingdao": "shandong",
    "shanghai": "shanghai",
    "shenzhen": "guangdong",
    "guangzhou": "guangdong",
}

# The decision chain: the part each role plays, and whom it lists first.
ROLE_OF: dict[str, DecisionRole] = {
    "top": Role.DECISION_MAKER,
    "second": Role.INFLUENCER,
    "cio": Role.TECHNICAL_EVALUATOR,
    "cio_dep": Role.TECHNICAL_EVALUATOR,
    "it": Role.USER,
    "pm": Role.USER,
    "biz": Role.USER,
    "purchase": Role.GATEKEEPER,
    "supply": Role.GATEKEEPER,
    "office": Role.GATEKEEPER,
    "finance": Role.BUSINESS_EVALUATOR,
    "risk": Role.BUSINESS_EVALUATOR,
    "equipment": Role.BUSINESS_EVALUATOR,
}
CHAIN_ORDER = ("top", "cio", "biz", "second", "purchase", "finance", "cio_dep", "office", "supply")
