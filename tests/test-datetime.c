/* test-datetime.c: the date grammar of notices (src/lib/extract/datetime.h):
 * the date forms (年月日 with spaces, - . / separators, d.m.y, Chinese
 * numerals, dates without year), times of day (9:00, 9时30分, 下午3点, 半),
 * byte spans, ranges with 至 到 — - ～ and day-only ends, what is not a
 * date, and the calendar helpers (valid, format, parse_iso, days); and the
 * hand-written readers of dates against the plain patterns they replaced,
 * on random texts (test_plain_patterns). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/datetime.h"
#include "re.h"
#include "utf8.h"

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

/*
 * The hand-written readers against the plain patterns they replaced.
 * Dates in digits (2019年8月1日, 2019-8-1, 8月1日, 20.07.2016), a month's end
 * (6月底) are read by hand in datetime.c, and the patterns that remain are
 * tried only after a first test: a Chinese-numeral date where a numeral
 * stands (anchored) or where some 月 has a numeral after it, the time after
 * a date, a line's opening date (commits ac07939, 1e8f2db, 440beac,
 * 211f343, cfed459). Their grammar was these patterns. The readers are static, so
 * they are checked through what calls them: zc_dt_find (from the start,
 * from each date's end, and from a random character), zc_dt_range_end
 * (anchored dates and month ends), zc_dt_is_date_line and zc_dt_opens_line,
 * each against the same search written with the patterns alone, as it was
 * before those commits. The texts are random runs of the pieces that
 * matter: numbers, 年 月 日 号 and separators, connectors, Chinese numerals,
 * the words of a time.
 */
static struct zc_re plain_atom_re = ZC_RE(
	"((?:19|20)\\d{2})\\s*年\\s*年?\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*(?:[日号]|(?=\\s*(?:-|—|至|到|～|~)\\s*\\d{1,2}\\s*[日号]))"
	"|(?<![\\d.])((?:19|20)\\d{2})\\s*[-./]\\s*(\\d{1,2})\\s*[-./]\\s*(\\d{1,2})(?!\\.\\d)"
	"|(?<![\\d年.])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*(?:[日号]|(?=\\s*(?:-|—|至|到|～|~)\\s*\\d{1,2}\\s*[日号]))"
	"|(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d{2})(?!\\d)");
static struct zc_re plain_month_end_re =
	ZC_RE("((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*[底末]|(?<![\\d年.])(\\d{1,2})\\s*月\\s*[底末]");
/* Dates in Chinese numerals: at a given place (anchored), the patterns as
 * they are; searched for, from their 年 or 月, which wants the year's
 * numerals one space at most before the 年 and the month's right before the
 * 月 (so since the scan was written, ab37bb6). */
#define CN_YEAR "([〇零一二三四五六七八九○Ｏ]{4})"
#define CN_MONTH "([一二三四五六七八九十]{1,3})"
#define CN_REST "\\s*([一二三四五六七八九十]{1,3})\\s*"
static struct zc_re plain_cn_at_re = ZC_RE("\\G" CN_YEAR "\\s*年\\s*" CN_MONTH "\\s*月" CN_REST "日");
static struct zc_re plain_cn_md_at_re = ZC_RE("\\G(\\x{FFFF})?" CN_MONTH "\\s*月" CN_REST "[日号]");
static struct zc_re plain_cn_re = ZC_RE(CN_YEAR "\\s?年\\s*" CN_MONTH "\\s*月" CN_REST "日");
/* () keeps the groups' numbers. */
static struct zc_re plain_cn_md_re = ZC_RE("()" CN_MONTH "月" CN_REST "[日号]");
static struct zc_re plain_time_re = ZC_RE(
	"\\G\\s*[（(]?\\s*(?:星期|周)?[一二三四五六日天]?\\s*[）)]?\\s*(上午|下午|晚上|中午|早上)?\\s*"
	"(?|([01]\\d|2[0-4])([0-5]\\d)\\s*时|(\\d{1,2})\\s*(?:[:：]\\s*(\\d{2})|[时点]\\s*(?:(\\d{1,2})\\s*分|半|整)?))");
static struct zc_re plain_connector_re = ZC_RE(
	"\\G\\s*(?:[（(]\\s*(?:星期|周)[一二三四五六日天]\\s*[）)])?\\s*(?:起\\s*)?(?:至|到|—+|-+|–|～|~|－|─)\\s*");
static struct zc_re plain_day_only_re = ZC_RE("\\G(\\d{1,2})\\s*[日号]");
static struct zc_re plain_month_day_re = ZC_RE("\\G(\\d{1,2})[./](\\d{1,2})(?![\\d./])");
static struct zc_re plain_opens_re = ZC_RE(
	"^[（(]?\\s*(?:\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|"
	"[〇零一二三四五六七八九○Ｏ]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十〇]{1,3}\\s*日)"
	"(?=\\s*[）)]?\\s*(?:$|\\s|\\d{1,2}\\s*[:：时]|[至到—\\-~～]|发布|来源|查看|浏览|阅读|点击|作者|[（(]))");

/* The number group g holds (its digits only). */
static int group_number(const char *s, const struct zc_match *m, int g)
{
	int v = 0;
	for (size_t i = m->start[g]; i < m->end[g] && s[i] >= '0' && s[i] <= '9' && v < 100000; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* 二〇一九 → 2019 as a year (digit by digit), 二十二 → 22 otherwise. */
static int numeral_value(const char *s, const struct zc_match *m, int g, bool year)
{
	static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	int v = 0, cur = 0;
	for (size_t i = m->start[g]; i < m->end[g]; i += 3) {
		int d = 0;
		while (d < 11 && memcmp(s + i, digits[d], 3))
			d++;
		if (d == 11) /* 零 ○ Ｏ */
			d = 0;
		if (year)
			v = v * 10 + d;
		else if (d == 10)
			v += (cur ? cur : 1) * 10, cur = 0;
		else
			cur = d;
	}
	return v + cur;
}

/* The first date in Chinese numerals at or after from (at from only when anchored). */
static bool plain_cn(const char *s, size_t len, size_t from, bool anchored, struct zc_dt *c)
{
	struct zc_match m, md;
	bool full = zc_re_find(anchored ? &plain_cn_at_re : &plain_cn_re, s, len, from, &m);
	bool yearless = zc_re_find(anchored ? &plain_cn_md_at_re : &plain_cn_md_re, s, len, from, &md);
	if (!full && !yearless)
		return false;
	if (yearless && (!full || md.start[0] < m.start[0]))
		m = md, full = false;
	*c = (struct zc_dt){.year = full ? numeral_value(s, &m, 1, true) : 0,
			    .month = numeral_value(s, &m, 2, false),
			    .day = numeral_value(s, &m, 3, false),
			    .start = m.start[0],
			    .end = m.end[0]};
	return true;
}

static void plain_time(const char *s, size_t len, struct zc_dt *dt)
{
	struct zc_match m;
	dt->hour = -1;
	dt->minute = 0;
	if (!zc_re_find(&plain_time_re, s, len, dt->end, &m))
		return;
	int h = group_number(s, &m, 2), min = 0;
	if (zc_match_has(&m, 3))
		min = group_number(s, &m, 3);
	else if (zc_match_has(&m, 4))
		min = group_number(s, &m, 4);
	else if (zc_memstr(s + m.start[0], zc_match_len(&m, 0), "半"))
		min = 30;
	const char *ampm = zc_match_has(&m, 1) ? s + m.start[1] : "";
	if ((!strncmp(ampm, "下午", 6) || !strncmp(ampm, "晚上", 6)) && h < 12)
		h += 12;
	if (h > 24 || min > 59)
		return;
	dt->hour = h;
	dt->minute = min;
	dt->end = m.end[0];
}

/* The search of datetime.c before the readers, with the patterns alone. */
static bool plain_atom_at(const char *s, size_t len, size_t from, bool anchored, struct zc_dt *out)
{
	struct zc_match m, e;
	struct zc_dt c;
	bool have_cn = plain_cn(s, len, from, anchored, &c);
	bool have_num = zc_re_find(&plain_atom_re, s, len, from, &m);
	/* A month's end counts when it comes before any other date (anchored,
	 * within 24 bytes: the reach the search had before the readers). */
	size_t limit = have_num ? m.start[0] : len;
	if (have_cn && c.start < limit)
		limit = c.start;
	if (anchored && limit > from + 24)
		limit = from + 24;
	if ((zc_memstr(s + from, limit - from, "月底") || zc_memstr(s + from, limit - from, "月末")) &&
	    zc_re_find(&plain_month_end_re, s, len, from, &e) && (!anchored || e.start[0] == from) &&
	    e.start[0] < limit) {
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool year = zc_match_has(&e, 1);
		int y = year ? group_number(s, &e, 1) : 0, mo = group_number(s, &e, year ? 2 : 3);
		if (mo >= 1 && mo <= 12) {
			bool leap = y && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
			*out = (struct zc_dt){.year = y, .month = mo, .day = mdays[mo - 1] + (mo == 2 && leap),
					      .hour = -1, .start = e.start[0], .end = e.end[0]};
			return true;
		}
	}
	size_t at = from;
	for (bool first = true;; first = false) {
		if (!first)
			have_num = zc_re_find(&plain_atom_re, s, len, at, &m);
		if (have_num && anchored && m.start[0] != from)
			have_num = false;
		if (have_cn && c.start < at)
			have_cn = !anchored && plain_cn(s, len, at, false, &c);
		if (!have_num && !have_cn)
			return false;
		struct zc_dt dt = {.start = have_num ? m.start[0] : 0, .end = have_num ? m.end[0] : 0};
		if (have_cn && (!have_num || c.start < m.start[0])) {
			dt = c;
		} else if (zc_match_has(&m, 1) || zc_match_has(&m, 4)) { /* y年m月d日, y-m-d */
			int g = zc_match_has(&m, 1) ? 1 : 4;
			dt.year = group_number(s, &m, g);
			dt.month = group_number(s, &m, g + 1);
			dt.day = group_number(s, &m, g + 2);
		} else if (zc_match_has(&m, 7)) { /* m月d日 */
			dt.month = group_number(s, &m, 7);
			dt.day = group_number(s, &m, 8);
		} else { /* d.m.y */
			dt.day = group_number(s, &m, 9);
			dt.month = group_number(s, &m, 10);
			dt.year = group_number(s, &m, 11);
		}
		if (dt.month >= 1 && dt.month <= 12 && dt.day >= 1 && dt.day <= 31 &&
		    (dt.year == 0 || (dt.year >= 1949 && dt.year <= 2100))) {
			plain_time(s, len, &dt);
			*out = dt;
			return true;
		}
		if (anchored)
			return false;
		at = dt.start + 1;
		while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
			at++;
	}
}

static bool plain_range_end(const char *s, size_t len, const struct zc_dt *a, struct zc_dt *b)
{
	struct zc_match m, d;
	if (!zc_re_find(&plain_connector_re, s, len, a->end, &m))
		return false;
	size_t at = m.end[0];
	if (plain_atom_at(s, len, at, true, b))
		return true;
	bool month_day = zc_re_find(&plain_month_day_re, s, len, at, &d);
	if (!month_day && !zc_re_find(&plain_day_only_re, s, len, at, &d))
		return false;
	*b = (struct zc_dt){.month = month_day ? group_number(s, &d, 1) : 0,
			    .day = group_number(s, &d, month_day ? 2 : 1), .start = d.start[0], .end = d.end[0]};
	plain_time(s, len, b);
	return (!month_day || (b->month >= 1 && b->month <= 12)) && b->day >= 1 && b->day <= 31;
}

static size_t skip_blank_and_brackets(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '(' || s[i] == ')' ||
			   (len - i >= 3 && (!memcmp(s + i, "（", 3) || !memcmp(s + i, "）", 3)))))
		i += (unsigned char)s[i] < 0x80 ? 1 : 3;
	return i;
}

static bool plain_date_line(const char *s, size_t len)
{
	if (!zc_may_be_date_line(s, len))
		return false;
	size_t i = skip_blank_and_brackets(s, len, 0);
	struct zc_dt dt;
	for (int k = 0; k < 2; k++) {
		if (!plain_atom_at(s, len, i, true, &dt) || !dt.year || dt.hour >= 0)
			return false;
		i = skip_blank_and_brackets(s, len, dt.end);
		if (i == len)
			return true;
	}
	return false;
}

static uint32_t seed = 20261127;
static uint32_t next_rand(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

#define PICK(list) list[next_rand() % (sizeof(list) / sizeof(list[0]))]

/* The shapes of what a text is made of, slot by slot ('|' between slots;
 * $Y a year, $N a month or a day, $C a year in numerals, $c a month or a
 * day in numerals, $H an hour, $M minutes). */
static const char *const shapes[] = {
	"$Y|年|$N|月|$N|日", "$Y| |年|年|$N|月|$N|号", "$Y|-|$N|-|$N", "$Y|.|$N|.|$N", "$Y|/|$N|/|$N",
	"$N|月|$N|日", "$N|.|$N|.|$Y", "$N|月|底", "$Y|年|$N|月|末", "$C|年|$c|月|$c|日", "$c|月|$c|日",
	"$C| |年|$c|月|$c|日", " |$H|:|$M", "下午|$H|点|半", "$H|时|$M|分", "（|星期|三|）|上午|$H|点", "$N|日",
	"$N|.|$N", "（|$Y|年|$N|月|$N|日|）", "(| |$Y|-|$N|-|$N| |$H|:|$M", "（|$C|年|$c|月|$c|日|）",
	"$Y|年|$N|月|$N|日|至|$N|月|$N|日", "$N|月|$N|-|$N|日", "$Y|.|$N|.|$N|—|$N|.|$N", "至", "—", "-",
	"～", "到", "起|至", "，", "\n", "(", "）",
};
static const char *const slot_years[] = {"2019", "2020", "1999", "2100", "1948", "19", "201", "20191"};
static const char *const slot_numbers[] = {"1", "8", "12", "31", "05", "0", "13", "123", "9", "3"};
static const char *const slot_cn_years[] = {"二〇一九", "二〇二〇", "○一二三", "一九九九", "二〇二"};
static const char *const slot_cn_numbers[] = {"七", "十二", "二十二", "三十一", "十", "九", "二十二十"};
static const char *const slot_hours[] = {"9", "14", "25", "0800", "1830"};
static const char *const slot_minutes[] = {"30", "00", "75", "5"};
/* What may stand in a slot instead, or between two. */
static const char *const others[] = {
	" ", "  ", "\t", "\n", "年", "月", "日", "号", "底", "末", "-", ".", "/", "~", "—", "至", "到", "～", ".5",
	":", "：", "时", "点", "分", "半", "整", "下午", "晚上", "（", "）", "(", ")", "星期", "周", "三", "天", "起",
	"–", "－", "─", "--", "x", "中", "前", "发布", "浏览", "Ｏ", "1", "2019", "七", "二〇",
};

static const char *slot_text(const char *slot, size_t n)
{
	if (next_rand() % 10 == 0)
		return PICK(others);
	if (n != 2 || slot[0] != '$') {
		static char literal[16];
		memcpy(literal, slot, n);
		literal[n] = '\0';
		return literal;
	}
	switch (slot[1]) {
	case 'Y': return PICK(slot_years);
	case 'N': return PICK(slot_numbers);
	case 'C': return PICK(slot_cn_years);
	case 'c': return PICK(slot_cn_numbers);
	case 'H': return PICK(slot_hours);
	default: return PICK(slot_minutes);
	}
}

/* A random text of up to six shapes, each slot of them now and then
 * something else, and now and then something between two. */
static size_t random_date_text(char *buf, size_t cap)
{
	size_t len = 0;
	for (int k = 0, n = 1 + (int)(next_rand() % 6); k < n; k++) {
		const char *shape = PICK(shapes);
		while (*shape) {
			size_t sn = strcspn(shape, "|");
			const char *w[2] = {slot_text(shape, sn), next_rand() % 12 == 0 ? PICK(others) : ""};
			for (int j = 0; j < 2; j++) {
				size_t l = strlen(w[j]);
				if (len + l < cap) {
					memcpy(buf + len, w[j], l);
					len += l;
				}
			}
			shape += sn + (shape[sn] == '|');
		}
	}
	buf[len] = '\0';
	return len;
}

static void assert_same_date(const char *text, size_t from, const char *what, bool a,
			     const struct zc_dt *x, bool b, const struct zc_dt *y)
{
	if (a == b && (!a || (x->year == y->year && x->month == y->month && x->day == y->day &&
			      x->hour == y->hour && (x->hour < 0 || x->minute == y->minute) &&
			      x->start == y->start && x->end == y->end)))
		return;
	fail_msg("%s from %zu in \"%s\": read %d %d-%d-%d %d:%d [%zu,%zu), "
		 "the patterns %d %d-%d-%d %d:%d [%zu,%zu)",
		 what, from, text, a, x->year, x->month, x->day, x->hour, x->minute, x->start, x->end, b,
		 y->year, y->month, y->day, y->hour, y->minute, y->start, y->end);
}

/* How many of each kind the readers found (the comparisons must have met enough of them). */
struct tally {
	int dates, month_ends, times, numerals, ranges, lines, opens;
};

/* zc_dt_find from `from`, and zc_dt_range_end after what it finds, against the patterns. */
static bool check_find(const char *text, size_t len, size_t from, struct zc_dt *x, struct tally *t)
{
	struct zc_dt y = {0}, bx = {0}, by = {0};
	*x = (struct zc_dt){0};
	bool a = zc_dt_find(text, len, from, x), b = plain_atom_at(text, len, from, false, &y);
	assert_same_date(text, from, "date", a, x, b, &y);
	if (!a)
		return false;
	a = zc_dt_range_end(text, len, x, &bx);
	b = plain_range_end(text, len, x, &by);
	assert_same_date(text, x->end, "range end", a, &bx, b, &by);
	const char *date = text + x->start;
	size_t n = x->end - x->start;
	t->dates++;
	t->month_ends += zc_memstr(date, n, "底") || zc_memstr(date, n, "末");
	t->times += x->hour >= 0;
	t->numerals += (unsigned char)date[0] >= 0x80;
	t->ranges += a;
	return true;
}

static void test_plain_patterns(void **state)
{
	(void)state;
	char text[256];
	struct tally t = {0};
	for (int it = 0; it < 40000; it++) {
		size_t len = random_date_text(text, sizeof(text));
		zc_dt_forget(); /* a new text in the same buffer */
		/* Each date from the start, as a caller walks a text. */
		struct zc_dt x;
		for (size_t from = 0; check_find(text, len, from, &x, &t) && x.end > from;)
			from = x.end;
		/* From a random character; the line from there on, and the whole text. */
		size_t from = len ? next_rand() % len : 0;
		while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		check_find(text, len, from, &x, &t);
		for (int k = 0; k < 2; k++) {
			const char *line = k ? text + from : text;
			size_t n = k ? len - from : len;
			struct zc_match m;
			bool o = zc_dt_opens_line(line, n), d = zc_dt_is_date_line(line, n);
			if (o != zc_re_find(&plain_opens_re, line, n, 0, &m))
				fail_msg("opening date in \"%s\": read %d", line, o);
			if (d != plain_date_line(line, n))
				fail_msg("date line \"%s\": read %d", line, d);
			t.opens += o;
			t.lines += d;
		}
	}
	/* Enough of each kind for the comparisons to mean something. */
	assert_true(t.month_ends >= 500 && t.times >= 200 && t.numerals >= 1000 && t.ranges >= 500);
	assert_true(t.lines >= 100 && t.opens >= 500);
	print_message("%d dates (%d month ends, %d with a time, %d in numerals), %d ranges, "
		      "%d date lines, %d opening dates\n",
		      t.dates, t.month_ends, t.times, t.numerals, t.ranges, t.lines, t.opens);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),  cmocka_unit_test(test_not_dates), cmocka_unit_test(test_times),
		cmocka_unit_test(test_from),   cmocka_unit_test(test_ranges),	 cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_plain_patterns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
