/*
 * profile.c: read a company profile from JSON and check it (profile.h,
 * docs/profile.md). Every problem names its field by a JSON path; unknown
 * fields are warnings, wrong types, impossible dates, negative counts, a bad
 * 统一社会信用代码 and unknown regions are errors.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/buf.h"
#include "zhengce/profile.h"
#include "zhengce/region.h"
#include "banned.h"

/* GB 32100-2015: the 31 characters of a credit code, in value order. */
static const char code_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool zc_credit_code_valid(const char *code, char *expected)
{
	if (!code || strlen(code) != 18)
		return false;
	int sum = 0, w = 1;
	for (int i = 0; i < 17; i++) {
		const char *c = code[i] ? strchr(code_chars, code[i]) : NULL;
		if (!c)
			return false;
		sum += (int)(c - code_chars) * w;
		w = w * 3 % 31;
	}
	int check = (31 - sum % 31) % 31;
	if (expected)
		*expected = code_chars[check];
	return code[17] == code_chars[check];
}

struct reader {
	struct zc_vec *problems;
	int errors;
	int r; /* -ENOMEM */
};

static void problem(struct reader *rd, bool warning, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct reader *rd, bool warning, const char *path, const char *fmt, ...)
{
	if (!warning)
		rd->errors++;
	if (!rd->problems)
		return;
	struct zc_profile_problem pr = {.warning = warning};
	snprintf(pr.path, sizeof(pr.path), "%s", path);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pr.message, sizeof(pr.message), fmt, ap);
	va_end(ap);
	if (!zc_vec_push(rd->problems, &pr))
		rd->r = -ENOMEM;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	default:
		return "null";
	}
}

/* Warn about keys of o that are not in known[]. */
static void unknown_keys(struct reader *rd, const json_t *o, const char *path, const char *const *known)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v)
	{
		bool ok = false;
		for (const char *const *x = known; *x && !ok; x++)
			ok = !strcmp(k, *x);
		if (!ok) {
			char p[96];
			snprintf(p, sizeof(p), "%s%s%s", path, path[0] ? "." : "", k);
			problem(rd, true, p, "unknown field, ignored");
		}
	}
}

static void join(char *out, size_t cap, const char *path, const char *key)
{
	snprintf(out, cap, "%s%s%s", path, path[0] && key[0] != '[' ? "." : "", key);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A date field: "YYYY-MM-DD", a real day. */
static void get_date(struct reader *rd, const json_t *o, const char *key, const char *path, zc_date out)
{
	char p[96];
	const json_t *v = json_object_get(o, key);
	out[0] = '\0';
	if (!v || json_is_null(v))
		return;
	join(p, sizeof(p), path, key);
	const char *s = json_string_value(v);
	if (!s) {
		problem(rd, false, p, "wants a date as \"YYYY-MM-DD\", not %s", type_name(v));
		return;
	}
	int y, m, d, n = 0;
	bool digits = strlen(s) == 10;
	for (int i = 0; i < 10 && digits; i++)
		digits = i == 4 || i == 7 ? s[i] == '-' : s[i] >= '0' && s[i] <= '9';
	if (!digits || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) {
		problem(rd, false, p, "wants a date as \"YYYY-MM-DD\", not \"%.40s\"", s);
		return;
	}
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y))) {
		problem(rd, false, p, "\"%s\" is not a date that exists", s);
		return;
	}
	memcpy(out, s, 11);
}

static char *get_string(struct reader *rd, const json_t *o, const char *key, const char *path)
{
	char p[96];
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	join(p, sizeof(p), path, key);
	if (!json_is_string(v)) {
		problem(rd, false, p, "wants a string, not %s", type_name(v));
		return NULL;
	}
	char *s = strdup(json_string_value(v));
	if (!s)
		rd->r = -ENOMEM;
	return s;
}

/* A count: a whole number >= 0; -1 when absent. */
static long get_count(struct reader *rd, const json_t *o, const char *key, const char *path)
{
	char p[96];
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return -1;
	join(p, sizeof(p), path, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100000000) {
		problem(rd, false, p, "wants a whole number of at least 0, not %s",
			json_is_number(v) ? "that number" : type_name(v));
		return -1;
	}
	return (long)json_integer_value(v);
}

/* An amount in 万元: a number >= 0; NAN when absent. */
static double get_amount(struct reader *rd, const json_t *o, const char *key, const char *path)
{
	char p[96];
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NAN;
	join(p, sizeof(p), path, key);
	if (!json_is_number(v) || json_number_value(v) < 0 || !isfinite(json_number_value(v))) {
		problem(rd, false, p, "wants an amount in 万元 (a number of at least 0), not %s",
			json_is_number(v) ? "a negative number" : type_name(v));
		return NAN;
	}
	return json_number_value(v);
}

/* A region: a GB/T 2260 code or a name; "" when absent or unknown (an error). */
static void get_region(struct reader *rd, const json_t *o, const char *key, const char *path, char out[7],
		       bool required_known)
{
	char p[96];
	const json_t *v = json_object_get(o, key);
	out[0] = '\0';
	if (!v || json_is_null(v))
		return;
	join(p, sizeof(p), path, key);
	const char *s = json_string_value(v);
	if (!s) {
		problem(rd, false, p, "wants a region name or a GB/T 2260 code, not %s", type_name(v));
		return;
	}
	const struct zc_region *g = zc_region_by_code(s);
	if (!g)
		g = zc_region_by_name(s);
	if (!g) {
		/* A location such as 昆明市呈贡区 or an address: its finest region. */
		const struct zc_region *found[8];
		size_t n = required_known ? 0 : zc_region_scan(s, strlen(s), found, 8);
		for (size_t i = 0; i < n && i < 8; i++)
			if (!g || found[i]->level > g->level)
				g = found[i];
	}
	if (!g) {
		if (required_known)
			problem(rd, false, p, "unknown region \"%.60s\" (a name such as 昆明市 or a code such as 530100)", s);
		return;
	}
	memcpy(out, g->code, 7);
}

static const json_t *get_object(struct reader *rd, const json_t *o, const char *key, const char *path)
{
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_object(v)) {
		char p[96];
		join(p, sizeof(p), path, key);
		problem(rd, false, p, "wants an object, not %s", type_name(v));
		return NULL;
	}
	return v;
}

static const json_t *get_array(struct reader *rd, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		problem(rd, false, key, "wants an array, not %s", type_name(v));
		return NULL;
	}
	return v;
}

static void read_registration(struct reader *rd, const json_t *o, struct zc_profile *p)
{
	static const char *const known[] = {"region", "date", "legal_form", "independent_legal_person", NULL};
	const json_t *reg = get_object(rd, o, "registration", "");
	if (!reg)
		return;
	unknown_keys(rd, reg, "registration", known);
	get_region(rd, reg, "region", "registration", p->region, true);
	get_date(rd, reg, "date", "registration", p->registered_on);
	p->legal_form = get_string(rd, reg, "legal_form", "registration");
	const json_t *v = json_object_get(reg, "independent_legal_person");
	if (json_is_boolean(v))
		p->independent_legal_person = json_is_true(v);
	else if (v && !json_is_null(v))
		problem(rd, false, "registration.independent_legal_person", "wants true or false, not %s", type_name(v));
}

static void read_people(struct reader *rd, const json_t *o, struct zc_profile *p)
{
	static const char *const known[] = {"employees", "rd_staff", "science_staff", NULL};
	const json_t *pe = get_object(rd, o, "people", "");
	if (!pe)
		return;
	unknown_keys(rd, pe, "people", known);
	p->employees = get_count(rd, pe, "employees", "people");
	p->rd_staff = get_count(rd, pe, "rd_staff", "people");
	p->science_staff = get_count(rd, pe, "science_staff", "people");
	if (p->employees >= 0 && p->rd_staff > p->employees)
		problem(rd, false, "people.rd_staff", "%ld R&D staff is more than the %ld employees", p->rd_staff,
			p->employees);
	if (p->employees >= 0 && p->science_staff > p->employees)
		problem(rd, false, "people.science_staff", "%ld science staff is more than the %ld employees",
			p->science_staff, p->employees);
}

static int cmp_year(const void *a, const void *b)
{
	return ((const struct zc_profile_year *)a)->year - ((const struct zc_profile_year *)b)->year;
}

static void read_years(struct reader *rd, const json_t *o, struct zc_profile *p)
{
	static const char *const known[] = {"revenue_wan", "rd_expense_wan", "tax_paid_wan", "exports_wan", NULL};
	const json_t *ys = get_object(rd, o, "years", "");
	if (!ys)
		return;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)ys, k, v)
	{
		char path[96];
		snprintf(path, sizeof(path), "years.%s", k);
		char *end;
		long y = strtol(k, &end, 10);
		if (*end || strlen(k) != 4 || y < 1949 || y > 2100) {
			problem(rd, false, path, "a year as four digits (\"2023\"), not \"%.20s\"", k);
			continue;
		}
		if (!json_is_object(v)) {
			problem(rd, false, path, "wants an object of amounts, not %s", type_name(v));
			continue;
		}
		unknown_keys(rd, v, path, known);
		struct zc_profile_year yr = {(int)y, get_amount(rd, v, "revenue_wan", path),
					     get_amount(rd, v, "rd_expense_wan", path),
					     get_amount(rd, v, "tax_paid_wan", path), get_amount(rd, v, "exports_wan", path)};
		if (!zc_vec_push(&p->years, &yr))
			rd->r = -ENOMEM;
	}
	if (p->years.n > 1)
		qsort(p->years.items, p->years.n, sizeof(struct zc_profile_year), cmp_year);
}

static void read_list(struct reader *rd, const json_t *o, const char *key, struct zc_profile *p)
{
	const json_t *arr = get_array(rd, o, key);
	if (arr && !strcmp(key, "qualifications"))
		p->has_qualifications = true;
	if (arr && !strcmp(key, "credit_events"))
		p->has_credit_events = true;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		char path[96];
		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		if (!strcmp(key, "industries")) {
			if (!json_is_string(v))
				problem(rd, false, path, "wants a GB/T 4754 name or code, not %s", type_name(v));
			else if (zc_strv_add(&p->industries, json_string_value(v)) < 0)
				rd->r = -ENOMEM;
			continue;
		}
		if (!json_is_object(v)) {
			problem(rd, false, path, "wants an object, not %s", type_name(v));
			continue;
		}
		if (!strcmp(key, "qualifications")) {
			static const char *const known[] = {"name", "date", "expires", "number", NULL};
			unknown_keys(rd, v, path, known);
			struct zc_profile_qualification q = {0};
			q.name = get_string(rd, v, "name", path);
			if (!q.name)
				problem(rd, false, path, "a qualification needs its \"name\" (高新技术企业 …)");
			get_date(rd, v, "date", path, q.date);
			get_date(rd, v, "expires", path, q.expires);
			q.number = get_string(rd, v, "number", path);
			if (q.date[0] && q.expires[0] && strcmp(q.expires, q.date) < 0)
				problem(rd, false, path, "expires (%s) before it was obtained (%s)", q.expires, q.date);
			if (!zc_vec_push(&p->qualifications, &q)) {
				free(q.name), free(q.number);
				rd->r = -ENOMEM;
			}
		} else if (!strcmp(key, "credit_events")) {
			static const char *const known[] = {"date", "kind", "text", NULL};
			unknown_keys(rd, v, path, known);
			struct zc_profile_event e = {0};
			get_date(rd, v, "date", path, e.date);
			e.kind = get_string(rd, v, "kind", path);
			e.text = get_string(rd, v, "text", path);
			if (!e.kind)
				problem(rd, false, path, "a credit event needs its \"kind\" (行政处罚, 失信被执行人 …)");
			if (!zc_vec_push(&p->credit_events, &e)) {
				free(e.kind), free(e.text);
				rd->r = -ENOMEM;
			}
		} else {
			static const char *const known[] = {"kind", "location", "investment_wan", "start_date", "status", NULL};
			unknown_keys(rd, v, path, known);
			struct zc_profile_project pr = {0};
			pr.kind = get_string(rd, v, "kind", path);
			pr.location = get_string(rd, v, "location", path);
			get_region(rd, v, "location", path, pr.region, false);
			pr.investment_wan = get_amount(rd, v, "investment_wan", path);
			get_date(rd, v, "start_date", path, pr.start);
			pr.status = get_string(rd, v, "status", path);
			if (!zc_vec_push(&p->projects, &pr)) {
				free(pr.kind), free(pr.location), free(pr.status);
				rd->r = -ENOMEM;
			}
		}
	}
}

static void read_ip(struct reader *rd, const json_t *o, struct zc_profile *p)
{
	static const char *const known[] = {"invention_patents", "utility_models", "designs", "software_copyrights", NULL};
	const json_t *ip = get_object(rd, o, "ip", "");
	if (!ip)
		return;
	unknown_keys(rd, ip, "ip", known);
	p->invention_patents = get_count(rd, ip, "invention_patents", "ip");
	p->utility_models = get_count(rd, ip, "utility_models", "ip");
	p->designs = get_count(rd, ip, "designs", "ip");
	p->software_copyrights = get_count(rd, ip, "software_copyrights", "ip");
}

int zc_profile_from_json(const json_t *o, struct zc_profile *p, struct zc_vec *problems)
{
	static const char *const known[] = {"name", "credit_code", "registration", "people", "years",
					    "qualifications", "credit_events", "industries", "ip", "listing",
					    "projects", "$schema", NULL};
	struct reader rd = {problems, 0, 0};
	zc_profile_init(p);
	if (!json_is_object(o)) {
		problem(&rd, false, "", "a profile is a JSON object, not %s", type_name(o));
		return rd.r ? rd.r : -EINVAL;
	}
	unknown_keys(&rd, o, "", known);
	p->name = get_string(&rd, o, "name", "");
	const json_t *cc = json_object_get(o, "credit_code");
	if (cc && !json_is_null(cc)) {
		const char *s = json_string_value(cc);
		char expected = 0;
		if (!s)
			problem(&rd, false, "credit_code", "wants the 18-character 统一社会信用代码, not %s", type_name(cc));
		else if (zc_credit_code_valid(s, &expected))
			memcpy(p->credit_code, s, 19);
		else if (expected)
			problem(&rd, false, "credit_code", "\"%s\": the check character is %c, the first 17 call for %c", s,
				s[17], expected);
		else
			problem(&rd, false, "credit_code",
				"\"%.40s\" is not a 统一社会信用代码 (18 characters: digits and capitals without I O S V Z)", s);
	}
	read_registration(&rd, o, p);
	read_people(&rd, o, p);
	read_years(&rd, o, p);
	read_list(&rd, o, "qualifications", p);
	read_list(&rd, o, "credit_events", p);
	read_list(&rd, o, "industries", p);
	read_ip(&rd, o, p);
	p->listing = get_string(&rd, o, "listing", "");
	read_list(&rd, o, "projects", p);
	if (rd.r)
		return rd.r;
	return rd.errors ? -EINVAL : 0;
}

void zc_profile_init(struct zc_profile *p)
{
	memset(p, 0, sizeof(*p));
	p->independent_legal_person = -1;
	p->employees = p->rd_staff = p->science_staff = -1;
	p->invention_patents = p->utility_models = p->designs = p->software_copyrights = -1;
	p->years.size = sizeof(struct zc_profile_year);
	p->qualifications.size = sizeof(struct zc_profile_qualification);
	p->credit_events.size = sizeof(struct zc_profile_event);
	p->projects.size = sizeof(struct zc_profile_project);
}

void zc_profile_free(struct zc_profile *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->legal_form);
	free(p->listing);
	for (size_t i = 0; i < p->qualifications.n; i++) {
		struct zc_profile_qualification *q = &ZC_VEC_AT(&p->qualifications, struct zc_profile_qualification, i);
		free(q->name), free(q->number);
	}
	for (size_t i = 0; i < p->credit_events.n; i++) {
		struct zc_profile_event *e = &ZC_VEC_AT(&p->credit_events, struct zc_profile_event, i);
		free(e->kind), free(e->text);
	}
	for (size_t i = 0; i < p->projects.n; i++) {
		struct zc_profile_project *pr = &ZC_VEC_AT(&p->projects, struct zc_profile_project, i);
		free(pr->kind), free(pr->location), free(pr->status);
	}
	zc_vec_free(&p->years);
	zc_vec_free(&p->qualifications);
	zc_vec_free(&p->credit_events);
	zc_vec_free(&p->projects);
	zc_strv_free(&p->industries);
	zc_profile_init(p);
}

int zc_profile_from_line(const char *line, size_t len, struct zc_profile *p, char *err, size_t err_len)
{
	json_error_t je;
	json_t *o = json_loadb(line, len, 0, &je);
	err[0] = '\0';
	if (!o) {
		zc_profile_init(p);
		snprintf(err, err_len, "not JSON: %s (column %d)", je.text, je.column);
		return -EINVAL;
	}
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	int r = zc_profile_from_json(o, p, &problems);
	json_decref(o);
	if (r == -EINVAL) {
		for (size_t i = 0; i < problems.n; i++) {
			const struct zc_profile_problem *pb = &ZC_VEC_AT(&problems, struct zc_profile_problem, i);
			if (!pb->warning) {
				snprintf(err, err_len, "%s%s%s", pb->path, pb->path[0] ? ": " : "", pb->message);
				break;
			}
		}
		if (!err[0])
			snprintf(err, err_len, "invalid profile");
	} else if (r < 0) {
		snprintf(err, err_len, "out of memory");
	}
	zc_vec_free(&problems);
	return r;
}
