/*
 * clean.c: character normalisation and traditional → simplified folding.
 *
 * Normalisation is one pass over the code points with one code point of
 * look-ahead (for glosses and CJK/digit spaces), copying runs of unchanged
 * characters at once; it notes traditional-only characters on the way.
 * Folding uses a table generated from OpenCC's t2s mapping
 * (scripts/gen-trad-table.py): only lines holding a traditional-only
 * character are touched, each character replaced in place by its simplified
 * form, so the folded copy keeps the length and lines of the original.
 * (Calling OpenCC itself was four times slower than the whole rest of the
 * pipeline on traditional text.)
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "zhengce/clean.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "utf8.h"
#include "banned.h"

extern const uint8_t zc_trad_bitmap[];

static int normalize_chars(const char *in, size_t len, struct zc_buf *out, bool *trad, bool valid);

static inline bool is_traditional(uint32_t c)
{
	if (c < 0x4E00 || c > 0x9FFF)
		return false;
	uint32_t i = c - 0x4E00;
	return zc_trad_bitmap[i >> 3] & (1u << (i & 7));
}

/* The code point of the three-byte sequence at p (its lead byte E0..EF). */
static inline uint32_t three_byte_at(const char *p)
{
	return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (uint32_t)(p[2] & 0x3F);
}

static bool fullwidth_kept(uint32_t c)
{
	/* Chinese punctuation that lives in the full-width block. */
	return c == 0xFF01 || c == 0xFF08 || c == 0xFF09 || c == 0xFF0C || c == 0xFF1A ||
	       c == 0xFF1B || c == 0xFF1F || c == 0xFF5E;
}

/*
 * Punctuation that the character loop below copies as it is, and about
 * which it notes nothing but that it came last: no gloss starts with it
 * (（ does), and it is no space, nothing to drop, nothing normalize_char()
 * changes. It is left in the run of unchanged characters.
 */
static bool kept_punct(uint32_t c)
{
	return (c > 0x3000 && c <= 0x303F) ||  /* CJK punctuation but the ideographic space: 、 。 《 》 【 】 〔 〕 */
	       (c >= 0x2010 && c <= 0x2027) || /* dashes, quotes, the ellipsis: — “ ” … */
	       (fullwidth_kept(c) && c != 0xFF08);
}

#if defined(__SSE2__)
/* Is the three-byte character at p (lead byte E2..EF) kept_punct()? */
static bool kept_punct_at(const char *p)
{
	unsigned char b = (unsigned char)p[0];
	return b >= 0xE2 && b <= 0xEF && kept_punct(three_byte_at(p));
}

static inline __m128i bytes_eq(__m128i v, char b)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8(b));
}

/* The bytes of v above lo and below hi, both taken as signed. */
static inline __m128i bytes_between(__m128i v, signed char lo, signed char hi)
{
	return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo)), _mm_cmpgt_epi8(_mm_set1_epi8(hi), v));
}

static inline bool is_zero_like(char c)
{
	return c == '0' || c == 'O' || c == 'o';
}

/*
 * Could the 0, O or o at p follow a Chinese numeral in the text written,
 * and be a 〇 (zero_for_ling())? Not after an ASCII character copied as it
 * is. At the start of a run, what was written last is not at p[-1] (a space
 * may have been dropped): the loop decides.
 */
static inline bool may_be_ling(const char *p, bool run_start)
{
	return run_start || (unsigned char)p[-1] >= 0x80;
}

/*
 * How many of the sixteen bytes at p (a character start) belong to
 * characters that the loop in normalize_chars() copies as they are and
 * notes nothing about but that they came last, before the first that does
 * not: printable ASCII but '(' (a gloss may follow) and '?' (runs of it
 * become a gap), line ends, ideographs U+4000..U+9FFF (lead bytes E4..E9),
 * and kept_punct(). A 0, O or o that may_be_ling() is left to the loop.
 * run_start: p is where the loop left off. Reads up to p[17], and p[-1]
 * unless run_start.
 */
static unsigned plain_prefix(const char *p, bool run_start)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i odd = _mm_or_si128(_mm_or_si128(bytes_eq(v, '('), bytes_eq(v, '?')),
				   _mm_or_si128(bytes_eq(v, '0'), bytes_eq(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'o')));
	__m128i ascii = _mm_andnot_si128(odd, bytes_between(v, 0x20, 0x7F));
	__m128i cont = _mm_cmpgt_epi8(_mm_set1_epi8(-0x40), v); /* 80..BF */
	__m128i ideograph = bytes_between(v, -0x1D, -0x16);  /* E4..E9 */
	__m128i plain = _mm_or_si128(_mm_or_si128(ascii, bytes_eq(v, '\n')), _mm_or_si128(cont, ideograph));
	unsigned mask = (unsigned)_mm_movemask_epi8(plain);
	/* The other bytes one by one: few in a block. */
	for (unsigned other = ~mask & 0xFFFF; other; other &= other - 1) {
		unsigned i = (unsigned)__builtin_ctz(other);
		if (is_zero_like(p[i]) ? may_be_ling(p + i, run_start && i == 0) : !kept_punct_at(p + i))
			return i;
	}
	return 16;
}

/* Is one of the ideographs (E4..E9) among the n bytes at p traditional? */
static bool traditional_in(const char *p, unsigned n)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned leads = (unsigned)_mm_movemask_epi8(bytes_between(v, -0x1D, -0x16)) & ((1u << n) - 1);
	for (; leads; leads &= leads - 1)
		if (is_traditional(three_byte_at(p + __builtin_ctz(leads))))
			return true;
	return false;
}

/*
 * Skip the characters that plain_prefix() finds plain, sixteen bytes at a
 * time, up to the first other one or up to the last whole block, back to the
 * start of a character (noting traditional ones unless *trad is already
 * set); then note the last character and the run of digits before it, as the
 * character loop would have.
 */
static const char *skip_plain(const char *p, const char *end, uint32_t *prev, size_t *digits,
			      bool *trad)
{
	const char *start = p;
	while (end - p >= 18) {
		unsigned n = plain_prefix(p, p == start);
		if (!*trad && traditional_in(p, n))
			*trad = true;
		p += n;
		if (n < 16)
			break;
	}
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80) /* a block may end inside a character */
		p--;
	if (p == start)
		return p;
	size_t k = 0;
	while (start + k < p && p[-1 - (ptrdiff_t)k] >= '0' && p[-1 - (ptrdiff_t)k] <= '9')
		k++;
	*digits = start + k == p ? *digits + k : k;
	/* Only ASCII and three-byte characters were skipped (in valid UTF-8). */
	unsigned char last = (unsigned char)p[-1];
	*prev = last < 0x80 ? last : p - start >= 3 ? three_byte_at(p - 3) : 0xFFFD;
	return p;
}
#else
static const char *skip_plain(const char *p, const char *end, uint32_t *prev, size_t *digits,
			      bool *trad)
{
	(void)end, (void)prev, (void)digits, (void)trad;
	return p;
}
#endif

static bool is_tone_vowel(uint32_t c)
{
	static const uint32_t v[] = {0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8,
				     0x12B, 0xED, 0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2,
				     0x16B, 0xFA, 0x1D4, 0xF9, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (c == v[i])
			return true;
	return false;
}

/* Can a pinyin gloss's first letter start at p: a–z, or a tone vowel (two
 * bytes, lead C3..C7)? gloss_len() is 0 for a bracket not followed by one. */
static bool may_open_gloss(const char *p, const char *end)
{
	unsigned char b = p < end ? (unsigned char)*p : 0;
	return (b >= 'a' && b <= 'z') || (b >= 0xC3 && b <= 0xC7);
}

/* Length in bytes of a pinyin gloss "(yè)" at p, or 0. */
static size_t gloss_len(const char *p, const char *end)
{
	bool ascii = p < end && *p == '(';
	if (!ascii && (end - p < 3 || memcmp(p, "\xEF\xBC\x88", 3) != 0))
		return 0;
	const char *q = p + (ascii ? 1 : 3);
	int letters = 0;
	bool tone = false;
	while (q < end && letters <= 7) {
		const char *r = q;
		uint32_t c = zc_utf8_next(&r, end);
		if (c == ')' || c == 0xFF09) {
			if (letters >= 1 && tone)
				return (size_t)(r - p);
			return 0;
		}
		if (c < 'a' || c > 'z') { /* no tone vowel is ASCII: the common case first */
			if (!is_tone_vowel(c))
				return 0;
			tone = true;
		}
		letters++;
		q = r;
	}
	return 0;
}

static bool cjkish(uint32_t c)
{
	return zc_is_han(c) || (zc_is_cjk_punct(c) && c != 0x3000);
}

static uint32_t normalize_char(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E && !fullwidth_kept(c))
		return c - 0xFEE0;
	if (c == '\t' || c == 0xA0 || c == 0x3000 || c == 0x202F || c == 0x205F ||
	    (c >= 0x2000 && c <= 0x200A))
		return ' ';
	if (c == 0x2212 || c == 0x2013) /* minus sign, en dash between digits: a hyphen */
		return c;
	return c;
}

/* How many bytes of s[0..len) are spaces (*ret_spaces), and how many are
 * the lead bytes E5..E9 (returned), in one pass. */
static size_t count_spaces_and_leads(const char *s, size_t len, size_t *ret_spaces)
{
	size_t leads = 0, spaces = 0, i = 0;
#if defined(__SSE2__)
	/* Per-byte counters (a match subtracts -1), summed before they can wrap. */
	const __m128i base = _mm_set1_epi8((char)0xE5), span = _mm_set1_epi8(0xE9 - 0xE5), zero = _mm_setzero_si128();
	while (i + 16 <= len) {
		__m128i acc_leads = zero, acc_spaces = zero;
		for (int k = 0; k < 255 && i + 16 <= len; k++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i t = _mm_sub_epi8(v, base); /* t <= E9 - E5, unsigned, for E5..E9 */
			acc_leads = _mm_sub_epi8(acc_leads, _mm_cmpeq_epi8(_mm_min_epu8(t, span), t));
			acc_spaces = _mm_sub_epi8(acc_spaces, bytes_eq(v, ' '));
		}
		uint64_t sum[2];
		_mm_storeu_si128((__m128i *)(void *)sum, _mm_sad_epu8(acc_leads, zero));
		leads += (size_t)(sum[0] + sum[1]);
		_mm_storeu_si128((__m128i *)(void *)sum, _mm_sad_epu8(acc_spaces, zero));
		spaces += (size_t)(sum[0] + sum[1]);
	}
#endif
	for (; i < len; i++) {
		leads += (unsigned char)s[i] >= 0xE5 && (unsigned char)s[i] <= 0xE9;
		spaces += s[i] == ' ';
	}
	*ret_spaces = spaces;
	return leads;
}

/*
 * Is the line s[0..len), which holds two spaces or more, letter-spaced: are
 * most of its Chinese characters followed by one space?
 */
static bool letter_spaced(const char *s, size_t len)
{
	/* Cheap bounds first. Each space follows at most one character, so
	 * there are at least as many spaces as characters spaced; and at least
	 * as many Chinese characters as lead bytes E5..E9 (U+5000..U+9FFF).
	 * Below the ratio with those, the line is not letter-spaced. */
	size_t spaces;
	size_t han = count_spaces_and_leads(s, len, &spaces);
	if (han > 1 && spaces * 10 < (han - 1) * 6)
		return false;
	size_t cjk = 0, spaced = 0;
	const char *e = s + len;
	for (const char *q = s; q < e;) {
		const char *r = q;
		uint32_t c = zc_utf8_next(&r, e);
		if (zc_is_han(c)) {
			cjk++;
			if (r < e && *r == ' ' && (r + 1 >= e || r[1] != ' '))
				spaced++;
		}
		q = r;
	}
	return cjk >= 3 && spaced * 10 >= (cjk - 1) * 6;
}

/*
 * Closing up letter-spaced lines in place: text before w is final; the text
 * from kept on is still where it was, not yet moved to w (lines that stay
 * as they are move in one stretch, when a line before them closes up or at
 * the end).
 */
struct collapse {
	char *w;
	char *kept;
};

/* The line s[0..e) ends (at a line end or the end of the text); spaces is 2
 * or more exactly when the line has two spaces or more. */
static void line_done(struct collapse *c, char *s, char *e, unsigned spaces)
{
	/* Most lines have not even two spaces: the scan tells that at once. */
	if (spaces < 2 || !letter_spaced(s, (size_t)(e - s)))
		return;
	if (c->w != c->kept)
		memmove(c->w, c->kept, (size_t)(s - c->kept));
	c->w += s - c->kept;
	for (char *q = s; q < e; q++) {
		if (*q == ' ') {
			if (q + 1 < e && q[1] == ' ') {
				while (q + 1 < e && q[1] == ' ')
					q++;
				*c->w++ = ' ';
			}
			continue;
		}
		*c->w++ = *q;
	}
	c->kept = e; /* the line end, if any, moves with the text after it */
}

/* At most 2: whether mask has no bit set, one, or more. */
static inline unsigned up_to_two(uint32_t mask)
{
	return (mask != 0) + ((mask & (mask - 1)) != 0);
}

/*
 * Bad OCR and some PDF tools put a space between every character
 * ("关 于 开 展 申 报"). In a line where most Chinese characters are
 * followed by one space, single spaces are removed (runs of two or more,
 * which separate fields, stay as one). Works in place on buf from `from`,
 * finding line ends and spaces in one scan, 32 bytes at a time.
 */
static void collapse_letter_spacing(struct zc_buf *buf, size_t from)
{
	char *p = buf->data + from, *end = buf->data + buf->len;
	struct collapse c = {p, p};
	char *line = p;
	unsigned spaces = 0; /* in the line so far: exact up to 2, then at least 2 */
#if defined(__SSE2__)
	for (; end - p >= 32; p += 32) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
		uint32_t sp = (uint32_t)_mm_movemask_epi8(bytes_eq(a, ' ')) |
			      (uint32_t)_mm_movemask_epi8(bytes_eq(b, ' ')) << 16;
		uint32_t nl = (uint32_t)_mm_movemask_epi8(bytes_eq(a, '\n')) |
			      (uint32_t)_mm_movemask_epi8(bytes_eq(b, '\n')) << 16;
		if (!nl) {
			spaces += sp ? up_to_two(sp) : 0;
			continue;
		}
		for (; nl; nl &= nl - 1) {
			unsigned at = (unsigned)__builtin_ctz(nl);
			uint32_t before = (uint32_t)((1ull << at) - 1);
			spaces += up_to_two(sp & before);
			sp &= ~before;
			line_done(&c, line, p + at, spaces);
			line = p + at + 1;
			spaces = 0;
		}
		spaces += up_to_two(sp);
	}
#endif
	for (; p < end; p++) {
		if (*p == '\n') {
			line_done(&c, line, p, spaces);
			line = p + 1;
			spaces = 0;
		} else if (*p == ' ') {
			spaces++;
		}
	}
	line_done(&c, line, end, spaces);
	if (c.w != c.kept)
		memmove(c.w, c.kept, (size_t)(end - c.kept));
	buf->len = (size_t)(c.w + (end - c.kept) - buf->data);
	buf->data[buf->len] = '\0';
}

/* zc_clean_normalize_ex; valid: in is valid UTF-8, so that plain runs may be skipped in blocks. */
static int normalize_text(const char *in, size_t len, struct zc_buf *out, bool *saw_traditional, bool valid)
{
	size_t start = out->len;
	/* Already known to hold traditional characters: no need to look for more
	 * (and the loop can skip plain text faster). */
	bool trad = saw_traditional && *saw_traditional;
	int r = normalize_chars(in, len, out, &trad, valid);
	if (r == 0 && out->data)
		collapse_letter_spacing(out, start);
	if (r == 0 && trad && saw_traditional)
		*saw_traditional = true;
	return r;
}

int zc_clean_normalize_ex(const char *in, size_t len, struct zc_buf *out, bool *saw_traditional)
{
	return normalize_text(in, len, out, saw_traditional, true);
}

int zc_clean_normalize(const char *in, size_t len, struct zc_buf *out)
{
	return normalize_text(in, len, out, NULL, zc_utf8_valid(in, len));
}

/* A numeral of a year written in Chinese (二〇一三): 〇 零 ○ 一 … 九. */
static bool cn_year_numeral(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96F6: case 0x25CB: case 0x4E00: case 0x4E8C: case 0x4E09: /* 〇 零 ○ 一 二 三 */
	case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: /* 四 五 六 七 八 九 */
		return true;
	default:
		return false;
	}
}

/* A Latin O or a zero typed for 〇 inside such a year ("二O一三年", "二OO四年"),
 * with next pointing after it: between numerals, or between one and 年. */
static bool zero_for_ling(uint32_t c, uint32_t prev, const char *next, const char *end)
{
	if (!(c == 'O' || c == 'o' || c == '0') || !cn_year_numeral(prev))
		return false;
	while (next < end && (*next == 'O' || *next == 'o' || *next == '0'))
		next++;
	if (next >= end)
		return false;
	uint32_t n = zc_utf8_next(&next, end);
	n = normalize_char(n);
	return cn_year_numeral(n) || n == 0x5E74 /* 年 */ || n == 'O' || n == '0';
}

static int normalize_chars(const char *in, size_t len, struct zc_buf *out, bool *trad, bool valid)
{
	const char *p = in, *end = in + len;
	uint32_t prev = '\n'; /* last code point written */
	size_t digits = 0;     /* length of the run of ASCII digits just written */
	int r = 0;
	while (p < end && r == 0) {
		/* Fast path: a run of characters that stay as they are is copied at once. */
		const char *run = p;
		while (p < end) {
			if (valid && (p = skip_plain(p, end, &prev, &digits, trad)) >= end)
				break;
			unsigned char b = (unsigned char)*p;
			if (((b >= 0x21 && b < 0x7F && b != '(' && b != '?') || b == '\n') && /* a line end stays too */
			    !zero_for_ling(b, prev, p + 1, end)) {
				digits = b >= '0' && b <= '9' ? digits + 1 : 0;
				prev = b;
				p++;
				continue;
			}
			/* A space after a line end or a space (an indentation) stays: only
			 * one after CJK or a digit may be dropped (below). */
			if (b == ' ' && (prev == '\n' || prev == ' ')) {
				digits = 0;
				p++;
				continue;
			}
			if (b < 0xE2 || b > 0xEF || end - p < 3 || ((unsigned char)p[1] & 0xC0) != 0x80 ||
			    ((unsigned char)p[2] & 0xC0) != 0x80)
				break;
			uint32_t c = three_byte_at(p);
			/* Three-byte CJK (U+4E00..U+9FFF: lead bytes E4..E9), which never change. */
			if (b >= 0xE4 && b <= 0xE9) {
				if (is_traditional(c))
					*trad = true;
			} else if (!kept_punct(c) && !(c == 0xFF08 && !may_open_gloss(p + 3, end))) {
				break;
			}
			prev = c;
			digits = 0;
			p += 3;
		}
		if (p > run && (r = zc_buf_add(out, run, (size_t)(p - run))) < 0)
			break;
		if (p >= end)
			break;
		/* An ideographic space after a line end or a space (an indentation)
		 * is one space, whatever follows (see the space rule below). */
		if (end - p >= 3 && !memcmp(p, "\xE3\x80\x80", 3) && (prev == '\n' || prev == ' ')) {
			if ((r = zc_buf_addc(out, ' ')) < 0)
				break;
			p += 3;
			digits = 0;
			prev = ' ';
			continue;
		}
		uint32_t c = zc_utf8_next(&p, end);
		if (is_traditional(c))
			*trad = true;
		if (c == '\r') {
			if (p < end && *p == '\n')
				continue;
			c = '\n';
		}
		if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x00AD)
			continue;
		if (c < 0x20 && c != '\n' && c != '\t')
			continue;
		c = normalize_char(c);
		if (zero_for_ling(c, prev, p, end))
			c = 0x3007;
		if ((c == '(' || c == 0xFF08) && zc_is_han(prev)) {
			const char *start = p - (c == '(' ? 1 : 3);
			size_t g = gloss_len(start, end);
			if (g) {
				p = start + g;
				continue;
			}
		}
		if (c == '?' && p < end && *p == '?') {
			/* A run of '?' is what a mirror left for lost characters or spaces. */
			while (p < end && *p == '?')
				p++;
			c = ' ';
			if (prev != ' ')
				r = zc_buf_adds(out, "  ");
			prev = ' ';
			continue;
		}
		/* Drop a single space between CJK and a digit (or CJK punctuation);
		 * only after CJK or a short number can it go: look ahead then. */
		bool prev_digit = prev >= '0' && prev <= '9' && digits <= 4;
		if (c == ' ' && (prev_digit || cjkish(prev))) {
			const char *q = p;
			uint32_t next = q < end ? zc_utf8_next(&q, end) : '\n';
			next = normalize_char(next);
			/* Only short numbers (years, months, counts: "2019 年", "44 号"):
			 * a space after a postcode or phone separates fields. */
			size_t ahead = 0;
			const char *d = q - 1;
			for (; d < end && *d >= '0' && *d <= '9'; d++)
				ahead++;
			/* "…红线图 2.补偿方案": a list number after a space keeps it. */
			bool list_number = ahead && ahead <= 2 && d < end && (*d == '.' || *d == ')') &&
					   d + 1 < end && !(d[1] >= '0' && d[1] <= '9');
			bool next_digit = next >= '0' && next <= '9' && ahead <= 4 && !list_number;
			if ((cjkish(prev) && (next_digit || (zc_is_cjk_punct(next) && next != 0x3000))) ||
			    (prev_digit && zc_is_han(next)) ||
			    (zc_is_cjk_punct(prev) && prev != 0x3000 && zc_is_han(next)))
				continue;
		}
		char u[4];
		size_t n = zc_utf8_put(u, c);
		r = zc_buf_add(out, u, n);
		digits = c >= '0' && c <= '9' ? digits + 1 : 0;
		prev = c;
	}
	return r;
}

#if defined(__SSE2__)
/*
 * is_traditional(three_byte_at(u)) for the lead byte at u, in fewer steps:
 * the 64 code points that share their first two bytes are 8 bytes of the
 * bitmap (U+4E00 starts one such page), read as one little-endian word
 * (x86-64 is little-endian).
 */
static inline bool traditional_at(const unsigned char *u)
{
	uint32_t page = ((uint32_t)(u[0] & 0x0F) << 6 | (u[1] & 0x3F)) - (0x4E00 >> 6);
	if (page >= (0x9FFF + 1 - 0x4E00) >> 6)
		return false;
	uint64_t bits;
	memcpy(&bits, zc_trad_bitmap + page * 8, sizeof(bits));
	return bits >> (u[2] & 0x3F) & 1;
}
#endif

bool zc_clean_has_traditional(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s, *e = u + len;
	/* Only the lead bytes E4..E9 (U+4000..U+9FFF) are looked at, each with
	 * the two bytes after it, whatever they are; scanning goes on after them. */
#if defined(__SSE2__)
	/* Sixteen bytes at a time: the lead bytes in a mask, then each in turn.
	 * A lead byte among the two bytes after another (bad UTF-8) is skipped
	 * by the loop below: from there, that loop goes on. covered: the bytes
	 * at the start of the block that belong to a lead byte of the last one. */
	unsigned covered = 0;
	while (e - u >= 18) { /* a lead byte in the block has its two bytes after it */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
		unsigned leads = (unsigned)_mm_movemask_epi8(bytes_between(v, -0x1D, -0x16)); /* E4..E9 */
		unsigned after = leads << 1 | leads << 2;
		if (leads & (after | covered))
			break;
		bool found = false;
		for (; leads; leads &= leads - 1)
			found |= traditional_at(u + __builtin_ctz(leads));
		if (found)
			return true;
		covered = after >> 16;
		u += 16;
	}
	u += covered == 3 ? 2 : covered;
#endif
	while (u < e) {
		if (*u < 0xE4 || *u > 0xE9) {
			u++;
			continue;
		}
		if (e - u < 3)
			break;
		if (is_traditional(three_byte_at((const char *)u)))
			return true;
		u += 3;
	}
	return false;
}

extern const uint16_t zc_trad_pairs[][2];
extern const size_t zc_trad_npairs;

/* zc_trad_pairs as a direct table over U+4E00..U+9FFF (42 KB, 0: unchanged),
 * built once: a line with traditional characters has all its ideographs
 * looked up, most of them unchanged. */
static uint16_t simplified_table[0x9FFF - 0x4E00 + 1];
static pthread_once_t simplified_once = PTHREAD_ONCE_INIT;

static void simplified_table_build(void)
{
	for (size_t i = 0; i < zc_trad_npairs; i++)
		simplified_table[zc_trad_pairs[i][0] - 0x4E00] = zc_trad_pairs[i][1];
}

/* The simplified form of c (U+4E00..U+9FFF) in zc_trad_pairs, or c. */
static uint32_t simplified_of(uint32_t c)
{
	uint16_t s = simplified_table[c - 0x4E00];
	return s ? s : c;
}

bool zc_clean_fold_line(char *s, size_t len)
{
	if (!zc_clean_has_traditional(s, len))
		return false;
	/* Character by character: three bytes stay three bytes. */
	pthread_once(&simplified_once, simplified_table_build);
	bool changed = false;
	char *q = s, *end = s + len;
	while (q < end) {
		const char *c0 = q;
		uint32_t c = zc_utf8_next(&c0, end);
		size_t cl = (size_t)(c0 - q);
		if (cl == 3 && c >= 0x4E00 && c <= 0x9FFF) {
			uint32_t sc = simplified_of(c);
			if (sc != c) {
				zc_utf8_put(q, sc);
				changed = true;
			}
		}
		q += cl;
	}
	return changed;
}

int zc_clean_simplify(const char *in, size_t len, struct zc_buf *out, bool *changed)
{
	const char *p = in, *end = in + len;
	int r = 0;
	/* Most texts have no traditional character at all: one scan, one copy. */
	if (!zc_clean_has_traditional(in, len))
		return zc_buf_add(out, in, len);
	while (p < end && r == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl + 1 : end;
		size_t n = (size_t)(line_end - p), at = out->len;
		if ((r = zc_buf_add(out, p, n)) < 0)
			return r;
		if (zc_clean_fold_line(out->data + at, n) && changed)
			*changed = true;
		p = line_end;
	}
	return r;
}

/* simplified_of() over U+4E00..U+9FFF as a direct table (42 KB), built once:
 * the search tokenizer folds every character it indexes. 0: unchanged. */
static uint16_t fold_table[0x9FFF - 0x4E00 + 1];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_table_build(void)
{
	pthread_once(&simplified_once, simplified_table_build);
	memcpy(fold_table, simplified_table, sizeof(fold_table));
	/* Follow chains (薴 → 苧 → 苎) to their end, so that folding is
	 * idempotent: a query, folded once by the parser and again by the
	 * tokenizer, must meet the text folded once. */
	for (size_t i = 0; i < sizeof(fold_table) / sizeof(fold_table[0]); i++) {
		uint16_t t = fold_table[i];
		for (int hops = 0; t && hops < 8; hops++) {
			if (t < 0x4E00 || t > 0x9FFF || !fold_table[t - 0x4E00] || fold_table[t - 0x4E00] == t)
				break;
			t = fold_table[t - 0x4E00];
		}
		fold_table[i] = t == 0x4E00 + i ? 0 : t;
	}
}

uint32_t zc_fold_char(uint32_t c)
{
	if (c < 0x20 && c != '\n')
		return ' ';
	c = normalize_char(c);
	if (c < 0x4E00 || c > 0x9FFF)
		return c;
	pthread_once(&fold_once, fold_table_build);
	uint16_t s = fold_table[c - 0x4E00];
	return s ? s : c;
}
