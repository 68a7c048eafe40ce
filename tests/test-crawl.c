/* test-crawl.c: the crawler's parts that need no network: robots.txt rules
 * (RFC 9309 groups, longest match, Allow on ties, * and $) and the sources
 * file (its checks, field by field, and --site selection). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "zhengce/crawl.h"

static void test_robots(void **state)
{
	(void)state;
	static const char robots[] = "# comment\n"
				     "User-agent: *\n"
				     "Disallow: /private/\n"
				     "Disallow: /*.pdf$\n"
				     "Allow: /private/open/\n"
				     "\n"
				     "User-agent: zhengce\n"
				     "User-agent: other\n"
				     "Disallow: /tzgg/draft\n"
				     "Allow: /tzgg/draft/ok\n"
				     "\n"
				     "User-agent: BadBot\n"
				     "Disallow: /\n";
	/* zhengce has its own group: the * group does not apply to it */
	assert_true(zc_robots_allowed(robots, "zhengce", "/private/x.html"));
	assert_false(zc_robots_allowed(robots, "zhengce", "/tzgg/draft1.html"));
	assert_true(zc_robots_allowed(robots, "zhengce", "/tzgg/draft/ok/1.html")); /* longer Allow wins */
	assert_true(zc_robots_allowed(robots, "ZhengCe", "/private/x.html"));       /* agents case-insensitive */
	/* others fall back to * */
	assert_false(zc_robots_allowed(robots, "somebot", "/private/x.html"));
	assert_true(zc_robots_allowed(robots, "somebot", "/private/open/x.html"));
	assert_false(zc_robots_allowed(robots, "somebot", "/files/a.pdf"));
	assert_true(zc_robots_allowed(robots, "somebot", "/files/a.pdf?x=1")); /* $ anchors the end */
	assert_true(zc_robots_allowed(robots, "somebot", "/public.html"));
	assert_false(zc_robots_allowed(robots, "BadBot", "/anything"));
	/* Allow wins a tie of equal length */
	assert_true(zc_robots_allowed("User-agent: *\nDisallow: /a\nAllow: /a\n", "zhengce", "/a/b"));
	/* an empty Disallow allows everything; no file allows everything */
	assert_true(zc_robots_allowed("User-agent: *\nDisallow:\n", "zhengce", "/x"));
	assert_true(zc_robots_allowed("", "zhengce", "/x"));
	assert_true(zc_robots_allowed(NULL, "zhengce", "/x"));
	/* rules before any User-agent line belong to no group */
	assert_true(zc_robots_allowed("Disallow: /\n", "zhengce", "/x"));
	/* CRLF lines, spaces, a wildcard in the middle */
	assert_false(zc_robots_allowed("User-agent: *\r\nDisallow: /a*/c \r\n", "zhengce", "/ab/c/d"));
}

static char path[64];

static const char *write_file(const char *text)
{
	snprintf(path, sizeof(path), "/tmp/zc-test-crawl-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void expect_error(const char *text, const char *message)
{
	struct zc_sources s;
	char err[600];
	assert_int_equal(zc_sources_load(write_file(text), &s, err, sizeof(err)), -22);
	unlink(path);
	if (!strstr(err, message))
		fail_msg("'%s' does not say '%s'", err, message);
}

static void test_sources(void **state)
{
	(void)state;
	struct zc_sources s;
	char err[600];
	const char *f = write_file("{\"sources\": ["
				   "{\"id\": \"a\", \"list\": \"https://a.gov.cn/list.html\", \"link\": \"/art/\\\\d+\\\\.html$\"},"
				   "{\"id\": \"b\", \"name\": \"B\", \"list\": \"http://b.gov.cn/\", \"pages\": \"http://b.gov.cn/index_{n}.html\","
				   " \"first_page\": 2, \"max_pages\": 5, \"link\": \"post_\\\\d+\", \"delay\": 0.5, \"official\": true}]}");
	assert_int_equal(zc_sources_load(f, &s, err, sizeof(err)), 0);
	unlink(path);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.sites[0].id, "a");
	assert_int_equal(s.sites[0].max_pages, 3); /* defaults */
	assert_int_equal(s.sites[0].first_page, 1);
	assert_true(s.sites[0].delay == 1.0);
	assert_false(s.sites[0].official);
	assert_int_equal(s.sites[1].first_page, 2);
	assert_true(s.sites[1].official);
	struct zc_strv only = {0};
	assert_int_equal(zc_strv_add(&only, "b"), 0);
	assert_int_equal(zc_sources_keep(&s, &only), 1);
	assert_string_equal(s.sites[0].id, "b");
	zc_strv_free(&only);
	zc_sources_free(&s);

	expect_error("[]", "wants {\"sources\"");
	expect_error("{\"sources\": [{\"list\": \"http://x/\", \"link\": \"x\"}]}", "\"id\" is missing");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"ftp://x/\", \"link\": \"x\"}]}", "site x: \"list\" must be an http(s) URL");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"http://x/\", \"link\": \"(\"}]}", "site x: \"link\" is not a valid pattern");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"http://x/\", \"pages\": \"http://x/p.html\", \"link\": \"x\"}]}", "{n}");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"http://x/\", \"link\": \"x\", \"delay\": -1}]}", "\"delay\"");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"http://x/\", \"link\": \"x\", \"colour\": 1}]}", "unknown field \"colour\"");
	expect_error("{\"sources\": [{\"id\": \"x\", \"list\": \"http://x/\", \"link\": \"x\"},"
		     "{\"id\": \"x\", \"list\": \"http://y/\", \"link\": \"y\"}]}", "used twice");
	expect_error("{\"sources\": [", "line 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_robots), cmocka_unit_test(test_sources)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
