/*
 * refresh.h: the background thread that recomputes stale cached answers
 * (cache.h), so that no request waits for them (internal).
 *
 * A request served a stale answer queues a copy of itself (a GET: path,
 * parameters, host); the thread runs the same handler on it with its own
 * read-only store and puts the new answer in the cache. The queue is
 * bounded: a request that finds it full leaves the answer to be refreshed
 * by a later one.
 */
#ifndef ZC_SERVER_REFRESH_H
#define ZC_SERVER_REFRESH_H

#include <stdbool.h>

#include "server/server.h"

typedef void (*refresh_handler)(const struct request *req, struct response *res, const char *arg);

/* Start the thread. 0, or -1 (the server then refreshes nothing in the background). */
int refresh_start(void);
/* Stop it, dropping what is queued. */
void refresh_stop(void);
/* Queue the refresh of key: fn(copy of req, …, arg). false when it cannot be queued. */
bool refresh_queue(refresh_handler fn, const struct request *req, const char *arg, const char *key);

#endif
