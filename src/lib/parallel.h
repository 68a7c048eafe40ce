/*
 * parallel.h: a job cut into parts, run on a few threads that take the
 * parts in turn (internal). Used where one request is worth two cores:
 * the slices of a heavy search, the ranking of many matches, a page's
 * snippets.
 */
#ifndef ZC_PARALLEL_H
#define ZC_PARALLEL_H

#include <stddef.h>

/* Run part `part` of the job at arg. */
typedef void zc_part_fn(void *arg, size_t part);

/*
 * Run fn(arg, 0), …, fn(arg, nparts - 1) on up to nthreads threads, this
 * one among them, and return once all are done. Each thread takes the
 * next part nobody has taken, until none is left: a thread that starts
 * late (or cannot be started) only takes fewer, so the job never waits
 * on one. Parts must not depend on each other's order.
 */
void zc_parallel(zc_part_fn *fn, void *arg, size_t nparts, int nthreads);

/* Processors online, at least 1 and at most max. */
int zc_cpus(int max);

#endif
