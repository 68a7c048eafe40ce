/*
 * simhash.h: near-duplicate fingerprints of notices (internal).
 *
 * A 64-bit SimHash (Charikar) over the shingles of a notice's folded text:
 * every run of 4 letters or digits (CJK characters, ASCII alphanumerics;
 * spaces, line breaks and punctuation skipped, traditional characters
 * folded to simplified). Reposts, mirrors in traditional script, digests
 * and pages with other furniture around the same text land within a few
 * bits of each other (0 for a digest's or a mirror's copy; 8 for a short
 * notice with two lines of a reposting site's furniture added, the worst
 * case measured), unrelated texts about 32 apart. The store takes a notice
 * with the same title key (or 文号) as a stored one, its fingerprint within
 * ZC_NEARDUP_BITS, and no key element in disagreement (文号, 成文日期,
 * deadline, issuers) as the same notice: the title and the dates keep
 * another year's call of the same programme apart, the issuers the same
 * template used by two bodies.
 */
#ifndef ZC_STORE_SIMHASH_H
#define ZC_STORE_SIMHASH_H

#include <stddef.h>
#include <stdint.h>

#define ZC_NEARDUP_BITS 12
/* Fewer shingles than this: no fingerprint (0), never a near-duplicate. */
#define ZC_SIMHASH_MIN_SHINGLES 40

/* The fingerprint of title and text (UTF-8, either may be NULL); 0 for a text too short to have one. */
uint64_t zc_simhash(const char *title, const char *text);

/* Bits that differ. */
static inline int zc_hamming(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

/* A key of a title: its letters and digits, folded, hashed (titles that
 * differ only in script, spacing or punctuation share it). */
uint64_t zc_title_key(const char *title);

#endif
