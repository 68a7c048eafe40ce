/*
 * dates.c: every date of a notice with its role, the windows, and the deadline.
 *
 * Each date is read with the grammar of datetime.c. A year left out is
 * inferred: from the full date just before it in the same sentence or
 * range ("2019年7月31日至8月31日"), else from the notice's own date, moved
 * to the next year when that would put it months before the notice
 * (a December notice asking for replies "1月10日前").
 *
 * The role comes from the words around the date, within its clause:
 * 前/止/截止 make a deadline; a range makes a window (labelled with the
 * words before it: 网络申报, 纸质材料, 公示期); 开标/召开/举办 an event;
 * 注册/成立/建成 …后 a condition; the signature date is the issue date.
 *
 * The deadline is the last date by which a reader must act: the latest of
 * the deadlines and of the ends of windows for acting (申报, 受理, 提交,
 * 公示 …). When the notice names a date its 截止 date, steps it sets for
 * intermediaries about other things than the applications (各州（市）科技局
 * 于…前报送《建设方案》) come after it only when it sets nothing else: the
 * applications' deadline is the one that matters to an applicant. Text
 * after the notice's signature (a forwarded notice, a guide) gives the
 * deadline only when the notice itself sets none.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/datetime.h"
#include "extract/internal.h"
#include "civil.h"
#include "utf8.h"
#include "workdays.h"
#include "words.h"
#include "banned.h"

/*
 * Most patterns here read the words right after a date (\G\s*…) or right
 * before it (…\s*$), and most dates have none of them there. Each such
 * pattern comes with the characters its matches hold next to the date,
 * white space aside: it is run only where one of them stands (see
 * after_date and before_date), which spares a PCRE2 call at most dates.
 */
struct re_after {
	struct zc_re re;
	const char32_t *first; /* what a match holds first after \s* */
};
struct re_before {
	struct zc_re re;
	const char32_t *last; /* what a match holds last before \s*$ */
};
#define RE_AFTER(pat, first) {ZC_RE(pat), first}
#define RE_BEFORE(pat, last) {ZC_RE(pat), last}

static struct re_after after_deadline_re = RE_AFTER(
	"\\G\\s*(?:[（(][^）)]{0,12}[）)])?\\s*(?:\\d{1,2}\\s*[:：]\\s*\\d{2}|\\d{1,2}\\s*[时点](?:\\s*\\d{1,2}\\s*分)?)?\\s*"
	"(?:前|之前|以前|止|截止|为止|为截止|截至|24时前|24:00前|下班前|内|关闭|停止(?:受理|申报|报名|接收))",
	U"（(0123456789前之以止截为下内关停");
static struct re_after from_then_re = RE_AFTER("\\G\\s*(?:起|之日起|以后|之后|后)", U"起之以后");
static struct zc_re before_deadline_re = ZC_RE_NEED(
	"截止|截至|最迟|最晚|不晚于|延期至|延长至|延至|推迟至|顺延至|逾期",
	"截止", "截至", "迟", "晚", "延", "逾期");
/*
 * Words asked about only whether a span holds one: found with zc_words
 * (words.h), which looks at each character once, where a pattern of many
 * literal alternatives tries each of them at every Chinese character.
 */
static const char *const action_list[] = {
	"申报", "受理", "报送", "提交", "报名", "递交", "寄送", "上报", "报至", "送至", "反馈", "提出", "申请",
	"投标", "报价", "征集", "推荐", "直报", "公示", "公告期", "异议", "意见", "获取", "领取", "填报", "上传",
	"备案", "注册", "登记", "报备", "申领", "兑付", "报账", "材料", "办理", "汇算", "缴纳", "签约", "确认",
	"认定", "报审", "提名", "缴费", NULL};
static struct zc_words action_words = ZC_WORDS(action_list);
static struct re_before before_action_re = RE_BEFORE("(?<!已|经|曾)于\\s*$", U"于");
/* "我委将于8月1日前公布…", "各学校将于3月31日前完成核对": a step its
 * subject announces it will take by then, which asks nothing of the reader. */
static struct re_before announced_re = RE_BEFORE("将\\s*(?:于|在)\\s*$", U"于在");
static struct re_after only_before_re = RE_AFTER("\\G\\s*(?:前|之前|以前)", U"前之以");
/* "…于9月30日前兑付到位": the funds the body pays by then; "7月31日前受理的申请":
 * a date that qualifies a noun. Neither is a step the reader takes. */
static struct re_after paid_or_qualifying_re = RE_AFTER(
	"\\G\\s*(?:前|之前|以前)\\s*(?:(?:将|予以)?(?:兑付|拨付|兑现|发放|下达|拨款|支付)|"
	"(?:受理|申报|提交|申请|注册|成立|设立|登记|认定|取得|获得|签订|签约|开工|竣工|投产|建成|报名|入职|"
	"毕业|参保|缴费|购买|购置|发生)的)",
	U"前之以");
/* "原定网上申报时间为X至Y", "原开标时间": a range or date the notice replaces. */
static struct zc_re superseded_re = ZC_RE_NEED("原定|原计划|(?<![\\x{4E00}-\\x{9FFF}])原[^，。；\\d]{0,8}(?:时间|期限|日期)",
	"原");
/* "…截止时间以2025年8月31日为准": the date facts are counted at. */
static struct re_before as_of_before_re = RE_BEFORE("以\\s*$", U"以");
static struct re_after as_of_after_re = RE_AFTER("\\G\\s*为准", U"为");
static const char *const event_list[] = {"开标", "召开", "举办", "举行", "开幕", "评审", "答辩", "培训",
					  "会议", "讲座", "开班", "考试", "现场", "踏勘", "开始", "启动", NULL};
static struct zc_words event_words = ZC_WORDS(event_list);
static struct re_after condition_after_re =
	RE_AFTER("\\G\\s*(?:后|以后|之后|以来|起|至今|(?:前|以前)(?:注册|成立|设立))", U"后以之起至前");
static const char *const condition_list[] = {"注册", "成立", "设立", "建成", "认定", "投产", "竣工", "开工",
					      "登记", "取得", "获得", "实施", NULL};
static struct zc_words condition_words = ZC_WORDS(condition_list);
static struct zc_re gov_actor_re = ZC_RE_NEED(
	"各(?:省|市|县|区|州|盟|地|设区市|高新区|开发区|园区|分园|有关部门)|各地|地市|县区|区县|县（市、区）|"
	"州（市）|主管部门|推荐单位|(?:市|县|区)(?:科技|工信|经信|发改|财政)局|市（县、区）",
	"各", "市", "县", "区", "主管部门", "推荐单位");
static const char *const application_list[] = {"材料", "申报", "申请", "推荐", "报名", "资料", "汇总表", "名单", NULL};
static struct zc_words application_words = ZC_WORDS(application_list);
static struct zc_re validity_re = ZC_RE_NEED("有效期|施行|实施之日|废止",
	"有效期", "施行", "实施之日", "废止");
static struct zc_re heading_para_re = ZC_RE("^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\\d{1,2}\\s*[、.．])?[^，。；]{1,20}[:：]?$");
static struct re_before item_label_re = RE_BEFORE(
	"\\G(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(][一二三四五六七八九十\\d]{1,3}[）)]|\\d{1,2}\\s*[、.．])"
	"[^，。；:：]{1,30}[:：]\\s*$",
	U":：");
/* "即日起至X" / "自即日起至X": a window from the notice's date to X. */
static struct re_before from_today_re = RE_BEFORE("即日起?\\s*(?:至|到|—|-|～)\\s*$", U"至到—-～");
/*
 * A window written as an opening and a closing date apart:
 * "自2023年5月10日起开放，截止时间为2023年9月30日", "于6月1日起受理。…截至6月30日止".
 * The opening date is followed by 起/开始 (自/从/于 X 起); the closing one, the next date, in the same sentence or the next, is marked
 * as an end (截止/截至/至/到 before it, 止/前 after it).
 */
static struct re_after open_after_re = RE_AFTER("\\G\\s*(?:[（(][^）)]{0,12}[）)])?\\s*(?:起|开始)", U"（(起开");
static struct re_before close_before_re = RE_BEFORE("(?:至|到)\\s*(?:于)?\\s*$", U"至到于");
/* "自即日起受理，截至X": opened on the notice's own date. */
static struct zc_re from_today_open_re = ZC_RE_NEED("(?:自|从)?即日起", "即日起");

struct found {
	struct zc_dt dt;
	int y, m, d; /* resolved */
	enum zc_date_role role;
	bool strong; /* named a 截止 date */
	bool action;
	size_t para;
};

static void resolve_year(const struct zc_ctx *ctx, struct found *f, int context_year, int context_month)
{
	f->m = f->dt.month ? f->dt.month : context_month;
	f->d = f->dt.day;
	if (f->dt.year) {
		f->y = f->dt.year;
		return;
	}
	if (context_year) {
		f->y = context_year;
		return;
	}
	int ry, rm, rd;
	if (zc_dt_parse_iso(ctx->ref_date, &ry, &rm, &rd) || zc_dt_parse_iso(ctx->today, &ry, &rm, &rd)) {
		f->y = ry;
		/* More than three months before the notice: it means next year. */
		if (zc_dt_valid(ry, f->m, f->d) && zc_dt_days(ry, f->m, f->d) + 92 < zc_dt_days(ry, rm, rd))
			f->y = ry + 1;
	}
}

/* Does a clause stop (\n ; 。 ；) start at t[i]? (i < len) Told by the
 * byte there first: 。 and ； start with E3 and EF. */
static bool stop_at(const char *t, size_t len, size_t i)
{
	switch ((unsigned char)t[i]) {
	case '\n': case ';':
		return true;
	case 0xE3:
		return len - i >= 3 && !memcmp(t + i, "。", 3);
	case 0xEF:
		return len - i >= 3 && !memcmp(t + i, "；", 3);
	default:
		return false;
	}
}

/* Does a clause stop end just before t[i]? (i > 0) 。 and ； end with 82 and 9B. */
static bool stop_before(const char *t, size_t i)
{
	switch ((unsigned char)t[i - 1]) {
	case '\n': case ';':
		return true;
	case 0x82:
		return i >= 3 && !memcmp(t + i - 3, "。", 3);
	case 0x9B:
		return i >= 3 && !memcmp(t + i - 3, "；", 3);
	default:
		return false;
	}
}

#if defined(__SSE2__)
/* A bit for each byte of p[0..16) that is a, b, c or d. */
static unsigned bytes_of(const char *p, char a, char b, char c, char d)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i ab = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(a)), _mm_cmpeq_epi8(v, _mm_set1_epi8(b)));
	__m128i cd = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)), _mm_cmpeq_epi8(v, _mm_set1_epi8(d)));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ab, cd));
}
#endif

/* The last place a <= i where a clause stop ends just before a
 * (stop_before), or 0. Sixteen bytes at a time, from the end, stopping only
 * at the bytes a stop may end with (\n ; and the last bytes of 。 ；). */
static size_t stop_back(const char *t, size_t i)
{
#if defined(__SSE2__)
	for (; i >= 16; i -= 16) {
		unsigned mask = bytes_of(t + i - 16, '\n', ';', (char)0x82, (char)0x9B);
		while (mask) {
			unsigned last = 31 - (unsigned)__builtin_clz(mask);
			if (stop_before(t, i - 16 + last + 1))
				return i - 16 + last + 1;
			mask &= ~(1u << last);
		}
	}
#endif
	while (i > 0 && !stop_before(t, i))
		i--;
	return i;
}

/* The first place at or after i in t[0..len) where a clause stop starts
 * (stop_at), or len. Sixteen bytes at a time, stopping only at the bytes a
 * stop may start with (\n ; and the first bytes of 。 ；). */
static size_t stop_ahead(const char *t, size_t len, size_t i)
{
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16)
		for (unsigned mask = bytes_of(t + i, '\n', ';', (char)0xE3, (char)0xEF); mask; mask &= mask - 1)
			if (stop_at(t, len, i + (size_t)__builtin_ctz(mask)))
				return i + (size_t)__builtin_ctz(mask);
#endif
	while (i < len && !stop_at(t, len, i))
		i++;
	return i;
}

/*
 * The clause around [start, end): from the last 。；;\n before to the next
 * one after. Byte by byte, by their first or last bytes: in valid UTF-8
 * these characters' bytes are found only where the characters are, so no
 * decoding is needed.
 */
static void clause(const struct zc_ctx *ctx, size_t start, size_t end, size_t *cs, size_t *ce)
{
	*cs = stop_back(ctx->text, start);
	*ce = stop_ahead(ctx->text, ctx->len, end);
}

static bool in(struct zc_re *re, const char *s, size_t from, size_t to)
{
	struct zc_match m;
	return to > from && zc_re_find(re, s, to, from, &m);
}

/* Is c one of the characters of set? */
static bool one_of(uint32_t c, const char32_t *set)
{
	for (; *set; set++)
		if (*set == c)
			return true;
	return false;
}

/* zc_re_find(&re->re, s, len, at, m), run only when the first character
 * at or after `at`, white space aside, is one of re->first. */
static bool after_date(struct re_after *re, const char *s, size_t len, size_t at,
		       struct zc_match *m)
{
	size_t i = at;
	while (i < len && zc_is_re_space(s[i]))
		i++;
	const char *p = s + i;
	return i < len && one_of(zc_utf8_next(&p, s + len), re->first) &&
	       zc_re_find(&re->re, s, len, at, m);
}

/* zc_re_find(&re->re, s, to, from, m), run only when the last character
 * of s[from, to), white space aside, is one of re->last. */
static bool before_date(struct re_before *re, const char *s, size_t from, size_t to,
			struct zc_match *m)
{
	size_t end = to;
	while (end > from && zc_is_re_space(s[end - 1]))
		end--;
	if (end == from)
		return false;
	size_t last = end - 1; /* the first byte of the last character */
	while (last > from && ((unsigned char)s[last] & 0xC0) == 0x80)
		last--;
	const char *p = s + last;
	return one_of(zc_utf8_next(&p, s + end), re->last) &&
	       zc_re_find(&re->re, s, to, from, m);
}

/*
 * Where the words that govern a date start: after it, or after the closing
 * bracket when the date stands alone in brackets, glossing the words before
 * it ("请于本周五（11月29日）前", "月底（11月30日）前"): 前 then follows the
 * bracket.
 */
static size_t after_gloss(const char *s, size_t len, size_t start, size_t end)
{
	bool opened = (start >= 3 && !memcmp(s + start - 3, "（", 3)) || (start >= 1 && s[start - 1] == '(');
	if (!opened)
		return end;
	if (end + 3 <= len && !memcmp(s + end, "）", 3))
		return end + 3;
	return end < len && s[end] == ')' ? end + 1 : end;
}

/* Does s[from, to) hold one of the words? */
static bool in_words(struct zc_words *w, const char *s, size_t from, size_t to)
{
	size_t ws, we;
	return to > from && zc_words_find(w, s, to, from, &ws, &we);
}

/*
 * The short heading above paragraph `para` ("二、申报时间"), if any: the
 * paragraph right above, or up to three above when those between are short
 * items of the same list (第一批…, 第二批…).
 */
static bool heading_above(const struct zc_ctx *ctx, size_t para, size_t *from, size_t *to)
{
	struct zc_match m;
	/* Up to three paragraphs back, not counting the sibling items of a list. */
	for (size_t k = 1, others = 0; others < 3 && k <= 12 && k <= para; k++) {
		const struct zc_span *h = &ctx->paras[para - k];
		if (h->len <= 90 && zc_re_find(&heading_para_re, h->s, h->len, 0, &m)) {
			*from = zc_para_offset(ctx, para - k);
			*to = *from + h->len;
			return true;
		}
		if (h->len > 150)
			return false;
		if (!zc_starts_with_marker(h->s, h->len))
			others++;
	}
	return false;
}

/* Does a separator of labels (，。；：:、（( or white space) end just before t[e], after from? */
static bool label_cut_before(const char *t, size_t from, size_t e)
{
	unsigned char b = (unsigned char)t[e - 1];
	if (b < 0x80)
		return b == ':' || b == '(' || zc_is_re_space((char)b);
	const char *wide;
	switch (b) { /* the last bytes of the wide ones */
	case 0x8C: wide = "，"; break;
	case 0x82: wide = "。"; break;
	case 0x9B: wide = "；"; break;
	case 0x9A: wide = "："; break;
	case 0x81: wide = "、"; break;
	case 0x88: wide = "（"; break;
	default: return false;
	}
	return e - from >= 3 && !memcmp(t + e - 3, wide, 3);
}

/* Where the words before a range start: after the last separator in
 * [cs, start) that still leaves a label (six bytes), else at cs. */
static size_t label_start(const char *t, size_t cs, size_t start)
{
	for (size_t e = start >= cs + 6 ? start - 6 : cs; e > cs; e--)
		if (label_cut_before(t, cs, e))
			return e;
	return cs;
}

/* The words just before a range: its label ("线上申报起止时间", "公示期"). */
static char *window_label(const struct zc_ctx *ctx, size_t cs, size_t start)
{
	size_t a = label_start(ctx->text, cs, start);
	size_t len = start - a;
	const char *s = zc_trim(ctx->text + a, &len);
	while (len >= 3 && (zc_ends_with(s, len, "：") || zc_ends_with(s, len, "为") ||
			    zc_ends_with(s, len, "自") || zc_ends_with(s, len, "于") ||
			    zc_ends_with(s, len, "从"))) {
		len -= 3;
		s = zc_trim(s, &len);
	}
	while (len && (s[len - 1] == ':' || s[len - 1] == ' '))
		len--;
	if (len == 0 || len > 60)
		return NULL;
	return zc_strndup(s, len);
}

/* Add the window [from, to] unless the notice has it already; takes label. */
static int push_window(struct zc_notice *n, const char *from, const char *to, char *label)
{
	for (size_t k = 0; k < n->windows.n; k++) {
		struct zc_window *o = &ZC_VEC_AT(&n->windows, struct zc_window, k);
		if (!strcmp(o->from, from) && !strcmp(o->to, to)) {
			free(label);
			return 0;
		}
	}
	struct zc_window w = {0};
	memcpy(w.from, from, 11);
	memcpy(w.to, to, 11);
	w.label = label;
	if (!zc_vec_push(&n->windows, &w)) {
		free(label);
		return -ENOMEM;
	}
	return 0;
}

/* The end of the sentence after the one that holds `at`: how far a closing
 * date may be from its opening one. */
static size_t next_sentence_end(const struct zc_ctx *ctx, size_t at)
{
	const char *t = ctx->text;
	int stops = 0;
	for (size_t i = at; i < ctx->len; i++) {
		bool stop = t[i] == '\n' || (ctx->len - i >= 3 && !memcmp(t + i, "。", 3));
		/* A paragraph break right after a 。 ends one sentence, not two. */
		if (stop && !(t[i] == '\n' && i >= 3 && !memcmp(t + i - 3, "。", 3)) && ++stops == 2)
			return i;
	}
	return ctx->len;
}

/* "HH:MM" of an hour and a minute below 100 (what "%02u:%02u" writes). */
static void format_time(unsigned h, unsigned m, char out[6])
{
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

static int add_date(struct zc_ctx *ctx, const struct found *f)
{
	struct zc_date_ref ref = {0};
	if (!zc_dt_valid(f->y, f->m, f->d))
		return 0;
	zc_dt_format(f->y, f->m, f->d, ref.date);
	if (f->dt.hour >= 0)
		format_time((unsigned)f->dt.hour % 25, (unsigned)f->dt.minute % 60, ref.time);
	ref.role = f->role;
	ref.text = zc_strndup(ctx->text + f->dt.start, f->dt.end - f->dt.start);
	if (!ref.text || !zc_vec_push(&ctx->n->dates, &ref)) {
		free(ref.text);
		return -ENOMEM;
	}
	return 0;
}

/* The latest date to act found so far, by who acts. */
struct last_act {
	long any, gov;	 /* day numbers, -1 when none */
	zc_date any_s, gov_s;
	bool any_strong; /* the text names a date its 截止 date */
};

static void note_act(struct last_act *b, bool gov, int y, int m, int d)
{
	long days = zc_dt_days(y, m, d);
	long *best = gov ? &b->gov : &b->any;
	if (days > *best) {
		*best = days;
		zc_dt_format(y, m, d, gov ? b->gov_s : b->any_s);
	}
}

/* The deadline a set of dates gives, or NULL: intermediaries' later steps
 * give way only to a date the text calls its 截止 date. */
static const char *deadline_of(const struct last_act *b)
{
	if (b->gov > b->any && !b->any_strong)
		return b->gov_s;
	if (b->any >= 0)
		return b->any_s;
	return b->gov >= 0 ? b->gov_s : NULL;
}

/*
 * What the rules of zc_x_dates ask about a date and its clause. Each fact
 * is worked out the first time a rule asks for it, and kept for the rules
 * after: most dates need few of them (the signature's date, none). All are
 * read from the text only, so when they are worked out does not change them.
 */
struct facts {
	const struct zc_ctx *ctx;
	const struct zc_dt *dt;
	size_t para;
	size_t cs, ce;	  /* the clause */
	size_t sub_start; /* the sub-clause, up to the date */
	bool range;
	size_t hs, he;	  /* the heading above, when heading is 1 */
	signed char heading, action, strong, gov, validity; /* -1 until asked */
};

/* A date that opens its clause, or follows only an item's label
 * ("（三）第三批（其他系列）：") , is governed by the heading above. */
static bool has_heading(struct facts *f)
{
	if (f->heading < 0) {
		const struct zc_ctx *ctx = f->ctx;
		size_t start = f->dt->start, ps = zc_para_offset(ctx, f->para);
		bool item = start > ps && start - ps <= 90 &&
			    before_date(&item_label_re, ctx->text, ps, start, &(struct zc_match){0});
		f->heading = (start == f->cs || item) && heading_above(ctx, f->para, &f->hs, &f->he);
	}
	return f->heading;
}

/* Does the clause, or the heading above, name a step to take (申报, 提交 …)? */
static bool is_action(struct facts *f)
{
	if (f->action < 0)
		f->action = in_words(&action_words, f->ctx->text, f->cs, f->ce) ||
			    (has_heading(f) && in_words(&action_words, f->ctx->text, f->hs, f->he));
	return f->action;
}

/* Does the clause name the date its 截止 date? "逾期…自X起不再…" names what
 * follows a deadline, not the deadline. */
static bool is_strong(struct facts *f)
{
	if (f->strong < 0)
		f->strong = in(&before_deadline_re, f->ctx->text, f->cs, f->dt->start) &&
			    !after_date(&from_then_re, f->ctx->text, f->ctx->len, f->dt->end, &(struct zc_match){0});
	return f->strong;
}

/* Who acts: is the subject of the sub-clause that holds the date a government body? */
static bool is_gov(struct facts *f)
{
	if (f->gov < 0)
		f->gov = in(&gov_actor_re, f->ctx->text, f->sub_start, f->dt->start) &&
			 !in_words(&application_words, f->ctx->text, f->cs, f->ce);
	return f->gov;
}

/* A validity or effective date is one the sub-clause itself says so of. */
static bool is_validity(struct facts *f)
{
	if (f->validity < 0)
		f->validity = in(&validity_re, f->ctx->text, f->sub_start, f->dt->start) ||
			      (f->range && in(&validity_re, f->ctx->text, f->cs, f->dt->start));
	return f->validity;
}

/* "…关于印发《某某实施方案》的通知": a notice that issues a policy document
 * (办法, 方案, 意见 …; not a 申报指南). The document follows its signature, and
 * the dates there are its targets and terms, not steps the notice asks of a
 * reader by a date. */
/*
 * A period counted from an opening date, right after its 起: "自2025年7月14日起
 * 5个工作日", "…起，公示期为7天". Working days follow the State Council's
 * holiday arrangements (workdays.h); days are calendar days. The opening
 * day counts as the first, as such notices write the same period out
 * ("公示期：2025年7月14日至7月18日（5个工作日）"). Periods in 日 alone
 * ("30日内") are left out: the law counts those from the next day.
 */
static struct zc_re period_re = ZC_RE_NEED(
	"\\G\\s*[，,]?\\s*(?:(?:为期|共计|共|计|公示期|公示时间|公示|期限|时间)\\s*(?:为|是)?\\s*)?"
	"(\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*个?\\s*(工作日|自然日|日历日|天)",
	"工作日", "自然日", "日历日", "天");

/* The value of a count written in digits or in Chinese numerals up to 99. */
static int count_value(const char *s, size_t len)
{
	if (len && s[0] >= '0' && s[0] <= '9')
		return atoi(s);
	static const char digits[] = "〇一二三四五六七八九";
	int tens = 0, units = 0;
	bool ten = false;
	for (size_t i = 0; i + 3 <= len; i += 3) {
		if (!memcmp(s + i, "十", 3)) {
			tens = units ? units : 1;
			units = 0;
			ten = true;
			continue;
		}
		int v = !memcmp(s + i, "两", 3) ? 2 : -1;
		for (int k = 1; k < 10 && v < 0; k++)
			if (!memcmp(s + i, digits + 3 * k, 3))
				v = k;
		if (v < 0)
			return 0;
		units = v;
	}
	return ten ? tens * 10 + units : units;
}

/* The last day of the period after an opening date y-m-d whose 起 ends at
 * `at`, into out; the period's end in the text into *end. */
static bool period_end(const char *s, size_t len, size_t at, int y, int m, int d, char out[11], size_t *end)
{
	struct zc_match pm;
	if (!zc_re_find(&period_re, s, len, at, &pm))
		return false;
	int n = count_value(s + pm.start[1], zc_match_len(&pm, 1));
	if (n < 1 || n > 366)
		return false;
	char start[11];
	zc_dt_format(y, m, d, start);
	if (!memcmp(s + pm.start[2], "工作日", strlen("工作日"))) {
		if (!zc_workdays_end(start, n, out))
			return false;
	} else {
		zc_date_add(start, n - 1, out);
	}
	*end = pm.end[0];
	return true;
}

static struct zc_re issues_policy_re = ZC_RE_NEED(
	"(?:印发|发布|出台)[^，。]*(?:办法|方案|规划|意见|措施|细则|规定|条例|纲要|制度|规则|要点|政策)"
	"》?(?:[（(][^）)]{1,12}[）)])?》?的通知$",
	"印发", "发布", "出台");

static bool issues_policy(const char *title)
{
	struct zc_match m;
	return zc_re_find(&issues_policy_re, title, strlen(title), 0, &m);
}

int zc_x_dates(struct zc_ctx *ctx)
{
	struct zc_notice *n = ctx->n;
	size_t at = 0;
	int r = 0;
	/* The notice proper, and what is appended after its signature (a
	 * forwarded notice, a guide): its dates count only when the notice sets none. */
	struct last_act own = {.any = -1, .gov = -1}, appended = {.any = -1, .gov = -1};
	long issued = -1;
	int iy, im, id;
	if (zc_dt_parse_iso(n->issued_on, &iy, &im, &id))
		issued = zc_dt_days(iy, im, id);
	/* Without a notice date, the first full date stands in for it. */
	if (!ctx->ref_date[0]) {
		struct zc_dt dt;
		size_t from = 0;
		while (zc_dt_find(ctx->text, ctx->len, from, &dt)) {
			if (dt.year && zc_dt_valid(dt.year, dt.month, dt.day)) {
				zc_dt_format(dt.year, dt.month, dt.day, ctx->ref_date);
				break;
			}
			from = dt.end;
		}
	}
	size_t end_off = ctx->end < ctx->npara ? zc_para_offset(ctx, ctx->end) : ctx->len;
	int last_year = 0, last_month = 0;
	size_t last_para = SIZE_MAX;
	/* An opening date waiting for its closing one (see open_before_re). */
	struct {
		bool set;
		bool action;
		int y, m, d;
		size_t index;	    /* in n->dates */
		size_t limit;	    /* the closing date starts before this */
		size_t label_from, label_to;
	} open = {0};
	size_t prev_end = 0; /* where the date before ended */
	struct zc_dt dt;
	while (r == 0 && at < end_off && zc_dt_find(ctx->text, end_off, at, &dt)) {
		struct found a = {.dt = dt, .role = ZC_DATE_MENTION};
		a.para = zc_para_at(ctx, dt.start);
		if (a.para != last_para) {
			last_year = 0;
			last_month = 0;
			last_para = a.para;
		}
		resolve_year(ctx, &a, last_year, last_month);
		struct zc_dt bdt;
		bool range = zc_dt_range_end(ctx->text, end_off, &dt, &bdt);
		size_t span_end = range ? bdt.end : dt.end;
		size_t cs, ce;
		clause(ctx, dt.start, span_end, &cs, &ce);
		struct last_act *acts =
			(ctx->sig_date != SIZE_MAX && a.para > ctx->sig_date) || a.para >= ctx->appended ? &appended : &own;
		/* The sub-clause that holds the date, whose subject is who acts. */
		size_t sub_start = dt.start;
		while (sub_start > cs &&
		       !(sub_start >= cs + 3 && zc_starts_with(ctx->text + sub_start - 3, 3, "，")) &&
		       ctx->text[sub_start - 1] != ',')
			sub_start--;
		struct facts f = {.ctx = ctx, .dt = &dt, .para = a.para, .cs = cs, .ce = ce, .sub_start = sub_start,
				  .range = range, .heading = -1, .action = -1, .strong = -1, .gov = -1, .validity = -1};
		if (range) {
			struct found b = {.dt = bdt, .role = ZC_DATE_WINDOW_END, .para = a.para};
			resolve_year(ctx, &b, a.y, a.m);
			if (!bdt.month)
				b.m = a.m;
			/* A yearless range that crosses the year end: 12月11日至1月19日. */
			if (!bdt.year && zc_dt_valid(a.y, a.m, a.d) && zc_dt_valid(b.y, b.m, b.d) &&
			    zc_dt_days(b.y, b.m, b.d) < zc_dt_days(a.y, a.m, a.d))
				b.y = a.y + 1;
			a.role = ZC_DATE_WINDOW_START;
			struct zc_window w = {0};
			bool ok = zc_dt_valid(a.y, a.m, a.d) && zc_dt_valid(b.y, b.m, b.d) &&
				  zc_dt_days(b.y, b.m, b.d) >= zc_dt_days(a.y, a.m, a.d);
			/* A period that ended before the notice was issued is data, not a window;
			 * nor is one the notice replaces. */
			if (ok && issued >= 0 && zc_dt_days(b.y, b.m, b.d) < issued)
				ok = false;
			if (ok && in(&superseded_re, ctx->text, sub_start, dt.start))
				ok = false;
			if (ok) {
				zc_dt_format(a.y, a.m, a.d, w.from);
				zc_dt_format(b.y, b.m, b.d, w.to);
				w.label = dt.start == cs && has_heading(&f) ? window_label(ctx, f.hs, f.he)
									    : window_label(ctx, cs, dt.start);
				bool dup = false;
				for (size_t k = 0; k < n->windows.n && !dup; k++) {
					struct zc_window *o = &ZC_VEC_AT(&n->windows, struct zc_window, k);
					dup = !strcmp(o->from, w.from) && !strcmp(o->to, w.to);
				}
				if (dup) {
					free(w.label);
				} else if (!zc_vec_push(&n->windows, &w)) {
					free(w.label);
					return -ENOMEM;
				}
				if (is_action(&f) && !is_validity(&f))
					note_act(acts, is_gov(&f), b.y, b.m, b.d);
			}
			r = add_date(ctx, &a);
			if (r == 0)
				r = add_date(ctx, &b);
			open.set = false;
			prev_end = bdt.end;
			last_year = b.y;
			last_month = b.m;
			at = bdt.end;
			continue;
		}
		struct zc_match m;
		/* "即日起至X日": a window from the notice's own date. */
		if (n->issued_on[0] && dt.start >= cs && before_date(&from_today_re, ctx->text, cs, dt.start, &m) &&
		    zc_dt_valid(a.y, a.m, a.d)) {
			struct zc_window w = {0};
			memcpy(w.from, n->issued_on, 11);
			zc_dt_format(a.y, a.m, a.d, w.to);
			if (strcmp(w.from, w.to) <= 0) {
				/* "一、征集时间" over "即日起至X": the heading names the act and the window. */
				size_t us = 0, ue = 0;
				bool under = !has_heading(&f) && m.start[0] <= cs + 6 && heading_above(ctx, a.para, &us, &ue);
				bool headed = has_heading(&f) || (under && in_words(&action_words, ctx->text, us, ue));
				w.label = window_label(ctx, cs, m.start[0]);
				if (!w.label && under)
					w.label = window_label(ctx, us, ue);
				if (!zc_vec_push(&n->windows, &w)) {
					free(w.label);
					return -ENOMEM;
				}
				if (is_action(&f) || headed)
					note_act(acts, is_gov(&f), a.y, a.m, a.d);
			}
		}
		/* The role, from the words around the date; the signature's date is the issue date. */
		if (a.para == ctx->sig_date) {
			a.role = ZC_DATE_ISSUED;
		} else {
			bool after_mark = after_date(&after_deadline_re, ctx->text, end_off,
						     after_gloss(ctx->text, end_off, dt.start, dt.end), &m);
			bool by_verb = before_date(&before_action_re, ctx->text, cs, dt.start, &m) &&
				       in_words(&action_words, ctx->text, dt.end, ce);
			bool announced = after_mark && before_date(&announced_re, ctx->text, sub_start, dt.start, &m) &&
					 after_date(&only_before_re, ctx->text, end_off, dt.end, &m);
			bool as_of = before_date(&as_of_before_re, ctx->text, sub_start, dt.start, &m) &&
				     after_date(&as_of_after_re, ctx->text, end_off, dt.end, &m);
			bool paid_or_qualifying = after_mark && !is_strong(&f) &&
						  after_date(&paid_or_qualifying_re, ctx->text, end_off, dt.end, &m);
			if (as_of)
				a.role = ZC_DATE_CONDITION;
			else if (announced || paid_or_qualifying)
				a.role = ZC_DATE_EVENT;
			else if (after_date(&condition_after_re, ctx->text, end_off, dt.end, &m) &&
				 in_words(&condition_words, ctx->text, cs, ce))
				a.role = ZC_DATE_CONDITION;
			else if (after_mark || is_strong(&f) || by_verb)
				a.role = ZC_DATE_DEADLINE;
			else if (in_words(&event_words, ctx->text, cs, ce))
				a.role = ZC_DATE_EVENT;
		}
		if (a.role == ZC_DATE_DEADLINE && !is_validity(&f) && zc_dt_valid(a.y, a.m, a.d)) {
			if (is_strong(&f) && !is_gov(&f))
				acts->any_strong = true;
			if (issued < 0 || zc_dt_days(a.y, a.m, a.d) >= issued)
				note_act(acts, is_gov(&f), a.y, a.m, a.d);
		}
		/* The closing date of a window opened apart (自X起…截止Y, 即日起…截至Y). */
		bool closing = a.role != ZC_DATE_ISSUED &&
			       (a.role == ZC_DATE_DEADLINE ||
				before_date(&close_before_re, ctx->text, sub_start, dt.start, &(struct zc_match){0}));
		if (closing && !is_validity(&f) && zc_dt_valid(a.y, a.m, a.d)) {
			char from[11] = "", to[11];
			size_t lf = 0, lt = 0;
			bool opened_action = false;
			if (open.set && dt.start < open.limit) {
				zc_dt_format(open.y, open.m, open.d, from);
				lf = open.label_from, lt = open.label_to;
				opened_action = open.action;
			} else if (n->issued_on[0] && zc_re_find(&from_today_open_re, ctx->text, dt.start,
								  prev_end > cs ? prev_end : cs, &m)) {
				memcpy(from, n->issued_on, 11);
				lf = cs, lt = m.start[0];
			}
			zc_dt_format(a.y, a.m, a.d, to);
			if (from[0] && strcmp(from, to) < 0 && (issued < 0 || zc_dt_days(a.y, a.m, a.d) >= issued)) {
				if (open.set && dt.start < open.limit)
					ZC_VEC_AT(&n->dates, struct zc_date_ref, open.index).role = ZC_DATE_WINDOW_START;
				if (a.role != ZC_DATE_DEADLINE && (is_action(&f) || opened_action))
					note_act(acts, is_gov(&f), a.y, a.m, a.d);
				a.role = ZC_DATE_WINDOW_END;
				r = push_window(n, from, to, lt > lf ? window_label(ctx, lf, lt) : NULL);
			}
		}
		open.set = false;
		struct found period = {.role = ZC_DATE_MENTION}; /* the last day of a period from the date */
		/* An opening date: 自/从/于 X (起), or X 起/开始, not in force from X. */
		if (r == 0 && (a.role == ZC_DATE_MENTION || a.role == ZC_DATE_EVENT) && zc_dt_valid(a.y, a.m, a.d) &&
		    after_date(&open_after_re, ctx->text, end_off, dt.end, &m) && !in(&validity_re, ctx->text, cs, ce)) {
			open.set = true;
			open.action = is_action(&f);
			open.y = a.y, open.m = a.m, open.d = a.d;
			open.index = n->dates.n;
			open.limit = next_sentence_end(ctx, dt.end);
			open.label_from = cs, open.label_to = dt.start;
			/* A period from it, for a step to take (公示期自X起5个工作日): its
			 * last day is the date to act by. */
			char last[11];
			size_t pend;
			int ly, lm, ld;
			if (is_action(&f) && period_end(ctx->text, ce, m.end[0], a.y, a.m, a.d, last, &pend) &&
			    zc_dt_parse_iso(last, &ly, &lm, &ld) && (issued < 0 || zc_dt_days(ly, lm, ld) >= issued)) {
				note_act(acts, is_gov(&f), ly, lm, ld);
				period = (struct found){.dt = dt, .y = ly, .m = lm, .d = ld, .role = ZC_DATE_DEADLINE, .para = a.para};
				period.dt.end = pend;
				period.dt.hour = -1;
			}
		}
		prev_end = dt.end;
		if (r == 0)
			r = add_date(ctx, &a);
		if (r == 0 && period.role == ZC_DATE_DEADLINE)
			r = add_date(ctx, &period);
		if (a.dt.year || a.dt.month) {
			last_year = a.y;
			last_month = a.m;
		}
		at = dt.end;
	}
	const char *deadline = deadline_of(&own);
	if (!deadline && !(n->title && issues_policy(n->title)))
		deadline = deadline_of(&appended);
	if (deadline)
		memcpy(n->deadline, deadline, 11);
	return r;
}
