"""What happens with a customer over time: how long each lifecycle stage lasts, the follow-ups of
each stage (subjects, outcomes, notes, next steps, in the order things happen) and the mix of
their kinds."""

from __future__ import annotations

from pcrm.accounts.public import ActivityType, Industry, LifecycleStage

ACTIVITY_COUNT = 1500  # follow-ups over two years
HISTORY_DAYS = 730

Stage = LifecycleStage

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
