/*
 * fetch.c: a URL into the store (see zc_fetch() in acquire.h): the HTTP
 * request, the kind of document, its text, the pipeline, the store.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "civil.h"
#include "zhengce/acquire.h"
#include "zhengce/html.h"
#include "zhengce/pipeline.h"
#include "zhengce/store.h"
#include "banned.h"

enum kind { KIND_HTML, KIND_PDF, KIND_DOCX, KIND_TEXT, KIND_OTHER };

/* CPU time of this thread, in milliseconds: where a fetch spends its work. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Add ms to the result's "cpu_ms" field name. */
static void add_cpu(json_t *res, const char *name, double ms)
{
	json_t *cpu = json_object_get(res, "cpu_ms");
	if (!cpu) {
		cpu = json_pack("{s:f,s:f,s:f}", "fetch", 0.0, "content", 0.0, "store", 0.0);
		json_object_set_new(res, "cpu_ms", cpu);
	}
	json_object_set_new(cpu, name, json_real(json_real_value(json_object_get(cpu, name)) + ms));
}

static enum kind kind_of(const char *content_type, const char *url, const char *data, size_t len)
{
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return KIND_PDF;
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
		return content_type && strstr(content_type, "wordprocessingml") ? KIND_DOCX
		       : strcasestr(url, ".docx")                               ? KIND_DOCX
									       : KIND_OTHER;
	if (content_type && (strstr(content_type, "html") || strstr(content_type, "xml")))
		return KIND_HTML;
	if (content_type && !strncasecmp(content_type, "text/", 5))
		return zc_html_detect(data, len) ? KIND_HTML : KIND_TEXT;
	if (content_type && strncasecmp(content_type, "application/octet-stream", 24))
		return KIND_OTHER;
	return zc_html_detect(data, len) ? KIND_HTML : KIND_TEXT;
}

static const char *kind_name(enum kind k)
{
	static const char *const names[] = {"html", "pdf", "docx", "text", "other"};
	return names[k];
}


/* Storing the notices the pipeline finds in one document. */
struct put_run {
	struct zc_store *s;
	struct zc_source src;
	const char *category; /* forced, or NULL */
	const char *title;    /* when the notice has none, or NULL */
	json_t *notices;
	int err;
};

static int put_one(struct zc_notice *n, void *arg)
{
	struct put_run *run = arg;
	char *category = NULL, *title = NULL;
	if ((run->category && !(category = strdup(run->category))) ||
	    (run->title && !n->title && !(title = strdup(run->title)))) {
		free(category);
		run->err = -ENOMEM;
		return 1;
	}
	if (category) {
		free(n->category);
		n->category = category;
	}
	if (title)
		n->title = title;
	struct zc_put_result pr;
	int r = zc_store_put(run->s, n, &run->src, &pr);
	run->src.ordinal++;
	if (r < 0) {
		run->err = r;
		return 1;
	}
	static const char *const status[] = {"added", "updated", "unchanged", "merged"};
	json_array_append_new(run->notices, json_pack("{s:I,s:i,s:s,s:s?}", "id", (json_int_t)pr.id, "version",
						      pr.version, "status", status[pr.status], "title", n->title));
	return 0;
}

/* The page's metadata and content as a text the pipeline reads like a notice. */
static int page_text(const struct zc_web_page *p, struct zc_buf *out)
{
	int e = 0;
	if (p->title)
		e |= zc_buf_addf(out, "标题：%s\n", p->title);
	if (p->doc_number)
		e |= zc_buf_addf(out, "发文字号：%s\n", p->doc_number);
	if (p->source)
		e |= zc_buf_addf(out, "来源：%s\n", p->source);
	if (p->published)
		e |= zc_buf_addf(out, "发布时间：%s\n", p->published);
	e |= zc_buf_addc(out, '\n');
	e |= zc_buf_add(out, p->text.data ? p->text.data : "", p->text.len);
	return e ? -ENOMEM : 0;
}

/*
 * The text of a fetched document and the notices in it, stored. Sets
 * *why for a document that cannot be read; returns a negative errno only
 * when storing failed.
 */
/* A fetched document, read: the text the pipeline will take, before any write. */
struct prepared {
	struct zc_buf text;
	enum zc_encoding encoding; /* UTF-8 when made here; AUTO for text as it came */
	char *uri, *etag, *last_modified;
	json_t *res;               /* its part of the result */
	char why[256];             /* why it cannot be stored ("" when it can) */
};

static void prepared_free(struct prepared *d)
{
	zc_buf_free(&d->text);
	free(d->uri);
	free(d->etag);
	free(d->last_modified);
}

/*
 * Read a fetched document into d: HTML to its main content and metadata
 * (page gets them), PDF and DOCX to their text, text as it is. Sets d->why
 * for a document that cannot be read; returns -ENOMEM only.
 */
static int prepare(const struct zc_http_response *http, const char *url, struct zc_web_page *page, struct prepared *d)
{
	const char *data = http->body.data ? http->body.data : "";
	size_t len = http->body.len;
	enum kind k = kind_of(http->content_type, url, data, len);
	json_object_set_new(d->res, "kind", json_string(kind_name(k)));
	zc_buf_init(&d->text, 0);
	d->encoding = ZC_ENC_UTF8;
	d->uri = strdup(url);
	d->etag = http->etag ? strdup(http->etag) : NULL;
	d->last_modified = http->last_modified ? strdup(http->last_modified) : NULL;
	if (!d->uri)
		return -ENOMEM;
	struct zc_diag diag = {0};
	int r = 0;
	double t0 = cpu_ms();
	if (k == KIND_HTML) {
		enum zc_encoding enc = zc_web_charset(http->content_type, data, len), got = ZC_ENC_AUTO;
		struct zc_buf utf8;
		zc_buf_init(&utf8, 0);
		r = zc_decode(data, len, enc, ZC_DECODE_LENIENT, &utf8, &got, &diag);
		json_object_set_new(d->res, "encoding", json_string(zc_encoding_name(got)));
		if (r == 0)
			r = zc_web_content(utf8.data ? utf8.data : "", utf8.len, http->final_url, page);
		zc_buf_free(&utf8);
		if (r == 0)
			r = page_text(page, &d->text);
		if (r < 0 && r != -ENOMEM)
			snprintf(d->why, sizeof(d->why), "the page cannot be read (%s)",
				 diag.message[0] ? diag.message : strerror(-r));
		if (r == 0)
			json_object_set_new(d->res, "title", page->title ? json_string(page->title) : json_null());
	} else if (k == KIND_PDF || k == KIND_DOCX) {
		r = k == KIND_PDF ? zc_pdf_text(data, len, &d->text, d->why, sizeof(d->why))
				  : zc_docx_text(data, len, &d->text, d->why, sizeof(d->why));
	} else if (k == KIND_OTHER) {
		snprintf(d->why, sizeof(d->why), "%s files are not read (PDF, DOCX, HTML and text are)",
			 http->content_type ? http->content_type : "these");
	} else {
		d->encoding = ZC_ENC_AUTO; /* the pipeline decodes it */
		r = zc_buf_add(&d->text, data, len);
	}
	add_cpu(d->res, "content", cpu_ms() - t0);
	return r == -ENOMEM ? r : 0;
}

/* Store the notices of a prepared document (inside the caller's transaction).
 * Sets d->why when none could be; returns a store failure only. */
static int store_prepared(struct zc_store *s, struct prepared *d, const struct zc_fetch_options *o,
			  const char *category, const char *title, const char *now)
{
	struct put_run run = {.s = s,
			      .src = {.uri = d->uri, .fetched_at = now, .etag = d->etag, .last_modified = d->last_modified,
				      .official = o->official},
			      .category = category,
			      .title = title,
			      .notices = json_array()};
	struct zc_options popts = {.today = o->today, .encoding = d->encoding};
	struct zc_diag diag = {0};
	double t0 = cpu_ms();
	int r = zc_process_buffer(d->text.data ? d->text.data : "", d->text.len, d->uri, &popts, put_one, &run, &diag);
	add_cpu(d->res, "store", cpu_ms() - t0);
	json_object_set_new(d->res, "notices", run.notices);
	if (run.err)
		return run.err;
	if (r == -ENOMEM)
		return r;
	if (r < 0)
		snprintf(d->why, sizeof(d->why), "%s", diag.message[0] ? diag.message : "the document cannot be decoded");
	else if (!json_array_size(run.notices))
		snprintf(d->why, sizeof(d->why), "no notice was found in it");
	return 0;
}

/* Fetch and read one attachment (no write yet). */
static int fetch_attachment(const char *url, const char *name, const struct zc_fetch_options *o, struct prepared *d)
{
	d->res = json_pack("{s:s,s:s,s:[]}", "url", url, "name", name, "notices");
	if (!d->res)
		return -ENOMEM;
	if (o->before_request && !o->before_request(url, o->arg)) {
		snprintf(d->why, sizeof(d->why), "not allowed (robots.txt)");
		return 0;
	}
	struct zc_http_response http;
	zc_http_response_init(&http);
	int r = zc_http_get(url, &o->http, &http);
	if (r == -ENOMEM) {
		zc_http_response_free(&http);
		return r;
	}
	if (r < 0)
		snprintf(d->why, sizeof(d->why), "%s", http.error);
	else if (http.status != 200)
		snprintf(d->why, sizeof(d->why), "HTTP %ld", http.status);
	else {
		struct zc_web_page page = {0};
		r = prepare(&http, url, &page, d);
		zc_web_page_free(&page);
	}
	zc_http_response_free(&http);
	return r < 0 && r != -ENOMEM ? 0 : r;
}

static void outcome(json_t *res, const char *why, const char *ok)
{
	json_object_set_new(res, "outcome", json_string(why[0] ? "failed" : ok));
	json_object_set_new(res, "error", why[0] ? json_string(why) : json_null());
}

int zc_fetch(struct zc_store *s, const char *url, const struct zc_fetch_options *o, json_t **result)
{
	json_t *res = json_pack("{s:s,s:[],s:[]}", "url", url, "notices", "attachments");
	if (!res)
		return -ENOMEM;
	*result = res;
	struct zc_http_options http_opts = o->http;
	json_t *known = NULL;
	int r = 0;
	if (!o->force && (known = zc_store_source(s, url, &r))) {
		http_opts.if_none_match = json_string_value(json_object_get(known, "etag"));
		http_opts.if_modified_since = json_string_value(json_object_get(known, "last_modified"));
	}
	struct zc_http_response http;
	zc_http_response_init(&http);
	char now[21], why[256] = "";
	zc_now_utc(now);
	double t0 = cpu_ms();
	r = zc_http_get(url, &http_opts, &http);
	add_cpu(res, "fetch", cpu_ms() - t0);
	json_object_set_new(res, "final_url", json_string(http.final_url ? http.final_url : url));
	json_object_set_new(res, "http_status", http.status ? json_integer(http.status) : json_null());
	json_object_set_new(res, "content_type", http.content_type ? json_string(http.content_type) : json_null());
	const char *done = "stored";
	struct zc_web_page page = {0};
	struct prepared doc = {.res = res}, *atts = NULL;
	size_t natts = 0;
	if (r == -ENOMEM) {
		goto out;
	} else if (r < 0) {
		snprintf(why, sizeof(why), "%s", http.error);
		r = 0;
	} else if (http.status == 304 && known) {
		done = "not-modified";
		r = zc_store_touch_source(s, url, now);
	} else if (http.status != 200) {
		snprintf(why, sizeof(why), "HTTP %ld", http.status);
	} else if ((r = prepare(&http, url, &page, &doc)) == 0 && !doc.why[0]) {
		/* the network first, then one short transaction */
		size_t max = o->max_attachments ? o->max_attachments : 20;
		size_t want = o->attachments ? (page.attachments.n < max ? page.attachments.n : max) : 0;
		atts = calloc(want ? want : 1, sizeof(*atts));
		for (; r == 0 && atts && natts < want; natts++)
			r = fetch_attachment(page.attachments.v[natts], page.attachment_names.v[natts], o, &atts[natts]);
		if (!atts)
			r = -ENOMEM;
		if (r == 0 && (r = zc_store_begin(s)) == 0) {
			r = store_prepared(s, &doc, o, NULL, NULL, now);
			for (size_t i = 0; r == 0 && i < natts; i++)
				if (!atts[i].why[0])
					r = store_prepared(s, &atts[i], o, "附件", page.attachment_names.v[i], now);
			if (r == 0 && !doc.why[0])
				r = zc_store_commit(s);
			if (r < 0 || doc.why[0]) {
				int rb = zc_store_rollback(s); /* nothing of a page that failed stays */
				if (r == 0 && rb < 0)
					r = rb;
				json_object_set_new(res, "notices", json_array());
				if (r < 0 && !doc.why[0])
					snprintf(doc.why, sizeof(doc.why), "%s", zc_store_error(s));
			}
		}
		for (size_t i = 0; i < natts; i++) {
			outcome(atts[i].res, atts[i].why, "stored");
			json_array_append_new(json_object_get(res, "attachments"), atts[i].res);
			prepared_free(&atts[i]);
		}
	}
	if (doc.why[0])
		snprintf(why, sizeof(why), "%s", doc.why);
out:
	outcome(res, why, done);
	prepared_free(&doc);
	free(atts);
	zc_web_page_free(&page);
	zc_http_response_free(&http);
	json_decref(known);
	return r;
}
