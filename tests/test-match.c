/* test-match.c: conditions as predicates on a profile (include/zhengce/match.h):
 * the example of the Yunnan 高新技术企业培育库 (a Kunming company registered in
 * 2017 with 6% science staff and 2% R&D is eligible; one registered eight
 * months before the deadline is not, the reason saying why), each condition
 * type met, unmet and unknown, region exclusions and 我省, units, and the
 * verdict order of the conditions. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/match.h"

static json_t *load(const char *text)
{
	json_error_t e;
	json_t *o = json_loads(text, 0, &e);
	if (!o)
		fail_msg("test JSON: %s at %d", e.text, e.column);
	return o;
}

static void profile_of(const char *json, struct zc_profile *p)
{
	json_t *o = load(json);
	assert_int_equal(zc_profile_from_json(o, p, NULL), 0);
	json_decref(o);
}

static const char yunnan[] =
	"{\"id\": 11, \"title\": \"云南省关于组织申报2019年高新技术企业培育库入库企业的通知\", \"deadline\": \"2019-08-20\","
	" \"issuers\": [\"云南省科学技术厅\"], \"conditions\": ["
	" {\"type\": \"registration_region\", \"object\": \"云南省\", \"text\": \"在云南省内注册成立满一年以上\"},"
	" {\"type\": \"years_since_registration\", \"op\": \">=\", \"value\": 1, \"unit\": \"年\", \"text\": \"在云南省内注册成立满一年以上\"},"
	" {\"type\": \"legal_form\", \"object\": \"独立法人资格\", \"text\": \"企业须具有独立法人资格\"},"
	" {\"type\": \"qualification_not_held\", \"object\": \"国家高新技术企业\", \"negated\": true, \"text\": \"此前未被认定为国家高新技术企业\"},"
	" {\"type\": \"threshold\", \"metric\": \"科技人员占企业当年职工总数的比例\", \"op\": \">=\", \"value\": 5, \"unit\": \"%\", \"text\": \"科技人员占比不低于5%\"},"
	" {\"type\": \"threshold\", \"metric\": \"研究开发费用总额占同期销售收入总额的比例\", \"op\": \">=\", \"value\": 1.5, \"unit\": \"%\", \"text\": \"研发费用占比不低于1.5%\"},"
	" {\"type\": \"clean_record\", \"years\": 1, \"text\": \"申请入库前一年内未发生重大安全事故\"}]}";

static const char kunming[] =
	"{\"name\": \"昆明甲公司\", \"registration\": {\"region\": \"530100\", \"date\": \"2017-03-01\","
	" \"independent_legal_person\": true}, \"people\": {\"employees\": 100, \"science_staff\": 6},"
	" \"years\": {\"2018\": {\"revenue_wan\": 3000, \"rd_expense_wan\": 60}, \"2024\": {\"revenue_wan\": 10, \"rd_expense_wan\": 0}},"
	" \"qualifications\": [{\"name\": \"科技型中小企业\"}], \"credit_events\": []}";

static const char *status_of(const json_t *m, const char *text_part)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(m, "conditions"), i, c)
		if (strstr(json_string_value(json_object_get(c, "text")), text_part))
			return json_string_value(json_object_get(c, "status"));
	return "absent";
}

static void test_yunnan_example(void **state)
{
	(void)state;
	json_t *notice = load(yunnan);
	struct zc_profile p;
	profile_of(kunming, &p);
	json_t *m = zc_match_notice(notice, &p, "2019-08-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "eligible");
	assert_true(json_real_value(json_object_get(m, "score")) == 1.0);
	assert_int_equal(json_integer_value(json_object_get(m, "notice_id")), 11);
	/* 2018's figures count for a 2019 notice, not 2024's. */
	size_t i;
	json_t *c;
	bool used_2018 = false;
	json_array_foreach(json_object_get(m, "conditions"), i, c)
		used_2018 |= json_string_value(json_object_get(c, "value")) &&
			     strstr(json_string_value(json_object_get(c, "value")), "2018年研发费用占营业收入比例2.00%");
	assert_true(used_2018);
	json_decref(m);
	zc_profile_free(&p);

	/* Registered eight months before the deadline: ineligible, and why. */
	profile_of("{\"registration\": {\"region\": \"530100\", \"date\": \"2018-12-20\", \"independent_legal_person\": true},"
		   " \"people\": {\"employees\": 100, \"science_staff\": 6}, \"qualifications\": [], \"credit_events\": []}",
		   &p);
	m = zc_match_notice(notice, &p, "2019-08-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "ineligible");
	json_t *first = json_array_get(json_object_get(m, "conditions"), 0); /* unmet first */
	assert_string_equal(json_string_value(json_object_get(first, "status")), "unmet");
	assert_non_null(strstr(json_string_value(json_object_get(first, "text")), "注册成立满一年以上"));
	assert_non_null(strstr(json_string_value(json_object_get(first, "reason")), "注册成立0.7年"));
	/* No figures: that condition is unknown, not guessed. */
	assert_string_equal(status_of(m, "研发费用占比"), "unknown");
	assert_true(json_real_value(json_object_get(m, "score")) == 0.0);
	json_decref(m);
	zc_profile_free(&p);

	/* Missing data only: needs-check. */
	profile_of("{\"registration\": {\"region\": \"昆明市\", \"date\": \"2015-01-01\"}}", &p);
	m = zc_match_notice(notice, &p, "2019-08-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "needs-check");
	assert_string_equal(status_of(m, "独立法人资格"), "unknown");
	assert_string_equal(status_of(m, "此前未被认定"), "unknown");
	json_decref(m);
	zc_profile_free(&p);
	json_decref(notice);
}

/* Evaluate one condition (JSON) on a profile (JSON), at 2024-06-01. */
static const char *eval(const char *cond, const char *profile, char *reason)
{
	json_t *c = load(cond);
	struct zc_profile p;
	profile_of(profile, &p);
	char value[160];
	enum zc_cond_status s = zc_condition_eval(c, &p, "2024-06-01", value, sizeof(value), reason, 240);
	zc_profile_free(&p);
	json_decref(c);
	return zc_cond_status_name(s);
}

static void test_predicates(void **state)
{
	(void)state;
	char why[240];
	/* Regions: hierarchy and exclusions. */
	const char *binhai = "{\"registration\": {\"region\": \"120116\"}}"; /* 天津市滨海新区 */
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"天津市\"}", binhai, why), "met");
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"滨海新区\", \"negated\": true}", binhai, why), "unmet");
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"河北省\"}", binhai, why), "unmet");
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"企业\"}", binhai, why), "unknown");
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"天津市\"}", "{}", why), "unknown");
	/* Intellectual property: the kinds counted, Ⅰ类 or N Ⅱ类, unknown counts. */
	const char *ip4 = "{\"ip\": {\"invention_patents\": 0, \"utility_models\": 3, \"designs\": 0, \"software_copyrights\": 1}}";
	const char *class2 = "{\"type\": \"threshold\", \"metric\": \"Ⅱ类知识产权\", \"op\": \">=\", \"value\": 5, \"unit\": \"项\", "
			     "\"text\": \"拥有Ⅰ类知识产权或5件以上Ⅱ类知识产权\"}";
	assert_string_equal(eval(class2, ip4, why), "unmet");
	assert_string_equal(eval(class2, "{\"ip\": {\"invention_patents\": 1}}", why), "met");
	assert_string_equal(eval(class2, "{\"ip\": {\"utility_models\": 2}}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"知识产权\", \"op\": \">=\", \"value\": 1, \"unit\": \"项\"}",
				 ip4, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"与主营业务相关的发明专利\", \"op\": \">=\", \"value\": 2, \"unit\": \"项\"}",
				 ip4, why), "unmet");
	/* 《国家重点支持的高新技术领域》: met for software, unknown (never unmet) otherwise */
	const char *field = "{\"type\": \"industry\", \"object\": \"《国家重点支持的高新技术领域》\"}";
	assert_string_equal(eval(field, "{\"industries\": [\"软件和信息技术服务业\"]}", why), "met");
	assert_string_equal(eval(field, "{\"industries\": [\"农副食品加工业\"]}", why), "unknown");
	/* Qualifications: held for N years; a certificate named with 证书 is the title; 此前未被认定 counts an expired one */
	const char *safety = "{\"qualifications\": [{\"name\": \"安全生产标准化二级企业\", \"date\": \"2023-12-15\"}]}";
	const char *held_1y = "{\"type\": \"qualification_held\", \"object\": \"安全生产标准化二级证书\", \"years\": 1}";
	assert_string_equal(eval(held_1y, safety, why), "unmet"); /* obtained 2023-12-15, judged 2024-06-01 */
	assert_non_null(strstr(why, "未满1年"));
	assert_string_equal(eval("{\"type\": \"qualification_held\", \"object\": \"安全生产标准化二级证书\"}", safety, why), "met");
	const char *expired = "{\"qualifications\": [{\"name\": \"高新技术企业\", \"date\": \"2015-10-01\", \"expires\": \"2018-10-01\"}]}";
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"国家高新技术企业\", \"negated\": true, "
				 "\"text\": \"此前未被认定为国家高新技术企业\"}", expired, why), "unmet");
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"国家高新技术企业\", \"negated\": true, "
				 "\"text\": \"未被认定为国家高新技术企业\"}", expired, why), "met");
	assert_string_equal(eval("{\"type\": \"legal_form\", \"object\": \"独立承担民事责任的能力\"}",
				 "{\"registration\": {\"independent_legal_person\": true}}", why), "met");
	/* Tiered by the latest revenue, over the sums of 近三个会计年度 */
	const char *tiered = "{\"type\": \"threshold\", \"metric\": \"近三个会计年度研究开发费用总额占同期销售收入总额的比例\", "
			     "\"op\": \">=\", \"value\": 5, \"unit\": \"%\", \"tiers\": ["
			     "{\"revenue_from_wan\": null, \"revenue_to_wan\": 5000, \"value\": 5},"
			     "{\"revenue_from_wan\": 5000, \"revenue_to_wan\": 20000, \"value\": 4},"
			     "{\"revenue_from_wan\": 20000, \"revenue_to_wan\": null, \"value\": 3}]}";
	/* 2021–2023: R&D 300+300+400 over revenue 9000+9500+10000 = 3.45%: the 4% band */
	const char *mid = "{\"years\": {\"2021\": {\"revenue_wan\": 9000, \"rd_expense_wan\": 300}, \"2022\": {\"revenue_wan\": 9500, "
			  "\"rd_expense_wan\": 300}, \"2023\": {\"revenue_wan\": 10000, \"rd_expense_wan\": 400}}}";
	assert_string_equal(eval(tiered, mid, why), "unmet");
	assert_non_null(strstr(why, "适用不低于4%"));
	/* the same ratio with revenue above 2亿元: the 3% band */
	const char *big3 = "{\"years\": {\"2021\": {\"revenue_wan\": 30000, \"rd_expense_wan\": 1000}, \"2022\": {\"revenue_wan\": 31000, "
			   "\"rd_expense_wan\": 1050}, \"2023\": {\"revenue_wan\": 32000, \"rd_expense_wan\": 1100}}}";
	assert_string_equal(eval(tiered, big3, why), "met");
	assert_string_equal(eval(tiered, "{\"years\": {\"2023\": {\"rd_expense_wan\": 10}}}", why), "unknown");
	/* 工业企业: 采矿业, 制造业, 电力热力燃气及水 (B–D); 规模以上: 2000万元 of revenue the year before */
	const char *industrial = "{\"type\": \"industry\", \"object\": \"工业企业\"}";
	assert_string_equal(eval(industrial, "{\"industries\": [\"软件和信息技术服务业\"]}", why), "unmet");
	assert_string_equal(eval(industrial, "{\"industries\": [\"批发业\", \"C39\"]}", why), "met");
	assert_string_equal(eval(industrial, "{\"industries\": [\"新型显示\"]}", why), "unknown");
	const char *above = "{\"type\": \"industry\", \"object\": \"规模以上工业企业\"}";
	assert_string_equal(eval(above, "{\"industries\": [\"通用设备制造业\"], \"years\": {\"2023\": {\"revenue_wan\": 1500}}}", why), "unmet");
	assert_string_equal(eval(above, "{\"industries\": [\"通用设备制造业\"], \"years\": {\"2023\": {\"revenue_wan\": 2600}}}", why), "met");
	assert_string_equal(eval(above, "{\"industries\": [\"通用设备制造业\"], \"years\": {\"2021\": {\"revenue_wan\": 2600}}}", why), "unknown");
	/* 在中华人民共和国境内注册: any registered region; none given is unknown */
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"中华人民共和国\"}", binhai, why), "met");
	assert_non_null(strstr(why, "境内"));
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"中华人民共和国\"}", "{}", why), "unknown");
	/* Thresholds, units. */
	const char *big = "{\"years\": {\"2023\": {\"revenue_wan\": 25000}}, \"people\": {\"employees\": 300, \"rd_staff\": 40},"
			  " \"projects\": [{\"investment_wan\": 6000, \"start_date\": \"2019-01-01\"}]}";
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"上年度营业收入\", \"op\": \">=\", \"value\": 2, \"unit\": \"亿元\"}", big, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"上年度营业收入\", \"op\": \">=\", \"value\": 3, \"unit\": \"亿元\"}", big, why), "unmet");
	assert_non_null(strstr(why, "营业收入未达到要求"));
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"总投资\", \"op\": \">=\", \"value\": 5000, \"unit\": \"万元\"}", big, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"研发人员\", \"op\": \">=\", \"value\": 50, \"unit\": \"人\"}", big, why), "unmet");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"职工人数\", \"op\": \"<=\", \"value\": 300, \"unit\": \"人\"}", big, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"纳税额\", \"op\": \">=\", \"value\": 100, \"unit\": \"万元\"}", big, why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"每包服务\", \"op\": \">=\", \"value\": 1, \"unit\": \"个\"}", big, why), "unknown");
	/* Project dates. */
	assert_string_equal(eval("{\"type\": \"date\", \"object\": \"2018年8月30日后\"}", big, why), "met");
	assert_string_equal(eval("{\"type\": \"date\", \"object\": \"2020年1月1日后\"}", big, why), "unmet");
	/* Qualifications and record. */
	const char *quals = "{\"qualifications\": [{\"name\": \"高新技术企业\", \"date\": \"2022-12-01\"}],"
			    " \"credit_events\": [{\"date\": \"2022-03-01\", \"kind\": \"行政处罚\"}]}";
	assert_string_equal(eval("{\"type\": \"qualification_held\", \"object\": \"国家高新技术企业\"}", quals, why), "met");
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"国家高新技术企业\"}", quals, why), "unmet");
	assert_string_equal(eval("{\"type\": \"qualification_held\", \"object\": \"专精特新中小企业\"}", quals, why), "unmet");
	assert_string_equal(eval("{\"type\": \"qualification_held\", \"object\": \"专精特新中小企业\"}", "{}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"clean_record\", \"years\": 3}", quals, why), "unmet");
	assert_string_equal(eval("{\"type\": \"clean_record\", \"years\": 1}", quals, why), "met");
	assert_string_equal(eval("{\"type\": \"clean_record\", \"years\": 1}", "{}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"失信被执行人名单\"}", quals, why), "met");
	assert_string_equal(eval("{\"type\": \"legal_form\", \"object\": \"股份有限公司\"}",
				 "{\"registration\": {\"legal_form\": \"有限责任公司\"}}", why), "unmet");
	assert_string_equal(eval("{\"type\": \"other\", \"text\": \"具有良好的商业信誉\"}", quals, why), "unknown");
}

/* What the review of the predicates found: never guess. */
static void test_no_guessing(void **state)
{
	(void)state;
	char why[240];
	/* Exactly N years at the reference date (2024-06-01) is N years. */
	assert_string_equal(eval("{\"type\": \"years_since_registration\", \"op\": \">=\", \"value\": 3, \"unit\": \"年\"}",
				 "{\"registration\": {\"date\": \"2021-06-01\"}}", why), "met");
	assert_string_equal(eval("{\"type\": \"years_since_registration\", \"op\": \">=\", \"value\": 3, \"unit\": \"年\"}",
				 "{\"registration\": {\"date\": \"2021-06-02\"}}", why), "unmet");
	assert_string_equal(eval("{\"type\": \"years_since_registration\", \"op\": \">=\", \"value\": 6, \"unit\": \"月\"}",
				 "{\"registration\": {\"date\": \"2023-12-01\"}}", why), "met");
	assert_string_equal(eval("{\"type\": \"years_since_registration\"}",
				 "{\"registration\": {\"date\": \"2001-01-01\"}}", why), "unknown");
	/* A province for a condition on a city: unknown, not unmet or met. */
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"昆明市\"}",
				 "{\"registration\": {\"region\": \"云南省\"}}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"registration_region\", \"object\": \"昆明市\", \"negated\": true}",
				 "{\"registration\": {\"region\": \"云南省\"}}", why), "unknown");
	/* An expired qualification is not held. */
	const char *expired = "{\"qualifications\": [{\"name\": \"高新技术企业\", \"expires\": \"2020-12-31\"}]}";
	assert_string_equal(eval("{\"type\": \"qualification_held\", \"object\": \"高新技术企业\"}", expired, why), "unmet");
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"高新技术企业\"}", expired, why), "met");
	/* The list named decides which events count. */
	const char *abnormal = "{\"credit_events\": [{\"kind\": \"列入经营异常名录\", \"date\": \"2024-01-01\"}]}";
	assert_string_equal(eval("{\"type\": \"qualification_not_held\", \"object\": \"经营异常名录\"}", abnormal, why), "unmet");
	/* Undated events and projects cannot be placed in time. */
	assert_string_equal(eval("{\"type\": \"clean_record\", \"years\": 3}",
				 "{\"credit_events\": [{\"kind\": \"行政处罚\"}]}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"date\", \"object\": \"2018年8月30日后\"}",
				 "{\"projects\": [{\"kind\": \"新建\"}]}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"date\", \"object\": \"2018年2月31日后\"}",
				 "{\"projects\": [{\"start_date\": \"2019-01-01\"}]}", why), "unknown");
	/* Quantities the profile does not hold, operators and currencies not understood. */
	const char *people = "{\"people\": {\"employees\": 100}, \"years\": {\"2023\": {\"revenue_wan\": 5000}}}";
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"本科以上学历人员\", \"op\": \">=\", \"value\": 30, \"unit\": \"人\"}", people, why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"高新技术产品收入\", \"op\": \">=\", \"value\": 100, \"unit\": \"万元\"}", people, why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \"≥\", \"value\": 100, \"unit\": \"万元\"}", people, why), "unknown");
	/* foreign currencies over a band of rates (美元 6–8 元): 5000万元 is above 100万美元 at any rate, below
	 * 1000万美元 at any, and 700万美元 is 4200–5600万元; 英镑 are not converted */
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \">=\", \"value\": 100, \"unit\": \"万美元\"}", people, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \">=\", \"value\": 1000, \"unit\": \"万美元\"}", people, why), "unmet");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \">=\", \"value\": 700, \"unit\": \"万美元\"}", people, why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \">=\", \"value\": 100, \"unit\": \"万英镑\"}", people, why), "unknown");
	/* 等于 an amount in dollars: anything inside the band may be it */
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \"=\", \"value\": 700, \"unit\": \"万美元\"}", people, why), "unknown");
	/* 不超过 with a lower bound only: met says nothing, unmet is sure */
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"进出口额\", \"op\": \"<=\", \"value\": 5000, \"unit\": \"万元\"}",
				 "{\"years\": {\"2023\": {\"exports_wan\": 3000}}}", why), "unknown");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"进出口额\", \"op\": \"<=\", \"value\": 1000, \"unit\": \"万元\"}",
				 "{\"years\": {\"2023\": {\"exports_wan\": 3000}}}", why), "unmet");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"知识产权\", \"op\": \"<=\", \"value\": 10, \"unit\": \"项\"}",
				 "{\"ip\": {\"invention_patents\": 2}}", why), "unknown");
	/* 进出口额: exports are a part of it, so falling short of it says nothing */
	const char *exporter = "{\"years\": {\"2023\": {\"exports_wan\": 3000}}}";
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"进出口额\", \"op\": \">=\", \"value\": 300, \"unit\": \"万美元\"}", exporter, why), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"进出口额\", \"op\": \">=\", \"value\": 5000, \"unit\": \"万元\"}", exporter, why), "unknown");
	/* A word that is no legal form. */
	assert_string_equal(eval("{\"type\": \"legal_form\", \"object\": \"企业\"}",
				 "{\"registration\": {\"legal_form\": \"有限责任公司\"}}", why), "unknown");
}

static void test_home_region(void **state)
{
	(void)state;
	/* 我省 in a notice of 四川省经济和信息化厅 means 四川省. */
	json_t *notice = load("{\"title\": \"通知\", \"issuers\": [\"四川省经济和信息化厅\"], \"conditions\": ["
			      "{\"type\": \"registration_region\", \"object\": \"我省\", \"text\": \"在我省注册的企业\"}]}");
	struct zc_profile p;
	profile_of("{\"registration\": {\"region\": \"成都市\"}}", &p);
	json_t *m = zc_match_notice(notice, &p, "2024-06-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "eligible");
	json_decref(m);
	zc_profile_free(&p);
	profile_of("{\"registration\": {\"region\": \"重庆市\"}}", &p);
	m = zc_match_notice(notice, &p, "2024-06-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "ineligible");
	json_decref(m);
	zc_profile_free(&p);
	json_decref(notice);
}

/* 省内 in a city bureau's notice is its province; 上年度 is the year before the reference date's. */
static void test_province_and_last_year(void **state)
{
	(void)state;
	json_t *notice = load("{\"title\": \"通知\", \"issuers\": [\"成都市科学技术局\"], \"conditions\": ["
			      "{\"type\": \"registration_region\", \"object\": \"省内\", \"text\": \"在省内注册的企业\"}]}");
	struct zc_profile p;
	profile_of("{\"registration\": {\"region\": \"绵阳市\"}}", &p);
	json_t *m = zc_match_notice(notice, &p, "2024-06-01");
	assert_string_equal(json_string_value(json_object_get(m, "verdict")), "eligible"); /* 绵阳 is in 四川 */
	json_decref(m);
	zc_profile_free(&p);
	json_decref(notice);
	char reason[240];
	static const char cond[] = "{\"type\": \"threshold\", \"metric\": \"营业收入\", \"op\": \">=\", \"value\": 5000,"
				   " \"unit\": \"万元\", \"text\": \"上年度营业收入5000万元以上\"}";
	/* 2023's figures decide on 2024-06-01, not 2024's */
	assert_string_equal(eval(cond, "{\"years\": {\"2023\": {\"revenue_wan\": 4000}, \"2024\": {\"revenue_wan\": 9000}}}",
				 reason), "unmet");
	/* R&D words name R&D figures, however the notice writes them */
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"研发费用占比\", \"op\": \">=\", \"value\": 3, \"unit\": \"%\","
				 " \"text\": \"研发费用占比不低于3%\"}",
				 "{\"years\": {\"2023\": {\"revenue_wan\": 1000, \"rd_expense_wan\": 40}}}", reason), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"专职研究与试验发展人员\", \"op\": \">=\", \"value\": 10,"
				 " \"unit\": \"人\", \"text\": \"专职研究与试验发展人员不少于10人\"}",
				 "{\"people\": {\"employees\": 100, \"rd_staff\": 8, \"science_staff\": 30}}", reason), "unmet");
	/* growth over 近两年 from the yearly revenues: 1000 → 1200 → 1500 is +20% then +25% (mean 22.5%) */
	static const char growth[] = "{\"years\": {\"2021\": {\"revenue_wan\": 1000}, \"2022\": {\"revenue_wan\": 1200},"
				     " \"2023\": {\"revenue_wan\": 1500}}}";
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"近两年营业收入平均增长率\", \"op\": \">=\", \"value\": 20,"
				 " \"unit\": \"%\", \"text\": \"近两年营业收入平均增长率不低于20%\"}", growth, reason), "met");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"近两年营业收入平均增长率\", \"op\": \">=\", \"value\": 25,"
				 " \"unit\": \"%\", \"text\": \"近两年营业收入平均增长率不低于25%\"}", growth, reason), "unmet");
	assert_string_equal(eval("{\"type\": \"threshold\", \"metric\": \"近三年营业收入年均增长率\", \"op\": \">=\", \"value\": 15,"
				 " \"unit\": \"%\", \"text\": \"近三年营业收入年均增长率不低于15%\"}", growth, reason), "unknown");
	/* 成立时间不超过10年: an upper bound on the company's age (judged on 2024-06-01) */
	static const char young[] = "{\"type\": \"threshold\", \"metric\": \"成立时间\", \"op\": \"<=\", \"value\": 10,"
				    " \"unit\": \"年\", \"text\": \"成立时间不超过10年\"}";
	assert_string_equal(eval(young, "{\"registration\": {\"date\": \"2016-03-01\"}}", reason), "met");
	assert_string_equal(eval(young, "{\"registration\": {\"date\": \"2010-03-01\"}}", reason), "unmet");
	/* without 2023's figures it cannot be told */
	assert_string_equal(eval(cond, "{\"years\": {\"2022\": {\"revenue_wan\": 9000}}}", reason), "unknown");
	assert_non_null(strstr(reason, "2023"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_province_and_last_year),
		cmocka_unit_test(test_yunnan_example),
		cmocka_unit_test(test_predicates),
		cmocka_unit_test(test_no_guessing),
		cmocka_unit_test(test_home_region),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
