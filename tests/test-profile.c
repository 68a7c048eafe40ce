/* test-profile.c: company profiles (include/zhengce/profile.h): the credit
 * code check (the standard's own example), a complete profile read back,
 * absent values left unknown, and each kind of bad input reported with the
 * field's path: wrong types, impossible dates, a bad check character, an
 * unknown region, negative or inconsistent counts, bad years, unknown
 * fields (a warning only). */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/profile.h"

static void test_credit_code(void **state)
{
	(void)state;
	char expected = 0;
	assert_true(zc_credit_code_valid("91350100M000100Y43", NULL)); /* GB 32100-2015's example */
	assert_false(zc_credit_code_valid("91350100M000100Y44", &expected));
	assert_int_equal(expected, '3');
	assert_false(zc_credit_code_valid("91350100M000100Y4", NULL));   /* 17 characters */
	assert_false(zc_credit_code_valid("91350100MO00100Y43", NULL));  /* O is not used */
	assert_false(zc_credit_code_valid("91350100m000100Y43", NULL));  /* capitals only */
	assert_false(zc_credit_code_valid(NULL, NULL));
}

static json_t *load(const char *text)
{
	json_error_t e;
	json_t *o = json_loads(text, 0, &e);
	if (!o)
		fail_msg("test JSON: %s", e.text);
	return o;
}

static void test_complete(void **state)
{
	(void)state;
	json_t *o = load("{\"name\": \"昆明某某科技有限公司\", \"credit_code\": \"91350100M000100Y43\","
			 " \"registration\": {\"region\": \"昆明市\", \"date\": \"2017-06-12\","
			 "  \"legal_form\": \"有限责任公司\", \"independent_legal_person\": true},"
			 " \"people\": {\"employees\": 150, \"rd_staff\": 24, \"science_staff\": 9},"
			 " \"years\": {\"2024\": {\"revenue_wan\": 7100, \"rd_expense_wan\": 150},"
			 "  \"2023\": {\"revenue_wan\": 6200.5}},"
			 " \"qualifications\": [{\"name\": \"高新技术企业\", \"date\": \"2022-12-19\", \"expires\": \"2025-12-18\"}],"
			 " \"credit_events\": [{\"date\": \"2021-08-15\", \"kind\": \"行政处罚\"}],"
			 " \"industries\": [\"I65\"], \"ip\": {\"invention_patents\": 2}, \"listing\": \"未上市\","
			 " \"projects\": [{\"kind\": \"技术改造\", \"location\": \"昆明市呈贡区\", \"investment_wan\": 1800,"
			 "  \"start_date\": \"2024-03-01\"}]}");
	struct zc_profile p;
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	assert_int_equal(zc_profile_from_json(o, &p, &problems), 0);
	assert_int_equal(problems.n, 0);
	assert_string_equal(p.name, "昆明某某科技有限公司");
	assert_string_equal(p.credit_code, "91350100M000100Y43");
	assert_string_equal(p.region, "530100");
	assert_string_equal(p.registered_on, "2017-06-12");
	assert_int_equal(p.independent_legal_person, 1);
	assert_int_equal(p.science_staff, 9);
	assert_int_equal(p.years.n, 2);
	assert_int_equal(ZC_VEC_AT(&p.years, struct zc_profile_year, 0).year, 2023); /* sorted */
	assert_true(isnan(ZC_VEC_AT(&p.years, struct zc_profile_year, 0).rd_expense_wan)); /* not given */
	assert_true(ZC_VEC_AT(&p.years, struct zc_profile_year, 1).rd_expense_wan == 150);
	assert_string_equal(ZC_VEC_AT(&p.qualifications, struct zc_profile_qualification, 0).expires, "2025-12-18");
	assert_int_equal(p.utility_models, -1); /* not given: unknown */
	assert_string_equal(ZC_VEC_AT(&p.projects, struct zc_profile_project, 0).region, "530114");
	zc_profile_free(&p);
	zc_vec_free(&problems);
	json_decref(o);
}

/* The profile has errors, and the first problem at `path` says `words`. */
static void expect(const char *json, const char *path, const char *words, bool warning)
{
	json_t *o = load(json);
	struct zc_profile p;
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	int r = zc_profile_from_json(o, &p, &problems);
	assert_int_equal(r, warning ? 0 : -EINVAL);
	bool found = false;
	for (size_t i = 0; i < problems.n && !found; i++) {
		const struct zc_profile_problem *pr = &ZC_VEC_AT(&problems, struct zc_profile_problem, i);
		found = !strcmp(pr->path, path) && strstr(pr->message, words) && pr->warning == warning;
	}
	if (!found)
		fail_msg("%s: no %s at '%s' saying '%s'", json, warning ? "warning" : "error", path, words);
	zc_profile_free(&p);
	zc_vec_free(&problems);
	json_decref(o);
}

static void test_bad_input(void **state)
{
	(void)state;
	expect("[]", "", "a JSON object", false);
	expect("{\"name\": 5}", "name", "wants a string", false);
	expect("{\"credit_code\": \"91350100M000100Y44\"}", "credit_code", "call for 3", false);
	expect("{\"credit_code\": \"1234\"}", "credit_code", "not a 统一社会信用代码", false);
	expect("{\"registration\": {\"date\": \"2023-02-29\"}}", "registration.date", "not a date that exists", false);
	expect("{\"registration\": {\"date\": \"2024/02/01\"}}", "registration.date", "YYYY-MM-DD", false);
	expect("{\"registration\": {\"date\": \"2023-+1-01\"}}", "registration.date", "YYYY-MM-DD", false);
	expect("{\"registration\": {\"region\": \"火星\"}}", "registration.region", "unknown region", false);
	expect("{\"registration\": {\"independent_legal_person\": \"是\"}}", "registration.independent_legal_person",
	       "true or false", false);
	expect("{\"registration\": []}", "registration", "wants an object", false);
	expect("{\"people\": {\"employees\": -3}}", "people.employees", "at least 0", false);
	expect("{\"people\": {\"employees\": 2.5}}", "people.employees", "whole number", false);
	expect("{\"people\": {\"employees\": 5, \"science_staff\": 6}}", "people.science_staff", "more than", false);
	expect("{\"years\": {\"23\": {}}}", "years.23", "four digits", false);
	expect("{\"years\": {\"2023\": {\"revenue_wan\": \"很多\"}}}", "years.2023.revenue_wan", "amount", false);
	expect("{\"qualifications\": [{\"date\": \"2022-01-01\"}]}", "qualifications[0]", "needs its \"name\"", false);
	expect("{\"qualifications\": [{\"name\": \"高新技术企业\", \"date\": \"2022-01-01\", \"expires\": \"2021-01-01\"}]}",
	       "qualifications[0]", "before it was obtained", false);
	expect("{\"projects\": [{\"investment_wan\": -1}]}", "projects[0].investment_wan", "amount", false);
	expect("{\"industries\": [3391]}", "industries[0]", "GB/T 4754", false);
	expect("{\"projects\": 5}", "projects", "wants an array", false);
	/* Unknown fields are reported, the profile stays usable. */
	expect("{\"name\": \"某公司\", \"colour\": \"red\"}", "colour", "unknown field", true);
	expect("{\"people\": {\"staff\": 3}}", "people.staff", "unknown field", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_code),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
