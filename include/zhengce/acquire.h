/*
 * acquire.h: getting notices from where they are published.
 *
 *   zc_http_get()      one HTTP(S) GET with libcurl: limits, redirects,
 *                      conditional requests, an honest User-Agent
 *   zc_web_charset()   the encoding of a page: BOM, HTTP header, <meta>,
 *                      else content sniffing
 *   zc_web_content()   the main content of a government CMS page (title,
 *                      发布时间, 来源, 文号, body text) by text density, and
 *                      the links to its attachments
 *   zc_pdf_text(), zc_docx_text()   the text of attachments
 *
 * Every reader of outside bytes here is bounded (sizes, depth, time) and
 * returns an error for what it cannot read, never a crash.
 */
#ifndef ZHENGCE_ACQUIRE_H
#define ZHENGCE_ACQUIRE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "zhengce/buf.h"
#include "zhengce/decode.h"
#include "zhengce/vec.h"

#define ZC_USER_AGENT "zhengce/0.1 (policy notice reader; +https://github.com/zhengce/zhengce)"

struct zc_http_options {
	const char *if_none_match;     /* an ETag from an earlier fetch, or NULL */
	const char *if_modified_since; /* a Last-Modified from an earlier fetch, or NULL */
	size_t max_bytes;              /* 0: 64 MiB; larger bodies fail with -E2BIG */
	long timeout_ms;               /* whole transfer; 0: 60 s */
	long connect_timeout_ms;       /* 0: 10 s */
	int max_redirects;             /* 0: 5 (a loop ends there) */
	const char *user_agent;        /* NULL: ZC_USER_AGENT */
};

struct zc_http_response {
	long status;          /* HTTP status (304 when not modified) */
	char *final_url;      /* after redirects */
	char *content_type;   /* header, or NULL */
	char *etag;           /* header, or NULL */
	char *last_modified;  /* header, or NULL */
	struct zc_buf body;
	char error[256];      /* when the call fails: what happened, for people */
};

void zc_http_response_init(struct zc_http_response *r);
void zc_http_response_free(struct zc_http_response *r);

/*
 * GET url (http or https only, also after redirects). Returns 0 when an
 * HTTP answer came (any status: check r->status), or a negative errno
 * with r->error set: -EINVAL (bad URL or scheme), -ETIMEDOUT, -E2BIG (body
 * over max_bytes), -ELOOP (too many redirects), -ECONNREFUSED,
 * -EHOSTUNREACH (name or host), -EIO (anything else), -ENOMEM.
 */
int zc_http_get(const char *url, const struct zc_http_options *o, struct zc_http_response *r);

/*
 * The encoding of a fetched document: a BOM first, then the charset of the
 * Content-Type header, then an HTML <meta charset> or http-equiv in its
 * first 4 KiB, else ZC_ENC_AUTO (let the decoder sniff). GB2312, GBK and
 * GB18030 all read as GB18030, their superset.
 */
enum zc_encoding zc_web_charset(const char *content_type, const char *data, size_t len);

/* What a notice page holds. Strings are UTF-8 (NULL when absent). */
struct zc_web_page {
	char *title;        /* from the content, else <meta> ArticleTitle, else <title> */
	char *published;    /* 发布时间 / 发布日期 / PubDate as written */
	char *source;       /* 来源 / 发布机构 / ContentSource */
	char *doc_number;   /* 文号 / 发文字号 from a metadata field */
	struct zc_buf text; /* the main content as text, one block per line */
	struct zc_strv attachments;      /* absolute URLs of attached files */
	struct zc_strv attachment_names; /* their link texts, in the same order */
};

void zc_web_page_free(struct zc_web_page *p);

/*
 * Find the main content of an HTML page (UTF-8) and its metadata. base is
 * the page's URL, for resolving links. The content is the element with the
 * most text that is not link text, weighed by its punctuation (a block of
 * sentences beats a list of links), with navigation, headers, footers,
 * share bars and "related articles" dropped. Returns 0, -EINVAL when no
 * document can be built, -ENOMEM.
 */
int zc_web_content(const char *html, size_t len, const char *base, struct zc_web_page *p);

/* The links of a page (UTF-8 HTML), made absolute against base, each once, in page order. 0 or -ENOMEM/-EINVAL. */
int zc_web_links(const char *html, size_t len, const char *base, struct zc_strv *out);

/*
 * The text of a PDF (poppler) or DOCX (libzip + libxml2) file in memory,
 * appended to out: pages separated by form feeds, paragraphs by lines.
 * Returns 0, -EMEDIUMTYPE when the bytes are not such a file or are
 * damaged, -E2BIG when a DOCX part inflates beyond 64 MiB (a zip bomb),
 * -ENOMEM. why, when not NULL, gets a message for people.
 */
int zc_pdf_text(const void *data, size_t len, struct zc_buf *out, char *why, size_t why_len);
int zc_docx_text(const void *data, size_t len, struct zc_buf *out, char *why, size_t why_len);

struct zc_store;

struct zc_fetch_options {
	struct zc_http_options http; /* limits for the page and each attachment */
	bool attachments;            /* also fetch the attached files (PDF, DOCX) */
	size_t max_attachments;      /* 0: 20 */
	bool force;                  /* no conditional request: fetch even when unchanged */
	bool official;               /* the site is a government site: the best source of its notices */
	const char *today;           /* for the pipeline's year inference; NULL: the notice's own dates */
	/* Called before each attachment is requested (the crawler keeps the
	 * host's pace and robots.txt there); false skips it. May be NULL. */
	bool (*before_request)(const char *url, void *arg);
	void *arg;
};

/*
 * Fetch url and store what it holds: a notice page (its main content and
 * metadata), a PDF or DOCX file, or text; with attachments, each attached
 * PDF or DOCX too, as its own notices of category 附件 with the attachment's
 * URL as source. The page is fetched conditionally when the store has its
 * validators (an unchanged page is a 304, recorded as seen). The page and
 * its attachments are fetched and read first; then everything of one URL
 * is stored in one short transaction, rolled back when storing fails.
 *
 * *result: {"url", "final_url", "http_status", "outcome" ("stored",
 * "not-modified", "failed"), "content_type", "encoding", "title", "error",
 * "notices": [{"id", "version", "status", "title"}], "attachments": [{"url",
 * "name", "outcome", "error", "notices"}], "cpu_ms": {"fetch", "content",
 * "store"}} (the thread's CPU time in each step: the HTTP request, finding
 * the content, the pipeline and the store). Returns 0 whenever *result
 * says what happened (a 404 or an unreadable page is an outcome, not an
 * error), a negative errno when the store failed or memory ran out.
 */
int zc_fetch(struct zc_store *s, const char *url, const struct zc_fetch_options *o, json_t **result);

#endif
