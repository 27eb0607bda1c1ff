"""The made-up people of the demo: Chinese names with their pinyin, English names, mobile
number prefixes and the personal preferences a sales team notes down."""

from __future__ import annotations

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
