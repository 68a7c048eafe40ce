/*
 * cache.h: answers kept in memory, so that a repeated request (the same
 * search, the same notice, the same feed) costs a lookup (internal).
 *
 * Each server thread has its own cache (no locks), bounded in bytes and
 * emptied least recently used first. An answer stays valid while the
 * store does not change (zc_store_changes() of the thread's reader), and
 * for `fresh` seconds after it was made even when the store changes
 * meanwhile: during a bulk ingest by another process, searches may lag
 * the writes by that long (1 s by default), as in most search servers.
 * The server's own writes (POST, DELETE) invalidate every cache at once.
 */
#ifndef ZC_SERVER_CACHE_H
#define ZC_SERVER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct response;

/* Set the size of each thread's cache (0: no caching) and the freshness. Call before serving. */
void cache_configure(size_t bytes_per_thread, double fresh_seconds);

/* The current generation: read it before making an answer, to put it with it. */
uint64_t cache_generation(void);
/* Copy the answer to key into res when there is a valid one. */
bool cache_get(const char *key, int64_t changes, struct response *res);
/* Keep a copy of res (a 200), made from the store at `changes` in
 * `generation`, as the answer to key. */
void cache_put(const char *key, int64_t changes, uint64_t generation, const struct response *res);
/* The server wrote: no answer made before is valid any more. */
void cache_invalidate_all(void);

#endif
