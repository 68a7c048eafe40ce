/*
 * words.h: find any of a fixed set of literal words in a long text, fast
 * (internal).
 *
 * PCRE2 has no fast path for an alternation of many literals that start
 * with different characters (版权所有|免责声明|…): it tries the whole
 * alternation at nearly every position. Here hashes of each word's first
 * six bytes (two-character words) or nine bytes (longer words) set bits of
 * two 64 Kbit tables; a position is looked at only when it hits a table,
 * which in Chinese text is rare. Words must be at least six bytes long
 * (shorter ones are ignored).
 */
#ifndef ZC_WORDS_H
#define ZC_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZC_WORDS_MAX_LEADS 8

struct zc_words {
	const char *const *list; /* NULL-terminated; each word at least six bytes */
	uint8_t *table;          /* built on first use, 32 KiB; freed only by zc_words_release */
	const char **sorted;     /* the words sorted by their first six bytes, built with table */
	size_t nsorted;
	/* When the words start with few distinct characters: those characters'
	 * first and last bytes and lengths, for a scan sixteen bytes at a time
	 * (nleads 0: too many, or no SIMD). Built with table. */
	unsigned nleads;
	uint8_t lead_first[ZC_WORDS_MAX_LEADS], lead_last[ZC_WORDS_MAX_LEADS], lead_len[ZC_WORDS_MAX_LEADS];
	/* When every word starts with an ASCII byte: the least and greatest of
	 * those bytes (ascii_hi 0: not so). Built with table. */
	uint8_t ascii_lo, ascii_hi;
};

#define ZC_WORDS(array) {(array), NULL, NULL, 0, 0, {0}, {0}, {0}, 0, 0}

/*
 * Free what zc_words_find built (for a zc_words whose list is not static:
 * afterwards the struct can be used again with a new list). Accepts NULL.
 */
void zc_words_release(struct zc_words *w);

/*
 * Find the first occurrence at or after from of any word in s[0..len).
 * Returns true and sets the start and end byte offsets of the word when found.
 * Thread-safe: the table is built once under a lock.
 */
bool zc_words_find(struct zc_words *w, const char *s, size_t len, size_t from, size_t *ret_start,
		   size_t *ret_end);

#endif
