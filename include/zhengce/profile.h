/*
 * profile.h: a company profile, what matching checks notices' eligibility
 * conditions against. docs/profile.md documents the JSON form and
 * docs/profile.schema.json is its JSON Schema.
 *
 * Unknown values are absent, never guessed: numbers are -1 (counts) or
 * NAN (amounts) when the profile does not give them, dates "" and strings
 * NULL, so that a condition needing them evaluates to "unknown".
 *
 * Ownership: a struct zc_profile owns all it points to; zc_profile_free()
 * releases it. Amounts are in 万元 (10,000 yuan), as notices state them.
 */
#ifndef ZHENGCE_PROFILE_H
#define ZHENGCE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "zhengce/notice.h"
#include "zhengce/vec.h"

struct zc_profile_year {
	int year;
	double revenue_wan, rd_expense_wan, tax_paid_wan, exports_wan; /* NAN: not given */
};

struct zc_profile_qualification {
	char *name; /* 高新技术企业, 科技型中小企业, 专精特新中小企业, 专精特新"小巨人", 绿色工厂 … */
	zc_date date;   /* when obtained; "" when not given */
	zc_date expires; /* "" when not given */
	char *number;   /* certificate or 入库编号; may be NULL */
};

struct zc_profile_event {
	zc_date date;
	char *kind; /* 行政处罚, 失信被执行人, 重大安全事故, 环境违法 … */
	char *text; /* may be NULL */
};

struct zc_profile_project {
	char *kind;     /* 技术改造, 新建, 扩建 …; may be NULL */
	char *location; /* as given; may be NULL */
	char region[7]; /* its GB/T 2260 code when the location names one; "" otherwise */
	double investment_wan; /* NAN: not given */
	zc_date start;
	char *status;   /* 在建, 建成, 拟建 …; may be NULL */
};

struct zc_profile {
	char *name;
	char credit_code[19]; /* 统一社会信用代码, check character verified; "" when not given */
	/* registration */
	char region[7];       /* GB/T 2260 code of the registered region; "" when not given */
	zc_date registered_on;
	char *legal_form;     /* 有限责任公司, 股份有限公司 …; may be NULL */
	int independent_legal_person; /* 1, 0, or -1 when not given */
	/* people */
	long employees, rd_staff, science_staff; /* -1: not given */
	struct zc_vec years;          /* struct zc_profile_year, ascending */
	struct zc_vec qualifications; /* struct zc_profile_qualification */
	struct zc_vec credit_events;  /* struct zc_profile_event */
	bool has_qualifications;      /* the profile lists them (an empty list: none held) */
	bool has_credit_events;       /* the profile gives its record (an empty list: clean) */
	struct zc_strv industries;    /* GB/T 4754 names or codes */
	long invention_patents, utility_models, designs, software_copyrights; /* -1: not given */
	char *listing;                /* 未上市, 新三板, 北交所, 科创板 …; may be NULL */
	struct zc_vec projects;       /* struct zc_profile_project */
};

/* A problem found in a profile: where (a JSON path such as
 * "registration.date" or "projects[2].investment_wan") and what. */
struct zc_profile_problem {
	char path[96];
	char message[200];
	bool warning; /* true: reported, the profile is still usable (an unknown field) */
};

void zc_profile_init(struct zc_profile *p);
void zc_profile_free(struct zc_profile *p);

/*
 * Read and check a profile. Problems (struct zc_profile_problem) are
 * appended to *problems when it is not NULL. Returns 0 when the profile is
 * usable (warnings only), -EINVAL when it has errors (p then holds what could
 * be read), -ENOMEM.
 */
int zc_profile_from_json(const json_t *o, struct zc_profile *p, struct zc_vec *problems);

/*
 * Read one line of a JSON Lines file of profiles. On failure writes what
 * is wrong to err ("registration.date: …", or "not JSON: … (column N)"):
 * returns 0, -EINVAL (the line is not JSON or the profile has errors) or
 * -ENOMEM. p is initialised either way: zc_profile_free() it.
 */
int zc_profile_from_line(const char *line, size_t len, struct zc_profile *p, char *err, size_t err_len);

/*
 * Check a 统一社会信用代码 (GB 32100-2015): 18 characters from
 * 0-9 and A-Z without I, O, S, V, Z, the last a check character over the
 * first 17 (weights 3^i mod 31). Returns true when valid; otherwise, when
 * expected is not NULL and the first 17 characters are well formed, stores
 * the check character they call for there.
 */
bool zc_credit_code_valid(const char *code, char *expected);

#endif
