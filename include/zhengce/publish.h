/*
 * publish.h: the published forms of stored notices: a bulletin (digest)
 * grouped by category, in Markdown or HTML, and an Atom feed (RFC 4287).
 * Both take stored records (zc_store_get JSON: key elements, "id",
 * "text", "sources", "updated_at"…) and escape every piece of notice text
 * for their format: notices carry arbitrary markup.
 */
#ifndef ZHENGCE_PUBLISH_H
#define ZHENGCE_PUBLISH_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "zhengce/buf.h"

/* Append s escaped for HTML/XML text and attribute values (& < > " '),
 * without the control characters XML forbids. 0 or -ENOMEM. */
int zc_html_escape(struct zc_buf *out, const char *s);

enum zc_digest_format { ZC_DIGEST_MARKDOWN, ZC_DIGEST_HTML };

struct zc_digest_info {
	const char *title;      /* NULL: "政策简报" */
	const char *since, *until; /* the period, YYYY-MM-DD; either may be NULL */
	const char *today;      /* for "还剩 N 天" next to deadlines */
	const char *base_url;   /* links to notices: base_url + "/notice/ID"; NULL: none */
	const char *stylesheet; /* HTML: link this stylesheet; NULL: an inline <style> */
};

/* The CSS of the HTML digest (what the inline <style> holds). */
extern const char zc_digest_css[];

/*
 * A bulletin of the records (in the order given), grouped by category
 * (categories in order of first appearance): a table of contents, then per
 * notice its title, a key-elements box (文号, 发文机关, 成文日期, 截止日期
 * and windows, whom to call, link) and the opening of its text.
 * Returns 0 or -EIO / -ENOMEM.
 */
int zc_render_digest(FILE *out, const json_t *records, enum zc_digest_format format,
		     const struct zc_digest_info *info);

struct zc_feed_info {
	const char *title;    /* the feed's title */
	const char *self_url; /* the URL the feed is served at (its id and rel="self") */
	const char *base_url; /* notices link to base_url + "/notice/ID" */
};

/*
 * An Atom feed of the records: one entry per notice (id, title, updated,
 * published when issued, author = its issuers, category, summary, link to
 * the notice page and to its source when that is a URL).
 * Returns 0 or -EIO / -ENOMEM.
 */
int zc_render_atom(FILE *out, const json_t *records, const struct zc_feed_info *info);

#endif
