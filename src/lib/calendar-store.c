/*
 * calendar-store.c: the calendar of the stored notices: the events
 * (calendar.c) of every notice a search keeps, optionally only those a
 * company may apply for, soonest first. Used by `zhengce calendar`,
 * GET /api/calendar and /calendar.ics.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "jsonutil.h"
#include "zhengce/calendar.h"
#include "zhengce/match.h"
#include "zhengce/store.h"
#include "banned.h"

struct run {
	const char *today;
	long days;             /* -1: no horizon */
	int64_t *ids;          /* allowed ids, sorted; NULL: all */
	size_t nids;
	const struct zc_profile *profile; /* NULL: none */
	json_t *events;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}


static int on_notice(json_t *n, void *arg)
{
	struct run *run = arg;
	int64_t id = json_integer_value(json_object_get(n, "id"));
	if (run->ids && !bsearch(&id, run->ids, run->nids, sizeof(*run->ids), cmp_id))
		return 0;
	json_t *events = zc_calendar_events(n, run->today);
	if (!events)
		return -ENOMEM;
	if (!json_array_size(events)) {
		json_decref(events);
		return 0;
	}
	const char *verdict = NULL;
	json_t *m = NULL;
	if (run->profile) {
		m = zc_match_notice(n, run->profile, run->today);
		verdict = m ? json_string_value(json_object_get(m, "verdict")) : NULL;
		if (!verdict || !strcmp(verdict, "ineligible")) {
			json_decref(m);
			json_decref(events);
			return m ? 0 : -ENOMEM;
		}
	}
	size_t i;
	json_t *e;
	int r = 0;
	json_array_foreach(events, i, e)
	{
		const char *from = json_string_value(json_object_get(e, "from"));
		if (run->days >= 0 && (!from || zc_days_between(run->today, from) > run->days))
			continue;
		if (verdict)
			json_object_set_new(e, "verdict", json_string(verdict));
		if (json_array_append(run->events, e) < 0)
			r = -ENOMEM;
	}
	json_decref(m);
	json_decref(events);
	return r;
}

static int cmp_event(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *tx = json_string_value(json_object_get(x, "to")), *ty = json_string_value(json_object_get(y, "to"));
	const char *ux = json_string_value(json_object_get(x, "uid")), *uy = json_string_value(json_object_get(y, "uid"));
	int c = strcmp(tx ? tx : "", ty ? ty : "");
	return c ? c : strcmp(ux ? ux : "", uy ? uy : "");
}

/* Does the search narrow the notices at all? */
static bool narrows(const struct zc_search *q)
{
	return q && ((q->query && q->query[0]) || q->regions.n || q->categories.n || q->issuers.n ||
		     q->issued_from[0] || q->issued_to[0] || q->deadline_from[0] || q->deadline_to[0] ||
		     q->open_now || q->has_conditions >= 0 || q->doc_number || q->cites);
}

/* The ids the search keeps, sorted. */
static int search_ids(struct zc_store *s, const struct zc_search *filters, struct run *run)
{
	struct zc_search q = *filters;
	json_t *res = NULL;
	q.ids_only = true;
	q.facets = false;
	q.offset = 0;
	q.limit = 100000000;
	int r = zc_store_search(s, &q, &res);
	if (r < 0)
		return r;
	json_t *results = json_object_get(res, "results");
	size_t n = json_array_size(results);
	run->ids = malloc((n ? n : 1) * sizeof(*run->ids));
	if (!run->ids) {
		json_decref(res);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		run->ids[i] = json_integer_value(json_object_get(json_array_get(results, i), "id"));
	run->nids = n;
	qsort(run->ids, n, sizeof(*run->ids), cmp_id);
	json_decref(res);
	return 0;
}

int zc_calendar_collect(struct zc_store *s, const struct zc_search *filters, const struct zc_profile *profile,
			const char *today, long days, json_t **events)
{
	struct run run = {today, days, NULL, 0, profile, json_array()};
	*events = NULL;
	if (!run.events)
		return -ENOMEM;
	int r = narrows(filters) ? search_ids(s, filters, &run) : 0;
	if (r == 0)
		r = zc_store_export(s, on_notice, &run);
	if (r == 0)
		r = zc_json_array_sort(run.events, cmp_event, 0);
	free(run.ids);
	if (r < 0) {
		json_decref(run.events);
		return r;
	}
	*events = run.events;
	return 0;
}
