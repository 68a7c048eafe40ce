/*
 * match.c: a notice's verdict for a profile (match.h): every condition
 * evaluated (predicate.c), unmet first, then unknown, then met.
 */
#include <stdio.h>
#include <string.h>

#include "match/internal.h"
#include "zhengce/region.h"
#include "banned.h"

const char *zc_cond_status_name(enum zc_cond_status s)
{
	return s == ZC_COND_MET ? "met" : s == ZC_COND_UNMET ? "unmet" : "unknown";
}

const char *zc_verdict_name(enum zc_verdict v)
{
	return v == ZC_VERDICT_ELIGIBLE ? "eligible" : v == ZC_VERDICT_INELIGIBLE ? "ineligible" : "needs-check";
}

void zc_notice_home_region(const json_t *notice, char out[7])
{
	const struct zc_region *r[4];
	out[0] = '\0';
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(notice, "issuers"), i, v)
	{
		const char *s = json_string_value(v);
		if (s && zc_region_scan(s, strlen(s), r, 4) >= 1) {
			memcpy(out, r[0]->code, 7);
			return;
		}
	}
	const char *code = json_string_value(json_object_get(json_array_get(json_object_get(notice, "regions"), 0), "code"));
	if (code && strlen(code) == 6)
		memcpy(out, code, 7);
}

json_t *zc_match_notice(const json_t *notice, const struct zc_profile *p, const char *today)
{
	const char *deadline = json_string_value(json_object_get(notice, "deadline"));
	const char *ref = deadline && strlen(deadline) == 10 ? deadline : today;
	char home[7];
	zc_notice_home_region(notice, home);
	json_t *buckets[3] = {json_array(), json_array(), json_array()}; /* unmet, unknown, met */
	size_t counts[3] = {0, 0, 0};
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(notice, "conditions"), i, c)
	{
		char value[160], reason[240];
		enum zc_cond_status s =
			zc_condition_eval_in(c, p, ref, home[0] ? home : NULL, value, sizeof(value), reason, sizeof(reason));
		int b = s == ZC_COND_UNMET ? 0 : s == ZC_COND_UNKNOWN ? 1 : 2;
		counts[b]++;
		json_array_append_new(buckets[b],
				      json_pack("{s:s,s:s,s:s?,s:s,s:s}", "status", zc_cond_status_name(s), "text",
						json_string_value(json_object_get(c, "text")) ? json_string_value(json_object_get(c, "text")) : "",
						"value", value[0] ? value : NULL, "reason", reason, "type",
						json_string_value(json_object_get(c, "type")) ? json_string_value(json_object_get(c, "type")) : "other"));
	}
	enum zc_verdict v = counts[0] ? ZC_VERDICT_INELIGIBLE
			    : counts[1] || !counts[2] ? ZC_VERDICT_NEEDS_CHECK
						    : ZC_VERDICT_ELIGIBLE;
	size_t n = counts[0] + counts[1] + counts[2];
	double score = counts[0] ? 0.0 : n ? (double)counts[2] / (double)n : 0.0;
	json_t *conds = json_array();
	for (int b = 0; b < 3; b++) {
		json_array_extend(conds, buckets[b]);
		json_decref(buckets[b]);
	}
	const json_t *id = json_object_get(notice, "id");
	return json_pack("{s:O,s:s,s:s,s:f,s:O,s:o}", "notice_id", id ? id : json_null(), "title",
			 json_string_value(json_object_get(notice, "title")) ? json_string_value(json_object_get(notice, "title")) : "",
			 "verdict", zc_verdict_name(v), "score", score, "deadline",
			 json_object_get(notice, "deadline") ? json_object_get(notice, "deadline") : json_null(),
			 "conditions", conds);
}
