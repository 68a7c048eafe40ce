/*
 * contacts.c: phones, emails, URLs, addresses, postcodes, and who to call.
 *
 * Phones are normalised to "area-number" with an extension as "-NNN":
 *   (010)65292807 → 010-65292807;  0871—63130753 → 0871-63130753;
 *   010-68205368010-68205369 (two numbers glued by a PDF tool) → two;
 *   029-63915477/13279104635 → two;  010-68205132/5721 → 010-68205132 and
 *   010-68205721 (the shorthand for a sibling line).
 * A number without area code counts only where the words around it say it
 * is a phone (电话, 传真, 咨询 …). Numbers in contexts that name other
 * things (项目编号, 账号, QQ群, 钉钉群) are not phones.
 *
 * URLs are taken with or without a scheme (www.x.gov.cn, x.gov.cn); the
 * reflow stage has already rejoined those broken across lines. A URL
 * written with 。 for dots is read with dots.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/internal.h"
#include "utf8.h"
#include "words.h"
#include "banned.h"

static struct zc_re phone_re = ZC_RE(
	"(?:(?<![\\dA-Za-z_.#-])|(?<=\\d)(?=0\\d{2,3}[-—]?\\d{7,8}(?!\\d)))"
	"(?:\\+?86\\s*[-—]?\\s*)?"
	"(?:"
	"(?:[（(]\\s*(0\\d{2,3})\\s*[)）]\\s*[-—]?\\s*|(0\\d{2,3})\\s*(?:[-—–－]{1,2}|\\s)\\s*|(0(?:10|2\\d))(?=[2-9]\\d{7}))?"
	"([2-9]\\d{6,7})"
	"(?:(?!\\d)|(?=0\\d{2,3}[-—])|(?=0\\d{9,11}(?!\\d)))"
	"(?:\\s*(?:转|-|—|ext\\.?|分机)\\s*(\\d{1,5})(?!\\d))?"
	"|(1[3-9]\\d{9})(?!\\d))");
/* Numbers the phone pattern does not cover: 400 lines, spaced mobiles, Hong Kong, 123xx hotlines,
 * service lines after an area code, local numbers spaced in two (0551—6532 1235), and the
 * emergency numbers (110, 119, 120, 122) where the text says to call them. Anchored (\G): see
 * find_extra_phone. */
static struct zc_re phone_extra_re = ZC_RE(
	"\\G(?:(?<![\\d-])(400)[-\\s]?(\\d{3})[-\\s]?(\\d{4})(?!\\d)"
	"|(?<!\\d)(1[3-9]\\d)[\\s-](\\d{4})[\\s-](\\d{4})(?!\\d)"
	"|[（(]\\s*852\\s*[)）]\\s*(\\d{4})\\s?(\\d{4})(?!\\d)|\\+852[\\s-]?(\\d{4})\\s?(\\d{4})(?!\\d)"
	"|(?<![\\d-])(12[0-9]{3})(?![\\d-])"
	"|(?<![\\d-])(0\\d{2,3})-(9\\d{4}|12\\d{3})(?![\\d-])"
	"|(?:[（(]\\s*(0\\d{2,3})\\s*[)）]\\s*|(?<![\\d-])(0\\d{2,3})\\s*(?:[-—–－]{1,2}|\\s)\\s*)([2-9]\\d{2,3}) (\\d{4})(?![\\d-])"
	"|(?:拨打|报警|举报电话|报警电话|急救电话|火警电话)\\s*[:：]?\\s*(11[029]|12[0-2])(?![\\d.千万kK]))");
static struct zc_re sibling_re = ZC_RE("\\G\\s*[/、]\\s*(\\d{3,4})(?![\\d-])");
static struct zc_re phone_ctx_re = ZC_RE(
	"电\\s*话|传\\s*真|热线|咨询|联系|(?i:tel|fax|phone)|手机|座机|号码|值班|拨打|举报|投诉|监督");
static struct zc_re not_phone_ctx_re = ZC_RE_NEED(
	"编号|账号|帐号|代码|群号|QQ|qq|钉钉|微信|证号|序号|身份证|信用代码|合同号|项目号|标号",
	"号", "代码", "QQ", "qq", "钉钉", "微信", "身份证");
static struct zc_re email_re = ZC_RE(
	"[A-Za-z0-9][A-Za-z0-9._%+-]*\\s?@\\s?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
/* An address masked against harvesters: "kjc#163.com（请将#换成@）", "kjc[at]163.com". */
static struct zc_re masked_email_re = ZC_RE(
	"\\G([A-Za-z0-9][A-Za-z0-9._%+-]*) ?(?:#|\\[at\\]|\\(at\\)|（at）|\\[AT\\]|\\(AT\\)) ?"
	"([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})(?![A-Za-z0-9-])");
/* A URL starting where the search starts (\G: see find_url). */
static struct zc_re url_re = ZC_RE(
	"\\G(?:(?:(?i:https?)(?::|：)//|(?<![A-Za-z0-9@._/-])www\\.)[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+"
	"|(?<![A-Za-z0-9@._/-])(?:[A-Za-z0-9-]+\\.)+(?:gov|edu|org|com|net)\\.cn(?::\\d+)?(?:/[A-Za-z0-9\\-._~:/?#@!$&'*+,;=%]*)?"
	"|(?<![A-Za-z0-9@._/-])(?:www|[a-z0-9-]+)(?:。[a-z0-9-]+)+。(?:cn|com|net|org)(?![a-z]))");
/* Where a URL may be: its scheme, www., a Chinese domain ending, or 。 written for dots. */
static struct zc_re url_anchor_re = ZC_RE("(?i:https?)(?::|：)//|www\\.|\\.(?:gov|edu|org|com|net)\\.cn|。(?:cn|com|net|org|gov)");
/* Anchored (\G): tried only where a label starts (find_by_lead). Every
 * label holds 地, first either as its first character or after two others. */
static struct zc_re address_re = ZC_RE(
	"\\G(?:通信地址|通讯地址|联系地址|办公地址|邮寄地址|收件地址|报送地址|受理地址|地\\s*址|地点)\\s*[:：]\\s*([^；;\\n]{4,80}?)(?=[；;，,。\\n]|\\s{2}|\\s*(?:邮编|邮政编码|联系|电话|传真)|$)");
static const size_t address_lead_back[] = {6, 0}; /* bytes from a label's start to its first 地 */

/* Does s[p..len) start with w1, w2, or a byte that may start white space
 * (\s: ASCII, or U+0085, U+00A0, U+1680, U+2000 … U+205F, U+3000, whose
 * UTF-8 starts with C2, E1, E2 or E3)? For labels written "A\s*B". */
static bool next_is_or_space(const char *s, size_t len, size_t p, const char *w1, const char *w2)
{
	if (p >= len)
		return false;
	unsigned char c = (unsigned char)s[p];
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xC2 || (c >= 0xE1 && c <= 0xE3) ||
	       zc_starts_with(s + p, len - p, w1) || zc_starts_with(s + p, len - p, w2);
}

/* \s*: the first byte at or after i that is not white space (\s reads
 * ASCII white space only: the patterns are compiled without UCP). */
static size_t skip_re_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && zc_is_re_space((unsigned char)s[i]))
		i++;
	return i;
}

/* Does the word w stand at s[i..len)? Byte by byte: most places differ
 * in their first byte (cheaper there than a call to memcmp). */
static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
	for (; *w; w++, i++)
		if (i >= len || s[i] != *w)
			return false;
	return true;
}

/* The outcome of reading a pattern by hand at one place: a match, none, or
 * a case left to the pattern itself. */
enum reading { READ_NO, READ_YES, READ_UNSURE };

/* Where the label of address_re that starts at s[p] ends, or 0 when none
 * does. The alternatives start with different characters (地址 and 地点
 * with different second ones): at most one can match, and the \s* of
 * 地\s*址 is all the white space there (址 is none). */
static size_t address_label_end(const char *s, size_t len, size_t p)
{
	if (word_at(s, len, p, "地")) {
		size_t q = skip_re_spaces(s, len, p + 3);
		if (word_at(s, len, q, "址"))
			return q + 3;
		return word_at(s, len, p + 3, "点") ? p + 6 : 0;
	}
	static const char firsts[][7] = {"通信", "通讯", "联系", "办公", "邮寄", "收件", "报送", "受理"};
	if (!word_at(s, len, p + 6, "地址"))
		return 0;
	for (size_t k = 0; k < sizeof(firsts) / sizeof(firsts[0]); k++)
		if (word_at(s, len, p, firsts[k]))
			return p + 12;
	return 0;
}

/* Does a label that ends an address (邮编, 邮政编码, 联系, 电话, 传真)
 * stand at s[j..len)? Told by its first byte first. */
static bool next_label_at(const char *s, size_t len, size_t j)
{
	if (j >= len)
		return false;
	switch ((unsigned char)s[j]) {
	case 0xE9: return word_at(s, len, j, "邮编") || word_at(s, len, j, "邮政编码");
	case 0xE8: return word_at(s, len, j, "联系");
	case 0xE7: return word_at(s, len, j, "电话");
	case 0xE4: return word_at(s, len, j, "传真");
	default: return false;
	}
}

/* The lookahead that ends address_re's value, at s[i..len): a stop
 * ([；;，,。\n]), two white spaces, the next label after white space
 * maybe, or the end ($: the subject's end, or a final \n, which is a stop). */
static bool address_ends_at(const char *s, size_t len, size_t i)
{
	if (i == len)
		return true;
	unsigned char c = (unsigned char)s[i];
	if (c == ';' || c == ',' || c == '\n' || (c == 0xEF && (word_at(s, len, i, "；") || word_at(s, len, i, "，"))) ||
	    (c == 0xE3 && word_at(s, len, i, "。")))
		return true;
	if (zc_is_re_space(c)) {
		if (i + 1 < len && zc_is_re_space((unsigned char)s[i + 1]))
			return true;
		i = skip_re_spaces(s, len, i); /* the labels start with no space: \s* takes all */
	}
	return next_label_at(s, len, i);
}

/* The length of the UTF-8 character that starts with the byte c (1 for a
 * byte that starts none: the text is valid UTF-8, but the step must stay
 * in the text whatever it holds). */
static size_t char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/*
 * address_re at s[p..len), read as the pattern reads it: the label (see
 * address_label_end), \s*, the colon and \s*, all greedy and with nothing
 * to give back but the white space after the colon; then the value, the
 * fewest characters from four to eighty, none of [；;\n], after which
 * address_ends_at holds. When no value ends so, the pattern would go on to
 * give back the white space after the colon to the value: left to it.
 */
static enum reading read_address(const char *s, size_t len, size_t p, struct zc_match *m)
{
	size_t q = address_label_end(s, len, p);
	if (!q)
		return READ_NO;
	q = skip_re_spaces(s, len, q);
	if (q < len && s[q] == ':')
		q++;
	else if (word_at(s, len, q, "："))
		q += 3;
	else
		return READ_NO;
	size_t value = skip_re_spaces(s, len, q), i = value;
	for (int chars = 0;; chars++) {
		if (chars >= 4 && address_ends_at(s, len, i)) {
			*m = (struct zc_match){.groups = 2, .start = {p, value}, .end = {i, i}};
			return READ_YES;
		}
		if (chars == 80 || i == len || s[i] == ';' || s[i] == '\n' || word_at(s, len, i, "；"))
			break;
		size_t n = char_len((unsigned char)s[i]);
		i = n < len - i ? i + n : len;
	}
	return value > q ? READ_UNSURE : READ_NO;
}

/* Does address_re match at s[p..len)? */
static bool address_at(const char *s, size_t len, size_t p, struct zc_match *m)
{
	enum reading r = read_address(s, len, p, m);
	return r == READ_YES || (r == READ_UNSURE && zc_re_find(&address_re, s, len, p, m));
}
/* Anchored too, tried at each 邮 (take_mark). */
static struct zc_re postcode_re = ZC_RE("\\G(?:邮\\s*编|邮政编码)\\s*[:：]?\\s*(\\d{6})(?!\\d)");

/* Can postcode_re start at the 邮 at s[p]? Only before 编, 政 or white space. */
static bool postcode_may_start(const char *s, size_t len, size_t p)
{
	return next_is_or_space(s, len, p + 3, "编", "政");
}
/*
 * Two patterns are read by hand (find_labelled), at each colon of the
 * text: a contact's name after its label, and an organisation after its.
 *   contact_re: (?:联\s*系\s*人|联系人及电话|咨询人)(?:及电话|及联系方式|员)?\s*[:：]\s*([^，,；;：:\n\d]{2,30})
 *   org_label_re: (?:采购人|采购单位|采购代理机构|代理机构|招标人|联系单位|咨询单位|单位名称)\s*[:：]\s*([^\s，,；;：:]{4,40})
 * Each match holds one colon, right after its label and white space (no
 * label holds a colon or white space at its end): matches are ordered as
 * their colons are, and all those that hold a colon hold the same value.
 */
struct labelled {
	/* Where a label ending at s[..b) starts (not before from), or SIZE_MAX. */
	size_t (*label_before)(const char *s, size_t from, size_t b);
	bool (*value_char)(const char *s, size_t len, size_t i); /* in the value's class */
	int min, max;	      /* characters of the value */
	bool space_in_value; /* the class holds \s (but \n): \s* may give white space back */
	const char *lasts;   /* the characters a label may end with (three bytes each) */
};

/* The first place a <= i with s[a..b) made of white space (\s), not before from. */
static size_t spaces_back(const char *s, size_t from, size_t b)
{
	while (b > from && zc_is_re_space((unsigned char)s[b - 1]))
		b--;
	return b;
}

/* Does the word w end at s[..b), starting at from or after? */
static bool word_before(const char *s, size_t from, size_t b, const char *w)
{
	size_t n = strlen(w);
	return b - from >= n && word_at(s, b, b - n, w);
}

static size_t contact_label_before(const char *s, size_t from, size_t b)
{
	static const char *const suffixes[] = {"", "及电话", "及联系方式", "员"};
	for (size_t k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++) {
		size_t e = b - strlen(suffixes[k]);
		if (!word_before(s, from, b, suffixes[k]))
			continue;
		if (word_before(s, from, e, "联系人及电话"))
			return e - strlen("联系人及电话");
		if (word_before(s, from, e, "咨询人"))
			return e - strlen("咨询人");
		/* 联\s*系\s*人, from its end */
		if (!word_before(s, from, e, "人"))
			continue;
		e = spaces_back(s, from, e - 3);
		if (!word_before(s, from, e, "系"))
			continue;
		e = spaces_back(s, from, e - 3);
		if (word_before(s, from, e, "联"))
			return e - 3;
	}
	return SIZE_MAX;
}

/* Does one of ，；： (EF BC 8C, 9B, 9A) start at s[i]? */
static bool wide_stop_at(const char *s, size_t len, size_t i)
{
	return (unsigned char)s[i] == 0xEF && (word_at(s, len, i, "，") || word_at(s, len, i, "；") || word_at(s, len, i, "："));
}

/* [^，,；;：:\n\d] at s[i] (i < len). */
static bool contact_char(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return c != ',' && c != ';' && c != ':' && c != '\n' && !(c >= '0' && c <= '9');
	return !wide_stop_at(s, len, i);
}

static const struct labelled contact_label = {contact_label_before, contact_char, 2, 30, true, "人话式员"};

static size_t org_label_before(const char *s, size_t from, size_t b)
{
	/* 采购代理机构 first: it starts before the 代理机构 it ends with. */
	static const char *const labels[] = {"采购人", "采购单位", "采购代理机构", "代理机构",
					     "招标人", "联系单位", "咨询单位", "单位名称"};
	for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
		if (word_before(s, from, b, labels[k]))
			return b - strlen(labels[k]);
	return SIZE_MAX;
}

/* [^\s，,；;：:] at s[i] (i < len). */
static bool org_char(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return c != ',' && c != ';' && c != ':' && !zc_is_re_space(c);
	return !wide_stop_at(s, len, i);
}

static const struct labelled org_label = {org_label_before, org_char, 4, 40, false, "人位构称"};

#if defined(__SSE2__)
static __m128i bytes_equal(__m128i v, unsigned char b)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b));
}
#endif

#if defined(__SSE2__)
/* A bit for each ':' and EF (the first byte of '：', and of the other
 * full-width marks) in p[0..16). */
static unsigned colon_bits(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(bytes_equal(v, ':'), bytes_equal(v, 0xEF)));
}
#endif

/* Where the first ':' or '：' in s[i..len) starts, or len. Sixteen bytes
 * at a time (s[0..len) is read, nothing before or after it): the last
 * block ends at len, its bits before i cleared. */
static size_t next_colon(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	for (size_t b = i; i < len && len >= 16; b += 16) {
		size_t at = b + 16 <= len ? b : len - 16;
		unsigned mask = colon_bits(s + at) >> (i - at) << (i - at);
		for (; mask; mask &= mask - 1) {
			size_t k = at + (unsigned)__builtin_ctz(mask);
			if (s[k] == ':' || word_at(s, len, k, "："))
				return k;
		}
		i = at + 16;
	}
#endif
	for (; i < len; i++)
		if (s[i] == ':' || word_at(s, len, i, "："))
			return i;
	return len;
}

/*
 * The value after a colon at s[a..len): \s*, then from l->min to l->max
 * characters of l's class, greedy. When fewer follow the white space and
 * the class holds white space, \s* gives it back a byte at a time for the
 * value to start with, as the pattern would.
 */
static bool labelled_value(const struct labelled *l, const char *s, size_t len, size_t a, struct zc_match *m)
{
	for (size_t g = skip_re_spaces(s, len, a);; g--) {
		size_t i = g;
		int n = 0;
		while (n < l->max && i < len && l->value_char(s, len, i)) {
			size_t w = char_len((unsigned char)s[i]);
			i = w < len - i ? i + w : len;
			n++;
		}
		if (n >= l->min) {
			m->start[1] = g;
			m->end[1] = m->end[0] = i;
			return true;
		}
		if (!l->space_in_value || g == a)
			return false;
	}
}

/* Is s[b - 3..b) one of the three-byte characters of set? */
static bool ends_with_one_of(const char *s, size_t b, const char *set)
{
	for (; *set; set += 3)
		if (s[b - 1] == set[2] && s[b - 2] == set[1] && s[b - 3] == set[0])
			return true;
	return false;
}

/* The first match of l's pattern in s[from..len) (see struct labelled):
 * group 1 the value, as zc_re_find would give them. */
static bool find_labelled(const struct labelled *l, const char *s, size_t len, size_t from, struct zc_match *m)
{
	for (size_t c = next_colon(s, len, from); c < len; c = next_colon(s, len, c + 1)) {
		size_t b = spaces_back(s, from, c), start;
		if (b < from + 3 || !ends_with_one_of(s, b, l->lasts) || (start = l->label_before(s, from, b)) == SIZE_MAX)
			continue;
		*m = (struct zc_match){.groups = 2, .start = {start}};
		if (labelled_value(l, s, len, c + (s[c] == ':' ? 1 : 3), m))
			return true;
	}
	return false;
}

/*
 * Try the anchored pattern re (\G) at each character of s[lo..hi] where
 * may_start (NULL: anywhere) says a match may start, in order, as an
 * unanchored search from lo would, but from *untried on: places passed
 * before are not tried again, and *untried moves past each place passed.
 * Callers use it where they know every match starts in a few small
 * windows, so that the text between them is never searched.
 */
static bool find_anchored_in(struct zc_re *re, const char *s, size_t len, size_t lo, size_t hi, size_t *untried,
			     bool (*may_start)(const char *s, size_t p), struct zc_match *m)
{
	for (size_t p = lo > *untried ? lo : *untried; p <= hi && p < len; p = *untried) {
		const char *q = s + p;
		zc_utf8_next(&q, s + len);
		*untried = (size_t)(q - s);
		if ((!may_start || may_start(s, p)) && zc_re_find(re, s, len, p, m))
			return true;
	}
	return false;
}

/* Back from b over the characters for which lead() holds, not before at. */
static size_t lead_start(const char *t, size_t at, size_t b, bool (*lead)(uint32_t c))
{
	while (b > at) {
		const char *q = t + b - 1;
		uint32_t c = (unsigned char)*q;
		if (c >= 0x80) {
			q = t + b;
			c = zc_utf8_prev(&q, t + at);
		}
		if (!lead(c))
			break;
		b = (size_t)(q - t);
	}
	return b;
}

/* Format a phone from the groups of phone_re: "area-local-extension". */
static size_t format_phone(const char *s, const struct zc_match *m, char *out, size_t cap)
{
	size_t n = 0;
	if (zc_match_has(m, 6)) {
		zc_append(out, cap, &n, s + m->start[6], zc_match_len(m, 6));
	} else {
		int g = zc_match_has(m, 1) ? 1 : zc_match_has(m, 2) ? 2 : zc_match_has(m, 3) ? 3 : 0;
		if (g) {
			zc_append(out, cap, &n, s + m->start[g], zc_match_len(m, g));
			zc_append(out, cap, &n, "-", 1);
		}
		zc_append(out, cap, &n, s + m->start[4], zc_match_len(m, 4));
		if (n && zc_match_has(m, 5) && n < cap) {
			zc_append(out, cap, &n, "-", 1);
			zc_append(out, cap, &n, s + m->start[5], zc_match_len(m, 5));
		}
	}
	if (n == 0 || n >= cap)
		return 0;
	out[n] = '\0';
	return n;
}

/* Is off inside a URL (a run of URL characters holding a scheme or www.)? */
static bool inside_url(const struct zc_ctx *ctx, size_t off)
{
	size_t a = off;
	while (a > 0 && off - a < 300) {
		unsigned char c = (unsigned char)ctx->text[a - 1];
		if (c <= ' ' || c >= 0x80)
			break;
		a--;
	}
	return zc_memstr(ctx->text + a, off - a, "://") || zc_memstr(ctx->text + a, off - a, "www.");
}

/* Is the paragraph of off under a contact heading ("三、联系电话", "联系方式：") a few lines up? */
static bool heading_context(const struct zc_ctx *ctx, size_t off)
{
	size_t para = zc_para_at(ctx, off);
	for (size_t k = 1; k <= 16 && k <= para; k++) {
		const struct zc_span *h = &ctx->paras[para - k];
		struct zc_match m;
		if (h->len <= 45 && zc_re_find(&phone_ctx_re, h->s, h->len, 0, &m) &&
		    !zc_memstr(h->s, h->len, "。"))
			return true;
		if (h->len > 200)
			return false;
		/* Further up, only through the rows of a table: short lines with numbers. */
		if (k >= 4 && (h->len > 90 || !zc_find_digit(h->s, h->len)))
			return false;
	}
	return false;
}

/* Look back from off (at most `window` bytes, within the paragraph) for a pattern. */
static bool context_before(const struct zc_ctx *ctx, size_t off, size_t window, struct zc_re *re)
{
	size_t para = zc_para_at(ctx, off);
	size_t start = zc_para_offset(ctx, para);
	size_t from = off > start + window ? off - window : start;
	while (from > start && ((unsigned char)ctx->text[from] & 0xC0) == 0x80)
		from++;
	struct zc_match m;
	return zc_re_find(re, ctx->text, off, from, &m);
}

/* Does the number at off follow another number in a list ("023-63672345（工作日）、12345")? */
static bool listed_after_number(const struct zc_ctx *ctx, size_t off)
{
	const char *t = ctx->text;
	size_t start = zc_para_offset(ctx, zc_para_at(ctx, off)), p = off;
	while (p > start && t[p - 1] == ' ')
		p--;
	if (p >= start + 3 && (!memcmp(t + p - 3, "、", 3) || !memcmp(t + p - 3, "，", 3)))
		p -= 3;
	else if (p > start && (t[p - 1] == ',' || t[p - 1] == '/'))
		p--;
	else
		return false;
	while (p > start && t[p - 1] == ' ')
		p--;
	/* A note on the number before: （工作日）. */
	if (p >= start + 3 && (!memcmp(t + p - 3, "）", 3) || t[p - 1] == ')')) {
		size_t q = p, limit = p > start + 40 ? p - 40 : start;
		while (q > limit && !(q >= start + 3 && !memcmp(t + q - 3, "（", 3)) && t[q - 1] != '(')
			q--;
		if (q == limit)
			return false;
		p = t[q - 1] == '(' ? q - 1 : q - 3;
	}
	return p > start && t[p - 1] >= '0' && t[p - 1] <= '9';
}

static bool has_area(const struct zc_match *m)
{
	return zc_match_has(m, 1) || zc_match_has(m, 2) || zc_match_has(m, 3);
}

static int add_phone(struct zc_ctx *ctx, const char *phone, struct zc_strv *also)
{
	int r = zc_strv_add_unique(&ctx->n->phones, phone);
	if (r == 0 && also)
		r = zc_strv_add_unique(also, phone);
	return r;
}

/*
 * What the digit run s[i..i+run) of a paragraph s[0..len) allows: RUN_LONG
 * when it has seven digits or more (every ordinary phone number has one),
 * RUN_EXTRA when it could start a 400 line, a Hong Kong number, a 123xx
 * hotline or a spaced mobile (see phone_extra_re).
 */
enum { RUN_LONG = 1, RUN_EXTRA = 2 };
static unsigned run_allows(const char *s, size_t len, size_t i, size_t run)
{
	unsigned allows = run >= 7 ? RUN_LONG : 0;
	if ((run >= 3 && (!memcmp(s + i, "400", 3) || !memcmp(s + i, "852", 3))) ||
	    (run == 5 && ((s[i] == '1' && s[i + 1] == '2') || s[i] == '9')) ||
	    (run == 3 && s[i] == '1' && i + 3 < len && (s[i + 3] == ' ' || s[i + 3] == '-')) ||
	    (run == 3 && s[i] == '1' && (s[i + 1] == '1' || s[i + 1] == '2')) ||
	    ((run == 3 || run == 4) && i + run + 5 <= len && s[i + run] == ' ' && s[i] != '0' &&
	     zc_find_digit(s + i + run + 1, 1)))
		allows |= RUN_EXTRA;
	return allows;
}

/* What the digit runs of s[0..len) allow (run_allows), in one pass: *long_run
 * when one is RUN_LONG, the return value when one is RUN_EXTRA. */
static bool digit_runs(const char *s, size_t len, bool *long_run)
{
	unsigned allows = 0;
	for (size_t i = 0; i < len; i++) {
		const char *digit = zc_find_digit(s + i, len - i);
		if (!digit)
			break;
		i = (size_t)(digit - s);
		size_t run = 0;
		while (i + run < len && s[i + run] >= '0' && s[i + run] <= '9')
			run++;
		allows |= run_allows(s, len, i, run);
		i += run;
	}
	*long_run = allows & RUN_LONG;
	return allows & RUN_EXTRA;
}

/* What phone_re may match before a number's seven digits: +86, an area code in
 * brackets or not, and the spaces and dashes between (a superset: \s and all). */
static bool phone_lead_char(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || c == '+' || c == '(' || c == ')' || c == '-' || c == ' ' ||
		       (c >= '\t' && c <= '\r');
	return c == 0x85 || zc_is_space(c) || c == 0xFF08 || c == 0xFF09 || c == 0x2013 || c == 0x2014 || c == 0xFF0D;
}

/*
 * Is the digit run s[i..i+run) (no digit on either side) one that matches
 * of phone_extra_re are built around? Each match holds one: its 400 or 852,
 * the 1xx of a mobile or of 110, its 12xxx or 9xxxx, or the first half
 * ([2-9]xx or [2-9]xxx, then a space) of a local number spaced in two.
 */
static bool extra_run(const char *s, size_t len, size_t i, size_t run)
{
	return (run >= 3 && (!memcmp(s + i, "400", 3) || !memcmp(s + i, "852", 3))) || (run == 3 && s[i] == '1') ||
	       (run == 5 && ((s[i] == '1' && s[i + 1] == '2') || s[i] == '9')) ||
	       ((run == 3 || run == 4) && s[i] >= '2' && i + run < len && s[i + run] == ' ');
}

/* What a match of phone_extra_re may hold before its run (extra_run), but
 * for a word to call (拨打, 举报电话 …): an area code, brackets, +, dashes,
 * spaces and a colon. */
static bool extra_lead_char(uint32_t c)
{
	return phone_lead_char(c) || c == ':' || c == 0xFF1A;
}

/* Can a match of phone_extra_re start at t[p]? Its first character is a
 * digit after a non-digit, an opening bracket, + or a word to call's first. */
static bool extra_may_start(const char *t, size_t p)
{
	if (t[p] >= '0' && t[p] <= '9')
		return p == 0 || t[p - 1] < '0' || t[p - 1] > '9';
	static const char *const firsts[] = {"(", "+", "（", "拨", "报", "举", "急", "火"};
	for (size_t k = 0; k < sizeof(firsts) / sizeof(firsts[0]); k++)
		if (t[p] == firsts[k][0] && !strncmp(t + p, firsts[k], strlen(firsts[k])))
			return true;
	return false;
}

/* The next run of ASCII digits in t[at..to): [*b, *e). False when there is none. */
static bool next_digit_run(const char *t, size_t at, size_t to, size_t *b, size_t *e)
{
	const char *digit = at < to ? zc_find_digit(t + at, to - at) : NULL;
	if (!digit)
		return false;
	*b = *e = (size_t)(digit - t);
	while (*e < to && t[*e] >= '0' && t[*e] <= '9')
		(*e)++;
	return true;
}

/*
 * zc_re_find(&phone_extra_re, t, to, at, m), the pattern (anchored) tried
 * only from where a match built around each run may start (back over
 * extra_lead_char, then four characters for the longest word to call) to
 * the run, and there only where extra_may_start. Unanchored, the pattern,
 * which no literal starts, is tried at every character of the paragraph.
 */
static bool find_extra_phone(const char *t, size_t to, size_t at, struct zc_match *m)
{
	size_t untried = at;
	for (size_t i = at, b, e; next_digit_run(t, i, to, &b, &e); i = e) {
		if (extra_run(t, to, b, e - b)) {
			size_t lo = lead_start(t, at, b, extra_lead_char);
			for (int k = 0; k < 4 && lo > at; k++) {
				const char *q = t + lo;
				zc_utf8_prev(&q, t + at);
				lo = (size_t)(q - t);
			}
			if (find_anchored_in(&phone_extra_re, t, to, lo, b, &untried, extra_may_start, m))
				return true;
		}
	}
	return false;
}

/* The numbers of phone_extra_re in [from, to). */
static int scan_extra_phones(struct zc_ctx *ctx, size_t from, size_t to, struct zc_strv *also)
{
	struct zc_match m;
	char buf[48];
	int r = 0;
	size_t at = from;
	while (r == 0 && find_extra_phone(ctx->text, to, at, &m)) {
		at = m.end[0];
		if (zc_match_has(&m, 1))
			snprintf(buf, sizeof(buf), "400-%.3s-%.4s", ctx->text + m.start[2], ctx->text + m.start[3]);
		else if (zc_match_has(&m, 4))
			snprintf(buf, sizeof(buf), "%.3s%.4s%.4s", ctx->text + m.start[4], ctx->text + m.start[5],
				 ctx->text + m.start[6]);
		else if (zc_match_has(&m, 7) || zc_match_has(&m, 9)) {
			int g = zc_match_has(&m, 7) ? 7 : 9;
			snprintf(buf, sizeof(buf), "852-%.4s%.4s", ctx->text + m.start[g], ctx->text + m.start[g + 1]);
		} else if (zc_match_has(&m, 18)) {
			snprintf(buf, sizeof(buf), "%.3s", ctx->text + m.start[18]);
		} else if (zc_match_has(&m, 16)) {
			int g = zc_match_has(&m, 14) ? 14 : 15;
			snprintf(buf, sizeof(buf), "%.*s-%.*s%.4s", (int)zc_match_len(&m, g), ctx->text + m.start[g],
				 (int)zc_match_len(&m, 16), ctx->text + m.start[16], ctx->text + m.start[17]);
		} else if (zc_match_has(&m, 12)) {
			/* A five-digit service line after an area code: 0371-96777, 0746-12380. */
			snprintf(buf, sizeof(buf), "%.*s-%.5s", (int)zc_match_len(&m, 12), ctx->text + m.start[12],
				 ctx->text + m.start[13]);
		} else {
			/* A five-digit 123xx hotline counts only where the words say it is a number to call. */
			bool listed = listed_after_number(ctx, m.start[0]);
			if (!context_before(ctx, m.start[0], listed ? 90 : 30, &phone_ctx_re) || inside_url(ctx, m.start[0]))
				continue;
			snprintf(buf, sizeof(buf), "%.5s", ctx->text + m.start[11]);
		}
		r = add_phone(ctx, buf, also);
	}
	return r;
}

/* The first run of seven digits or more in t[at..to), where it starts: at or after it, to when none. */
static size_t first_long_run(const char *t, size_t at, size_t to)
{
	for (size_t b, e; next_digit_run(t, at, to, &b, &e); at = e)
		if (e - b >= 7)
			return b;
	return to;
}

/*
 * Where phone_re, searched for in t[at..to), may first match. Every match
 * holds seven digits in a row ([2-9]\d{6,7} or 1[3-9]\d{9}) with only
 * phone_lead_char characters before them in the match: none starts before
 * the run of those characters that leads to the first seven digits from
 * at. Returns to when there are no seven digits: no match.
 */
static size_t phone_search_start(const char *t, size_t at, size_t to)
{
	size_t b = first_long_run(t, at, to);
	return b < to ? lead_start(t, at, b, phone_lead_char) : to;
}

/* The length of the run of ASCII digits at t[i..to). */
static size_t digits_at(const char *t, size_t i, size_t to)
{
	size_t e = i;
	while (e < to && t[e] >= '0' && t[e] <= '9')
		e++;
	return e - i;
}

/* Can an extension ((?:\s*(?:转|-|—|ext\.?|分机)...) of phone_re start at
 * t[i..to)? Before white space (\s: ASCII, the pattern is compiled
 * without UCP; a C2 byte too, to be safe), 转, -, —, e or 分: maybe. */
static bool may_extend(const char *t, size_t i, size_t to)
{
	if (i >= to)
		return false;
	unsigned char c = (unsigned char)t[i];
	return zc_is_re_space(c) || c == '-' || c == 'e' || c == 0xC2 || word_at(t, to, i, "—") ||
	       word_at(t, to, i, "转") || word_at(t, to, i, "分");
}

/* Where the extension of phone_re at t[i..to) ends, its digits at *digits,
 * when it is written plainly: 转 or '-' then one to five digits, the whole
 * run (the group takes them as read); 0 when it is not. */
static size_t plain_extension(const char *t, size_t i, size_t to, size_t *digits)
{
	size_t mark = word_at(t, to, i, "转") ? 3 : word_at(t, to, i, "-") ? 1 : 0;
	size_t run = mark ? digits_at(t, i + mark, to) : 0;
	if (run < 1 || run > 5)
		return 0;
	*digits = i + mark;
	return i + mark + run;
}

/* Where the area code in brackets of phone_re at t[at..to) ends, written
 * plainly: （ or (, 0 and two or three digits (the whole run), ） or ),
 * then a digit. Its digits at *area; 0 when it is not so written. */
static size_t plain_bracketed_area(const char *t, size_t at, size_t to, size_t *area)
{
	size_t open = word_at(t, to, at, "（") ? 3 : word_at(t, to, at, "(") ? 1 : 0;
	size_t a = at + open, run = open ? digits_at(t, a, to) : 0;
	if ((run != 3 && run != 4) || t[a] != '0')
		return 0;
	size_t close = word_at(t, to, a + run, "）") ? 3 : word_at(t, to, a + run, ")") ? 1 : 0;
	if (!close || a + run + close >= to || t[a + run + close] < '0' || t[a + run + close] > '9')
		return 0;
	*area = a;
	return a + run + close;
}

/*
 * phone_re at t[at..to), read by hand in its commonest shapes: an area
 * code, one '-' and seven or eight digits (0571-88888888), or the area
 * code in brackets ((0571)88888888), the seven or eight digits alone
 * (88888888), an eleven-digit mobile (13912345678); each a whole digit
 * run, after a character the lookbehind allows, with a plain extension
 * (plain_extension) or before none may start. The pattern takes them as
 * read: its first branches, greedy, match those shapes whole. Anything
 * else is left to it (READ_UNSURE). phone_search_start gives at: no match
 * starts before it, and one at it is the search's.
 */
static enum reading read_phone(const char *t, size_t to, size_t at, struct zc_match *m)
{
	if (at > 0) { /* (?<![\dA-Za-z_.#-]) */
		unsigned char c = (unsigned char)t[at - 1];
		if (isalnum(c) || c == '_' || c == '.' || c == '#' || c == '-')
			return READ_UNSURE;
	}
	if (word_at(t, to, at, "86")) /* maybe the +86 of the pattern, without its + */
		return READ_UNSURE;
	size_t run = digits_at(t, at, to), local = at, local_run = run, area = SIZE_MAX;
	int group = 4, area_group = 2;
	if (run == 0) {
		local = plain_bracketed_area(t, at, to, &area);
		if (!local)
			return READ_UNSURE;
		local_run = digits_at(t, local, to);
		area_group = 1;
	} else if (t[at] == '1') {
		if (run != 11 || t[at + 1] < '3')
			return READ_UNSURE;
		group = 6; /* (1[3-9]\d{9})(?!\d) */
	} else if (t[at] == '0') {
		/* (0\d{2,3}), '-' of [-—–－]{1,2}, then the local number */
		if ((run != 3 && run != 4) || at + run + 1 >= to || t[at + run] != '-')
			return READ_UNSURE;
		area = at;
		local = at + run + 1;
		local_run = digits_at(t, local, to);
	}
	if (group == 4 && (local_run < 7 || local_run > 8 || t[local] < '2'))
		return READ_UNSURE; /* ([2-9]\d{6,7})(?!\d) */
	size_t end = local + local_run, ext = 0, ext_end = 0;
	if (group == 4)
		ext_end = plain_extension(t, end, to, &ext);
	if (!ext_end && may_extend(t, end, to))
		return READ_UNSURE;
	memset(m, 0xFF, sizeof(*m)); /* no group set: SIZE_MAX */
	m->groups = ext_end ? 6 : group + 1;
	m->start[0] = at, m->end[0] = ext_end ? ext_end : end;
	m->start[group] = local, m->end[group] = end;
	if (area != SIZE_MAX)
		m->start[area_group] = area, m->end[area_group] = area + digits_at(t, area, to);
	if (ext_end)
		m->start[5] = ext, m->end[5] = ext_end;
	return READ_YES;
}

/* zc_re_find(&phone_re, t, to, at, m), at from phone_search_start. */
static bool find_phone(const char *t, size_t to, size_t at, struct zc_match *m)
{
	enum reading r = read_phone(t, to, at, m);
	return r == READ_YES || zc_re_find(&phone_re, t, to, at, m);
}

/* Can sibling_re match at t[p..to)? After ASCII white space it needs '/'
 * or 、 (or, for \s, perhaps a Latin-1 space: lead byte C2). */
static bool may_have_sibling(const char *t, size_t p, size_t to)
{
	while (p < to && (t[p] == ' ' || (t[p] >= '\t' && t[p] <= '\r')))
		p++;
	return p < to && (t[p] == '/' || t[p] == "、"[0] || t[p] == (char)0xC2);
}

static int scan_phones(struct zc_ctx *ctx, size_t from, size_t to, struct zc_strv *also)
{
	/* 400 and 123xx numbers and spaced mobiles have no seven-digit run: look for them first. */
	bool long_run;
	if (digit_runs(ctx->text + from, to - from, &long_run)) {
		int r0 = scan_extra_phones(ctx, from, to, also);
		if (r0 < 0)
			return r0;
	}
	if (!long_run)
		return 0;
	struct zc_match m;
	char buf[64];
	int r = 0;
	size_t at = from;
	while (r == 0 && (at = phone_search_start(ctx->text, at, to)) < to &&
	       find_phone(ctx->text, to, at, &m)) {
		at = m.end[0] > at ? m.end[0] : at + 1;
		bool mobile = zc_match_has(&m, 6);
		if (inside_url(ctx, m.start[0]))
			continue;
		if (context_before(ctx, m.start[0], 15, &not_phone_ctx_re))
			continue;
		if (!mobile && !has_area(&m) && !context_before(ctx, m.start[0], 60, &phone_ctx_re) &&
		    !heading_context(ctx, m.start[0]))
			continue;
		/* A bare 7-8 digit run glued to 年/号/万元 … is a quantity, not a phone;
		 * glued to a letter, a code (91330102MA…). */
		if (!mobile && !has_area(&m)) {
			const char *p = ctx->text + m.end[0];
			if (p < ctx->text + to && isalpha((unsigned char)*p))
				continue;
			if (p < ctx->text + to && (zc_starts_with(p, (size_t)(ctx->text + to - p), "号") ||
						   zc_starts_with(p, (size_t)(ctx->text + to - p), "元") ||
						   zc_starts_with(p, (size_t)(ctx->text + to - p), "万")))
				continue;
		}
		if (!format_phone(ctx->text, &m, buf, sizeof(buf)))
			continue;
		r = add_phone(ctx, buf, also);
		/* "010-68205132/5721": a sibling line sharing the leading digits. */
		struct zc_match sm;
		if (r == 0 && !mobile && !zc_match_has(&m, 5) && may_have_sibling(ctx->text, m.end[0], to) &&
		    zc_re_find(&sibling_re, ctx->text, to, m.end[0], &sm)) {
			size_t ll = zc_match_len(&m, 4), sl = zc_match_len(&sm, 1);
			if (sl < ll) {
				char local[16];
				memcpy(local, ctx->text + m.start[4], ll - sl);
				memcpy(local + ll - sl, ctx->text + sm.start[1], sl);
				local[ll] = '\0';
				int g = zc_match_has(&m, 1) ? 1 : zc_match_has(&m, 2) ? 2 : zc_match_has(&m, 3) ? 3 : 0;
				if (g)
					snprintf(buf, sizeof(buf), "%.*s-%s", (int)zc_match_len(&m, g),
						 ctx->text + m.start[g], local);
				else
					snprintf(buf, sizeof(buf), "%s", local);
				r = add_phone(ctx, buf, also);
				at = sm.end[0];
			}
		}
	}
	return r;
}

static int scan_masked_emails(struct zc_ctx *ctx, size_t from, size_t to, struct zc_strv *also);

static int scan_emails(struct zc_ctx *ctx, size_t from, size_t to, struct zc_strv *also)
{
	struct zc_match m;
	size_t at = from;
	int r = 0;
	for (;;) {
		/* From each @, back to the start of its local part, then the pattern. */
		const char *atsign = at < to ? memchr(ctx->text + at, '@', to - at) : NULL;
		if (!atsign || r != 0)
			break;
		size_t st = (size_t)(atsign - ctx->text);
		if (st > at && ctx->text[st - 1] == ' ')
			st--;
		while (st > at && st + 64 > (size_t)(atsign - ctx->text) &&
		       (isalnum((unsigned char)ctx->text[st - 1]) || strchr("._%+-", ctx->text[st - 1])))
			st--;
		if (!zc_re_find(&email_re, ctx->text, to, st, &m) || m.start[0] > (size_t)(atsign - ctx->text)) {
			at = (size_t)(atsign - ctx->text) + 1;
			continue;
		}
		at = m.end[0];
		const char *s = ctx->text + m.start[0];
		size_t len = zc_match_len(&m, 0);
		/* "E-mailyu314@…": a label glued to the address. */
		static const char *const labels[] = {"E-mail", "e-mail", "Email", "email", "EMAIL", "E-MAIL", "Mail", "mail"};
		for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
			size_t ll = strlen(labels[k]);
			const char *at_sign = memchr(s, '@', len);
			if (zc_starts_with(s, len, labels[k]) && at_sign && (size_t)(at_sign - s) > ll) {
				s += ll;
				len -= ll;
				break;
			}
		}
		while (len && s[len - 1] == '.')
			len--;
		char buf[256];
		if (len >= sizeof(buf))
			continue;
		size_t bl = 0;
		for (size_t i = 0; i < len; i++)
			if (s[i] != ' ')
				buf[bl++] = s[i];
		buf[bl] = '\0';
		r = zc_strv_add_unique(&ctx->n->emails, buf);
		if (r == 0 && also)
			r = zc_strv_add_unique(also, buf);
	}
	return r == 0 ? scan_masked_emails(ctx, from, to, also) : r;
}

/* Does the paragraph holding off speak of an e-mail address (a label, or
 * the @ a masked address is to be read with)? */
static bool para_names_email(const struct zc_ctx *ctx, size_t off)
{
	const struct zc_span *p = &ctx->paras[zc_para_at(ctx, off)];
	static const char *const words[] = {"@", "邮", "mail", "Mail", "MAIL"};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (zc_memstr(p->s, p->len, words[k]))
			return true;
	return false;
}

/* The marks that may stand for the @ of a masked address: '#', "at", "AT". */
static const char *const mask_marks[] = {"#", "at", "AT"};
#define MASK_MARKS 3

/* The first mark (ASCII) in s[0..len). memchr for its first byte, then
 * the rest: Latin letters and '#' are rare in these texts, and memchr
 * skips the Chinese between faster than a search for the whole mark. */
static const char *find_mark(const char *s, size_t len, const char *mark)
{
	size_t n = strlen(mark);
	const char *end = s + len;
	for (const char *p = s; (p = memchr(p, mark[0], (size_t)(end - p))); p++)
		if ((size_t)(end - p) >= n && !memcmp(p, mark, n))
			return p;
	return NULL;
}

/* The next mark at or after at in t[..to) (to: none): each mark's next place
 * is kept in next[] (SIZE_MAX: not looked for yet) and looked for again only
 * once passed, so the scans stay linear. */
static size_t next_mask(const char *t, size_t at, size_t to, size_t next[MASK_MARKS])
{
	size_t best = to;
	for (int k = 0; k < MASK_MARKS; k++) {
		if (next[k] == SIZE_MAX || next[k] < at) {
			const char *h = find_mark(t + at, to - at, mask_marks[k]);
			next[k] = h ? (size_t)(h - t) : to;
		}
		best = next[k] < best ? next[k] : best;
	}
	return best;
}

/* Masked addresses (masked_email_re), read with the @ put back. Only in a
 * paragraph about e-mail: a '#' elsewhere is a URL fragment or a number sign. */
static int scan_masked_emails(struct zc_ctx *ctx, size_t from, size_t to, struct zc_strv *also)
{
	struct zc_match m;
	size_t at = from, checked = SIZE_MAX; /* the paragraph last asked about e-mail, and its answer */
	size_t next[MASK_MARKS] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
	bool about_email = false;
	int r = 0;
	while (r == 0 && at < to) {
		size_t pos = next_mask(ctx->text, at, to, next), st = pos;
		if (pos >= to)
			break;
		/* Back over the local part, its bracket and the space before the mark. */
		if (st > from && strchr("[(", ctx->text[st - 1]))
			st--;
		else if (st >= from + 3 && !memcmp(ctx->text + st - 3, "（", 3))
			st -= 3;
		if (st > from && ctx->text[st - 1] == ' ')
			st--;
		while (st > from && pos - st < 64 &&
		       (isalnum((unsigned char)ctx->text[st - 1]) || strchr("._%+-", ctx->text[st - 1])))
			st--;
		at = pos + 1;
		/* Inside a URL's path ("…/a.html#b.cn") it is a fragment. */
		bool in_path = st > from && strchr("/=?&", ctx->text[st - 1]);
		if (st == pos || in_path)
			continue;
		/* Asked once per paragraph (a long one holds many marks). */
		size_t para = ctx->npara ? zc_para_at(ctx, st) : 0;
		if (para != checked) {
			checked = para;
			about_email = para_names_email(ctx, st);
		}
		if (!about_email || !zc_re_find(&masked_email_re, ctx->text, to, st, &m))
			continue;
		at = m.end[0];
		char buf[256];
		if (zc_match_len(&m, 0) >= sizeof(buf))
			continue;
		snprintf(buf, sizeof(buf), "%.*s@%.*s", (int)zc_match_len(&m, 1), ctx->text + m.start[1],
			 (int)zc_match_len(&m, 2), ctx->text + m.start[2]);
		r = zc_strv_add_unique(&ctx->n->emails, buf);
		if (r == 0 && also)
			r = zc_strv_add_unique(also, buf);
	}
	return r;
}

/* What an anchor (url_anchor_re) is made of: Latin letters, '.', ':', '/', 。 and ：. */
static bool anchor_char(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == ':' || c == '/' || c == 0x3002 ||
	       c == 0xFF1A;
}

/*
 * zc_re_find(&url_anchor_re, t, to, at, a), run only on the runs of anchor
 * characters that hold a Latin letter. Every anchor holds one (HTTP:// has
 * capitals only) and is made of anchor characters only (and the pattern
 * looks at nothing around it): no anchor starts before the run of the first
 * letter from `at`, and the pattern, on the text cut at the end of that
 * run, finds the first anchor in it as it would in the whole text. Without
 * one there, the search goes on after the run. Most notices hold few Latin
 * letters.
 */
static bool find_anchor(const char *t, size_t to, size_t at, struct zc_match *a)
{
	while (at < to) {
		/* 'A'..'z' holds both cases, and [\]^_` between them: no letters. */
		const char *letter = zc_find_in_range(t + at, to - at, 'A', 'z');
		if (!letter)
			return false;
		if (!isalpha((unsigned char)*letter)) {
			at = (size_t)(letter - t) + 1;
			continue;
		}
		size_t b = (size_t)(letter - t), e = b;
		while (b > at) {
			const char *q = t + b;
			if (!anchor_char(zc_utf8_prev(&q, t + at)))
				break;
			b = (size_t)(q - t);
		}
		while (e < to) {
			const char *q = t + e;
			if (!anchor_char(zc_utf8_next(&q, t + to)))
				break;
			e = (size_t)(q - t);
		}
		if (zc_re_find(&url_anchor_re, t, e, b, a))
			return true;
		at = e;
	}
	return false;
}

/*
 * The first URL in t[..to) that starts in [st, last]: url_re tried at each
 * character from st to last, as an unanchored search would, without
 * searching on past last, where the caller would not take the URL found.
 */
static bool find_url(const char *t, size_t to, size_t st, size_t last, struct zc_match *m)
{
	size_t untried = st;
	return find_anchored_in(&url_re, t, to, st, last, &untried, NULL, m);
}

static int scan_urls(struct zc_ctx *ctx)
{
	struct zc_match m;
	size_t at = 0, to = ctx->end < ctx->npara ? zc_para_offset(ctx, ctx->end) : ctx->len;
	int r = 0;
	struct zc_match a;
	if (ctx->npara)
		at = zc_para_offset(ctx, ctx->title_para); /* above the title is the page's chrome */
	while (r == 0 && find_anchor(ctx->text, to, at, &a)) {
		/* Back from the anchor to where the URL starts, then the pattern from there. */
		size_t st = a.start[0];
		if (ctx->text[st] == '.' || (unsigned char)ctx->text[st] == 0xE3) {
			for (;;) {
				if (st > at && (isalnum((unsigned char)ctx->text[st - 1]) || ctx->text[st - 1] == '.' ||
						ctx->text[st - 1] == '-'))
					st--;
				else if (st >= at + 4 && !memcmp(ctx->text + st - 3, "。", 3) &&
					 isalnum((unsigned char)ctx->text[st - 4]))
					st -= 3;
				else
					break;
			}
		}
		if (!find_url(ctx->text, to, st, a.start[0], &m)) {
			at = a.end[0];
			continue;
		}
		at = m.end[0] > a.end[0] ? m.end[0] : a.end[0];
		/* The domain of an e-mail address spaced out in a PDF ("kjj @ xm.gov.cn"). */
		size_t b = m.start[0];
		while (b > 0 && ctx->text[b - 1] == ' ')
			b--;
		if (b > 0 && ctx->text[b - 1] == '@')
			continue;
		const char *s = ctx->text + m.start[0];
		size_t len = zc_match_len(&m, 0);
		char buf[1024];
		if (len >= sizeof(buf))
			continue;
		/* 。 written for dots, ： for the scheme's colon. */
		size_t k = 0;
		for (size_t i = 0; i < len; i++) {
			if (i + 3 <= len && (!memcmp(s + i, "。", 3) || !memcmp(s + i, "：", 3))) {
				buf[k++] = s[i + 2] == (char)0x82 ? '.' : ':';
				i += 2;
			} else {
				buf[k++] = s[i];
			}
		}
		/* Trailing punctuation and an unbalanced closing parenthesis are not the URL's. */
		for (;;) {
			if (k && strchr(".,;:!?'\"", buf[k - 1])) {
				k--;
				continue;
			}
			if (k && (buf[k - 1] == ')' || buf[k - 1] == ']')) {
				int depth = 0;
				for (size_t i = 0; i < k; i++)
					depth += buf[i] == '(' || buf[i] == '[' ? 1 : buf[i] == ')' || buf[i] == ']' ? -1 : 0;
				if (depth < 0) {
					k--;
					continue;
				}
			}
			break;
		}
		buf[k] = '\0';
		if (k < 8 || !strchr(buf, '.'))
			continue;
		r = zc_strv_add_unique(&ctx->n->urls, buf);
	}
	return r;
}

/* Words that label an item of a contact line, never a person. */
static const char *const not_name_list[] = {"电话", "手机", "传真", "邮箱", "邮件", "座机", "地址", "邮编", "咨询", "热线",
					    "联系", "时间", "工作", "办公", "上午", "下午", "周一", "分机", "网址", "技术",
					    "业务", "政策", "系统", "平台", "节假", "以上", "其中", "如有", NULL};
static struct zc_words not_name_words = ZC_WORDS(not_name_list);
/* Endings of a unit's name: a second entry so named is an office, not a person. */
static const char *const unit_ends[] = {"处", "科", "室", "局", "厅", "委", "办", "中心", "部", "所", "站", "院", "股", "组", NULL};

static bool unit_name(const char *s, size_t len)
{
	for (size_t k = 0; unit_ends[k]; k++)
		if (zc_ends_with(s, len, unit_ends[k]))
			return true;
	return false;
}

/* Skip a contact label ("联系人：") at off; returns where the value starts. */
static size_t skip_contact_label(const char *t, size_t end, size_t off)
{
	size_t p = off;
	if (end - p >= 9 && !memcmp(t + p, "联系人", 9)) {
		p += 9;
		while (p < end && t[p] == ' ')
			p++;
		if (end - p >= 3 && !memcmp(t + p, "：", 3))
			return p + 3;
		if (p < end && t[p] == ':')
			return p + 1;
	}
	return off;
}

/*
 * The start of the next person in a contact line from `at` (before `end`),
 * or `end`: a separator (；，、 or a space), perhaps 联系人：, then a name
 * of two to four Chinese characters followed by a separator or a number.
 * The caller asks only once the person before has a number or an address:
 * "联系人：张某，电话：0791-8888888；李某，电话：13900000000" holds two.
 * The name is returned in ret_name (its offset) and ret_len.
 */
static size_t next_person(const char *t, size_t at, size_t end, size_t *ret_name, size_t *ret_len)
{
	for (size_t i = at; i < end; i++) {
		size_t sep = 0;
		if (t[i] == ';' || t[i] == ',' || t[i] == ' ')
			sep = 1;
		else if ((t[i] == "；"[0] || t[i] == "、"[0]) && end - i >= 3 && /* the first bytes of all four */
			 (!memcmp(t + i, "；", 3) || !memcmp(t + i, "，", 3) || !memcmp(t + i, "、", 3) ||
			  !memcmp(t + i, "\u3000", 3)))
			sep = 3;
		if (!sep)
			continue;
		size_t p = i + sep;
		while (p < end && t[p] == ' ')
			p++;
		p = skip_contact_label(t, end, p);
		const char *q = t + p, *e = t + end;
		int chars = 0;
		while (q < e && chars < 5) {
			const char *r = q;
			if (!zc_is_han(zc_utf8_next(&r, e)))
				break;
			q = r;
			chars++;
		}
		if (chars < 2 || chars > 4)
			continue;
		size_t ne = (size_t)(q - t);
		/* What follows the name: a separator, a bracket, a number or the line's end. */
		bool follows = ne == end || t[ne] == ',' || t[ne] == ' ' || t[ne] == '(' || (t[ne] >= '0' && t[ne] <= '9') ||
			       (end - ne >= 3 && (!memcmp(t + ne, "，", 3) || !memcmp(t + ne, "（", 3) ||
						  !memcmp(t + ne, "\u3000", 3)));
		size_t ws, we;
		if (!follows || zc_words_find(&not_name_words, t, ne, p, &ws, &we))
			continue;
		*ret_name = p;
		*ret_len = ne - p;
		/* An office written before the name ("；省教育厅财务处 邓华") starts the person. */
		if (t[i] == ' ' || !memcmp(t + i, "\u3000", sep == 3 ? 3 : 0)) {
			const char *b = t + i, *lim = t + at;
			while (b > lim) {
				const char *r = b;
				if (!zc_is_han(zc_utf8_prev(&r, lim)))
					break;
				b = r;
			}
			size_t bl = (size_t)(t + i - b);
			if (bl >= 6 && unit_name(b, bl))
				return (size_t)(b - t);
		}
		return i;
	}
	return end;
}

static void contact_free(struct zc_contact *c)
{
	free(c->name);
	free(c->org);
	zc_strv_free(&c->phones);
	zc_strv_free(&c->emails);
}

/* Push the contact c (or free it when it names nobody and no number). */
static int push_contact(struct zc_ctx *ctx, struct zc_contact *c)
{
	if ((c->name || c->phones.n) && (c->name || c->org || c->phones.n)) {
		if (zc_vec_push(&ctx->n->contacts, c))
			return 0;
		contact_free(c);
		return -ENOMEM;
	}
	contact_free(c);
	return 0;
}

/*
 * The contacts of one contact line: one per person named in it, each with
 * the numbers and addresses written after its name. *ret_phones_done is
 * set when the phones of the whole line were looked for in one scan.
 */
static int add_contact(struct zc_ctx *ctx, size_t para, bool *ret_phones_done)
{
	const struct zc_span *p = &ctx->paras[para];
	size_t off = zc_para_offset(ctx, para), pend = off + p->len;
	struct zc_match m;
	struct zc_contact c = {0};
	size_t part = off; /* where the first person's items start */
	if (find_labelled(&contact_label, ctx->text, pend, off, &m)) {
		size_t nl = zc_match_len(&m, 1);
		const char *ns = zc_trim(ctx->text + m.start[1], &nl);
		while (nl >= 3 && (zc_ends_with(ns, nl, "电话") || zc_ends_with(ns, nl, "联系"))) {
			nl -= 6;
			ns = zc_trim(ns, &nl);
		}
		if (nl && !(c.name = zc_strndup(ns, nl)))
			return -ENOMEM;
		part = m.end[0];
	}
	char *org = NULL;
	if (find_labelled(&org_label, ctx->text, pend, off, &m)) {
		org = zc_strndup(ctx->text + m.start[1], zc_match_len(&m, 1));
	} else if (para > 0 && ctx->paras[para - 1].len < 90 &&
		   !zc_memstr(ctx->paras[para - 1].s, ctx->paras[para - 1].len, "联系") &&
		   zc_starts_with_marker(ctx->paras[para - 1].s, ctx->paras[para - 1].len)) {
		/* A heading just above names the organisation: "（一）云南省…促进会". */
		size_t hl = ctx->paras[para - 1].len;
		const char *hs = ctx->paras[para - 1].s;
		const char *close = zc_memstr(hs, hl, "）");
		if (close && close - hs < 12) {
			hl -= (size_t)(close + 3 - hs);
			hs = close + 3;
		}
		org = zc_strndup(hs, hl);
	}
	/* org stays this function's: the first contact gets a copy, which
	 * push_contact frees when the contact names nobody, while the next
	 * persons may still take org for theirs. */
	int r = 0;
	if (org && !(c.org = zc_strndup(org, strlen(org)))) {
		free(c.name);
		free(org);
		return -ENOMEM;
	}
	size_t from = off;
	while (r == 0) {
		/* The person's items end where the next person is named, once this one has a number. */
		size_t at = part, next = pend, name = 0, name_len = 0;
		while (at < pend) {
			next = next_person(ctx->text, at, pend, &name, &name_len);
			if (next == pend)
				break;
			struct zc_strv probe = {0};
			r = scan_phones(ctx, from, next, &probe);
			if (r == 0 && !probe.n)
				r = scan_emails(ctx, from, next, &probe);
			bool has = probe.n > 0;
			zc_strv_free(&probe);
			if (r < 0 || has)
				break;
			at = name + name_len;
			next = pend;
		}
		if (r == 0)
			r = scan_phones(ctx, from, next, &c.phones);
		if (r == 0 && from == off && next == pend)
			*ret_phones_done = true;
		if (r == 0)
			r = scan_emails(ctx, from, next, &c.emails);
		if (r == 0)
			r = push_contact(ctx, &c); /* c is the list's now, or freed */
		else
			contact_free(&c);
		if (r < 0 || next == pend)
			break;
		/* The next person, of the organisation labelled before it ("采购代理机构：…，联系人：某某"),
		 * or of the office written before its name, or of the same as the one before. */
		c = (struct zc_contact){0};
		const char *os = NULL;
		size_t ol = 0;
		for (size_t oa = from; find_labelled(&org_label, ctx->text, name, oa, &m); oa = m.end[0])
			os = ctx->text + m.start[1], ol = zc_match_len(&m, 1);
		size_t lead = name > next ? name - next : 0;
		const char *ls = zc_trim(ctx->text + next, &lead);
		while (lead >= 3 && (zc_starts_with(ls, lead, "；") || zc_starts_with(ls, lead, "，") ||
				     zc_starts_with(ls, lead, "、"))) {
			ls += 3, lead -= 3;
			ls = zc_trim(ls, &lead);
		}
		if (lead >= 6 && unit_name(ls, lead))
			os = ls, ol = lead;
		if (!os && org)
			os = org, ol = strlen(org);
		bool unit = unit_name(ctx->text + name, name_len);
		char **slot = unit ? &c.org : &c.name;
		if (!(*slot = zc_strndup(ctx->text + name, name_len)) ||
		    (!unit && os && !(c.org = zc_strndup(os, ol)))) {
			contact_free(&c);
			r = -ENOMEM;
			break;
		}
		from = next;
		part = name + name_len;
	}
	free(org);
	return r;
}

/* The paragraph flags of zc_x_contacts. */
enum { NAMES_CONTACT = 1, NAMES_ADDRESS = 2, PHONES_DONE = 4 };

/*
 * The flag of a word at s[0..left) that marks a contact line (联系人,
 * 联系电话, 联系方式, 咨询电话) or an address (地址, 地点: every address
 * label ends in one), or 0.
 */
static unsigned char mark_at(const char *s, size_t left)
{
	if (zc_starts_with(s, left, "联系")) {
		const char *t = s + 6;
		size_t tl = left - 6;
		return zc_starts_with(t, tl, "人") || zc_starts_with(t, tl, "电话") || zc_starts_with(t, tl, "方式")
			       ? NAMES_CONTACT
			       : 0;
	}
	if (zc_starts_with(s, left, "咨询电话"))
		return NAMES_CONTACT;
	if (zc_starts_with(s, left, "地"))
		return zc_starts_with(s + 3, left - 3, "址") || zc_starts_with(s + 3, left - 3, "点") ? NAMES_ADDRESS : 0;
	return 0;
}

/*
 * What the pass over the text (mark_paras) keeps: the paragraph of the
 * place looked at (places come in order, so it only moves on), and where
 * the last postcode ended.
 */
struct mark_pass {
	size_t para;
	size_t post_at;
};

/*
 * At text[h] (before to) may start a word of mark_at, or the 邮 of a
 * postcode: flag the paragraph of the word in names[], or read the postcode
 * (postcode_re, anchored) unless the last one read holds that 邮.
 */
static int take_mark(struct zc_ctx *ctx, size_t to, size_t h, unsigned char *names, struct mark_pass *pass)
{
	const char *s = ctx->text + h;
	if (zc_starts_with(s, to - h, "邮")) {
		struct zc_match m;
		if (h < pass->post_at || !postcode_may_start(ctx->text, to, h) ||
		    !zc_re_find(&postcode_re, ctx->text, to, h, &m))
			return 0;
		pass->post_at = m.end[0];
		return zc_add_clean(&ctx->n->postcodes, ctx->text + m.start[1], zc_match_len(&m, 1));
	}
	unsigned char flag = mark_at(s, to - h);
	if (flag) {
		while (pass->para + 1 < ctx->npara && zc_para_offset(ctx, pass->para + 1) <= h)
			pass->para++;
		names[pass->para] |= flag;
	}
	return 0;
}

/* Can 联 (E8 81 94), 咨 (E5 92 A8), 地 (E5 9C B0) or 邮 (E9 82 AE), the
 * characters the words of mark_at and postcodes start with, start at
 * p? Told from most other characters by their first and third bytes
 * (reads p[0] and p[2]); take_mark reads the whole word. */
static bool may_start_mark(const char *p)
{
	unsigned char a = (unsigned char)p[0], c = (unsigned char)p[2];
	return (a == 0xE8 && c == 0x94) || (a == 0xE9 && c == 0xAE) || (a == 0xE5 && (c == 0xA8 || c == 0xB0));
}

#if defined(__SSE2__)
/* may_start_mark at p[0..16), a bit each (reads p[0..18)). */
static unsigned mark_places(const char *p)
{
	__m128i first = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i third = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
	__m128i lian = _mm_and_si128(bytes_equal(first, 0xE8), bytes_equal(third, 0x94));
	__m128i you = _mm_and_si128(bytes_equal(first, 0xE9), bytes_equal(third, 0xAE));
	__m128i zi_di = _mm_and_si128(bytes_equal(first, 0xE5),
				      _mm_or_si128(bytes_equal(third, 0xA8), bytes_equal(third, 0xB0)));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lian, you), zi_di));
}
#endif

/*
 * One pass over text[0..to) for the words of mark_at, whose paragraphs
 * it flags in names[], and for postcodes (邮编 …), which it adds: sixteen
 * bytes at a time, stopping only where may_start_mark holds (once every
 * 170 bytes or so, at 地, 联, 动, 在 …).
 */
static int mark_paras(struct zc_ctx *ctx, size_t to, unsigned char *names)
{
	struct mark_pass pass = {0};
	size_t i = 0;
	int r = 0;
#if defined(__SSE2__)
	for (; r == 0 && i + 18 <= to; i += 16)
		for (unsigned mask = mark_places(ctx->text + i); r == 0 && mask; mask &= mask - 1)
			r = take_mark(ctx, to, i + (unsigned)__builtin_ctz(mask), names, &pass);
#endif
	for (; r == 0 && i + 3 <= to; i++)
		if (may_start_mark(ctx->text + i))
			r = take_mark(ctx, to, i, names, &pass);
	return r;
}

#if defined(__SSE2__)
/* A bit for each digit in p[0..16). */
static unsigned digit_bits(const char *p)
{
	const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
	__m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), zero);
	/* t <= 9, unsigned, exactly for the digits */
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, nine), t));
}
#endif

/*
 * The first of three digits in a row in s[0..len), or NULL. Only runs of
 * three digits or more allow a number (run_allows): the first of those
 * from s starts at the place found (a digit before it, from s on, would
 * start an earlier three), and the shorter runs before it (dates, list
 * numbers) are passed without a stop. Thirty-two bytes at a time, for
 * the thirty places where three may start in them: for the whole text;
 * in the short text of one paragraph, zc_find_digit costs less.
 */
static const char *find_three_digits(const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 32 <= len; i += 30) {
		uint32_t d = digit_bits(s + i) | (uint32_t)digit_bits(s + i + 16) << 16;
		uint32_t three = d & d >> 1 & d >> 2; /* bits 30 and 31 are 0 */
		if (three)
			return s + i + __builtin_ctz(three);
	}
#endif
	for (unsigned run = 0; i < len; i++) {
		run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
		if (run == 3)
			return s + i - 2;
	}
	return NULL;
}

/*
 * Phones paragraph by paragraph, from the title on (above it is the page's
 * chrome), up to to. scan_phones finds none in a paragraph none of whose
 * digit runs allows a number (run_allows): the runs of all paragraphs are
 * read in one pass, and scan_phones is called only for the paragraphs
 * where one allows a number (runs of three digits or more: see
 * find_three_digits). A contact line that add_contact scanned whole
 * (PHONES_DONE) already added its phones: scan_phones finds the same
 * each time.
 */
static int scan_para_phones(struct zc_ctx *ctx, size_t to, const unsigned char *names)
{
	const char *t = ctx->text;
	size_t i = ctx->title_para, at = i < ctx->end ? zc_para_offset(ctx, i) : to;
	int r = 0;
	while (r == 0 && at < to) {
		const char *digit = find_three_digits(t + at, to - at);
		if (!digit)
			break;
		size_t d = (size_t)(digit - t), e = d;
		while (e < to && t[e] >= '0' && t[e] <= '9')
			e++;
		while (i + 1 < ctx->end && zc_para_offset(ctx, i + 1) <= d)
			i++;
		size_t off = zc_para_offset(ctx, i), pend = off + ctx->paras[i].len;
		if (d >= pend) { /* between paragraphs: a digit no paragraph holds */
			at = d + 1;
			continue;
		}
		if (e > pend)
			e = pend;
		at = e;
		if (names[i] & PHONES_DONE) {
			at = pend;
		} else if (run_allows(t + off, pend - off, d - off, e - d)) {
			r = scan_phones(ctx, off, pend, NULL);
			at = pend;
		}
	}
	return r;
}

/*
 * The first match, from `from` on, of an anchored pattern (\G) whose every
 * match holds the word lead, first at one of the byte offsets back[0] >
 * back[1] > ... from the match's start; match_at(s, len, p, m) tells
 * whether it matches at p. It is asked only at those places, in the order
 * an unanchored search reaches them: lead by lead, and for each from the
 * farthest place back; a place already passed is not asked again (another
 * lead's match starting there would hold this lead first). Same result as
 * the pattern unanchored, without running it over the text between leads.
 */
static bool find_by_lead(const char *lead, const size_t *back, size_t nback, const char *s, size_t len, size_t from,
			 bool (*match_at)(const char *s, size_t len, size_t p, struct zc_match *m), struct zc_match *m)
{
	size_t n = strlen(lead), untried = from;
	const char *hit;
	for (size_t at = from; at < len && (hit = zc_memstr(s + at, len - at, lead)); at = (size_t)(hit - s) + n) {
		size_t h = (size_t)(hit - s);
		for (size_t k = 0; k < nback; k++) {
			/* Not before from, not twice, and not inside a character. */
			if (back[k] > h || h - back[k] < untried || ((unsigned char)s[h - back[k]] & 0xC0) == 0x80)
				continue;
			untried = h - back[k] + 1;
			if (match_at(s, len, h - back[k], m))
				return true;
		}
	}
	return false;
}

int zc_x_contacts(struct zc_ctx *ctx)
{
	size_t to = ctx->end < ctx->npara ? zc_para_offset(ctx, ctx->end) : ctx->len;
	int r = 0;
	struct zc_match m;
	/* The paragraphs that name a contact or an address, found first, and the postcodes. */
	unsigned char *names = calloc(ctx->npara + 1, 1);
	if (!names)
		return -ENOMEM;
	r = mark_paras(ctx, to, names);
	/* Contacts: paragraphs that name a contact person or a contact phone. */
	for (size_t i = 0; i < ctx->end && r == 0; i++) {
		bool phones_done = false;
		if (names[i] & NAMES_CONTACT)
			r = add_contact(ctx, i, &phones_done);
		if (phones_done)
			names[i] |= PHONES_DONE;
	}
	if (r == 0)
		r = scan_para_phones(ctx, to, names);
	if (r == 0)
		r = scan_emails(ctx, ctx->npara ? zc_para_offset(ctx, ctx->title_para) : 0, to, NULL);
	if (r == 0)
		r = scan_urls(ctx);
	for (size_t i = 0; i < ctx->end && r == 0; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (!(names[i] & NAMES_ADDRESS))
			continue;
		size_t at = zc_para_offset(ctx, i), pend = at + p->len;
		while (r == 0 && find_by_lead("地", address_lead_back, 2, ctx->text, pend, at, address_at, &m)) {
			at = m.end[0];
			r = zc_add_clean(&ctx->n->addresses, ctx->text + m.start[1], zc_match_len(&m, 1));
		}
	}
	free(names);
	return r;
}
