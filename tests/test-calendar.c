/* test-calendar.c: deadlines and windows as events (include/zhengce/calendar.h):
 * which events a notice gives as of a date, stable UIDs, and the iCalendar
 * text: CRLF lines of at most 75 octets, folded between characters, text
 * escaped, all-day dates, two alarms per event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "zhengce/calendar.h"

static const char notice[] =
	"{\"id\": 42, \"version\": 3, \"title\": \"关于组织申报2024年度省级工业设计中心的通知(a;b,c\\\\d)请下载附件填写后报送至各市工业和信息化主管部门\","
	" \"deadline\": \"2024-06-30\", \"doc_number\": \"某工信〔2024〕7号\", \"issuers\": [\"某省工业和信息化厅\"],"
	" \"urls\": [\"https://gxt.example.gov.cn/a.html\"], \"phones\": [\"0571-87000000\"],"
	" \"windows\": [{\"from\": \"2024-06-01\", \"to\": \"2024-06-20\", \"label\": \"网上申报\"},"
	"  {\"from\": \"2024-05-01\", \"to\": \"2024-05-10\", \"label\": \"已过\"},"
	"  {\"from\": \"2024-06-30\", \"to\": \"2024-06-30\", \"label\": \"截止当日\"}]}";

static void test_events(void **state)
{
	(void)state;
	json_t *n = json_loads(notice, 0, NULL);
	assert_non_null(n);
	json_t *ev = zc_calendar_events(n, "2024-05-20");
	assert_int_equal(json_array_size(ev), 2); /* the deadline and the window to come */
	assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 0), "uid")), "notice-42-deadline@zhengce");
	assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 1), "uid")), "notice-42-window-0@zhengce");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(ev, 0), "days_left")), 41);
	json_decref(ev);
	ev = zc_calendar_events(n, "2024-07-01"); /* all past */
	assert_int_equal(json_array_size(ev), 0);
	json_decref(ev);

	ev = zc_calendar_events(n, "2024-05-20");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(zc_calendar_ics(f, ev, NULL), 0);
	fclose(f);
	/* Every line ends in CRLF and holds at most 75 octets; a folded line
	 * starts with a space and no character is cut. */
	for (char *p = buf; *p;) {
		char *nl = strstr(p, "\r\n");
		assert_non_null(nl);
		assert_true(nl - p <= 75);
		assert_true((unsigned char)*p < 0x80 || (*p & 0xC0) != 0x80);
		if (nl[2] == ' ')
			assert_true(((unsigned char)nl[3] & 0xC0) != 0x80);
		p = nl + 2;
	}
	assert_non_null(strstr(buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(buf, "DTSTART;VALUE=DATE:20240630\r\nDTEND;VALUE=DATE:20240701\r\n"));
	assert_non_null(strstr(buf, "SEQUENCE:3\r\n"));
	assert_non_null(strstr(buf, "TRIGGER:-P7D\r\n"));
	assert_non_null(strstr(buf, "TRIGGER;RELATED=END:-P2D\r\n")); /* windows: the day before their last day */
	assert_non_null(strstr(buf, "TRIGGER;RELATED=END:-P8D\r\n"));
	assert_non_null(strstr(buf, "URL:https://gxt.example.gov.cn/a.html\r\n"));
	/* Text escaped: ; , and backslash (the title holds all three). */
	char *summary = strstr(buf, "SUMMARY:");
	assert_non_null(summary);
	char unfolded[1024];
	size_t k = 0;
	for (char *p = summary; *p && k + 1 < sizeof(unfolded); p++) {
		if (p[0] == '\r' && p[1] == '\n') {
			if (p[2] != ' ')
				break;
			p += 2; /* skip CRLF and the folding space */
			continue;
		}
		unfolded[k++] = *p;
	}
	unfolded[k] = '\0';
	assert_non_null(strstr(unfolded, "(a\\;b\\,c\\\\d)"));
	json_decref(ev);
	json_decref(n);
	free(buf);
}

/* civil.h: day numbers both ways, across months, leap years and centuries. */
static void test_civil(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(zc_day_number("1970-01-01"), 0);
	assert_int_equal(zc_days_between("2024-02-28", "2024-03-01"), 2); /* a leap year */
	assert_int_equal(zc_days_between("2023-02-28", "2023-03-01"), 1);
	assert_int_equal(zc_days_between("1900-02-28", "1900-03-01"), 1); /* no leap day in 1900 */
	assert_int_equal(zc_days_between("2000-02-28", "2000-03-01"), 2); /* but one in 2000 */
	zc_date_add("2024-12-31", 1, out);
	assert_string_equal(out, "2025-01-01");
	zc_date_add("2024-03-01", -1, out);
	assert_string_equal(out, "2024-02-29");
	zc_date_add("2024-05-20", -30, out);
	assert_string_equal(out, "2024-04-20");
	for (long d = -700000; d < 2900000; d += 997) { /* round trips, years 0084–9909 */
		zc_date_of_day(d, out);
		assert_int_equal(zc_day_number(out), d);
	}
	assert_true(zc_is_date("2024-02-29"));
	assert_false(zc_is_date("2024-13-01"));
	assert_false(zc_is_date("2024-1-01"));
	assert_false(zc_is_date(NULL));
	char now[21];
	zc_now_utc(now);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[19], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_civil), cmocka_unit_test(test_events)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
