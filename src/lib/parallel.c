/*
 * parallel.c: parts of a job taken in turn by a few threads (see
 * parallel.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "parallel.h"
#include "banned.h"

#define MAX_THREADS 16

struct job {
	zc_part_fn *fn;
	void *arg;
	size_t nparts;
	atomic_size_t next; /* the next part to take */
};

static void *take_parts(void *arg)
{
	struct job *job = arg;
	size_t part;
	while ((part = atomic_fetch_add(&job->next, 1)) < job->nparts)
		job->fn(job->arg, part);
	return NULL;
}

void zc_parallel(zc_part_fn *fn, void *arg, size_t nparts, int nthreads)
{
	struct job job = {.fn = fn, .arg = arg, .nparts = nparts};
	atomic_init(&job.next, 0);
	pthread_t threads[MAX_THREADS];
	int started = 0, want = nthreads < 1 ? 1 : nthreads > MAX_THREADS ? MAX_THREADS : nthreads;
	if ((size_t)want > nparts)
		want = nparts ? (int)nparts : 1;
	while (started < want - 1 && pthread_create(&threads[started], NULL, take_parts, &job) == 0)
		started++;
	take_parts(&job);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

int zc_cpus(int max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > max ? max : (int)n;
}
