/*
 * sqlite-crawl.c: the crawler's state in the SQLite store (schema 4):
 * crawl_pages, one row per page fetched (list or notice), with its
 * validators and outcome, and crawl_sites, each site's health. See
 * zc_store_crawl_*() in store.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite-internal.h"
#include "banned.h"

static json_t *column(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return json_null();
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	default: {
		json_t *v = json_string((const char *)sqlite3_column_text(st, i));
		return v ? v : json_null();
	}
	}
}

/* The row of st as an object keyed by its column names. */
static json_t *row_object(sqlite3_stmt *st)
{
	json_t *o = json_object();
	for (int i = 0; o && i < sqlite3_column_count(st); i++)
		json_object_set_new(o, sqlite3_column_name(st, i), column(st, i));
	return o;
}

json_t *zc_sqlite_crawl_page_get(struct zc_store *store, const char *url, int *err)
{
	struct zc_sqlite *s = (struct zc_sqlite *)store;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT url, site, kind, outcome, http_status, etag, last_modified,"
					   " fetched_at, error, tries FROM crawl_pages WHERE url = ?1",
				    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		*err = zc_sqlite_fail(s, rc, "cannot read the crawl state");
		return NULL;
	}
	sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	json_t *o = NULL;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		o = row_object(st);
	else
		*err = rc == SQLITE_DONE ? zc_store_fail(store, -ENOENT, "%s: never crawled", url)
					 : zc_sqlite_fail(s, rc, "cannot read the crawl state");
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && !o)
		*err = -ENOMEM;
	return o;
}

static void bind_json(sqlite3_stmt *st, int i, const json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(st, i, json_integer_value(v));
	else if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v), -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int zc_sqlite_crawl_page_put(struct zc_store *store, const json_t *page)
{
	struct zc_sqlite *s = (struct zc_sqlite *)store;
	static const char *const keys[] = {"url",	 "site",       "kind",  "outcome", "http_status",
					   "etag",	 "last_modified", "fetched_at", "error", "tries"};
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO crawl_pages (url, site, kind, outcome, http_status,"
					   " etag, last_modified, fetched_at, error, tries)"
					   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, 0))",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "cannot record the crawl state");
	for (int i = 0; i < 10; i++)
		bind_json(st, i + 1, json_object_get(page, keys[i]));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, "cannot record the crawl state");
}

int zc_sqlite_crawl_site_put(struct zc_store *store, const json_t *site)
{
	struct zc_sqlite *s = (struct zc_sqlite *)store;
	static const char *const cols[] = {"name",	 "last_run", "last_success", "last_error", "last_error_at",
					   "runs",	 "errors",   "items_found",  "notices_stored", "pages_unmatched"};
	const char *id = json_string_value(json_object_get(site, "site"));
	if (!id)
		return zc_store_fail(store, -EINVAL, "a site record needs its id");
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO crawl_sites (site) VALUES (?1)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_finalize(st);
	}
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof(cols) / sizeof(cols[0]); i++) {
		const json_t *v = json_object_get(site, cols[i]);
		if (!v)
			continue;
		char sql[96];
		snprintf(sql, sizeof(sql), "UPDATE crawl_sites SET %s = ?2 WHERE site = ?1", cols[i]);
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		bind_json(st, 2, v);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
		sqlite3_finalize(st);
	}
	return rc == SQLITE_OK ? 0 : zc_sqlite_fail(s, rc, "cannot record the site's health");
}

json_t *zc_sqlite_crawl_sites(struct zc_store *store)
{
	struct zc_sqlite *s = (struct zc_sqlite *)store;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT * FROM crawl_sites ORDER BY site", -1, &st, NULL) != SQLITE_OK) {
		zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot read the sites' health");
		return NULL;
	}
	json_t *out = json_array();
	int rc;
	while (out && (rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(out, row_object(st));
	sqlite3_finalize(st);
	return out;
}
