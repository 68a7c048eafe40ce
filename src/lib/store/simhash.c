/*
 * simhash.c: 64-bit SimHash of a notice's folded text (see simhash.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/simhash.h"
#include "utf8.h"
#include "zhengce/clean.h"
#include "banned.h"

#define SHINGLE 4

/* Letters and digits carry the text; spaces and punctuation do not. */
static bool counts(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c >= 0x2000 && c <= 0x206F) /* general punctuation */
		return false;
	if (c >= 0x3000 && c <= 0x303F) /* CJK symbols and punctuation */
		return false;
	if (c >= 0xFF00 && c <= 0xFFEF) /* full-width forms: fold made letters and digits ASCII */
		return false;
	return c >= 0x3400;
}

static void feed(const char *s, uint32_t window[SHINGLE], size_t *seen, uint32_t ones[64])
{
	if (!s)
		return;
	const char *end = s + strlen(s);
	while (s < end) {
		uint32_t c = zc_fold_char(zc_utf8_next(&s, end));
		if (!counts(c))
			continue;
		memmove(window, window + 1, (SHINGLE - 1) * sizeof(*window));
		window[SHINGLE - 1] = c;
		if (++*seen < SHINGLE)
			continue;
		uint64_t h = XXH3_64bits(window, SHINGLE * sizeof(*window));
		for (int b = 0; b < 64; b++) /* branch-free: the compiler vectorises it */
			ones[b] += (uint32_t)(h >> b) & 1;
	}
}

uint64_t zc_simhash(const char *title, const char *text)
{
	uint32_t ones[64] = {0};
	uint32_t window[SHINGLE] = {0};
	size_t seen = 0;
	feed(title, window, &seen, ones);
	feed(text, window, &seen, ones);
	/* a bit is set when most shingles set it */
	size_t shingles = seen >= SHINGLE ? seen - SHINGLE + 1 : 0;
	if (shingles < ZC_SIMHASH_MIN_SHINGLES)
		return 0; /* too short to tell near-duplicates from look-alikes */
	uint64_t h = 0;
	for (int b = 0; b < 64; b++)
		if (2 * (size_t)ones[b] > shingles)
			h |= (uint64_t)1 << b;
	return h;
}

uint64_t zc_title_key(const char *title)
{
	uint32_t buf[256];
	size_t n = 0;
	const char *end = title + strlen(title);
	while (title < end && n < sizeof(buf) / sizeof(buf[0])) {
		uint32_t c = zc_fold_char(zc_utf8_next(&title, end));
		if (counts(c))
			buf[n++] = c;
	}
	return XXH3_64bits(buf, n * sizeof(*buf));
}
