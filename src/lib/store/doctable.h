/*
 * doctable.h: what the SQLite store keeps in memory about every notice,
 * by rowid, for the work done once per matching row (internal): its
 * length (for BM25) and its facet keys (category, provinces, issuers,
 * month).
 *
 * Loading it costs a scan of the side tables; keeping it current costs
 * only the rows changed since: every write of a notice gives its
 * notice_sizes row the next value of a sequence (schema 3), and a refresh
 * reads the rows past the last value it saw. The database's data_version
 * tells when to look. A deletion leaves a tombstone with its own sequence
 * value (schema 5), which takes the row out of the table.
 */
#ifndef ZC_STORE_DOCTABLE_H
#define ZC_STORE_DOCTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sqlite3.h>

#include "zhengce/vec.h"

#define ZC_DOC_NO_LENGTH UINT32_MAX

struct zc_doc {
	int64_t seq;        /* write sequence of the current version (segment.h) */
	uint32_t length;    /* title + text in characters; ZC_DOC_NO_LENGTH: unknown */
	uint32_t category;  /* 1 + index in names; 0: none */
	uint32_t month;     /* year * 12 + month - 1 of issued_on; 0: none */
	uint32_t issued, deadline; /* YYYYMMDD; 0: none */
	uint32_t issuers;   /* first issuer in the pool */
	uint32_t windows;   /* first window in the pool: YYYYMMDD from, to (0: open) */
	uint64_t provinces; /* bit i: the province zc_doc_provinces[i] */
	uint8_t nissuers, nwindows;
	bool has_conditions;
};

struct zc_doc_table {
	struct zc_doc *docs; /* by rowid */
	int64_t cap;         /* entries in docs */
	int64_t rows;        /* rows with a length */
	double length_sum;
	uint32_t *pool;      /* issuer ids (1 + index in names), nissuers per doc; windows, 2 × nwindows */
	size_t npool, pool_cap;
	size_t pool_live;    /* pool entries of the current rows (the rest: of older versions) */
	struct zc_strv names; /* interned categories and issuers */
	uint32_t *slots;      /* open addressing: 1 + index in names; 0 empty */
	size_t nslots;
	int64_t seq;          /* the last sequence value read; -1: nothing loaded */
	int64_t tomb_seq;     /* the last deletion read (notice_tombstones) */
	uint64_t generation;  /* changes whenever the table does */
	int64_t data_version;
	bool stale;           /* look again, whatever data_version says */
};

void zc_doc_table_init(struct zc_doc_table *t);
void zc_doc_table_free(struct zc_doc_table *t);

/*
 * Bring the table up to date with db (call inside a read transaction):
 * nothing when data_version is unchanged and the table is not stale, else
 * the rows written since the last refresh. 0 or a negative errno (the
 * table is then emptied, and callers do without it).
 */
int zc_doc_table_refresh(struct zc_doc_table *t, sqlite3 *db);

/* Bit of a province (GB/T 2260 code, first two digits) in zc_doc.provinces; -1 for none. */
int zc_doc_province_bit(const char *code);

/* A date "YYYY-MM-DD…" as YYYYMMDD; 0 when NULL or malformed. */
uint32_t zc_doc_day(const char *date);

/* Is (id, seq) the current version of a stored notice? (zc_ix_live_fn; arg: the table) */
bool zc_doc_table_live(void *table, int64_t id, int64_t seq);

/* The row's entry, or NULL when it is not in the table. */
static inline const struct zc_doc *zc_doc_get(const struct zc_doc_table *t, int64_t rowid)
{
	return rowid >= 0 && rowid < t->cap && t->docs[rowid].length != ZC_DOC_NO_LENGTH ? &t->docs[rowid] : NULL;
}

/*
 * Count the facets of the rows ids[0..n) into out: {"category", "province"
 * (by name), "issuer", "month"}, each {key: count}, the largest counts
 * first (months: newest first), at most 30, 40, 30 and 120 keys. A row
 * counts once per province however many of its places lie there.
 * 0 or -ENOMEM.
 */
int zc_doc_table_facets(const struct zc_doc_table *t, const int64_t *ids, size_t n, json_t *out);

#endif
