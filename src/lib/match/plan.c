/*
 * plan.c: a set of notices compiled for matching many profiles (match.h,
 * struct zc_match_plan).
 *
 * Every condition is compiled once (predicate.c). Conditions that judge
 * alike are shared: "注册地在云南省内" of forty Yunnan notices is one
 * predicate, judged once per profile and remembered for the others. Each
 * notice keeps its predicates in the order that settles it soonest (the
 * region first: most notices are from somewhere else). A condition that is
 * unknown whatever the profile ("需人工核对") is not judged at all: it can
 * only turn eligible into needs-check, which a flag on the notice does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"
#include "banned.h"

struct plan_notice {
	json_t *json;
	uint32_t first, count;  /* its predicates: refs[first .. first+count) */
	bool always_unknown;    /* has a condition no profile can settle */
};

struct zc_match_plan {
	struct plan_notice *notices;
	size_t n_notices, cap_notices;
	struct zc_pred *preds;
	size_t n_preds, cap_preds;
	uint32_t *refs;
	size_t n_refs, cap_refs;
	uint32_t *slots; /* open addressing over preds: index + 1, 0 empty */
	size_t n_slots;
};

int zc_match_plan_new(struct zc_match_plan **ret)
{
	*ret = calloc(1, sizeof(**ret));
	return *ret ? 0 : -ENOMEM;
}

void zc_match_plan_free(struct zc_match_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n_notices; i++)
		json_decref(plan->notices[i].json);
	free(plan->notices);
	free(plan->preds);
	free(plan->refs);
	free(plan->slots);
	free(plan);
}

size_t zc_match_plan_size(const struct zc_match_plan *plan)
{
	return plan->n_notices;
}

size_t zc_match_plan_predicates(const struct zc_match_plan *plan)
{
	return plan->n_preds;
}

const json_t *zc_match_plan_notice(const struct zc_match_plan *plan, size_t i)
{
	return i < plan->n_notices ? plan->notices[i].json : NULL;
}

/* Grow *items (of size each) to hold one more than n. */
static int reserve(void **items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : 64;
	void *p = realloc(*items, want * size);
	if (!p)
		return -ENOMEM;
	*items = p;
	*cap = want;
	return 0;
}

/* Index the plan's predicates in slots[0 .. n), zeroed (n a power of two, more than twice their number). */
static void fill_slots(const struct zc_match_plan *plan, uint32_t *slots, size_t n)
{
	for (size_t i = 0; i < plan->n_preds; i++) {
		size_t h = (size_t)zc_pred_hash(&plan->preds[i]) & (n - 1);
		while (slots[h])
			h = (h + 1) & (n - 1);
		slots[h] = (uint32_t)i + 1;
	}
}

static int rehash(struct zc_match_plan *plan, size_t n)
{
	uint32_t *slots = calloc(n, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	fill_slots(plan, slots, n);
	free(plan->slots);
	plan->slots = slots;
	plan->n_slots = n;
	return 0;
}

/* The index of a predicate judging like pr, added when new; negative errno. */
static long intern(struct zc_match_plan *plan, const struct zc_pred *pr)
{
	if ((plan->n_preds + 1) * 2 > plan->n_slots && rehash(plan, plan->n_slots ? plan->n_slots * 2 : 256) < 0)
		return -ENOMEM;
	size_t h = (size_t)zc_pred_hash(pr) & (plan->n_slots - 1);
	for (; plan->slots[h]; h = (h + 1) & (plan->n_slots - 1))
		if (zc_pred_same(&plan->preds[plan->slots[h] - 1], pr))
			return (long)plan->slots[h] - 1;
	if (plan->n_preds >= UINT32_MAX - 1 ||
	    reserve((void **)&plan->preds, &plan->cap_preds, plan->n_preds, sizeof(*pr)) < 0)
		return -ENOMEM;
	plan->preds[plan->n_preds] = *pr;
	plan->slots[h] = (uint32_t)plan->n_preds + 1;
	return (long)plan->n_preds++;
}

/* Judging order: cheap and often unmet first. */
static int kind_rank(enum zc_pred_kind k)
{
	switch (k) {
	case ZC_PRED_REGION:
		return 0;
	case ZC_PRED_LEGAL_PERSON:
	case ZC_PRED_YEARS:
		return 1;
	case ZC_PRED_THRESHOLD:
		return 2;
	default:
		return 3;
	}
}

int zc_match_plan_add(struct zc_match_plan *plan, json_t *notice, const char *today)
{
	const json_t *conds = json_object_get(notice, "conditions");
	size_t n = json_array_size(conds);
	if (n == 0)
		return 0;
	const char *deadline = json_string_value(json_object_get(notice, "deadline"));
	const char *ref = deadline && strlen(deadline) == 10 ? deadline : today;
	char home[7];
	zc_notice_home_region(notice, home);
	if (reserve((void **)&plan->notices, &plan->cap_notices, plan->n_notices, sizeof(*plan->notices)) < 0)
		return -ENOMEM;
	struct plan_notice *pn = &plan->notices[plan->n_notices];
	*pn = (struct plan_notice){.first = (uint32_t)plan->n_refs};
	size_t preds_before = plan->n_preds;
	for (size_t i = 0; i < n; i++) {
		struct zc_pred pr;
		zc_pred_compile(&pr, json_array_get(conds, i), ref, home[0] ? home : NULL);
		if (pr.kind == ZC_PRED_FIXED) {
			pn->always_unknown = true;
			continue;
		}
		long k = intern(plan, &pr);
		if (k < 0 || reserve((void **)&plan->refs, &plan->cap_refs, plan->n_refs, sizeof(*plan->refs)) < 0) {
			/* as it was: the predicates added point into this notice, which the plan does not keep */
			plan->n_refs = pn->first;
			plan->n_preds = preds_before;
			if (plan->n_slots) {
				memset(plan->slots, 0, plan->n_slots * sizeof(*plan->slots));
				fill_slots(plan, plan->slots, plan->n_slots);
			}
			return -ENOMEM;
		}
		/* insertion into the notice's list, kept in judging order */
		size_t at = plan->n_refs++;
		while (at > pn->first && kind_rank(plan->preds[plan->refs[at - 1]].kind) > kind_rank(pr.kind)) {
			plan->refs[at] = plan->refs[at - 1];
			at--;
		}
		plan->refs[at] = (uint32_t)k;
		pn->count++;
	}
	pn->json = json_incref(notice);
	plan->n_notices++;
	return 0;
}

void zc_match_plan_run(const struct zc_match_plan *plan, const struct zc_profile *p, unsigned char *memo,
		       unsigned char *verdicts)
{
	/* memo[k]: 0 not judged yet, else 1 + the status of predicate k */
	memset(memo, 0, plan->n_preds);
	for (size_t i = 0; i < plan->n_notices; i++) {
		const struct plan_notice *pn = &plan->notices[i];
		bool unknown = pn->always_unknown, unmet = false;
		for (uint32_t r = pn->first; r < pn->first + pn->count && !unmet; r++) {
			uint32_t k = plan->refs[r];
			if (!memo[k])
				memo[k] = (unsigned char)(1 + zc_pred_judge(&plan->preds[k], p, NULL, 0, NULL, 0));
			unmet = memo[k] == 1 + ZC_COND_UNMET;
			unknown |= memo[k] == 1 + ZC_COND_UNKNOWN;
		}
		verdicts[i] = unmet ? ZC_VERDICT_INELIGIBLE
			      : unknown || pn->count == 0 ? ZC_VERDICT_NEEDS_CHECK
							  : ZC_VERDICT_ELIGIBLE;
	}
}
