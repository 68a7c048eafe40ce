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
#include <stdio.h>

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

/* ---- many profiles: a compiled notice set ---- */

/*
 * A set of notices compiled for matching many profiles: each condition is
 * read once, and conditions that judge alike are judged once per profile.
 * The verdicts are those of zc_match_notice(), without the reasons.
 */
struct zc_match_plan;

/* An empty plan. Returns 0 or -ENOMEM. */
int zc_match_plan_new(struct zc_match_plan **ret);
/* Release the plan and its references to the notices. Accepts NULL. */
void zc_match_plan_free(struct zc_match_plan *plan);
/*
 * Add a notice (extract contract JSON, with "id" when stored), judged as of
 * today ("YYYY-MM-DD") when it has no deadline. The plan keeps a reference
 * to it. A notice without conditions is left out. Returns 0 or -ENOMEM.
 */
int zc_match_plan_add(struct zc_match_plan *plan, json_t *notice, const char *today);
/* The notices in the plan, and its distinct predicates. */
size_t zc_match_plan_size(const struct zc_match_plan *plan);
size_t zc_match_plan_predicates(const struct zc_match_plan *plan);
/* The i-th notice of the plan (in the order added), or NULL. */
const json_t *zc_match_plan_notice(const struct zc_match_plan *plan, size_t i);
/*
 * The verdict (enum zc_verdict) of every notice for one profile, into
 * verdicts[0 .. zc_match_plan_size()). memo is working memory of
 * zc_match_plan_predicates() bytes, one per thread.
 */
void zc_match_plan_run(const struct zc_match_plan *plan, const struct zc_profile *p, unsigned char *memo,
		       unsigned char *verdicts);

/*
 * The stored notices with conditions (only those open today when
 * open_only), compiled. Returns 0, or a negative errno with
 * zc_store_error() set.
 */
int zc_match_plan_from_store(struct zc_store *s, const char *today, bool open_only, struct zc_match_plan **ret);

/* The longest profile line zc_match_batch() reads; longer lines are reported as errors. */
#define ZC_MATCH_BATCH_MAX_LINE (1 << 20)

enum zc_batch_format { ZC_BATCH_JSONL, ZC_BATCH_CSV };

struct zc_match_batch_options {
	unsigned threads;     /* 0: one per CPU */
	bool needs_check_ids; /* list the needs-check notices' ids, not only count them */
	enum zc_batch_format format;
};

struct zc_match_batch_stats {
	size_t profiles, bad_profiles;      /* profiles judged, lines that were not a usable profile */
	size_t eligible, needs_check, ineligible; /* verdicts, over all profiles */
};

/*
 * Every profile of in (JSON Lines, one profile per line; blank lines
 * skipped) against the plan's notices, one line per profile to out, in
 * input order:
 *   {"line":N,"name":…,"credit_code":…,"eligible":[ids],"needs_check":K,
 *    "ineligible":M}   (needs_check a list of ids with needs_check_ids)
 *   {"line":N,"error":"registration.date: …"}   for a line that is not a
 *                                                usable profile
 * or CSV (UTF-8 BOM; header line,name,credit_code,eligible,needs_check,
 * ineligible,error; ids separated by spaces). Returns 0 (bad profiles
 * included: see stats), -EIO on a read or write error, -ENOMEM.
 */
int zc_match_batch(const struct zc_match_plan *plan, FILE *in, FILE *out, const struct zc_match_batch_options *opts,
		   struct zc_match_batch_stats *stats);

#endif
