/* test-scan.c: the fast searches under the extractors, each checked against
 * the plain loop it stands for, on many random texts made of the bytes that
 * matter (ideographs, punctuation, digits, spaces, Latin letters):
 * zc_memstr (SIMD candidates), zc_find_in_range, zc_count_byte,
 * zc_utf8_width (utf8.h); zc_words_find with few first characters,
 * ASCII ones or many (words.h); ZC_RE_NEED and zc_re_find_ending against zc_re_find (re.h);
 * zc_tail_search_start against a search from the start, and zc_title_kind
 * against the end-anchored patterns of kind words it stands for (title.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/title.h"
#include "re.h"
#include "utf8.h"
#include "words.h"

/* A small deterministic generator (the tests must not depend on rand()). */
static uint32_t seed = 20240601;
static uint32_t next_rand(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* Append to buf pieces drawn from `pieces` until about `len` bytes. */
static size_t random_text(char *buf, size_t cap, size_t len, const char *const *pieces, size_t npieces)
{
	size_t k = 0;
	while (k < len) {
		const char *p = pieces[next_rand() % npieces];
		size_t pl = strlen(p);
		if (k + pl >= cap)
			break;
		memcpy(buf + k, p, pl);
		k += pl;
	}
	buf[k] = '\0';
	return k;
}

static const char *const pieces[] = {
	"号", "年", "月", "日", "元", "万", "公", "告", "令", "第", "国", "關", "联", "系", "人", "地", "址",
	"。", "，", "；", "（", "）", "(", ")", "〔", "〕", "【", "】", " ", "\n", "\t", "0", "1", "2", "9",
	"a", "c", "n", "w", ".", ":", "/", "-", "—", "\x80", "\xff", "通知", "采购意向", "公开",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static void test_memstr(void **state)
{
	(void)state;
	char hay[600];
	for (int it = 0; it < 20000; it++) {
		size_t len = random_text(hay, sizeof(hay), next_rand() % 400, pieces, NPIECES);
		const char *x = pieces[next_rand() % NPIECES];
		char two[32];
		if (next_rand() % 2) { /* a two-piece needle */
			snprintf(two, sizeof(two), "%s%s", x, pieces[next_rand() % NPIECES]);
			x = two;
		}
		size_t from = len ? next_rand() % (len + 1) : 0;
		assert_ptr_equal(zc_memstr(hay + from, len - from, x), memmem(hay + from, len - from, x, strlen(x)));
	}
}

/* Short texts, each in an allocation of its own size (so that a read past
 * its end is caught under ASan), with the needle at every place or nowhere. */
static void test_memstr_short(void **state)
{
	(void)state;
	static const char *const needles[] = {"a", "ab", "号", "通知", "年月日", "0123456789ab", "x\xE5\x8F"};
	for (size_t len = 0; len <= 40; len++)
		for (size_t k = 0; k < sizeof(needles) / sizeof(needles[0]); k++) {
			const char *x = needles[k];
			size_t n = strlen(x);
			for (size_t at = 0; at <= len; at++) {
				char *s = malloc(len ? len : 1);
				assert_non_null(s);
				for (size_t i = 0; i < len; i++)
					s[i] = (char)"\xE5\x8F\xB7xab0"[i % 7]; /* near misses: x's bytes, apart */
				if (at + n <= len)
					memcpy(s + at, x, n);
				assert_ptr_equal(zc_memstr_n(s, len, x, n), memmem(s, len, x, n));
				free(s);
			}
		}
}

static void test_byte_scans(void **state)
{
	(void)state;
	char text[2000];
	for (int it = 0; it < 5000; it++) {
		size_t len = random_text(text, sizeof(text), next_rand() % 1500, pieces, NPIECES);
		size_t from = len ? next_rand() % (len + 1) : 0;
		const char *s = text + from;
		size_t n = len - from, lines = 0, width = 0;
		const char *digit = NULL, *letter = NULL;
		for (size_t i = 0; i < n; i++) {
			unsigned char b = (unsigned char)s[i];
			lines += b == '\n';
			if (!digit && b >= '0' && b <= '9')
				digit = s + i;
			if (!letter && b >= 'a' && b <= 'z')
				letter = s + i;
			width += b < 0x80 ? 1 : b >= 0xE3 ? 2 : b >= 0xC0 ? 1 : 0;
		}
		assert_int_equal(zc_count_byte(s, n, '\n'), lines);
		assert_ptr_equal(zc_find_digit(s, n), digit);
		assert_ptr_equal(zc_find_in_range(s, n, 'a', 'z'), letter);
		assert_int_equal(zc_utf8_width(s, n), width);
	}
}

/* The scalar scan, for the same words (more first characters than the SIMD scan takes). */
static bool words_reference(const char *const *list, const char *s, size_t len, size_t from, size_t *start,
			    size_t *end)
{
	for (size_t i = from; i + 6 <= len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		size_t best = 0;
		for (const char *const *w = list; *w; w++) {
			size_t n = strlen(*w);
			if (n > best && n <= len - i && !memcmp(s + i, *w, n))
				best = n;
		}
		if (best) {
			*start = i;
			*end = i + best;
			return true;
		}
	}
	return false;
}

/* fast: the words are few enough, or ASCII enough, for a SIMD scan (else the skipping scalar scan). */
static void check_words(const char *const *list, bool fast)
{
	struct zc_words w = ZC_WORDS(list);
	char text[800];
	for (int it = 0; it < 20000; it++) {
		size_t len = random_text(text, sizeof(text), next_rand() % 500, pieces, NPIECES);
		if (!zc_utf8_valid(text, len))
			continue; /* words are looked for in valid UTF-8 */
		size_t from = len ? next_rand() % (len + 1) : 0;
		size_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;
		bool a = zc_words_find(&w, text, len, from, &a0, &a1);
		bool b = words_reference(list, text, len, from, &b0, &b1);
		assert_int_equal(a, b);
		if (a) {
			assert_int_equal(a0, b0);
			assert_int_equal(a1, b1);
		}
	}
#if defined(__SSE2__)
	assert_true((w.nleads > 0 || w.ascii_hi) == fast); /* the scan meant was the one tested */
#endif
	zc_words_release(&w);
}

static void test_words(void **state)
{
	(void)state;
	static const char *const few_leads[] = {"联系人", "联系电话", "地址", "公告令", "123号", "国關", NULL};
	static const char *const ascii_leads[] = {"1290号", "0129年", "wan.cn", "a.c/n:", "9国關", NULL};
	static const char *const many_leads[] = {"联系人", "联系电话", "地址", "公告令", "123号", "国關", "年月日", "第1号",
						 "通知公告", "日2月", "告令国", "月(1)", "号。", "人，", "公开", NULL};
	check_words(few_leads, true);
	check_words(ascii_leads, true);
	check_words(many_leads, false);
}

#define NOTICE "(?:通知|公告|函|\\.\\.\\.|…{1,2})(?:\\s*[（(][^（）()]{1,30}[）)])?$"
static struct zc_re notice_plain = ZC_RE(NOTICE);
static struct zc_re docno_plain = ZC_RE("[〔(（【]\\s*((?:19|20)\\d{2})\\s*[〕)）】]\\s*第?\\s*(\\d{1,5})\\s*号|令\\s*第\\s*(\\d{1,5})\\s*号");
static struct zc_re docno_again = ZC_RE("[〔(（【]\\s*((?:19|20)\\d{2})\\s*[〕)）】]\\s*第?\\s*(\\d{1,5})\\s*号|令\\s*第\\s*(\\d{1,5})\\s*号");
static struct zc_re amount_plain = ZC_RE("(?<![\\d.])(\\d+)(\\.\\d+)?\\s*(万元|元)");
static struct zc_re amount_need = ZC_RE_NEED("(?<![\\d.])(\\d+)(\\.\\d+)?\\s*(万元|元)", "元");

static bool docno_inside(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == ' ' || (c >= '\t' && c <= '\r') || c == 0x3014 || c == 0x3015 ||
	       c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == 0x3010 || c == 0x3011 || c == 0x7B2C ||
	       c == 0x4EE4;
}

static void assert_same_match(bool a, const struct zc_match *x, bool b, const struct zc_match *y)
{
	assert_int_equal(a, b);
	if (!a)
		return;
	assert_int_equal(x->groups, y->groups);
	for (int g = 0; g < ZC_RE_MAX_GROUPS; g++) {
		assert_int_equal(x->start[g], y->start[g]);
		assert_int_equal(x->end[g], y->end[g]);
	}
}

static const char *const shortcut_cases[] = {
	"依据〔2023〕12号和（2019） 第 3号文件，令第5号、令 第 号",
	"共计1.5万元，其中 300 元、2,000元和.5元；经费 12万元",
	"关于印发办法的通知", "关于印发办法的通知（试行）", "关于开展申报的通知 (2023年修订)", "函\n",
	"通知（）", "通知）", "关于……", "不是通知的题目", "",
};

static void test_pattern_shortcuts(void **state)
{
	(void)state;
	char text[800];
	int found = 0;
	for (int it = 0; it < 20000; it++) {
		size_t len;
		if ((size_t)it < sizeof(shortcut_cases) / sizeof(shortcut_cases[0]))
			len = strlen(strcpy(text, shortcut_cases[it]));
		else
			len = random_text(text, sizeof(text), next_rand() % 300, pieces, NPIECES);
		if (!zc_utf8_valid(text, len))
			continue; /* the patterns run on valid UTF-8 */
		size_t from = len ? next_rand() % (len + 1) : 0;
		while (from < len && ((unsigned char)text[from] & 0xC0) == 0x80)
			from++;
		struct zc_match x, y;
		bool a = zc_re_find(&docno_plain, text, len, from, &x);
		bool b = zc_re_find_ending(&docno_again, "号", docno_inside, text, len, from, &y);
		assert_same_match(a, &x, b, &y);
		a = zc_re_find(&amount_plain, text, len, from, &x);
		b = zc_re_find(&amount_need, text, len, from, &y);
		assert_same_match(a, &x, b, &y);
		/* An end-anchored kind pattern, from zc_tail_search_start (12 bytes: 采购意向 would be). */
		a = zc_re_find(&notice_plain, text, len, 0, &x);
		b = zc_re_find(&notice_plain, text, len, zc_tail_search_start(text, len, 12), &y);
		assert_int_equal(a, b);
		found += a;
	}
	assert_true(found >= 5);
}

/* The patterns zc_title_kind stands for: a kind word, then perhaps a note in
 * brackets, at the end of the (trimmed) title. */
#define KIND_NOTE "(?:\\s*[（(][^（）()]{1,30}[）)])?$"
static struct zc_re notice_kind_plain = ZC_RE(
	"(?:通知|通告|公告|公示|决定|批复|复函|函|通报|公报|意见|决议|命令|报告|请示|纪要|倡议书|"
	"公开信|启事|声明|通知书|邀请函|简报|快报|(?:\\.\\.\\.|…{1,2}))" KIND_NOTE);
static struct zc_re document_kind_plain = ZC_RE(
	"(?:办法|指南|方案|细则|规定|规划|纲要|目录|措施|条例|规则|指引|标准|要点|计划|清单|简章|须知|"
	"制度|守则|章程|名单|结果|说明|规程|导则|大纲|提纲|解读|(?:预算|决算|信息|政务|财务|意向)公开|采购意向|采购需求)" KIND_NOTE);

static enum zc_title_kind title_kind_plain(const char *s, size_t len)
{
	struct zc_match m;
	s = zc_trim(s, &len);
	if (len > 6 && ((zc_starts_with(s, len, "【") && zc_ends_with(s, len, "】")) ||
			(zc_starts_with(s, len, "《") && zc_ends_with(s, len, "》"))))
		len -= 3;
	if (zc_re_find(&notice_kind_plain, s, len, 0, &m))
		return ZC_TITLE_NOTICE;
	if (zc_re_find(&document_kind_plain, s, len, 0, &m))
		return ZC_TITLE_DOCUMENT;
	return ZC_TITLE_NONE;
}

static const char *const kind_pieces[] = {
	"关于", "印发", "通知", "通告", "公告", "函", "复函", "邀请函", "办法", "方案", "采购意向", "信息公开",
	"公开", "意向", "…", "...", ".", "（", "）", "(", ")", "【", "】", "《", "》", " ", "\n", "\t", "　",
	"2024", "年", "修订", "试行", "第一批", "的",
};

static void test_title_kind(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"关于印发办法的通知", "关于开展申报的通知（2024年修订）", "通知 (试行)", "通知（）", "通知）",
		"通知(（试行）)", "关于……", "关于...", "【关于开展申报的通知】", "《管理办法》", "采购意向",
		"2024年信息公开", "不是题目的句子", "通知\n", "", "）",
		"通知（一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十）",
		"通知（一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一）",
	};
	char text[400];
	int kinds[3] = {0};
	for (int it = 0; it < 30000; it++) {
		size_t len;
		if ((size_t)it < sizeof(cases) / sizeof(cases[0]))
			len = strlen(strcpy(text, cases[it]));
		else
			len = random_text(text, sizeof(text), next_rand() % 60,
					  kind_pieces, sizeof(kind_pieces) / sizeof(kind_pieces[0]));
		enum zc_title_kind k = zc_title_kind(text, len);
		assert_int_equal(k, title_kind_plain(text, len));
		kinds[k]++;
	}
	assert_true(kinds[ZC_TITLE_NOTICE] >= 100 && kinds[ZC_TITLE_DOCUMENT] >= 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memstr), cmocka_unit_test(test_memstr_short),
		cmocka_unit_test(test_byte_scans),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_pattern_shortcuts),
		cmocka_unit_test(test_title_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
