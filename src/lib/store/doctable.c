/*
 * doctable.c: the in-memory table of every stored notice's length and
 * facet keys, kept current incrementally (see doctable.h), and facet
 * counting over a set of rows.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/doctable.h"
#include "zhengce/region.h"
#include "banned.h"

/* The provinces of GB/T 2260 by the first two digits of their codes: bit i of zc_doc.provinces. */
static const unsigned char provinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
					  43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
#define NPROVINCES (sizeof(provinces) / sizeof(provinces[0]))
_Static_assert(NPROVINCES <= 64, "one bit per province");

#define MONTH_FIRST_YEAR 1900
#define MONTH_YEARS 300

void zc_doc_table_init(struct zc_doc_table *t)
{
	memset(t, 0, sizeof(*t));
	t->seq = -1;
	t->data_version = -1;
}

void zc_doc_table_free(struct zc_doc_table *t)
{
	uint64_t generation = t->generation;
	free(t->docs);
	free(t->pool);
	free(t->slots);
	zc_strv_free(&t->names);
	zc_doc_table_init(t);
	t->generation = generation + 1; /* what was computed from the old table is out of date */
}

/* --- interned strings (categories, issuers) --- */

static int rehash(struct zc_doc_table *t, size_t nslots)
{
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < t->names.n; i++) {
		size_t h = (size_t)XXH3_64bits(t->names.v[i], strlen(t->names.v[i])) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = nslots;
	return 0;
}

/* 1 + the index of s in names, adding it when new; 0 when out of memory. */
static uint32_t intern(struct zc_doc_table *t, const char *s)
{
	if ((t->names.n + 1) * 2 > t->nslots && rehash(t, t->nslots ? t->nslots * 2 : 1024) < 0)
		return 0;
	size_t len = strlen(s), h = (size_t)XXH3_64bits(s, len) & (t->nslots - 1);
	for (; t->slots[h]; h = (h + 1) & (t->nslots - 1))
		if (!strcmp(t->names.v[t->slots[h] - 1], s))
			return t->slots[h];
	if (zc_strv_add(&t->names, s) < 0)
		return 0;
	t->slots[h] = (uint32_t)t->names.n;
	return t->slots[h];
}

/* --- loading --- */

static int64_t data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int grow(struct zc_doc_table *t, int64_t id)
{
	if (id < t->cap)
		return 0;
	int64_t cap = t->cap ? t->cap : 1024;
	while (cap <= id)
		cap *= 2;
	struct zc_doc *docs = realloc(t->docs, (size_t)cap * sizeof(*docs));
	if (!docs)
		return -ENOMEM;
	memset(docs + t->cap, 0, (size_t)(cap - t->cap) * sizeof(*docs));
	for (int64_t i = t->cap; i < cap; i++)
		docs[i].length = ZC_DOC_NO_LENGTH;
	t->docs = docs;
	t->cap = cap;
	return 0;
}

static uint32_t month_of(const char *date)
{
	if (!date || strlen(date) < 7 || date[4] != '-')
		return 0;
	int y = atoi(date), m = atoi(date + 5);
	if (y < MONTH_FIRST_YEAR || y >= MONTH_FIRST_YEAR + MONTH_YEARS || m < 1 || m > 12)
		return 0;
	return (uint32_t)((y - MONTH_FIRST_YEAR) * 12 + m);
}

uint32_t zc_doc_day(const char *date)
{
	if (!date || strlen(date) < 10 || date[4] != '-' || date[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return 0;
	return (uint32_t)(atoi(date) * 10000 + atoi(date + 5) * 100 + atoi(date + 8));
}

int zc_doc_province_bit(const char *code)
{
	if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
		return -1;
	int prefix = (code[0] - '0') * 10 + (code[1] - '0');
	for (size_t i = 0; i < NPROVINCES; i++)
		if (provinces[i] == prefix)
			return (int)i;
	return -1;
}

static int prepare(sqlite3 *db, const char *sql, int64_t seq, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return -EIO;
	sqlite3_bind_int64(*st, 1, seq);
	return 0;
}

/* The notices written since seq: lengths, categories, months. */
static int load_rows(struct zc_doc_table *t, sqlite3 *db, int64_t seq, int64_t *max_seq)
{
	sqlite3_stmt *st;
	if (prepare(db, "SELECT s.id, s.title_chars + s.text_chars, n.category, n.issued_on, s.seq, n.deadline,"
			" n.has_conditions FROM notice_sizes s JOIN notices n ON n.id = s.id WHERE s.seq > ?1",
		    seq, &st) < 0)
		return -EIO;
	int rc, r = 0;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), len = sqlite3_column_int64(st, 1);
		const char *category = (const char *)sqlite3_column_text(st, 2);
		if (id < 0 || (r = grow(t, id)) < 0)
			continue;
		struct zc_doc *d = &t->docs[id];
		if (d->length != ZC_DOC_NO_LENGTH) { /* a new version of a row already here */
			t->rows--;
			t->length_sum -= d->length;
			t->pool_live -= d->nissuers + 2u * d->nwindows;
		}
		d->length = len < 0 ? 0 : len >= ZC_DOC_NO_LENGTH ? ZC_DOC_NO_LENGTH - 1 : (uint32_t)len;
		d->category = category && category[0] ? intern(t, category) : 0;
		if (category && category[0] && !d->category)
			r = -ENOMEM;
		d->month = month_of((const char *)sqlite3_column_text(st, 3));
		d->issued = zc_doc_day((const char *)sqlite3_column_text(st, 3));
		d->deadline = zc_doc_day((const char *)sqlite3_column_text(st, 5));
		d->has_conditions = sqlite3_column_int(st, 6) != 0;
		d->provinces = 0;
		d->nissuers = 0;
		d->nwindows = 0;
		t->rows++;
		t->length_sum += d->length;
		int64_t s = sqlite3_column_int64(st, 4);
		d->seq = s;
		if (s > *max_seq)
			*max_seq = s;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = -EIO;
	sqlite3_finalize(st);
	return r;
}

static int load_regions(struct zc_doc_table *t, sqlite3 *db, int64_t seq)
{
	sqlite3_stmt *st;
	if (prepare(db, "SELECT r.notice_id, r.code FROM notice_regions r"
			" JOIN notice_sizes s ON s.id = r.notice_id WHERE s.seq > ?1",
		    seq, &st) < 0)
		return -EIO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int bit = zc_doc_province_bit((const char *)sqlite3_column_text(st, 1));
		if (bit >= 0 && id >= 0 && id < t->cap)
			t->docs[id].provinces |= (uint64_t)1 << bit;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -EIO;
}

static int pool_add(struct zc_doc_table *t, uint32_t issuer)
{
	if (t->npool == t->pool_cap) {
		size_t cap = t->pool_cap ? t->pool_cap * 2 : 4096;
		uint32_t *pool = realloc(t->pool, cap * sizeof(*pool));
		if (!pool)
			return -ENOMEM;
		t->pool = pool;
		t->pool_cap = cap;
	}
	t->pool[t->npool++] = issuer;
	return 0;
}

/* A list each notice keeps in the pool (issuers, windows): its rows, and where the doc holds its start and length. */
struct pool_list {
	const char *sql; /* (notice_id, …) of the notices written since ?1, by notice */
	size_t start, count; /* offsets in struct zc_doc of a uint32_t and a uint8_t */
	unsigned stride;     /* pool entries per item */
	int (*add)(struct zc_doc_table *t, sqlite3_stmt *st); /* append an item's entries */
};

static int add_issuer(struct zc_doc_table *t, sqlite3_stmt *st)
{
	uint32_t issuer = intern(t, (const char *)sqlite3_column_text(st, 1));
	return issuer ? pool_add(t, issuer) : -ENOMEM;
}

static int add_window(struct zc_doc_table *t, sqlite3_stmt *st)
{
	int r = pool_add(t, zc_doc_day((const char *)sqlite3_column_text(st, 1)));
	return r ? r : pool_add(t, zc_doc_day((const char *)sqlite3_column_text(st, 2)));
}

static const struct pool_list issuer_list = {
	"SELECT i.notice_id, i.issuer FROM notice_issuers i"
	" JOIN notice_sizes s ON s.id = i.notice_id WHERE s.seq > ?1 ORDER BY i.notice_id",
	offsetof(struct zc_doc, issuers), offsetof(struct zc_doc, nissuers), 1, add_issuer};

static const struct pool_list window_list = {
	"SELECT w.notice_id, w.date_from, w.date_to FROM notice_windows w"
	" JOIN notice_sizes s ON s.id = w.notice_id WHERE s.seq > ?1 ORDER BY w.notice_id",
	offsetof(struct zc_doc, windows), offsetof(struct zc_doc, nwindows), 2, add_window};

static int load_list(struct zc_doc_table *t, sqlite3 *db, int64_t seq, const struct pool_list *l)
{
	sqlite3_stmt *st;
	if (prepare(db, l->sql, seq, &st) < 0)
		return -EIO;
	int rc, r = 0;
	int64_t current = -1;
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 0 || id >= t->cap)
			continue;
		char *d = (char *)&t->docs[id];
		uint32_t *start = (uint32_t *)(d + l->start);
		uint8_t *count = (uint8_t *)(d + l->count);
		if (id != current) { /* the notice's list starts here in the pool */
			current = id;
			*start = (uint32_t)t->npool;
			*count = 0;
		}
		if (*count == UINT8_MAX)
			continue;
		if ((r = l->add(t, st)) == 0) {
			(*count)++;
			t->pool_live += l->stride;
		}
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = -EIO;
	sqlite3_finalize(st);
	return r;
}

/* Deletions since the last refresh: a tombstone newer than the row takes it out. */
static int load_tombstones(struct zc_doc_table *t, sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT id, seq FROM notice_tombstones WHERE seq > ?1", -1, &st, NULL) != SQLITE_OK)
		return 0; /* before schema 5: no tombstones */
	sqlite3_bind_int64(st, 1, t->tomb_seq);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), seq = sqlite3_column_int64(st, 1);
		if (seq > t->tomb_seq)
			t->tomb_seq = seq;
		if (id < 0 || id >= t->cap || t->docs[id].length == ZC_DOC_NO_LENGTH || t->docs[id].seq > seq)
			continue;
		struct zc_doc *d = &t->docs[id];
		t->rows--;
		t->length_sum -= d->length;
		t->pool_live -= d->nissuers + 2u * d->nwindows;
		d->length = ZC_DOC_NO_LENGTH;
		d->nissuers = 0;
		d->nwindows = 0;
		d->seq = 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -EIO;
}

bool zc_doc_table_live(void *table, int64_t id, int64_t seq)
{
	const struct zc_doc *d = zc_doc_get(table, id);
	return d && d->seq == seq;
}

int zc_doc_table_refresh(struct zc_doc_table *t, sqlite3 *db)
{
	int64_t v = data_version(db);
	if (t->seq >= 0 && !t->stale && v == t->data_version)
		return 0;
	/* Updates leave their old issuer lists behind in the pool: when they
	 * outweigh the live ones, start afresh. */
	if (t->npool > 2 * t->pool_live + 65536)
		zc_doc_table_free(t);
	int64_t max_seq = t->seq;
	int r = load_rows(t, db, t->seq, &max_seq);
	if (r == 0)
		r = load_regions(t, db, t->seq);
	if (r == 0)
		r = load_list(t, db, t->seq, &issuer_list);
	if (r == 0)
		r = load_list(t, db, t->seq, &window_list);
	if (r == 0)
		r = load_tombstones(t, db);
	if (r < 0) {
		zc_doc_table_free(t);
		return r;
	}
	t->seq = max_seq >= 0 ? max_seq : 0;
	t->data_version = v;
	t->generation++;
	t->stale = false;
	return 0;
}

/* --- facets --- */

struct count {
	uint32_t key;
	uint32_t n;
	const char *name;
};

static int by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_name_desc(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	return strcmp(y->name, x->name);
}

/* The non-zero counts[0..n) (names from name_of) as an object, sorted, at most limit keys. */
static json_t *facet(const uint32_t *counts, size_t n, const char *(*name_of)(const struct zc_doc_table *, size_t, char *),
		     const struct zc_doc_table *t, int (*order)(const void *, const void *), size_t limit)
{
	size_t used = 0;
	for (size_t i = 0; i < n; i++)
		used += counts[i] != 0;
	struct count *v = malloc((used ? used : 1) * sizeof(*v));
	char *names = malloc((used ? used : 1) * 16); /* room for names made here (codes, months) */
	json_t *o = json_object();
	if (!v || !names || !o) {
		free(v);
		free(names);
		json_decref(o);
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (counts[i]) {
			v[k] = (struct count){(uint32_t)i, counts[i], name_of(t, i, names + 16 * k)};
			k++;
		}
	qsort(v, k, sizeof(*v), order);
	for (size_t i = 0; i < k && i < limit; i++)
		if (v[i].name && v[i].name[0] && json_object_set_new(o, v[i].name, json_integer(v[i].n)) < 0) {
			json_decref(o);
			o = NULL;
			break;
		}
	free(v);
	free(names);
	return o;
}

static const char *interned_name(const struct zc_doc_table *t, size_t i, char *room)
{
	(void)room;
	return i ? t->names.v[i - 1] : NULL;
}

/* Provinces sort by code among equal counts, as their codes. */
static const char *province_code(const struct zc_doc_table *t, size_t i, char *room)
{
	(void)t;
	snprintf(room, 16, "%02u0000", (unsigned)provinces[i]);
	return room;
}

static const char *month_name(const struct zc_doc_table *t, size_t i, char *room)
{
	(void)t;
	unsigned year = MONTH_FIRST_YEAR + (unsigned)((i - 1) / 12) % 10000, month = (unsigned)((i - 1) % 12) + 1;
	snprintf(room, 16, "%04u-%02u", year, month);
	return room;
}

int zc_doc_table_facets(const struct zc_doc_table *t, const int64_t *ids, size_t n, json_t *out)
{
	size_t nnames = t->names.n + 1, nmonths = MONTH_YEARS * 12 + 1;
	uint32_t *names = calloc(nnames, sizeof(*names)), *issuers = calloc(nnames, sizeof(*issuers));
	uint32_t *months = calloc(nmonths, sizeof(*months)), prov[NPROVINCES] = {0};
	int r = names && issuers && months ? 0 : -ENOMEM;
	for (size_t i = 0; i < n && r == 0; i++) {
		const struct zc_doc *d = zc_doc_get(t, ids[i]);
		if (!d)
			continue;
		names[d->category]++;
		months[d->month]++;
		for (uint64_t bits = d->provinces; bits; bits &= bits - 1)
			prov[__builtin_ctzll(bits)]++;
		for (uint32_t k = 0; k < d->nissuers; k++)
			issuers[t->pool[d->issuers + k]]++;
	}
	if (r == 0) {
		names[0] = months[0] = 0; /* none is not a facet value */
		json_t *category = facet(names, nnames, interned_name, t, by_count, 30);
		json_t *province = facet(prov, NPROVINCES, province_code, t, by_count, 40);
		json_t *issuer = facet(issuers, nnames, interned_name, t, by_count, 30);
		json_t *month = facet(months, nmonths, month_name, t, by_name_desc, 120);
		/* provinces by name */
		json_t *named = province ? json_object() : NULL;
		const char *code;
		json_t *v;
		json_object_foreach(province, code, v)
		{
			const struct zc_region *g = zc_region_by_code(code);
			json_object_set(named, g ? g->name : code, v);
		}
		json_decref(province);
		if (!category || !named || !issuer || !month) {
			r = -ENOMEM;
			json_decref(category);
			json_decref(named);
			json_decref(issuer);
			json_decref(month);
		} else {
			json_object_set_new(out, "category", category);
			json_object_set_new(out, "province", named);
			json_object_set_new(out, "issuer", issuer);
			json_object_set_new(out, "month", month);
		}
	}
	free(names);
	free(issuers);
	free(months);
	return r;
}
