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

struct zc_words {
	const char *const *list; /* NULL-terminated; each word at least six bytes */
	uint8_t *table;          /* built on first use, 24 KiB; freed only by zc_words_release */
	const char **sorted;     /* the words sorted by their first six bytes, built with table */
	size_t nsorted;
};

#define ZC_WORDS(array) {(array), NULL, NULL, 0}

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
