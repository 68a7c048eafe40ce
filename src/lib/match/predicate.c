/*
 * predicate.c: one eligibility condition, compiled (predicate-compile.c)
 * and judged on a company profile (internal.h). Each condition type has its
 * rule; a value the profile does not give, or a sentence the rule cannot
 * read, is "unknown", never guessed.
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
 *                        (证书满N年: held that long); intellectual property by kind
 *   industry             among the profile's industries; 《国家重点支持的高新技术
 *                        领域》 from them (met or unknown, never unmet)
 *   date                 a project started on the right side of the date
 *
 * Compiling reads the words (metric, unit, object, text); judging reads
 * numbers and the profile's strings only, and formats a reason only when
 * asked for one.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "match/internal.h"
#include "banned.h"

static const char *op_words(enum zc_pred_op op)
{
	return op == ZC_OP_GE ? "不低于" : op == ZC_OP_GT ? "高于" : op == ZC_OP_LE ? "不超过" : op == ZC_OP_LT ? "低于"
														       : "等于";
}

struct judge {
	const struct zc_pred *pr;
	const struct zc_profile *p;
	char *value, *reason;
	size_t value_len, reason_len;
};

/* Reasons and values cost a formatting each: only when asked for. */
#define VALUE(j, ...) ((j)->value_len ? snprintf((j)->value, (j)->value_len, __VA_ARGS__) : 0)
#define REASON(j, ...) ((j)->reason_len ? snprintf((j)->reason, (j)->reason_len, __VA_ARGS__) : 0)

static enum zc_cond_status judge_region(struct judge *j)
{
	const struct zc_pred *pr = j->pr;
	if (!j->p->region[0]) {
		REASON(j, "企业档案未填注册地（registration.region）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_region *reg = zc_region_by_code(j->p->region);
	VALUE(j, "%s", reg ? reg->name : j->p->region);
	if (pr->nationwide) {
		REASON(j, "注册地%s在中华人民共和国境内", reg ? reg->name : j->p->region);
		return ZC_COND_MET;
	}
	bool inside = false, coarser = false;
	for (unsigned i = 0; i < pr->n_named && !inside; i++) {
		inside = zc_region_contains(pr->named[i], reg);
		coarser |= reg && reg != pr->named[i] && zc_region_contains(reg, pr->named[i]);
	}
	if (!inside && coarser) {
		REASON(j, "注册地只填到%s，条件要求%s", reg->name, pr->named[0]->name);
		return ZC_COND_UNKNOWN;
	}
	if (inside != pr->negated) {
		REASON(j, "注册地%s%s%s", reg ? reg->name : j->p->region, pr->negated ? "不在" : "在", pr->named[0]->name);
		return ZC_COND_MET;
	}
	REASON(j, "注册地%s%s%s%s", reg ? reg->name : j->p->region, pr->negated ? "在排除的" : "不在", pr->named[0]->name,
	       pr->several ? "等地区" : "");
	return ZC_COND_UNMET;
}

/* yyyymmdd of iso plus n months (the 29th–31st of a short month become its last day). */
static int32_t add_months(const char *iso, long n)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y = atoi(iso), m = atoi(iso + 5) - 1 + n, d = atoi(iso + 8);
	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12;
	int last = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return (int32_t)((y % 10000) * 10000 + (m + 1) * 100 + (d > last ? last : d));
}

static enum zc_cond_status judge_years(struct judge *j)
{
	const struct zc_pred *pr = j->pr;
	const char *registered = j->p->registered_on;
	if (!registered[0]) {
		REASON(j, "企业档案未填注册日期（registration.date）");
		return ZC_COND_UNKNOWN;
	}
	/* Calendar arithmetic: registered on 2016-08-20, three years are
	 * reached on 2019-08-20. */
	int32_t reached = add_months(registered, pr->months);
	double have = 0;
	if (j->value_len || j->reason_len) {
		have = (double)(zc_day_number(pr->ref_date) - zc_day_number(registered)) / 365.2425;
		VALUE(j, "%s注册，至%s满%.1f年", registered, pr->ref_date, have);
	}
	bool at_least = reached <= pr->ref_ymd;
	enum zc_cond_status s;
	switch (pr->op) {
	case ZC_OP_NONE:
	case ZC_OP_GE:
		s = at_least ? ZC_COND_MET : ZC_COND_UNMET;
		break;
	case ZC_OP_GT:
		s = reached < pr->ref_ymd ? ZC_COND_MET : ZC_COND_UNMET;
		break;
	case ZC_OP_LT:
		s = !at_least ? ZC_COND_MET : ZC_COND_UNMET;
		break;
	case ZC_OP_LE:
		s = reached >= pr->ref_ymd ? ZC_COND_MET : ZC_COND_UNMET;
		break;
	default:
		REASON(j, "年限条件的比较方式无法识别");
		return ZC_COND_UNKNOWN;
	}
	const char *unit = pr->in_months ? "个月" : "年";
	REASON(j, "注册成立%.1f年（%04d-%02d-%02d满%g%s），要求%s%g%s", have, (int)(reached / 10000),
	       (int)(reached / 100 % 100), (int)(reached % 100), pr->span_shown, unit,
	       op_words(pr->op != ZC_OP_NONE ? pr->op : ZC_OP_GE), pr->span_shown, unit);
	return s;
}

static enum zc_cond_status judge_date(struct judge *j)
{
	const struct zc_pred *pr = j->pr;
	if (j->p->projects.n == 0) {
		REASON(j, "企业档案无项目（projects）");
		return ZC_COND_UNKNOWN;
	}
	bool undated = false;
	for (size_t i = 0; i < j->p->projects.n; i++) {
		const struct zc_profile_project *pj = &ZC_VEC_AT(&j->p->projects, struct zc_profile_project, i);
		if (!pj->start[0]) {
			undated = true;
			continue;
		}
		if (pr->after ? strcmp(pj->start, pr->date) >= 0 : strcmp(pj->start, pr->date) <= 0) {
			VALUE(j, "项目%s开工于%s", pj->kind ? pj->kind : "", pj->start);
			REASON(j, "有项目在%s%s开工", pr->date, pr->after ? "之后" : "之前");
			return ZC_COND_MET;
		}
	}
	if (undated) {
		REASON(j, "有项目未填开工日期（projects[].start_date）");
		return ZC_COND_UNKNOWN;
	}
	REASON(j, "没有%s%s开工的项目", pr->date, pr->after ? "之后" : "之前");
	return ZC_COND_UNMET;
}

/* ---- thresholds ---- */

static double field_of(const struct zc_profile_year *y, size_t offset)
{
	return *(const double *)((const char *)y + offset);
}

/* The latest year, not after max_year, whose field is given; NAN when none. */
static double latest(const struct zc_profile *p, size_t offset, int max_year, int *year)
{
	for (size_t i = p->years.n; i-- > 0;) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		if (y->year > max_year)
			continue;
		double v = field_of(y, offset);
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

/* The ratio of two fields in the latest year (not after max_year) that gives both; NAN when none. */
static double latest_ratio(const struct zc_profile *p, size_t num, size_t den, int max_year, int *year)
{
	for (size_t i = p->years.n; i-- > 0;) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		if (y->year > max_year)
			continue;
		double a = field_of(y, num), b = field_of(y, den);
		if (!isnan(a) && !isnan(b) && b > 0) {
			*year = y->year;
			return a / b * 100;
		}
	}
	return NAN;
}

/*
 * 近三个会计年度研究开发费用总额占同期销售收入总额的比例: the sums over the span
 * years ending with last (those of them the profile gives: a younger company
 * counts the years it has), in percent.
 */
static double sum_ratio(const struct zc_profile *p, size_t num, size_t den, int last, int span)
{
	double a = 0, b = 0;
	for (size_t i = 0; i < p->years.n; i++) {
		const struct zc_profile_year *y = &ZC_VEC_AT(&p->years, struct zc_profile_year, i);
		double x = field_of(y, num), z = field_of(y, den);
		if (y->year > last - span && y->year <= last && !isnan(x) && !isnan(z))
			a += x, b += z;
	}
	return b > 0 ? a / b * 100 : NAN;
}

/*
 * When the profile's figure is only a lower bound of the quantity (exports
 * of 进出口额, a sum with a count missing), which comparisons it settles:
 * "at least" ones when met, "at most" ones when unmet; never "equal".
 */
static bool settled_by_lower_bound(enum zc_pred_op op, enum zc_cond_status s)
{
	if (op == ZC_OP_GE || op == ZC_OP_GT)
		return s == ZC_COND_MET;
	if (op == ZC_OP_LE || op == ZC_OP_LT)
		return s == ZC_COND_UNMET;
	return false;
}

static enum zc_cond_status compare(double have, enum zc_pred_op op, double want)
{
	bool ok = op == ZC_OP_GE ? have >= want - 1e-9
		  : op == ZC_OP_GT ? have > want + 1e-9
		  : op == ZC_OP_LE ? have <= want + 1e-9
		  : op == ZC_OP_LT ? have < want - 1e-9
				   : fabs(have - want) < 1e-9;
	return ok ? ZC_COND_MET : ZC_COND_UNMET;
}

/* The measured value (NAN when the profile lacks it); *what may be set here for staff ratios. */
static double measure(struct judge *j, const char **what, int *year)
{
	const struct zc_pred *pr = j->pr;
	const struct zc_profile *p = j->p;
	double have = NAN;
	long n = -1;
	switch (pr->quantity) {
	case ZC_Q_GROWTH: {
		double last_revenue = latest(p, offsetof(struct zc_profile_year, revenue_wan), pr->max_year, year);
		if (pr->span > 0 && !isnan(last_revenue))
			have = revenue_growth(p, *year, pr->span, pr->compound);
		if (!isnan(have))
			VALUE(j, "%d–%d年%s%.2f%%", *year - pr->span, *year, *what, have);
		return have;
	}
	case ZC_Q_RD_RATIO:
		have = latest_ratio(p, pr->year_field, pr->year_den, pr->max_year, year);
		return pr->sum_years && !isnan(have) ? sum_ratio(p, pr->year_field, pr->year_den, *year, pr->sum_years) : have;
	case ZC_Q_STAFF_RATIO:
		if (pr->science_words && p->science_staff >= 0 && p->employees > 0) {
			*what = "科技人员占职工总数比例";
			return 100.0 * (double)p->science_staff / (double)p->employees;
		}
		if (pr->rd_staff_words && p->rd_staff >= 0 && p->employees > 0) {
			*what = "研发人员占职工总数比例";
			return 100.0 * (double)p->rd_staff / (double)p->employees;
		}
		*what = NULL;
		return NAN;
	case ZC_Q_INVESTMENT:
		for (size_t i = 0; i < p->projects.n; i++) {
			double inv = ZC_VEC_AT(&p->projects, struct zc_profile_project, i).investment_wan;
			if (!isnan(inv) && (isnan(have) || inv > have))
				have = inv;
		}
		break;
	case ZC_Q_YEAR_FIGURE:
		have = latest(p, pr->year_field, pr->max_year, year);
		break;
	case ZC_Q_RD_STAFF:
	case ZC_Q_SCIENCE_STAFF:
	case ZC_Q_EMPLOYEES:
		n = pr->quantity == ZC_Q_RD_STAFF ? p->rd_staff : pr->quantity == ZC_Q_SCIENCE_STAFF ? p->science_staff
												    : p->employees;
		if (n >= 0) {
			VALUE(j, "%s%ld人", *what, n);
			return (double)n;
		}
		return NAN;
	case ZC_Q_IP: /* judge_ip() */
	case ZC_Q_NONE:
		return NAN;
	}
	if (!isnan(have)) {
		if (*year)
			VALUE(j, "%d年%s%g万元", *year, *what, have);
		else
			VALUE(j, "%s%g万元", *what, have);
	}
	return have;
}

/* Intellectual property items: the kinds the threshold counts, summed. */
static enum zc_cond_status judge_ip(struct judge *j)
{
	const struct zc_pred *pr = j->pr;
	const struct zc_profile *p = j->p;
	const long counts[] = {p->invention_patents, p->utility_models, p->designs, p->software_copyrights};
	long have = 0;
	bool missing = false;
	for (int k = 0; k < 4; k++)
		if (pr->ip_kinds & (1u << k)) {
			if (counts[k] < 0)
				missing = true;
			else
				have += counts[k];
		}
	if (pr->ip_or_invention && p->invention_patents >= 1) {
		VALUE(j, "发明专利%ld项", p->invention_patents);
		REASON(j, "拥有Ⅰ类知识产权（发明专利%ld项）", p->invention_patents);
		return ZC_COND_MET;
	}
	enum zc_cond_status s = compare((double)have, pr->op, pr->want);
	/* with a count missing, the sum is only a lower bound */
	if (missing && (have == 0 || !settled_by_lower_bound(pr->op, s))) {
		REASON(j, "企业档案缺少%s数量（ip）", pr->what);
		return ZC_COND_UNKNOWN;
	}
	if (pr->ip_or_invention && s == ZC_COND_UNMET && p->invention_patents < 0) {
		REASON(j, "企业档案缺少发明专利数量（ip.invention_patents）");
		return ZC_COND_UNKNOWN;
	}
	VALUE(j, "%s%ld项", pr->what, have);
	REASON(j, "%s%ld项，%s要求（%s%g项）", pr->what, have, s == ZC_COND_MET ? "达到" : "未达到", op_words(pr->op),
	       pr->shown);
	return s;
}

static enum zc_cond_status judge_threshold(struct judge *j)
{
	const struct zc_pred *pr = j->pr;
	if (pr->quantity == ZC_Q_IP)
		return judge_ip(j);
	const char *what = pr->what;
	int year = 0;
	double have = measure(j, &what, &year);
	if (pr->quantity == ZC_Q_GROWTH && isnan(have)) {
		REASON(j, "企业档案缺少计算%s所需的逐年营业收入", what);
		return ZC_COND_UNKNOWN;
	}
	if (!what) {
		REASON(j, "“%s”不是可核对的指标", pr->metric);
		return ZC_COND_UNKNOWN;
	}
	if (isnan(have)) {
		REASON(j, "企业档案缺少%s", what);
		return ZC_COND_UNKNOWN;
	}
	if (pr->last_year && year && year != pr->max_year) {
		REASON(j, "条件看上年度（%d年）的%s，企业档案只有%d年的", pr->max_year, what, year);
		return ZC_COND_UNKNOWN;
	}
	if (pr->percent && year && pr->sum_years)
		VALUE(j, "%d–%d年%s%.2f%%", year - pr->sum_years + 1, year, what, have);
	else if (pr->percent && year && !pr->growth)
		VALUE(j, "%d年%s%.2f%%", year, what, have);
	else if (pr->percent)
		VALUE(j, "%s%.2f%%", what, have);
	double want = pr->want, shown = pr->shown;
	if (pr->n_tiers) {
		/* the band of the latest year's revenue says what is wanted */
		int ry = 0;
		double revenue = latest(j->p, offsetof(struct zc_profile_year, revenue_wan), pr->max_year, &ry);
		const struct zc_tier *band = NULL;
		for (int i = 0; i < pr->n_tiers && !isnan(revenue) && !band; i++)
			if ((isnan(pr->tiers[i].from_wan) || revenue > pr->tiers[i].from_wan) &&
			    (isnan(pr->tiers[i].to_wan) || revenue <= pr->tiers[i].to_wan))
				band = &pr->tiers[i];
		if (!band) {
			REASON(j, isnan(revenue) ? "企业档案缺少营业收入，无法确定适用哪一档要求" : "营业收入不在条件所列的任何一档");
			return ZC_COND_UNKNOWN;
		}
		want = shown = band->value;
		enum zc_cond_status s = compare(have, pr->op, want);
		REASON(j, "%s%s要求（%d年营业收入%g万元，适用%s%g%s）", what, s == ZC_COND_MET ? "达到" : "未达到", ry, revenue,
		       op_words(pr->op), shown, pr->unit);
		return s;
	}
	if (pr->fx_lo > 0) {
		/* met at the least favourable rate of the band, unmet at the most favourable */
		bool upper = pr->op == ZC_OP_LE || pr->op == ZC_OP_LT;
		enum zc_cond_status sure = compare(have, pr->op, want * (upper ? pr->fx_lo : pr->fx_hi));
		enum zc_cond_status short_ = compare(have, pr->op, want * (upper ? pr->fx_hi : pr->fx_lo));
		/* 等于 an amount in a foreign currency: any value inside the band may be it */
		if (pr->op == ZC_OP_EQ && have >= want * pr->fx_lo - 1e-9 && have <= want * pr->fx_hi + 1e-9)
			sure = ZC_COND_MET, short_ = ZC_COND_UNMET;
		if (sure != short_) {
			REASON(j, "%s%g万元，按每%s%g–%g元折算，是否达到%g%s无法确定", what, have, pr->unit, pr->fx_lo,
			       pr->fx_hi, shown, pr->unit);
			return ZC_COND_UNKNOWN;
		}
		want *= pr->fx_hi;
	}
	enum zc_cond_status s = compare(have, pr->op, want);
	if (pr->lower_bound && !settled_by_lower_bound(pr->op, s)) {
		REASON(j, "企业档案只有%s（进出口额还包括进口），无法确定是否%s%g%s", what, op_words(pr->op), shown, pr->unit);
		return ZC_COND_UNKNOWN;
	}
	REASON(j, "%s%s要求（%s%g%s）", what, s == ZC_COND_MET ? "达到" : "未达到", op_words(pr->op), shown, pr->unit);
	return s;
}

/* ---- qualifications, record, form, industry ---- */

/*
 * The length of name without what only says it is a title or a paper
 * (高新技术企业证书 and 高新技术企业 name the same thing): trailing 证书,
 * 认定证书, 资质, 称号 are left out.
 */
static size_t stem_len(const char *name)
{
	static const char *const tails[] = {"认定证书", "证书", "资质", "称号"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		size_t t = strlen(tails[i]);
		if (n >= t + 6 && !memcmp(name + n - t, tails[i], t))
			return n - t;
	}
	return n;
}

/* Does the stem of a occur in b? */
static bool stem_in(const char *a, const char *b)
{
	size_t n = stem_len(a);
	char buf[256];
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, a, n);
	buf[n] = '\0';
	return strstr(b, buf) != NULL;
}

/* The qualification named by object, held (not expired) at ref_date; ever held when ref_date is NULL. */
static const struct zc_profile_qualification *held(const struct zc_profile *p, const char *object, const char *ref_date)
{
	for (size_t i = 0; i < p->qualifications.n; i++) {
		const struct zc_profile_qualification *q = &ZC_VEC_AT(&p->qualifications, struct zc_profile_qualification, i);
		if (ref_date && q->expires[0] && strcmp(q->expires, ref_date) < 0)
			continue;
		if (q->name && q->name[0] && (stem_in(q->name, object) || stem_in(object, q->name)))
			return q;
	}
	return NULL;
}

/* A credit event within `years` of ref_date (all when years is 0), of a kind naming kind_word when given. */
static const struct zc_profile_event *event_within(const struct zc_profile *p, const char *ref_date, int years,
						    const char *kind_word)
{
	long ref = years > 0 ? zc_day_number(ref_date) : 0;
	for (size_t i = 0; i < p->credit_events.n; i++) {
		const struct zc_profile_event *ev = &ZC_VEC_AT(&p->credit_events, struct zc_profile_event, i);
		if (kind_word && !(ev->kind && zc_has(ev->kind, kind_word)))
			continue;
		if (years > 0 && (!ev->date[0] || (ref - zc_day_number(ev->date)) > (long)(years * 365.2425)))
			continue; /* undated events: see undated_event() */
		return ev;
	}
	return NULL;
}

/* An event without a date, which a look-back window cannot place. */
static bool undated_event(const struct zc_profile *p)
{
	for (size_t i = 0; i < p->credit_events.n; i++)
		if (!ZC_VEC_AT(&p->credit_events, struct zc_profile_event, i).date[0])
			return true;
	return false;
}

static enum zc_cond_status judge_blacklist(struct judge *j)
{
	if (!j->p->has_credit_events) {
		REASON(j, "企业档案未填信用记录（credit_events）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_profile_event *ev = event_within(j->p, NULL, 0, j->pr->word);
	if (ev) {
		VALUE(j, "%s %s", ev->date, ev->kind);
		REASON(j, "信用记录有“%s”", ev->kind);
		return ZC_COND_UNMET;
	}
	REASON(j, "信用记录中无%s事项", j->pr->word);
	return ZC_COND_MET;
}

static enum zc_cond_status judge_qualification(struct judge *j, bool want_held)
{
	const char *object = j->pr->object;
	if (!j->p->has_qualifications) {
		REASON(j, "企业档案未填资质（qualifications）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_profile_qualification *q = held(j->p, object, j->pr->ever ? NULL : j->pr->ref_date);
	if (q)
		VALUE(j, "%s%s%s", q->name, q->date[0] ? " " : "", q->date);
	if (q && want_held && j->pr->years > 0) {
		/* held for at least years by the reference date */
		if (!q->date[0]) {
			REASON(j, "企业档案未填%s的取得日期，无法判断是否满%d年", q->name, j->pr->years);
			return ZC_COND_UNKNOWN;
		}
		char since[16];
		snprintf(since, sizeof(since), "%04d%s", atoi(q->date) + j->pr->years, q->date + 4);
		if (strcmp(since, j->pr->ref_date) > 0) {
			REASON(j, "%s于%s取得，至%s未满%d年", q->name, q->date, j->pr->ref_date, j->pr->years);
			return ZC_COND_UNMET;
		}
	}
	if ((q != NULL) == want_held) {
		REASON(j, "%s%s", want_held ? "已具备" : "未具备", want_held && q ? q->name : object);
		return ZC_COND_MET;
	}
	REASON(j, "%s%s", want_held ? "企业资质中没有" : "已具备", want_held ? object : q->name);
	return ZC_COND_UNMET;
}

static enum zc_cond_status judge_record(struct judge *j)
{
	int years = j->pr->years;
	if (!j->p->has_credit_events) {
		REASON(j, "企业档案未填信用记录（credit_events）");
		return ZC_COND_UNKNOWN;
	}
	const struct zc_profile_event *ev = event_within(j->p, j->pr->ref_date, years, NULL);
	if (ev) {
		VALUE(j, "%s %s", ev->date, ev->kind ? ev->kind : "");
		REASON(j, "%s内有不良记录：%s", years ? (years == 1 ? "一年" : years == 2 ? "两年" : years == 3 ? "三年" : "规定期限")
						    : "记录",
		       ev->text ? ev->text : ev->kind);
		return ZC_COND_UNMET;
	}
	if (years > 0 && undated_event(j->p)) {
		REASON(j, "信用记录中有未注明日期的事项，无法判断是否在%d年内", years);
		return ZC_COND_UNKNOWN;
	}
	REASON(j, "信用记录中%s无不良事项", years ? "规定期限内" : "");
	return ZC_COND_MET;
}

static enum zc_cond_status judge_legal_person(struct judge *j)
{
	int independent = j->p->independent_legal_person;
	if (independent < 0) {
		REASON(j, "企业档案未填是否独立法人（registration.independent_legal_person）");
		return ZC_COND_UNKNOWN;
	}
	VALUE(j, "%s", independent ? "独立法人" : "非独立法人");
	REASON(j, "%s", independent ? "具有独立法人资格" : "不具有独立法人资格");
	return independent ? ZC_COND_MET : ZC_COND_UNMET;
}

static enum zc_cond_status judge_legal_form(struct judge *j)
{
	const char *object = j->pr->object, *form = j->p->legal_form;
	if (!form) {
		REASON(j, "企业档案未填企业类型（registration.legal_form）");
		return ZC_COND_UNKNOWN;
	}
	VALUE(j, "%s", form);
	bool ok = zc_has(object, form) || zc_has(form, object);
	if (ok)
		REASON(j, "企业类型%s符合", form);
	else
		REASON(j, "企业类型为%s，条件要求%s", form, object);
	return ok ? ZC_COND_MET : ZC_COND_UNMET;
}

static enum zc_cond_status judge_industry(struct judge *j)
{
	const char *object = j->pr->object;
	const struct zc_strv *ind = &j->p->industries;
	if (ind->n == 0) {
		REASON(j, "企业档案未填行业（industries）");
		return ZC_COND_UNKNOWN;
	}
	for (size_t i = 0; i < ind->n; i++)
		if (object[0] && (zc_has(object, ind->v[i]) || zc_has(ind->v[i], object))) {
			VALUE(j, "%s", ind->v[i]);
			REASON(j, "行业符合");
			return ZC_COND_MET;
		}
	/* Industry names and codes do not compare reliably: say so, do not guess. */
	VALUE(j, "%s", ind->v[0]);
	REASON(j, "行业“%s”与条件无法自动比对", ind->v[0]);
	return ZC_COND_UNKNOWN;
}

/*
 * 《国家重点支持的高新技术领域》 (电子信息, 生物与新医药, 航空航天, 新材料, 高技术
 * 服务, 新能源与节能, 资源与环境, 先进制造与自动化): industries (GB/T 4754 names
 * or codes) whose core technology lies in one of them. A company of another
 * industry may still qualify: that is unknown, never unmet.
 */
static enum zc_cond_status judge_high_tech_field(struct judge *j)
{
	static const char *const fields[] = {
		"软件", "信息技术", "信息传输", "互联网", "电信", "计算机", "通信", "电子", "集成电路", "人工智能",
		"医药", "生物", "医疗仪器", "仪器仪表", "航空", "航天", "新材料", "新能源", "研究和试验发展",
		"科技推广", "专业技术服务", "I63", "I64", "I65", "C27", "C39", "C40", "M73", "M75"};
	const struct zc_strv *ind = &j->p->industries;
	if (ind->n == 0) {
		REASON(j, "企业档案未填行业（industries）");
		return ZC_COND_UNKNOWN;
	}
	for (size_t i = 0; i < ind->n; i++)
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			if (zc_has(ind->v[i], fields[k])) {
				VALUE(j, "%s", ind->v[i]);
				REASON(j, "行业“%s”属于国家重点支持的高新技术领域", ind->v[i]);
				return ZC_COND_MET;
			}
	VALUE(j, "%s", ind->v[0]);
	REASON(j, "行业“%s”是否属于国家重点支持的高新技术领域需人工核对", ind->v[0]);
	return ZC_COND_UNKNOWN;
}

/*
 * Is an industry (a GB/T 4754 name or code) 工业, that is 采矿业 (B), 制造业
 * (C) or 电力、热力、燃气及水生产和供应业 (D)? 1 yes, 0 no, -1 cannot say.
 */
static int industrial(const char *industry)
{
	static const char *const yes[] = {"制造", "采矿", "开采", "洗选", "电力", "热力", "燃气", "自来水", "水的生产"};
	static const char *const no[] = {"服务", "批发", "零售", "运输", "仓储", "邮政", "住宿", "餐饮", "金融", "保险",
					 "房地产", "租赁", "研究和试验发展", "技术推广", "教育", "卫生", "社会工作", "文化",
					 "体育", "娱乐", "公共管理", "软件", "信息技术", "互联网", "电信", "广播电视", "农业",
					 "林业", "畜牧", "渔业", "建筑", "装饰"};
	if (industry[0] >= 'A' && industry[0] <= 'T' && industry[1] >= '0' && industry[1] <= '9')
		return industry[0] >= 'B' && industry[0] <= 'D';
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (zc_has(industry, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (zc_has(industry, no[i]))
			return 0;
	return -1;
}

/* 工业企业: an industry of B–D; 规模以上 also 2000万元 of revenue in the year before (国家统计局's line). */
static enum zc_cond_status judge_industrial(struct judge *j)
{
	const struct zc_strv *ind = &j->p->industries;
	if (ind->n == 0) {
		REASON(j, "企业档案未填行业（industries）");
		return ZC_COND_UNKNOWN;
	}
	int best = 0;
	const char *which = ind->v[0];
	for (size_t i = 0; i < ind->n && best < 1; i++) {
		int k = industrial(ind->v[i]);
		if (k == 1 || (k < 0 && best == 0))
			best = k, which = ind->v[i];
	}
	VALUE(j, "%s", which);
	if (best == 0) {
		REASON(j, "行业“%s”不属于工业（采矿业、制造业、电力热力燃气及水生产和供应业）", which);
		return ZC_COND_UNMET;
	}
	if (best < 0) {
		REASON(j, "行业“%s”是否属于工业需人工核对", which);
		return ZC_COND_UNKNOWN;
	}
	if (!ZC_HAS_ANY(j->pr->object, "规模以上", "规上")) {
		REASON(j, "行业“%s”属于工业", which);
		return ZC_COND_MET;
	}
	int year = 0;
	double revenue = latest(j->p, offsetof(struct zc_profile_year, revenue_wan), j->pr->max_year, &year);
	if (isnan(revenue) || year != j->pr->max_year) {
		REASON(j, "企业档案缺少%d年营业收入，无法判断是否规模以上", j->pr->max_year);
		return ZC_COND_UNKNOWN;
	}
	VALUE(j, "%s，%d年营业收入%g万元", which, year, revenue);
	REASON(j, "%s（%d年营业收入%g万元，规模以上工业企业为2000万元及以上）", revenue >= 2000 ? "属于规模以上工业企业" : "不属于规模以上工业企业",
	       year, revenue);
	return revenue >= 2000 ? ZC_COND_MET : ZC_COND_UNMET;
}

enum zc_cond_status zc_pred_judge(const struct zc_pred *pr, const struct zc_profile *p, char *value, size_t value_len,
				  char *reason, size_t reason_len)
{
	struct judge j = {pr, p, value, reason, value_len, reason_len};
	if (value_len)
		value[0] = '\0';
	if (reason_len)
		reason[0] = '\0';
	switch (pr->kind) {
	case ZC_PRED_REGION:
		return judge_region(&j);
	case ZC_PRED_YEARS:
		return judge_years(&j);
	case ZC_PRED_DATE:
		return judge_date(&j);
	case ZC_PRED_THRESHOLD:
		return judge_threshold(&j);
	case ZC_PRED_QUAL_HELD:
		return judge_qualification(&j, true);
	case ZC_PRED_QUAL_NOT_HELD:
		return judge_qualification(&j, false);
	case ZC_PRED_BLACKLIST:
		return judge_blacklist(&j);
	case ZC_PRED_RECORD:
		return judge_record(&j);
	case ZC_PRED_LEGAL_PERSON:
		return judge_legal_person(&j);
	case ZC_PRED_LEGAL_FORM:
		return judge_legal_form(&j);
	case ZC_PRED_INDUSTRY:
		return judge_industry(&j);
	case ZC_PRED_HIGH_TECH_FIELD:
		return judge_high_tech_field(&j);
	case ZC_PRED_INDUSTRIAL:
		return judge_industrial(&j);
	case ZC_PRED_FIXED:
		break;
	}
	REASON(&j, pr->reason_fmt, pr->reason_arg ? pr->reason_arg : "");
	return ZC_COND_UNKNOWN;
}

enum zc_cond_status zc_condition_eval_in(const json_t *cond, const struct zc_profile *p, const char *ref_date,
					 const char *home_region, char *value, size_t value_len, char *reason,
					 size_t reason_len)
{
	struct zc_pred pr;
	zc_pred_compile(&pr, cond, ref_date, home_region);
	return zc_pred_judge(&pr, p, value, value_len, reason, reason_len);
}

enum zc_cond_status zc_condition_eval(const json_t *cond, const struct zc_profile *p, const char *today,
				      char *value, size_t value_len, char *reason, size_t reason_len)
{
	return zc_condition_eval_in(cond, p, today, NULL, value, value_len, reason, reason_len);
}
