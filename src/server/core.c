/*
 * core.c: what every request goes through, whatever the transport: the
 * route table, the responses, the bearer token, and the read-only store
 * of each server thread.
 *
 * Paths are matched against the fixed table below and nothing is ever
 * read from the file system at request time, so no path can reach a file.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "server/cache.h"
#include "server/refresh.h"
#include "server/server.h"
#include "zhengce/store.h"
#include "banned.h"

typedef void (*handler_fn)(const struct request *req, struct response *res, const char *arg);

struct route {
	const char *method;
	const char *path; /* exact, or a prefix when it ends with '/' (the rest is the handler's arg) */
	handler_fn fn;
	bool cached;      /* answers depend only on the request, the store and the date */
};

static const struct route routes[] = {
	{"GET", "/healthz", api_healthz, false},
	{"GET", "/api/notices", api_search, true},
	{"POST", "/api/notices", api_notice_post, false},
	{"GET", "/api/notices/", api_notice, true},
	{"DELETE", "/api/notices/", api_notice_delete, false},
	{"GET", "/api/calendar", api_calendar, true},
	{"POST", "/api/match", api_match, false},
	{"GET", "/api/stats", api_stats, false},
	{"GET", "/api/openapi.json", assets_openapi, false},
	{"GET", "/digest", publish_digest, true},
	{"GET", "/feed.atom", publish_feed, true},
	{"GET", "/calendar.ics", publish_ics, true},
	{"GET", "/static/", assets_get, false},
	{"GET", "/", assets_page, false},
	{"GET", "/notice/", assets_page, false},
	{"GET", "/match", assets_page, false},
	{"GET", "/calendar", assets_page, false},
	{"GET", "/charts", assets_page, false},
};

/* --- responses --- */

void server_response_init(struct response *res)
{
	memset(res, 0, sizeof(*res));
	res->status = 500;
	res->content_type = "application/json; charset=utf-8";
	zc_buf_init(&res->body, 0);
}

void server_response_free(struct response *res)
{
	zc_buf_free(&res->body);
	for (size_t i = 0; i < res->nheaders; i++)
		free(res->header_values[i]);
	res->nheaders = 0;
}

void respond_header(struct response *res, const char *name, const char *value)
{
	if (res->nheaders == HEADERS_MAX)
		return;
	char *v = strdup(value);
	if (!v)
		return;
	res->header_names[res->nheaders] = name;
	res->header_values[res->nheaders++] = v;
}

void respond_text(struct response *res, int status, const char *content_type, const char *data, size_t len)
{
	zc_buf_reset(&res->body);
	res->status = status;
	res->content_type = content_type;
	if (zc_buf_add(&res->body, data, len) < 0) {
		res->status = 500;
		res->content_type = "text/plain; charset=utf-8";
	}
}

void respond_json(struct response *res, int status, json_t *body)
{
	char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!s) {
		respond_text(res, 500, "application/json; charset=utf-8",
			     "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}", 51);
		return;
	}
	respond_text(res, status, "application/json; charset=utf-8", s, strlen(s));
	free(s);
}

void respond_error(struct response *res, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* a message quoting the request may be cut inside a character */
	json_t *m = json_string(msg);
	if (!m)
		m = json_string("bad request");
	respond_json(res, status, json_pack("{s:{s:i,s:o}}", "error", "status", status, "message", m));
}

/* --- requests --- */

const char *request_param(const struct request *req, const char *key)
{
	for (size_t i = req->nparams; i-- > 0;)
		if (!strcmp(req->keys[i], key))
			return req->values[i];
	return NULL;
}

void request_base_url(const struct request *req, char *out, size_t cap)
{
	const char *host = req->host && *req->host ? req->host : "localhost";
	if (req->srv->base_url)
		snprintf(out, cap, "%s", req->srv->base_url);
	else
		snprintf(out, cap, "http://%s", host);
	/* a Host header is the client's word: keep only what a host may hold */
	for (char *p = out + (req->srv->base_url ? strlen(out) : 7); *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr(".-:[]", *p)))
			*p = '_';
}

/* Equal in time independent of where they differ (and of b's length). */
static bool same_secret(const char *a, size_t alen, const char *b, size_t blen)
{
	volatile unsigned char diff = (unsigned char)(alen != blen);
	for (size_t i = 0; i < blen; i++)
		diff |= (unsigned char)(b[i] ^ a[i % (alen ? alen : 1)]);
	return alen && !diff;
}

bool request_authorised(const struct request *req, struct response *res)
{
	if (!req->srv->token) {
		respond_error(res, 403, "writing is disabled: the server runs without --token-file");
		return false;
	}
	const char *auth = req->authorization;
	if (!auth || strncasecmp(auth, "Bearer ", 7)) {
		respond_header(res, "WWW-Authenticate", "Bearer realm=\"zhengce\"");
		respond_error(res, 401, "this needs a bearer token (Authorization: Bearer TOKEN)");
		return false;
	}
	const char *t = auth + 7;
	while (*t == ' ')
		t++;
	if (!same_secret(t, strlen(t), req->srv->token, req->srv->token_len)) {
		respond_error(res, 403, "the token is not valid");
		return false;
	}
	return true;
}

/* --- the read-only store of each thread --- */

static pthread_key_t reader_key;
static pthread_once_t reader_once = PTHREAD_ONCE_INIT;

static void close_reader(void *p)
{
	zc_store_close(p);
}

static void make_key(void)
{
	pthread_key_create(&reader_key, close_reader);
}

struct zc_store *server_reader(const struct request *req, struct response *res)
{
	pthread_once(&reader_once, make_key);
	struct zc_store *s = pthread_getspecific(reader_key);
	if (s)
		return s;
	char err[256] = "";
	if (zc_store_open(req->srv->db, ZC_STORE_READONLY, &s, err, sizeof(err)) < 0) {
		respond_error(res, 503, "the database cannot be read: %s", err);
		return NULL;
	}
	pthread_setspecific(reader_key, s);
	return s;
}

/* --- setup and dispatch --- */

int server_init(struct server *srv, const struct server_config *cfg, char *err, size_t errlen)
{
	memset(srv, 0, sizeof(*srv));
	srv->db = strdup(cfg->db);
	srv->base_url = cfg->base_url ? strdup(cfg->base_url) : NULL;
	if (!srv->db || (cfg->base_url && !srv->base_url)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (srv->base_url) {
		size_t n = strlen(srv->base_url);
		while (n && srv->base_url[n - 1] == '/')
			srv->base_url[--n] = '\0';
	}
	if (!cfg->token_file)
		return 0;
	FILE *f = fopen(cfg->token_file, "r");
	char buf[1024];
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	if (!f) {
		snprintf(err, errlen, "%s: %s", cfg->token_file, strerror(errno));
		return -1;
	}
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	if (n < 16 || memchr(buf, '\n', n)) {
		snprintf(err, errlen, "%s: a token is one line of at least 16 characters", cfg->token_file);
		return -1;
	}
	srv->token = malloc(n + 1);
	if (!srv->token) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(srv->token, buf, n);
	srv->token[n] = '\0';
	srv->token_len = n;
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

void server_free(struct server *srv)
{
	if (srv->token)
		explicit_bzero(srv->token, srv->token_len);
	free(srv->token);
	free(srv->db);
	free(srv->base_url);
	memset(srv, 0, sizeof(*srv));
}

/* Append one part of a cache key, its length first: no two requests share a key. */
static int key_part(struct zc_buf *key, const char *part)
{
	return zc_buf_addf(key, "%zu:", strlen(part)) | zc_buf_adds(key, part);
}

/* The cache key of a request: its path, its parameters in order, the date,
 * and the base of the links its answer holds (from the Host header when
 * no --base-url is set). */
static int cache_key(const struct request *req, struct zc_buf *key)
{
	char today[11], base[256];
	zc_today_local(today);
	request_base_url(req, base, sizeof(base));
	int e = key_part(key, req->path) | key_part(key, today) | key_part(key, base);
	for (size_t i = 0; i < req->nparams && !e; i++)
		e = key_part(key, req->keys[i]) | key_part(key, req->values[i]);
	return e;
}

/* Run a cached route's handler, or answer from the cache. */
static void handle_cached(const struct route *r, const struct request *req, struct response *res, const char *arg)
{
	struct zc_store *s = server_reader(req, res);
	if (!s)
		return;
	struct zc_buf key;
	zc_buf_init(&key, 0);
	struct cache_ticket ticket = cache_begin(zc_store_changes(s));
	enum cache_state state;
	if (cache_key(req, &key) < 0) {
		r->fn(req, res, arg);
	} else if ((state = cache_get(key.data, res)) == CACHE_HIT) {
		respond_header(res, "X-Cache", "hit");
	} else if (state != CACHE_MISS) {
		/* Stale: served now, recomputed in the background (once). */
		if (state == CACHE_REFRESH && !refresh_queue(r->fn, req, arg, key.data))
			cache_refresh_abandoned(key.data);
		respond_header(res, "X-Cache", "stale");
	} else {
		r->fn(req, res, arg);
		cache_put(key.data, ticket, res);
		respond_header(res, "X-Cache", "miss");
	}
	zc_buf_free(&key);
}

void server_handle(const struct request *req, struct response *res)
{
	bool path_known = false;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *r = &routes[i];
		size_t n = strlen(r->path);
		bool prefix = n > 1 && r->path[n - 1] == '/';
		const char *arg = NULL;
		if (prefix && !strncmp(req->path, r->path, n) && req->path[n])
			arg = req->path + n;
		else if (!prefix && !strcmp(req->path, r->path))
			arg = "";
		if (!arg)
			continue;
		path_known = true;
		if (!strcmp(req->method, r->method) || (!strcmp(req->method, "HEAD") && !strcmp(r->method, "GET"))) {
			if (r->cached)
				handle_cached(r, req, res, arg);
			else
				r->fn(req, res, arg);
			return;
		}
	}
	if (path_known) {
		respond_header(res, "Allow", "GET, HEAD, POST, DELETE");
		respond_error(res, 405, "method %s is not allowed on this path", req->method);
	} else {
		respond_error(res, 404, "no such path");
	}
}
