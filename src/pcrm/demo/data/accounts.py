"""The demo's customers: sixty organisations of a Chinese system integrator, how each kind of
organisation buys, the organisation chart of each kind, and who moved to another customer.

Government bodies, state-owned groups and banks, public hospitals and universities carry their
real names (their people, projects and details are made up); the private companies are invented.
Every domain is on `.example`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pcrm.accounts.public import (
    Gender,
    Importance,
    Industry,
    LifecycleStage,
    Ownership,
    RevenueBand,
    SizeBand,
)

CONTACT_COUNT = 400  # people at the customers

Stage = LifecycleStage
Imp = Importance
Size = SizeBand
Rev = RevenueBand
ContactKey = tuple[str, int]  # (account key, position in the account's organisation template)


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
KEY_INDUSTRIES = (_GOV, _EN, _FIN, _HC)  # tagged 重点行业
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


# People who moved to another customer: (from account, position, to account, new title,
# new department, position they report to there, days ago).
MOVES: tuple[tuple[str, int, str, str, str, int, int], ...] = (
    ("hz_data", 5, "hz_metro", "数字化部副主任", "数字化部", 3, 150),
    ("huarui", 2, "tianheng", "副总经理（分管信息化）", "总经办", 1, 95),
    ("icbc_zj", 7, "hz_bank", "金融科技部副总经理", "金融科技部", 2, 60),
)
LEAVER_COUNT = 12
