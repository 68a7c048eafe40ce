/*
 * publish.c: the published forms over HTTP: the digest (/digest, HTML or
 * Markdown), Atom feeds of any search (/feed.atom) and iCalendar files
 * (/calendar.ics); and the embedded assets: the web UI's shell and files,
 * the OpenAPI description.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "server/assets.h"
#include "server/server.h"
#include "zhengce/calendar.h"
#include "zhengce/publish.h"
#include "zhengce/store.h"
#include "banned.h"

/* Run fn writing into a memory stream; its bytes become the response body. */
static void respond_stream(struct response *res, const char *content_type, int (*fn)(FILE *, const void *),
			   const void *arg)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	int r = f ? fn(f, arg) : -ENOMEM;
	if (f && fclose(f) == EOF && r == 0)
		r = -EIO;
	if (r < 0)
		respond_error(res, 500, "cannot render: %s", strerror(-r));
	else
		respond_text(res, 200, content_type, data, len);
	free(data);
}

/* The records a search asks for (for digests and feeds); false with the response set. */
static bool search_records(const struct request *req, struct response *res, struct zc_search *q, json_t **records)
{
	struct zc_store *s = server_reader(req, res);
	if (!s)
		return false;
	int r = zc_store_search_records(s, q, records);
	if (r == -EINVAL)
		respond_error(res, 400, "%s", zc_store_error(s));
	else if (r < 0)
		respond_error(res, 500, "database error: %s", zc_store_error(s));
	return r == 0;
}

struct digest_job {
	const json_t *records;
	enum zc_digest_format format;
	const struct zc_digest_info *info;
};

static int write_digest(FILE *f, const void *arg)
{
	const struct digest_job *job = arg;
	return zc_render_digest(f, job->records, job->format, job->info);
}


void publish_digest(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	static const char *const extra[] = {"since", "until", "format", "title", NULL};
	struct zc_search q;
	zc_search_init(&q);
	q.sort = ZC_SORT_DATE;
	q.limit = 500;
	const char *format = request_param(req, "format"), *since = request_param(req, "since"),
		   *until = request_param(req, "until");
	char today[11], from[11];
	params_today(req, today);
	json_t *records = NULL;
	if (format && strcmp(format, "html") && strcmp(format, "md")) {
		respond_error(res, 400, "bad value for 'format': html or md");
		goto out;
	}
	if (!params_search(req, &q, extra, res))
		goto out;
	/* since/until are issued_from/issued_to under the digest's names */
	if (since || until) {
		struct request dated = *req;
		const char *keys[] = {"issued_from", "issued_to"}, *values[] = {since ? since : "", until ? until : ""};
		dated.keys = keys + (since ? 0 : 1);
		dated.values = values + (since ? 0 : 1);
		dated.nparams = (size_t)(since != NULL) + (until != NULL);
		if (!params_search(&dated, &q, extra, res))
			goto out;
	}
	if (!q.issued_from[0]) { /* the last 30 days by default */
		zc_date_add(today, -30, from);
		memcpy(q.issued_from, from, 11);
	}
	if (!search_records(req, res, &q, &records))
		goto out;
	char base[256];
	request_base_url(req, base, sizeof(base));
	struct zc_digest_info info = {request_param(req, "title"), q.issued_from, q.issued_to[0] ? q.issued_to : NULL,
				      today, base, "/static/digest.css"};
	bool md = format && !strcmp(format, "md");
	struct digest_job job = {records, md ? ZC_DIGEST_MARKDOWN : ZC_DIGEST_HTML, &info};
	respond_stream(res, md ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8", write_digest, &job);
	res->page = !md;
out:
	json_decref(records);
	zc_search_free(&q);
}

/* %-encode s for a query string into out; -ENOMEM on failure. */
static int url_encode(struct zc_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int e = 0;
	for (; *s && !e; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c))
			e = zc_buf_addc(out, (char)c);
		else
			e = zc_buf_addf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	return e;
}

struct feed_job {
	const json_t *records;
	const struct zc_feed_info *info;
};

static int write_feed(FILE *f, const void *arg)
{
	const struct feed_job *job = arg;
	return zc_render_atom(f, job->records, job->info);
}

void publish_feed(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	struct zc_search q;
	zc_search_init(&q);
	q.sort = ZC_SORT_DATE;
	q.limit = 50;
	json_t *records = NULL;
	struct zc_buf self, title;
	zc_buf_init(&self, 0);
	zc_buf_init(&title, 0);
	if (!params_search(req, &q, NULL, res) || !search_records(req, res, &q, &records))
		goto out;
	char base[256];
	request_base_url(req, base, sizeof(base));
	int e = zc_buf_addf(&self, "%s/feed.atom", base) | zc_buf_adds(&title, "zhengce 政策通知");
	for (size_t i = 0; i < req->nparams && !e; i++) {
		e |= zc_buf_addc(&self, i ? '&' : '?') | url_encode(&self, req->keys[i]) | zc_buf_addc(&self, '=') |
		     url_encode(&self, req->values[i]);
		if (!strcmp(req->keys[i], "q") || !strcmp(req->keys[i], "region") || !strcmp(req->keys[i], "category"))
			e |= zc_buf_addf(&title, " · %s", req->values[i]);
	}
	if (e) {
		respond_error(res, 500, "out of memory");
		goto out;
	}
	struct zc_feed_info info = {title.data, self.data, base};
	struct feed_job job = {records, &info};
	respond_stream(res, "application/atom+xml; charset=utf-8", write_feed, &job);
out:
	zc_buf_free(&self);
	zc_buf_free(&title);
	json_decref(records);
	zc_search_free(&q);
}

struct ics_job {
	const json_t *events;
	const char *name;
};

static int write_ics(FILE *f, const void *arg)
{
	const struct ics_job *job = arg;
	return zc_calendar_ics(f, job->events, job->name);
}

void publish_ics(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	json_t *events;
	char *name;
	if (!calendar_request(req, res, &events, &name))
		return;
	struct ics_job job = {events, name};
	respond_stream(res, "text/calendar; charset=utf-8", write_ics, &job);
	if (res->status == 200)
		respond_header(res, "Content-Disposition", "attachment; filename=\"zhengce.ics\"");
	json_decref(events);
	free(name);
}

/* --- embedded assets --- */

static const struct server_asset *asset(const char *name)
{
	for (size_t i = 0; i < server_asset_count; i++)
		if (!strcmp(server_assets[i].name, name))
			return &server_assets[i];
	return NULL;
}

/* An asset, or 304 when the client holds this version (its ETag). After
 * an upgrade the ETags change, so no browser keeps an old script. */
static void respond_asset(const struct request *req, struct response *res, const struct server_asset *a)
{
	if (req->if_none_match && strstr(req->if_none_match, a->etag))
		respond_text(res, 304, a->content_type, "", 0);
	else
		respond_text(res, 200, a->content_type, (const char *)a->data, a->len);
	respond_header(res, "ETag", a->etag);
	res->revalidate = true;
}

void assets_get(const struct request *req, struct response *res, const char *arg)
{
	if (!strcmp(arg, "digest.css")) {
		respond_text(res, 200, "text/css; charset=utf-8", zc_digest_css, strlen(zc_digest_css));
		return;
	}
	const struct server_asset *a = strcmp(arg, "index.html") && strcmp(arg, "openapi.json") ? asset(arg) : NULL;
	if (!a) {
		respond_error(res, 404, "no such file");
		return;
	}
	respond_asset(req, res, a);
}

void assets_page(const struct request *req, struct response *res, const char *arg)
{
	/* /notice/ID only: one segment of digits or a 文号 */
	if (!strncmp(req->path, "/notice/", 8) && (!*arg || strchr(arg, '/'))) {
		respond_error(res, 404, "no such page");
		return;
	}
	respond_asset(req, res, asset("index.html"));
	res->page = true;
}

void assets_openapi(const struct request *req, struct response *res, const char *arg)
{
	(void)arg;
	respond_asset(req, res, asset("openapi.json"));
}
