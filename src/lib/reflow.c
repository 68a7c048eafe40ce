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

/* First characters a marker can start with; others cannot start one. (A
 * switch: asked of nearly every line, it compiles to a few comparisons.) */
static bool marker_start(uint32_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 0x2460 && c <= 0x2473) ||
	    (c >= 0x2776 && c <= 0x277F))
		return true;
	switch (c) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一 二 三 四 五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六 七 八 九 十 */
	case 0xFF08: case '(': case 0x7B2C: case 0x9644: case 0x8054:     /* （ ( 第 附 联 */
	case 0x7535: case 0x4F20: case 0x5730: case 0x90AE: case 0x7279:  /* 电 传 地 邮 特 */
	case 0x76F8: case 0x539F: case 0x6284: case 0x4E3B:               /* 相 原 抄 主 */
	case 0x53D1: case 0x6210: case 0x5370: case 0x6765:               /* 发 成 印 来 */
		return true;
	default:
		return false;
	}
}

bool zc_starts_with_marker(const char *s, size_t len)
{
	struct zc_match m;
	const char *p = s;
	return len && marker_start(zc_utf8_next(&p, s + len)) && zc_re_find(&marker_re, s, len, 0, &m);
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
	return l->len ? zc_utf8_prev(&p, l->s) : 0;
}

static uint32_t first_char(const struct zc_line *l)
{
	const char *p = l->s;
	return l->len ? zc_utf8_next(&p, l->s + l->len) : 0;
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

/* Open brackets left unclosed on the line (《 （ 〔 “). All eight brackets
 * are three bytes with a lead byte E2, E3 or EF, and such a byte starts a
 * character in valid UTF-8: only there is a character read. */
static bool unbalanced(const struct zc_line *l)
{
	int depth = 0;
	const char *s = l->s;
	for (size_t i = 0; i + 3 <= l->len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b != 0xE2 && b != 0xE3 && b != 0xEF)
			continue;
		const char *p = s + i;
		uint32_t c = zc_utf8_next(&p, s + l->len);
		if (c == 0x300A || c == 0xFF08 || c == 0x3014 || c == 0x201C)
			depth++;
		else if ((c == 0x300B || c == 0xFF09 || c == 0x3015 || c == 0x201D) && depth > 0)
			depth--;
	}
	return depth > 0;
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
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
	 * decide too (the only one before the test of ends_sentence that joins,
	 * for a 文号 cut in two, needs a digit or a bracket at the end). Most
	 * lines end so: decided here, before the patterns. */
	if (ends_sentence(last))
		return false;
	if (zc_starts_with_marker(next->s, next->len) || zc_dt_is_date_line(next->s, next->len))
		return false;
	if (zc_dt_is_date_line(cur->s, cur->len))
		return false;
	/* A title and the 文号 line, the addressees or the page's timestamp
	 * ("2020-12-16 14:37 浏览量：688") under it; an 附件 line whose name is
	 * whole and the signature after it. */
	if ((zc_is_docno_line(next->s, next->len) || zc_dt_opens_line(next->s, next->len) ||
	     label_opens(next) ||
	     (next->len <= 150 && (zc_ends_with(next->s, next->len, "：") || zc_ends_with(next->s, next->len, ":"))) ||
	     (zc_starts_with(cur->s, cur->len, "附件") && first != 0xFF08 && first != '(')) &&
	    zc_title_kind(cur->s, cur->len) != ZC_TITLE_NONE)
		return false;
	/* An 附件 heading alone ("附件1") before the attachment's own title. */
	if (cur->len <= 16 && zc_re_find(&attachment_heading_re, cur->s, cur->len, 0, &m))
		return false;
	/* A 文号 or number cut in two: "〔2018〕22" + "号）". */
	if ((is_digit(last) || last == 0x3014 || last == 0x3015) &&
	    (is_digit(first) || first == 0x53F7 /* 号 */ || first == 0x5E74 /* 年 */ || first == 0x3015))
		return true;
	if (ends_sentence(last))
		return false;
	/* A 文号 alone on its line (GB/T 9704: between the 版头 and the title, or
	 * under a page's metadata) is a paragraph of its own; so is the
	 * signature's first body under the 附件 line, however wide that is. */
	if (ends_with_file(cur) || zc_is_docno_line(next->s, next->len) ||
	    (zc_starts_with(cur->s, cur->len, "附件") && zc_is_issuer_line(next->s, next->len)))
		return false;
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
			if (prev) {
				r = zc_buf_addc(analysis, '\n');
				if (r == 0)
					r = display ? zc_buf_addc(display, '\n') : 0;
			}
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
			if (opens) {
				r = zc_buf_addc(analysis, '\n');
				if (r == 0)
					r = display ? zc_buf_addc(display, '\n') : 0;
			}
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
	if (r == 0 && prev) {
		r = zc_buf_addc(analysis, '\n');
		if (r == 0)
			r = display ? zc_buf_addc(display, '\n') : 0;
	}
	return r;
}
