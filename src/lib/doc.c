/* doc.c: a text as aligned display/analysis lines (see doc.h). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "zhengce/clean.h"
#include "doc.h"
#include "utf8.h"
#include "banned.h"

void zc_doc_init(struct zc_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	zc_buf_init(&doc->display, 0);
	zc_buf_init(&doc->analysis, 0);
	doc->lines.size = sizeof(struct zc_line);
}

void zc_doc_free(struct zc_doc *doc)
{
	if (!doc)
		return;
	zc_buf_free(&doc->display);
	zc_buf_free(&doc->analysis);
	zc_vec_free(&doc->lines);
}

/*
 * A page flattened to one long line keeps its sections apart with runs of
 * spaces: make each run of two or more in the line p[0..e) a line break.
 * The first space becomes the newline, so byte offsets do not move.
 */
enum { FLAT_LINE = 600 }; /* a line longer than this is a flattened page */

static void break_flat_line(char *p, char *e)
{
	for (char *q = p; q + 1 < e; q++)
		if (q[0] == ' ' && q[1] == ' ') {
			*q = '\n';
			while (q + 1 < e && q[1] == ' ')
				q++;
		}
}

/*
 * Traditional characters, looked for once over the whole analysis copy
 * rather than line by line: most lines have none, and the scan below skips
 * everything that is no CJK ideograph sixteen bytes at a time. The test is
 * zc_clean_has_traditional's: a character of U+4E00..U+9FFF marked in the
 * table of traditional-only characters.
 */
extern const uint8_t zc_trad_bitmap[];

/*
 * The table as one word of bits for each 64 characters that share a lead
 * and a second byte, from U+4000 (lead byte E4) to U+9FFF (lead byte E9),
 * the blocks before U+4E00 empty: a lead byte of E4–E9 and any second byte
 * name a block, with no test of the range. Built once.
 */
enum { TRAD_FIRST_BLOCK = 0x4000 >> 6, TRAD_BLOCKS = (0x9FFF + 1 - 0x4000) >> 6 };
static uint64_t trad_blocks[TRAD_BLOCKS];
static pthread_once_t trad_blocks_once = PTHREAD_ONCE_INIT;

static void trad_blocks_build(void)
{
	for (size_t b = (0x4E00 >> 6) - TRAD_FIRST_BLOCK; b < TRAD_BLOCKS; b++) {
		const uint8_t *bytes = zc_trad_bitmap + 8 * (b - ((0x4E00 >> 6) - TRAD_FIRST_BLOCK));
		for (unsigned k = 0; k < 8; k++) /* the table's first byte holds the low bits */
			trad_blocks[b] |= (uint64_t)bytes[k] << (8 * k);
	}
}

/* Is the character whose lead byte (E4–E9) is at p, with two bytes after it, traditional? */
static bool traditional_at(const unsigned char *p)
{
	return trad_blocks[(p[0] - 0xE4) << 6 | (p[1] & 0x3F)] >> (p[2] & 0x3F) & 1;
}

/* The first traditional-only character of s[0..len), or s + len. Lead
 * bytes E4–E9 start U+4000..U+9FFF; no other byte of a character is one. */
static const char *find_traditional(const char *s, size_t len)
{
	pthread_once(&trad_blocks_once, trad_blocks_build);
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
#if defined(__SSE2__)
	/* Sixteen bytes at a time: the lead bytes in a mask and, for every
	 * position, the block its lead and second byte name and the place in
	 * the block its third byte names; then a look at the table for each
	 * lead byte. */
	const __m128i base = _mm_set1_epi8((char)0xE4), span = _mm_set1_epi8(0xE9 - 0xE4),
		      low6 = _mm_set1_epi8(0x3F), zero = _mm_setzero_si128();
	for (; i + 16 + 2 <= len; i += 16) { /* a lead byte's character ends in the text */
		__m128i lead = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i)), base);
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(lead, span), lead));
		if (!mask)
			continue;
		__m128i second = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(u + i + 1)), low6);
		__m128i third = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(u + i + 2)), low6);
		uint16_t block[16]; /* lead - E4, second & 3F: (lead - E4) << 6 | second */
		uint8_t place[16];
		_mm_storeu_si128((__m128i *)(void *)block, _mm_or_si128(_mm_slli_epi16(_mm_unpacklo_epi8(lead, zero), 6),
									_mm_unpacklo_epi8(second, zero)));
		_mm_storeu_si128((__m128i *)(void *)(block + 8),
				 _mm_or_si128(_mm_slli_epi16(_mm_unpackhi_epi8(lead, zero), 6), _mm_unpackhi_epi8(second, zero)));
		_mm_storeu_si128((__m128i *)(void *)place, third);
		for (; mask; mask &= mask - 1) {
			unsigned k = (unsigned)__builtin_ctz(mask);
			if (trad_blocks[block[k]] >> place[k] & 1)
				return s + i + k;
		}
	}
#endif
	for (; i + 3 <= len; i++)
		if (u[i] >= 0xE4 && u[i] <= 0xE9 && traditional_at(u + i))
			return s + i;
	return s + len;
}

/*
 * The length of the white space character (as zc_is_space) at p, avail
 * bytes there, or 0: zc_trim's test on bytes, without decoding. (Most lines
 * end with full-width punctuation, whose lead byte is also one of a space.)
 */
static size_t space_len(const unsigned char *p, size_t avail)
{
	switch (p[0]) { /* most characters' first bytes are none of these: one test */
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
		return 1;
	case 0xC2:
		return avail >= 2 && p[1] == 0xA0 ? 2 : 0; /* U+00A0 */
	case 0xE2:
		return avail >= 3 && ((p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) || /* U+2000–200B, U+202F */
				      (p[1] == 0x81 && p[2] == 0x9F))                    /* U+205F */
			       ? 3
			       : 0;
	case 0xE3:
		return avail >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0; /* U+3000 */
	case 0xEF:
		return avail >= 3 && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0; /* U+FEFF */
	default:
		return 0;
	}
}

/*
 * The length of the white space character that ends p[0..n) (n > 0), or 0.
 * A lead byte two or three from the end starts the last character; the
 * last byte of a character of three bytes that is white space is 80–8B,
 * 9F, AF or BF (most characters' last bytes are none of these).
 */
static size_t trailing_space_len(const unsigned char *p, size_t n)
{
	unsigned char b = p[n - 1];
	if (b < 0x80)
		return b == ' ' || (b >= '\t' && b <= '\r');
	if (n >= 2 && b == 0xA0 && p[n - 2] == 0xC2)
		return 2;
	if (n >= 3 && (b <= 0x8B || b == 0x9F || b == 0xAF || b == 0xBF) && space_len(p + n - 3, 3) == 3)
		return 3;
	return 0;
}

/* zc_trim: s[0..*len) without white space at either end. */
static const char *trim(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = *len, k;
	while (n && (k = space_len(p, n))) {
		p += k;
		n -= k;
	}
	while (n && (k = trailing_space_len(p, n)))
		n -= k;
	*len = n;
	return (const char *)p;
}

/*
 * The analysis line at a[0..len), a copy of display line d[0..len): fold
 * it when it holds a traditional character, and trim it.
 */
static void analysis_line(struct zc_line *line, const char *d, char *a, size_t len, bool traditional)
{
	if (traditional && zc_clean_fold_line(a, len)) {
		line->len = len;
		line->s = trim(a, &line->len);
		line->flags |= ZC_LINE_FOLDED;
	} else { /* the copies are equal: trim once */
		line->len = line->dlen;
		line->s = a + (line->d - d);
	}
}

/* zc_utf8_width of a few bytes (the white space trimmed off a line, the
 * end of a text): one for each byte that starts a character, one more for
 * each lead byte from E3 up. */
static size_t bytes_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		w += (b < 0x80 || b >= 0xC0) + (b >= 0xE3);
	}
	return w;
}

/*
 * The end of the line that starts at p (its newline, or end), and in
 * *ret_width the width of the bytes before it, as zc_utf8_width counts:
 * one for each byte that starts a character, one more for each lead byte
 * from E3 up. The count adds up over any cut of the bytes, so the line is
 * measured as it is searched for its end, sixteen bytes at a time.
 */
static const char *line_end(const char *p, const char *end, size_t *ret_width)
{
	size_t w = 0;
#if defined(__SSE2__)
	/* keep + 16 - k: k bytes of all ones, then zeros */
	static const int8_t keep[32] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
	const __m128i nl = _mm_set1_epi8('\n'), cont = _mm_set1_epi8(-65), wide = _mm_set1_epi8((char)0xE3),
		      zero = _mm_setzero_si128();
	__m128i sum = zero;
	for (; end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* -1 for a byte that starts a character (signed, above -65: not
		 * 0x80..0xBF), -1 more for one from 0xE3 up */
		__m128i count = _mm_add_epi8(_mm_cmpgt_epi8(v, cont), _mm_cmpeq_epi8(_mm_max_epu8(v, wide), v));
		unsigned newline = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
		if (newline) {
			unsigned k = (unsigned)__builtin_ctz(newline);
			count = _mm_and_si128(count, _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - k)));
		}
		sum = _mm_add_epi64(sum, _mm_sad_epu8(_mm_sub_epi8(zero, count), zero));
		if (newline) {
			uint64_t halves[2];
			_mm_storeu_si128((__m128i *)(void *)halves, sum);
			*ret_width = (size_t)(halves[0] + halves[1]);
			return p + __builtin_ctz(newline);
		}
	}
	uint64_t halves[2];
	_mm_storeu_si128((__m128i *)(void *)halves, sum);
	w = (size_t)(halves[0] + halves[1]);
#endif
	const char *start = p;
	while (p < end && *p != '\n')
		p++;
	*ret_width = w + bytes_width(start, (size_t)(p - start));
	return p;
}

/* zc_vec_push for a line: a plain copy while the vec has room. Returns 0 or -ENOMEM. */
static int push_line(struct zc_vec *lines, const struct zc_line *line)
{
	if (lines->n < lines->cap) {
		ZC_VEC_AT(lines, struct zc_line, lines->n++) = *line;
		return 0;
	}
	return zc_vec_push(lines, line) ? 0 : -ENOMEM;
}

int zc_doc_load(struct zc_doc *doc, const char *text, size_t len)
{
	int r;
	zc_buf_reset(&doc->display);
	zc_buf_reset(&doc->analysis);
	doc->lines.n = 0;
	if ((r = zc_buf_add(&doc->display, text, len)) < 0)
		return r;
	/* The analysis copy: the display text, its lines broken (when flat)
	 * and folded one by one below, in place (neither moves a byte). */
	if ((r = zc_buf_add(&doc->analysis, doc->display.data, doc->display.len)) < 0)
		return r;
	if ((r = zc_buf_add(&doc->analysis, "", 0)) < 0) /* allocated even when empty */
		return r;
	char *d = doc->display.data, *dend = d + doc->display.len;
	char *a = doc->analysis.data;
	size_t alen = doc->analysis.len;
	/* (Breaking a line turns spaces into newlines: no traditional character moves.) */
	const char *trad = doc->simplified ? a + alen : find_traditional(a, alen);
	const char *broken_end = d; /* the lines that start before here are parts of a broken one */
	while (d < dend) {
		size_t width;
		const char *de = line_end(d, dend, &width);
		if (de - d > FLAT_LINE && d >= broken_end) {
			/* A line of the text as given, and flat: break it in both copies. */
			broken_end = de;
			break_flat_line(d, d + (de - d));
			memcpy(a, d, (size_t)(de - d));
			de = line_end(d, dend, &width);
		}
		struct zc_line line = {0};
		unsigned indent = 0;
		for (const char *q = d; q < de && (*q == ' '); q++)
			indent++;
		line.indent = indent;
		line.dlen = (size_t)(de - d);
		line.d = trim(d, &line.dlen);
		analysis_line(&line, d, a, (size_t)(de - d), trad < a + (de - d));
		line.offset = (size_t)(d - doc->display.data);
		/* The line's width less that of the white space trimmed off it; a
		 * folded line is measured anew. */
		if (line.flags & ZC_LINE_FOLDED)
			width = zc_utf8_width(line.s, line.len);
		else if (line.dlen < (size_t)(de - d))
			width -= bytes_width(d, (size_t)(line.d - d)) +
				 bytes_width(line.d + line.dlen, (size_t)(de - line.d - line.dlen));
		line.width = width;
		if (line.len == 0)
			line.flags |= ZC_LINE_BLANK;
		if ((r = push_line(&doc->lines, &line)) < 0)
			return r;
		size_t step = (size_t)(de - d) + (de < dend);
		d += step;
		a += step;
		if (trad < a)
			trad = find_traditional(a, (size_t)(doc->analysis.data + alen - a));
	}
	return 0;
}
