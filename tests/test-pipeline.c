/* test-pipeline.c: the whole chain (include/zhengce/pipeline.h) through
 * zc_process_buffer and zc_process_file: UTF-8, UTF-8 with BOM, GB18030,
 * UTF-16LE with BOM and HTML input give the same notice; several notices with
 * their source line and offset, also when a small window cuts the input
 * between them; undecodable input (truncated UTF-8 → -EILSEQ with its byte
 * offset, NUL → -EMEDIUMTYPE) after the notices before it were delivered;
 * lenient mode (U+FFFD and a warning); empty input; a callback that stops; a
 * 5 MB line without newline in a small window (no crash, bounded output). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/pipeline.h"

/* A short notice in UTF-8 (128 bytes, 5 lines). */
static const char notice_utf8[] = "关于开展申报工作的通知\n"
				  "各有关单位：\n"
				  "请于2024年3月1日前报送。\n"
				  "某某市科学技术局\n"
				  "2024年2月1日\n";

/* The notice above in GB18030 (printf '…' | iconv -t GB18030 | xxd -i). */
static const unsigned char notice_gb18030[] = {
	0xb9, 0xd8, 0xd3, 0xda, 0xbf, 0xaa, 0xd5, 0xb9, 0xc9, 0xea, 0xb1, 0xa8,
	0xb9, 0xa4, 0xd7, 0xf7, 0xb5, 0xc4, 0xcd, 0xa8, 0xd6, 0xaa, 0x0a, 0xb8,
	0xf7, 0xd3, 0xd0, 0xb9, 0xd8, 0xb5, 0xa5, 0xce, 0xbb, 0xa3, 0xba, 0x0a,
	0xc7, 0xeb, 0xd3, 0xda, 0x32, 0x30, 0x32, 0x34, 0xc4, 0xea, 0x33, 0xd4,
	0xc2, 0x31, 0xc8, 0xd5, 0xc7, 0xb0, 0xb1, 0xa8, 0xcb, 0xcd, 0xa1, 0xa3,
	0x0a, 0xc4, 0xb3, 0xc4, 0xb3, 0xca, 0xd0, 0xbf, 0xc6, 0xd1, 0xa7, 0xbc,
	0xbc, 0xca, 0xf5, 0xbe, 0xd6, 0x0a, 0x32, 0x30, 0x32, 0x34, 0xc4, 0xea,
	0x32, 0xd4, 0xc2, 0x31, 0xc8, 0xd5, 0x0a
};

/* The notice above in UTF-16LE with a BOM. */
static const unsigned char notice_utf16le[] = {
	0xff, 0xfe, 0x73, 0x51, 0x8e, 0x4e, 0x00, 0x5f, 0x55, 0x5c, 0x33, 0x75,
	0xa5, 0x62, 0xe5, 0x5d, 0x5c, 0x4f, 0x84, 0x76, 0x1a, 0x90, 0xe5, 0x77,
	0x0a, 0x00, 0x04, 0x54, 0x09, 0x67, 0x73, 0x51, 0x55, 0x53, 0x4d, 0x4f,
	0x1a, 0xff, 0x0a, 0x00, 0xf7, 0x8b, 0x8e, 0x4e, 0x32, 0x00, 0x30, 0x00,
	0x32, 0x00, 0x34, 0x00, 0x74, 0x5e, 0x33, 0x00, 0x08, 0x67, 0x31, 0x00,
	0xe5, 0x65, 0x4d, 0x52, 0xa5, 0x62, 0x01, 0x90, 0x02, 0x30, 0x0a, 0x00,
	0xd0, 0x67, 0xd0, 0x67, 0x02, 0x5e, 0xd1, 0x79, 0x66, 0x5b, 0x80, 0x62,
	0x2f, 0x67, 0x40, 0x5c, 0x0a, 0x00, 0x32, 0x00, 0x30, 0x00, 0x32, 0x00,
	0x34, 0x00, 0x74, 0x5e, 0x32, 0x00, 0x08, 0x67, 0x31, 0x00, 0xe5, 0x65,
	0x0a, 0x00
};

#define MAX_SEEN 400

/* What the callback saw, copied (the notice is freed after the call). */
struct seen {
	size_t n;
	char title[MAX_SEEN][160];
	char deadline[MAX_SEEN][11];
	char issued[MAX_SEEN][11];
	char file[MAX_SEEN][32];
	size_t offset[MAX_SEEN];
	size_t line[MAX_SEEN];
	size_t text_bytes; /* total text length delivered */
	size_t max_text;   /* longest text delivered */
	char first_text[512];
	int stop_after; /* return 7 after this many notices (0: never) */
	size_t warnings;
	size_t warn_offset;
	char warn_msg[256];
	char warn_source[32];
};

static int on_notice(struct zc_notice *n, void *arg)
{
	struct seen *s = arg;
	if (s->n < MAX_SEEN) {
		snprintf(s->title[s->n], sizeof(s->title[0]), "%s", n->title ? n->title : "(null)");
		memcpy(s->deadline[s->n], n->deadline, 11);
		memcpy(s->issued[s->n], n->issued_on, 11);
		snprintf(s->file[s->n], sizeof(s->file[0]), "%s", n->source_file ? n->source_file : "(null)");
		s->offset[s->n] = n->source_offset;
		s->line[s->n] = n->source_line;
	}
	size_t tl = n->text ? strlen(n->text) : 0;
	if (s->n == 0)
		snprintf(s->first_text, sizeof(s->first_text), "%s", n->text ? n->text : "");
	s->text_bytes += tl;
	if (tl > s->max_text)
		s->max_text = tl;
	s->n++;
	return s->stop_after && s->n >= (size_t)s->stop_after ? 7 : 0;
}

static void on_warning(const char *source, size_t offset, const char *message, void *arg)
{
	struct seen *s = arg;
	if (s->warnings++ == 0) {
		s->warn_offset = offset;
		snprintf(s->warn_msg, sizeof(s->warn_msg), "%s", message);
		snprintf(s->warn_source, sizeof(s->warn_source), "%s", source ? source : "(null)");
	}
}

static struct seen *new_seen(void)
{
	struct seen *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	return s;
}

static int process(const void *data, size_t len, const struct zc_options *opts, struct seen *s,
		   struct zc_diag *diag)
{
	struct zc_options o = opts ? *opts : (struct zc_options){0};
	o.warn = on_warning;
	o.warn_arg = s;
	return zc_process_buffer(data, len, "in.txt", &o, on_notice, s, diag);
}

static void check_one_notice(const struct seen *s)
{
	assert_int_equal(s->n, 1);
	assert_string_equal(s->title[0], "关于开展申报工作的通知");
	assert_string_equal(s->deadline[0], "2024-03-01");
	assert_string_equal(s->issued[0], "2024-02-01");
	assert_string_equal(s->file[0], "in.txt");
	assert_int_equal(s->line[0], 1);
	assert_int_equal(s->offset[0], 0);
	assert_string_equal(s->first_text, notice_utf8);
	assert_int_equal(s->warnings, 0);
}

static void test_utf8(void **state)
{
	(void)state;
	struct seen *s = new_seen();
	struct zc_diag diag = {0};
	assert_int_equal(process(notice_utf8, strlen(notice_utf8), NULL, s, &diag), 0);
	check_one_notice(s);
	assert_int_equal(diag.count, 0);
	free(s);
}

static void test_utf8_bom(void **state)
{
	(void)state;
	char in[256];
	int len = snprintf(in, sizeof(in), "\xEF\xBB\xBF%s", notice_utf8);
	struct seen *s = new_seen();
	assert_int_equal(process(in, (size_t)len, NULL, s, NULL), 0);
	check_one_notice(s);
	free(s);
}

static void test_gb18030(void **state)
{
	(void)state;
	struct seen *s = new_seen();
	assert_int_equal(process(notice_gb18030, sizeof(notice_gb18030), NULL, s, NULL), 0);
	check_one_notice(s);
	free(s);

	/* Forced, same result. */
	s = new_seen();
	struct zc_options o = {.encoding = ZC_ENC_GB18030};
	assert_int_equal(process(notice_gb18030, sizeof(notice_gb18030), &o, s, NULL), 0);
	check_one_notice(s);
	free(s);
}

static void test_utf16le(void **state)
{
	(void)state;
	struct seen *s = new_seen();
	assert_int_equal(process(notice_utf16le, sizeof(notice_utf16le), NULL, s, NULL), 0);
	check_one_notice(s);
	free(s);
}

static void test_html(void **state)
{
	(void)state;
	static const char page[] =
		"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>关于开展申报工作的通知_某某网</title>"
		"<script>var x = '2099年1月1日前';</script></head><body>"
		"<div class=\"nav\">首页 &gt; 通知公告</div>"
		"<h1>关于开展申报工作的通知</h1><p>各有关单位：</p>"
		"<p>请于2024年3月1日前报送。</p><p>某某市科学技术局</p><p>2024年2月1日</p>"
		"<div class=\"footer\">版权所有</div></body></html>";
	struct seen *s = new_seen();
	assert_int_equal(process(page, sizeof(page) - 1, NULL, s, NULL), 0);
	assert_int_equal(s->n, 1);
	assert_string_equal(s->title[0], "关于开展申报工作的通知");
	assert_string_equal(s->deadline[0], "2024-03-01");
	assert_string_equal(s->issued[0], "2024-02-01");
	free(s);
}

static void test_html_site_title(void **state)
{
	(void)state;
	static const char page[] =
		"<html><head><title>某某网</title></head><body>"
		"<h1>关于开展申报工作的通知</h1><p>各有关单位：</p>"
		"<p>请于2024年3月1日前报送。</p><p>某某市科学技术局</p><p>2024年2月1日</p></body></html>";
	struct seen *s = new_seen();
	assert_int_equal(process(page, sizeof(page) - 1, NULL, s, NULL), 0);
	assert_int_equal(s->n, 1);
	assert_string_equal(s->title[0], "关于开展申报工作的通知");
	free(s);
}

static void test_empty(void **state)
{
	(void)state;
	struct seen *s = new_seen();
	struct zc_diag diag = {0};
	assert_int_equal(process("", 0, NULL, s, &diag), 0);
	assert_int_equal(s->n, 0);
	assert_int_equal(s->warnings, 0);
	assert_int_equal(diag.count, 0);
	/* Blank lines, a BOM alone, page furniture alone: no notice either. */
	assert_int_equal(process("\n\n  \n", 5, NULL, s, &diag), 0);
	assert_int_equal(process("\xEF\xBB\xBF", 3, NULL, s, &diag), 0);
	assert_int_equal(process("第 1 页\n", strlen("第 1 页\n"), NULL, s, &diag), 0);
	assert_int_equal(s->n, 0);
	free(s);
	/* NULL name, NULL options, NULL diag. */
	s = new_seen();
	assert_int_equal(zc_process_buffer(notice_utf8, strlen(notice_utf8), NULL, NULL, on_notice, s, NULL), 0);
	assert_int_equal(s->n, 1);
	assert_string_equal(s->file[0], "(null)");
	free(s);
}

/* Build n notices of 5 lines each, distinct titles. Returns a malloc'd string. */
static char *many(size_t count, size_t *len)
{
	size_t cap = count * 256 + 1;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t k = 0;
	for (size_t i = 1; i <= count; i++) {
		int w = snprintf(buf + k, cap - k,
				 "关于开展第%zu批项目申报工作的通知\n"
				 "各有关单位：\n"
				 "请于2024年3月%zu日前报送申报材料。\n"
				 "某某市科学技术局\n"
				 "2024年2月1日\n",
				 i, i % 28 + 1);
		assert_true(w > 0 && (size_t)w < cap - k);
		k += (size_t)w;
	}
	*len = k;
	return buf;
}

static void check_many(const struct seen *s, const char *text, size_t count)
{
	assert_int_equal(s->n, count);
	for (size_t i = 0; i < count && i < MAX_SEEN; i++) {
		char want[160], deadline[11];
		snprintf(want, sizeof(want), "关于开展第%zu批项目申报工作的通知", i + 1);
		assert_string_equal(s->title[i], want);
		snprintf(deadline, sizeof(deadline), "2024-03-%02zu", (i + 1) % 28 + 1);
		assert_string_equal(s->deadline[i], deadline);
		assert_int_equal(s->line[i], 1 + 5 * i);
		/* The offset points at the notice's title in the input. */
		assert_int_equal(strncmp(text + s->offset[i], want, strlen(want)), 0);
	}
}

static void test_many_notices(void **state)
{
	(void)state;
	size_t len;
	char *text = many(300, &len);
	struct seen *s = new_seen();
	assert_int_equal(process(text, len, NULL, s, NULL), 0);
	check_many(s, text, 300);
	assert_int_equal(s->warnings, 0);
	free(s);

	/* From a file with a small window: the input is processed in many
	 * windows, and a notice cut by a window's end is carried over to the
	 * next one. Same notices, same lines and offsets. */
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	rewind(f);
	s = new_seen();
	struct zc_options o = {.window = 1000, .warn = on_warning, .warn_arg = s};
	assert_int_equal(zc_process_file(f, "in.txt", &o, on_notice, s, NULL), 0);
	check_many(s, text, 300);
	assert_int_equal(s->warnings, 0);
	fclose(f);
	free(s);
	free(text);
}

static void test_process_file(void **state)
{
	(void)state;
	/* Over 1 MiB, so that the file is read in several blocks. */
	size_t len;
	char *text = many(12000, &len);
	assert_true(len > (1u << 20));
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	rewind(f);
	struct seen *s = new_seen();
	struct zc_options o = {.window = 64 << 10, .warn = on_warning, .warn_arg = s};
	struct zc_diag diag = {0};
	assert_int_equal(zc_process_file(f, "big.txt", &o, on_notice, s, &diag), 0);
	check_many(s, text, 12000);
	assert_string_equal(s->file[0], "big.txt");
	assert_int_equal(s->warnings, 0);
	fclose(f);
	free(s);

	/* GB18030 from a file. */
	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(notice_gb18030, 1, sizeof(notice_gb18030), f), sizeof(notice_gb18030));
	rewind(f);
	s = new_seen();
	assert_int_equal(zc_process_file(f, "in.txt", NULL, on_notice, s, NULL), 0);
	check_one_notice(s);
	fclose(f);
	free(s);
	free(text);
}

static void test_stop(void **state)
{
	(void)state;
	size_t len;
	char *text = many(20, &len);
	struct seen *s = new_seen();
	s->stop_after = 3;
	assert_int_equal(process(text, len, NULL, s, NULL), 7);
	assert_int_equal(s->n, 3);
	free(s);
	free(text);
}

static void test_truncated_utf8(void **state)
{
	(void)state;
	/* Two notices, then the input ends in the middle of a character. */
	size_t len;
	char *text = many(2, &len);
	char *in = malloc(len + 16);
	assert_non_null(in);
	memcpy(in, text, len);
	memcpy(in + len, "关于", 6);
	size_t cut = len + 5; /* 关 whole, 于 cut after two of its three bytes */
	struct seen *s = new_seen();
	struct zc_diag diag = {0};
	assert_int_equal(process(in, cut, NULL, s, &diag), -EILSEQ);
	assert_int_equal(diag.offset, len + 3);
	assert_int_equal(diag.count, 1);
	char want[128];
	snprintf(want, sizeof(want), "truncated UTF-8 sequence at byte offset %zu (UTF-8 input)", len + 3);
	assert_string_equal(diag.message, want);
	/* The notices before the problem were delivered. */
	assert_int_equal(s->n, 2);
	assert_string_equal(s->title[1], "关于开展第2批项目申报工作的通知");
	free(s);

	/* An invalid byte in the middle: its offset; with a BOM, counted too. */
	char mid[512];
	int n = snprintf(mid, sizeof(mid), "\xEF\xBB\xBF%s", notice_utf8);
	size_t bad_at = 3 + strlen("关于开展申报工作的通知\n各有关单位");
	mid[bad_at] = (char)0xFF;
	s = new_seen();
	memset(&diag, 0, sizeof(diag));
	assert_int_equal(process(mid, (size_t)n, NULL, s, &diag), -EILSEQ);
	assert_int_equal(diag.offset, bad_at);
	free(s);
	free(in);
	free(text);
}

static void test_lenient(void **state)
{
	(void)state;
	char in[512];
	snprintf(in, sizeof(in), "%s", notice_utf8);
	size_t bad_at = strlen("关于开展申报工作的通知\n各有关单位");
	in[bad_at] = (char)0xFF; /* first byte of "：" */
	struct seen *s = new_seen();
	struct zc_diag diag = {0};
	struct zc_options o = {.decode_flags = ZC_DECODE_LENIENT};
	assert_int_equal(process(in, strlen(notice_utf8), &o, s, &diag), 0);
	assert_int_equal(s->n, 1);
	assert_string_equal(s->title[0], "关于开展申报工作的通知");
	/* The bad byte and the two orphaned continuation bytes become U+FFFD. */
	assert_non_null(strstr(s->first_text, "各有关单位\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n"));
	assert_int_equal(diag.count, 3);
	assert_int_equal(diag.offset, bad_at);
	/* One warning, at the first problem. */
	assert_int_equal(s->warnings, 1);
	assert_int_equal(s->warn_offset, bad_at);
	assert_string_equal(s->warn_source, "in.txt");
	char want[128];
	snprintf(want, sizeof(want), "invalid UTF-8 byte at byte offset %zu (UTF-8 input)", bad_at);
	assert_string_equal(s->warn_msg, want);
	free(s);
}

static void test_nul(void **state)
{
	(void)state;
	char in[512];
	size_t len = strlen(notice_utf8);
	memcpy(in, notice_utf8, len);
	memcpy(in + len, "\x7f" "ELF\0\0\0", 7);
	struct seen *s = new_seen();
	struct zc_diag diag = {0};
	assert_int_equal(process(in, len + 7, NULL, s, &diag), -EMEDIUMTYPE);
	assert_int_equal(diag.offset, len + 4);
	char want[128];
	snprintf(want, sizeof(want), "binary data (NUL byte) at byte offset %zu", len + 4);
	assert_string_equal(diag.message, want);
	/* What decoded before it was delivered. */
	assert_int_equal(s->n, 1);
	assert_string_equal(s->title[0], "关于开展申报工作的通知");
	free(s);

	/* NUL at the start: nothing delivered. */
	s = new_seen();
	memset(&diag, 0, sizeof(diag));
	assert_int_equal(process("\0\0\0\0", 4, NULL, s, &diag), -EMEDIUMTYPE);
	assert_int_equal(diag.offset, 0);
	assert_int_equal(s->n, 0);
	free(s);
}

/* About 5 MB of text on one line, no newline (whole characters). */
#define LONG_SIZE ((size_t)24 * 218454)

static char *long_line(void)
{
	char *big = malloc(LONG_SIZE);
	assert_non_null(big);
	static const char unit[] = "科技项目申报材料"; /* 24 bytes */
	for (size_t i = 0; i < LONG_SIZE; i++)
		big[i] = unit[i % 24];
	return big;
}

static void test_long_line(void **state)
{
	(void)state;
	char *big = long_line();
	struct seen *s = new_seen();
	struct zc_options o = {.window = 64 << 10};
	struct zc_diag diag = {0};
	/* No crash, no error, the text is delivered once (one '\n' added per notice). */
	assert_int_equal(process(big, LONG_SIZE, &o, s, &diag), 0);
	assert_in_range(s->n, 1, LONG_SIZE / (60u << 10) + 1);
	assert_int_equal(s->text_bytes, LONG_SIZE + s->n);
	free(s);
	free(big);
}

static void test_long_line_file(void **state)
{
	(void)state;
	/* From a file, in 64 KiB windows: the line is broken at window ends
	 * (never inside a character), each piece at most a window long. */
	char *big = long_line();
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(big, 1, LONG_SIZE, f), LONG_SIZE);
	rewind(f);
	struct seen *s = new_seen();
	struct zc_options o = {.window = 64 << 10, .warn = on_warning, .warn_arg = s};
	assert_int_equal(zc_process_file(f, "long.txt", &o, on_notice, s, NULL), 0);
	assert_int_equal(s->n, 81);
	assert_in_range(s->max_text, 1, (64u << 10) + 1);
	assert_int_equal(s->text_bytes, LONG_SIZE + s->n);
	assert_true(s->warnings >= 1);
	assert_int_equal(s->warn_offset, 65535); /* the window end, on a character boundary */
	assert_string_equal(s->warn_msg, "line longer than the processing window: it is broken");
	fclose(f);
	free(s);
	free(big);
}

static void test_long_line_window(void **state)
{
	(void)state;
	char *big = long_line();
	struct seen *s = new_seen();
	struct zc_options o = {.window = 64 << 10};
	assert_int_equal(process(big, LONG_SIZE, &o, s, NULL), 0);
	assert_in_range(s->max_text, 1, (64u << 10) + 1);
	assert_true(s->warnings >= 1);
	free(s);
	free(big);
}

static void test_offset_in_decoded_input(void **state)
{
	(void)state;
	static const char crlf[] = "关于开展第一批项目申报工作的通知\r\n各有关单位：\r\n"
				   "请于2024年3月1日前报送申报材料。\r\n某某市科学技术局\r\n2024年2月1日\r\n"
				   "关于开展第二批项目申报工作的通知\r\n各有关单位：\r\n"
				   "请于2024年4月1日前报送申报材料。\r\n某某市科学技术局\r\n2024年3月1日\r\n";
	struct seen *s = new_seen();
	assert_int_equal(process(crlf, sizeof(crlf) - 1, NULL, s, NULL), 0);
	assert_int_equal(s->n, 2);
	/* The offset is in the normalised text, where each CRLF is one LF. */
	size_t raw = (size_t)(strstr(crlf, "关于开展第二批") - crlf);
	assert_int_equal(raw, 160);
	assert_int_equal(s->offset[1], raw - 5);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_site_title),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_many_notices),
		cmocka_unit_test(test_process_file),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_truncated_utf8),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_long_line_file),
		cmocka_unit_test(test_long_line_window),
		cmocka_unit_test(test_offset_in_decoded_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
