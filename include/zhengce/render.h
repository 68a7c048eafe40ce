/*
 * render.h: everything a user sees, in a machine form (JSON, JSON Lines)
 * and a human form (table). docs/notice-format.md describes the JSON.
 */
#ifndef ZHENGCE_RENDER_H
#define ZHENGCE_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "zhengce/buf.h"
#include "zhengce/notice.h"

enum zc_format {
	ZC_FORMAT_JSON,  /* one JSON array of notices */
	ZC_FORMAT_JSONL, /* one notice per line */
	ZC_FORMAT_TABLE, /* a labelled block per notice, for people */
	ZC_FORMAT_CSV,   /* one row per notice, UTF-8 with a BOM (for Excel) */
	ZC_FORMAT_ICS,   /* iCalendar (RFC 5545), for calendars only */
};

/* Parse "json", "jsonl", "table", "csv", "ics"; returns false for anything else. */
bool zc_format_parse(const char *s, enum zc_format *ret);

/* The notice as a JSON object (new reference; json_decref it). NULL on ENOMEM. */
json_t *zc_notice_to_json(const struct zc_notice *n);
/* The key elements as compact JSON text appended to out, without "text" and
 * "source" (what a store keeps beside the text). 0, -ENOMEM or -E2BIG. */
int zc_notice_elements_json(const struct zc_notice *n, struct zc_buf *out);

/*
 * A writer of a stream of notices in one format. Begin, then write each
 * notice, then end. color: use ANSI colours in table output.
 * Functions return 0 or -EIO (write error) / -ENOMEM.
 */
struct zc_writer {
	FILE *out;
	enum zc_format format;
	bool color;
	size_t count;
};

int zc_writer_begin(struct zc_writer *w, FILE *out, enum zc_format format, bool color);
int zc_writer_notice(struct zc_writer *w, const struct zc_notice *n);
int zc_writer_end(struct zc_writer *w);

/*
 * Stored notices and search results (JSON shapes in docs/store.md). Each
 * function writes one document in the given format and returns 0 or
 * -EIO / -ENOMEM. Table output fits an 80-column terminal; color adds
 * ANSI colours (highlights, deadlines); CSV starts with a UTF-8 BOM.
 */
/* A search result {"total", "results", "facets"}. */
int zc_render_search(FILE *out, const json_t *res, enum zc_format format, bool color);
/* One stored notice with its text, sources, versions, citations. */
int zc_render_record(FILE *out, const json_t *rec, enum zc_format format, bool color);
/* Calendar events (zhengce/calendar.h) as a table, soonest first. */
int zc_render_calendar(FILE *out, const json_t *events, bool color);
/* Store statistics. */
int zc_render_stats(FILE *out, const json_t *stats, enum zc_format format);

/*
 * Notices as CSV rows (key elements, lists joined with "；"): begin writes
 * the BOM and the header; each row is one notice object of the extract
 * contract (an "id" column comes first when with_id).
 */
int zc_csv_begin(FILE *out, bool with_id);
int zc_csv_notice(FILE *out, const json_t *notice, bool with_id);

#endif
