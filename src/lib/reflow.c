/*
 * reflow.c: rebuild paragraphs from lines that a PDF-to-text tool or a
 * flattened web page broke up.
 *
 * A PDF-wrapped text has a typical full-line width (most body lines are
 * within a character or two of it). A line that reaches that width and
 * does not end a sentence continues on the next line; a shorter line ends
 * its paragraph unless its last character cannot end one (的, 、, an open
 * bracket, a URL or 文号 cut in two). A line that starts with a list
 * marker (一、 （一） 1. 1） ① 第一条 附件) always starts a paragraph. Lines
 * are joined without a space: Chinese has none, and URLs and 文号 broken
 * across lines must come back whole. Page furniture between the halves of
 * a sentence is skipped. Documents that put a blank line after every line
 * (some PDF tools do) are detected, and their blank lines ignored.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "doc.h"
#include "extract/datetime.h"
#include "extract/title.h"
#include "re.h"
#include "utf8.h"
#include "banned.h"

static struct zc_re marker_re = ZC_RE(
	"^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(]\\s*[一二三四五六七八九十]{1,3}\\s*[）)]|"
	"\\d{1,2}\\s*[、]|\\d{1,2}\\s*[.．](?!\\d{1,2}(?:[^\\d年]|$))|[（(]\\d{1,2}[）)]|\\d{1,2}[）)]|"
	"[\\x{2460}-\\x{2473}\\x{2776}-\\x{277F}]|第[一二三四五六七八九十百零〇\\d]+[条章节部分]|"
	"附\\s*件|附[:：]|联系人|联系电话|联系方式|电\\s*话[:：]|传\\s*真[:：]|地\\s*址[:：]|邮\\s*编[:：]|"
	"(?:电子)?邮[箱件][:：]|特此|相关链接|原文链接|抄送|主送|[A-Z][.、]|"
	"(?:发布|成文|印发)(?:日期|时间)\\s*[:：]|来\\s*源\\s*[:：])");

static struct zc_re attachment_heading_re = ZC_RE("^附\\s*件\\s*\\d{0,2}\\s*[:：]?\\s*$");
/* A line that opens with a field's label: "申报状态：申报中", "发布时间:…". */
static struct zc_re label_start_re = ZC_RE("^[\\x{4E00}-\\x{9FFF}]{2,6}\\s*[:：]");
static struct zc_re url_tail_re = ZC_RE("(?:https?://|www\\.)[\\x21-\\x7e]+$");
static struct zc_re url_cont_re = ZC_RE("^(?!https?:|www\\.)[A-Za-z0-9/_.\\-?=&%#~:+]+$");
/* An e-mail address cut inside its domain: the line ends at the @ or after a
 * dot of the domain, and the next line starts with the rest of it. */
static struct zc_re email_tail_re = ZC_RE("[A-Za-z0-9._%+-]@(?:[A-Za-z0-9-]+\\.)*$");
static struct zc_re email_cont_re = ZC_RE("^(?:[A-Za-z0-9-]+\\.)*[A-Za-z]{2,}(?![A-Za-z0-9-])");

static bool cn_numeral(uint32_t c)
{
	switch (c) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一 二 三 四 五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六 七 八 九 十 */
		return true;
	default:
		return false;
	}
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/*
 * Could a marker start with the characters c1 c2 (c2 is 0 at the end)?
 * Each alternative of marker_re by its first two characters: a cheap test
 * before the pattern, asked of nearly every line. (Keep it in step with
 * marker_re.) Most lines that start with a character a marker may start
 * with are no marker: 2019年…, 联系我们, 地点, 成都….
 */
static bool marker_may_start(uint32_t c1, uint32_t c2)
{
	if ((c1 >= 0x2460 && c1 <= 0x2473) || (c1 >= 0x2776 && c1 <= 0x277F)) /* ① ❶ */
		return true;
	if (cn_numeral(c1)) /* 一、 */
		return cn_numeral(c2) || zc_is_re_space(c2) || c2 == 0x3001 || c2 == '.' || c2 == 0xFF0E;
	if (c1 >= 'A' && c1 <= 'Z') /* A. */
		return c2 == '.' || c2 == 0x3001;
	switch (c1) {
	case 0xFF08: case '(': /* （一） (1) */
		return zc_is_re_space(c2) || cn_numeral(c2) || is_digit(c2);
	case 0x7B2C: /* 第一条 第3章 */
		return cn_numeral(c2) || c2 == 0x767E || c2 == 0x96F6 || c2 == 0x3007 || is_digit(c2);
	case 0x9644: /* 附件 附： */
		return zc_is_re_space(c2) || c2 == 0x4EF6 || c2 == ':' || c2 == 0xFF1A;
	case 0x8054: /* 联系 */
		return c2 == 0x7CFB;
	case 0x7535: /* 电话 电子邮箱 */
		return zc_is_re_space(c2) || c2 == 0x8BDD || c2 == 0x5B50;
	case 0x4F20: /* 传真 */
		return zc_is_re_space(c2) || c2 == 0x771F;
	case 0x5730: /* 地址 */
		return zc_is_re_space(c2) || c2 == 0x5740;
	case 0x90AE: /* 邮编 邮箱 邮件 */
		return zc_is_re_space(c2) || c2 == 0x7F16 || c2 == 0x7BB1 || c2 == 0x4EF6;
	case 0x6765: /* 来源 */
		return zc_is_re_space(c2) || c2 == 0x6E90;
	case 0x7279: /* 特此 */
		return c2 == 0x6B64;
	case 0x76F8: /* 相关链接 */
		return c2 == 0x5173;
	case 0x539F: case 0x6210: /* 原文链接 成文日期 */
		return c2 == 0x6587;
	case 0x6284: case 0x4E3B: /* 抄送 主送 */
		return c2 == 0x9001;
	case 0x53D1: /* 发布日期 */
		return c2 == 0x5E03;
	case 0x5370: /* 印发日期 */
		return c2 == 0x53D1;
	default:
		return false;
	}
}

/*
 * zc_utf8_next(pp, end), the characters of three bytes (most here) decoded
 * in place: the same code point, without the general loop.
 */
static inline uint32_t next_char(const char **pp, const char *end)
{
	const unsigned char *u = (const unsigned char *)*pp;
	if (end - *pp >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*pp += 3;
		return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (uint32_t)(u[2] & 0x3F);
	}
	return zc_utf8_next(pp, end);
}

/*
 * Could s[0..len) (not empty) start with a marker? For a number
 * (\d{1,2}), what follows its one or two digits decides.
 */
static bool may_start_marker(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	uint32_t c1 = next_char(&p, end);
	if (is_digit(c1)) { /* 1、 1. 12） */
		if (p < end && is_digit((unsigned char)*p))
			p++;
		uint32_t c = p < end ? next_char(&p, end) : 0;
		return zc_is_re_space(c) || c == 0x3001 || c == '.' || c == 0xFF0E || c == 0xFF09 || c == ')';
	}
	return marker_may_start(c1, p < end ? next_char(&p, end) : 0);
}

bool zc_starts_with_marker(const char *s, size_t len)
{
	struct zc_match m;
	return len && may_start_marker(s, len) && zc_re_find(&marker_re, s, len, 0, &m);
}

void zc_reflow_measure(struct zc_doc *doc)
{
	size_t n = doc->lines.n, blanks = 0, double_blanks = 0, k = 0;
	/* Widths of 20 and more, counted by value: a wrap width is at most 200,
	 * so wider lines need no value of their own (only their number, k). */
	size_t count[256] = {0};
	for (size_t i = 0; i < n; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (l->flags & ZC_LINE_BLANK) {
			blanks++;
			if (i > 0 && (ZC_LINE(doc, i - 1)->flags & ZC_LINE_BLANK))
				double_blanks++;
			continue;
		}
		if (!(l->flags & ZC_LINE_FURNITURE) && l->width >= 20) {
			count[l->width < 256 ? l->width : 255]++;
			k++;
		}
	}
	doc->double_spaced = n >= 8 && blanks * 10 >= n * 3 && double_blanks * 5 < blanks;
	doc->wrap_width = 0;
	if (k < 6)
		return;
	/* The width at the 80th percentile (the element at k * 80 / 100 of the
	 * sorted widths): 255 stands for every width from 255 up, all too wide. */
	size_t rank = k * 80 / 100, top = 0, below = 0;
	while (below + count[top] <= rank)
		below += count[top++];
	if (top < 40 || top > 200)
		return;
	size_t near = 0;
	for (size_t v = top - 6; v <= top + 4; v++)
		near += count[v];
	/* Hard-wrapped: a good share of lines end near one width, and it is a page's width. */
	if (near * 10 >= k * 3)
		doc->wrap_width = top;
}

static uint32_t last_char(const struct zc_line *l)
{
	const char *p = l->s + l->len;
	const unsigned char *u = (const unsigned char *)p;
	/* Most lines end with a three-byte character: read it in place. */
	if (l->len >= 3 && (u[-3] & 0xF0) == 0xE0 && (u[-2] & 0xC0) == 0x80 && (u[-1] & 0xC0) == 0x80)
		return ((uint32_t)(u[-3] & 0x0F) << 12) | ((uint32_t)(u[-2] & 0x3F) << 6) | (uint32_t)(u[-1] & 0x3F);
	return l->len ? zc_utf8_prev(&p, l->s) : 0;
}

static uint32_t first_char(const struct zc_line *l)
{
	const char *p = l->s;
	return l->len ? next_char(&p, l->s + l->len) : 0;
}

static bool ends_sentence(uint32_t c)
{
	return c == 0x3002 /* 。 */ || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B /* ； */ ||
	       c == 0xFF1A /* ： */ || c == ':' || c == ';' || c == '!' || c == '?' || c == 0x2026;
}

static bool cannot_end(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3001: case 0xFF08: case 0x300A: case 0x201C: /* ， 、 （ 《 “ */
	case 0x3014: case 0x3010: case '(': case '[': case '-': case '/': /* 〔 【 ( [ - / */
	case 0x7684: case 0x548C: case 0x4E0E: case 0x53CA: case 0x6216:  /* 的 和 与 及 或 */
	case 0x5E76: case 0x5BF9: case 0x5728: case 0x5C06: case 0x4E3A:  /* 并 对 在 将 为 */
	case 0x4E8E: case 0x5411: case 0x4ECE: case 0x6309: case 0x636E:  /* 于 向 从 按 据 */
	case 0x628A: case 0x7531:                                         /* 把 由 */
		return true;
	default:
		return false;
	}
}

/* +1 for an open bracket (《 （ 〔 “), -1 for a closing one, from the three bytes at p. */
static int bracket_at(const char *p)
{
	uint32_t c = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (uint32_t)(p[2] & 0x3F);
	if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
		return 0;
	switch (c) {
	case 0x300A: case 0xFF08: case 0x3014: case 0x201C:
		return 1;
	case 0x300B: case 0xFF09: case 0x3015: case 0x201D:
		return -1;
	default:
		return 0;
	}
}

#if defined(__SSE2__)
/* The positions among the sixteen from p whose bytes, with the byte after
 * them, may start a bracket: E2, E3 or EF then 80 or BC. Reads p[0..17). */
static unsigned bracket_starts(const char *p)
{
	const __m128i e2 = _mm_set1_epi8((char)0xE2), e3 = _mm_set1_epi8((char)0xE3), ef = _mm_set1_epi8((char)0xEF),
		      x80 = _mm_set1_epi8((char)0x80), xbc = _mm_set1_epi8((char)0xBC);
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i lead = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, e2), _mm_cmpeq_epi8(a, e3)), _mm_cmpeq_epi8(a, ef));
	__m128i second = _mm_or_si128(_mm_cmpeq_epi8(b, x80), _mm_cmpeq_epi8(b, xbc));
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(lead, second));
}
#endif

/* Open brackets left unclosed on the line (《 （ 〔 “). All eight brackets
 * are three bytes with a lead byte E2, E3 or EF and a second byte 80 or BC,
 * and such a byte starts a character in valid UTF-8: only there is a
 * character read. */
static bool unbalanced(const struct zc_line *l)
{
	int depth = 0;
	const char *s = l->s;
	size_t i = 0;
#if defined(__SSE2__)
	/* Sixteen positions at a time: those with such a first and second
	 * byte. The last positions are those of the line's last eighteen
	 * bytes, less the ones already seen; a line shorter than that is read
	 * from a copy padded with zero bytes, which start no bracket. */
	if (l->len < 18) {
		char padded[32] = {0};
		memcpy(padded, s, l->len);
		for (unsigned mask = bracket_starts(padded); mask; mask &= mask - 1) {
			int d = bracket_at(padded + __builtin_ctz(mask));
			if (d > 0 || depth > 0)
				depth += d;
		}
		return depth > 0;
	}
	for (; i + 18 <= l->len; i += 16)
		for (unsigned mask = bracket_starts(s + i); mask; mask &= mask - 1) {
			int d = bracket_at(s + i + __builtin_ctz(mask));
			if (d > 0 || depth > 0)
				depth += d;
		}
	if (i + 2 < l->len) { /* the rest, from the line's last eighteen bytes */
		size_t at = l->len - 18;
		for (unsigned mask = bracket_starts(s + at) >> (i - at); mask; mask &= mask - 1) {
			int d = bracket_at(s + i + __builtin_ctz(mask));
			if (d > 0 || depth > 0)
				depth += d;
		}
	}
#else
	for (; i + 3 <= l->len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b != 0xE2 && b != 0xE3 && b != 0xEF)
			continue;
		int d = bracket_at(s + i);
		if (d > 0 || depth > 0)
			depth += d;
	}
#endif
	return depth > 0;
}

/* The domain of an e-mail address goes on on the next line ("kjc@" +
 * "xx.gov.cn", "kjc@xx." + "gov.cn"): after an @ the rest must hold a dot,
 * so a lone word is not taken for a domain. */
static bool email_cut(const struct zc_line *cur, const struct zc_line *next)
{
	struct zc_match m, c;
	if (!memchr(cur->s, '@', cur->len) || !zc_re_find(&email_tail_re, cur->s, cur->len, 0, &m) ||
	    !zc_re_find(&email_cont_re, next->s, next->len, 0, &c))
		return false;
	return cur->s[cur->len - 1] == '.' || memchr(next->s, '.', c.end[0]) != NULL;
}

/* Does the line end with a file's extension (附件：…清单.pdf)? A file name
 * ends there: what follows, even after a full-width line, is the next
 * paragraph (another attachment, or the signature). */
static bool ends_with_file(const struct zc_line *l)
{
	static const char *const ext[] = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".zip",
					  ".rar", ".7z", ".ofd", ".ceb", ".txt"};
	size_t tail = l->len < 6 ? l->len : 6; /* the dot is in the last six bytes */
	if (!memchr(l->s + l->len - tail, '.', tail))
		return false;
	for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
		size_t n = strlen(ext[k]);
		if (l->len > n && !strncasecmp(l->s + l->len - n, ext[k], n))
			return true;
	}
	return false;
}

/* Does the line open with a field's label (label_start_re)? Its colon is
 * within the first 24 bytes. */
static bool label_opens(const struct zc_line *l)
{
	struct zc_match m;
	size_t head = l->len < 24 ? l->len : 24;
	return (memchr(l->s, ':', head) || zc_memstr(l->s, head, "：")) &&
	       zc_re_find(&label_start_re, l->s, l->len, 0, &m);
}

/*
 * Is cur, opening its paragraph, a whole notice title ("关于…的公示",
 * "某局关于…的通知"): the 事由 with 关于, a notice's kind at the end, no
 * sentence punctuation, and the next line no continuation of it ("的通知"
 * after "关于转发…的通知", a closing bracket)?
 */
static bool whole_title(const struct zc_line *cur, const struct zc_line *next)
{
	uint32_t first = first_char(next);
	return zc_memstr(cur->s, cur->len, "关于") && zc_title_kind(cur->s, cur->len) == ZC_TITLE_NOTICE &&
	       first != 0x7684 /* 的 */ && first != 0x300B /* 》 */ && first != 0xFF08 && first != '(' &&
	       !zc_memstr(cur->s, cur->len, "，") && !zc_memstr(cur->s, cur->len, "。") &&
	       !memchr(cur->s, ',', cur->len) && !unbalanced(cur) && !cannot_end(last_char(cur)) &&
	       !(memchr(cur->s, '(', cur->len) && !memchr(cur->s, ')', cur->len));
}

/*
 * The rules that can only part cur and next, whatever the others say: a
 * marker or a date line under cur, a date line, a title over its 文号 line.
 * Each asks patterns, and the title's kind is the dearest test of all.
 */
static bool parted_by_content(const struct zc_line *cur, const struct zc_line *next, uint32_t first)
{
	if (zc_starts_with_marker(next->s, next->len) || zc_dt_is_date_line(next->s, next->len))
		return true;
	if (zc_dt_is_date_line(cur->s, cur->len))
		return true;
	/* A title and the 文号 line, the addressees or the page's timestamp
	 * ("2020-12-16 14:37 浏览量：688") under it; an 附件 line whose name is
	 * whole and the signature after it. */
	return (zc_is_docno_line(next->s, next->len) || zc_dt_opens_line(next->s, next->len) ||
		label_opens(next) ||
		(next->len <= 150 && (zc_ends_with(next->s, next->len, "：") || zc_ends_with(next->s, next->len, ":"))) ||
		(zc_starts_with(cur->s, cur->len, "附件") && first != 0xFF08 && first != '(')) &&
	       zc_title_kind(cur->s, cur->len) != ZC_TITLE_NONE;
}

/*
 * A 文号 alone on its line (GB/T 9704: between the 版头 and the title, or
 * under a page's metadata) is a paragraph of its own; so is the signature's
 * first body under the 附件 line, however wide that is; and what follows a
 * file's name.
 */
static bool stands_alone(const struct zc_line *cur, const struct zc_line *next)
{
	return ends_with_file(cur) || zc_is_docno_line(next->s, next->len) ||
	       (zc_starts_with(cur->s, cur->len, "附件") && zc_is_issuer_line(next->s, next->len));
}

/* How wide cur is, and how it ends, decide. */
static bool joins_by_width(const struct zc_doc *doc, const struct zc_line *cur, const struct zc_line *next,
			   uint32_t last, bool gap, bool page_break, bool cur_opens)
{
	bool full = doc->wrap_width && cur->width + 6 >= doc->wrap_width;
	/* A whole notice's title over a blank line is complete, however wide. */
	if (full && gap && zc_title_kind(cur->s, cur->len) == ZC_TITLE_NOTICE)
		return false;
	/* So is one that opens its paragraph, with the body's first line under it. */
	if (full && cur_opens && whole_title(cur, next))
		return false;
	/* Over a blank line (not a page break, not a text spaced so throughout), a
	 * full line goes on only when it cannot end there. */
	if (full && gap && !page_break && !doc->double_spaced)
		return cannot_end(last) || unbalanced(cur);
	if (full)
		return true;
	if (gap && !doc->double_spaced)
		return false;
	if (cannot_end(last) || unbalanced(cur))
		return cur->width >= 16 || last != 0x7684 || next->width < 40;
	return false;
}

/* The rules that go by the lines' shape: their width, how they end. */
static bool joins_by_shape(const struct zc_doc *doc, const struct zc_line *cur, const struct zc_line *next,
			   uint32_t last, uint32_t first, bool gap, bool page_break, bool cur_opens)
{
	struct zc_match m;
	/* An 附件 heading alone ("附件1") before the attachment's own title. */
	if (cur->len <= 16 && zc_re_find(&attachment_heading_re, cur->s, cur->len, 0, &m))
		return false;
	/* A 文号 or number cut in two: "〔2018〕22" + "号）". */
	if ((is_digit(last) || last == 0x3014 || last == 0x3015) &&
	    (is_digit(first) || first == 0x53F7 /* 号 */ || first == 0x5E74 /* 年 */ || first == 0x3015))
		return true;
	/* The rules of stands_alone() can only part the lines: asked of those
	 * the width would join. */
	return joins_by_width(doc, cur, next, last, gap, page_break, cur_opens) && !stands_alone(cur, next);
}

static bool joins(const struct zc_doc *doc, const struct zc_line *cur, const struct zc_line *next,
		  bool gap, bool page_break, bool cur_opens)
{
	struct zc_match m;
	if (cur->flags & (ZC_LINE_SECTION | ZC_LINE_FURNITURE))
		return false;
	if (next->flags & ZC_LINE_SECTION)
		return false;
	uint32_t last = last_char(cur), first = first_char(next);
	/* A URL cut by the line end, continued by a run of URL characters. */
	unsigned char tail = cur->len ? (unsigned char)cur->s[cur->len - 1] : 0;
	if (tail > ' ' && tail < 0x7F && (zc_memstr(cur->s, cur->len, "http") || zc_memstr(cur->s, cur->len, "www.")) &&
	    zc_re_find(&url_tail_re, cur->s, cur->len, 0, &m) &&
	    zc_re_find(&url_cont_re, next->s, next->len, 0, &m) && next->len < 120 &&
	    (doc->wrap_width || last != '/' || zc_memstr(next->s, next->len, ".")))
		return true;
	if ((tail == '@' || tail == '.') && email_cut(cur, next))
		return true;
	/* A line that ends a sentence ends its paragraph: so the rules below
	 * decide too (the only one that joins, for a 文号 cut in two, needs a
	 * digit or a bracket at the end). Most lines end so: decided here,
	 * before the patterns. */
	if (ends_sentence(last))
		return false;
	/* The rules of parted_by_content() come first in meaning (a marker
	 * under a full line starts a paragraph) but can only part the lines:
	 * asked last, of the lines the others would join, they give the same
	 * answer with fewer patterns run. */
	return joins_by_shape(doc, cur, next, last, first, gap, page_break, cur_opens) &&
	       !parted_by_content(cur, next, first);
}

/* End a paragraph in both texts (display NULL: not wanted). zc_buf_add
 * inline, rather than a call to zc_buf_addc, for each paragraph. */
static int end_paragraph(struct zc_buf *analysis, struct zc_buf *display)
{
	int r = zc_buf_add(analysis, "\n", 1);
	return r == 0 && display ? zc_buf_add(display, "\n", 1) : r;
}

int zc_reflow(const struct zc_doc *doc, size_t first, size_t last, struct zc_buf *analysis,
	      struct zc_buf *display)
{
	int r = 0;
	const struct zc_line *prev = NULL;
	bool gap = false, chrome = false, page_break = false; /* since prev: a blank line, chrome, a page number */
	bool prev_opens = false; /* prev opened its paragraph */
	for (size_t i = first; i < last && r == 0; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (l->flags & ZC_LINE_SECTION) {
			/* A section tag ends the paragraph before it. */
			if (prev)
				r = end_paragraph(analysis, display);
			prev = NULL;
			continue;
		}
		if (l->flags & ZC_LINE_FURNITURE) {
			chrome = chrome || (l->flags & ZC_LINE_CHROME);
			page_break = page_break || (l->flags & ZC_LINE_PAGE_BREAK);
			continue;
		}
		if (l->flags & ZC_LINE_BLANK) {
			gap = true;
			continue;
		}
		bool opens = true;
		if (prev) {
			/* A web page's chrome between two lines (a toolbar under the
			 * title, a button bar over the 文号) parts them, however wide the
			 * first; a PDF's footer at a page break does not. */
			opens = (chrome && !page_break) || !joins(doc, prev, l, gap, page_break, prev_opens);
			if (opens)
				r = end_paragraph(analysis, display);
		}
		prev_opens = opens;
		if (r == 0)
			r = zc_buf_add(analysis, l->s, l->len);
		if (r == 0)
			r = display ? zc_buf_add(display, l->d, l->dlen) : 0;
		prev = l;
		gap = false;
		chrome = false;
		page_break = false;
	}
	if (r == 0 && prev)
		r = end_paragraph(analysis, display);
	return r;
}
