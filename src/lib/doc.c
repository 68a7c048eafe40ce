/* doc.c: a text as aligned display/analysis lines (see doc.h). */
#include <errno.h>
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
 * spaces: make each run of two or more a line break. The first space
 * becomes the newline, so byte offsets do not move.
 */
static void break_flat_lines(char *s, size_t len)
{
	char *p = s, *end = s + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl : end;
		if (e - p > 600) {
			for (char *q = p; q + 1 < e; q++)
				if (q[0] == ' ' && q[1] == ' ') {
					*q = '\n';
					while (q + 1 < e && q[1] == ' ')
						q++;
				}
		}
		p = nl ? nl + 1 : end;
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

static bool traditional_at(const unsigned char *p)
{
	/* The 64 characters that share a lead and a second byte have eight
	 * bytes of the table (U+4E00 starts such a block): one word of bits. */
	uint32_t block = ((uint32_t)(p[0] & 0x0F) << 6 | (p[1] & 0x3F)) - (0x4E00 >> 6);
	uint64_t bits;
	if (block >= (0x9FFF - 0x4E00 + 1) >> 6) /* wraps below U+4E00 */
		return false;
	memcpy(&bits, zc_trad_bitmap + 8 * block, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	bits = __builtin_bswap64(bits); /* the table's first byte holds the low bits */
#endif
	return (bits >> (p[2] & 0x3F)) & 1;
}

/* The first traditional-only character of s[0..len), or s + len. Lead
 * bytes E4–E9 start U+4000..U+9FFF; no other byte of a character is one. */
static const char *find_traditional(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i base = _mm_set1_epi8((char)0xE4), span = _mm_set1_epi8(0xE9 - 0xE4);
	for (; i + 16 + 2 <= len; i += 16) { /* a lead byte's character ends in the text */
		__m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i)), base);
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, span), t));
		for (; mask; mask &= mask - 1) {
			size_t at = i + (unsigned)__builtin_ctz(mask);
			if (traditional_at(u + at))
				return s + at;
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
	if (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r'))
		return 1;
	if (avail >= 2 && p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 */
		return 2;
	if (avail >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||                /* U+3000 */
			   (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||                /* U+FEFF */
			   (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) || /* U+2000–200B, U+202F */
			   (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)))                  /* U+205F */
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
	/* A lead byte two or three from the end starts the last character. */
	while (n && ((k = 1, space_len(p + n - 1, 1) == 1) || (k = 2, n >= 2 && space_len(p + n - 2, 2) == 2) ||
		     (k = 3, n >= 3 && space_len(p + n - 3, 3) == 3)))
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

int zc_doc_load(struct zc_doc *doc, const char *text, size_t len)
{
	int r;
	zc_buf_reset(&doc->display);
	zc_buf_reset(&doc->analysis);
	doc->lines.n = 0;
	if ((r = zc_buf_add(&doc->display, text, len)) < 0)
		return r;
	break_flat_lines(doc->display.data, doc->display.len);
	/* The analysis copy: the display text, its lines folded one by one
	 * below, in place (folding keeps every byte offset). */
	if ((r = zc_buf_add(&doc->analysis, doc->display.data, doc->display.len)) < 0)
		return r;
	if ((r = zc_buf_add(&doc->analysis, "", 0)) < 0) /* allocated even when empty */
		return r;
	const char *d = doc->display.data, *dend = d + doc->display.len;
	char *a = doc->analysis.data;
	size_t alen = doc->analysis.len;
	const char *trad = doc->simplified ? a + alen : find_traditional(a, alen);
	while (d < dend) {
		const char *nl = memchr(d, '\n', (size_t)(dend - d));
		const char *de = nl ? nl : dend;
		struct zc_line line = {0};
		unsigned indent = 0;
		for (const char *q = d; q < de && (*q == ' '); q++)
			indent++;
		line.indent = indent;
		line.dlen = (size_t)(de - d);
		line.d = trim(d, &line.dlen);
		analysis_line(&line, d, a, (size_t)(de - d), trad < a + (de - d));
		line.offset = (size_t)(d - doc->display.data);
		line.width = zc_utf8_width(line.s, line.len);
		if (line.len == 0)
			line.flags |= ZC_LINE_BLANK;
		if (!zc_vec_push(&doc->lines, &line))
			return -ENOMEM;
		size_t step = (size_t)(de - d) + (nl ? 1 : 0);
		d += step;
		a += step;
		if (trad < a)
			trad = find_traditional(a, (size_t)(doc->analysis.data + alen - a));
	}
	return 0;
}
