"""The demo's people-relationship line (人脉线) as tables: eight invented competitors and
whom we meet where, the roles of each kind of organisation chart, the stories of a few people,
influence inside and across the customers, dotted-line reports, our own people's personal ties
and where a competitor is closer than we are."""

from __future__ import annotations

from dataclasses import dataclass

from pcrm.demo.data.accounts import ContactKey, Kind
from pcrm.relationships.public import AcquaintanceKind, InteractionLevel, RelationshipStatus

Status = RelationshipStatus
Level = InteractionLevel
Ack = AcquaintanceKind


# --- competitors -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompetitorPlan:
    name: str
    website: str
    strengths: str
    weaknesses: str
    notes: str


# Invented companies: the names read like real Chinese IT firms, none is meant to be one.
COMPETITORS: tuple[CompetitorPlan, ...] = (
    CompetitorPlan(
        "东方信联",
        "https://www.dfxinlian.example",
        "深耕政务信息化二十年，省市两级政务云、一网通办和一网统管案例多；与各地数据局、政务办"
        "高层关系深；上市公司，资质齐全（CMMI5、信息系统集成一级）。",
        "在建项目多，驻场团队摊得薄、人员流动大；定制开发响应慢，二期变更报价高；产品架构"
        "偏老，信创适配进度落后。",
        "全称东方信联信息技术股份有限公司（创业板上市）。惯用低价中标、靠变更和运维回收利润；"
        "在苏州园区一网统管、成都智慧工地两个标上是我们的主要对手。",
    ),
    CompetitorPlan(
        "华数智通",
        "https://www.huashu-zhitong.example",
        "交通行业产品线完整（综合监控、收费稽核、数字孪生），与省交投、地铁集团合作多年；"
        "杭州、深圳都有百人以上的本地服务团队。",
        "平台封闭，第三方接口按次收费；数据中台能力弱；报价普遍比我们高10%–15%。",
        "全称华数智通科技有限公司。山东高速智慧高速项目的中标方；正在争取杭州地铁智慧运维平台。",
    ),
    CompetitorPlan(
        "中科汇能",
        "https://www.zkhuineng.example",
        "科研院所背景，电力行业专家多；国网系统框架内的老供应商，营销和调度专业条线认可度高。",
        "交付依赖分包，项目经理经验参差；对地市公司和新能源客户响应慢；信创云桌面没有案例。",
        "全称中科汇能（北京）信息技术有限公司。在川能投新能源集控项目上与我们正面竞争。",
    ),
    CompetitorPlan(
        "瀚海医信",
        "https://www.hanhai-medinfo.example",
        "浙江、湖北上百家医院的HIS装机量，与信息中心关系深；扩展模块常以单一来源方式采购。",
        "集成平台和临床数据中心是短板，互联互通测评和电子病历高级别评审经验少；售后排队久。",
        "全称杭州瀚海医信软件股份有限公司。武汉市中心医院HRP项目以原HIS厂商身份单一来源拿下；"
        "在江苏省人民医院电子病历改造项目上积极运作。",
    ),
    CompetitorPlan(
        "金桥数科",
        "https://www.jinqiao-fintech.example",
        "银行核心系统和信创改造案例多，总行层面关系好，熟悉监管和安全评估流程。",
        "报价高、人员成本高；对城商行、农商行的项目重视不够，常由二线团队交付。",
        "全称上海金桥数科信息技术有限公司。苏州农商行核心系统信创改造的主要对手。",
    ),
    CompetitorPlan(
        "天工智造",
        "https://www.tiangong-mes.example",
        "MES产品成熟、实施周期短，长三角中小制造企业客户多；价格灵活，愿意先试点后付款。",
        "公司规模小，大型项目交付能力存疑；与SAP等ERP的集成经验少，数字孪生没有落地案例。",
        "全称苏州天工智造工业软件有限公司。在晟达新材、智驰零部件的项目上与我们竞争。",
    ),
    CompetitorPlan(
        "云铺科技",
        "https://www.yunpu-retail.example",
        "零售SaaS（POS、会员、补货）标准化程度高、上线快，订阅制首年价格低。",
        "定制能力弱，大型连锁的复杂需求难以满足；私有化部署和数据安全方案不成熟。",
        "全称杭州云铺网络科技有限公司。主攻区域连锁超市和便利店，鑫邦商贸会员中台项目的对手。",
    ),
    CompetitorPlan(
        "江城数科",
        "https://www.jiangcheng-digital.example",
        "市属国有企业，承接全市政务信息化统建项目，政策资源强，项目来源稳定。",
        "自身研发力量弱，核心模块外包；团队新组建，行业经验不足；分包管理不透明。",
        "全称武汉江城数字科技有限公司。武汉市应急管理局一张图项目改为统建后由其承建。",
    ),
)
# Which competitor we meet at each kind of customer (and at some customers in particular).
RIVAL_BY_KIND = {
    Kind.BUREAU: "东方信联",
    Kind.GROUP: "东方信联",
    Kind.BRANCH: "东方信联",
    Kind.BANK: "金桥数科",
    Kind.HOSPITAL: "瀚海医信",
    Kind.UNIVERSITY: "东方信联",
    Kind.MANUFACTURER: "天工智造",
    Kind.RETAILER: "云铺科技",
    Kind.COMPANY: "华数智通",
}
RIVAL_BY_ACCOUNT = {
    "sz_transport": "华数智通",
    "hz_metro": "华数智通",
    "hz_metro_ops": "华数智通",
    "zj_jt": "华数智通",
    "zj_expressway": "华数智通",
    "sd_hsg": "华数智通",
    "cm_zj": "华数智通",
    "cm_zj_hz": "华数智通",
    "js_power": "中科汇能",
    "js_power_nj": "中科汇能",
    "js_power_sz": "中科汇能",
    "js_power_xt": "中科汇能",
    "sc_energy": "中科汇能",
    "gz_wjw": "瀚海医信",
    "wh_yjj": "江城数科",
}
TIE_SOURCES = (
    "招标代理处了解到",
    "客户信息中心的同事透露",
    "行业展会上看到双方同台交流",
    "对方官网和公众号的案例宣传",
    "前同事介绍",
    "投标现场观察",
    "客户在交流中主动提及",
    "同行集成商的消息",
)


# --- who is who in each organisation chart -------------------------------------------------------

# Role → position (slot) in `pcrm.demo.data.accounts.CHARTS` for each kind of organisation.
# top: the head; second: the deputy / general manager; cio: the head of IT; cio_dep: IT's deputy
# (the digital department's head at a group); biz: the business department that needs the
# project; purchase: procurement; finance: finance; office: the general office.
ROLES: dict[Kind, dict[str, int]] = {
    Kind.BUREAU: {
        "top": 0, "second": 1, "cio": 2, "biz": 3, "office": 4, "cio_dep": 5, "finance": 6,
    },
    Kind.GROUP: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "it": 4, "biz": 5, "purchase": 6,
        "finance": 7,
    },
    Kind.BRANCH: {
        "top": 0, "second": 1, "cio": 2, "biz": 3, "purchase": 4, "cio_dep": 5, "finance": 6,
        "pm": 7,
    },
    Kind.BANK: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "biz": 4, "purchase": 5, "risk": 6,
        "pm": 8,
    },
    Kind.HOSPITAL: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "biz": 4, "equipment": 5, "finance": 6,
    },
    Kind.UNIVERSITY: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "purchase": 4, "biz": 5, "finance": 6,
    },
    Kind.MANUFACTURER: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "biz": 4, "purchase": 5, "finance": 6,
        "pm": 7,
    },
    Kind.RETAILER: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "biz": 4, "supply": 5, "finance": 6,
    },
    Kind.COMPANY: {
        "top": 0, "second": 1, "cio": 2, "cio_dep": 3, "biz": 4, "purchase": 5, "finance": 6,
    },
}  # fmt: skip
PRIVATE = {Kind.MANUFACTURER, Kind.RETAILER, Kind.COMPANY}
MIDDLE = ("cio_dep", "biz", "purchase", "supply", "office", "it")


# --- profiles ------------------------------------------------------------------------------------

NEUTRAL_NOTES = (
    "首次技术交流后态度中立，希望看到同级别单位的案例",
    "认可方案方向，但对预算和实施风险有顾虑",
    "参加了我司方案交流会，提问集中在数据安全和信创适配",
    "目前与多家厂商保持接触，对我们了解还不多",
)
SUPPORTER_NOTES = (
    "参观杭州展厅和标杆案例后明确支持我方方案",
    "一期上线后在内部会议上多次肯定我方团队",
    "主动为我们引荐分管领导",
    "需求评审会上替我方方案说话",
    "对驻场团队的响应速度很满意",
)
COOLING_NOTE = "项目验收后对接人调岗，联系明显减少，关系需要重新维护"


# One person who turned against us during a tender (江苏省人民医院's head of IT), and the
# incumbent's man at the hospital we lost.
STORIES: dict[tuple[str, str], tuple[tuple[RelationshipStatus, InteractionLevel, str], ...]] = {
    ("jsph", "cio"): (
        (Status.UNKNOWN, Level.NONE, "电子病历评审改造项目立项，尚未正式接触"),
        (Status.NEUTRAL, Level.OCCASIONAL, "技术交流后认为我方集成平台成熟，但担心与现有HIS对接"),
        (Status.SUPPORTER, Level.REGULAR, "参观浙大一院集成平台后表示支持，愿意推荐我方参加投标"),
        (
            Status.OPPONENT,
            Level.OCCASIONAL,
            "瀚海医信邀其参加厂商年会后态度转变，在院内会议上强调“与现有HIS深度集成”，"
            "评分办法草案明显偏向原厂",
        ),
    ),
    ("whch", "cio"): (
        (Status.NEUTRAL, Level.OCCASIONAL, "与原HIS厂商合作十年，对新厂商持观望态度"),
        (Status.OPPONENT, Level.OCCASIONAL, "在院长办公会上力主由原HIS厂商扩展HRP模块"),
    ),
}


# --- influence and dotted lines ------------------------------------------------------------------

# (from role, to role, strength, note) inside an organisation; private companies' own below.
INFLUENCE_RULES: tuple[tuple[str, str, int, str], ...] = (
    ("cio", "second", 4, "技术路线和厂商选型的意见，分管领导基本采纳"),
    ("second", "top", 3, "分管领导，重大项目由其向一把手提出建议"),
    ("cio_dep", "cio", 3, "方案的技术评审由其把关"),
    ("biz", "second", 3, "业务需求方，需求优先级和验收意见由其提出"),
    ("finance", "top", 2, "预算审核，关注投入产出"),
    ("purchase", "second", 2, "采购方式和评分办法由其拟定"),
)
PRIVATE_RULES: tuple[tuple[str, str, int, str], ...] = (
    ("second", "top", 4, "老板最信任的人，项目基本由总经理定、董事长拍板"),
    ("cio", "second", 3, "信息化方案由其提出，总经理听取意见"),
    ("finance", "top", 3, "老板看重投入产出，财务总监的测算很有分量"),
    ("biz", "second", 3, "使用部门，上线效果由其评价"),
    ("cio_dep", "cio", 3, "负责系统选型的技术细节"),
)
# Across accounts: (from account, role or original key, to account, role, strength, note).
Ref = str | ContactKey
CROSS_INFLUENCE: tuple[tuple[str, Ref, str, Ref, int, str], ...] = (
    (
        "js_power",
        "cio",
        "js_power_nj",
        "cio",
        4,
        "省公司数字化归口管理，分公司的系统选型须报省公司审定",
    ),
    (
        "js_power",
        "cio_dep",
        "js_power_sz",
        "cio",
        4,
        "专业条线上级，苏州公司的项目需求由省公司数字化部审核",
    ),
    ("js_power", "cio_dep", "js_power_xt", "top", 3, "信通公司的年度项目计划由省公司数字化部下达"),
    ("cm_zj", "cio", "cm_zj_hz", "cio", 4, "省公司统一规划IT架构，地市分公司照此执行"),
    ("hz_metro", "second", "hz_metro_ops", "top", 4, "集团总经理，运营公司的重大投资须报集团审批"),
    ("hz_metro", "cio", "hz_metro_ops", "cio", 4, "集团统一信息化规划和技术标准"),
    ("cscec8", "cio", "cscec8_3", "cio", 4, "局总部统一推广的系统，三公司照此实施"),
    ("zj_jt", "second", "zj_expressway", "top", 5, "控股集团总经理，股份公司的重大项目须集团同意"),
    ("zj_jt", "cio_dep", "zj_expressway", "cio", 4, "集团数字化部统筹下属公司的信息化项目"),
    # The city's data bureau reviews every municipal IT project, the metro group's included.
    (
        "hz_data",
        "top",
        "hz_metro",
        "top",
        3,
        "市数据局统筹城市大脑接入，地铁数字化项目须通过其数字化改革项目审查",
    ),
    ("hz_data", "biz", "hz_metro", "cio", 3, "负责市级信息化项目立项的技术审核"),
    ("hz_data", "biz", "hz1h", "cio", 2, "市属医院的信息化项目须经市数据局审核"),
    # A hospital CIO who sits on the province's evaluation panels.
    ("zy1", "cio", "hz1h", "cio", 4, "省医院信息化专家组成员，杭州一院的互联互通测评由其指导"),
    ("zy1", "cio", "jsph", "cio", 3, "同为中国医院协会信息专业委员会委员，常交流选型经验"),
    ("zy1", "top", "hz1h", "top", 3, "医联体牵头医院的院长"),
    (
        "icbc_zj",
        "cio",
        "hz_bank",
        "cio",
        2,
        "省金融学会金融科技专委会召集人，城商行科技选型常请教她",
    ),
    ("sip", "second", "derui", "top", 2, "园区管委会分管企业服务，德锐扩产的用地和政策由其协调"),
    ("huarui", "top", "tianheng", "top", 3, "同为智能制造协会理事，曾带队参观华锐的MES现场"),
    # People who moved to another customer bring their weight with them.
    ("hz_metro", ("hz_data", 5), "hz_metro", "cio_dep", 3, "从市数据局调任，熟悉城市大脑对接要求"),
    ("tianheng", ("huarui", 2), "tianheng", "top", 4, "分管信息化的副总，董事长很信任她"),
    ("huarui", "top", "tianheng", ("huarui", 2), 3, "华锐的老领导，她到天衡后仍常请教"),
    ("hz_bank", ("icbc_zj", 7), "hz_bank", "cio", 3, "原工行架构师，技术方案上的意见分量重"),
)
DOTTED_LINES: tuple[tuple[str, Ref, str, Ref, str], ...] = (
    (
        "js_power_nj",
        "cio",
        "js_power",
        "cio_dep",
        "专业条线管理：数字化工作同时向省公司数字化部汇报",
    ),
    (
        "js_power_sz",
        "cio",
        "js_power",
        "cio_dep",
        "专业条线管理：数字化工作同时向省公司数字化部汇报",
    ),
    ("cm_zj_hz", "cio", "cm_zj", "cio", "IT条线垂直管理"),
    ("hz_metro_ops", "cio", "hz_metro", "cio_dep", "集团数字化部对运营公司信息化实行条线管理"),
    ("jsph", "cio_dep", "jsph", "biz", "电子病历评级专项工作组由医务处处长任组长"),
    (
        "sz_transport",
        "cio_dep",
        "sz_transport",
        "biz",
        "智慧交通平台项目专班，业务上向智慧交通处汇报",
    ),
    ("icbc_zj", "pm", "icbc_zj", "biz", "网点智能运营项目组，业务上向运营管理部汇报"),
)


# --- our relationship resources ------------------------------------------------------------------

# 王建国's own circle, and personal ties of the others: (user, account, role or key, closeness,
# kind, since year, note).
PERSONAL_TIES: tuple[tuple[str, str, Ref, int, AcquaintanceKind, int | None, str | None], ...] = (
    (
        "boss",
        "js_power_xt",
        "top",
        5,
        Ack.FORMER_COLLEAGUE,
        2004,
        "王总创业前在江苏信通工作八年，与严总同一个处室",
    ),
    (
        "boss",
        "js_power",
        "cio",
        4,
        Ack.FORMER_COLLEAGUE,
        2006,
        "王总在江苏信通时的老同事，后调任省公司",
    ),
    ("boss", "zy1", "top", 4, Ack.CLASSMATE, 1990, "浙江大学校友，同届不同系"),
    ("boss", "hz_data", "top", 4, Ack.BUSINESS, 2021, "城市大脑一期时建立的信任，逢年过节互致问候"),
    ("boss", "huarui", "top", 5, Ack.FRIEND, 2012, "多年的朋友，常约周末爬山；华锐MES由他拍板"),
    ("boss", "baijiahui", "top", 4, Ack.FRIEND, 2015, "同为杭州青年企业家协会会员"),
    ("boss", "hz_bank", "top", 3, Ack.CLASSMATE, 2011, "浙大EMBA同学"),
    ("boss", "sz_transport", "second", 4, Ack.CLASSMATE, 1990, "大学同班同学"),
    ("boss", "jinyang", "top", 4, Ack.BUSINESS, 2023, "在无锡智能制造论坛结识，欣赏我们的交付"),
    ("boss", "pd_cy", "top", 3, Ack.BUSINESS, 2023, None),
    ("boss", "icbc_zj", "second", 3, Ack.BUSINESS, 2022, None),
    ("boss", "cm_zj", "second", 3, Ack.BUSINESS, 2020, "移动政企合作伙伴大会上结识"),
    (
        "delivery",
        "cm_zj",
        "cio_dep",
        4,
        Ack.FORMER_COLLEAGUE,
        2015,
        "刘芳曾在浙江移动数字化部工作三年，是她当年的同事",
    ),
    ("manager", "sz_rcb", "second", 4, Ack.CLASSMATE, 1998, "南京大学同学，同一个宿舍"),
    ("manager", "sc_energy", "cio_dep", 4, Ack.FRIEND, 2018, "羽毛球球友，每周六一起打球"),
    ("sales", "njust", "cio_dep", 3, Ack.CLASSMATE, 2010, "南理工校友，读研时同一个实验室"),
    ("sales", "hf_amr", "office", 5, Ack.FAMILY, None, "张伟的表哥；该客户的商务事项张伟回避"),
    ("marketing", "szu", "cio_dep", 3, Ack.CLASSMATE, 2012, "深大同学"),
    (
        "delivery",
        "tianheng",
        ("huarui", 2),
        4,
        Ack.BUSINESS,
        2022,
        "华锐MES项目时的甲方负责人，合作愉快",
    ),
)
OWNER_NOTES = (
    "项目日常对接人，微信沟通为主",
    "每次拜访都会见面，关系融洽",
    "对我们的方案比较认可，愿意透露内部进展",
    None,
    None,
)


# --- competitors' relationship resources ---------------------------------------------------------

# Where a competitor is closer than we are: (competitor, account, role, closeness, source, note).
RIVAL_TIES: tuple[tuple[str, str, str, int, str, str | None], ...] = (
    ("东方信联", "sip", "top", 5, "园区内部人士透露", "东方信联承建了园区政务云，主任多次公开肯定"),
    ("东方信联", "sip", "cio", 4, "招标代理处了解到", None),
    (
        "华数智通",
        "hz_metro",
        "top",
        4,
        "同行集成商的消息",
        "华数智通承建了地铁一号线综合监控，与董事长相识多年",
    ),
    ("华数智通", "hz_metro", "second", 3, "投标现场观察", None),
    ("东方信联", "hz_metro", "cio", 2, "行业展会上看到双方同台交流", None),
    ("瀚海医信", "jsph", "cio", 4, "客户信息中心的同事透露", "邀请其参加厂商年会并担任分论坛嘉宾"),
    ("瀚海医信", "jsph", "top", 3, "客户在交流中主动提及", None),
    ("中科汇能", "sc_energy", "top", 4, "前同事介绍", "董事长在电力系统工作时与中科汇能创始人共事"),
    ("金桥数科", "sz_rcb", "top", 4, "招标代理处了解到", "行长曾在其总行合作项目中担任甲方负责人"),
    ("东方信联", "cd_zj", "top", 4, "同行集成商的消息", None),
    ("天工智造", "zhichi", "cio", 4, "客户在交流中主动提及", "天工智造在其前东家做过MES"),
    ("云铺科技", "xinbang", "second", 4, "对方官网和公众号的案例宣传", None),
    (
        "江城数科",
        "wh_yjj",
        "top",
        5,
        "客户在交流中主动提及",
        "新任局长推动统建统管，由市属数科公司承建",
    ),
    ("瀚海医信", "whch", "cio", 5, "客户在交流中主动提及", "原HIS厂商，合作十年"),
    ("华数智通", "sd_hsg", "second", 4, "投标现场观察", "中标方，报价低约18%"),
)
