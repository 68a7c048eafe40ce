/*
 * snippet.h: the passage shown under a search result.
 */
#ifndef ZHENGCE_SNIPPET_H
#define ZHENGCE_SNIPPET_H

#include <stddef.h>

#include <jansson.h>

#include "zhengce/query.h"

/*
 * A one-line passage of text (line breaks become spaces) of about width
 * characters (0: 60), around the first match of the query's positive terms
 * and prefixes, "…" marking a cut. q may be NULL (the passage starts the
 * text). Returns {"snippet": "…", "highlights": [[start, length], …]}, the
 * matches in the snippet counted in characters (code points), in order and
 * not overlapping; NULL when out of memory.
 */
json_t *zc_snippet(const char *text, const struct zc_query *q, size_t width);

/*
 * Add "marks" to a stored notice record (zc_store_get): where its key
 * elements stand in its "text", as [start, length, kind] in characters,
 * sorted and not overlapping. Kinds: date, deadline, doc_number, phone,
 * email, url, address, contact, attachment, condition, cited. Returns 0 or
 * -ENOMEM.
 */
int zc_mark_elements(json_t *record);

#endif
