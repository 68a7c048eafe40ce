/*
 * civil.h: dates and times as zhengce writes them (ISO 8601: "YYYY-MM-DD",
 * "YYYY-MM-DDTHH:MM:SSZ") and the arithmetic on them (internal). Days are
 * counted on the proleptic Gregorian calendar, without time zones or
 * timegm(): a date is a day number.
 */
#ifndef ZC_CIVIL_H
#define ZC_CIVIL_H

#include <stdbool.h>

/* Is s a date "YYYY-MM-DD" (month 1–12, day 1–31)? */
bool zc_is_date(const char *s);
/* The day number of a date (days since 1970-01-01); its first 10 characters are read. */
long zc_day_number(const char *iso);
/* to − from, in days. */
long zc_days_between(const char *from, const char *to);
/* The date of a day number. */
void zc_date_of_day(long day, char out[11]);
/* iso plus days (negative: minus). */
void zc_date_add(const char *iso, long days, char out[11]);
/* Today in local time. */
void zc_today_local(char out[11]);
/* Now in UTC, to the second. */
void zc_now_utc(char out[21]);

#endif
