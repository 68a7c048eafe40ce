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

static int cmp_prefix(const void *a, const void *b)
{
	return memcmp(*(const char *const *)a, *(const char *const *)b, 6);
}

/* Build the table and the index of words sorted by their first six bytes. */
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
		t = calloc(65536 / 8, 1);
		if (t && sorted) {
			size_t k = 0;
			for (const char *const *p = w->list; *p; p++) {
				if (strlen(*p) < 6)
					continue; /* too short to index: see words.h */
				unsigned key = hash6((const unsigned char *)*p);
				t[key >> 3] |= (uint8_t)(1u << (key & 7));
				sorted[k++] = *p;
			}
			qsort(sorted, k, sizeof(*sorted), cmp_prefix);
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

bool zc_words_find(struct zc_words *w, const char *s, size_t len, size_t from, size_t *ret_start,
		   size_t *ret_end)
{
	const uint8_t *t = table_of(w);
	if (!t || len < 6)
		return false;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = from; i + 6 <= len; i++) {
		if ((u[i] & 0xC0) == 0x80) /* words start on a character */
			continue;
		unsigned key = hash6(u + i);
		if (!(t[key >> 3] & (1u << (key & 7))))
			continue;
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
