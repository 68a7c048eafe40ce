/* words.c: many-literal search (see words.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"
#include "banned.h"

static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;

/* 16-bit hash of six bytes: two Chinese characters. */
static inline unsigned hash6(const unsigned char *p)
{
	uint64_t v = 0;
	memcpy(&v, p, 6);
	return (unsigned)((v * 0x9E3779B97F4A7C15ull) >> 48);
}

static const uint8_t *table_of(struct zc_words *w)
{
	uint8_t *t = __atomic_load_n(&w->table, __ATOMIC_ACQUIRE);
	if (t)
		return t;
	pthread_mutex_lock(&build_lock);
	if (!w->table) {
		t = calloc(65536 / 8, 1);
		if (t) {
			for (const char *const *p = w->list; *p; p++) {
				if (strlen(*p) < 6)
					continue; /* too short to index: see words.h */
				unsigned key = hash6((const unsigned char *)*p);
				t[key >> 3] |= (uint8_t)(1u << (key & 7));
			}
			__atomic_store_n(&w->table, t, __ATOMIC_RELEASE);
		}
	}
	pthread_mutex_unlock(&build_lock);
	return w->table;
}

bool zc_words_find(struct zc_words *w, const char *s, size_t len, size_t from, size_t *ret_start,
		   size_t *ret_end)
{
	const uint8_t *t = table_of(w);
	if (!t || len < 6)
		return false;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = from; i + 6 <= len; i++) {
		unsigned key = hash6(u + i);
		if (!(t[key >> 3] & (1u << (key & 7))))
			continue;
		/* Only words with the same first six bytes can be here. */
		size_t best = 0;
		for (const char *const *p = w->list; *p; p++) {
			if (memcmp(*p, s + i, 6) != 0)
				continue;
			size_t n = strlen(*p);
			if (n > best && n <= len - i && !memcmp(s + i, *p, n))
				best = n;
		}
		if (best) {
			*ret_start = i;
			*ret_end = i + best;
			return true;
		}
	}
	return false;
}
