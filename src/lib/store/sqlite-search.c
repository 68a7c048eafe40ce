/*
 * sqlite-search.c: search in the SQLite store. The parsed query runs over
 * the full-text index (textquery.h: every match, with its terms'
 * frequencies); filters become SQL over the side tables (the user's text
 * is only ever bound as a parameter), run once for the set of ids they
 * keep; matches are ranked by BM25 (k1 = 1.2, b = 0.75, title weighted 10,
 * body 1, document lengths from doctable.h) and the best page is kept
 * while ranking; facets count over the whole result set in memory. The
 * page's rows are then read one by one, with their snippets.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "parallel.h"
#include "store/sqlite-internal.h"
#include "store/textquery.h"
#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/query.h"
#include "zhengce/region.h"
#include "zhengce/snippet.h"
#include "banned.h"

#define MAX_REGIONS 64
#define K1 1.2
#define B 0.75

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

/* Code range [lo, hi] of everything inside a region. */
static void region_range(const struct zc_region *g, char lo[7], char hi[7])
{
	int keep = g->level == ZC_REGION_PROVINCE ? 2 : g->level == ZC_REGION_PREFECTURE ? 4 : 6;
	memcpy(lo, g->code, 7);
	memcpy(hi, g->code, 7);
	for (int i = keep; i < 6; i++)
		lo[i] = '0', hi[i] = '9';
}

/* The regions a filter's spec names (a grouping, a code or a name) into g; 0 when unknown. */
static size_t regions_of(const char *spec, const struct zc_region **g)
{
	size_t n = zc_region_group(spec, g, MAX_REGIONS);
	if (n > 0)
		return n;
	const struct zc_region *one = zc_region_by_code(spec);
	if (!one)
		one = zc_region_by_name(spec);
	g[0] = one;
	return one ? 1 : 0;
}

static int region_filter(struct zc_store *store, struct sql *q, const struct zc_strv *specs)
{
	bool any = false;
	for (size_t i = 0; i < specs->n; i++) {
		const struct zc_region *g[MAX_REGIONS];
		size_t n = regions_of(specs->v[i], g);
		if (n == 0)
			return zc_store_fail(store, -EINVAL,
					     "unknown region '%s' (a name such as 河北省 or 唐山, an abbreviation"
					     " such as 冀, a grouping such as 京津冀, or a GB/T 2260 code)",
					     specs->v[i]);
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

/*
 * The filters the document table can judge in memory (doctable.h): all
 * but regions below a province, 文号 and citations, which stay SQL.
 */
struct doc_filter {
	bool active;
	uint8_t *category_ok, *issuer_ok; /* by 1 + index in the table's names */
	bool categories, issuers;
	uint32_t issued_from, issued_to, deadline_from, deadline_to, today; /* YYYYMMDD; 0: open */
	bool open_now;
	int has_conditions;
	bool by_province;
	uint64_t provinces;
};

static void doc_filter_free(struct doc_filter *f)
{
	free(f->category_ok);
	free(f->issuer_ok);
}

/* Are all the regions of the filter whole provinces? Then their bits. */
static bool province_mask(const struct zc_strv *specs, uint64_t *mask)
{
	*mask = 0;
	for (size_t i = 0; i < specs->n; i++) {
		const struct zc_region *g[MAX_REGIONS];
		size_t n = regions_of(specs->v[i], g);
		if (n == 0)
			return false; /* the SQL filter says what is wrong */
		for (size_t k = 0; k < n && k < MAX_REGIONS; k++) {
			int bit = g[k]->level == ZC_REGION_PROVINCE ? zc_doc_province_bit(g[k]->code) : -1;
			if (bit < 0)
				return false;
			*mask |= (uint64_t)1 << bit;
		}
	}
	return true;
}

static int doc_filter_init(struct doc_filter *f, const struct zc_doc_table *t, const struct zc_search *s,
			   const char *today)
{
	memset(f, 0, sizeof(*f));
	size_t n = t->names.n + 1;
	f->categories = s->categories.n > 0;
	f->issuers = s->issuers.n > 0;
	if ((f->categories && !(f->category_ok = calloc(n, 1))) || (f->issuers && !(f->issuer_ok = calloc(n, 1))))
		return -ENOMEM;
	for (size_t i = 0; i < t->names.n; i++) {
		for (size_t k = 0; f->categories && k < s->categories.n; k++)
			f->category_ok[i + 1] |= !strcmp(t->names.v[i], s->categories.v[k]);
		for (size_t k = 0; f->issuers && k < s->issuers.n; k++)
			f->issuer_ok[i + 1] |= strstr(t->names.v[i], s->issuers.v[k]) != NULL;
	}
	f->issued_from = zc_doc_day(s->issued_from);
	f->issued_to = zc_doc_day(s->issued_to);
	f->deadline_from = zc_doc_day(s->deadline_from);
	f->deadline_to = zc_doc_day(s->deadline_to);
	f->open_now = s->open_now;
	f->today = zc_doc_day(today);
	f->has_conditions = s->has_conditions;
	f->by_province = s->regions.n > 0 && province_mask(&s->regions, &f->provinces);
	f->active = f->categories || f->issuers || f->issued_from || f->issued_to || f->deadline_from ||
		    f->deadline_to || f->open_now || f->has_conditions == 0 || f->has_conditions == 1 || f->by_province;
	return 0;
}

static bool in_range(uint32_t day, uint32_t from, uint32_t to)
{
	return (!from || (day && day >= from)) && (!to || (day && day <= to));
}

static bool doc_filter_pass(const struct doc_filter *f, const struct zc_doc_table *t, const struct zc_doc *d)
{
	if (f->categories && !f->category_ok[d->category])
		return false;
	if (f->issuers) {
		bool any = false;
		for (uint32_t k = 0; k < d->nissuers && !any; k++)
			any = f->issuer_ok[t->pool[d->issuers + k]];
		if (!any)
			return false;
	}
	if (!in_range(d->issued, f->issued_from, f->issued_to) || !in_range(d->deadline, f->deadline_from, f->deadline_to))
		return false;
	if ((f->has_conditions == 0 || f->has_conditions == 1) && d->has_conditions != (f->has_conditions == 1))
		return false;
	if (f->by_province && !(d->provinces & f->provinces))
		return false;
	if (f->open_now && !(d->deadline && d->deadline >= f->today)) {
		bool open = false;
		for (uint32_t k = 0; k < d->nwindows && !open; k++) {
			uint32_t from = t->pool[d->windows + 2 * k], to = t->pool[d->windows + 2 * k + 1];
			open = from && to && from <= f->today && to >= f->today;
		}
		if (!open)
			return false;
	}
	return true;
}

/* The filters, as " AND …" over notices n; with f, only those f cannot judge. */
static int filters(struct zc_store *store, struct sql *q, const struct zc_search *s,
		   const struct zc_query *pq, const char *today, const struct doc_filter *f)
{
	const char *dates[] = {s->issued_from, s->issued_to, s->deadline_from, s->deadline_to, s->today};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (!valid_date(dates[i]))
			return zc_store_fail(store, -EINVAL, "bad date '%s' (YYYY-MM-DD)", dates[i]);
	int r = f && f->by_province ? 0 : region_filter(store, q, &s->regions);
	if (r < 0)
		return r;
	if (!f) {
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
	}
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

static int prepare(struct zc_sqlite *s, struct sql *q, sqlite3_stmt **st)
{
	if (q->r)
		return zc_store_fail(&s->base, q->r, "out of memory");
	int rc = sqlite3_prepare_v2(s->db, q->text.data, (int)q->text.len, st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "search failed");
	for (size_t k = 0; k < q->params.n; k++)
		sqlite3_bind_text(*st, (int)k + 1, q->params.v[k], -1, SQLITE_STATIC);
	return 0;
}

static void sql_free(struct sql *q)
{
	zc_buf_free(&q->text);
	zc_strv_free(&q->params);
}

/* The order of a page found by SQL: by date unless by deadline. */
static const char *order_by(enum zc_sort sort)
{
	return sort == ZC_SORT_DEADLINE ? " ORDER BY n.deadline IS NULL, n.deadline, n.id DESC"
					: " ORDER BY n.issued_on DESC NULLS LAST, n.id DESC";
}

/* SELECT what FROM notices n WHERE <filters> [order]: a new statement in q. */
static void filtered(struct sql *q, const struct sql *where, const char *what, const char *order)
{
	add(q, what);
	add(q, " FROM notices n WHERE 1");
	add(q, where->text.data ? where->text.data : "");
	if (order)
		add(q, order);
	for (size_t i = 0; i < where->params.n; i++)
		push(q, &q->params, where->params.v[i]);
}

static int run_sql(struct zc_sqlite *s, struct sql *q, int (*row)(sqlite3_stmt *, void *), void *arg)
{
	sqlite3_stmt *st = NULL;
	int r = prepare(s, q, &st), rc = SQLITE_DONE;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row(st, arg);
	if (r == 0 && rc != SQLITE_DONE)
		r = zc_sqlite_fail(s, rc, "search failed");
	sqlite3_finalize(st);
	return r;
}

/* ---- result sets ---- */

struct ranked {
	int64_t id;
	double score;
};

struct ranked_list {
	struct ranked *v;
	size_t n, cap;
	size_t skip, want; /* rows to pass over, then to keep (SQL-ordered pages) */
	const uint64_t *member; /* only ids with their bit set (NULL: all) */
	int64_t member_max;
	size_t seen;       /* rows counted */
};

static bool bit(const uint64_t *bits, int64_t max, int64_t id)
{
	return id >= 0 && id <= max && (bits[id >> 6] >> (id & 63) & 1);
}

static int ranked_push(struct ranked_list *l, int64_t id, double score)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct ranked *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct ranked){id, score};
	return 0;
}

/* A row of an SQL-ordered page: the ids kept, every row counted. */
static int row_page(sqlite3_stmt *st, void *arg)
{
	struct ranked_list *l = arg;
	int64_t id = sqlite3_column_int64(st, 0);
	if (l->member && !bit(l->member, l->member_max, id))
		return 0;
	size_t at = l->seen++;
	if (at < l->skip || at >= l->skip + l->want)
		return 0;
	return ranked_push(l, id, 0);
}

static int row_total(sqlite3_stmt *st, void *arg)
{
	*(int64_t *)arg = sqlite3_column_int64(st, 0);
	return 0;
}

/* The ids of the rows (for facets without a query). */
static int row_collect(sqlite3_stmt *st, void *arg)
{
	return ranked_push(arg, sqlite3_column_int64(st, 0), 0);
}

/* The ids the filters keep, as bits over ids 0..*max. */
static int filter_bits(struct zc_sqlite *s, const struct sql *where, uint64_t **bits, int64_t *max)
{
	struct sql q = {0};
	struct ranked_list ids = {0};
	zc_buf_init(&q.text, 0);
	filtered(&q, where, "SELECT n.id", NULL);
	int r = run_sql(s, &q, row_collect, &ids);
	sql_free(&q);
	*max = -1;
	for (size_t i = 0; i < ids.n; i++)
		if (ids.v[i].id > *max)
			*max = ids.v[i].id;
	*bits = r == 0 ? calloc((size_t)(*max + 1) / 64 + 1, sizeof(**bits)) : NULL;
	if (r == 0 && !*bits)
		r = zc_store_fail(&s->base, -ENOMEM, "out of memory");
	for (size_t i = 0; r == 0 && i < ids.n; i++)
		if (ids.v[i].id >= 0)
			(*bits)[ids.v[i].id >> 6] |= (uint64_t)1 << (ids.v[i].id & 63);
	free(ids.v);
	return r;
}

/* a ranks before b: a higher score, then a higher id (newer) */
static bool before(const struct ranked *a, const struct ranked *b)
{
	return a->score > b->score || (a->score == b->score && a->id > b->id);
}

/* Keep the best k of the hits in a heap whose root is the worst kept. */
static void heap_offer(struct ranked *h, size_t *n, size_t k, struct ranked x)
{
	if (*n < k) {
		size_t i = (*n)++;
		for (; i > 0 && before(&h[(i - 1) / 2], &x); i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = x;
		return;
	}
	if (k == 0 || !before(&x, &h[0]))
		return;
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && before(&h[c], &h[c + 1]))
			c++;
		if (!before(&x, &h[c]))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	return before(x, y) ? -1 : before(y, x) ? 1 : 0;
}

/* BM25 over the document table's lengths, for one query's hits. */
struct bm25 {
	const struct zc_doc_table *docs;
	double idf[ZC_QUERY_MAX_TERMS];
	double avg;
};

static void bm25_init(struct bm25 *b, const struct zc_doc_table *docs, const struct zc_text_hits *h,
		      bool idf_per_term)
{
	b->docs = docs;
	double rows = docs->rows > 0 ? (double)docs->rows : 1.0;
	for (int k = 0; k < h->nleaves; k++) {
		double v = log((rows - (double)h->df[k] + 0.5) / ((double)h->df[k] + 0.5));
		b->idf[k] = !idf_per_term || h->nleaves == 1 ? 1.0 : v > 1e-6 ? v : 1e-6;
	}
	b->avg = docs->rows > 0 ? docs->length_sum / (double)docs->rows : 1.0;
	if (b->avg <= 0)
		b->avg = 1.0;
}

static inline double bm25_score(const struct bm25 *b, const struct zc_text_hits *h, size_t i)
{
	const struct zc_doc *d = zc_doc_get(b->docs, h->ids[i]);
	double len = d ? d->length : b->avg, norm = K1 * (1 - B + B * len / b->avg), score = 0;
	const uint32_t *tf = h->tf + i * (size_t)h->nleaves;
	for (int k = 0; k < h->nleaves; k++)
		if (tf[k])
			score += b->idf[k] * tf[k] * (K1 + 1) / (tf[k] + norm);
	return score;
}

/* Which hits count: those whose bit is set (bits: NULL for all) and that pass the filter. */
struct members {
	const uint64_t *bits;
	int64_t max;
	const struct doc_filter *f;
	const struct zc_doc_table *t;
};

static bool member(const struct members *m, int64_t id)
{
	if (m->bits && !bit(m->bits, m->max, id))
		return false;
	const struct zc_doc *d = m->f->active ? zc_doc_get(m->t, id) : NULL;
	return !m->f->active || (d && doc_filter_pass(m->f, m->t, d));
}

/* Keep the members among hits [from, to), moved down to from: how many. */
static size_t keep_members(struct zc_text_hits *h, size_t from, size_t to, const struct members *m)
{
	size_t n = from, w = (size_t)h->nleaves;
	for (size_t i = from; i < to; i++) {
		if (!member(m, h->ids[i]))
			continue;
		h->ids[n] = h->ids[i];
		memmove(h->tf + n * w, h->tf + i * w, w * sizeof(*h->tf));
		n++;
	}
	return n - from;
}

/* A part of the hits to filter and rank. */
struct rank_part {
	size_t from, to, kept;
	struct ranked *heap; /* the best k of the part (n of them) */
	size_t n;
};

struct rank_job {
	struct zc_text_hits *h;
	const struct members *m; /* NULL: every hit counts */
	const struct bm25 *b;
	size_t k;
	struct rank_part part[2];
};

static void rank_part(void *arg, size_t i)
{
	struct rank_job *job = arg;
	struct rank_part *p = &job->part[i];
	p->kept = job->m ? keep_members(job->h, p->from, p->to, job->m) : p->to - p->from;
	const struct bm25 b = *job->b; /* a copy: not reread after each store */
	for (size_t at = p->from; at < p->from + p->kept; at++) {
		double score = bm25_score(&b, job->h, at);
		if (p->n < job->k || score >= p->heap[0].score) /* most are not kept: no call */
			heap_offer(p->heap, &p->n, job->k, (struct ranked){job->h->ids[at], score});
	}
}

#define RANK_PARALLEL_MIN 16384 /* hits before a second thread pays */

/*
 * Filter the hits (m: NULL for none) and keep the best k in heap (*n of
 * them). A large set is ranked in two halves, on two threads when there
 * are cores for them; the kept hits are joined in order.
 */
static void filter_and_rank(struct zc_text_hits *h, const struct members *m, const struct bm25 *b, size_t k,
			    struct ranked *heap, size_t *n)
{
	size_t parts = h->n >= RANK_PARALLEL_MIN ? 2 : 1;
	struct ranked *second = parts > 1 ? malloc((k ? k : 1) * sizeof(*second)) : NULL;
	if (!second)
		parts = 1;
	struct rank_job job = {.h = h, .m = m, .b = b, .k = k};
	for (size_t i = 0; i < parts; i++)
		job.part[i] = (struct rank_part){.from = h->n * i / parts, .to = h->n * (i + 1) / parts,
						 .heap = i ? second : heap};
	zc_parallel(rank_part, &job, parts, zc_cpus(2));
	struct rank_part *first = &job.part[0], *last = &job.part[1];
	if (parts > 1) {
		size_t w = (size_t)h->nleaves, at = first->from + first->kept;
		memmove(h->ids + at, h->ids + last->from, last->kept * sizeof(*h->ids));
		memmove(h->tf + at * w, h->tf + last->from * w, last->kept * w * sizeof(*h->tf));
		for (size_t i = 0; i < last->n; i++)
			heap_offer(heap, &first->n, k, second[i]);
	}
	h->n = first->kept + (parts > 1 ? last->kept : 0);
	*n = first->n;
	free(second);
}

/* A hit's id and its index among the hits. */
struct id_at {
	int64_t id;
	size_t at;
};

static int cmp_id_at(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The search with a query: *total, the ids of every hit (ids, for the
 * facets) and the page, best first.
 */
static int text_search(struct zc_sqlite *s, const struct zc_search *sq, const struct zc_query *pq,
		       const struct sql *where, const struct sql *rest, const struct doc_filter *f,
		       struct zc_text_hits *hits, struct ranked_list *page)
{
	int r = zc_ix_reader_refresh(&s->ix, s->db);
	if (r == 0)
		r = zc_text_query(&s->ix, pq->root, s->docs.generation, zc_doc_table_live, &s->docs, hits);
	if (r == -EBADMSG)
		return zc_store_fail(&s->base, -EIO, "%s: the full-text index is damaged", s->path);
	if (r == -ENOMEM)
		return zc_store_fail(&s->base, r, "out of memory");
	if (r < 0)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "search failed");
	uint64_t *bits = NULL;
	int64_t max = -1;
	if (rest->text.len > 0 && (r = filter_bits(s, rest, &bits, &max)) < 0)
		return r;
	struct members m = {bits, max, f, &s->docs};
	struct bm25 b;
	bm25_init(&b, &s->docs, hits, zc_query_has_or(pq->root));
	size_t limit = sq->limit ? sq->limit : 20;
	if (sq->sort == ZC_SORT_AUTO || sq->sort == ZC_SORT_RELEVANCE) {
		size_t k = sq->offset + limit, n = 0;
		struct ranked *heap = malloc((k < hits->n ? k : hits->n ? hits->n : 1) * sizeof(*heap));
		if (!heap) {
			free(bits);
			return zc_store_fail(&s->base, -ENOMEM, "out of memory");
		}
		filter_and_rank(hits, bits || f->active ? &m : NULL, &b, k < hits->n ? k : hits->n, heap, &n);
		free(bits);
		qsort(heap, n, sizeof(*heap), cmp_ranked);
		for (size_t i = sq->offset; i < n && r == 0; i++)
			r = ranked_push(page, heap[i].id, heap[i].score);
		free(heap);
	} else {
		/* By date or deadline: the filtered notices in that order, keeping the hits. */
		if (bits || f->active)
			hits->n = keep_members(hits, 0, hits->n, &m);
		free(bits);
		struct id_at *by_id = malloc((hits->n ? hits->n : 1) * sizeof(*by_id));
		max = -1;
		for (size_t i = 0; by_id && i < hits->n; i++) {
			by_id[i] = (struct id_at){hits->ids[i], i};
			max = hits->ids[i] > max ? hits->ids[i] : max;
		}
		bits = by_id ? calloc((size_t)(max + 1) / 64 + 1, sizeof(*bits)) : NULL;
		if (!bits) {
			free(by_id);
			return zc_store_fail(&s->base, -ENOMEM, "out of memory");
		}
		for (size_t i = 0; i < hits->n; i++)
			bits[hits->ids[i] >> 6] |= (uint64_t)1 << (hits->ids[i] & 63);
		qsort(by_id, hits->n, sizeof(*by_id), cmp_id_at);
		struct sql q = {0};
		zc_buf_init(&q.text, 0);
		filtered(&q, where, "SELECT n.id", order_by(sq->sort));
		page->skip = sq->offset;
		page->want = limit;
		page->member = bits;
		page->member_max = max;
		r = run_sql(s, &q, row_page, page);
		sql_free(&q);
		for (size_t i = 0; i < page->n; i++) {
			struct id_at key = {page->v[i].id, 0};
			const struct id_at *hit = bsearch(&key, by_id, hits->n, sizeof(*by_id), cmp_id_at);
			page->v[i].score = hit ? bm25_score(&b, hits, hit->at) : 0;
		}
		free(bits);
		free(by_id);
	}
	return r < 0 ? zc_store_fail(&s->base, r, "out of memory") : 0;
}

/* A result's columns, read from the store, made into JSON on any thread. */
struct result {
	int64_t id;
	double score;
	char *col[7]; /* title, category, doc_number, issued_on, deadline, issuers (JSON), text; NULL: none */
	json_t *json; /* NULL: not found, or out of memory */
};

/* Read r's columns (copies). 0, -ENOMEM, or -ENOENT when SQLite has no such row or fails. */
static int read_result(struct zc_sqlite *s, struct result *r)
{
	if (!s->result_row &&
	    sqlite3_prepare_v3(s->db, "SELECT n.title, n.category, n.doc_number, n.issued_on, n.deadline,"
				      " json_extract(b.elements, '$.issuers'), b.text FROM notices n"
				      " JOIN notice_bodies b ON b.id = n.id WHERE n.id = ?1",
			       -1, SQLITE_PREPARE_PERSISTENT, &s->result_row, NULL) != SQLITE_OK)
		return -ENOENT;
	sqlite3_stmt *st = s->result_row;
	sqlite3_bind_int64(st, 1, r->id);
	int e = sqlite3_step(st) == SQLITE_ROW ? 0 : -ENOENT;
	for (int i = 0; i < 7 && e == 0; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		if (v && !(r->col[i] = strdup(v)))
			e = -ENOMEM;
	}
	sqlite3_reset(st);
	return e;
}

static json_t *result_json(const struct result *r, const struct zc_query *pq, size_t width)
{
	char *const *c = r->col;
	json_t *issuers = c[5] ? json_loads(c[5], 0, NULL) : NULL;
	json_t *snip = zc_snippet(c[6], pq, width);
	json_t *o = json_pack("{s:I,s:s,s:o,s:o,s:s?,s:s?,s:s?,s:s?,s:o,s:f}", "id", (json_int_t)r->id, "title",
			      c[0] ? c[0] : "", "snippet",
			      snip ? json_incref(json_object_get(snip, "snippet")) : json_string(""), "highlights",
			      snip ? json_incref(json_object_get(snip, "highlights")) : json_array(), "category", c[1],
			      "doc_number", c[2], "issued_on", c[3], "deadline", c[4], "issuers",
			      issuers ? issuers : json_array(), "score", r->score);
	json_decref(snip);
	return o;
}

/* Results made into JSON, in parts. */
struct result_job {
	struct result *v;
	size_t n, parts;
	const struct zc_query *pq;
	size_t width;
};

static void make_results(void *arg, size_t part)
{
	struct result_job *job = arg;
	for (size_t i = job->n * part / job->parts; i < job->n * (part + 1) / job->parts; i++)
		job->v[i].json = result_json(&job->v[i], job->pq, job->width);
}

#define RESULTS_PARALLEL_MIN 8 /* results before a second thread pays for their snippets */

/*
 * The page's results as a JSON array (*out): read from the store one by
 * one, then made into JSON (snippets) in two halves, on two threads
 * when there are cores for them. 0, or the store's error.
 */
static int page_results(struct zc_sqlite *s, const struct ranked_list *page, const struct zc_query *pq,
			size_t width, json_t **out)
{
	struct result *v = calloc(page->n ? page->n : 1, sizeof(*v));
	int e = v ? 0 : -ENOMEM;
	for (size_t i = 0; i < page->n && e == 0; i++) {
		v[i].id = page->v[i].id;
		v[i].score = page->v[i].score;
		e = read_result(s, &v[i]);
	}
	if (e == 0) {
		struct result_job job = {v, page->n, page->n >= RESULTS_PARALLEL_MIN ? 2 : 1, pq, width};
		zc_parallel(make_results, &job, job.parts, zc_cpus(2));
	}
	json_t *results = e == 0 ? json_array() : NULL;
	for (size_t i = 0; v && i < page->n; i++) {
		if (results && (!v[i].json || json_array_append_new(results, v[i].json) < 0)) {
			json_decref(results);
			results = NULL;
			e = -ENOMEM;
		} else if (!results) {
			json_decref(v[i].json);
		}
		for (int c = 0; c < 7; c++)
			free(v[i].col[c]);
	}
	free(v);
	*out = results;
	if (e == -ENOENT)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot read a result");
	return results ? 0 : zc_store_fail(&s->base, -ENOMEM, "out of memory");
}

static int search(struct zc_sqlite *s, const struct zc_search *sq, const struct zc_query *pq, json_t *out)
{
	struct sql where = {0}, rest = {0}, q = {0};
	struct doc_filter f = {0};
	struct zc_text_hits *hits = &s->hits; /* kept between searches: large arrays are not mapped afresh each time */
	struct ranked_list page = {0}, all = {0};
	char today[11];
	int64_t total = 0;
	zc_buf_init(&where.text, 0);
	zc_buf_init(&rest.text, 0);
	zc_buf_init(&q.text, 0);
	if (sq->today[0])
		memcpy(today, sq->today, sizeof(today));
	else
		zc_today_local(today);
	size_t limit = sq->limit ? sq->limit : 20;
	const int64_t *facet_ids = NULL;
	int64_t *listed = NULL; /* the filtered ids, without a query */
	size_t nfacet = 0;
	int r = filters(&s->base, &where, sq, pq, today, NULL);
	if (r < 0)
		goto out;
	if (pq->root) {
		/* The matches are judged by the filters in memory, and by SQL for the rest. */
		if ((r = doc_filter_init(&f, &s->docs, sq, today)) < 0) {
			r = zc_store_fail(&s->base, r, "out of memory");
			goto out;
		}
		if ((r = filters(&s->base, &rest, sq, pq, today, &f)) < 0 ||
		    (r = text_search(s, sq, pq, &where, &rest, &f, hits, &page)) < 0)
			goto out;
		total = (int64_t)hits->n;
		facet_ids = hits->ids;
		nfacet = hits->n;
	} else {
		/* Filters only: SQL finds the page, and counts (or lists, for the facets). */
		char tail[64];
		snprintf(tail, sizeof(tail), " LIMIT %zu OFFSET %zu", limit, sq->offset);
		filtered(&q, &where, "SELECT n.id", order_by(sq->sort));
		add(&q, tail);
		page.want = limit;
		if ((r = run_sql(s, &q, row_page, &page)) < 0)
			goto out;
		sql_free(&q);
		zc_buf_init(&q.text, 0);
		filtered(&q, &where, sq->facets ? "SELECT n.id" : "SELECT count(*)", NULL);
		if ((r = sq->facets ? run_sql(s, &q, row_collect, &all) : run_sql(s, &q, row_total, &total)) < 0)
			goto out;
		if (sq->facets) {
			total = (int64_t)all.n;
			if (!(listed = malloc((all.n ? all.n : 1) * sizeof(*listed)))) {
				r = zc_store_fail(&s->base, -ENOMEM, "out of memory");
				goto out;
			}
			for (size_t i = 0; i < all.n; i++)
				listed[i] = all.v[i].id;
			facet_ids = listed;
			nfacet = all.n;
		}
	}
	json_t *fac = NULL;
	if (sq->facets) {
		fac = json_object();
		r = fac ? zc_doc_table_facets(&s->docs, facet_ids, nfacet, fac) : -ENOMEM;
		if (r < 0) {
			zc_store_fail(&s->base, r, "out of memory counting facets");
			json_decref(fac);
			goto out;
		}
	}
	json_t *results = NULL;
	if (!sq->ids_only) {
		r = page_results(s, &page, pq, sq->snippet_chars, &results);
	} else {
		results = json_array();
		for (size_t i = 0; results && i < page.n; i++)
			if (json_array_append_new(results, json_pack("{s:I,s:f}", "id", (json_int_t)page.v[i].id,
								     "score", page.v[i].score)) < 0) {
				json_decref(results);
				results = NULL;
			}
		r = results ? 0 : zc_store_fail(&s->base, -ENOMEM, "out of memory");
	}
	if (r < 0) {
		json_decref(fac);
		goto out;
	}
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "offset", json_integer((json_int_t)sq->offset));
	json_object_set_new(out, "limit", json_integer((json_int_t)limit));
	json_object_set_new(out, "results", results);
	if (fac)
		json_object_set_new(out, "facets", fac);
out:
	hits->n = 0;
	doc_filter_free(&f);
	sql_free(&rest);
	free(page.v);
	free(all.v);
	free(listed);
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
	if (s->schema < 5) {
		zc_query_free(&pq);
		return zc_store_fail(store, -ENOTSUP, "%s: schema %d has no search index: open it once for writing to upgrade it",
				     s->path, s->schema);
	}
	json_t *out = json_object();
	/* One read transaction: the page, the total and the facets see the same
	 * snapshot, and so do the document lengths used for ranking. */
	bool own_txn = s->depth == 0;
	if (own_txn && sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		r = zc_sqlite_fail(s, sqlite3_errcode(s->db), "search failed");
	} else if (!own_txn && (r = zc_sqlite_index_flush(s)) < 0) {
		/* inside a write transaction: its notices are searchable too (error set) */
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
