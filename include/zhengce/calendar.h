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

#endif
