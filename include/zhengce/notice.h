/*
 * notice.h: one policy notice and its key elements (关键要素).
 *
 * Field names follow the elements of a 公文 in 《党政机关公文处理工作条例》
 * art. 9 where one exists (发文字号 → doc_number, 发文机关署名 → issuers,
 * 成文日期 → issued_on, 主送机关 → addressees, 附件说明 → attachments).
 * docs/notice-format.md is the JSON contract built from this struct.
 *
 * Ownership: a struct zc_notice owns every string and array it points to;
 * zc_notice_free() releases them all. Dates are ISO 8601 "YYYY-MM-DD"
 * held inline (an empty string means absent).
 */
#ifndef ZHENGCE_NOTICE_H
#define ZHENGCE_NOTICE_H

#include <stddef.h>

#include "zhengce/vec.h"

typedef char zc_date[11]; /* "YYYY-MM-DD" or "" */

enum zc_date_role {
	ZC_DATE_MENTION,      /* a date with no role we can tell */
	ZC_DATE_DEADLINE,     /* act on or before it */
	ZC_DATE_WINDOW_START, /* first day of a window */
	ZC_DATE_WINDOW_END,   /* last day of a window */
	ZC_DATE_EVENT,        /* a meeting, a bid opening, a publication */
	ZC_DATE_CONDITION,    /* part of an eligibility condition */
	ZC_DATE_ISSUED,       /* the notice's own date (成文日期 / 发布日期) */
};

struct zc_date_ref {
	zc_date date;
	char time[6]; /* "HH:MM" or "" */
	enum zc_date_role role;
	char *text; /* the date as written */
};

struct zc_window {
	zc_date from;
	zc_date to;
	char *label; /* e.g. 网络申报, 纸质材料, 公示期; may be NULL */
};

struct zc_cited {
	char *title;      /* 《》 title, NULL when only a 文号 is given */
	char *doc_number; /* normalised 文号, NULL when only a title is given */
};

struct zc_contact {
	char *name; /* may be NULL */
	char *org;  /* may be NULL */
	struct zc_strv phones;
	struct zc_strv emails;
};

enum zc_condition_type {
	ZC_COND_OTHER,
	ZC_COND_REGISTRATION_REGION,
	ZC_COND_YEARS_SINCE_REGISTRATION,
	ZC_COND_LEGAL_FORM,
	ZC_COND_THRESHOLD,
	ZC_COND_QUALIFICATION_HELD,
	ZC_COND_QUALIFICATION_NOT_HELD,
	ZC_COND_CLEAN_RECORD,
	ZC_COND_INDUSTRY,
	ZC_COND_DATE,
};

/* One band of a tiered threshold: revenue in (from, to] 万元 (NAN: open) wants value. */
struct zc_tier {
	double from_wan, to_wan, value;
};

#define ZC_MAX_TIERS 4

struct zc_condition {
	enum zc_condition_type type;
	char *text;   /* the source sentence */
	char *metric; /* threshold: what is measured (研发费用占销售收入比例 …); else NULL */
	char *op;     /* ">=", ">", "<=", "<", "=" or NULL */
	double value; /* parsed number when has_value */
	int has_value;
	char *unit;   /* "%", "万元", "年", "人" … or NULL */
	char *object; /* region name, legal form, qualification or industry; else NULL */
	int negated;  /* region exclusion (以外) or qualification not held */
	int years;    /* clean record: the look-back in years; qualification held: for how long; 0 when not stated */
	/* threshold by revenue band (销售收入小于5000万元的企业，比例不低于5%；…): n_tiers >= 2 */
	struct zc_tier tiers[ZC_MAX_TIERS];
	int n_tiers;
};

struct zc_amount {
	double yuan;
	char *text;
};

struct zc_region_ref {
	char code[7];
	char *name;
};

struct zc_notice {
	/* identity */
	char *title;
	char *category;
	char *doc_number;
	struct zc_strv issuers;
	zc_date issued_on;
	struct zc_strv addressees;
	struct zc_vec cited; /* struct zc_cited */
	/* dates */
	struct zc_vec dates;   /* struct zc_date_ref */
	struct zc_vec windows; /* struct zc_window */
	zc_date deadline;
	/* contacts */
	struct zc_vec contacts; /* struct zc_contact */
	struct zc_strv phones;
	struct zc_strv emails;
	struct zc_strv urls;
	struct zc_strv addresses;
	struct zc_strv postcodes;
	/* content */
	struct zc_strv attachments;
	struct zc_vec conditions; /* struct zc_condition */
	struct zc_vec amounts;    /* struct zc_amount */
	struct zc_vec regions;    /* struct zc_region_ref */
	/* text */
	char *text;          /* the clean body as displayed (original script) */
	char *source_file;   /* NULL for stdin */
	size_t source_offset; /* byte offset of the notice in the input once decoded and normalised */
	size_t source_line;   /* 1-based line of the notice's first line */
};

/* Initialise an empty notice (all fields absent). Cannot fail. */
void zc_notice_init(struct zc_notice *n);
/* Release everything the notice owns and leave it empty. Accepts NULL. */
void zc_notice_free(struct zc_notice *n);

const char *zc_date_role_name(enum zc_date_role role);
const char *zc_condition_type_name(enum zc_condition_type type);

#endif
