/*
 * store.h: where notices live, and how they are searched.
 *
 * One narrow interface in front of a backend. The embedded default is
 * SQLite (one file, WAL mode, FTS5 with zhengce's own tokenizer for exact
 * Chinese substring search); a location of the form "postgres://…" is
 * reserved for a server backend. Callers use only this header, so a new
 * backend needs no change outside src/lib/store/.
 *
 * Records come back as jansson objects in the JSON shapes documented in
 * docs/store.md (a notice is the extract contract of docs/notice-format.md
 * plus "id", "version" and the store's own keys). The caller owns what it
 * gets and json_decref()s it.
 *
 * Errors: functions return 0 (or a count) on success and a negative errno
 * on failure; zc_store_error() then tells what went wrong, for people:
 *   -ENOENT  no such notice / database file (without ZC_STORE_CREATE)
 *   -EINVAL  bad query or filter (the message says where)
 *   -ENOTSUP the file is not a zhengce database, or is newer than this build
 *   -EBUSY   the database stayed locked by another writer
 *   -EROFS   a write on a store opened read-only
 *   -EIO     any other database failure; -ENOMEM
 *
 * Thread safety: one struct zc_store per thread. Any number of stores
 * (threads or processes) may read while one writes.
 */
#ifndef ZHENGCE_STORE_H
#define ZHENGCE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "zhengce/notice.h"
#include "zhengce/vec.h"

struct zc_store;

enum {
	ZC_STORE_READONLY = 1 << 0, /* no writes; never creates or upgrades */
	ZC_STORE_CREATE = 1 << 1,   /* create the database when it does not exist */
};

/* The database location from --db, else $ZHENGCE_DB, else "zhengce.db". */
const char *zc_store_default_location(const char *option);

/*
 * Open (and when allowed create, or upgrade in place to the current schema)
 * the store at location. On failure *ret is NULL and, when errbuf is not
 * NULL, errbuf holds the reason.
 */
int zc_store_open(const char *location, unsigned flags, struct zc_store **ret, char *errbuf,
		  size_t errlen);
void zc_store_close(struct zc_store *s);
/* The message of the last failure. */
const char *zc_store_error(const struct zc_store *s);
/* The schema version of the open database, and the one this build writes. */
int zc_store_schema_version(const struct zc_store *s);
int zc_store_schema_latest(void);

/*
 * Transactions nest: the outermost begin starts a write transaction, inner
 * ones are savepoints that roll back alone. Every put/remove outside a
 * transaction is a transaction of its own.
 */
int zc_store_begin(struct zc_store *s);
int zc_store_commit(struct zc_store *s);
int zc_store_rollback(struct zc_store *s);

/* Where a notice came from: a file path or URL, and the notice's place in it. */
struct zc_source {
	const char *uri;      /* NULL: unknown (stdin); the notice is then known by content only */
	long ordinal;         /* 0-based index of the notice in its source */
	const char *fetched_at; /* ISO 8601; NULL: now */
	const char *etag;          /* HTTP validators of a fetched source, or NULL */
	const char *last_modified;
	bool official;             /* a government site: its text is the one to show */
};

enum zc_put_status {
	ZC_PUT_ADDED,     /* a new notice */
	ZC_PUT_UPDATED,   /* the source's notice changed: a new version, history kept */
	ZC_PUT_UNCHANGED, /* the same content is stored already (its source is recorded) */
	ZC_PUT_MERGED,    /* a near-duplicate of a stored notice (a repost, a mirror, a digest's
	                   * copy): one more source of it; from an official source, its text
	                   * replaces one no official source holds (a new version) */
};

struct zc_put_result {
	int64_t id;
	int version;
	enum zc_put_status status;
};

/*
 * Store a notice. Identity: the same text (exactly) is the same notice,
 * wherever it comes from; a different text from the same source and
 * ordinal is a new version of the notice that was there. A text from a
 * new source that nearly duplicates a stored notice (docs/store.md:
 * SimHash within 3 bits of 64, and no disagreement on title, 文号, date
 * or deadline) is that notice, with one more source (ZC_PUT_MERGED).
 */
int zc_store_put(struct zc_store *s, const struct zc_notice *n, const struct zc_source *src,
		 struct zc_put_result *res);
/*
 * What the store knows of a source: {"uri", "notice_id", "etag",
 * "last_modified", "first_seen", "last_seen"} of its first notice, for
 * conditional requests. NULL with *err = -ENOENT when the source is new.
 */
json_t *zc_store_source(struct zc_store *s, const char *uri, int *err);
/* The source was seen unchanged (an HTTP 304) at when (ISO 8601; NULL: now). 0, -ENOENT. */
int zc_store_touch_source(struct zc_store *s, const char *uri, const char *when);

/*
 * The crawler's state. A page it fetched: {"url", "site", "kind" ("list"
 * or "notice"), "outcome" ("stored", "not-modified", "failed",
 * "disallowed"), "http_status", "etag", "last_modified", "fetched_at",
 * "error", "tries"}; zc_store_crawl_page() gives it back (NULL with
 * -ENOENT when never fetched). A site's health: {"site", "name",
 * "last_run", "last_success", "last_error", "last_error_at", "runs",
 * "errors", "items_found", "notices_stored", "pages_unmatched"}; a record
 * replaces the site's counters with those given (absent keys keep theirs).
 */
json_t *zc_store_crawl_page(struct zc_store *s, const char *url, int *err);
int zc_store_crawl_record(struct zc_store *s, const json_t *page);
int zc_store_crawl_site(struct zc_store *s, const json_t *site);
/* Every site's health, by site id. */
json_t *zc_store_crawl_sites(struct zc_store *s);

/* Delete a notice with its versions and sources. -ENOENT when absent. */
int zc_store_remove(struct zc_store *s, int64_t id);

/*
 * Find a notice by its id ("123") or its 文号 (any bracket style).
 * -ENOENT when none; when several notices share the 文号, the newest.
 */
int zc_store_resolve(struct zc_store *s, const char *id_or_doc_number, int64_t *id);

/*
 * Everything stored about a notice: its key elements, "text", "sources",
 * "versions" (older versions, newest first), "cites" (what it cites, each
 * with the "id" of the stored notice when there is one) and "cited_by".
 * NULL with zc_store_error() set when absent (-ENOENT) or on failure.
 */
json_t *zc_store_get(struct zc_store *s, int64_t id, int *err);

enum zc_sort {
	ZC_SORT_AUTO,      /* relevance with a query, else date */
	ZC_SORT_RELEVANCE, /* BM25, title above body */
	ZC_SORT_DATE,      /* issued_on, newest first */
	ZC_SORT_DEADLINE,  /* deadline, soonest first; notices without one last */
};

/* A search: a query (zhengce/query.h) and filters, all optional, ANDed. */
struct zc_search {
	const char *query;          /* NULL or "": filters only */
	struct zc_strv regions;     /* region names, codes or groupings (zc_region_filter) */
	struct zc_strv categories;  /* any of them */
	struct zc_strv issuers;     /* issuer contains any of them */
	char issued_from[11], issued_to[11];     /* "" for open-ended */
	char deadline_from[11], deadline_to[11];
	bool open_now;              /* a deadline on or after today, or a window holding today */
	char today[11];             /* "" for the system date */
	int has_conditions;         /* -1 any, 0 without, 1 with */
	const char *doc_number;     /* exact 文号 */
	const char *cites;          /* cites this 文号 */
	enum zc_sort sort;
	size_t limit;               /* 0: 20 */
	size_t offset;
	bool facets;                /* count by category, province, issuer, month */
	size_t snippet_chars;       /* 0: 60 */
	bool ids_only;              /* results hold only "id" and "score" (no snippet, no row read) */
};

void zc_search_init(struct zc_search *q);
void zc_search_free(struct zc_search *q);

/*
 * Run a search. *result: {"total", "results": [{"id", "title", "snippet",
 * "highlights", "category", "doc_number", "issuers", "issued_on",
 * "deadline", "score"}], "facets": {…}} (facets only when asked for).
 * -EINVAL for a bad query or filter, with the message in zc_store_error().
 */
int zc_store_search(struct zc_store *s, const struct zc_search *q, json_t **result);

/*
 * Run a search and set *records to the whole stored records of its page of
 * results, in order (zc_store_get JSON, plus "score"): for digests and
 * feeds. Returns as zc_store_search().
 */
int zc_store_search_records(struct zc_store *s, const struct zc_search *q, json_t **records);

/*
 * Tidy the store after a bulk write of `changed` notices: the SQLite
 * backend merges the full-text index's segments, all of them when the
 * change is large next to the store (queries then read one segment per
 * term: about a quarter faster), else a bounded amount of work. Called by
 * zc_ingest(). Returns 0 or a negative errno.
 */
int zc_store_maintain(struct zc_store *s, size_t changed);

/*
 * A number that changes whenever the stored notices change, by this
 * handle or any other (another thread, another process): callers keep
 * derived data (such as cached answers) while it stays the same. Compare
 * only values from the same handle. -1 when it cannot be read.
 */
int64_t zc_store_changes(struct zc_store *s);

/*
 * Check the whole database: SQLite's integrity check, and that the
 * full-text index agrees with the stored texts. 0 when sound; -EIO with
 * the first problem in zc_store_error() otherwise.
 */
int zc_store_check(struct zc_store *s);

/* Counts and sizes: notices, versions, sources, bytes of text, index and file. */
json_t *zc_store_stats(struct zc_store *s);

/*
 * Call fn for every stored notice (extract contract plus "id"), in id
 * order; a non-zero return stops and is returned.
 */
int zc_store_export(struct zc_store *s, int (*fn)(json_t *notice, void *arg), void *arg);

#endif
