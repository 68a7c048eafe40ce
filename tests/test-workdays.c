/* test-workdays.c: working days in mainland China (workdays.h): weekends,
 * public holidays and the weekend days worked in their place, from the
 * State Council's arrangements; years outside the table are unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "civil.h"
#include "workdays.h"

static int workday(const char *iso)
{
	return zc_is_workday(zc_day_number(iso));
}

static void test_weekdays_and_weekends(void **state)
{
	(void)state;
	assert_int_equal(workday("2025-07-14"), 1); /* a Monday */
	assert_int_equal(workday("2025-07-18"), 1); /* a Friday */
	assert_int_equal(workday("2025-07-19"), 0); /* a Saturday */
	assert_int_equal(workday("2025-07-20"), 0); /* a Sunday */
}

static void test_holidays_and_makeup_days(void **state)
{
	(void)state;
	assert_int_equal(workday("2025-10-01"), 0); /* 国庆节, a Wednesday */
	assert_int_equal(workday("2025-10-08"), 0);
	assert_int_equal(workday("2025-09-28"), 1); /* a Sunday worked */
	assert_int_equal(workday("2025-10-11"), 1); /* a Saturday worked */
	assert_int_equal(workday("2024-02-12"), 0); /* 春节, a Monday */
	assert_int_equal(workday("2024-02-04"), 1); /* a Sunday worked */
}

static void test_outside_the_table(void **state)
{
	(void)state;
	assert_int_equal(workday("1999-03-01"), -1);
	assert_int_equal(workday("2090-03-01"), -1);
}

static void expect_end(const char *start, int n, const char *end)
{
	char out[11] = "";
	assert_true(zc_workdays_end(start, n, out));
	assert_string_equal(out, end);
}

static void test_period_ends(void **state)
{
	(void)state;
	expect_end("2025-07-14", 5, "2025-07-18"); /* Monday to Friday */
	expect_end("2025-07-16", 5, "2025-07-22"); /* over a weekend */
	expect_end("2025-07-19", 1, "2025-07-21"); /* a Saturday start: from Monday */
	expect_end("2025-09-26", 5, "2025-10-09"); /* 9-26 Fri, 9-28 Sun worked, 9-29, 9-30, then 10-9 */
	expect_end("2024-02-08", 3, "2024-02-18"); /* 2-8, 2-9, then 春节 to 2-17; 2-18, a Sunday, worked */
}

static void test_refusals(void **state)
{
	(void)state;
	char out[11];
	assert_false(zc_workdays_end("2026-12-28", 10, out)); /* runs past the table's last year */
	assert_false(zc_workdays_end("2025-07-14", 0, out));
	assert_false(zc_workdays_end("2025-07-14", 400, out));
	assert_false(zc_workdays_end("2025-13-01", 5, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekdays_and_weekends),
		cmocka_unit_test(test_holidays_and_makeup_days),
		cmocka_unit_test(test_outside_the_table),
		cmocka_unit_test(test_period_ends),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
