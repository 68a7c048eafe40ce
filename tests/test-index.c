/* test-index.c: the full-text index of the SQLite store: posting lists
 * (encoding, walking, seeking, positions), and segments kept in step with
 * the notices through many small commits, new versions, deletions,
 * savepoint rollbacks and merges, checked against a brute-force search
 * of the stored texts; a damaged list is an error, never a crash. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/postings.h"
#include "zhengce/store.h"

static char tmpdir[64];

static char *db_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

/* ---- posting lists ---- */

struct doc {
	uint32_t ord, ntitle, nbody;
	uint32_t pos[64]; /* title's, then body's */
};

static void random_docs(struct doc *docs, size_t n)
{
	uint32_t ord = 0;
	for (size_t i = 0; i < n; i++) {
		struct doc *d = &docs[i];
		ord += 1 + (uint32_t)(rand() % (i % 7 == 0 ? 300 : 3));
		d->ord = ord;
		d->ntitle = (uint32_t)(rand() % 3);
		bool dense = i % 3 == 0; /* runs of one-byte gaps, 16 and more */
		d->nbody = 1 + (uint32_t)(rand() % (dense ? 60 : 20));
		uint32_t at = 0;
		for (uint32_t k = 0; k < d->ntitle; k++)
			d->pos[k] = at += 1 + (uint32_t)(rand() % 5);
		at = 0;
		for (uint32_t k = 0; k < d->nbody; k++)
			d->pos[d->ntitle + k] = at += 1 + (uint32_t)(rand() % (dense ? 4 : k % 5 == 0 ? 400 : 30));
		if (rand() % 4 == 0 && d->nbody) /* a position 0 */
			d->pos[d->ntitle] = 0;
	}
}

static void encode(const struct doc *docs, size_t n, struct zc_buf *blob, struct zc_buf *pos)
{
	struct zc_plist_writer w;
	struct zc_buf enc;
	zc_plist_writer_init(&w, true);
	zc_buf_init(&enc, 0);
	for (size_t i = 0; i < n; i++) {
		zc_buf_reset(&enc);
		assert_int_equal(zc_plist_encode_positions(&enc, docs[i].pos, docs[i].ntitle), 0);
		assert_int_equal(zc_plist_encode_positions(&enc, docs[i].pos + docs[i].ntitle, docs[i].nbody), 0);
		assert_int_equal(zc_plist_add(&w, docs[i].ord, docs[i].ntitle, docs[i].nbody, enc.data, enc.len), 0);
	}
	assert_int_equal(zc_plist_finish(&w, blob, pos), 0);
	zc_plist_writer_free(&w);
	zc_buf_free(&enc);
}

static void check_positions(struct zc_pcursor *c, const struct doc *d)
{
	uint32_t title[64], body[64];
	assert_int_equal(c->ntitle, d->ntitle);
	assert_int_equal(c->nbody, d->nbody);
	assert_int_equal(zc_pcursor_positions(c, title, body), 0);
	assert_memory_equal(title, d->pos, d->ntitle * sizeof(uint32_t));
	assert_memory_equal(body, d->pos + d->ntitle, d->nbody * sizeof(uint32_t));
}

static void test_postings(void **state)
{
	(void)state;
	srand(17);
	for (size_t n = 1; n <= 700; n += 233) {
		static struct doc docs[1000];
		random_docs(docs, n);
		struct zc_buf blob, pos;
		zc_buf_init(&blob, 0);
		zc_buf_init(&pos, 0);
		encode(docs, n, &blob, &pos);
		struct zc_plist l;
		assert_int_equal(zc_plist_open(&l, blob.data, blob.len), 0);
		assert_int_equal(l.df, n);
		assert_int_equal(l.nskip, (n - 1) / ZC_PLIST_BLOCK);
		assert_int_equal(zc_plist_positions(&l, pos.data, pos.len + 1), -EBADMSG); /* wrong length */
		assert_int_equal(zc_plist_positions(&l, pos.data, pos.len), 0);
		/* every notice, positions of every third */
		struct zc_pcursor c;
		zc_pcursor_init(&c, &l);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(zc_pcursor_next(&c), 1);
			assert_int_equal(c.ord, docs[i].ord);
			if (i % 3 == 0)
				check_positions(&c, &docs[i]);
		}
		assert_int_equal(zc_pcursor_next(&c), 0);
		/* seeks forward, through the skip table */
		for (int round = 0; round < 50; round++) {
			zc_pcursor_init(&c, &l);
			uint32_t target = 0;
			for (;;) {
				target += 1 + (uint32_t)(rand() % 400); /* past the notice whose positions were read */
				size_t want = 0;
				while (want < n && docs[want].ord < target)
					want++;
				int r = zc_pcursor_seek(&c, target);
				if (want == n) {
					assert_int_equal(r, 0);
					break;
				}
				assert_int_equal(r, 1);
				assert_int_equal(c.ord, docs[want].ord);
				if (rand() % 2)
					check_positions(&c, &docs[want]);
				target = c.ord;
			}
		}
		/* following: starts s of a string with this character at offset 2 */
		zc_pcursor_init(&c, &l);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(zc_pcursor_next(&c), 1);
			uint32_t cand_t[40], cand_b[40], nt = 0, nb = 0;
			uint32_t step = 1 + (uint32_t)(i % 9); /* dense starts, and sparse ones */
			for (uint32_t s = 0; s < 40; s++)
				cand_t[nt++] = s, cand_b[nb++] = s * step;
			uint32_t want_t = 0, want_b = 0;
			for (uint32_t s = 0; s < 40; s++)
				for (uint32_t k = 0; k < docs[i].ntitle + docs[i].nbody; k++) {
					bool in_title = k < docs[i].ntitle;
					want_t += in_title && docs[i].pos[k] == s + 2;
					want_b += !in_title && docs[i].pos[k] == s * step + 2;
				}
			assert_int_equal(zc_pcursor_follow(&c, 2, cand_t, &nt, cand_b, &nb), 0);
			assert_int_equal(nt, want_t);
			assert_int_equal(nb, want_b);
		}
		/* starts, and follows that leave a section or both unread: what
		 * they pass over is skipped before the next positions read */
		zc_pcursor_init(&c, &l);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(zc_pcursor_next(&c), 1);
			const struct doc *d = &docs[i];
			uint32_t t[64], b[64], nt = 1, nb = 0;
			switch (i % 4) {
			case 0: {
				uint32_t want_t = 0, want_b = 0;
				assert_int_equal(zc_pcursor_starts(&c, 3, t, &nt, b, &nb), 0);
				for (uint32_t k = 0; k < d->ntitle + d->nbody; k++) {
					if (d->pos[k] < 3)
						continue;
					if (k < d->ntitle)
						assert_int_equal(t[want_t++], d->pos[k] - 3);
					else
						assert_int_equal(b[want_b++], d->pos[k] - 3);
				}
				assert_int_equal(nt, want_t);
				assert_int_equal(nb, want_b);
				break;
			}
			case 1: /* the body only: the title's positions are passed over */
				nt = 0;
				for (uint32_t s = 0; s < 8; s++)
					b[nb++] = s;
				assert_int_equal(zc_pcursor_follow(&c, 1, t, &nt, b, &nb), 0);
				break;
			case 2: /* nothing to follow: no position read */
				nt = 0;
				assert_int_equal(zc_pcursor_follow(&c, 1, t, &nt, b, &nb), 0);
				break;
			default:
				check_positions(&c, d);
			}
		}
		zc_buf_free(&blob);
		zc_buf_free(&pos);
	}
}

static void test_damaged_lists(void **state)
{
	(void)state;
	static struct doc docs[300];
	srand(5);
	random_docs(docs, 300);
	struct zc_buf blob, pos;
	zc_buf_init(&blob, 0);
	zc_buf_init(&pos, 0);
	encode(docs, 300, &blob, &pos);
	/* Cut or flipped anywhere: open refuses, or the walk ends or reports damage. */
	for (size_t cut = 0; cut < blob.len; cut += 7) {
		for (int flip = 0; flip < 2; flip++) {
			unsigned char *b = malloc(blob.len);
			memcpy(b, blob.data, blob.len);
			if (flip)
				b[cut] ^= 0xA5;
			struct zc_plist l;
			if (zc_plist_open(&l, b, flip ? blob.len : cut) == 0 && zc_plist_positions(&l, pos.data, pos.len) == 0) {
				struct zc_pcursor c;
				uint32_t t[1024], bd[1024];
				int r;
				zc_pcursor_init(&c, &l);
				while ((r = zc_pcursor_next(&c)) == 1)
					if (c.ntitle <= 1024 && c.nbody <= 1024 && (r = zc_pcursor_positions(&c, t, bd)) < 0)
						break;
				assert_true(r == 0 || r == -EBADMSG);
			}
			free(b);
		}
	}
	zc_buf_free(&blob);
	zc_buf_free(&pos);
}

/* ---- segments in a store ---- */

#define NDOCS 150

static const char *const syllables[] = {"申报", "通知", "企业", "高新", "技术", "，", "。", "2024", "年", "专精特新",
					"工業", "省", "市", " ", "ab", "A1", "的", "认定", "\n"};

static void random_text(char *out, size_t cap)
{
	size_t n = 0, words = 5 + (size_t)(rand() % 60);
	out[0] = '\0';
	for (size_t i = 0; i < words; i++) {
		const char *w = syllables[rand() % (int)(sizeof(syllables) / sizeof(syllables[0]))];
		if (n + strlen(w) + 1 >= cap)
			break;
		memcpy(out + n, w, strlen(w) + 1);
		n += strlen(w);
	}
}

struct corpus {
	struct zc_store *s;
	int64_t ids[NDOCS];
	char titles[NDOCS][64], texts[NDOCS][1024];
	bool live[NDOCS];
};

static void put(struct corpus *c, int i)
{
	struct zc_notice n;
	struct zc_put_result res;
	char uri[32];
	snprintf(uri, sizeof(uri), "doc-%d", i);
	struct zc_source src = {.uri = uri};
	zc_notice_init(&n);
	n.title = c->titles[i];
	n.text = c->texts[i];
	int pr = zc_store_put(c->s, &n, &src, &res);
	if (pr)
		fail_msg("put %d: %s", i, zc_store_error(c->s));
	c->ids[i] = res.id;
	c->live[i] = true;
}

/* Fold as the index does, for the few traditional characters used here. */
static void fold(char *s)
{
	for (char *p; (p = strstr(s, "工業"));)
		memcpy(p, "工业", strlen("工业"));
}

static bool contains(const char *text, const char *q)
{
	char folded[1024], fq[64];
	snprintf(folded, sizeof(folded), "%s", text);
	snprintf(fq, sizeof(fq), "%s", q);
	fold(folded);
	fold(fq);
	return strstr(folded, fq) != NULL;
}

static void check_exact(struct corpus *c, int queries)
{
	for (int k = 0; k < queries; k++) {
		/* a substring of a live notice's title or text, 1 to 4 syllables */
		int i;
		do
			i = rand() % NDOCS;
		while (!c->live[i]);
		char q[64] = "";
		int parts = 1 + rand() % 3;
		for (int p = 0; p < parts; p++)
			strcat(q, syllables[rand() % 14]);
		struct zc_search s;
		zc_search_init(&s);
		char quoted[80];
		snprintf(quoted, sizeof(quoted), "\"%s\"", q);
		s.query = quoted;
		s.ids_only = true;
		s.limit = NDOCS + 1;
		json_t *res = NULL;
		assert_int_equal(zc_store_search(c->s, &s, &res), 0);
		json_int_t want = 0;
		for (int j = 0; j < NDOCS; j++)
			want += c->live[j] && (contains(c->titles[j], q) || contains(c->texts[j], q));
		if (json_integer_value(json_object_get(res, "total")) != want)
			fail_msg("'%s': %lld notices hold it, search says %lld", q, (long long)want,
				 (long long)json_integer_value(json_object_get(res, "total")));
		json_decref(res);
	}
}

static int64_t segments(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM index_segments", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void test_segments(void **state)
{
	(void)state;
	static struct corpus c;
	char err[256];
	srand(99);
	unlink(db_path("segments.db"));
	assert_int_equal(zc_store_open(db_path("segments.db"), ZC_STORE_CREATE, &c.s, err, sizeof(err)), 0);
	/* one commit per notice: segments pile up and merge by tiers */
	for (int i = 0; i < NDOCS; i++) {
		snprintf(c.titles[i], sizeof(c.titles[i]), "关于第%d批申报的通知", i);
		random_text(c.texts[i], sizeof(c.texts[i]));
		put(&c, i);
	}
	int64_t after_puts = segments(db_path("segments.db"));
	assert_true(after_puts > 1 && after_puts < 20);
	check_exact(&c, 300);
	/* new versions, deletions, in a batch with a rolled-back savepoint */
	assert_int_equal(zc_store_begin(c.s), 0);
	for (int i = 0; i < NDOCS; i += 5) {
		random_text(c.texts[i], sizeof(c.texts[i]));
		put(&c, i);
	}
	check_exact(&c, 50); /* the transaction's own writes are searchable */
	assert_int_equal(zc_store_begin(c.s), 0);
	char saved[1024];
	memcpy(saved, c.texts[1], sizeof(saved));
	snprintf(c.texts[1], sizeof(c.texts[1]), "回滚的文字");
	put(&c, 1);
	assert_int_equal(zc_store_rollback(c.s), 0);
	memcpy(c.texts[1], saved, sizeof(saved));
	for (int i = 3; i < NDOCS; i += 7) {
		assert_int_equal(zc_store_remove(c.s, c.ids[i]), 0);
		c.live[i] = false;
	}
	assert_int_equal(zc_store_commit(c.s), 0);
	assert_int_equal(zc_store_check(c.s), 0);
	check_exact(&c, 300);
	/* a reader of its own sees the same */
	struct zc_store *writer = c.s;
	assert_int_equal(zc_store_open(db_path("segments.db"), ZC_STORE_READONLY, &c.s, err, sizeof(err)), 0);
	check_exact(&c, 100);
	zc_store_close(c.s);
	c.s = writer;
	/* everything merged into one segment */
	assert_int_equal(zc_store_maintain(c.s, NDOCS), 0);
	assert_int_equal(segments(db_path("segments.db")), 1);
	assert_int_equal(zc_store_check(c.s), 0);
	check_exact(&c, 300);
	/* after one-term queries, terms of several (the same handle's arrays, wider) */
	{
		struct zc_search s;
		zc_search_init(&s);
		s.query = "申报 通知 企业 -专精特新";
		s.ids_only = true;
		s.limit = NDOCS + 1;
		json_t *res = NULL;
		assert_int_equal(zc_store_search(c.s, &s, &res), 0);
		json_int_t want = 0;
		for (int j = 0; j < NDOCS; j++) {
			bool in[4];
			const char *t[4] = {"申报", "通知", "企业", "专精特新"};
			for (int k = 0; k < 4; k++)
				in[k] = contains(c.titles[j], t[k]) || contains(c.texts[j], t[k]);
			want += c.live[j] && in[0] && in[1] && in[2] && !in[3];
		}
		assert_int_equal(json_integer_value(json_object_get(res, "total")), want);
		json_decref(res);
	}
	/* every query in slices (threads over ordinal ranges), when there are CPUs for it */
	setenv("ZC_INDEX_SLICE_WORK", "1", 1);
	check_exact(&c, 300);
	unsetenv("ZC_INDEX_SLICE_WORK");
	zc_store_close(c.s);
}

static void test_damaged_index(void **state)
{
	(void)state;
	static struct corpus c;
	char err[256];
	srand(3);
	unlink(db_path("damaged.db"));
	assert_int_equal(zc_store_open(db_path("damaged.db"), ZC_STORE_CREATE, &c.s, err, sizeof(err)), 0);
	for (int i = 0; i < 20; i++) {
		snprintf(c.titles[i], sizeof(c.titles[i]), "通知%d", i);
		snprintf(c.texts[i], sizeof(c.texts[i]), "申报企业%d，申报技术。", i);
		put(&c, i);
	}
	zc_store_close(c.s);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path("damaged.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE index_terms SET positions = x'ffffff' WHERE term = CAST('报' AS BLOB)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(zc_store_open(db_path("damaged.db"), 0, &c.s, err, sizeof(err)), 0);
	struct zc_search s;
	zc_search_init(&s);
	s.query = "申报";
	json_t *res = NULL;
	assert_int_equal(zc_store_search(c.s, &s, &res), -EIO);
	assert_non_null(strstr(zc_store_error(c.s), "damaged"));
	s.query = "企业"; /* other lists still answer */
	assert_int_equal(zc_store_search(c.s, &s, &res), 0);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 20);
	json_decref(res);
	assert_int_equal(zc_store_check(c.s), -EIO);
	assert_non_null(strstr(zc_store_error(c.s), "full-text index"));
	zc_store_close(c.s);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/zc-index-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_postings),
		cmocka_unit_test(test_damaged_lists),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_damaged_index),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return r;
}
