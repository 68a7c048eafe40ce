/*
 * sqlite-search.c: search in the SQLite store: the parsed query becomes an
 * FTS5 expression built here (the user's text is never handed to MATCH
 * raw), filters become SQL over the side tables, results get snippets,
 * facets count over the whole result set.
 *
 * Plan: one statement finds the page of ids (FTS5 ranks with BM25, title
 * weighted 10, body 1, set as the table's rank function); the ranking
 * function counts the rows it ranks (the total) and collects them when
 * facets are wanted, which are then counted in memory (doctable.h). The
 * page's rows are then read one by one. Without a query, a second
 * statement counts the rows, or lists them for the facets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "store/sqlite-internal.h"
#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/query.h"
#include "zhengce/region.h"
#include "zhengce/snippet.h"
#include "banned.h"

#define MAX_REGIONS 64
/* The table's ranking, called by name (see rank.h); the last argument
 * asks for per-phrase IDF, which only a query with OR needs. */
#define RANK_CALL(idf) ((idf) ? ZC_RANK_FUNCTION "(notice_fts, 10.0, 1.0, 1)" : ZC_RANK_FUNCTION "(notice_fts, 10.0, 1.0, 0)")

static bool has_or(const struct zc_qnode *n)
{
	return n && (n->kind == ZC_Q_OR || has_or(n->left) || has_or(n->right));
}
#define FACET_LIMIT 30

struct sql {
	struct zc_buf text;
	struct zc_strv params; /* bound as text, in order */
	int r;
};

static void add(struct sql *q, const char *s)
{
	if (q->r == 0)
		q->r = zc_buf_adds(&q->text, s);
}

static void push(struct sql *q, struct zc_strv *v, const char *s)
{
	if (q->r == 0 && zc_strv_add(v, s) < 0)
		q->r = -ENOMEM;
}

static void param(struct sql *q, const char *v)
{
	add(q, "?");
	push(q, &q->params, v);
}

/* An FTS5 string: double quotes, inner quotes doubled. */
static void fts_string(struct sql *q, struct zc_buf *b, const char *s)
{
	if (q->r == 0)
		q->r = zc_buf_addc(b, '"');
	for (; *s && q->r == 0; s++)
		q->r = *s == '"' ? zc_buf_adds(b, "\"\"") : zc_buf_addc(b, *s);
	if (q->r == 0)
		q->r = zc_buf_addc(b, '"');
}

/* The operands of a chain of one operator, written a OP b OP c: FTS5's
 * parser overflows on deeply nested brackets. */
static void fts_expr(struct sql *q, struct zc_buf *b, const struct zc_qnode *n);

static void fts_chain(struct sql *q, struct zc_buf *b, const struct zc_qnode *n, enum zc_qkind kind)
{
	static const char *const ops[] = {[ZC_Q_AND] = " AND ", [ZC_Q_OR] = " OR "};
	if (n->kind == kind) {
		fts_chain(q, b, n->left, kind);
		if (q->r == 0)
			q->r = zc_buf_adds(b, ops[kind]);
		fts_chain(q, b, n->right, kind);
	} else {
		fts_expr(q, b, n);
	}
}

static void fts_expr(struct sql *q, struct zc_buf *b, const struct zc_qnode *n)
{
	switch (n->kind) {
	case ZC_Q_TERM:
		fts_string(q, b, n->text);
		return;
	case ZC_Q_PREFIX:
		fts_string(q, b, n->text);
		if (q->r == 0)
			q->r = zc_buf_adds(b, " *");
		return;
	case ZC_Q_AND:
	case ZC_Q_OR:
		if (q->r == 0)
			q->r = zc_buf_addc(b, '(');
		fts_chain(q, b, n, n->kind);
		if (q->r == 0)
			q->r = zc_buf_addc(b, ')');
		return;
	case ZC_Q_NOT:
		if (q->r == 0)
			q->r = zc_buf_addc(b, '(');
		fts_expr(q, b, n->left);
		if (q->r == 0)
			q->r = zc_buf_adds(b, " NOT ");
		fts_expr(q, b, n->right);
		if (q->r == 0)
			q->r = zc_buf_addc(b, ')');
		return;
	}
}

/* Code range [lo, hi] of everything inside a region. */
static void region_range(const struct zc_region *g, char lo[7], char hi[7])
{
	int keep = g->level == ZC_REGION_PROVINCE ? 2 : g->level == ZC_REGION_PREFECTURE ? 4 : 6;
	memcpy(lo, g->code, 7);
	memcpy(hi, g->code, 7);
	for (int i = keep; i < 6; i++)
		lo[i] = '0', hi[i] = '9';
}

static int region_filter(struct zc_store *store, struct sql *q, const struct zc_strv *specs)
{
	bool any = false;
	for (size_t i = 0; i < specs->n; i++) {
		const struct zc_region *g[MAX_REGIONS];
		size_t n = zc_region_group(specs->v[i], g, MAX_REGIONS);
		if (n == 0) {
			const struct zc_region *one = zc_region_by_code(specs->v[i]);
			if (!one)
				one = zc_region_by_name(specs->v[i]);
			if (!one)
				return zc_store_fail(store, -EINVAL,
						     "unknown region '%s' (a name such as 河北省 or 唐山, an abbreviation"
						     " such as 冀, a grouping such as 京津冀, or a GB/T 2260 code)",
						     specs->v[i]);
			g[0] = one;
			n = 1;
		}
		for (size_t k = 0; k < n && k < MAX_REGIONS; k++) {
			char lo[7], hi[7];
			region_range(g[k], lo, hi);
			add(q, any ? " OR r.code BETWEEN " : " AND EXISTS (SELECT 1 FROM notice_regions r"
							     " WHERE r.notice_id = n.id AND (r.code BETWEEN ");
			param(q, lo);
			add(q, " AND ");
			param(q, hi);
			any = true;
		}
	}
	if (any)
		add(q, "))");
	return 0;
}

static bool valid_date(const char *d)
{
	if (!d[0])
		return true;
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	int m = (d[5] - '0') * 10 + d[6] - '0', day = (d[8] - '0') * 10 + d[9] - '0';
	return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static void range(struct sql *q, const char *col, const char *from, const char *to)
{
	if (from[0]) {
		add(q, " AND n."), add(q, col), add(q, " >= ");
		param(q, from);
	}
	if (to[0]) {
		add(q, " AND n."), add(q, col), add(q, " <= ");
		param(q, to);
	}
}

static void any_of(struct sql *q, const char *pre, const struct zc_strv *v, const char *each, const char *post)
{
	for (size_t i = 0; i < v->n; i++) {
		add(q, i ? " OR " : pre);
		add(q, each);
		param(q, v->v[i]);
		add(q, ")");
	}
	if (v->n)
		add(q, post);
}

/* The filters, as " AND …" over notices n. */
static int filters(struct zc_store *store, struct sql *q, const struct zc_search *s,
		   const struct zc_query *pq, const char *today)
{
	const char *dates[] = {s->issued_from, s->issued_to, s->deadline_from, s->deadline_to, s->today};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (!valid_date(dates[i]))
			return zc_store_fail(store, -EINVAL, "bad date '%s' (YYYY-MM-DD)", dates[i]);
	int r = region_filter(store, q, &s->regions);
	if (r < 0)
		return r;
	any_of(q, " AND (", &s->categories, "(n.category = ", ")");
	any_of(q, " AND EXISTS (SELECT 1 FROM notice_issuers i WHERE i.notice_id = n.id AND (", &s->issuers,
	       "instr(i.issuer, ", "))");
	range(q, "issued_on", s->issued_from, s->issued_to);
	range(q, "deadline", s->deadline_from, s->deadline_to);
	if (s->open_now) {
		add(q, " AND (n.deadline >= ");
		param(q, today);
		add(q, " OR EXISTS (SELECT 1 FROM notice_windows w WHERE w.notice_id = n.id AND w.date_from <= ");
		param(q, today);
		add(q, " AND w.date_to >= ");
		param(q, today);
		add(q, "))");
	}
	if (s->has_conditions == 0 || s->has_conditions == 1)
		add(q, s->has_conditions ? " AND n.has_conditions = 1" : " AND n.has_conditions = 0");
	char norm[256];
	struct zc_strv docs = {0}, cites = {0};
	for (size_t i = 0; i < pq->doc_numbers.n; i++)
		push(q, &docs, pq->doc_numbers.v[i]);
	for (size_t i = 0; i < pq->cites.n; i++)
		push(q, &cites, pq->cites.v[i]);
	if ((s->doc_number && !zc_doc_number_normalize(s->doc_number, norm, sizeof(norm))) ||
	    (s->cites && !zc_doc_number_normalize(s->cites, norm, sizeof(norm)))) {
		zc_strv_free(&docs);
		zc_strv_free(&cites);
		return zc_store_fail(store, -EINVAL, "文号 too long (at most %zu bytes)", sizeof(norm) - 1);
	}
	if (s->doc_number && zc_doc_number_normalize(s->doc_number, norm, sizeof(norm)))
		push(q, &docs, norm);
	if (s->cites && zc_doc_number_normalize(s->cites, norm, sizeof(norm)))
		push(q, &cites, norm);
	for (size_t i = 0; i < docs.n; i++) {
		add(q, " AND n.doc_number = ");
		param(q, docs.v[i]);
	}
	for (size_t i = 0; i < cites.n; i++) {
		add(q, " AND EXISTS (SELECT 1 FROM notice_cites c WHERE c.notice_id = n.id AND c.doc_number = ");
		param(q, cites.v[i]);
		add(q, ")");
	}
	zc_strv_free(&docs);
	zc_strv_free(&cites);
	return q->r;
}

static int prepare(struct zc_sqlite *s, struct sql *q, const char *match, sqlite3_stmt **st)
{
	if (q->r)
		return zc_store_fail(&s->base, q->r, "out of memory");
	int rc = sqlite3_prepare_v2(s->db, q->text.data, (int)q->text.len, st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "search failed");
	int i = 1;
	if (match)
		sqlite3_bind_text(*st, i++, match, -1, SQLITE_STATIC);
	for (size_t k = 0; k < q->params.n; k++)
		sqlite3_bind_text(*st, i++, q->params.v[k], -1, SQLITE_STATIC);
	return 0;
}

static void sql_free(struct sql *q)
{
	zc_buf_free(&q->text);
	zc_strv_free(&q->params);
}

static const char *order_by(enum zc_sort sort, bool has_match)
{
	switch (sort) {
	case ZC_SORT_RELEVANCE:
		return has_match ? " ORDER BY score, n.id DESC" : " ORDER BY n.issued_on DESC NULLS LAST, n.id DESC";
	case ZC_SORT_DEADLINE:
		return " ORDER BY n.deadline IS NULL, n.deadline, n.id DESC";
	case ZC_SORT_DATE:
	case ZC_SORT_AUTO:
	default:
		return has_match && sort == ZC_SORT_AUTO ? " ORDER BY score, n.id DESC"
							 : " ORDER BY n.issued_on DESC NULLS LAST, n.id DESC";
	}
}

/*
 * FROM … WHERE … for the search, without ORDER BY. With a query, the
 * full-text table drives the join (CROSS JOIN fixes the order): SQLite
 * would otherwise start from a filter on notices and run the full-text
 * match once per candidate row (seconds instead of milliseconds), and the
 * ranking function runs only on the rows the filters keep.
 */
static void from_where(struct sql *q, bool has_match)
{
	if (has_match)
		add(q, " FROM notice_fts f CROSS JOIN notices n ON n.id = f.rowid WHERE notice_fts MATCH ?");
	else
		add(q, " FROM notices n WHERE 1");
}

static int step_all(struct zc_sqlite *s, sqlite3_stmt *st, int (*row)(sqlite3_stmt *, void *), void *arg)
{
	int rc, r = 0;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row(st, arg);
	if (r == 0 && rc != SQLITE_DONE)
		r = zc_sqlite_fail(s, rc, "search failed");
	return r;
}

static int row_id(sqlite3_stmt *st, void *arg)
{
	json_t *ids = arg;
	json_array_append_new(ids, json_pack("[I,f]", (json_int_t)sqlite3_column_int64(st, 0),
					     sqlite3_column_double(st, 1)));
	return 0;
}

static int row_total(sqlite3_stmt *st, void *arg)
{
	*(int64_t *)arg = sqlite3_column_int64(st, 0);
	return 0;
}

static int run_sql(struct zc_sqlite *s, struct sql *q, const char *match,
		   int (*row)(sqlite3_stmt *, void *), void *arg)
{
	sqlite3_stmt *st = NULL;
	int r = prepare(s, q, match, &st);
	if (r == 0)
		r = step_all(s, st, row, arg);
	sqlite3_finalize(st);
	return r;
}

/* Collect the ids of a statement's rows (for facets without a query). */
static int row_collect(sqlite3_stmt *st, void *arg)
{
	struct zc_rank_cache *c = arg;
	if (c->nhits == c->hits_cap) {
		size_t cap = c->hits_cap ? 2 * c->hits_cap : 4096;
		int64_t *hits = realloc(c->hits, cap * sizeof(*hits));
		if (!hits)
			return -ENOMEM;
		c->hits = hits;
		c->hits_cap = cap;
	}
	c->hits[c->nhits++] = sqlite3_column_int64(st, 0);
	return 0;
}

static json_t *result_row(struct zc_sqlite *s, int64_t id, double rank, const struct zc_query *pq,
			  size_t width)
{
	sqlite3_stmt *st;
	json_t *o = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT n.title, n.category, n.doc_number, n.issued_on, n.deadline,"
				      " json_extract(b.elements, '$.issuers'), b.text FROM notices n"
				      " JOIN notice_bodies b ON b.id = n.id WHERE n.id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *cols[7];
		for (int i = 0; i < 7; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		json_t *issuers = cols[5] ? json_loads(cols[5], 0, NULL) : NULL;
		json_t *snip = zc_snippet(cols[6], pq, width);
		o = json_pack("{s:I,s:s,s:o,s:o,s:s?,s:s?,s:s?,s:s?,s:o,s:f}", "id", (json_int_t)id, "title",
			      cols[0] ? cols[0] : "", "snippet",
			      snip ? json_incref(json_object_get(snip, "snippet")) : json_string(""),
			      "highlights", snip ? json_incref(json_object_get(snip, "highlights")) : json_array(),
			      "category", cols[1], "doc_number", cols[2], "issued_on", cols[3], "deadline",
			      cols[4], "issuers", issuers ? issuers : json_array(), "score",
			      rank < 0 ? -rank : rank);
		json_decref(snip);
	}
	sqlite3_finalize(st);
	return o;
}

static int search(struct zc_sqlite *s, const struct zc_search *sq, const struct zc_query *pq,
		  json_t *out)
{
	struct zc_buf match;
	struct sql where = {0}, q = {0};
	char today[11];
	int64_t total = 0;
	int r;
	zc_buf_init(&match, 0);
	zc_buf_init(&where.text, 0);
	zc_buf_init(&q.text, 0);
	if (sq->today[0])
		memcpy(today, sq->today, sizeof(today));
	else
		zc_today_local(today);
	bool has_match = pq->root != NULL;
	if (has_match) {
		fts_expr(&where, &match, pq->root);
		if (where.r == 0)
			where.r = zc_buf_adds(&match, "");
	}
	if ((r = filters(&s->base, &where, sq, pq, today)) < 0)
		goto out;
	bool has_filters = where.text.len > 0;
	size_t limit = sq->limit ? sq->limit : 20;
	char tail[64];
	snprintf(tail, sizeof(tail), " LIMIT %zu OFFSET %zu", limit, sq->offset);
	const char *m = has_match ? match.data : NULL;
	json_t *ids = json_array();
	/* The page of ids. */
	bool by_rank = has_match && (sq->sort == ZC_SORT_AUTO || sq->sort == ZC_SORT_RELEVANCE);
	if (by_rank && !has_filters) {
		/* SQLite keeps only the best LIMIT rows while it ranks (FTS5's own
		 * ORDER BY rank sorts every match). */
		add(&q, "SELECT rowid, ");
		add(&q, RANK_CALL(has_or(pq->root)));
		add(&q, " AS score FROM notice_fts WHERE notice_fts MATCH ? ORDER BY score, rowid DESC");
	} else {
		if (has_match) {
			add(&q, "SELECT n.id, ");
			add(&q, RANK_CALL(has_or(pq->root)));
			add(&q, " AS score");
		} else {
			add(&q, "SELECT n.id, 0");
		}
		from_where(&q, has_match);
		add(&q, where.text.data ? where.text.data : "");
		add(&q, order_by(sq->sort, has_match));
	}
	add(&q, tail);
	for (size_t i = 0; i < where.params.n && !(by_rank && !has_filters); i++)
		push(&q, &q.params, where.params.v[i]);
	/* Every row that matches and passes the filters is ranked once, before
	 * the sort keeps a page of them: the calls to the ranking function are
	 * the total, and the rows it collects are those the facets count,
	 * without a second pass. */
	zc_rank_reset(&s->rank, sq->facets && has_match);
	if ((r = run_sql(s, &q, m, row_id, ids)) < 0) {
		json_decref(ids);
		goto out;
	}
	if (has_match) {
		total = s->rank.calls;
	} else {
		/* Without a query: count, or collect the ids for the facets. */
		zc_buf_reset(&q.text);
		zc_strv_free(&q.params);
		add(&q, sq->facets ? "SELECT n.id" : "SELECT count(*)");
		from_where(&q, false);
		add(&q, where.text.data ? where.text.data : "");
		for (size_t i = 0; i < where.params.n; i++)
			push(&q, &q.params, where.params.v[i]);
		r = sq->facets ? run_sql(s, &q, NULL, row_collect, &s->rank) : run_sql(s, &q, NULL, row_total, &total);
		if (r < 0) {
			json_decref(ids);
			goto out;
		}
		if (sq->facets)
			total = (int64_t)s->rank.nhits;
	}
	json_t *fac = NULL;
	if (sq->facets) {
		fac = json_object();
		r = !fac || s->rank.hits_failed ? -ENOMEM : zc_doc_table_facets(&s->docs, s->rank.hits, s->rank.nhits, fac);
		if (r < 0) {
			zc_store_fail(&s->base, r, "out of memory counting facets");
			json_decref(fac);
			json_decref(ids);
			goto out;
		}
	}
	json_t *results = json_array();
	size_t i;
	json_t *pair;
	json_array_foreach(ids, i, pair)
	{
		if (sq->ids_only) {
			double rank = json_real_value(json_array_get(pair, 1));
			json_array_append_new(results, json_pack("{s:O,s:f}", "id", json_array_get(pair, 0), "score",
								 rank < 0 ? -rank : rank));
			continue;
		}
		json_t *row = result_row(s, json_integer_value(json_array_get(pair, 0)),
					 json_real_value(json_array_get(pair, 1)), pq, sq->snippet_chars);
		if (!row) {
			r = zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot read a result");
			json_decref(results);
			json_decref(ids);
			json_decref(fac);
			goto out;
		}
		json_array_append_new(results, row);
	}
	json_decref(ids);
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "offset", json_integer((json_int_t)sq->offset));
	json_object_set_new(out, "limit", json_integer((json_int_t)limit));
	json_object_set_new(out, "results", results);
	if (fac)
		json_object_set_new(out, "facets", fac);
out:
	zc_buf_free(&match);
	sql_free(&where);
	sql_free(&q);
	return r;
}

int zc_sqlite_search(struct zc_store *store, const struct zc_search *sq, json_t **result)
{
	struct zc_sqlite *s = (struct zc_sqlite *)store;
	struct zc_query pq;
	struct zc_query_error err;
	int r = zc_query_parse(sq->query, &pq, &err);
	if (r == -EINVAL)
		return zc_store_fail(store, r, "bad query at character %zu: %s",
				     zc_utf8_count(sq->query, err.offset) + 1, err.message);
	if (r < 0)
		return zc_store_fail(store, r, "out of memory");
	if (!pq.root && !pq.cites.n && !pq.doc_numbers.n && sq->query) {
		/* Words were typed, yet nothing to search for ("AND", "()"). */
		const char *p = sq->query;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p) {
			zc_query_free(&pq);
			return zc_store_fail(store, -EINVAL, "bad query: no term to search for in '%s'", sq->query);
		}
	}
	json_t *out = json_object();
	/* One read transaction: the page, the total and the facets see the same
	 * snapshot, and so do the document lengths used for ranking. */
	bool own_txn = s->depth == 0;
	if (own_txn && sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		r = zc_sqlite_fail(s, sqlite3_errcode(s->db), "search failed");
	} else {
		r = zc_doc_table_refresh(&s->docs, s->db);
		if (r == -ENOMEM)
			r = zc_store_fail(store, r, "out of memory");
		else if (r < 0)
			r = zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot read the notices' sizes");
		else
			r = search(s, sq, &pq, out);
		if (own_txn)
			sqlite3_exec(s->db, r == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	}
	zc_query_free(&pq);
	if (r < 0) {
		json_decref(out);
		return r;
	}
	*result = out;
	return 0;
}
