/*
 * title.c: the notice's title (标题).
 *
 * Sources, strongest first: a metadata block's "标题:" field; otherwise
 * the best title-shaped text among the paragraphs before the body, where
 * a title is one to four short fragments that end with a kind of document
 * (通知, 公告, 办法 …) — see zc_title_assemble(). Mirror pages put site
 * names around the title ("…的通知-XX区-政策-某网", "市科技局 | …"), so a
 * paragraph is also tried segment by segment.
 *
 * A 令 has no 标题 of its own (GB/T 9704, 命令（令）格式: the body's name
 * with 令, its number, the text, the signer): its matter is the regulation
 * it promulgates, "《某某办法》已经…审议通过，现予公布". That name is its
 * title; a 令 without one is titled by its heading and number.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/internal.h"
#include "extract/datetime.h"
#include "extract/title.h"
#include "utf8.h"
#include "zhengce/region.h"
#include "banned.h"

/* Does s[0..len) end with the literal w? (Inline with the literal's length
 * known, unlike a call of zc_ends_with that the compiler leaves out of line.) */
static inline __attribute__((always_inline)) bool ends_with(const char *s, size_t len, const char *w)
{
	size_t n = __builtin_strlen(w);
	return n <= len && !memcmp(s + len - n, w, n);
}

/* A word with its length, for the lists of words a text may end with (ends_with_word). */
struct kind_word {
	const char *s;
	size_t len;
};
#define KIND(w) {(w), sizeof(w) - 1}

/* Does s[0..len) end with one of the n words? (Each ends in a multi-byte
 * character: its last byte is compared first.) */
static bool ends_with_word(const char *s, size_t len, const struct kind_word *words, size_t n)
{
	if (!len)
		return false;
	for (size_t k = 0; k < n; k++)
		if (words[k].len <= len && words[k].s[words[k].len - 1] == s[len - 1] &&
		    !memcmp(s + len - words[k].len, words[k].s, words[k].len))
			return true;
	return false;
}
#define ENDS_WITH_WORD(s, len, words) ends_with_word((s), (len), (words), sizeof(words) / sizeof((words)[0]))

/* Has s[0..len) at most n characters (zc_utf8_count)? Its length tells, but
 * for texts of n to 4n bytes: a character of valid UTF-8 takes one to four.
 * Those are counted no further than n + 1 characters. */
static bool chars_at_most(const char *s, size_t len, size_t n)
{
	if (len <= n)
		return true;
	if (len > 4 * n)
		return false;
	size_t chars = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > n)
			return false;
	return true;
}

static struct zc_re docno_start_re = ZC_RE(
	"^[（(]?\\s*(?:[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}A-Za-z]{0,14}\\s*[〔\\[［(（【]\\s*(?:19|20)\\d{2}\\s*[〕\\]］)）】]\\s*第?\\s*\\d{1,5}\\s*号"
	/* a 公告's or 通告's number by year: 国家税务总局某某省税务局公告2024年第3号 */
	"|[\\x{4E00}-\\x{9FFF}]{2,16}[公通]告\\s*(?:19|20)\\d{2}\\s*年\\s*第\\s*(?:\\d{1,5}|[〇零一二两三四五六七八九十百]{1,6})\\s*号)");
static struct zc_re meta_title_re = ZC_RE_NEED(
	"(?:^|[\\s|•·-])(?:标\\s*题|文件名称|名\\s*称|原标题)\\s*[:：]\\s*(.{4,200}?)\\s*(?=$|\\s[-•·]\\s|\\s{2}|\\s*(?:发文字号|文\\s*号|成文日期|发布日期|主题)[:：])",
	"题", "名");
static struct zc_re kind_inside_re = ZC_RE("(?:通知|公告|公示|通告)");
static struct zc_re leading_tag_re = ZC_RE("^\\s*(?:[【\\[［][^】\\]］]{1,8}[】\\]］]|〔(?:19|20)\\d\\d〕)\\s*");
static struct zc_re trailing_date_re = ZC_RE(
	"\\s*[（(]\\s*(?:\\d{4}\\s*[-年./]\\s*\\d{1,2}\\s*[-月./]\\s*\\d{1,2}\\s*日?)\\s*[）)]$");
/* A bidding aggregator's summary names the notice: "公告主要内容为:XXX," */
static struct zc_re summary_title_re = ZC_RE("主要内容为\\s*[:：]\\s*([^,，。]{6,120})[,，。]");
static struct zc_re attach_title_re = ZC_RE("^附\\s*件?\\s*\\d{0,2}\\s*[:：]\\s*(.{6,200})$");
static struct zc_re not_title_re = ZC_RE(
	"^(?:[\\[【]?(?:发布|来源|时间|日期|作者|点击|浏览|字号|首页|当前位置|您的位置|索引号|发文机关|"
	"发文字号|成文日期|发布日期|主题分类|分\\s*类|所属|标签)|http|www\\.)");
/* The same labels on a title's continuation line only when a value follows
 * ("时间 2023-05-08", "来源】"): a PDF may wrap a title right before a word
 * that is also a label ("…大厅办公" / "时间的通告"). */
static struct zc_re field_label_re = ZC_RE(
	"^(?:[\\[【]?(?:发布|来源|时间|日期|作者|点击|浏览|字号|索引号|发文机关|发文字号|成文日期|发布日期|主题分类|"
	"分\\s*类|所属|标签)(?:\\s|[:：】\\]]|\\d|$)|首页|当前位置|您的位置|http|www\\.)");

/*
 * Can not_title_re or field_label_re match a text that starts with c? Both
 * start with a bracket ([ or 【) or one of their words (发布, 来源 …, http,
 * www.): c must be the bracket or a word's first character.
 */
static bool may_open_label(uint32_t c)
{
	switch (c) {
	case '[': case 0x3010: case 'h': case 'w':                            /* [ 【 http www. */
	case 0x53D1: case 0x6765: case 0x65F6: case 0x65E5: case 0x4F5C: /* 发 来 时 日 作 */
	case 0x70B9: case 0x6D4F: case 0x5B57: case 0x9996: case 0x5F53: /* 点 浏 字 首 当 */
	case 0x60A8: case 0x7D22: case 0x6210: case 0x4E3B: case 0x5206: /* 您 索 成 主 分 */
	case 0x6240: case 0x6807:                                         /* 所 标 */
		return true;
	default:
		return false;
	}
}

/* A 令's heading, "某某局令" (joint: "某部　某署令") with its number on the same line or the next. */
static struct zc_re ling_head_re = ZC_RE(
	"^\\s*([\\x{4E00}-\\x{9FFF}][\\x{4E00}-\\x{9FFF} \\x{3000}]{1,40}令)\\s*((?:[（(]\\s*)?(?:(?:19|20)\\d{2}\\s*年\\s*)?"
	"第\\s*(?:\\d{1,5}|[〇零一二两三四五六七八九十百千]{1,8})\\s*号\\s*[）)]?)?\\s*$");
/* Its number alone: "第九号", "（第312号）", "2023年第3号" (a joint 令's). */
static struct zc_re ling_number_re = ZC_RE(
	"^\\s*(?:[（(]\\s*)?(?:(?:19|20)\\d{2}\\s*年\\s*)?第\\s*(?:\\d{1,5}|[〇零一二两三四五六七八九十百千]{1,8})\\s*号\\s*[）)]?\\s*$");
/* The promulgating sentence: "《X》已经…通过，现予公布", "现公布《X》，自…起施行". */
static struct zc_re promulgated_re = ZC_RE(
	"^(?:现(?:予|将)?(?:公布|发布|印发)\\s*)?《([^《》\\n]{4,120})》[^。]{0,120}?(?:公布|发布|施行)");

size_t zc_tail_search_start(const char *s, size_t len, size_t word)
{
	size_t p = len;
	if (p && s[p - 1] == '\n') /* $ also matches before a final newline */
		p--;
	bool ascii_close = p && s[p - 1] == ')';
	if (ascii_close || zc_ends_with(s, p, "）")) {
		p -= ascii_close ? 1 : 3;
		for (int inside = 0;; inside++) {
			if (p == 0 || inside > 30)
				return 0;
			const char *q = s + p;
			uint32_t c = zc_utf8_prev(&q, s);
			p = (size_t)(q - s);
			if (c == '(' || c == 0xFF08)
				break;
			if (c == ')' || c == 0xFF09)
				return 0;
		}
		while (p > 0 && zc_is_re_space(s[p - 1]))
			p--;
	}
	p = p > word ? p - word : 0;
	while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

/*
 * Where a title's kind word must end: at the end of s[0..len) (or before a
 * final line end), or before a closing note in brackets of 1 to 30
 * characters, none a bracket, and the white space before it. SIZE_MAX when
 * the text ends in a bracket that closes no such note: no kind word can end it.
 */
static size_t kind_word_end(const char *s, size_t len)
{
	size_t p = len;
	if (p && s[p - 1] == '\n')
		p--;
	bool ascii_close = p && s[p - 1] == ')';
	if (!ascii_close && !zc_ends_with(s, p, "）"))
		return p;
	p -= ascii_close ? 1 : 3;
	for (int inside = 0;; inside++) {
		if (p == 0 || inside > 30)
			return SIZE_MAX;
		const char *q = s + p;
		uint32_t c = zc_utf8_prev(&q, s);
		p = (size_t)(q - s);
		if (c == '(' || c == 0xFF08) {
			if (inside == 0)
				return SIZE_MAX;
			break;
		}
		if (c == ')' || c == 0xFF09)
			return SIZE_MAX;
	}
	while (p > 0 && zc_is_re_space(s[p - 1]))
		p--;
	return p;
}

/*
 * The words that end a title and give its kind: a notice (通知, 公告…, or a
 * title cut short with …) or a document (办法, 方案…), which s[0..len)
 * ends with (a title may put a short note in brackets after it, see
 * kind_word_end: "…的通知（2024年修订）"). They are looked up by the text's last character, which each
 * ends with; a notice's word is tried before a document's.
 */
static enum zc_title_kind kind_word_before(const char *s, size_t len)
{
	const enum zc_title_kind notice = ZC_TITLE_NOTICE, document = ZC_TITLE_DOCUMENT, none = ZC_TITLE_NONE;
	if (len && s[len - 1] == '.')
		return ends_with(s, len, "...") ? notice : none;
	/* Every other word ends with a character of three bytes: if s ends with
	 * the word, its last three bytes are that character. */
	if (len < 3)
		return none;
	const unsigned char *u = (const unsigned char *)s + len - 3;
	if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
		return none;
	switch ((uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F)) {
	case 0x77E5: /* 知 */
		return ends_with(s, len, "通知") ? notice : ends_with(s, len, "须知") ? document : none;
	case 0x544A: /* 告 */
		return ends_with(s, len, "通告") || ends_with(s, len, "公告") || ends_with(s, len, "报告") ? notice : none;
	case 0x793A: /* 示 */
		return ends_with(s, len, "公示") || ends_with(s, len, "请示") ? notice : none;
	case 0x5B9A: /* 定 */
		return ends_with(s, len, "决定") ? notice : ends_with(s, len, "规定") ? document : none;
	case 0x590D: /* 复 */
		return ends_with(s, len, "批复") ? notice : none;
	case 0x51FD: /* 函: 复函, 邀请函 … */
		return notice;
	case 0x62A5: /* 报 */
		return ends_with(s, len, "通报") || ends_with(s, len, "公报") || ends_with(s, len, "简报") ||
				       ends_with(s, len, "快报")
			       ? notice
			       : none;
	case 0x89C1: /* 见 */
		return ends_with(s, len, "意见") ? notice : none;
	case 0x8BAE: /* 议 */
		return ends_with(s, len, "决议") ? notice : none;
	case 0x4EE4: /* 令 */
		return ends_with(s, len, "命令") ? notice : none;
	case 0x8981: /* 要 */
		return ends_with(s, len, "纪要") ? notice : ends_with(s, len, "纲要") ? document : none;
	case 0x4E66: /* 书 */
		return ends_with(s, len, "倡议书") || ends_with(s, len, "通知书") ? notice : none;
	case 0x4FE1: /* 信 */
		return ends_with(s, len, "公开信") ? notice : none;
	case 0x4E8B: /* 事 */
		return ends_with(s, len, "启事") ? notice : none;
	case 0x660E: /* 明 */
		return ends_with(s, len, "声明") ? notice : ends_with(s, len, "说明") ? document : none;
	case 0x2026: /* … */
		return notice;
	case 0x6CD5: /* 法 */
		return ends_with(s, len, "办法") ? document : none;
	case 0x5357: /* 南 */
		return ends_with(s, len, "指南") ? document : none;
	case 0x6848: /* 案 */
		return ends_with(s, len, "方案") ? document : none;
	case 0x5219: /* 则 */
		return ends_with(s, len, "细则") || ends_with(s, len, "规则") || ends_with(s, len, "守则") ||
				       ends_with(s, len, "导则")
			       ? document
			       : none;
	case 0x5212: /* 划 */
		return ends_with(s, len, "规划") || ends_with(s, len, "计划") ? document : none;
	case 0x5F55: /* 录 */
		return ends_with(s, len, "目录") ? document : none;
	case 0x65BD: /* 施 */
		return ends_with(s, len, "措施") ? document : none;
	case 0x4F8B: /* 例 */
		return ends_with(s, len, "条例") ? document : none;
	case 0x5F15: /* 引 */
		return ends_with(s, len, "指引") ? document : none;
	case 0x51C6: /* 准 */
		return ends_with(s, len, "标准") ? document : none;
	case 0x70B9: /* 点 */
		return ends_with(s, len, "要点") ? document : none;
	case 0x5355: /* 单 */
		return ends_with(s, len, "清单") || ends_with(s, len, "名单") ? document : none;
	case 0x7AE0: /* 章 */
		return ends_with(s, len, "简章") ? document : none;
	case 0x5EA6: /* 度 */
		return ends_with(s, len, "制度") ? document : none;
	case 0x7A0B: /* 程 */
		return ends_with(s, len, "章程") || ends_with(s, len, "规程") ? document : none;
	case 0x679C: /* 果 */
		return ends_with(s, len, "结果") ? document : none;
	case 0x7EB2: /* 纲 */
		return ends_with(s, len, "大纲") || ends_with(s, len, "提纲") ? document : none;
	case 0x8BFB: /* 读 */
		return ends_with(s, len, "解读") ? document : none;
	case 0x5F00: /* 开 */
		return ends_with(s, len, "预算公开") || ends_with(s, len, "决算公开") || ends_with(s, len, "信息公开") ||
				       ends_with(s, len, "政务公开") || ends_with(s, len, "财务公开") ||
				       ends_with(s, len, "意向公开")
			       ? document
			       : none;
	case 0x5411: /* 向 */
		return ends_with(s, len, "采购意向") ? document : none;
	case 0x6C42: /* 求 */
		return ends_with(s, len, "采购需求") ? document : none;
	default:
		return none;
	}
}

enum zc_title_kind zc_title_kind(const char *s, size_t len)
{
	size_t l = len;
	s = zc_trim(s, &l);
	/* A title wrapped whole in 【】 or 《》: its kind is that of what is inside. */
	if (l > 6 && ((zc_starts_with(s, l, "【") && zc_ends_with(s, l, "】")) ||
		      (zc_starts_with(s, l, "《") && zc_ends_with(s, l, "》"))))
		l -= 3;
	size_t end = kind_word_end(s, l);
	return end == SIZE_MAX ? ZC_TITLE_NONE : kind_word_before(s, end);
}

bool zc_is_docno_line(const char *s, size_t len)
{
	struct zc_match m;
	/* The 号 ends the pattern's match, at most twelve bytes before the line's
	 * end: look for it there first. */
	size_t tail = len < 15 ? len : 15;
	return zc_memstr(s + len - tail, tail, "号") && zc_re_find(&docno_start_re, s, len, 0, &m) &&
	       m.end[0] + 12 >= len;
}

static uint32_t last_cp(const char *s, size_t len)
{
	const char *p = s + len;
	return len ? zc_utf8_prev(&p, s) : 0;
}

/*
 * Is s[0..len) a page's menu bar: three items or more, each short, apart by
 * runs of white space ("网站首页  机构概况  政务公开  政务服务")? Two spaces
 * or a full-width one part items; a title has none between its words.
 */
static bool menu_bar(const char *s, size_t len)
{
	size_t items = 0, chars = 0, gaps = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		uint32_t c = zc_utf8_next(&p, end);
		bool space = c == ' ' || c == 0x3000 || c == '\t';
		if (space) {
			gaps += c == ' ' ? 1 : 2;
			continue;
		}
		if (gaps >= 2 || items == 0) {
			if (items && chars > 8)
				return false;
			items++;
			chars = 0;
		} else if (gaps) {
			chars++; /* one space inside an item */
		}
		gaps = 0;
		chars++;
	}
	return items >= 3 && chars <= 8;
}

/*
 * What a title's fragment must not hold, and what only some fragments may,
 * found in one pass over its bytes (see scan_fragment).
 */
struct fragment_marks {
	bool gap;   /* two spaces or an ideographic one, as part a menu's items */
	bool comma; /* ， */
};

/*
 * Note what the bytes at s[i] (one of those scan_fragment stops at: a space,
 * :, or the first byte of 。 ， ： or the ideographic space) start. False
 * when they rule the fragment out: a colon, or a 。 before its last
 * character. The characters are compared whole, wherever their first byte
 * is, as zc_memstr would find them.
 */
static bool mark_at(const char *s, size_t len, size_t i, struct fragment_marks *f)
{
	const unsigned char *u = (const unsigned char *)s;
	switch (u[i]) {
	case ':':
		return false;
	case ' ':
		f->gap = f->gap || (i + 1 < len && u[i + 1] == ' ');
		return true;
	case 0xE3: /* 。 E3 80 82, ideographic space E3 80 80 */
		if (i + 3 <= len && u[i + 1] == 0x80) {
			f->gap = f->gap || u[i + 2] == 0x80;
			if (u[i + 2] == 0x82 && i + 3 < len)
				return false;
		}
		return true;
	case 0xEF: /* ： EF BC 9A, ， EF BC 8C */
		if (i + 3 <= len && u[i + 1] == 0xBC) {
			if (u[i + 2] == 0x9A)
				return false;
			f->comma = f->comma || u[i + 2] == 0x8C;
		}
		return true;
	default:
		return true;
	}
}

/*
 * The first byte at or after s[i] of s[0..len) that is one of the four in
 * `set`, or len. Sixteen bytes at a time; the last block of a text of
 * sixteen bytes or more ends at its end, overlapping the one before it
 * (the bytes before i are left out of it). Reads nothing outside s[0..len).
 */
static size_t next_byte_of(const char *s, size_t len, size_t i, const char set[4])
{
#if defined(__SSE2__)
	if (len >= 16) {
		const __m128i a = _mm_set1_epi8(set[0]), b = _mm_set1_epi8(set[1]), c = _mm_set1_epi8(set[2]),
			      d = _mm_set1_epi8(set[3]);
		for (; i < len; i += 16) {
			size_t at = i + 16 <= len ? i : len - 16;
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
			__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
						   _mm_or_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(v, d)));
			unsigned mask = (unsigned)_mm_movemask_epi8(hit) >> (i - at) << (i - at);
			if (mask)
				return at + (unsigned)__builtin_ctz(mask);
		}
		return len;
	}
#endif
	for (; i < len; i++)
		if (s[i] == set[0] || s[i] == set[1] || s[i] == set[2] || s[i] == set[3])
			break;
	return i;
}

/*
 * Read s[0..len) once for the characters fragment_ok looks for anywhere in
 * a fragment (in place of a zc_memstr for each), stopping only at the
 * bytes they start with. False as soon as one rules the fragment out
 * (mark_at); else what was found is in *f.
 */
static bool scan_fragment(const char *s, size_t len, struct fragment_marks *f)
{
	static const char starts[4] = {' ', ':', (char)0xE3, (char)0xEF};
	for (size_t i = next_byte_of(s, len, 0, starts); i < len; i = next_byte_of(s, len, i + 1, starts))
		if (!mark_at(s, len, i, f))
			return false;
	return true;
}

/* Does s[0..len) (not empty) end with ：, :, 。, ； or ，, as a label or a
 * sentence does? (Its bytes tell: the text is valid UTF-8.) */
static bool ends_as_sentence(const char *s, size_t len)
{
	return s[len - 1] == ':' || ends_with(s, len, "：") || ends_with(s, len, "。") || ends_with(s, len, "；") ||
	       ends_with(s, len, "，");
}

/*
 * Could parts[k] be (part of) a title? The tests are independent (each
 * rules the fragment out on its own): the cheap ones go first, and what
 * they look for anywhere in the fragment is found in one pass.
 */
static bool fragment_ok(const struct zc_span *p, bool first)
{
	struct zc_match m;
	if (p->len == 0 || p->len > (first ? 400 : 150) || ends_as_sentence(p->s, p->len))
		return false;
	/* Titles carry no field labels ("信息来源: 县政府" is metadata), and a
	 * sentence inside is no title. */
	struct fragment_marks f = {false, false};
	if (!scan_fragment(p->s, p->len, &f))
		return false;
	/* A title is Chinese: a fragment without a Chinese character is a URL tail or a number. */
	bool han = false;
	for (const char *q = p->s, *e = p->s + p->len; q < e && !han;)
		han = zc_is_han(zc_utf8_next(&q, e));
	if (!han || (f.gap && menu_bar(p->s, p->len)))
		return false;
	/* A note in brackets alone, "（此件主动公开）", ends a notice; it starts no title. */
	if (first && (zc_starts_with(p->s, p->len, "（") || zc_starts_with(p->s, p->len, "(")) &&
	    (ends_with(p->s, p->len, "）") || ends_with(p->s, p->len, ")")))
		return false;
	/* The 版头 "XX办公室文件" names the issuer, not the document. */
	if (first && ends_with(p->s, p->len, "文件") && p->len <= 60)
		return false;
	/* A clause of a sentence is no title: titles do not use the full-width comma. */
	if (first && f.comma && !chars_at_most(p->s, p->len, 25))
		return false;
	if (zc_starts_with_marker(p->s, p->len) || zc_is_docno_line(p->s, p->len))
		return false;
	if (zc_dt_opens_line(p->s, p->len))
		return false;
	const char *q = p->s;
	return !may_open_label(zc_utf8_next(&q, p->s + p->len)) ||
	       !zc_re_find(first ? &not_title_re : &field_label_re, p->s, p->len, 0, &m);
}

static struct zc_re issuer_line_re = ZC_RE(
	"^[\\x{4E00}-\\x{9FFF}（）()]{4,40}(?:部|厅|局|委|委员会|办公室|办公厅|政府|中心|支队|大队|管委会)$");
static struct zc_re body_about_re = ZC_RE(
	"^[\\x{4E00}-\\x{9FFF}（）()]{3,40}(?:部|厅|局|委|委员会|办公室|办公厅|政府|中心|支队|大队|管委会)(?:关于|转发|印发)");

/* Does s[0..len) end with a word that ends issuer_line_re, before a final
 * line end ($ matches there too)? Most lines do not: the pattern need not run. */
static bool ends_with_issuer_word(const char *s, size_t len)
{
	static const struct kind_word ends[] = {KIND("部"),   KIND("厅"),   KIND("局"),   KIND("委"),
						KIND("委员会"), KIND("办公室"), KIND("政府"), KIND("中心"),
						KIND("支队"), KIND("大队"), KIND("管委会")}; /* 办公厅 ends with 厅 */
	if (len && s[len - 1] == '\n')
		len--;
	return ENDS_WITH_WORD(s, len, ends);
}

bool zc_is_issuer_line(const char *s, size_t len)
{
	struct zc_match m;
	return len <= 120 && ends_with_issuer_word(s, len) && zc_re_find(&issuer_line_re, s, len, 0, &m);
}

/* Is s[0..len) two or more issuing bodies side by side, as a joint notice's
 * title opens ("某局　某局" over "关于…")? A site's header names one body. */
static bool joint_issuers_line(const char *s, size_t len)
{
	/* Its last name, which runs to its end unless it ends with a space, 、 or
	 * ，, must be an issuer's (see below): most lines end otherwise. */
	if (!ends_with_issuer_word(s, len)) {
		uint32_t c = last_cp(s, len);
		if (!(zc_is_space(c) || c == 0x3001 || c == 0xFF0C))
			return false;
	}
	size_t names = 0;
	const char *p = s, *end = s + len, *name = s;
	while (name < end) {
		/* The next name runs to the next space or 、.*/
		const char *at = p;
		uint32_t c = p < end ? zc_utf8_next(&p, end) : 0;
		bool space = c && (zc_is_space(c) || c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */);
		if (p < end && !space)
			continue;
		const char *name_end = space ? at : p;
		if (name_end > name) {
			if (!zc_is_issuer_line(name, (size_t)(name_end - name)))
				return false;
			names++;
		}
		name = p;
	}
	return names >= 2;
}

static struct zc_re about_start_re = ZC_RE("^(?:关于|转发|印发)");
static struct zc_re year_re = ZC_RE("(?:19|20)\\d{2}\\s*年");

/* Does s start with a body's name followed by 关于/转发/印发? */
static bool body_then_about(const char *s, size_t len)
{
	struct zc_match m;
	return zc_re_find(&body_about_re, s, len, 0, &m);
}

/*
 * Does s[from..len) hold a notice word (通知, 公告 …) outside 《》? Then that
 * part is no mere fragment. Brackets are counted from the start of s, so a
 * part that begins inside a 《 opened on an earlier line is read right.
 */
static bool kind_word_outside_quotes(const char *s, size_t len, size_t from)
{
	struct zc_match m;
	size_t at = from;
	while (zc_re_find(&kind_inside_re, s, len, at, &m)) {
		int depth = 0;
		for (const char *q = s; q < s + m.start[0];) {
			uint32_t c = zc_utf8_next(&q, s + m.start[0]);
			depth += c == 0x300A ? 1 : c == 0x300B ? -1 : 0;
		}
		if (depth <= 0)
			return true;
		at = m.end[0];
	}
	return false;
}

/* Is p the short tail of a cut title, "动的通知", "项目的公示"? */
static bool short_kind_tail(const struct zc_span *p)
{
	return chars_at_most(p->s, p->len, 12) && zc_memstr(p->s, p->len, "的") &&
	       !zc_memstr(p->s, p->len, "关于") && zc_title_kind(p->s, p->len) == ZC_TITLE_NOTICE;
}

/* Does s[0..len) end as only a web site's name does (…网, …门户网站, …欢迎您)? */
static bool site_suffix(const char *s, size_t len)
{
	static const struct kind_word ends[] = {KIND("网"),   KIND("网站"), KIND("门户"),   KIND("官网"),
						KIND("在线"), KIND("之窗"), KIND("欢迎您"), KIND("频道")};
	return ENDS_WITH_WORD(s, len, ends);
}

/* Could s[0..len) be a site's name over the title: a body's, a site's or an
 * institution's name, or short? ("…实验室飞秒激光" is a title cut short.) */
static bool site_name_like(const char *s, size_t len)
{
	static const struct kind_word ends[] = {
		KIND("平台"), KIND("实验室"), KIND("大学"), KIND("学院"), KIND("研究院"), KIND("研究所"), KIND("医院"),
		KIND("公司"), KIND("集团"),   KIND("协会"), KIND("学会"), KIND("联合会"), KIND("商会"),   KIND("基地"),
		KIND("园区"), KIND("开发区"), KIND("高新区"), KIND("新区"), KIND("中心"), KIND("专栏"),   KIND("栏目")};
	return chars_at_most(s, len, 12) || zc_is_issuer_line(s, len) || site_suffix(s, len) ||
	       ENDS_WITH_WORD(s, len, ends);
}

/*
 * The brackets a title assembled so far leaves open: 《 less 》, and （ or (
 * less ） or ). Counted part by part as the parts are added (each part is
 * whole characters of valid UTF-8), so that the text is not read again
 * after each one.
 */
struct open_brackets {
	int book, paren;
};

/* Count the brackets of s[0..len) into b, in one pass that stops only at (
 * and ) and at the first bytes of 《》（）: each three-byte bracket is
 * counted wherever its bytes are, as zc_memstr would find it. */
static void count_brackets(struct open_brackets *b, const char *s, size_t len)
{
	static const char starts[4] = {'(', ')', (char)0xE3, (char)0xEF};
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = next_byte_of(s, len, 0, starts); i < len; i = next_byte_of(s, len, i + 1, starts)) {
		if (u[i] == '(' || u[i] == ')') {
			b->paren += u[i] == '(' ? 1 : -1;
		} else if (i + 3 <= len) {
			if (u[i] == 0xE3 && u[i + 1] == 0x80 && (u[i + 2] == 0x8A || u[i + 2] == 0x8B)) /* 《 》 */
				b->book += u[i + 2] == 0x8A ? 1 : -1;
			else if (u[i] == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x88 || u[i + 2] == 0x89)) /* （ ） */
				b->paren += u[i + 2] == 0x88 ? 1 : -1;
		}
	}
}

/* Is the text so far, s[0..len) with its brackets b, cut in the middle:
 * after a word that cannot end a title ("…2016年", "…首台（", "…关于《某某计划")?
 * Then it goes on, whatever the next line looks like. */
static bool cut_mid_title(const char *s, size_t len, const struct open_brackets *b)
{
	uint32_t last = last_cp(s, len);
	static const uint32_t open_ends[] = {0x5E74 /* 年 */, 0x7684 /* 的 */, 0x548C /* 和 */, 0x53CA /* 及 */,
					     0x4E0E /* 与 */, 0x3001 /* 、 */, 0xFF08 /* （ */, '(', 0x300A /* 《 */,
					     0x201C /* “ */, 0x5BF9 /* 对 */};
	for (size_t i = 0; i < sizeof(open_ends) / sizeof(open_ends[0]); i++)
		if (last == open_ends[i])
			return true;
	return b->book > 0 || b->paren > 0;
}

/*
 * Does a word of an issuer's name (or 关于) run across the line end: "…市场
 * 监督管" over "理局2021年度…", "…江" over "西省农业农村厅关于…"? A PDF wraps
 * a long title wherever the line is full, and the next line then starts in
 * the middle of a name, which no title does.
 */
static bool body_then_about(const char *s, size_t len);

/* Is a notice's kind word cut across the line end, the next line ending the
 * title with its rest ("…公示的通" over "告", "…的通" over "知")? */
static bool kind_across(const char *a, size_t alen, const char *b, size_t blen)
{
	static const char *const kinds[] = {"通知", "通告", "公告", "公示", "通报", "意见", "办法", "规定", "细则", "决定", "批复"};
	while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t'))
		alen--;
	while (blen && (b[blen - 1] == ' ' || b[blen - 1] == '\t'))
		blen--;
	for (size_t w = 0; w < sizeof(kinds) / sizeof(kinds[0]); w++)
		if (alen >= 3 && blen == 3 && !memcmp(a + alen - 3, kinds[w], 3) && !memcmp(b, kinds[w] + 3, 3))
			return true;
	return false;
}

/* Does s end with a list of bodies whose last is cut after its place ("…局、北京市朝阳区")? */
static bool bodies_cut_at_place(const char *s, size_t len)
{
	const char *last = NULL;
	for (const char *h = s; (h = zc_memstr(h, len - (size_t)(h - s), "、")); h += 3)
		last = h + 3;
	if (!last)
		return false;
	size_t tl = len - (size_t)(last - s), chars = zc_utf8_count(last, tl);
	if (chars < 2 || chars > 8)
		return false;
	for (const char *q = last, *e = s + len; q < e;)
		if (!zc_is_han(zc_utf8_next(&q, e)))
			return false;
	static const struct kind_word places[] = {KIND("省"), KIND("市"), KIND("区"), KIND("县"),
						  KIND("州"), KIND("盟"), KIND("旗")};
	return ENDS_WITH_WORD(last, tl, places);
}

/* Are the three bytes at x those at y (one Chinese character)? */
static bool same_char(const char *x, const char *y)
{
	return x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
}

/* Is a word of names[] ('|' between words, each of three-byte characters)
 * cut across the line end: a ending with its first characters, b starting
 * with the rest? */
static bool word_across(const char *a, size_t alen, const char *b, size_t blen)
{
	static const char names[] = "关于|管理局|委员会|办公室|办公厅|人民政府|服务中心|研究院|管委会|事务局|"
				    "知识产权局|监督管理局|工业和信息化|人力资源和社会保障|发展和改革|科学技术|"
				    "农业农村|住房和城乡建设|生态环境|自然资源|卫生健康|市场监督|财政厅|财政局|"
				    "商务厅|商务局|教育厅|教育局|教育部|财政部|商务部|科技部|科技厅|科技局|自治区";
	/* Then a's last character and b's first stand side by side in the word:
	 * where they are nowhere in the list, no word is cut (most lines). */
	if (alen < 3 || blen < 3)
		return false;
	char pair[6];
	memcpy(pair, a + alen - 3, 3);
	memcpy(pair + 3, b, 3);
	if (!zc_memstr_n(names, sizeof(names) - 1, pair, sizeof(pair)))
		return false;
	for (const char *ws = names, *end = names + sizeof(names) - 1; ws < end;) {
		const char *bar = memchr(ws, '|', (size_t)(end - ws));
		size_t wl = bar ? (size_t)(bar - ws) : (size_t)(end - ws);
		/* split after each of the word's characters but the last; the next
		 * line's first character, right after the cut, is compared first */
		for (size_t cut = 3; cut < wl; cut += 3)
			if (cut <= alen && wl - cut <= blen && same_char(b, ws + cut) &&
			    !memcmp(a + alen - cut, ws, cut) && !memcmp(b, ws + cut, wl - cut))
				return true;
		ws += wl + 1;
	}
	return false;
}

static bool name_across(const char *a, size_t alen, const char *b, size_t blen)
{
	while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t'))
		alen--;
	while (blen && (*b == ' ' || *b == '\t'))
		b++, blen--;
	if (word_across(a, alen, b, blen))
		return true;
	/* The last character of a body's name, then 关于, the next body or the
	 * matter's year: "…科学技术" over "局关于…", "局、…" or "局 2022 年度…" (no
	 * title starts so). */
	static const char *const ends[] = {"局", "厅", "委", "部", "办", "院", "署", "会"};
	for (size_t e = 0; e < sizeof(ends) / sizeof(ends[0]); e++)
		if (blen > 3 && !memcmp(b, ends[e], 3) &&
		    (zc_starts_with(b + 3, blen - 3, "关于") || zc_starts_with(b + 3, blen - 3, "、") ||
		     (blen > 4 && (b[3] == ' ' || (b[3] >= '0' && b[3] <= '9')) &&
		      (b[3] != ' ' || (b[4] >= '0' && b[4] <= '9')))))
			return true;
	/* A number cut across the end ("…局 2" over "021 年度…"). */
	if (alen && blen && a[alen - 1] >= '0' && a[alen - 1] <= '9' && *b >= '0' && *b <= '9')
		return true;
	/* A list of bodies cut after the last one's place ("…局、北京市朝阳区" over
	 * "交通运输局关于…"). */
	if (bodies_cut_at_place(a, alen) && body_then_about(b, blen))
		return true;
	/* A place name across the end ("江" over "西省"): a region found in the
	 * joined ends that neither end names alone. */
	size_t ta = alen < 12 ? alen : 12, hb = blen < 12 ? blen : 12;
	const char *tail = a + alen - ta;
	while (ta && ((unsigned char)*tail & 0xC0) == 0x80)
		tail++, ta--;
	char joined[24];
	memcpy(joined, tail, ta);
	memcpy(joined + ta, b, hb);
	const struct zc_region *both[4];
	size_t nb = zc_region_scan(joined, ta + hb, both, 4);
	if (nb == 0)
		return false;
	const struct zc_region *in_tail[4], *in_head[4];
	size_t na = zc_region_scan(tail, ta, in_tail, 4), nh = zc_region_scan(b, hb, in_head, 4);
	for (size_t i = 0; i < nb && i < 4; i++) {
		bool seen = false;
		for (size_t k = 0; k < na && k < 4 && !seen; k++)
			seen = in_tail[k] == both[i];
		for (size_t k = 0; k < nh && k < 4 && !seen; k++)
			seen = in_head[k] == both[i];
		if (!seen)
			return true;
	}
	return false;
}

/* Is p the kind of a notice alone, letter-spaced as a heading ("通　告",
 * "公 告")? Under the issuer's name it completes the title (GB/T 9704:
 * 发文机关 + 文种, the 事由 left out, as 通告 and 公告 often do). */
static bool spaced_kind_word(const struct zc_span *p)
{
	char word[16];
	size_t n = 0;
	bool spaced = false;
	for (const char *q = p->s, *e = p->s + p->len; q < e;) {
		const char *c0 = q;
		uint32_t c = zc_utf8_next(&q, e);
		if (zc_is_space(c)) {
			spaced = spaced || n > 0;
			continue;
		}
		if (!zc_is_han(c) || n + (size_t)(q - c0) > sizeof(word))
			return false;
		memcpy(word + n, c0, (size_t)(q - c0));
		n += (size_t)(q - c0);
	}
	return spaced && zc_title_kind(word, n) == ZC_TITLE_NOTICE;
}

static int add_without_spaces(struct zc_buf *out, const struct zc_span *p)
{
	for (const char *q = p->s, *e = p->s + p->len; q < e;) {
		const char *c0 = q;
		if (!zc_is_space(zc_utf8_next(&q, e)) && zc_buf_add(out, c0, (size_t)(q - c0)) < 0)
			return -1;
	}
	return 0;
}

size_t zc_title_assemble(const struct zc_span *parts, size_t n, struct zc_buf *out)
{
	if (n == 0 || !fragment_ok(&parts[0], true))
		return 0;
	zc_buf_reset(out);
	struct open_brackets brackets = {0, 0};
	for (size_t k = 0; k < n && k < 4; k++) {
		if (k > 0 && (!fragment_ok(&parts[k], false) || parts[k].len > 120))
			return 0;
		size_t added = out->len;
		if (k > 0 && spaced_kind_word(&parts[k])) {
			if (add_without_spaces(out, &parts[k]) < 0)
				return 0;
		} else if (zc_buf_add(out, parts[k].s, parts[k].len) < 0) {
			return 0;
		}
		if (out->len > 420)
			return 0;
		count_brackets(&brackets, out->data + added, out->len - added);
		if (zc_title_kind(out->data, out->len) != ZC_TITLE_NONE && !cut_mid_title(out->data, out->len, &brackets)) {
			/* A kind word alone ("目录", "通知", "招聘公告") is a menu entry or
			 * a heading: a title names its matter too. */
			if (out->len <= 12)
				return 0;
			/* A trailing parenthetical on its own line: （试行） （征求意见稿）. */
			if (k + 1 < n && parts[k + 1].len <= 40 &&
			    (zc_starts_with(parts[k + 1].s, parts[k + 1].len, "（") ||
			     zc_starts_with(parts[k + 1].s, parts[k + 1].len, "(")) &&
			    (zc_ends_with(parts[k + 1].s, parts[k + 1].len, "）") ||
			     zc_ends_with(parts[k + 1].s, parts[k + 1].len, ")")) &&
			    !zc_dt_opens_line(parts[k + 1].s + (parts[k + 1].s[0] == '(' ? 1 : 3),
					      parts[k + 1].len - (parts[k + 1].s[0] == '(' ? 1 : 3))) {
				if (zc_buf_add(out, parts[k + 1].s, parts[k + 1].len) < 0)
					return 0;
				return k + 2;
			}
			/* A document word then the notice's kind alone on the next line
			 * ("…拟入选名单" + "公示"). */
			if (k + 1 < n && parts[k + 1].len <= 12 &&
			    zc_title_kind(out->data, out->len) == ZC_TITLE_DOCUMENT &&
			    zc_title_kind(parts[k + 1].s, parts[k + 1].len) == ZC_TITLE_NOTICE &&
			    fragment_ok(&parts[k + 1], false)) {
				if (zc_buf_add(out, parts[k + 1].s, parts[k + 1].len) < 0)
					return 0;
				return k + 2;
			}
			/* A PDF title cut after a word that ends titles too ("…年度报告" +
			 * "公示的通告"): a short "…的通知" line goes on with it. */
			if (k + 1 < n && k < 3 && chars_at_most(parts[k + 1].s, parts[k + 1].len, 20) &&
			    zc_memstr(parts[k + 1].s, parts[k + 1].len, "的") &&
			    !zc_memstr(parts[k + 1].s, parts[k + 1].len, "关于") &&
			    zc_title_kind(parts[k + 1].s, parts[k + 1].len) == ZC_TITLE_NOTICE &&
			    fragment_ok(&parts[k + 1], false)) {
				if (zc_buf_add(out, parts[k + 1].s, parts[k + 1].len) < 0)
					return 0;
				return k + 2;
			}
			return k + 1;
		}
		/* Only fragments that cannot stand alone are joined to more: not one that
		 * names a kind of notice itself, nor one followed by a whole title. */
		/* ("…年度报告公示的" names one in its matter and still cannot end a title.) */
		/* (Nor is a 关于 title cut after such a word inside it, "…企业公示活" over
		 * a short "动的通知".) */
		if (parts[k].len > 200 || (kind_word_outside_quotes(out->data, out->len, out->len - parts[k].len) &&
					   last_cp(out->data, out->len) != 0x7684 /* 的 */ &&
					   !(k + 1 < n && kind_across(out->data, out->len, parts[k + 1].s, parts[k + 1].len)) &&
					   !(k + 1 < n && zc_memstr(out->data, out->len, "关于") &&
					     short_kind_tail(&parts[k + 1]))))
			return 0;
		if (k + 1 < n && kind_across(out->data, out->len, parts[k + 1].s, parts[k + 1].len))
			continue;
		/* Joint issuers over "关于…", or over the matter and kind of a title without
		 * 关于 ("…拟入选名单公示"), open the title (GB/T 9704: 发文机关 + 事由 + 文种).
		 * One body alone over such a line is a page's department header (below). */
		if (k == 0 && n > 1 && joint_issuers_line(parts[0].s, parts[0].len) &&
		    (zc_re_find(&about_start_re, parts[1].s, parts[1].len, 0, &(struct zc_match){0}) ||
		     (zc_title_kind(parts[1].s, parts[1].len) == ZC_TITLE_NOTICE && fragment_ok(&parts[1], true))))
			continue;
		if (cut_mid_title(out->data, out->len, &brackets) ||
		    (k + 1 < n && name_across(out->data, out->len, parts[k + 1].s, parts[k + 1].len)))
			continue;
		/* A whole "…关于…" title on the next line: the line before is a site name,
		 * unless it names issuing bodies and the next line goes on with another
		 * body's 关于 (a title broken after its first issuer). */
		if (k + 1 < n && zc_memstr(parts[k + 1].s, parts[k + 1].len, "关于") &&
		    !zc_memstr(out->data, out->len, "关于") && !chars_at_most(parts[k + 1].s, parts[k + 1].len, 7) &&
		    zc_title_kind(parts[k + 1].s, parts[k + 1].len) != ZC_TITLE_NONE && fragment_ok(&parts[k + 1], true) &&
		    !(zc_is_issuer_line(parts[k].s, parts[k].len) && body_then_about(parts[k + 1].s, parts[k + 1].len)))
			return 0;
		/* A body's name over a line that opens with the same name ("某某厅" over
		 * "某某厅关于…"): the page's header over its title. */
		bool issuer = k + 1 < n && zc_is_issuer_line(out->data, out->len);
		if (issuer && zc_starts_with(parts[k + 1].s, parts[k + 1].len, out->data) && parts[k + 1].len > out->len &&
		    fragment_ok(&parts[k + 1], true))
			return 0;
		/* An issuer's name over a short title without 关于 ("…局" / "不动产首次登记公告",
		 * "…人民政府" / "…管理规定") is the page's department header. */
		if (issuer &&
		    !zc_memstr(parts[k + 1].s, parts[k + 1].len, "关于") &&
		    zc_title_kind(parts[k + 1].s, parts[k + 1].len) != ZC_TITLE_NONE &&
		    !chars_at_most(parts[k + 1].s, parts[k + 1].len, 5) && fragment_ok(&parts[k + 1], true))
			return 0;
		/* A site's name ("…先锋网", "…门户网站") over any title of a notice; over
		 * a document's ("…办事指南") when it names no year, as a title's matter cut
		 * after 网 would ("2024年工业互联网" over "标杆名单"). */
		if (k + 1 < n && site_suffix(out->data, out->len) && !zc_memstr(out->data, out->len, "关于") &&
		    !chars_at_most(parts[k + 1].s, parts[k + 1].len, 5) && fragment_ok(&parts[k + 1], true)) {
			enum zc_title_kind next = zc_title_kind(parts[k + 1].s, parts[k + 1].len);
			if (next == ZC_TITLE_NOTICE ||
			    (next == ZC_TITLE_DOCUMENT && !zc_re_find(&year_re, out->data, out->len, 0, &(struct zc_match){0})))
				return 0;
		}
		/* A whole title on the next line: the line before is a site's name, unless it
		 * names a year, as a title's matter does ("…局2022年度制造业" over "单项冠军…公示"). */
		if (k + 1 < n && !chars_at_most(parts[k + 1].s, parts[k + 1].len, 14) && site_name_like(out->data, out->len) &&
		    !zc_re_find(&year_re, out->data, out->len, 0, &(struct zc_match){0}) &&
		    (!zc_memstr(out->data, out->len, "关于") || zc_memstr(parts[k + 1].s, parts[k + 1].len, "关于")) &&
		    zc_title_kind(parts[k + 1].s, parts[k + 1].len) != ZC_TITLE_NONE &&
		    fragment_ok(&parts[k + 1], true))
			return 0;
	}
	return 0;
}

/* Does s[0..len) end with a closing bracket, ） or ), before a final line end?
 * trailing_date_re's matches all do. */
static bool ends_in_bracket(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n')
		len--;
	return zc_ends_with(s, len, "）") || zc_ends_with(s, len, ")");
}

/* Does s[0..len) start, after white space, with a bracket that can open
 * leading_tag_re's tag (【 [ ［ 〔)? */
static bool may_open_tag(const char *s, size_t len)
{
	while (len && zc_is_re_space((unsigned char)*s))
		s++, len--;
	return zc_starts_with(s, len, "【") || zc_starts_with(s, len, "[") || zc_starts_with(s, len, "［") ||
	       zc_starts_with(s, len, "〔");
}

struct candidate {
	char *title;
	int score;
	size_t para;
	size_t used;
};

static int score_title(const char *s, size_t len)
{
	int score = 0;
	enum zc_title_kind kind = zc_title_kind(s, len);
	score += kind == ZC_TITLE_NOTICE ? 4 : kind == ZC_TITLE_DOCUMENT ? 2 : 0;
	if (zc_memstr(s, len, "关于"))
		score += 3;
	size_t chars = zc_utf8_count(s, len);
	if (chars < 6)
		score -= 4;
	else if (chars > 80)
		score -= 2;
	if (zc_memstr(s, len, "|") || zc_memstr(s, len, "_") || zc_memstr(s, len, " - "))
		score -= 2;
	return score;
}

/* Separators mirrors put between a title and site names. */
static const char *const separators[] = {" - ", "-", "_", "|", "｜", " — "};

/* Keep s as the best candidate if it scores higher; true when it replaced the best. */
static bool consider(struct candidate *best, const char *s, size_t len, size_t para, size_t used)
{
	size_t l = len;
	s = zc_trim(s, &l);
	if (l == 0)
		return false;
	int score = score_title(s, l) - (int)(para / 4);
	if (best->title && score <= best->score)
		return false;
	char *t = zc_strndup(s, l);
	if (!t)
		return false;
	free(best->title);
	*best = (struct candidate){t, score, para, used};
	return true;
}

/* Does s[0..len) hold a separator? Every one but " — " holds -, _ or |, or
 * starts with ｜'s first byte: one pass finds those bytes, one more " — ". */
static bool holds_separator(const char *s, size_t len)
{
	static const char bytes[4] = {'-', '_', '|', (char)0xEF};
	for (size_t i = next_byte_of(s, len, 0, bytes); i < len; i = next_byte_of(s, len, i + 1, bytes))
		if (s[i] != (char)0xEF || zc_starts_with(s + i, len - i, "｜"))
			return true;
	return zc_memstr(s, len, " — ") != NULL;
}

/* Try the segments of a paragraph that a mirror built as "title-site-site". */
static void consider_segments(struct candidate *best, const struct zc_span *p, size_t para)
{
	if (!holds_separator(p->s, p->len))
		return;
	for (size_t k = 0; k < sizeof(separators) / sizeof(separators[0]); k++) {
		const char *sep = separators[k];
		size_t sl = strlen(sep);
		const char *s = p->s, *end = p->s + p->len;
		if (!zc_memstr(s, p->len, sep))
			continue;
		while (s < end) {
			const char *hit = zc_memstr(s, (size_t)(end - s), sep);
			const char *e = hit ? hit : end;
			if (zc_title_kind(s, (size_t)(e - s)) != ZC_TITLE_NONE)
				consider(best, s, (size_t)(e - s), para, 1);
			s = hit ? hit + sl : end;
		}
	}
}

/*
 * The title of a 令 (see the top of this file): the regulation its first
 * sentence promulgates, else its heading and number. Sets the head's end
 * after the heading. Returns 1 when a title was set, 0 when the text is no
 * 令, -ENOMEM.
 */
static int ling_title(struct zc_ctx *ctx)
{
	struct zc_match m, q;
	for (size_t i = 0; i < ctx->npara && i < 12; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (p->len > 120 || !zc_memstr(p->s, p->len, "令") || !zc_re_find(&ling_head_re, p->s, p->len, 0, &m))
			continue;
		size_t next = i + 1;
		struct zc_buf head;
		zc_buf_init(&head, 256);
		if (add_without_spaces(&head, &(struct zc_span){p->s + m.start[1], zc_match_len(&m, 1)}) < 0)
			goto nomem;
		if (zc_match_has(&m, 2)) {
			if (add_without_spaces(&head, &(struct zc_span){p->s + m.start[2], zc_match_len(&m, 2)}) < 0)
				goto nomem;
		} else if (next < ctx->npara && zc_re_find(&ling_number_re, ctx->paras[next].s, ctx->paras[next].len, 0, &q)) {
			if (add_without_spaces(&head, &ctx->paras[next]) < 0)
				goto nomem;
			next++;
		} else {
			zc_buf_free(&head);
			continue; /* "某某令" alone, without a number, is no 令's heading */
		}
		char *title = NULL;
		for (size_t k = next; k < ctx->npara && k < next + 3 && !title; k++) {
			const struct zc_span *b = &ctx->paras[k];
			if (b->len && zc_re_find(&promulgated_re, b->s, b->len, 0, &q))
				title = zc_display_of(ctx, zc_para_offset(ctx, k) + q.start[1], zc_match_len(&q, 1));
		}
		if (!title)
			title = zc_strndup(head.data, head.len);
		zc_buf_free(&head);
		if (!title)
			return -ENOMEM;
		ctx->n->title = title;
		ctx->head_end = next;
		ctx->title_para = i;
		return 1;
	nomem:
		zc_buf_free(&head);
		return -ENOMEM;
	}
	return 0;
}

int zc_x_title(struct zc_ctx *ctx)
{
	if (ctx->n->title) /* given by the caller: kept (extract.h) */
		return 0;
	struct candidate best = {0};
	struct zc_buf acc;
	zc_buf_init(&acc, 4096);
	size_t limit = ctx->npara < 16 ? ctx->npara : 16;
	struct zc_match m;
	for (size_t i = 0; i < limit; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (zc_re_find(&meta_title_re, p->s, p->len, 0, &m)) {
			if (consider(&best, p->s + m.start[1], zc_match_len(&m, 1), i, 1))
				best.score += 100;
			continue;
		}
		/* The body has begun: a sentence or an addressee line. */
		uint32_t last = last_cp(p->s, p->len);
		/* (An introduction ending "以下为通知原文：" has sentences before its colon.) */
		if ((last == 0xFF1A || last == ':') && p->len < 400 && i > 0 && best.title &&
		    !zc_memstr(p->s, p->len, "。"))
			break;
		if (last == 0x3002 && p->len > 60 && (best.title || i >= 3))
			break;
		size_t used = zc_title_assemble(p, ctx->npara - i, &acc);
		if (used)
			consider(&best, acc.data, acc.len, i, used);
		consider_segments(&best, p, i);
	}
	zc_buf_free(&acc);
	if (!best.title || best.score < 2) {
		/* No title line: a title the page states in an 附件 line ("附件:关于…的公示"). */
		for (size_t i = ctx->npara; i-- > 0;) {
			const struct zc_span *p = &ctx->paras[i];
			if (zc_re_find(&attach_title_re, p->s, p->len, 0, &m) &&
			    zc_title_kind(p->s + m.start[1], zc_match_len(&m, 1)) == ZC_TITLE_NOTICE &&
			    zc_memstr(p->s + m.start[1], zc_match_len(&m, 1), "关于")) {
				free(best.title);
				best = (struct candidate){zc_strndup(p->s + m.start[1], zc_match_len(&m, 1)), 50,
							  i, 1};
				ctx->title_from_attachment = i;
				break;
			}
		}
	}
	if (!best.title || best.score < 2) {
		for (size_t i = 0; i < ctx->npara && i < 4; i++) {
			const struct zc_span *p = &ctx->paras[i];
			if (zc_re_find(&summary_title_re, p->s, p->len, 0, &m)) {
				free(best.title);
				best = (struct candidate){zc_strndup(p->s + m.start[1], zc_match_len(&m, 1)), 60, i, 1};
				ctx->title_from_attachment = i; /* keep the head: the body follows the summary */
				break;
			}
		}
	}
	if (best.title) {
		/* A title wrapped whole in 【】 (a site's style) or 《》 (原标题：《…》). */
		size_t bl = strlen(best.title);
		if (bl > 6 && ((zc_starts_with(best.title, bl, "【") && zc_ends_with(best.title, bl, "】")) ||
			       (zc_starts_with(best.title, bl, "《") && zc_ends_with(best.title, bl, "》")))) {
			memmove(best.title, best.title + 3, bl - 6);
			best.title[bl - 6] = '\0';
		}
		/* A mirror's tag before the title: "【申报通知】…". */
		size_t tl0 = strlen(best.title);
		if (may_open_tag(best.title, tl0) && zc_re_find(&leading_tag_re, best.title, tl0, 0, &m) && m.end[0] < tl0)
			memmove(best.title, best.title + m.end[0], tl0 - m.end[0] + 1);
		/* A date a mirror appended: "…的通知(2020-04-07)". */
		size_t tl = strlen(best.title);
		if (ends_in_bracket(best.title, tl) && zc_re_find(&trailing_date_re, best.title, tl, 0, &m))
			best.title[m.start[0]] = '\0';
	}
	/* A document title (办法, 规定 …) alone in the head is title enough; others need more. */
	int bar = best.title && zc_title_kind(best.title, strlen(best.title)) == ZC_TITLE_DOCUMENT ? 2 : 3;
	if (best.title && best.score >= bar && ctx->title_from_attachment != SIZE_MAX) {
		ctx->n->title = best.title;
		return 0;
	}
	if (best.title && best.score >= bar) {
		char *display = NULL;
		/* Prefer the display copy when the title is a single aligned paragraph. */
		if (best.used == 1 && best.score < 50) {
			const char *hit = zc_memstr(ctx->paras[best.para].s, ctx->paras[best.para].len, best.title);
			if (hit)
				display = zc_display_of(ctx, (size_t)(hit - ctx->text), strlen(best.title));
		}
		ctx->n->title = display ? display : best.title;
		if (display)
			free(best.title);
		ctx->head_end = best.score >= 50 ? 0 : best.para + best.used;
		/* A metadata field's title (score 100 and up) marks where the page's
		 * chrome ends; a summary's does not. */
		ctx->title_para = best.score >= 50 && best.score < 90 ? 0 : best.para;
	} else {
		free(best.title);
		int r = ling_title(ctx);
		if (r < 0)
			return r;
	}
	return 0;
}
