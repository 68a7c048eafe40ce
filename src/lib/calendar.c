/*
 * calendar.c: the dates a reader must act by, as calendar events, and
 * their iCalendar form (RFC 5545).
 *
 * Each stored notice gives one event for its deadline and one per window
 * (网上申报, 纸质材料, 公示期 …) that ends on or after today. UIDs are built
 * from the notice id and the event's kind and index, so they are stable
 * from one export to the next; SEQUENCE is the notice's version, so a
 * changed notice updates the event. Every event carries two alarms, 7 days
 * and 1 day before its (last) day. Events are all-day (DTEND is the day after).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/calendar.h"
#include "banned.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static bool is_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}


static json_t *event(const json_t *notice, const char *kind, int index, const char *from, const char *to,
		     const char *label, const char *today)
{
	char uid[96];
	long long id = (long long)json_integer_value(json_object_get(notice, "id"));
	if (index >= 0)
		snprintf(uid, sizeof(uid), "notice-%lld-%s-%d@zhengce", id, kind, index);
	else
		snprintf(uid, sizeof(uid), "notice-%lld-%s@zhengce", id, kind);
	json_t *issuers = json_object_get(notice, "issuers");
	json_t *e = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s?,s:I,s:s?,s:O,s:I}", "uid", uid, "notice_id", (json_int_t)id,
			      "title", str(notice, "title"), "kind", kind, "from", from, "to", to, "label",
			      label && label[0] ? label : NULL, "days_left", (json_int_t)zc_days_between(today, to),
			      "doc_number", json_string_value(json_object_get(notice, "doc_number")), "issuers",
			      issuers ? issuers : json_null(), "version",
			      (json_int_t)(json_integer_value(json_object_get(notice, "version")) ? json_integer_value(json_object_get(notice, "version")) : 1));
	if (!e)
		return NULL;
	const char *updated = json_string_value(json_object_get(notice, "updated_at"));
	if (updated)
		json_object_set_new(e, "updated_at", json_string(updated));
	json_t *urls = json_object_get(notice, "urls"), *phones = json_object_get(notice, "phones");
	if (json_array_size(urls))
		json_object_set(e, "url", json_array_get(urls, 0));
	if (json_array_size(phones))
		json_object_set(e, "phones", phones);
	return e;
}

json_t *zc_calendar_events(const json_t *notice, const char *today)
{
	json_t *out = json_array();
	if (!out)
		return NULL;
	const char *deadline = str(notice, "deadline");
	if (is_date(deadline) && strcmp(deadline, today) >= 0)
		json_array_append_new(out, event(notice, "deadline", -1, deadline, deadline, "截止", today));
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(notice, "windows"), i, w)
	{
		const char *from = str(w, "from"), *to = str(w, "to");
		if (!is_date(from) || !is_date(to) || strcmp(to, today) < 0 || strcmp(from, to) > 0)
			continue;
		/* A window that only repeats the deadline's day adds nothing. */
		if (!strcmp(from, to) && !strcmp(to, deadline))
			continue;
		json_array_append_new(out, event(notice, "window", (int)i, from, to, str(w, "label"), today));
	}
	return out;
}

/* ---- iCalendar ---- */

struct ics {
	FILE *out;
	int r;
};

/* Write one content line, folded at 75 octets without cutting a character. */
static void line(struct ics *o, const char *s)
{
	size_t len = strlen(s), col = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = p;
		zc_utf8_next(&q, end);
		size_t n = (size_t)(q - p);
		if (col + n > 75) {
			fputs("\r\n ", o->out);
			col = 1;
		}
		fwrite(p, 1, n, o->out);
		col += n;
		p = q;
	}
	fputs("\r\n", o->out);
	if (ferror(o->out))
		o->r = -EIO;
}

/* NAME:value with the value's text escaped (RFC 5545 3.3.11). */
static void text_prop(struct ics *o, const char *name, const char *value)
{
	struct zc_buf b;
	zc_buf_init(&b, 0);
	int r = zc_buf_adds(&b, name);
	r |= zc_buf_addc(&b, ':');
	for (const char *p = value; *p && r == 0; p++) {
		if (*p == '\\' || *p == ';' || *p == ',')
			r = zc_buf_addc(&b, '\\'), r |= zc_buf_addc(&b, *p);
		else if (*p == '\n')
			r = zc_buf_adds(&b, "\\n");
		else if (*p != '\r')
			r = zc_buf_addc(&b, *p);
	}
	if (r == 0 && b.data)
		line(o, b.data);
	else
		o->r = -ENOMEM;
	zc_buf_free(&b);
}

static void date_prop(struct ics *o, const char *name, const char *iso, int add_days)
{
	char day[11], buf[64];
	zc_date_add(iso, add_days, day);
	snprintf(buf, sizeof(buf), "%s;VALUE=DATE:%.4s%.2s%.2s", name, day, day + 5, day + 8);
	line(o, buf);
}

static void alarm(struct ics *o, const char *trigger, bool before_end, const char *what)
{
	line(o, "BEGIN:VALARM");
	line(o, "ACTION:DISPLAY");
	char buf[48];
	snprintf(buf, sizeof(buf), "TRIGGER%s:%s", before_end ? ";RELATED=END" : "", trigger);
	line(o, buf);
	text_prop(o, "DESCRIPTION", what);
	line(o, "END:VALARM");
}

int zc_calendar_ics(FILE *out, const json_t *events, const char *name)
{
	struct ics o = {out, 0};
	line(&o, "BEGIN:VCALENDAR");
	line(&o, "VERSION:2.0");
	line(&o, "PRODID:-//zhengce//zhengce calendar//ZH");
	line(&o, "CALSCALE:GREGORIAN");
	line(&o, "METHOD:PUBLISH");
	text_prop(&o, "X-WR-CALNAME", name && name[0] ? name : "zhengce 申报日历");
	line(&o, "X-WR-TIMEZONE:Asia/Shanghai");
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y%m%dT%H%M%SZ", &tm);
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		char buf[128];
		const char *kind = str(e, "kind"), *label = str(e, "label");
		line(&o, "BEGIN:VEVENT");
		snprintf(buf, sizeof(buf), "UID:%s", str(e, "uid"));
		line(&o, buf);
		/* DTSTAMP: when the notice was stored, so that exports are stable. */
		const char *u = str(e, "updated_at");
		if (strlen(u) == 20)
			snprintf(buf, sizeof(buf), "DTSTAMP:%.4s%.2s%.2sT%.2s%.2s%.2sZ", u, u + 5, u + 8, u + 11, u + 14,
				 u + 17);
		else
			snprintf(buf, sizeof(buf), "DTSTAMP:%s", now);
		line(&o, buf);
		snprintf(buf, sizeof(buf), "SEQUENCE:%lld", (long long)json_integer_value(json_object_get(e, "version")));
		line(&o, buf);
		date_prop(&o, "DTSTART", str(e, "from"), 0);
		date_prop(&o, "DTEND", str(e, "to"), 1);
		struct zc_buf b;
		zc_buf_init(&b, 0);
		int r = zc_buf_addf(&b, "%s：%s", !strcmp(kind, "deadline") ? "截止" : label[0] ? label : "办理时间",
				    str(e, "title"));
		if (r == 0)
			text_prop(&o, "SUMMARY", b.data);
		zc_buf_reset(&b);
		r = 0;
		if (str(e, "doc_number")[0])
			r |= zc_buf_addf(&b, "文号：%s\n", str(e, "doc_number"));
		size_t k;
		json_t *v;
		json_array_foreach(json_object_get(e, "issuers"), k, v)
			r |= zc_buf_addf(&b, "%s%s%s", k ? "、" : "发文：", json_string_value(v) ? json_string_value(v) : "",
					 k + 1 == json_array_size(json_object_get(e, "issuers")) ? "\n" : "");
		json_array_foreach(json_object_get(e, "phones"), k, v)
			r |= zc_buf_addf(&b, "%s%s%s", k ? "、" : "电话：", json_string_value(v) ? json_string_value(v) : "",
					 k + 1 == json_array_size(json_object_get(e, "phones")) ? "\n" : "");
		if (str(e, "verdict")[0])
			r |= zc_buf_addf(&b, "资格：%s\n", str(e, "verdict"));
		if (r == 0 && b.data)
			text_prop(&o, "DESCRIPTION", b.data);
		zc_buf_free(&b);
		if (!strncmp(str(e, "url"), "http://", 7) || !strncmp(str(e, "url"), "https://", 8)) {
			struct zc_buf ub;
			zc_buf_init(&ub, 0);
			if (zc_buf_addf(&ub, "URL:%s", str(e, "url")) == 0)
				line(&o, ub.data);
			zc_buf_free(&ub);
		}
		line(&o, "TRANSP:TRANSPARENT");
		/* A window's DTEND is the day after its last day: 2 and 8 days
		 * before it are 1 and 7 days before the last day. */
		bool window = !strcmp(kind, "window");
		alarm(&o, window ? "-P8D" : "-P7D", window, window ? "一周后结束" : "一周后截止");
		alarm(&o, window ? "-P2D" : "-P1D", window, window ? "明天结束" : "明天截止");
		line(&o, "END:VEVENT");
	}
	line(&o, "END:VCALENDAR");
	return o.r ? o.r : (fflush(out) == EOF ? -EIO : 0);
}
