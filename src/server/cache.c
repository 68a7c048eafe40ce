/*
 * cache.c: each server thread's cache of answers (see cache.h): a hash
 * table of entries chained in least-recently-used order, bounded in bytes.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xxhash.h>

#include "server/cache.h"
#include "server/server.h"
#include "banned.h"

#define BUCKETS 4096 /* a power of two */

struct entry {
	struct entry *next_in_bucket;
	struct entry *newer, *older; /* the LRU list */
	uint64_t hash;
	char *key;
	int64_t changes;
	uint64_t generation;
	double made; /* monotonic seconds */
	struct response res;
	size_t bytes;
};

struct cache {
	struct entry *buckets[BUCKETS];
	struct entry *newest, *oldest;
	size_t bytes;
};

static size_t budget;
static double fresh = 1.0;
static atomic_uint_fast64_t generation;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void entry_free(struct entry *e)
{
	free(e->key);
	server_response_free(&e->res);
	free(e);
}

static void cache_free(void *p)
{
	struct cache *c = p;
	for (struct entry *e = c->newest, *next; e; e = next) {
		next = e->older;
		entry_free(e);
	}
	free(c);
}

static void make_key(void)
{
	pthread_key_create(&cache_key, cache_free);
}

static struct cache *this_thread(void)
{
	pthread_once(&cache_once, make_key);
	struct cache *c = pthread_getspecific(cache_key);
	if (!c && (c = calloc(1, sizeof(*c))) && pthread_setspecific(cache_key, c) != 0) {
		free(c);
		c = NULL;
	}
	return c;
}

void cache_configure(size_t bytes_per_thread, double fresh_seconds)
{
	budget = bytes_per_thread;
	fresh = fresh_seconds;
}

void cache_invalidate_all(void)
{
	atomic_fetch_add(&generation, 1);
}

static void unlink_lru(struct cache *c, struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(struct cache *c, struct entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static void drop(struct cache *c, struct entry *e)
{
	struct entry **p = &c->buckets[e->hash & (BUCKETS - 1)];
	while (*p != e)
		p = &(*p)->next_in_bucket;
	*p = e->next_in_bucket;
	unlink_lru(c, e);
	c->bytes -= e->bytes;
	entry_free(e);
}

static struct entry *find(struct cache *c, const char *key, uint64_t h)
{
	for (struct entry *e = c->buckets[h & (BUCKETS - 1)]; e; e = e->next_in_bucket)
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	return NULL;
}

static bool copy_response(struct response *to, const struct response *from)
{
	server_response_init(to);
	to->status = from->status;
	to->content_type = from->content_type;
	to->page = from->page;
	to->revalidate = from->revalidate;
	if (zc_buf_add(&to->body, from->body.data ? from->body.data : "", from->body.len) < 0)
		return false;
	for (size_t i = 0; i < from->nheaders; i++)
		respond_header(to, from->header_names[i], from->header_values[i]);
	return to->nheaders == from->nheaders;
}

bool cache_get(const char *key, int64_t changes, struct response *res)
{
	struct cache *c = budget ? this_thread() : NULL;
	if (!c || changes < 0)
		return false;
	uint64_t h = XXH3_64bits(key, strlen(key));
	struct entry *e = find(c, key, h);
	if (!e)
		return false;
	bool valid = e->generation == atomic_load(&generation) && (e->changes == changes || now() - e->made < fresh);
	if (!valid) {
		drop(c, e);
		return false;
	}
	server_response_free(res);
	if (!copy_response(res, &e->res)) {
		server_response_free(res);
		server_response_init(res);
		return false;
	}
	unlink_lru(c, e);
	push_newest(c, e);
	return true;
}

uint64_t cache_generation(void)
{
	return atomic_load(&generation);
}

void cache_put(const char *key, int64_t changes, uint64_t made_in, const struct response *res)
{
	struct cache *c = budget ? this_thread() : NULL;
	size_t bytes = sizeof(struct entry) + strlen(key) + res->body.len;
	if (!c || changes < 0 || res->status != 200 || bytes > budget / 8)
		return;
	uint64_t h = XXH3_64bits(key, strlen(key));
	struct entry *old = find(c, key, h);
	if (old)
		drop(c, old);
	struct entry *e = calloc(1, sizeof(*e));
	if (!e)
		return;
	e->key = strdup(key);
	if (!e->key || !copy_response(&e->res, res)) {
		entry_free(e);
		return;
	}
	e->hash = h;
	e->changes = changes;
	e->generation = made_in;
	e->made = now();
	e->bytes = bytes;
	while (c->oldest && c->bytes + bytes > budget)
		drop(c, c->oldest);
	e->next_in_bucket = c->buckets[h & (BUCKETS - 1)];
	c->buckets[h & (BUCKETS - 1)] = e;
	push_newest(c, e);
	c->bytes += bytes;
}
