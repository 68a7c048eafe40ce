/*
 * sqlite.c: the SQLite store backend: opening and upgrading the database,
 * storing notices with their versions and sources, and reading them back.
 * Search is in sqlite-search.c; the schema is documented in docs/store.md.
 *
 * A notice's text is stored once, in notice_bodies; the full-text index
 * (segment.h, kept by sqlite-index.c) holds postings only. Elements used
 * by filters and facets (issuers, regions, windows, cited documents) are
 * also kept in small side tables. Schemas 1 to 4 indexed the texts with
 * FTS5 and the tokenizer of tokenizer.c, kept to write and upgrade them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xxhash.h>

#include "civil.h"
#include "store/sqlite-internal.h"
#include "store/simhash.h"
#include "store/tokenizer.h"
#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/query.h"
#include "zhengce/render.h"
#include "banned.h"

#define APPLICATION_ID 0x5A484345 /* "ZHCE" */

/*
 * Migrations: migrations[i] upgrades schema version i to i + 1. Never edit
 * one that has shipped; add the next. Each runs in the transaction that
 * also sets user_version, so an upgrade is all or nothing.
 */
static const char *const migrations[] = {
	/* 0 → 1: the first schema. */
	"CREATE TABLE notices ("
	"  id INTEGER PRIMARY KEY,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  hash BLOB NOT NULL UNIQUE,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  category TEXT, doc_number TEXT, issued_on TEXT, deadline TEXT,"
	"  has_conditions INTEGER NOT NULL DEFAULT 0,"
	"  added_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	/* The bulky part apart: filters and sorts read short notices rows. */
	"CREATE TABLE notice_bodies (id INTEGER PRIMARY KEY REFERENCES notices(id) ON DELETE CASCADE,"
	"  title TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, elements TEXT NOT NULL);"
	"CREATE INDEX notices_doc_number ON notices(doc_number);"
	"CREATE INDEX notices_issued_on ON notices(issued_on);"
	"CREATE INDEX notices_deadline ON notices(deadline);"
	"CREATE INDEX notices_category ON notices(category);"
	"CREATE TABLE notice_issuers (notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  issuer TEXT NOT NULL, PRIMARY KEY (notice_id, issuer)) WITHOUT ROWID;"
	"CREATE TABLE notice_regions (notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  code TEXT NOT NULL, PRIMARY KEY (notice_id, code)) WITHOUT ROWID;"
	"CREATE INDEX notice_regions_code ON notice_regions(code);"
	"CREATE TABLE notice_windows (notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  date_from TEXT, date_to TEXT, label TEXT);"
	"CREATE INDEX notice_windows_notice ON notice_windows(notice_id);"
	"CREATE TABLE notice_cites (notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  doc_number TEXT, title TEXT);"
	"CREATE INDEX notice_cites_notice ON notice_cites(notice_id);"
	"CREATE INDEX notice_cites_doc_number ON notice_cites(doc_number);"
	"CREATE TABLE sources (id INTEGER PRIMARY KEY,"
	"  notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  uri TEXT NOT NULL, ordinal INTEGER NOT NULL,"
	"  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, UNIQUE (uri, ordinal));"
	"CREATE INDEX sources_notice ON sources(notice_id);"
	"CREATE TABLE notice_versions (notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	"  version INTEGER NOT NULL, hash BLOB NOT NULL, elements TEXT NOT NULL, text TEXT NOT NULL,"
	"  replaced_at TEXT NOT NULL, PRIMARY KEY (notice_id, version));"
	"CREATE TABLE notice_sizes (id INTEGER PRIMARY KEY REFERENCES notices(id) ON DELETE CASCADE,"
	"  title_chars INTEGER NOT NULL, text_chars INTEGER NOT NULL);"
	"CREATE VIRTUAL TABLE notice_fts USING fts5(title, text, content='notice_bodies', content_rowid='id',"
	"  tokenize='" ZC_FTS_TOKENIZER "', detail=full);"
	"INSERT INTO notice_fts(notice_fts, rank) VALUES ('rank', 'zc_bm25(10.0, 1.0)');"
	"INSERT INTO notice_fts(notice_fts, rank) VALUES ('automerge', 16);"
	"INSERT INTO notice_fts(notice_fts, rank) VALUES ('crisismerge', 64);"
	"INSERT INTO notice_fts(notice_fts, rank) VALUES ('pgsz', 16000);",
	/* 1 → 2: HTTP validators of a fetched source, for conditional requests. */
	"ALTER TABLE sources ADD COLUMN etag TEXT;"
	"ALTER TABLE sources ADD COLUMN last_modified TEXT;",
	/* 2 → 3: a write sequence on notice_sizes, so that readers' in-memory
	 * document tables reload only what changed (doctable.h). */
	"ALTER TABLE notice_sizes ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX notice_sizes_seq ON notice_sizes(seq);",
	/* 3 → 4: the crawler's state: every page it fetched, and each site's health. */
	"CREATE TABLE crawl_pages (url TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL,"
	"  outcome TEXT NOT NULL, http_status INTEGER, etag TEXT, last_modified TEXT,"
	"  fetched_at TEXT NOT NULL, error TEXT, tries INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX crawl_pages_site ON crawl_pages(site);"
	"CREATE TABLE crawl_sites (site TEXT PRIMARY KEY, name TEXT, last_run TEXT, last_success TEXT,"
	"  last_error TEXT, last_error_at TEXT, runs INTEGER NOT NULL DEFAULT 0,"
	"  errors INTEGER NOT NULL DEFAULT 0, items_found INTEGER NOT NULL DEFAULT 0,"
	"  notices_stored INTEGER NOT NULL DEFAULT 0, pages_unmatched INTEGER NOT NULL DEFAULT 0);"
	/* near-duplicates (simhash.h): each notice's text fingerprint and title
	 * key, written with its sizes, and which sources are official (the best to show) */
	"ALTER TABLE notice_sizes ADD COLUMN simhash INTEGER;"
	"ALTER TABLE notice_sizes ADD COLUMN title_key INTEGER;"
	"CREATE INDEX notice_sizes_title_key ON notice_sizes(title_key);"
	"ALTER TABLE sources ADD COLUMN official INTEGER NOT NULL DEFAULT 0;"
	/* the write sequence as a counter that only goes up (max(seq) + 1 came
	 * back down when the last notice written was removed) */
	"CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
	"INSERT INTO store_meta VALUES ('write_seq', (SELECT coalesce(max(seq), 0) FROM notice_sizes));",
	/* 4 → 5: the full-text index in segments of zhengce's own (segment.h)
	 * instead of FTS5, built from the stored texts in the same transaction
	 * (migrate()); deletions leave tombstones for readers' document tables. */
	"DROP TABLE notice_fts;"
	"CREATE TABLE index_segments (id INTEGER PRIMARY KEY AUTOINCREMENT, docs INTEGER NOT NULL,"
	"  bytes INTEGER NOT NULL);"
	"CREATE TABLE index_terms (segment INTEGER NOT NULL, term BLOB NOT NULL, postings BLOB NOT NULL,"
	"  positions BLOB NOT NULL, PRIMARY KEY (segment, term)) WITHOUT ROWID;"
	"CREATE TABLE notice_tombstones (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);",
};
#define SCHEMA_NATIVE_INDEX 5

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FIND_HASH] = "SELECT id, version FROM notices WHERE hash = ?1",
	[ST_FIND_SOURCE] = "SELECT notice_id FROM sources WHERE uri = ?1 AND ordinal = ?2",
	[ST_OTHER_SOURCES] = "SELECT count(*) FROM sources WHERE notice_id = ?1 AND NOT (uri = ?2 AND ordinal = ?3)",
	[ST_LINK_SOURCE] = "INSERT INTO sources (notice_id, uri, ordinal, first_seen, last_seen, etag, last_modified,"
			   " official) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7) ON CONFLICT (uri, ordinal) DO UPDATE"
			   " SET notice_id = excluded.notice_id, last_seen = excluded.last_seen,"
			   " etag = excluded.etag, last_modified = excluded.last_modified, official = excluded.official",
	[ST_INSERT_NOTICE] = "INSERT INTO notices (hash, title, category, doc_number, issued_on,"
			     " deadline, has_conditions, added_at, updated_at)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
	[ST_SET_BODY] = "INSERT OR REPLACE INTO notice_bodies (id, title, text, elements) VALUES (?1, ?2, ?3, ?4)",
	[ST_ARCHIVE] = "INSERT INTO notice_versions (notice_id, version, hash, elements, text, replaced_at)"
		       " SELECT n.id, n.version, n.hash, b.elements, b.text, ?2 FROM notices n"
		       " JOIN notice_bodies b ON b.id = n.id WHERE n.id = ?1",
	[ST_FTS_DELETE] = "INSERT INTO notice_fts (notice_fts, rowid, title, text)"
			  " SELECT 'delete', id, title, text FROM notice_bodies WHERE id = ?1",
	[ST_UPDATE_NOTICE] = "UPDATE notices SET version = version + 1, hash = ?1, title = ?2,"
			     " category = ?3, doc_number = ?4, issued_on = ?5, deadline = ?6,"
			     " has_conditions = ?7, updated_at = ?8"
			     " WHERE id = ?9 RETURNING version",
	[ST_FTS_INSERT] = "INSERT INTO notice_fts (rowid, title, text)"
			  " SELECT id, title, text FROM notice_bodies WHERE id = ?1",
	[ST_DEL_ISSUERS] = "DELETE FROM notice_issuers WHERE notice_id = ?1",
	[ST_DEL_REGIONS] = "DELETE FROM notice_regions WHERE notice_id = ?1",
	[ST_DEL_WINDOWS] = "DELETE FROM notice_windows WHERE notice_id = ?1",
	[ST_DEL_CITES] = "DELETE FROM notice_cites WHERE notice_id = ?1",
	[ST_ADD_ISSUER] = "INSERT OR IGNORE INTO notice_issuers (notice_id, issuer) VALUES (?1, ?2)",
	[ST_ADD_REGION] = "INSERT OR IGNORE INTO notice_regions (notice_id, code) VALUES (?1, ?2)",
	[ST_ADD_WINDOW] = "INSERT INTO notice_windows (notice_id, date_from, date_to, label)"
			  " VALUES (?1, ?2, ?3, ?4)",
	[ST_SET_SIZES] = "INSERT OR REPLACE INTO notice_sizes (id, title_chars, text_chars, seq, simhash, title_key)"
			 " VALUES (?1, ?2, ?3, (SELECT value FROM store_meta WHERE key = 'write_seq'), ?4, ?5)",
	[ST_BUMP_SEQ] = "UPDATE store_meta SET value = value + 1 WHERE key = 'write_seq'",
	[ST_TOMBSTONE] = "INSERT OR REPLACE INTO notice_tombstones (id, seq)"
			 " VALUES (?1, (SELECT value FROM store_meta WHERE key = 'write_seq'))",
	[ST_FIND_NEARDUP] = "SELECT n.id, z.simhash, n.title, n.doc_number, n.issued_on, n.deadline,"
			    " (SELECT group_concat(issuer, char(31)) FROM notice_issuers WHERE notice_id = n.id)"
			    " FROM notice_sizes z JOIN notices n ON n.id = z.id WHERE z.title_key = ?1 AND z.simhash IS NOT NULL"
			    " UNION SELECT n.id, z.simhash, n.title, n.doc_number, n.issued_on, n.deadline,"
			    " (SELECT group_concat(issuer, char(31)) FROM notice_issuers WHERE notice_id = n.id)"
			    " FROM notices n JOIN notice_sizes z ON z.id = n.id WHERE n.doc_number = ?2 AND z.simhash IS NOT NULL",
	[ST_ADD_CITE] = "INSERT INTO notice_cites (notice_id, doc_number, title) VALUES (?1, ?2, ?3)",
};

#define DB(store) ((struct zc_sqlite *)(store))

int zc_sqlite_fail(struct zc_sqlite *s, int rc, const char *what)
{
	int r;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		r = -EBUSY;
		break;
	case SQLITE_NOMEM:
		r = -ENOMEM;
		break;
	case SQLITE_READONLY:
		r = -EROFS;
		break;
	case SQLITE_NOTADB:
		r = -ENOTSUP;
		break;
	default:
		r = -EIO;
	}
	if ((rc & 0xff) == SQLITE_CORRUPT)
		return zc_store_fail(&s->base, r, "%s: the database is damaged (%s); restore it from a backup",
				     s->path, sqlite3_errmsg(s->db));
	if ((rc & 0xff) == SQLITE_NOTADB)
		return zc_store_fail(&s->base, r, "%s: not a zhengce database (not SQLite)", s->path);
	return zc_store_fail(&s->base, r, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

/* The statements as older schemas (kept only by ZC_STORE_SCHEMA, for upgrade tests) need them. */
static const char *legacy_sql(enum stmt_id id, int schema)
{
	if (id == ST_SET_SIZES && schema < 3) /* no write sequence */
		return "INSERT OR REPLACE INTO notice_sizes (id, title_chars, text_chars) VALUES (?1, ?2, ?3)";
	if (id == ST_SET_SIZES && schema < 4) /* no counter */
		return "INSERT OR REPLACE INTO notice_sizes (id, title_chars, text_chars, seq)"
		       " VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM notice_sizes))";
	if (id == ST_BUMP_SEQ && schema < 4)
		return "SELECT 1";
	if (id == ST_LINK_SOURCE && schema < 2) /* no HTTP validators */
		return "INSERT INTO sources (notice_id, uri, ordinal, first_seen, last_seen)"
		       " VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (uri, ordinal) DO UPDATE"
		       " SET notice_id = excluded.notice_id, last_seen = excluded.last_seen";
	if (id == ST_LINK_SOURCE && schema < 4) /* no official flag */
		return "INSERT INTO sources (notice_id, uri, ordinal, first_seen, last_seen, etag, last_modified)"
		       " VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6) ON CONFLICT (uri, ordinal) DO UPDATE"
		       " SET notice_id = excluded.notice_id, last_seen = excluded.last_seen,"
		       " etag = excluded.etag, last_modified = excluded.last_modified";
	return NULL;
}

static sqlite3_stmt *stmt(struct zc_sqlite *s, enum stmt_id id)
{
	const char *sql = legacy_sql(id, s->schema) ? legacy_sql(id, s->schema) : stmt_sql[id];
	if (!s->stmts[id] && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
						&s->stmts[id], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(s->stmts[id]);
	sqlite3_clear_bindings(s->stmts[id]);
	return s->stmts[id];
}

static int exec(struct zc_sqlite *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : zc_sqlite_fail(s, rc, "query failed");
}

/* Run a statement that returns no rows (or ignore them); 0 or an error. */
static int run(struct zc_sqlite *s, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), what);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	int r = rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, what);
	sqlite3_reset(st);
	return r;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && v[0])
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* ---- opening and schema ---- */

static int pragma_int(struct zc_sqlite *s, const char *sql, int *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "cannot read the database header");
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, "cannot read the database header");
}

static int migrate(struct zc_sqlite *s, int from, int to)
{
	char sql[64];
	int r = exec(s, "BEGIN IMMEDIATE");
	if (r < 0)
		return r;
	/* Check again inside the transaction: another process may have upgraded. */
	int now;
	if ((r = pragma_int(s, "PRAGMA user_version", &now)) < 0)
		goto fail;
	if (now != from) {
		exec(s, "ROLLBACK");
		s->schema = now;
		return now >= to ? 0 : migrate(s, now, to);
	}
	if (from == 0 && (r = exec(s, "PRAGMA application_id = 1514685253")) < 0) /* APPLICATION_ID */
		goto fail;
	for (int v = from; v < to; v++)
		if ((r = exec(s, migrations[v])) < 0)
			goto fail;
	s->schema = to;
	if (from < SCHEMA_NATIVE_INDEX && to >= SCHEMA_NATIVE_INDEX && (r = zc_sqlite_index_rebuild(s)) < 0)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", to);
	if ((r = exec(s, sql)) < 0 || (r = exec(s, "COMMIT")) < 0)
		goto fail;
	s->schema = to;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->schema = from;
	zc_doc_table_free(&s->docs);
	zc_sqlite_index_forget(s, NULL);
	return r;
}

static int check_and_upgrade(struct zc_sqlite *s, int target)
{
	int app, version, tables, r;
	if ((r = pragma_int(s, "PRAGMA application_id", &app)) < 0 ||
	    (r = pragma_int(s, "PRAGMA user_version", &version)) < 0 ||
	    (r = pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables)) < 0)
		return r;
	if (app != APPLICATION_ID && (tables > 0 || version > 0))
		return zc_store_fail(&s->base, -ENOTSUP,
				     "%s: an SQLite database of another program, not zhengce's", s->path);
	if (version > (int)(sizeof(migrations) / sizeof(migrations[0])))
		return zc_store_fail(&s->base, -ENOTSUP,
				     "%s: written by a newer zhengce (schema %d; this one knows up to %d)",
				     s->path, version, zc_store_schema_latest());
	s->schema = version;
	if (version >= target)
		return 0;
	if (s->readonly)
		return zc_store_fail(&s->base, -ENOTSUP,
				     "%s: schema %d needs an upgrade to %d: open it once for writing (zhengce stats)",
				     s->path, version, target);
	if (version == 0 && tables == 0) {
		/* A new database: larger pages suit a full-text index (fewer, fuller
		 * pages; about a fifth less ingest time than 4 KiB pages). */
		int r2 = exec(s, "PRAGMA page_size = 16384");
		if (r2 < 0)
			return r2;
	}
	return migrate(s, version, target);
}

static const struct zc_store_ops sqlite_ops;

/* ZC_STORE_SCHEMA (environment, for upgrade tests only): stop migrations at that version. */
static int target_version(void)
{
	int latest = (int)(sizeof(migrations) / sizeof(migrations[0]));
	const char *env = getenv("ZC_STORE_SCHEMA");
	if (env && env[0]) {
		int v = atoi(env);
		if (v >= 1 && v < latest)
			return v;
	}
	return latest;
}

int zc_sqlite_open(const char *path, unsigned flags, struct zc_store **ret, char *errbuf, size_t errlen)
{
	_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == 5, "SCHEMA_LATEST in store.c"); /* schema 5: own full-text index */
	struct stat stbuf;
	*ret = NULL;
	if (stat(path, &stbuf) < 0 && !(flags & ZC_STORE_CREATE)) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s: no database here (zhengce ingest creates one)", path);
		return -ENOENT;
	}
	size_t plen = strlen(path);
	struct zc_sqlite *s = calloc(1, sizeof(*s) + plen + 1);
	if (!s)
		return -ENOMEM;
	s->base.ops = &sqlite_ops;
	s->path = memcpy((char *)(s + 1), path, plen + 1);
	s->readonly = flags & ZC_STORE_READONLY;
	int oflags = s->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | ((flags & ZC_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	int r = 0;
	if (rc != SQLITE_OK) {
		r = zc_sqlite_fail(s, rc, "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if ((r = zc_fts_register(s->db)) < 0) {
		zc_store_fail(&s->base, r, "%s: this SQLite has no FTS5", path);
		goto fail;
	}
	zc_doc_table_init(&s->docs);
	zc_ix_reader_init(&s->ix);
	if ((r = check_and_upgrade(s, target_version())) < 0)
		goto fail;
	if (!s->readonly && (r = exec(s, "PRAGMA journal_mode = WAL")) < 0)
		goto fail;
	if ((r = exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
			 " PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384")) < 0)
		goto fail;
	/* Readers map the file: fewer copies on the search path. */
	if (s->readonly && (r = exec(s, "PRAGMA mmap_size = 2147418112")) < 0) /* SQLite's own cap */
		goto fail;
	*ret = &s->base;
	return 0;
fail:
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s", s->base.error);
	sqlite_ops.close(&s->base);
	return r;
}

static void sq_close(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	if (s->depth > 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	zc_ix_reader_free(&s->ix);
	sqlite3_finalize(s->result_row);
	zc_text_hits_free(&s->hits);
	sqlite3_close_v2(s->db);
	zc_doc_table_free(&s->docs);
	free(s->pending);
	free(s->marks);
	free(s);
}

static int64_t sq_changes(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	sqlite3_stmt *st;
	int64_t v = -1;
	/* data_version counts the commits of other connections; this one's own writes apart */
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0) + s->own_writes;
	sqlite3_finalize(st);
	return v;
}

static int sq_schema_version(const struct zc_store *store)
{
	return DB(store)->schema;
}

/* ---- transactions ---- */

static int sq_begin(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	if (s->readonly)
		return zc_store_fail(store, -EROFS, "%s: opened read-only", s->path);
	char sql[40];
	if (s->depth == 0)
		snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE");
	else
		snprintf(sql, sizeof(sql), "SAVEPOINT sp%d", s->depth);
	if ((size_t)s->depth + 1 >= s->marks_cap) {
		size_t cap = s->marks_cap ? s->marks_cap * 2 : 8;
		struct zc_index_mark *m = realloc(s->marks, cap * sizeof(*m));
		if (!m)
			return zc_store_fail(store, -ENOMEM, "out of memory");
		s->marks = m;
		s->marks_cap = cap;
	}
	int r = exec(s, sql);
	if (r < 0)
		return r;
	s->depth++;
	s->marks[s->depth] = (struct zc_index_mark){s->npending, s->flushed};
	return 0;
}

static int sq_rollback(struct zc_store *store);

static int sq_commit(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	char sql[40];
	if (s->depth <= 0)
		return zc_store_fail(store, -EINVAL, "commit without a transaction");
	if (s->depth == 1)
		snprintf(sql, sizeof(sql), "COMMIT");
	else
		snprintf(sql, sizeof(sql), "RELEASE sp%d", s->depth - 1);
	if (s->depth == 1 && s->schema >= SCHEMA_NATIVE_INDEX) {
		/* The notices written become searchable in this same transaction. */
		int r = zc_sqlite_index_flush(s);
		if (r < 0) {
			char why[sizeof(store->error)];
			memcpy(why, store->error, sizeof(why));
			sq_rollback(store);
			memcpy(store->error, why, sizeof(why));
			return r;
		}
	}
	int r = exec(s, sql);
	if (r == 0)
		s->depth--;
	else if (sqlite3_get_autocommit(s->db))
		s->depth = 0; /* SQLite rolled the transaction back itself */
	if (s->depth == 0)
		s->npending = s->flushed = 0;
	return r;
}

static int sq_rollback(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	char sql[64];
	if (s->depth <= 0)
		return zc_store_fail(store, -EINVAL, "rollback without a transaction");
	if (s->depth == 1)
		snprintf(sql, sizeof(sql), "ROLLBACK");
	else
		snprintf(sql, sizeof(sql), "ROLLBACK TO sp%d; RELEASE sp%d", s->depth - 1, s->depth - 1);
	/* The document table may hold rows read inside the transaction that
	 * are now undone (and whose sequence values come back): start afresh. */
	zc_doc_table_free(&s->docs);
	zc_sqlite_index_forget(s, s->depth == 1 || sqlite3_get_autocommit(s->db) ? NULL : &s->marks[s->depth]);
	if (sqlite3_get_autocommit(s->db)) {
		s->depth = 0; /* already rolled back (by SQLite, after an error): keep that error */
		return 0;
	}
	int r = exec(s, sql);
	s->depth = sqlite3_get_autocommit(s->db) ? 0 : s->depth - 1;
	return r;
}

/* ---- writes ---- */

static char *elements_json(const struct zc_notice *n)
{
	struct zc_buf b;
	zc_buf_init(&b, 0);
	if (zc_notice_elements_json(n, &b) < 0)
		return NULL;
	return zc_buf_detach(&b);
}

static int bind_notice(sqlite3_stmt *st, const struct zc_notice *n, const XXH128_hash_t *h, const char *now)
{
	unsigned char hash[16];
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, *h);
	memcpy(hash, c.digest, sizeof(hash));
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, n->title ? n->title : "", -1, SQLITE_STATIC);
	bind_text(st, 3, n->category);
	bind_text(st, 4, n->doc_number);
	bind_text(st, 5, n->issued_on);
	bind_text(st, 6, n->deadline);
	sqlite3_bind_int(st, 7, n->conditions.n > 0);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	return 0;
}

static int add_side_rows(struct zc_sqlite *s, int64_t id, const struct zc_notice *n)
{
	sqlite3_stmt *st;
	int r = 0;
	for (size_t i = 0; i < n->issuers.n && r == 0; i++) {
		if (!(st = stmt(s, ST_ADD_ISSUER)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, n->issuers.v[i]);
		r = run(s, st, "cannot store an issuer");
	}
	for (size_t i = 0; i < n->regions.n && r == 0; i++) {
		const struct zc_region_ref *g = &ZC_VEC_AT(&n->regions, struct zc_region_ref, i);
		if (!(st = stmt(s, ST_ADD_REGION)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, g->code);
		r = run(s, st, "cannot store a region");
	}
	for (size_t i = 0; i < n->windows.n && r == 0; i++) {
		const struct zc_window *w = &ZC_VEC_AT(&n->windows, struct zc_window, i);
		if (!(st = stmt(s, ST_ADD_WINDOW)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, w->from);
		bind_text(st, 3, w->to);
		bind_text(st, 4, w->label);
		r = run(s, st, "cannot store a window");
	}
	for (size_t i = 0; i < n->cited.n && r == 0; i++) {
		const struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		if (!(st = stmt(s, ST_ADD_CITE)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, c->doc_number);
		bind_text(st, 3, c->title);
		r = run(s, st, "cannot store a citation");
	}
	return r;
}

static int by_id(struct zc_sqlite *s, enum stmt_id which, int64_t id, const char *what)
{
	sqlite3_stmt *st = stmt(s, which);
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return run(s, st, what);
}

static int clear_side_rows(struct zc_sqlite *s, int64_t id)
{
	int r = by_id(s, ST_DEL_ISSUERS, id, "cannot update issuers");
	if (r == 0)
		r = by_id(s, ST_DEL_REGIONS, id, "cannot update regions");
	if (r == 0)
		r = by_id(s, ST_DEL_WINDOWS, id, "cannot update windows");
	if (r == 0)
		r = by_id(s, ST_DEL_CITES, id, "cannot update citations");
	return r;
}

static int link_source(struct zc_sqlite *s, int64_t id, const struct zc_source *src,
		       const XXH128_hash_t *h, const char *now)
{
	char anon[48];
	const char *uri = src ? src->uri : NULL;
	long ordinal = src ? src->ordinal : 0;
	if (!uri) {
		/* Unknown source: known by content only. */
		snprintf(anon, sizeof(anon), "stdin:%016llx%016llx", (unsigned long long)h->high64,
			 (unsigned long long)h->low64);
		uri = anon;
		ordinal = 0;
	}
	sqlite3_stmt *st = stmt(s, ST_LINK_SOURCE);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, uri, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, ordinal);
		sqlite3_bind_text(st, 4, src && src->fetched_at ? src->fetched_at : now, -1, SQLITE_TRANSIENT);
		if (s->schema >= 2) {
			sqlite3_bind_text(st, 5, src ? src->etag : NULL, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 6, src ? src->last_modified : NULL, -1, SQLITE_TRANSIENT);
		}
		if (s->schema >= 4)
			sqlite3_bind_int(st, 7, src && src->official);
	}
	return run(s, st, "cannot record the source");
}

/* Look a hash up; 1 and *id when found, 0 when not, or an error. */
static int find_hash(struct zc_sqlite *s, const XXH128_hash_t *h, int64_t *id, int *version)
{
	XXH128_canonical_t c;
	XXH128_canonicalFromHash(&c, *h);
	sqlite3_stmt *st = stmt(s, ST_FIND_HASH);
	if (!st)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
	sqlite3_bind_blob(st, 1, c.digest, sizeof(c.digest), SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, "lookup failed");
}

static int find_source(struct zc_sqlite *s, const struct zc_source *src, int64_t *id)
{
	if (!src || !src->uri)
		return 0;
	sqlite3_stmt *st = stmt(s, ST_FIND_SOURCE);
	if (!st)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
	sqlite3_bind_text(st, 1, src->uri, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, src->ordinal);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, "lookup failed");
}

/* 1 when src is the only source of notice id, 0 when others hold it too. */
static int sole_source(struct zc_sqlite *s, int64_t id, const struct zc_source *src)
{
	sqlite3_stmt *st = stmt(s, ST_OTHER_SOURCES);
	if (!st)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, src->uri, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, src->ordinal);
	int rc = sqlite3_step(st);
	int others = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return zc_sqlite_fail(s, rc, "lookup failed");
	return others > 0 ? 0 : 1;
}

/* Two values of a key element disagree: both present and different. */
static bool disagree(const char *a, const char *b)
{
	return a && b && *a && *b && strcmp(a, b) != 0;
}

/* Issuers disagree when both notices name some and none in common
 * (stored: joined by U+001F). */
static bool other_issuers(const char *stored, const struct zc_strv *issuers)
{
	if (!stored || !*stored || !issuers->n)
		return false;
	for (const char *p = stored; *p;) {
		size_t n = strcspn(p, "\x1f");
		for (size_t i = 0; i < issuers->n; i++)
			if (strlen(issuers->v[i]) == n && !strncmp(issuers->v[i], p, n))
				return false;
		p += n + (p[n] != '\0');
	}
	return true;
}

struct neardup {
	const struct zc_notice *n;
	uint64_t h;
	int64_t id; /* the match, 0 when none */
	int best;
};

static int row_neardup(sqlite3_stmt *st, void *arg)
{
	struct neardup *d = arg;
	int bits = zc_hamming(d->h, (uint64_t)sqlite3_column_int64(st, 1));
	const char *title = (const char *)sqlite3_column_text(st, 2), *doc = (const char *)sqlite3_column_text(st, 3);
	const char *issued = (const char *)sqlite3_column_text(st, 4), *deadline = (const char *)sqlite3_column_text(st, 5);
	bool titled = title && *title && d->n->title && *d->n->title;
	if (bits > ZC_NEARDUP_BITS || bits >= d->best || disagree(doc, d->n->doc_number) ||
	    disagree(issued, d->n->issued_on) || disagree(deadline, d->n->deadline) ||
	    (titled && zc_title_key(title) != zc_title_key(d->n->title)) ||
	    other_issuers((const char *)sqlite3_column_text(st, 6), &d->n->issuers))
		return 0;
	d->id = sqlite3_column_int64(st, 0);
	d->best = bits;
	return 0;
}

/* The stored notice this one nearly duplicates: the same title (or 文号),
 * the text's fingerprint within ZC_NEARDUP_BITS, no key element in
 * disagreement. 1 and *id, or 0. */
static int find_neardup(struct zc_sqlite *s, const struct zc_notice *n, uint64_t h, int64_t *id)
{
	if (s->schema < 4 || !h || ((!n->title || !*n->title) && !n->doc_number))
		return 0;
	sqlite3_stmt *st = stmt(s, ST_FIND_NEARDUP);
	int rc;
	if (!st)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "cannot look for near-duplicates");
	if (n->title && *n->title)
		sqlite3_bind_int64(st, 1, (int64_t)zc_title_key(n->title));
	if (n->doc_number)
		sqlite3_bind_text(st, 2, n->doc_number, -1, SQLITE_STATIC);
	struct neardup d = {n, h, 0, ZC_NEARDUP_BITS + 1};
	int r = 0;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row_neardup(st, &d);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return zc_sqlite_fail(s, rc, "cannot look for near-duplicates");
	*id = d.id;
	return d.id != 0;
}

static int find_version(struct zc_sqlite *s, int64_t id, int *version)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT version FROM notices WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "query failed");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : zc_sqlite_fail(s, rc, "query failed");
}

/* Does any of the notice's sources count as official? */
static int has_official_source(struct zc_sqlite *s, int64_t id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sources WHERE notice_id = ?1 AND official", -1, &st, NULL) != SQLITE_OK)
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "query failed");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : zc_sqlite_fail(s, rc, "query failed");
}

static int put_body(struct zc_sqlite *s, const struct zc_notice *n, const struct zc_source *src,
		    struct zc_put_result *res, const char *elements, const char *now)
{
	const char *text = n->text ? n->text : "";
	XXH128_hash_t h = XXH3_128bits(text, strlen(text));
	int64_t id = 0;
	int version = 0, r;
	if ((r = find_hash(s, &h, &id, &version)) < 0)
		return r;
	if (r == 1) {
		res->id = id;
		res->version = version;
		res->status = ZC_PUT_UNCHANGED;
		return link_source(s, id, src, &h, now);
	}
	if ((r = find_source(s, src, &id)) < 0)
		return r;
	/* A notice other sources still hold as it was is not this source's to
	 * change: the new text is a notice of its own, and the source moves to it. */
	if (r == 1 && (r = sole_source(s, id, src)) < 0)
		return r;
	uint64_t fingerprint = zc_simhash(n->title, text);
	bool merged = false;
	if (r == 0) {
		/* The same notice from elsewhere (a repost, a mirror, a digest):
		 * one notice with all its sources. An official source's text
		 * replaces one that no official source holds (a new version). */
		int64_t dup = 0;
		if ((r = find_neardup(s, n, fingerprint, &dup)) < 0)
			return r;
		if (r == 1) {
			int official = src && src->official ? has_official_source(s, dup) : 1;
			if (official < 0)
				return official;
			if (official) {
				int v = 0;
				if ((r = find_version(s, dup, &v)) < 0)
					return r;
				res->id = dup;
				res->version = v;
				res->status = ZC_PUT_MERGED;
				return link_source(s, dup, src, &h, now);
			}
			id = dup;
			merged = true;
		}
	}
	sqlite3_stmt *st;
	if (r == 1) {
		/* The same place now holds a different text: a new version. */
		if ((st = stmt(s, ST_ARCHIVE)))
			sqlite3_bind_int64(st, 1, id), sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		if ((r = run(s, st, "cannot keep the old version")) < 0 ||
		    (s->schema < SCHEMA_NATIVE_INDEX && (r = by_id(s, ST_FTS_DELETE, id, "cannot unindex the old version")) < 0) ||
		    (r = clear_side_rows(s, id)) < 0)
			return r;
		if (!(st = stmt(s, ST_UPDATE_NOTICE)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		bind_notice(st, n, &h, now);
		sqlite3_bind_int64(st, 9, id);
		int rc = sqlite3_step(st);
		version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		if (rc == SQLITE_ROW)
			rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return zc_sqlite_fail(s, rc, "cannot update the notice");
		res->status = merged ? ZC_PUT_MERGED : ZC_PUT_UPDATED;
	} else {
		if (!(st = stmt(s, ST_INSERT_NOTICE)))
			return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
		bind_notice(st, n, &h, now);
		if ((r = run(s, st, "cannot store the notice")) < 0)
			return r;
		id = sqlite3_last_insert_rowid(s->db);
		version = 1;
		res->status = ZC_PUT_ADDED;
	}
	res->id = id;
	res->version = version;
	if (!(st = stmt(s, ST_SET_BODY)))
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, n->title ? n->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, elements, -1, SQLITE_STATIC);
	if ((r = run(s, st, "cannot store the notice's text")) < 0)
		return r;
	if ((r = run(s, stmt(s, ST_BUMP_SEQ), "cannot count the write")) < 0)
		return r;
	if (!(st = stmt(s, ST_SET_SIZES)))
		return zc_sqlite_fail(s, sqlite3_errcode(s->db), "prepare");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)zc_utf8_count(n->title ? n->title : "", n->title ? strlen(n->title) : 0));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)zc_utf8_count(text, strlen(text)));
	if (s->schema >= 4) { /* near-duplicates: 0 is no fingerprint (too short) */
		if (fingerprint)
			sqlite3_bind_int64(st, 4, (int64_t)fingerprint);
		if (n->title && *n->title)
			sqlite3_bind_int64(st, 5, (int64_t)zc_title_key(n->title));
	}
	if ((r = run(s, st, "cannot store the notice's size")) < 0)
		return r;
	s->docs.stale = true; /* data_version ignores this connection's writes */
	s->own_writes++;
	r = s->schema >= SCHEMA_NATIVE_INDEX ? zc_sqlite_index_note(s, id) : by_id(s, ST_FTS_INSERT, id, "cannot index the notice");
	if (r < 0 || (r = add_side_rows(s, id, n)) < 0)
		return r;
	return link_source(s, id, src, &h, now);
}

static int sq_put(struct zc_store *store, const struct zc_notice *n, const struct zc_source *src,
		  struct zc_put_result *res)
{
	struct zc_sqlite *s = DB(store);
	char now[21];
	struct zc_put_result ignored;
	if (!res)
		res = &ignored;
	memset(res, 0, sizeof(*res));
	char *elements = elements_json(n);
	if (!elements)
		return zc_store_fail(store, -ENOMEM, "out of memory");
	zc_now_utc(now);
	int r = sq_begin(store);
	if (r == 0) {
		r = put_body(s, n, src, res, elements, now);
		int r2 = r == 0 ? sq_commit(store) : sq_rollback(store);
		r = r ? r : r2;
	}
	free(elements);
	return r;
}

static int sq_remove(struct zc_store *store, int64_t id)
{
	struct zc_sqlite *s = DB(store);
	int r = sq_begin(store);
	if (r < 0)
		return r;
	s->docs.stale = true; /* data_version ignores this connection's writes */
	s->own_writes++;
	if (s->schema >= SCHEMA_NATIVE_INDEX) {
		/* Readers' document tables drop the notice when they see its tombstone. */
		if ((r = run(s, stmt(s, ST_BUMP_SEQ), "cannot count the write")) == 0)
			r = by_id(s, ST_TOMBSTONE, id, "cannot record the deletion");
	} else {
		r = by_id(s, ST_FTS_DELETE, id, "cannot unindex the notice");
	}
	if (r == 0) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(s->db, "DELETE FROM notices WHERE id = ?1", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			rc = sqlite3_step(st);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			r = zc_sqlite_fail(s, rc, "cannot delete the notice");
		else if (sqlite3_changes(s->db) == 0)
			r = zc_store_fail(store, -ENOENT, "no notice %lld", (long long)id);
	}
	int r2 = r == 0 ? sq_commit(store) : sq_rollback(store);
	return r ? r : r2;
}

/* ---- reads ---- */

/* Run sql with one bound int64 or text and call row() per result row. */
static int query_rows(struct zc_sqlite *s, const char *sql, int64_t id, const char *text,
		      int (*row)(sqlite3_stmt *, void *), void *arg)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "query failed");
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	int r = 0;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row(st, arg);
	if (r == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = zc_sqlite_fail(s, rc, "query failed");
	sqlite3_finalize(st);
	return r;
}

static int row_resolve(sqlite3_stmt *st, void *arg)
{
	*(int64_t *)arg = sqlite3_column_int64(st, 0);
	return 1;
}

static int sq_resolve(struct zc_store *store, const char *key, int64_t *id)
{
	struct zc_sqlite *s = DB(store);
	char norm[256];
	*id = 0;
	const char *p = key;
	while (*p >= '0' && *p <= '9')
		p++;
	int r;
	if (*key && !*p && p - key < 19) {
		r = query_rows(s, "SELECT id FROM notices WHERE id = ?1", strtoll(key, NULL, 10), NULL,
			       row_resolve, id);
	} else if (zc_doc_number_normalize(key, norm, sizeof(norm))) {
		r = query_rows(s, "SELECT id FROM notices WHERE doc_number = ?1 ORDER BY issued_on DESC, id DESC LIMIT 1",
			       0, norm, row_resolve, id);
	} else {
		r = 0;
	}
	if (r < 0)
		return r;
	return r == 1 ? 0 : zc_store_fail(store, -ENOENT, "no notice with id or 文号 '%s'", key);
}

/* A text column as JSON; bytes that are not UTF-8 (a file name in GBK)
 * become U+FFFD rather than losing the value. */
static json_t *col_json(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	if (!v)
		return json_null();
	json_t *o = json_string(v);
	if (o)
		return o;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	for (const char *p = v, *end = v + strlen(v); p < end;) {
		const char *q = p;
		char u[4];
		uint32_t c = zc_utf8_next(&q, end);
		if (zc_buf_add(&b, u, zc_utf8_put(u, c)) < 0)
			break;
		p = q;
	}
	o = json_stringn(b.data ? b.data : "", b.len);
	zc_buf_free(&b);
	return o ? o : json_null();
}

static int row_one_source(sqlite3_stmt *st, void *arg)
{
	*(json_t **)arg = json_pack("{s:o,s:I,s:o,s:o,s:o,s:o}", "uri", col_json(st, 0), "notice_id",
				    (json_int_t)sqlite3_column_int64(st, 1), "etag", col_json(st, 2), "last_modified",
				    col_json(st, 3), "first_seen", col_json(st, 4), "last_seen", col_json(st, 5));
	return 1;
}

static json_t *sq_source(struct zc_store *store, const char *uri, int *err)
{
	struct zc_sqlite *s = DB(store);
	json_t *o = NULL;
	int r = query_rows(s, "SELECT uri, notice_id, etag, last_modified, first_seen, last_seen FROM sources"
			      " WHERE uri = ?1 ORDER BY ordinal LIMIT 1",
			   0, uri, row_one_source, &o);
	if (r < 0 || !o) {
		*err = r < 0 ? r : zc_store_fail(store, -ENOENT, "%s: not seen before", uri);
		return NULL;
	}
	return o;
}

static int sq_touch_source(struct zc_store *store, const char *uri, const char *when)
{
	struct zc_sqlite *s = DB(store);
	char now[21];
	zc_now_utc(now);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "UPDATE sources SET last_seen = ?2 WHERE uri = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return zc_sqlite_fail(s, rc, "cannot record the source");
	sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, when ? when : now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return zc_sqlite_fail(s, rc, "cannot record the source");
	return sqlite3_changes(s->db) ? 0 : zc_store_fail(store, -ENOENT, "%s: not seen before", uri);
}

static int row_source(sqlite3_stmt *st, void *arg)
{
	json_array_append_new(arg, json_pack("{s:o,s:I,s:o,s:o,s:o,s:o,s:b}", "uri", col_json(st, 0),
					     "ordinal", (json_int_t)sqlite3_column_int64(st, 1),
					     "first_seen", col_json(st, 2), "last_seen", col_json(st, 3),
					     "etag", col_json(st, 4), "last_modified", col_json(st, 5),
					     "official", sqlite3_column_int(st, 6) != 0));
	return 0;
}

static int row_version(sqlite3_stmt *st, void *arg)
{
	json_t *v = json_pack("{s:i,s:o,s:o}", "version", sqlite3_column_int(st, 0), "replaced_at",
			      col_json(st, 1), "title", col_json(st, 2));
	json_t *text = col_json(st, 3);
	json_object_set_new(v, "text", text);
	json_array_append_new(arg, v);
	return 0;
}

static int row_cite(sqlite3_stmt *st, void *arg)
{
	json_t *c = json_pack("{s:o,s:o,s:o}", "title", col_json(st, 0), "doc_number", col_json(st, 1),
			      "id", sqlite3_column_type(st, 2) == SQLITE_NULL
					    ? json_null()
					    : json_integer(sqlite3_column_int64(st, 2)));
	json_array_append_new(arg, c);
	return 0;
}

static int row_citer(sqlite3_stmt *st, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I,s:o,s:o,s:o}", "id",
					     (json_int_t)sqlite3_column_int64(st, 0), "title",
					     col_json(st, 1), "doc_number", col_json(st, 2),
					     "issued_on", col_json(st, 3)));
	return 0;
}

struct record {
	json_t *o;
};

static int row_notice(sqlite3_stmt *st, void *arg)
{
	struct record *rec = arg;
	json_error_t e;
	const char *elements = (const char *)sqlite3_column_text(st, 2);
	rec->o = json_loads(elements ? elements : "{}", 0, &e);
	if (!rec->o)
		return -EIO;
	json_t *o = json_pack("{s:I,s:i}", "id", (json_int_t)sqlite3_column_int64(st, 0), "version",
			      sqlite3_column_int(st, 1));
	json_object_update(o, rec->o);
	json_decref(rec->o);
	rec->o = o;
	json_object_set_new(o, "text", col_json(st, 3));
	json_object_set_new(o, "added_at", col_json(st, 4));
	json_object_set_new(o, "updated_at", col_json(st, 5));
	return 1;
}

static json_t *sq_get(struct zc_store *store, int64_t id, int *err)
{
	struct zc_sqlite *s = DB(store);
	struct record rec = {NULL};
	int dummy;
	err = err ? err : &dummy;
	int r = query_rows(s, "SELECT n.id, n.version, b.elements, b.text, n.added_at, n.updated_at FROM notices n"
			      " JOIN notice_bodies b ON b.id = n.id WHERE n.id = ?1",
			   id, NULL, row_notice, &rec);
	if (r == -EIO && !rec.o)
		r = zc_store_fail(store, -EIO, "notice %lld: its stored elements are not JSON", (long long)id);
	if (r <= 0) {
		*err = r < 0 ? r : zc_store_fail(store, -ENOENT, "no notice %lld", (long long)id);
		json_decref(rec.o);
		return NULL;
	}
	json_t *o = rec.o, *sources = json_array(), *versions = json_array(), *cites = json_array(),
	       *cited_by = json_array();
	json_object_set_new(o, "sources", sources);
	json_object_set_new(o, "versions", versions);
	json_object_set_new(o, "cites", cites);
	json_object_set_new(o, "cited_by", cited_by);
	if ((r = query_rows(s, "SELECT uri, ordinal, first_seen, last_seen, etag, last_modified, official FROM sources"
			       " WHERE notice_id = ?1 ORDER BY official DESC, first_seen, id", id, NULL, row_source, sources)) < 0 ||
	    (r = query_rows(s, "SELECT version, replaced_at, json_extract(elements, '$.title'), text"
			       " FROM notice_versions WHERE notice_id = ?1 ORDER BY version DESC",
			    id, NULL, row_version, versions)) < 0 ||
	    (r = query_rows(s, "SELECT c.title, c.doc_number, (SELECT m.id FROM notices m WHERE"
			       " (c.doc_number IS NOT NULL AND m.doc_number = c.doc_number) OR"
			       " (c.doc_number IS NULL AND m.title = c.title) ORDER BY m.id LIMIT 1)"
			       " FROM notice_cites c WHERE c.notice_id = ?1 ORDER BY rowid",
			    id, NULL, row_cite, cites)) < 0 ||
	    (r = query_rows(s, "SELECT DISTINCT m.id, m.title, m.doc_number, m.issued_on FROM notices n"
			       " JOIN notice_cites c ON (n.doc_number IS NOT NULL AND c.doc_number = n.doc_number)"
			       "   OR (n.title <> '' AND c.title = n.title)"
			       " JOIN notices m ON m.id = c.notice_id"
			       " WHERE n.id = ?1 AND m.id <> n.id ORDER BY m.issued_on DESC, m.id",
			    id, NULL, row_citer, cited_by)) < 0) {
		*err = r;
		json_decref(o);
		return NULL;
	}
	*err = 0;
	return o;
}

static int64_t scalar(struct zc_sqlite *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int row_count_by(sqlite3_stmt *st, void *arg)
{
	const char *k = (const char *)sqlite3_column_text(st, 0);
	json_object_set_new(arg, k ? k : "", json_integer(sqlite3_column_int64(st, 1)));
	return 0;
}

static json_t *sq_stats(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	int64_t page_size = scalar(s, "PRAGMA page_size");
	json_t *o = json_pack("{s:s,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "database", s->path,
			      "schema", s->schema, "notices", (json_int_t)scalar(s, "SELECT count(*) FROM notices"),
			      "versions", (json_int_t)scalar(s, "SELECT count(*) FROM notice_versions"),
			      "sources", (json_int_t)scalar(s, "SELECT count(*) FROM sources"),
			      "open_notices", (json_int_t)scalar(s, "SELECT count(*) FROM notices n WHERE n.deadline >= date('now', 'localtime')"
								      " OR EXISTS (SELECT 1 FROM notice_windows w WHERE w.notice_id = n.id"
								      " AND w.date_from <= date('now', 'localtime') AND w.date_to >= date('now', 'localtime'))"),
			      "text_bytes", (json_int_t)scalar(s, "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM notice_bodies"),
			      "index_bytes", (json_int_t)scalar(s, s->schema >= SCHEMA_NATIVE_INDEX
									? "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('index_segments', 'index_terms')"
									: "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'notice\\_fts%' ESCAPE '\\'"),
			      "file_bytes", (json_int_t)(scalar(s, "PRAGMA page_count") * page_size),
			      "freelist_bytes", (json_int_t)(scalar(s, "PRAGMA freelist_count") * page_size));
	if (!o)
		return NULL;
	json_t *cats = json_object();
	json_object_set_new(o, "categories", cats);
	query_rows(s, "SELECT coalesce(category, ''), count(*) FROM notices WHERE ?1 = 0 GROUP BY 1 ORDER BY 2 DESC",
		   0, NULL, row_count_by, cats);
	json_t *last = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT max(updated_at) FROM notices", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		last = col_json(st, 0);
	sqlite3_finalize(st);
	json_object_set_new(o, "last_ingest", last ? last : json_null());
	return o;
}

static int row_integrity(sqlite3_stmt *st, void *arg)
{
	const char *v = (const char *)sqlite3_column_text(st, 0);
	if (v && strcmp(v, "ok")) {
		snprintf(arg, 256, "%s", v);
		return 1;
	}
	return 0;
}

static int sq_check(struct zc_store *store)
{
	struct zc_sqlite *s = DB(store);
	char problem[256] = "";
	int r = query_rows(s, "SELECT * FROM pragma_integrity_check WHERE ?1 = 0", 0, NULL, row_integrity, problem);
	if (r < 0)
		return r;
	if (problem[0])
		return zc_store_fail(store, -EIO, "%s: %s", s->path, problem);
	if (s->schema >= SCHEMA_NATIVE_INDEX)
		return zc_sqlite_index_check(s);
	/* The index against the texts (FTS5 re-tokenizes every row). */
	int rc = sqlite3_exec(s->db, "INSERT INTO notice_fts (notice_fts, rank) VALUES ('integrity-check', 1)",
			      NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return zc_store_fail(store, -EIO, "%s: the full-text index does not match the texts (%s)", s->path,
				     sqlite3_errmsg(s->db));
	return 0;
}

static int sq_maintain(struct zc_store *store, size_t changed)
{
	struct zc_sqlite *s = DB(store);
	if (changed == 0)
		return 0;
	if (s->readonly)
		return zc_store_fail(store, -EROFS, "%s: opened read-only", s->path);
	int64_t total = scalar(s, "SELECT count(*) FROM notices");
	/* A large change: merge the index into one segment. A small one: the
	 * tiers commits keep are enough (FTS5: a bounded incremental merge). */
	bool large = (int64_t)changed * 10 >= total;
	int r;
	if (s->schema >= SCHEMA_NATIVE_INDEX) {
		if ((r = sq_begin(store)) == 0) {
			r = zc_sqlite_index_optimize(s, large);
			int r2 = r == 0 ? sq_commit(store) : sq_rollback(store);
			r = r ? r : r2;
		}
	} else {
		r = exec(s, large ? "INSERT INTO notice_fts (notice_fts) VALUES ('optimize')"
				  : "INSERT INTO notice_fts (notice_fts, rank) VALUES ('merge', 200)");
	}
	/* Copy the write-ahead log into the database: readers then read the
	 * (memory-mapped) file again instead of looking every page up in a log
	 * that a merge has just filled with the whole index. Passive: it never
	 * waits for readers. */
	if (r == 0 && s->depth == 0)
		sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return r;
}

struct export_state {
	int (*fn)(json_t *, void *);
	void *arg;
};

static int row_export(sqlite3_stmt *st, void *arg)
{
	struct export_state *ex = arg;
	struct record rec = {NULL};
	if (row_notice(st, &rec) != 1)
		return -EIO;
	json_object_del(rec.o, "added_at");
	json_object_del(rec.o, "updated_at");
	int r = ex->fn(rec.o, ex->arg);
	json_decref(rec.o);
	return r;
}

static int sq_export(struct zc_store *store, int (*fn)(json_t *, void *), void *arg)
{
	struct export_state ex = {fn, arg};
	return query_rows(DB(store), "SELECT n.id, n.version, b.elements, b.text, n.added_at, n.updated_at"
				     " FROM notices n JOIN notice_bodies b ON b.id = n.id WHERE ?1 = 0 ORDER BY n.id",
			  0, NULL, row_export, &ex);
}

static const struct zc_store_ops sqlite_ops = {
	.close = sq_close,
	.schema_version = sq_schema_version,
	.changes = sq_changes,
	.source = sq_source,
	.crawl_page_get = zc_sqlite_crawl_page_get,
	.crawl_page_put = zc_sqlite_crawl_page_put,
	.crawl_site_put = zc_sqlite_crawl_site_put,
	.crawl_sites = zc_sqlite_crawl_sites,
	.touch_source = sq_touch_source,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.put = sq_put,
	.remove = sq_remove,
	.resolve = sq_resolve,
	.get = sq_get,
	.search = zc_sqlite_search,
	.stats = sq_stats,
	.check = sq_check,
	.maintain = sq_maintain,
	.export = sq_export,
};
