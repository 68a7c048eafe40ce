/*
 * match.h: a company profile against a notice's eligibility conditions.
 *
 * Each extracted condition (notice.h: struct zc_condition, or its JSON in
 * the extract contract) is a typed predicate; evaluating it on a profile
 * gives met, unmet or unknown, with the profile value used and a reason.
 * Unknown means the profile lacks the data or the sentence is not
 * machine-checkable: it is never guessed. A notice's verdict follows:
 *   ineligible   some condition is unmet
 *   eligible     every condition is met (and there is at least one)
 *   needs-check  no condition unmet, some unknown
 * The score orders notices: the share of conditions met, unmet ones first
 * pulling it to zero.
 */
#ifndef ZHENGCE_MATCH_H
#define ZHENGCE_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "zhengce/profile.h"

enum zc_cond_status { ZC_COND_UNKNOWN, ZC_COND_MET, ZC_COND_UNMET };

enum zc_verdict { ZC_VERDICT_NEEDS_CHECK, ZC_VERDICT_ELIGIBLE, ZC_VERDICT_INELIGIBLE };

const char *zc_cond_status_name(enum zc_cond_status s);
const char *zc_verdict_name(enum zc_verdict v);

/*
 * Evaluate one condition (a JSON object of the extract contract's
 * "conditions") on the profile, as of `today` ("YYYY-MM-DD"). Writes a
 * reason for people (Chinese) into reason and the profile value used into
 * value (both "" when there is none).
 */
enum zc_cond_status zc_condition_eval(const json_t *cond, const struct zc_profile *p, const char *today,
				      char *value, size_t value_len, char *reason, size_t reason_len);

/*
 * Match a notice (JSON of the extract contract, with "id" when stored) and
 * return {"notice_id", "title", "verdict", "score", "deadline",
 * "conditions": [{"status", "text", "value", "reason", "type"}]}, unmet
 * first, then unknown, then met. NULL when out of memory.
 */
json_t *zc_match_notice(const json_t *notice, const struct zc_profile *p, const char *today);

/* True when the notice (extract contract JSON) is open on today: a
 * deadline on or after it, or a window holding it. */
bool zc_notice_open_on(const json_t *notice, const char *today);

struct zc_store;
/*
 * Match the profile against every stored notice with conditions (only
 * those open today when open_only) and set *results to the matches,
 * eligible first, then needs-check, then ineligible; within each the best
 * score, then the soonest deadline. At most limit (0: all). Returns 0, or
 * a negative errno with zc_store_error() set.
 */
int zc_match_store(struct zc_store *s, const struct zc_profile *p, const char *today, bool open_only, size_t limit,
		   json_t **results);

#endif
