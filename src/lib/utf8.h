/*
 * utf8.h: small UTF-8 helpers shared by the pipeline stages (internal).
 * All functions take valid UTF-8 (the decode stage guarantees it) but never
 * read past `end` even when it is not.
 */
#ifndef ZC_UTF8_H
#define ZC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Length of the well-formed UTF-8 sequence at p (avail bytes there): 1–4,
 * 0 when malformed (overlong, surrogate, bad continuation), -1 when the
 * sequence is cut by the end of the bytes.
 */
int zc_utf8_seq(const unsigned char *p, size_t avail);
/* True when s[0..len) is entirely well-formed UTF-8. */
bool zc_utf8_valid(const char *s, size_t len);

/* Decode one code point at *p (p < end) and advance *p. Bad bytes give U+FFFD, 1 byte. */
static inline uint32_t zc_utf8_next(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	const unsigned char *e = (const unsigned char *)end;
	uint32_t c = p[0];
	int n;
	if (c < 0x80) {
		*pp += 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		n = 1;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3;
		c &= 0x07;
	} else {
		*pp += 1;
		return 0xFFFD;
	}
	if (e - p <= n) {
		*pp += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*pp += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	*pp += n + 1;
	return c;
}
/* Decode the code point ending just before p (p > start) and move *p back to
 * its first byte. Inline: walks back over text take a step per character. */
static inline uint32_t zc_utf8_prev(const char **pp, const char *start)
{
	const char *p = *pp, *q = p - 1;
	while (q > start && (*(const unsigned char *)q & 0xC0) == 0x80 && p - q < 4)
		q--;
	const char *r = q;
	uint32_t c = zc_utf8_next(&r, p);
	if (r != p) { /* not a well-formed sequence: step one byte */
		*pp = p - 1;
		return 0xFFFD;
	}
	*pp = q;
	return c;
}
/* Encode c into out (4 bytes room); returns the byte count. */
size_t zc_utf8_put(char *out, uint32_t c);
/* Number of code points in s[0..len). */
size_t zc_utf8_count(const char *s, size_t len);
/* Display width: 2 for CJK/full-width, 1 otherwise. */
size_t zc_utf8_width(const char *s, size_t len);

bool zc_is_han(uint32_t c);
/* CJK symbols and full-width punctuation (，。、：；！？（）《》〔〕【】“”‘’…—). */
bool zc_is_cjk_punct(uint32_t c);
bool zc_is_space(uint32_t c);

/* White space as \s reads it in the patterns (compiled without UCP): ASCII
 * space, tab, line ends, vertical tab and form feed. Takes a byte or a code point. */
static inline bool zc_is_re_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Trim ASCII/Unicode white space from both ends of s[0..*len); returns new start. */
const char *zc_trim(const char *s, size_t *len);
/*
 * True when s[0..len) starts/ends with the NUL-terminated string x. Inline:
 * called with string literals all over the extractors, where the compiler
 * folds strlen and turns memcmp into a few compares.
 */
static inline bool zc_starts_with(const char *s, size_t len, const char *x)
{
	size_t n = __builtin_strlen(x);
	return n <= len && __builtin_memcmp(s, x, n) == 0;
}

static inline bool zc_ends_with(const char *s, size_t len, const char *x)
{
	size_t n = __builtin_strlen(x);
	return n <= len && __builtin_memcmp(s + len - n, x, n) == 0;
}
/* How many bytes of s[0..len) are c (line ends, say). */
size_t zc_count_byte(const char *s, size_t len, char c);

/* The first byte of s[0..len) from lo to hi, or NULL (sixteen bytes at a time). */
const char *zc_find_in_range(const char *s, size_t len, unsigned char lo, unsigned char hi);

/* The first ASCII digit in s[0..len), or NULL. */
static inline const char *zc_find_digit(const char *s, size_t len)
{
	return zc_find_in_range(s, len, '0', '9');
}

/* First occurrence of the n bytes x[0..n) in s[0..len), or NULL. */
const char *zc_memstr_n(const char *s, size_t len, const char *x, size_t n);
/* The same with x NUL-terminated (its length known when compiling, for a literal). */
static inline const char *zc_memstr(const char *s, size_t len, const char *x)
{
	return zc_memstr_n(s, len, x, __builtin_strlen(x));
}

/*
 * Cheap test before the date-line patterns: could s[0..len) be a date alone
 * on its line? (Short, and ends with 日, a closing bracket or a digit.)
 */
bool zc_may_be_date_line(const char *s, size_t len);

#endif
