/*
 * ingest.c: files → pipeline (reader thread) → bounded queue → store
 * (calling thread), with the batch and savepoint rules of ingest.h.
 *
 * The queue carries three kinds of events: a file begins, a notice (moved
 * out of the pipeline's callback, so nothing is copied), a file ends with
 * the pipeline's result. The calling thread applies them in order; when the
 * store fails it raises `stop`, the reader stops at its next notice, and
 * the rest of the queue is drained and freed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "zhengce/ingest.h"
#include "banned.h"

#define QUEUE_SIZE 64
#define DEFAULT_BATCH 1000

enum event_kind { EV_FILE_BEGIN, EV_NOTICE, EV_FILE_END, EV_DONE };

struct event {
	enum event_kind kind;
	size_t file;           /* index into paths */
	int result;            /* EV_FILE_END: the pipeline's result */
	struct zc_diag diag;   /* EV_FILE_END */
	struct zc_notice notice; /* EV_NOTICE */
};

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct event items[QUEUE_SIZE];
	size_t head, count;
	bool stop; /* the consumer gave up: the reader stops */
};

struct job {
	struct queue q;
	const char *const *paths;
	size_t n;
	const struct zc_options *pipeline;
};

/* ---- the queue ---- */

/* Push, blocking while the queue is full (the consumer always drains it
 * up to EV_DONE). Returns false when the consumer has stopped. */
static bool push(struct queue *q, const struct event *ev)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == QUEUE_SIZE)
		pthread_cond_wait(&q->not_full, &q->lock);
	q->items[(q->head + q->count) % QUEUE_SIZE] = *ev;
	q->count++;
	bool go_on = !q->stop;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
	return go_on;
}

static void pop(struct queue *q, struct event *ev)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == 0)
		pthread_cond_wait(&q->not_empty, &q->lock);
	*ev = q->items[q->head];
	q->head = (q->head + 1) % QUEUE_SIZE;
	q->count--;
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
}

static void stop(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->stop = true;
	pthread_mutex_unlock(&q->lock);
}

/* ---- the reader thread ---- */

static int on_notice(struct zc_notice *n, void *arg)
{
	struct queue *q = arg;
	struct event ev = {.kind = EV_NOTICE};
	ev.notice = *n; /* take the contents; the pipeline then frees an empty notice */
	zc_notice_init(n);
	return push(q, &ev) ? 0 : 1;
}

static void *reader(void *arg)
{
	struct job *job = arg;
	for (size_t i = 0; i < job->n; i++) {
		struct event ev = {.kind = EV_FILE_BEGIN, .file = i};
		if (!push(&job->q, &ev))
			break;
		const char *path = job->paths[i];
		bool is_stdin = !strcmp(path, "-");
		struct event end = {.kind = EV_FILE_END, .file = i};
		FILE *f = is_stdin ? stdin : fopen(path, "rb");
		if (!f) {
			end.result = -errno;
			snprintf(end.diag.message, sizeof(end.diag.message), "cannot open: %s", strerror(errno));
		} else {
			end.result = zc_process_file(f, is_stdin ? NULL : path, job->pipeline, on_notice, &job->q,
						     &end.diag);
			if (!is_stdin)
				fclose(f);
		}
		if (!push(&job->q, &end))
			break;
	}
	struct event done = {.kind = EV_DONE};
	push(&job->q, &done);
	return NULL;
}

/* ---- the storing side ---- */

struct writer {
	struct zc_store *s;
	const struct zc_ingest_options *o;
	const struct zc_ingest_callbacks *cb;
	struct zc_ingest_stats *st;
	size_t batch;
	size_t pending;     /* notices in the open transaction */
	bool txn_open;      /* a batch transaction is open */
	bool owns_txn;      /* the current file began it (else: in a savepoint) */
	bool in_file;       /* between a file's begin and end */
	char *uri;          /* the current file's source name (malloc'd; NULL for stdin) */
	long ordinal;
	size_t file_kept;   /* notices of the current file in committed batches */
	size_t before[3], kept[3], pending_before;
	size_t committed[3]; /* counts as of the last commit */
};

static size_t *count_of(struct zc_ingest_stats *st, enum zc_put_status status)
{
	return status == ZC_PUT_ADDED ? &st->added : status == ZC_PUT_UPDATED ? &st->updated : &st->unchanged;
}

static void counts_get(const struct zc_ingest_stats *st, size_t c[3])
{
	c[0] = st->added, c[1] = st->updated, c[2] = st->unchanged;
}

static void counts_set(struct zc_ingest_stats *st, const size_t c[3])
{
	st->added = c[0], st->updated = c[1], st->unchanged = c[2];
}

static int file_begin(struct writer *w, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	free(w->uri);
	w->uri = NULL;
	if (!is_stdin) {
		w->uri = realpath(path, NULL);
		if (!w->uri && !(w->uri = strdup(path)))
			return -ENOMEM;
	} else if (w->o->stdin_source && !(w->uri = strdup(w->o->stdin_source))) {
		return -ENOMEM;
	}
	w->ordinal = 0;
	w->file_kept = 0;
	counts_get(w->st, w->before);
	w->pending_before = w->pending;
	w->owns_txn = !w->txn_open;
	int r = zc_store_begin(w->s); /* the batch, or a savepoint in it */
	if (r == 0)
		w->txn_open = w->in_file = true;
	return r;
}

static int store_notice(struct writer *w, struct zc_notice *n)
{
	struct zc_source src = {.uri = w->uri, .ordinal = w->ordinal++};
	struct zc_put_result res;
	int r = zc_store_put(w->s, n, &src, &res);
	if (r < 0)
		return r;
	(*count_of(w->st, res.status))++;
	w->pending++;
	/* Only the current file's own notices count towards a mid-file commit. */
	if (w->pending - w->pending_before < 2 * w->batch)
		return 0;
	/* A file larger than a batch: commit what it gave so far. */
	if (!w->owns_txn && (r = zc_store_commit(w->s)) < 0) /* the savepoint */
		return r;
	w->owns_txn = true;
	if ((r = zc_store_commit(w->s)) < 0)
		return r;
	w->txn_open = false;
	if ((r = zc_store_begin(w->s)) < 0)
		return r;
	w->txn_open = true;
	w->file_kept += w->pending - w->pending_before;
	w->pending = w->pending_before = 0;
	counts_get(w->st, w->kept);
	counts_get(w->st, w->committed);
	return 0;
}

static int file_end(struct writer *w, const char *path, int result, const struct zc_diag *diag)
{
	int r = 0;
	w->st->files++;
	w->in_file = false;
	if (result == 0) {
		if (!w->owns_txn)
			r = zc_store_commit(w->s); /* the savepoint */
	} else {
		/* Roll the file back (all of it, or what followed its last commit). */
		r = zc_store_rollback(w->s);
		if (w->owns_txn)
			w->txn_open = false;
		if (w->file_kept) {
			counts_set(w->st, w->kept);
			w->pending = 0;
		} else {
			counts_set(w->st, w->before);
			w->pending = w->pending_before;
		}
		if (result == -ENOMEM)
			return -ENOMEM;
		w->st->failed++;
		if (w->cb && w->cb->file_error)
			w->cb->file_error(path, result, diag, w->file_kept, w->cb->arg);
	}
	if (r == 0 && w->txn_open && w->pending >= w->batch) {
		/* Batch boundary: commit what the files so far gave. */
		r = zc_store_commit(w->s);
		if (r == 0) {
			w->txn_open = false;
			w->pending = 0;
			counts_get(w->st, w->committed);
		}
	}
	return r;
}

int zc_ingest(struct zc_store *s, const char *const *paths, size_t n, const struct zc_ingest_options *o,
	      const struct zc_ingest_callbacks *cb, struct zc_ingest_stats *st)
{
	struct zc_ingest_stats local;
	struct zc_ingest_options defaults = {0};
	st = st ? st : &local;
	o = o ? o : &defaults;
	memset(st, 0, sizeof(*st));
	struct job *job = calloc(1, sizeof(*job));
	if (!job)
		return -ENOMEM;
	job->paths = paths;
	job->n = n;
	job->pipeline = o->pipeline;
	pthread_mutex_init(&job->q.lock, NULL);
	pthread_cond_init(&job->q.not_empty, NULL);
	pthread_cond_init(&job->q.not_full, NULL);
	pthread_t thread;
	xmlInitParser(); /* libxml2 wants it from one thread before several use it */
	if (pthread_create(&thread, NULL, reader, job) != 0) {
		free(job);
		return -EAGAIN;
	}
	struct writer w = {.s = s, .o = o, .cb = cb, .st = st, .batch = o->batch ? o->batch : DEFAULT_BATCH};
	int r = 0;
	for (;;) {
		struct event ev;
		pop(&job->q, &ev);
		if (ev.kind == EV_DONE)
			break;
		if (r < 0) { /* stopped: drain */
			if (ev.kind == EV_NOTICE)
				zc_notice_free(&ev.notice);
			continue;
		}
		switch (ev.kind) {
		case EV_FILE_BEGIN:
			if (cb && cb->progress)
				cb->progress(ev.file, n, paths[ev.file], st, cb->arg);
			r = file_begin(&w, paths[ev.file]);
			break;
		case EV_NOTICE:
			r = store_notice(&w, &ev.notice);
			zc_notice_free(&ev.notice);
			break;
		case EV_FILE_END:
			r = file_end(&w, paths[ev.file], ev.result, &ev.diag);
			break;
		case EV_DONE:
			break;
		}
		if (r < 0)
			stop(&job->q);
	}
	pthread_join(thread, NULL);
	if (w.txn_open) {
		if (r == 0)
			r = zc_store_commit(s);
		if (r < 0) {
			if (w.in_file && !w.owns_txn)
				zc_store_rollback(s); /* the unfinished file's savepoint */
			zc_store_rollback(s);
			counts_set(st, w.committed); /* what is stored */
		}
	}
	if (r == 0)
		r = zc_store_maintain(s, st->added + st->updated);
	free(w.uri);
	pthread_mutex_destroy(&job->q.lock);
	pthread_cond_destroy(&job->q.not_empty);
	pthread_cond_destroy(&job->q.not_full);
	free(job);
	return r;
}
