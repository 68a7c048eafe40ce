/* test-store.c: the store (include/zhengce/store.h) on SQLite: identity and
 * versions, removal, lookup by 文号, the exactness contract of search
 * (thousands of random substrings of the stored notices, 1–6 characters,
 * CJK and mixed, compared with a brute-force scan of the folded texts),
 * traditional queries, filters (region hierarchy and groupings, open now,
 * dates, category, issuer, cites), facets, bad queries, read-only stores,
 * corrupt and foreign files, and an upgrade from schema 1 in place.
 *
 * argv[1]: a directory of notices to store (tests/data/extract). */
#include <dirent.h>
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

#include "zhengce/pipeline.h"
#include "zhengce/query.h"
#include "zhengce/region.h"
#include "zhengce/store.h"

static const char *corpus_dir;
static char tmpdir[64];

static const char notice_a[] = "河北省工业和信息化厅关于开展2024年度专精特新中小企业申报工作的通知\n"
			       "冀工信企〔2024〕12号\n"
			       "各市（含定州、辛集市）工业和信息化局：\n"
			       "根据《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号），"
			       "现组织开展申报。唐山市企业请于2024年5月20日前报送材料。\n"
			       "联系人：张三，电话：0311-87654321\n"
			       "河北省工业和信息化厅\n"
			       "2024年4月10日\n";

static const char notice_b[] = "广东省科学技术厅关于高新技術企業認定的通知\n"
			       "粤科高字〔2024〕30号\n"
			       "各地级以上市科技局：\n"
			       "为做好高新技术企业认定工作，现将有关事项通知如下。"
			       "网上申报时间为2024年6月1日至2024年6月30日。\n"
			       "广东省科学技术厅\n"
			       "2024年5月15日\n";

static char *db_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

struct put_ctx {
	struct zc_store *s;
	const char *uri;
	long ordinal;
	struct zc_put_result last;
	int r;
	bool official;
};

static int on_notice(struct zc_notice *n, void *arg)
{
	struct put_ctx *p = arg;
	struct zc_source src = {.uri = p->uri, .ordinal = p->ordinal++, .official = p->official};
	p->r = zc_store_put(p->s, n, &src, &p->last);
	return p->r ? 1 : 0;
}

static struct zc_put_result put_text(struct zc_store *s, const char *text, const char *uri)
{
	struct put_ctx p = {s, uri, 0, {0}, 0, false};
	struct zc_diag diag;
	struct zc_options opts = {0};
	assert_int_equal(zc_process_buffer(text, strlen(text), uri, &opts, on_notice, &p, &diag), 0);
	assert_int_equal(p.r, 0);
	return p.last;
}

static struct zc_store *open_store(const char *name, unsigned flags)
{
	struct zc_store *s = NULL;
	char err[256];
	int r = zc_store_open(db_path(name), flags, &s, err, sizeof(err));
	if (r)
		fail_msg("open %s: %s", name, err);
	return s;
}

static json_t *search(struct zc_store *s, struct zc_search *q)
{
	json_t *res = NULL;
	int r = zc_store_search(s, q, &res);
	if (r)
		fail_msg("search '%s': %s", q->query ? q->query : "", zc_store_error(s));
	return res;
}

static json_int_t total_of(struct zc_store *s, const char *query)
{
	struct zc_search q;
	zc_search_init(&q);
	q.query = query;
	q.ids_only = true;
	json_t *res = search(s, &q);
	json_int_t t = json_integer_value(json_object_get(res, "total"));
	json_decref(res);
	return t;
}

static void test_identity_and_versions(void **state)
{
	(void)state;
	struct zc_store *s = open_store("ident.db", ZC_STORE_CREATE);
	struct zc_put_result a = put_text(s, notice_a, "/data/a.txt");
	assert_int_equal(a.status, ZC_PUT_ADDED);
	assert_int_equal(a.version, 1);
	/* The same text again: one notice. */
	struct zc_put_result again = put_text(s, notice_a, "/data/a.txt");
	assert_int_equal(again.status, ZC_PUT_UNCHANGED);
	assert_int_equal(again.id, a.id);
	/* A changed text at the same place (its only source): version 2, the old one kept. */
	char changed[sizeof(notice_a) + 16];
	snprintf(changed, sizeof(changed), "%s", notice_a);
	char *at = strstr(changed, "5月20日");
	memcpy(at, "5月25日", strlen("5月25日"));
	struct zc_put_result v2 = put_text(s, changed, "/data/a.txt");
	assert_int_equal(v2.status, ZC_PUT_UPDATED);
	assert_int_equal(v2.id, a.id);
	assert_int_equal(v2.version, 2);
	int err;
	json_t *rec = zc_store_get(s, a.id, &err);
	assert_non_null(rec);
	assert_int_equal(json_integer_value(json_object_get(rec, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(rec, "deadline")), "2024-05-25");
	assert_int_equal(json_array_size(json_object_get(rec, "versions")), 1);
	assert_int_equal(json_array_size(json_object_get(rec, "sources")), 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(rec, "versions"), 0), "text")),
			       "5月20日"));
	json_decref(rec);
	/* The index follows the new version. */
	assert_int_equal(total_of(s, "5月25日"), 1);
	assert_int_equal(total_of(s, "5月20日"), 0);
	/* A mirror of the new text is one more source of the same notice. */
	struct zc_put_result mirror = put_text(s, changed, "https://mirror.example/a.html");
	assert_int_equal(mirror.status, ZC_PUT_UNCHANGED);
	assert_int_equal(mirror.id, a.id);
	/* A mirror of the old text: a notice of its own; nothing changes after. */
	struct zc_put_result back = put_text(s, notice_a, "https://mirror2.example/a.html");
	assert_int_equal(back.status, ZC_PUT_ADDED);
	assert_true(back.id != a.id);
	assert_int_equal(put_text(s, changed, "/data/a.txt").status, ZC_PUT_UNCHANGED);
	assert_int_equal(put_text(s, notice_a, "https://mirror2.example/a.html").status, ZC_PUT_UNCHANGED);
	assert_int_equal(total_of(s, "5月25日"), 1);
	assert_int_equal(total_of(s, "5月20日"), 1);
	/* Two sources of one text, and one of them changes: the other keeps it. */
	struct zc_put_result x = put_text(s, notice_b, "x.txt");
	assert_int_equal(put_text(s, notice_b, "y.txt").id, x.id);
	char changed_b[sizeof(notice_b) + 16];
	snprintf(changed_b, sizeof(changed_b), "%s", notice_b);
	memcpy(strstr(changed_b, "6月30日"), "7月30日", strlen("7月30日"));
	struct zc_put_result x2 = put_text(s, changed_b, "x.txt");
	assert_int_equal(x2.status, ZC_PUT_ADDED);
	assert_int_equal(put_text(s, notice_b, "y.txt").status, ZC_PUT_UNCHANGED);
	assert_int_equal(put_text(s, changed_b, "x.txt").status, ZC_PUT_UNCHANGED);
	rec = zc_store_get(s, x.id, &err);
	assert_int_equal(json_integer_value(json_object_get(rec, "version")), 1);
	assert_int_equal(json_array_size(json_object_get(rec, "sources")), 1);
	json_decref(rec);
	zc_store_close(s);
}

static void test_remove_and_resolve(void **state)
{
	(void)state;
	struct zc_store *s = open_store("rm.db", ZC_STORE_CREATE);
	struct zc_put_result a = put_text(s, notice_a, "a.txt");
	struct zc_put_result b = put_text(s, notice_b, "b.txt");
	int64_t id;
	assert_int_equal(zc_store_resolve(s, "冀工信企[2024]12号", &id), 0);
	assert_int_equal(id, a.id);
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)b.id);
	assert_int_equal(zc_store_resolve(s, key, &id), 0);
	assert_int_equal(id, b.id);
	assert_int_equal(zc_store_resolve(s, "国发〔1999〕1号", &id), -ENOENT);
	assert_non_null(strstr(zc_store_error(s), "国发〔1999〕1号"));
	assert_int_equal(total_of(s, "通知"), 2);
	assert_int_equal(zc_store_remove(s, a.id), 0);
	assert_int_equal(zc_store_remove(s, a.id), -ENOENT);
	assert_int_equal(total_of(s, "通知"), 1);
	assert_int_equal(total_of(s, "专精特新"), 0);
	int err;
	assert_null(zc_store_get(s, a.id, &err));
	assert_int_equal(err, -ENOENT);
	/* Put back after removal: a new notice. */
	assert_int_equal(put_text(s, notice_a, "a.txt").status, ZC_PUT_ADDED);
	/* A rolled-back transaction leaves nothing. */
	assert_int_equal(zc_store_begin(s), 0);
	put_text(s, "关于某事项的通知\n请于2025年1月1日前报送。\n", "c.txt");
	assert_int_equal(total_of(s, "某事项"), 1);
	assert_int_equal(zc_store_rollback(s), 0);
	assert_int_equal(total_of(s, "某事项"), 0);
	zc_store_close(s);
}

/* ---- the exactness contract ---- */

struct corpus {
	struct zc_store *s;
	int64_t ids[1024];
	char *texts[1024]; /* folded title + "\n" + folded text */
	size_t n;
};

static int on_export(json_t *n, void *arg)
{
	struct corpus *c = arg;
	if (c->n == 1024)
		return 0;
	const char *title = json_string_value(json_object_get(n, "title"));
	const char *text = json_string_value(json_object_get(n, "text"));
	char *ft = zc_fold(title ? title : "", title ? strlen(title) : 0);
	char *fx = zc_fold(text, strlen(text));
	size_t len = strlen(ft) + strlen(fx) + 2;
	c->texts[c->n] = malloc(len);
	snprintf(c->texts[c->n], len, "%s\n%s", ft, fx);
	free(ft);
	free(fx);
	c->ids[c->n++] = json_integer_value(json_object_get(n, "id"));
	return 0;
}

static void load_corpus(struct corpus *c)
{
	DIR *d = opendir(corpus_dir);
	assert_non_null(d);
	struct dirent *e;
	char path[512];
	assert_int_equal(zc_store_begin(c->s), 0);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || (strcmp(e->d_name + l - 4, ".txt") && strcmp(e->d_name + l - 5, ".html")))
			continue;
		snprintf(path, sizeof(path), "%s/%s", corpus_dir, e->d_name);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		struct put_ctx p = {c->s, path, 0, {0}, 0, false};
		struct zc_diag diag;
		struct zc_options opts = {0};
		zc_process_file(f, path, &opts, on_notice, &p, &diag);
		fclose(f);
		assert_int_equal(p.r, 0);
	}
	closedir(d);
	assert_int_equal(zc_store_commit(c->s), 0);
	assert_int_equal(zc_store_export(c->s, on_export, c), 0);
	assert_true(c->n >= 100);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* A random substring of 1–6 characters of a random notice, without line
 * breaks or double quotes; mixed CJK/ASCII/digits when the text has them. */
static int pick(const struct corpus *c, char *out, size_t cap)
{
	const char *t = c->texts[(size_t)rand() % c->n];
	size_t len = strlen(t);
	size_t at = (size_t)rand() % len;
	while (at > 0 && ((unsigned char)t[at] & 0xC0) == 0x80)
		at--;
	int chars = 1 + rand() % 6;
	size_t end = at;
	for (int k = 0; k < chars && end < len; k++) {
		end++;
		while (end < len && ((unsigned char)t[end] & 0xC0) == 0x80)
			end++;
	}
	if (end - at + 1 > cap)
		return 0;
	memcpy(out, t + at, end - at);
	out[end - at] = '\0';
	return out[0] && !strpbrk(out, "\n\"") && !(out[0] == ' ' && !out[1]);
}

static void test_exactness(void **state)
{
	(void)state;
	static struct corpus c;
	c.s = open_store("exact.db", ZC_STORE_CREATE);
	load_corpus(&c);
	srand(20240601);
	int queries = 0, nonempty = 0, single = 0, ascii = 0;
	static int64_t want[1024], got[1024];
	while (queries < 3000) {
		char term[64], query[80];
		if (!pick(&c, term, sizeof(term)))
			continue;
		queries++;
		snprintf(query, sizeof(query), "\"%s\"", term);
		size_t nw = 0;
		for (size_t i = 0; i < c.n; i++)
			if (strstr(c.texts[i], term))
				want[nw++] = c.ids[i];
		struct zc_search q;
		zc_search_init(&q);
		q.query = query;
		q.ids_only = true;
		q.limit = 1024;
		json_t *res = search(c.s, &q);
		json_t *results = json_object_get(res, "results");
		size_t ng = json_array_size(results);
		for (size_t i = 0; i < ng; i++)
			got[i] = json_integer_value(json_object_get(json_array_get(results, i), "id"));
		qsort(want, nw, sizeof(*want), cmp_id);
		qsort(got, ng, sizeof(*got), cmp_id);
		if (nw != ng || memcmp(want, got, nw * sizeof(*want)) != 0 ||
		    (size_t)json_integer_value(json_object_get(res, "total")) != nw)
			fail_msg("query '%s': %zu notices contain it, search found %zu (total %lld)", term, nw, ng,
				 (long long)json_integer_value(json_object_get(res, "total")));
		json_decref(res);
		if (queries % 10 == 0) {
			/* With a filter, the total counted while ranking equals the
			 * rows returned and the total counted for facets. */
			strcpy(q.issued_from, "2021-01-01");
			res = search(c.s, &q);
			size_t rows = json_array_size(json_object_get(res, "results"));
			json_int_t t1 = json_integer_value(json_object_get(res, "total"));
			json_decref(res);
			q.facets = true;
			res = search(c.s, &q);
			json_int_t t2 = json_integer_value(json_object_get(res, "total"));
			json_decref(res);
			if ((size_t)t1 != rows || t1 != t2 || (size_t)t1 > nw)
				fail_msg("query '%s' since 2021: total %lld, rows %zu, facet total %lld", term,
					 (long long)t1, rows, (long long)t2);
		}
		nonempty += nw > 0;
		single += strlen(term) <= 4 && (unsigned char)term[0] >= 0x80 && term[3] == '\0';
		ascii += (unsigned char)term[0] < 0x80;
	}
	/* The sample covers what the contract names. */
	assert_true(nonempty == queries);
	assert_true(single > 100);
	assert_true(ascii > 100);
	/* Traditional characters find simplified text, and back. */
	assert_int_equal(total_of(c.s, "高新技術企業"), total_of(c.s, "高新技术企业"));
	assert_true(total_of(c.s, "高新技术企业") > 0);
	/* 於 is GB2312 too, yet folds with the traditional text around it. */
	assert_int_equal(total_of(c.s, "關於"), total_of(c.s, "关于"));
	assert_true(total_of(c.s, "关于") > 50);
	/* Strings that occur nowhere. */
	assert_int_equal(total_of(c.s, "\"不存在的字符串甲乙丙\""), 0);
	for (size_t i = 0; i < c.n; i++)
		free(c.texts[i]);
	zc_store_close(c.s);
}

/* ---- filters ---- */

static json_int_t count(struct zc_store *s, struct zc_search *q)
{
	q->ids_only = true;
	json_t *res = search(s, q);
	json_int_t t = json_integer_value(json_object_get(res, "total"));
	json_decref(res);
	zc_search_free(q);
	zc_search_init(q);
	return t;
}

static void test_filters(void **state)
{
	(void)state;
	struct zc_store *s = open_store("filters.db", ZC_STORE_CREATE);
	put_text(s, notice_a, "a.txt");
	put_text(s, notice_b, "b.txt");
	struct zc_search q;
	zc_search_init(&q);
	assert_int_equal(count(s, &q), 2);
	assert_int_equal(zc_strv_add(&q.regions, "河北省"), 0);
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.regions, "冀"), 0);
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.regions, "京津冀"), 0);
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.regions, "唐山"), 0); /* named in the text */
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.regions, "长三角"), 0);
	assert_int_equal(count(s, &q), 0);
	assert_int_equal(zc_strv_add(&q.regions, "440000"), 0);
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.regions, "火星"), 0);
	json_t *res = NULL;
	assert_int_equal(zc_store_search(s, &q, &res), -EINVAL);
	assert_non_null(strstr(zc_store_error(s), "unknown region '火星'"));
	zc_search_free(&q);
	zc_search_init(&q);
	/* Open now: a deadline on or after today, or a window holding today. */
	q.open_now = true;
	strcpy(q.today, "2024-05-18");
	assert_int_equal(count(s, &q), 2); /* a: deadline 05-20; b: 06-30 */
	q.open_now = true;
	strcpy(q.today, "2024-06-10");
	assert_int_equal(count(s, &q), 1); /* b: window 06-01 … 06-30 */
	q.open_now = true;
	strcpy(q.today, "2024-07-01");
	assert_int_equal(count(s, &q), 0);
	strcpy(q.issued_from, "2024-05-01");
	assert_int_equal(count(s, &q), 1);
	strcpy(q.deadline_to, "2024-05-31");
	assert_int_equal(count(s, &q), 1);
	assert_int_equal(zc_strv_add(&q.issuers, "科学技术厅"), 0);
	assert_int_equal(count(s, &q), 1);
	q.cites = "工信部企业[2022]63号";
	assert_int_equal(count(s, &q), 1);
	q.query = "cites:工信部企业〔2022〕63号 专精特新";
	assert_int_equal(count(s, &q), 1);
	q.doc_number = "粤科高字（2024）30号";
	assert_int_equal(count(s, &q), 1);
	strcpy(q.issued_to, "2024-13-01");
	assert_int_equal(zc_store_search(s, &q, &res), -EINVAL);
	zc_search_free(&q);
	/* Facets count over everything that matches. */
	zc_search_init(&q);
	q.query = "通知";
	q.facets = true;
	res = search(s, &q);
	json_t *f = json_object_get(res, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "province"), "河北省")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "province"), "广东省")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "month"), "2024-04")), 1);
	assert_int_equal(json_object_size(json_object_get(f, "issuer")), 2);
	/* Snippets mark the match, in the notice's own script. */
	json_t *first = json_array_get(json_object_get(res, "results"), 0);
	assert_non_null(strstr(json_string_value(json_object_get(first, "snippet")), "通知"));
	assert_true(json_array_size(json_object_get(first, "highlights")) >= 1);
	json_decref(res);
	/* Ranking: a title match weighs more than body matches. */
	put_text(s, "关于开展中小企业服务月活动的通知\n各有关单位：\n活动介绍专精特新政策，"
		    "组织专精特新企业交流，宣讲专精特新申报要点。\n某某市中小企业服务中心\n2024年5月6日\n",
		 "c.txt");
	zc_search_init(&q);
	q.query = "专精特新";
	res = search(s, &q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(res, "results"), 0),
								  "title")), "专精特新"));
	double s0 = json_real_value(json_object_get(json_array_get(json_object_get(res, "results"), 0), "score"));
	double s1 = json_real_value(json_object_get(json_array_get(json_object_get(res, "results"), 1), "score"));
	assert_true(s0 > s1 && s1 > 0);
	json_decref(res);
	/* With OR, the rarer phrase weighs more (IDF): 专精特新 (2 notices) over 通知 (3). */
	q.query = "\"专精特新\" OR 通知";
	res = search(s, &q);
	assert_int_equal(json_integer_value(json_object_get(res, "total")), 3);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(res, "results"), 2),
								  "title")), "高新"));
	json_decref(res);
	zc_search_free(&q);
	zc_search_init(&q);
	/* Bad queries: a message, never an SQL error. */
	q.query = "\"未闭合";
	q.facets = false;
	assert_int_equal(zc_store_search(s, &q, &res), -EINVAL);
	assert_non_null(strstr(zc_store_error(s), "unclosed quote"));
	q.query = "高新 \"a\"\"b\" NEAR(x y)";
	assert_int_equal(zc_store_search(s, &q, &res), 0); /* FTS5 syntax is text to us */
	json_decref(res);
	zc_search_free(&q);
	zc_store_close(s);
}

static void test_readonly_and_bad_files(void **state)
{
	(void)state;
	struct zc_store *s = NULL;
	char err[256];
	assert_int_equal(zc_store_open(db_path("absent.db"), 0, &s, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no database"));
	s = open_store("ro.db", ZC_STORE_CREATE);
	put_text(s, notice_a, "a.txt");
	zc_store_close(s);
	s = open_store("ro.db", ZC_STORE_READONLY);
	struct zc_put_result res;
	struct zc_notice n;
	zc_notice_init(&n);
	n.text = "x";
	assert_int_equal(zc_store_put(s, &n, NULL, &res), -EROFS);
	assert_int_equal(total_of(s, "专精特新"), 1);
	zc_store_close(s);
	/* Not SQLite at all. */
	FILE *f = fopen(db_path("garbage.db"), "wb");
	for (int i = 0; i < 2000; i++)
		fputs("这不是数据库。", f);
	fclose(f);
	assert_int_equal(zc_store_open(db_path("garbage.db"), 0, &s, err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "not a zhengce database"));
	/* Another program's SQLite database: refused, and left untouched. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path("other.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(zc_store_open(db_path("other.db"), 0, &s, err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "another program"));
	/* A damaged zhengce database: a clear error, not a crash. */
	s = open_store("damaged.db", ZC_STORE_CREATE);
	put_text(s, notice_a, "a.txt");
	put_text(s, notice_b, "b.txt");
	zc_store_close(s);
	f = fopen(db_path("damaged.db"), "r+b");
	assert_non_null(f);
	fseek(f, 4096 * 3, SEEK_SET);
	for (int i = 0; i < 4096 * 4; i++)
		fputc(0x5A, f);
	fclose(f);
	int r = zc_store_open(db_path("damaged.db"), ZC_STORE_READONLY, &s, err, sizeof(err));
	if (r == 0) {
		json_t *out = NULL;
		struct zc_search q;
		zc_search_init(&q);
		q.query = "通知";
		r = zc_store_search(s, &q, &out);
		if (r)
			assert_non_null(strstr(zc_store_error(s), "damaged"));
		json_decref(out);
		zc_store_close(s);
	} else {
		assert_true(strstr(err, "damaged") || strstr(err, "not a zhengce"));
	}
}

static void test_upgrade(void **state)
{
	(void)state;
	setenv("ZC_STORE_SCHEMA", "1", 1);
	struct zc_store *s = open_store("old.db", ZC_STORE_CREATE);
	assert_int_equal(zc_store_schema_version(s), 1);
	struct zc_put_result a = put_text(s, notice_a, "a.txt");
	zc_store_close(s);
	unsetenv("ZC_STORE_SCHEMA");
	/* A reader cannot upgrade: it says so. */
	char err[256];
	assert_int_equal(zc_store_open(db_path("old.db"), ZC_STORE_READONLY, &s, err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "needs an upgrade"));
	s = open_store("old.db", 0);
	assert_int_equal(zc_store_schema_version(s), zc_store_schema_latest());
	int e;
	json_t *rec = zc_store_get(s, a.id, &e);
	assert_non_null(rec);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(rec, "sources"), 0), "etag")));
	json_decref(rec);
	assert_int_equal(total_of(s, "专精特新"), 1);
	zc_store_close(s);
}

/* The facets SQL gives over the rows a search keeps (the reference for the in-memory count). */
static json_t *sql_facets(const char *path, json_t *ids)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TEMP TABLE hits (id INTEGER PRIMARY KEY)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *ins;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO hits VALUES (?1)", -1, &ins, NULL), SQLITE_OK);
	size_t i;
	json_t *hit;
	json_array_foreach(ids, i, hit)
	{
		sqlite3_bind_int64(ins, 1, json_integer_value(json_object_get(hit, "id")));
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	static const char *const sql[][2] = {
		{"category", "SELECT n.category, count(*) FROM hits h JOIN notices n ON n.id = h.id"
			     " WHERE n.category <> '' GROUP BY 1"},
		{"province", "SELECT substr(r.code, 1, 2) || '0000', count(DISTINCT r.notice_id) FROM hits h"
			     " JOIN notice_regions r ON r.notice_id = h.id GROUP BY 1"},
		{"issuer", "SELECT i.issuer, count(*) FROM hits h JOIN notice_issuers i ON i.notice_id = h.id GROUP BY 1"},
		{"month", "SELECT substr(n.issued_on, 1, 7), count(*) FROM hits h JOIN notices n ON n.id = h.id"
			  " WHERE n.issued_on IS NOT NULL GROUP BY 1"},
	};
	json_t *out = json_object();
	for (size_t k = 0; k < 4; k++) {
		json_t *o = json_object();
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db, sql[k][1], -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			json_object_set_new(o, (const char *)sqlite3_column_text(st, 0), json_integer(sqlite3_column_int64(st, 1)));
		sqlite3_finalize(st);
		json_object_set_new(out, sql[k][0], o);
	}
	sqlite3_close(db);
	return out;
}

/* Every (key, count) of got is in want, and got has min(limit, |want|) keys. */
static void assert_facet(const json_t *got, const json_t *want, size_t limit, bool by_name, const char *what)
{
	size_t expected = json_object_size(want) < limit ? json_object_size(want) : limit;
	if (json_object_size(got) != expected)
		fail_msg("%s: %zu keys, want %zu", what, json_object_size(got), expected);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)got, k, v)
	{
		const json_t *w = json_object_get(want, k);
		if (by_name) { /* provinces come by name; the reference has codes */
			const struct zc_region *g = zc_region_by_name(k);
			w = g ? json_object_get(want, g->code) : NULL;
		}
		if (!w || json_integer_value(w) != json_integer_value(v))
			fail_msg("%s: %s counts %lld, want %lld", what, k, (long long)json_integer_value(v),
				 (long long)json_integer_value(w));
	}
}

static void check_facets(struct zc_store *reader, const char *path, const char *query)
{
	struct zc_search q;
	zc_search_init(&q);
	q.query = query;
	q.facets = true;
	json_t *res = search(reader, &q);
	q.facets = false;
	q.ids_only = true;
	q.limit = 100000;
	json_t *all = search(reader, &q);
	json_t *want = sql_facets(path, json_object_get(all, "results"));
	json_t *got = json_object_get(res, "facets");
	assert_int_equal(json_integer_value(json_object_get(res, "total")), json_array_size(json_object_get(all, "results")));
	assert_facet(json_object_get(got, "category"), json_object_get(want, "category"), 30, false, "category");
	assert_facet(json_object_get(got, "province"), json_object_get(want, "province"), 40, true, "province");
	assert_facet(json_object_get(got, "issuer"), json_object_get(want, "issuer"), 30, false, "issuer");
	assert_facet(json_object_get(got, "month"), json_object_get(want, "month"), 120, false, "month");
	json_decref(want);
	json_decref(all);
	json_decref(res);
}

/* Facets counted in memory agree with SQL, for a reader whose in-memory
 * table must follow another connection's adds, updates and removals. */
static void test_facets(void **state)
{
	(void)state;
	struct corpus *c = calloc(1, sizeof(*c));
	c->s = open_store("facets.db", ZC_STORE_CREATE);
	load_corpus(c);
	struct zc_store *reader = open_store("facets.db", ZC_STORE_READONLY);
	const char *path = db_path("facets.db");
	static const char *const queries[] = {NULL, "通知", "申报", "企业 OR 项目", "\"2019\"", "省"};
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		check_facets(reader, path, queries[i]);
	/* another connection writes: a new notice, a new version (another
	 * category, region and issuer), a removal */
	struct zc_put_result a = put_text(c->s, notice_a, "facets-a.txt");
	check_facets(reader, path, "通知");
	put_text(c->s, notice_b, "facets-a.txt"); /* same source and place: a new version */
	check_facets(reader, path, "通知");
	check_facets(reader, path, NULL);
	assert_int_equal(zc_store_remove(c->s, a.id), 0);
	check_facets(reader, path, "通知");
	/* the writer's own connection sees its writes too */
	struct zc_put_result last = put_text(c->s, notice_a, "facets-c.txt");
	check_facets(c->s, path, "专精特新");
	/* the last notice written is removed and another written: the reader
	 * must not take the new write for one it has seen */
	check_facets(reader, path, "通知");
	assert_int_equal(zc_store_remove(c->s, last.id), 0);
	put_text(c->s, notice_b, "facets-d.txt");
	check_facets(reader, path, "通知");
	/* a write rolled back leaves no trace in the writer's own facets */
	json_int_t before = total_of(c->s, "专精特新");
	assert_int_equal(zc_store_begin(c->s), 0);
	put_text(c->s, notice_a, "facets-e.txt");
	assert_int_equal(total_of(c->s, "专精特新"), before + 1); /* the table holds the uncommitted row */
	assert_int_equal(zc_store_rollback(c->s), 0);
	check_facets(c->s, path, "专精特新");
	zc_store_close(reader);
	zc_store_close(c->s);
	for (size_t i = 0; i < c->n; i++)
		free(c->texts[i]);
	free(c);
}

/* The same notice from elsewhere is one notice with all its sources; a
 * notice that only looks like it (another year's call) is not. */
static void test_near_duplicates(void **state)
{
	(void)state;
	struct zc_store *s = open_store("neardup.db", ZC_STORE_CREATE);
	struct zc_put_result a = put_text(s, notice_a, "https://mirror.example.com/a.html");
	assert_int_equal(a.status, ZC_PUT_ADDED);
	/* a repost with page furniture around the text */
	char repost[2048];
	snprintf(repost, sizeof(repost), "来源：某某企业服务网　浏览次数：321\n%s本文转载自河北省工业和信息化厅网站\n", notice_a);
	struct zc_put_result b = put_text(s, repost, "https://repost.example.com/n/1.html");
	assert_int_equal(b.status, ZC_PUT_MERGED);
	assert_int_equal(b.id, a.id);
	/* the repost fetched again: still the same notice */
	struct zc_put_result b2 = put_text(s, repost, "https://repost.example.com/n/1.html");
	assert_int_equal(b2.status, ZC_PUT_MERGED);
	assert_int_equal(b2.id, a.id);
	/* a mirror in traditional characters */
	static const char trad[] = "河北省工業和信息化廳關於開展2024年度專精特新中小企業申報工作的通知\n"
				   "冀工信企〔2024〕12號\n"
				   "各市（含定州、辛集市）工業和信息化局：\n"
				   "根據《優質中小企業梯度培育管理暫行辦法》（工信部企業〔2022〕63號），"
				   "現組織開展申報。唐山市企業請於2024年5月20日前報送材料。\n"
				   "聯繫人：張三，電話：0311-87654321\n"
				   "河北省工業和信息化廳\n"
				   "2024年4月10日\n";
	struct zc_put_result c = put_text(s, trad, "https://tw.example.org/a.html");
	assert_int_equal(c.status, ZC_PUT_MERGED);
	assert_int_equal(c.id, a.id);
	/* compiled into a digest, wrapped as PDF-to-text tools leave it, beside another notice */
	char digest[4096];
	snprintf(digest, sizeof(digest), " [申报通知] \n\n%s\n [政策文件] \n\n%s", notice_a, notice_b);
	for (char *p = strstr(digest, "现组织开展申报。"); p; p = NULL)
		memmove(p + 1, p, strlen(p) + 1), *p = '\n'; /* a line broken inside a sentence */
	struct put_ctx dp = {s, "digest-2024-04.txt", 0, {0}, 0, false};
	struct zc_diag ddiag;
	struct zc_options dopts = {0};
	assert_int_equal(zc_process_buffer(digest, strlen(digest), dp.uri, &dopts, on_notice, &dp, &ddiag), 0);
	int rerr;
	json_t *merged = zc_store_get(s, a.id, &rerr);
	bool from_digest = false;
	size_t si;
	json_t *src;
	json_array_foreach(json_object_get(merged, "sources"), si, src)
		from_digest |= !strcmp(json_string_value(json_object_get(src, "uri")), "digest-2024-04.txt");
	json_decref(merged);
	assert_true(from_digest); /* the digest's copy is one more source of the notice */
	/* another year's call of the same programme: other dates, 文号 and title */
	char next_year[2048];
	snprintf(next_year, sizeof(next_year), "%s", notice_a);
	for (char *p; (p = strstr(next_year, "2024"));)
		memcpy(p, "2025", 4);
	struct zc_put_result d = put_text(s, next_year, "https://mirror.example.com/b.html");
	assert_int_equal(d.status, ZC_PUT_ADDED);
	assert_true(d.id != a.id);
	/* the official site's copy: its text is the one shown, the others stay sources */
	char official_text[2048];
	snprintf(official_text, sizeof(official_text), "%s附件：申报书\n", notice_a);
	struct zc_put_result e;
	struct put_ctx p = {s, "https://gxt.hebei.gov.cn/a.html", 0, {0}, 0, true};
	struct zc_diag diag;
	struct zc_options opts = {0};
	assert_int_equal(zc_process_buffer(official_text, strlen(official_text), p.uri, &opts, on_notice, &p, &diag), 0);
	e = p.last;
	assert_int_equal(e.status, ZC_PUT_MERGED);
	assert_int_equal(e.id, a.id);
	assert_int_equal(e.version, 2);
	int err;
	json_t *rec = zc_store_get(s, a.id, &err);
	json_t *sources = json_object_get(rec, "sources");
	assert_int_equal(json_array_size(sources), 5); /* mirror, repost, traditional, digest, official */
	assert_string_equal(json_string_value(json_object_get(json_array_get(sources, 0), "uri")), "https://gxt.hebei.gov.cn/a.html");
	assert_true(json_is_true(json_object_get(json_array_get(sources, 0), "official")));
	assert_non_null(strstr(json_string_value(json_object_get(rec, "text")), "附件：申报书"));
	json_decref(rec);
	/* a later mirror does not displace the official text */
	struct zc_put_result f = put_text(s, repost, "https://another.example.com/x.html");
	assert_int_equal(f.status, ZC_PUT_MERGED);
	assert_int_equal(f.version, 2);
	assert_int_equal(total_of(s, "专精特新"), 2); /* this year's and next year's */
	/* the same template issued by two bodies: two notices */
	char other_body[2048];
	snprintf(other_body, sizeof(other_body), "%s", next_year);
	for (char *p; (p = strstr(other_body, "河北省工业和信息化厅"));)
		memcpy(p, "山西省工业和信息化厅", strlen("山西省工业和信息化厅"));
	struct zc_put_result sx = put_text(s, other_body, "https://sx.example.gov.cn/a.html");
	assert_int_equal(sx.status, ZC_PUT_ADDED);
	/* too short to tell: never merged */
	struct zc_put_result t1 = put_text(s, "关于放假的通知\n放假一天。\n", "https://a.example.gov.cn/h.html");
	struct zc_put_result t2 = put_text(s, "关于放假的通知\n放假两天。\n", "https://b.example.gov.cn/h.html");
	assert_int_equal(t1.status, ZC_PUT_ADDED);
	assert_int_equal(t2.status, ZC_PUT_ADDED);
	/* the same generic title over different texts: two notices */
	static const char list_a[] = "关于公布名单的通知\n各有关单位：\n经企业申报、专家评审，现将绿色工厂名单予以公布。\n某市工业和信息化局\n";
	static const char list_b[] = "关于公布名单的通知\n各区县：\n根据考核结果，下列单位被评为安全生产先进集体，特此通报表扬。\n某市应急管理局\n";
	struct zc_put_result g = put_text(s, list_a, "https://a.example.gov.cn/1.html");
	struct zc_put_result h = put_text(s, list_b, "https://b.example.gov.cn/2.html");
	assert_int_equal(g.status, ZC_PUT_ADDED);
	assert_int_equal(h.status, ZC_PUT_ADDED);
	assert_true(g.id != h.id);
	zc_store_close(s);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/zc-test-store-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	corpus_dir = argc > 1 ? argv[1] : "tests/data/extract";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity_and_versions), cmocka_unit_test(test_remove_and_resolve),
		cmocka_unit_test(test_exactness),	      cmocka_unit_test(test_filters),
		cmocka_unit_test(test_readonly_and_bad_files), cmocka_unit_test(test_upgrade),
		cmocka_unit_test(test_facets), cmocka_unit_test(test_near_duplicates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
