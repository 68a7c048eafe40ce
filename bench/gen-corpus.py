#!/usr/bin/env python3
"""
gen-corpus.py: write a reproducible synthetic corpus of Chinese government
policy notices, for zhengce's extraction throughput benchmark.

    python3 bench/gen-corpus.py                      # 200 MiB into bench/corpus/corpus-200.txt
    python3 bench/gen-corpus.py --mb 20 --out /tmp/slice.txt
    python3 bench/gen-corpus.py --mb 1 --seed 7 --out -   # to standard output

Python 3 standard library only. Everything is drawn from one
random.Random(seed) (default seed 20240601), so the same seed, size and
Python minor version give the same bytes on every machine.

What it writes
--------------
One big UTF-8 file of notices written one after another, the way a policy
digest reads: each notice ends with its signature and date (sometimes
followed by a "相关链接：" line or "（此件主动公开）"), and the next starts with
its title. Nothing here is copied from a real notice: titles, bodies, names,
phone numbers, e-mail addresses and URLs are put together from templates and
vocabulary written for this script (the agencies are real kinds of agencies;
every person, company, number and address is made up).

Kinds of notice (titles end in 通知 / 公示 / 公告 / 通告):
  shenbao   关于组织申报…的通知, 关于开展…认定工作的通知 (eligibility conditions,
            support amounts, application windows, procedure, contacts, 附件)
  gongshi   关于…拟认定名单的公示 (a list of made-up companies, objection period)
  zhaobiao  …公开招标公告 / 竞争性磋商公告 / 更正公告 (project number, budget,
            bid deadline and opening time, purchaser and agency contacts)
  zhengqiu  关于公开征求《…（征求意见稿）》意见的通知/公告
  yinfa     关于印发《…》的通知, followed by the issued rules (第一章 / 第一条)
  zhuanfa   …关于转发《…的通知》的通知, followed by the forwarded ministry notice
  gonggao   plain 通告 / 公告 about a service or a licence change

Issuers: ministries (科学技术部, 工业和信息化部办公厅, …), provincial
departments (科学技术厅, 工业和信息化厅, 财政厅, …), city and district bureaus
(科学技术局, 工业和信息化局, …), alone or jointly (two or three issuers).
Bodies use 一、 / （一） / 1. numbering, 文号 such as 苏科高发〔2023〕141号 in
several bracket styles, addressee lines ending in "：", dates in many forms
(2023年7月3日至7月28日, 2023-07-03, 2023.7.3—2023.7.28, 即日起至…17:00,
二〇二三年六月二十五日), phones (landline with area code, extension, mobile),
e-mails, URLs, addresses and postcodes, and an 附件 list.

Shapes (one per notice, chosen at random):
  web    one paragraph per line, as copied from a web page (sometimes with a
         "发布日期：… 来源：…" line and full-width indents)
  pdf    hard-wrapped at about 38 CJK characters (ASCII counts half), trailing
         space on each line, often a blank line after every line, spaces
         between digits and Han ("2019 年 7 月"), and page furniture
         ("第 N 页 共 M 页" plus the digest publisher's running footer)
  Independently of the shape, about a third of notices are preceded by a
  digest section tag on its own line ([申报通知], [政策文件], 【绿色制造】…),
  and about 3% are written in traditional characters.

A sidecar PATH.meta.json records the seed, size, number of notices (what a
perfect splitter would find), shape and kind counts, and the mean notice size.
"""

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time

VERSION = 1
DEFAULT_SEED = 20240601
DEFAULT_MB = 200

# --------------------------------------------------------------------------
# Vocabulary (written for this script).

# name, one-character short name, domain code, [(city, area code, domain code)]
PROVINCES = [
    ("北京市", "京", "beijing", [("海淀区", "010", "bjhd"), ("朝阳区", "010", "bjchy"), ("丰台区", "010", "bjft")]),
    ("天津市", "津", "tj", [("滨海新区", "022", "tjbh"), ("西青区", "022", "tjxq")]),
    ("上海市", "沪", "sh", [("浦东新区", "021", "pudong"), ("闵行区", "021", "shmh")]),
    ("重庆市", "渝", "cq", [("渝北区", "023", "cqyb"), ("江津区", "023", "cqjj")]),
    ("河北省", "冀", "hebei", [("石家庄市", "0311", "sjz"), ("唐山市", "0315", "tangshan"), ("保定市", "0312", "bd")]),
    ("山西省", "晋", "shanxi", [("太原市", "0351", "taiyuan"), ("大同市", "0352", "dt")]),
    ("辽宁省", "辽", "ln", [("沈阳市", "024", "shenyang"), ("大连市", "0411", "dl")]),
    ("吉林省", "吉", "jl", [("长春市", "0431", "changchun"), ("吉林市", "0432", "jlcity")]),
    ("黑龙江省", "黑", "hlj", [("哈尔滨市", "0451", "harbin"), ("大庆市", "0459", "daqing")]),
    ("江苏省", "苏", "jiangsu", [("南京市", "025", "nanjing"), ("苏州市", "0512", "suzhou"), ("无锡市", "0510", "wuxi"), ("常州市", "0519", "changzhou")]),
    ("浙江省", "浙", "zj", [("杭州市", "0571", "hangzhou"), ("宁波市", "0574", "ningbo"), ("温州市", "0577", "wenzhou")]),
    ("安徽省", "皖", "ah", [("合肥市", "0551", "hefei"), ("芜湖市", "0553", "wuhu")]),
    ("福建省", "闽", "fujian", [("福州市", "0591", "fuzhou"), ("厦门市", "0592", "xm"), ("泉州市", "0595", "quanzhou")]),
    ("江西省", "赣", "jiangxi", [("南昌市", "0791", "nc"), ("赣州市", "0797", "ganzhou")]),
    ("山东省", "鲁", "shandong", [("济南市", "0531", "jinan"), ("青岛市", "0532", "qingdao"), ("烟台市", "0535", "yantai")]),
    ("河南省", "豫", "henan", [("郑州市", "0371", "zhengzhou"), ("洛阳市", "0379", "ly")]),
    ("湖北省", "鄂", "hubei", [("武汉市", "027", "wuhan"), ("宜昌市", "0717", "yichang"), ("襄阳市", "0710", "xiangyang")]),
    ("湖南省", "湘", "hunan", [("长沙市", "0731", "changsha"), ("株洲市", "0731", "zhuzhou")]),
    ("广东省", "粤", "gd", [("广州市", "020", "gz"), ("深圳市", "0755", "sz"), ("佛山市", "0757", "foshan"), ("东莞市", "0769", "dg")]),
    ("广西壮族自治区", "桂", "gxzf", [("南宁市", "0771", "nanning"), ("柳州市", "0772", "liuzhou")]),
    ("海南省", "琼", "hainan", [("海口市", "0898", "haikou"), ("三亚市", "0898", "sanya")]),
    ("四川省", "川", "sc", [("成都市", "028", "chengdu"), ("绵阳市", "0816", "my")]),
    ("贵州省", "黔", "guizhou", [("贵阳市", "0851", "guiyang"), ("遵义市", "0851", "zunyi")]),
    ("云南省", "云", "yn", [("昆明市", "0871", "km"), ("曲靖市", "0874", "qj")]),
    ("陕西省", "陕", "shaanxi", [("西安市", "029", "xa"), ("宝鸡市", "0917", "baoji")]),
    ("甘肃省", "甘", "gansu", [("兰州市", "0931", "lanzhou"), ("天水市", "0938", "tianshui")]),
    ("宁夏回族自治区", "宁", "nx", [("银川市", "0951", "yinchuan")]),
    ("内蒙古自治区", "内", "nmg", [("呼和浩特市", "0471", "huhhot"), ("包头市", "0472", "baotou")]),
]

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# provincial department: name, 文号 character(s), domain code, 处室 list
PROV_DEPTS = [
    ("科学技术厅", "科", "kjt", ["高新技术处", "成果转化处", "基础研究处", "政策法规处", "区域创新处", "平台建设处"]),
    ("工业和信息化厅", "工信", "gxt", ["中小企业处", "技术创新处", "节能与综合利用处", "产业政策处", "装备工业处"]),
    ("发展和改革委员会", "发改", "fgw", ["高技术产业处", "产业协调处", "资源节约和环境保护处", "价格处"]),
    ("财政厅", "财", "czt", ["经济建设处", "科教和文化处", "农业农村处"]),
    ("商务厅", "商", "swt", ["对外贸易处", "服务贸易处", "电子商务处", "外资管理处"]),
    ("人力资源和社会保障厅", "人社", "rst", ["专业技术人员管理处", "职业能力建设处", "就业促进处"]),
    ("农业农村厅", "农", "nynct", ["科技教育处", "乡村产业发展处", "计划财务处"]),
    ("生态环境厅", "环", "sthjt", ["环境影响评价处", "大气环境处", "法规与标准处"]),
    ("教育厅", "教", "jyt", ["高等教育处", "职业教育处", "科学技术与研究生处"]),
    ("卫生健康委员会", "卫健", "wsjkw", ["科技教育处", "医政医管处", "规划发展处"]),
    ("市场监督管理局", "市监", "amr", ["标准化处", "质量发展处", "认证监管处"]),
    ("知识产权局", "知", "ipo", ["知识产权运用促进处", "保护处"]),
]

# municipal (直辖市) equivalents of the provincial departments
MUNI_DEPTS = [
    ("科学技术委员会", "科", "kw", ["高新技术处", "成果转化处", "基础研究处"]),
    ("经济和信息化局", "经信", "jxj", ["中小企业处", "技术创新处", "产业发展处"]),
    ("发展和改革委员会", "发改", "fgw", ["高技术产业处", "产业发展处"]),
    ("财政局", "财", "czj", ["经济建设处", "科教文处"]),
    ("商务局", "商", "swj", ["对外贸易处", "服务贸易处"]),
    ("人力资源和社会保障局", "人社", "rsj", ["专业技术人员管理处", "职业能力建设处"]),
]

CITY_DEPTS = [
    ("科学技术局", "科", "kjj", ["高新技术科", "成果转化科", "科技计划科", "综合科"]),
    ("工业和信息化局", "工信", "gxj", ["中小企业科", "技术进步科", "产业发展科"]),
    ("发展和改革委员会", "发改", "fgw", ["产业发展科", "高技术科"]),
    ("财政局", "财", "czj", ["经济建设科", "科教文科"]),
    ("商务局", "商", "swj", ["外贸科", "电子商务科"]),
    ("人力资源和社会保障局", "人社", "rsj", ["人才开发科", "职业能力建设科"]),
    ("住房和城乡建设局", "建", "zjj", ["建筑业科", "村镇建设科"]),
    ("市场监督管理局", "市监", "scjgj", ["标准化科", "质量发展科"]),
    ("交通运输局", "交", "jtj", ["运输管理科", "综合规划科"]),
    ("教育局", "教", "jyj", ["职业教育科", "基础教育科"]),
]

# ministry: name, 文号 prefix, domain
MINISTRIES = [
    ("科学技术部", "国科发", "most"),
    ("科技部办公厅", "国科办", "most"),
    ("工业和信息化部", "工信部", "miit"),
    ("工业和信息化部办公厅", "工信厅", "miit"),
    ("国家发展和改革委员会", "发改", "ndrc"),
    ("国家发展改革委办公厅", "发改办", "ndrc"),
    ("财政部", "财", "mof"),
    ("商务部", "商", "mofcom"),
    ("农业农村部", "农", "moa"),
    ("生态环境部", "环", "mee"),
    ("教育部", "教", "moe"),
    ("国家卫生健康委员会", "国卫", "nhc"),
    ("人力资源社会保障部", "人社部", "mohrss"),
    ("国家知识产权局", "国知发", "cnipa"),
    ("国家市场监督管理总局", "国市监", "samr"),
]

DOCNO_KIND = ["发", "发", "发", "函", "字", "规", "办"]
DOCNO_MID = ["", "", "", "高", "计", "资", "政", "规", "外", "创", "产", "财", "综", "技"]

SHENBAO_TOPICS = [
    "科技计划项目", "重点研发计划项目", "高新技术企业认定", "科技型中小企业评价入库", "工程技术研究中心认定",
    "企业技术中心认定", "专精特新中小企业认定", "制造业单项冠军企业培育", "绿色工厂推荐", "智能制造示范工厂",
    "工业互联网平台培育", "中小企业数字化转型试点", "首台（套）重大技术装备推广应用", "技术改造专项资金项目",
    "外经贸发展专项资金项目", "服务业发展引导资金项目", "中小企业发展专项资金项目", "科技成果转化项目",
    "产学研合作项目", "新型研发机构备案", "科技企业孵化器认定", "众创空间备案", "星创天地认定", "科普基地认定",
    "博士后创新实践基地", "高层次人才引进计划", "知识产权优势企业培育", "专利导航项目", "标准化试点示范项目",
    "质量品牌提升项目", "农业科技园区认定", "科技特派员选派", "工业节能诊断服务", "清洁生产审核",
    "重点实验室建设", "国际科技合作项目", "软科学研究项目", "自然科学基金项目", "工业设计中心认定",
    "服务型制造示范", "5G应用场景示范项目", "人工智能应用场景", "生物医药产业发展专项", "新材料首批次应用保险补偿",
    "电子商务示范企业", "跨境电商产业园认定", "技能大师工作室", "职业技能等级认定机构备案", "专家服务基地",
    "创新型中小企业评价", "瞪羚企业培育", "科技领军企业", "绿色供应链管理企业", "节水型企业创建", "数字乡村试点",
]

ZHAOBIAO_TOPICS = [
    "物业管理服务采购项目", "信息化系统运维服务项目", "医疗设备采购项目", "实验室仪器设备采购项目", "办公家具采购项目",
    "环卫一体化服务项目", "食堂食材配送服务项目", "智慧园区建设项目", "道路养护工程", "绿化养护服务项目",
    "安保服务采购项目", "档案数字化加工项目", "网络安全等级保护测评服务项目", "会议及培训服务项目",
    "公务用车租赁服务项目", "政务云资源租用项目", "课桌椅采购项目", "污水处理设施运维项目",
]

RULE_TOPICS = [
    "科技创新券管理办法", "科技计划项目管理办法", "专项资金管理办法", "高新技术企业培育实施细则",
    "科技企业孵化器管理办法", "技术合同认定登记实施细则", "重点实验室管理办法", "人才引进实施办法",
    "首台（套）装备认定管理办法", "中小企业公共服务示范平台认定管理办法", "工业企业技术改造奖补实施细则",
    "科技成果转化奖励办法", "研发费用后补助实施细则", "专利资助管理办法",
]

GONGGAO_TOPICS = [
    "暂停办理相关业务", "调整政务服务大厅办公时间", "换发道路运输经营许可证", "开展年度报告公示",
    "注销部分机构资质", "启用新版申报系统", "变更业务受理地点", "清理长期未年检单位",
]

DIGEST_TAGS = ["申报通知", "政策文件", "绿色制造", "科技创新", "人才政策", "资金扶持", "公示公告", "招标采购",
               "行业动态", "政策解读", "中小企业", "知识产权"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文博佳琪晓东志宏海燕春梅鹏飞思远雨欣子涵浩然俊宇晨曦"
BRAND = "华新中天恒瑞博达科智远泰宏鑫源海盛创力诚信安康德金明凯正通联汇升卓越图腾骏弘"
INDUSTRY = ["科技", "电子", "智能装备", "新材料", "生物医药", "精密机械", "信息技术", "环保科技", "化工", "汽车零部件",
            "光电", "软件", "网络科技", "医疗器械", "食品", "新能源", "检测技术", "数控", "物联网", "半导体"]
COMPANY_FORM = ["有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
ROADS = ["人民路", "建设路", "解放大道", "中山路", "长江路", "科技路", "创新大道", "文化路", "和平街", "新华路",
         "高新大道", "学府路", "金融街", "滨江路", "工业园路", "光明路"]
BUILDINGS = ["", "", "政务服务中心", "行政中心", "科技大厦", "综合办公楼", "市民中心"]
SYSTEMS = ["科技业务综合管理系统", "项目申报管理平台", "企业服务云平台", "政务服务网", "专项资金管理系统",
           "科技计划项目管理信息系统", "中小企业公共服务平台", "人才服务平台"]

GOALS = ["创新驱动发展战略", "制造强省建设", "数字经济高质量发展", "科技成果转移转化", "中小企业专业化发展",
         "绿色低碳转型", "现代化产业体系建设", "营商环境优化", "乡村振兴战略", "人才强省战略", "开放型经济发展",
         "产业基础高级化", "新型工业化"]
SUBJECTS = ["各地", "各有关单位", "申报单位", "项目承担单位", "各设区市主管部门", "推荐单位", "各区县（市）主管部门",
            "有关企业", "各高校和科研院所", "各园区管委会", "评审专家", "项目主管部门"]
VERBS = ["要高度重视", "应严格按照要求做好", "须如实填报并对", "要加强统筹协调，认真做好", "应认真组织", "要切实负起",
         "应当按照有关规定落实", "要进一步细化", "须对照条件严格审核", "应主动加强", "要及时总结", "应做好"]
OBJECTS = ["申报材料的真实性和完整性", "项目的组织实施", "专项资金的使用管理", "本地区推荐工作", "审核把关责任",
           "政策宣传和解读", "绩效目标的设定与评价", "科研诚信和伦理审查", "信息报送工作", "后续跟踪服务",
           "风险防控措施", "数据统计和报送"]
TAILS = ["，确保各项工作按时保质完成", "，对弄虚作假的一经查实即取消申报资格", "，不得重复申报或多头申报",
         "，并在规定时间内报送", "，切实提高工作质量和效率", "，形成工作合力", "，逾期不予受理",
         "，严禁以任何形式向申报单位收取费用", "，推动政策落地见效", "，发挥示范带动作用"]
OPENERS = ["为深入贯彻落实{goal}", "为加快推进{goal}", "为进一步推动{goal}", "为做好{year}年度{topic}工作",
           "按照{higher}工作部署", "根据{higher}有关工作安排"]

CONDITIONS = [
    "在{place}行政区域内注册登记一年以上，具有独立法人资格",
    "上一年度研究开发费用占营业收入的比例不低于{pct}%",
    "近三年内无严重失信行为，未发生重大安全、质量、环境事故",
    "拥有{n}项以上与主营业务相关的发明专利等自主知识产权",
    "企业资产负债率不高于{pct2}%，财务状况良好，会计核算规范",
    "项目已完成前期论证，具备实施条件，实施期一般为{n}年",
    "从事研发和相关技术创新活动的科技人员占职工总数的比例不低于{pct}%",
    "上年度营业收入不低于{amt}万元，且近两年保持增长",
    "具有健全的研发管理制度和稳定的研发团队",
    "未被列入经营异常名录和严重违法失信企业名单",
    "申报项目负责人年龄一般不超过{age}周岁，每人限报一项",
    "同一项目不得重复申请各级财政资金支持",
]

AMOUNT_SENTENCES = [
    "对认定的单位给予一次性奖励{amt}万元",
    "单个项目支持金额最高不超过{amt}万元",
    "按项目设备投资额的{pct}%给予补助，最高不超过{amt}万元",
    "采取后补助方式，补助比例不超过项目实际投入的{pct}%",
    "对评价优秀的给予{amt}万元奖励，良好的给予{amt2}万元奖励",
    "所需资金从{year}年度省级专项资金中列支",
]

ATTACH_NAMES = ["申报指南", "申报书（模板）", "推荐汇总表", "信用承诺书", "申报材料提纲", "评审指标体系",
                "拟立项项目名单", "诚信承诺书", "绩效目标表", "申报单位基本情况表", "联系人回执", "专家推荐表"]

HAN = "\u4e00-\u9fff"

# A few hundred simplified -> traditional pairs, enough to make a notice read
# as 繁体 (see the 009/010 fixtures); written for this script.
TRAD = dict(zip(*(lambda a, b: (a, b) if len(a) == len(b) else sys.exit("TRAD table misaligned"))(
    "关于组织报发开认业术厅区县项资专门设备单为进实国务会员经济产时间请联电话邮网计划审级点学环农财应当对与并将据规则条达标准质东广苏"
    "这个们来后万亿数办机构体统录证书写须违纪处监两华长无湾台动员总务协调强优转传统绩效负责务导诚严层术广奖补励条层认识"
    "贯彻习时队伍续买卖钱银铁钢车轮选择义乐书乡邓劳动练织红约级纪线练细经绍结给络绝统继绿维综编缘缩网罗职联听声读调课谁谈谢谓请诸"
    "权号团辖荐价导医药库园购场厂节态范费额贴评税惠设计从众龙门题问间险馈验鉴销",
    "關於組織報發開認業術廳區縣項資專門設備單為進實國務會員經濟產時間請聯電話郵網計劃審級點學環農財應當對與並將據規則條達標準質東廣蘇"
    "這個們來後萬億數辦機構體統錄證書寫須違紀處監兩華長無灣臺動員總務協調強優轉傳統績效負責務導誠嚴層術廣獎補勵條層認識"
    "貫徹習時隊伍續買賣錢銀鐵鋼車輪選擇義樂書鄉鄧勞動練織紅約級紀線練細經紹結給絡絕統繼綠維綜編緣縮網羅職聯聽聲讀調課誰談謝謂請諸"
    "權號團轄薦價導醫藥庫園購場廠節態範費額貼評稅惠設計從眾龍門題問間險饋驗鑒銷")))

CN_DIGITS = "〇一二三四五六七八九"


def cn_year(y):
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def cn_small(n):
    if n < 10:
        return CN_DIGITS[n]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


SECTION_NUMS = "一二三四五六七八九十"

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
WEEKDAYS = "一二三四五六日"


class Date:
    __slots__ = ("y", "m", "d")

    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d

    def ordinal(self):
        y = self.y - 1
        n = y * 365 + y // 4 - y // 100 + y // 400
        n += sum(DAYS_IN_MONTH[: self.m - 1])
        if self.m > 2 and (self.y % 4 == 0 and (self.y % 100 or self.y % 400 == 0)):
            n += 1
        return n + self.d

    def plus(self, days):
        y, m, d = self.y, self.m, self.d + days
        while d < 1:
            m -= 1
            if m < 1:
                m, y = 12, y - 1
            d += DAYS_IN_MONTH[m - 1] + (1 if m == 2 and (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 0)
        while True:
            dim = DAYS_IN_MONTH[m - 1] + (1 if m == 2 and (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 0)
            if d <= dim:
                return Date(y, m, d)
            d -= dim
            m += 1
            if m > 12:
                m, y = 1, y + 1

    def weekday(self):
        return WEEKDAYS[(self.ordinal() - 1) % 7]


# --------------------------------------------------------------------------


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.page = 1
        self.pages = 23
        self.publisher = None
        self.new_issue()

    # small helpers -------------------------------------------------------
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    def new_issue(self):
        r = self.r
        self.page = 1
        self.pages = r.randint(12, 40)
        brand = "".join(r.sample(BRAND, 2))
        host = "www.%s%s.com" % (self.pick(["zc", "kj", "cx", "qy", "fw"]), "".join(r.choice("abcdefghkmnprstwxyz") for _ in range(r.randint(4, 7))))
        phone = "%d" % r.randint(60000000, 89999999)
        self.publisher = [
            "%s%s科技服务有限公司 电话：%s 欢迎咨询" % (self.pick(["北京", "上海", "广州", "杭州", "成都"]), brand, phone),
            "网址：%s" % host,
        ]

    def person(self):
        r = self.r
        return self.pick(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))

    def company(self, city):
        r = self.r
        short = city.rstrip("市区县")[:2]
        return short + "".join(r.sample(BRAND, 2)) + self.pick(INDUSTRY) + self.pick(COMPANY_FORM)

    def landline(self, area):
        r = self.r
        digits = 8 if len(area) == 3 or area in ("0512", "0571", "0574", "0755", "0757", "0769", "0531", "0532") else 7
        num = str(r.randint(2, 8)) + "".join(str(r.randint(0, 9)) for _ in range(digits - 1))
        form = r.random()
        if form < 0.6:
            s = "%s-%s" % (area, num)
        elif form < 0.75:
            s = "（%s）%s" % (area, num)
        elif form < 0.85:
            s = num
        else:
            s = "%s－%s" % (area, num)
        if self.chance(0.1):
            s += "转%d" % r.randint(800, 8999)
        return s

    def mobile(self):
        r = self.r
        return self.pick(["13", "15", "17", "18", "19"]) + "".join(str(r.randint(0, 9)) for _ in range(9))

    def email(self, domain):
        r = self.r
        user = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(3, 8)))
        if self.chance(0.3):
            user += str(r.randint(1, 2024))
        if self.chance(0.45):
            return "%s@%s.gov.cn" % (user, domain)
        return "%s@%s" % (user, self.pick(["163.com", "126.com", "qq.com", "sina.com", "foxmail.com"]))

    def url(self, host, d):
        r = self.r
        form = r.random()
        if form < 0.35:
            return "http://%s/art/%d/%d/%d/art_%d_%d.html" % (host, d.y, d.m, d.d, r.randint(100, 99999), r.randint(1000000, 99999999))
        if form < 0.7:
            return "https://%s/zwgk/tzgg/%d%02d/t%d%02d%02d_%d.html" % (host, d.y, d.m, d.y, d.m, d.d, r.randint(100000, 9999999))
        if form < 0.85:
            return "http://%s/%s/%s/%d/index.html" % (host, self.pick(["xxgk", "zwdt", "tzgg", "zcwj"]), self.pick(["tzgg", "gsgg", "sbtz"]), r.randint(10000, 999999))
        return "https://%s/" % host

    def address(self, city, area):
        r = self.r
        s = "%s%s%d号" % (city, self.pick(ROADS), r.randint(1, 999))
        b = self.pick(BUILDINGS)
        if b:
            s += b
        if self.chance(0.6):
            s += "%d%02d室" % (r.randint(1, 20), r.randint(1, 30))
        return s

    def postcode(self):
        return "%d%05d" % (self.r.randint(1, 8), self.r.randint(0, 99999))

    def date_cn(self, d, style=None):
        if style is None:
            style = self.r.random()
        if style < 0.85:
            return "%d年%d月%d日" % (d.y, d.m, d.d)
        return "%s年%s月%s日" % (cn_year(d.y), cn_small(d.m), cn_small(d.d))

    def date_any(self, d):
        f = self.r.random()
        if f < 0.6:
            return "%d年%d月%d日" % (d.y, d.m, d.d)
        if f < 0.75:
            return "%d-%02d-%02d" % (d.y, d.m, d.d)
        if f < 0.85:
            return "%d.%d.%d" % (d.y, d.m, d.d)
        if f < 0.92:
            return "%d年%02d月%02d日" % (d.y, d.m, d.d)
        return "%d/%d/%d" % (d.y, d.m, d.d)

    def window(self, a, b):
        """A date range a..b in one of several forms."""
        f = self.r.random()
        if f < 0.3:
            tail = "%d月%d日" % (b.m, b.d) if a.y == b.y else "%d年%d月%d日" % (b.y, b.m, b.d)
            return "%d年%d月%d日至%s" % (a.y, a.m, a.d, tail)
        if f < 0.45:
            return "%d年%d月%d日—%d年%d月%d日" % (a.y, a.m, a.d, b.y, b.m, b.d)
        if f < 0.55:
            return "%d-%02d-%02d至%d-%02d-%02d" % (a.y, a.m, a.d, b.y, b.m, b.d)
        if f < 0.63:
            return "%d.%d.%d—%d.%d.%d" % (a.y, a.m, a.d, b.y, b.m, b.d)
        if f < 0.78:
            return "即日起至%d年%d月%d日%s" % (b.y, b.m, b.d, self.pick(["17:00", "17:30", "24:00", "下午5时", "（星期%s）" % b.weekday()]))
        if f < 0.9:
            return "%d年%d月%d日（星期%s）至%d月%d日（星期%s）" % (a.y, a.m, a.d, a.weekday(), b.m, b.d, b.weekday())
        return "%d年%d月%d日9:00至%d年%d月%d日17:00" % (a.y, a.m, a.d, b.y, b.m, b.d)

    def docno(self, prefix, y):
        r = self.r
        n = r.randint(1, 480)
        form = r.random()
        if form < 0.7:
            br = ("〔", "〕")
        elif form < 0.82:
            br = ("[", "]")
        elif form < 0.92:
            br = ("（", "）")
        else:
            br = ("【", "】")
        return "%s%s%d%s%d号" % (prefix, br[0], y, br[1], n)

    # issuers -------------------------------------------------------------
    def issuer(self, level=None):
        """Returns dict(name, prefix, domain, office, place, city, area)."""
        r = self.r
        if level is None:
            level = r.random()
            level = "ministry" if level < 0.15 else "province" if level < 0.6 else "city"
        prov = self.pick(PROVINCES)
        pname, pshort, pdom, cities = prov
        city, area, cdom = self.pick(cities)
        if level == "ministry":
            name, prefix, dom = self.pick(MINISTRIES)
            return dict(name=name, prefix=prefix + self.pick(DOCNO_MID[:6]), domain="www.%s.gov.cn" % dom, dom=dom,
                        office=self.pick(["综合司", "规划司", "科技司", "产业司", "办公厅"]), place="全国", placeshort="",
                        city="北京市", area="010", level=level, dept=name)
        if level == "province":
            depts = MUNI_DEPTS if pname in MUNICIPALITIES else PROV_DEPTS
            dname, dchar, ddom, offices = self.pick(depts)
            prefix = pshort + dchar + self.pick(DOCNO_MID) + self.pick(DOCNO_KIND)
            capital, carea, _ = cities[0]
            return dict(name=pname + dname, prefix=prefix, domain="%s.%s.gov.cn" % (ddom, pdom), dom=pdom,
                        office=self.pick(offices), place=pname, placeshort=pname.rstrip("省市").replace("壮族自治区", "").replace("回族自治区", "").replace("自治区", ""),
                        city=capital, area=carea, level=level, dept=dname)
        dname, dchar, ddom, offices = self.pick(CITY_DEPTS)
        cshort = city.rstrip("市区")[:2]
        prefix = cshort + dchar + self.pick(DOCNO_MID) + self.pick(DOCNO_KIND)
        full_city = city if pname in MUNICIPALITIES else city
        name = (pname + city if pname in MUNICIPALITIES else city) + dname
        return dict(name=name, prefix=prefix, domain="%s.%s.gov.cn" % (ddom, cdom), dom=cdom,
                    office=self.pick(offices), place=full_city, placeshort=cshort, city=full_city, area=area,
                    level=level, dept=dname)

    def joint(self, first):
        """Co-issuers of the same level and place as first."""
        out = [first]
        for _ in range(self.r.randint(1, 2)):
            other = self.issuer(first["level"])
            if first["level"] != "ministry":
                pre = first["name"][: len(first["name"]) - len(first["dept"])]
                other = dict(other, name=pre + other["dept"])
            if all(o["name"] != other["name"] for o in out):
                out.append(other)
        return out

    # text pieces ---------------------------------------------------------
    def sentence(self):
        r = self.r
        s = self.pick(SUBJECTS) + self.pick(VERBS) + self.pick(OBJECTS)
        if self.chance(0.7):
            s += self.pick(TAILS)
        if self.chance(0.35):
            s += "，" + self.pick(VERBS) + self.pick(OBJECTS)
        return s + "。"

    def paragraph(self, lo=1, hi=4):
        return "".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

    def law_ref(self, iss, y):
        """A cited document: 《…》（文号）."""
        r = self.r
        other = self.issuer(self.pick(["ministry", "province", iss["level"]]))
        t = self.pick([
            "%s关于%s的通知" % (other["name"], self.pick(["加快推进" + self.pick(GOALS), "印发%s的" % self.pick(RULE_TOPICS)[:-2] + "实施方案", "促进" + self.pick(GOALS)])),
            "%s%s" % (other["placeshort"] if other["placeshort"] else "", self.pick(RULE_TOPICS)),
            "关于%s的若干措施" % ("支持" + self.pick(GOALS)),
        ])
        t = t.replace("的实施方案的通知", "实施方案的通知")
        return "《%s》（%s）" % (t, self.docno(other["prefix"], y - r.randint(0, 4)))

    def contacts(self, iss, d, lines):
        r = self.r
        n = r.randint(1, 3)
        for i in range(n):
            who = self.person()
            if self.chance(0.15):
                who = who[0] + self.pick(["女士", "先生", "老师", "工"])
            phone = self.landline(iss["area"])
            if self.chance(0.25):
                phone += self.pick(["，", "；", "/", "、"]) + (self.mobile() if self.chance(0.5) else self.landline(iss["area"]))
            f = r.random()
            office = iss["office"] if i == 0 else self.pick(["", "技术咨询：", "系统技术支持：", iss["dept"] + "办公室："])
            if f < 0.4:
                lines.append("%s联系人：%s，电话：%s" % (office if office.endswith("：") or not office else office, who, phone))
            elif f < 0.6:
                lines.append("联系人：%s　　联系电话：%s" % (who, phone))
            elif f < 0.75:
                lines.append("联 系 人：%s" % who)
                lines.append("联系电话：%s" % phone)
            elif f < 0.9:
                lines.append("%s：%s %s" % (office or "咨询电话", who, phone))
            else:
                lines.append("咨询电话：%s" % phone)
        if self.chance(0.2):
            lines.append("传真：%s" % self.landline(iss["area"]))
        if self.chance(0.7):
            lines.append("%s：%s" % (self.pick(["电子邮箱", "邮箱", "E-mail", "联系邮箱"]), self.email(iss["dom"])))
        if self.chance(0.45):
            a = "%s：%s" % (self.pick(["地址", "通讯地址", "联系地址"]), self.address(iss["city"], iss["area"]))
            if self.chance(0.7):
                a += "，邮编：%s" % self.postcode()
            lines.append(a)

    def attachments(self, topic, y, lines):
        r = self.r
        names = r.sample(ATTACH_NAMES, r.randint(1, 4))
        prefix = "%d年度%s" % (y, topic)
        full = [(prefix + nm if i == 0 or self.chance(0.5) else nm) for i, nm in enumerate(names)]
        if len(full) == 1:
            lines.append("附件：%s" % full[0])
            return
        if self.chance(0.5):
            lines.append("附件：1.%s" % full[0])
            for i, nm in enumerate(full[1:], 2):
                lines.append("%s%d.%s" % ("　　　" if self.chance(0.3) else "", i, nm))
        else:
            for i, nm in enumerate(full, 1):
                lines.append("附件%d：%s" % (i, nm))

    def signature(self, issuers, d, lines):
        if len(issuers) > 1 and self.chance(0.5):
            lines.append("　　".join(i["name"] for i in issuers))
        else:
            for i in issuers:
                lines.append(i["name"])
        lines.append(self.date_cn(d))

    # title ---------------------------------------------------------------
    def title(self, kind, iss, issuers, y, topic):
        r = self.r
        names = "、".join(i["name"] for i in issuers) if len(issuers) <= 2 or self.chance(0.5) else \
            ("%s部门" % "二三四"[len(issuers) - 2] if iss["level"] == "ministry" else iss["place"] + "%s部门" % "二三四"[len(issuers) - 2])
        if self.chance(0.15) and kind in ("shenbao", "gongshi", "zhengqiu"):
            names = ""
        if kind == "shenbao":
            t = self.pick([
                "关于组织申报%d年度%s的通知", "关于开展%d年%s工作的通知", "关于组织开展%d年度%s申报工作的通知",
                "关于做好%d年%s推荐工作的通知", "关于征集%d年度%s的通知", "关于受理%d年度%s申请的通知",
            ]) % (y, topic)
        elif kind == "gongshi":
            t = self.pick([
                "关于%d年度%s拟认定名单的公示", "关于%d年%s拟支持项目的公示", "%d年度%s拟入选名单公示",
                "关于%d年度%s评审结果的公示", "关于拟认定%d年度%s的公示",
            ]) % (y, topic)
        elif kind == "zhengqiu":
            t = self.pick(["关于公开征求《%s%s（征求意见稿）》意见的通知", "关于《%s%s（征求意见稿）》公开征求意见的公告"]) % (
                iss["placeshort"], topic)
        elif kind == "yinfa":
            t = "关于印发《%s%s》的通知" % (iss["placeshort"], topic)
        elif kind == "gonggao":
            t = self.pick(["关于%s的通告", "关于%s的公告"]) % topic
        else:
            raise ValueError(kind)
        return names + t

    # notice kinds --------------------------------------------------------
    def addressee(self, iss):
        lvl = iss["level"]
        if lvl == "ministry":
            return self.pick([
                "各省、自治区、直辖市及计划单列市、新疆生产建设兵团%s主管部门：" % self.pick(["科技", "工业和信息化", "发展改革", "财政"]),
                "各省、自治区、直辖市%s，有关中央企业：" % self.pick(["科技厅（委、局）", "工业和信息化主管部门", "发展改革委"]),
                "有关单位：",
            ])
        if lvl == "province":
            return self.pick([
                "各设区市%s，各有关单位：" % iss["dept"].replace("厅", "局").replace("委员会", "委"),
                "各市（州）%s，省直有关部门，各有关单位：" % iss["dept"].replace("厅", "局"),
                "各有关单位：", "各市、县（区）%s：" % iss["dept"].replace("厅", "局"),
                "各高等学校、科研院所，各有关企业：",
            ])
        return self.pick(["各区（县）%s，各有关单位：" % iss["dept"], "各有关企业：", "各街道（镇）、园区，各有关单位：",
                          "各区县（市）主管部门，各园区，各有关单位：", "各有关单位："])

    def notice_shenbao(self, iss, issuers, d, y, topic, lines):
        r = self.r
        if self.chance(0.75):
            lines.append(self.docno(iss["prefix"], y))
        lines.append(self.addressee(iss))
        higher = self.pick(["国家", "省委省政府", "市委市政府", "上级"])
        opener = self.pick(OPENERS).format(goal=self.pick(GOALS), year=y, topic=topic, higher=higher)
        refs = "".join(self.law_ref(iss, y) + self.pick(["和", "、", ""]) for _ in range(r.randint(1, 2))).rstrip("和、")
        lines.append("%s，根据%s等有关规定，现就%d年度%s有关事项通知如下：" % (opener, refs, y, topic))
        sec = 0
        # sections
        plan = ["范围", "条件", "支持", "时间", "程序", "要求", "联系"]
        if self.chance(0.3):
            plan.remove("支持")
        if self.chance(0.3):
            plan.remove("程序")
        open_d = d.plus(r.randint(3, 20))
        close_d = open_d.plus(r.randint(10, 45))
        for p in plan:
            head = SECTION_NUMS[sec] + "、"
            sec += 1
            if p == "范围":
                lines.append(head + self.pick(["申报范围", "支持方向", "重点领域", "认定范围", "申报主体"]))
                for _ in range(r.randint(1, 2)):
                    lines.append(self.paragraph(2, 4))
            elif p == "条件":
                lines.append(head + self.pick(["申报条件", "申报要求", "基本条件", "认定条件"]))
                conds = r.sample(CONDITIONS, r.randint(3, 7))
                numbered = self.chance(0.7)
                for i, c in enumerate(conds):
                    c = c.format(place=iss["place"] if iss["level"] != "ministry" else "中华人民共和国", pct=r.randint(3, 10),
                                 pct2=r.randint(60, 75), n=r.randint(1, 5), amt=r.randint(5, 200) * 100, age=self.pick([45, 50, 55, 60]))
                    pre = "（%s）" % SECTION_NUMS[i] if numbered else "%d." % (i + 1)
                    lines.append(pre + c + ("；" if i < len(conds) - 1 else "。"))
            elif p == "支持":
                lines.append(head + self.pick(["支持方式", "支持方式和标准", "资金安排", "奖励标准"]))
                for _ in range(r.randint(1, 3)):
                    a = r.randint(10, 500)
                    lines.append(self.pick(AMOUNT_SENTENCES).format(amt=a, amt2=max(1, a // 2), pct=r.randint(10, 50), year=y) + "。" + (self.paragraph(1, 2) if self.chance(0.5) else ""))
            elif p == "时间":
                lines.append(head + self.pick(["申报时间", "时间安排", "受理时间", "申报时间和方式"]))
                lines.append("（一）网上申报：%s，申报单位登录%s（%s）完成注册和填报。" % (
                    self.window(open_d, close_d), self.pick(SYSTEMS), self.url(iss["domain"], d) if self.chance(0.3) else "https://" + self.pick(["kjxm", "sbxt", "xmsb", "zxzj"]) + "." + iss["domain"].split(".", 1)[1]))
                pd = close_d.plus(r.randint(2, 10))
                lines.append("（二）纸质材料报送：请于%s前将%s一式%s份报送至%s%s，逾期不予受理。" % (
                    self.date_any(pd), self.pick(["申报书", "纸质材料", "盖章后的申报材料"]), self.pick("二三四五"), iss["name"], iss["office"]))
                if self.chance(0.3):
                    lines.append("（三）%s将于%s组织专家评审，具体时间另行通知。" % (iss["name"], self.date_any(pd.plus(r.randint(5, 30)))))
            elif p == "程序":
                lines.append(head + self.pick(["申报程序", "工作流程", "组织方式"]))
                for i in range(r.randint(2, 4)):
                    lines.append("%d.%s" % (i + 1, self.paragraph(1, 2)))
            elif p == "要求":
                lines.append(head + self.pick(["工作要求", "有关要求", "其他事项", "注意事项"]))
                for _ in range(r.randint(1, 3)):
                    lines.append(self.paragraph(2, 4))
            elif p == "联系":
                lines.append(head + self.pick(["联系方式", "联系人及联系方式", "咨询方式"]))
                self.contacts(iss, d, lines)
        if self.chance(0.8):
            self.attachments(topic, y, lines)

    def notice_gongshi(self, iss, issuers, d, y, topic, lines):
        r = self.r
        refs = self.law_ref(iss, y)
        n = r.randint(5, 40)
        lines.append("根据%s要求，经单位申报、%s、形式审查和专家评审，拟%s%s等%d家单位为%d年度%s，现予以公示。" % (
            refs, self.pick(["各地推荐", "主管部门推荐", "现场核查"]), self.pick(["认定", "支持", "入选"]),
            self.company(iss["city"]), n, y, topic))
        if self.chance(0.7):
            lines.append(self.pick(["序号　单位名称　所在地区", "序号 企业名称 所属地区 推荐单位"]))
            prov_cities = [c for p in PROVINCES if p[0] == iss["place"] for c in p[3]] or [(iss["city"], iss["area"], "")]
            for i in range(min(n, r.randint(5, 25))):
                c = self.pick(prov_cities)[0]
                lines.append("%d　%s　%s" % (i + 1, self.company(c), c))
        a = d.plus(r.randint(0, 2))
        b = a.plus(r.randint(4, 9))
        lines.append("公示%s为%s（%s个工作日）。" % (self.pick(["期", "时间"]), self.window(a, b), self.pick("五七")))
        lines.append("公示期间，任何单位和个人对公示%s有异议的，可以书面形式向%s%s反映。以单位名义提出异议的应加盖公章，以个人名义提出异议的应签署真实姓名并提供有效联系方式，逾期和匿名异议不予受理。" % (
            self.pick(["名单", "项目", "结果"]), iss["name"], iss["office"]))
        self.contacts(iss, d, lines)
        if self.chance(0.3):
            lines.append("监督电话：%s" % self.landline(iss["area"]))
        if self.chance(0.7):
            lines.append("附件：%d年度%s%s" % (y, topic, self.pick(["拟认定名单", "拟支持项目名单", "公示名单"])))
        if self.chance(0.5):
            lines.append("特此公示。")

    def notice_zhengqiu(self, iss, issuers, d, y, topic, lines):
        r = self.r
        lines.append("为%s，%s起草了《%s%s（征求意见稿）》，现向社会公开征求意见。%s" % (
            self.pick(["进一步规范管理", "提高政策的科学性", "推动" + self.pick(GOALS)]), iss["name"], iss["placeshort"], topic,
            self.paragraph(1, 2)))
        lines.append("一、征求意见时间")
        lines.append(self.window(d.plus(1), d.plus(r.randint(15, 30))) + "。")
        lines.append("二、意见反馈方式")
        lines.append("（一）电子邮件：请将意见建议发送至%s，邮件主题请注明“%s意见建议”。" % (self.email(iss["dom"]), topic))
        lines.append("（二）信函：请寄至%s%s，邮编%s，并在信封上注明“征求意见”字样。" % (
            self.address(iss["city"], iss["area"]), iss["office"], self.postcode()))
        if self.chance(0.5):
            lines.append("（三）传真：%s。" % self.landline(iss["area"]))
        lines.append("三、其他说明")
        lines.append(self.paragraph(1, 3))
        lines.append("联系电话：%s" % self.landline(iss["area"]))
        lines.append("附件：1.%s%s（征求意见稿）" % (iss["placeshort"], topic))
        lines.append("2.起草说明")

    def rules_body(self, topic, lines):
        r = self.r
        art = 1
        chapters = r.randint(3, 6)
        for c in range(chapters):
            lines.append("第%s章　%s" % (SECTION_NUMS[c], self.pick(["总则", "职责分工", "申报与评审", "组织实施", "资金管理", "监督检查", "绩效评价", "附则"]) if c else "总则"))
            for _ in range(r.randint(2, 4)):
                lines.append("第%s条　%s" % (cn_small(art) if art <= 99 else str(art), self.paragraph(1, 3)))
                art += 1
        lines.append("第%s条　本%s自发布之日起施行，有效期%s年。" % (cn_small(art), topic[-2:], self.pick("三五")))

    def notice_yinfa(self, iss, issuers, d, y, topic, lines):
        if self.chance(0.7):
            lines.append(self.docno(iss["prefix"], y))
        lines.append(self.addressee(iss))
        lines.append("现将《%s%s》印发给你们，请结合实际认真贯彻执行。%s" % (iss["placeshort"], topic,
                                                          self.paragraph(0, 2)))
        return "rules"

    def notice_gonggao(self, iss, issuers, d, y, topic, lines):
        r = self.r
        lines.append("%s，现将有关事项%s如下：" % (self.pick(OPENERS).format(goal=self.pick(GOALS), year=y, topic=topic, higher="上级"),
                                         self.pick(["公告", "通告"])))
        for i in range(r.randint(2, 5)):
            lines.append("%s、%s" % (SECTION_NUMS[i], self.paragraph(1, 3)))
        a = d.plus(r.randint(1, 10))
        lines.append("本%s自%s起施行。" % (self.pick(["公告", "通告"]), self.date_any(a)))
        lines.append("咨询电话：%s" % self.landline(iss["area"]))
        if self.chance(0.5):
            lines.append("特此%s。" % self.pick(["公告", "通告"]))

    def notice_zhaobiao(self, d, y, lines):
        """Returns (title, signature issuer dicts)."""
        r = self.r
        iss = self.issuer(self.pick(["province", "city", "city"]))
        purchaser = self.pick([
            iss["city"] + self.pick(["人民医院", "中心医院", "第三中学", "实验小学", "城市管理局", "疾病预防控制中心", "图书馆"]),
            iss["name"], iss["city"] + self.pick(["职业技术学院", "大数据中心", "政务服务中心"]),
        ])
        agency = iss["city"][:2] + "".join(r.sample(BRAND, 2)) + self.pick(["招标代理有限公司", "工程咨询有限公司", "项目管理有限公司"])
        topic = self.pick(ZHAOBIAO_TOPICS)
        kind = r.random()
        pno = "%s%s-%d-%04d" % ("".join(r.choice("ABCDGHJKQSZ") for _ in range(r.randint(2, 4))), self.pick(["CG", "ZB", "GK", ""]), y, r.randint(1, 9999))
        budget = r.randint(5, 3000) * 1.0 + r.choice([0, 0.5, 0.25, 0.8])
        if kind < 0.15:
            title = "%s%s更正公告" % (purchaser, topic)
            lines.append("一、项目基本情况")
            lines.append("原公告的采购项目编号：%s" % pno)
            lines.append("原公告的采购项目名称：%s%s" % (purchaser, topic))
            lines.append("首次公告日期：%s" % self.date_any(d.plus(-r.randint(3, 12))))
            lines.append("二、更正信息")
            lines.append("更正事项：%s" % self.pick(["采购文件", "采购公告", "开标时间"]))
            lines.append("更正内容：投标截止时间及开标时间由原定的%s 09:30变更为%s 09:30（北京时间）。" % (
                self.date_any(d.plus(r.randint(5, 10))), self.date_any(d.plus(r.randint(15, 25)))))
            lines.append("更正日期：%s" % self.date_any(d))
            lines.append("三、其他补充事宜")
            lines.append(self.paragraph(1, 2))
        else:
            title = "%s%s%s" % (purchaser, topic, self.pick(["公开招标公告", "招标公告", "竞争性磋商公告", "竞争性谈判公告", "询价公告"]))
            lines.append("项目概况")
            lines.append("%s的潜在投标人应在%s获取招标文件，并于%s 09点30分（北京时间）前递交投标文件。" % (
                topic, self.pick(["公共资源交易中心网站", "政府采购电子交易平台", "代理机构办公地点"]), self.date_any(d.plus(r.randint(20, 30)))))
            lines.append("一、项目基本情况")
            lines.append("项目编号：%s" % pno)
            lines.append("项目名称：%s%s" % (purchaser, topic))
            lines.append("预算金额：%.2f万元（人民币）" % budget)
            if self.chance(0.6):
                lines.append("最高限价（如有）：%.2f万元（人民币）" % budget)
            lines.append("采购需求：%s" % self.paragraph(1, 2))
            lines.append("合同履行期限：%s" % self.pick(["自合同签订之日起1年", "合同签订后90日内交付", "三年", "12个月"]))
            lines.append("本项目%s接受联合体投标。" % self.pick(["不", "不", ""]))
            lines.append("二、申请人的资格要求：")
            lines.append("1.满足《中华人民共和国政府采购法》第二十二条规定；")
            lines.append("2.落实政府采购政策需满足的资格要求：%s；" % self.pick(["本项目专门面向中小企业采购", "无", "支持监狱企业、残疾人福利性单位参与"]))
            lines.append("3.本项目的特定资格要求：%s" % self.pick(["无。", "具备有效的相关资质证书。", "近三年内具有类似项目业绩。"]))
            a = d.plus(1)
            b = a.plus(r.randint(4, 6))
            lines.append("三、获取招标文件")
            lines.append("时间：%d年%02d月%02d日至%d年%02d月%02d日，每天上午9:00至12:00，下午14:00至17:30（北京时间，法定节假日除外）" % (a.y, a.m, a.d, b.y, b.m, b.d))
            lines.append("地点：%s" % self.url("ggzy.%s" % iss["domain"].split(".", 1)[1], d))
            lines.append("方式：%s" % self.pick(["网上下载", "现场领取", "电子邮件获取"]))
            lines.append("售价：%s元" % self.pick(["0", "300", "500"]))
            e = d.plus(r.randint(20, 30))
            lines.append("四、提交投标文件截止时间、开标时间和地点")
            lines.append("%d年%02d月%02d日 09点30分（北京时间）" % (e.y, e.m, e.d))
            lines.append("地点：%s%s" % (self.address(iss["city"], iss["area"]), self.pick(["开标室", "第三开标厅", ""])))
            lines.append("五、公告期限")
            lines.append("自本公告发布之日起5个工作日。")
            lines.append("六、其他补充事宜")
            lines.append(self.paragraph(1, 2))
        lines.append("%s、对本次%s提出询问，请按以下方式联系。" % ("七" if kind >= 0.15 else "四", "招标" if kind >= 0.15 else "公告"))
        lines.append("1.采购人信息")
        lines.append("名称：%s" % purchaser)
        lines.append("地址：%s" % self.address(iss["city"], iss["area"]))
        lines.append("联系方式：%s，%s" % (self.person(), self.landline(iss["area"])))
        lines.append("2.采购代理机构信息")
        lines.append("名称：%s" % agency)
        lines.append("地址：%s" % self.address(iss["city"], iss["area"]))
        lines.append("联系方式：%s" % self.landline(iss["area"]))
        lines.append("3.项目联系方式")
        lines.append("项目联系人：%s" % self.person())
        lines.append("电话：%s" % (self.landline(iss["area"]) if self.chance(0.7) else self.mobile()))
        sig = [dict(name=agency)] if self.chance(0.6) else [dict(name=purchaser), dict(name=agency)]
        return title, sig

    # one notice ----------------------------------------------------------
    def notice(self, prev_title):
        """Returns (kind, title lines, body lines, signature+date lines, trailer lines)."""
        r = self.r
        y = r.randint(2016, 2024)
        d = Date(y, r.randint(1, 12), r.randint(1, 28))
        f = r.random()
        kind = ("shenbao" if f < 0.42 else "gongshi" if f < 0.62 else "zhaobiao" if f < 0.76 else
                "zhengqiu" if f < 0.84 else "yinfa" if f < 0.91 else "zhuanfa" if f < 0.95 else "gonggao")
        body = []
        after = []  # text after the signature that belongs to the notice (issued rules, forwarded notice)
        if kind == "zhaobiao":
            title, sig = self.notice_zhaobiao(d, y, body)
            issuers = sig
        else:
            iss = self.issuer()
            issuers = self.joint(iss) if self.chance(0.2) else [iss]
            if kind == "shenbao":
                topic = self.pick(SHENBAO_TOPICS)
                title = self.title(kind, iss, issuers, y, topic)
                self.notice_shenbao(iss, issuers, d, y, topic, body)
            elif kind == "gongshi":
                topic = self.pick(SHENBAO_TOPICS).replace("认定", "").replace("项目", "")
                topic = self.pick([topic + "企业", topic + "项目", topic + "单位"]) if not topic.endswith(("企业", "基地", "平台")) else topic
                title = self.title(kind, iss, issuers, y, topic)
                self.notice_gongshi(iss, issuers, d, y, topic, body)
            elif kind == "zhengqiu":
                topic = self.pick(RULE_TOPICS)
                title = self.title(kind, iss, issuers, y, topic)
                self.notice_zhengqiu(iss, issuers, d, y, topic, body)
            elif kind == "yinfa":
                topic = self.pick(RULE_TOPICS)
                title = self.title(kind, iss, issuers, y, topic)
                self.notice_yinfa(iss, issuers, d, y, topic, body)
                after.append("%s%s" % (iss["placeshort"], topic))
                self.rules_body(topic, after)
            elif kind == "zhuanfa":
                mini = self.issuer("ministry")
                topic = self.pick(SHENBAO_TOPICS)
                inner_title = "%s关于组织开展%d年度%s工作的通知" % (mini["name"], y, topic)
                title = "%s关于转发《%s》的通知" % (iss["name"], inner_title)
                if self.chance(0.7):
                    body.append(self.docno(iss["prefix"], y))
                body.append(self.addressee(iss))
                body.append("现将《%s》（%s）转发给你们，请结合实际认真组织%s，并于%s前将推荐材料报送%s%s。" % (
                    inner_title, self.docno(mini["prefix"], y), self.pick(["申报", "推荐", "实施"]), self.date_any(d.plus(r.randint(10, 30))),
                    iss["name"], iss["office"]))
                self.contacts(iss, d, body)
                inner_d = d.plus(-r.randint(5, 20))
                after.append(inner_title)
                after.append(self.docno(mini["prefix"], y))
                after.append(self.addressee(mini))
                inner = []
                self.notice_shenbao(mini, [mini], inner_d, y, topic, inner)
                after.extend(inner[2:] if inner and inner[0].endswith("号") else inner[1:])
                after.append(mini["name"])
                after.append(self.date_cn(inner_d))
            else:
                topic = self.pick(GONGGAO_TOPICS)
                title = self.title(kind, iss, issuers, y, topic)
                self.notice_gonggao(iss, issuers, d, y, topic, body)
        if title == prev_title:
            title = title.replace("关于", "关于进一步", 1) if "关于" in title else "关于" + title
        sig = []
        if kind == "zhaobiao":
            for s in issuers:
                sig.append(s["name"])
            sig.append(self.date_cn(d, 0))
        else:
            self.signature(issuers, d, sig)
        return kind, title, body, sig, after, d, issuers

    # shapes --------------------------------------------------------------
    @staticmethod
    def width(s):
        return sum(0.5 if ord(c) < 128 else 1.0 for c in s)

    NO_LINE_START = set("，。、；：！？）》」』”’〕】%")

    def wrap(self, s, width):
        """Break s into lines of at most about width (ASCII counts half); closing
        punctuation stays on the line before, as typesetters do."""
        out = []
        cur = []
        w = 0.0
        for c in s:
            cw = 0.5 if ord(c) < 128 else 1.0
            if w + cw > width and cur and c not in self.NO_LINE_START:
                out.append("".join(cur))
                cur, w = [], 0.0
            cur.append(c)
            w += cw
        if cur:
            out.append("".join(cur))
        return out

    SPACE_RE1 = re.compile(r"(?<=[0-9A-Za-z])(?=[\u4e00-\u9fff])")
    SPACE_RE2 = re.compile(r"(?<=[\u4e00-\u9fff])(?=[0-9])")

    def shape_pdf(self, title, lines, tail, out):
        r = self.r
        width = r.randint(36, 40)
        spaced = self.chance(0.6)
        blank_after = self.chance(0.5)
        trail = " " if self.chance(0.8) else ""

        def sp(s):
            if spaced:
                s = self.SPACE_RE2.sub(" ", self.SPACE_RE1.sub(" ", s))
            return s

        phys = []
        # title: one or two lines, broken at about 20 characters sometimes
        # the title is set in a larger font: wrapped at about 18-24 characters
        t = sp(title)
        if self.width(t) > 18 and self.chance(0.7):
            phys += self.wrap(t, r.randint(18, 24))
        else:
            phys.append(t)
        body_start = len(phys)
        for ln in lines:
            phys += self.wrap(sp(ln), width)
        for ln in tail:
            phys.append(sp(ln))
        chunk = []
        since = 0
        per_page = r.randint(30, 48) // (2 if blank_after else 1)
        for i, ln in enumerate(phys):
            chunk.append(ln + trail + "\n")
            if blank_after:
                chunk.append("\n")
            since += 1
            if i >= body_start and since >= per_page and i < len(phys) - 3:
                since = 0
                chunk.append("\n")
                if self.chance(0.5):
                    chunk.append(self.publisher[0] + "  \n")
                    chunk.append(self.publisher[1] + " \n \n")
                chunk.append("第 %d 页 共 %d 页 \n \n" % (self.page, self.pages))
                self.page += 1
                if self.page > self.pages:
                    self.new_issue()
        out.append("".join(chunk))

    def shape_web(self, title, lines, tail, d, iss, out):
        r = self.r
        indent = "　　" if self.chance(0.3) else ""
        blank = self.chance(0.4)
        buf = [title + "\n"]
        if self.chance(0.2):
            src = iss[0]["name"] if self.chance(0.5) else iss[0].get("office", iss[0]["name"])
            buf.append("发布日期：%d-%02d-%02d　　来源：%s\n" % (d.y, d.m, d.d, src))
        if blank:
            buf.append("\n")
        for k, ln in enumerate(lines):
            plain = (len(ln) < 16 and ln[:1] in SECTION_NUMS) or ln.startswith(("附件", "联系", "电话")) or \
                (k < 2 and (ln.endswith("号") or ln.endswith("：")))
            buf.append(("" if plain else indent) + ln + "\n")
            if blank:
                buf.append("\n")
        for ln in tail:
            buf.append(ln + "\n")
        out.append("".join(buf))

    def emit(self, prev_title, stats):
        r = self.r
        kind, title, body, sig, after, d, issuers = self.notice(prev_title)
        out = []
        if self.chance(0.33):
            tag = self.pick(DIGEST_TAGS)
            form = r.random()
            out.append(("[%s]" if form < 0.6 else " [%s] " if form < 0.8 else "  [%s] " if form < 0.9 else "【%s】") % tag + "\n\n")
            stats["tagged"] = stats.get("tagged", 0) + 1
        tail = list(sig)
        tail_after = []
        if self.chance(0.25):
            host = issuers[0].get("domain") or "www.ggzy.gov.cn"
            tail_after.append(("相关链接：" + self.url(host, d)) if self.chance(0.6) else "相关链接：")
            if tail_after[-1] == "相关链接：":
                tail_after.append(self.url(host, d))
        elif self.chance(0.15):
            tail_after.append(self.pick(["（此件主动公开）", "（此件公开发布）", "（联系人：%s，电话：%s）" % (self.person(), self.landline("010"))]))
        shape = "pdf" if self.chance(0.45) else "web"
        if after:
            # the issued rules / forwarded notice come after the signature
            lines_all = body + tail + after
            tail = []
            body = lines_all
        tail = tail + tail_after
        if shape == "pdf":
            self.shape_pdf(title, body, tail, out)
        else:
            self.shape_web(title, body, tail, d, issuers, out)
        text = "".join(out)
        if self.chance(0.03):
            text = text.translate(str.maketrans(TRAD))
            stats["traditional"] = stats.get("traditional", 0) + 1
        sep = self.pick(["\n", "\n", " \n\n", "\n\n", ""])
        stats["kind_" + kind] = stats.get("kind_" + kind, 0) + 1
        stats["shape_" + shape] = stats.get("shape_" + shape, 0) + 1
        self.last = (kind, shape, bool(out) and out[0].lstrip(" ").startswith(("[", "【")))
        return title, text + sep


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=DEFAULT_MB, help="size to write in MiB (default %d)" % DEFAULT_MB)
    ap.add_argument("--out", default=None, help="output file ('-' for stdout; default bench/corpus/corpus-MB.txt)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %d)" % DEFAULT_SEED)
    ap.add_argument("--no-meta", action="store_true", help="do not write PATH.meta.json")
    ap.add_argument("--index", action="store_true",
                    help="also write PATH.index.tsv: for each notice its first line, title line, byte offset, kind, "
                         "shape and title (for bench/split-check.py)")
    args = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    out_path = args.out or os.path.join(here, "corpus", "corpus-%g.txt" % args.mb)
    target = int(args.mb * 1024 * 1024)
    g = Gen(args.seed)
    stats = {}
    t0 = time.time()
    total = 0
    count = 0
    prev = None
    sha = hashlib.sha256()
    if out_path == "-":
        f = sys.stdout.buffer
    else:
        os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
        tmp = out_path + ".part"
        f = open(tmp, "wb")
    pending = []
    pending_len = 0
    index = open(out_path + ".index.tsv", "w") if args.index and out_path != "-" else None
    line = 1
    while total < target:
        prev, text = g.emit(prev, stats)
        b = text.encode("utf-8")
        if index:
            kind, shape, tagged = g.last
            tline = line + 2 if tagged else line  # a tag is written as "TAG\n\n"
            index.write("%d\t%d\t%d\t%s\t%s\t%s\n" % (line, tline, total, kind, shape, prev))
            line += text.count("\n")
        pending.append(b)
        pending_len += len(b)
        total += len(b)
        count += 1
        if pending_len > (4 << 20):
            chunk = b"".join(pending)
            sha.update(chunk)
            f.write(chunk)
            pending, pending_len = [], 0
    chunk = b"".join(pending)
    sha.update(chunk)
    f.write(chunk)
    if index:
        index.close()
    if out_path != "-":
        f.close()
        os.replace(tmp, out_path)
    else:
        f.flush()
    meta = dict(generator="bench/gen-corpus.py", version=VERSION, seed=args.seed, mb=args.mb, bytes=total,
                notices=count, mean_notice_bytes=round(total / max(count, 1)), sha256=sha.hexdigest(),
                python="%d.%d" % sys.version_info[:2], seconds=round(time.time() - t0, 1),
                counts=dict(sorted(stats.items())))
    if out_path != "-" and not args.no_meta:
        with open(out_path + ".meta.json", "w") as mf:
            json.dump(meta, mf, ensure_ascii=False, indent=1)
            mf.write("\n")
    print("wrote %s: %d bytes, %d notices (mean %d bytes) in %.1fs" % (
        out_path, total, count, total // max(count, 1), time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
