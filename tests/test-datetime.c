/* test-datetime.c: the date grammar of notices (src/lib/extract/datetime.h):
 * the date forms (年月日 with spaces, - . / separators, d.m.y, Chinese
 * numerals, dates without year), times of day (9:00, 9时30分, 下午3点, 半),
 * byte spans, ranges with 至 到 — - ～ and day-only ends, what is not a
 * date, and the calendar helpers (valid, format, parse_iso, days). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/datetime.h"

/* Find the first date in s and describe it as "Y-M-D HH:MM [start,end)" ("none"). */
static const char *find(const char *s)
{
	static char buf[128];
	struct zc_dt dt;
	if (!zc_dt_find(s, strlen(s), 0, &dt))
		return "none";
	if (dt.hour >= 0)
		snprintf(buf, sizeof(buf), "%d-%d-%d %02d:%02d [%zu,%zu)", dt.year, dt.month, dt.day, dt.hour,
			 dt.minute, dt.start, dt.end);
	else
		snprintf(buf, sizeof(buf), "%d-%d-%d [%zu,%zu)", dt.year, dt.month, dt.day, dt.start, dt.end);
	return buf;
}

/* Find the first date and its range end: "Y-M-D..Y-M-D [bstart,bend)" or "no range". */
static const char *range(const char *s)
{
	static char buf[128];
	struct zc_dt a, b;
	size_t len = strlen(s);
	if (!zc_dt_find(s, len, 0, &a))
		return "none";
	if (!zc_dt_range_end(s, len, &a, &b))
		return "no range";
	if (b.hour >= 0)
		snprintf(buf, sizeof(buf), "%d-%d-%d..%d-%d-%d %02d:%02d [%zu,%zu)", a.year, a.month, a.day,
			 b.year, b.month, b.day, b.hour, b.minute, b.start, b.end);
	else
		snprintf(buf, sizeof(buf), "%d-%d-%d..%d-%d-%d [%zu,%zu)", a.year, a.month, a.day, b.year,
			 b.month, b.day, b.start, b.end);
	return buf;
}

static void test_forms(void **state)
{
	(void)state;
	assert_string_equal(find("2019年8月23日"), "2019-8-23 [0,16)");
	assert_string_equal(find("于2019 年 08 月 23 日前"), "2019-8-23 [3,25)");
	assert_string_equal(find("请于2019年8月23日前提交"), "2019-8-23 [6,22)");
	assert_string_equal(find("2019年8月23号"), "2019-8-23 [0,16)");
	assert_string_equal(find("2019年年8月1日"), "2019-8-1 [0,18)"); /* a doubled 年 typo */
	assert_string_equal(find("2019-8-1"), "2019-8-1 [0,8)");
	assert_string_equal(find("2019.8.1"), "2019-8-1 [0,8)");
	assert_string_equal(find("2019/08/01"), "2019-8-1 [0,10)");
	assert_string_equal(find("日期：2019 - 8 - 1"), "2019-8-1 [9,21)");
	assert_string_equal(find("20.07.2016"), "2016-7-20 [0,10)"); /* d.m.y */
	assert_string_equal(find("13.1.2019"), "2019-1-13 [0,9)");
	assert_string_equal(find("二〇一九年七月二十二日"), "2019-7-22 [0,33)");
	/* Without the year (inferred later from the notice): 九月二十日前. */
	assert_string_equal(find("并于九月二十日前报送"), "0-9-20 [6,21)");
	assert_string_equal(find("三月五日"), "0-3-5 [0,12)");
	assert_string_equal(find("二〇二〇年十二月三十一日"), "2020-12-31 [0,36)");
	assert_string_equal(find("二○二四年十月十日"), "2024-10-10 [0,27)");
	/* Year left out. */
	assert_string_equal(find("8月20日前"), "0-8-20 [0,9)");
	assert_string_equal(find("截至12月5日"), "0-12-5 [6,15)");
	/* Bounds of the year. */
	assert_string_equal(find("2099年12月31日"), "2099-12-31 [0,17)");
	assert_string_equal(find("2100年1月1日"), "none"); /* years are 19xx and 20xx */
	assert_string_equal(find("1949年10月1日"), "1949-10-1 [0,16)");
}

static void test_not_dates(void **state)
{
	(void)state;
	assert_string_equal(find("2019年13月1日"), "none");
	assert_string_equal(find("8月32日"), "none");
	assert_string_equal(find("1948年1月1日"), "none");
	assert_string_equal(find("2019年8月"), "none");
	assert_string_equal(find("三个月内"), "none");
	assert_string_equal(find("十二月份"), "none");
	assert_string_equal(find("五月"), "none");
	assert_string_equal(find("版本1.2.3"), "none");
	assert_string_equal(find("编号20190801"), "none");
	assert_string_equal(find("9:00"), "none");
	assert_string_equal(find("共8月"), "none");
	assert_string_equal(find("3.5万元"), "none");
	assert_string_equal(find(""), "none");
	/* The atom does not check the calendar: zc_dt_valid does. */
	assert_string_equal(find("2019年2月30日"), "2019-2-30 [0,16)");
	assert_false(zc_dt_valid(2019, 2, 30));
}

static void test_times(void **state)
{
	(void)state;
	assert_string_equal(find("2019年8月1日9:30"), "2019-8-1 09:30 [0,19)");
	assert_string_equal(find("2019年8月1日 9：30前"), "2019-8-1 09:30 [0,22)");
	assert_string_equal(find("于2019 年 08 月 23 日 09 时 00 分前"), "2019-8-23 09:00 [3,39)");
	assert_string_equal(find("2019年8月1日下午3点"), "2019-8-1 15:00 [0,25)");
	assert_string_equal(find("2019年8月1日下午2点半"), "2019-8-1 14:30 [0,28)");
	assert_string_equal(find("2019年8月1日晚上8时"), "2019-8-1 20:00 [0,25)");
	assert_string_equal(find("2019年8月1日下午12点"), "2019-8-1 12:00 [0,26)");
	assert_string_equal(find("2019年8月1日（星期四）上午9时30分"), "2019-8-1 09:30 [0,45)");
	assert_string_equal(find("2019-08-01 17:00"), "2019-8-1 17:00 [0,16)");
	assert_string_equal(find("2023年7月10日0800时"), "2023-7-10 08:00 [0,23)");
	assert_string_equal(find("2023年8月31日1830时"), "2023-8-31 18:30 [0,23)");
	/* Not a time: the date ends where it ends. */
	assert_string_equal(find("2019年8月1日 25:00"), "2019-8-1 [0,15)");
	assert_string_equal(find("2019年8月1日 9:75"), "2019-8-1 [0,15)");
	assert_string_equal(find("2019年8月1日起"), "2019-8-1 [0,15)");
}

static void test_from(void **state)
{
	(void)state;
	const char *s = "自2024年3月1日至2024年3月31日，材料于4月10日前报送";
	size_t len = strlen(s);
	struct zc_dt dt;
	assert_true(zc_dt_find(s, len, 0, &dt));
	assert_int_equal(dt.month, 3);
	assert_int_equal(dt.day, 1);
	assert_true(zc_dt_find(s, len, dt.end, &dt));
	assert_int_equal(dt.year, 2024);
	assert_int_equal(dt.month, 3);
	assert_int_equal(dt.day, 31);
	assert_true(zc_dt_find(s, len, dt.end, &dt));
	assert_int_equal(dt.year, 0);
	assert_int_equal(dt.month, 4);
	assert_int_equal(dt.day, 10);
	assert_int_equal(dt.hour, -1);
	assert_false(zc_dt_find(s, len, dt.end, &dt));
	/* len bounds the search. */
	assert_false(zc_dt_find(s, 10, 0, &dt));
	/* An invalid atom is skipped, the next one found. */
	assert_string_equal(find("2019年13月1日和2019年12月1日"), "2019-12-1 [19,35)");
}

static void test_ranges(void **state)
{
	(void)state;
	assert_string_equal(range("2019年7月31日至8月31日"), "2019-7-31..0-8-31 [19,28)");
	assert_string_equal(range("2019年7月31日到2020年1月1日"), "2019-7-31..2020-1-1 [19,34)");
	assert_string_equal(range("8月1日—30日"), "0-8-1..0-0-30 [11,16)");
	assert_string_equal(range("1月1日-1月5日"), "0-1-1..0-1-5 [9,17)");
	assert_string_equal(range("3月3日至9日"), "0-3-3..0-0-9 [11,15)");
	assert_string_equal(range("2024年3月3-9日"), "2024-3-3..0-0-9 [13,17)");
	assert_string_equal(range("2020年1月1日～3日"), "2020-1-1..0-0-3 [18,22)");
	assert_string_equal(range("2019.10.15-2019.11.20"), "2019-10-15..2019-11-20 [11,21)");
	assert_string_equal(range("2019年8月1日 至 2019年8月5日 17:00"), "2019-8-1..2019-8-5 17:00 [20,41)");
	assert_string_equal(range("2019年8月1日—8月5日下午5点"), "2019-8-1..0-8-5 17:00 [18,36)");
	/* No connector, or nothing date-like after it. */
	assert_string_equal(range("2019年8月1日前"), "no range");
	assert_string_equal(range("2019年8月1日至今"), "no range");
	assert_string_equal(range("2019年8月1日至32日"), "no range");
	assert_string_equal(range("2019年8月1日，8月5日"), "no range");
}

static void test_calendar(void **state)
{
	(void)state;
	assert_true(zc_dt_valid(2024, 2, 29));
	assert_false(zc_dt_valid(2023, 2, 29));
	assert_true(zc_dt_valid(2000, 2, 29));
	assert_false(zc_dt_valid(2100, 2, 29));
	assert_true(zc_dt_valid(2024, 12, 31));
	assert_false(zc_dt_valid(2024, 4, 31));
	assert_false(zc_dt_valid(2024, 0, 1));
	assert_false(zc_dt_valid(2024, 13, 1));
	assert_false(zc_dt_valid(2024, 1, 0));
	assert_false(zc_dt_valid(1948, 12, 31));
	assert_true(zc_dt_valid(1949, 1, 1));
	assert_false(zc_dt_valid(2101, 1, 1));

	char out[11];
	zc_dt_format(2024, 3, 5, out);
	assert_string_equal(out, "2024-03-05");
	zc_dt_format(1999, 12, 31, out);
	assert_string_equal(out, "1999-12-31");

	int y = 0, m = 0, d = 0;
	assert_true(zc_dt_parse_iso("2024-03-05", &y, &m, &d));
	assert_int_equal(y, 2024);
	assert_int_equal(m, 3);
	assert_int_equal(d, 5);
	assert_false(zc_dt_parse_iso("2024-3-5", &y, &m, &d));
	assert_false(zc_dt_parse_iso("2024/03/05", &y, &m, &d));
	assert_false(zc_dt_parse_iso("2023-02-29", &y, &m, &d));
	assert_false(zc_dt_parse_iso("2024-03-05T", &y, &m, &d));
	assert_false(zc_dt_parse_iso("", &y, &m, &d));
	assert_false(zc_dt_parse_iso(NULL, &y, &m, &d));

	assert_int_equal(zc_dt_days(1970, 1, 1), 0);
	assert_int_equal(zc_dt_days(1970, 1, 2), 1);
	assert_int_equal(zc_dt_days(1969, 12, 31), -1);
	assert_int_equal(zc_dt_days(2000, 3, 1), 11017);
	assert_int_equal(zc_dt_days(2024, 12, 31) - zc_dt_days(2024, 1, 1), 365);
	assert_int_equal(zc_dt_days(2023, 12, 31) - zc_dt_days(2023, 1, 1), 364);
	assert_int_equal(zc_dt_days(2024, 3, 1) - zc_dt_days(2024, 2, 28), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),  cmocka_unit_test(test_not_dates), cmocka_unit_test(test_times),
		cmocka_unit_test(test_from),   cmocka_unit_test(test_ranges),	 cmocka_unit_test(test_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
