/*
 * match-store.c: one company profile against every stored notice that has
 * eligibility conditions, ordered for people: eligible first, then
 * needs-check, then ineligible; within each, the best score and the
 * soonest deadline first. Used by `zhengce match` and POST /api/match.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "zhengce/match.h"
#include "zhengce/store.h"
#include "banned.h"

struct run {
	const struct zc_profile *profile;
	const char *today;
	bool open_only;
	json_t *results;
};

bool zc_notice_open_on(const json_t *n, const char *today)
{
	const char *d = json_string_value(json_object_get(n, "deadline"));
	if (d && strcmp(d, today) >= 0)
		return true;
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(n, "windows"), i, w)
	{
		const char *from = json_string_value(json_object_get(w, "from"));
		const char *to = json_string_value(json_object_get(w, "to"));
		if (from && to && strcmp(from, today) <= 0 && strcmp(to, today) >= 0)
			return true;
	}
	return false;
}

static int on_notice(json_t *n, void *arg)
{
	struct run *run = arg;
	if (!json_array_size(json_object_get(n, "conditions")))
		return 0;
	if (run->open_only && !zc_notice_open_on(n, run->today))
		return 0;
	json_t *m = zc_match_notice(n, run->profile, run->today);
	if (!m)
		return -ENOMEM;
	return json_array_append_new(run->results, m) < 0 ? -ENOMEM : 0;
}

static int verdict_rank(const json_t *m)
{
	const char *v = json_string_value(json_object_get(m, "verdict"));
	return !v ? 2 : !strcmp(v, "eligible") ? 0 : !strcmp(v, "needs-check") ? 1 : 2;
}

static int cmp_match(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int rx = verdict_rank(x), ry = verdict_rank(y);
	if (rx != ry)
		return rx - ry;
	double sx = json_real_value(json_object_get(x, "score")), sy = json_real_value(json_object_get(y, "score"));
	if (sx != sy)
		return sx > sy ? -1 : 1;
	const char *dx = json_string_value(json_object_get(x, "deadline")), *dy = json_string_value(json_object_get(y, "deadline"));
	if (!dx || !dy)
		return dx ? -1 : dy ? 1 : 0;
	int c = strcmp(dx, dy);
	if (c)
		return c;
	json_int_t ix = json_integer_value(json_object_get(x, "notice_id"));
	json_int_t iy = json_integer_value(json_object_get(y, "notice_id"));
	return (ix > iy) - (ix < iy);
}

int zc_match_store(struct zc_store *s, const struct zc_profile *p, const char *today, bool open_only, size_t limit,
		   json_t **results)
{
	struct run run = {p, today, open_only, json_array()};
	*results = NULL;
	if (!run.results)
		return -ENOMEM;
	int r = zc_store_export(s, on_notice, &run);
	if (r == 0)
		r = zc_json_array_sort(run.results, cmp_match, limit);
	if (r < 0) {
		json_decref(run.results);
		return r;
	}
	*results = run.results;
	return 0;
}

struct plan_run {
	struct zc_match_plan *plan;
	const char *today;
	bool open_only;
};

static int on_plan_notice(json_t *n, void *arg)
{
	struct plan_run *run = arg;
	if (run->open_only && !zc_notice_open_on(n, run->today))
		return 0;
	return zc_match_plan_add(run->plan, n, run->today);
}

int zc_match_plan_from_store(struct zc_store *s, const char *today, bool open_only, struct zc_match_plan **ret)
{
	struct plan_run run = {NULL, today, open_only};
	*ret = NULL;
	int r = zc_match_plan_new(&run.plan);
	if (r == 0)
		r = zc_store_export(s, on_plan_notice, &run);
	if (r < 0) {
		zc_match_plan_free(run.plan);
		return r;
	}
	*ret = run.plan;
	return 0;
}
