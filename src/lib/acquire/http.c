/*
 * http.c: one HTTP(S) GET with libcurl (see acquire.h): http and https
 * only, redirects followed up to a limit, bodies bounded while they
 * arrive, timeouts for the connection, the whole transfer and a stalled
 * one, conditional requests, and the validators of the answer.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "zhengce/acquire.h"
#include "banned.h"

#define DEFAULT_MAX ((size_t)64 << 20)

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void zc_http_response_init(struct zc_http_response *r)
{
	memset(r, 0, sizeof(*r));
	zc_buf_init(&r->body, 0);
}

void zc_http_response_free(struct zc_http_response *r)
{
	free(r->final_url);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	zc_buf_free(&r->body);
	memset(r, 0, sizeof(*r));
}

struct transfer {
	struct zc_http_response *r;
	size_t max;
	bool too_large;
	bool oom;
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	if (t->r->body.len + len > t->max) {
		t->too_large = true;
		return 0; /* curl stops the transfer */
	}
	if (zc_buf_add(&t->r->body, data, len) < 0) {
		t->oom = true;
		return 0;
	}
	return len;
}

/* Keep the value of header `name` (of the last response, after redirects) in *slot. */
static void keep_header(const char *line, size_t len, const char *name, char **slot)
{
	size_t n = strlen(name);
	if (len <= n + 1 || strncasecmp(line, name, n) || line[n] != ':')
		return;
	const char *v = line + n + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	char *s = strndup(v, (size_t)(end - v));
	if (s) {
		free(*slot);
		*slot = s;
	}
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	if (len >= 5 && !strncmp(line, "HTTP/", 5)) { /* a new response (a redirect's next hop) */
		free(t->r->content_type), t->r->content_type = NULL;
		free(t->r->etag), t->r->etag = NULL;
		free(t->r->last_modified), t->r->last_modified = NULL;
		zc_buf_reset(&t->r->body);
	}
	keep_header(line, len, "Content-Type", &t->r->content_type);
	keep_header(line, len, "ETag", &t->r->etag);
	keep_header(line, len, "Last-Modified", &t->r->last_modified);
	return len;
}

static int curl_errno(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
		return -ETIMEDOUT;
	case CURLE_TOO_MANY_REDIRECTS:
		return -ELOOP;
	case CURLE_COULDNT_CONNECT:
		return -ECONNREFUSED;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return -EHOSTUNREACH;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return -EINVAL;
	case CURLE_OUT_OF_MEMORY:
		return -ENOMEM;
	case CURLE_FILESIZE_EXCEEDED:
		return -E2BIG;
	default:
		return -EIO;
	}
}

int zc_http_get(const char *url, const struct zc_http_options *o, struct zc_http_response *r)
{
	static const struct zc_http_options none = {0};
	if (!o)
		o = &none;
	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8)) {
		snprintf(r->error, sizeof(r->error), "%s: only http:// and https:// URLs can be fetched", url);
		return -EINVAL;
	}
	pthread_once(&curl_once, curl_setup);
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(r->error, sizeof(r->error), "out of memory");
		return -ENOMEM;
	}
	struct transfer t = {r, o->max_bytes ? o->max_bytes : DEFAULT_MAX, false, false};
	struct curl_slist *headers = NULL;
	char line[3][512];
	size_t nlines = 0;
	if (o->if_none_match)
		snprintf(line[nlines++], sizeof(line[0]), "If-None-Match: %s", o->if_none_match);
	if (o->if_modified_since)
		snprintf(line[nlines++], sizeof(line[0]), "If-Modified-Since: %s", o->if_modified_since);
	static const char *const fixed[] = {"Accept: text/html,application/xhtml+xml,application/pdf,*/*;q=0.8",
					    "Accept-Language: zh-CN,zh;q=0.9"};
	for (size_t i = 0; i < nlines + 2; i++) {
		struct curl_slist *more = curl_slist_append(headers, i < nlines ? line[i] : fixed[i - nlines]);
		if (!more) { /* out of memory: the list so far is still ours */
			curl_slist_free_all(headers);
			curl_easy_cleanup(c);
			snprintf(r->error, sizeof(r->error), "out of memory");
			return -ENOMEM;
		}
		headers = more;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)(o->max_redirects ? o->max_redirects : 5));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms ? o->connect_timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms ? o->timeout_ms : 60000L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 512L); /* under 512 B/s for 20 s: stalled */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 20L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t.max);
	curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent ? o->user_agent : ZC_USER_AGENT);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* whatever curl can inflate */
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	CURLcode cc = curl_easy_perform(c);
	int ret = 0;
	if (t.too_large || cc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(r->error, sizeof(r->error), "%s: the answer is larger than %zu bytes", url, t.max);
		ret = -E2BIG;
	} else if (t.oom) {
		snprintf(r->error, sizeof(r->error), "out of memory");
		ret = -ENOMEM;
	} else if (cc != CURLE_OK) {
		snprintf(r->error, sizeof(r->error), "%s: %s", url, curl_easy_strerror(cc));
		ret = curl_errno(cc);
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	char *final = NULL;
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final);
	r->final_url = strdup(final ? final : url);
	if (!r->final_url && ret == 0) {
		snprintf(r->error, sizeof(r->error), "out of memory");
		ret = -ENOMEM;
	}
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	return ret;
}
