/* test-buf.c: the growable byte buffer (include/zhengce/buf.h) and the
 * arrays built on the same pattern (include/zhengce/vec.h): appends, growth,
 * the NUL terminator, the hard limit (-E2BIG frees the buffer), reset,
 * truncate, detach, zc_strndup, zc_vec and zc_strv. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/buf.h"
#include "zhengce/vec.h"

static void test_zeroed_is_empty(void **state)
{
	(void)state;
	struct zc_buf b = {0};
	assert_null(b.data);
	assert_int_equal(zc_buf_adds(&b, "通知"), 0);
	assert_non_null(b.data);
	assert_int_equal(b.len, strlen("通知"));
	assert_string_equal(b.data, "通知");
	assert_true(b.cap > b.len);
	zc_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void test_init(void **state)
{
	(void)state;
	struct zc_buf b;
	memset(&b, 0x5a, sizeof(b));
	zc_buf_init(&b, 0);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, ZC_BUF_DEFAULT_MAX);
	zc_buf_init(&b, 100);
	assert_int_equal(b.max, 100);
	zc_buf_free(&b);
	assert_int_equal(b.max, 100); /* free keeps the limit */
	zc_buf_free(NULL);            /* accepted */
}

static void test_appends(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	assert_int_equal(zc_buf_add(&b, "ab\0cd", 5), 0);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "ab\0cd", 6); /* with the terminator */
	assert_int_equal(zc_buf_addc(&b, 'x'), 0);
	assert_int_equal(zc_buf_adds(&b, "年"), 0);
	assert_int_equal(zc_buf_addf(&b, "[%d-%s]", 2024, "08"), 0);
	assert_int_equal(b.len, 5 + 1 + 3 + 9);
	assert_memory_equal(b.data, "ab\0cdx年[2024-08]", b.len + 1);
	assert_int_equal(b.data[b.len], '\0');
	/* Empty appends succeed and keep a C string. */
	assert_int_equal(zc_buf_add(&b, "zzz", 0), 0);
	assert_int_equal(zc_buf_adds(&b, ""), 0);
	assert_int_equal(zc_buf_addf(&b, "%s", ""), 0);
	assert_int_equal(b.len, 18);
	zc_buf_free(&b);

	/* An empty append to an empty buffer gives a usable "". */
	zc_buf_init(&b, 0);
	assert_int_equal(zc_buf_add(&b, "", 0), 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	zc_buf_free(&b);
}

static void test_addf_long(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	char big[5000];
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(zc_buf_adds(&b, "<"), 0);
	assert_int_equal(zc_buf_addf(&b, "%s|%05d", big, 42), 0);
	assert_int_equal(b.len, 1 + 4999 + 6);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[4999], 'q');
	assert_string_equal(b.data + 5000, "|00042");
	zc_buf_free(&b);
}

static void test_growth(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	size_t reallocs = 0;
	size_t last_cap = 0;
	for (int i = 0; i < 100000; i++) {
		assert_int_equal(zc_buf_addc(&b, (char)('a' + i % 26)), 0);
		if (b.cap != last_cap)
			reallocs++, last_cap = b.cap;
	}
	assert_int_equal(b.len, 100000);
	assert_true(b.cap >= b.len + 1);
	/* Doubling: about log2(100000/64) + 1 reallocations, not one per byte. */
	assert_in_range(reallocs, 1, 20);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is %c", i, b.data[i]);
	assert_int_equal(b.data[b.len], '\0');
	zc_buf_free(&b);
}

static void test_grow(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	assert_int_equal(zc_buf_grow(&b, 1000), 0);
	assert_true(b.cap >= 1001);
	assert_int_equal(b.len, 0);
	char *before = b.data;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(zc_buf_addc(&b, 'x'), 0);
	assert_ptr_equal(b.data, before); /* no reallocation after a big enough grow */
	zc_buf_free(&b);
}

static void test_limit(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 8);
	assert_int_equal(zc_buf_adds(&b, "12345678"), 0); /* exactly max */
	assert_int_equal(b.len, 8);
	assert_int_equal(zc_buf_addc(&b, '9'), -E2BIG);
	/* An overflowed buffer is freed. */
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 8);

	zc_buf_init(&b, 8);
	assert_int_equal(zc_buf_adds(&b, "1234"), 0);
	assert_int_equal(zc_buf_addf(&b, "%s", "56789"), -E2BIG);
	assert_null(b.data);

	zc_buf_init(&b, 8);
	assert_int_equal(zc_buf_grow(&b, 9), -E2BIG);
	assert_int_equal(zc_buf_grow(&b, SIZE_MAX), -E2BIG);
	assert_int_equal(zc_buf_grow(&b, 8), 0);
	zc_buf_free(&b);

	/* A zeroed struct has the default limit: a grow past it fails. */
	struct zc_buf z = {0};
	assert_int_equal(zc_buf_grow(&z, ZC_BUF_DEFAULT_MAX + 1), -E2BIG);
	assert_null(z.data);
}

static void test_reset_truncate(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	zc_buf_reset(&b); /* on an empty buffer: nothing to do */
	assert_null(b.data);
	assert_int_equal(zc_buf_adds(&b, "关于印发的通知"), 0);
	char *storage = b.data;
	size_t cap = b.cap;
	zc_buf_truncate(&b, 6);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "关于");
	zc_buf_truncate(&b, 100); /* longer than the content: no change */
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "关于");
	zc_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_ptr_equal(b.data, storage);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.data, "");
	assert_int_equal(zc_buf_adds(&b, "公告"), 0);
	assert_string_equal(b.data, "公告");
	zc_buf_free(&b);
}

static void test_detach(void **state)
{
	(void)state;
	struct zc_buf b;
	zc_buf_init(&b, 0);
	assert_int_equal(zc_buf_adds(&b, "特此通知"), 0);
	char *s = zc_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "特此通知");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);

	/* An empty buffer gives "", not NULL. */
	s = zc_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);

	/* The buffer is reusable after a detach. */
	assert_int_equal(zc_buf_adds(&b, "x"), 0);
	assert_string_equal(b.data, "x");
	zc_buf_free(&b);
}

static void test_strndup(void **state)
{
	(void)state;
	char *s = zc_strndup("附件1：申报书", 7);
	assert_non_null(s);
	assert_string_equal(s, "附件1");
	free(s);
	s = zc_strndup("abc", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	/* Copies len bytes even past a NUL. */
	s = zc_strndup("a\0b", 3);
	assert_memory_equal(s, "a\0b", 4);
	free(s);
}

struct pair {
	int a;
	double b;
};

static void test_vec(void **state)
{
	(void)state;
	struct zc_vec v = ZC_VEC_INIT(struct pair);
	assert_int_equal(v.size, sizeof(struct pair));
	assert_int_equal(v.n, 0);
	for (int i = 0; i < 37; i++) {
		struct pair p = {i, i * 0.5};
		struct pair *slot = zc_vec_push(&v, &p);
		assert_non_null(slot);
		assert_int_equal(slot->a, i);
		p.a = -1; /* the vec holds a copy */
		assert_int_equal(slot->a, i);
	}
	assert_int_equal(v.n, 37);
	assert_true(v.cap >= 37);
	assert_int_equal(ZC_VEC_AT(&v, struct pair, 0).a, 0);
	assert_int_equal(ZC_VEC_AT(&v, struct pair, 36).a, 36);
	assert_true(ZC_VEC_AT(&v, struct pair, 10).b == 5.0);
	zc_vec_free(&v);
	assert_null(v.items);
	assert_int_equal(v.n, 0);
	assert_int_equal(v.cap, 0);
	assert_int_equal(v.size, sizeof(struct pair)); /* reusable */
	struct pair p = {7, 0};
	assert_non_null(zc_vec_push(&v, &p));
	assert_int_equal(v.n, 1);
	zc_vec_free(&v);
	zc_vec_free(NULL);
}

static void test_strv(void **state)
{
	(void)state;
	struct zc_strv sv = {0};
	assert_false(zc_strv_has(&sv, "a"));
	assert_int_equal(zc_strv_add(&sv, "010-68205368"), 0);
	assert_int_equal(zc_strv_addn(&sv, "13279104635xyz", 11), 0);
	assert_int_equal(zc_strv_add_unique(&sv, "010-68205368"), 0);
	assert_int_equal(sv.n, 2);
	assert_int_equal(zc_strv_add_unique(&sv, "0871-63130753"), 0);
	assert_int_equal(sv.n, 3);
	assert_string_equal(sv.v[0], "010-68205368");
	assert_string_equal(sv.v[1], "13279104635");
	assert_string_equal(sv.v[2], "0871-63130753");
	assert_true(zc_strv_has(&sv, "13279104635"));
	assert_false(zc_strv_has(&sv, "1327910463"));
	/* add (not unique) keeps duplicates */
	assert_int_equal(zc_strv_add(&sv, "13279104635"), 0);
	assert_int_equal(sv.n, 4);
	for (int i = 0; i < 100; i++) {
		char s[16];
		snprintf(s, sizeof(s), "n%d", i);
		assert_int_equal(zc_strv_add(&sv, s), 0);
	}
	assert_int_equal(sv.n, 104);
	assert_string_equal(sv.v[103], "n99");
	zc_strv_free(&sv);
	assert_null(sv.v);
	assert_int_equal(sv.n, 0);
	assert_int_equal(sv.cap, 0);
	zc_strv_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeroed_is_empty), cmocka_unit_test(test_init),
		cmocka_unit_test(test_appends),	       cmocka_unit_test(test_addf_long),
		cmocka_unit_test(test_growth),	       cmocka_unit_test(test_grow),
		cmocka_unit_test(test_limit),	       cmocka_unit_test(test_reset_truncate),
		cmocka_unit_test(test_detach),	       cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_vec),	       cmocka_unit_test(test_strv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
