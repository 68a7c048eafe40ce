/*
 * sqlite-internal.h: the SQLite backend's state, shared by sqlite.c
 * (schema, writes, records) and sqlite-search.c (search and facets).
 */
#ifndef ZC_STORE_SQLITE_INTERNAL_H
#define ZC_STORE_SQLITE_INTERNAL_H

#include <stdbool.h>

#include <sqlite3.h>

#include "store/backend.h"
#include "store/doctable.h"
#include "store/segment.h"
#include "store/textquery.h"

/* Prepared statements kept for the life of the connection. */
enum stmt_id {
	ST_FIND_HASH,
	ST_FIND_SOURCE,
	ST_OTHER_SOURCES,
	ST_LINK_SOURCE,
	ST_INSERT_NOTICE,
	ST_ARCHIVE,
	ST_FTS_DELETE,
	ST_UPDATE_NOTICE,
	ST_FTS_INSERT,
	ST_DEL_ISSUERS,
	ST_DEL_REGIONS,
	ST_DEL_WINDOWS,
	ST_DEL_CITES,
	ST_ADD_ISSUER,
	ST_ADD_REGION,
	ST_ADD_WINDOW,
	ST_ADD_CITE,
	ST_SET_SIZES,
	ST_BUMP_SEQ,
	ST_TOMBSTONE,
	ST_FIND_NEARDUP,
	ST_SET_BODY,
	ST_COUNT
};

struct zc_sqlite {
	struct zc_store base;
	sqlite3 *db;
	const char *path;
	bool readonly;
	int schema;
	int depth; /* transaction nesting */
	sqlite3_stmt *stmts[ST_COUNT];
	int64_t own_writes; /* notices this connection wrote (data_version does not count them) */
	struct zc_doc_table docs; /* lengths and facet keys by rowid (doctable.h) */
	struct zc_ix_reader ix;   /* the full-text index's segments, as read (segment.h) */
	sqlite3_stmt *result_row; /* a search result's row (prepared once) */
	struct zc_text_hits hits; /* the last search's matches (textquery.h), arrays reused */
	int64_t *pending;         /* notices written in this transaction, to index */
	size_t npending, pending_cap;
	size_t flushed;           /* pending[0..flushed) are in a segment of this transaction */
	struct zc_index_mark {
		size_t noted, flushed;
	} *marks;                 /* npending and flushed when each savepoint began, by depth */
	size_t marks_cap;
};

/* Record the SQLite error of the last call as the store's error; returns the errno for rc. */
int zc_sqlite_fail(struct zc_sqlite *s, int rc, const char *what);


/* The full-text index (sqlite-index.c), from schema 5. */
/* Note that notice id was written: it is indexed when the transaction commits. */
int zc_sqlite_index_note(struct zc_sqlite *s, int64_t id);
/* Index the notices noted since the last flush in a new segment (inside
 * the transaction: before COMMIT, and before a search inside it). */
int zc_sqlite_index_flush(struct zc_sqlite *s);
/* A rollback to the state of mark (NULL: the whole transaction), and drop what was read of the index. */
void zc_sqlite_index_forget(struct zc_sqlite *s, const struct zc_index_mark *mark);
/* Index every stored notice afresh (inside a transaction). */
int zc_sqlite_index_rebuild(struct zc_sqlite *s);
/* Merge segments: by tiers, or all into one. */
int zc_sqlite_index_optimize(struct zc_sqlite *s, bool all);
/* Check the index against the notices; -EIO with the store's error when they disagree. */
int zc_sqlite_index_check(struct zc_sqlite *s);

int zc_sqlite_search(struct zc_store *store, const struct zc_search *q, json_t **result);

/* The crawler's state (sqlite-crawl.c): see zc_store_crawl_*() in store.h. */
json_t *zc_sqlite_crawl_page_get(struct zc_store *store, const char *url, int *err);
int zc_sqlite_crawl_page_put(struct zc_store *store, const json_t *page);
int zc_sqlite_crawl_site_put(struct zc_store *store, const json_t *site);
json_t *zc_sqlite_crawl_sites(struct zc_store *store);

#endif
