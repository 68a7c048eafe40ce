/*
 * simhash.c: 64-bit SimHash of a notice's folded text (see simhash.h).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/simhash.h"
#include "utf8.h"
#include "zhengce/clean.h"
#include "banned.h"

#define SHINGLE 4 /* mix() below takes four characters */

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

/* splitmix64's finaliser: a cheap, well-mixed hash of a 64-bit word. */
static inline uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* spread[b]: bit i of b moved to byte i (a 1 in that byte's lowest bit). */
static uint64_t spread[256];
static pthread_once_t spread_once = PTHREAD_ONCE_INIT;

static void make_spread(void)
{
	for (unsigned b = 0; b < 256; b++)
		for (int i = 0; i < 8; i++)
			if (b >> i & 1)
				spread[b] |= (uint64_t)1 << (8 * i);
}

/* Bit counts over many 64-bit hashes: eight byte-wide counters per
 * 64-bit word (lanes[k] counts bits 8k..8k+7), flushed into ones[]
 * before a byte could overflow. */
struct counts {
	uint64_t lanes[8];
	unsigned pending;
	uint32_t ones[64];
	size_t shingles;
	uint32_t window[SHINGLE];
	size_t seen;
};

static void flush(struct counts *c)
{
	for (int k = 0; k < 8; k++) {
		for (int i = 0; i < 8; i++)
			c->ones[8 * k + i] += (uint32_t)(c->lanes[k] >> (8 * i) & 0xff);
		c->lanes[k] = 0;
	}
	c->pending = 0;
}

static void add_hash(struct counts *c, uint64_t h)
{
	for (int k = 0; k < 8; k++)
		c->lanes[k] += spread[h >> (8 * k) & 0xff];
	c->shingles++;
	if (++c->pending == 255)
		flush(c);
}

static void feed(const char *s, struct counts *c)
{
	if (!s)
		return;
	const char *end = s + strlen(s);
	while (s < end) {
		uint32_t ch = zc_fold_char(zc_utf8_next(&s, end));
		if (!counts(ch))
			continue;
		c->window[c->seen++ % SHINGLE] = ch;
		if (c->seen < SHINGLE)
			continue;
		/* the last SHINGLE characters, oldest first */
		uint32_t w[SHINGLE];
		for (size_t i = 0; i < SHINGLE; i++)
			w[i] = c->window[(c->seen + i) % SHINGLE];
		add_hash(c, mix(((uint64_t)w[0] << 32 | w[1]) ^ mix((uint64_t)w[2] << 32 | w[3])));
	}
}

uint64_t zc_simhash(const char *title, const char *text)
{
	pthread_once(&spread_once, make_spread);
	struct counts c = {0};
	feed(title, &c);
	feed(text, &c);
	flush(&c);
	if (c.shingles < ZC_SIMHASH_MIN_SHINGLES)
		return 0; /* too short to tell near-duplicates from look-alikes */
	/* a bit is set when most shingles set it */
	uint64_t h = 0;
	for (int b = 0; b < 64; b++)
		if (2 * (size_t)c.ones[b] > c.shingles)
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
