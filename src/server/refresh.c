/*
 * refresh.c: the background refresh of stale cached answers (see
 * refresh.h): a bounded queue of request copies and one thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server/cache.h"
#include "server/refresh.h"
#include "zhengce/store.h"
#include "banned.h"

#define QUEUE_MAX 4096

struct job {
	struct job *next;
	refresh_handler fn;
	struct request req;
	char *arg, *key;
	char *strings; /* method, path, host and the parameters, NUL-separated */
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct job *head, *tail;
	size_t n;
	bool running, stopping;
	pthread_t thread;
} q = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void job_free(struct job *j)
{
	free(j->req.keys);
	free(j->req.values);
	free(j->arg);
	free(j->key);
	free(j->strings);
	free(j);
}

/* A copy of what a GET handler reads of its request. */
static struct job *job_new(refresh_handler fn, const struct request *req, const char *arg, const char *key)
{
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	const char *fixed[] = {req->method, req->path, req->host ? req->host : ""};
	size_t len = 0;
	for (size_t i = 0; i < 3; i++)
		len += strlen(fixed[i]) + 1;
	for (size_t i = 0; i < req->nparams; i++)
		len += strlen(req->keys[i]) + strlen(req->values[i]) + 2;
	j->strings = malloc(len);
	j->req.keys = calloc(req->nparams + 1, sizeof(*j->req.keys));
	j->req.values = calloc(req->nparams + 1, sizeof(*j->req.values));
	j->arg = strdup(arg);
	j->key = strdup(key);
	if (!j->strings || !j->req.keys || !j->req.values || !j->arg || !j->key) {
		job_free(j);
		return NULL;
	}
	char *p = j->strings;
#define COPY(dst, src) (dst = memcpy(p, src, strlen(src) + 1), p += strlen(src) + 1)
	COPY(j->req.method, fixed[0]);
	COPY(j->req.path, fixed[1]);
	COPY(j->req.host, fixed[2]);
	for (size_t i = 0; i < req->nparams; i++) {
		COPY(j->req.keys[i], req->keys[i]);
		COPY(j->req.values[i], req->values[i]);
	}
#undef COPY
	if (!req->host)
		j->req.host = NULL;
	j->req.nparams = req->nparams;
	j->req.srv = req->srv;
	j->fn = fn;
	return j;
}

static void run(struct job *j)
{
	struct response res;
	server_response_init(&res);
	struct zc_store *s = server_reader(&j->req, &res);
	if (!s) {
		cache_refresh_abandoned(j->key);
	} else {
		struct cache_ticket made = cache_begin(zc_store_changes(s));
		j->fn(&j->req, &res, j->arg);
		cache_put(j->key, made, &res);
	}
	server_response_free(&res);
}

static void *worker(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&q.lock);
	while (!q.stopping) {
		if (!q.head) {
			pthread_cond_wait(&q.wake, &q.lock);
			continue;
		}
		struct job *j = q.head;
		q.head = j->next;
		if (!q.head)
			q.tail = NULL;
		q.n--;
		pthread_mutex_unlock(&q.lock);
		run(j);
		job_free(j);
		pthread_mutex_lock(&q.lock);
	}
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

int refresh_start(void)
{
	pthread_mutex_lock(&q.lock);
	q.stopping = false;
	int r = q.running ? 0 : pthread_create(&q.thread, NULL, worker, NULL);
	if (r == 0)
		q.running = true;
	pthread_mutex_unlock(&q.lock);
	return r == 0 ? 0 : -1;
}

void refresh_stop(void)
{
	pthread_mutex_lock(&q.lock);
	bool running = q.running;
	q.stopping = true;
	pthread_cond_broadcast(&q.wake);
	pthread_mutex_unlock(&q.lock);
	if (running)
		pthread_join(q.thread, NULL);
	pthread_mutex_lock(&q.lock);
	while (q.head) {
		struct job *j = q.head;
		q.head = j->next;
		job_free(j);
	}
	q.tail = NULL;
	q.n = 0;
	q.running = false;
	pthread_mutex_unlock(&q.lock);
}

bool refresh_queue(refresh_handler fn, const struct request *req, const char *arg, const char *key)
{
	struct job *j = job_new(fn, req, arg, key);
	if (!j)
		return false;
	pthread_mutex_lock(&q.lock);
	bool ok = q.running && !q.stopping && q.n < QUEUE_MAX;
	if (ok) {
		if (q.tail)
			q.tail->next = j;
		else
			q.head = j;
		q.tail = j;
		q.n++;
		pthread_cond_signal(&q.wake);
	}
	pthread_mutex_unlock(&q.lock);
	if (!ok)
		job_free(j);
	return ok;
}
