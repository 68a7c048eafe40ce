/* test-decode.c: bytes → UTF-8 (include/zhengce/decode.h): encoding names and
 * labels, detection (BOM, UTF-8 validity, <meta charset>, GB18030 fallback),
 * conversion of GB18030 and UTF-16, errors with their byte offsets, lenient
 * mode, NUL bytes, and block-by-block feeding with sequences cut by a block
 * end. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/decode.h"

/* "关于开展申报工作的通知" in GB18030. */
static const unsigned char gb_title[] = {0xb9, 0xd8, 0xd3, 0xda, 0xbf, 0xaa, 0xd5, 0xb9, 0xc9, 0xea, 0xb1,
					 0xa8, 0xb9, 0xa4, 0xd7, 0xf7, 0xb5, 0xc4, 0xcd, 0xa8, 0xd6, 0xaa};
static const char utf8_title[] = "关于开展申报工作的通知";

struct result {
	int r;
	enum zc_encoding enc;
	struct zc_diag diag;
	struct zc_buf out;
};

static void decode(const void *in, size_t len, enum zc_encoding enc, unsigned flags, struct result *res)
{
	memset(res, 0, sizeof(*res));
	zc_buf_init(&res->out, 0);
	res->enc = (enum zc_encoding)-1;
	res->r = zc_decode(in, len, enc, flags, &res->out, &res->enc, &res->diag);
}

static const char *text(const struct result *res)
{
	return res->out.data ? res->out.data : "";
}

/* Feed in[0..len) in blocks of blk bytes; returns the last result, out filled. */
static int feed_blocks(const void *in, size_t len, size_t blk, enum zc_encoding enc, unsigned flags,
		       struct zc_buf *out, struct zc_diag *diag, enum zc_encoding *ret_enc)
{
	struct zc_decoder *d = zc_decoder_new(enc, flags);
	assert_non_null(d);
	assert_int_equal(zc_decoder_encoding(d), enc);
	const char *p = in;
	size_t i = 0;
	int r;
	for (;;) {
		size_t n = len - i < blk ? len - i : blk;
		bool last = i + n == len;
		r = zc_decoder_feed(d, p + i, n, last, out, diag);
		i += n;
		if (r < 0 || last)
			break;
	}
	if (ret_enc)
		*ret_enc = zc_decoder_encoding(d);
	zc_decoder_free(d);
	return r;
}

static void test_names_and_labels(void **state)
{
	(void)state;
	assert_string_equal(zc_encoding_name(ZC_ENC_UTF8), "UTF-8");
	assert_string_equal(zc_encoding_name(ZC_ENC_GB18030), "GB18030");
	assert_string_equal(zc_encoding_name(ZC_ENC_UTF16LE), "UTF-16LE");
	assert_string_equal(zc_encoding_name(ZC_ENC_UTF16BE), "UTF-16BE");
	assert_string_equal(zc_encoding_name(ZC_ENC_AUTO), "auto");

#define LABEL(s) zc_encoding_from_label((s), strlen(s))
	assert_int_equal(LABEL("utf-8"), ZC_ENC_UTF8);
	assert_int_equal(LABEL("UTF8"), ZC_ENC_UTF8);
	assert_int_equal(LABEL("Utf_8"), ZC_ENC_UTF8);
	assert_int_equal(LABEL("gbk"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("GB2312"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("gb18030"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("x-gbk"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("EUC-CN"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("cp936"), ZC_ENC_GB18030);
	assert_int_equal(LABEL("utf-16le"), ZC_ENC_UTF16LE);
	assert_int_equal(LABEL("UTF-16"), ZC_ENC_UTF16LE);
	assert_int_equal(LABEL("utf-16be"), ZC_ENC_UTF16BE);
	assert_int_equal(LABEL("latin1"), ZC_ENC_AUTO);
	assert_int_equal(LABEL("big5"), ZC_ENC_AUTO);
	assert_int_equal(LABEL(""), ZC_ENC_AUTO);
	/* Only len bytes are read. */
	assert_int_equal(zc_encoding_from_label("gbkxyz", 3), ZC_ENC_GB18030);
	/* A label longer than any known one is unknown, not a crash. */
	assert_int_equal(LABEL("utf-8-and-a-very-long-tail-that-goes-on"), ZC_ENC_AUTO);
#undef LABEL
}

static void test_utf8_plain(void **state)
{
	(void)state;
	struct result res;
	decode(utf8_title, strlen(utf8_title), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_string_equal(text(&res), utf8_title);
	assert_int_equal(res.diag.count, 0);
	zc_buf_free(&res.out);

	/* Pure ASCII is UTF-8. */
	decode("abc 123\n", 8, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_string_equal(text(&res), "abc 123\n");
	zc_buf_free(&res.out);

	/* Empty input: nothing, no error. */
	decode("", 0, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.out.len, 0);
	zc_buf_free(&res.out);
}

static void test_utf8_bom(void **state)
{
	(void)state;
	struct result res;
	char in[64];
	int n = snprintf(in, sizeof(in), "\xEF\xBB\xBF%s", utf8_title);
	decode(in, (size_t)n, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_string_equal(text(&res), utf8_title); /* BOM dropped */
	zc_buf_free(&res.out);

	/* The BOM alone is no text. */
	decode("\xEF\xBB\xBF", 3, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.out.len, 0);
	zc_buf_free(&res.out);

	/* Forced UTF-8 drops it too. */
	decode("\xEF\xBB\xBF" "ab", 5, ZC_ENC_UTF8, 0, &res);
	assert_int_equal(res.r, 0);
	assert_string_equal(text(&res), "ab");
	zc_buf_free(&res.out);

	/* An error after the BOM is reported at its offset in the input, BOM counted. */
	decode("\xEF\xBB\xBF" "ab\xC3", 6, ZC_ENC_UTF8, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 5);
	assert_string_equal(text(&res), "ab");
	zc_buf_free(&res.out);
}

static void test_gb18030(void **state)
{
	(void)state;
	struct result res;
	decode(gb_title, sizeof(gb_title), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_GB18030);
	assert_string_equal(text(&res), utf8_title);
	zc_buf_free(&res.out);

	/* Forced. */
	decode(gb_title, sizeof(gb_title), ZC_ENC_GB18030, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_GB18030);
	assert_string_equal(text(&res), utf8_title);
	zc_buf_free(&res.out);

	/* A four-byte GB18030 sequence: U+20000. */
	static const unsigned char four[] = {0x95, 0x32, 0x82, 0x36};
	decode(four, sizeof(four), ZC_ENC_GB18030, 0, &res);
	assert_int_equal(res.r, 0);
	assert_string_equal(text(&res), "\xF0\xA0\x80\x80");
	zc_buf_free(&res.out);

	/* ASCII stays ASCII in GB18030. */
	decode("a1,", 3, ZC_ENC_GB18030, 0, &res);
	assert_int_equal(res.r, 0);
	assert_string_equal(text(&res), "a1,");
	zc_buf_free(&res.out);
}

static void test_meta_charset(void **state)
{
	(void)state;
	/* A page that says it is GBK and is not valid UTF-8. */
	static const char page[] = "<html><head><meta charset=\"gbk\"></head><body><p>\xD6\xD0\xCE\xC4</p></body></html>";
	struct result res;
	decode(page, sizeof(page) - 1, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_GB18030);
	assert_non_null(strstr(text(&res), "<p>中文</p>"));
	zc_buf_free(&res.out);

	/* A label is not trusted over valid UTF-8: the bytes are UTF-8. */
	static const char utf8_page[] = "<meta charset=\"gb2312\"><p>中文</p>";
	decode(utf8_page, sizeof(utf8_page) - 1, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_string_equal(text(&res), utf8_page);
	zc_buf_free(&res.out);
}

static void test_utf16(void **state)
{
	(void)state;
	struct result res;
	/* "通知\n" in UTF-16LE with BOM. */
	static const unsigned char le[] = {0xFF, 0xFE, 0x1A, 0x90, 0xE5, 0x77, 0x0A, 0x00};
	decode(le, sizeof(le), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF16LE);
	assert_string_equal(text(&res), "通知\n");
	zc_buf_free(&res.out);

	static const unsigned char be[] = {0xFE, 0xFF, 0x90, 0x1A, 0x77, 0xE5};
	decode(be, sizeof(be), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF16BE);
	assert_string_equal(text(&res), "通知");
	zc_buf_free(&res.out);

	/* Forced, without BOM. */
	decode(le + 2, sizeof(le) - 2, ZC_ENC_UTF16LE, 0, &res);
	assert_int_equal(res.r, 0);
	assert_string_equal(text(&res), "通知\n");
	zc_buf_free(&res.out);

	/* An odd trailing byte is a truncated character, at its offset. */
	static const unsigned char odd[] = {0xFF, 0xFE, 0x1A, 0x90, 0x41};
	decode(odd, sizeof(odd), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 4);
	assert_int_equal(res.diag.count, 1);
	assert_string_equal(text(&res), "通");
	assert_non_null(strstr(res.diag.message, "truncated"));
	zc_buf_free(&res.out);

	/* A lone high surrogate. */
	static const unsigned char lone[] = {0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00};
	decode(lone, sizeof(lone), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 2);
	zc_buf_free(&res.out);
}

static void test_utf16_nul(void **state)
{
	(void)state;
	struct result res;
	/* "通" then U+0000: binary data. */
	static const unsigned char nul[] = {0xFF, 0xFE, 0x1A, 0x90, 0x00, 0x00, 0x41, 0x00};
	decode(nul, sizeof(nul), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EMEDIUMTYPE);
	assert_non_null(strstr(res.diag.message, "NUL"));
	assert_in_range(res.diag.offset, 0, 4);
	zc_buf_free(&res.out);
}

static void test_utf16_nul_offset(void **state)
{
	(void)state;
	struct result res;
	static const unsigned char nul[] = {0xFF, 0xFE, 0x1A, 0x90, 0x00, 0x00, 0x41, 0x00};
	decode(nul, sizeof(nul), ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EMEDIUMTYPE);
	assert_int_equal(res.diag.offset, 4);
	zc_buf_free(&res.out);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct result res;
	/* Mostly well-formed multi-byte text with one bad byte: damaged UTF-8. */
	static const char bad[] = "中文中文\xFF" "def";
	decode(bad, sizeof(bad) - 1, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_int_equal(res.diag.offset, 12);
	assert_int_equal(res.diag.count, 1);
	assert_string_equal(res.diag.message, "invalid UTF-8 byte at byte offset 12 (UTF-8 input)");
	assert_string_equal(text(&res), "中文中文"); /* what came before is kept */
	zc_buf_free(&res.out);

	/* Truncated at the end. */
	static const char cut[] = "中文中文\xE4\xB8";
	decode(cut, sizeof(cut) - 1, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_int_equal(res.diag.offset, 12);
	assert_string_equal(res.diag.message, "truncated UTF-8 sequence at byte offset 12 (UTF-8 input)");
	assert_string_equal(text(&res), "中文中文");
	zc_buf_free(&res.out);

	/* Forced UTF-8: overlong form and a surrogate are invalid. */
	decode("ab\xC0\xAF", 4, ZC_ENC_UTF8, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 2);
	zc_buf_free(&res.out);
	decode("abc\xED\xA0\x80", 6, ZC_ENC_UTF8, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 3);
	zc_buf_free(&res.out);
	decode("\xF4\x90\x80\x80", 4, ZC_ENC_UTF8, 0, &res); /* above U+10FFFF */
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 0);
	zc_buf_free(&res.out);
	/* The largest code point is fine. */
	decode("\xF4\x8F\xBF\xBF", 4, ZC_ENC_UTF8, 0, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.out.len, 4);
	zc_buf_free(&res.out);
}

static void test_lenient(void **state)
{
	(void)state;
	struct result res;
	/* Eight well-formed characters for two bad bytes: still UTF-8 (4:1). */
	static const char bad[] = "中文中文中文中文\xFF" "d\xFE" "e";
	decode(bad, sizeof(bad) - 1, ZC_ENC_AUTO, ZC_DECODE_LENIENT, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.enc, ZC_ENC_UTF8);
	assert_string_equal(text(&res), "中文中文中文中文\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e");
	assert_int_equal(res.diag.count, 2);
	assert_int_equal(res.diag.offset, 24); /* the first problem */
	assert_string_equal(res.diag.message, "invalid UTF-8 byte at byte offset 24 (UTF-8 input)");
	zc_buf_free(&res.out);

	/* Fewer well-formed characters than that: the bytes are taken for GB18030. */
	static const char few[] = "中文\xFF" "d\xFE" "e";
	decode(few, sizeof(few) - 1, ZC_ENC_AUTO, ZC_DECODE_LENIENT, &res);
	assert_int_equal(res.enc, ZC_ENC_GB18030);
	zc_buf_free(&res.out);

	/* Truncated end, lenient. */
	decode("ab\xE4\xB8", 4, ZC_ENC_UTF8, ZC_DECODE_LENIENT, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.diag.count, 2); /* one per byte of the cut sequence */
	assert_string_equal(text(&res), "ab\xEF\xBF\xBD\xEF\xBF\xBD");
	zc_buf_free(&res.out);

	/* GB18030: an invalid pair becomes U+FFFD, the text goes on. */
	static const unsigned char gb[] = {0xD6, 0xD0, 0x81, 0x20, 0xCE, 0xC4};
	decode(gb, sizeof(gb), ZC_ENC_GB18030, ZC_DECODE_LENIENT, &res);
	assert_int_equal(res.r, 0);
	assert_int_equal(res.diag.count, 1);
	assert_int_equal(res.diag.offset, 2);
	assert_string_equal(text(&res), "中\xEF\xBF\xBD 文");
	zc_buf_free(&res.out);
}

static void test_gb18030_errors(void **state)
{
	(void)state;
	struct result res;
	static const unsigned char gb[] = {0xD6, 0xD0, 0x81, 0x20, 0xCE, 0xC4};
	decode(gb, sizeof(gb), ZC_ENC_GB18030, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 2);
	assert_string_equal(res.diag.message, "invalid byte sequence at byte offset 2 (GB18030 input)");
	assert_string_equal(text(&res), "中");
	zc_buf_free(&res.out);

	static const unsigned char cut[] = {0xD6, 0xD0, 0xCE};
	decode(cut, sizeof(cut), ZC_ENC_GB18030, 0, &res);
	assert_int_equal(res.r, -EILSEQ);
	assert_int_equal(res.diag.offset, 2);
	assert_string_equal(res.diag.message, "truncated character at byte offset 2 (GB18030 input)");
	zc_buf_free(&res.out);
}

static void test_nul(void **state)
{
	(void)state;
	struct result res;
	decode("ab\0cd", 5, ZC_ENC_AUTO, 0, &res);
	assert_int_equal(res.r, -EMEDIUMTYPE);
	assert_int_equal(res.diag.offset, 2);
	assert_string_equal(res.diag.message, "binary data (NUL byte) at byte offset 2");
	zc_buf_free(&res.out);

	/* Lenient: a NUL is one more bad byte. */
	decode("ab\0cd", 5, ZC_ENC_AUTO, ZC_DECODE_LENIENT, &res);
	assert_int_equal(res.r, 0);
	assert_string_equal(text(&res), "ab\xEF\xBF\xBD" "cd");
	assert_int_equal(res.diag.count, 1);
	zc_buf_free(&res.out);
}

static void test_blocks(void **state)
{
	(void)state;
	/* Sequences cut in two by a block end are kept for the next block. */
	for (size_t blk = 2; blk <= 7; blk++) {
		struct zc_buf out;
		zc_buf_init(&out, 0);
		struct zc_diag diag = {0};
		enum zc_encoding enc;
		int r = feed_blocks(utf8_title, strlen(utf8_title), blk, ZC_ENC_AUTO, 0, &out, &diag, &enc);
		assert_int_equal(r, 0);
		assert_int_equal(enc, ZC_ENC_UTF8);
		assert_string_equal(out.data, utf8_title);
		zc_buf_free(&out);
	}
	/* GB18030 pairs cut by a block end. */
	for (size_t blk = 1; blk <= 5; blk++) {
		struct zc_buf out;
		zc_buf_init(&out, 0);
		struct zc_diag diag = {0};
		int r = feed_blocks(gb_title, sizeof(gb_title), blk, ZC_ENC_GB18030, 0, &out, &diag, NULL);
		assert_int_equal(r, 0);
		assert_string_equal(out.data, utf8_title);
		zc_buf_free(&out);
	}
	/* An error in a later block is reported at its offset in the whole input. */
	static const char bad[] = "中文中文\xFF" "def";
	struct zc_buf out;
	zc_buf_init(&out, 0);
	struct zc_diag diag = {0};
	int r = feed_blocks(bad, sizeof(bad) - 1, 5, ZC_ENC_UTF8, 0, &out, &diag, NULL);
	assert_int_equal(r, -EILSEQ);
	assert_int_equal(diag.offset, 12);
	assert_string_equal(out.data, "中文中文");
	zc_buf_free(&out);

	/* A sequence left open by the final (empty) block is truncated. */
	struct zc_decoder *d = zc_decoder_new(ZC_ENC_UTF8, 0);
	zc_buf_init(&out, 0);
	memset(&diag, 0, sizeof(diag));
	assert_int_equal(zc_decoder_feed(d, "ab\xE4\xB8", 4, false, &out, &diag), 0);
	assert_int_equal(zc_decoder_feed(d, "", 0, true, &out, &diag), -EILSEQ);
	assert_int_equal(diag.offset, 2);
	assert_string_equal(out.data, "ab");
	zc_decoder_free(d);
	zc_buf_free(&out);

	/* Detection happens on the first block. */
	d = zc_decoder_new(ZC_ENC_AUTO, 0);
	zc_buf_init(&out, 0);
	assert_int_equal(zc_decoder_encoding(d), ZC_ENC_AUTO);
	assert_int_equal(zc_decoder_feed(d, gb_title, sizeof(gb_title), false, &out, NULL), 0);
	assert_int_equal(zc_decoder_encoding(d), ZC_ENC_GB18030);
	assert_int_equal(zc_decoder_feed(d, gb_title, sizeof(gb_title), true, &out, NULL), 0);
	assert_string_equal(out.data, "关于开展申报工作的通知关于开展申报工作的通知");
	zc_decoder_free(d);
	zc_buf_free(&out);
}

static void test_blocks_of_one_byte(void **state)
{
	(void)state;
	struct zc_buf out;
	zc_buf_init(&out, 0);
	struct zc_diag diag = {0};
	int r = feed_blocks(utf8_title, strlen(utf8_title), 1, ZC_ENC_UTF8, 0, &out, &diag, NULL);
	assert_int_equal(r, 0);
	assert_string_equal(out.data, utf8_title);
	zc_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_labels),
		cmocka_unit_test(test_utf8_plain),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_meta_charset),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_utf16_nul),
		cmocka_unit_test(test_utf16_nul_offset),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_gb18030_errors),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_blocks_of_one_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
