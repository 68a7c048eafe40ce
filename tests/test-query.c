/* test-query.c: the search query language (include/zhengce/query.h): terms,
 * phrases with spaces, AND/OR/NOT precedence, grouping, ASCII prefixes,
 * cites:/doc: filters with 文号 normalisation, folding of traditional and
 * full-width characters, and clear errors (with offsets) for bad syntax. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/buf.h"
#include "zhengce/query.h"

/* The tree as a Lisp-like string: (AND a b), (OR …), (NOT pos neg), a*, "t". */
static void show(const struct zc_qnode *n, struct zc_buf *b)
{
	static const char *const ops[] = {[ZC_Q_AND] = "AND", [ZC_Q_OR] = "OR", [ZC_Q_NOT] = "NOT"};
	switch (n->kind) {
	case ZC_Q_TERM:
		assert_int_equal(zc_buf_addf(b, "'%s'", n->text), 0);
		return;
	case ZC_Q_PREFIX:
		assert_int_equal(zc_buf_addf(b, "%s*", n->text), 0);
		return;
	default:
		assert_int_equal(zc_buf_addf(b, "(%s ", ops[n->kind]), 0);
		show(n->left, b);
		assert_int_equal(zc_buf_adds(b, " "), 0);
		show(n->right, b);
		assert_int_equal(zc_buf_adds(b, ")"), 0);
	}
}

static void expect_tree(const char *query, const char *tree)
{
	struct zc_query q;
	struct zc_query_error err;
	int r = zc_query_parse(query, &q, &err);
	if (r != 0)
		fail_msg("'%s': %s", query, err.message);
	struct zc_buf b;
	zc_buf_init(&b, 0);
	if (q.root)
		show(q.root, &b);
	assert_int_equal(zc_buf_adds(&b, ""), 0);
	assert_string_equal(b.data, tree);
	zc_buf_free(&b);
	zc_query_free(&q);
}

static void expect_error(const char *query, size_t offset, const char *words)
{
	struct zc_query q;
	struct zc_query_error err;
	assert_int_equal(zc_query_parse(query, &q, &err), -EINVAL);
	assert_null(q.root);
	if (!strstr(err.message, words))
		fail_msg("'%s': message '%s' lacks '%s'", query, err.message, words);
	assert_int_equal(err.offset, offset);
}

static void test_terms_and_phrases(void **state)
{
	(void)state;
	expect_tree("高新技术企业", "'高新技术企业'");
	expect_tree("  企 ", "'企'");
	expect_tree("\"申报 通知\"", "'申报 通知'");
	expect_tree("高新 认定", "(AND '高新' '认定')");
	expect_tree("高新 AND 认定", "(AND '高新' '认定')");
	expect_tree("2019-8-1", "'2019-8-1'");
	expect_tree("工信部联科〔2019〕", "'工信部联科〔2019〕'");
	expect_tree("", "");
}

static void test_operators(void **state)
{
	(void)state;
	expect_tree("高新 OR 专精特新", "(OR '高新' '专精特新')");
	/* OR binds tighter than AND. */
	expect_tree("补贴 高新 OR 专精特新", "(AND '补贴' (OR '高新' '专精特新'))");
	expect_tree("高新 -公示", "(NOT '高新' '公示')");
	/* Negations are gathered and subtracted from everything positive. */
	expect_tree("-公示 高新 认定 -名单", "(NOT (AND '高新' '认定') (OR '公示' '名单'))");
	expect_tree("(高新 OR 科技) 申报", "(AND (OR '高新' '科技') '申报')");
	expect_tree("a-b", "'a-b'");
	/* Lower-case or and and are words. */
	expect_tree("or and", "(AND 'or' 'and')");
}

static void test_prefix(void **state)
{
	(void)state;
	expect_tree("Smart*", "smart*");
	expect_tree("ISO9001* 认证", "(AND iso9001* '认证')");
	expect_error("智能*", 0, "ASCII");
	expect_error("*", 0, "must follow a word");
}

static void test_folding(void **state)
{
	(void)state;
	/* Traditional → simplified, full-width → ASCII: the index's fold. */
	expect_tree("高新技術企業", "'高新技术企业'");
	expect_tree("２０１９年", "'2019年'");
	struct zc_query q;
	assert_int_equal(zc_query_parse("國資委 \"申報 通知\" -公示 abc*", &q, NULL), 0);
	assert_int_equal(q.terms.n, 2); /* positive terms only, folded */
	assert_string_equal(q.terms.v[0], "国资委");
	assert_string_equal(q.terms.v[1], "申报 通知");
	assert_int_equal(q.prefixes.n, 1);
	zc_query_free(&q);
}

static void test_filters(void **state)
{
	(void)state;
	struct zc_query q;
	assert_int_equal(zc_query_parse("cites:工信部联科[2019]123号 doc:国办发 (2020) 5号 补贴", &q, NULL), 0);
	assert_int_equal(q.cites.n, 1);
	assert_string_equal(q.cites.v[0], "工信部联科〔2019〕123号");
	zc_query_free(&q);
	/* ASCII brackets belong to the 文号, up to the next space. */
	assert_int_equal(zc_query_parse("cites:国办发(2020)5号 补贴", &q, NULL), 0);
	assert_int_equal(q.cites.n, 1);
	assert_string_equal(q.cites.v[0], "国办发〔2020〕5号");
	assert_int_equal(q.terms.n, 1);
	zc_query_free(&q);
	assert_int_equal(zc_query_parse("(cites:国发〔2020〕1号 OR 高新)", &q, NULL), -EINVAL); /* OR joins terms only */
	assert_int_equal(zc_query_parse("(补贴 cites:国发(2020)1号)", &q, NULL), 0);
	assert_string_equal(q.cites.v[0], "国发〔2020〕1号");
	zc_query_free(&q);
	assert_int_equal(zc_query_parse("doc:国办发〔2020〕5号", &q, NULL), 0);
	assert_null(q.root);
	assert_int_equal(q.doc_numbers.n, 1);
	assert_string_equal(q.doc_numbers.v[0], "国办发〔2020〕5号");
	zc_query_free(&q);
	char out[64];
	assert_true(zc_doc_number_normalize("京政办发 [ 2019 ] 7号", out, sizeof(out)) == 0 ||
		    strcmp(out, "京政办发〔2019〕7号") != 0); /* spaces inside brackets: not a year form */
	assert_true(zc_doc_number_normalize("京政办发（2019）7 号", out, sizeof(out)));
	assert_string_equal(out, "京政办发〔2019〕7号");
	assert_false(zc_doc_number_normalize("京政办发〔2019〕7号", out, 8));
	expect_error("cites:", 6, "needs a 文号");
	expect_error("-cites:国发〔2020〕1号 高新", 0, "cannot be negated");
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("\"申报 通知", 0, "unclosed quote");
	expect_error("高新 \"\"", 7, "empty phrase");
	expect_error("(高新 OR 科技", 0, "unclosed bracket");
	expect_error("高新)", 6, "unexpected ')'");
	expect_error("-公示", 0, "not negated");
	expect_error("高新 OR", 9, "ends where a term");
	expect_error("OR 高新", 0, "OR needs a term");
	char deep[200];
	memset(deep, '(', 100);
	strcpy(deep + 100, "a");
	struct zc_query q;
	struct zc_query_error err;
	assert_int_equal(zc_query_parse(deep, &q, &err), -EINVAL);
	assert_non_null(strstr(err.message, "too deep"));
	/* At most ZC_QUERY_MAX_TERMS terms: no deep trees, no FTS5 parser overflow. */
	char many[1024] = "";
	for (int i = 0; i <= ZC_QUERY_MAX_TERMS; i++)
		strcat(many, "a ");
	assert_int_equal(zc_query_parse(many, &q, &err), -EINVAL);
	assert_non_null(strstr(err.message, "too many terms"));
	many[2 * ZC_QUERY_MAX_TERMS] = '\0';
	assert_int_equal(zc_query_parse(many, &q, &err), 0);
	zc_query_free(&q);
	assert_int_equal(zc_query_parse("\xff\xfe", &q, &err), -EINVAL);
	assert_non_null(strstr(err.message, "UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms_and_phrases), cmocka_unit_test(test_operators),
		cmocka_unit_test(test_prefix),		  cmocka_unit_test(test_folding),
		cmocka_unit_test(test_filters),		  cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
