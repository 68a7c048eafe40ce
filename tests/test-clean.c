/* test-clean.c: character normalisation and traditional → simplified folding
 * (include/zhengce/clean.h): line ends, spaces, zero-width characters,
 * full-width forms (Chinese punctuation kept), PDF spaces between Chinese and
 * digits, pinyin glosses, runs of '?', control characters; detection of
 * traditional characters and line-preserving OpenCC conversion, also from
 * several threads at once. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/clean.h"

/* Normalise s; the result is valid until the next call. */
static const char *norm(const char *s)
{
	static char copy[1024];
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_clean_normalize(s, strlen(s), &out), 0);
	snprintf(copy, sizeof(copy), "%s", out.data ? out.data : "");
	zc_buf_free(&out);
	return copy;
}

static void test_line_ends(void **state)
{
	(void)state;
	assert_string_equal(norm("甲\r\n乙\r丙\n丁"), "甲\n乙\n丙\n丁");
	assert_string_equal(norm("\r\n\r\n"), "\n\n");
	assert_string_equal(norm(""), "");
}

static void test_spaces(void **state)
{
	(void)state;
	/* Tab, NBSP, ideographic space, thin space → ' '. */
	assert_string_equal(norm("甲乙\t乙丙\xC2\xA0丙丁\xE3\x80\x80丁戊\xE2\x80\x89戊甲"), "甲乙 乙丙 丙丁 丁戊 戊甲");
	/* A line letter-spaced by bad OCR is closed up; runs of spaces stay one space. */
	assert_string_equal(norm("关 于 开 展 申 报"), "关于开展申报");
	assert_string_equal(norm("厦 科 高 〔2023〕 21 号"), "厦科高〔2023〕21号");
	assert_string_equal(norm("联 系 人  王 明"), "联系人 王明");
	assert_string_equal(norm("A\xE3\x80\x80" "B"), "A B");
	/* Runs of spaces separate fields and are kept. */
	assert_string_equal(norm("名称  地址   电话"), "名称  地址   电话");
	/* A single space between Chinese characters is kept. */
	assert_string_equal(norm("单 空格 中文"), "单 空格 中文");
	/* Latin text is untouched. */
	assert_string_equal(norm("abc 123 def"), "abc 123 def");
	assert_string_equal(norm("中文 abc"), "中文 abc");
}

static void test_removed(void **state)
{
	(void)state;
	/* Zero-width space/joiners, BOM, soft hyphen. */
	assert_string_equal(norm("零\xE2\x80\x8B宽\xEF\xBB\xBF字\xC2\xAD符\xE2\x80\x8D号"), "零宽字符号");
	/* Control characters other than \n and \t. */
	assert_string_equal(norm("控制\x01字\x07符\x1B"), "控制字符");
}

static void test_fullwidth(void **state)
{
	(void)state;
	assert_string_equal(norm("ＡＢＣ１２３ａｂｃ＠＃％＆＋－／"), "ABC123abc@#%&+-/");
	/* Chinese punctuation stays as it is. */
	assert_string_equal(norm("，。：；！？（）《》〔〕【】～、“”"), "，。：；！？（）《》〔〕【】～、“”");
	assert_string_equal(norm("电话：０１０－６８２０５３６８"), "电话：010-68205368");
	assert_string_equal(norm("Ａ　Ｂ"), "A B");
	/* A Latin O or a zero typed for 〇 in a year in Chinese numerals is 〇;
	 * elsewhere it stays. */
	assert_string_equal(norm("二O一三年 二OO四年 二Ｏ一五年 二０一六年 一0年"), "二〇一三年 二〇〇四年 二〇一五年 二〇一六年 一〇年");
	assert_string_equal(norm("统一OA平台 一0个 二O"), "统一OA平台 一0个 二O");
	/* The same after a traditional character, however the text around runs. */
	assert_string_equal(norm("關於二O一三年度的通知，二O一四年"), "關於二〇一三年度的通知，二〇一四年");
}

static void test_not_utf8(void **state)
{
	(void)state;
	/* Bytes that are not UTF-8 become U+FFFD, even before a run of plain
	 * text long enough to be skipped in blocks; nothing is read outside the
	 * input (the buffer is the input's exact size). */
	static const char bad[] = "\x80\x80(aaaaaaaaaaaaaaaaaa";
	char *in = malloc(sizeof(bad) - 1);
	assert_non_null(in);
	memcpy(in, bad, sizeof(bad) - 1);
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_clean_normalize(in, sizeof(bad) - 1, &out), 0);
	assert_string_equal(out.data, "\xef\xbf\xbd\xef\xbf\xbd(aaaaaaaaaaaaaaaaaa");
	zc_buf_free(&out);
	free(in);
}

static void test_cjk_digit_spaces(void **state)
{
	(void)state;
	assert_string_equal(norm("2019 年 8 月 23 日"), "2019年8月23日");
	assert_string_equal(norm("工信厅联装〔2019〕 44 号"), "工信厅联装〔2019〕44号");
	assert_string_equal(norm("第 3 页"), "第3页");
	assert_string_equal(norm("（ 2019）"), "（2019）");
	assert_string_equal(norm("截止 ２０２０ 年"), "截止2020年");
	/* Two spaces are a field separator, not PDF noise. */
	assert_string_equal(norm("，  数字 1"), "，  数字1");
}

static void test_glosses(void **state)
{
	(void)state;
	assert_string_equal(norm("業(yè)务 發(fā)展"), "業务 發展");
	assert_string_equal(norm("工作(gōngzuò)"), "工作");
	assert_string_equal(norm("事业（yè）单位"), "事业单位");
	/* Not a gloss: no tone mark, or not after a Chinese character. */
	assert_string_equal(norm("项目(a)"), "项目(a)");
	assert_string_equal(norm("项目(yes)"), "项目(yes)");
	assert_string_equal(norm("text(yè)"), "text(yè)");
	assert_string_equal(norm("（一）项目"), "（一）项目");
}

/* Indentation (spaces, ideographic spaces after a line end) and a bracket
 * that opens no gloss stay in the runs copied at once; the rules about a
 * space after CJK or a digit, and glosses, still apply after them. */
static void test_runs_with_spaces_and_brackets(void **state)
{
	(void)state;
	assert_string_equal(norm("关于开展申报工作的通知\n\xE3\x80\x80\xE3\x80\x80根据有关规定（试行），现通知如下。\n  2019 年申报"),
			    "关于开展申报工作的通知\n  根据有关规定（试行），现通知如下。\n  2019年申报");
	assert_string_equal(norm("关于开展申报工作的通知\n  事业（yè）单位 与 企业（ā）以及（１）项"),
			    "关于开展申报工作的通知\n  事业单位 与 企业以及（1）项");
	assert_string_equal(norm("\xE3\x80\x80\xE3\x80\x80\xE3\x80\x80 申报材料一式三份，请于规定时间内报送至指定地点。"),
			    "    申报材料一式三份，请于规定时间内报送至指定地点。");
}

static void test_question_marks(void **state)
{
	(void)state;
	/* A run of '?' is where a mirror lost characters: a field gap. */
	assert_string_equal(norm("损坏??????文字"), "损坏  文字");
	assert_string_equal(norm("a ? b"), "a ? b");
	assert_string_equal(norm("是否?"), "是否?");
}

static void test_appends(void **state)
{
	(void)state;
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_buf_adds(&out, "前:"), 0);
	assert_int_equal(zc_clean_normalize("１ 号", strlen("１ 号"), &out), 0);
	assert_string_equal(out.data, "前:1号");
	zc_buf_free(&out);
}

/* Normalise s[0..len) after what out holds; returns out's data. */
static const char *norm_into(struct zc_buf *out, const char *s, size_t len, bool ex)
{
	bool trad = false;
	assert_int_equal(ex ? zc_clean_normalize_ex(s, len, out, &trad) : zc_clean_normalize(s, len, out), 0);
	return out->data ? out->data : "";
}

/*
 * Letter-spaced lines among others, with their line ends at every offset in
 * a block: each line is closed up (or not) as it would be alone, and the text
 * around it moves with it, also after text already in the buffer.
 */
static void test_letter_spacing_lines(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"关 于 开 展 申 报",	   /* closed up */
		"名称  地址   电话",	   /* two spaces and more: kept */
		"第一条　各地应严格按照要求做好本地区推荐工作", /* one space */
		"联 系 人  王 明 电 话 １２３",		       /* closed up, a run kept */
		"",
		"单 空格 中文",
		"abc def ghi",
	};
	const size_t nlines = sizeof(lines) / sizeof(lines[0]);
	for (size_t pad = 0; pad < 40; pad++)
		for (size_t first = 0; first < nlines; first++) {
			struct zc_buf text, want, got;
			zc_buf_init(&text, 0);
			zc_buf_init(&want, 0);
			zc_buf_init(&got, 0);
			assert_int_equal(zc_buf_adds(&want, "前:"), 0);
			assert_int_equal(zc_buf_adds(&got, "前:"), 0);
			for (size_t k = 0; k < 3 * nlines; k++) {
				/* The line, the first after pad bytes that move the line ends. */
				struct zc_buf line, alone;
				zc_buf_init(&line, 0);
				zc_buf_init(&alone, 0);
				for (size_t i = 0; k == 0 && i < pad; i++)
					assert_int_equal(zc_buf_adds(&line, "x"), 0);
				assert_int_equal(zc_buf_adds(&line, lines[(first + k) % nlines]), 0);
				const char *sep = k ? "\n" : "";
				assert_int_equal(zc_buf_adds(&text, sep), 0);
				assert_int_equal(zc_buf_adds(&text, line.data), 0);
				assert_int_equal(zc_buf_adds(&want, sep), 0);
				assert_int_equal(zc_buf_adds(&want, norm_into(&alone, line.data, line.len, false)), 0);
				zc_buf_free(&line);
				zc_buf_free(&alone);
			}
			assert_string_equal(norm_into(&got, text.data, text.len, pad % 2), want.data);
			zc_buf_free(&text);
			zc_buf_free(&want);
			zc_buf_free(&got);
		}
}

static void test_has_traditional(void **state)
{
	(void)state;
#define TRAD(s) zc_clean_has_traditional((s), strlen(s))
	assert_true(TRAD("關於開展工作"));
	assert_true(TRAD("国务院办公廳"));
	assert_true(TRAD("廳"));
	/* 後 is in GB2312 too: not a sign of traditional text by itself. */
	assert_false(TRAD("後"));
	assert_false(TRAD("关于开展申报工作的通知"));
	assert_false(TRAD("abc 123"));
	assert_false(TRAD(""));
	assert_false(TRAD("乾隆")); /* 乾 is also simplified */
	/* Only len bytes are looked at. */
	assert_false(zc_clean_has_traditional("关于關", 6));
#undef TRAD
}

/* Simplify s; returns the text (valid until next call) and sets *changed. */
static const char *simplify(const char *s, bool *changed)
{
	static char copy[1024];
	struct zc_buf out;
	zc_buf_init(&out, 0);
	*changed = false;
	assert_int_equal(zc_clean_simplify(s, strlen(s), &out, changed), 0);
	snprintf(copy, sizeof(copy), "%s", out.data ? out.data : "");
	zc_buf_free(&out);
	return copy;
}

static void test_simplify(void **state)
{
	(void)state;
	bool changed;
	assert_string_equal(simplify("關於開展2019年度科技項目申報工作的通知\n各有關單位：\n", &changed),
			    "关于开展2019年度科技项目申报工作的通知\n各有关单位：\n");
	assert_true(changed);
	/* Lines stay lines, untouched lines are copied as they are. */
	assert_string_equal(simplify("第一行\n國務院辦公廳\n第三行", &changed), "第一行\n国务院办公厅\n第三行");
	assert_true(changed);
	assert_string_equal(simplify("关于开展申报工作的通知\n", &changed), "关于开展申报工作的通知\n");
	assert_false(changed);
	/* A line with a traditional-only character is converted whole (後 too). */
	assert_string_equal(simplify("後來的辦法", &changed), "后来的办法");
	assert_true(changed);
	assert_string_equal(simplify("", &changed), "");
	assert_false(changed);
	/* changed may be NULL. */
	struct zc_buf out;
	zc_buf_init(&out, 0);
	assert_int_equal(zc_clean_simplify("辦", strlen("辦"), &out, NULL), 0);
	assert_string_equal(out.data, "办");
	zc_buf_free(&out);
}

static void test_fold_line(void **state)
{
	(void)state;
	char line[64];
	/* A line with a traditional-only character: folded whole, in place (後 too). */
	strcpy(line, "後來的辦法 2019年");
	assert_true(zc_clean_fold_line(line, strlen(line)));
	assert_string_equal(line, "后来的办法 2019年");
	/* Without one: left as it is, 後 included. */
	strcpy(line, "後来的办法");
	assert_false(zc_clean_fold_line(line, strlen(line)));
	assert_string_equal(line, "後来的办法");
	/* Only len bytes are looked at and changed. */
	strcpy(line, "关于關");
	assert_false(zc_clean_fold_line(line, 6));
	assert_string_equal(line, "关于關");
	assert_false(zc_clean_fold_line(line, 0));
}

#define THREADS 4

static void *simplify_thread(void *arg)
{
	int *ok = arg;
	*ok = 1;
	for (int i = 0; i < 50; i++) {
		struct zc_buf out;
		zc_buf_init(&out, 0);
		const char *in = "國務院辦公廳關於印發的通知\n第二行\n";
		if (zc_clean_simplify(in, strlen(in), &out, NULL) != 0 || !out.data ||
		    strcmp(out.data, "国务院办公厅关于印发的通知\n第二行\n") != 0)
			*ok = 0;
		zc_buf_free(&out);
	}
	return NULL;
}

static void test_simplify_threads(void **state)
{
	(void)state;
	pthread_t t[THREADS];
	int ok[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, simplify_thread, &ok[i]), 0);
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(ok[i], 1);
	}
}

/* The search fold is idempotent (chains such as 薴 → 苧 → 苎 are followed to
 * their end) and maps traditional to simplified, full-width to ASCII. */
static void test_fold_char(void **state)
{
	(void)state;
	for (uint32_t c = 0; c < 0x10000; c++)
		if (zc_fold_char(zc_fold_char(c)) != zc_fold_char(c))
			fail_msg("fold(fold(U+%04X)) != fold(U+%04X)", c, c);
	assert_int_equal(zc_fold_char(0x85B4 /* 薴 */), 0x82CE /* 苎 */);
	assert_int_equal(zc_fold_char(0x82E7 /* 苧 */), 0x82CE);
	assert_int_equal(zc_fold_char(0x9AD4 /* 體 */), 0x4F53 /* 体 */);
	assert_int_equal(zc_fold_char(0x65BC /* 於 */), 0x4E8E /* 于 */);
	assert_int_equal(zc_fold_char(0x4F53), 0x4F53);
	assert_int_equal(zc_fold_char(0xFF12 /* ２ */), '2');
	assert_int_equal(zc_fold_char(0xFF0C /* ， kept */), 0xFF0C);
	assert_int_equal(zc_fold_char(0x3000), ' ');
	assert_int_equal(zc_fold_char('\t'), ' ');
	assert_int_equal(zc_fold_char('\n'), '\n');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),     cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_removed),	      cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_cjk_digit_spaces), cmocka_unit_test(test_glosses),
		cmocka_unit_test(test_question_marks), cmocka_unit_test(test_appends),
		cmocka_unit_test(test_runs_with_spaces_and_brackets),
		cmocka_unit_test(test_letter_spacing_lines),
		cmocka_unit_test(test_has_traditional), cmocka_unit_test(test_simplify),
		cmocka_unit_test(test_fold_line),	  cmocka_unit_test(test_simplify_threads),
		cmocka_unit_test(test_fold_char),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
