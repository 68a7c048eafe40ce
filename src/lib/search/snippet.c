/*
 * snippet.c: the passage of a notice shown under a search result, with
 * the query's matches located in it.
 *
 * The text is folded (zc_fold_char) to find the query's terms as the
 * index does, and the snippet is cut from the original text, character for
 * character, so a traditional-script notice shows in its own script.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/clean.h"
#include "zhengce/snippet.h"
#include "banned.h"

struct chars {
	size_t n;
	size_t *orig; /* byte offset of char i in the text (n + 1 entries) */
	size_t *fold; /* byte offset of char i in the folded copy (n + 1 entries) */
	struct zc_buf folded;
};

static int chars_build(struct chars *c, const char *text, size_t len)
{
	size_t cap = len + 1;
	c->n = 0;
	zc_buf_init(&c->folded, 0);
	c->orig = malloc(cap * sizeof(size_t));
	c->fold = malloc(cap * sizeof(size_t));
	if (!c->orig || !c->fold)
		return -1;
	const char *p = text, *end = text + len;
	while (p < end) {
		char u[4];
		c->orig[c->n] = (size_t)(p - text);
		c->fold[c->n] = c->folded.len;
		uint32_t cp = zc_utf8_next(&p, end);
		if (zc_buf_add(&c->folded, u, zc_utf8_put(u, zc_fold_char(cp))) < 0)
			return -1;
		c->n++;
	}
	c->orig[c->n] = len;
	c->fold[c->n] = c->folded.len;
	return zc_buf_add(&c->folded, "", 0) < 0 ? -1 : 0;
}

static void chars_free(struct chars *c)
{
	free(c->orig);
	free(c->fold);
	zc_buf_free(&c->folded);
}

/* The char index whose folded byte offset is off (off is a char boundary). */
static size_t char_at(const struct chars *c, size_t off)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->fold[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool word_byte(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

static bool prefix_at(const char *f, size_t flen, size_t i, const char *word)
{
	size_t n = strlen(word);
	if (i + n > flen || (i > 0 && word_byte(f[i - 1])))
		return false;
	for (size_t k = 0; k < n; k++) {
		char ch = f[i + k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != word[k])
			return false;
	}
	return true;
}

struct span {
	size_t from, to; /* chars */
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static int span_add(struct spans *s, size_t from, size_t to)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct span *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = (struct span){from, to};
	return 0;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from ? 1 : (x->to > y->to) - (x->to < y->to);
}

/* Every match of the query's positive terms, in chars, sorted. */
static int find_matches(const struct chars *c, const struct zc_query *q, struct spans *out)
{
	const char *f = c->folded.data;
	size_t flen = c->folded.len;
	for (size_t t = 0; t < q->terms.n; t++) {
		const char *term = q->terms.v[t];
		size_t tl = strlen(term);
		const char *p = f;
		while (tl && (p = memmem(p, flen - (size_t)(p - f), term, tl))) {
			size_t a = char_at(c, (size_t)(p - f)), b = char_at(c, (size_t)(p - f) + tl);
			if (span_add(out, a, b) < 0)
				return -1;
			p += tl;
		}
	}
	for (size_t t = 0; t < q->prefixes.n; t++)
		for (size_t i = 0; i < flen; i++)
			if (prefix_at(f, flen, i, q->prefixes.v[t])) {
				size_t j = i;
				while (j < flen && word_byte(f[j]))
					j++;
				if (span_add(out, char_at(c, i), char_at(c, j)) < 0)
					return -1;
				i = j;
			}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_span);
	return 0;
}

json_t *zc_snippet(const char *text, const struct zc_query *q, size_t width)
{
	struct chars c;
	struct spans m = {0};
	json_t *res = NULL;
	size_t len = text ? strlen(text) : 0;
	width = width ? width : 60;
	if (chars_build(&c, text ? text : "", len) < 0 || (q && find_matches(&c, q, &m) < 0))
		goto out;
	/* Window: from a little before the first match, width chars. */
	size_t first = m.n ? m.v[0].from : 0;
	size_t start = first > width / 4 ? first - width / 4 : 0;
	size_t end = start + width < c.n ? start + width : c.n;
	if (end - start < width && end == c.n)
		start = c.n > width ? c.n - width : 0;
	if (m.n && start > m.v[0].from)
		start = m.v[0].from;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	size_t lead = 0;
	int r = 0;
	if (start > 0)
		r |= zc_buf_adds(&b, "…"), lead = 1;
	/* Line breaks become spaces: a snippet is one line. */
	for (size_t i = start; i < end && r == 0; i++) {
		const char *ch = text + c.orig[i];
		size_t cl = c.orig[i + 1] - c.orig[i];
		r = (cl == 1 && (*ch == '\n' || *ch == '\r')) ? zc_buf_addc(&b, ' ') : zc_buf_add(&b, ch, cl);
	}
	if (end < c.n && r == 0)
		r = zc_buf_adds(&b, "…");
	json_t *hl = json_array();
	size_t last_to = 0;
	for (size_t i = 0; i < m.n && hl; i++) {
		size_t from = m.v[i].from > start ? m.v[i].from : start;
		size_t to = m.v[i].to < end ? m.v[i].to : end;
		if (from >= to || m.v[i].from >= end)
			continue;
		if (json_array_size(hl) && from <= last_to) { /* overlaps the previous one: extend it */
			json_t *prev = json_array_get(hl, json_array_size(hl) - 1);
			size_t pfrom = (size_t)json_integer_value(json_array_get(prev, 0));
			if (to > last_to) {
				json_array_set_new(prev, 1, json_integer((json_int_t)(to - start + lead - pfrom)));
				last_to = to;
			}
			continue;
		}
		json_array_append_new(hl, json_pack("[I,I]", (json_int_t)(from - start + lead),
						    (json_int_t)(to - from)));
		last_to = to;
	}
	if (r == 0 && hl)
		res = json_pack("{s:s%,s:o}", "snippet", b.data ? b.data : "", b.len, "highlights", hl);
	else
		json_decref(hl);
	zc_buf_free(&b);
out:
	free(m.v);
	chars_free(&c);
	return res;
}

struct mark {
	size_t from, to; /* bytes */
	const char *kind;
};

static int cmp_mark(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (y->to > x->to) - (y->to < x->to); /* longer first */
}

struct marks {
	struct mark *v;
	size_t n, cap;
};

static void mark_all(struct marks *m, const char *text, size_t len, const char *s, const char *kind)
{
	size_t sl = s ? strlen(s) : 0;
	if (sl < 2)
		return;
	for (const char *p = text; (p = memmem(p, len - (size_t)(p - text), s, sl)); p += sl) {
		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 32;
			struct mark *v = realloc(m->v, cap * sizeof(*v));
			if (!v)
				return;
			m->v = v;
			m->cap = cap;
		}
		m->v[m->n++] = (struct mark){(size_t)(p - text), (size_t)(p - text) + sl, kind};
	}
}

static void mark_strings(struct marks *m, const char *text, size_t len, const json_t *arr, const char *key,
			 const char *kind)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		mark_all(m, text, len, json_string_value(key ? json_object_get(v, key) : v), kind);
}

int zc_mark_elements(json_t *rec)
{
	const char *text = json_string_value(json_object_get(rec, "text"));
	if (!text)
		return 0;
	size_t len = strlen(text);
	struct marks m = {0};
	const json_t *dates = json_object_get(rec, "dates");
	size_t i;
	json_t *v;
	json_array_foreach(dates, i, v)
	{
		const char *role = json_string_value(json_object_get(v, "role"));
		mark_all(&m, text, len, json_string_value(json_object_get(v, "text")),
			 role && !strcmp(role, "deadline") ? "deadline" : "date");
	}
	mark_all(&m, text, len, json_string_value(json_object_get(rec, "doc_number")), "doc_number");
	mark_strings(&m, text, len, json_object_get(rec, "phones"), NULL, "phone");
	mark_strings(&m, text, len, json_object_get(rec, "emails"), NULL, "email");
	mark_strings(&m, text, len, json_object_get(rec, "urls"), NULL, "url");
	mark_strings(&m, text, len, json_object_get(rec, "addresses"), NULL, "address");
	mark_strings(&m, text, len, json_object_get(rec, "contacts"), "name", "contact");
	mark_strings(&m, text, len, json_object_get(rec, "attachments"), NULL, "attachment");
	mark_strings(&m, text, len, json_object_get(rec, "conditions"), "text", "condition");
	mark_strings(&m, text, len, json_object_get(rec, "cited"), "doc_number", "cited");
	if (m.n)
		qsort(m.v, m.n, sizeof(*m.v), cmp_mark);
	/* Keep the first of overlapping marks (conditions hold dates: the
	 * longer condition wins only where it starts first). Offsets in chars. */
	json_t *out = json_array();
	size_t last_end = 0, chars = 0, at = 0;
	for (size_t k = 0; k < m.n && out; k++) {
		if (m.v[k].from < last_end)
			continue;
		chars += zc_utf8_count(text + at, m.v[k].from - at);
		size_t n = zc_utf8_count(text + m.v[k].from, m.v[k].to - m.v[k].from);
		json_array_append_new(out, json_pack("[I,I,s]", (json_int_t)chars, (json_int_t)n, m.v[k].kind));
		chars += n;
		at = m.v[k].to;
		last_end = m.v[k].to;
	}
	free(m.v);
	if (!out)
		return -ENOMEM;
	return json_object_set_new(rec, "marks", out) < 0 ? -ENOMEM : 0;
}
