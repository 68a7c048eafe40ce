/*
 * predicate.c: one eligibility condition evaluated on a company profile
 * (match.h). Each condition type has its rule; a value the profile does not
 * give, or a sentence the rule cannot read, is "unknown", never guessed.
 *
 *   registration_region  the regions named in the condition (我省/本市: the
 *                        notice's own region) contain the registered region;
 *                        negated (…以外): they must not
 *   years_since_registration  registered at least N years before the
 *                        reference date (the notice's deadline, else today)
 *   legal_form           独立法人 → independent legal person; else the form named
 *   threshold            the measured quantity, from the profile's people,
 *                        latest year's figures or projects, against op and value
 *   qualification_held / _not_held  among the profile's qualifications
 *                        (失信 lists: among its credit events)
 *   clean_record         no credit event within N years of the reference date
 *   industry             among the profile's industries
 *   date                 a project started on the right side of the date
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "match/internal.h"
#include "zhengce/region.h"
#include "banned.h"

struct eval {
	const json_t *cond;
	const struct zc_profile *p;
	const char *ref_date;    /* the date conditions are judged at */
	const char *home_region; /* the notice's own region code, or NULL */
	char *value, *reason;
	size_t value_len, reason_len;
};

#define VALUE(e, ...) snprintf((e)->value, (e)->value_len, __VA_ARGS__)
#define REASON(e, ...) snprintf((e)->reason, (e)->reason_len, __VA_ARGS__)

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static bool has(const char *s, const char *word)
{
	return strstr(s, word) != NULL;
}

/* ---- regions ---- */

static enum zc_cond_status eval_region(struct eval *e)
{
	const char *object = str(e->cond, "object");
	const char *text = str(e->cond, "text");
	bool negated = json_is_true(json_object_get(e->cond, "negated"));
	const struct zc_region *named[8];
	size_t n = zc_region_scan(object, strlen(object), named, 8);
	const struct zc_region *home = e->home_region ? zc_region_by_code(e->home_region) : NULL;
	/* the issuer's own place: 我省/本省/省内/全省 its province, 我市/本市/市内 its city … */
	if (n == 0 && home) {
		static const char *const province_words[] = {"我省", "本省", "省内", "全省"};
		static const char *const home_words[] = {"我市", "本市", "市内", "全市", "我区", "本区", "区内", "本地"};
		for (size_t i = 0; i < sizeof(province_words) / sizeof(province_words[0]) && !n; i++)
			if (has(object, province_words[i]) || has(text, province_words[i])) {
				named[0] = zc_region_province(home) ? zc_region_province(home) : home;
				n = 1;
			}
		for (size_t i = 0; i < sizeof(home_words) / sizeof(home_words[0]) && !n; i++)
			if (has(object, home_words[i]) || has(text, home_words[i])) {
				named[0] = home;
				n = 1;
			}
	}
	if (n == 0) {
		REASON(e, "条件未写明可识别的地区");
		return ZC_COND_UNKNOWN;
	}
	if (!e->p->region[0]) {
		REASON(e, "企业档案未填注册地（registration.region）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_region *reg = zc_region_by_code(e->p->region);
	VALUE(e, "%s", reg ? reg->name : e->p->region);
	bool inside = false, coarser = false;
	for (size_t i = 0; i < n && i < 8 && !inside; i++) {
		inside = zc_region_contains(named[i], reg);
		coarser |= reg && reg != named[i] && zc_region_contains(reg, named[i]);
	}
	if (!inside && coarser) {
		REASON(e, "注册地只填到%s，条件要求%s", reg->name, named[0]->name);
		return ZC_COND_UNKNOWN;
	}
	if (inside != negated) {
		REASON(e, "注册地%s%s%s", reg ? reg->name : e->p->region, negated ? "不在" : "在",
		       named[0]->name);
		return ZC_COND_MET;
	}
	REASON(e, "注册地%s%s%s%s", reg ? reg->name : e->p->region, negated ? "在排除的" : "不在", named[0]->name,
	       n > 1 ? "等地区" : "");
	return ZC_COND_UNMET;
}

/* ---- dates ---- */

static long day_number(const char *iso)
{
	return zc_day_number(iso);
}

static enum zc_cond_status compare(double have, const char *op, double want)
{
	bool ok = !strcmp(op, ">=") ? have >= want - 1e-9
		  : !strcmp(op, ">") ? have > want + 1e-9
		  : !strcmp(op, "<=") ? have <= want + 1e-9
		  : !strcmp(op, "<") ? have < want - 1e-9
				     : fabs(have - want) < 1e-9;
	return ok ? ZC_COND_MET : ZC_COND_UNMET;
}

static const char *op_words(const char *op)
{
	return !strcmp(op, ">=") ? "不低于" : !strcmp(op, ">") ? "高于" : !strcmp(op, "<=") ? "不超过"
					      : !strcmp(op, "<") ? "低于" : "等于";
}

/* iso plus n months, as "YYYY-MM-DD" (the 29th–31st of a short month become its last day). */
static void add_months(const char *iso, long n, char out[11])
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y = atoi(iso), m = atoi(iso + 5) - 1 + n, d = atoi(iso + 8);
	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12;
	int last = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	char buf[48]; /* bounded below: the years stay within 1900–2300 in practice */
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y % 10000, m + 1, d > last ? (long)last : d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

static enum zc_cond_status eval_years(struct eval *e)
{
	const json_t *v = json_object_get(e->cond, "value");
	const char *op = str(e->cond, "op"), *unit = str(e->cond, "unit");
	if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 200) {
		REASON(e, "条件未写明年限");
		return ZC_COND_UNKNOWN;
	}
	if (!e->p->registered_on[0]) {
		REASON(e, "企业档案未填注册日期（registration.date）");
		return ZC_COND_UNKNOWN;
	}
	/* Calendar arithmetic: registered on 2016-08-20, three years are
	 * reached on 2019-08-20. */
	double n = json_number_value(v);
	long months = (long)(n * (!strcmp(unit, "月") ? 1 : 12) + 0.5);
	char reached[11];
	add_months(e->p->registered_on, months, reached);
	double have = (double)(day_number(e->ref_date) - day_number(e->p->registered_on)) / 365.2425;
	VALUE(e, "%s注册，至%s满%.1f年", e->p->registered_on, e->ref_date, have);
	bool at_least = strcmp(reached, e->ref_date) <= 0;
	enum zc_cond_status s;
	if (!op[0] || !strcmp(op, ">="))
		s = at_least ? ZC_COND_MET : ZC_COND_UNMET;
	else if (!strcmp(op, ">"))
		s = strcmp(reached, e->ref_date) < 0 ? ZC_COND_MET : ZC_COND_UNMET;
	else if (!strcmp(op, "<=") || !strcmp(op, "<"))
		s = !strcmp(op, "<") ? (!at_least ? ZC_COND_MET : ZC_COND_UNMET)
				     : (strcmp(reached, e->ref_date) >= 0 ? ZC_COND_MET : ZC_COND_UNMET);
	else {
		REASON(e, "年限条件的比较方式无法识别");
		return ZC_COND_UNKNOWN;
	}
	REASON(e, "注册成立%.1f年（%s满%g%s），要求%s%g%s", have, reached, n, !strcmp(unit, "月") ? "个月" : "年",
	       op_words(op[0] ? op : ">="), n, !strcmp(unit, "月") ? "个月" : "年");
	return s;
}

static enum zc_cond_status eval_date(struct eval *e)
{
	const char *object = str(e->cond, "object");
	int y, m = 1, d = 1;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (sscanf(object, "%d年%d月%d日", &y, &m, &d) < 1 || y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1]) {
		REASON(e, "日期条件无法解析");
		return ZC_COND_UNKNOWN;
	}
	char want[32];
	snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
	bool after = !has(object, "前");
	if (e->p->projects.n == 0) {
		REASON(e, "企业档案无项目（projects）");
		return ZC_COND_UNKNOWN;
	}
	bool undated = false;
	for (size_t i = 0; i < e->p->projects.n; i++) {
		const struct zc_profile_project *pr = &ZC_VEC_AT(&e->p->projects, struct zc_profile_project, i);
		if (!pr->start[0]) {
			undated = true;
			continue;
		}
		if (after ? strcmp(pr->start, want) >= 0 : strcmp(pr->start, want) <= 0) {
			VALUE(e, "项目%s开工于%s", pr->kind ? pr->kind : "", pr->start);
			REASON(e, "有项目在%s%s开工", want, after ? "之后" : "之前");
			return ZC_COND_MET;
		}
	}
	if (undated) {
		REASON(e, "有项目未填开工日期（projects[].start_date）");
		return ZC_COND_UNKNOWN;
	}
	REASON(e, "没有%s%s开工的项目", want, after ? "之后" : "之前");
	return ZC_COND_UNMET;
}

/* ---- thresholds ---- */

/* The latest year, not after the reference date's, whose field is given; NAN when none. */
static double latest(const struct zc_profile *p, size_t offset, int max_year, int *year)
{
	for (size_t i = p->years.n; i-- > 0;) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		if (y->year > max_year)
			continue;
		double v = *(const double *)((const char *)y + offset);
		if (!isnan(v)) {
			*year = y->year;
			return v;
		}
	}
	return NAN;
}

/* The revenue of a given year; NAN when the profile lacks it. */
static double revenue_of(const struct zc_profile *p, int year)
{
	for (size_t i = 0; i < p->years.n; i++) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		if (y->year == year)
			return y->revenue_wan;
	}
	return NAN;
}

/*
 * Revenue growth over the last `span` years up to `last` (近两年: 2, 近三年:
 * 3), in percent: 年均增长率 the compound annual rate, 平均增长率 the mean of
 * the yearly rates. NAN when a year's revenue is missing or not positive.
 */
static double revenue_growth(const struct zc_profile *p, int last, int span, bool compound)
{
	double first = revenue_of(p, last - span), end = revenue_of(p, last);
	if (isnan(first) || isnan(end) || first <= 0)
		return NAN;
	if (compound)
		return 100.0 * (pow(end / first, 1.0 / span) - 1.0);
	double sum = 0;
	for (int y = last - span + 1; y <= last; y++) {
		double a = revenue_of(p, y - 1), b = revenue_of(p, y);
		if (isnan(a) || isnan(b) || a <= 0)
			return NAN;
		sum += 100.0 * (b / a - 1.0);
	}
	return sum / span;
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

/* The ratio of two fields in the latest year (not after max_year) that gives both; NAN when none. */
static double latest_ratio(const struct zc_profile *p, size_t num, size_t den, int max_year, int *year)
{
	for (size_t i = p->years.n; i-- > 0;) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		if (y->year > max_year)
			continue;
		double a = *(const double *)((const char *)y + num), b = *(const double *)((const char *)y + den);
		if (!isnan(a) && !isnan(b) && b > 0) {
			*year = y->year;
			return a / b * 100;
		}
	}
	return NAN;
}

static enum zc_cond_status eval_threshold(struct eval *e)
{
	const char *metric = str(e->cond, "metric"), *unit = str(e->cond, "unit"), *op = str(e->cond, "op");
	const json_t *v = json_object_get(e->cond, "value");
	if (!json_is_number(v) || !op[0]) {
		REASON(e, "门槛条件缺少数值");
		return ZC_COND_UNKNOWN;
	}
	if (strcmp(op, ">=") && strcmp(op, ">") && strcmp(op, "<=") && strcmp(op, "<") && strcmp(op, "=")) {
		REASON(e, "门槛条件的比较方式无法识别");
		return ZC_COND_UNKNOWN;
	}
	if (has(unit, "美元") || has(unit, "港元") || has(unit, "欧元")) {
		REASON(e, "外币金额不作换算");
		return ZC_COND_UNKNOWN;
	}
	/* 成立时间不超过10年: the company's age, judged as a registration age */
	if ((!strcmp(unit, "年") || !strcmp(unit, "月") || !strcmp(unit, "个月")) &&
	    (has(metric, "成立") || has(metric, "注册") || has(metric, "设立")))
		return eval_years(e);
	double want = json_number_value(v), have = NAN;
	int year = 0, max_year = atoi(e->ref_date); /* figures of years after the date do not count */
	/* 上年度 / 上一年度: the year before the reference date's, that year's figures only */
	const char *text = str(e->cond, "text");
	bool last_year = has(text, "上年度") || has(text, "上一年度") || has(text, "上年末");
	if (last_year)
		max_year--;
	const char *what = NULL;
	bool ratio = !strcmp(unit, "%");
	const struct zc_profile *p = e->p;
	bool rd = has(metric, "研发") || has(metric, "研究开发") || has(metric, "研究与试验发展") || has(metric, "R&D");
	if (ratio && has(metric, "增长") && (has(metric, "收入") || has(metric, "销售额") || has(metric, "营收"))) {
		/* revenue growth over 近N年, up to the last year with figures not after max_year */
		int span = recent_years(metric) ? recent_years(metric) : recent_years(text);
		double last_revenue = latest(p, offsetof(struct zc_profile_year, revenue_wan), max_year, &year);
		if (span > 0 && !isnan(last_revenue))
			have = revenue_growth(p, year, span, has(metric, "年均"));
		what = has(metric, "年均") ? "营业收入年均增长率" : "营业收入平均增长率";
		if (isnan(have)) {
			REASON(e, "企业档案缺少计算%s所需的逐年营业收入", what);
			return ZC_COND_UNKNOWN;
		}
		VALUE(e, "%d–%d年%s%.2f%%", year - span, year, what, have);
	} else if (ratio && has(metric, "占")) {
		/* 研发费用占比, …占营业收入比例: the R&D expense over revenue */
		if (rd && (has(metric, "费") || has(metric, "投入") || has(metric, "支出")) &&
		    (has(metric, "收入") || has(metric, "占比"))) {
			have = latest_ratio(p, offsetof(struct zc_profile_year, rd_expense_wan),
					    offsetof(struct zc_profile_year, revenue_wan), max_year, &year);
			what = "研发费用占营业收入比例";
		} else if ((has(metric, "科技人员") || has(metric, "科研人员")) && p->science_staff >= 0 && p->employees > 0) {
			have = 100.0 * (double)p->science_staff / (double)p->employees;
			what = "科技人员占职工总数比例";
		} else if (rd && has(metric, "人员") && p->rd_staff >= 0 && p->employees > 0) {
			have = 100.0 * (double)p->rd_staff / (double)p->employees;
			what = "研发人员占职工总数比例";
		}
	} else if (!ratio && (has(unit, "元"))) {
		double scale = has(unit, "亿") ? 10000.0 : has(unit, "万") ? 1.0 : 1.0 / 10000;
		want *= scale;
		if (has(metric, "投资")) {
			for (size_t i = 0; i < p->projects.n; i++) {
				double inv = ZC_VEC_AT(&p->projects, struct zc_profile_project, i).investment_wan;
				if (!isnan(inv) && (isnan(have) || inv > have))
					have = inv;
			}
			what = "项目总投资";
		} else if (has(metric, "研发") || has(metric, "研究开发")) {
			have = latest(p, offsetof(struct zc_profile_year, rd_expense_wan), max_year, &year);
			what = "研发费用";
		} else if (has(metric, "纳税") || has(metric, "税收") || has(metric, "缴税")) {
			have = latest(p, offsetof(struct zc_profile_year, tax_paid_wan), max_year, &year);
			what = "纳税额";
		} else if (has(metric, "出口")) {
			have = latest(p, offsetof(struct zc_profile_year, exports_wan), max_year, &year);
			what = "出口额";
		} else if ((has(metric, "营业收入") || has(metric, "销售收入") || has(metric, "主营业务收入") ||
			    has(metric, "营收") || has(metric, "销售额")) &&
			   !has(metric, "产品收入") && !has(metric, "技术") && !has(metric, "服务收入")) {
			have = latest(p, offsetof(struct zc_profile_year, revenue_wan), max_year, &year);
			what = "营业收入";
		}
		if (!isnan(have)) {
			if (year)
				VALUE(e, "%d年%s%g万元", year, what, have);
			else
				VALUE(e, "%s%g万元", what, have);
		}
	} else if (!strcmp(unit, "人")) {
		long n = -1;
		if (rd || has(metric, "固定研究人员"))
			n = p->rd_staff, what = "研发人员";
		else if (has(metric, "科技") || has(metric, "科研") || has(metric, "研究人员"))
			n = p->science_staff, what = "科技人员";
		else if (has(metric, "职工") || has(metric, "员工") || has(metric, "从业人员") || has(metric, "人数"))
			n = p->employees, what = "职工人数";
		if (what && n >= 0) {
			have = (double)n;
			VALUE(e, "%s%ld人", what, n);
		}
	}
	if (!what) {
		REASON(e, "“%s”不是可核对的指标", metric);
		return ZC_COND_UNKNOWN;
	}
	if (isnan(have)) {
		REASON(e, "企业档案缺少%s", what);
		return ZC_COND_UNKNOWN;
	}
	if (last_year && year && year != max_year) {
		REASON(e, "条件看上年度（%d年）的%s，企业档案只有%d年的", max_year, what, year);
		return ZC_COND_UNKNOWN;
	}
	if (ratio && year && !has(metric, "增长"))
		VALUE(e, "%d年%s%.2f%%", year, what, have);
	else if (ratio)
		VALUE(e, "%s%.2f%%", what, have);
	enum zc_cond_status s = compare(have, op, want);
	REASON(e, "%s%s要求（%s%g%s）", what, s == ZC_COND_MET ? "达到" : "未达到", op_words(op),
	       json_number_value(v), unit);
	return s;
}

/* ---- qualifications, record, form, industry ---- */

/* The qualification named by object, held (not expired) at ref_date. */
static const struct zc_profile_qualification *held(const struct zc_profile *p, const char *object, const char *ref_date)
{
	for (size_t i = 0; i < p->qualifications.n; i++) {
		const struct zc_profile_qualification *q = &ZC_VEC_AT(&p->qualifications, struct zc_profile_qualification, i);
		if (q->expires[0] && strcmp(q->expires, ref_date) < 0)
			continue;
		if (q->name && q->name[0] && (strstr(object, q->name) || strstr(q->name, object)))
			return q;
	}
	return NULL;
}

/* A credit event within `years` of the reference date (all when years is 0). */
static const struct zc_profile_event *event_within(const struct eval *e, int years, const char *kind_word)
{
	long ref = day_number(e->ref_date);
	for (size_t i = 0; i < e->p->credit_events.n; i++) {
		const struct zc_profile_event *ev = &ZC_VEC_AT(&e->p->credit_events, struct zc_profile_event, i);
		if (kind_word && !(ev->kind && has(ev->kind, kind_word)))
			continue;
		if (years > 0 && (!ev->date[0] || (ref - day_number(ev->date)) > (long)(years * 365.2425)))
			continue; /* undated events: see undated_event() */
		return ev;
	}
	return NULL;
}

/* An event without a date, which a look-back window cannot place. */
static bool undated_event(const struct eval *e)
{
	for (size_t i = 0; i < e->p->credit_events.n; i++)
		if (!ZC_VEC_AT(&e->p->credit_events, struct zc_profile_event, i).date[0])
			return true;
	return false;
}

static enum zc_cond_status eval_qualification(struct eval *e, bool want_held)
{
	const char *object = str(e->cond, "object");
	if (!object[0]) {
		REASON(e, "条件未写明资质");
		return ZC_COND_UNKNOWN;
	}
	if (!want_held && (has(object, "失信") || has(object, "黑名单") || has(object, "异常名录") ||
			   has(object, "信用中国") || has(object, "严重违法") || has(object, "名单"))) {
		/* Not on a credit blacklist: the credit record says. */
		if (!e->p->has_credit_events) {
			REASON(e, "企业档案未填信用记录（credit_events）");
			return ZC_COND_UNKNOWN;
		}
		/* The list the condition names decides which events count. */
		const char *word = has(object, "异常名录") ? "异常" : has(object, "严重违法") ? "严重违法"
				 : has(object, "黑名单") ? "黑名单" : "失信";
		const struct zc_profile_event *ev = event_within(e, 0, word);
		if (ev) {
			VALUE(e, "%s %s", ev->date, ev->kind);
			REASON(e, "信用记录有“%s”", ev->kind);
			return ZC_COND_UNMET;
		}
		REASON(e, "信用记录中无%s事项", word);
		return ZC_COND_MET;
	}
	if (!e->p->has_qualifications) {
		REASON(e, "企业档案未填资质（qualifications）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_profile_qualification *q = held(e->p, object, e->ref_date);
	if (q)
		VALUE(e, "%s%s%s", q->name, q->date[0] ? " " : "", q->date);
	if ((q != NULL) == want_held) {
		REASON(e, "%s%s", want_held ? "已具备" : "未具备", want_held && q ? q->name : object);
		return ZC_COND_MET;
	}
	REASON(e, "%s%s", want_held ? "企业资质中没有" : "已具备", want_held ? object : q->name);
	return ZC_COND_UNMET;
}

static enum zc_cond_status eval_record(struct eval *e)
{
	int years = (int)json_integer_value(json_object_get(e->cond, "years"));
	if (!e->p->has_credit_events) {
		REASON(e, "企业档案未填信用记录（credit_events）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_profile_event *ev = event_within(e, years, NULL);
	if (ev) {
		VALUE(e, "%s %s", ev->date, ev->kind ? ev->kind : "");
		REASON(e, "%s内有不良记录：%s", years ? (years == 1 ? "一年" : years == 2 ? "两年" : years == 3 ? "三年" : "规定期限")
						    : "记录",
		       ev->text ? ev->text : ev->kind);
		return ZC_COND_UNMET;
	}
	if (years > 0 && undated_event(e)) {
		REASON(e, "信用记录中有未注明日期的事项，无法判断是否在%d年内", years);
		return ZC_COND_UNKNOWN;
	}
	REASON(e, "信用记录中%s无不良事项", years ? "规定期限内" : "");
	return ZC_COND_MET;
}

static enum zc_cond_status eval_legal_form(struct eval *e)
{
	const char *object = str(e->cond, "object");
	if (has(object, "法人")) {
		if (e->p->independent_legal_person < 0) {
			REASON(e, "企业档案未填是否独立法人（registration.independent_legal_person）");
			return ZC_COND_UNKNOWN;
		}
		VALUE(e, "%s", e->p->independent_legal_person ? "独立法人" : "非独立法人");
		REASON(e, "%s", e->p->independent_legal_person ? "具有独立法人资格" : "不具有独立法人资格");
		return e->p->independent_legal_person ? ZC_COND_MET : ZC_COND_UNMET;
	}
	if (!(has(object, "公司") || has(object, "合伙") || has(object, "独资"))) {
		REASON(e, "“%s”不是可核对的企业类型", object);
		return ZC_COND_UNKNOWN;
	}
	if (!e->p->legal_form) {
		REASON(e, "企业档案未填企业类型（registration.legal_form）");
		return ZC_COND_UNKNOWN;
	}
	VALUE(e, "%s", e->p->legal_form);
	bool ok = has(object, e->p->legal_form) || has(e->p->legal_form, object);
	if (ok)
		REASON(e, "企业类型%s符合", e->p->legal_form);
	else
		REASON(e, "企业类型为%s，条件要求%s", e->p->legal_form, object);
	return ok ? ZC_COND_MET : ZC_COND_UNMET;
}

static enum zc_cond_status eval_industry(struct eval *e)
{
	const char *object = str(e->cond, "object");
	if (e->p->industries.n == 0) {
		REASON(e, "企业档案未填行业（industries）");
		return ZC_COND_UNKNOWN;
	}
	for (size_t i = 0; i < e->p->industries.n; i++)
		if (object[0] && (has(object, e->p->industries.v[i]) || has(e->p->industries.v[i], object))) {
			VALUE(e, "%s", e->p->industries.v[i]);
			REASON(e, "行业符合");
			return ZC_COND_MET;
		}
	/* Industry names and codes do not compare reliably: say so, do not guess. */
	VALUE(e, "%s", e->p->industries.v[0]);
	REASON(e, "行业“%s”与条件无法自动比对", e->p->industries.v[0]);
	return ZC_COND_UNKNOWN;
}

enum zc_cond_status zc_condition_eval_in(const json_t *cond, const struct zc_profile *p, const char *ref_date,
					 const char *home_region, char *value, size_t value_len, char *reason,
					 size_t reason_len)
{
	struct eval e = {cond, p, ref_date, home_region, value, reason, value_len, reason_len};
	value[0] = reason[0] = '\0';
	const char *type = str(cond, "type");
	if (!strcmp(type, "registration_region"))
		return eval_region(&e);
	if (!strcmp(type, "years_since_registration"))
		return eval_years(&e);
	if (!strcmp(type, "legal_form"))
		return eval_legal_form(&e);
	if (!strcmp(type, "threshold"))
		return eval_threshold(&e);
	if (!strcmp(type, "qualification_held"))
		return eval_qualification(&e, true);
	if (!strcmp(type, "qualification_not_held"))
		return eval_qualification(&e, false);
	if (!strcmp(type, "clean_record"))
		return eval_record(&e);
	if (!strcmp(type, "industry"))
		return eval_industry(&e);
	if (!strcmp(type, "date"))
		return eval_date(&e);
	REASON(&e, "该条件需人工核对");
	return ZC_COND_UNKNOWN;
}

enum zc_cond_status zc_condition_eval(const json_t *cond, const struct zc_profile *p, const char *today,
				      char *value, size_t value_len, char *reason, size_t reason_len)
{
	return zc_condition_eval_in(cond, p, today, NULL, value, value_len, reason, reason_len);
}
