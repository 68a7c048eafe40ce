/*
 * calendar.h: deadlines and application windows as calendar events, and
 * their iCalendar (RFC 5545) form.
 */
#ifndef ZHENGCE_CALENDAR_H
#define ZHENGCE_CALENDAR_H

#include <stdio.h>

#include <jansson.h>

/*
 * The events of a stored notice (zc_store_get / export JSON: key elements
 * plus "id", "version", "updated_at") that end on or after today
 * ("YYYY-MM-DD"): [{"uid", "notice_id", "title", "kind" ("deadline" or
 * "window"), "from", "to", "label", "days_left", "doc_number", "issuers",
 * "version", "url", "phones"}]. UIDs are stable: "notice-ID-deadline@zhengce",
 * "notice-ID-window-K@zhengce". NULL when out of memory.
 */
json_t *zc_calendar_events(const json_t *notice, const char *today);

/*
 * Write events as an iCalendar file: CRLF lines folded at 75 octets, text
 * escaped, all-day events with SEQUENCE (the notice's version), DTSTAMP
 * (when it was stored) and two alarms, 7 days and 1 day before the day
 * (for windows: before their last day, counted from DTEND). An event's "verdict", when present, goes into its
 * description. Returns 0 or -EIO / -ENOMEM.
 */
int zc_calendar_ics(FILE *out, const json_t *events, const char *name);

struct zc_store;
struct zc_search;
struct zc_profile;
/*
 * The events of the stored notices that the search keeps (filters NULL or
 * narrowing nothing: all; its paging is ignored), soonest end first. With
 * a profile, only notices it is eligible for or needs-check on, with the
 * "verdict" in each event; days >= 0 keeps events starting within that
 * many days of today. Returns 0, -EINVAL for a bad search, or another
 * negative errno, with zc_store_error() set.
 */
int zc_calendar_collect(struct zc_store *s, const struct zc_search *filters, const struct zc_profile *profile,
			const char *today, long days, json_t **events);

#endif
