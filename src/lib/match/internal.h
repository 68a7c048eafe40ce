/*
 * internal.h: what match.c needs from predicate.c (internal).
 */
#ifndef ZC_MATCH_INTERNAL_H
#define ZC_MATCH_INTERNAL_H

#include "zhengce/match.h"

/*
 * zc_condition_eval() judged at ref_date, where "我省"/"本市" in a region
 * condition mean home_region (a GB/T 2260 code, or NULL when unknown).
 */
enum zc_cond_status zc_condition_eval_in(const json_t *cond, const struct zc_profile *p, const char *ref_date,
					 const char *home_region, char *value, size_t value_len, char *reason,
					 size_t reason_len);

#endif
