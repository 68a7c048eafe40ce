/* test-parallel.c: a job's parts run on a few threads that take them in
 * turn (src/lib/parallel.h): every part runs exactly once, whatever the
 * number of threads and parts, and a slow part does not stop the others. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "parallel.h"

#define MAX_PARTS 200

struct counts {
	atomic_int runs[MAX_PARTS];
	size_t slow; /* this part sleeps a little (SIZE_MAX: none) */
};

static void count(void *arg, size_t part)
{
	struct counts *c = arg;
	if (part == c->slow) {
		struct timespec t = {0, 20 * 1000 * 1000};
		nanosleep(&t, NULL);
	}
	atomic_fetch_add(&c->runs[part], 1);
}

static void test_every_part_once(void **state)
{
	(void)state;
	static const size_t parts[] = {0, 1, 2, 3, 8, 17, 200};
	static const int threads[] = {-1, 0, 1, 2, 4, 64};
	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
		for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
			struct counts c = {.slow = parts[p] > 1 ? 0 : SIZE_MAX};
			for (size_t i = 0; i < MAX_PARTS; i++)
				atomic_init(&c.runs[i], 0);
			zc_parallel(count, &c, parts[p], threads[t]);
			for (size_t i = 0; i < MAX_PARTS; i++)
				assert_int_equal(atomic_load(&c.runs[i]), i < parts[p] ? 1 : 0);
		}
}

static void test_cpus(void **state)
{
	(void)state;
	assert_true(zc_cpus(4) >= 1);
	assert_true(zc_cpus(4) <= 4);
	assert_int_equal(zc_cpus(1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_part_once),
		cmocka_unit_test(test_cpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
