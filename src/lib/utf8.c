/* utf8.c: UTF-8 decoding and character classes used across the pipeline. */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "utf8.h"
#include "banned.h"

size_t zc_utf8_put(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

size_t zc_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

bool zc_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) || c == 0x3007;
}

bool zc_is_cjk_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0xFE30 && c <= 0xFE4F);
}

bool zc_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
	       c == 0x205F || c == 0xFEFF;
}

size_t zc_utf8_width(const char *s, size_t len)
{
	/* From lead bytes alone: characters from U+3000 up (CJK, Hangul, full-width
	 * forms; lead bytes E3–EF and four-byte ones) are wide; the rest, including
	 * U+2000–U+2FFF (dashes, box drawing, circled numbers: lead byte E2), narrow.
	 * Close enough to a terminal's count for measuring lines, with no decoding. */
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, i = 0;
#if defined(__SSE2__)
	/* Sixteen bytes at a time: one for each byte that starts a character
	 * (signed, above -65: not 0x80..0xBF), one more for each from 0xE3 up. */
	const __m128i cont = _mm_set1_epi8(-65), wide = _mm_set1_epi8((char)0xE3), zero = _mm_setzero_si128();
	while (i + 16 <= len) {
		__m128i acc = zero;
		for (int k = 0; k < 127 && i + 16 <= len; k++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			acc = _mm_sub_epi8(acc, _mm_cmpgt_epi8(v, cont));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_max_epu8(v, wide), v));
		}
		uint64_t sum[2];
		_mm_storeu_si128((__m128i *)(void *)sum, _mm_sad_epu8(acc, zero));
		w += (size_t)(sum[0] + sum[1]);
	}
#endif
	for (; i < len; i++) {
		unsigned char b = p[i];
		if (b < 0x80)
			w++;
		else if (b >= 0xE3)
			w += 2;
		else if (b >= 0xC0)
			w++;
	}
	return w;
}

/* Can the byte start a space character? (ASCII white space, NBSP C2 A0, U+2000.. E2, U+3000 E3, U+FEFF EF) */
static inline bool may_start_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r') || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF;
}

const char *zc_trim(const char *s, size_t *len)
{
	const char *p = s, *end = s + *len;
	/* Fast path: no space at either end, told by a byte or two. */
	if (*len && !may_start_space((unsigned char)p[0])) {
		unsigned char last = (unsigned char)end[-1];
		if (last < 0x80 ? !(last == ' ' || (last >= '\t' && last <= '\r'))
				: (*len >= 3 && !may_start_space((unsigned char)end[-3]) &&
				   ((unsigned char)end[-3] & 0xF0) == 0xE0))
			return p;
	}
	while (p < end) {
		const char *q = p;
		if (!zc_is_space(zc_utf8_next(&q, end)))
			break;
		p = q;
	}
	while (end > p) {
		const char *q = end;
		if (!zc_is_space(zc_utf8_prev(&q, p)))
			break;
		end = q;
	}
	*len = (size_t)(end - p);
	return p;
}

#if defined(__SSE2__)
/*
 * Needles of two bytes or more, sixteen positions at a time: a position is
 * a candidate when both its byte and the byte n-1 further on are the
 * needle's first and last bytes. In Chinese text the lead byte alone is
 * common (E4–E9 start most characters), the pair rarely: few candidates
 * reach memcmp. Candidates are tried left to right, so the first
 * occurrence is found, as with memmem.
 */
static inline __m128i pair_bytes(const char *p, size_t n, __m128i first, __m128i last)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 1));
	return _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last));
}

static inline unsigned pair_mask(const char *p, size_t n, __m128i first, __m128i last)
{
	return (unsigned)_mm_movemask_epi8(pair_bytes(p, n, first, last));
}

/* Are a[0..k) and b[0..k) equal? For the few bytes between a candidate's
 * first and last (one for a Chinese character): no call to memcmp. */
static inline bool same_bytes(const char *a, const char *b, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (a[j] != b[j])
			return false;
	return true;
}

/* The first candidate of the block at s + i, from its position skip on, that holds x; or NULL. */
static inline const char *first_in_block(const char *s, size_t i, unsigned skip, const char *x, size_t n,
					 __m128i first, __m128i last)
{
	for (unsigned mask = pair_mask(s + i, n, first, last) >> skip << skip; mask; mask &= mask - 1) {
		size_t at = i + (unsigned)__builtin_ctz(mask);
		if (same_bytes(s + at + 1, x + 1, n - 2))
			return s + at;
	}
	return NULL;
}

/*
 * s[0..len) (len < 16) in a vector, zero after it, read as two overlapping
 * words, none past the end (x86 is little-endian: byte k of a word is bits
 * 8k and up).
 */
static inline __m128i load_short(const char *s, size_t len)
{
	uint64_t lo = 0, hi = 0;
	if (len >= 8) {
		memcpy(&lo, s, 8);
		memcpy(&hi, s + len - 8, 8); /* s[8..len) are its last len - 8 bytes */
		hi = len == 8 ? 0 : hi >> 8 * (16 - len);
	} else if (len >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4); /* placed at len - 4, over bytes of a that are the same */
		lo = a | (uint64_t)b << 8 * (len - 4);
	} else {
		for (size_t i = 0; i < len; i++)
			lo |= (uint64_t)(unsigned char)s[i] << 8 * i;
	}
	return _mm_set_epi64x((long long)hi, (long long)lo);
}

/* The first of the candidates in mask (bit i: s + i) that holds x, or NULL. */
static inline const char *first_candidate(const char *s, unsigned mask, const char *x, size_t n)
{
	for (; mask; mask &= mask - 1) {
		unsigned at = (unsigned)__builtin_ctz(mask);
		if (same_bytes(s + at + 1, x + 1, n - 2))
			return s + at;
	}
	return NULL;
}

/*
 * A text too short for one block of pairs (len < n - 1 + 16): its first
 * bytes and its last ones in one vector each, or the whole text in one,
 * and the candidates among the len - n + 1 places where x fits.
 */
static const char *memstr_short(const char *s, size_t len, const char *x, size_t n, __m128i first,
				__m128i last)
{
	unsigned fits = (2u << (len - n)) - 1, firsts, lasts;
	if (len < 16) {
		__m128i v = load_short(s, len);
		firsts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, first));
		lasts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, last)) >> (n - 1);
	} else {
		/* The last byte of x at place i is byte i + n - 1 - (len - 16) of the last sixteen. */
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		firsts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, first));
		lasts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, last)) >> (n - 1 + 16 - len);
	}
	return first_candidate(s, firsts & lasts & fits, x, n);
}

static const char *memstr_sse2(const char *s, size_t len, const char *x, size_t n)
{
	const __m128i first = _mm_set1_epi8(x[0]), last = _mm_set1_epi8(x[n - 1]);
	const char *p;
	if (len < n - 1 + 16) /* too short for one block */
		return memstr_short(s, len, x, n, first, last);
	size_t end = len - (n - 1) - 16; /* the last block starts here */
	size_t i = 0;
	/* Four blocks at a time (one test of all, their masks only when it
	 * finds a candidate), then one, then the last block, overlapping the
	 * one before: what that one saw is skipped. */
	for (; i + 48 <= end; i += 64) {
		__m128i a = pair_bytes(s + i, n, first, last), b = pair_bytes(s + i + 16, n, first, last);
		__m128i c = pair_bytes(s + i + 32, n, first, last), d = pair_bytes(s + i + 48, n, first, last);
		if (!_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))))
			continue;
		uint64_t mask = (uint64_t)_mm_movemask_epi8(a) | (uint64_t)_mm_movemask_epi8(b) << 16 |
				(uint64_t)_mm_movemask_epi8(c) << 32 | (uint64_t)_mm_movemask_epi8(d) << 48;
		for (; mask; mask &= mask - 1) {
			size_t at = i + (unsigned)__builtin_ctzll(mask);
			if (same_bytes(s + at + 1, x + 1, n - 2))
				return s + at;
		}
	}
	for (; i < end; i += 16)
		if ((p = first_in_block(s, i, 0, x, n, first, last)))
			return p;
	return first_in_block(s, end, (unsigned)(i - end), x, n, first, last);
}
#endif

const char *zc_memstr_n(const char *s, size_t len, const char *x, size_t n)
{
	if (n == 0)
		return s;
	if (len < n)
		return NULL;
	if (n == 1)
		return memchr(s, x[0], len);
#if defined(__SSE2__)
	return memstr_sse2(s, len, x, n);
#else
	/* Short needles in short texts (a word in a paragraph, the common case):
	 * a plain loop beats memmem's set-up. */
	if (n <= 6 && len <= 512) {
		const char *end = s + len - n;
		for (const char *p = s; p <= end; p++) {
			p = memchr(p, x[0], (size_t)(end - p) + 1);
			if (!p)
				return NULL;
			if (!memcmp(p, x, n))
				return p;
		}
		return NULL;
	}
	return memmem(s, len, x, n);
#endif
}

size_t zc_count_byte(const char *s, size_t len, char c)
{
	size_t n = 0, i = 0;
#if defined(__SSE2__)
	/* Per-byte counters (a match subtracts -1), summed before they can wrap. */
	const __m128i x = _mm_set1_epi8(c), zero = _mm_setzero_si128();
	while (i + 16 <= len) {
		__m128i acc = zero;
		for (int k = 0; k < 255 && i + 16 <= len; k++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), x));
		uint64_t sum[2];
		_mm_storeu_si128((__m128i *)(void *)sum, _mm_sad_epu8(acc, zero));
		n += (size_t)(sum[0] + sum[1]);
	}
#endif
	for (; i < len; i++)
		n += s[i] == c;
	return n;
}

const char *zc_find_in_range(const char *s, size_t len, unsigned char lo, unsigned char hi)
{
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i base = _mm_set1_epi8((char)lo), span = _mm_set1_epi8((char)(hi - lo));
	for (; i + 16 <= len; i += 16) {
		__m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), base);
		/* t <= hi - lo, unsigned, exactly for the bytes lo..hi */
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, span), t));
		if (mask)
			return s + i + __builtin_ctz(mask);
	}
#endif
	for (; i < len; i++)
		if ((unsigned char)s[i] >= lo && (unsigned char)s[i] <= hi)
			return s + i;
	return NULL;
}

/* Length of the well-formed UTF-8 sequence at p (0 if malformed, -1 if cut by end). */
int zc_utf8_seq(const unsigned char *p, size_t avail)
{
	unsigned c = p[0];
	int n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	uint32_t cp = c & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((size_t)i >= avail)
			return -1;
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

bool zc_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		int n = zc_utf8_seq(p + i, len - i);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

bool zc_may_be_date_line(const char *s, size_t len)
{
	if (len < 8 || len > 80)
		return false;
	/* It starts with a year: a digit, 一 or 二 (一九…, 二〇…), 〇, or a bracket. */
	unsigned char c0 = (unsigned char)s[0];
	if (!((c0 >= '0' && c0 <= '9') || c0 == '(' || zc_starts_with(s, len, "（") || zc_starts_with(s, len, "二") ||
	      zc_starts_with(s, len, "一") || zc_starts_with(s, len, "〇")))
		return false;
	unsigned char last = (unsigned char)s[len - 1];
	return (last >= '0' && last <= '9') || last == ')' || zc_ends_with(s, len, "日") ||
	       zc_ends_with(s, len, "）");
}
