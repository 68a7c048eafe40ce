/*
 * sqlite-index.c: keeping the SQLite store's full-text index (segment.h)
 * in step with its notices.
 *
 * A write transaction notes the notices it stores; its commit indexes
 * them (as the transaction leaves them) in one new segment, written in
 * the same transaction, so the index never disagrees with the notices it
 * sees, whatever stops the process. New versions and deletions only make
 * old postings dead (the write sequence tells). Segments are then merged
 * by size tiers: when ZC_IX_FANIN segments of about the same size pile up,
 * they become one, so a store has O(log n) segments and each posting is
 * rewritten O(log n) times. `maintain` after a large ingest merges all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/segment.h"
#include "store/sqlite-internal.h"
#include "banned.h"

#define ZC_IX_FANIN 8
#define REBUILD_CHUNK ((size_t)256 << 20) /* builder memory per segment while rebuilding */

int zc_sqlite_index_note(struct zc_sqlite *s, int64_t id)
{
	if (s->npending == s->pending_cap) {
		size_t cap = s->pending_cap ? s->pending_cap * 2 : 256;
		int64_t *p = realloc(s->pending, cap * sizeof(*p));
		if (!p)
			return zc_store_fail(&s->base, -ENOMEM, "out of memory");
		s->pending = p;
		s->pending_cap = cap;
	}
	s->pending[s->npending++] = id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int fail_ix(struct zc_sqlite *s, int r, const char *what)
{
	if (r == -ENOMEM)
		return zc_store_fail(&s->base, r, "out of memory while %s", what);
	if (r == -EBADMSG)
		return zc_store_fail(&s->base, r, "%s: the full-text index is damaged (while %s)", s->path, what);
	return zc_sqlite_fail(s, sqlite3_errcode(s->db), what);
}

/* Add the rows of a statement (id, title, text, seq) to builders, writing a
 * segment each time one grows past chunk bytes. */
static int build_from(struct zc_sqlite *s, sqlite3_stmt *st, const int64_t *ids, size_t n, size_t chunk)
{
	struct zc_ix_builder *b = zc_ix_builder_new();
	int r = b ? 0 : -ENOMEM;
	for (size_t i = 0; r == 0; i++) {
		if (ids) {
			if (i >= n)
				break;
			sqlite3_bind_int64(st, 1, ids[i]);
		}
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *title = (const char *)sqlite3_column_text(st, 1);
			size_t tlen = (size_t)sqlite3_column_bytes(st, 1);
			const char *text = (const char *)sqlite3_column_text(st, 2);
			size_t len = (size_t)sqlite3_column_bytes(st, 2);
			r = zc_ix_builder_add(b, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 3), title ? title : "",
					      tlen, text ? text : "", len);
		} else if (rc != SQLITE_DONE) {
			r = -EIO;
		}
		if (ids)
			sqlite3_reset(st);
		else if (rc == SQLITE_DONE)
			break;
		if (r == 0 && zc_ix_builder_bytes(b) >= chunk) {
			int64_t seg;
			r = zc_ix_builder_write(b, s->db, &seg);
			zc_ix_builder_free(b);
			b = r == 0 ? zc_ix_builder_new() : NULL;
			if (r == 0 && !b)
				r = -ENOMEM;
		}
	}
	if (r == 0 && zc_ix_builder_docs(b) > 0) {
		int64_t seg;
		r = zc_ix_builder_write(b, s->db, &seg);
	}
	zc_ix_builder_free(b);
	return r;
}

#define DOC_SQL "SELECT b.id, b.title, b.text, z.seq FROM notice_bodies b JOIN notice_sizes z ON z.id = b.id"

/* Segments by size tier: merge the smallest tier holding ZC_IX_FANIN of them, until none does. */
static int merge_tiers(struct zc_sqlite *s, bool all)
{
	int r = zc_doc_table_refresh(&s->docs, s->db);
	if (r < 0)
		return r;
	for (;;) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, "SELECT id, docs FROM index_segments ORDER BY id", -1, &st, NULL) != SQLITE_OK)
			return -EIO;
		int64_t ids[64 * ZC_IX_FANIN];
		int tiers[64 * ZC_IX_FANIN];
		size_t n = 0;
		int count[32] = {0};
		while (sqlite3_step(st) == SQLITE_ROW && n < sizeof(ids) / sizeof(ids[0])) {
			int64_t docs = sqlite3_column_int64(st, 1);
			int tier = 0;
			while (docs >= ZC_IX_FANIN && tier < 31)
				docs /= ZC_IX_FANIN, tier++;
			ids[n] = sqlite3_column_int64(st, 0);
			tiers[n++] = tier;
			count[tier]++;
		}
		sqlite3_finalize(st);
		int pick = -1;
		for (int t = 0; t < 32 && pick < 0 && !all; t++)
			if (count[t] >= ZC_IX_FANIN)
				pick = t;
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (all || tiers[i] == pick)
				ids[m++] = ids[i];
		if ((!all && pick < 0) || (all && m < 2))
			return 0;
		int64_t seg;
		if ((r = zc_ix_merge(s->db, ids, m, zc_doc_table_live, &s->docs, &seg)) < 0)
			return r;
		if (all)
			return 0;
	}
}

int zc_sqlite_index_flush(struct zc_sqlite *s)
{
	if (s->flushed >= s->npending)
		return 0;
	/* The notes since the last flush, sorted and without repeats (kept as
	 * they are: a rollback to a savepoint may need them again). */
	size_t n = s->npending - s->flushed;
	int64_t *ids = malloc(n * sizeof(*ids));
	if (!ids)
		return zc_store_fail(&s->base, -ENOMEM, "out of memory");
	memcpy(ids, s->pending + s->flushed, n * sizeof(*ids));
	qsort(ids, n, sizeof(*ids), cmp_id);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (m == 0 || ids[m - 1] != ids[i])
			ids[m++] = ids[i];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, DOC_SQL " WHERE b.id = ?1", -1, &st, NULL) != SQLITE_OK) {
		free(ids);
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot index the notices");
	}
	int r = build_from(s, st, ids, m, REBUILD_CHUNK);
	sqlite3_finalize(st);
	free(ids);
	if (r == 0)
		s->flushed = s->npending;
	if (r == 0)
		r = merge_tiers(s, false);
	return r < 0 ? fail_ix(s, r, "indexing the notices") : 0;
}

void zc_sqlite_index_forget(struct zc_sqlite *s, const struct zc_index_mark *mark)
{
	/* Segments written since the mark are undone: what they indexed is pending again. */
	s->npending = mark ? mark->noted : 0;
	s->flushed = mark ? mark->flushed : 0;
	zc_ix_reader_free(&s->ix); /* it may hold segments of the undone writes */
}

int zc_sqlite_index_rebuild(struct zc_sqlite *s)
{
	int r = 0;
	if (sqlite3_exec(s->db, "DELETE FROM index_terms; DELETE FROM index_segments", NULL, NULL, NULL) != SQLITE_OK)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot rebuild the full-text index");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, DOC_SQL " ORDER BY b.id", -1, &st, NULL) != SQLITE_OK)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot rebuild the full-text index");
	r = build_from(s, st, NULL, 0, REBUILD_CHUNK);
	sqlite3_finalize(st);
	s->docs.stale = true;
	if (r == 0)
		r = merge_tiers(s, true);
	return r < 0 ? fail_ix(s, r, "rebuilding the full-text index") : 0;
}

int zc_sqlite_index_optimize(struct zc_sqlite *s, bool all)
{
	int r = merge_tiers(s, all);
	return r < 0 ? fail_ix(s, r, "merging the full-text index") : 0;
}

int zc_sqlite_index_check(struct zc_sqlite *s)
{
	char why[256] = "";
	int r = zc_doc_table_refresh(&s->docs, s->db);
	if (r == 0)
		r = zc_ix_check(s->db, zc_doc_table_live, &s->docs, s->docs.rows, why, sizeof(why));
	if (r == -EBADMSG)
		return zc_store_fail(&s->base, -EIO, "%s: the full-text index does not match the notices (%s)", s->path, why);
	return r < 0 ? fail_ix(s, r, "checking the full-text index") : 0;
}
