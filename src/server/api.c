/*
 * api.c: the JSON API (docs/api.md): search, one notice, calendar, match,
 * stats, health, and the two writes (store a notice, delete one), which
 * need the bearer token. Reads use the thread's read-only store; a write
 * opens a store of its own, in one transaction rolled back on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/cache.h"
#include "server/server.h"
#include "zhengce/calendar.h"
#include "zhengce/match.h"
#include "zhengce/pipeline.h"
#include "zhengce/profile.h"
#include "zhengce/snippet.h"
#include "zhengce/store.h"
#include "banned.h"

/* A store failure as a response: a bad query is the client's, the rest ours. */
static void store_failure(struct response *res, struct zc_store *s, int r)
{
	if (r == -EINVAL)
		respond_error(res, 400, "%s", zc_store_error(s));
	else if (r == -ENOENT)
		respond_error(res, 404, "%s", zc_store_error(s));
	else if (r == -ENOMEM)
		respond_error(res, 500, "out of memory");
	else if (r == -EBUSY)
		respond_error(res, 503, "the database is busy: %s", zc_store_error(s));
	else
		respond_error(res, 500, "database error: %s", zc_store_error(s));
}

void api_healthz(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	struct zc_store *s = server_reader(req, res);
	if (!s)
		return;
	json_t *st = zc_store_stats(s);
	if (!st) {
		respond_error(res, 503, "the database cannot be read: %s", zc_store_error(s));
		return;
	}
	respond_json(res, 200, json_pack("{s:s,s:i,s:O}", "status", "ok", "schema", zc_store_schema_version(s),
					 "notices", json_object_get(st, "notices")));
	json_decref(st);
}

void api_search(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	struct zc_search q;
	zc_search_init(&q);
	struct zc_store *s = params_search(req, &q, NULL, res) ? server_reader(req, res) : NULL;
	json_t *out = NULL;
	int r = s ? zc_store_search(s, &q, &out) : 0;
	if (s && r < 0)
		store_failure(res, s, r);
	else if (s)
		respond_json(res, 200, out);
	zc_search_free(&q);
}

/* The notice named by a path argument: an id or a 文号. */
static bool resolve(struct zc_store *s, const char *arg, struct response *res, int64_t *id)
{
	int r = zc_store_resolve(s, arg, id);
	if (r < 0)
		store_failure(res, s, r);
	return r == 0;
}

void api_notice(const struct request *req, struct response *res, const char *arg)
{
	if (req->nparams) {
		respond_error(res, 400, "unknown parameter '%s'", req->keys[0]);
		return;
	}
	struct zc_store *s = server_reader(req, res);
	int64_t id;
	if (!s || !resolve(s, arg, res, &id))
		return;
	int r = 0;
	json_t *rec = zc_store_get(s, id, &r);
	if (!rec)
		store_failure(res, s, r);
	else if (zc_mark_elements(rec) < 0) {
		json_decref(rec);
		respond_error(res, 500, "out of memory");
	} else
		respond_json(res, 200, rec);
}

/* A store for writing, or NULL with the reason in res. */
static struct zc_store *open_writer(const struct request *req, struct response *res)
{
	struct zc_store *s;
	char err[256] = "";
	if (zc_store_open(req->srv->db, 0, &s, err, sizeof(err)) < 0) {
		respond_error(res, 503, "the database cannot be written: %s", err);
		return NULL;
	}
	return s;
}

void api_notice_delete(const struct request *req, struct response *res, const char *arg)
{
	if (!request_authorised(req, res))
		return;
	struct zc_store *s = open_writer(req, res);
	int64_t id;
	if (!s)
		return;
	if (resolve(s, arg, res, &id)) {
		int r = zc_store_remove(s, id);
		if (r < 0)
			store_failure(res, s, r);
		else
			respond_json(res, 200, json_pack("{s:I}", "deleted", (json_int_t)id));
		cache_invalidate_all();
	}
	zc_store_close(s);
}

struct post_run {
	struct zc_store *s;
	const char *uri;
	const char *category;
	long ordinal;
	json_t *stored;
	int err;
};

static int store_one(struct zc_notice *n, void *arg)
{
	struct post_run *run = arg;
	if (run->category) { /* the uploader's word over the title's */
		char *c = strdup(run->category);
		if (!c) {
			run->err = -ENOMEM;
			return 1;
		}
		free(n->category);
		n->category = c;
	}
	struct zc_source src = {.uri = run->uri, .ordinal = run->ordinal++};
	struct zc_put_result pr;
	int r = zc_store_put(run->s, n, &src, &pr);
	if (r < 0) {
		run->err = r;
		return 1;
	}
	static const char *const status[] = {"added", "updated", "unchanged", "merged"};
	json_array_append_new(run->stored, json_pack("{s:I,s:i,s:s,s:s?}", "id", (json_int_t)pr.id, "version", pr.version,
						     "status", status[pr.status], "title", n->title));
	return 0;
}

void api_notice_post(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	if (!request_authorised(req, res))
		return;
	for (size_t i = 0; i < req->nparams; i++)
		if (strcmp(req->keys[i], "uri") && strcmp(req->keys[i], "category") && strcmp(req->keys[i], "today")) {
			respond_error(res, 400, "unknown parameter '%s' (uri, category, today)", req->keys[i]);
			return;
		}
	if (!req->body || !req->body_len) {
		respond_error(res, 400, "the body must hold the notice (text or HTML)");
		return;
	}
	struct zc_store *s = open_writer(req, res);
	if (!s)
		return;
	struct post_run run = {s, request_param(req, "uri"), request_param(req, "category"), 0, json_array(), 0};
	const char *today = request_param(req, "today");
	if (today && (strlen(today) != 10 || today[4] != '-' || today[7] != '-')) {
		respond_error(res, 400, "bad value for 'today': YYYY-MM-DD");
		return;
	}
	struct zc_options opts = {.today = today};
	struct zc_diag diag = {0};
	int r = zc_store_begin(s);
	if (r < 0) {
		store_failure(res, s, r);
	} else {
		r = zc_process_buffer(req->body, req->body_len, run.uri, &opts, store_one, &run, &diag);
		if (r == 0 && !json_array_size(run.stored)) {
			zc_store_rollback(s);
			respond_error(res, 422, "no notice was found in the body");
		} else if (r == 0 && zc_store_commit(s) == 0) {
			cache_invalidate_all();
			respond_json(res, 201, json_pack("{s:O}", "notices", run.stored));
		} else {
			zc_store_rollback(s); /* nothing of a failed request stays */
			if (run.err)
				store_failure(res, s, run.err);
			else if (r == -EILSEQ || r == -EMEDIUMTYPE)
				respond_error(res, 400, "the body cannot be decoded at byte %zu: %s", diag.offset, diag.message);
			else if (r == -E2BIG)
				respond_error(res, 413, "the page is too large");
			else
				store_failure(res, s, r < 0 ? r : -EIO);
		}
	}
	json_decref(run.stored);
	zc_store_close(s);
}

bool calendar_request(const struct request *req, struct response *res, json_t **events, char **name)
{
	static const char *const extra[] = {"days", "profile", NULL};
	struct zc_search q;
	zc_search_init(&q);
	struct zc_profile p;
	bool with_profile = false, ok = false;
	long days = -1;
	const char *d = request_param(req, "days"), *pj = request_param(req, "profile");
	char today[11];
	params_today(req, today);
	struct zc_store *s = NULL;
	*events = NULL;
	*name = NULL;
	if (!params_search(req, &q, extra, res))
		goto out;
	if (d) {
		char *end;
		days = strtol(d, &end, 10);
		if (!*d || *end || days < 0 || days > 36500) {
			respond_error(res, 400, "bad value for 'days': '%.40s'", d);
			goto out;
		}
	}
	if (pj && !(with_profile = params_profile(pj, strlen(pj), &p, res)))
		goto out;
	if (!(s = server_reader(req, res)))
		goto out;
	int r = zc_calendar_collect(s, &q, with_profile ? &p : NULL, today, days, events);
	if (r < 0) {
		store_failure(res, s, r);
		goto out;
	}
	if (with_profile && p.name && !(*name = strdup(p.name))) {
		respond_error(res, 500, "out of memory");
		json_decref(*events);
		*events = NULL;
		goto out;
	}
	ok = true;
out:
	if (with_profile)
		zc_profile_free(&p);
	zc_search_free(&q);
	return ok;
}

void api_calendar(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	json_t *events;
	char *name, today[11];
	params_today(req, today);
	if (calendar_request(req, res, &events, &name))
		respond_json(res, 200, json_pack("{s:s,s:o}", "today", today, "events", events));
	free(name);
}

void api_match(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	long limit = 0;
	bool open_only = false;
	for (size_t i = 0; i < req->nparams; i++) {
		const char *k = req->keys[i], *v = req->values[i];
		char *end;
		if (!strcmp(k, "open") && (!strcmp(v, "1") || !strcmp(v, "true") || !*v))
			open_only = true;
		else if (!strcmp(k, "open") && (!strcmp(v, "0") || !strcmp(v, "false")))
			open_only = false;
		else if (!strcmp(k, "limit") && (limit = strtol(v, &end, 10)) >= 1 && !*end && limit <= 100000)
			continue;
		else if (!strcmp(k, "today") && strlen(v) == 10)
			continue;
		else {
			respond_error(res, 400, "bad parameter '%s' (open, limit, today)", k);
			return;
		}
	}
	struct zc_profile p;
	if (!params_profile(req->body, req->body_len, &p, res))
		return;
	char today[11];
	params_today(req, today);
	struct zc_store *s = server_reader(req, res);
	json_t *results = NULL;
	int r = s ? zc_match_store(s, &p, today, open_only, (size_t)limit, &results) : 0;
	if (s && r < 0)
		store_failure(res, s, r);
	else if (s)
		respond_json(res, 200, json_pack("{s:s,s:o}", "today", today, "results", results));
	zc_profile_free(&p);
}

void api_stats(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	if (req->nparams) {
		respond_error(res, 400, "unknown parameter '%s'", req->keys[0]);
		return;
	}
	struct zc_store *s = server_reader(req, res);
	json_t *st = s ? zc_store_stats(s) : NULL;
	if (s && !st)
		store_failure(res, s, -EIO);
	else if (s)
		respond_json(res, 200, st);
}
