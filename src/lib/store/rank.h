/*
 * rank.h: BM25 ranking for the SQLite store (internal), with the document
 * lengths it needs kept in memory.
 *
 * FTS5's built-in bm25() reads each matching row's length from a table,
 * a B-tree lookup per row that dominates the cost of ranking a large
 * result set. zc_bm25() computes the same formula (k1 = 1.2, b = 0.75,
 * column-weighted term frequencies, IDF per phrase) with lengths from an
 * array indexed by rowid, loaded from notice_sizes and reloaded when the
 * database changes (PRAGMA data_version). A row missing from the array
 * (added after the load) falls back to FTS5's own lookup.
 */
#ifndef ZC_STORE_RANK_H
#define ZC_STORE_RANK_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#define ZC_RANK_FUNCTION "zc_bm25"

struct zc_rank_cache {
	sqlite3 *db;
	uint32_t *len;   /* total length (title + text, in characters) by rowid; UINT32_MAX: unknown */
	int64_t cap;     /* entries in len */
	int64_t docs;    /* rows loaded */
	double avg_len;  /* mean total length */
	int64_t data_version;
	bool loaded;
	int64_t calls; /* rows ranked since the caller last reset it: the number of
	                * matches of a query that ranks every match */
};

/* Register zc_bm25 on db with this cache (which must outlive db). 0 or -ENOSYS. */
int zc_rank_register(sqlite3 *db, struct zc_rank_cache *c);
/* Make the cache current: reload when the database changed since the last
 * load or after zc_rank_invalidate(). Call inside the read transaction of
 * the search. Returns 0 or a negative errno (the cache is then unused). */
int zc_rank_refresh(struct zc_rank_cache *c);
/* Forget the lengths (after this connection wrote). */
void zc_rank_invalidate(struct zc_rank_cache *c);
void zc_rank_free(struct zc_rank_cache *c);

#endif
