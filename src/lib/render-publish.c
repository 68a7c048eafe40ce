/*
 * render-publish.c: the bulletin (digest) of stored notices in Markdown or
 * HTML, and their Atom feed (RFC 4287). See zhengce/publish.h.
 *
 * Everything taken from a notice goes through one escaping function per
 * format (html_text / md_text), so no notice text reaches the output raw.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "utf8.h"
#include "zhengce/publish.h"
#include "banned.h"

const char zc_digest_css[] =
	"body{font-family:system-ui,\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;"
	"max-width:52rem;margin:0 auto;padding:1rem;line-height:1.6;color:#1a1a1a}"
	"h1{border-bottom:3px solid #b71c1c;padding-bottom:.3rem}"
	"h2{color:#b71c1c;margin-top:2rem}"
	"article{border-top:1px solid #ddd;padding-top:.5rem}"
	"dl.elements{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;"
	"background:#f6f6f6;border-left:4px solid #b71c1c;padding:.6rem 1rem}"
	"dl.elements dt{font-weight:600}dl.elements dd{margin:0}"
	".excerpt{color:#444}.left{color:#b71c1c;font-weight:600}"
	"@media (max-width:40rem){dl.elements{grid-template-columns:1fr}}";

int zc_html_escape(struct zc_buf *out, const char *s)
{
	int e = 0;
	for (; s && *s && !e; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': e = zc_buf_adds(out, "&amp;"); break;
		case '<': e = zc_buf_adds(out, "&lt;"); break;
		case '>': e = zc_buf_adds(out, "&gt;"); break;
		case '"': e = zc_buf_adds(out, "&quot;"); break;
		case '\'': e = zc_buf_adds(out, "&#39;"); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				break; /* not allowed in XML 1.0 */
			e = zc_buf_addc(out, (char)c);
		}
	}
	return e ? -ENOMEM : 0;
}

/* An output being built: one buffer, one error flag, written at the end. */
struct doc {
	struct zc_buf b;
	int err;
	enum zc_digest_format format;
};

static void raw(struct doc *d, const char *s)
{
	if (!d->err && zc_buf_adds(&d->b, s) < 0)
		d->err = -ENOMEM;
}

static void rawf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rawf(struct doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!d->err && zc_buf_vaddf(&d->b, fmt, ap) < 0)
		d->err = -ENOMEM;
	va_end(ap);
}

static void html_text(struct doc *d, const char *s)
{
	if (!d->err && zc_html_escape(&d->b, s) < 0)
		d->err = -ENOMEM;
}

/* Markdown: markup characters as entities (so no HTML passes through a
 * Markdown renderer), a backslash before every other character with a
 * meaning, line breaks as spaces. */
static void md_text(struct doc *d, const char *s)
{
	for (; s && *s && !d->err; s++) {
		const char *entity = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" : NULL;
		if (entity) {
			raw(d, entity);
			continue;
		}
		if (strchr("\\`*_[]#|!~{}()", *s) && zc_buf_addc(&d->b, '\\') < 0)
			d->err = -ENOMEM;
		if (!d->err && zc_buf_addc(&d->b, *s == '\n' || *s == '\r' ? ' ' : *s) < 0)
			d->err = -ENOMEM;
	}
}

static void text(struct doc *d, const char *s)
{
	if (d->format == ZC_DIGEST_HTML)
		html_text(d, s);
	else
		md_text(d, s);
}

static const char *str_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int write_out(FILE *out, struct doc *d)
{
	int r = d->err;
	if (!r && (fwrite(d->b.data, 1, d->b.len, out) != d->b.len || fflush(out) == EOF))
		r = -EIO;
	zc_buf_free(&d->b);
	return r;
}

/* The first URL a notice was fetched from, if its source is a URL. */
static const char *source_url(const json_t *rec)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(rec, "sources"), i, s)
	{
		const char *u = str_of(s, "uri");
		if (u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8)))
			return u;
	}
	return NULL;
}


/* The opening of the text, about max characters, without the title line. */
static char *excerpt(const json_t *rec, size_t max)
{
	const char *t = str_of(rec, "text"), *title = str_of(rec, "title");
	if (!t)
		return NULL;
	if (title && !strncmp(t, title, strlen(title)))
		t += strlen(title);
	while (*t == '\n' || *t == ' ')
		t++;
	const char *end = t, *stop = t + strlen(t);
	for (size_t n = 0; end < stop && n < max; n++) {
		int step = zc_utf8_seq((const unsigned char *)end, (size_t)(stop - end));
		end += step > 0 ? step : 1;
	}
	size_t len = (size_t)(end - t);
	char *s = malloc(len + 4);
	if (!s)
		return NULL;
	memcpy(s, t, len);
	memcpy(s + len, end < stop ? "…" : "", end < stop ? sizeof("…") : 1);
	return s;
}

/* Strings of an array of strings (or of objects' key) joined by sep. */
static void join(struct doc *d, const json_t *arr, const char *key, const char *sep)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (i)
			raw(d, sep);
		text(d, key ? str_of(v, key) : json_string_value(v));
	}
}

/* One row of the key-elements box; the value is written by the caller between. */
static void row_open(struct doc *d, const char *label)
{
	if (d->format == ZC_DIGEST_HTML)
		rawf(d, "<dt>%s</dt><dd>", label);
	else
		rawf(d, "> **%s**：", label);
}

static void row_close(struct doc *d)
{
	raw(d, d->format == ZC_DIGEST_HTML ? "</dd>\n" : "  \n");
}

static void contact_rows(struct doc *d, const json_t *rec)
{
	const json_t *contacts = json_object_get(rec, "contacts");
	if (!json_array_size(contacts) && !json_array_size(json_object_get(rec, "phones")))
		return;
	row_open(d, "联系方式");
	if (!json_array_size(contacts))
		join(d, json_object_get(rec, "phones"), NULL, "、");
	size_t i;
	json_t *c;
	json_array_foreach(contacts, i, c)
	{
		if (i)
			raw(d, "；");
		if (str_of(c, "org")) {
			text(d, str_of(c, "org"));
			raw(d, " ");
		}
		if (str_of(c, "name")) {
			text(d, str_of(c, "name"));
			raw(d, " ");
		}
		join(d, json_object_get(c, "phones"), NULL, "、");
		if (json_array_size(json_object_get(c, "emails")) && json_array_size(json_object_get(c, "phones")))
			raw(d, "、");
		join(d, json_object_get(c, "emails"), NULL, "、");
	}
	row_close(d);
}

static void link_row(struct doc *d, const char *label, const char *url)
{
	row_open(d, label);
	if (d->format == ZC_DIGEST_HTML) {
		raw(d, "<a href=\"");
		html_text(d, url);
		raw(d, "\">");
		html_text(d, url);
		raw(d, "</a>");
	} else {
		raw(d, "<");
		/* an autolink: only characters a URL may hold, the rest %-escaped */
		for (const char *p = url; *p; p++)
			if ((unsigned char)*p <= ' ' || strchr("<>\"\\`", *p))
				rawf(d, "%%%02X", (unsigned char)*p);
			else
				rawf(d, "%c", *p);
		raw(d, ">");
	}
	row_close(d);
}

static void elements_box(struct doc *d, const json_t *rec, const struct zc_digest_info *info)
{
	raw(d, d->format == ZC_DIGEST_HTML ? "<dl class=\"elements\">\n" : "");
	if (str_of(rec, "doc_number")) {
		row_open(d, "文号");
		text(d, str_of(rec, "doc_number"));
		row_close(d);
	}
	if (json_array_size(json_object_get(rec, "issuers"))) {
		row_open(d, "发文机关");
		join(d, json_object_get(rec, "issuers"), NULL, "、");
		row_close(d);
	}
	if (str_of(rec, "issued_on")) {
		row_open(d, "成文日期");
		text(d, str_of(rec, "issued_on"));
		row_close(d);
	}
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(rec, "windows"), i, w)
	{
		row_open(d, "申报时间");
		text(d, str_of(w, "from") ? str_of(w, "from") : "…");
		raw(d, " 至 ");
		text(d, str_of(w, "to") ? str_of(w, "to") : "…");
		if (str_of(w, "label")) {
			raw(d, "（");
			text(d, str_of(w, "label"));
			raw(d, "）");
		}
		row_close(d);
	}
	const char *deadline = str_of(rec, "deadline");
	if (deadline) {
		row_open(d, "截止日期");
		text(d, deadline);
		long left = info->today ? zc_days_between(info->today, deadline) : -1;
		if (strlen(deadline) != 10) /* a partial date: no count */
			;
		else if (info->today && left >= 0)
			rawf(d, d->format == ZC_DIGEST_HTML ? " <span class=\"left\">还剩 %ld 天</span>" : "（还剩 %ld 天）", left);
		else if (info->today)
			raw(d, "（已截止）");
		row_close(d);
	}
	contact_rows(d, rec);
	const char *url = source_url(rec);
	if (url)
		link_row(d, "原文链接", url);
	if (info->base_url) {
		char page[512];
		snprintf(page, sizeof(page), "%s/notice/%lld", info->base_url,
			 (long long)json_integer_value(json_object_get(rec, "id")));
		link_row(d, "详情", page);
	}
	raw(d, d->format == ZC_DIGEST_HTML ? "</dl>\n" : "\n");
}

/* The categories of the records, in order of first appearance ("" for none). */
static json_t *categories(const json_t *records)
{
	json_t *cats = json_array();
	size_t i, k;
	json_t *r, *c;
	json_array_foreach(records, i, r)
	{
		const char *cat = str_of(r, "category") ? str_of(r, "category") : "";
		bool seen = false;
		json_array_foreach(cats, k, c)
			seen |= !strcmp(json_string_value(c), cat);
		if (!seen)
			json_array_append_new(cats, json_string(cat));
	}
	return cats;
}

static void notice_entry(struct doc *d, const json_t *rec, const struct zc_digest_info *info, size_t number)
{
	const char *title = str_of(rec, "title") ? str_of(rec, "title") : "（无标题）";
	if (d->format == ZC_DIGEST_HTML) {
		rawf(d, "<article id=\"n%lld\">\n<h3>%zu. ", (long long)json_integer_value(json_object_get(rec, "id")), number);
		html_text(d, title);
		raw(d, "</h3>\n");
	} else {
		rawf(d, "### %zu. ", number);
		md_text(d, title);
		raw(d, "\n\n");
	}
	elements_box(d, rec, info);
	char *ex = excerpt(rec, 160);
	if (ex && *ex) {
		raw(d, d->format == ZC_DIGEST_HTML ? "<p class=\"excerpt\">" : "");
		text(d, ex);
		raw(d, d->format == ZC_DIGEST_HTML ? "</p>\n" : "\n\n");
	}
	free(ex);
	raw(d, d->format == ZC_DIGEST_HTML ? "</article>\n" : "");
}

static void digest_head(struct doc *d, const json_t *records, const json_t *cats, const struct zc_digest_info *info)
{
	const char *title = info->title ? info->title : "政策简报";
	char period[64] = "";
	if (info->since || info->until)
		snprintf(period, sizeof(period), "%s 至 %s", info->since ? info->since : "…", info->until ? info->until : "…");
	if (d->format == ZC_DIGEST_HTML) {
		raw(d, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
		html_text(d, title);
		raw(d, "</title>\n");
		if (info->stylesheet) {
			raw(d, "<link rel=\"stylesheet\" href=\"");
			html_text(d, info->stylesheet);
			raw(d, "\">\n");
		} else {
			rawf(d, "<style>%s</style>\n", zc_digest_css);
		}
		raw(d, "</head>\n<body>\n<header>\n<h1>");
		html_text(d, title);
		raw(d, "</h1>\n<p>");
		html_text(d, period);
		rawf(d, "%s共 %zu 篇</p>\n</header>\n<nav aria-label=\"目录\">\n<ul>\n", period[0] ? "，" : "",
		     json_array_size(records));
	} else {
		raw(d, "# ");
		md_text(d, title);
		rawf(d, "\n\n%s%s共 %zu 篇\n\n", period, period[0] ? "，" : "", json_array_size(records));
	}
	size_t i;
	json_t *c;
	json_array_foreach(cats, i, c)
	{
		const char *cat = json_string_value(c)[0] ? json_string_value(c) : "其他";
		size_t n = 0, k;
		json_t *r;
		json_array_foreach(records, k, r)
			n += !strcmp(str_of(r, "category") ? str_of(r, "category") : "", json_string_value(c));
		if (d->format == ZC_DIGEST_HTML) {
			rawf(d, "<li><a href=\"#c%zu\">", i + 1);
			html_text(d, cat);
			rawf(d, "</a>（%zu）</li>\n", n);
		} else {
			raw(d, "- ");
			md_text(d, cat);
			rawf(d, "（%zu）\n", n);
		}
	}
	raw(d, d->format == ZC_DIGEST_HTML ? "</ul>\n</nav>\n<main>\n" : "\n");
}

int zc_render_digest(FILE *out, const json_t *records, enum zc_digest_format format,
		     const struct zc_digest_info *info)
{
	struct doc d = {.format = format};
	zc_buf_init(&d.b, 0);
	json_t *cats = categories(records);
	if (!cats)
		return -ENOMEM;
	digest_head(&d, records, cats, info);
	size_t i, number = 0;
	json_t *c;
	json_array_foreach(cats, i, c)
	{
		const char *cat = json_string_value(c);
		if (format == ZC_DIGEST_HTML) {
			rawf(&d, "<section id=\"c%zu\">\n<h2>", i + 1);
			html_text(&d, cat[0] ? cat : "其他");
			raw(&d, "</h2>\n");
		} else {
			raw(&d, "## ");
			md_text(&d, cat[0] ? cat : "其他");
			raw(&d, "\n\n");
		}
		size_t k;
		json_t *r;
		json_array_foreach(records, k, r)
			if (!strcmp(str_of(r, "category") ? str_of(r, "category") : "", cat))
				notice_entry(&d, r, info, ++number);
		raw(&d, format == ZC_DIGEST_HTML ? "</section>\n" : "");
	}
	if (format == ZC_DIGEST_HTML)
		raw(&d, "</main>\n<footer><p>由 zhengce 生成</p></footer>\n</body>\n</html>\n");
	json_decref(cats);
	return write_out(out, &d);
}

/* An RFC 3339 timestamp from a stored one ("…Z") or a date (start of day, China time). */
static void atom_time(struct doc *d, const char *element, const char *t)
{
	if (!t)
		return;
	rawf(d, "    <%s>", element);
	html_text(d, t);
	raw(d, strlen(t) == 10 ? "T00:00:00+08:00" : "");
	rawf(d, "</%s>\n", element);
}

static void atom_entry(struct doc *d, const json_t *rec, const struct zc_feed_info *info)
{
	long long id = json_integer_value(json_object_get(rec, "id"));
	raw(d, "  <entry>\n    <id>");
	html_text(d, info->base_url);
	rawf(d, "/notice/%lld</id>\n    <title type=\"text\">", id);
	html_text(d, str_of(rec, "title") ? str_of(rec, "title") : "（无标题）");
	raw(d, "</title>\n");
	const char *updated = str_of(rec, "updated_at") ? str_of(rec, "updated_at") : str_of(rec, "added_at");
	atom_time(d, "updated", updated ? updated : "1970-01-01T00:00:00Z");
	atom_time(d, "published", str_of(rec, "issued_on"));
	size_t i;
	json_t *who;
	json_array_foreach(json_object_get(rec, "issuers"), i, who)
	{
		raw(d, "    <author><name>");
		html_text(d, json_string_value(who));
		raw(d, "</name></author>\n");
	}
	if (!json_array_size(json_object_get(rec, "issuers")))
		raw(d, "    <author><name>未署名</name></author>\n");
	if (str_of(rec, "category")) {
		raw(d, "    <category term=\"");
		html_text(d, str_of(rec, "category"));
		raw(d, "\"/>\n");
	}
	raw(d, "    <link rel=\"alternate\" type=\"text/html\" href=\"");
	html_text(d, info->base_url);
	rawf(d, "/notice/%lld\"/>\n", id);
	const char *src = source_url(rec);
	if (src) {
		raw(d, "    <link rel=\"via\" href=\"");
		html_text(d, src);
		raw(d, "\"/>\n");
	}
	raw(d, "    <summary type=\"text\">");
	if (str_of(rec, "doc_number")) {
		html_text(d, str_of(rec, "doc_number"));
		raw(d, "　");
	}
	if (str_of(rec, "deadline")) {
		raw(d, "截止 ");
		html_text(d, str_of(rec, "deadline"));
		raw(d, "　");
	}
	char *ex = excerpt(rec, 200);
	html_text(d, ex);
	free(ex);
	raw(d, "</summary>\n  </entry>\n");
}

int zc_render_atom(FILE *out, const json_t *records, const struct zc_feed_info *info)
{
	struct doc d = {.format = ZC_DIGEST_HTML};
	zc_buf_init(&d.b, 0);
	/* the feed is as new as its newest entry */
	const char *newest = NULL;
	size_t i;
	json_t *r;
	json_array_foreach(records, i, r)
	{
		const char *u = str_of(r, "updated_at");
		if (u && (!newest || strcmp(u, newest) > 0))
			newest = u;
	}
	raw(&d, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n  <id>");
	html_text(&d, info->self_url);
	raw(&d, "</id>\n  <title type=\"text\">");
	html_text(&d, info->title);
	raw(&d, "</title>\n");
	atom_time(&d, "updated", newest ? newest : "1970-01-01T00:00:00Z");
	raw(&d, "  <author><name>zhengce</name></author>\n  <generator>zhengce</generator>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
	html_text(&d, info->self_url);
	raw(&d, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
	html_text(&d, info->base_url);
	raw(&d, "/\"/>\n");
	json_array_foreach(records, i, r)
		atom_entry(&d, r, info);
	raw(&d, "</feed>\n");
	return write_out(out, &d);
}
