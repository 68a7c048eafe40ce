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

/* Byte offset reached from byte `at` of s after n characters (or the end). */
static size_t advance(const char *s, size_t len, size_t at, size_t n)
{
	const char *p = s + at, *end = s + len;
	while (n-- > 0 && p < end)
		zc_utf8_next(&p, end);
	return (size_t)(p - s);
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

/*
 * The matches of the query's positive terms and prefixes that start in
 * folded[from..to), as character spans counted from `from`, sorted.
 */
static int find_matches(const char *f, size_t flen, size_t from, size_t to, const struct zc_query *q,
			struct spans *out)
{
	for (size_t t = 0; t < q->terms.n; t++) {
		const char *term = q->terms.v[t];
		size_t tl = strlen(term), tchars = zc_utf8_count(term, tl);
		const char *p = f + from;
		while (tl && p < f + to && (p = memmem(p, flen - (size_t)(p - f), term, tl)) && p < f + to) {
			size_t a = zc_utf8_count(f + from, (size_t)(p - f) - from);
			if (span_add(out, a, a + tchars) < 0)
				return -1;
			p += tl;
		}
	}
	for (size_t t = 0; t < q->prefixes.n; t++)
		for (size_t i = from; i < to; i++)
			if (prefix_at(f, flen, i, q->prefixes.v[t])) {
				size_t j = i;
				while (j < flen && word_byte(f[j]))
					j++;
				size_t a = zc_utf8_count(f + from, i - from);
				if (span_add(out, a, a + (j - i)) < 0)
					return -1;
				i = j;
			}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_span);
	return 0;
}

/* Byte offset in f of the first match of the query, or flen. */
static size_t first_match(const char *f, size_t flen, const struct zc_query *q)
{
	size_t best = flen;
	for (size_t t = 0; q && t < q->terms.n; t++) {
		const char *p = memmem(f, flen, q->terms.v[t], strlen(q->terms.v[t]));
		if (p && (size_t)(p - f) < best && q->terms.v[t][0])
			best = (size_t)(p - f);
	}
	for (size_t t = 0; q && t < q->prefixes.n; t++)
		for (size_t i = 0; i < best; i++)
			if (prefix_at(f, flen, i, q->prefixes.v[t])) {
				best = i;
				break;
			}
	return best;
}

/*
 * Memory: the folded copy of the text and the matches in the window; no
 * per-character tables, so a huge notice costs about its own size.
 */
json_t *zc_snippet(const char *text, const struct zc_query *q, size_t width)
{
	json_t *res = NULL;
	struct spans m = {0};
	text = text ? text : "";
	size_t len = strlen(text);
	width = width ? width : 60;
	char *f = zc_fold(text, len);
	if (!f)
		return NULL;
	size_t flen = strlen(f), nchars = zc_utf8_count(f, flen);
	size_t hit = first_match(f, flen, q);
	size_t first = hit < flen ? zc_utf8_count(f, hit) : 0;
	/* Window: from a little before the first match, width chars. */
	size_t start = first > width / 4 ? first - width / 4 : 0;
	size_t end = start + width < nchars ? start + width : nchars;
	if (end - start < width && end == nchars)
		start = nchars > width ? nchars - width : 0;
	size_t fstart = advance(f, flen, 0, start), fend = advance(f, flen, fstart, end - start);
	size_t ostart = advance(text, len, 0, start), oend = advance(text, len, ostart, end - start);
	if (q && find_matches(f, flen, fstart, fend, q, &m) < 0)
		goto out;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	size_t lead = start > 0;
	int r = lead ? zc_buf_adds(&b, "…") : 0;
	/* Line breaks become spaces: a snippet is one line. */
	for (size_t i = ostart; i < oend && r == 0; i++)
		r = zc_buf_addc(&b, text[i] == '\n' || text[i] == '\r' ? ' ' : text[i]);
	if (end < nchars && r == 0)
		r = zc_buf_adds(&b, "…");
	json_t *hl = json_array();
	size_t last_to = 0, n = end - start;
	for (size_t i = 0; i < m.n && hl; i++) {
		size_t from = m.v[i].from, to = m.v[i].to < n ? m.v[i].to : n;
		if (from >= to)
			continue;
		if (json_array_size(hl) && from <= last_to) { /* overlaps the previous one: extend it */
			json_t *prev = json_array_get(hl, json_array_size(hl) - 1);
			size_t pfrom = (size_t)json_integer_value(json_array_get(prev, 0));
			if (to > last_to) {
				json_array_set_new(prev, 1, json_integer((json_int_t)(to + lead - pfrom)));
				last_to = to;
			}
			continue;
		}
		json_array_append_new(hl, json_pack("[I,I]", (json_int_t)(from + lead), (json_int_t)(to - from)));
		last_to = to;
	}
	if (r == 0 && hl)
		res = json_pack("{s:s%,s:o}", "snippet", b.data ? b.data : "", b.len, "highlights", hl);
	else
		json_decref(hl);
	zc_buf_free(&b);
out:
	free(m.v);
	free(f);
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
