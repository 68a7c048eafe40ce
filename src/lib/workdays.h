/*
 * workdays.h: working days in mainland China (internal): Monday to Friday,
 * less the public holidays, plus the weekend days worked in their place,
 * as the State Council arranges them each year (data/holidays/).
 */
#ifndef ZC_WORKDAYS_H
#define ZC_WORKDAYS_H

#include <stdbool.h>

/*
 * Is the day (a day number, see civil.h) a working day? 1 yes, 0 no, -1
 * when its year is outside the table (the arrangement is not known).
 */
int zc_is_workday(long day);

/*
 * The last day of a period of n working days (n >= 1) that starts on the
 * date start ("YYYY-MM-DD"): start counts when it is a working day, else
 * the period starts at the next one ("自7月14日起5个工作日"). Writes the date
 * to out; false when a day on the way is outside the table or n is out of
 * range (1..366).
 */
bool zc_workdays_end(const char *start, int n, char out[11]);

#endif
