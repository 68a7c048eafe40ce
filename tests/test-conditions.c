/* test-conditions.c: eligibility conditions (src/lib/extract/conditions.c)
 * where its fast paths decide: a conditions heading whatever its length
 * (read sixteen bytes at a time, or character by character when short),
 * the words that open an inline heading before a colon, the tiers of a
 * paragraph outside a section found at its first sentence read, the
 * clean record found from the words its alternatives start with, and
 * metrics read back from their comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/clean.h"
#include "zhengce/extract.h"

/* Extract from display text (one paragraph per line), as the pipeline does. */
static void extract(const char *display, struct zc_notice *n)
{
	struct zc_buf ana;
	zc_buf_init(&ana, 0);
	assert_int_equal(zc_clean_simplify(display, strlen(display), &ana, NULL), 0);
	zc_notice_init(n);
	struct zc_extract_opts opts = {NULL};
	assert_int_equal(zc_extract(ana.data ? ana.data : "", display, &opts, n), 0);
	zc_buf_free(&ana);
}

static size_t count_type(const struct zc_notice *n, enum zc_condition_type type)
{
	size_t k = 0;
	for (size_t i = 0; i < n->conditions.n; i++)
		k += ZC_VEC_AT(&n->conditions, struct zc_condition, i).type == type;
	return k;
}

/* The first condition of that type, or NULL. */
static const struct zc_condition *first_of_type(const struct zc_notice *n, enum zc_condition_type type)
{
	for (size_t i = 0; i < n->conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		if (c->type == type)
			return c;
	}
	return NULL;
}

/* The legal form is a condition only inside a conditions section: it tells
 * whether heading opened one. */
static bool heading_opens_section(const char *heading)
{
	char text[512];
	snprintf(text, sizeof(text),
		 "关于组织申报2024年度专项资金的通知\n各有关单位：\n%s\n（一）具有独立法人资格。\n"
		 "某某省科学技术厅\n2024年3月1日\n",
		 heading);
	struct zc_notice n;
	extract(text, &n);
	bool opens = count_type(&n, ZC_COND_LEGAL_FORM) == 1;
	zc_notice_free(&n);
	return opens;
}

/* Headings of every length up to 60 bytes, the word at the start, in the
 * middle (across sixteen-byte blocks) and at the very end. */
static void test_heading_lengths(void **state)
{
	(void)state;
	assert_true(heading_opens_section("一、条件"));                    /* 12 bytes */
	assert_true(heading_opens_section("1、申报条件"));                  /* 16 */
	assert_true(heading_opens_section("一、申报条件"));                 /* 18 */
	assert_true(heading_opens_section("（一）申报资格"));               /* 21 */
	assert_true(heading_opens_section("一、企业申报须具备的基本条件")); /* the word at the end */
	assert_true(heading_opens_section("一、关于企业申报的基本条件"));   /* 39: in the last block */
	assert_true(heading_opens_section("一、支持对象和有关说明"));
	assert_true(heading_opens_section("一、申报范围与有关要求说明"));
	assert_true(heading_opens_section("二、企业和单位的申报资格及其他"));
	assert_false(heading_opens_section("一、申报"));
	assert_false(heading_opens_section("一、关于企业申报工作的有关事项说明"));
	assert_false(heading_opens_section("一、条")); /* half a word */
	assert_false(heading_opens_section("条件"));   /* no list marker */
}

/* Outside a section: the tiers of a paragraph that says 符合要求, when its
 * first sentence read is not the first; a registration age; inline
 * headings with a space before the colon. */
static void test_outside_section(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2024年度专项资金的通知\n"
		"各有关单位：\n"
		"一、其他事项\n"
		"各单位注意。研发费用比例符合要求：销售收入小于5000万元的企业，比例不低于5%；"
		"5000万元至2亿元的企业，比例不低于4%；2亿元以上的企业，比例不低于3%。\n"
		"申报企业须在本市注册，成立满3年。\n"
		"一、项目名称：某项目 二、申报条件 ：1.具有独立法人资格；2.注册成立满两年。\n"
		"某某省科学技术厅\n2024年3月1日\n",
		&n);
	size_t tiered = 0;
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type != ZC_COND_THRESHOLD)
			continue;
		assert_int_equal(c->n_tiers, 3); /* the bands are no thresholds of their own */
		assert_true(c->tiers[1].from_wan == 5000 && c->tiers[1].to_wan == 20000 && c->tiers[1].value == 4);
		tiered++;
	}
	assert_int_equal(tiered, 1);
	assert_int_equal(count_type(&n, ZC_COND_YEARS_SINCE_REGISTRATION), 2);
	assert_int_equal(count_type(&n, ZC_COND_LEGAL_FORM), 1); /* after the inline heading */
	zc_notice_free(&n);

	/* no colon, no condition word: nothing */
	extract("关于组织申报2024年度专项资金的通知\n各有关单位：\n"
		"请各单位认真组织，按时报送材料。具有独立法人资格的单位均可申报。\n"
		"某某省科学技术厅\n2024年3月1日\n",
		&n);
	assert_int_equal(n.conditions.n, 0);
	zc_notice_free(&n);
}

/* A clean record after a list (not the record itself), a list alone, and
 * metrics read back to a comma or cut after 且. */
static void test_records_and_metrics(void **state)
{
	(void)state;
	struct zc_notice n;
	extract("关于组织申报2024年度专项资金的通知\n"
		"一、申报条件\n"
		"（一）未被列入失信被执行人名单，近三年无重大违法记录。\n"
		"（二）未被列入黑名单。\n"
		"（三）企业研发人员占职工总数的比例不低于10%。\n"
		"（四）年销售收入不低于500万元且研发投入占比不低于3%。\n"
		"（五）经营规范，信用良好。\n"
		"某某省科学技术厅\n2024年3月1日\n",
		&n);
	assert_int_equal(count_type(&n, ZC_COND_QUALIFICATION_NOT_HELD), 2);
	assert_int_equal(count_type(&n, ZC_COND_CLEAN_RECORD), 2);
	const struct zc_condition *clean = first_of_type(&n, ZC_COND_CLEAN_RECORD);
	assert_non_null(strstr(clean->text, "无重大违法记录"));
	assert_int_equal(clean->years, 3);
	char metrics[300] = "";
	for (size_t i = 0; i < n.conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n.conditions, struct zc_condition, i);
		if (c->type != ZC_COND_THRESHOLD)
			continue;
		strcat(metrics, c->metric ? c->metric : "");
		strcat(metrics, "|");
	}
	assert_string_equal(metrics, "企业研发人员占职工总数的比例|年销售收入|研发投入占比|");
	zc_notice_free(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_lengths),
		cmocka_unit_test(test_outside_section),
		cmocka_unit_test(test_records_and_metrics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
