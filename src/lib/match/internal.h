/*
 * internal.h: eligibility conditions compiled for matching (internal to
 * src/lib/match).
 *
 * A condition (extract contract JSON) is compiled once into a struct
 * zc_pred: everything that depends only on the notice (which quantity a
 * threshold measures, the regions named, the date judged at, what "我省"
 * means) is settled then, by reading the sentence's words. Judging a
 * compiled predicate against a profile reads only numbers and the
 * profile's own strings, so one notice set can be judged against many
 * profiles fast (plan.c), and zc_condition_eval() is compile + judge, the
 * same code either way.
 */
#ifndef ZC_MATCH_INTERNAL_H
#define ZC_MATCH_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "zhengce/match.h"
#include "zhengce/region.h"

enum zc_pred_kind {
	ZC_PRED_FIXED,         /* unknown whatever the profile: reason_fmt (with reason_arg) */
	ZC_PRED_REGION,
	ZC_PRED_YEARS,         /* registration age */
	ZC_PRED_DATE,          /* a project started before/after date */
	ZC_PRED_THRESHOLD,
	ZC_PRED_QUAL_HELD,
	ZC_PRED_QUAL_NOT_HELD,
	ZC_PRED_BLACKLIST,     /* not on a credit list: the credit events of kind word */
	ZC_PRED_RECORD,        /* no credit event within years */
	ZC_PRED_LEGAL_PERSON,
	ZC_PRED_LEGAL_FORM,
	ZC_PRED_INDUSTRY,
	ZC_PRED_HIGH_TECH_FIELD, /* 《国家重点支持的高新技术领域》: from the profile's industries */
	ZC_PRED_INDUSTRIAL,      /* 工业企业 (规模以上: with 2000万元 of revenue): from the industries */
};

enum zc_pred_op { ZC_OP_NONE, ZC_OP_GE, ZC_OP_GT, ZC_OP_LE, ZC_OP_LT, ZC_OP_EQ, ZC_OP_BAD };

/* What a threshold measures. */
enum zc_quantity {
	ZC_Q_NONE,          /* not checkable */
	ZC_Q_GROWTH,        /* revenue growth over span years (compound or mean) */
	ZC_Q_RD_RATIO,      /* R&D expense over revenue, % */
	ZC_Q_STAFF_RATIO,   /* science (else R&D) staff over employees, % */
	ZC_Q_INVESTMENT,    /* the largest project investment, 万元 */
	ZC_Q_YEAR_FIGURE,   /* a field of the latest year (year_field), 万元 */
	ZC_Q_RD_STAFF,      /* counts of people */
	ZC_Q_SCIENCE_STAFF,
	ZC_Q_EMPLOYEES,
	ZC_Q_IP,            /* intellectual property items of the kinds in ip_kinds */
};

/* Kinds of intellectual property (struct zc_profile's IP counts). */
enum { ZC_IP_INVENTION = 1, ZC_IP_UTILITY = 2, ZC_IP_DESIGN = 4, ZC_IP_SOFTWARE = 8, ZC_IP_ALL = 15 };

/*
 * A compiled condition. Fields a kind does not use are zero, so two
 * predicates that judge alike compare equal field by field (plan.c shares
 * them). The strings point into the condition's JSON, which must outlive
 * the predicate.
 */
struct zc_pred {
	enum zc_pred_kind kind;
	enum zc_pred_op op;
	const char *reason_fmt, *reason_arg; /* ZC_PRED_FIXED */
	/* region */
	const struct zc_region *named[8];
	unsigned n_named;
	bool several;  /* more than one region named */
	bool negated;  /* region: …以外 */
	bool nationwide; /* region: 中华人民共和国境内: any registered region */
	/* dates: ref is the date judged at, as "YYYY-MM-DD" and as yyyymmdd */
	char ref_date[11];
	int32_t ref_ymd;
	long months;   /* years: the span in months */
	double span_shown; /* years: the number as written (年 or 月) */
	bool in_months;
	char date[11]; /* date: the boundary */
	bool after;
	/* threshold */
	enum zc_quantity quantity;
	size_t year_field, year_den; /* offsets in struct zc_profile_year */
	const char *what;      /* the quantity's name in reasons */
	double want, shown;    /* want in the profile's unit; shown as written */
	const char *metric, *unit;
	int max_year;          /* figures of later years do not count */
	bool last_year;        /* only the year before the reference date's */
	bool percent, growth, science_words, rd_staff_words, compound;
	int span;
	unsigned ip_kinds;     /* ZC_Q_IP: which kinds count */
	bool ip_or_invention;  /* ZC_Q_IP: "Ⅰ类知识产权或N件以上Ⅱ类": one invention patent also does */
	int sum_years;         /* ZC_Q_RD_RATIO: 近三个会计年度…总额占同期…总额: the sums over that many years */
	struct zc_tier tiers[ZC_MAX_TIERS]; /* the want by revenue band (n_tiers >= 2) */
	int n_tiers;
	double fx_lo, fx_hi;   /* a foreign-currency amount: 元 per unit, the band it is judged over (0: 元) */
	bool lower_bound;      /* the profile's figure is only part of the quantity (出口 for 进出口) */
	/* qualification, form, industry, record */
	const char *object;
	const char *word;      /* blacklist: the credit-event kind word */
	bool ever;             /* not held: 此前未被认定 — ever held counts, expired or not */
	int years;             /* record: look-back; 0 all */
};

/* Does s contain word? (Conditions are read by their words.) */
static inline bool zc_has(const char *s, const char *word)
{
	return strstr(s, word) != NULL;
}

static inline bool zc_has_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i]))
			return true;
	return false;
}

/* ZC_HAS_ANY(s, "研发", "研究开发"): does s contain any of the words? */
#define ZC_HAS_ANY(s, ...) zc_has_any((s), (const char *const[]){__VA_ARGS__}, \
				      sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/*
 * Compile cond (extract contract JSON) judged at ref_date (the notice's
 * deadline, else today), where "我省"/"本市" mean home_region (a GB/T 2260
 * code, or NULL when unknown).
 */
void zc_pred_compile(struct zc_pred *pr, const json_t *cond, const char *ref_date, const char *home_region);

/*
 * Judge a compiled predicate on a profile. The reason and the profile
 * value used are written when their lengths are not 0 (batch matching
 * skips them).
 */
enum zc_cond_status zc_pred_judge(const struct zc_pred *pr, const struct zc_profile *p, char *value, size_t value_len,
				  char *reason, size_t reason_len);

/* True when two compiled predicates judge every profile alike. */
bool zc_pred_same(const struct zc_pred *a, const struct zc_pred *b);
/* A hash consistent with zc_pred_same(). */
uint64_t zc_pred_hash(const struct zc_pred *pr);

/* The notice's own region (what 我省 or 本市 means): its issuer's, else the first it names; "" when none. */
void zc_notice_home_region(const json_t *notice, char out[7]);

/* compile + judge: zc_condition_eval() with the notice's home region. */
enum zc_cond_status zc_condition_eval_in(const json_t *cond, const struct zc_profile *p, const char *ref_date,
					 const char *home_region, char *value, size_t value_len, char *reason,
					 size_t reason_len);

#endif
