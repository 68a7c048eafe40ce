/*
 * cache.h: answers kept in memory, so that a repeated request (the same
 * search, the same notice, the same feed) costs a lookup (internal).
 *
 * One cache for all server threads, bounded in bytes, emptied least
 * recently used first. Before each lookup a thread reports what its own
 * read-only store says of changes (zc_store_changes()); a change seen by
 * any thread starts a new epoch, and answers of an older epoch are stale.
 * A stale answer is still served for `fresh` seconds after it was made:
 * during a bulk ingest by another process, searches may lag the writes by
 * that long (1 s by default), as in most search servers. The server's own
 * writes (POST, DELETE) make every answer stale at once, fresh or not.
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

/* Set the cache's size (0: no caching) and the freshness. Call before serving. */
void cache_configure(size_t bytes, double fresh_seconds);

/* Report the thread's view of the store's changes, and get the ticket of an answer made now. */
struct cache_ticket cache_begin(int64_t changes);
/* Copy the valid answer to key into res, if there is one. */
bool cache_get(const char *key, struct response *res);
/* Keep a copy of res (a 200) as the answer to key. */
void cache_put(const char *key, struct cache_ticket made, const struct response *res);
/* The server wrote: no answer made before is valid any more. */
void cache_invalidate_all(void);
/* Free everything (at exit). */
void cache_clear(void);

#endif
