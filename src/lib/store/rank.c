/*
 * rank.c: zc_bm25(), BM25 over FTS5 matches with in-memory document
 * lengths, counting (and collecting) the rows it ranks (see rank.h).
 *
 *   score = Σ_phrases idf(p) · tf·(k1 + 1) / (tf + k1·(1 − b + b·D / avgD))
 *
 * with tf the phrase's hits weighted by column (title 10, body 1 as set in
 * the table's rank option), D the document's length in characters and
 * idf(p) = ln((N − n(p) + 0.5) / (n(p) + 0.5)), at least 1e-6, as in
 * FTS5's bm25(). The IDF costs a pass over each phrase's documents, as
 * much as the query itself: it is computed only when it can change the
 * order, which the caller says with a last argument (zc_bm25(t, 10.0, 1.0,
 * 0) skips it): not with a single phrase, where it is a common factor, and
 * not for a query that only ANDs phrases, where every result holds every
 * phrase (there it is taken as equal for all). The function returns
 * −score, so that ORDER BY puts the best first.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/rank.h"
#include "banned.h"

#define K1 1.2
#define B 0.75
#define MAX_PHRASES 64
#define MAX_COLUMNS 8

struct query_data {
	int phrases;
	double idf[MAX_PHRASES];
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fc, void *arg)
{
	(void)api, (void)fc;
	(*(int64_t *)arg)++;
	return SQLITE_OK;
}

static struct query_data *query_data(const Fts5ExtensionApi *api, Fts5Context *fc, struct zc_rank_cache *c,
				     bool want_idf)
{
	struct query_data *q = api->xGetAuxdata(fc, 0);
	if (q)
		return q;
	if (!(q = calloc(1, sizeof(*q))))
		return NULL;
	q->phrases = api->xPhraseCount(fc);
	if (q->phrases > MAX_PHRASES)
		q->phrases = MAX_PHRASES;
	sqlite3_int64 n_rows = c->docs && c->docs->rows ? c->docs->rows : 0;
	if (!n_rows)
		api->xRowCount(fc, &n_rows);
	for (int i = 0; i < q->phrases; i++) {
		q->idf[i] = 1.0;
		if (q->phrases == 1 || !want_idf)
			continue;
		int64_t hits = 0;
		if (api->xQueryPhrase(fc, i, &hits, count_row) != SQLITE_OK)
			continue;
		double idf = log(((double)n_rows - (double)hits + 0.5) / ((double)hits + 0.5));
		q->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	if (api->xSetAuxdata(fc, q, free) != SQLITE_OK)
		return NULL; /* freed by FTS5 */
	return q;
}

static void zc_bm25(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int nval,
		    sqlite3_value **vals)
{
	struct zc_rank_cache *c = api->xUserData(fc);
	c->calls++;
	sqlite3_int64 rowid = api->xRowid(fc);
	if (c->collect && !c->hits_failed) {
		if (c->nhits == c->hits_cap) {
			size_t cap = c->hits_cap ? 2 * c->hits_cap : 4096;
			int64_t *hits = realloc(c->hits, cap * sizeof(*hits));
			if (hits) {
				c->hits = hits;
				c->hits_cap = cap;
			}
		}
		if (c->nhits < c->hits_cap)
			c->hits[c->nhits++] = rowid;
		else
			c->hits_failed = true;
	}
	int ncol = api->xColumnCount(fc);
	bool want_idf = nval <= ncol || sqlite3_value_int(vals[ncol]) != 0;
	struct query_data *q = query_data(api, fc, c, want_idf);
	if (!q) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	double w[MAX_COLUMNS];
	for (int i = 0; i < MAX_COLUMNS; i++)
		w[i] = i < nval && i < ncol ? sqlite3_value_double(vals[i]) : 1.0;
	double tf[MAX_PHRASES] = {0};
	int ninst = 0;
	if (api->xInstCount(fc, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "zc_bm25: cannot read the matches", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int p, col, off;
		if (api->xInst(fc, i, &p, &col, &off) == SQLITE_OK && p < q->phrases && col < ncol &&
		    col < MAX_COLUMNS)
			tf[p] += w[col];
	}
	const struct zc_doc *d = c->docs ? zc_doc_get(c->docs, rowid) : NULL;
	double len, avg = c->docs && c->docs->rows ? c->docs->length_sum / (double)c->docs->rows : 0;
	if (d) {
		len = d->length;
	} else {
		int total = 0;
		sqlite3_int64 all = 0;
		api->xColumnSize(fc, -1, &total);
		len = total;
		if (avg <= 0) {
			api->xColumnTotalSize(fc, -1, &all);
			sqlite3_int64 rows = 1;
			api->xRowCount(fc, &rows);
			avg = rows > 0 ? (double)all / (double)rows : 1.0;
		}
	}
	if (avg <= 0)
		avg = 1.0;
	double score = 0, norm = K1 * (1 - B + B * len / avg);
	for (int p = 0; p < q->phrases; p++)
		if (tf[p] > 0)
			score += q->idf[p] * tf[p] * (K1 + 1) / (tf[p] + norm);
	sqlite3_result_double(ctx, -score);
}

int zc_rank_register(sqlite3 *db, struct zc_rank_cache *c, const struct zc_doc_table *docs)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	memset(c, 0, sizeof(*c));
	c->docs = docs;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -ENOSYS;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return -ENOSYS;
	return api->xCreateFunction(api, ZC_RANK_FUNCTION, c, zc_bm25, NULL) == SQLITE_OK ? 0 : -EIO;
}

void zc_rank_reset(struct zc_rank_cache *c, bool collect)
{
	c->calls = 0;
	c->nhits = 0;
	c->collect = collect;
	c->hits_failed = false;
}

void zc_rank_free(struct zc_rank_cache *c)
{
	free(c->hits);
	c->hits = NULL;
	c->nhits = c->hits_cap = 0;
}
