/*
 * civil.c: ISO 8601 dates and their arithmetic (see civil.h), after
 * Howard Hinnant's days_from_civil / civil_from_days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "banned.h"

bool zc_is_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int m = atoi(s + 5), d = atoi(s + 8);
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long zc_day_number(const char *iso)
{
	return days_from_civil(atol(iso), atol(iso + 5), atol(iso + 8));
}

long zc_days_between(const char *from, const char *to)
{
	return zc_day_number(to) - zc_day_number(from);
}

void zc_date_of_day(long day, char out[11])
{
	day += 719468;
	long era = (day >= 0 ? day : day - 146096) / 146097;
	long doe = day - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	unsigned year = (unsigned)((y % 10000 + 10000) % 10000), month = (unsigned)m % 100, mday = (unsigned)d % 100;
	snprintf(out, 11, "%04u-%02u-%02u", year, month, mday);
}

void zc_date_add(const char *iso, long days, char out[11])
{
	zc_date_of_day(zc_day_number(iso) + days, out);
}

void zc_today_local(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void zc_now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
