/*
 * segment.c: building, merging and reading the segments of the full-text
 * index (see segment.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/segment.h"
#include "store/tokens.h"
#include "utf8.h"
#include "banned.h"

#define MAX_KEY (1 + ZC_TOKEN_MAX_WORD)

/* ======================================================================
 * Building
 * ====================================================================== */

/* One term's postings under construction. */
struct acc {
	struct zc_plist_writer w;
	uint32_t *pos; /* the current notice's positions: title's, then body's */
	uint32_t npos, cap, ntitle;
	int64_t doc;   /* ordinal of the notice pos belongs to; -1: none */
	uint32_t index; /* in the builder's accs */
	uint8_t keylen;
	char key[MAX_KEY];
};

struct zc_ix_builder {
	struct acc **accs;
	size_t naccs, accs_cap;
	uint32_t *slots; /* open addressing over accs: 1 + index, 0 empty */
	size_t nslots;
	uint32_t *touched; /* accs the current notice holds */
	size_t ntouched, touched_cap;
	int64_t *ids, *seqs;
	size_t ndocs, docs_cap;
	size_t bytes;
	uint32_t section_base; /* 0 while the title is cut, else the body's */
	bool in_body;
	struct zc_buf scratch;
};

struct zc_ix_builder *zc_ix_builder_new(void)
{
	struct zc_ix_builder *b = calloc(1, sizeof(*b));
	if (b)
		zc_buf_init(&b->scratch, 0);
	return b;
}

void zc_ix_builder_free(struct zc_ix_builder *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->naccs; i++) {
		zc_plist_writer_free(&b->accs[i]->w);
		free(b->accs[i]->pos);
		free(b->accs[i]);
	}
	free(b->accs);
	free(b->slots);
	free(b->touched);
	free(b->ids);
	free(b->seqs);
	zc_buf_free(&b->scratch);
	free(b);
}

size_t zc_ix_builder_docs(const struct zc_ix_builder *b)
{
	return b->ndocs;
}

size_t zc_ix_builder_bytes(const struct zc_ix_builder *b)
{
	return b->bytes + b->naccs * sizeof(struct acc);
}

static int grow_slots(struct zc_ix_builder *b)
{
	size_t nslots = b->nslots ? b->nslots * 2 : 4096;
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < b->naccs; i++) {
		size_t h = (size_t)XXH3_64bits(b->accs[i]->key, b->accs[i]->keylen) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(b->slots);
	b->slots = slots;
	b->nslots = nslots;
	return 0;
}

/* The accumulator of term key[0..len), created when new; NULL when out of memory. */
static struct acc *acc_of(struct zc_ix_builder *b, const char *key, size_t len)
{
	if ((b->naccs + 1) * 2 > b->nslots && grow_slots(b) < 0)
		return NULL;
	size_t h = (size_t)XXH3_64bits(key, len) & (b->nslots - 1);
	for (; b->slots[h]; h = (h + 1) & (b->nslots - 1)) {
		struct acc *a = b->accs[b->slots[h] - 1];
		if (a->keylen == len && !memcmp(a->key, key, len))
			return a;
	}
	if (b->naccs == b->accs_cap) {
		size_t cap = b->accs_cap ? b->accs_cap * 2 : 1024;
		struct acc **accs = realloc(b->accs, cap * sizeof(*accs));
		if (!accs)
			return NULL;
		b->accs = accs;
		b->accs_cap = cap;
	}
	struct acc *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	zc_plist_writer_init(&a->w, key[0] != ZC_IX_WORD_MARK);
	a->doc = -1;
	a->keylen = (uint8_t)len;
	memcpy(a->key, key, len);
	a->index = (uint32_t)b->naccs;
	b->accs[b->naccs++] = a;
	b->slots[h] = (uint32_t)b->naccs;
	return a;
}

static int occur(struct zc_ix_builder *b, const char *key, size_t len, uint32_t pos)
{
	struct acc *a = acc_of(b, key, len);
	if (!a)
		return -ENOMEM;
	int64_t doc = (int64_t)b->ndocs;
	if (a->doc != doc) {
		if (b->ntouched == b->touched_cap) {
			size_t cap = b->touched_cap ? b->touched_cap * 2 : 1024;
			uint32_t *t = realloc(b->touched, cap * sizeof(*t));
			if (!t)
				return -ENOMEM;
			b->touched = t;
			b->touched_cap = cap;
		}
		b->touched[b->ntouched++] = a->index;
		a->doc = doc;
		a->npos = a->ntitle = 0;
	}
	if (a->npos == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 4;
		uint32_t *p = realloc(a->pos, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		a->pos = p;
		a->cap = cap;
	}
	a->pos[a->npos++] = pos;
	a->ntitle += !b->in_body;
	return 0;
}

static int on_char(void *ctx, uint32_t c, uint32_t pos)
{
	char key[4];
	size_t n = zc_utf8_put(key, c);
	return occur(ctx, key, n, pos);
}

static int on_word(void *ctx, const char *w, size_t len, uint32_t pos)
{
	char key[MAX_KEY];
	key[0] = ZC_IX_WORD_MARK;
	memcpy(key + 1, w, len);
	return occur(ctx, key, len + 1, pos);
}

/* Append the current notice's entry to every list it touched. */
static int flush_doc(struct zc_ix_builder *b)
{
	uint32_t ord = (uint32_t)b->ndocs;
	for (size_t i = 0; i < b->ntouched; i++) {
		struct acc *a = b->accs[b->touched[i]];
		zc_buf_reset(&b->scratch);
		size_t before = a->w.docs.len + a->w.pos.len;
		int r = 0;
		if (a->w.positions) {
			r = zc_plist_encode_positions(&b->scratch, a->pos, a->ntitle);
			if (r == 0)
				r = zc_plist_encode_positions(&b->scratch, a->pos + a->ntitle, a->npos - a->ntitle);
		}
		if (r == 0)
			r = zc_plist_add(&a->w, ord, a->ntitle, a->npos - a->ntitle, b->scratch.data, b->scratch.len);
		if (r < 0)
			return r;
		b->bytes += a->w.docs.len + a->w.pos.len - before;
	}
	b->ntouched = 0;
	return 0;
}

int zc_ix_builder_add(struct zc_ix_builder *b, int64_t id, int64_t seq, const char *title, size_t title_len,
		      const char *text, size_t text_len)
{
	if (b->ndocs == b->docs_cap) {
		size_t cap = b->docs_cap ? b->docs_cap * 2 : 1024;
		int64_t *ids = realloc(b->ids, cap * sizeof(*ids));
		if (!ids)
			return -ENOMEM;
		b->ids = ids;
		int64_t *seqs = realloc(b->seqs, cap * sizeof(*seqs));
		if (!seqs)
			return -ENOMEM;
		b->seqs = seqs;
		b->docs_cap = cap;
	}
	if (b->ndocs && id <= b->ids[b->ndocs - 1])
		return -EINVAL;
	struct zc_token_sink sink = {b, on_char, on_word};
	b->in_body = false;
	int r = zc_tokenize(title, title_len, &sink);
	b->in_body = true;
	if (r == 0)
		r = zc_tokenize(text, text_len, &sink);
	if (r == 0)
		r = flush_doc(b);
	if (r < 0)
		return r;
	b->ids[b->ndocs] = id;
	b->seqs[b->ndocs] = seq;
	b->ndocs++;
	return 0;
}

static int cmp_key(const void *x, const void *y)
{
	const struct acc *a = *(struct acc *const *)x, *b = *(struct acc *const *)y;
	size_t n = a->keylen < b->keylen ? a->keylen : b->keylen;
	int c = memcmp(a->key, b->key, n);
	return c ? c : (int)a->keylen - (int)b->keylen;
}

static int sql_error(sqlite3 *db)
{
	int rc = sqlite3_errcode(db);
	return rc == SQLITE_NOMEM ? -ENOMEM : rc == SQLITE_CORRUPT ? -EBADMSG : -EIO;
}

/* The docs row of a segment: ids and sequences by ordinal. */
static int docs_blob(const int64_t *ids, const int64_t *seqs, size_t n, struct zc_buf *out)
{
	int r = zc_varint_put(out, n);
	for (size_t i = 0; i < n && r == 0; i++) {
		r = zc_varint_put(out, (uint64_t)(ids[i] - (i ? ids[i - 1] : 0)));
		if (r == 0)
			r = zc_varint_put(out, (uint64_t)seqs[i]);
	}
	return r;
}

struct seg_writer {
	sqlite3 *db;
	sqlite3_stmt *term;
	int64_t id;
	size_t bytes;
};

static int writer_open(struct seg_writer *w, sqlite3 *db, size_t ndocs)
{
	memset(w, 0, sizeof(*w));
	w->db = db;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO index_segments (docs, bytes) VALUES (?1, 0)", -1, &st, NULL) != SQLITE_OK)
		return sql_error(db);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)ndocs);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_error(db);
	w->id = sqlite3_last_insert_rowid(db);
	if (sqlite3_prepare_v2(db, "INSERT INTO index_terms (segment, term, postings, positions) VALUES (?1, ?2, ?3, ?4)", -1,
			       &w->term, NULL) != SQLITE_OK)
		return sql_error(db);
	return 0;
}

static int writer_put(struct seg_writer *w, const void *key, size_t keylen, const struct zc_buf *blob,
		      const struct zc_buf *pos)
{
	sqlite3_bind_int64(w->term, 1, w->id);
	sqlite3_bind_blob(w->term, 2, keylen ? key : "", (int)keylen, SQLITE_STATIC);
	sqlite3_bind_blob(w->term, 3, blob->data ? blob->data : "", (int)blob->len, SQLITE_STATIC);
	sqlite3_bind_blob(w->term, 4, pos && pos->data ? pos->data : "", pos ? (int)pos->len : 0, SQLITE_STATIC);
	int rc = sqlite3_step(w->term);
	sqlite3_reset(w->term);
	w->bytes += keylen + blob->len + (pos ? pos->len : 0);
	return rc == SQLITE_DONE ? 0 : sql_error(w->db);
}

static int writer_close(struct seg_writer *w, int r)
{
	sqlite3_finalize(w->term);
	if (r < 0)
		return r;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(w->db, "UPDATE index_segments SET bytes = ?2 WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return sql_error(w->db);
	sqlite3_bind_int64(st, 1, w->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)w->bytes);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_error(w->db);
}

int zc_ix_builder_write(struct zc_ix_builder *b, sqlite3 *db, int64_t *segment)
{
	struct seg_writer w;
	struct zc_buf blob, pos;
	zc_buf_init(&blob, 0);
	zc_buf_init(&pos, 0);
	qsort(b->accs, b->naccs, sizeof(*b->accs), cmp_key);
	/* The slots now point at the wrong accumulators: the builder is done. */
	free(b->slots);
	b->slots = NULL;
	b->nslots = 0;
	int r = writer_open(&w, db, b->ndocs);
	if (r == 0)
		r = docs_blob(b->ids, b->seqs, b->ndocs, &blob);
	if (r == 0)
		r = writer_put(&w, NULL, 0, &blob, NULL);
	for (size_t i = 0; i < b->naccs && r == 0; i++) {
		zc_buf_reset(&blob);
		zc_buf_reset(&pos);
		if ((r = zc_plist_finish(&b->accs[i]->w, &blob, &pos)) == 0)
			r = writer_put(&w, b->accs[i]->key, b->accs[i]->keylen, &blob, &pos);
	}
	r = writer_close(&w, r);
	zc_buf_free(&blob);
	zc_buf_free(&pos);
	if (r == 0)
		*segment = w.id;
	return r;
}

/* ======================================================================
 * Reading a segment's notices
 * ====================================================================== */

static int read_docs(const unsigned char *p, size_t len, int64_t **ids, int64_t **seqs, uint32_t *n)
{
	const unsigned char *end = p + len;
	uint64_t count, v;
	if (!zc_varint_get(&p, end, &count) || count > (uint64_t)(end - p) / 2 || count > UINT32_MAX)
		return -EBADMSG;
	*ids = malloc((count ? count : 1) * sizeof(**ids));
	*seqs = malloc((count ? count : 1) * sizeof(**seqs));
	if (!*ids || !*seqs)
		return -ENOMEM;
	int64_t id = 0;
	for (uint64_t i = 0; i < count; i++) {
		if (!zc_varint_get(&p, end, &v) || v > INT64_MAX - (uint64_t)id || (i && v == 0))
			return -EBADMSG;
		id += (int64_t)v;
		(*ids)[i] = id;
		if (!zc_varint_get(&p, end, &v) || v > INT64_MAX)
			return -EBADMSG;
		(*seqs)[i] = (int64_t)v;
	}
	*n = (uint32_t)count;
	return p == end ? 0 : -EBADMSG;
}

static int load_docs(sqlite3 *db, int64_t segment, int64_t **ids, int64_t **seqs, uint32_t *n)
{
	sqlite3_stmt *st;
	*ids = *seqs = NULL;
	if (sqlite3_prepare_v2(db, "SELECT postings FROM index_terms WHERE segment = ?1 AND term = x''", -1, &st,
			       NULL) != SQLITE_OK)
		return sql_error(db);
	sqlite3_bind_int64(st, 1, segment);
	int rc = sqlite3_step(st), r;
	if (rc == SQLITE_ROW)
		r = read_docs(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), ids, seqs, n);
	else
		r = rc == SQLITE_DONE ? -EBADMSG : sql_error(db);
	sqlite3_finalize(st);
	if (r < 0) {
		free(*ids);
		free(*seqs);
		*ids = *seqs = NULL;
	}
	return r;
}

/* ======================================================================
 * Merging
 * ====================================================================== */

/* One input segment of a merge. */
struct input {
	int64_t id;
	int64_t *ids, *seqs;
	uint32_t ndocs;
	uint32_t *map; /* old ordinal → new, UINT32_MAX when dead */
	sqlite3_stmt *terms;
	bool has_row;   /* terms is on a row */
	/* the current term's list, copied out of SQLite */
	struct zc_buf blob, pos;
	struct zc_plist list;
	struct zc_pcursor cur;
	bool in_term;
};

static void input_free(struct input *in)
{
	free(in->ids);
	free(in->seqs);
	free(in->map);
	sqlite3_finalize(in->terms);
	zc_buf_free(&in->blob);
	zc_buf_free(&in->pos);
}

static int input_step(struct input *in, sqlite3 *db)
{
	int rc = sqlite3_step(in->terms);
	in->has_row = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sql_error(db);
}

static int input_key_cmp(const struct input *in, const void *key, size_t len)
{
	const void *k = sqlite3_column_blob(in->terms, 0);
	size_t n = (size_t)sqlite3_column_bytes(in->terms, 0), m = n < len ? n : len;
	int c = m ? memcmp(k, key, m) : 0;
	return c ? c : (n > len) - (n < len);
}

/* Merge the live notices of the inputs by id: the new segment's ordinals. */
static int map_docs(struct input *ins, size_t n, zc_ix_live_fn live, void *arg, int64_t **ids, int64_t **seqs,
		    size_t *ndocs)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += ins[i].ndocs;
	*ids = malloc((total ? total : 1) * sizeof(**ids));
	*seqs = malloc((total ? total : 1) * sizeof(**seqs));
	uint32_t *at = calloc(n, sizeof(*at));
	for (size_t i = 0; i < n && *ids && *seqs; i++)
		if (!(ins[i].map = malloc((ins[i].ndocs ? ins[i].ndocs : 1) * sizeof(uint32_t))))
			break;
	for (size_t i = 0; i < n; i++)
		if (!ins[i].map || !at || !*ids || !*seqs) {
			free(at);
			return -ENOMEM;
		}
	size_t out = 0;
	for (;;) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (at[i] < ins[i].ndocs && (best == n || ins[i].ids[at[i]] < ins[best].ids[at[best]]))
				best = i;
		if (best == n)
			break;
		struct input *in = &ins[best];
		uint32_t o = at[best]++;
		int64_t id = in->ids[o], seq = in->seqs[o];
		bool keep = live(arg, id, seq) && !(out && (*ids)[out - 1] == id);
		in->map[o] = keep ? (uint32_t)out : UINT32_MAX;
		if (keep) {
			(*ids)[out] = id;
			(*seqs)[out] = seq;
			out++;
		}
	}
	free(at);
	*ndocs = out;
	return 0;
}

/* Move an input's cursor to its next live notice: 1, 0 at the end (in_term
 * cleared), -EBADMSG. */
static int advance(struct input *in)
{
	int k;
	while ((k = zc_pcursor_next(&in->cur)) == 1) {
		if (in->cur.ord >= in->ndocs)
			return -EBADMSG;
		if (in->map[in->cur.ord] != UINT32_MAX)
			return 1;
	}
	in->in_term = false;
	return k;
}

/* Merge the lists of one term held by the inputs marked in_term: new
 * ordinals ascend within each input, so this is a k-way merge. */
static int merge_term(struct input *ins, size_t n, bool positions, struct zc_buf *out, struct zc_buf *out_pos)
{
	struct zc_plist_writer w;
	zc_plist_writer_init(&w, positions);
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		if (ins[i].in_term && (r = advance(&ins[i])) > 0)
			r = 0;
	while (r == 0) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (ins[i].in_term &&
			    (best == n || ins[i].map[ins[i].cur.ord] < ins[best].map[ins[best].cur.ord]))
				best = i;
		if (best == n)
			break;
		struct zc_pcursor *c = &ins[best].cur;
		const unsigned char *pos = NULL;
		size_t len = 0;
		if (positions)
			r = zc_pcursor_raw_positions(c, &pos, &len);
		if (r == 0)
			r = zc_plist_add(&w, ins[best].map[c->ord], c->ntitle, c->nbody, pos, len);
		if (r == 0 && (r = advance(&ins[best])) > 0)
			r = 0;
	}
	if (r == 0 && w.df > 0)
		r = zc_plist_finish(&w, out, out_pos);
	zc_plist_writer_free(&w);
	return r;
}

static int open_input(struct input *in, sqlite3 *db, int64_t id)
{
	memset(in, 0, sizeof(*in));
	zc_buf_init(&in->blob, 0);
	zc_buf_init(&in->pos, 0);
	in->id = id;
	int r = load_docs(db, id, &in->ids, &in->seqs, &in->ndocs);
	if (r < 0)
		return r;
	if (sqlite3_prepare_v2(db, "SELECT term, postings, positions FROM index_terms WHERE segment = ?1"
				   " AND term > x'' ORDER BY term",
			       -1, &in->terms, NULL) != SQLITE_OK)
		return sql_error(db);
	sqlite3_bind_int64(in->terms, 1, id);
	return 0;
}

static int drop_segment(sqlite3 *db, int64_t id)
{
	static const char *const sql[] = {"DELETE FROM index_terms WHERE segment = ?1",
					  "DELETE FROM index_segments WHERE id = ?1"};
	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return sql_error(db);
		sqlite3_bind_int64(st, 1, id);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return sql_error(db);
	}
	return 0;
}

/* Merge the terms of the inputs, in key order, into the writer's segment. */
static int merge_terms(struct input *ins, size_t n, sqlite3 *db, struct seg_writer *w)
{
	struct zc_buf blob, pos;
	zc_buf_init(&blob, 0);
	zc_buf_init(&pos, 0);
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		r = input_step(&ins[i], db);
	char key[MAX_KEY];
	while (r == 0) {
		/* The smallest key among the inputs. */
		size_t lo = n;
		for (size_t i = 0; i < n; i++)
			if (ins[i].has_row && (lo == n || input_key_cmp(&ins[i], sqlite3_column_blob(ins[lo].terms, 0),
									 (size_t)sqlite3_column_bytes(ins[lo].terms, 0)) < 0))
				lo = i;
		if (lo == n)
			break;
		size_t keylen = (size_t)sqlite3_column_bytes(ins[lo].terms, 0);
		if (keylen > sizeof(key)) {
			r = -EBADMSG;
			break;
		}
		memcpy(key, sqlite3_column_blob(ins[lo].terms, 0), keylen);
		for (size_t i = 0; i < n && r == 0; i++) {
			struct input *in = &ins[i];
			in->in_term = in->has_row && input_key_cmp(in, key, keylen) == 0;
			if (!in->in_term)
				continue;
			zc_buf_reset(&in->blob);
			zc_buf_reset(&in->pos);
			r = zc_buf_add(&in->blob, sqlite3_column_blob(in->terms, 1), (size_t)sqlite3_column_bytes(in->terms, 1));
			if (r == 0)
				r = zc_buf_add(&in->pos, sqlite3_column_blob(in->terms, 2), (size_t)sqlite3_column_bytes(in->terms, 2));
			if (r == 0)
				r = zc_plist_open(&in->list, in->blob.data, in->blob.len);
			if (r == 0)
				r = zc_plist_positions(&in->list, in->pos.data, in->pos.len);
			if (r == 0) {
				zc_pcursor_init(&in->cur, &in->list);
				r = input_step(in, db);
			}
		}
		zc_buf_reset(&blob);
		zc_buf_reset(&pos);
		if (r == 0)
			r = merge_term(ins, n, key[0] != ZC_IX_WORD_MARK, &blob, &pos);
		if (r == 0 && blob.len)
			r = writer_put(w, key, keylen, &blob, &pos);
	}
	zc_buf_free(&blob);
	zc_buf_free(&pos);
	return r;
}

int zc_ix_merge(sqlite3 *db, const int64_t *segs, size_t n, zc_ix_live_fn live, void *arg, int64_t *segment)
{
	*segment = 0;
	struct input *ins = calloc(n ? n : 1, sizeof(*ins));
	if (!ins)
		return -ENOMEM;
	int64_t *ids = NULL, *seqs = NULL;
	size_t ndocs = 0;
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		r = open_input(&ins[i], db, segs[i]);
	if (r == 0)
		r = map_docs(ins, n, live, arg, &ids, &seqs, &ndocs);
	if (r == 0 && ndocs > 0) {
		struct seg_writer w;
		struct zc_buf blob;
		zc_buf_init(&blob, 0);
		r = writer_open(&w, db, ndocs);
		if (r == 0)
			r = docs_blob(ids, seqs, ndocs, &blob);
		if (r == 0)
			r = writer_put(&w, NULL, 0, &blob, NULL);
		zc_buf_free(&blob);
		if (r == 0)
			r = merge_terms(ins, n, db, &w);
		r = writer_close(&w, r);
		if (r == 0)
			*segment = w.id;
	}
	for (size_t i = 0; i < n; i++)
		input_free(&ins[i]);
	free(ins);
	free(ids);
	free(seqs);
	for (size_t i = 0; i < n && r == 0; i++)
		r = drop_segment(db, segs[i]);
	return r;
}

/* ======================================================================
 * Reading
 * ====================================================================== */

struct zc_ix_term {
	uint64_t hash;
	uint8_t keylen;
	bool present;
	char key[MAX_KEY];
	struct zc_plist list;
	void *pos;            /* the positions, once read */
	size_t len;
	unsigned char blob[]; /* len bytes: the list's first blob */
};

#define CACHE_BUDGET ((size_t)1 << 30) /* per segment: beyond it, the cache starts again */

static void cache_clear(struct zc_ix_segment *s);

static void segment_free(struct zc_ix_segment *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++)
		if (s->terms[i]) {
			free(s->terms[i]->pos);
			free(s->terms[i]);
		}
	free(s->terms);
	free(s->ids);
	free(s->seqs);
	free(s->live);
	free(s);
}

void zc_ix_reader_init(struct zc_ix_reader *r)
{
	memset(r, 0, sizeof(*r));
}

void zc_ix_reader_free(struct zc_ix_reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		segment_free(r->segs[i]);
	free(r->segs);
	sqlite3_finalize(r->get_term);
	sqlite3_finalize(r->get_pos);
	zc_ix_reader_init(r);
}

int zc_ix_reader_refresh(struct zc_ix_reader *r, sqlite3 *db)
{
	if (r->db != db) {
		zc_ix_reader_free(r);
		r->db = db;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT id FROM index_segments ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return sql_error(db);
	struct zc_ix_segment **segs = NULL;
	size_t n = 0, cap = 0, old = 0;
	int rc, e = 0;
	while (e == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct zc_ix_segment **g = realloc(segs, cap * sizeof(*g));
			if (!g) {
				e = -ENOMEM;
				break;
			}
			segs = g;
		}
		while (old < r->n && r->segs[old]->id < id) /* gone */
			segment_free(r->segs[old++]);
		if (old < r->n && r->segs[old]->id == id) {
			segs[n++] = r->segs[old++];
			continue;
		}
		struct zc_ix_segment *s = calloc(1, sizeof(*s));
		if (!s) {
			e = -ENOMEM;
			break;
		}
		s->id = id;
		if ((e = load_docs(db, id, &s->ids, &s->seqs, &s->ndocs)) < 0) {
			segment_free(s);
			break;
		}
		segs[n++] = s;
	}
	if (e == 0 && rc != SQLITE_DONE)
		e = sql_error(db);
	sqlite3_finalize(st);
	while (old < r->n)
		segment_free(r->segs[old++]);
	free(r->segs);
	r->segs = segs;
	r->n = n;
	/* Between queries, no list is in use: a cache past its budget starts again. */
	for (size_t i = 0; i < n; i++)
		if (segs[i]->bytes > CACHE_BUDGET)
			cache_clear(segs[i]);
	if (e < 0) {
		/* Start again next time. */
		for (size_t i = 0; i < r->n; i++)
			segment_free(r->segs[i]);
		free(r->segs);
		r->segs = NULL;
		r->n = 0;
	}
	return e;
}

static int cache_grow(struct zc_ix_segment *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256;
	struct zc_ix_term **t = calloc(cap, sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->terms[i])
			continue;
		size_t h = (size_t)s->terms[i]->hash & (cap - 1);
		while (t[h])
			h = (h + 1) & (cap - 1);
		t[h] = s->terms[i];
	}
	free(s->terms);
	s->terms = t;
	s->cap = cap;
	return 0;
}

static void cache_clear(struct zc_ix_segment *s)
{
	for (size_t i = 0; i < s->cap; i++) {
		if (s->terms[i])
			free(s->terms[i]->pos);
		free(s->terms[i]);
		s->terms[i] = NULL;
	}
	s->nterms = 0;
	s->bytes = 0;
}

/* Read term key from segment s into a new cache entry. */
static int fetch_term(struct zc_ix_reader *r, struct zc_ix_segment *s, const void *key, size_t len, uint64_t hash,
		      struct zc_ix_term **out)
{
	if (!r->get_term &&
	    sqlite3_prepare_v3(r->db, "SELECT postings FROM index_terms WHERE segment = ?1 AND term = ?2", -1,
			       SQLITE_PREPARE_PERSISTENT, &r->get_term, NULL) != SQLITE_OK)
		return sql_error(r->db);
	sqlite3_bind_int64(r->get_term, 1, s->id);
	sqlite3_bind_blob(r->get_term, 2, key, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(r->get_term), e = 0;
	const void *blob = rc == SQLITE_ROW ? sqlite3_column_blob(r->get_term, 0) : NULL;
	size_t blen = rc == SQLITE_ROW ? (size_t)sqlite3_column_bytes(r->get_term, 0) : 0;
	struct zc_ix_term *t = rc == SQLITE_ROW || rc == SQLITE_DONE ? malloc(sizeof(*t) + blen + 1) : NULL;
	if (!t) {
		e = rc == SQLITE_ROW || rc == SQLITE_DONE ? -ENOMEM : sql_error(r->db);
	} else {
		memset(t, 0, sizeof(*t));
		t->hash = hash;
		t->keylen = (uint8_t)len;
		memcpy(t->key, key, len);
		t->present = rc == SQLITE_ROW;
		t->len = blen;
		if (blen)
			memcpy(t->blob, blob, blen);
		if (t->present && (e = zc_plist_open(&t->list, t->blob, blen)) < 0) {
			free(t);
			t = NULL;
		}
	}
	sqlite3_reset(r->get_term);
	*out = t;
	return e;
}

/* Read the positions of a cached list. */
static int fetch_positions(struct zc_ix_reader *r, struct zc_ix_segment *s, struct zc_ix_term *t)
{
	if (!r->get_pos &&
	    sqlite3_prepare_v3(r->db, "SELECT positions FROM index_terms WHERE segment = ?1 AND term = ?2", -1,
			       SQLITE_PREPARE_PERSISTENT, &r->get_pos, NULL) != SQLITE_OK)
		return sql_error(r->db);
	sqlite3_bind_int64(r->get_pos, 1, s->id);
	sqlite3_bind_blob(r->get_pos, 2, t->key, t->keylen, SQLITE_STATIC);
	int rc = sqlite3_step(r->get_pos), e;
	if (rc != SQLITE_ROW) {
		e = rc == SQLITE_DONE ? -EBADMSG : sql_error(r->db);
	} else {
		size_t n = (size_t)sqlite3_column_bytes(r->get_pos, 0);
		t->pos = malloc(n ? n : 1);
		if (!t->pos) {
			e = -ENOMEM;
		} else {
			if (n)
				memcpy(t->pos, sqlite3_column_blob(r->get_pos, 0), n);
			e = zc_plist_positions(&t->list, t->pos, n);
			s->bytes += n;
		}
	}
	sqlite3_reset(r->get_pos);
	return e;
}

static struct zc_ix_term *cached(struct zc_ix_segment *s, const void *key, size_t len, uint64_t hash)
{
	if (!s->cap)
		return NULL;
	for (size_t h = (size_t)hash & (s->cap - 1); s->terms[h]; h = (h + 1) & (s->cap - 1)) {
		struct zc_ix_term *t = s->terms[h];
		if (t->hash == hash && t->keylen == len && !memcmp(t->key, key, len))
			return t;
	}
	return NULL;
}

int zc_ix_term(struct zc_ix_reader *r, struct zc_ix_segment *s, const void *key, size_t len, bool positions,
	       const struct zc_plist **out)
{
	*out = NULL;
	if (len == 0 || len > MAX_KEY)
		return 0;
	uint64_t hash = XXH3_64bits(key, len);
	struct zc_ix_term *t = cached(s, key, len, hash);
	int e = 0;
	if (t) {
		if (t->present && positions && !t->list.pos)
			e = fetch_positions(r, s, t);
		*out = e == 0 && t->present ? &t->list : NULL;
		return e;
	}
	e = fetch_term(r, s, key, len, hash, &t);
	if (e < 0)
		return e;
	if ((s->nterms + 1) * 2 > s->cap && (e = cache_grow(s)) < 0) {
		free(t);
		return e;
	}
	size_t h = (size_t)hash & (s->cap - 1);
	while (s->terms[h])
		h = (h + 1) & (s->cap - 1);
	s->terms[h] = t;
	s->nterms++;
	s->bytes += t->len;
	if (t->present && positions && (e = fetch_positions(r, s, t)) < 0)
		return e;
	*out = t->present ? &t->list : NULL;
	return 0;
}

int zc_ix_words(struct zc_ix_reader *r, struct zc_ix_segment *s, const char *prefix, size_t len,
		int (*fn)(void *arg, const struct zc_plist *l), void *arg)
{
	char lo[MAX_KEY + 1], hi[MAX_KEY + 1];
	if (len > ZC_TOKEN_MAX_WORD)
		len = ZC_TOKEN_MAX_WORD;
	lo[0] = hi[0] = ZC_IX_WORD_MARK;
	memcpy(lo + 1, prefix, len);
	memcpy(hi + 1, prefix, len);
	hi[len + 1] = (char)0xFF; /* words are ASCII: every one with the prefix sorts before this */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT postings FROM index_terms WHERE segment = ?1 AND term >= ?2 AND term < ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return sql_error(r->db);
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_blob(st, 2, lo, (int)len + 1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, hi, (int)len + 2, SQLITE_STATIC);
	int rc, e = 0;
	while (e == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zc_plist l;
		e = zc_plist_open(&l, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
		if (e == 0)
			e = fn(arg, &l);
	}
	if (e == 0 && rc != SQLITE_DONE)
		e = sql_error(r->db);
	sqlite3_finalize(st);
	return e;
}

int zc_ix_segment_liveness(struct zc_ix_segment *s, uint64_t stamp, zc_ix_live_fn live, void *arg)
{
	if (s->live && s->live_stamp == stamp)
		return 0;
	if (!s->live && !(s->live = malloc(s->ndocs ? s->ndocs : 1)))
		return -ENOMEM;
	for (uint32_t i = 0; i < s->ndocs; i++)
		s->live[i] = live(arg, s->ids[i], s->seqs[i]);
	s->live_stamp = stamp;
	return 0;
}

/* ======================================================================
 * Checking
 * ====================================================================== */

static int check_list(const void *blob, size_t len, const void *pos, size_t pos_len, uint32_t ndocs)
{
	struct zc_plist l;
	struct zc_pcursor c;
	int r = zc_plist_open(&l, blob, len);
	if (r == 0)
		r = zc_plist_positions(&l, pos, pos_len);
	if (r < 0)
		return r;
	zc_pcursor_init(&c, &l);
	uint32_t seen = 0;
	while ((r = zc_pcursor_next(&c)) == 1) {
		const unsigned char *pos;
		size_t plen;
		if (c.ord >= ndocs || (c.ntitle == 0 && c.nbody == 0))
			return -EBADMSG;
		if (l.pos != l.pos_end && (r = zc_pcursor_raw_positions(&c, &pos, &plen)) < 0)
			return r;
		seen++;
	}
	if (r < 0)
		return r;
	return seen == l.df && (l.pos == l.pos_end || c.p == l.pos_end) ? 0 : -EBADMSG;
}

int zc_ix_check(sqlite3 *db, zc_ix_live_fn live, void *arg, int64_t live_notices, char *why, size_t whylen)
{
	sqlite3_stmt *segs, *terms = NULL;
	if (sqlite3_prepare_v2(db, "SELECT id FROM index_segments ORDER BY id", -1, &segs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT term, postings, positions FROM index_terms WHERE segment = ?1 AND term > x''",
			       -1, &terms, NULL) != SQLITE_OK) {
		sqlite3_finalize(segs);
		return sql_error(db);
	}
	int64_t indexed = 0;
	int r = 0;
	while (r == 0 && sqlite3_step(segs) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(segs, 0), *ids, *seqs;
		uint32_t n;
		if ((r = load_docs(db, id, &ids, &seqs, &n)) < 0) {
			snprintf(why, whylen, "segment %lld: its list of notices is damaged", (long long)id);
			break;
		}
		for (uint32_t i = 0; i < n; i++)
			indexed += live(arg, ids[i], seqs[i]);
		free(ids);
		free(seqs);
		sqlite3_bind_int64(terms, 1, id);
		while (r == 0 && sqlite3_step(terms) == SQLITE_ROW)
			if ((r = check_list(sqlite3_column_blob(terms, 1), (size_t)sqlite3_column_bytes(terms, 1),
					    sqlite3_column_blob(terms, 2), (size_t)sqlite3_column_bytes(terms, 2), n)) < 0)
				snprintf(why, whylen, "segment %lld: a posting list is damaged", (long long)id);
		sqlite3_reset(terms);
	}
	sqlite3_finalize(segs);
	sqlite3_finalize(terms);
	if (r == 0 && indexed != live_notices) {
		snprintf(why, whylen, "%lld notices are indexed, %lld stored", (long long)indexed, (long long)live_notices);
		r = -EBADMSG;
	}
	return r;
}
