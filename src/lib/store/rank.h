/*
 * rank.h: BM25 ranking for the SQLite store (internal), with the document
 * lengths it needs from memory.
 *
 * FTS5's built-in bm25() reads each matching row's length from a table,
 * a B-tree lookup per row that dominates the cost of ranking a large
 * result set. zc_bm25() computes the same formula (k1 = 1.2, b = 0.75,
 * column-weighted term frequencies, IDF per phrase) with lengths from the
 * store's document table (doctable.h). A row missing from it falls back to
 * FTS5's own lookup.
 *
 * As it is called once for every row a query keeps, the function also
 * counts those rows and, when asked, collects their rowids: the total and
 * the facets of a search then need no second pass.
 */
#ifndef ZC_STORE_RANK_H
#define ZC_STORE_RANK_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/doctable.h"

#define ZC_RANK_FUNCTION "zc_bm25"

struct zc_rank_cache {
	const struct zc_doc_table *docs; /* NULL or empty: FTS5's lengths */
	int64_t calls;  /* rows ranked since the caller last reset it */
	bool collect;   /* append each ranked rowid to hits */
	int64_t *hits;
	size_t nhits, hits_cap;
	bool hits_failed; /* out of memory while collecting */
};

/* Register zc_bm25 on db with this state (which must outlive db). 0 or -ENOSYS. */
int zc_rank_register(sqlite3 *db, struct zc_rank_cache *c, const struct zc_doc_table *docs);
/* Start counting (and, when collect, collecting) the rows of a query. */
void zc_rank_reset(struct zc_rank_cache *c, bool collect);
void zc_rank_free(struct zc_rank_cache *c);

#endif
