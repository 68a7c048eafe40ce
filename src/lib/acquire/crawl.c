/*
 * crawl.c: the crawler (see crawl.h). Workers take sites one at a time
 * from a shared counter, each with its own store connection; every
 * request waits for its host's next free moment (the site's delay after
 * the host's previous request, whichever worker made it).
 *
 * Resuming: a list page's validators are recorded only after every notice
 * it links to was dealt with, so a crawl killed halfway reads the list
 * again (not a 304) and fetches the notices it had not reached; notices
 * already stored are recognised by their source and skipped.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>

#include "civil.h"
#include "re.h"
#include "zhengce/crawl.h"
#include "zhengce/decode.h"
#include "zhengce/store.h"
#include "banned.h"

#define ROBOTS_MAX ((size_t)512 << 10)
#define LIST_MAX ((size_t)16 << 20)
#define AGENT "zhengce"

#define MAX_HOSTS 256

/* When a host may next be asked: shared by the workers, so that sites on
 * one host together keep its pace. */
struct host_slot {
	char host[128];
	struct timespec next;
};

struct crawl {
	struct host_slot hosts[MAX_HOSTS];
	size_t nhosts;
	pthread_mutex_t hosts_lock;
	const char *location;
	const struct zc_sources *sources;
	const struct zc_crawl_options *o;
	const struct zc_crawl_callbacks *cb;
	atomic_size_t next;
	json_t **results; /* one summary per site */
	pthread_mutex_t cb_lock;
	int err;          /* the first store failure */
};

/* The walk of one site. */
struct walk {
	struct crawl *c;
	const struct zc_site *site;
	struct zc_store *s;
	pcre2_code *link;
	pcre2_match_data *md;
	char *robots;      /* NULL: everything allowed */
	json_t *summary;
	bool complete;     /* every notice of the lists dealt with (a resumed walk must read them again otherwise) */
	long errors;
	char last_error[512];
};


static void sleep_for(double seconds)
{
	if (seconds <= 0)
		return;
	struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The host part of a URL ("example.gov.cn:8080"): its start and length. */
static const char *url_host(const char *url, size_t *len)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	*len = strcspn(h, "/?#");
	return h;
}

static double seconds_until(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(t->tv_sec - now.tv_sec) + (double)(t->tv_nsec - now.tv_nsec) / 1e9;
}

static void add_seconds(struct timespec *t, double s)
{
	long long ns = t->tv_nsec + (long long)(s * 1e9);
	t->tv_sec += (time_t)(ns / 1000000000);
	t->tv_nsec = (long)(ns % 1000000000);
}

/* Keep the pace of url's host: take the next free moment of the host
 * (the site's delay after the previous request to it, by any worker) and
 * wait for it. */
static void pace(struct walk *w, const char *url)
{
	double delay = w->site->delay * (w->c->o->delay_scale > 0 ? w->c->o->delay_scale : 1.0);
	size_t n;
	const char *h = url_host(url, &n);
	struct crawl *c = w->c;
	struct timespec at;
	clock_gettime(CLOCK_MONOTONIC, &at);
	pthread_mutex_lock(&c->hosts_lock);
	struct host_slot *slot = NULL;
	for (size_t i = 0; i < c->nhosts && !slot; i++)
		if (strlen(c->hosts[i].host) == n && !strncmp(c->hosts[i].host, h, n))
			slot = &c->hosts[i];
	if (!slot && c->nhosts < MAX_HOSTS && n < sizeof(slot->host)) {
		slot = &c->hosts[c->nhosts++];
		memcpy(slot->host, h, n);
		slot->host[n] = '\0';
		slot->next = at;
	}
	if (slot) {
		if (seconds_until(&slot->next) > 0)
			at = slot->next;
		slot->next = at;
		add_seconds(&slot->next, delay);
	} else {
		add_seconds(&at, delay); /* no room to track the host: wait its delay every time */
	}
	pthread_mutex_unlock(&c->hosts_lock);
	sleep_for(seconds_until(&at));
}

static void count(struct walk *w, const char *key, long n)
{
	json_object_set_new(w->summary, key, json_integer(json_integer_value(json_object_get(w->summary, key)) + n));
}

static void note_error(struct walk *w, const char *url, const char *why)
{
	w->errors++;
	snprintf(w->last_error, sizeof(w->last_error), "%.200s: %.300s", url, why ? why : "failed");
}

/* Record a page's outcome in the store and tell the caller. */
static int record(struct walk *w, json_t *rec)
{
	char now[21];
	zc_now_utc(now);
	json_object_set_new(rec, "site", json_string(w->site->id));
	if (!json_object_get(rec, "fetched_at"))
		json_object_set_new(rec, "fetched_at", json_string(now));
	int r = zc_store_crawl_record(w->s, rec);
	if (r == 0 && w->c->cb && w->c->cb->page) {
		pthread_mutex_lock(&w->c->cb_lock);
		w->c->cb->page(rec, w->c->cb->arg);
		pthread_mutex_unlock(&w->c->cb_lock);
	}
	json_decref(rec);
	return r;
}

/* The path (and query) of an absolute URL, for robots.txt. */
static const char *url_path(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	return p ? p : "/";
}

/* May the URL be fetched? The site's robots.txt rules its own host; other
 * hosts' (where attachments may sit) are not read. */
static bool allowed(const struct walk *w, const char *url)
{
	size_t a, b;
	const char *ha = url_host(url, &a), *hb = url_host(w->site->list, &b);
	if (a != b || strncasecmp(ha, hb, a))
		return true;
	return zc_robots_allowed(w->robots, AGENT, url_path(url));
}

/* robots.txt of the list page's host (RFC 9309: unreachable or 5xx: disallow all; 4xx: allow all). */
static void load_robots(struct walk *w)
{
	const char *list = w->site->list, *host_end = strchr(strstr(list, "://") + 3, '/');
	size_t n = host_end ? (size_t)(host_end - list) : strlen(list);
	char url[1024];
	snprintf(url, sizeof(url), "%.*s/robots.txt", (int)(n < 1000 ? n : 1000), list);
	struct zc_http_options ho = w->c->o->fetch.http;
	ho.max_bytes = ROBOTS_MAX;
	ho.if_none_match = ho.if_modified_since = NULL;
	struct zc_http_response r;
	zc_http_response_init(&r);
	pace(w, url);
	int e = zc_http_get(url, &ho, &r);
	if (e == 0 && r.status == 200)
		w->robots = strndup(r.body.data ? r.body.data : "", r.body.len);
	else if (e < 0 || r.status >= 500)
		w->robots = strdup("User-agent: *\nDisallow: /\n");
	zc_http_response_free(&r);
}

static bool is_link(struct walk *w, const char *url)
{
	return pcre2_match(w->link, (PCRE2_SPTR)url, PCRE2_ZERO_TERMINATED, 0, 0, w->md, NULL) >= 0;
}

/* Has the notice been dealt with before (stored, or known unchanged)? */
static bool seen(struct walk *w, const char *url)
{
	int err = 0;
	json_t *rec = zc_store_crawl_page(w->s, url, &err);
	const char *outcome = json_string_value(json_object_get(rec, "outcome"));
	bool done = outcome && (!strcmp(outcome, "stored") || !strcmp(outcome, "not-modified"));
	json_decref(rec);
	if (done)
		return true;
	json_t *src = zc_store_source(w->s, url, &err);
	json_decref(src);
	return src != NULL;
}

/* Is a failed fetch worth another try (no answer, or a server error)? */
static bool transient(const json_t *res)
{
	const json_t *status = json_object_get(res, "http_status");
	return !json_is_integer(status) || json_integer_value(status) >= 500 || json_integer_value(status) == 429;
}

/* Before each attachment of a notice: the robots.txt of the site (for its
 * own host) and the host's pace. */
static bool before_attachment(const char *url, void *arg)
{
	struct walk *w = arg;
	if (!allowed(w, url))
		return false;
	pace(w, url);
	return true;
}

/* Fetch and store one notice, with retries. Returns a store failure only. */
static int notice(struct walk *w, const char *url)
{
	if (!allowed(w, url)) {
		count(w, "disallowed", 1);
		return record(w, json_pack("{s:s,s:s,s:s}", "url", url, "kind", "notice", "outcome", "disallowed"));
	}
	int retries = w->c->o->retries < 0 ? 0 : w->c->o->retries ? w->c->o->retries : 2;
	double backoff = w->c->o->backoff > 0 ? w->c->o->backoff : 1.0;
	json_t *res = NULL;
	int tries = 0, r = 0;
	for (;;) {
		json_decref(res);
		res = NULL;
		pace(w, url);
		tries++;
		struct zc_fetch_options fo = w->c->o->fetch;
		fo.official = w->site->official;
		fo.before_request = before_attachment;
		fo.arg = w;
		if ((r = zc_fetch(w->s, url, &fo, &res)) < 0)
			break;
		const char *outcome = json_string_value(json_object_get(res, "outcome"));
		if (strcmp(outcome, "failed") || !transient(res) || tries > retries)
			break;
		sleep_for(backoff * (double)(1 << (tries - 1)));
	}
	if (r < 0) {
		json_decref(res);
		return r;
	}
	const char *outcome = json_string_value(json_object_get(res, "outcome"));
	bool ok = strcmp(outcome, "failed") != 0;
	count(w, ok ? "stored" : "failed", 1);
	if (!ok) {
		note_error(w, url, json_string_value(json_object_get(res, "error")));
		w->complete = false;
	}
	json_t *rec = json_pack("{s:s,s:s,s:s,s:O,s:O,s:i}", "url", url, "kind", "notice", "outcome", outcome,
				"http_status", json_object_get(res, "http_status"), "error", json_object_get(res, "error"),
				"tries", tries);
	if (json_object_get(res, "cpu_ms")) /* reported, not stored */
		json_object_set(rec, "cpu_ms", json_object_get(res, "cpu_ms"));
	json_decref(res);
	return record(w, rec);
}

/* The URL of list page i (0: the first). */
static char *page_url(const struct zc_site *site, int i)
{
	if (i == 0)
		return strdup(site->list);
	if (!site->pages)
		return NULL;
	const char *at = strstr(site->pages, "{n}");
	char n[16];
	snprintf(n, sizeof(n), "%d", site->first_page + i - 1);
	size_t len = strlen(site->pages) - 3 + strlen(n) + 1;
	char *u = malloc(len);
	if (u)
		snprintf(u, len, "%.*s%s%s", (int)(at - site->pages), site->pages, n, at + 3);
	return u;
}

/*
 * One list page: its notices. *more: whether the next page is worth
 * reading. The first page's record (with its validators) is handed back in
 * *deferred instead of stored: it is stored when the whole walk is over,
 * so that a walk cut short is not taken as done (a 304 on the first page
 * ends a walk).
 */
static int list_page(struct walk *w, const char *url, bool first, bool *more, json_t **deferred)
{
	*more = false;
	if (!allowed(w, url)) {
		count(w, "disallowed", 1);
		return record(w, json_pack("{s:s,s:s,s:s}", "url", url, "kind", "list", "outcome", "disallowed"));
	}
	int err = 0;
	json_t *known = zc_store_crawl_page(w->s, url, &err);
	struct zc_http_options ho = w->c->o->fetch.http;
	ho.max_bytes = LIST_MAX;
	ho.if_none_match = json_string_value(json_object_get(known, "etag"));
	ho.if_modified_since = json_string_value(json_object_get(known, "last_modified"));
	struct zc_http_response r;
	zc_http_response_init(&r);
	pace(w, url);
	int e = zc_http_get(url, &ho, &r);
	json_decref(known);
	count(w, "list_pages", 1);
	if (e == 0 && r.status == 304) {
		/* unchanged: nothing new on it; an unchanged first page ends the walk */
		*more = !first;
		zc_http_response_free(&r);
		return record(w, json_pack("{s:s,s:s,s:s,s:i}", "url", url, "kind", "list", "outcome", "not-modified",
					   "http_status", 304));
	}
	if (e < 0 || r.status != 200) {
		if (first || e < 0 || r.status != 404) /* a 404 after the last list page is its end */
			w->complete = false;
		char why[300];
		snprintf(why, sizeof(why), "%s", e < 0 ? r.error : "");
		if (e == 0)
			snprintf(why, sizeof(why), "HTTP %ld", r.status);
		note_error(w, url, why);
		json_t *rec = json_pack("{s:s,s:s,s:s,s:s}", "url", url, "kind", "list", "outcome", "failed", "error", why);
		if (e == 0)
			json_object_set_new(rec, "http_status", json_integer(r.status));
		zc_http_response_free(&r);
		return record(w, rec);
	}
	struct zc_buf html;
	struct zc_diag diag;
	enum zc_encoding got;
	struct zc_strv links = {0};
	zc_buf_init(&html, 0);
	int rr = zc_decode(r.body.data ? r.body.data : "", r.body.len, zc_web_charset(r.content_type, r.body.data, r.body.len),
			   ZC_DECODE_LENIENT, &html, &got, &diag);
	if (rr == 0)
		rr = zc_web_links(html.data ? html.data : "", html.len, r.final_url ? r.final_url : url, &links);
	zc_buf_free(&html);
	size_t found = 0, fresh = 0;
	int store_err = 0;
	size_t max = w->c->o->max_notices;
	for (size_t i = 0; i < links.n && store_err == 0; i++) {
		if (!is_link(w, links.v[i]))
			continue;
		found++;
		if (seen(w, links.v[i]))
			continue;
		if (max && (size_t)json_integer_value(json_object_get(w->summary, "new")) >= max) {
			w->complete = false; /* the rest waits for the next run */
			continue;
		}
		fresh++;
		count(w, "new", 1);
		store_err = notice(w, links.v[i]);
	}
	zc_strv_free(&links);
	count(w, "items_found", (long)found);
	if (found == 0) { /* the page no longer holds links of the pattern */
		count(w, "pages_unmatched", 1);
		note_error(w, url, "no link matches the site's pattern");
	}
	*more = found > 0;
	json_t *rec = json_pack("{s:s,s:s,s:s,s:i,s:s?,s:s?}", "url", url, "kind", "list", "outcome",
				found ? "stored" : "failed", "http_status", 200, "etag", r.etag, "last_modified",
				r.last_modified);
	if (!found)
		json_object_set_new(rec, "error", json_string("no link matches the site's pattern"));
	zc_http_response_free(&r);
	if (store_err) {
		json_decref(rec);
		return store_err;
	}
	if (first) {
		*deferred = rec;
		return 0;
	}
	return record(w, rec); /* validators only now that every notice of the page was dealt with */
}

static int walk_site(struct crawl *c, const struct zc_site *site, json_t *summary)
{
	struct walk w = {.c = c, .site = site, .summary = summary, .complete = true};
	char err[256] = "";
	int r = zc_store_open(c->location, ZC_STORE_CREATE, &w.s, err, sizeof(err));
	if (r < 0) {
		json_object_set_new(summary, "error", json_string(err));
		return r;
	}
	int code;
	PCRE2_SIZE off;
	w.link = pcre2_compile((PCRE2_SPTR)site->link, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
	w.md = w.link ? pcre2_match_data_create_from_pattern(w.link, NULL) : NULL;
	if (!w.md) {
		json_object_set_new(summary, "error", json_string("the link pattern does not compile"));
		pcre2_code_free(w.link);
		zc_store_close(w.s);
		return 0;
	}
	char started[21];
	zc_now_utc(started);
	load_robots(&w);
	bool more = true;
	json_t *first_page = NULL;
	for (int i = 0; i < site->max_pages && more && r == 0; i++) {
		char *url = page_url(site, i);
		if (!url)
			break;
		r = list_page(&w, url, i == 0, &more, &first_page);
		free(url);
	}
	if (first_page && r == 0) {
		if (!w.complete) { /* no validators: the next run reads the lists again */
			json_object_del(first_page, "etag");
			json_object_del(first_page, "last_modified");
		}
		r = record(&w, first_page);
	}
	else
		json_decref(first_page);
	if (r == 0) {
		json_t *site_rec = json_pack("{s:s,s:s?,s:s,s:i,s:I,s:I,s:I}", "site", site->id, "name", site->name,
					     "last_run", started, "runs", 1, "errors", (json_int_t)w.errors, "items_found",
					     json_integer_value(json_object_get(summary, "items_found")), "pages_unmatched",
					     json_integer_value(json_object_get(summary, "pages_unmatched")));
		json_t *old = NULL, *all = zc_store_crawl_sites(w.s);
		size_t k;
		json_t *x;
		json_array_foreach(all, k, x)
			if (!strcmp(json_string_value(json_object_get(x, "site")), site->id))
				old = x;
		json_object_set_new(site_rec, "runs", json_integer(json_integer_value(json_object_get(old, "runs")) + 1));
		json_object_set_new(site_rec, "notices_stored",
				    json_integer(json_integer_value(json_object_get(old, "notices_stored")) +
						 json_integer_value(json_object_get(summary, "stored"))));
		if (!w.errors)
			json_object_set_new(site_rec, "last_success", json_string(started));
		else {
			json_object_set_new(site_rec, "last_error", json_string(w.last_error));
			json_object_set_new(site_rec, "last_error_at", json_string(started));
			json_object_set_new(summary, "error", json_string(w.last_error));
		}
		json_decref(all);
		r = zc_store_crawl_site(w.s, site_rec);
		json_decref(site_rec);
	}
	if (r < 0)
		json_object_set_new(summary, "error", json_string(zc_store_error(w.s)));
	free(w.robots);
	pcre2_match_data_free(w.md);
	pcre2_code_free(w.link);
	zc_store_close(w.s);
	return r;
}

static void *worker(void *arg)
{
	struct crawl *c = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&c->next, 1);
		if (i >= c->sources->n)
			break;
		const struct zc_site *site = &c->sources->sites[i];
		json_t *summary = json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "site", site->id, "list_pages", 0,
					    "items_found", 0, "new", 0, "stored", 0, "failed", 0, "disallowed", 0,
					    "pages_unmatched", 0);
		c->results[i] = summary;
		int r = walk_site(c, site, summary);
		if (r < 0) {
			pthread_mutex_lock(&c->cb_lock);
			if (!c->err)
				c->err = r;
			pthread_mutex_unlock(&c->cb_lock);
		}
	}
	zc_re_thread_release();
	return NULL;
}

int zc_crawl(const char *location, const struct zc_sources *sources, const struct zc_crawl_options *o,
	     const struct zc_crawl_callbacks *cb, json_t **summary)
{
	struct crawl c = {.location = location, .sources = sources, .o = o, .cb = cb};
	*summary = NULL;
	pthread_mutex_init(&c.cb_lock, NULL);
	pthread_mutex_init(&c.hosts_lock, NULL);
	c.results = calloc(sources->n ? sources->n : 1, sizeof(*c.results));
	if (!c.results)
		return -ENOMEM;
	/* the database exists (and is current) before the workers open it */
	struct zc_store *s;
	char err[256];
	int r = zc_store_open(location, ZC_STORE_CREATE, &s, err, sizeof(err));
	if (r < 0) {
		free(c.results);
		return r;
	}
	zc_store_close(s);
	xmlInitParser(); /* libxml2 wants it from one thread before several use it */
	unsigned n = o->concurrency ? o->concurrency : 4;
	if (n > sources->n)
		n = sources->n ? (unsigned)sources->n : 1;
	pthread_t threads[64];
	if (n > 64)
		n = 64;
	unsigned started = 0;
	for (; started < n; started++)
		if (pthread_create(&threads[started], NULL, worker, &c) != 0)
			break;
	if (!started)
		worker(&c);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	json_t *sites = json_array();
	for (size_t i = 0; i < sources->n; i++)
		if (c.results[i])
			json_array_append_new(sites, c.results[i]);
	free(c.results);
	pthread_mutex_destroy(&c.cb_lock);
	pthread_mutex_destroy(&c.hosts_lock);
	*summary = json_pack("{s:o}", "sites", sites);
	return c.err;
}
