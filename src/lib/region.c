/*
 * region.c: GB/T 2260 administrative divisions: lookup by code and name,
 * containment, groupings, and the scanner that finds regions named in text.
 *
 * All data lives in region-table.h, generated at build time by
 * scripts/gen-region-table.py --c-table from data/regions/regions.tsv:
 *   region_tab[]            entries sorted by code (region_code_num[] holds
 *                           the codes as numbers for binary search,
 *                           region_parent[] the parent's index or -1,
 *                           region_pseudo[] 1 for placeholder units);
 *   name_str[] …            every accepted name in strcmp order, with its
 *                           candidate regions (name_cand[], name_cand_kind[])
 *                           ranked best first and the by-name answer
 *                           (name_pick[], -1 when ambiguous);
 *   root_child[], node_*[], a character trie of the names the scanner
 *   edge_*[], term_*[]      matches: root_child[] maps a first code point to
 *                           a node; the other edges are in an open-addressing
 *                           hash table keyed by node << 16 | code point; a
 *                           terminal node's term_* entry gives its candidate
 *                           regions (scan_cand[]; none for a blocked phrase)
 *                           and the boundary rule for two-character names.
 * Everything is static const: no initialisation, no mutable state.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "zhengce/region.h"
#include "utf8.h"
#include "banned.h"

#include "region-table.h"

/* Name kinds (name_cand_kind[]), best first; must match the generator. */
enum { KIND_FULL, KIND_ALIAS, KIND_SHORT, KIND_ABBREV };
/* Boundary rules (term_bound[]); must match the generator. */
enum { BOUND_NONE, BOUND_EITHER, BOUND_BOTH };

#define NO_CP 0x110000u /* not a code point: start of text, invalid byte */

/* Index of r in region_tab, or -1.  Pointers that are not into the table
 * (a caller's own copy) are looked up by their code. */
static int region_index(const struct zc_region *r)
{
	if (!r)
		return -1;
	uintptr_t p = (uintptr_t)r, base = (uintptr_t)region_tab;
	if (p >= base && p < base + sizeof(region_tab) && (p - base) % sizeof(*r) == 0)
		return (int)((p - base) / sizeof(*r));
	const struct zc_region *t = zc_region_by_code(r->code);
	return t ? (int)(t - region_tab) : -1;
}

size_t zc_region_count(void)
{
	return ZC_REGION_N;
}

const struct zc_region *zc_region_at(size_t i)
{
	return i < ZC_REGION_N ? &region_tab[i] : NULL;
}

static int index_by_num(uint32_t code)
{
	size_t lo = 0, hi = ZC_REGION_N;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (region_code_num[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ZC_REGION_N && region_code_num[lo] == code ? (int)lo : -1;
}

const struct zc_region *zc_region_by_code(const char *code)
{
	if (!code)
		return NULL;
	uint32_t v = 0;
	for (int i = 0; i < 6; i++) {
		if (code[i] < '0' || code[i] > '9')
			return NULL;
		v = v * 10 + (uint32_t)(code[i] - '0');
	}
	if (code[6] != '\0')
		return NULL;
	int i = index_by_num(v);
	return i < 0 ? NULL : &region_tab[i];
}

/* Index into name_str[] of name, or -1. */
static int name_index(const char *name)
{
	size_t lo = 0, hi = ZC_REGION_NAMES;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name_str[mid], name);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct zc_region *zc_region_by_name(const char *name)
{
	if (!name)
		return NULL;
	int k = name_index(name);
	if (k < 0 || name_pick[k] < 0)
		return NULL;
	return &region_tab[name_pick[k]];
}

const struct zc_region *zc_region_by_name_within(const char *name, const struct zc_region *within)
{
	if (!within)
		return zc_region_by_name(name);
	if (!name || region_index(within) < 0)
		return NULL;
	int k = name_index(name);
	if (k < 0)
		return NULL;
	/* Candidates are ranked by (kind, level, code): the first one inside
	 * `within` sets the best kind and level; a second one with the same
	 * kind and level makes the name ambiguous. */
	const struct zc_region *best = NULL;
	int best_kind = 0;
	for (unsigned j = name_first[k]; j < (unsigned)name_first[k] + name_count[k]; j++) {
		const struct zc_region *c = &region_tab[name_cand[j]];
		if (!zc_region_contains(within, c))
			continue;
		if (!best) {
			best = c;
			best_kind = name_cand_kind[j];
		} else if (name_cand_kind[j] == best_kind && c->level == best->level) {
			return NULL;
		} else {
			break;
		}
	}
	return best;
}

const struct zc_region *zc_region_parent(const struct zc_region *r)
{
	int i = region_index(r);
	if (i < 0 || region_parent[i] < 0)
		return NULL;
	return &region_tab[region_parent[i]];
}

const struct zc_region *zc_region_province(const struct zc_region *r)
{
	int i = region_index(r);
	if (i < 0)
		return NULL;
	while (region_parent[i] >= 0)
		i = region_parent[i];
	return &region_tab[i];
}

int zc_region_contains(const struct zc_region *outer, const struct zc_region *inner)
{
	int o = region_index(outer), i = region_index(inner);
	if (o < 0 || i < 0)
		return 0;
	if (region_pseudo[o])
		return region_code_num[o] / 100 == region_code_num[i] / 100;
	for (; i >= 0; i = region_parent[i])
		if (i == o)
			return 1;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Scanner                                                                */
/* ---------------------------------------------------------------------- */

/* Decode the code point at s[i] (i < len) into *cp, returning its length.
 * Malformed or truncated sequences give NO_CP and length 1. */
static inline size_t decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
	unsigned b = s[i];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	size_t left = len - i;
	if (b >= 0xE0 && b <= 0xEF) {
		if (left >= 3 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			uint32_t c = ((uint32_t)(b & 0x0F) << 12) |
			             ((uint32_t)(s[i + 1] & 0x3F) << 6) |
			             (uint32_t)(s[i + 2] & 0x3F);
			if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
				*cp = c;
				return 3;
			}
		}
	} else if (b >= 0xC2 && b <= 0xDF) {
		if (left >= 2 && (s[i + 1] & 0xC0) == 0x80) {
			*cp = ((uint32_t)(b & 0x1F) << 6) | (uint32_t)(s[i + 1] & 0x3F);
			return 2;
		}
	} else if (b >= 0xF0 && b <= 0xF4) {
		if (left >= 4 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
		    (s[i + 3] & 0xC0) == 0x80) {
			uint32_t c =
			    ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
			    ((uint32_t)(s[i + 2] & 0x3F) << 6) | (uint32_t)(s[i + 3] & 0x3F);
			if (c >= 0x10000 && c <= 0x10FFFF) {
				*cp = c;
				return 4;
			}
		}
	}
	*cp = NO_CP;
	return 1;
}

static int is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) || c == 0x3007;
}

/* Function characters that may stand right before / after a two-character
 * name (documented in region.h). */
static const char left_ok_chars[] =
    "在对与和及同跟至赴到从向由于以将把被为是或并暨含括如除自往去来了持助援";
static const char right_ok_chars[] =
    "等和与及同或并暨的地籍方两各省市区县州盟人企要将已也都共分率为是"
    "作开试实推建打段境内外片域周全北南东西站港自高经";

/* Is cp one of the characters of set?  The sets hold ideographs only, three
 * bytes each, so cp is looked for in its UTF-8 form: it can be found only
 * where one of them starts, since its lead byte is never equal to a
 * continuation byte. */
static int in_set(const char *set, uint32_t cp)
{
	if (cp < 0x800 || cp > 0xFFFF)
		return 0;
	const char u[3] = {(char)(0xE0 | cp >> 12), (char)(0x80 | (cp >> 6 & 0x3F)),
	                   (char)(0x80 | (cp & 0x3F))};
	return zc_memstr_n(set, strlen(set), u, sizeof(u)) != NULL;
}

static inline unsigned root_lookup(uint32_t cp)
{
	if (cp < ZC_REGION_ROOT_LO || cp > ZC_REGION_ROOT_HI)
		return 0;
	return root_child[cp - ZC_REGION_ROOT_LO];
}

/* Child of `node` (not the root) along code point cp (<= 0xFFFF), 0 for none. */
static inline unsigned child_lookup(unsigned node, uint32_t cp)
{
	const uint32_t mask = ((uint32_t)1 << ZC_REGION_EDGE_BITS) - 1;
	uint32_t key = (uint32_t)node << 16 | cp;
	/* 64-bit product: the same value as the 32-bit wrap-around, without
	 * tripping -fsanitize=unsigned-integer-overflow */
	uint32_t h = (uint32_t)(((uint64_t)key * ZC_REGION_EDGE_HASH_MUL) & 0xFFFFFFFFu) >>
	             (32 - ZC_REGION_EDGE_BITS);
	for (;;) { /* ends: the table is at most half full */
		uint32_t k = edge_key[h];
		if (k == key)
			return edge_val[h];
		if (k == 0xFFFFFFFFu)
			return 0;
		h = (h + 1) & mask;
	}
}

/*
 * The scanner looks for names only where two characters of U+4000..U+9FFF
 * follow one another: every name has two characters or more, all of them
 * ideographs of that range, three bytes led by E4..E9 (the generated table
 * says so, checked below).  decode() reads such a character as the trie
 * does, so no name starts anywhere else.
 */
#if ZC_REGION_ROOT_TERMS != 0
#error "one-character names: the scanner would miss them"
#endif
#if ZC_REGION_CHAR_LO < 0x4000 || ZC_REGION_CHAR_HI > 0x9FFF
#error "a name character outside U+4000..U+9FFF: the scanner would miss it"
#endif

/*
 * Bit k is set for each of the sixteen bytes at p that leads a character of
 * U+4000..U+9FFF (E4..E9), and in *cont for each continuation byte (80..BF).
 */
static inline unsigned lead_bytes(const unsigned char *p, unsigned *cont)
{
#if defined(__SSE2__)
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)0xE4));
	*cont = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(_mm_set1_epi8(-0x40), v));
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(0xE9 - 0xE4)), t));
#else
	unsigned lead = 0;
	*cont = 0;
	for (unsigned k = 0; k < 16; k++) {
		lead |= (unsigned)(p[k] >= 0xE4 && p[k] <= 0xE9) << k;
		*cont |= (unsigned)((p[k] & 0xC0) == 0x80) << k;
	}
	return lead;
#endif
}

/* The scanner reads the text in windows of 64 bytes: a pair of characters
 * needs six bytes, so a window tells of the pairs at its first 59. */
#define WINDOW 64
#define WINDOW_STARTS (WINDOW - 5)

/*
 * Bit k (k < WINDOW_STARTS) is set when two characters of U+4000..U+9FFF,
 * E4..E9 then two continuation bytes, twice, start at p[k].  Only the n
 * bytes at p are in the text: when n < WINDOW, the rest count as neither
 * (they are read from a copy).
 */
static uint64_t pairs_at(const unsigned char *p, size_t n)
{
	unsigned char pad[WINDOW];
	if (n < WINDOW) {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, p, n);
		p = pad;
	}
	uint64_t lead = 0, cont = 0;
	for (unsigned k = 0; k < WINDOW; k += 16) {
		unsigned c, l = lead_bytes(p + k, &c);
		lead |= (uint64_t)l << k;
		cont |= (uint64_t)c << k;
	}
	uint64_t chars = lead & cont >> 1 & cont >> 2;
	return chars & chars >> 3 & (((uint64_t)1 << WINDOW_STARTS) - 1);
}

/*
 * May the two characters of U+4000..U+9FFF at p be the first two of a
 * name?  pair_bits, small enough to stay in the L1 cache, has the bit of
 * the first two characters of every name set, under a hash of their six
 * bytes (the first four as a little-endian word xor the last two): false
 * means no name starts at p; true, that one may (the trie tells).
 */
static inline bool may_start_name(const unsigned char *p)
{
	uint32_t key = ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24) ^
		       ((uint32_t)p[4] | (uint32_t)p[5] << 8);
	uint32_t h = (uint32_t)(((uint64_t)key * ZC_REGION_EDGE_HASH_MUL) & 0xFFFFFFFFu) >>
		     (32 - ZC_REGION_PAIR_BITS);
	return pair_bits[h >> 6] >> (h & 63) & 1;
}

/*
 * The window of the text the scan is in: the positions base to base +
 * WINDOW_STARTS - 1, and of those, in `at`, where a pair of characters
 * starts that the scan has not looked at yet (pairs_at()).
 */
struct window {
	size_t base;
	uint64_t at;
};

static void window_at(struct window *w, const unsigned char *s, size_t len, size_t base)
{
	w->base = base;
	w->at = pairs_at(s + base, len - base);
}

/*
 * The offset of the first character at or after s[i] at which a name may
 * start (may_start_name()), len for none.  i is not before the window w,
 * which moves on through the text.  Every byte from s[i] on is a position,
 * so every lead byte that a scan of whole characters would reach is among
 * them: none is inside a valid sequence.
 */
static inline size_t next_start(struct window *w, const unsigned char *s, size_t len, size_t i)
{
	if (i - w->base >= WINDOW_STARTS)
		window_at(w, s, len, i);
	else
		w->at &= ~(uint64_t)0 << (i - w->base);
	for (;;) {
		for (; w->at; w->at &= w->at - 1) {
			size_t p = w->base + (unsigned)__builtin_ctzll(w->at);
			if (may_start_name(s + p))
				return p;
		}
		if (len - w->base <= WINDOW)
			return len; /* the window reached the end */
		window_at(w, s, len, w->base + WINDOW_STARTS);
	}
}

/* The trie node that the two characters of U+4000..U+9FFF at p lead to, 0
 * for none.  Out of line, apart from next_start(), which rejects most
 * positions: inlined, its loads were moved up into the loop there. */
static __attribute__((noinline)) unsigned pair_node(const unsigned char *p)
{
	uint32_t c1 = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3Fu);
	uint32_t c2 = (uint32_t)(p[3] & 0x0F) << 12 | (uint32_t)(p[4] & 0x3F) << 6 | (p[5] & 0x3Fu);
	unsigned first = root_lookup(c1);
	return first ? child_lookup(first, c2) : 0;
}

/* Longest name starting at s[i], whose first characters (n bytes) lead to
 * trie node `node` (non-zero).  Returns the terminal (1-based, 0
 * for none) and sets *end to the byte offset just past the match. */
static unsigned longest_from(const unsigned char *s, size_t len, size_t i, size_t n, unsigned node,
                             size_t *end)
{
	unsigned term = node_term[node];
	size_t pos = i + n;
	*end = pos;
	while (node_kids[node] && pos < len) {
		uint32_t cp;
		size_t m = decode(s, len, pos, &cp);
		if (cp > 0xFFFF)
			break;
		node = child_lookup(node, cp);
		if (!node)
			break;
		pos += m;
		if (node_term[node]) {
			term = node_term[node];
			*end = pos;
		}
	}
	return term;
}

/* Does any scanned name start at s[i]? */
static int name_starts_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	uint32_t cp;
	size_t n = decode(s, len, i, &cp);
	unsigned node = root_lookup(cp);
	size_t end;
	unsigned term = node ? longest_from(s, len, i, n, node, &end) : 0;
	return term && term_count[term - 1] > 0;
}

/* Is s[i..] a street suffix: 路 街 巷 大道, or 东/西/南/北/中 + 路/街? */
static int street_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	uint32_t c, d = NO_CP;
	size_t n = decode(s, len, i, &c);
	if (i + n < len)
		(void)decode(s, len, i + n, &d);
	if (c == 0x8DEF /* 路 */ || c == 0x8857 /* 街 */ || c == 0x5DF7 /* 巷 */)
		return 1;
	if (c == 0x5927 /* 大 */ && d == 0x9053 /* 道 */)
		return 1;
	return (c == 0x4E1C || c == 0x897F || c == 0x5357 || c == 0x5317 || c == 0x4E2D) &&
	       (d == 0x8DEF || d == 0x8857); /* 东西南北中 + 路街 */
}

struct scan {
	uint8_t seen[(ZC_REGION_N + 7) / 8]; /* found unambiguously */
	uint16_t order[ZC_REGION_N];         /* those, in order of first mention */
	size_t norder;
	uint16_t amb_term[ZC_REGION_AMBIGUOUS_TERMS + 1]; /* ambiguous names seen */
	uint16_t amb_key[ZC_REGION_AMBIGUOUS_TERMS + 1];  /* norder at first mention */
	size_t namb;
};

static void hit(struct scan *st, unsigned term)
{
	unsigned t = term - 1;
	if (term_count[t] == 0)
		return; /* a blocked phrase (新疆生产建设兵团) */
	if (term_count[t] == 1) {
		unsigned e = scan_cand[term_first[t]];
		if (st->norder == 0) /* seen[] is cleared when first needed */
			memset(st->seen, 0, sizeof(st->seen));
		if (st->seen[e / 8] & (1u << (e % 8)))
			return;
		st->seen[e / 8] |= (uint8_t)(1u << (e % 8));
		st->order[st->norder++] = (uint16_t)e;
		return;
	}
	for (size_t k = 0; k < st->namb; k++)
		if (st->amb_term[k] == t)
			return;
	if (st->namb < ZC_REGION_AMBIGUOUS_TERMS) {
		st->amb_term[st->namb] = (uint16_t)t;
		st->amb_key[st->namb] = (uint16_t)st->norder;
		st->namb++;
	}
}

/* The context of the ambiguous names is the regions found unambiguously
 * (order[]): a city context is the first four code digits of one at
 * prefecture level or below, a province context the first two of any.
 * Ambiguous names are rare, so these are looked up in order[] rather than
 * kept in tables that every scan would have to clear. */
static bool in_city_ctx(const struct scan *st, uint32_t c4)
{
	for (size_t k = 0; k < st->norder; k++)
		if (region_tab[st->order[k]].level >= ZC_REGION_PREFECTURE &&
		    region_code_num[st->order[k]] / 100 == c4)
			return true;
	return false;
}

static bool in_prov_ctx(const struct scan *st, uint32_t c2)
{
	for (size_t k = 0; k < st->norder; k++)
		if (region_code_num[st->order[k]] / 10000 == c2)
			return true;
	return false;
}

/* The candidate of ambiguous terminal t supported by the context, or -1. */
static int resolve(const struct scan *st, unsigned t)
{
	int pick = -1, n = 0;
	for (unsigned j = term_first[t]; j < (unsigned)term_first[t] + term_count[t]; j++) {
		if (in_city_ctx(st, region_code_num[scan_cand[j]] / 100)) {
			pick = scan_cand[j];
			n++;
		}
	}
	if (n == 1)
		return pick;
	if (n > 1)
		return -1;
	for (unsigned j = term_first[t]; j < (unsigned)term_first[t] + term_count[t]; j++) {
		if (in_prov_ctx(st, region_code_num[scan_cand[j]] / 10000)) {
			pick = scan_cand[j];
			n++;
		}
	}
	return n == 1 ? pick : -1;
}

struct emit {
	bool dedup; /* done[] is in use: a region may come twice */
	uint8_t done[(ZC_REGION_N + 7) / 8];
	const struct zc_region **out;
	size_t max;
	size_t n;
};

static void emit(struct emit *em, unsigned e)
{
	if (em->dedup) {
		if (em->done[e / 8] & (1u << (e % 8)))
			return;
		em->done[e / 8] |= (uint8_t)(1u << (e % 8));
	}
	if (em->n < em->max)
		em->out[em->n] = &region_tab[e];
	em->n++;
}

/*
 * The code point of the character the scan reads just before s[i] (i > 0,
 * s[i] a lead byte), NO_CP for an invalid byte.  The scan reads a valid
 * sequence whole and an invalid byte alone.  A lead byte is never inside a
 * valid sequence, so a valid sequence of k bytes that ends at s[i] is the
 * one read; without one, s[i - 1] was read alone.
 */
static uint32_t char_before(const unsigned char *s, size_t i)
{
	for (size_t k = 2; k <= 4 && k <= i; k++) {
		uint32_t cp;
		if (decode(s, i, i - k, &cp) == k)
			return cp;
	}
	return s[i - 1] < 0x80 ? s[i - 1] : NO_CP;
}

size_t zc_region_scan(const char *utf8, size_t len, const struct zc_region **out, size_t max)
{
	if (!utf8 || !len)
		return 0;
	if (!out)
		max = 0;
	const unsigned char *s = (const unsigned char *)utf8;
	struct scan st;
	/* Only the counters need clearing: order[] and the ambiguity arrays
	 * are filled before they are read, and seen[] when the first region
	 * goes into order[] (a full memset cost more than the scan of a short
	 * notice, and many texts name none). */
	st.norder = 0;
	st.namb = 0;
	size_t last_end = 0; /* end of the last name matched, 0 for none */
	size_t i = 0;
	struct window w;
	window_at(&w, s, len, 0);
	for (;;) {
		i = next_start(&w, s, len, i);
		if (i == len)
			break;
		unsigned node = pair_node(s + i);
		if (node) {
			size_t end;
			unsigned term = longest_from(s, len, i, 6, node, &end);
			if (term) {
				unsigned bound = term_bound[term - 1];
				int ok = 1;
				if (bound != BOUND_NONE) {
					int left = i == 0 || (last_end && last_end == i);
					if (!left) {
						uint32_t prev = char_before(s, i);
						left = !is_han(prev) || in_set(left_ok_chars, prev);
					}
					/* The right side decides only when the left one does
					 * not: without a left boundary for BOUND_EITHER, with
					 * one for BOUND_BOTH. */
					int right = 1;
					if (end < len && (bound == BOUND_EITHER ? !left : left)) {
						uint32_t next;
						(void)decode(s, len, end, &next);
						right = !is_han(next) ||
						        in_set(right_ok_chars, next) ||
						        name_starts_at(s, len, end);
					}
					ok = bound == BOUND_EITHER ? (left || right)
					                           : (left && right);
					if (ok && street_at(s, len, end))
						ok = 0; /* 北京路, 中山东路 */
				}
				if (ok) {
					hit(&st, term);
					if (term_count[term - 1])
						last_end = end;
					i = end;
					continue;
				}
			}
		}
		i += 3;
	}

	/* Resolve the ambiguous names against the whole text, then merge them
	 * into the unambiguous ones by position of first mention. */
	int amb_pick[ZC_REGION_AMBIGUOUS_TERMS + 1];
	for (size_t k = 0; k < st.namb; k++)
		amb_pick[k] = resolve(&st, st.amb_term[k]);
	struct emit em;
	/* order[] holds each region once: only an ambiguous pick can repeat
	 * one, so done[] is needed (and cleared) only when there are some. */
	em.dedup = st.namb > 0;
	if (em.dedup)
		memset(em.done, 0, sizeof(em.done));
	em.out = out;
	em.max = max;
	em.n = 0;
	size_t a = 0;
	for (size_t j = 0; j <= st.norder; j++) {
		for (; a < st.namb && st.amb_key[a] == j; a++)
			if (amb_pick[a] >= 0)
				emit(&em, (unsigned)amb_pick[a]);
		if (j < st.norder)
			emit(&em, st.order[j]);
	}
	return em.n;
}

/* ---------------------------------------------------------------------- */
/* Groupings                                                              */
/* ---------------------------------------------------------------------- */

struct group {
	const char *names[4];
	const char *codes[12];
};

static const struct group groups[] = {
    {{"京津冀", "京津冀地区"}, {"110000", "120000", "130000"}},
    {{"长三角", "长三角地区", "长江三角洲", "长江三角洲地区"},
     {"310000", "320000", "330000", "340000"}},
    {{"珠三角", "珠三角地区", "珠江三角洲", "珠江三角洲地区"},
     {"440100", "440300", "440400", "440600", "440700", "441900", "442000", "441300", "441200"}},
    {{"汾渭平原", "汾渭平原地区"},
     {"140700", "140800", "141000", "141100", "410300", "411200", "610100", "610200", "610300",
      "610400", "610500"}},
    {{"成渝", "成渝地区", "成渝地区双城经济圈", "成渝双城经济圈"}, {"500000", "510000"}},
};

size_t zc_region_group(const char *name, const struct zc_region **out, size_t max)
{
	if (!name)
		return 0;
	if (!out)
		max = 0;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int match = 0;
		for (size_t k = 0; k < 4 && groups[g].names[k]; k++)
			if (strcmp(groups[g].names[k], name) == 0)
				match = 1;
		if (!match)
			continue;
		size_t n = 0;
		for (size_t k = 0; k < 12 && groups[g].codes[k]; k++) {
			const struct zc_region *r = zc_region_by_code(groups[g].codes[k]);
			if (!r)
				continue; /* cannot happen with the shipped table */
			if (n < max)
				out[n] = r;
			n++;
		}
		return n;
	}
	return 0;
}
