/*
 * segment.h: the full-text index of the SQLite store (internal), kept as
 * immutable segments in two tables of the database itself, so that it is
 * written in the same transactions as the notices it indexes:
 *
 *   index_segments (id, docs, bytes)
 *   index_terms    (segment, term, postings, positions)   WITHOUT ROWID
 *
 * A segment indexes some notices, each as it was at one write: the row of
 * term x'' lists them (count, then per notice its id as the gap from the
 * previous one and the write sequence of the version indexed, varints),
 * in the order of ids; their position in that list is their ordinal in
 * the segment's posting lists (postings.h). The other rows are the terms
 * (tokens.h): a character's UTF-8 bytes, or 0x01 and an ASCII word.
 *
 * A notice's postings in a segment are live while the store's current
 * version of the notice is the one the segment indexed (same write
 * sequence, doctable.h): a new version or a deletion makes the old
 * postings dead without touching them, and merging segments drops them.
 */
#ifndef ZC_STORE_SEGMENT_H
#define ZC_STORE_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/postings.h"

#define ZC_IX_WORD_MARK 0x01

/* ---- building ---- */

struct zc_ix_builder;

/* A new, empty segment in memory; NULL when out of memory. */
struct zc_ix_builder *zc_ix_builder_new(void);
void zc_ix_builder_free(struct zc_ix_builder *b);

/* Index notice id (above every id added before) at write sequence seq. 0 or -ENOMEM. */
int zc_ix_builder_add(struct zc_ix_builder *b, int64_t id, int64_t seq, const char *title, size_t title_len,
		      const char *text, size_t text_len);
/* Notices added, and the memory their postings take (bytes, roughly). */
size_t zc_ix_builder_docs(const struct zc_ix_builder *b);
size_t zc_ix_builder_bytes(const struct zc_ix_builder *b);

/* Write the segment into db (inside the caller's transaction); *segment: its id. 0 or a negative errno. */
int zc_ix_builder_write(struct zc_ix_builder *b, sqlite3 *db, int64_t *segment);

/* Is the version (id, seq) of a notice the store's current one? */
typedef bool (*zc_ix_live_fn)(void *arg, int64_t id, int64_t seq);

/*
 * Merge segments segs[0..n) into one that holds their live postings, and
 * delete them (inside the caller's transaction). *segment: the new one's
 * id, 0 when nothing was live. 0 or a negative errno.
 */
int zc_ix_merge(sqlite3 *db, const int64_t *segs, size_t n, zc_ix_live_fn live, void *arg, int64_t *segment);

/* ---- reading ---- */

struct zc_ix_term; /* a cached posting list */

struct zc_ix_segment {
	int64_t id;
	uint32_t ndocs;
	int64_t *ids, *seqs;   /* by ordinal */
	uint8_t *live;         /* by ordinal, as of live_stamp */
	uint64_t live_stamp;
	struct zc_ix_term **terms; /* open addressing */
	size_t nterms, cap;
	size_t bytes;              /* cached */
};

struct zc_ix_reader {
	struct zc_ix_segment **segs; /* by id */
	size_t n;
	sqlite3 *db;
	sqlite3_stmt *get_term, *get_pos;
};

void zc_ix_reader_init(struct zc_ix_reader *r);
void zc_ix_reader_free(struct zc_ix_reader *r);

/* Bring the list of segments up to date with db (inside a read transaction).
 * 0, -ENOMEM, -EIO or -EBADMSG (a damaged segment). */
int zc_ix_reader_refresh(struct zc_ix_reader *r, sqlite3 *db);

/*
 * The posting list of term key[0..len) in segment s, with its positions
 * attached when asked: *out, or NULL when the segment has none. Lists are
 * cached until the segment goes, or until the next refresh when the cache
 * has outgrown its budget. 0, -ENOMEM, -EIO or -EBADMSG.
 */
int zc_ix_term(struct zc_ix_reader *r, struct zc_ix_segment *s, const void *key, size_t len, bool positions,
	       const struct zc_plist **out);

/*
 * Call fn for the posting list of every word term of segment s starting
 * with prefix[0..len) (lower case, without the mark). Stops at fn's first
 * non-zero return and returns it; else 0 or -EIO / -EBADMSG.
 */
int zc_ix_words(struct zc_ix_reader *r, struct zc_ix_segment *s, const char *prefix, size_t len,
		int (*fn)(void *arg, const struct zc_plist *l), void *arg);

/* Recompute s->live for stamp when it is older. 0 or -ENOMEM. */
int zc_ix_segment_liveness(struct zc_ix_segment *s, uint64_t stamp, zc_ix_live_fn live, void *arg);

/*
 * Check every segment of db: each list decodes within its bounds, and
 * each live notice is indexed once. Returns 0, or -EBADMSG with a
 * description in why.
 */
int zc_ix_check(sqlite3 *db, zc_ix_live_fn live, void *arg, int64_t live_notices, char *why, size_t whylen);

#endif
