/*
 * query.c: parse the search query language (zhengce/query.h) into a tree.
 *
 * Grammar (OR binds tighter than AND, NOT applies to one operand):
 *
 *   query   := and
 *   and     := unary ( [AND] unary )*
 *   unary   := '-' or | or
 *   or      := primary ( OR primary )*
 *   primary := '"' chars '"' | '(' and ')' | field ':' value | word [ '*' ]
 *
 * Negated operands of an AND are collected and applied last, as
 * ((a AND b) NOT c) NOT d, so "-c a b -d" means the same; an AND made of
 * negations only has nothing to subtract from and is an error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/clean.h"
#include "zhengce/query.h"
#include "banned.h"

#define MAX_DEPTH 32

struct parser {
	const char *s, *p, *end;
	struct zc_query *q;
	struct zc_query_error *err;
	int depth;
	int terms; /* terms and prefixes so far */
	int r;     /* first error */
};

static void fail(struct parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct parser *ps, const char *at, const char *fmt, ...)
{
	if (ps->r)
		return;
	ps->r = -EINVAL;
	if (!ps->err)
		return;
	ps->err->offset = (size_t)(at - ps->s);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->err->message, sizeof(ps->err->message), fmt, ap);
	va_end(ap);
}

static void node_free(struct zc_qnode *n)
{
	if (!n)
		return;
	node_free(n->left);
	node_free(n->right);
	free(n->text);
	free(n);
}

static struct zc_qnode *node(struct parser *ps, enum zc_qkind kind, struct zc_qnode *l,
			     struct zc_qnode *r)
{
	struct zc_qnode *n = calloc(1, sizeof(*n));
	if (!n) {
		ps->r = ps->r ? ps->r : -ENOMEM;
		node_free(l);
		node_free(r);
		return NULL;
	}
	n->kind = kind;
	n->left = l;
	n->right = r;
	return n;
}

char *zc_fold(const char *s, size_t len)
{
	struct zc_buf b;
	zc_buf_init(&b, 0);
	const char *p = s, *end = s + len;
	while (p < end) {
		char u[4];
		uint32_t c = zc_utf8_next(&p, end);
		if (zc_buf_add(&b, u, zc_utf8_put(u, zc_fold_char(c))) < 0)
			return NULL;
	}
	return zc_buf_detach(&b);
}

int zc_doc_number_normalize(const char *s, char *out, size_t cap)
{
	/* Brackets around the year become 〔〕; spaces go. */
	static const char *const opens[] = {"[", "【", "（", "(", "〔", "［", "﹝"};
	static const char *const closes[] = {"]", "】", "）", ")", "〕", "］", "﹞"};
	size_t n = 0;
	const char *p = s, *end = s + strlen(s);
	while (p < end) {
		const char *put = NULL;
		size_t step = 0;
		for (size_t i = 0; i < sizeof(opens) / sizeof(opens[0]) && !put; i++) {
			size_t ol = strlen(opens[i]), cl = strlen(closes[i]);
			if (zc_starts_with(p, (size_t)(end - p), opens[i]) && (size_t)(end - p) >= ol + 4 + cl &&
			    p[ol] >= '0' && p[ol] <= '9' && p[ol + 3] >= '0' && p[ol + 3] <= '9' &&
			    zc_starts_with(p + ol + 4, (size_t)(end - p - ol - 4), closes[i])) {
				if (n + 3 + 4 + 3 + 1 > cap)
					return 0;
				memcpy(out + n, "〔", 3);
				memcpy(out + n + 3, p + ol, 4);
				memcpy(out + n + 7, "〕", 3);
				n += 10;
				p += ol + 4 + cl;
				put = "";
			}
		}
		if (put)
			continue;
		const char *q = p;
		uint32_t c = zc_utf8_next(&q, end);
		step = (size_t)(q - p);
		if (zc_is_space(c)) {
			p = q;
			continue;
		}
		char u[4];
		size_t ul = zc_utf8_put(u, zc_fold_char(c));
		if (n + ul + 1 > cap)
			return 0;
		memcpy(out + n, u, ul);
		n += ul;
		p += step;
	}
	if (n + 1 > cap)
		return 0;
	out[n] = '\0';
	return 1;
}

static void skip_space(struct parser *ps)
{
	while (ps->p < ps->end) {
		const char *q = ps->p;
		if (!zc_is_space(zc_utf8_next(&q, ps->end)))
			break;
		ps->p = q;
	}
}

/* Is the next thing the keyword kw (followed by a space, a bracket or the end)? */
static bool at_keyword(struct parser *ps, const char *kw)
{
	size_t n = strlen(kw);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, kw, n) != 0)
		return false;
	if (ps->p + n == ps->end)
		return true;
	const char *q = ps->p + n;
	uint32_t c = zc_utf8_next(&q, ps->end);
	return zc_is_space(c) || c == '(' || c == '"';
}

static bool ends_word(uint32_t c)
{
	return zc_is_space(c) || c == '"' || c == '(' || c == ')';
}

/* Count a term; false (and the error) beyond ZC_QUERY_MAX_TERMS. */
static bool one_more_term(struct parser *ps, const char *at)
{
	if (++ps->terms <= ZC_QUERY_MAX_TERMS)
		return true;
	fail(ps, at, "too many terms (at most %d)", ZC_QUERY_MAX_TERMS);
	return false;
}

static struct zc_qnode *term(struct parser *ps, const char *s, size_t len)
{
	if (!one_more_term(ps, s))
		return NULL;
	struct zc_qnode *n = node(ps, ZC_Q_TERM, NULL, NULL);
	if (n && !(n->text = zc_fold(s, len))) {
		ps->r = ps->r ? ps->r : -ENOMEM;
		node_free(n);
		return NULL;
	}
	return n;
}

static struct zc_qnode *parse_and(struct parser *ps);

static struct zc_qnode *parse_field(struct parser *ps, const char *name, size_t name_len,
				    const char *value, size_t value_len)
{
	struct zc_strv *into = name_len == 5 ? &ps->q->cites : &ps->q->doc_numbers;
	char *raw = zc_strndup(value, value_len);
	char norm[256];
	if (!raw) {
		ps->r = ps->r ? ps->r : -ENOMEM;
		return NULL;
	}
	if (value_len == 0)
		fail(ps, value, "'%.*s' needs a 文号 after it", (int)name_len, name);
	else if (!zc_doc_number_normalize(raw, norm, sizeof(norm)))
		fail(ps, value, "文号 too long");
	else if (zc_strv_add(into, norm) < 0)
		ps->r = ps->r ? ps->r : -ENOMEM;
	free(raw);
	return NULL; /* a filter, not a node */
}

static struct zc_qnode *parse_primary(struct parser *ps, bool *filter)
{
	*filter = false;
	skip_space(ps);
	if (ps->p >= ps->end) {
		fail(ps, ps->p, "the query ends where a term was expected");
		return NULL;
	}
	const char *start = ps->p;
	if (*ps->p == '"') {
		const char *close = memchr(ps->p + 1, '"', (size_t)(ps->end - ps->p - 1));
		if (!close) {
			fail(ps, start, "unclosed quote");
			return NULL;
		}
		ps->p = close + 1;
		if (close == start + 1) {
			fail(ps, start, "empty phrase \"\"");
			return NULL;
		}
		return term(ps, start + 1, (size_t)(close - start - 1));
	}
	if (*ps->p == '(') {
		if (++ps->depth > MAX_DEPTH) {
			fail(ps, start, "brackets nested too deep");
			return NULL;
		}
		ps->p++;
		struct zc_qnode *n = parse_and(ps);
		skip_space(ps);
		if (ps->r) {
			node_free(n);
			return NULL;
		}
		if (ps->p >= ps->end || *ps->p != ')') {
			node_free(n);
			fail(ps, start, "unclosed bracket");
			return NULL;
		}
		ps->p++;
		ps->depth--;
		if (!n)
			*filter = true; /* ( cites:… ) */
		return n;
	}
	if (*ps->p == ')') {
		fail(ps, start, "unexpected ')'");
		return NULL;
	}
	/* A filter: its value runs to the next space (文号 hold brackets). */
	static const char *const fields[] = {"cites:", "doc:"};
	for (size_t i = 0; i < 2; i++)
		if (zc_starts_with(start, (size_t)(ps->end - start), fields[i])) {
			size_t fl = strlen(fields[i]);
			const char *v = start + fl, *p = v;
			while (p < ps->end) {
				const char *q = p;
				if (zc_is_space(zc_utf8_next(&q, ps->end)))
					break;
				p = q;
			}
			/* A group's closing brackets are not part of the value. */
			int open = 0;
			for (const char *c = v; c < p; c++)
				open += *c == '(' ? 1 : *c == ')' ? -1 : 0;
			while (open < 0 && ps->depth > 0 && p > v && p[-1] == ')')
				p--, open++;
			ps->p = p;
			*filter = true;
			return parse_field(ps, start, fl - 1, v, (size_t)(p - v));
		}
	/* A word: up to a space, a quote or a bracket. */
	const char *p = ps->p;
	while (p < ps->end) {
		const char *q = p;
		if (ends_word(zc_utf8_next(&q, ps->end)))
			break;
		p = q;
	}
	ps->p = p;
	size_t len = (size_t)(p - start);
	if (len > 1 && start[len - 1] == '*') {
		for (size_t i = 0; i + 1 < len; i++) {
			char c = start[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				fail(ps, start, "prefix search (word*) works on ASCII letters and digits only");
				return NULL;
			}
		}
		if (!one_more_term(ps, start))
			return NULL;
		struct zc_qnode *n = node(ps, ZC_Q_PREFIX, NULL, NULL);
		if (n && !(n->text = zc_strndup(start, len - 1))) {
			ps->r = ps->r ? ps->r : -ENOMEM;
			node_free(n);
			return NULL;
		}
		if (n)
			for (char *c = n->text; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
		return n;
	}
	if (len == 1 && *start == '*') {
		fail(ps, start, "'*' must follow a word");
		return NULL;
	}
	return term(ps, start, len);
}

static struct zc_qnode *parse_or(struct parser *ps, bool *filter)
{
	struct zc_qnode *left = parse_primary(ps, filter);
	for (;;) {
		skip_space(ps);
		if (ps->r || !at_keyword(ps, "OR"))
			return left;
		const char *at = ps->p;
		ps->p += 2;
		bool f2;
		struct zc_qnode *right = parse_primary(ps, &f2);
		if (*filter || f2) {
			node_free(left);
			node_free(right);
			fail(ps, at, "OR joins search terms, not cites:/doc: filters");
			return NULL;
		}
		if (ps->r) {
			node_free(left);
			node_free(right);
			return NULL;
		}
		left = node(ps, ZC_Q_OR, left, right);
	}
}

static void collect_terms(struct parser *ps, const struct zc_qnode *n)
{
	if (!n)
		return;
	if (n->kind == ZC_Q_TERM && !zc_strv_has(&ps->q->terms, n->text) &&
	    zc_strv_add(&ps->q->terms, n->text) < 0)
		ps->r = ps->r ? ps->r : -ENOMEM;
	if (n->kind == ZC_Q_PREFIX && !zc_strv_has(&ps->q->prefixes, n->text) &&
	    zc_strv_add(&ps->q->prefixes, n->text) < 0)
		ps->r = ps->r ? ps->r : -ENOMEM;
	collect_terms(ps, n->left);
	if (n->kind != ZC_Q_NOT)
		collect_terms(ps, n->right);
}

static struct zc_qnode *parse_and(struct parser *ps)
{
	struct zc_qnode *pos = NULL, *neg = NULL; /* neg: an OR of everything negated */
	const char *first_neg = NULL;
	for (;;) {
		skip_space(ps);
		if (ps->p >= ps->end || *ps->p == ')')
			break;
		if (at_keyword(ps, "AND")) {
			ps->p += 3;
			continue;
		}
		if (at_keyword(ps, "OR")) {
			fail(ps, ps->p, "OR needs a term on each side");
			break;
		}
		bool negated = false, filter;
		const char *at = ps->p;
		if (*ps->p == '-' && ps->p + 1 < ps->end && !zc_is_space((unsigned char)ps->p[1])) {
			negated = true;
			ps->p++;
		}
		struct zc_qnode *n = parse_or(ps, &filter);
		if (ps->r) {
			node_free(n);
			break;
		}
		if (filter) {
			if (negated)
				fail(ps, at, "cites:/doc: filters cannot be negated");
			continue;
		}
		if (negated) {
			first_neg = first_neg ? first_neg : at;
			neg = neg ? node(ps, ZC_Q_OR, neg, n) : n;
		} else {
			pos = pos ? node(ps, ZC_Q_AND, pos, n) : n;
		}
		if (ps->r)
			break;
	}
	if (!ps->r && neg && !pos)
		fail(ps, first_neg, "a query needs a term that is not negated (-term only removes)");
	if (ps->r) {
		node_free(pos);
		node_free(neg);
		return NULL;
	}
	return neg ? node(ps, ZC_Q_NOT, pos, neg) : pos;
}

int zc_query_parse(const char *s, struct zc_query *q, struct zc_query_error *err)
{
	memset(q, 0, sizeof(*q));
	if (err) {
		err->offset = 0;
		err->message[0] = '\0';
	}
	if (!s)
		return 0;
	size_t len = strlen(s);
	if (!zc_utf8_valid(s, len)) {
		if (err) {
			snprintf(err->message, sizeof(err->message), "the query is not valid UTF-8");
		}
		return -EINVAL;
	}
	struct parser ps = {s, s, s + len, q, err, 0, 0, 0};
	q->root = parse_and(&ps);
	skip_space(&ps);
	if (!ps.r && ps.p < ps.end)
		fail(&ps, ps.p, "unexpected ')'");
	if (!ps.r)
		collect_terms(&ps, q->root);
	if (ps.r) {
		int r = ps.r;
		zc_query_free(q);
		return r;
	}
	return 0;
}

void zc_query_free(struct zc_query *q)
{
	node_free(q->root);
	zc_strv_free(&q->terms);
	zc_strv_free(&q->prefixes);
	zc_strv_free(&q->cites);
	zc_strv_free(&q->doc_numbers);
	memset(q, 0, sizeof(*q));
}
