/*
 * server.c: `zhengce serve` over HTTP with libmicrohttpd: a thread pool
 * (one thread per CPU) polling with epoll, each thread with its own
 * read-only store; request limits and timeouts; security headers; an
 * access log without secrets. Everything else is server_handle() (core.c).
 *
 * Limits: the headers of a request share a 16 KiB buffer (431 beyond);
 * bodies are refused above max_body (413), from their Content-Length when
 * they give one, else as they arrive; an idle connection is closed after
 * `timeout` seconds; at most 256 connections, 64 from one address.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <microhttpd.h>

#include "server/cache.h"
#include "server/refresh.h"
#include "server/server.h"
#include "banned.h"

#define HEADER_MEMORY (16 * 1024)
#define BODY_DEFAULT ((size_t)8 << 20)

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct daemon_ctx {
	struct server srv;
	size_t max_body;
	bool quiet;
};

/* One request in flight. */
struct pending {
	struct zc_buf body;
	size_t limit; /* bytes of body the route takes (0: none: whatever comes is dropped) */
	bool too_large;
	bool responded; /* a response was queued before the body (413) */
	struct timespec start;
	/* the query parameters, collected by MHD's iterator */
	size_t n, cap;
	const char **keys, **values;
	bool params_failed;
};

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct pending *p = cls;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		if (cap > 256) { /* more parameters than any search has */
			p->params_failed = true;
			return MHD_NO;
		}
		const char **k = realloc(p->keys, cap * sizeof(*k));
		if (!k) {
			p->params_failed = true;
			return MHD_NO;
		}
		p->keys = k;
		const char **v = realloc(p->values, cap * sizeof(*v));
		if (!v) {
			p->params_failed = true;
			return MHD_NO;
		}
		p->values = v;
		p->cap = cap;
	}
	p->keys[p->n] = key;
	p->values[p->n++] = value ? value : "";
	return MHD_YES;
}

static void pending_free(struct pending *p)
{
	zc_buf_free(&p->body);
	free(p->keys);
	free(p->values);
	free(p);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode code)
{
	(void)cls, (void)c, (void)code;
	if (*con_cls)
		pending_free(*con_cls);
	*con_cls = NULL;
}

static double elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

static enum MHD_Result send_response(struct daemon_ctx *ctx, struct MHD_Connection *c, const char *method,
				     const char *url, struct response *res, const struct timespec *start)
{
	bool head = !strcmp(method, "HEAD");
	struct MHD_Response *r = MHD_create_response_from_buffer(res->body.len, res->body.data, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", res->content_type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy", res->page ? csp : "default-src 'none'; frame-ancestors 'none'");
	MHD_add_response_header(r, "Cache-Control", res->revalidate ? "no-cache" : "no-store");
	for (size_t i = 0; i < res->nheaders; i++)
		MHD_add_response_header(r, res->header_names[i], res->header_values[i]);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
	MHD_destroy_response(r);
	if (!ctx->quiet) { /* never the query (it may hold a profile) nor any header */
		char path[256];
		size_t n = 0;
		for (const char *p = url; *p && n + 5 < sizeof(path); p++) { /* no forged log lines */
			unsigned char ch = (unsigned char)*p;
			if (ch < 0x20 || ch == 0x7f)
				n += (size_t)snprintf(path + n, sizeof(path) - n, "\\x%02x", ch);
			else
				path[n++] = (char)ch;
		}
		path[n] = '\0';
		fprintf(stderr, "%s %s %d %zu %.1fms\n", method, path, res->status, head ? 0 : res->body.len,
			elapsed_ms(start));
	}
	return ok;
}

static enum MHD_Result error_now(struct daemon_ctx *ctx, struct MHD_Connection *c, const char *method, const char *url,
				 const struct timespec *start, int status, const char *message)
{
	struct response res;
	server_response_init(&res);
	respond_error(&res, status, "%s", message);
	enum MHD_Result ok = send_response(ctx, c, method, url, &res, start);
	server_response_free(&res);
	return ok;
}

#define MATCH_BODY_MAX ((size_t)1 << 20) /* a company profile */

/* How much body a route takes: only the two that read one. */
static size_t body_limit(const struct daemon_ctx *ctx, const char *method, const char *url)
{
	if (strcmp(method, "POST"))
		return 0;
	if (!strcmp(url, "/api/notices"))
		return ctx->max_body;
	if (!strcmp(url, "/api/match"))
		return ctx->max_body < MATCH_BODY_MAX ? ctx->max_body : MATCH_BODY_MAX;
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)version;
	struct daemon_ctx *ctx = cls;
	struct pending *p = *con_cls;
	if (!p) { /* the headers are in: check what can be checked before any body */
		p = calloc(1, sizeof(*p));
		if (!p)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &p->start);
		zc_buf_init(&p->body, 0);
		*con_cls = p;
		p->limit = body_limit(ctx, method, url);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (p->limit && cl && strtoull(cl, NULL, 10) > p->limit) {
			p->too_large = p->responded = true;
			return error_now(ctx, c, method, url, &p->start, 413, "the request body is too large");
		}
		if (!strcmp(method, "POST") && !strcmp(url, "/api/notices")) {
			/* the token before the body: no stranger makes us hold 8 MiB */
			struct request auth = {.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
											    MHD_HTTP_HEADER_AUTHORIZATION),
					       .srv = &ctx->srv};
			struct response res;
			server_response_init(&res);
			if (!request_authorised(&auth, &res)) {
				p->responded = true;
				enum MHD_Result ok = send_response(ctx, c, method, url, &res, &p->start);
				server_response_free(&res);
				return ok;
			}
			server_response_free(&res);
		}
		return MHD_YES;
	}
	if (p->responded) { /* MHD discards the rest and closes */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) { /* a piece of the body */
		if (!p->limit) {
			/* a route that reads no body: drop it */
		} else if (!p->too_large && p->body.len + *upload_data_size <= p->limit) {
			if (zc_buf_add(&p->body, upload_data, *upload_data_size) < 0)
				return MHD_NO;
		} else {
			p->too_large = true;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (p->too_large)
		return error_now(ctx, c, method, url, &p->start, 413, "the request body is too large");
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, p);
	if (p->params_failed)
		return error_now(ctx, c, method, url, &p->start, 400, "too many query parameters");
	if (zc_buf_add(&p->body, "", 1) < 0) /* NUL-terminate */
		return MHD_NO;
	struct request req = {
		.method = method,
		.path = url,
		.nparams = p->n,
		.keys = p->keys,
		.values = p->values,
		.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
		.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
		.host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
		.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
		.body = p->body.len > 1 ? p->body.data : NULL,
		.body_len = p->body.len - 1,
		.srv = &ctx->srv,
	};
	struct response res;
	server_response_init(&res);
	server_handle(&req, &res);
	enum MHD_Result ok = send_response(ctx, c, method, url, &res, &p->start);
	server_response_free(&res);
	return ok;
}

/* "HOST:PORT", "[V6]:PORT", ":PORT" (loopback) into an address. */
static bool parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return false;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*len = sizeof(*a);
		return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	*len = sizeof(*a);
	return inet_pton(AF_INET, host[0] ? host : "127.0.0.1", &a->sin_addr) == 1;
}

int server_run(const struct server_config *cfg)
{
	struct daemon_ctx ctx = {.max_body = cfg->max_body ? cfg->max_body : BODY_DEFAULT, .quiet = cfg->quiet};
	char err[512];
	struct sockaddr_storage addr;
	socklen_t addrlen;
	if (!parse_listen(cfg->listen, &addr, &addrlen)) {
		fprintf(stderr, "zhengce: --listen wants HOST:PORT, [IPV6]:PORT or :PORT, not '%s'\n", cfg->listen);
		return 2;
	}
	if (server_init(&ctx.srv, cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "zhengce: %s\n", err);
		server_free(&ctx.srv);
		return 2;
	}
	xmlInitParser(); /* libxml2 wants it from one thread before several use it */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cpus > 2 ? cpus : 2);
	cache_configure(cfg->cache_bytes, cfg->cache_fresh, cfg->cache_stale);
	if (cfg->cache_bytes && cfg->cache_stale > 0 && refresh_start() < 0)
		cache_configure(cfg->cache_bytes, cfg->cache_fresh, 0); /* no thread: no stale answers */
	/* the signals go to sigwait() below, not to the server's threads */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &ctx, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)(cfg->timeout ? cfg->timeout : 15), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)HEADER_MEMORY, MHD_OPTION_CONNECTION_LIMIT, 256u, MHD_OPTION_PER_IP_CONNECTION_LIMIT, 64u,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "zhengce: cannot listen on %s: %s\n", cfg->listen, strerror(errno));
		server_free(&ctx.srv);
		return 3;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char shown[160];
	snprintf(shown, sizeof(shown), "%s", cfg->listen);
	*strrchr(shown, ':') = '\0';
	fprintf(stderr, "zhengce: serving %s on http://%s:%u/ with %u threads%s\n", cfg->db,
		shown[0] ? shown : "127.0.0.1", info ? info->port : 0, threads,
		ctx.srv.token ? "" : " (writes disabled: no --token-file)");
	int sig;
	sigwait(&stop, &sig);
	fprintf(stderr, "zhengce: stopping\n");
	MHD_stop_daemon(d);
	refresh_stop();
	cache_clear();
	server_free(&ctx.srv);
	return 0;
}
