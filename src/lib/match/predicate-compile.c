/*
 * predicate-compile.c: an eligibility condition (extract contract JSON)
 * compiled into a struct zc_pred (internal.h): its words read once — which
 * quantity a threshold measures, which regions a region condition names,
 * what "我省" means, the date it is judged at — so that judging it on a
 * profile (predicate.c) reads numbers and the profile's strings only.
 * Also: when two compiled predicates judge alike (plan.c shares them).
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"
#include "banned.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static enum zc_pred_op parse_op(const char *op)
{
	return !op[0] ? ZC_OP_NONE : !strcmp(op, ">=") ? ZC_OP_GE : !strcmp(op, ">") ? ZC_OP_GT
	       : !strcmp(op, "<=") ? ZC_OP_LE : !strcmp(op, "<") ? ZC_OP_LT : !strcmp(op, "=") ? ZC_OP_EQ : ZC_OP_BAD;
}

static int32_t ymd_of(const char *iso)
{
	return (int32_t)(atoi(iso) * 10000 + atoi(iso + 5) * 100 + atoi(iso + 8));
}

static void fixed(struct zc_pred *pr, const char *fmt, const char *arg)
{
	pr->kind = ZC_PRED_FIXED;
	pr->reason_fmt = fmt;
	pr->reason_arg = arg;
}

static void set_ref(struct zc_pred *pr, const char *ref_date)
{
	snprintf(pr->ref_date, sizeof(pr->ref_date), "%s", ref_date);
	pr->ref_ymd = ymd_of(pr->ref_date);
}

static void compile_region(struct zc_pred *pr, const json_t *cond, const char *home_region)
{
	const char *object = str(cond, "object");
	const char *text = str(cond, "text");
	const struct zc_region *named[8];
	size_t n = zc_region_scan(object, strlen(object), named, 8);
	const struct zc_region *home = home_region ? zc_region_by_code(home_region) : NULL;
	/* the issuer's own place: 我省/本省/省内/全省 its province, 我市/本市/市内 its city … */
	if (n == 0 && home) {
		static const char *const province_words[] = {"我省", "本省", "省内", "全省"};
		static const char *const home_words[] = {"我市", "本市", "市内", "全市", "我区", "本区", "区内", "全区",
							 "我县", "本县", "县内", "本地", "辖区"};
		for (size_t i = 0; i < sizeof(province_words) / sizeof(province_words[0]) && !n; i++)
			if (zc_has(object, province_words[i]) || zc_has(text, province_words[i])) {
				named[0] = zc_region_province(home) ? zc_region_province(home) : home;
				n = 1;
			}
		for (size_t i = 0; i < sizeof(home_words) / sizeof(home_words[0]) && !n; i++)
			if (zc_has(object, home_words[i]) || zc_has(text, home_words[i])) {
				named[0] = home;
				n = 1;
			}
	}
	if (n == 0) {
		/* 在中华人民共和国境内注册: any registered region will do */
		static const char *const country_words[] = {"中华人民共和国", "中国", "我国", "国内", "境内"};
		bool country = false;
		for (size_t i = 0; i < sizeof(country_words) / sizeof(country_words[0]) && !country; i++)
			country = zc_has(object, country_words[i]);
		if (!country || json_is_true(json_object_get(cond, "negated"))) {
			fixed(pr, "条件未写明可识别的地区", NULL);
			return;
		}
		pr->kind = ZC_PRED_REGION;
		pr->nationwide = true;
		return;
	}
	pr->kind = ZC_PRED_REGION;
	pr->n_named = n < 8 ? (unsigned)n : 8;
	memcpy(pr->named, named, pr->n_named * sizeof(named[0]));
	pr->several = n > 1;
	pr->negated = json_is_true(json_object_get(cond, "negated"));
}

static void compile_years(struct zc_pred *pr, const json_t *cond, const char *ref_date)
{
	const json_t *v = json_object_get(cond, "value");
	if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 200) {
		fixed(pr, "条件未写明年限", NULL);
		return;
	}
	pr->kind = ZC_PRED_YEARS;
	pr->op = parse_op(str(cond, "op"));
	pr->in_months = !strcmp(str(cond, "unit"), "月");
	pr->span_shown = json_number_value(v);
	pr->months = (long)(pr->span_shown * (pr->in_months ? 1 : 12) + 0.5);
	set_ref(pr, ref_date);
}

static void compile_date(struct zc_pred *pr, const json_t *cond)
{
	const char *object = str(cond, "object");
	int y, m = 1, d = 1;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (sscanf(object, "%d年%d月%d日", &y, &m, &d) < 1 || y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1]) {
		fixed(pr, "日期条件无法解析", NULL);
		return;
	}
	pr->kind = ZC_PRED_DATE;
	char want[32];
	snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
	memcpy(pr->date, want, 11);
	pr->after = !zc_has(object, "前");
}

/* The N of 近N年 / 近N个会计年度 in s (两/二/三… or digits); 0 when none. */
static int recent_years(const char *s)
{
	const char *p = strstr(s, "近");
	if (!p)
		return 0;
	p += strlen("近");
	static const char *const cn[] = {"一", "两", "三", "四", "五"};
	static const int val[] = {1, 2, 3, 4, 5};
	for (size_t i = 0; i < sizeof(cn) / sizeof(cn[0]); i++)
		if (!strncmp(p, cn[i], strlen(cn[i])))
			return val[i];
	if (!strncmp(p, "二", strlen("二")))
		return 2;
	return *p >= '1' && *p <= '9' ? *p - '0' : 0;
}

/* Which quantity a money threshold (unit …元) measures. */
static void money_quantity(struct zc_pred *pr, const char *metric)
{
	if (zc_has(metric, "投资")) {
		pr->quantity = ZC_Q_INVESTMENT, pr->what = "项目总投资";
		return;
	}
	pr->quantity = ZC_Q_YEAR_FIGURE;
	if (ZC_HAS_ANY(metric, "研发", "研究开发"))
		pr->year_field = offsetof(struct zc_profile_year, rd_expense_wan), pr->what = "研发费用";
	else if (ZC_HAS_ANY(metric, "纳税", "税收", "缴税"))
		pr->year_field = offsetof(struct zc_profile_year, tax_paid_wan), pr->what = "纳税额";
	else if (zc_has(metric, "出口"))
		/* 进出口额: the exports are only a part of it */
		pr->year_field = offsetof(struct zc_profile_year, exports_wan), pr->what = "出口额",
		pr->lower_bound = zc_has(metric, "进出口");
	else if (ZC_HAS_ANY(metric, "营业收入", "销售收入", "主营业务收入", "营收", "销售额") &&
		 !ZC_HAS_ANY(metric, "产品收入", "技术", "服务收入"))
		pr->year_field = offsetof(struct zc_profile_year, revenue_wan), pr->what = "营业收入";
	else
		pr->quantity = ZC_Q_NONE;
}

/*
 * Which intellectual property a threshold counts: Ⅰ类 (invention patents),
 * Ⅱ类 (utility models, designs, software copyrights), 发明专利 alone,
 * 软件著作权, or any (…发明专利等自主知识产权, 知识产权).
 */
static void ip_quantity(struct zc_pred *pr, const char *metric, const char *text)
{
	pr->quantity = ZC_Q_IP;
	bool class1 = ZC_HAS_ANY(metric, "Ⅰ类", "I类", "一类"), class2 = ZC_HAS_ANY(metric, "Ⅱ类", "II类", "二类");
	if (class2)
		pr->ip_kinds = ZC_IP_UTILITY | ZC_IP_DESIGN | ZC_IP_SOFTWARE, pr->what = "Ⅱ类知识产权";
	else if (class1 || (zc_has(metric, "发明专利") && !zc_has(metric, "等")))
		pr->ip_kinds = ZC_IP_INVENTION, pr->what = "发明专利";
	else if (zc_has(metric, "软件著作权"))
		pr->ip_kinds = ZC_IP_SOFTWARE, pr->what = "软件著作权";
	else
		pr->ip_kinds = ZC_IP_ALL, pr->what = "知识产权";
	/* 拥有Ⅰ类知识产权或5件以上Ⅱ类知识产权 */
	pr->ip_or_invention = class2 && ZC_HAS_ANY(text, "Ⅰ类知识产权或", "I类知识产权或", "一类知识产权或");
}

/* The bands of a tiered threshold (extract contract "tiers"): only a full, well-formed list. */
static void read_tiers(struct zc_pred *pr, const json_t *tiers)
{
	size_t n = json_array_size(tiers);
	if (n < 2 || n > ZC_MAX_TIERS)
		return;
	for (size_t i = 0; i < n; i++) {
		const json_t *t = json_array_get(tiers, i);
		const json_t *from = json_object_get(t, "revenue_from_wan"), *to = json_object_get(t, "revenue_to_wan");
		const json_t *v = json_object_get(t, "value");
		if (!json_is_number(v) || (from && !json_is_null(from) && !json_is_number(from)) ||
		    (to && !json_is_null(to) && !json_is_number(to)))
			return;
		pr->tiers[i] = (struct zc_tier){json_is_number(from) ? json_number_value(from) : NAN,
						json_is_number(to) ? json_number_value(to) : NAN, json_number_value(v)};
	}
	pr->n_tiers = (int)n;
}

static void compile_threshold(struct zc_pred *pr, const json_t *cond, const char *ref_date)
{
	const char *metric = str(cond, "metric"), *unit = str(cond, "unit");
	const json_t *v = json_object_get(cond, "value");
	enum zc_pred_op op = parse_op(str(cond, "op"));
	if (!json_is_number(v) || op == ZC_OP_NONE) {
		fixed(pr, "门槛条件缺少数值", NULL);
		return;
	}
	if (op == ZC_OP_BAD) {
		fixed(pr, "门槛条件的比较方式无法识别", NULL);
		return;
	}
	/* 成立时间不超过10年: the company's age, judged as a registration age */
	if ((!strcmp(unit, "年") || !strcmp(unit, "月") || !strcmp(unit, "个月")) && ZC_HAS_ANY(metric, "成立", "注册", "设立")) {
		compile_years(pr, cond, ref_date);
		return;
	}
	pr->kind = ZC_PRED_THRESHOLD;
	pr->op = op;
	pr->metric = metric;
	pr->unit = unit;
	pr->want = pr->shown = json_number_value(v);
	pr->max_year = atoi(ref_date); /* figures of years after the date do not count */
	/* 上年度 / 上一年度: the year before the reference date's, that year's figures only */
	const char *text = str(cond, "text");
	pr->last_year = ZC_HAS_ANY(text, "上年度", "上一年度", "上年末");
	if (pr->last_year)
		pr->max_year--;
	pr->percent = !strcmp(unit, "%");
	pr->growth = zc_has(metric, "增长");
	bool rd = ZC_HAS_ANY(metric, "研发", "研究开发", "研究与试验发展", "R&D");
	if (pr->percent && pr->growth && ZC_HAS_ANY(metric, "收入", "销售额", "营收")) {
		/* revenue growth over 近N年, up to the last year with figures not after max_year */
		pr->quantity = ZC_Q_GROWTH;
		pr->span = recent_years(metric) ? recent_years(metric) : recent_years(text);
		pr->compound = zc_has(metric, "年均");
		pr->what = pr->compound ? "营业收入年均增长率" : "营业收入平均增长率";
	} else if (pr->percent && zc_has(metric, "占")) {
		/* 研发费用占比, …占营业收入比例: the R&D expense over revenue */
		if (rd && ZC_HAS_ANY(metric, "费", "投入", "支出") && ZC_HAS_ANY(metric, "收入", "占比")) {
			pr->quantity = ZC_Q_RD_RATIO, pr->what = "研发费用占营业收入比例";
			pr->year_field = offsetof(struct zc_profile_year, rd_expense_wan);
			pr->year_den = offsetof(struct zc_profile_year, revenue_wan);
			if (zc_has(metric, "总额") && recent_years(metric) > 0)
				pr->sum_years = recent_years(metric);
			read_tiers(pr, json_object_get(cond, "tiers"));
		} else {
			/* which staff ratio depends on what the profile gives: see staff_ratio() */
			pr->science_words = ZC_HAS_ANY(metric, "科技人员", "科研人员");
			pr->rd_staff_words = rd && zc_has(metric, "人员");
			pr->quantity = pr->science_words || pr->rd_staff_words ? ZC_Q_STAFF_RATIO : ZC_Q_NONE;
		}
	} else if (!pr->percent && zc_has(unit, "元")) {
		pr->want *= zc_has(unit, "亿") ? 10000.0 : zc_has(unit, "万") ? 1.0 : 1.0 / 10000;
		/*
		 * A foreign currency is judged over a band of exchange rates, not a
		 * day's rate: 500万美元 is met by what exceeds it at 8 元 per dollar,
		 * unmet by what falls short at 6, unknown between.
		 */
		if (zc_has(unit, "美元"))
			pr->fx_lo = 6.0, pr->fx_hi = 8.0;
		else if (zc_has(unit, "欧元"))
			pr->fx_lo = 6.5, pr->fx_hi = 9.0;
		else if (zc_has(unit, "港元"))
			pr->fx_lo = 0.8, pr->fx_hi = 1.0;
		else if (!zc_has(unit, "人民币") && !ZC_HAS_ANY(unit, "万元", "亿元") && strcmp(unit, "元")) {
			/* 日元, 韩元, 澳元 …: not converted */
			memset(pr, 0, sizeof(*pr));
			fixed(pr, "外币金额不作换算", NULL);
			return;
		}
		money_quantity(pr, metric);
	} else if ((!strcmp(unit, "项") || !strcmp(unit, "件") || !strcmp(unit, "个")) &&
		   (ZC_HAS_ANY(metric, "知识产权", "专利", "著作权"))) {
		ip_quantity(pr, metric, text);
	} else if (!strcmp(unit, "人")) {
		if (rd || zc_has(metric, "固定研究人员"))
			pr->quantity = ZC_Q_RD_STAFF, pr->what = "研发人员";
		else if (ZC_HAS_ANY(metric, "科技", "科研", "研究人员"))
			pr->quantity = ZC_Q_SCIENCE_STAFF, pr->what = "科技人员";
		else if (ZC_HAS_ANY(metric, "职工", "员工", "从业人员", "人数"))
			pr->quantity = ZC_Q_EMPLOYEES, pr->what = "职工人数";
	}
	if (pr->quantity == ZC_Q_NONE) {
		memset(pr, 0, sizeof(*pr));
		fixed(pr, "“%s”不是可核对的指标", metric);
	}
}

static void compile_qualification(struct zc_pred *pr, const json_t *cond, const char *ref_date, bool want_held)
{
	const char *object = str(cond, "object");
	if (!object[0]) {
		fixed(pr, "条件未写明资质", NULL);
		return;
	}
	pr->object = object;
	if (!want_held && ZC_HAS_ANY(object, "失信", "黑名单", "异常名录", "信用中国", "严重违法", "名单")) {
		/* Not on a credit blacklist: the credit record says; the list named decides which events count. */
		pr->kind = ZC_PRED_BLACKLIST;
		pr->word = zc_has(object, "异常名录") ? "异常" : zc_has(object, "严重违法") ? "严重违法"
			 : zc_has(object, "黑名单") ? "黑名单" : "失信";
		return;
	}
	pr->kind = want_held ? ZC_PRED_QUAL_HELD : ZC_PRED_QUAL_NOT_HELD;
	/* 此前未被认定为…: never, so an expired certificate still counts */
	pr->ever = !want_held && ZC_HAS_ANY(str(cond, "text"), "此前", "曾经", "曾被", "从未", "以往");
	if (want_held) /* 已取得…证书满1年 */
		pr->years = (int)json_integer_value(json_object_get(cond, "years"));
	set_ref(pr, ref_date);
}

static void compile_legal_form(struct zc_pred *pr, const json_t *cond)
{
	const char *object = str(cond, "object");
	if (zc_has(object, "法人") || zc_has(object, "独立承担民事责任")) {
		pr->kind = ZC_PRED_LEGAL_PERSON;
	} else if (!ZC_HAS_ANY(object, "公司", "合伙", "独资")) {
		fixed(pr, "“%s”不是可核对的企业类型", object);
	} else {
		pr->kind = ZC_PRED_LEGAL_FORM;
		pr->object = object;
	}
}

void zc_pred_compile(struct zc_pred *pr, const json_t *cond, const char *ref_date, const char *home_region)
{
	memset(pr, 0, sizeof(*pr));
	const char *type = str(cond, "type");
	if (!strcmp(type, "registration_region")) {
		compile_region(pr, cond, home_region);
	} else if (!strcmp(type, "years_since_registration")) {
		compile_years(pr, cond, ref_date);
	} else if (!strcmp(type, "legal_form")) {
		compile_legal_form(pr, cond);
	} else if (!strcmp(type, "threshold")) {
		compile_threshold(pr, cond, ref_date);
	} else if (!strcmp(type, "qualification_held") || !strcmp(type, "qualification_not_held")) {
		compile_qualification(pr, cond, ref_date, !strcmp(type, "qualification_held"));
	} else if (!strcmp(type, "clean_record")) {
		pr->kind = ZC_PRED_RECORD;
		pr->years = (int)json_integer_value(json_object_get(cond, "years"));
		set_ref(pr, ref_date);
	} else if (!strcmp(type, "industry")) {
		pr->object = str(cond, "object");
		pr->kind = zc_has(pr->object, "高新技术领域") ? ZC_PRED_HIGH_TECH_FIELD
			   : zc_has(pr->object, "工业企业")  ? ZC_PRED_INDUSTRIAL
							    : ZC_PRED_INDUSTRY;
		if (pr->kind == ZC_PRED_INDUSTRIAL) /* 规模以上: revenue of the year before the reference date's */
			pr->max_year = atoi(ref_date) - 1;
	} else if (!strcmp(type, "date")) {
		compile_date(pr, cond);
	} else {
		fixed(pr, "该条件需人工核对", NULL);
	}
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool zc_pred_same(const struct zc_pred *a, const struct zc_pred *b)
{
	return a->kind == b->kind && a->op == b->op && same_str(a->reason_fmt, b->reason_fmt) &&
	       same_str(a->reason_arg, b->reason_arg) && a->n_named == b->n_named &&
	       !memcmp(a->named, b->named, sizeof(a->named)) && a->several == b->several && a->negated == b->negated && a->nationwide == b->nationwide &&
	       !strcmp(a->ref_date, b->ref_date) && a->months == b->months && a->span_shown == b->span_shown &&
	       a->in_months == b->in_months && !strcmp(a->date, b->date) && a->after == b->after &&
	       a->quantity == b->quantity && a->year_field == b->year_field && a->year_den == b->year_den &&
	       same_str(a->what, b->what) && a->want == b->want && a->shown == b->shown &&
	       same_str(a->metric, b->metric) && same_str(a->unit, b->unit) && a->max_year == b->max_year &&
	       a->last_year == b->last_year && a->percent == b->percent && a->growth == b->growth &&
	       a->science_words == b->science_words && a->rd_staff_words == b->rd_staff_words &&
	       a->compound == b->compound && a->span == b->span && a->ip_kinds == b->ip_kinds &&
	       a->ip_or_invention == b->ip_or_invention && a->ever == b->ever && a->sum_years == b->sum_years &&
	       a->n_tiers == b->n_tiers && !memcmp(a->tiers, b->tiers, sizeof(a->tiers)) && a->fx_lo == b->fx_lo &&
	       a->fx_hi == b->fx_hi && a->lower_bound == b->lower_bound && same_str(a->object, b->object) &&
	       same_str(a->word, b->word) && a->years == b->years;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return mix(h, 0xff);
}

uint64_t zc_pred_hash(const struct zc_pred *pr)
{
	uint64_t h = mix(0xcbf29ce484222325ULL, (uint64_t)pr->kind * 16 + (uint64_t)pr->op);
	h = hash_str(h, pr->reason_fmt);
	h = hash_str(h, pr->reason_arg);
	for (unsigned i = 0; i < pr->n_named; i++)
		h = hash_str(h, pr->named[i]->code);
	h = hash_str(h, pr->ref_date);
	h = mix(h, (uint64_t)pr->months * 4 + pr->negated * 2 + pr->nationwide);
	h = hash_str(h, pr->date);
	h = mix(h, (uint64_t)pr->quantity * 1000 + pr->year_field);
	double want = pr->want + 0.0; /* -0.0 and 0.0 alike */
	uint64_t bits;
	memcpy(&bits, &want, sizeof(bits));
	h = mix(h, bits);
	h = hash_str(h, pr->metric);
	h = hash_str(h, pr->object);
	return mix(h, (uint64_t)pr->max_year * 100 + (uint64_t)pr->years);
}
