/* test-html.c: HTML → text (include/zhengce/html.h): detection of pages and
 * fragments, block elements as line breaks (at most one blank line), table
 * cells, entities, and what is dropped (script, style, forms, iframes, nav and
 * elements whose class or id names navigation, a footer, a share bar or a side column);
 * deeply nested pages. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/html.h"

/* Convert html and return the text (static storage, overwritten by the next call). */
static const char *to_text(const char *html, int *ret)
{
	static char copy[4096];
	struct zc_buf out;
	zc_buf_init(&out, 0);
	int r = zc_html_to_text(html, strlen(html), &out);
	if (ret)
		*ret = r;
	snprintf(copy, sizeof(copy), "%s", out.data ? out.data : "");
	zc_buf_free(&out);
	return copy;
}

static void test_detect(void **state)
{
	(void)state;
#define DETECT(s) zc_html_detect((s), strlen(s))
	assert_true(DETECT("<html><body>x</body></html>"));
	assert_true(DETECT("  \n\t<!DOCTYPE html>\n<html>"));
	assert_true(DETECT("<!doctype html>"));
	assert_true(DETECT("<?xml version=\"1.0\"?>\n<html>"));
	assert_true(DETECT("<p>关于开展申报的通知</p>"));
	assert_true(DETECT("<div class=\"a\">x</div>"));
	assert_true(DETECT("<meta charset=\"utf-8\">"));
	assert_false(DETECT("关于开展申报的通知\n<html>"));  /* does not start with '<' */
	assert_false(DETECT("<b>加粗</b>"));                  /* no page mark */
	assert_false(DETECT("<2019年度>项目"));
	assert_false(DETECT(""));
	assert_false(DETECT("   \n"));
	/* Only the first 4096 bytes are looked at. */
	char buf[5000];
	buf[0] = '<';
	memset(buf + 1, 'x', sizeof(buf) - 1);
	memcpy(buf + 4500, "<html>", 6);
	assert_false(zc_html_detect(buf, sizeof(buf)));
	memcpy(buf + 100, "<html>", 6);
	assert_true(zc_html_detect(buf, sizeof(buf)));
#undef DETECT
}

static void test_blocks(void **state)
{
	(void)state;
	int r;
	assert_string_equal(to_text("<html><head><title>关于开展申报的通知</title></head>"
				    "<body><p>第一段</p><p>第二段</p></body></html>",
				    &r),
			    "关于开展申报的通知\n\n第一段\n\n第二段\n");
	assert_int_equal(r, 0);
	/* Inline elements do not break lines. */
	assert_string_equal(to_text("<p>段落<span>内联</span><b>加粗</b>继续</p><h2>标题</h2>尾", &r),
			    "段落内联加粗继续\n\n标题\n\n尾\n");
	/* List items. */
	assert_string_equal(to_text("<ul><li>一</li><li>二</li></ul>", &r), "一\n\n二\n\n");
	/* At most one blank line in a row, whatever the empty blocks. */
	assert_string_equal(to_text("<p>a</p><p></p><div></div><p></p><br><br><p>b</p>", &r), "a\n\nb\n");
	/* Source formatting inside a block collapses to single spaces. */
	assert_string_equal(to_text("<p>  多个   空格\n\t和换行</p>", &r), "多个 空格 和换行\n");
	/* The text always ends with a newline. */
	assert_string_equal(to_text("<div>只有一行", &r), "只有一行\n");
}

static void test_table(void **state)
{
	(void)state;
	int r;
	assert_string_equal(to_text("<table><tr><td>联系人</td><td>王明</td></tr>"
				    "<tr><th>电话</th><td>010-12345678</td></tr></table>",
				    &r),
			    "  联系人  王明\n\n  电话  010-12345678\n\n");
	assert_int_equal(r, 0);
}

static void test_entities(void **state)
{
	(void)state;
	int r;
	assert_string_equal(to_text("<p>&lt;b&gt; &#20013;&#x6587; &quot;q&quot; A&amp;B</p>", &r),
			    "<b> 中文 \"q\" A&B\n");
	/* &nbsp; is decoded to U+00A0 (clean.c makes it a space later). */
	assert_string_equal(to_text("<p>附件&nbsp;一</p>", &r), "附件\xC2\xA0一\n");
}

static void test_dropped(void **state)
{
	(void)state;
	int r;
	assert_string_equal(to_text("<html><head><style>p{color:red}</style>"
				    "<script>var t='通知';</script></head>"
				    "<body><noscript>请启用脚本</noscript><p>正文</p></body></html>",
				    &r),
			    "正文\n");
	assert_string_equal(to_text("<div class=\"nav-bar\">首页 &gt; 政策</div>"
				    "<div id=\"Breadcrumb\">当前位置</div><nav>导航</nav>"
				    "<div class=\"content\"><p>正文内容</p></div>"
				    "<ul class=\"topMenu\"><li>菜单</li></ul>"
				    "<div class=\"share-box\">分享</div><div class=\"toolbar\">打印</div>"
				    "<div id=\"footer\">版权所有</div>",
				    &r),
			    "正文内容\n\n");
	/* A mirror's side column, top bar and related links are its own, not the notice's. */
	assert_string_equal(to_text("<div id=\"topbar\">服务热线：400-000-0000</div>"
				    "<div class=\"main\"><p>正文内容</p></div>"
				    "<div class=\"side\"><p>咨询专线：0591-00000000</p></div>"
				    "<aside>推荐</aside><div class=\"related-list\">相关政策</div>",
				    &r),
			    "正文内容\n\n");
	assert_string_equal(to_text("<p>前</p><form><input value=\"x\">表单<select><option>选项</option>"
				    "</select><button>提交</button></form><iframe>框架</iframe><p>后</p>",
				    &r),
			    "前\n\n后\n");
}

static void test_empty(void **state)
{
	(void)state;
	/* libxml2 builds no document from nothing. */
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_html_to_text("", 0, &out), -EINVAL);
	assert_int_equal(out.len, 0);
	zc_buf_free(&out);
	/* Text without tags is still read as a page body. */
	int r;
	assert_string_equal(to_text("纯文本，不是网页", &r), "纯文本，不是网页\n");
	assert_int_equal(r, 0);
}

static void test_appends(void **state)
{
	(void)state;
	/* Output is appended to what out holds already. */
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_buf_adds(&out, "前缀\n"), 0);
	const char *html = "<p>正文</p>";
	assert_int_equal(zc_html_to_text(html, strlen(html), &out), 0);
	assert_string_equal(out.data, "前缀\n\n正文\n");
	zc_buf_free(&out);
}

/* "<p>前文</p>", n nested <div>s around "深处", "<p>后文</p>". */
static char *nested(size_t n, size_t *len)
{
	char *s = malloc(n * 11 + 64);
	assert_non_null(s);
	size_t k = 0;
	memcpy(s + k, "<p>前文</p>", 13), k += 13;
	for (size_t i = 0; i < n; i++)
		memcpy(s + k, "<div>", 5), k += 5;
	memcpy(s + k, "深处", 6), k += 6;
	for (size_t i = 0; i < n; i++)
		memcpy(s + k, "</div>", 6), k += 6;
	memcpy(s + k, "<p>后文</p>", 13), k += 13;
	*len = k;
	return s;
}

static void test_nested(void **state)
{
	(void)state;
	size_t len;
	char *html = nested(200, &len);
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_html_to_text(html, len, &out), 0);
	assert_string_equal(out.data, "前文\n\n深处\n\n后文\n");
	zc_buf_free(&out);
	free(html);

	/* A hostile depth: no stack exhaustion, the text before it survives
	 * (libxml2 stops at its own depth limit, 256). */
	html = nested(100000, &len);
	zc_buf_init(&out, 0);
	assert_int_equal(zc_html_to_text(html, len, &out), 0);
	assert_non_null(out.data);
	assert_true(strncmp(out.data, "前文\n", strlen("前文\n")) == 0);
	zc_buf_free(&out);
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),	 cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_table),	 cmocka_unit_test(test_entities),
		cmocka_unit_test(test_dropped),	 cmocka_unit_test(test_empty),
		cmocka_unit_test(test_appends),	 cmocka_unit_test(test_nested),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
