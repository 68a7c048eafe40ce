/*
 * datetime.h: the date grammar of Chinese notices (internal).
 *
 * Forms read: 2019年8月23日, 2019 年 08 月 23 日 09 时 00 分, 2019-8-1,
 * 2019.8.1, 2019/8/1, 20.07.2016, 二〇一九年七月二十二日, 8月20日 (year
 * left out), and ranges of them joined by 至 到 - — ～ (8月1日—30日,
 * 2019年7月31日至8月31日). Times: 9:00, 9时30分, 下午3点.
 */
#ifndef ZC_DATETIME_H
#define ZC_DATETIME_H

#include <stdbool.h>
#include <stddef.h>

struct zc_dt {
	int year;  /* 0 when the text leaves it out */
	int month; /* 0 when the text leaves it out (a day-only range end) */
	int day;
	int hour;  /* -1 when no time */
	int minute;
	size_t start, end; /* byte span in the text */
};

/* Forget what searches remembered about the last text (call before a new text). */
void zc_dt_forget(void);

/* Find the next date at or after byte offset from. Returns false when there is none. */
bool zc_dt_find(const char *s, size_t len, size_t from, struct zc_dt *out);

/*
 * If a range connector and a second date (possibly without year, month)
 * follow the date `a` (a->end), parse it into *b and return true.
 */
bool zc_dt_range_end(const char *s, size_t len, const struct zc_dt *a, struct zc_dt *b);

/*
 * True when s[0..len) is a date standing alone on its line — the 成文日期 of a
 * signature, in any form the grammar reads, perhaps in brackets, perhaps
 * repeated under each body of a two-column signature ("2023年5月29日  2023年5月29日").
 */
bool zc_dt_is_date_line(const char *s, size_t len);

/*
 * Does s[0..len) open with a full date that stands apart from what follows:
 * the line's end, white space, a time (14:37, 9时), a range's dash, a page
 * label (发布, 来源, 查看3次) or a bracket? A page's timestamp ("2020-12-16 14:37
 * 浏览量：688") does; "2020年12月16日前报送" does not.
 */
bool zc_dt_opens_line(const char *s, size_t len);

/* True for a real calendar date. */
bool zc_dt_valid(int y, int m, int d);

/* Format y-m-d as "YYYY-MM-DD" into out (11 bytes). */
void zc_dt_format(int y, int m, int d, char out[11]);

/* Parse "YYYY-MM-DD" into y, m, d; false if malformed. */
bool zc_dt_parse_iso(const char *s, int *y, int *m, int *d);

/* Days since 1970-01-01 of a valid date (for comparisons and differences). */
long zc_dt_days(int y, int m, int d);

#endif
