/*
 * tokens.h: how the full-text index cuts a text into terms (internal).
 *
 * Every character of a text, after zc_fold_char() (full-width → ASCII,
 * traditional → simplified), is a term at its own position: white space,
 * line breaks and punctuation included. So a string occurs in a text
 * exactly when its characters are terms at consecutive positions, for any
 * string, 1 character long or more: that is the contract of `zhengce
 * search`.
 *
 * An ASCII word ([A-Za-z0-9]+) is also a term, in lower case and cut to
 * ZC_TOKEN_MAX_WORD bytes, at the position of its first character: it
 * serves prefix queries ("abc*").
 */
#ifndef ZC_STORE_TOKENS_H
#define ZC_STORE_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZC_TOKEN_MAX_WORD 64

struct zc_token_sink {
	void *ctx;
	/* The folded character c at position pos. */
	int (*character)(void *ctx, uint32_t c, uint32_t pos);
	/* The lower-case word w[0..len) starting at position pos. */
	int (*word)(void *ctx, const char *w, size_t len, uint32_t pos);
};

/* Cut text[0..len) into terms, positions from 0. Stops at the first
 * non-zero return of a callback and returns it; else 0. */
int zc_tokenize(const char *text, size_t len, const struct zc_token_sink *sink);

/* Is c (folded) a character of ASCII words? */
static inline bool zc_token_word_char(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

#endif
