/*
 * words.c: many-literal search (see words.h).
 *
 * Three tables: how far a scan may skip on two bytes (a Wu–Manber shift
 * table, a cheap first test), then words of two characters (6–8 bytes)
 * keyed on a hash of their first six bytes and longer words on a hash of
 * their first nine. In Chinese text two-character
 * prefixes of longer words (相关 in 相关文章, 申报 in 申报辅导) are common,
 * while three-character ones are rare; keying long words on nine bytes keeps
 * the positions that need a closer look rare.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "words.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "banned.h"

static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

/* 16-bit hashes of the first six or nine bytes. */
static inline unsigned hash6(const unsigned char *p)
{
	uint64_t v = 0;
	memcpy(&v, p, 6);
	return (unsigned)((v * 0x9E3779B97F4A7C15ull) >> 48);
}

static inline unsigned hash9(const unsigned char *p)
{
	uint64_t v = 0;
	memcpy(&v, p, 8);
	v ^= (uint64_t)p[8] << 56 | (uint64_t)p[8];
	return (unsigned)(((v * 0x9E3779B97F4A7C15ull) >> 48) ^ 0x5bd1);
}

#if defined(__SSE2__)
static size_t char_len(unsigned char b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}
#endif

static int cmp_prefix(const void *a, const void *b)
{
	return memcmp(*(const char *const *)a, *(const char *const *)b, 6);
}

static inline void set_bit(uint8_t *t, unsigned key)
{
	t[key >> 3] |= (uint8_t)(1u << (key & 7));
}

static inline bool has_bit(const uint8_t *t, unsigned key)
{
	return t[key >> 3] & (1u << (key & 7));
}

/*
 * The shift table of the scalar scan (a Wu–Manber scan): by a 14-bit hash
 * of two bytes, how far a window of six bytes may move on when those are
 * its last two. Pairs whose hashes collide share the smaller shift.
 */
#define SHIFT_BITS 14
#define SHIFT_OFFSET (2 * 65536 / 8)
#define TABLE_SIZE (SHIFT_OFFSET + (1u << SHIFT_BITS))

static inline unsigned pair_hash(const unsigned char *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return (v * 0x9E3779B1u) >> (32 - SHIFT_BITS);
}

/* Every pair of bytes among a word's first six: at most 4 - q at its place q. */
static void add_shifts(uint8_t *shift, const unsigned char *q)
{
	for (unsigned k = 0; k + 2 <= 6; k++) {
		uint8_t *sh = &shift[pair_hash(q + k)];
		if (*sh > 4 - k)
			*sh = (uint8_t)(4 - k);
	}
}

/* Note the distinct first characters of the words, when there are few. */
static void collect_leads(struct zc_words *w, const char *const *words, size_t n)
{
	w->nleads = 0;
	w->ascii_lo = 0x7F;
	w->ascii_hi = 0;
	for (size_t i = 0; i < n && w->ascii_lo; i++) {
		unsigned char b = (unsigned char)words[i][0];
		if (b >= 0x80) { /* not all ASCII */
			w->ascii_lo = w->ascii_hi = 0;
		} else {
			w->ascii_lo = b < w->ascii_lo ? b : w->ascii_lo;
			w->ascii_hi = b > w->ascii_hi ? b : w->ascii_hi;
		}
	}
#if defined(__SSE2__)
	for (size_t i = 0; i < n; i++) {
		const unsigned char *q = (const unsigned char *)words[i];
		size_t cl = char_len(q[0]);
		bool known = false;
		for (unsigned k = 0; k < w->nleads && !known; k++)
			known = w->lead_len[k] == cl && w->lead_first[k] == q[0] && w->lead_last[k] == q[cl - 1];
		if (known)
			continue;
		if (w->nleads == ZC_WORDS_MAX_LEADS) {
			w->nleads = 0; /* too many: the scalar scan */
			return;
		}
		w->lead_first[w->nleads] = q[0];
		w->lead_last[w->nleads] = q[cl - 1];
		w->lead_len[w->nleads++] = (uint8_t)cl;
	}
#else
	(void)words;
	(void)n;
#endif
}

/* Build the tables (one block: 8 KiB each, then the 16 KiB shift table) and the index of words by their first six bytes. */
static const uint8_t *table_of(struct zc_words *w)
{
	uint8_t *t = __atomic_load_n(&w->table, __ATOMIC_ACQUIRE);
	if (t)
		return t;
	pthread_mutex_lock(&build_lock);
	if (!w->table) {
		size_t n = 0;
		for (const char *const *p = w->list; *p; p++)
			n += strlen(*p) >= 6;
		const char **sorted = malloc((n + 1) * sizeof(*sorted));
		t = calloc(TABLE_SIZE, 1);
		if (t && sorted) {
			size_t k = 0;
			memset(t + SHIFT_OFFSET, 5, 1u << SHIFT_BITS); /* pairs in no word: the whole window */
			for (const char *const *p = w->list; *p; p++) {
				size_t len = strlen(*p);
				if (len < 6)
					continue; /* too short to index: see words.h */
				const unsigned char *q = (const unsigned char *)*p;
				if (len >= 9)
					set_bit(t + 8192, hash9(q));
				else
					set_bit(t, hash6(q));
				add_shifts(t + SHIFT_OFFSET, q);
				sorted[k++] = *p;
			}
			qsort(sorted, k, sizeof(*sorted), cmp_prefix);
			collect_leads(w, sorted, k);
			w->sorted = sorted;
			w->nsorted = k;
			__atomic_store_n(&w->table, t, __ATOMIC_RELEASE);
		} else {
			free(t);
			free(sorted);
		}
	}
	pthread_mutex_unlock(&build_lock);
	return w->table;
}

/* Can a word start at u[i] (i + 6 <= len)? Not when the bytes u[i + 4], u[i + 5]
 * have a shift: a word's fifth and sixth bytes have none. Cheaper than word_at. */
static inline bool may_start(const uint8_t *t, const unsigned char *u, size_t i)
{
	return !t[SHIFT_OFFSET + pair_hash(u + i + 4)];
}

/* The length of the longest word that starts at s[i] (0 for none); i + 6 <= len. */
static size_t word_at(const struct zc_words *w, const uint8_t *t, const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!has_bit(t, hash6(u + i)) && !(i + 9 <= len && has_bit(t + 8192, hash9(u + i))))
		return 0;
	/* The words that share these six bytes: a binary search, then the longest that fits. */
	size_t lo = 0, hi = w->nsorted;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (memcmp(w->sorted[mid], s + i, 6) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t best = 0;
	for (size_t k = lo; k < w->nsorted && !memcmp(w->sorted[k], s + i, 6); k++) {
		size_t n = strlen(w->sorted[k]);
		if (n > best && n <= len - i && !memcmp(s + i, w->sorted[k], n))
			best = n;
	}
	return best;
}

#if defined(__SSE2__)
/* The words' lead characters' first and last bytes, each in every byte of a vector. */
struct leads {
	__m128i first[ZC_WORDS_MAX_LEADS], last[ZC_WORDS_MAX_LEADS];
};

static void leads_of(const struct zc_words *w, struct leads *l)
{
	for (unsigned k = 0; k < w->nleads; k++) {
		l->first[k] = _mm_set1_epi8((char)w->lead_first[k]);
		l->last[k] = _mm_set1_epi8((char)w->lead_last[k]);
	}
}

/*
 * The candidates of sixteen positions from s + i: a bit for each position
 * whose character has the first and last bytes of a word's first character.
 * Every position where a word starts is one (a lead byte or an ASCII byte
 * is always at a character's start), so the positions are those that the
 * character-by-character scan would look at more closely, and fewer.
 * Reads s[i .. i + 19).
 */
static unsigned lead_mask(const struct zc_words *w, const struct leads *l, const char *s, size_t i)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i)), acc = _mm_setzero_si128();
	for (unsigned k = 0; k < w->nleads; k++) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + w->lead_len[k] - 1));
		acc = _mm_or_si128(acc, _mm_and_si128(_mm_cmpeq_epi8(a, l->first[k]), _mm_cmpeq_epi8(b, l->last[k])));
	}
	return (unsigned)_mm_movemask_epi8(acc);
}
#endif

/*
 * Does a word start at one of the positions i + k for the bits k of mask
 * (taken in order)? Then *ret_start and *ret_end are set.
 */
static bool word_among(const struct zc_words *w, const uint8_t *t, const char *s, size_t len, size_t i,
		       unsigned mask, size_t *ret_start, size_t *ret_end)
{
	for (; mask; mask &= mask - 1) {
		size_t p = i + (unsigned)__builtin_ctz(mask), best;
		if (p + 6 > len)
			return false;
		if (may_start(t, (const unsigned char *)s, p) && (best = word_at(w, t, s, len, p))) {
			*ret_start = p;
			*ret_end = p + best;
			return true;
		}
	}
	return false;
}

#if defined(__SSE2__)
/* A bit for each of the sixteen bytes at p that is lo + 0 .. lo + span. */
static inline unsigned range_mask(const char *p, __m128i lo, __m128i span)
{
	__m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), lo);
	/* d <= span, unsigned, exactly for the bytes in the range */
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, span), d));
}
#endif

/*
 * zc_words_find for words that all start with an ASCII byte (numbers, host
 * names): the bytes in their range, found sixteen at a time, are the places
 * one can start (an ASCII byte always starts a character). At the end, the
 * last sixteen bytes are read, less those already looked at.
 */
static bool find_ascii_led(const struct zc_words *w, const uint8_t *t, const char *s, size_t len, size_t i,
			   size_t *ret_start, size_t *ret_end)
{
#if defined(__SSE2__)
	if (len >= 16) {
		const __m128i lo = _mm_set1_epi8((char)w->ascii_lo),
			      span = _mm_set1_epi8((char)(w->ascii_hi - w->ascii_lo));
		for (; i + 16 <= len; i += 16) {
			unsigned mask = range_mask(s + i, lo, span);
			if (mask && word_among(w, t, s, len, i, mask, ret_start, ret_end))
				return true;
		}
		return i + 6 <= len &&
		       word_among(w, t, s, len, i, range_mask(s + len - 16, lo, span) >> (i - (len - 16)), ret_start,
				  ret_end);
	}
#endif
	const unsigned char *u = (const unsigned char *)s;
	for (; i + 6 <= len; i++)
		if (u[i] >= w->ascii_lo && u[i] <= w->ascii_hi &&
		    word_among(w, t, s, len, i, 1, ret_start, ret_end))
			return true;
	return false;
}

bool zc_words_find(struct zc_words *w, const char *s, size_t len, size_t from, size_t *ret_start,
		   size_t *ret_end)
{
	const uint8_t *t = table_of(w);
	if (!t || len < 6)
		return false;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = from;
	if (w->ascii_hi)
		return find_ascii_led(w, t, s, len, i, ret_start, ret_end);
#if defined(__SSE2__)
	/* Few first characters: find the candidates sixteen positions at a time. */
	struct leads l;
	if (w->nleads)
		leads_of(w, &l);
	for (; w->nleads && i + 6 <= len && i + 16 + 3 <= len; i += 16) {
		for (unsigned mask = lead_mask(w, &l, s, i); mask; mask &= mask - 1) {
			size_t p = i + (unsigned)__builtin_ctz(mask), best;
			if (p + 6 > len)
				return false;
			if (may_start(t, u, p) && (best = word_at(w, t, s, len, p))) {
				*ret_start = p;
				*ret_end = p + best;
				return true;
			}
		}
	}
#endif
	/* A window of six bytes moves along the text as far as the shift
	 * table allows: it passes no place where a word's first six bytes
	 * start (the last two bytes of the window would be at place q < 4 in
	 * that word, or in none, and the shift is at most 4 - q or 5). Words
	 * start on a character, never on a continuation byte. */
	const uint8_t *shift = t + SHIFT_OFFSET;
	for (; i + 6 <= len; i++) {
		unsigned sh = shift[pair_hash(u + i + 4)];
		if (sh) {
			i += sh - 1;
			continue;
		}
		size_t best = (u[i] & 0xC0) != 0x80 ? word_at(w, t, s, len, i) : 0;
		if (best) {
			*ret_start = i;
			*ret_end = i + best;
			return true;
		}
	}
	return false;
}

void zc_words_release(struct zc_words *w)
{
	if (!w)
		return;
	free(w->table);
	free(w->sorted);
	w->table = NULL;
	w->sorted = NULL;
	w->nsorted = 0;
}
