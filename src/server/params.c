/*
 * params.c: query parameters and request bodies turned into the library's
 * inputs: search filters (struct zc_search, the vocabulary of docs/api.md,
 * the same as `zhengce search`'s options) and company profiles. A bad
 * value is a 400 that names the parameter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "server/server.h"
#include "zhengce/profile.h"
#include "zhengce/store.h"
#include "banned.h"

static const char *const search_keys[] = {
	"q", "region", "category", "issuer", "issued_from", "issued_to", "deadline_from", "deadline_to",
	"deadline_within", "open", "today", "has_conditions", "doc_number", "cites", "sort", "limit",
	"offset", "facets", "snippet", NULL};


static bool number(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool flag(const char *s, bool *out)
{
	if (!strcmp(s, "1") || !strcmp(s, "true") || !*s)
		*out = true;
	else if (!strcmp(s, "0") || !strcmp(s, "false"))
		*out = false;
	else
		return false;
	return true;
}

static bool known(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcmp(key, *list))
			return true;
	return false;
}

void params_today(const struct request *req, char out[11])
{
	const char *t = request_param(req, "today");
	if (t && zc_is_date(t)) {
		memcpy(out, t, 11);
		return;
	}
	zc_today_local(out);
}


/* One parameter into q: false when its value is bad. */
static bool set_one(struct zc_search *q, const char *key, const char *v, long *within)
{
	long n;
	bool b;
	struct {
		const char *key;
		char *field;
	} dates[] = {{"issued_from", q->issued_from}, {"issued_to", q->issued_to},
		     {"deadline_from", q->deadline_from}, {"deadline_to", q->deadline_to}, {"today", q->today}};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (!strcmp(key, dates[i].key)) {
			if (!zc_is_date(v))
				return false;
			memcpy(dates[i].field, v, 11);
			return true;
		}
	if (!strcmp(key, "q"))
		q->query = v;
	else if (!strcmp(key, "region"))
		return zc_strv_add(&q->regions, v) == 0;
	else if (!strcmp(key, "category"))
		return zc_strv_add(&q->categories, v) == 0;
	else if (!strcmp(key, "issuer"))
		return zc_strv_add(&q->issuers, v) == 0;
	else if (!strcmp(key, "deadline_within")) {
		char digits[16];
		size_t len = strlen(v);
		if (len && v[len - 1] == 'd') /* "30d" as in the CLI */
			len--;
		if (!len || len >= sizeof(digits))
			return false;
		memcpy(digits, v, len);
		digits[len] = '\0';
		return number(digits, 0, 36500, within);
	}
	else if (!strcmp(key, "open")) {
		if (!flag(v, &b))
			return false;
		q->open_now = b;
	} else if (!strcmp(key, "has_conditions")) {
		if (!flag(v, &b))
			return false;
		q->has_conditions = b;
	} else if (!strcmp(key, "doc_number"))
		q->doc_number = v;
	else if (!strcmp(key, "cites"))
		q->cites = v;
	else if (!strcmp(key, "sort")) {
		if (!strcmp(v, "relevance"))
			q->sort = ZC_SORT_RELEVANCE;
		else if (!strcmp(v, "date"))
			q->sort = ZC_SORT_DATE;
		else if (!strcmp(v, "deadline"))
			q->sort = ZC_SORT_DEADLINE;
		else
			return false;
	} else if (!strcmp(key, "limit")) {
		if (!number(v, 1, 1000, &n))
			return false;
		q->limit = (size_t)n;
	} else if (!strcmp(key, "offset")) {
		if (!number(v, 0, 100000000, &n))
			return false;
		q->offset = (size_t)n;
	} else if (!strcmp(key, "facets")) {
		if (!flag(v, &b))
			return false;
		q->facets = b;
	} else if (!strcmp(key, "snippet")) {
		if (!number(v, 0, 1000, &n))
			return false;
		q->snippet_chars = (size_t)n;
	}
	return true;
}

bool params_search(const struct request *req, struct zc_search *q, const char *const *extra, struct response *res)
{
	long within = -1;
	q->facets = true;
	for (size_t i = 0; i < req->nparams; i++) {
		const char *key = req->keys[i], *v = req->values[i];
		if (known(key, extra))
			continue;
		if (!known(key, search_keys)) {
			respond_error(res, 400, "unknown parameter '%s'", key);
			return false;
		}
		if (!set_one(q, key, v, &within)) {
			respond_error(res, 400, "bad value for '%s': '%.80s'", key, v);
			return false;
		}
	}
	if (within >= 0) {
		if (q->deadline_from[0] || q->deadline_to[0]) {
			respond_error(res, 400, "deadline_within clashes with deadline_from / deadline_to");
			return false;
		}
		char today[11];
		params_today(req, today);
		memcpy(q->deadline_from, today, 11);
		zc_date_add(today, within, q->deadline_to);
	}
	return true;
}

bool params_profile(const char *json, size_t len, struct zc_profile *p, struct response *res)
{
	json_error_t jerr;
	json_t *o = json ? json_loadb(json, len, 0, &jerr) : NULL;
	if (!json_is_object(o)) {
		if (o || !json)
			respond_error(res, 400, "the profile must be a JSON object");
		else
			respond_error(res, 400, "the profile is not JSON: %s at line %d, column %d", jerr.text, jerr.line,
				      jerr.column);
		json_decref(o);
		return false;
	}
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	int r = zc_profile_from_json(o, p, &problems);
	json_decref(o);
	if (r == 0) {
		zc_vec_free(&problems);
		return true;
	}
	zc_profile_free(p);
	if (r == -ENOMEM) {
		zc_vec_free(&problems);
		respond_error(res, 500, "out of memory");
		return false;
	}
	json_t *errors = json_array();
	for (size_t i = 0; i < problems.n; i++) {
		const struct zc_profile_problem *pr = &ZC_VEC_AT(&problems, struct zc_profile_problem, i);
		if (!pr->warning)
			json_array_append_new(errors, json_pack("{s:s,s:s}", "field", pr->path, "message", pr->message));
	}
	zc_vec_free(&problems);
	respond_json(res, 400, json_pack("{s:{s:i,s:s},s:o}", "error", "status", 400, "message",
					  "the profile has errors", "errors", errors));
	return false;
}
