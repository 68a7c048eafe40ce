/* test-extract.c: key elements of one notice (include/zhengce/extract.h) from
 * small hand-written notices: title (head line, metadata, mirror segments,
 * 附件 fallback, display script), 文号, addressees, issuers and date from the
 * signature (stacked, inline with labels, letter-spaced), dates with roles,
 * years left out and inferred (from the notice date, from today, across a
 * year end), windows and their labels, the deadline (reader's before
 * intermediaries'), phones and their normalisation, emails, URLs (also
 * broken over lines, rejoined by reflow), addresses, postcodes, contacts,
 * attachments, cited documents, and invalid input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/clean.h"
#include "zhengce/extract.h"
#include "doc.h"

/* Extract from display text (one paragraph per line); the analysis copy is
 * made with zc_clean_simplify, as the pipeline does. */
static void extract(const char *display, const char *today, struct zc_notice *n)
{
	struct zc_buf ana;
	zc_buf_init(&ana, 0);
	assert_int_equal(zc_clean_simplify(display, strlen(display), &ana, NULL), 0);
	zc_notice_init(n);
	struct zc_extract_opts opts = {today};
	assert_int_equal(zc_extract(ana.data ? ana.data : "", display, &opts, n), 0);
	zc_buf_free(&ana);
}

/* The strings of sv joined with '|' (static storage, one of four rotating buffers). */
static const char *join(const struct zc_strv *sv)
{
	static char bufs[4][2048];
	static int k;
	char *buf = bufs[k++ % 4];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		int w = snprintf(buf + used, sizeof(bufs[0]) - used, "%s%s", i ? "|" : "", sv->v[i]);
		assert_true(w > 0 && (size_t)w < sizeof(bufs[0]) - used);
		used += (size_t)w;
	}
	return buf;
}

/* The dates as "date role[ time]" joined with '|'. */
static const char *dates(const struct zc_notice *n)
{
	static char buf[2048];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n->dates.n; i++) {
		const struct zc_date_ref *d = &ZC_VEC_AT(&n->dates, struct zc_date_ref, i);
		int w = snprintf(buf + used, sizeof(buf) - used, "%s%s %s%s%s", i ? "|" : "", d->date,
				 zc_date_role_name(d->role), d->time[0] ? " " : "", d->time);
		assert_true(w > 0 && (size_t)w < sizeof(buf) - used);
		used += (size_t)w;
	}
	return buf;
}

/* The windows as "from..to label" joined with '|'. */
static const char *windows(const struct zc_notice *n)
{
	static char buf[1024];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n->windows.n; i++) {
		const struct zc_window *w = &ZC_VEC_AT(&n->windows, struct zc_window, i);
		int k = snprintf(buf + used, sizeof(buf) - used, "%s%s..%s %s", i ? "|" : "", w->from, w->to,
				 w->label ? w->label : "(null)");
		assert_true(k > 0 && (size_t)k < sizeof(buf) - used);
		used += (size_t)k;
	}
	return buf;
}

/* The cited documents as "title/文号" joined with '|'. */
static const char *cited(const struct zc_notice *n)
{
	static char buf[2048];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n->cited.n; i++) {
		const struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		int w = snprintf(buf + used, sizeof(buf) - used, "%s%s/%s", i ? "|" : "",
				 c->title ? c->title : "-", c->doc_number ? c->doc_number : "-");
		assert_true(w > 0 && (size_t)w < sizeof(buf) - used);
		used += (size_t)w;
	}
	return buf;
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

static const struct zc_contact *contact(const struct zc_notice *n, size_t i)
{
	assert_true(i < n->contacts.n);
	return &ZC_VEC_AT(&n->contacts, struct zc_contact, i);
}

static const char notice1[] =
	"某某省科学技术厅 某某省财政厅关于组织申报2024年度科技创新项目的通知\n"
	"某科发〔2024〕15号\n"
	"各市（州）科技局、财政局，各有关单位：\n"
	"根据《某某省科技计划项目管理办法》（某政发〔2020〕3号）和科技部《国家科技计划管理暂行规定》的要求，"
	"现将有关事项通知如下。\n"
	"一、网上申报时间为2024年3月1日至3月31日，纸质材料请于4月10日前报送至省科技厅。\n"
	"二、联系人：王明，电话：010-68205368010-68205369\n"
	"三、咨询电话：029-63915477/13279104635，传真：0871—63130753，(010)65292807\n"
	"四、电子邮箱：kjc@example.gov.cn\n"
	"五、申报系统：http://www.example.gov.cn/kjxm/apply/index.html\n"
	"附件：1.项目申报书模板\n"
	"2.项目汇总表.xlsx\n"
	"某某省科学技术厅 某某省财政厅\n"
	"2024年2月20日\n";

/* Conditions: a consequence ("…的，视同…") is not one, and "不满2年的"
 * is not a registration age. */
static void test_condition_clauses(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2019年高新技术企业培育库入库企业的通知\n"
		"一、入库条件\n"
		"（一）企业须具有独立法人资格，在云南省内注册成立满一年以上。\n"
		"（二）近2个会计年度（实际经营期不满2年的按实际经营时间计算）研究开发费用总额占同期销售收入总额的比例不低于1.5%。\n"
		"（三）2019年度新申报并获得高新技术企业认定的，视同为成功出库企业进行管理。\n"
		"（四）被列入失信被执行人名单的，不得申报。\n"
		"云南省科学技术厅\n2019年7月26日\n",
		NULL, &n);
	int years = 0, held = 0, barred = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type == ZC_COND_YEARS_SINCE_REGISTRATION) {
			years++;
			assert_true(c->value == 1);
		}
		held += c->type == ZC_COND_QUALIFICATION_HELD;
		barred += strstr(c->text, "不得申报") != NULL;
		assert_null(strstr(c->text, "视同"));
	}
	assert_int_equal(years, 1);
	assert_int_equal(held, 0);
	assert_true(barred >= 1); /* "…的，不得申报" stays a condition */
	zc_notice_free(&n);
}

/* In a conditions section, a preference, the support offered and a quota
 * on recommenders ask nothing of the applicant: no conditions. */
static void test_not_requirements(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2024年度智能制造示范项目的通知\n"
		"一、申报条件\n"
		"（一）申报单位须具有独立法人资格，经营状况良好。\n"
		"（二）通过ISO9001质量管理体系认证的企业优先。\n"
		"（三）单个项目支持资金最高不超过300万元。\n"
		"（四）每个市推荐项目不超过3个。\n"
		"某某省工业和信息化厅\n2024年3月1日\n",
		NULL, &n);
	for (size_t i = 0; i < n.conditions.n; i++) {
		const char *text = ZC_VEC_AT(&n.conditions, struct zc_condition, i).text;
		assert_null(strstr(text, "优先"));
		assert_null(strstr(text, "300万元"));
		assert_null(strstr(text, "推荐项目"));
	}
	assert_true(n.conditions.n >= 1); /* 独立法人资格 stays */
	zc_notice_free(&n);
}

/* The registered region: named in several ways, and never a non-place
 * ("完成注册" is no region condition). */
static void test_region_conditions(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2024年度企业技术中心的通知\n"
		"一、申报条件\n"
		"（一）在中华人民共和国行政区域内注册登记一年以上，具有独立法人资格。\n"
		"（二）申报单位为在川注册的独立法人。\n"
		"（三）项目申报单位应当是注册在山西省内的独立法人单位。\n"
		"（四）在项目管理信息系统完成注册和填报。\n"
		"二、其他事项\n"
		"申报单位应为在我省注册、具有独立法人资格的企业，财务状况良好。\n"
		"某某省工业和信息化厅\n2024年3月1日\n",
		NULL, &n);
	char objects[400] = "";
	int years = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type == ZC_COND_REGISTRATION_REGION) {
			strcat(objects, c->object);
			strcat(objects, "|");
			assert_false(c->negated);
		}
		if (c->type == ZC_COND_YEARS_SINCE_REGISTRATION) {
			assert_true(c->value == 1); /* 注册登记一年以上 */
			years++;
		}
	}
	assert_string_equal(objects, "中华人民共和国|四川省|山西省|我省|");
	assert_int_equal(years, 1);
	zc_notice_free(&n);
}

/* Qualifications held, intellectual property, and a conditions heading
 * inside a flat paragraph (三、供应商资格：1.…；2.…). */
static void test_held_and_ip_conditions(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("某某区市场监督管理局食品快检服务项目竞争性磋商公告\n"
		"一、项目名称：食品快检服务项目 二、采购预算：96万元 三、供应商资格：1.具有独立承担民事责任的能力；"
		"2.具有食品检验机构资质认定证书（CMA）；3.未被列入失信被执行人名单。 四、磋商文件获取：2016年9月5日起。\n"
		"五、申报条件\n"
		"（一）已取得安全生产标准化二级证书满1年。\n"
		"（二）拥有4项以上与主营业务相关的发明专利等自主知识产权。\n"
		"（三）拥有Ⅰ类知识产权或5件以上Ⅱ类知识产权。\n"
		"（四）获得授权对其主要产品在技术上发挥核心支持作用的知识产权的所有权。\n"
		"（五）此前未被认定为国家高新技术企业。\n"
		"（六）在某某市注册、上年度营业收入2000万元以上的规模以上工业企业。\n"
		"申报企业须为已入库国家科技型中小企业信息库的企业。\n"
		"某某区市场监督管理局\n2016年9月1日\n",
		NULL, &n);
	char held[400] = "", ip[200] = "";
	int legal = 0, cma = 0, years1 = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type == ZC_COND_QUALIFICATION_HELD) {
			strcat(held, c->object);
			strcat(held, "|");
			assert_null(strstr(c->object, "高新技术企业")); /* 未被认定为… is not held */
			cma += strstr(c->object, "CMA") != NULL;
			years1 += c->years == 1;
		}
		if (c->type == ZC_COND_THRESHOLD && c->unit && !strcmp(c->unit, "项")) {
			char v[40];
			snprintf(v, sizeof(v), "%g:%s|", c->value, c->metric ? c->metric : "");
			strcat(ip, v);
		}
		legal += c->type == ZC_COND_LEGAL_FORM && strstr(c->object, "独立承担民事责任") != NULL;
	}
	int industrial = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		industrial += c->type == ZC_COND_INDUSTRY && c->object && !strcmp(c->object, "规模以上工业企业");
	}
	assert_int_equal(industrial, 1);
	assert_int_equal(cma, 1);
	assert_int_equal(years1, 1);
	assert_int_equal(legal, 1);
	assert_non_null(strstr(held, "安全生产标准化二级证书|"));
	assert_non_null(strstr(held, "国家科技型中小企业信息库|"));
	assert_non_null(strstr(ip, "4:"));
	assert_non_null(strstr(ip, "5:Ⅱ类知识产权|"));
	assert_non_null(strstr(ip, "1:知识产权|"));
	zc_notice_free(&n);
}

/* A threshold tiered by revenue is one condition with its bands (amounts
 * grouped by thousands, as the national text writes them). */
static void test_tiered_condition(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织开展2023年度高新技术企业认定工作的通知\n"
		"一、认定条件\n"
		"（二）近三个会计年度研究开发费用总额占同期销售收入总额的比例符合要求：最近一年销售收入小于5,000万元（含）的企业，"
		"比例不低于5%；在5,000万元至2亿元（含）的企业，比例不低于4%；在2亿元以上的企业，比例不低于3%；\n"
		"某某省科学技术厅\n2023年5月25日\n",
		NULL, &n);
	int tiered = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		assert_true(c->type != ZC_COND_OTHER); /* the bands are not conditions of their own */
		if (c->n_tiers == 0)
			continue;
		tiered++;
		assert_int_equal(c->n_tiers, 3);
		assert_true(isnan(c->tiers[0].from_wan) && c->tiers[0].to_wan == 5000 && c->tiers[0].value == 5);
		assert_true(c->tiers[1].from_wan == 5000 && c->tiers[1].to_wan == 20000 && c->tiers[1].value == 4);
		assert_true(c->tiers[2].from_wan == 20000 && isnan(c->tiers[2].to_wan) && c->tiers[2].value == 3);
		assert_non_null(strstr(c->metric, "研究开发费用总额占同期销售收入总额的比例"));
	}
	assert_int_equal(tiered, 1);
	zc_notice_free(&n);
}

/* Records named by the authorities that keep them, lists, amounts in dollars. */
static void test_record_and_currency(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2023年度外经贸发展专项资金的通知\n"
		"一、申报条件\n"
		"（一）2022年进出口额在500万美元以上。\n"
		"（二）近三年无海关、税务、外汇等部门行政处罚记录。\n"
		"（三）未列入失信被执行人名单，评价得分不低于80分。\n"
		"某某省商务厅\n2023年5月25日\n",
		NULL, &n);
	int usd = 0, records = 0, lists = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		usd += c->type == ZC_COND_THRESHOLD && c->unit && !strcmp(c->unit, "万美元") && c->value == 500;
		if (c->type == ZC_COND_CLEAN_RECORD) {
			records++;
			assert_non_null(strstr(c->text, "行政处罚记录")); /* not the 失信 list's sentence */
			assert_int_equal(c->years, 3);
		}
		lists += c->type == ZC_COND_QUALIFICATION_NOT_HELD && strstr(c->object, "失信被执行人") != NULL;
	}
	assert_int_equal(usd, 1);
	assert_int_equal(records, 1);
	assert_int_equal(lists, 1);
	zc_notice_free(&n);
}

/* A PDF wraps a title wherever the line is full, inside an issuer's name too. */
/* A page's two dates over the text ("(2020-04-07)" then "2020-04-13") are no
 * signature: the 落款 at the end signs. */
static void test_dates_over_text_sign_nothing(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("某某厅关于公布2019年度科学技术奖获奖项目目录的通知\n(2020-04-07)\n2020-04-13\n各有关单位：\n"
		"现将2019年度科学技术奖获奖项目目录予以公布。\n某某省科学技术厅\n2020年4月2日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某省科学技术厅");
	assert_string_equal(str(n.issued_on), "2020-04-02");
	zc_notice_free(&n);
}

/* A site's issuer name over a document's title without 关于 is the page's
 * header (a breadcrumb between them is page furniture). */
static void test_title_under_site_name(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("某某省人民政府\n某某省电动自行车管理规定\n"
		"发布日期：2023-05-15　　来源：省政府办公厅\n某某省人民政府令\n第312号\n"
		"《某某省电动自行车管理规定》已经省人民政府常务会议审议通过，现予公布。\n省长　某某某\n2023年5月10日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某省电动自行车管理规定");
	zc_notice_free(&n);
	/* A web site's name over a short title without 关于. */
	extract("某某先锋网\n市管领导干部任前公示\n现将有关情况公示如下。\n中共某某市委组织部\n2024年5月6日\n", NULL, &n);
	assert_string_equal(str(n.title), "市管领导干部任前公示");
	zc_notice_free(&n);
	/* Over a document's title too (a 政务服务网's 办事指南); a line naming a
	 * year and ending in 网 is a title's matter cut short. */
	extract("某某省政务服务网\n高新技术企业认定办事指南\n一、基本信息\n事项名称　高新技术企业认定\n", NULL, &n);
	assert_string_equal(str(n.title), "高新技术企业认定办事指南");
	zc_notice_free(&n);
	extract("2024年度某某市工业互联网\n标杆工厂认定管理办法\n第一条　为推动工业互联网发展，制定本办法。\n", NULL, &n);
	assert_string_equal(str(n.title), "2024年度某某市工业互联网标杆工厂认定管理办法");
	zc_notice_free(&n);
	/* The same name opening the title's first line: still the header. */
	extract("某某省科学技术厅\n某某省科学技术厅关于组织申报2024年度科技成果转化引\n导专项项目的通知\n"
		"各有关单位：\n现将有关事项通知如下。\n某某省科学技术厅\n2024年6月28日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某省科学技术厅关于组织申报2024年度科技成果转化引导专项项目的通知");
	zc_notice_free(&n);
	/* A title without 关于 cut in two: the first line is no site name when it
	 * ends like none ("…飞秒激光"). */
	extract("某某大学光电材料与器件国家重点实验室飞秒激光\n三维直写加工系统单一来源采购公示\n"
		"现将有关情况公示如下。\n某某大学\n2024年3月11日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某大学光电材料与器件国家重点实验室飞秒激光三维直写加工系统单一来源采购公示");
	zc_notice_free(&n);
	/* A 关于 title cut after a kind word inside it, over a short tail. */
	extract("某某市市场监督管理局关于开展2024年度“守合同重信用”企业公示活\n动的通知\n"
		"各有关企业：\n现将有关事项通知如下。\n某某市市场监督管理局\n2024年3月20日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某市市场监督管理局关于开展2024年度“守合同重信用”企业公示活动的通知");
	zc_notice_free(&n);
}

static void test_title_wrapped_inside_name(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("安徽省发展和改革委员会、安徽省市场监督管\n理局2021年度技能大师工作室企业拟入选名单\n公示\n"
		"根据有关规定，经单位申报、专家评审，现将拟入选名单予以公示。\n某某局\n2021年5月6日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "安徽省发展和改革委员会、安徽省市场监督管理局2021年度技能大师工作室企业拟入选名单公示");
	zc_notice_free(&n);
	extract("江西省知识产权局、江西省卫生健康委员会、江\n西省农业农村厅关于清理长期未年检单位的公告\n"
		"根据有关规定，现将有关事项公告如下。\n江西省知识产权局\n2022年10月2日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "江西省知识产权局、江西省卫生健康委员会、江西省农业农村厅关于清理长期未年检单位的公告");
	zc_notice_free(&n);
	extract("绵阳市住房和城乡建设局、绵阳市科学技术\n局关于注销部分机构资质的公告\n"
		"根据有关规定，现将有关事项公告如下。\n绵阳市科学技术局\n2022年10月2日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "绵阳市住房和城乡建设局、绵阳市科学技术局关于注销部分机构资质的公告");
	zc_notice_free(&n);
	/* Wrapped right before a word that is also a page label (时间, 发布, 来源): no label without a value. */
	extract("某某省三部门关于调整政务服务大厅办公\n时间的通告\n"
		"为方便群众办事，现将有关事项通告如下：\n一、自2023年6月1日起调整。\n某某省政务服务中心\n2023年5月20日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某省三部门关于调整政务服务大厅办公时间的通告");
	zc_notice_free(&n);
	extract("关于做好2023年度政策文件集中\n发布工作的通知\n各有关单位：\n现将有关事项通知如下。\n某某局\n2023年5月20日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "关于做好2023年度政策文件集中发布工作的通知");
	zc_notice_free(&n);
	/* A number cut at the line end; a list of bodies cut after the last one's place;
	 * one body and the matter's year over the rest of the title; joint bodies over a
	 * title without 关于. */
	static const char *const wrapped[][2] = {
		{"某某市工业和信息化局、某某市住房和城乡建设局 2\n021 年度科普基地拟入选名单公示\n",
		 "某某市工业和信息化局、某某市住房和城乡建设局 2021 年度科普基地拟入选名单公示"},
		{"北京市朝阳区工业和信息化局、北京市朝阳区\n交通运输局关于开展年度报告公示的通告\n",
		 "北京市朝阳区工业和信息化局、北京市朝阳区交通运输局关于开展年度报告公示的通告"},
		{"哈尔滨市市场监督管理局2022年度制造业\n单项冠军企业培育企业拟入选名单公示\n",
		 "哈尔滨市市场监督管理局2022年度制造业单项冠军企业培育企业拟入选名单公示"},
		{"沈阳市发展和改革委员会、沈阳市财政局\n2022年度科技领军企业拟入选名单公示\n",
		 "沈阳市发展和改革委员会、沈阳市财政局2022年度科技领军企业拟入选名单公示"},
	};
	for (size_t i = 0; i < sizeof(wrapped) / sizeof(wrapped[0]); i++) {
		char text[1024];
		snprintf(text, sizeof(text), "%s根据有关规定，经单位申报、专家评审，现予以公示。\n某某局\n2022年5月6日\n",
			 wrapped[i][0]);
		extract(text, NULL, &n);
		assert_string_equal(str(n.title), wrapped[i][1]);
		zc_notice_free(&n);
	}
	/* The kind word itself cut across the line end. */
	extract("某某市发展和改革委员会关于开展年度报告公示的通\n告\n按照上级工作部署，现将有关事项通告如下：\n某某局\n2022年5月6日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某市发展和改革委员会关于开展年度报告公示的通告");
	zc_notice_free(&n);
	/* One body over a whole title with no year is the page's department header. */
	extract("某某市市场监督管理局\n不动产首次登记公告\n根据有关规定，现予公告。\n某某局\n2022年5月6日\n", NULL, &n);
	assert_string_equal(str(n.title), "不动产首次登记公告");
	zc_notice_free(&n);
	/* A label with its value is still page chrome, not the rest of a title. */
	extract("关于开展科技特派员选派工作的通知\n来源 某某市科学技术局\n各有关单位：\n现将有关事项通知如下。\n某某局\n2023年5月20日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "关于开展科技特派员选派工作的通知");
	zc_notice_free(&n);
}

/* A range is two thresholds: at least the low end, at most the high end. */
static void test_range_condition(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于开展2023年度科技小巨人领军企业认定工作的通知\n"
		"一、认定条件\n"
		"（一）上年度营业收入在5000万元至5亿元之间，研发费用占营业收入比例不低于5%。\n"
		"某某市科学技术局\n2023年5月25日\n",
		NULL, &n);
	char got[200] = "";
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type == ZC_COND_THRESHOLD && c->metric && !strcmp(c->metric, "上年度营业收入")) {
			char v[60];
			snprintf(v, sizeof(v), "%s%g%s|", c->op, c->value, c->unit);
			strcat(got, v);
		}
	}
	assert_string_equal(got, ">=5000万元|<=5亿元|");
	zc_notice_free(&n);
}

static void test_full_notice(void **state)
{
	(void)state;
	struct zc_notice n;
	extract(notice1, NULL, &n);
	assert_string_equal(str(n.title), "某某省科学技术厅 某某省财政厅关于组织申报2024年度科技创新项目的通知");
	assert_string_equal(str(n.doc_number), "某科发〔2024〕15号");
	assert_string_equal(join(&n.addressees), "各市（州）科技局|财政局|各有关单位");
	assert_string_equal(join(&n.issuers), "某某省科学技术厅|某某省财政厅");
	assert_string_equal(n.issued_on, "2024-02-20");
	assert_string_equal(str(n.category), "申报通知");
	/* 3月31日 and 4月10日 take their year from the range start and the notice date. */
	assert_string_equal(dates(&n), "2024-03-01 window_start|2024-03-31 window_end|2024-04-10 deadline|"
				       "2024-02-20 issued");
	assert_string_equal(windows(&n), "2024-03-01..2024-03-31 网上申报时间");
	assert_string_equal(n.deadline, "2024-04-10");
	assert_string_equal(join(&n.phones), "010-68205368|010-68205369|029-63915477|13279104635|"
					     "0871-63130753|010-65292807");
	assert_string_equal(join(&n.emails), "kjc@example.gov.cn");
	assert_string_equal(join(&n.urls), "http://www.example.gov.cn/kjxm/apply/index.html");
	assert_string_equal(join(&n.attachments), "项目申报书模板|项目汇总表");
	assert_string_equal(cited(&n), "某某省科技计划项目管理办法/某政发〔2020〕3号|国家科技计划管理暂行规定/-");
	/* Contacts: the named one with its two glued numbers. */
	assert_int_equal(n.contacts.n, 2);
	assert_string_equal(str(contact(&n, 0)->name), "王明");
	assert_string_equal(join(&contact(&n, 0)->phones), "010-68205368|010-68205369");
	assert_null(contact(&n, 1)->name);
	assert_string_equal(join(&contact(&n, 1)->phones), "029-63915477|13279104635|0871-63130753|010-65292807");
	/* The body as displayed. */
	assert_string_equal(str(n.text), notice1);
	zc_notice_free(&n);
}

static void test_phones(void **state)
{
	(void)state;
	struct zc_notice n;
	/* Each form from the contract, one per line. */
	extract("关于某事项的通知\n"
		"电话：010-68205368010-68205369\n"
		"电话：029-63915477/13279104635\n"
		"电话：0871—63130753\n"
		"电话：(010)65292807\n"
		"电话：010-68205132/5721\n"
		"咨询热线 010-62345678转123\n"
		"传真号码：（0871）65123457，座机0871 65123456。\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "010-68205368|010-68205369|029-63915477|13279104635|0871-63130753|"
					     "010-65292807|010-68205132|010-68205721|010-62345678-123|"
					     "0871-65123457|0871-65123456");
	zc_notice_free(&n);

	/* Numbers that are not phones: without area code and without phone words,
	 * after 编号/账号/QQ, glued to 元; a bare number with a phone word counts. */
	extract("关于某事项的通知\n"
		"项目编号：22345678，合同金额22345678元，QQ群：223456789。\n"
		"单位账号：6222020200112233，序号 32345678。\n"
		"请联系电话：87654321，手机13800138000。\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "87654321|13800138000");
	zc_notice_free(&n);

	/* A phone inside a URL is not a phone. */
	extract("关于某事项的通知\n详见http://www.example.gov.cn/art/010-62345678.html\n", NULL, &n);
	assert_string_equal(join(&n.phones), "");
	zc_notice_free(&n);

	/* A 123xx hotline listed after another number, far from the word 电话;
	 * a count of 12345 is no phone. */
	extract("关于某事项的通知\n举报电话：023-63672345（工作日）、12345（全天）。共收到意见12345条。\n", NULL, &n);
	assert_string_equal(join(&n.phones), "12345|023-63672345");
	zc_notice_free(&n);

	/* A 123xx hotline after an area code. */
	extract("关于某事项的通知\n来电：0746-12380、0746-8226153（工作日）。\n", NULL, &n);
	assert_string_equal(join(&n.phones), "0746-12380|0746-8226153");
	zc_notice_free(&n);

	/* Rows of a contact table under its 联系电话 header, however many; a
	 * number glued to letters (a credit code) is none. */
	extract("关于某事项的通知\n区（县） 联系人 联系电话\n天山区 王某 88251643\n沙区 李某 88251644\n"
		"新市区 张某 88251645\n水区 赵某 88251646\n河区 钱某 83952036\n东区 孙某 86712485\n"
		"统一社会信用代码 91330102MA2B1234X\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "88251643|88251644|88251645|88251646|83952036|86712485");
	zc_notice_free(&n);

	/* An emergency number the text says to call; not a voltage. */
	extract("关于某事项的通知\n可拨打110或12345举报，报警电话：119。新建110千伏变电站。\n", NULL, &n);
	assert_string_equal(join(&n.phones), "110|12345|119");
	zc_notice_free(&n);

	/* A local number spaced in two after its area code; not a year and a count. */
	extract("关于某事项的通知\n联系人：田某　0551—6532 1235，传真：（0551）6532 1236，2024 1234。\n", NULL, &n);
	assert_string_equal(join(&n.phones), "0551-65321235|0551-65321236");
	zc_notice_free(&n);

	/* Next to the plain shapes (area-number, number, mobile), the forms
	 * beside them: an extension, a number too long, a letter or sign
	 * before, 86 first, a second dash, a space before 转. */
	extract("关于某事项的通知\n"
		"电话：0571-88888888-123，传真：0571-888888889，电话：x0571-88888888\n"
		"电话：86123456，电话：22123456，手机：139123456780，手机：13912345678转5\n"
		"电话：0571-8888888 转 12，电话：05711-8888888，电话：010-2345678e，电话：0571--88888888\n"
		"联系电话：（0571）88888888、0571-88888888/9、028.86671234，电话：_0571-88888888，88888888元\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "0571-88888888|0571-88888888-123|86123456|22123456|13912345678|"
					     "0571-8888888-12|010-2345678");
	zc_notice_free(&n);
	/* An area code in brackets, extensions after 转 and '-', and the forms beside them. */
	extract("关于某事项的通知\n"
		"电话：（0571）88888888转123，传真：(010)62345678-5，电话：（0571） 22888888，电话：（05711）8888888\n"
		"电话：（021）8888888转123456，电话：0571-88888888-0571-1，电话：13912345678-12，"
		"电话：（0571）88888888—12，电话：0571-23456789转 5\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "0571-88888888-123|010-62345678-5|0571-22888888|8888888|021-8888888|"
					     "0571-88888888-0571|13912345678|0571-88888888-12|0571-23456789-5");
	zc_notice_free(&n);
}

static void test_emails_urls(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于某事项的通知\n"
		"邮箱：kjc@example.gov.cn。备用E-mailyu314@example.com，"
		"网站https://kjj.example.gov.cn/tzgg/202405/t20240506_1.html?id=7&x=1。\n"
		"网址：www。example。gov。cn，另见kjt.example.gov.cn/zwgk/（含附件）。\n",
		NULL, &n);
	assert_string_equal(join(&n.emails), "kjc@example.gov.cn|yu314@example.com");
	assert_string_equal(join(&n.urls), "https://kjj.example.gov.cn/tzgg/202405/t20240506_1.html?id=7&x=1|"
					   "www.example.gov.cn|kjt.example.gov.cn/zwgk/");
	zc_notice_free(&n);
	/* A scheme typed with a full-width colon, and in capitals. */
	extract("关于某事项的通知\n详见：http：//kjj.example.gov.cn/art_1.html，或HTTP://WWW.EXAMPLE.GOV.CN/a。\n", NULL, &n);
	assert_string_equal(join(&n.urls), "http://kjj.example.gov.cn/art_1.html|HTTP://WWW.EXAMPLE.GOV.CN/a");
	zc_notice_free(&n);
	/* In capitals throughout. */
	extract("关于某事项的通知\n详见HTTP://WWW.EXAMPLE.GOV.CN/A 。\n", NULL, &n);
	assert_string_equal(join(&n.urls), "HTTP://WWW.EXAMPLE.GOV.CN/A");
	zc_notice_free(&n);

	/* A reposting site's trailer: its hotline is not the notice's. */
	extract("关于某事项的通知\n各有关单位：\n请按要求申报。联系电话：0971-8246317。\n某某市工业和信息化局\n"
		"2025年4月3日\n——以上内容来源于政府官网，由某某平台整理——\n申报咨询：400-920-3366\n",
		NULL, &n);
	assert_string_equal(join(&n.phones), "0971-8246317");
	zc_notice_free(&n);

	/* Addresses masked against harvesters are read with the @ put back;
	 * a '#' outside a paragraph about e-mail is not a mask. */
	extract("关于某事项的通知\n电子邮箱：kjc#example.com（请将#换成@）\n"
		"邮箱：gxc[at]example.gov.cn\n详见http://www.example.gov.cn/a.html#b.cn\n",
		NULL, &n);
	assert_string_equal(join(&n.emails), "kjc@example.com|gxc@example.gov.cn");
	zc_notice_free(&n);

	/* An address spaced out by a PDF: its domain is no URL. */
	extract("关于某事项的通知\n请将材料发送至邮箱：kjj_gxc @ xm.example.gov.cn。\n", NULL, &n);
	assert_string_equal(join(&n.urls), "");
	zc_notice_free(&n);
}

static void test_url_broken_by_reflow(void **state)
{
	(void)state;
	/* A hard-wrapped text with a URL cut at the line end: reflow rejoins it. */
	static const char text[] =
		"关于组织开展二〇二四年度中小企业技术创新项目申报工作的通知\n"
		"各区县科技主管部门，各有关企业和单位：为贯彻落实省委省政府关于推动\n"
		"中小企业高质量发展的决策部署，进一步激发企业创新活力，现就组织开展\n"
		"本年度中小企业技术创新项目申报工作的有关事项通知如下，请认真组织做\n"
		"好申报工作。\n"
		"一、申报对象为在本市注册登记满一年以上，具有独立法人资格的科技型中\n"
		"小企业，企业上年度研发投入占销售收入的比例不低于百分之三的企业。\n"
		"二、申报材料通过系统在线提交，系统网址为http://www.example.gov.cn/\n"
		"kjxm/apply/index.html，逾期不予受理，详见附件说明和填报指南的有关要求。\n";
	struct zc_doc doc;
	zc_doc_init(&doc);
	assert_int_equal(zc_doc_load(&doc, text, strlen(text)), 0);
	zc_furniture_mark(&doc);
	zc_reflow_measure(&doc);
	struct zc_buf a, d;
	zc_buf_init(&a, 0);
	zc_buf_init(&d, 0);
	assert_int_equal(zc_reflow(&doc, 0, doc.lines.n, &a, &d), 0);
	struct zc_notice n;
	zc_notice_init(&n);
	assert_int_equal(zc_extract(a.data, d.data, NULL, &n), 0);
	assert_string_equal(str(n.title), "关于组织开展二〇二四年度中小企业技术创新项目申报工作的通知");
	assert_string_equal(join(&n.urls), "http://www.example.gov.cn/kjxm/apply/index.html");
	zc_notice_free(&n);
	zc_buf_free(&a);
	zc_buf_free(&d);
	zc_doc_free(&doc);
}

static void test_year_inference(void **state)
{
	(void)state;
	struct zc_notice n;
	/* A December notice asking for replies in January: next year. The last
	 * date anyone must act by is the deadline, intermediaries' steps included,
	 * unless the notice names another date its 截止 date (below). */
	extract("关于开展年度统计报表报送工作的通知\n"
		"各有关单位：\n"
		"请于1月10日前报送年度报表，各区县科技局于1月20日前汇总上报。\n"
		"某某市科学技术局\n"
		"2023年12月15日\n",
		NULL, &n);
	assert_string_equal(n.issued_on, "2023-12-15");
	assert_string_equal(dates(&n), "2024-01-10 deadline|2024-01-20 deadline|2023-12-15 issued");
	assert_string_equal(n.deadline, "2024-01-20");
	zc_notice_free(&n);
	extract("关于开展年度统计报表报送工作的通知\n"
		"各有关单位：\n"
		"受理截止时间为1月10日，各区县科技局于1月20日前报送工作总结。\n"
		"某某市科学技术局\n"
		"2023年12月15日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-01-10");
	zc_notice_free(&n);

	/* A period counted from an opening date (公示期自X起5个工作日, …起，公示期为7天):
	 * its last day, working days after the State Council's holidays, is the
	 * date to act by; no window (none is written). 30日内 counts from the next
	 * day by law: left out. */
	extract("关于拟发放创业补贴名单的公示\n"
		"现将名单予以公示，公示期自2025年9月26日起5个工作日。\n"
		"某某区人力资源和社会保障局\n"
		"2025年9月25日\n",
		NULL, &n);
	assert_string_equal(dates(&n), "2025-09-26 mention|2025-10-09 deadline|2025-09-25 issued");
	assert_string_equal(n.deadline, "2025-10-09");
	assert_int_equal(n.windows.n, 0);
	zc_notice_free(&n);
	extract("关于某某项目的公示\n自2025年7月14日起，公示期为七天。\n某某局\n2025年7月11日\n", NULL, &n);
	assert_string_equal(n.deadline, "2025-07-20");
	zc_notice_free(&n);
	extract("关于某某事项的通告\n请自2025年7月14日起30日内提交申请。\n某某局\n2025年7月11日\n", NULL, &n);
	assert_string_equal(n.deadline, "");
	zc_notice_free(&n);

	/* A file's size beside its name over the 落款 is no body that signs. */
	extract("兰州市某某区教育局设备采购项目公开招标公告\n"
		"有意向的供应商请于2025年8月15日前获取招标文件。\n"
		"附件信息：\n"
		"某某区设备采购项目招标文件.pdf  3.2 MB\n"
		"甘肃中正项目管理咨询有限公司\n"
		"2025年8月8日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "甘肃中正项目管理咨询有限公司");
	zc_notice_free(&n);

	/* A date in brackets glossing a relative day (本周五（11月29日）前): the
	 * words after the bracket govern it. A bracketed date alone is no deadline. */
	extract("关于举办政策宣讲会的通知\n"
		"请于本周五（11月29日）前报名，会议于（2024年12月4日）召开。\n"
		"某某区经济发展局\n"
		"2024年11月25日\n",
		NULL, &n);
	assert_string_equal(dates(&n), "2024-11-29 deadline|2024-12-04 event|2024-11-25 issued");
	assert_string_equal(n.deadline, "2024-11-29");
	zc_notice_free(&n);

	/* A step someone announces they will take by a date (我委将于…前公布,
	 * 各学校将于…前完成核对) asks nothing of the reader; a date facts are
	 * counted at (以…为准) is no deadline either. */
	extract("关于举行居民用气价格听证会的公告\n"
		"一、报名时间：2024年7月15日至7月24日。\n"
		"二、我委将于2024年8月1日前在门户网站公布听证会参加人名单，各学校将于8月5日前完成核对。\n"
		"三、户籍信息截止时间以2024年8月31日为准。\n"
		"某某市发展和改革委员会\n"
		"2024年7月10日\n",
		NULL, &n);
	assert_string_equal(dates(&n), "2024-07-15 window_start|2024-07-24 window_end|2024-08-01 event|"
				       "2024-08-05 event|2024-08-31 condition|2024-07-10 issued");
	assert_string_equal(n.deadline, "2024-07-24");
	zc_notice_free(&n);

	/* A notice that issues a policy document: the document's targets after
	 * the signature are no deadline; a 申报指南's dates there are. */
	extract("某某市人民政府办公室关于印发某某市充电设施建设实施方案的通知\n"
		"各县区人民政府：\n现将方案印发给你们，请认真贯彻执行。\n"
		"某某市人民政府办公室\n2024年3月1日\n"
		"某某市充电设施建设实施方案\n一、目标\n2026年6月30日前实现重点村充电桩覆盖率不低于80%。\n",
		NULL, &n);
	assert_string_equal(n.deadline, "");
	zc_notice_free(&n);
	extract("某某市科学技术局关于印发2024年度科技计划项目申报指南的通知\n"
		"各有关单位：\n现将指南印发给你们。\n"
		"某某市科学技术局\n2024年3月1日\n"
		"2024年度科技计划项目申报指南\n一、申报时间\n请于2024年4月30日前提交申报材料。\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-04-30");
	zc_notice_free(&n);

	/* A forwarding text without a 落款, then the forwarded notice under "附：":
	 * its signature and dates are not this notice's. */
	extract("关于转发《省工业和信息化厅关于组织开展示范工厂申报工作的通知》的通知\n"
		"发布日期：2024-05-23\n区内各有关企业：\n"
		"现将省厅通知转发给你们，有意向申报的企业请于6月10日前将申报书报送经济发展局。\n"
		"附：\n省工业和信息化厅关于组织开展示范工厂申报工作的通知\n各设区市工业和信息化局：\n"
		"请于2024年6月28日前将推荐文件报送省工业和信息化厅。\n江苏省工业和信息化厅\n2024年5月15日\n",
		NULL, &n);
	assert_string_equal(n.issued_on, "2024-05-23");
	assert_string_equal(join(&n.issuers), "");
	assert_string_equal(n.deadline, "2024-06-10");
	zc_notice_free(&n);

	/* A heading that names the act over "即日起至X"; a step already taken
	 * (已于X上传) and a range the notice replaces (原定…为X至Y) are no deadline. */
	extract("关于公开征求意见的公告\n发布日期：2024-10-15\n一、征集时间\n即日起至2024年11月30日。\n"
		"二、澄清文件已于2024年10月20日上传至平台。\n三、原定网上申报时间为2024年10月15日至10月25日。\n",
		NULL, &n);
	assert_string_equal(windows(&n), "2024-10-15..2024-11-30 征集时间");
	assert_string_equal(n.deadline, "2024-11-30");
	zc_notice_free(&n);

	/* Funds the body pays out by a date, and a date that qualifies the
	 * applications (7月31日前受理的申请), are no deadline. */
	extract("关于做好农机购置补贴工作的通知\n申请时间：2024年3月1日起至2024年11月30日止，逾期不再受理。\n"
		"2024年7月31日前受理的申请，于2024年9月30日前兑付到位；其余于2025年1月20日前兑付到位。\n"
		"请于2024年4月30日前将盖章后的材料报送。\n某某县农业农村局\n2024年2月20日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-11-30");
	zc_notice_free(&n);

	/* Only intermediaries' deadlines: the latest of them. */
	extract("关于开展年度统计报表报送工作的通知\n"
		"各有关单位：\n"
		"各区县科技局于1月20日前汇总上报，各市科技局于1月25日前审核报送。\n"
		"某某市科学技术局\n"
		"2023年12月15日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-01-25");
	zc_notice_free(&n);

	/* No notice date: the caller's today; more than three months before it: next year. */
	static const char bare[] = "关于某事项的通知\n请于5月31日前报送。\n";
	extract(bare, "2024-02-01", &n);
	assert_string_equal(dates(&n), "2024-05-31 deadline");
	assert_string_equal(n.deadline, "2024-05-31");
	assert_string_equal(n.issued_on, "");
	zc_notice_free(&n);
	extract(bare, "2024-11-15", &n);
	assert_string_equal(n.deadline, "2025-05-31");
	zc_notice_free(&n);
	/* Nothing to infer the year from: the date is left out. */
	extract(bare, NULL, &n);
	assert_int_equal(n.dates.n, 0);
	assert_string_equal(n.deadline, "");
	zc_notice_free(&n);
	/* A malformed today is ignored. */
	extract(bare, "2024/02/01", &n);
	assert_int_equal(n.dates.n, 0);
	zc_notice_free(&n);

	/* The first full date in the text stands in for the notice date. */
	extract("关于某事项的通知\n2024年9月1日起开始受理，请于10月15日前提交。\n", NULL, &n);
	assert_string_equal(n.deadline, "2024-10-15");
	zc_notice_free(&n);

	/* A system that closes is a deadline; what happens "逾期…自X起" is not. */
	extract("关于开展证照换发工作的通告\n"
		"办理时间：2024年9月1日至10月31日。网上系统将于11月5日17:00关闭。\n"
		"逾期未换发的，原证自2024年12月1日起不再使用。\n"
		"某某省交通运输厅\n"
		"2024年8月25日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-11-05");
	zc_notice_free(&n);

	/* A forwarded notice printed after the signature: its own deadline is
	 * for the forwarding body, not for this notice's readers. */
	extract("某某省财政厅关于转发《财政部关于开展绩效评价的通知》的通知\n"
		"各市财政局：\n"
		"现将上述通知转发给你们，请于10月20日前将评价报告报送我厅。\n"
		"某某省财政厅\n"
		"2025年9月28日\n"
		"财政部关于开展绩效评价的通知\n"
		"各省财政厅：\n"
		"请于2025年11月10日前报送评价报告。\n"
		"财政部\n"
		"2025年9月1日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2025-10-20");
	zc_notice_free(&n);
}

static void test_roles_and_windows(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于举办2024年科技成果对接会的通知\n"
		"各有关单位：\n"
		"一、报名时间\n"
		"2024年6月1日9:00至6月10日17:00\n"
		"二、会议时间\n"
		"对接会定于2024年6月20日下午2点在市科技馆举行。\n"
		"三、有关要求\n"
		"各区科技局于6月12日前汇总报送。上年度项目执行期为2023年1月1日至2023年12月31日。"
		"请于2024年4月1日前完成登记。2023年1月1日后注册的企业可以报名。\n"
		"本通知自2024年6月1日起施行，有效期至2026年12月31日前。\n"
		"某某市科学技术局\n"
		"2024年5月6日\n",
		NULL, &n);
	assert_string_equal(dates(&n), "2024-06-01 window_start 09:00|2024-06-10 window_end 17:00|"
				       "2024-06-20 event 14:00|2024-06-12 deadline|"
				       "2023-01-01 window_start|2023-12-31 window_end|2024-04-01 deadline|"
				       "2023-01-01 condition|2024-06-01 mention|2026-12-31 deadline|"
				       "2024-05-06 issued");
	/* A period that ended before the notice is data, not a window; the label
	 * comes from the heading above. */
	assert_string_equal(windows(&n), "2024-06-01..2024-06-10 报名时间");
	/* The last date to act: the districts' 6月12日 (no date is called the
	 * 截止 date); not a past deadline, not a validity date. */
	assert_string_equal(n.deadline, "2024-06-12");
	zc_notice_free(&n);

	/* A day-only range end and a 公示期 label. */
	extract("关于2024年度拟立项项目的公示\n"
		"现将拟立项项目予以公示，公示期为2024年3月3日—9日。\n"
		"某某市科学技术局\n"
		"2024年3月1日\n",
		NULL, &n);
	assert_string_equal(windows(&n), "2024-03-03..2024-03-09 公示期");
	assert_string_equal(n.deadline, "2024-03-09");
	assert_string_equal(str(n.category), "公示公告");
	zc_notice_free(&n);

	/* Batches listed as items under a heading: each is a window for acting,
	 * the deadline is the last batch's end; a 公告期 is a window to object in. */
	extract("关于做好2024年度职称申报工作的通知\n"
		"三、申报批次及时间\n"
		"全年分三批集中受理，申报人在线提交材料：\n"
		"（一）第一批（工程系列）：2024年5月8日至5月19日；\n"
		"（二）第二批（教育系列）：2024.8.7—2024.8.18；\n"
		"（三）第三批（其他系列）：10月9日至10月20日。\n"
		"某某省人力资源和社会保障厅\n"
		"2024年4月20日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-10-20");
	zc_notice_free(&n);
	extract("关于拟强制注销部分企业的公告\n"
		"公告期：2024年9月1日至2024年10月15日。\n"
		"某某市市场监督管理局\n"
		"2024年8月30日\n",
		NULL, &n);
	assert_string_equal(n.deadline, "2024-10-15");
	zc_notice_free(&n);

	/* A window written as an opening and a closing date apart, in one
	 * sentence or the next, or opened 即日 (on the notice's date); an
	 * effective date (自…起施行) and a registration date open none. */
	extract("关于开展2023年度标准化项目申报的通知\n"
		"一、申报系统自2023年6月5日起开放，截止时间为2023年7月5日17:00。\n"
		"二、初审于2023年7月8日起开始。各区于7月20日止完成推荐。\n"
		"三、补充材料自即日起受理，截至2023年6月15日。\n"
		"四、本办法自2023年3月1日起施行，有效期至2028年2月28日。\n"
		"五、自2020年1月1日起注册的企业，应于2023年7月10日前提交材料。\n"
		"某某市市场监督管理局\n"
		"2023年5月20日\n",
		NULL, &n);
	assert_string_equal(dates(&n), "2023-06-05 window_start|2023-07-05 window_end 17:00|"
				       "2023-07-08 window_start|2023-07-20 window_end|2023-06-15 window_end|"
				       "2023-03-01 mention|2028-02-28 mention|2020-01-01 condition|"
				       "2023-07-10 deadline|2023-05-20 issued");
	assert_string_equal(windows(&n), "2023-06-05..2023-07-05 申报系统|2023-07-08..2023-07-20 初审|"
					 "2023-05-20..2023-06-15 补充材料");
	assert_string_equal(n.deadline, "2023-07-20");
	zc_notice_free(&n);
}

static void test_signature(void **state)
{
	(void)state;
	struct zc_notice n;
	/* Inline, with labels. */
	extract("某某市科技馆展陈改造项目中标结果公告\n"
		"本项目已完成评审，现将中标结果公告如下，公告期为1个工作日。\n"
		"采购单位：某某市科学技术局 采购代理机构：某某招标有限公司 2024年7月26日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某市科学技术局|某某招标有限公司");
	assert_string_equal(n.issued_on, "2024-07-26");
	assert_string_equal(str(n.category), "招标采购");
	zc_notice_free(&n);

	/* A list of companies or schools right above the 落款 is no part of it. */
	extract("关于拟认定企业名单的公示\n"
		"现将拟认定企业名单公示如下。\n"
		"某某精密机械有限公司\n"
		"某某新材料科技有限公司\n"
		"某某市经济和信息化局\n"
		"2023年5月31日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某市经济和信息化局");
	zc_notice_free(&n);
	extract("关于公布文明校园名单的通知\n"
		"名单如下：\n"
		"某某市第一中学\n"
		"某某市实验小学\n"
		"某某职业学院\n"
		"某某省教育厅\n"
		"某某省文明办公室\n"
		"2023年9月1日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某省教育厅|某某省文明办公室");
	zc_notice_free(&n);

	/* Letter-spaced, Chinese-numeral date, seal mark dropped. */
	extract("关于表彰先进集体的决定\n"
		"各有关单位：\n"
		"经研究，决定对以下集体予以表彰。\n"
		"科 技 部\n"
		"二〇二四年一月八日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "科技部");
	assert_string_equal(n.issued_on, "2024-01-08");
	assert_null(n.category);
	zc_notice_free(&n);

	extract("关于某事项的通知\n"
		"各有关单位：\n"
		"请按要求执行。\n"
		"某某市科学技术局（盖章）    某某市财政局（盖章）\n"
		"2024年1月8日\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某市科学技术局|某某市财政局");
	zc_notice_free(&n);

	/* No signature date: a metadata field gives the notice's date. */
	extract("关于某事项的通知\n发布时间：2024-05-06 10:30  来源：某某市科学技术局\n请按要求执行。\n", NULL,
		&n);
	assert_string_equal(n.issued_on, "2024-05-06");
	assert_string_equal(join(&n.issuers), "");
	zc_notice_free(&n);
	/* A 落款 dated by its month only: its body signs, no issue date, and the
	 * year of the dates that leave it out. */
	extract("关于开展自建房排查的通知\n各乡镇：\n请于4月20日前报送台账。\n某某县人民政府办公室\n2024年3月\n"
		"（此件公开发布）\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某县人民政府办公室");
	assert_string_equal(n.issued_on, "");
	assert_string_equal(n.deadline, "2024-04-20");
	zc_notice_free(&n);
	/* A bare 时间： counts on a line of the page's metadata, not as a meeting's time;
	 * an undated 落款 over 上一条 is still one. */
	extract("关于某事项的通知\n作者：王某  来源：县科技局  时间：2013年5月20日  点击：123\n请于5月31日前报送。\n"
		"某某县科学技术局\n上一条：关于某某的通知\n",
		NULL, &n);
	assert_string_equal(n.issued_on, "2013-05-20");
	assert_string_equal(join(&n.issuers), "某某县科学技术局");
	zc_notice_free(&n);
	extract("关于召开会议的通知\n时间：2013年6月20日上午9:00\n地点：某会议室\n", NULL, &n);
	assert_string_equal(n.issued_on, "");
	zc_notice_free(&n);

	/* No 落款 date: the page's header stamp gives the date and the body it credits. */
	extract("关于预收资助项目报账材料的通知\n2021-07-04 09:57 某某市某某区科技局\n各相关企业：\n请按时报送。\n",
		NULL, &n);
	assert_string_equal(n.issued_on, "2021-07-04");
	assert_string_equal(join(&n.issuers), "某某市某某区科技局");
	zc_notice_free(&n);

	/* A 落款 without its date, then a 附注 and the page's metadata. */
	extract("关于组织申报科技企业孵化器的通知\n各有关单位：\n请于2024年8月30日前报送申报材料。\n"
		"某某市科学技术局\n（此件公开发布）\n发布时间：2024-07-29 09:41:15\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某市科学技术局");
	assert_string_equal(n.issued_on, "2024-07-29");
	zc_notice_free(&n);

	/* A tender without 落款: the labelled purchaser and agency, each on a line
	 * that goes on with its contact. */
	extract("某某管网改造工程中标候选人公示\n"
		"公示期：2024年4月6日至2024年4月8日。\n"
		"招标人：某某市水务局   联系人：王明   电话：0871-64150000\n"
		"招标代理机构：某某工程咨询有限公司   联系人：李华   电话：0871-65730000\n",
		NULL, &n);
	assert_string_equal(join(&n.issuers), "某某市水务局|某某工程咨询有限公司");
	zc_notice_free(&n);
}

static void test_title(void **state)
{
	(void)state;
	struct zc_notice n;
	/* A metadata block. */
	extract("首页 > 政策文件\n"
		"标题：关于公布2024年第一批入库科技型中小企业名单的公告\n"
		"发文字号：某科函〔2024〕7号\n"
		"发布日期：2024-05-06\n"
		"现将名单予以公布。\n",
		NULL, &n);
	assert_string_equal(str(n.title), "关于公布2024年第一批入库科技型中小企业名单的公告");
	assert_string_equal(str(n.doc_number), "某科函〔2024〕7号");
	assert_string_equal(n.issued_on, "2024-05-06");
	zc_notice_free(&n);

	/* A mirror's "title-site-site" line, and a date appended to it. */
	extract("关于开展科技特派员选派工作的通知-某某区-政策-某某网\n正文。\n", NULL, &n);
	assert_string_equal(str(n.title), "关于开展科技特派员选派工作的通知");
	zc_notice_free(&n);
	extract("关于开展科技特派员选派工作的通知(2020-04-07)\n正文。\n", NULL, &n);
	assert_string_equal(str(n.title), "关于开展科技特派员选派工作的通知");
	zc_notice_free(&n);

	/* A title over two lines, with a parenthetical on its own line. */
	extract("某某市科学技术局关于印发\n《某某市科技创新券管理办法》的通知\n（试行）\n各有关单位：\n正文。\n", NULL,
		&n);
	assert_string_equal(str(n.title), "某某市科学技术局关于印发《某某市科技创新券管理办法》的通知（试行）");
	assert_string_equal(join(&n.addressees), "各有关单位");
	zc_notice_free(&n);

	/* The issuer's name over its letter-spaced 文种 (no 事由): one title. */
	extract("某某市市场监督管理局\n通　告\n某市监通〔2023〕8号\n现将有关事项通告如下：\n", NULL, &n);
	assert_string_equal(str(n.title), "某某市市场监督管理局通告");
	assert_string_equal(str(n.doc_number), "某市监通〔2023〕8号");
	zc_notice_free(&n);

	/* No title line: the 附件 line that names the notice. */
	extract("为做好项目公示工作，现将拟支持项目予以公示。\n"
		"附件：关于2024年度拟支持项目名单的公示\n"
		"某某市科学技术局\n"
		"2024年5月6日\n",
		NULL, &n);
	assert_string_equal(str(n.title), "关于2024年度拟支持项目名单的公示");
	assert_string_equal(join(&n.attachments), ""); /* used as the title, not an attachment */
	zc_notice_free(&n);

	/* Joint issuers on the first line open the title; one body over a 关于 line is a site header. */
	extract("某某市财政局　某某市税务局\n关于延续实施小微企业房产税减免政策的通知\n各区财政局：\n正文。\n", NULL,
		&n);
	assert_string_equal(str(n.title), "某某市财政局　某某市税务局关于延续实施小微企业房产税减免政策的通知");
	zc_notice_free(&n);
	extract("某某市财政局\n关于延续实施小微企业房产税减免政策的通知\n各区财政局：\n正文。\n", NULL, &n);
	assert_string_equal(str(n.title), "关于延续实施小微企业房产税减免政策的通知");
	zc_notice_free(&n);

	/* Joint issuers separated by 、; a title cut after 年 or inside 《 goes on
	 * even when the next line could be a title alone. */
	extract("某某市教育局、某某市商务局\n关于开展年度报告公示的公告\n现将有关事项公告如下：\n", NULL, &n);
	assert_string_equal(str(n.title), "某某市教育局、某某市商务局关于开展年度报告公示的公告");
	zc_notice_free(&n);
	extract("某某省财政厅、某某省人力资源和社会保障厅2016年\n度质量品牌提升企业拟入选名单公示\n根据有关规定，现予以公示。\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某省财政厅、某某省人力资源和社会保障厅2016年度质量品牌提升企业拟入选名单公示");
	zc_notice_free(&n);
	extract("某某区教育局关于《某某科技计划\n项目管理办法（征求意见稿）》公开征求\n意见的公告\n现公开征求意见。\n", NULL,
		&n);
	assert_string_equal(str(n.title), "某某区教育局关于《某某科技计划项目管理办法（征求意见稿）》公开征求意见的公告");
	zc_notice_free(&n);

	/* A 政府采购意向 is a kind of document too. */
	extract("某某市教育局2024年6月至7月政府采购意向\n发布时间：2024-05-22\n现将采购意向公开如下：\n", NULL, &n);
	assert_string_equal(str(n.title), "某某市教育局2024年6月至7月政府采购意向");
	zc_notice_free(&n);

	/* A lone kind word is a menu entry; an introduction ending in a colon does not end the head. */
	extract("目录\n收起\n近日下发通知，启动评审。以下为通知原文：\n"
		"某某省人力资源和社会保障厅关于做好职称评审工作的通知\n某人社函〔2022〕9号\n各有关单位：\n正文。\n",
		NULL, &n);
	assert_string_equal(str(n.title), "某某省人力资源和社会保障厅关于做好职称评审工作的通知");
	assert_string_equal(str(n.doc_number), "某人社函〔2022〕9号");
	zc_notice_free(&n);

	/* A PDF title cut before its kind word, or after "…公示的". */
	extract("某某省2024年度技能大师工作室拟入选名单\n公示\n根据有关规定，现予以公示。\n", NULL, &n);
	assert_string_equal(str(n.title), "某某省2024年度技能大师工作室拟入选名单公示");
	zc_notice_free(&n);
	extract("某某省生态环境厅关于开展年度报告公示的\n公告\n根据有关规定，现予以公告。\n", NULL, &n);
	assert_string_equal(str(n.title), "某某省生态环境厅关于开展年度报告公示的公告");
	zc_notice_free(&n);

	/* Nothing title-like. */
	extract("请各单位按时报送材料。\n联系人：王明\n", NULL, &n);
	assert_null(n.title);
	assert_null(n.category);
	zc_notice_free(&n);

	/* Traditional text: the title is given in the script of the source. */
	extract("關於開展年度統計報表報送工作的通知\n各有關單位：\n請於2024年1月10日前報送。\n", NULL, &n);
	assert_string_equal(str(n.title), "關於開展年度統計報表報送工作的通知");
	assert_string_equal(n.deadline, "2024-01-10");
	zc_notice_free(&n);
}

static void test_docno_and_cited(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于转发《某某省科技成果转化若干措施》的通知\n"
		"某科发[2024] 第8号\n"
		"各有关单位：\n"
		"根据《中华人民共和国促进科技成果转化法》和《科技型中小企业评价办法》（国科发政〔2017〕115号），"
		"依据某政办发〔2023〕12号文件精神。依据中华人民共和国科学技术部令第19号，"
		"现将《某某省科技成果转化若干措施》转发给你们，详见《中国科技报》。\n",
		NULL, &n);
	/* Brackets and 第 normalised, spaces removed. */
	assert_string_equal(str(n.doc_number), "某科发〔2024〕8号");
	/* A 《》 naming no document (a newspaper) is no citation; each citation once. */
	assert_string_equal(cited(&n), "某某省科技成果转化若干措施/-|中华人民共和国促进科技成果转化法/-|"
				       "科技型中小企业评价办法/国科发政〔2017〕115号|-/某政办发〔2023〕12号|"
				       "-/中华人民共和国科学技术部令第19号");
	zc_notice_free(&n);

	/* A 文号 alone next to the signature is the notice's own. */
	extract("关于某事项的通知\n各有关单位：\n请按要求执行。\n某某市科学技术局\n2024年1月8日\n某科发〔2024〕3号\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某科发〔2024〕3号");
	assert_int_equal(n.cited.n, 0);
	zc_notice_free(&n);

	/* A lead-in before a bare 文号 is no part of its issuer code. */
	extract("关于某事项的补充通知\n其他事项仍按某教字〔2024〕33号文件执行。\n", NULL, &n);
	assert_string_equal(cited(&n), "-/某教字〔2024〕33号");
	zc_notice_free(&n);

	/* A joint 公告 number, its issuers written apart. */
	extract("关于某事项的通知\n按照《关于某政策的公告》（财政部 税务总局公告2023年第1号）执行。\n", NULL, &n);
	assert_string_equal(cited(&n), "关于某政策的公告/财政部税务总局公告2023年第1号");
	zc_notice_free(&n);

	/* A title named first alone, then with its 文号: one citation. */
	extract("关于转发《关于做好专项行动有关工作的通知》的通知\n"
		"现将《关于做好专项行动有关工作的通知》（某办函〔2024〕115号）转发给你们。\n",
		NULL, &n);
	assert_string_equal(cited(&n), "关于做好专项行动有关工作的通知/某办函〔2024〕115号");
	zc_notice_free(&n);
}

static void test_ling(void **state)
{
	(void)state;
	struct zc_notice n;
	/* A 令 numbered in Chinese numerals, over two lines; signed by a person. Its
	 * title is the regulation it promulgates; its number stays as written. */
	extract("某某局令\n"
		"第七十八号\n"
		"《某某事项管理办法》已经2024年2月6日局务会议审议通过，现予公布，自2024年5月1日起施行。\n"
		"局长　张某某\n"
		"2024年3月4日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某某局令第七十八号");
	assert_string_equal(str(n.title), "某某事项管理办法");
	assert_string_equal(join(&n.issuers), "");
	assert_string_equal(n.issued_on, "2024-03-04");
	zc_notice_free(&n);

	/* On one line, with 两 and brackets; no promulgated name: the heading is the title. */
	extract("某某市人民政府令（第一百零二号）\n"
		"现决定废止部分规章，自公布之日起生效。\n"
		"代市长 李某\n"
		"2023年12月5日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某某市人民政府令第一百零二号");
	assert_string_equal(str(n.title), "某某市人民政府令（第一百零二号）");
	assert_string_equal(join(&n.issuers), "");
	zc_notice_free(&n);

	/* A signer's name may end in a character that ends bodies' names (社, 会, 行):
	 * after a post, two to four characters are a name; an office is a body. */
	extract("某某市人民政府令\n第9号\n现公布《某某办法》。\n市长　王卫社\n2021年8月30日\n", NULL, &n);
	assert_string_equal(join(&n.issuers), "");
	zc_notice_free(&n);
	extract("某某市人民政府令\n第9号\n现公布《某某办法》。\n市长办公室\n2021年8月30日\n", NULL, &n);
	assert_string_equal(join(&n.issuers), "市长办公室");
	zc_notice_free(&n);

	/* A joint 令 numbered by year, its heading letter-spaced between the bodies. */
	extract("某某部　某某署令\n"
		"2023年第3号\n"
		"现公布《某某物项管理补充规定》，自2023年8月1日起施行。\n"
		"部长　王某某　　署长　俞某某\n"
		"2023年7月3日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某某部某某署令2023年第3号");
	assert_string_equal(str(n.title), "某某物项管理补充规定");
	assert_string_equal(join(&n.issuers), "");
	zc_notice_free(&n);

	/* Cited in the text, in Chinese numerals. */
	extract("关于某事项的通知\n依据《某某办法》（某某部令第二十号）执行。\n", NULL, &n);
	assert_string_equal(cited(&n), "某某办法/某某部令第二十号");
	zc_notice_free(&n);
}

static void test_docno_lead_word(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于某事项的通知\n依据某政办发〔2023〕12号文件精神和中华人民共和国科学技术部令第19号执行。\n", NULL,
		&n);
	assert_string_equal(cited(&n), "-/某政办发〔2023〕12号|-/中华人民共和国科学技术部令第19号");
	zc_notice_free(&n);
	/* A preposition inside ("评审费按…", "并依…") or an adverb with 于 ("已于…")
	 * introduces the code; 于 alone starts a place name (于都, 于洪). */
	extract("关于某事项的通知\n于府征预告〔2023〕11号\n"
		"评审费按浙价费〔2017〕86号执行，已于京政发〔2020〕1号明确，并依苏财规〔2021〕5号办理，"
		"根据于洪政办发〔2024〕12号办理。\n",
		NULL, &n);
	assert_string_equal(n.doc_number, "于府征预告〔2023〕11号");
	assert_string_equal(cited(&n), "-/浙价费〔2017〕86号|-/京政发〔2020〕1号|-/苏财规〔2021〕5号|-/于洪政办发〔2024〕12号");
	zc_notice_free(&n);
}

static void test_docno_labelled(void **state)
{
	(void)state;
	struct zc_notice n;
	/* A field whose label names the kind of document before 文号: the number
	 * of the decision the page publishes, not a citation. */
	extract("某某局行政处罚信息公示\n行政处罚决定书文号：某市监处罚〔2024〕12号\n当事人名称：某某公司\n"
		"执法人员送达《责令改正通知书》（某市监责改〔2024〕31号）。\n某某局\n2024年5月24日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某市监处罚〔2024〕12号");
	assert_string_equal(cited(&n), "责令改正通知书/某市监责改〔2024〕31号");
	zc_notice_free(&n);
}

static void test_docno_gonggao(void **state)
{
	(void)state;
	struct zc_notice n;
	/* A 公告 numbered by year in Chinese numerals under its heading; cited
	 * 公告 numbers in numerals, with and without a year. */
	extract("某某监督管理局公告\n"
		"2023年第三号\n"
		"关于某事项的公告\n"
		"根据某某局公告第五三五号和某某总署公告2022年第十二号，现公告如下。\n"
		"某某监督管理局\n"
		"2023年1月16日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某某监督管理局公告2023年第三号");
	assert_string_equal(cited(&n), "-/某某局公告第五三五号|-/某某总署公告2022年第十二号");
	zc_notice_free(&n);
	/* A number by year in brackets, in brackets; kept with 第 in numerals. */
	extract("某某银行公告\n〔2023〕第三号\n关于某事项的公告\n现公告如下。\n某某银行\n2023年3月1日\n", NULL, &n);
	assert_string_equal(str(n.doc_number), "某某银行公告〔2023〕第三号");
	zc_notice_free(&n);
	extract("某某市人民政府公告\n（2023年第一号）\n现公告如下。\n某某市人民政府\n2023年6月1日\n", NULL, &n);
	assert_string_equal(str(n.doc_number), "某某市人民政府公告2023年第一号");
	zc_notice_free(&n);
	/* Its number by year on one line under the title. */
	extract("某某省税务局关于修订某某基准的公告\n国家税务总局某某省税务局公告2024年第3号\n"
		"根据《某某规则》（国家税务总局公告2016年第78号），现予发布。\n特此公告。\n"
		"国家税务总局某某省税务局\n2024年3月28日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "国家税务总局某某省税务局公告2024年第3号");
	assert_string_equal(cited(&n), "某某规则/国家税务总局公告2016年第78号");
	zc_notice_free(&n);
	/* A 通告 numbers itself so too; a cited one is a citation. */
	extract("某某县人民政府通告\n2024年第1号\n根据某某局通告〔2023〕3号和某某市人民政府通告2023年第2号，现通告如下。\n"
		"某某县人民政府\n2024年2月20日\n",
		NULL, &n);
	assert_string_equal(str(n.doc_number), "某某县人民政府通告2024年第1号");
	assert_string_equal(cited(&n), "-/某某局通告〔2023〕3号|-/某某市人民政府通告2023年第2号");
	zc_notice_free(&n);
	/* A title, not an issuer, over a serial: no 文号 of its own. */
	extract("不动产首次登记公告\n（2020）第0187号\n现予公告。\n某某登记中心\n2020年7月31日\n", NULL, &n);
	assert_null(n.doc_number);
	zc_notice_free(&n);
	/* Nor is a serial under such a title one it cites. */
	extract("某某市第五次经济普查公告\n（第2号）\n现将有关事项公告如下。\n某某市统计局\n2023年12月29日\n", NULL, &n);
	assert_null(n.doc_number);
	assert_string_equal(cited(&n), "");
	zc_notice_free(&n);
}

static void test_attachments(void **state)
{
	(void)state;
	struct zc_notice n;
	/* One line with two numbered items, 《》, extension and (点击下载) dropped;
	 * then the attachment's own page after the signature, named already. */
	extract("关于征集2024年度技术需求的通知\n"
		"各有关单位：\n"
		"请于2024年5月31日前将需求表报送。\n"
		"附件：1.《技术需求征集表》.docx 2.填报说明（点击下载）\n"
		"某某市科学技术局\n"
		"2024年5月6日\n"
		"附件1\n"
		"技术需求征集表填写说明\n",
		NULL, &n);
	assert_string_equal(join(&n.attachments), "技术需求征集表|填报说明");
	zc_notice_free(&n);
	/* A file's size after its extension is no part of its name. */
	extract("关于某事项的通知\n附件1：2024年度项目申报指南.pdf（356KB）\n附件2：项目申报书（模板）.docx（48KB）\n", NULL, &n);
	assert_string_equal(join(&n.attachments), "2024年度项目申报指南|项目申报书（模板）");
	zc_notice_free(&n);
	/* A note on how a file is sent is no part of its name; a name's own note is. */
	extract("关于某事项的通知\n附件：1.资产清查工作报表（电子版另发）\n2.清查工作方案（试行）\n3.汇总表（另行报送）\n", NULL,
		&n);
	assert_string_equal(join(&n.attachments), "资产清查工作报表|清查工作方案（试行）|汇总表");
	zc_notice_free(&n);
	/* "附件下载：" alone heads the list of files. */
	extract("关于征集科技特派员服务需求的通知\n请于2024年9月20日前报送。\n某某市科学技术局　　2024年9月3日\n"
		"附件下载：\n1. 科技特派员服务需求表.docx\n2. 服务需求汇总表.docx\n",
		NULL, &n);
	assert_string_equal(join(&n.attachments), "科技特派员服务需求表|服务需求汇总表");
	zc_notice_free(&n);
	/* A section of the body headed "十、附件", its numbered items under it. */
	extract("某某医院采购项目中标结果公告\n一、项目编号：NX-2023-01\n十、附件\n1.招标文件（NX-2023-01）.pdf\n"
		"2.中小企业声明函.pdf\n某某招标代理有限公司\n2023年10月20日\n",
		NULL, &n);
	assert_string_equal(join(&n.attachments), "招标文件（NX-2023-01）|中小企业声明函");
	zc_notice_free(&n);
	/* Without a 附件说明, the attached pages' headings name them, under the
	 * attached notice's issuer if need be; the lists on those pages are theirs. */
	extract("关于转发某某市科学技术局关于征集技术需求的通知的通知\n"
		"各有关单位：\n"
		"现将有关通知转发给你们，请于2024年5月31日前报送。\n"
		"某某县科学技术局\n"
		"2024年5月6日\n"
		"附件1\n"
		"某某市科学技术局\n"
		"关于征集技术需求的通知\n"
		"各县区科技局：请组织征集。\n"
		"附件：1.技术需求征集表 2.填报说明\n"
		"某某市科学技术局\n"
		"2024年4月28日\n"
		"附件2\n"
		"技术需求征集表填写说明\n",
		NULL, &n);
	assert_string_equal(join(&n.attachments), "关于征集技术需求的通知|技术需求征集表填写说明");
	zc_notice_free(&n);

	/* "附件N：名称" lines. */
	extract("关于某事项的通知\n请按要求填报。\n附件1：某某区重点项目推荐汇总表\n附件2：某某区重点项目申报指南.pdf\n",
		NULL, &n);
	assert_string_equal(join(&n.attachments), "某某区重点项目推荐汇总表|某某区重点项目申报指南");
	zc_notice_free(&n);

	/* A sentence that starts with 附件 is no list. */
	extract("关于某事项的通知\n附件材料须加盖公章，并于规定时间内报送，逾期不予受理。\n", NULL, &n);
	assert_string_equal(join(&n.attachments), "");
	zc_notice_free(&n);
}

static void test_addresses_contacts(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于某事项的通知\n"
		"（一）某某市科技创新促进会\n"
		"联系人：李华，联系电话：0871-65123456，邮箱：lihua@example.org\n"
		"地址：某某市五华区某某路1号某某大厦8楼，邮政编码650032\n"
		"通信地址：某某市某某路88号；邮编：650000\n",
		NULL, &n);
	assert_int_equal(n.contacts.n, 1);
	assert_string_equal(str(contact(&n, 0)->name), "李华");
	assert_string_equal(str(contact(&n, 0)->org), "某某市科技创新促进会");
	assert_string_equal(join(&contact(&n, 0)->phones), "0871-65123456");
	assert_string_equal(join(&contact(&n, 0)->emails), "lihua@example.org");
	assert_string_equal(join(&n.addresses), "某某市五华区某某路1号某某大厦8楼|某某市某某路88号");
	assert_string_equal(join(&n.postcodes), "650032|650000");
	zc_notice_free(&n);

	/* Several people on one contact line: one contact each, with the
	 * numbers written after its name; an office before a name is its org;
	 * two names sharing one number stay one contact; a note on working
	 * hours after a number names nobody. */
	extract("关于某事项的通知\n"
		"联系人：张某某，电话：0791-88881234；李某，电话：13900000000，邮箱：li@example.org\n"
		"联系人：省财政厅教科文处 罗某 028-86671234；省教育厅财务处 邓某 028-86112345\n"
		"联系人：王某、赵某某，电话：0571-87051234\n"
		"咨询电话：0571-87055678，工作日上午9:00-12:00\n",
		NULL, &n);
	assert_int_equal(n.contacts.n, 6);
	assert_string_equal(str(contact(&n, 0)->name), "张某某");
	assert_string_equal(join(&contact(&n, 0)->phones), "0791-88881234");
	assert_string_equal(join(&contact(&n, 0)->emails), "");
	assert_string_equal(str(contact(&n, 1)->name), "李某");
	assert_string_equal(join(&contact(&n, 1)->phones), "13900000000");
	assert_string_equal(join(&contact(&n, 1)->emails), "li@example.org");
	assert_string_equal(join(&contact(&n, 2)->phones), "028-86671234");
	assert_string_equal(str(contact(&n, 3)->name), "邓某");
	assert_string_equal(str(contact(&n, 3)->org), "省教育厅财务处");
	assert_string_equal(join(&contact(&n, 3)->phones), "028-86112345");
	assert_string_equal(str(contact(&n, 4)->name), "王某、赵某某");
	assert_string_equal(join(&contact(&n, 5)->phones), "0571-87055678");
	assert_null(contact(&n, 5)->name);
	zc_notice_free(&n);
}

static void test_keeps_fields(void **state)
{
	(void)state;
	/* Fields the caller set (category, source) are kept. */
	struct zc_notice n;
	zc_notice_init(&n);
	n.category = strdup("政策解读");
	n.source_file = strdup("a.txt");
	n.source_line = 7;
	const char *t = "关于某事项的通知\n正文。\n";
	assert_int_equal(zc_extract(t, t, NULL, &n), 0);
	assert_string_equal(n.category, "政策解读");
	assert_string_equal(n.source_file, "a.txt");
	assert_int_equal(n.source_line, 7);
	assert_string_equal(str(n.title), "关于某事项的通知");
	zc_notice_free(&n);
}

static void test_empty(void **state)
{
	(void)state;
	struct zc_notice n;
	zc_notice_init(&n);
	assert_int_equal(zc_extract("", "", NULL, &n), 0);
	assert_null(n.title);
	assert_string_equal(str(n.text), "");
	assert_int_equal(n.dates.n, 0);
	assert_string_equal(n.deadline, "");
	zc_notice_free(&n);

	/* Copies with different paragraph counts: extraction still works on the analysis copy. */
	zc_notice_init(&n);
	assert_int_equal(zc_extract("关于某事项的通知\n电话：010-62345678\n", "关于某事项的通知\n", NULL, &n), 0);
	assert_string_equal(str(n.title), "关于某事项的通知");
	assert_string_equal(join(&n.phones), "010-62345678");
	zc_notice_free(&n);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const char bad[] = "关于开展\xFF\xFE申报的通知\n各有关单位：\n请于2024年3月1日前提交\xE4\xB8。\n";
	struct zc_notice n;
	zc_notice_init(&n);
	assert_int_equal(zc_extract(bad, bad, NULL, &n), -EILSEQ);
	zc_notice_free(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_notice), cmocka_unit_test(test_condition_clauses), cmocka_unit_test(test_not_requirements),
		cmocka_unit_test(test_region_conditions),
		cmocka_unit_test(test_held_and_ip_conditions),
		cmocka_unit_test(test_range_condition),
		cmocka_unit_test(test_tiered_condition),
		cmocka_unit_test(test_record_and_currency),
		cmocka_unit_test(test_title_wrapped_inside_name),
		cmocka_unit_test(test_title_under_site_name),
		cmocka_unit_test(test_dates_over_text_sign_nothing),
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_emails_urls),
		cmocka_unit_test(test_url_broken_by_reflow),
		cmocka_unit_test(test_year_inference),
		cmocka_unit_test(test_roles_and_windows),
		cmocka_unit_test(test_signature),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_docno_and_cited),
		cmocka_unit_test(test_docno_lead_word),
		cmocka_unit_test(test_ling),
		cmocka_unit_test(test_attachments),
		cmocka_unit_test(test_addresses_contacts),
		cmocka_unit_test(test_docno_labelled),
		cmocka_unit_test(test_docno_gonggao),
		cmocka_unit_test(test_keeps_fields),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
