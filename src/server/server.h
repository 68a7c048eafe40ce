/*
 * server.h: the HTTP front end of zhengce (`zhengce serve`), inside.
 *
 * server.c speaks HTTP (libmicrohttpd): limits, timeouts, headers, the
 * access log. It turns each request into a struct request and hands it to
 * server_handle(), which knows nothing of the HTTP library: it routes the
 * request (routes.c) to a handler (api.c, publish.c, assets), which fills
 * a struct response. The fuzz harness calls server_handle() directly.
 */
#ifndef ZC_SERVER_H
#define ZC_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "zhengce/buf.h"

struct zc_store;

struct server_config {
	const char *listen;     /* "HOST:PORT", "[V6]:PORT" or ":PORT"; port 0: any free one */
	const char *db;         /* the store's location */
	const char *token_file; /* NULL: write endpoints disabled */
	const char *base_url;   /* NULL: from the Host header */
	unsigned threads;       /* 0: one per CPU, at least 2 */
	unsigned timeout;       /* seconds a connection may stay idle; 0: 15 */
	size_t max_body;        /* bytes; 0: 8 MiB */
	bool quiet;             /* no access log */
	size_t cache_bytes;     /* bytes of answers cached; 0: none */
	double cache_fresh;     /* seconds an answer stays valid while the store changes */
	double cache_stale;     /* seconds past that it is served while recomputed in the background */
};

/* What a handler sees: a request, whatever the transport. */
struct request {
	const char *method;
	const char *path; /* decoded, without the query */
	/* query parameters, in order, repeated keys kept; values never NULL */
	size_t nparams;
	const char **keys, **values;
	const char *authorization; /* header, or NULL */
	const char *content_type;  /* header, or NULL */
	const char *host;          /* header, or NULL */
	const char *if_none_match; /* header, or NULL */
	const char *body;          /* NUL-terminated; NULL when none */
	size_t body_len;
	const struct server *srv;
};

enum { HEADERS_MAX = 4 };

struct response {
	int status;
	const char *content_type;
	struct zc_buf body;
	const char *header_names[HEADERS_MAX]; /* extra headers (static strings) */
	char *header_values[HEADERS_MAX];      /* owned */
	size_t nheaders;
	bool page;        /* an HTML page: gets the Content-Security-Policy */
	bool revalidate;  /* an embedded asset: cached, but checked by its ETag each time */
};

/* The running server's shared state (read-only once serving). */
struct server {
	char *db;
	char *token; /* NULL: writes disabled */
	size_t token_len;
	char *base_url; /* NULL: from Host */
};

/* Set up the shared state: read the token file. 0, or -1 with a message in err. */
int server_init(struct server *srv, const struct server_config *cfg, char *err, size_t errlen);
void server_free(struct server *srv);

/* Handle one request, filling res (server_response_init()ed by the caller). */
void server_handle(const struct request *req, struct response *res);

void server_response_init(struct response *res);
void server_response_free(struct response *res);

/* Run the server until SIGINT or SIGTERM. Returns the process exit code. */
int server_run(const struct server_config *cfg);

/* --- for the handlers --- */

/* The read-only store of this thread (opened on first use), or NULL with
 * the reason written as a 503 into res. */
struct zc_store *server_reader(const struct request *req, struct response *res);

/* Responses. */
void respond_json(struct response *res, int status, json_t *body);   /* steals body */
void respond_error(struct response *res, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void respond_text(struct response *res, int status, const char *content_type, const char *data, size_t len);
void respond_header(struct response *res, const char *name, const char *value);

/* The value of the last parameter named key, or NULL. */
const char *request_param(const struct request *req, const char *key);
/* The base URL of links: the configured one, else http://Host. */
void request_base_url(const struct request *req, char *out, size_t cap);

/* Is the request authorised to write? Answers 401/403 into res when not. */
bool request_authorised(const struct request *req, struct response *res);

/* Handlers (api.c, publish.c). */
void api_healthz(const struct request *req, struct response *res, const char *arg);
void api_search(const struct request *req, struct response *res, const char *arg);
void api_notice(const struct request *req, struct response *res, const char *arg);
void api_notice_delete(const struct request *req, struct response *res, const char *arg);
void api_notice_post(const struct request *req, struct response *res, const char *arg);
void api_calendar(const struct request *req, struct response *res, const char *arg);
void api_match(const struct request *req, struct response *res, const char *arg);
void api_stats(const struct request *req, struct response *res, const char *arg);
void publish_digest(const struct request *req, struct response *res, const char *arg);
void publish_feed(const struct request *req, struct response *res, const char *arg);
void publish_ics(const struct request *req, struct response *res, const char *arg);
void assets_get(const struct request *req, struct response *res, const char *arg);
void assets_page(const struct request *req, struct response *res, const char *arg);
void assets_openapi(const struct request *req, struct response *res, const char *arg);

/* The calendar events a request asks for (filters, days, profile), and
 * the profile's name (free it) or NULL: false with the response set. */
bool calendar_request(const struct request *req, struct response *res, json_t **events, char **name);

/* Filters of the query parameters (params.c). */
struct zc_search;
struct zc_profile;
/* Fill q from the parameters, allowing the keys of search plus extra
 * (a NULL-terminated list). false, with a 400 in res, for a bad one. */
bool params_search(const struct request *req, struct zc_search *q, const char *const *extra, struct response *res);
/* The date 'today' means: the "today" parameter, else the local date. */
void params_today(const struct request *req, char out[11]);
/* A profile from JSON text: false with a 400 (listing the errors) in res. */
bool params_profile(const char *json, size_t len, struct zc_profile *p, struct response *res);

#endif
