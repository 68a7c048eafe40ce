/*
 * conditions.c: eligibility conditions (申报条件), each typed.
 *
 * Sentences are read from sections whose heading names conditions
 * (申报条件, 基本条件, 入库企业条件, 资格要求, 申报范围 …), and from anywhere
 * when they hold an unmistakable condition (注册成立满一年, 不低于5%).
 * Each sentence is typed by what it says; values go into fields where they
 * are explicit, and the sentence is kept as the source:
 *   registration_region   在云南省内注册; 注册地在滨海新区以外 (negated)
 *   years_since_registration  注册成立满一年以上 → value 1, unit 年
 *   legal_form            独立法人; 股份有限公司
 *   threshold             科技人员占比不低于5% → metric, op ">=", value 5, unit %
 *   qualification_held / _not_held  认定为高新技术企业 / 未被认定为…
 *   clean_record          近三年无不良记录 → years 3
 *   industry              属于《国家重点支持的高新技术领域》; 从事…行业
 *   date                  2018年8月30日后新建成
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"
#include "utf8.h"
#include "words.h"
#include "banned.h"

static struct zc_re heading_re = ZC_RE_NEED(
	"(?:申报|申请|入库|认定|参评|推荐|支持|资助|补贴|奖励|基本|准入|投标人|供应商)?"
	"(?:条件|资格|对象|范围)",
	"条件", "资格", "对象", "范围");
static struct zc_re region_re = ZC_RE(
	"(?:在|于)?\\s*([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}]{2,16}?)(?:行政区域|区域|境内|辖区|范围)?内?(?:依法)?(?:注册|登记)(?:成立|设立)?"
	"|注册(?:地|地址)?(?:在|于|为)\\s*([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}]{2,16}?)(以外|之外|以内|内|的|，|、|$)");
static struct zc_re years_re = ZC_RE(
	"(?:注册|成立|设立|登记|经营)[^，。；]{0,10}?(?:(?<!不)满|超过|达到)\\s*([一二两三四五六七八九十\\d]{1,3})\\s*(个)?\\s*(年|月)");
static struct zc_re legal_re = ZC_RE_NEED(
	"(独立(?:企业)?法人(?:资格)?|法人资格|股份有限公司|有限责任公司|企业法人|事业单位法人|民办非企业|社会组织)",
	"法人", "有限", "民办", "社会组织");
/* Found from the comparison word; the metric is read backwards from it (metric_before). */
static struct zc_re threshold_re = ZC_RE_NEED(
	"(不低于|不少于|不超过|不高于|不大于|不小于|高于|低于|达到|超过|大于|小于)\\s*"
	"(\\d+(?:\\.\\d+)?)\\s*(%|％|万元|亿元|元|人|名|年|项|个|家|平方米|件|倍)(以上|及以上|以下|及以下)?",
	"高于", "低于", "少于", "超过", "大于", "小于", "达到");
static struct zc_re amount_above_re = ZC_RE(
	"([^，。；,;]{2,40}?)\\s*(\\d+(?:\\.\\d+)?)\\s*(%|万元|亿元|人|项|件)\\s*(以上|及以上|以下|及以下)");
static struct zc_re not_held_re = ZC_RE(
	"(?:未被|未曾被|没有被|尚未被|未|尚未|不得为|不属于)(?:认定|评为|列入|纳入|获得|获批|取得)(?:为)?([^，。；,;]{2,30})");
static struct zc_re held_re = ZC_RE(
	"(高新技术企业|科技型中小企业|专精特新|小巨人|单项冠军|技术先进型服务企业|瞪羚|独角兽|雏鹰|"
	"绿色工厂|企业技术中心|工程技术研究中心|重点实验室|孵化器|众创空间|科技型企业|规模以上|规上)");
static struct zc_re clean_re = ZC_RE_NEED(
	"无(?:不良|失信|违法|重大违法|严重失信|严重违法)|未发生(?:重大|严重)|信用(?:记录|状况)?良好|"
	"诚信状况|黑名单|失信被执行人|没有重大违法|良好记录",
	"不良", "失信", "违法", "未发生", "良好", "诚信", "黑名单");
static struct zc_re years_back_re = ZC_RE("(?:近|最近|前|过去)\\s*([一二两三四五六七八九十\\d]{1,2})\\s*(?:个)?(?:会计)?年");
static struct zc_re industry_re = ZC_RE(
	"(?:从事|属于|聚焦|围绕|面向)([^，。；]{2,40}?(?:行业|领域|产业))|([^，。；]{2,20}(?:行业|领域|产业))(?:的|内)?(?:企业|单位)");
static struct zc_re date_cond_re = ZC_RE(
	"(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}-\\d{1,2}-\\d{1,2})\\s*(?:后|以后|之后|以来|前|以前|之前)");

/* Words without which a sentence outside a conditions section states no condition. */
static const char *const condition_list[] = {
	"不低于", "不少于", "不超过", "不高于", "不大于", "不小于", "以上", "以下", "满一年", "满二年",
	"满两年", "满三年", "满五年", "满1年", "满2年", "满3年", "满5年", "未被", "未曾", "尚未", "注册地", "注册在",
	"以后新", "后新建", "年以后", "日以后", "日后", "日前注册", NULL};
static struct zc_words condition_words = ZC_WORDS(condition_list);

static int cn_small(const char *s, size_t len)
{
	if (len && s[0] >= '0' && s[0] <= '9')
		return atoi(s);
	static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	int v = 0, cur = 0;
	for (size_t i = 0; i + 3 <= len; i += 3) {
		if (!memcmp(s + i, "十", 3)) {
			v += (cur ? cur : 1) * 10;
			cur = 0;
			continue;
		}
		if (!memcmp(s + i, "两", 3)) {
			cur = 2;
			continue;
		}
		for (int d = 0; d < 10; d++)
			if (!memcmp(s + i, digits[d], 3))
				cur = d;
	}
	return v + cur;
}

static const char *op_of(const char *w, size_t len, const char *after, size_t alen)
{
	if (alen) {
		if (zc_memstr(after, alen, "以上"))
			return ">=";
		if (zc_memstr(after, alen, "以下"))
			return "<=";
	}
	static const struct {
		const char *word, *op;
	} ops[] = {{"不低于", ">="}, {"不少于", ">="}, {"不小于", ">="}, {"达到", ">="},
		   {"不超过", "<="}, {"不高于", "<="}, {"不大于", "<="}, {"高于", ">"},
		   {"超过", ">"},    {"大于", ">"},    {"低于", "<"},    {"小于", "<"}};
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (strlen(ops[k].word) == len && !memcmp(w, ops[k].word, len))
			return ops[k].op;
	return NULL;
}

struct cond_builder {
	struct zc_condition c;
	const char *s;
	size_t len;
};

static int push(struct zc_ctx *ctx, struct zc_condition *c, const char *s, size_t len)
{
	if (c->has_value && !isfinite(c->value)) { /* a digit run too long to be a number */
		c->has_value = 0;
		c->value = 0;
	}
	if (!(c->text = zc_strndup(s, len)) || !zc_vec_push(&ctx->n->conditions, c)) {
		free(c->text);
		free(c->metric);
		free(c->op);
		free(c->unit);
		free(c->object);
		return -ENOMEM;
	}
	return 0;
}

/* Metric words: the text before the comparison, after the last 的/、. */
static char *metric_of(const char *s, size_t len)
{
	size_t l = len;
	s = zc_trim(s, &l);
	static const char *const cuts[] = {"且", "并", "，", "的"};
	for (size_t k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
		const char *hit = NULL, *q = s;
		while ((q = zc_memstr(q, (size_t)(s + l - q), cuts[k])))
			hit = q, q += strlen(cuts[k]);
		if (hit && (size_t)(s + l - hit) > strlen(cuts[k]) + 3 && k < 2) {
			l -= (size_t)(hit - s) + strlen(cuts[k]);
			s = hit + strlen(cuts[k]);
		}
	}
	/* Strip a leading list marker. */
	while (l && (*s == ' ' || (*s >= '0' && *s <= '9') || *s == '.'))
		s++, l--;
	return l ? zc_strndup(s, l) : NULL;
}

/*
 * "…的，视同/将/予以/纳入…" states what follows for a case, not a condition
 * to apply: 获得高新技术企业认定的，视同为成功出库企业. ("…的，不得申报" is a
 * condition and is kept.)
 */
static struct zc_re consequence_re = ZC_RE(
	"的，(?:视同|视为|将|予以|给予|取消|纳入|不再|优先|择优|按照?|一律|由)");

/*
 * Sentences of a conditions section that ask nothing of the applicant: a
 * preference (…优先), the support it may get (最高不超过300万元), a quota on
 * those who recommend (每个市推荐不超过3个). They are no conditions: kept as
 * such they would leave every company "needs-check".
 */
static struct zc_re not_requirement_re = ZC_RE_NEED(
	"优先(?:考虑|支持|推荐|安排|申报)?\\s*[。；;，,]?\\s*$|最高不超过|"
	"(?:支持|补助|资助|奖励|补贴|扶持)[^。；]{0,16}(?:不超过|最高|上限)[^。；]{0,12}元|"
	"给予[^。；]{0,12}(?:不超过|最高)[^。；]{0,12}(?:补助|补贴|奖励|支持|资助)|"
	"每个?[^。；]{0,12}(?:推荐|申报|报送)[^。；]{0,10}不超过|限报|推荐名额|推荐数量",
	"优先", "元", "给予", "不超过", "限报", "推荐");

static int type_sentence(struct zc_ctx *ctx, const char *s, size_t len, bool in_section)
{
	struct zc_match m;
	int r = 0, found = 0;
	if (zc_memstr(s, len, "的，") && zc_re_find(&consequence_re, s, len, 0, &m))
		return 0;
	if (zc_re_find(&not_requirement_re, s, len, 0, &m))
		return 0;
	/* years since registration */
	if (zc_memstr(s, len, "满") && zc_re_find(&years_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_YEARS_SINCE_REGISTRATION, .has_value = 1};
		c.value = cn_small(s + m.start[1], zc_match_len(&m, 1));
		c.unit = zc_strndup(!memcmp(s + m.start[3], "年", 3) ? "年" : "月", 3);
		c.op = zc_strndup(">=", 2);
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if ((zc_memstr(s, len, "注册") || zc_memstr(s, len, "登记")) && zc_re_find(&region_re, s, len, 0, &m) &&
	    (in_section || zc_match_has(&m, 2))) {
		int g = zc_match_has(&m, 1) ? 1 : 2;
		const char *o = s + m.start[g];
		size_t ol = zc_match_len(&m, g);
		static const char *const lead[] = {"在", "于", "须", "应", "为", "是", "企业", "单位", "具有", "申报单位"};
		for (size_t k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
			if (zc_starts_with(o, ol, lead[k]) && ol > strlen(lead[k]) + 3)
				o += strlen(lead[k]), ol -= strlen(lead[k]);
		if (ol >= 6 && !zc_memstr(o, ol, "工商") && !zc_memstr(o, ol, "依法")) {
			struct zc_condition c = {.type = ZC_COND_REGISTRATION_REGION};
			c.object = zc_strndup(o, ol);
			c.negated = g == 2 && zc_match_has(&m, 3) &&
				    (zc_starts_with(s + m.start[3], zc_match_len(&m, 3), "以外") ||
				     zc_starts_with(s + m.start[3], zc_match_len(&m, 3), "之外"));
			if ((r = push(ctx, &c, s, len)) < 0)
				return r;
			found++;
		}
	}
	if (in_section && zc_re_find(&legal_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_LEGAL_FORM};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	size_t at = 0;
	/* Cheap tests first: the patterns below start with a lazy run of any
	 * characters, which is slow to try at every position of every sentence. */
	bool has_digit = zc_find_digit(s, len) != NULL;
	while (has_digit && zc_re_find(&threshold_re, s, len, at, &m)) {
		size_t prev_end = at;
		at = m.end[0];
		const char *after = zc_match_has(&m, 4) ? s + m.start[4] : "";
		const char *op = op_of(s + m.start[1], zc_match_len(&m, 1), after, zc_match_len(&m, 4));
		if (!op)
			continue;
		/* The metric: back from the comparison word to a comma or the previous match. */
		size_t ms = m.start[0];
		int chars = 0;
		while (ms > prev_end && chars < 40) {
			const char *q = s + ms;
			uint32_t ch = zc_utf8_prev(&q, s + prev_end);
			if (ch == 0xFF0C || ch == 0x3002 || ch == 0xFF1B || ch == ',' || ch == ';')
				break;
			ms = (size_t)(q - s);
			chars++;
		}
		if (chars < 2)
			continue;
		struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
		c.metric = metric_of(s + ms, m.start[0] - ms);
		c.op = zc_strndup(op, strlen(op));
		c.value = strtod(s + m.start[2], NULL);
		const char *u = s + m.start[3];
		bool fullwidth = zc_match_len(&m, 3) == 3 && !memcmp(u, "％", 3);
		c.unit = zc_strndup(fullwidth ? "%" : u, fullwidth ? 1 : zc_match_len(&m, 3));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (!at && has_digit && (zc_memstr(s, len, "以上") || zc_memstr(s, len, "以下")) &&
	    zc_re_find(&amount_above_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
		c.metric = metric_of(s + m.start[1], zc_match_len(&m, 1));
		const char *op = op_of("", 0, s + m.start[4], zc_match_len(&m, 4));
		c.op = zc_strndup(op, strlen(op));
		c.value = strtod(s + m.start[2], NULL);
		c.unit = zc_strndup(s + m.start[3], zc_match_len(&m, 3));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	bool not_held = (zc_memstr(s, len, "未") || zc_memstr(s, len, "不得") || zc_memstr(s, len, "不属于")) &&
			zc_re_find(&not_held_re, s, len, 0, &m);
	if (not_held) {
		struct zc_condition c = {.type = ZC_COND_QUALIFICATION_NOT_HELD, .negated = 1};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	} else if (in_section &&
		   (zc_memstr(s, len, "认定") || zc_memstr(s, len, "取得") || zc_memstr(s, len, "入库") ||
		    zc_memstr(s, len, "评为") || zc_memstr(s, len, "有效期") || zc_memstr(s, len, "获得")) &&
		   zc_re_find(&held_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_QUALIFICATION_HELD};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (in_section && zc_re_find(&clean_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_CLEAN_RECORD};
		struct zc_match y;
		if (zc_re_find(&years_back_re, s, len, 0, &y))
			c.years = cn_small(s + y.start[1], zc_match_len(&y, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (in_section && (zc_memstr(s, len, "行业") || zc_memstr(s, len, "领域") || zc_memstr(s, len, "产业")) &&
	    zc_re_find(&industry_re, s, len, 0, &m)) {
		int g = zc_match_has(&m, 1) ? 1 : 2;
		struct zc_condition c = {.type = ZC_COND_INDUSTRY};
		c.object = zc_strndup(s + m.start[g], zc_match_len(&m, g));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (has_digit &&
	    (zc_memstr(s, len, "建成") || zc_memstr(s, len, "注册") || zc_memstr(s, len, "成立") ||
	     zc_memstr(s, len, "投产") || zc_memstr(s, len, "认定")) &&
	    zc_re_find(&date_cond_re, s, len, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_DATE};
		c.object = zc_strndup(s + m.start[0], zc_match_len(&m, 0));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (!found && in_section && len >= 12) {
		struct zc_condition c = {.type = ZC_COND_OTHER};
		return push(ctx, &c, s, len);
	}
	return 0;
}

/* Is paragraph p a heading of a conditions section? */
static bool condition_heading(const struct zc_span *p)
{
	struct zc_match m;
	return p->len <= 60 && zc_starts_with_marker(p->s, p->len) && zc_re_find(&heading_re, p->s, p->len, 0, &m) &&
	       !zc_memstr(p->s, p->len, "。");
}

/* A top-level heading (一、…) ends the section; list items inside it do not. */
static struct zc_re top_heading_re = ZC_RE("^[一二三四五六七八九十]{1,3}\\s*[、.．]");

static bool heading(const struct zc_span *p)
{
	struct zc_match m;
	return p->len <= 90 && zc_re_find(&top_heading_re, p->s, p->len, 0, &m) && !zc_memstr(p->s, p->len, "。");
}

/*
 * The first `word` in [s, end), or end. *next remembers the last answer
 * (NULL: none yet), which holds while it is not before s: each occurrence
 * is searched for once however many sentences a paragraph has.
 */
static const char *next_of(const char *s, const char *end, const char *word, const char **next)
{
	if (!*next || *next < s) {
		const char *hit = zc_memstr(s, (size_t)(end - s), word);
		*next = hit ? hit : end;
	}
	return *next;
}

int zc_x_conditions(struct zc_ctx *ctx)
{
	bool in_section = false;
	int r = 0;
	for (size_t i = ctx->body_start; i < ctx->end && r == 0; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (condition_heading(p)) {
			in_section = true;
			continue;
		}
		else if (in_section && heading(p))
			in_section = false;
		if (ctx->sig_date != SIZE_MAX && i >= ctx->sig_first)
			break;
		/* Sentences: split at 。 and ；. */
		const char *s = p->s, *end = p->s + p->len, *stop = NULL, *semi = NULL;
		while (s < end && r == 0) {
			const char *e = next_of(s, end, "。", &stop), *e2 = next_of(s, end, "；", &semi);
			if (e2 < e)
				e = e2;
			size_t len = (size_t)(e - s);
			const char *t = zc_trim(s, &len);
			/* Outside a conditions section only sentences with a word that states
			 * a condition are read. */
			size_t ws, we;
			bool digit = zc_find_digit(t, len) != NULL;
			if (len >= 6 && (in_section || ((digit || zc_memstr(t, len, "满") || zc_memstr(t, len, "未")) &&
						       zc_words_find(&condition_words, t, len, 0, &ws, &we))))
				r = type_sentence(ctx, t, len, in_section);
			s = e < end ? e + 3 : end;
		}
	}
	return r;
}
