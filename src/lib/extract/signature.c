/*
 * signature.c: the issuing bodies (发文机关署名) and the notice's date (成文日期).
 *
 * GB/T 9704-2012 puts the signature after the body and attachment note:
 * one or more issuing bodies on one or a few lines, then the date alone on
 * its line. We look for a date standing alone on a line, take the short
 * lines right above it as the signature, and split them into bodies (runs
 * of spaces, 、, letter-spaced names such as "科 技 部"). Tender pages
 * write the signature inline with labels ("采购单位：A 采购代理机构：B
 * 2017年7月26日"), which is read too. When no signature date exists the
 * notice's date comes from a metadata field (成文日期, 发布日期, 发布时间).
 *
 * A 令 is signed by a person, not a body: "省长　王浩" over the date
 * (GB/T 9704, 命令（令）格式: 签发人职务 and 签名章). A post and a name name
 * no issuing body, so such a line adds none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/datetime.h"
#include "extract/internal.h"
#include "extract/title.h"
#include "utf8.h"
#include "banned.h"

static struct zc_re inline_sig_re = ZC_RE(
	"^(.{2,120}?)\\s*((?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)\\s*$");
static struct zc_re labelled_re = ZC_RE(
	"(?:采购单位|采购人|招标人|招标单位|采购代理机构|代理机构|招标代理机构|发布单位|发布机构|"
	"公示单位|建设单位|落款单位)\\s*[:：]\\s*([^\\s:：]{2,40})");
static struct zc_re org_suffix_re = ZC_RE(
	"(?:部|厅|局|委|会|院|办|室|中心|政府|公司|集团|所|处|司|站|馆|校|组|队|行|社|署|台|党委|"
	"办公室|委员会|管委会|大学|学院|医院|协会|学会|联合会|研究院|科协|工会|妇联|团委|人大|政协|"
	"法院|检察院|分局|支队|大队|指挥部|园区|示范区|新区|开发区|高新区|有限公司|事务所|商会|基金会)"
	"(?:[（(][^（）()]{1,10}[）)])?$");
static struct zc_re meta_date_re = ZC_RE(
	"(?:^|\\s|\\|)(?:成文日期|发文日期|印发日期|发布日期|发布时间|公布日期|公开日期|发表时间|发稿时间|更新时间|发布于|日\\s*期)\\s*[:：]\\s*");
/* A bare 时间： is the page's date only on a line of its metadata
 * ("作者：… 来源：… 时间：2013年5月20日 点击：…"), not a meeting's time. */
static struct zc_re meta_time_re = ZC_RE("(?:^|\\s|\\|)时\\s*间\\s*[:：]\\s*");
static struct zc_re meta_line_re = ZC_RE_NEED("来源\\s*[:：]|作者\\s*[:：]|(?:点击|浏览|阅读)(?:次数|量)?\\s*[:：]|字号",
	"来源", "作者", "点击", "浏览", "阅读", "字号");
static struct zc_re tail_date_re = ZC_RE(
	"(?<![\\d〇零一二三四五六七八九○Ｏ])((?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|"
	"[〇零一二三四五六七八九○Ｏ]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十]{1,3}\\s*日)"
	"[\\s|｜]*$");
static struct zc_re tender_label_re = ZC_RE(
	"^(?:采\\s*购\\s*单\\s*位|采\\s*购\\s*人|招\\s*标\\s*人|招\\s*标\\s*单\\s*位|(?:采购|招标)?代理机构|招标代理|"
	"公告单位|公示单位|发布单位|通告单位)"
	"(?:名称)?\\s*[:：]\\s*([^\\s:：，,；;（(]{4,40})(?:\\s*[（(]\\s*(?:盖章|印章|公章)\\s*[）)])?"
	"(?=\\s*$|\\s+[^\\s:：]{2,8}\\s*[:：])");
/* A page's header timestamp before the body: "2021-07-04 09:57 深圳市…". */
static struct zc_re header_stamp_re = ZC_RE(
	"^((?:19|20)\\d{2}[-./]\\d{1,2}[-./]\\d{1,2}|(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)\\s+\\d{1,2}:\\d{2}");
/* What may follow a 落款: a 附注, a rule, the page's metadata and chrome. */
static struct zc_re after_signature_re = ZC_RE(
	"^(?:[（(]\\s*此件[^）)]{0,12}[）)]|[━─—=_\\-－\\s]{3,}$|(?:发布|成文|印发)(?:时间|日期)\\s*[:：]|"
	"[【\\[]\\s*(?:打印|关闭)|上一[篇条]|下一[篇条]|主办|来源\\s*[:：]|(?:阅读|浏览|点击)(?:次数|量))");
static struct zc_re month_line_re = ZC_RE(
	"^(?:((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月|[〇零一二三四五六七八九○]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月)$");
static struct zc_re appendix_heading_re = ZC_RE("^附\\s*(?:件\\s*\\d{0,2})?\\s*[:：]?$");
static struct zc_re seal_re = ZC_RE_NEED("[（(]\\s*(?:盖章|印章|公章|章)\\s*[）)]",
	"章");

/* A signer: a leader's post, then a name of two to four characters ("局长申长雨",
 * "代市长李某", "委员会主任张某"), white space already squashed out. */
static struct zc_re person_re = ZC_RE_NEED(
	"^[\\x{4E00}-\\x{9FFF}]{0,20}?(?:省长|市长|县长|区长|州长|旗长|盟长|乡长|镇长|主席|总理|部长|局长|厅长|署长|"
	"主任|院长|行长|关长|书记|委员长|署长|社长|会长|校长|秘书长|总经理|董事长|司令员)"
	"([\\x{4E00}-\\x{9FFF}·]{2,5})$",
	"长", "席", "理", "任", "记", "员"); /* the posts' last characters */

/*
 * Suffixes of two characters or more that end a body's name and no
 * person's: a name after a post may end in a character that also ends bodies
 * (王卫社, 李建会, 张国行), so only these make it a body ("局长办公室").
 */
static struct zc_re org_long_suffix_re = ZC_RE(
	"(?:中心|政府|公司|集团|办公室|委员会|管委会|大学|学院|医院|协会|学会|联合会|研究院|研究所|科协|工会|妇联|"
	"团委|人大|政协|法院|检察院|分局|支队|大队|指挥部|园区|示范区|新区|开发区|高新区|事务所|商会|基金会|党委|"
	"办|处|科|室)$");

static bool is_org(const char *s, size_t len);

/* person_re's posts: the words a name follows. */
static const char *const posts[] = {"省长", "市长", "县长", "区长", "州长", "旗长", "盟长", "乡长", "镇长", "主席",
				    "总理", "部长", "局长", "厅长", "署长", "主任", "院长", "行长", "关长", "书记",
				    "委员长", "社长", "会长", "校长", "秘书长", "总经理", "董事长", "司令员"};

/* Does s[0..len) end with one of posts? Each ends in 长, 席, 理, 任, 记 or 员,
 * which is looked at first. */
static bool ends_with_post(const char *s, size_t len)
{
	if (len < 6 || !(zc_ends_with(s, len, "长") || zc_ends_with(s, len, "席") || zc_ends_with(s, len, "理") ||
			 zc_ends_with(s, len, "任") || zc_ends_with(s, len, "记") || zc_ends_with(s, len, "员")))
		return false;
	for (size_t k = 0; k < sizeof(posts) / sizeof(posts[0]); k++)
		if (zc_ends_with(s, len, posts[k]))
			return true;
	return false;
}

/*
 * Can person_re match s[0..len) (valid UTF-8)? Its match ends with a name of
 * two to five characters right after a post (before a final line end, where
 * $ matches too): a post must end two to five characters before the end.
 */
static bool may_end_with_post_and_name(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n')
		len--;
	size_t end = len;
	for (int k = 1; k <= 5 && end > 0; k++) {
		do /* back over one character */
			end--;
		while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80);
		if (k >= 2 && ends_with_post(s, end))
			return true;
	}
	return false;
}

/* A leader who signs: a post, then a name of two to four characters (five with a ·). */
static bool is_person(const char *s, size_t len)
{
	struct zc_match m;
	if (len > 3 * 30 || !may_end_with_post_and_name(s, len) || !zc_re_find(&person_re, s, len, 0, &m))
		return false;
	const char *name = s + m.start[1];
	size_t nl = zc_match_len(&m, 1);
	if (zc_utf8_count(name, nl) > 4 && !memchr(name, 0xC2, nl)) /* · is C2 B7 */
		return !is_org(name, nl) && !is_org(s, len);
	return !zc_re_find(&org_long_suffix_re, name, nl, zc_tail_search_start(name, nl, 12), &m);
}

static bool is_org(const char *s, size_t len)
{
	struct zc_match m;
	/* Anchored at the end, with suffixes of four characters at most (有限公司). */
	return len >= 6 && len <= 90 && zc_re_find(&org_suffix_re, s, len, zc_tail_search_start(s, len, 12), &m);
}

/*
 * Can is_person hold for s[0..len) once its white space is squashed out
 * (zc_squash)? The post before the name ends with 长, 席, 理, 任, 记 or 员
 * (posts[]) two to five characters before the end: one of the last six
 * characters that are not white space is one of these. Most lines need no
 * squashed copy then.
 */
static bool may_name_person(const char *s, size_t len)
{
	const char *p = s + len;
	for (int k = 0; k < 6 && p > s;) {
		uint32_t c = zc_utf8_prev(&p, s);
		if (zc_is_space(c))
			continue;
		k++;
		if (c == 0x957F || c == 0x5E2D || c == 0x7406 || c == 0x4EFB || c == 0x8BB0 || c == 0x5458) /* 长席理任记员 */
			return true;
	}
	return false;
}

/* "科 技 部" → "科技部": every piece a single character. */
static bool letter_spaced(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int chars = 0;
	while (p < end) {
		uint32_t c = zc_utf8_next(&p, end);
		if (!zc_is_han(c))
			return false;
		chars++;
		if (p < end) {
			if (*p != ' ')
				return false;
			while (p < end && *p == ' ')
				p++;
		}
	}
	return chars >= 2 && chars <= 8;
}

/* Split one signature line into bodies and add them. */
/* Does t hold two Chinese characters, as every body's name does? A file's
 * size ("3.2 MB") beside a name over the 落款 does not. */
static bool written_in_chinese(const char *t)
{
	int han = 0;
	for (const char *p = t, *e = t + strlen(t); p < e && han < 2;)
		han += zc_is_han(zc_utf8_next(&p, e));
	return han >= 2;
}

static int add_bodies(struct zc_ctx *ctx, const char *s, size_t len, bool strict)
{
	s = zc_trim(s, &len);
	if (!len)
		return 0;
	/* A person who signs (a 令) is no body. */
	if (may_name_person(s, len)) {
		char *whole = zc_squash(s, len);
		if (!whole)
			return -ENOMEM;
		bool person = is_person(whole, strlen(whole));
		free(whole);
		if (person)
			return 0;
	}
	struct zc_match m;
	if (letter_spaced(s, len)) {
		char *t = zc_squash(s, len);
		if (!t)
			return -ENOMEM;
		int r = zc_strv_add_unique(&ctx->n->issuers, t);
		free(t);
		return r;
	}
	/* Drop "（盖章）" marks. */
	char buf[512];
	if (len >= sizeof(buf))
		return 0;
	size_t bl = 0, at = 0;
	while (zc_re_find(&seal_re, s, len, at, &m)) {
		memcpy(buf + bl, s + at, m.start[0] - at);
		bl += m.start[0] - at;
		at = m.end[0];
	}
	memcpy(buf + bl, s + at, len - at);
	bl += len - at;
	/* Pieces separated by spaces or 、; single spaces only split between whole bodies. */
	const char *p = buf, *end = buf + bl;
	const char *piece = p;
	int r = 0;
	while (p <= end && r == 0) {
		bool cut = p == end;
		size_t sep = 0;
		if (!cut && *p == ' ') {
			sep = 1;
			while (p + sep < end && p[sep] == ' ')
				sep++;
			cut = sep >= 2 || is_org(piece, (size_t)(p - piece));
		} else if (!cut && zc_starts_with(p, (size_t)(end - p), "、")) {
			sep = 3;
			cut = true;
		}
		if (cut) {
			size_t pl = (size_t)(p - piece);
			const char *ps = zc_trim(piece, &pl);
			if (pl && (!strict || is_org(ps, pl) || pl <= 36)) {
				char *t = zc_squash(ps, pl);
				if (!t)
					return -ENOMEM;
				if (written_in_chinese(t) && !is_person(t, strlen(t)))
					r = zc_strv_add_unique(&ctx->n->issuers, t);
				free(t);
			}
			if (p == end)
				break;
			p += sep;
			piece = p;
			continue;
		}
		p++;
	}
	return r;
}

static bool signature_line(const struct zc_span *p);

static struct zc_re company_re = ZC_RE("(?:公司|集团|厂|合作社|商行|企业)(?:[（(][^（）()]{1,10}[）)])?$");
static struct zc_re authority_re = ZC_RE(
	"(?:部|厅|局|委|委员会|办公室|办公厅|政府|管委会|党委|人大常委会|总局|署|政协|法院|检察院|工会|团委|妇联|科协|"
	"办事处|管理处)(?:[（(][^（）()]{1,10}[）)])?$");

static bool line_matches(const struct zc_span *p, struct zc_re *re)
{
	struct zc_match m;
	size_t l = p->len;
	const char *s = zc_trim(p->s, &l);
	return l && zc_re_find(re, s, l, zc_tail_search_start(s, l, 24), &m);
}

/*
 * The signature lines [first, date) may be the end of a list the notice
 * gives right before its 落款 (a 名单 of companies or schools, one a line):
 * short lines without punctuation look alike. A body over the date with
 * companies above it signs alone (an agency signs below its purchaser, not
 * above), and where the short lines run on above the three taken, only the
 * bodies of authority at the bottom sign. Returns the first signature line.
 */
static size_t list_tail(const struct zc_ctx *ctx, size_t first, size_t date)
{
	if (date - first < 2 || line_matches(&ctx->paras[date - 1], &company_re))
		return first;
	bool runs_on = first > ctx->head_end && signature_line(&ctx->paras[first - 1]);
	size_t top = date - 1;
	while (top > first) {
		const struct zc_span *q = &ctx->paras[top - 1];
		if (line_matches(q, &company_re) || (runs_on && !line_matches(q, &authority_re)))
			break;
		top--;
	}
	return top;
}

/* Does one of 。：:；，《 http www @ start at s[i] of s[0..len)? (Its
 * first byte is one of those punct_or_link looks for.) */
static bool punct_or_link_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	switch (u[i]) {
	case ':': case '@':
		return true;
	case 'h':
		return zc_starts_with(s + i, len - i, "http");
	case 'w':
		return zc_starts_with(s + i, len - i, "www");
	case 0xE3: /* 。 E3 80 82, 《 E3 80 8A */
		return i + 3 <= len && u[i + 1] == 0x80 && (u[i + 2] == 0x82 || u[i + 2] == 0x8A);
	case 0xEF: /* ： EF BC 9A, ； EF BC 9B, ， EF BC 8C */
		return i + 3 <= len && u[i + 1] == 0xBC && (u[i + 2] == 0x9A || u[i + 2] == 0x9B || u[i + 2] == 0x8C);
	default:
		return false;
	}
}

/* Does s[0..len) hold 。：:；，《 http www or @? One pass, sixteen bytes at a
 * time, stopping only at the bytes these start with, in place of a
 * zc_memstr for each (every place one starts is such a byte). */
static bool holds_punct_or_link(const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	static const char first[6] = {':', '@', 'h', 'w', (char)0xE3, (char)0xEF};
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i)), hit = _mm_setzero_si128();
		for (int k = 0; k < 6; k++)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(first[k])));
		for (unsigned mask = (unsigned)_mm_movemask_epi8(hit); mask; mask &= mask - 1)
			if (punct_or_link_at(s, len, i + (unsigned)__builtin_ctz(mask)))
				return true;
	}
#endif
	for (; i < len; i++)
		if (punct_or_link_at(s, len, i))
			return true;
	return false;
}

/* Could paragraph p be a signature line (bodies, no sentence)? */
static bool signature_line(const struct zc_span *p)
{
	if (p->len == 0 || p->len > 200)
		return false;
	if (holds_punct_or_link(p->s, p->len) || zc_memstr(p->s, p->len, "附件") || zc_memstr(p->s, p->len, "特此"))
		return false;
	if (zc_starts_with_marker(p->s, p->len) || zc_is_docno_line(p->s, p->len))
		return false;
	/* A body's name is written in Chinese; a date ("(2020-04-07)" over a
	 * page's other date) signs nothing. */
	bool han = false;
	for (const char *q = p->s, *e = p->s + p->len; q < e && !han;)
		han = zc_is_han(zc_utf8_next(&q, e));
	return han && !zc_dt_is_date_line(p->s, p->len);
}

static void set_date_from(const char *s, size_t len, zc_date out)
{
	struct zc_dt dt;
	if (zc_dt_find(s, len, 0, &dt) && dt.year && zc_dt_valid(dt.year, dt.month, dt.day))
		zc_dt_format(dt.year, dt.month, dt.day, out);
}

/* "附：" or "附件" alone, over a notice's title (under its issuer, maybe). */
static bool appended_notice_at(const struct zc_ctx *ctx, size_t i)
{
	const struct zc_span *p = &ctx->paras[i];
	if (p->len > 12 || !zc_re_find(&appendix_heading_re, p->s, p->len, 0, &(struct zc_match){0}))
		return false;
	size_t t = i + 1;
	if (t + 1 < ctx->end && zc_is_issuer_line(ctx->paras[t].s, ctx->paras[t].len))
		t++;
	return t < ctx->end && ctx->paras[t].len <= 300 &&
	       zc_title_kind(ctx->paras[t].s, ctx->paras[t].len) == ZC_TITLE_NOTICE &&
	       !zc_memstr(ctx->paras[t].s, ctx->paras[t].len, "。");
}

static int find_signature(struct zc_ctx *ctx)
{
	struct zc_match m;
	size_t best = SIZE_MAX, fallback = SIZE_MAX;
	/* best's kind: a date line, and one under a signature line. */
	bool best_dated = false, best_signed = false;
	/*
	 * One pass looks for two things at once: the 落款's date (best, else a
	 * fallback) and, until a date under a signature line, a notice printed
	 * after the text under "附：" (limit, ctx->appended): the 落款 comes before
	 * it. Either search goes on alone when the other has ended.
	 */
	size_t limit = ctx->npara;
	bool seek_appended = true;
	for (size_t i = ctx->head_end; i < limit; i++) {
		const struct zc_span *p = &ctx->paras[i];
		bool dated = zc_dt_is_date_line(p->s, p->len);
		bool signed_date = dated && i > 0 && signature_line(&ctx->paras[i - 1]);
		if (signed_date) {
			seek_appended = false;
		} else if (seek_appended && zc_starts_with(p->s, p->len, "附") && appended_notice_at(ctx, i)) {
			limit = i;
			ctx->appended = i;
			break;
		}
		if (best != SIZE_MAX) { /* only the notice after the text is sought */
			if (!seek_appended)
				break;
			continue;
		}
		if (dated) {
			if (signed_date && i > ctx->head_end) {
				best = i;
				best_dated = best_signed = true;
			} else if (fallback == SIZE_MAX && i > ctx->head_end + 1) {
				fallback = i;
			}
		} else if (p->len < 400 && zc_ends_with(p->s, p->len, "日") &&
			   zc_re_find(&inline_sig_re, p->s, p->len, 0, &m)) {
			/* "ORG ORG 2017年7月26日" on one line. */
			const char *pre = p->s + m.start[1];
			size_t pl = zc_match_len(&m, 1);
			struct zc_match lm;
			bool labelled = zc_re_find(&labelled_re, pre, pl, 0, &lm);
			size_t tl = pl;
			const char *tp = zc_trim(pre, &tl);
			bool orgs = signature_line(&(struct zc_span){pre, pl}) && is_org(tp, tl);
			if (labelled || orgs)
				best = i;
		}
		if (best != SIZE_MAX && !seek_appended)
			break;
	}
	int r = 0;
	if (best == SIZE_MAX) {
		/* A flattened page: "… 邮编:350003 福建省科学技术厅 2024年1月16日". Bodies are
		 * the space-separated tokens right before a date that ends the paragraph. */
		size_t tail_dated = SIZE_MAX;
		for (size_t i = limit; i-- > ctx->head_end && best == SIZE_MAX;) {
			const struct zc_span *p = &ctx->paras[i];
			if (!zc_re_find(&tail_date_re, p->s, p->len, 0, &m))
				continue;
			if (tail_dated == SIZE_MAX && i + 6 >= limit)
				tail_dated = i;
			size_t end = m.start[0], took = 0;
			while (end > 0 && p->s[end - 1] == ' ')
				end--;
			const char *tokens[3];
			size_t lens[3];
			while (took < 3 && end > 0) {
				size_t start = end;
				while (start > 0 && p->s[start - 1] != ' ')
					start--;
				size_t tl = end - start;
				const char *ts = zc_trim(p->s + start, &tl);
				if (!is_org(ts, tl) || zc_memstr(ts, tl, "：") || zc_memstr(ts, tl, ":"))
					break;
				tokens[took] = ts;
				lens[took++] = tl;
				end = start ? start - 1 : 0;
			}
			if (took) {
				best = i;
				ctx->sig_date = i;
				ctx->sig_first = i;
				set_date_from(p->s + m.start[1], zc_match_len(&m, 1), ctx->n->issued_on);
				while (took-- > 0 && r == 0)
					r = add_bodies(ctx, tokens[took], lens[took], false);
			}
		}
		if (best != SIZE_MAX)
			goto metadata;
		best = fallback;
		best_dated = true; /* when there is one */
		/* A date closing one of the last lines ("附件:… 二○○四年二月六日"): the notice's date. */
		if (best == SIZE_MAX && tail_dated != SIZE_MAX &&
		    zc_re_find(&tail_date_re, ctx->paras[tail_dated].s, ctx->paras[tail_dated].len, 0, &m)) {
			ctx->sig_date = tail_dated;
			ctx->sig_first = tail_dated;
			set_date_from(ctx->paras[tail_dated].s + m.start[1], zc_match_len(&m, 1), ctx->n->issued_on);
		}
	}
	if (best != SIZE_MAX) {
		const struct zc_span *p = &ctx->paras[best];
		ctx->sig_date = best;
		ctx->sig_first = best;
		set_date_from(p->s, p->len, ctx->n->issued_on);
		if (!best_dated && zc_re_find(&inline_sig_re, p->s, p->len, 0, &m)) {
			const char *pre = p->s + m.start[1];
			size_t pl = zc_match_len(&m, 1), at = 0;
			struct zc_match lm;
			bool any = false;
			while (zc_re_find(&labelled_re, pre, pl, at, &lm) && r == 0) {
				r = add_bodies(ctx, pre + lm.start[1], zc_match_len(&lm, 1), false);
				at = lm.end[0];
				any = true;
			}
			if (!any)
				r = add_bodies(ctx, pre, pl, true);
		} else {
			/* Up to three signature lines above the date. */
			size_t first = best;
			if (best_signed) /* the line above is a signature line (the scan found so) */
				first--;
			while (first > ctx->head_end && best - first < 3 &&
			       signature_line(&ctx->paras[first - 1]))
				first--;
			first = list_tail(ctx, first, best);
			/* A lone line above must look like a body: an empty 落款 is no 落款. */
			for (size_t i = first; i < best && r == 0; i++) {
				const struct zc_span *q = &ctx->paras[i];
				size_t ql = q->len;
				const char *qs = zc_trim(q->s, &ql);
				if (best - first == 1 && !is_org(qs, ql) && !letter_spaced(qs, ql) &&
				    zc_utf8_count(qs, ql) > 30)
					continue;
				/* One line right above the date, without separators: the body as written. */
				if (best - first == 1 && !zc_memstr(qs, ql, " ") && !zc_memstr(qs, ql, "、") &&
				    zc_utf8_count(qs, ql) <= 30) {
					r = add_bodies(ctx, qs, ql, false);
					continue;
				}
				r = add_bodies(ctx, q->s, q->len, true);
			}
			ctx->sig_first = first;
		}
	}
	/* A tender without 落款: the purchaser and its agency named by label. */
	if (r == 0 && ctx->n->issuers.n == 0) {
		size_t from = ctx->npara > 8 ? ctx->npara - 8 : 0;
		for (size_t i = from; i < ctx->npara && r == 0; i++) {
			const struct zc_span *p = &ctx->paras[i];
			if (zc_re_find(&tender_label_re, p->s, p->len, 0, &m))
				r = add_bodies(ctx, p->s + m.start[1], zc_match_len(&m, 1), false);
		}
	}
	/* A 落款 without its date: the body's name alone on a line after the text,
	 * followed only by a 附注 ("（此件公开发布）"), rules or page chrome. */
	if (r == 0 && ctx->n->issuers.n == 0 && ctx->sig_date == SIZE_MAX) {
		size_t from = ctx->end > 6 ? ctx->end - 6 : 0;
		for (size_t i = ctx->end; i-- > from && i > ctx->head_end;) {
			const struct zc_span *p = &ctx->paras[i];
			if (zc_re_find(&after_signature_re, p->s, p->len, 0, &m))
				continue;
			/* A date of a month only ("2024年3月"): no issue date, but the year
			 * of the dates that leave it out. */
			if (p->len <= 30 && zc_re_find(&month_line_re, p->s, p->len, 0, &m)) {
				if (!ctx->ref_date[0] && zc_match_has(&m, 1)) {
					int month = atoi(p->s + m.start[2]);
					if (month >= 1 && month <= 12)
						snprintf(ctx->ref_date, sizeof(ctx->ref_date), "%.4s-%02d-01", p->s + m.start[1],
							 month);
				}
				continue;
			}
			if (p->len <= 60 && is_org(p->s, p->len) && !zc_memstr(p->s, p->len, "：") &&
			    !zc_memstr(p->s, p->len, ":") && !zc_memstr(p->s, p->len, "，"))
				r = add_bodies(ctx, p->s, p->len, true);
			break;
		}
	}
metadata:
	/* No signature date: a metadata field. */
	for (size_t i = 0; i < ctx->npara && i < 20 && !ctx->n->issued_on[0]; i++) {
		const struct zc_span *p = &ctx->paras[i];
		size_t at = 0;
		struct zc_re *field = &meta_date_re;
		if (!zc_re_find(field, p->s, p->len, 0, &m) && zc_re_find(&meta_line_re, p->s, p->len, 0, &m))
			field = &meta_time_re;
		while (zc_re_find(field, p->s, p->len, at, &m)) {
			struct zc_dt dt;
			if (zc_dt_find(p->s, p->len, m.end[0], &dt) && dt.start <= m.end[0] + 2 && dt.year &&
			    zc_dt_valid(dt.year, dt.month, dt.day)) {
				zc_dt_format(dt.year, dt.month, dt.day, ctx->n->issued_on);
				break;
			}
			at = m.end[0];
		}
	}
	/* Nor a field: a timestamp heading the page, before the body. */
	for (size_t i = 0; i < ctx->npara && i < 8 && !ctx->n->issued_on[0]; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (!zc_re_find(&header_stamp_re, p->s, p->len, 0, &m))
			continue;
		set_date_from(p->s + m.start[1], zc_match_len(&m, 1), ctx->n->issued_on);
		/* "2021-07-04 09:57 某某局": the body the page credits, when no 落款 names one. */
		size_t at = m.end[0];
		while (at < p->len && (p->s[at] == ':' || p->s[at] == ' ' || (p->s[at] >= '0' && p->s[at] <= '9')))
			at++;
		size_t rest = p->len - at;
		const char *org = zc_trim(p->s + at, &rest);
		if (r == 0 && ctx->n->issuers.n == 0 && is_org(org, rest) && !zc_memstr(org, rest, " "))
			r = add_bodies(ctx, org, rest, true);
	}
	if (ctx->n->issued_on[0])
		memcpy(ctx->ref_date, ctx->n->issued_on, 11);
	return r;
}

int zc_x_signature(struct zc_ctx *ctx)
{
	/* A date given by the caller is kept (extract.h). */
	zc_date preset;
	memcpy(preset, ctx->n->issued_on, sizeof(preset));
	int r = find_signature(ctx);
	if (preset[0]) {
		memcpy(ctx->n->issued_on, preset, sizeof(preset));
		memcpy(ctx->ref_date, preset, sizeof(preset));
	}
	return r;
}
