"""Demo data of the accounts area: sixty customer organisations of a Chinese system integrator,
four hundred of their people and two years of follow-ups (1,500 activities).

The data is planned first, as plain values drawn from `random.Random(2026)` (`build_plan`, no
database), then written through the account, contact and activity services (`write_plan`),
acting as the demo user who would have done it and in the order it happened: accounts move
through the lifecycle stages (a few are lost), people leave or move to another customer, next
steps become reminders. The audit trail, search fields, employment history and reminders are
therefore the ones real use produces.

Government bodies, state-owned groups and banks, public hospitals and universities carry their
real names (their people, projects and details are made up); the private companies are invented.
Every credit code, phone number, e-mail address (all on `.example` domains) and WeChat id is made
up; credit codes and phone numbers are valid in form.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

import phonenumbers
from sqlalchemy.orm import Session

from pcrm.accounts import activity_service, contact_service
from pcrm.accounts import service as account_service
from pcrm.accounts.schemas import (
    AccountCreate,
    AccountUpdate,
    ActivityCreate,
    ContactCreate,
    ContactUpdate,
    TeamMemberWrite,
)
from pcrm.accounts.validation import CREDIT_CODE_CHARS, credit_code_check_char
from pcrm.accounts.vocab import (
    AccountStatus,
    ActivityType,
    ContactStatus,
    Gender,
    Importance,
    Industry,
    LifecycleStage,
    Ownership,
    RevenueBand,
    SizeBand,
    TeamRole,
)
from pcrm.core.audit import set_actor
from pcrm.identity.public import Principal

SEED = 2026
CONTACT_COUNT = 400
ACTIVITY_COUNT = 1500
HISTORY_DAYS = 730
TZ = ZoneInfo("Asia/Shanghai")

Stage = LifecycleStage
Imp = Importance
Size = SizeBand
Rev = RevenueBand
ContactKey = tuple[str, int]  # (account key, position in the account's organisation template)


# --- our people ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Staff:
    """The demo users, by the part they play at 星图数智."""

    boss: Principal  # 王建国, 总经理 (owner)
    marketing: Principal  # 陈思雨, 市场与运营 (admin)
    manager: Principal  # 李明, 销售总监 (manager)
    sales: Principal  # 张伟, 客户经理 (sales)
    delivery: Principal  # 刘芳, 交付与技术 (delivery)
    viewer: Principal  # 赵磊, 商务与财务 (viewer: reads only)

    def get(self, key: str) -> Principal:
        principal: Principal = getattr(self, key)
        return principal


WRITERS = ("boss", "marketing", "manager", "sales", "delivery")


# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class City:
    province: str  # a key of vocab.PROVINCES
    name: str
    division: str  # administrative division code used in credit codes
    area_code: str  # telephone area code


CITIES: dict[str, City] = {
    "beijing": City("beijing", "北京", "110108", "010"),
    "shanghai": City("shanghai", "上海", "310115", "021"),
    "hangzhou": City("zhejiang", "杭州", "330100", "0571"),
    "ningbo": City("zhejiang", "宁波", "330200", "0574"),
    "wenzhou": City("zhejiang", "温州", "330300", "0577"),
    "shaoxing": City("zhejiang", "绍兴", "330600", "0575"),
    "nanjing": City("jiangsu", "南京", "320100", "025"),
    "suzhou": City("jiangsu", "苏州", "320500", "0512"),
    "wuxi": City("jiangsu", "无锡", "320200", "0510"),
    "changzhou": City("jiangsu", "常州", "320400", "0519"),
    "shenzhen": City("guangdong", "深圳", "440300", "0755"),
    "guangzhou": City("guangdong", "广州", "440100", "020"),
    "dongguan": City("guangdong", "东莞", "441900", "0769"),
    "foshan": City("guangdong", "佛山", "440600", "0757"),
    "chengdu": City("sichuan", "成都", "510100", "028"),
    "wuhan": City("hubei", "武汉", "420100", "027"),
    "xian": City("shaanxi", "西安", "610100", "029"),
    "hefei": City("anhui", "合肥", "340100", "0551"),
    "jinan": City("shandong", "济南", "370100", "0531"),
    "qingdao": City("shandong", "青岛", "370200", "0532"),
}


# --- organisations ---------------------------------------------------------------------------


class Kind(StrEnum):
    BUREAU = "bureau"  # 政府委办局
    GROUP = "group"  # 国企集团、省公司
    BRANCH = "branch"  # 国企分子公司
    BANK = "bank"
    HOSPITAL = "hospital"  # 公立医院（事业单位）
    UNIVERSITY = "university"  # 公办高校（事业单位）
    MANUFACTURER = "manufacturer"
    RETAILER = "retailer"
    COMPANY = "company"  # other private companies


# Public hospitals and universities are 事业单位: budgeted and buying like government bodies.
OWNERSHIP = {
    Kind.BUREAU: Ownership.GOVERNMENT,
    Kind.GROUP: Ownership.STATE_OWNED,
    Kind.BRANCH: Ownership.STATE_OWNED,
    Kind.BANK: Ownership.STATE_OWNED,
    Kind.HOSPITAL: Ownership.GOVERNMENT,
    Kind.UNIVERSITY: Ownership.GOVERNMENT,
    Kind.MANUFACTURER: Ownership.PRIVATE,
    Kind.RETAILER: Ownership.PRIVATE,
    Kind.COMPANY: Ownership.PRIVATE,
}


@dataclass(frozen=True, slots=True)
class Org:
    key: str
    name: str
    short: str
    english: str
    kind: Kind
    industry: Industry
    city: str
    stage: LifecycleStage  # where the account is today
    size: SizeBand
    revenue: RevenueBand | None
    weight: int  # 1-5: how deep the relationship is (people known, follow-ups)
    domain: str
    address: str
    solution: str  # the project we sell or deliver there
    biz: tuple[str, str]  # the main business department and the title of its head
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    tags: tuple[str, ...] = ()
    lost: tuple[str, int] | None = None  # (reason, days ago)
    dormant: bool = False
    note: str = ""
    ownership: Ownership | None = None
    expat: tuple[int, str, str, Gender] | None = None  # (position, name, English name, gender)


_B, _G, _BR = Kind.BUREAU, Kind.GROUP, Kind.BRANCH
_BK, _H, _U = Kind.BANK, Kind.HOSPITAL, Kind.UNIVERSITY
_M, _R, _C = Kind.MANUFACTURER, Kind.RETAILER, Kind.COMPANY
_GOV, _EN, _TEL = Industry.GOVERNMENT, Industry.ENERGY, Industry.TELECOM
_FIN, _MFG, _RET = Industry.FINANCE, Industry.MANUFACTURING, Industry.RETAIL
_HC, _EDU, _TR = Industry.HEALTHCARE, Industry.EDUCATION, Industry.TRANSPORT
_CON, _NET = Industry.CONSTRUCTION, Industry.INTERNET

# fmt: off
ORGS: tuple[Org, ...] = (
    # government bodies
    Org("hz_data", "杭州市数据资源管理局", "杭州数据局", "Hangzhou Data Resources Bureau", _B,
        _GOV, "hangzhou", Stage.DELIVERED, Size.FROM_100, None, 5, "data.hangzhou.gov.example",
        "浙江省杭州市上城区解放东路18号市民中心C座", "城市大脑数据中台", ("数据资源处", "处长"),
        aliases=("杭州市数据局", "市数据资源局"), tags=("标杆案例", "智慧城市"),
        note="城市大脑数据中台一期已于去年终验；二期（公共数据授权运营平台）已列入明年财政预算。"),
    Org("sz_transport", "深圳市交通运输局", "深圳交通局", "Shenzhen Transport Bureau", _B, _GOV,
        "shenzhen", Stage.EXECUTION, Size.FROM_500, None, 4, "jtys.sz.gov.example",
        "广东省深圳市福田区福中三路市民中心", "智慧交通综合运行监测平台", ("智慧交通处", "处长"),
        aliases=("深圳市交通局",), tags=("智慧城市",),
        note="项目由市政务服务数据管理局统筹立项，交通局为建设单位；实施期要求每周书面周报。"),
    Org("sip", "苏州工业园区管理委员会", "园区管委会",
        "Suzhou Industrial Park Administrative Committee", _B, _GOV, "suzhou", Stage.BIDDING,
        Size.FROM_500, None, 4, "sipac.gov.example", "江苏省苏州市工业园区现代大道999号",
        "园区一网统管平台", ("数字化建设处", "处长"), aliases=("苏州园区管委会", "SIP"),
        tags=("智慧城市", "高潜力"), note="园区财力充足，项目采用公开招标、综合评分法。"),
    Org("nj_zwfw", "南京市政务服务管理办公室", "南京政务办",
        "Nanjing Government Services Administration Office", _B, _GOV, "nanjing",
        Stage.DELIVERED, Size.FROM_100, None, 3, "zwfw.nanjing.gov.example",
        "江苏省南京市建邺区江东中路265号", "一网通办政务服务平台", ("政务服务处", "处长"),
        aliases=("南京市政务办",), note="平台已运行两年，维保合同每年续签一次。"),
    Org("nb_env", "宁波市生态环境局", "宁波生态环境局", "Ningbo Ecology and Environment Bureau",
        _B, _GOV, "ningbo", Stage.POTENTIAL, Size.FROM_100, None, 2, "sthjj.ningbo.gov.example",
        "浙江省宁波市鄞州区宁穿路2001号", "生态环境智慧监管平台", ("生态环境监测处", "处长"),
        note="去年通过环保展会结识信息中心主任，正在做项目可研。"),
    Org("cd_zj", "成都市住房和城乡建设局", "成都住建局",
        "Chengdu Housing and Urban-Rural Development Bureau", _B, _GOV, "chengdu",
        Stage.BIDDING, Size.FROM_500, None, 3, "cdzj.chengdu.gov.example",
        "四川省成都市高新区锦城大道366号", "智慧工地监管平台", ("建筑业管理处", "处长"),
        aliases=("成都市住建局",), note="招标代理为四川省某招标公司，关注本地化服务团队。"),
    Org("wh_yjj", "武汉市应急管理局", "武汉应急局", "Wuhan Emergency Management Bureau", _B,
        _GOV, "wuhan", Stage.LOST, Size.FROM_100, None, 2, "yjj.wuhan.gov.example",
        "湖北省武汉市江岸区沿江大道188号", "应急指挥一张图", ("风险监测和综合减灾处", "处长"),
        aliases=("武汉市应急局",),
        lost=("领导调整后项目改由市属数字科技公司统一建设，我司未进入分包名单", 140),
        note="新领导到任后建设模式改为统建统管。"),
    Org("pd_cy", "上海市浦东新区城市运行管理中心", "浦东城运中心",
        "Pudong New Area City Operation Management Center", _B, _GOV, "shanghai",
        Stage.EXECUTION, Size.FROM_100, None, 4, "cyzx.pudong.gov.example",
        "上海市浦东新区世纪大道2001号", "城市运行一网统管平台", ("运行监测科", "科长"),
        aliases=("浦东新区城运中心",), tags=("智慧城市", "标杆案例"),
        note="客户要求驻场团队不少于8人，节假日需保障值守。"),
    Org("gz_wjw", "广州市卫生健康委员会", "广州卫健委", "Guangzhou Municipal Health Commission",
        _B, _GOV, "guangzhou", Stage.POTENTIAL, Size.FROM_100, None, 2, "wjw.gz.gov.example",
        "广东省广州市越秀区德政北路618号", "全民健康信息平台", ("规划信息处", "处长"),
        aliases=("广州市卫健委",), note="通过深圳市人民医院项目引荐，目前处于方案交流阶段。"),
    Org("hf_amr", "合肥市市场监督管理局", "合肥市场监管局",
        "Hefei Administration for Market Regulation", _B, _GOV, "hefei", Stage.DELIVERED,
        Size.FROM_500, None, 2, "amr.hefei.gov.example", "安徽省合肥市蜀山区潜山路100号",
        "食品安全智慧监管平台", ("食品安全协调处", "处长"), aliases=("合肥市市监局",),
        dormant=True, note="项目验收后原对接科长调岗，半年多没有实质性往来，需重新建立联系。"),
    Org("xa_edu", "西安市教育局", "西安教育局", "Xi'an Education Bureau", _B, _GOV, "xian",
        Stage.POTENTIAL, Size.FROM_100, None, 1, "edu.xa.gov.example",
        "陕西省西安市未央区凤城八路109号", "教育城域网与智慧教育平台", ("信息化与装备处", "处长")),
    Org("qd_zrzy", "青岛市自然资源和规划局", "青岛自然资源局",
        "Qingdao Natural Resources and Planning Bureau", _B, _GOV, "qingdao", Stage.BIDDING,
        Size.FROM_500, None, 2, "zrzy.qingdao.gov.example", "山东省青岛市市南区东海西路15号",
        "国土空间基础信息平台", ("测绘地理信息处", "处长"), aliases=("青岛市自规局",)),
    Org("hd_zwfw", "北京市海淀区政务服务管理局", "海淀政务服务局",
        "Haidian District Government Services Administration", _B, _GOV, "beijing",
        Stage.POTENTIAL, Size.FROM_100, None, 2, "zwfw.bjhd.gov.example",
        "北京市海淀区长春桥路17号", "政务服务智能审批系统", ("审批服务科", "科长"),
        aliases=("海淀区政务服务局",)),
    # state-owned groups and their subsidiaries
    Org("js_power", "国网江苏省电力有限公司", "国网江苏电力",
        "State Grid Jiangsu Electric Power Co., Ltd.", _G, _EN, "nanjing", Stage.DELIVERED,
        Size.OVER_10000, Rev.OVER_10B, 5, "js.sgcc.example", "江苏省南京市鼓楼区上海路215号",
        "电力营销数据中台", ("营销部", "主任"), aliases=("江苏省电力公司", "国网江苏"),
        tags=("信创",),
        note="省公司项目须先入围国网总部框架；数字化部为归口管理部门，营销部为业务需求方。"),
    Org("js_power_nj", "国网江苏省电力有限公司南京供电分公司", "南京供电公司",
        "State Grid Nanjing Power Supply Company", _BR, _EN, "nanjing", Stage.EXECUTION,
        Size.FROM_2000, Rev.FROM_1B, 4, "nj.js.sgcc.example", "江苏省南京市秦淮区中山南路1号",
        "配网数字化运维平台", ("运维检修部", "主任"), aliases=("南京供电",), parent="js_power",
        note="省公司试点单位，成果计划在全省推广。"),
    Org("js_power_sz", "国网江苏省电力有限公司苏州供电分公司", "苏州供电公司",
        "State Grid Suzhou Power Supply Company", _BR, _EN, "suzhou", Stage.BIDDING,
        Size.FROM_2000, Rev.FROM_1B, 3, "sz.js.sgcc.example",
        "江苏省苏州市姑苏区劳动路555号", "变电站智能巡检平台", ("设备管理部", "主任"),
        aliases=("苏州供电",), parent="js_power"),
    Org("js_power_xt", "国网江苏省电力有限公司信息通信分公司", "江苏信通公司",
        "State Grid Jiangsu Information & Telecommunication Company", _BR, _EN, "nanjing",
        Stage.DELIVERED, Size.FROM_500, Rev.FROM_100M, 4, "xt.js.sgcc.example",
        "江苏省南京市鼓楼区北京西路20号", "信创云桌面改造", ("运行检修部", "主任"),
        aliases=("国网江苏信通", "信通公司"), parent="js_power", tags=("信创",)),
    Org("cm_zj", "中国移动通信集团浙江有限公司", "浙江移动", "China Mobile Zhejiang Co., Ltd.",
        _G, _TEL, "hangzhou", Stage.EXECUTION, Size.OVER_10000, Rev.OVER_10B, 4,
        "zj.chinamobile.example", "浙江省杭州市西湖区西溪路525号", "5G专网运维平台",
        ("政企客户部", "总经理"), aliases=("中国移动浙江公司",),
        note="我司为其政企行业合作伙伴，部分项目由移动总包、我司分包。"),
    Org("cm_zj_hz", "中国移动通信集团浙江有限公司杭州分公司", "杭州移动",
        "China Mobile Zhejiang Hangzhou Branch", _BR, _TEL, "hangzhou", Stage.DELIVERED,
        Size.FROM_2000, Rev.FROM_1B, 3, "hz.zj.chinamobile.example",
        "浙江省杭州市上城区解放路188号", "政企专线智能运维系统", ("政企客户部", "总经理"),
        aliases=("杭州移动公司",), parent="cm_zj"),
    Org("hz_metro", "杭州市地铁集团有限责任公司", "杭州地铁", "Hangzhou Metro Group Co., Ltd.", _G,
        _TR, "hangzhou", Stage.BIDDING, Size.OVER_10000, Rev.FROM_1B, 4, "hzmetro.example",
        "浙江省杭州市上城区九堡街道杭州地铁大厦", "智慧地铁运维平台", ("运营管理部", "部长"),
        aliases=("杭州地铁集团",), tags=("智慧城市",)),
    Org("hz_metro_ops", "杭州地铁运营有限公司", "杭州地铁运营",
        "Hangzhou Metro Operation Co., Ltd.", _BR, _TR, "hangzhou", Stage.POTENTIAL,
        Size.FROM_2000, Rev.FROM_1B, 2, "ops.hzmetro.example", "浙江省杭州市上城区钱江路58号",
        "综合监控系统升级", ("设备维保部", "部长"), parent="hz_metro"),
    Org("cscec8", "中国建筑第八工程局有限公司", "中建八局",
        "China Construction Eighth Engineering Division Corp., Ltd.", _G, _CON, "shanghai",
        Stage.EXECUTION, Size.OVER_10000, Rev.OVER_10B, 3, "cscec8b.example",
        "上海市浦东新区世纪大道1568号", "智慧工地平台", ("工程管理部", "总经理"),
        aliases=("中国建筑八局", "CSCEC 8th")),
    Org("cscec8_3", "中建八局第三建设有限公司", "中建八局三公司",
        "China Construction Eighth Engineering Division Third Construction Co., Ltd.", _BR,
        _CON, "nanjing", Stage.DELIVERED, Size.FROM_2000, Rev.OVER_10B, 3, "3.cscec8b.example",
        "江苏省南京市栖霞区仙林大道8号", "项目管理信息系统", ("工程管理部", "经理"),
        aliases=("八局三公司",), parent="cscec8"),
    Org("zj_jt", "浙江省交通投资集团有限公司", "浙江交投",
        "Zhejiang Communications Investment Group Co., Ltd.", _G, _TR, "hangzhou",
        Stage.POTENTIAL, Size.OVER_10000, Rev.OVER_10B, 2, "cncico.example",
        "浙江省杭州市钱江新城五星路199号", "高速公路数字孪生平台", ("运营管理部", "总经理"),
        aliases=("交投集团",)),
    Org("zj_expressway", "浙江沪杭甬高速公路股份有限公司", "沪杭甬高速",
        "Zhejiang Expressway Co., Ltd.", _BR, _TR, "hangzhou", Stage.BIDDING, Size.FROM_2000,
        Rev.FROM_1B, 2, "zjexpressway.example", "浙江省杭州市上城区五星路2号",
        "收费稽核大数据平台", ("营运管理部", "经理"), aliases=("浙江高速",), parent="zj_jt"),
    Org("sd_hsg", "山东高速集团有限公司", "山东高速", "Shandong Hi-Speed Group Co., Ltd.", _G, _TR,
        "jinan", Stage.LOST, Size.OVER_10000, Rev.OVER_10B, 2, "sdhsg.example",
        "山东省济南市历下区龙奥北路8号", "智慧高速综合管控平台", ("运营管理部", "部长"),
        aliases=("山东高速集团",),
        lost=("集团统一公开招标，价格分排名第三未中标；中标方报价低约18%", 260)),
    Org("sc_energy", "四川省能源投资集团有限责任公司", "川能投",
        "Sichuan Energy Investment Group Co., Ltd.", _G, _EN, "chengdu", Stage.BIDDING,
        Size.OVER_10000, Rev.OVER_10B, 3, "scei.example", "四川省成都市锦江区毕昇路468号",
        "新能源集控中心数据平台", ("安全生产部", "部长"), aliases=("四川能投",)),
    # banks
    Org("icbc_zj", "中国工商银行股份有限公司浙江省分行", "工行浙江分行",
        "Industrial and Commercial Bank of China, Zhejiang Branch", _BK, _FIN, "hangzhou",
        Stage.EXECUTION, Size.OVER_10000, Rev.OVER_10B, 4, "zj.icbc.example",
        "浙江省杭州市上城区解放东路66号", "网点智能运营平台", ("运营管理部", "总经理"),
        aliases=("浙江工行", "工商银行浙江省分行"), tags=("信创",),
        note="分行项目需报总行金融科技部备案，安全评估周期约一个月。"),
    Org("ccb_js", "中国建设银行股份有限公司江苏省分行", "建行江苏分行",
        "China Construction Bank, Jiangsu Branch", _BK, _FIN, "nanjing", Stage.POTENTIAL,
        Size.OVER_10000, Rev.OVER_10B, 2, "js.ccb.example", "江苏省南京市鼓楼区汉中路188号",
        "智能风控平台", ("风险管理部", "总经理"), aliases=("江苏建行",)),
    Org("hz_bank", "杭州银行股份有限公司", "杭州银行", "Bank of Hangzhou Co., Ltd.", _BK, _FIN,
        "hangzhou", Stage.DELIVERED, Size.FROM_2000, Rev.OVER_10B, 4, "hzbank.example",
        "浙江省杭州市上城区解放东路168号", "数据仓库升级", ("运营管理部", "总经理"),
        aliases=("杭银",), tags=("标杆案例", "信创"),
        note="城商行，决策较快；科技委每月评审一次项目。"),
    Org("sz_rcb", "江苏苏州农村商业银行股份有限公司", "苏州农商行",
        "Jiangsu Suzhou Rural Commercial Bank Co., Ltd.", _BK, _FIN, "suzhou", Stage.BIDDING,
        Size.FROM_2000, Rev.FROM_1B, 3, "szrcb.example", "江苏省苏州市吴江区中山南路1777号",
        "核心系统信创改造", ("运营管理部", "总经理"), aliases=("苏农银行",),
        ownership=Ownership.OTHER, tags=("信创",)),
    # public hospitals
    Org("zy1", "浙江大学医学院附属第一医院", "浙大一院",
        "The First Affiliated Hospital, Zhejiang University School of Medicine", _H, _HC,
        "hangzhou", Stage.EXECUTION, Size.OVER_10000, Rev.OVER_10B, 5, "zy1.example",
        "浙江省杭州市上城区庆春路79号", "智慧医院集成平台", ("医务部", "主任"),
        aliases=("浙一医院", "浙一"), tags=("标杆案例",),
        note="目标通过电子病历系统应用水平六级评审；院方信息中心技术力量强，评审严格。"),
    Org("jsph", "江苏省人民医院", "省人医", "Jiangsu Province Hospital", _H, _HC, "nanjing",
        Stage.BIDDING, Size.OVER_10000, Rev.OVER_10B, 3, "jsph.example",
        "江苏省南京市鼓楼区广州路300号", "电子病历五级评审改造", ("医务处", "处长"),
        aliases=("南京医科大学第一附属医院", "南医大一附院")),
    Org("wchscu", "四川大学华西医院", "华西医院", "West China Hospital, Sichuan University", _H,
        _HC, "chengdu", Stage.POTENTIAL, Size.OVER_10000, Rev.OVER_10B, 2, "wchscu.example",
        "四川省成都市武侯区国学巷37号", "临床数据中心", ("医务部", "部长"), aliases=("华西",),
        tags=("高潜力",)),
    Org("szph", "深圳市人民医院", "深圳人民医院", "Shenzhen People's Hospital", _H, _HC,
        "shenzhen", Stage.DELIVERED, Size.FROM_2000, Rev.FROM_1B, 3, "szhospital.example",
        "广东省深圳市罗湖区东门北路1017号", "互联网医院平台", ("医务部", "部长"),
        aliases=("暨南大学第二临床医学院",)),
    Org("whch", "武汉市中心医院", "武汉中心医院", "The Central Hospital of Wuhan", _H, _HC,
        "wuhan", Stage.LOST, Size.FROM_2000, Rev.FROM_1B, 2, "whch.example",
        "湖北省武汉市江岸区胜利街26号", "HRP医院运营管理系统", ("医务处", "处长"),
        lost=("院方选择原HIS厂商扩展模块，以单一来源方式采购", 75)),
    Org("hz1h", "杭州市第一人民医院", "杭州市一医院", "Hangzhou First People's Hospital", _H,
        _HC, "hangzhou", Stage.DELIVERED, Size.FROM_2000, Rev.FROM_1B, 3, "hz1h.example",
        "浙江省杭州市上城区浣纱路261号", "互联互通四级甲等测评改造", ("医务部", "主任"),
        aliases=("杭州一院",)),
    # universities
    Org("zjut", "浙江工业大学", "浙工大", "Zhejiang University of Technology", _U, _EDU,
        "hangzhou", Stage.DELIVERED, Size.FROM_2000, Rev.FROM_1B, 3, "zjut.example",
        "浙江省杭州市拱墅区潮王路18号", "智慧校园一站式服务大厅", ("教务处", "处长"),
        aliases=("浙江工大",), note="暑假为主要实施窗口，开学前必须上线。"),
    Org("njust", "南京理工大学", "南理工", "Nanjing University of Science and Technology", _U,
        _EDU, "nanjing", Stage.BIDDING, Size.FROM_2000, Rev.FROM_1B, 3, "njust.example",
        "江苏省南京市玄武区孝陵卫200号", "校园数据治理平台", ("教务处", "处长"),
        aliases=("南京理工",)),
    Org("szu", "深圳大学", "深大", "Shenzhen University", _U, _EDU, "shenzhen", Stage.POTENTIAL,
        Size.FROM_2000, Rev.FROM_1B, 2, "szu.example", "广东省深圳市南山区南海大道3688号",
        "校园网络安全等保三级整改", ("教务部", "部长")),
    Org("nwpu", "西北工业大学", "西工大", "Northwestern Polytechnical University", _U, _EDU,
        "xian", Stage.EXECUTION, Size.FROM_2000, Rev.FROM_1B, 3, "nwpu.example",
        "陕西省西安市碑林区友谊西路127号", "科研管理系统", ("科学技术研究院", "院长"),
        note="涉及保密要求，驻场人员需签保密协议并接受政审。"),
    Org("hfut", "合肥工业大学", "合工大", "Hefei University of Technology", _U, _EDU, "hefei",
        Stage.POTENTIAL, Size.FROM_2000, Rev.FROM_1B, 1, "hfut.example",
        "安徽省合肥市包河区屯溪路193号", "智慧教室改造", ("教务处", "处长"), dormant=True),
    # private manufacturers (invented)
    Org("huarui", "宁波华锐精密机械股份有限公司", "华锐精机",
        "Ningbo Huarui Precision Machinery Co., Ltd.", _M, _MFG, "ningbo", Stage.DELIVERED,
        Size.FROM_500, Rev.FROM_1B, 4, "huarui-pm.example",
        "浙江省宁波市北仑区大港工业城黄山西路88号", "MES制造执行系统", ("生产部", "总监"),
        aliases=("华锐精密",), tags=("标杆案例", "续约"),
        note="董事长亲自抓数字化，MES上线后设备综合效率提升约12%，愿意接待同行参观。"),
    Org("shengda", "苏州晟达新材料科技有限公司", "晟达新材",
        "Suzhou Shengda New Materials Technology Co., Ltd.", _M, _MFG, "suzhou", Stage.BIDDING,
        Size.FROM_100, Rev.FROM_100M, 2, "shengda-nm.example",
        "江苏省苏州市相城区澄阳街道春兴路66号", "WMS仓储管理系统", ("生产部", "总监")),
    Org("hongtuo", "东莞市鸿拓电子科技有限公司", "鸿拓电子",
        "Dongguan Hongtuo Electronics Technology Co., Ltd.", _M, _MFG, "dongguan",
        Stage.EXECUTION, Size.FROM_2000, Rev.FROM_1B, 3, "hongtuo-e.example",
        "广东省东莞市松山湖高新区工业南路6号", "SMT车间数字孪生", ("生产部", "总监")),
    Org("meilian", "佛山市美联家电制造有限公司", "美联家电",
        "Foshan Meilian Home Appliance Manufacturing Co., Ltd.", _M, _MFG, "foshan",
        Stage.POTENTIAL, Size.FROM_2000, Rev.FROM_1B, 2, "meilian-ha.example",
        "广东省佛山市顺德区北滘镇工业大道28号", "设备物联网平台", ("生产部", "总监")),
    Org("oujiang", "温州瓯江电气有限公司", "瓯江电气", "Wenzhou Oujiang Electric Co., Ltd.", _M,
        _MFG, "wenzhou", Stage.LOST, Size.FROM_500, Rev.FROM_100M, 1, "oujiang-elec.example",
        "浙江省温州市乐清市柳市镇电器城大道9号", "ERP与MES集成", ("生产部", "经理"),
        lost=("老板更看重价格，选择了本地小厂商的低价方案", 200), dormant=True),
    Org("jinyang", "无锡金阳光伏科技有限公司", "金阳光伏",
        "Wuxi Jinyang Photovoltaic Technology Co., Ltd.", _M, _MFG, "wuxi", Stage.EXECUTION,
        Size.FROM_2000, Rev.OVER_10B, 4, "jinyang-pv.example",
        "江苏省无锡市新吴区锡士路20号", "智慧工厂数字孪生平台", ("生产部", "总监"),
        tags=("高潜力",), note="扩产期，三个新基地都有信息化需求，付款及时。"),
    Org("zhichi", "合肥智驰新能源汽车零部件有限公司", "智驰零部件",
        "Hefei Zhichi NEV Components Co., Ltd.", _M, _MFG, "hefei", Stage.BIDDING,
        Size.FROM_500, Rev.FROM_1B, 3, "zhichi-auto.example",
        "安徽省合肥市经济技术开发区始信路18号", "质量追溯系统", ("质量部", "经理"),
        note="主机厂要求零部件全流程追溯，项目有明确的时间压力。"),
    Org("hairun", "青岛海润食品有限公司", "海润食品", "Qingdao Hairun Foods Co., Ltd.", _M, _MFG,
        "qingdao", Stage.POTENTIAL, Size.FROM_500, Rev.FROM_100M, 1, "hairun-food.example",
        "山东省青岛市城阳区春阳路116号", "冷链仓储管理系统", ("生产部", "经理")),
    Org("tianheng", "常州天衡智能装备有限公司", "天衡智能",
        "Changzhou Tianheng Intelligent Equipment Co., Ltd.", _M, _MFG, "changzhou",
        Stage.DELIVERED, Size.FROM_100, Rev.FROM_100M, 2, "tianheng-ie.example",
        "江苏省常州市武进区常武中路18号", "设备远程运维平台", ("生产部", "经理")),
    Org("jinlun", "绍兴柯桥锦纶纺织印染有限公司", "锦纶印染",
        "Shaoxing Keqiao Jinlun Textile Printing & Dyeing Co., Ltd.", _M, _MFG, "shaoxing",
        Stage.DELIVERED, Size.FROM_100, Rev.FROM_100M, 1, "jinlun-tex.example",
        "浙江省绍兴市柯桥区滨海工业区兴滨路8号", "印染能耗监测系统", ("生产部", "经理"),
        dormant=True, tags=("价格敏感",)),
    Org("derui", "德锐精密部件（苏州）有限公司", "德锐精密",
        "Derui Precision Components (Suzhou) Co., Ltd.", _M, _MFG, "suzhou", Stage.EXECUTION,
        Size.FROM_500, Rev.FROM_1B, 3, "derui-precision.example",
        "江苏省苏州市工业园区星龙街428号", "MES与SAP集成", ("生产部", "总监"),
        aliases=("Derui Suzhou",), ownership=Ownership.FOREIGN,
        expat=(1, "托马斯·贝克尔", "Thomas Becker", Gender.MALE),
        note="德资企业，合同与文档需中英双语；重大采购需德国总部Global IT审批。"),
    Org("nisshin", "日新精工电子（深圳）有限公司", "日新精工",
        "Nisshin Seiko Electronics (Shenzhen) Co., Ltd.", _M, _MFG, "shenzhen",
        Stage.POTENTIAL, Size.FROM_500, Rev.FROM_1B, 2, "nisshin-seiko.example",
        "广东省深圳市宝安区福永街道凤凰路35号", "生产看板与质量追溯", ("生产部", "部长"),
        ownership=Ownership.FOREIGN, expat=(1, "山田健一", "Kenichi Yamada", Gender.MALE),
        note="日资企业，决策稳健，重视书面材料和现场演示。"),
    # retailers and other private companies (invented)
    Org("baijiahui", "浙江百家惠超市连锁有限公司", "百家惠超市",
        "Zhejiang Baijiahui Supermarket Chain Co., Ltd.", _R, _RET, "hangzhou",
        Stage.DELIVERED, Size.FROM_2000, Rev.FROM_1B, 4, "baijiahui.example",
        "浙江省杭州市拱墅区莫干山路1418号", "门店POS系统升级", ("营运中心", "总监"),
        aliases=("百家惠",), tags=("续约",),
        note="全省一百二十余家门店；POS系统的用户不止收银员，采购、物流和门店管理层都要参与验收。"),
    Org("xinbang", "南京鑫邦商贸连锁有限公司", "鑫邦商贸",
        "Nanjing Xinbang Trading Chain Co., Ltd.", _R, _RET, "nanjing", Stage.BIDDING,
        Size.FROM_500, Rev.FROM_100M, 2, "xinbang-retail.example",
        "江苏省南京市秦淮区中华路420号", "全渠道会员中台", ("营运中心", "总监")),
    Org("youxian", "深圳优鲜到家电子商务有限公司", "优鲜到家",
        "Shenzhen Youxian Daojia E-commerce Co., Ltd.", _R, _NET, "shenzhen", Stage.EXECUTION,
        Size.FROM_500, Rev.FROM_1B, 3, "youxian.example",
        "广东省深圳市南山区科技园科苑路15号", "智能补货系统", ("营运中心", "总监"),
        note="互联网公司节奏快，两周一个迭代，沟通以飞书和微信为主。"),
    Org("shuwei", "成都蜀味餐饮管理有限公司", "蜀味餐饮",
        "Chengdu Shuwei Catering Management Co., Ltd.", _R, _RET, "chengdu", Stage.POTENTIAL,
        Size.FROM_2000, Rev.FROM_100M, 1, "shuwei-catering.example",
        "四川省成都市青羊区西御街77号", "门店数字化运营平台", ("营运中心", "总监")),
    Org("chutian", "武汉楚天便利连锁有限公司", "楚天便利",
        "Wuhan Chutian Convenience Store Chain Co., Ltd.", _R, _RET, "wuhan", Stage.LOST,
        Size.FROM_500, Rev.FROM_100M, 1, "chutian-cvs.example",
        "湖北省武汉市武昌区中南路99号", "供应链协同平台", ("营运中心", "总监"),
        lost=("客户资金紧张，暂停全部信息化投入，项目取消", 330), dormant=True),
    Org("sutong", "浙江速通供应链管理有限公司", "速通供应链",
        "Zhejiang Sutong Supply Chain Management Co., Ltd.", _C, _TR, "hangzhou",
        Stage.BIDDING, Size.FROM_500, Rev.FROM_1B, 2, "sutong-scm.example",
        "浙江省杭州市萧山区空港经济区保税大道1号", "TMS运输管理系统", ("运营中心", "总监")),
)
# fmt: on
ACCOUNT_COUNT = len(ORGS)

# How each kind of organisation buys: the rhythm of its budget and tendering.
BUYING_RHYTHM = {
    Kind.BUREAU: "财政资金项目：上年四季度申报预算，当年一季度批复，二、三季度集中招标"
    "（政府采购网公开招标为主），年底前完成验收和付款。",
    Kind.GROUP: "集团管控：供应商须先入围集团框架库；项目立项后由招标代理公开招标，"
    "评标多为综合评分法，按合同节点付款。",
    Kind.BRANCH: "分子公司项目的预算由上级单位批复，金额较大的采购走上级集中招标。",
    Kind.BANK: "科技项目须经科技委评审，重视安全合规和信创；采购以邀请招标和竞争性谈判为主。",
    Kind.HOSPITAL: "院内信息化项目须经院长办公会和信息化领导小组审议，采购走政府采购或院内"
    "招标采购办；关注电子病历评级、互联互通测评和数据安全。",
    Kind.UNIVERSITY: "经费来自年度预算和专项资金，采购由招标与采购管理中心组织；寒暑假是实施"
    "窗口期。",
    Kind.MANUFACTURER: "民营企业决策链短，老板拍板；看重投入产出和交付速度，多为邀标或直接谈判，"
    "付款周期约60–90天。",
    Kind.RETAILER: "民营企业决策链短，看重上线速度和门店体验；旺季（春节、双十一）前后冻结变更。",
    Kind.COMPANY: "民营企业，老板和运营总监共同决策，倾向分期建设、按效果付款。",
}
FOREIGN_RHYTHM = "外资企业：重大采购须总部审批，合同与文档中英双语，付款周期约90天。"


# --- organisation charts ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Position:
    title: str
    department: str
    boss: int | None  # index of the position this one reports to (always an earlier one)
    importance: Importance


def _positions(*rows: tuple[str, str, int | None, Importance]) -> tuple[Position, ...]:
    return tuple(Position(*row) for row in rows)


K, IM, N = Imp.KEY, Imp.IMPORTANT, Imp.NORMAL

# Ordered by how likely we are to know the person, so the first n positions make a tree.
CHARTS: dict[Kind, tuple[Position, ...]] = {
    Kind.BUREAU: _positions(
        ("{head}", "{board}", None, K),
        ("{deputy}", "{board}", 0, K),
        ("信息中心主任", "信息中心", 1, K),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("办公室主任", "办公室", 0, IM),
        ("信息中心副主任", "信息中心", 2, IM),
        ("规划财务处处长", "规划财务处", 0, IM),
        ("网络安全科科长", "信息中心", 2, N),
        ("{biz}副{biz_head}", "{biz}", 3, N),
        ("系统运维工程师", "信息中心", 5, N),
        ("数据分析师", "信息中心", 5, N),
        ("科员", "办公室", 4, N),
        ("政府采购专员", "规划财务处", 6, N),
        ("{deputy}", "{board}", 0, IM),
    ),
    Kind.GROUP: _positions(
        ("董事长", "公司领导", None, K),
        ("总经理", "公司领导", 0, K),
        ("总信息师（CIO）", "公司领导", 1, K),
        ("数字化部主任", "数字化部", 2, K),
        ("数字化部副主任", "数字化部", 3, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("招标采购中心主任", "招标采购中心", 1, IM),
        ("财务部主任", "财务部", 1, IM),
        ("网络安全处处长", "数字化部", 3, N),
        ("项目经理", "数字化部", 4, N),
        ("高级工程师", "数字化部", 4, N),
        ("采购专责", "招标采购中心", 6, N),
        ("{biz}副{biz_head}", "{biz}", 5, N),
        ("办公室主任", "办公室", 1, N),
    ),
    Kind.BRANCH: _positions(
        ("总经理", "公司领导", None, K),
        ("副总经理", "公司领导", 0, K),
        ("数字化部主任", "数字化部", 1, K),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("物资部主任", "物资部", 0, IM),
        ("数字化部副主任", "数字化部", 2, IM),
        ("财务资产部主任", "财务资产部", 0, IM),
        ("项目经理", "数字化部", 5, N),
        ("{biz}专责", "{biz}", 3, N),
        ("信息运维班班长", "数字化部", 5, N),
        ("网络安全专责", "数字化部", 5, N),
        ("工程师", "数字化部", 9, N),
        ("物资采购专责", "物资部", 4, N),
    ),
    Kind.BANK: _positions(
        ("行长", "行领导", None, K),
        ("副行长", "行领导", 0, K),
        ("金融科技部总经理", "金融科技部", 1, K),
        ("金融科技部副总经理", "金融科技部", 2, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("集中采购办公室主任", "集中采购办公室", 1, IM),
        ("风险管理部总经理", "风险管理部", 0, IM),
        ("架构师", "金融科技部", 3, N),
        ("项目经理", "金融科技部", 3, N),
        ("信息安全经理", "金融科技部", 3, N),
        ("数据分析经理", "{biz}", 4, N),
        ("系统工程师", "金融科技部", 8, N),
        ("采购专员", "集中采购办公室", 5, N),
    ),
    Kind.HOSPITAL: _positions(
        ("院长", "院领导", None, K),
        ("副院长", "院领导", 0, K),
        ("信息中心主任", "信息中心", 1, K),
        ("信息中心副主任", "信息中心", 2, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("设备处处长", "设备处", 1, IM),
        ("财务处处长", "财务处", 0, IM),
        ("护理部主任", "护理部", 1, N),
        ("网络工程师", "信息中心", 3, N),
        ("软件工程师", "信息中心", 3, N),
        ("招标采购办主任", "招标采购办", 5, N),
        ("数据工程师", "信息中心", 3, N),
        ("门诊部主任", "门诊部", 4, N),
    ),
    Kind.UNIVERSITY: _positions(
        ("校长", "校领导", None, K),
        ("副校长", "校领导", 0, K),
        ("网络与信息中心主任", "网络与信息中心", 1, K),
        ("网络与信息中心副主任", "网络与信息中心", 2, IM),
        ("招标与采购管理中心主任", "招标与采购管理中心", 1, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("财务处处长", "财务处", 0, IM),
        ("资产与实验室管理处处长", "资产与实验室管理处", 1, N),
        ("系统管理员", "网络与信息中心", 3, N),
        ("网络安全工程师", "网络与信息中心", 3, N),
        ("计算机学院副院长", "计算机学院", 1, N),
        ("采购专员", "招标与采购管理中心", 4, N),
        ("软件开发工程师", "网络与信息中心", 3, N),
    ),
    Kind.MANUFACTURER: _positions(
        ("董事长", "董事会", None, K),
        ("总经理", "总经办", 0, K),
        ("信息总监（CIO）", "信息部", 1, K),
        ("IT经理", "信息部", 2, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("采购部经理", "采购部", 1, IM),
        ("财务总监", "财务部", 1, IM),
        ("MES项目经理", "信息部", 3, N),
        ("厂长", "{biz}", 4, IM),
        ("系统工程师", "信息部", 3, N),
        ("质量部经理", "质量部", 4, N),
        ("采购专员", "采购部", 5, N),
        ("工艺工程师", "{biz}", 8, N),
    ),
    Kind.RETAILER: _positions(
        ("董事长", "董事会", None, K),
        ("总裁", "总裁办", 0, K),
        ("首席信息官（CIO）", "信息技术中心", 1, K),
        ("信息技术中心总监", "信息技术中心", 2, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("供应链总监", "供应链中心", 1, IM),
        ("财务总监", "财务中心", 1, IM),
        ("采购经理", "供应链中心", 5, N),
        ("会员运营经理", "市场部", 4, N),
        ("数据分析经理", "信息技术中心", 3, N),
        ("系统工程师", "信息技术中心", 3, N),
        ("门店运营经理", "{biz}", 4, N),
        ("POS系统管理员", "信息技术中心", 3, N),
    ),
    Kind.COMPANY: _positions(
        ("董事长", "董事会", None, K),
        ("总经理", "总经办", 0, K),
        ("信息总监", "信息部", 1, K),
        ("IT经理", "信息部", 2, IM),
        ("{biz}{biz_head}", "{biz}", 1, IM),
        ("采购部经理", "采购部", 1, IM),
        ("财务总监", "财务部", 1, IM),
        ("调度中心经理", "{biz}", 4, N),
        ("项目经理", "信息部", 3, N),
        ("系统工程师", "信息部", 3, N),
        ("采购专员", "采购部", 5, N),
        ("仓储经理", "{biz}", 4, N),
    ),
}


def _leaders(name: str) -> tuple[str, str, str]:
    """(head, deputy, leadership department) of a government body, from its name."""
    if name.endswith("委员会"):
        return "主任", "副主任", "委领导"
    if name.endswith("中心"):
        return "主任", "副主任", "中心领导"
    if name.endswith("办公室"):
        return "主任", "副主任", "办领导"
    return "局长", "副局长", "局领导"


def _fill(text: str, org: Org) -> str:
    head, deputy, board = _leaders(org.name)
    return text.format(head=head, deputy=deputy, board=board, biz=org.biz[0], biz_head=org.biz[1])


# People who moved to another customer: (from account, position, to account, new title,
# new department, position they report to there, days ago).
MOVES: tuple[tuple[str, int, str, str, str, int, int], ...] = (
    ("hz_data", 5, "hz_metro", "数字化部副主任", "数字化部", 3, 150),
    ("huarui", 2, "tianheng", "副总经理（分管信息化）", "总经办", 1, 95),
    ("icbc_zj", 7, "hz_bank", "金融科技部副总经理", "金融科技部", 2, 60),
)
LEAVER_COUNT = 12


# --- names -----------------------------------------------------------------------------------

# fmt: off
SURNAMES: tuple[tuple[str, str], ...] = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
    ("高", "Gao"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
    ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
    ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"),
    ("潘", "Pan"), ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("余", "Yu"), ("杜", "Du"),
    ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"), ("魏", "Wei"), ("吕", "Lyu"), ("丁", "Ding"),
    ("任", "Ren"), ("沈", "Shen"), ("姚", "Yao"), ("卢", "Lu"), ("姜", "Jiang"), ("崔", "Cui"),
    ("钟", "Zhong"), ("谭", "Tan"), ("陆", "Lu"), ("汪", "Wang"), ("范", "Fan"), ("金", "Jin"),
    ("石", "Shi"), ("廖", "Liao"), ("贾", "Jia"), ("夏", "Xia"), ("韦", "Wei"), ("方", "Fang"),
    ("邹", "Zou"), ("熊", "Xiong"), ("孟", "Meng"), ("秦", "Qin"), ("白", "Bai"), ("江", "Jiang"),
    ("薛", "Xue"), ("尹", "Yin"), ("段", "Duan"), ("雷", "Lei"), ("史", "Shi"), ("龙", "Long"),
    ("陶", "Tao"), ("贺", "He"), ("顾", "Gu"), ("毛", "Mao"), ("郝", "Hao"), ("龚", "Gong"),
    ("邵", "Shao"), ("钱", "Qian"), ("严", "Yan"), ("戴", "Dai"), ("孔", "Kong"), ("汤", "Tang"),
    ("欧阳", "Ouyang"), ("司马", "Sima"),
)
# (given name, pinyin, young): young names are left to the junior positions.
MALE_NAMES: tuple[tuple[str, str, bool], ...] = (
    ("强", "Qiang", False), ("磊", "Lei", False), ("军", "Jun", False), ("勇", "Yong", False),
    ("杰", "Jie", False), ("涛", "Tao", False), ("斌", "Bin", False), ("超", "Chao", False),
    ("刚", "Gang", False), ("平", "Ping", False), ("辉", "Hui", False), ("鹏", "Peng", False),
    ("飞", "Fei", False), ("波", "Bo", False), ("峰", "Feng", False), ("浩", "Hao", True),
    ("宇", "Yu", True), ("凯", "Kai", True), ("健", "Jian", False), ("毅", "Yi", False),
    ("亮", "Liang", False), ("建华", "Jianhua", False), ("志强", "Zhiqiang", False),
    ("海涛", "Haitao", False), ("建军", "Jianjun", False), ("国强", "Guoqiang", False),
    ("文博", "Wenbo", True), ("晓东", "Xiaodong", False), ("俊杰", "Junjie", True),
    ("宏伟", "Hongwei", False), ("志刚", "Zhigang", False), ("永强", "Yongqiang", False),
    ("建平", "Jianping", False), ("立新", "Lixin", False), ("春雷", "Chunlei", False),
    ("振华", "Zhenhua", False), ("德明", "Deming", False), ("子轩", "Zixuan", True),
    ("浩然", "Haoran", True), ("宇航", "Yuhang", True), ("一鸣", "Yiming", True),
    ("天宇", "Tianyu", True), ("家豪", "Jiahao", True), ("明辉", "Minghui", False),
    ("新民", "Xinmin", False), ("卫东", "Weidong", False), ("国庆", "Guoqing", False),
    ("学军", "Xuejun", False), ("海峰", "Haifeng", False), ("志远", "Zhiyuan", False),
    ("思远", "Siyuan", True), ("博文", "Bowen", True), ("俊峰", "Junfeng", False),
    ("晨阳", "Chenyang", True), ("文涛", "Wentao", False), ("鑫", "Xin", True),
)
FEMALE_NAMES: tuple[tuple[str, str, bool], ...] = (
    ("娜", "Na", False), ("敏", "Min", False), ("静", "Jing", False), ("丽", "Li", False),
    ("艳", "Yan", False), ("娟", "Juan", False), ("霞", "Xia", False), ("燕", "Yan", False),
    ("玲", "Ling", False), ("婷", "Ting", True), ("雪", "Xue", True), ("慧", "Hui", False),
    ("颖", "Ying", False), ("倩", "Qian", True), ("洁", "Jie", False), ("琳", "Lin", True),
    ("璐", "Lu", True), ("欣", "Xin", True), ("蕾", "Lei", False), ("秀英", "Xiuying", False),
    ("丽华", "Lihua", False), ("晓燕", "Xiaoyan", False), ("海燕", "Haiyan", False),
    ("红梅", "Hongmei", False), ("雅琴", "Yaqin", False), ("淑华", "Shuhua", False),
    ("晓红", "Xiaohong", False), ("丽娟", "Lijuan", False), ("雨涵", "Yuhan", True),
    ("欣怡", "Xinyi", True), ("梓涵", "Zihan", True), ("思琪", "Siqi", True),
    ("佳怡", "Jiayi", True), ("诗涵", "Shihan", True), ("梦瑶", "Mengyao", True),
    ("雅婷", "Yating", True), ("晓雯", "Xiaowen", False), ("文静", "Wenjing", False),
    ("慧敏", "Huimin", False), ("玉兰", "Yulan", False), ("春燕", "Chunyan", False),
    ("美玲", "Meiling", False), ("嘉欣", "Jiaxin", True), ("静怡", "Jingyi", True),
    ("若曦", "Ruoxi", True), ("佳琪", "Jiaqi", True), ("晶晶", "Jingjing", False),
    ("莉莉", "Lili", False), ("萍", "Ping", False), ("蓉", "Rong", False), ("岚", "Lan", False),
    ("虹", "Hong", False), ("琴", "Qin", False), ("悦", "Yue", True),
)
# fmt: on
ENGLISH_MALE = ("Kevin", "Jason", "Eric", "Tony", "Jack", "Leo", "Frank", "David", "Peter", "Sam")
ENGLISH_FEMALE = ("Amy", "Lily", "Grace", "Vivian", "Cindy", "Helen", "Sophie", "Iris", "Tina")
OUR_NAMES = frozenset({"王建国", "陈思雨", "李明", "张伟", "刘芳", "赵磊"})

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "198", "199",
)  # fmt: skip
SURNAME_WEIGHTS = tuple(1.0 / (1 + i / 8) for i in range(len(SURNAMES)))

PREFERENCES = (
    "喜欢早上开会，下午一般在外面跑项目",
    "不喝酒，宴请安排茶叙即可",
    "重视数据安全，方案里要讲清等保三级和数据分级分类",
    "习惯用微信沟通，邮件很少看",
    "汇报材料要简洁，一页纸、结论先行",
    "对价格敏感，关注总拥有成本",
    "注重技术细节，喜欢看演示环境而不是PPT",
    "周一上午有例会，不要安排拜访",
    "喜欢打羽毛球，周末常在体育馆",
    "关注信创适配，要求提供国产化兼容性证明",
    "重视同行案例和口碑",
    "喜欢纸质版材料，会在上面做批注",
    "不吃辣",
    "周末不希望被打扰，紧急事项先发短信",
    "喜欢喝龙井，办公室常备茶叶",
    "做事严谨，会议纪要要当天发出",
    "讨厌临时改时间，拜访须提前三天预约",
    "重视培训，希望厂商多做现场培训",
    "孩子在读高三，近期晚上不便打扰",
    "喜欢马拉松，朋友圈常晒跑步记录",
    "看重厂商的本地化服务团队",
    "偏好视频会议，出差多",
    "说话直接，不喜欢绕弯子",
    "关心项目能否评上市级优秀案例",
    "英语流利，愿意看英文原版资料",
)


# --- what happens over time ------------------------------------------------------------------

PHASES = (Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED)
# (days of history, fractions of it at which the next stage begins)
TIMELINES: dict[LifecycleStage, tuple[int, tuple[float, ...]]] = {
    Stage.POTENTIAL: (240, ()),
    Stage.BIDDING: (420, (0.55,)),
    Stage.EXECUTION: (600, (0.25, 0.45)),
    Stage.DELIVERED: (730, (0.15, 0.30, 0.70)),
    Stage.LOST: (300, (0.50,)),
}
# Entering a stage is itself a follow-up worth recording.
MILESTONES: dict[LifecycleStage, tuple[ActivityType, str, str]] = {
    Stage.BIDDING: (
        ActivityType.EMAIL,
        "收到招标文件（需求建议书），启动投标准备",
        "已组建投标小组，明确分工和时间表",
    ),
    Stage.EXECUTION: (
        ActivityType.MEETING,
        "中标后合同签订及项目启动会",
        "双方确认项目目标、范围和联络人机制，客户指定了项目联系人",
    ),
    Stage.DELIVERED: (
        ActivityType.MEETING,
        "项目终验会，客户签署验收报告",
        "验收通过，进入一年免费维保期",
    ),
}
LOST_REVIEW = "获悉项目结果，内部开展失标复盘"

TYPE_MIX: dict[LifecycleStage, tuple[tuple[ActivityType, ...], tuple[int, ...]]] = {
    Stage.POTENTIAL: (
        (ActivityType.CALL, ActivityType.VISIT, ActivityType.WECHAT, ActivityType.EMAIL,
         ActivityType.MEETING, ActivityType.EVENT),
        (25, 25, 20, 14, 9, 7),
    ),
    Stage.BIDDING: (
        (ActivityType.CALL, ActivityType.EMAIL, ActivityType.WECHAT, ActivityType.VISIT,
         ActivityType.MEETING, ActivityType.EVENT),
        (24, 20, 20, 15, 16, 5),
    ),
    Stage.EXECUTION: (
        (ActivityType.MEETING, ActivityType.CALL, ActivityType.WECHAT, ActivityType.VISIT,
         ActivityType.EMAIL, ActivityType.EVENT),
        (28, 20, 20, 15, 12, 5),
    ),
    Stage.DELIVERED: (
        (ActivityType.CALL, ActivityType.VISIT, ActivityType.WECHAT, ActivityType.MEETING,
         ActivityType.EMAIL, ActivityType.EVENT),
        (25, 24, 20, 14, 11, 6),
    ),
}  # fmt: skip

_P, _BD, _EX, _DL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_CALL, _VISIT, _MEET = ActivityType.CALL, ActivityType.VISIT, ActivityType.MEETING
_MAIL, _WX, _EVENT = ActivityType.EMAIL, ActivityType.WECHAT, ActivityType.EVENT

# Each pool runs in the order things happen within the phase: an activity picks from the part
# of the pool that matches how far into the phase it is (requirements before go-live).
SUBJECTS: dict[tuple[LifecycleStage, ActivityType], tuple[str, ...]] = {
    (_P, _CALL): (
        "电话预约拜访{title}",
        "电话了解今年信息化预算安排",
        "电话沟通{solution}建设需求",
        "电话确认技术交流时间和参会人",
        "电话沟通项目可研进展",
    ),
    (_P, _VISIT): (
        "首次拜访{dept}，了解信息化现状",
        "拜访{title}，递交公司资质和同类案例",
        "拜访{title}，介绍{solution}方案",
        "拜访{dept}，调研业务痛点",
        "陪同王总拜访{title}，高层交流",
    ),
    (_P, _MEET): (
        "同行案例分享交流会",
        "需求调研座谈会",
        "{solution}技术交流会",
        "方案演示：{solution}",
    ),
    (_P, _MAIL): (
        "发送公司资质及同类案例材料",
        "邮件发送{solution}解决方案白皮书",
        "发送技术交流会纪要",
        "发送初步建设方案（征求意见稿）",
    ),
    (_P, _WX): (
        "微信跟进，分享同行业案例",
        "微信发送产品演示视频",
        "微信联系{name}，约技术交流时间",
        "微信了解项目立项进度",
    ),
    (_P, _EVENT): (
        "邀请参观公司杭州展厅",
        "参加{city}数字经济峰会，与{title}交流",
        "举办{industry}信息化沙龙",
        "邀请参加星图数智年度客户大会",
    ),
    (_BD, _CALL): (
        "电话沟通招标时间",
        "电话确认招标文件澄清问题",
        "电话沟通预算上限和付款方式",
        "电话确认讲标时间和顺序",
        "电话了解评标进度",
    ),
    (_BD, _VISIT): (
        "拜访采购部门，确认资质要求",
        "拜访{dept}，了解评分办法",
        "拜访{title}，汇报投标方案思路",
        "拜访{title}，沟通商务条款",
    ),
    (_BD, _MEET): (
        "需求建议书（RFP）答疑会",
        "技术方案澄清会",
        "投标方案内部评审会（客户技术顾问参加）",
        "方案讲标（述标）",
        "商务谈判",
    ),
    (_BD, _MAIL): (
        "提交资格预审材料",
        "邮件答复招标澄清问题",
        "发送项目实施计划（投标版）",
        "提交投标文件电子版",
        "发送报价单（第{round}轮）",
    ),
    (_BD, _WX): (
        "微信确认开标时间",
        "微信了解入围厂商情况",
        "微信跟进报价",
        "微信沟通投标保证金退还事宜",
    ),
    (_BD, _EVENT): ("参加供应商资格审查会", "参加开标会"),
    (_EX, _CALL): (
        "电话确认接口对接人",
        "电话确认测试环境准备情况",
        "电话沟通变更需求",
        "电话确认培训场地",
        "电话协调上线时间",
    ),
    (_EX, _VISIT): (
        "陪同客户做到货检验",
        "拜访{title}，汇报项目进展",
        "拜访{title}，沟通变更影响",
        "现场实施巡检",
        "现场处理系统问题",
    ),
    (_EX, _MEET): (
        "项目计划评审会，客户审批计划",
        "需求评审会，客户签字确认",
        "项目周例会：进度与风险",
        "变更评审会：新增{change}",
        "冲突协调会：需求理解偏差",
        "月度进度汇报会",
        "上线前评审会",
    ),
    (_EX, _MAIL): (
        "发送项目周报（第{n}周）",
        "发送月度进度、成本和质量报告",
        "发送变更申请单，待客户审批",
        "发送测试报告",
        "发送培训计划和教材",
    ),
    (_EX, _WX): (
        "微信沟通接口联调问题",
        "微信反馈数据迁移进度",
        "微信确认培训人员名单",
        "微信同步上线准备情况",
    ),
    (_EX, _EVENT): ("项目阶段成果汇报会", "用户培训（第{n}期）", "系统上线仪式"),
    (_DL, _CALL): (
        "电话跟进尾款支付",
        "电话了解系统使用情况",
        "季度回访电话",
        "电话沟通维保续约",
    ),
    (_DL, _VISIT): (
        "回访{title}，收集满意度反馈",
        "上门巡检并提交运维报告",
        "节前拜访{title}",
        "拜访{dept}，了解二期需求",
        "拜访{title}，介绍{solution}二期规划",
    ),
    (_DL, _MEET): (
        "经验教训总结会",
        "客户满意度访谈",
        "季度服务回顾会",
        "{solution}二期需求交流会",
    ),
    (_DL, _MAIL): (
        "发送满意度调查问卷",
        "发送客户评估项目组织表",
        "发送运维季报",
        "发送二期建设建议书",
    ),
    (_DL, _WX): (
        "微信了解系统使用反馈",
        "节日问候",
        "微信推送新版本功能介绍",
        "微信跟进二期预算",
    ),
    (_DL, _EVENT): (
        "邀请作为标杆案例在行业大会分享",
        "邀请参加客户答谢会",
        "邀请参加新产品发布会",
    ),
}
# What our technical lead (刘芳) does before the contract is signed.
TECH_SUBJECTS = (
    "现场勘查机房和网络环境",
    "技术交流：{solution}总体架构",
    "与{title}讨论数据对接方案",
    "POC测试环境搭建",
    "技术方案答疑",
    "确认技术参数偏离表",
)
# What our general manager (王建国) does on a visit.
BOSS_SUBJECTS = (
    "王总拜访{title}，高层会谈",
    "王总与{title}工作午餐，交流合作方向",
    "王总拜访{title}，汇报项目总体情况",
)
CHANGES = ("统计报表", "移动端审批", "数据导出接口", "统一身份认证", "大屏可视化页面", "短信提醒")
OUTCOMES: dict[LifecycleStage, tuple[str, ...]] = {
    _P: (
        "客户要求提供同级别单位的案例",
        "{title}兴趣一般，需找到业务部门的痛点",
        "对方已接触两家厂商，对我方印象较好",
        "客户认可方案方向，约下周技术交流",
        "需补充等保三级测评和信创适配证明",
        "客户正在做可研，建议我们参与方案编制",
        "对方表示今年预算已批复，计划下半年启动",
    ),
    _BD: (
        "评分办法：技术60分、商务20分、价格20分",
        "已确认招标时间在下月中旬",
        "需补充原厂授权函",
        "澄清问题已全部答复",
        "讲标顺利，评委对实施方案评价较高",
        "客户对价格有顾虑，希望再优惠5%",
        "入围前三，等待结果公示",
    ),
    _EX: (
        "客户签字确认需求规格说明书",
        "接口问题已解决",
        "变更已获客户审批，工期顺延5天",
        "客户对进度满意，希望加快报表开发",
        "测试通过，准备试运行",
        "上线时间推迟两周，客户同意",
        "培训完成，学员满意度4.6/5",
    ),
    _DL: (
        "尾款已到账",
        "满意度评分9/10",
        "客户希望提高问题响应速度",
        "系统运行稳定，无重大故障",
        "客户愿意作为标杆案例",
        "维保续约意向明确",
        "二期预计明年立项，预算约{amount}万元",
    ),
}
NOTES: dict[LifecycleStage, tuple[str, ...]] = {
    _P: (
        "{name}是技术出身，关注架构和开放接口。",
        "对方提到已接触过两家厂商，我们要突出本地化服务团队的优势。",
        "{title}对数据安全要求高，方案须体现等保三级和信创适配。",
        "客户今年的重点是{solution}，正在做可行性研究。",
        "预算来源为年度专项资金，预计一季度批复。",
    ),
    _BD: (
        "客户要求投标单位具备CMMI5和信息系统集成资质。",
        "招标代理已确定，采用综合评分法，技术分占60%。",
        "澄清问题共{n}条，须在截止前三天提交。",
        "决策链：{title}提需求，分管领导拍板，采购部门走流程。",
        "竞争对手主要是两家本地集成商，报价策略要谨慎。",
    ),
    _EX: (
        "{name}希望每周五收到书面周报。",
        "接口联调时对方系统文档不全，需要客户协调原厂商。",
        "客户提出新增{change}，已按变更流程评估影响：工期+5天、成本+3%。",
        "本周完成{n}个功能模块的开发，测试通过率95%。",
        "本月客户满意度打分8.5/10，主要意见是响应速度。",
    ),
    _DL: (
        "客户对项目总体满意，愿意作为案例推荐给同行。",
        "系统运行稳定，本季度工单{n}个，均在SLA内关闭。",
        "客户提出希望增加{change}，可作为二期内容。",
        "{name}关心明年的维保价格。",
        "二期预算已上报，预计下半年招标。",
    ),
}
NEXT_STEPS: dict[LifecycleStage, tuple[str, ...]] = {
    _P: (
        "提供同类项目案例和联系人",
        "约信息中心做技术交流",
        "邀请客户参观杭州展厅",
        "发送方案建议书",
        "安排王总高层拜访",
    ),
    _BD: (
        "确认评分办法和资质要求",
        "准备投标文件并内部评审",
        "准备讲标材料并彩排",
        "提交第二轮报价",
        "跟进开标结果",
    ),
    _EX: (
        "提交需求规格说明书请客户签字",
        "跟进变更单审批",
        "准备月度进度汇报",
        "安排第二期用户培训",
        "协调上线窗口",
    ),
    _DL: (
        "发送满意度调查问卷",
        "跟进尾款支付",
        "安排季度回访",
        "邀请参加客户答谢会",
        "跟进二期立项",
    ),
}
INDUSTRY_WORDS = {
    Industry.GOVERNMENT: "政务",
    Industry.ENERGY: "能源",
    Industry.TELECOM: "通信",
    Industry.FINANCE: "金融",
    Industry.MANUFACTURING: "制造业",
    Industry.RETAIL: "零售",
    Industry.HEALTHCARE: "医疗",
    Industry.EDUCATION: "教育",
    Industry.TRANSPORT: "交通",
    Industry.CONSTRUCTION: "建筑",
    Industry.INTERNET: "互联网",
    Industry.OTHER: "行业",
}


# --- the plan --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountPlan:
    org: Org
    owner: str  # a Staff field
    team: tuple[tuple[str, TeamRole], ...]
    credit_code: str | None
    tags: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class ContactPlan:
    account: str
    slot: int
    reports_to: int | None
    name: str
    english_name: str
    gender: Gender
    title: str
    department: str
    importance: Importance
    mobile: str
    office_phone: str | None
    email: str | None
    wechat: str | None
    birthday: date | None
    preferences: str | None

    @property
    def key(self) -> ContactKey:
        return (self.account, self.slot)


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    at: datetime
    account: str
    owner: str
    type: ActivityType
    subject: str
    contact: ContactKey | None
    participants: tuple[ContactKey, ...]
    users: tuple[str, ...]
    notes: str | None
    outcome: str | None
    next_step: str | None
    next_step_due: date | None
    cost: Decimal | None


@dataclass(frozen=True, slots=True)
class StagePlan:
    at: datetime
    account: str
    stage: LifecycleStage
    lost_reason: str | None = None
    lost_on: date | None = None


@dataclass(frozen=True, slots=True)
class DormantPlan:
    at: datetime
    account: str


@dataclass(frozen=True, slots=True)
class MovePlan:
    at: datetime
    contact: ContactKey
    to_account: str
    title: str
    department: str
    reports_to: int
    email: str | None  # the work address at the new employer
    reports: tuple[ContactKey, ...]  # who reported to the person and now reports to their boss
    their_new_boss: ContactKey | None


@dataclass(frozen=True, slots=True)
class LeavePlan:
    at: datetime
    contact: ContactKey
    left_on: date


Event = ActivityPlan | StagePlan | DormantPlan | MovePlan | LeavePlan


@dataclass(frozen=True, slots=True)
class DemoPlan:
    accounts: tuple[AccountPlan, ...]
    contacts: tuple[ContactPlan, ...]
    events: tuple[Event, ...]  # in the order they happened

    @property
    def activities(self) -> list[ActivityPlan]:
        return [e for e in self.events if isinstance(e, ActivityPlan)]


@dataclass(frozen=True, slots=True)
class Presence:
    """A person at an account for a while: who can take part in its follow-ups then."""

    key: ContactKey
    name: str
    title: str
    department: str
    importance: Importance
    since: datetime | None
    until: datetime | None

    def there(self, at: datetime) -> bool:
        return (self.since is None or at >= self.since) and (self.until is None or at < self.until)


def _apportion(
    total: int, weights: Sequence[float], low: Sequence[int], high: Sequence[int]
) -> list[int]:
    """Split `total` in proportion to `weights`, each share within [low, high]."""
    scale = total / sum(weights)
    ideal = [w * scale for w in weights]
    counts = [min(max(round(x), lo), hi) for x, lo, hi in zip(ideal, low, high, strict=True)]
    while sum(counts) != total:
        step = 1 if sum(counts) < total else -1
        candidates = [
            i
            for i, c in enumerate(counts)
            if (step > 0 and c < high[i]) or (step < 0 and c > low[i])
        ]
        pick = max(candidates, key=lambda i: (ideal[i] - counts[i]) * step)
        counts[pick] += step
    return counts


def _org_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _credit_code(rng: random.Random, org: Org, used: set[str]) -> str | None:
    """A unified social credit code: authority and type (11 government body, 12 public
    institution, 91 company), division code, organisation code, check character."""
    if org.kind == Kind.BUREAU and rng.random() < 0.3:
        return None
    head = {Kind.BUREAU: "11", Kind.HOSPITAL: "12", Kind.UNIVERSITY: "12"}.get(org.kind, "91")
    letters = CREDIT_CODE_CHARS
    while True:
        if head == "91" and (org.ownership or OWNERSHIP[org.kind]) != Ownership.STATE_OWNED:
            body = (
                "MA" + "".join(rng.choices(letters[:10], k=2)) + "".join(rng.choices(letters, k=4))
            )
        else:
            body = "".join(rng.choices("0123456789", k=8))
        first17 = head + CITIES[org.city].division + body + _org_code_check(body)
        code = first17 + credit_code_check_char(first17)
        if code not in used:
            used.add(code)
            return code


def _valid_phone(number: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))


def _mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices("0123456789", k=8))
        if number not in used and _valid_phone(number):
            used.add(number)
            return number


def _office_phone(rng: random.Random, area_code: str, exchange: str) -> str:
    while True:
        number = f"{area_code}-{exchange}{rng.randrange(10000):04d}"
        if _valid_phone(number):
            return number


def _pick_name(
    rng: random.Random, gender: Gender, senior: bool, used: set[str]
) -> tuple[str, str, str]:
    """(name, given-name pinyin, surname pinyin), unique across the demo."""
    pool = MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES
    if senior:
        pool = tuple(n for n in pool if not n[2])
    while True:
        surname, surname_py = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        given, given_py, _young = rng.choice(pool)
        name = surname + given
        if name not in used and name not in OUR_NAMES:
            used.add(name)
            return name, given_py, surname_py


def _plan_accounts(rng: random.Random) -> list[AccountPlan]:
    used_codes: set[str] = set()
    parents = {o.parent for o in ORGS if o.parent}
    plans = []
    for org in ORGS:
        ownership = org.ownership or OWNERSHIP[org.kind]
        owner = "manager" if org.weight >= 4 or org.kind == Kind.GROUP else "sales"
        if rng.random() < 0.15:
            owner = "sales" if owner == "manager" else "manager"
        team: list[tuple[str, TeamRole]] = [(owner, TeamRole.SALES)]
        if owner == "sales" and org.weight >= 4:
            team.append(("manager", TeamRole.SALES))
        if org.weight >= 4:  # 王总 sponsors the largest relationships himself
            team.append(("boss", TeamRole.SALES))
        late = org.stage == Stage.DELIVERED
        team.append(("delivery", TeamRole.AFTER_SALES if late else TeamRole.TECHNICAL))
        if org.weight >= 3 or rng.random() < 0.3:
            team.append(("marketing", TeamRole.MARKETING))
        if late and org.weight >= 3:
            team.append(("viewer", TeamRole.AFTER_SALES))
        tags = list(org.tags)
        if org.weight >= 5:
            tags.insert(0, "战略客户")
        if org.industry in (Industry.GOVERNMENT, Industry.ENERGY, Industry.FINANCE, _HC):
            tags.append("重点行业")
        if org.stage == Stage.DELIVERED:
            tags.append("老客户")
        if org.stage == Stage.EXECUTION:
            tags.append("新签")
        if ownership == Ownership.GOVERNMENT:
            tags.append("政府采购")
        if org.parent or org.key in parents:
            tags.append("集团客户")
        rhythm = FOREIGN_RHYTHM if ownership == Ownership.FOREIGN else BUYING_RHYTHM[org.kind]
        notes = "\n".join(x for x in (rhythm, org.note) if x)
        plans.append(
            AccountPlan(
                org=org,
                owner=owner,
                team=tuple(team),
                credit_code=_credit_code(rng, org, used_codes),
                tags=tuple(dict.fromkeys(tags)),
                notes=notes,
            )
        )
    return plans


def _plan_contacts(rng: random.Random, today: date) -> list[ContactPlan]:
    low = [3] * len(ORGS)
    index = {org.key: i for i, org in enumerate(ORGS)}
    for source, slot, target, _t, _d, boss, _days in MOVES:
        low[index[source]] = max(low[index[source]], slot + 1)
        low[index[target]] = max(low[index[target]], boss + 1)
    weights = [
        2.0 * org.weight + 1 + (1 if org.size in (Size.FROM_2000, Size.OVER_10000) else 0)
        for org in ORGS
    ]
    high = [len(CHARTS[org.kind]) for org in ORGS]
    counts = _apportion(CONTACT_COUNT, weights, low, high)
    used_names: set[str] = set()
    used_mobiles: set[str] = set()
    used_emails: set[str] = set()
    plans: list[ContactPlan] = []
    for org, count in zip(ORGS, counts, strict=True):
        city = CITIES[org.city]
        exchange = f"{rng.choice('5678')}{rng.randrange(100, 1000)}"
        private = OWNERSHIP[org.kind] == Ownership.PRIVATE
        for slot, position in enumerate(CHARTS[org.kind][:count]):
            senior = position.importance != Imp.NORMAL
            title = _fill(position.title, org)
            female_share = 0.85 if title.startswith("护理") else 0.2 if slot < 2 else 0.45
            gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
            if org.expat and org.expat[0] == slot:
                _slot, name, english, gender = org.expat
                given_py, surname_py = english.split()[0], english.split()[-1]
            else:
                name, given_py, surname_py = _pick_name(rng, gender, senior, used_names)
                english = f"{given_py} {surname_py}"
                if private and rng.random() < 0.25:
                    pool = ENGLISH_MALE if gender == Gender.MALE else ENGLISH_FEMALE
                    english = f"{rng.choice(pool)} {surname_py}"
            mobile = _mobile(rng, used_mobiles)
            plans.append(
                ContactPlan(
                    account=org.key,
                    slot=slot,
                    reports_to=position.boss,
                    name=name,
                    english_name=english,
                    gender=gender,
                    title=title,
                    department=_fill(position.department, org),
                    importance=position.importance,
                    mobile=mobile,
                    office_phone=(
                        _office_phone(rng, city.area_code, exchange) if rng.random() < 0.8 else None
                    ),
                    email=(
                        f"{given_py}.{surname_py}@{org.domain}".lower()
                        if org.expat and org.expat[0] == slot
                        else _email(rng, org, english, given_py, surname_py, used_emails)
                    ),
                    wechat=_wechat(rng, given_py, surname_py, mobile),
                    birthday=_birthday(rng, today, slot, position.importance),
                    preferences=(
                        "；".join(rng.sample(PREFERENCES, rng.choice((1, 1, 2))))
                        if rng.random() < 0.5
                        else None
                    ),
                )
            )
    return plans


def _email(
    rng: random.Random,
    org: Org,
    english: str,
    given_py: str,
    surname_py: str,
    used: set[str],
) -> str | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.14:
        local, domain = str(rng.randrange(10_000_000, 3_000_000_000)), "qq.example"
    elif roll < 0.2:
        local, domain = f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower(), "163.example"
    elif OWNERSHIP[org.kind] in (Ownership.PRIVATE, Ownership.FOREIGN) or org.kind == Kind.BANK:
        local, domain = f"{english.split(maxsplit=1)[0]}.{surname_py}".lower(), org.domain
    else:
        local, domain = f"{surname_py}{given_py}".lower(), org.domain
    local = "".join(ch for ch in local if ch.isalnum() or ch == ".")
    candidate, n = f"{local}@{domain}", 1
    while candidate in used:
        n += 1
        candidate = f"{local}{n}@{domain}"
    used.add(candidate)
    return candidate


def _wechat(rng: random.Random, given_py: str, surname_py: str, mobile: str) -> str | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.45:
        return mobile  # many people let others find them by their mobile number
    if roll < 0.65:
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "wxid_" + "".join(rng.choices(chars, k=12))
    if roll < 0.85:
        return f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower()
    return f"{surname_py.lower()}_{given_py[:1].lower()}{rng.randrange(1, 1000)}"


def _birthday(rng: random.Random, today: date, slot: int, importance: Importance) -> date | None:
    if rng.random() >= 0.4:
        return None
    low, high = (50, 60) if slot == 0 else (40, 56) if importance != Imp.NORMAL else (24, 45)
    year = today.year - rng.randint(low, high)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(rng: random.Random, day: date, kind: ActivityType) -> datetime:
    if kind in (ActivityType.VISIT, ActivityType.MEETING, ActivityType.EVENT):
        hour, minute = rng.choice((9, 9, 10, 10, 11, 14, 14, 15, 15, 16)), rng.choice((0, 30))
    elif kind == ActivityType.WECHAT:
        hour, minute = rng.randint(8, 21), rng.randrange(60)
    else:
        hour, minute = rng.randint(9, 17), rng.randrange(60)
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _money(rng: random.Random, low: int, high: int, step: int) -> Decimal:
    return Decimal(rng.randrange(low, high, step)).quantize(Decimal("0.01"))


def _window(org: Org, today: date, rng: random.Random) -> tuple[date, date]:
    """First and last day of the account's follow-ups."""
    span = TIMELINES[org.stage][0]
    if org.lost:
        end = today - timedelta(days=org.lost[1])
    elif org.dormant:
        end = today - timedelta(days=200)
    else:
        end = today - timedelta(days=1)
    start = end - timedelta(days=int(span * rng.uniform(0.85, 1.0)))
    return max(start, today - timedelta(days=HISTORY_DAYS)), end


def _plan_people_changes(
    rng: random.Random,
    today: date,
    contacts: list[ContactPlan],
    windows: dict[str, tuple[date, date]],
) -> tuple[list[MovePlan], list[LeavePlan]]:
    by_key = {c.key: c for c in contacts}
    domains = {org.key: org.domain for org in ORGS}
    moves = []
    for source, slot, target, title, department, boss, days in MOVES:
        person = by_key[(source, slot)]
        reports = tuple(c.key for c in contacts if c.account == source and c.reports_to == slot)
        boss_key = (source, person.reports_to or 0)
        email = person.email
        if email and email.endswith("@" + domains[source]):
            email = email.replace("@" + domains[source], "@" + domains[target])
        moves.append(
            MovePlan(
                at=datetime.combine(_weekday(today - timedelta(days=days)), time(10), tzinfo=TZ),
                contact=(source, slot),
                to_account=target,
                title=title,
                department=department,
                reports_to=boss,
                email=email,
                reports=reports,
                their_new_boss=boss_key if reports else None,
            )
        )
    moved = {m.contact for m in moves} | {(m.to_account, m.reports_to) for m in moves}
    bosses = {(c.account, c.reports_to) for c in contacts if c.reports_to is not None}
    lost_or_dormant = {o.key for o in ORGS if o.lost or o.dormant}
    eligible = [
        c
        for c in contacts
        if c.slot > 0
        and c.key not in moved
        and c.key not in bosses
        and c.account not in lost_or_dormant
        and (windows[c.account][1] - windows[c.account][0]).days > 120
    ]
    leaves = []
    for contact in sorted(rng.sample(eligible, LEAVER_COUNT), key=lambda c: (c.account, c.slot)):
        start, end = windows[contact.account]
        left_on = start + timedelta(days=rng.randint(60, (end - start).days - 10))
        at = datetime.combine(left_on, time(18), tzinfo=TZ)
        leaves.append(LeavePlan(at=at, contact=contact.key, left_on=left_on))
    return moves, leaves


def _presences(
    contacts: list[ContactPlan], moves: list[MovePlan], leaves: list[LeavePlan]
) -> dict[str, list[Presence]]:
    moved = {m.contact: m for m in moves}
    left = {lv.contact: lv.at for lv in leaves}
    found: dict[str, list[Presence]] = {}
    for c in contacts:
        move = moved.get(c.key)
        until = move.at if move else left.get(c.key)
        found.setdefault(c.account, []).append(
            Presence(c.key, c.name, c.title, c.department, c.importance, None, until)
        )
        if move:
            found.setdefault(move.to_account, []).append(
                Presence(c.key, c.name, move.title, move.department, c.importance, move.at, None)
            )
    return found


@dataclass(frozen=True, slots=True)
class Moment:
    """Where a day falls in an account's history: the stage then and how far into it."""

    phase: LifecycleStage
    progress: float  # 0 at the start of the stage, 1 at its end (or today)


def _moment(org: Org, start: date, end: date, day: date) -> Moment:
    fraction = (day - start).days / max((end - start).days, 1)
    bounds = (0.0, *TIMELINES[org.stage][1], 1.0)
    index = sum(1 for b in bounds[1:-1] if fraction >= b)
    low, high = bounds[index], bounds[index + 1]
    return Moment(PHASES[index], min(max((fraction - low) / (high - low), 0.0), 1.0))


def _along(rng: random.Random, pool: Sequence[str], progress: float) -> str:
    """An item of a chronologically ordered pool, near the point `progress` of the phase."""
    index = int(progress * len(pool) + rng.uniform(-1.0, 1.0))
    return pool[min(max(index, 0), len(pool) - 1)]


def _owner_for(
    rng: random.Random, plan: AccountPlan, phase: LifecycleStage, kind: ActivityType
) -> str:
    """Who did it: the account owner mostly; 王总 on some visits to strategic customers, the
    technical lead in technical talks and during the project, marketing at events."""
    members = {key for key, _role in plan.team if key in WRITERS}
    roll = rng.random()
    wanted = plan.owner
    if kind == ActivityType.VISIT and roll < 0.25 and "boss" in members:
        wanted = "boss"
    elif kind == ActivityType.EVENT and phase in (_P, _DL) and roll < 0.6:
        wanted = "marketing"
    elif (
        (phase == Stage.EXECUTION and roll < 0.45)
        or (phase == Stage.DELIVERED and roll < 0.35)
        or (kind == _MEET and roll < 0.3)
    ):
        wanted = "delivery"
    elif plan.owner != "manager" and roll < 0.2:
        wanted = "manager"
    return wanted if wanted in members else plan.owner


def _text(template: str, org: Org, rng: random.Random, person: Presence | None) -> str:
    return template.format(
        solution=org.solution,
        title=person.title if person else "客户领导",
        name=person.name if person else "对方",
        dept=person.department if person else "信息中心",
        city=CITIES[org.city].name,
        industry=INDUSTRY_WORDS[org.industry],
        change=rng.choice(CHANGES),
        n=rng.randint(2, 12),
        round=rng.choice((2, 2, 3)),
        amount=rng.choice((80, 120, 150, 200, 260, 300, 450)),
    )


def _pick_people(
    rng: random.Random, present: list[Presence], kind: ActivityType, owner: str
) -> tuple[Presence | None, list[Presence]]:
    """The main contact (leaders at events and when 王总 goes) and others of the account who
    joined."""
    if not present:
        return None, []
    weight = {Imp.KEY: 3.0, Imp.IMPORTANT: 3.0, Imp.NORMAL: 2.0}
    if kind == ActivityType.EVENT:
        weight[Imp.KEY] = 5.0
    if owner == "boss":
        weight = {Imp.KEY: 10.0, Imp.IMPORTANT: 2.0, Imp.NORMAL: 0.1}
    contact = rng.choices(present, [weight[p.importance] for p in present])[0]
    others = [p for p in present if p.key != contact.key]
    extra = {
        ActivityType.MEETING: rng.randint(1, 3),
        ActivityType.EVENT: rng.randint(0, 2),
        ActivityType.VISIT: rng.randint(0, 1),
    }.get(kind, 0)
    return contact, rng.sample(others, min(extra, len(others)))


def _plan_activity(
    rng: random.Random,
    plan: AccountPlan,
    at: datetime,
    moment: Moment,
    kind: ActivityType,
    present: list[Presence],
    milestone: tuple[str, str] | None = None,
) -> ActivityPlan:
    org, phase = plan.org, moment.phase
    owner = plan.owner if milestone else _owner_for(rng, plan, phase, kind)
    contact, others = _pick_people(rng, present, kind, owner)
    outcome: str | None
    if milestone:
        subject, outcome = milestone
    else:
        pool = SUBJECTS[(phase, kind)]
        if owner == "delivery" and phase in (_P, _BD):
            pool = TECH_SUBJECTS
        elif owner == "boss":
            pool = BOSS_SUBJECTS
        subject = _text(_along(rng, pool, moment.progress), org, rng, contact)
        outcome = None
        if kind != ActivityType.EMAIL and rng.random() < 0.75:
            outcome = _text(_along(rng, OUTCOMES[phase], moment.progress), org, rng, contact)
    notes = None
    if rng.random() < 0.45:
        notes = _text(_along(rng, NOTES[phase], moment.progress), org, rng, contact)
    members = [key for key, _role in plan.team if key != owner]
    users: list[str] = []
    if kind in (_MEET, _EVENT, _VISIT) and members:
        users = rng.sample(members, min(len(members), rng.randint(0, 2)))
    if milestone and "delivery" in members and "delivery" not in users:
        users.append("delivery")
    cost = None
    if kind == ActivityType.VISIT:
        cost = _money(rng, 200, 3000, 10)  # travel, meals
    elif kind == ActivityType.EVENT:
        cost = _money(rng, 5000, 80000, 500)  # venue, catering, materials
    elif kind == ActivityType.MEETING and rng.random() < 0.3:
        cost = _money(rng, 300, 2000, 50)
    next_step = None
    if rng.random() < 0.25:
        next_step = _along(rng, NEXT_STEPS[phase], moment.progress)
    return ActivityPlan(
        at=at,
        account=org.key,
        owner=owner,
        type=kind,
        subject=subject[:200],
        contact=contact.key if contact else None,
        participants=tuple(p.key for p in others),
        users=tuple(users),
        notes=notes,
        outcome=outcome,
        next_step=next_step,
        next_step_due=None,
        cost=cost,
    )


def _plan_account_history(
    rng: random.Random,
    plan: AccountPlan,
    count: int,
    window: tuple[date, date],
    present: list[Presence],
    today: date,
) -> list[Event]:
    """`count` follow-ups over the account's window: one for each stage it entered (and the
    loss review), the rest spread over the stages with the kinds of contact each stage has."""
    org = plan.org
    start, end = window
    span = max((end - start).days, 1)
    events: list[Event] = []
    for stage, fraction in zip(PHASES[1:], TIMELINES[org.stage][1], strict=False):
        at = datetime.combine(_weekday(start + timedelta(days=int(span * fraction))), time(10))
        at = at.replace(tzinfo=TZ)
        kind, subject, outcome = MILESTONES[stage]
        here = [p for p in present if p.there(at)]
        moment = Moment(stage, 0.0)
        events.append(_plan_activity(rng, plan, at, moment, kind, here, (subject, outcome)))
        events.append(StagePlan(at + timedelta(hours=2), org.key, stage))
    if org.lost:
        reason, _days = org.lost
        at = datetime.combine(_weekday(end), time(16), tzinfo=TZ)
        here = [p for p in present if p.there(at)]
        moment = Moment(Stage.BIDDING, 1.0)
        events.append(_plan_activity(rng, plan, at, moment, _MEET, here, (LOST_REVIEW, reason)))
        events.append(StagePlan(at + timedelta(hours=1), org.key, Stage.LOST, reason, end))
    if org.dormant:
        at = datetime.combine(end + timedelta(days=60), time(9), tzinfo=TZ)
        events.append(DormantPlan(at, org.key))
    milestones = sum(isinstance(e, ActivityPlan) for e in events)
    for _ in range(count - milestones):
        day = start + timedelta(days=rng.randint(0, span))
        kinds, weights = TYPE_MIX[_moment(org, start, end, day).phase]
        kind = rng.choices(kinds, weights)[0]
        if kind != ActivityType.WECHAT:
            day = _weekday(day)
        at = _at(rng, day, kind)
        here = [p for p in present if p.there(at)]
        moment = _moment(org, start, end, day)
        activity = _plan_activity(rng, plan, at, moment, kind, here)
        if (today - day).days <= 30 and activity.next_step is None and rng.random() < 0.35:
            activity = _with_next_step(rng, activity, moment, today)
        events.append(activity)
    if not org.lost and not org.dormant:  # every live account has something coming up
        activities = [e for e in events if isinstance(e, ActivityPlan)]
        latest = max(activities, key=lambda a: a.at)
        moment = _moment(org, start, end, latest.at.date())
        events[events.index(latest)] = _with_next_step(rng, latest, moment, today)
    return events


def _with_next_step(
    rng: random.Random, activity: ActivityPlan, moment: Moment, today: date
) -> ActivityPlan:
    """A next step due in the coming weeks (a few slightly overdue): these become reminders."""
    due = today + timedelta(days=rng.randint(1, 21))
    if rng.random() < 0.1:
        due = today - timedelta(days=rng.randint(1, 3))
    step = _along(rng, NEXT_STEPS[moment.phase], moment.progress)
    return replace(activity, next_step=step, next_step_due=due)


def build_plan(today: date, seed: int = SEED) -> DemoPlan:
    """Everything the demo holds, as plain values: the same seed and day give the same plan."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    accounts = _plan_accounts(rng)
    contacts = _plan_contacts(rng, today)
    windows = {org.key: _window(org, today, rng) for org in ORGS}
    moves, leaves = _plan_people_changes(rng, today, contacts, windows)
    presences = _presences(contacts, moves, leaves)
    weights = [
        org.weight**1.6
        * {_P: 0.5, _BD: 1.0, _EX: 1.4, _DL: 1.2, Stage.LOST: 0.7}[org.stage]
        * (0.4 if org.dormant else 1.0)
        for org in ORGS
    ]
    counts = _apportion(ACTIVITY_COUNT, weights, [5] * len(ORGS), [250] * len(ORGS))
    events: list[Event] = [*moves, *leaves]
    for plan, count in zip(accounts, counts, strict=True):
        events += _plan_account_history(
            rng, plan, count, windows[plan.org.key], presences.get(plan.org.key, []), today
        )
    events.sort(key=lambda e: e.at)
    return DemoPlan(tuple(accounts), tuple(contacts), tuple(events))


# --- writing through the services ------------------------------------------------------------


def _acting(db: Session, principal: Principal) -> Principal:
    """Attribute the next changes to this demo user, as their own session would."""
    set_actor(db, principal.user_id, principal.name)
    return principal


def write_plan(db: Session, staff: Staff, plan: DemoPlan) -> None:
    accounts: dict[str, int] = {}
    owners: dict[str, Principal] = {}
    for item in plan.accounts:
        org = item.org
        owner = _acting(db, staff.get(item.owner))
        city = CITIES[org.city]
        website = (
            f"https://{org.domain}" if org.domain.count(".") > 1 else f"https://www.{org.domain}"
        )
        account = account_service.create_account(
            db,
            owner,
            AccountCreate(
                name=org.name,
                short_name=org.short,
                english_name=org.english,
                aliases=list(org.aliases),
                credit_code=item.credit_code,
                industry=org.industry,
                province=city.province,
                city=city.name,
                ownership=org.ownership or OWNERSHIP[org.kind],
                size_band=org.size,
                revenue_band=org.revenue,
                parent_id=accounts[org.parent] if org.parent else None,
                owner_id=owner.user_id,
                lifecycle_stage=Stage.POTENTIAL,
                status=AccountStatus.ACTIVE,
                tags=list(item.tags),
                website=website,
                address=org.address,
                notes=item.notes,
                team=[
                    TeamMemberWrite(user_id=staff.get(key).user_id, role=role)
                    for key, role in item.team
                ],
            ),
        )
        accounts[org.key] = account.id
        owners[org.key] = owner
    contacts: dict[ContactKey, int] = {}
    for person in plan.contacts:
        owner = _acting(db, owners[person.account])
        contact = contact_service.create_contact(
            db,
            owner,
            ContactCreate(
                name=person.name,
                english_name=person.english_name,
                gender=person.gender,
                title=person.title,
                department=person.department,
                account_id=accounts[person.account],
                reports_to_id=(
                    contacts[(person.account, person.reports_to)]
                    if person.reports_to is not None
                    else None
                ),
                mobile=person.mobile,
                office_phone=person.office_phone,
                email=person.email,
                wechat=person.wechat,
                birthday=person.birthday,
                preferences=person.preferences,
                importance=person.importance,
            ),
        )
        contacts[person.key] = contact.id
    for event in plan.events:
        _write_event(db, staff, event, accounts, owners, contacts)


def _write_event(
    db: Session,
    staff: Staff,
    event: Event,
    accounts: dict[str, int],
    owners: dict[str, Principal],
    contacts: dict[ContactKey, int],
) -> None:
    if isinstance(event, ActivityPlan):
        principal = _acting(db, staff.get(event.owner))
        activity_service.create_activity(
            db,
            principal,
            ActivityCreate(
                type=event.type,
                occurred_at=event.at,
                account_id=accounts[event.account],
                owner_id=principal.user_id,
                contact_id=contacts[event.contact] if event.contact else None,
                subject=event.subject,
                notes=event.notes,
                outcome=event.outcome,
                next_step=event.next_step,
                next_step_due=event.next_step_due,
                cost=event.cost,
                participant_contact_ids=[contacts[k] for k in event.participants],
                participant_user_ids=[staff.get(k).user_id for k in event.users],
            ),
        )
    elif isinstance(event, StagePlan):
        account_service.update_account(
            db,
            _acting(db, owners[event.account]),
            accounts[event.account],
            AccountUpdate(
                lifecycle_stage=event.stage, lost_reason=event.lost_reason, lost_on=event.lost_on
            )
            if event.stage == Stage.LOST
            else AccountUpdate(lifecycle_stage=event.stage),
            None,
        )
    elif isinstance(event, DormantPlan):
        account_service.update_account(
            db,
            _acting(db, owners[event.account]),
            accounts[event.account],
            AccountUpdate(status=AccountStatus.DORMANT),
            None,
        )
    elif isinstance(event, LeavePlan):
        contact_service.update_contact(
            db,
            _acting(db, owners[event.contact[0]]),
            contacts[event.contact],
            ContactUpdate(status=ContactStatus.LEFT, left_on=event.left_on),
            None,
        )
    else:
        principal = _acting(db, owners[event.to_account])
        contact_service.update_contact(
            db,
            principal,
            contacts[event.contact],
            ContactUpdate(
                account_id=accounts[event.to_account],
                title=event.title,
                department=event.department,
                email=event.email,
                reports_to_id=contacts[(event.to_account, event.reports_to)],
            ),
            None,
        )
        if event.their_new_boss is not None:  # the service left them without a boss
            principal = _acting(db, owners[event.contact[0]])
            for report in event.reports:
                contact_service.update_contact(
                    db,
                    principal,
                    contacts[report],
                    ContactUpdate(reports_to_id=contacts[event.their_new_boss]),
                    None,
                )


def seed_accounts(db: Session, staff: Staff, today: date | None = None) -> DemoPlan:
    """Plan the demo customers and write them through the services. Returns the plan."""
    plan = build_plan(today or datetime.now(TZ).date())
    write_plan(db, staff, plan)
    return plan
