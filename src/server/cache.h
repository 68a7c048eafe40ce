/*
 * cache.h: answers kept in memory, so that a repeated request (the same
 * search, the same notice, the same feed) costs a lookup (internal).
 *
 * One cache for all server threads, bounded in bytes, emptied least
 * recently used first. Before each lookup a thread reports what its own
 * read-only store says of changes (zc_store_changes()); a change seen by
 * any thread starts a new epoch, and answers of an older epoch are stale.
 * An answer of an older epoch is still fresh for `fresh` seconds after
 * it was made: during a bulk ingest by another process, searches may lag
 * the writes by that long (1 s by default), as in most search servers.
 * Past that, for `stale` more seconds from the first request that finds
 * it stale, it is still served, and recomputed in the background
 * (refresh.h), one refresh per answer at a time: the
 * stale-while-revalidate of RFC 5861. Requests then never wait for a
 * search the cache has seen, and answers lag a running ingest by the time
 * their refresh takes to come round. The server's own writes (POST,
 * DELETE) make every answer invalid at once.
 */
#ifndef ZC_SERVER_CACHE_H
#define ZC_SERVER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct response;

/* When an answer was made: the epochs at the start of its making. */
struct cache_ticket {
	uint64_t epoch;  /* changes of the store, by anyone */
	uint64_t writes; /* the server's own writes */
};

/* Set the cache's size (0: no caching), the freshness and how long past it
 * an answer may be served while refreshed (0: never). Call before serving. */
void cache_configure(size_t bytes, double fresh_seconds, double stale_seconds);

/* Report the thread's view of the store's changes, and get the ticket of an answer made now. */
struct cache_ticket cache_begin(int64_t changes);
enum cache_state {
	CACHE_MISS,    /* no answer to serve */
	CACHE_HIT,     /* a fresh answer, copied into res */
	CACHE_STALE,   /* a stale answer, copied into res; its refresh is under way */
	CACHE_REFRESH, /* a stale answer, copied into res: the caller starts its refresh */
};

/* Copy the answer to key into res, if there is one to serve. */
enum cache_state cache_get(const char *key, struct response *res);
/* The refresh cache_get() asked for could not start (or failed): the next request may ask again. */
void cache_refresh_abandoned(const char *key);
/* Keep a copy of res (a 200) as the answer to key (another status: the old answer stays, refreshable). */
void cache_put(const char *key, struct cache_ticket made, const struct response *res);
/* The server wrote: no answer made before is valid any more. */
void cache_invalidate_all(void);
/* Free everything (at exit). */
void cache_clear(void);

#endif
