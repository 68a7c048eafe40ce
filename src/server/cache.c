/*
 * cache.c: the server's cache of answers (see cache.h): a hash table of
 * entries chained in least-recently-used order, bounded in bytes, under
 * one mutex (held only to look up, copy and link, never while an answer
 * is made).
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

#define BUCKETS 16384 /* a power of two */

struct entry {
	struct entry *next_in_bucket;
	struct entry *newer, *older; /* the LRU list */
	uint64_t hash;
	char *key;
	struct cache_ticket made;
	double made_at; /* monotonic seconds */
	double stale_since; /* when a request first found it stale; 0: not yet */
	bool refreshing;    /* a background refresh is under way */
	struct response res;
	size_t bytes;
};

static struct {
	pthread_mutex_t lock;
	struct entry *buckets[BUCKETS];
	struct entry *newest, *oldest;
	size_t bytes, budget;
	double fresh, stale;
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER, .fresh = 1.0};

static atomic_uint_fast64_t epoch, writes;
/* What this thread's store last said of changes; -2: nothing yet. */
static _Thread_local int64_t seen_changes = -2;

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

void cache_configure(size_t bytes, double fresh_seconds, double stale_seconds)
{
	cache.budget = bytes;
	cache.fresh = fresh_seconds;
	cache.stale = stale_seconds;
}

void cache_invalidate_all(void)
{
	atomic_fetch_add(&writes, 1);
}

struct cache_ticket cache_begin(int64_t changes)
{
	/* A thread's first look cannot tell what changed before it: a new epoch then too. */
	if (changes != seen_changes || changes < 0) {
		seen_changes = changes;
		atomic_fetch_add(&epoch, 1);
	}
	return (struct cache_ticket){atomic_load(&epoch), atomic_load(&writes)};
}

static void unlink_lru(struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		cache.newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		cache.oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(struct entry *e)
{
	e->older = cache.newest;
	e->newer = NULL;
	if (cache.newest)
		cache.newest->newer = e;
	cache.newest = e;
	if (!cache.oldest)
		cache.oldest = e;
}

/* Unlink e; the caller frees it (outside the lock). */
static void unlink_entry(struct entry *e)
{
	struct entry **p = &cache.buckets[e->hash & (BUCKETS - 1)];
	while (*p != e)
		p = &(*p)->next_in_bucket;
	*p = e->next_in_bucket;
	unlink_lru(e);
	cache.bytes -= e->bytes;
}

static struct entry *find(const char *key, uint64_t h)
{
	for (struct entry *e = cache.buckets[h & (BUCKETS - 1)]; e; e = e->next_in_bucket)
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

enum cache_state cache_get(const char *key, struct response *res)
{
	if (!cache.budget)
		return CACHE_MISS;
	uint64_t h = XXH3_64bits(key, strlen(key));
	struct entry *dropped = NULL;
	enum cache_state state = CACHE_MISS;
	pthread_mutex_lock(&cache.lock);
	struct entry *e = find(key, h);
	if (e) {
		double t = now();
		bool ours = e->made.writes == atomic_load(&writes);
		if (ours && (e->made.epoch == atomic_load(&epoch) || t - e->made_at < cache.fresh)) {
			state = CACHE_HIT;
		} else if (ours && cache.stale > 0) {
			/* the stale window counts from when the answer was first found stale */
			if (!e->stale_since)
				e->stale_since = t;
			if (t - e->stale_since < cache.stale)
				state = e->refreshing ? CACHE_STALE : CACHE_REFRESH;
		}
		if (state == CACHE_MISS) {
			unlink_entry(e);
			dropped = e;
		} else {
			server_response_free(res);
			if (copy_response(res, &e->res)) {
				e->refreshing |= state == CACHE_REFRESH;
				unlink_lru(e);
				push_newest(e);
			} else { /* out of memory copying: answer afresh */
				server_response_free(res);
				server_response_init(res);
				state = CACHE_MISS;
			}
		}
	}
	pthread_mutex_unlock(&cache.lock);
	if (dropped)
		entry_free(dropped);
	return state;
}

void cache_refresh_abandoned(const char *key)
{
	uint64_t h = XXH3_64bits(key, strlen(key));
	pthread_mutex_lock(&cache.lock);
	struct entry *e = find(key, h);
	if (e)
		e->refreshing = false;
	pthread_mutex_unlock(&cache.lock);
}

void cache_put(const char *key, struct cache_ticket made, const struct response *res)
{
	size_t bytes = sizeof(struct entry) + strlen(key) + res->body.len;
	if (!cache.budget || res->status != 200 || bytes > cache.budget / 8) {
		if (cache.budget)
			cache_refresh_abandoned(key);
		return;
	}
	struct entry *e = calloc(1, sizeof(*e));
	if (!e)
		return;
	e->key = strdup(key);
	if (!e->key || !copy_response(&e->res, res)) {
		entry_free(e);
		return;
	}
	e->hash = XXH3_64bits(key, strlen(key));
	e->made = made;
	e->made_at = now();
	e->bytes = bytes;
	struct entry *evicted = NULL; /* freed outside the lock, chained through next_in_bucket */
	pthread_mutex_lock(&cache.lock);
	struct entry *old = find(key, e->hash);
	if (old) {
		unlink_entry(old);
		old->next_in_bucket = evicted;
		evicted = old;
	}
	while (cache.oldest && cache.bytes + bytes > cache.budget) {
		struct entry *victim = cache.oldest;
		unlink_entry(victim);
		victim->next_in_bucket = evicted;
		evicted = victim;
	}
	e->next_in_bucket = cache.buckets[e->hash & (BUCKETS - 1)];
	cache.buckets[e->hash & (BUCKETS - 1)] = e;
	push_newest(e);
	cache.bytes += bytes;
	pthread_mutex_unlock(&cache.lock);
	while (evicted) {
		struct entry *next = evicted->next_in_bucket;
		entry_free(evicted);
		evicted = next;
	}
}

void cache_clear(void)
{
	pthread_mutex_lock(&cache.lock);
	struct entry *e = cache.newest;
	cache.newest = cache.oldest = NULL;
	memset(cache.buckets, 0, sizeof(cache.buckets));
	cache.bytes = 0;
	pthread_mutex_unlock(&cache.lock);
	while (e) {
		struct entry *next = e->older;
		entry_free(e);
		e = next;
	}
}
