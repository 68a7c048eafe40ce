/*
 * workdays.c: working days in mainland China (see workdays.h), from the
 * table generated out of data/holidays/holidays.tsv.
 */
#include <stdint.h>
#include <stdlib.h>

#include "civil.h"
#include "workdays.h"
#include "holiday-table.h"
#include "banned.h"

static int compare_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static bool listed(const int32_t *days, size_t n, long day)
{
	int32_t key = (int32_t)day;
	return bsearch(&key, days, n, sizeof(days[0]), compare_day) != NULL;
}

/* The year of a day number. */
static int year_of(long day)
{
	char iso[11];
	zc_date_of_day(day, iso);
	return atoi(iso);
}

int zc_is_workday(long day)
{
	int year = year_of(day);
	if (year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR)
		return -1;
	if (listed(workday_days, sizeof(workday_days) / sizeof(workday_days[0]), day))
		return 1;
	if (listed(holiday_days, sizeof(holiday_days) / sizeof(holiday_days[0]), day))
		return 0;
	/* 1970-01-01 was a Thursday: day 0 is weekday 3 (Monday 0). */
	long weekday = ((day % 7) + 7 + 3) % 7;
	return weekday < 5;
}

bool zc_workdays_end(const char *start, int n, char out[11])
{
	if (!zc_is_date(start) || n < 1 || n > 366)
		return false;
	long day = zc_day_number(start);
	for (int counted = 0;; day++) {
		int w = zc_is_workday(day);
		if (w < 0)
			return false;
		if (w && ++counted == n)
			break;
	}
	zc_date_of_day(day, out);
	return true;
}
