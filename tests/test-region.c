/* test-region.c: the GB/T 2260 table, name lookup, containment, the text
 * scanner and the groupings (include/zhengce/region.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "zhengce/region.h"

/* Code of the region called name, or "" when by_name gives NULL. */
static const char *code_of(const char *name)
{
	const struct zc_region *r = zc_region_by_name(name);
	return r ? r->code : "";
}

/* Scan text and write the codes found, comma-separated, into buf. */
static const char *scan_codes(const char *text, char *buf, size_t size)
{
	const struct zc_region *out[64];
	size_t n = zc_region_scan(text, strlen(text), out, 64);
	assert_true(n <= 64);
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? "," : "", out[i]->code);
		assert_true(w > 0 && (size_t)w < size - used);
		used += (size_t)w;
	}
	return buf;
}

#define assert_scan(text, expected)                                                                \
	do {                                                                                       \
		char buf_[1024];                                                                   \
		assert_string_equal(scan_codes((text), buf_, sizeof(buf_)), (expected));           \
	} while (0)

static void test_by_code(void **state)
{
	(void)state;
	const struct zc_region *r = zc_region_by_code("130200");
	assert_non_null(r);
	assert_string_equal(r->code, "130200");
	assert_string_equal(r->name, "唐山市");
	assert_string_equal(r->short_name, "唐山");
	assert_string_equal(r->parent_code, "130000");
	assert_int_equal(r->level, ZC_REGION_PREFECTURE);

	r = zc_region_by_code("110000");
	assert_non_null(r);
	assert_string_equal(r->name, "北京市");
	assert_string_equal(r->short_name, "北京");
	assert_null(r->parent_code);
	assert_int_equal(r->level, ZC_REGION_PROVINCE);

	r = zc_region_by_code("150000");
	assert_string_equal(r->short_name, "内蒙古");
	r = zc_region_by_code("650000");
	assert_string_equal(r->short_name, "新疆");
	r = zc_region_by_code("222400");
	assert_string_equal(r->name, "延边朝鲜族自治州");
	assert_string_equal(r->short_name, "延边");
	r = zc_region_by_code("120116");
	assert_string_equal(r->name, "滨海新区");
	assert_int_equal(r->level, ZC_REGION_COUNTY);
	assert_string_equal(r->parent_code, "120000");
	r = zc_region_by_code("810000");
	assert_string_equal(r->name, "香港特别行政区");
	assert_string_equal(r->short_name, "香港");

	/* placeholder units resolve by code only */
	r = zc_region_by_code("110100");
	assert_non_null(r);
	assert_string_equal(r->name, "市辖区");
	assert_string_equal(r->parent_code, "110000");

	assert_null(zc_region_by_code(NULL));
	assert_null(zc_region_by_code(""));
	assert_null(zc_region_by_code("13020"));
	assert_null(zc_region_by_code("1302000"));
	assert_null(zc_region_by_code("13020a"));
	assert_null(zc_region_by_code(" 130200"));
	assert_null(zc_region_by_code("999999"));
	assert_null(zc_region_by_code("130171")); /* statistical-only development zone */
}

static void test_by_name(void **state)
{
	(void)state;
	assert_string_equal(code_of("河北省"), "130000");
	assert_string_equal(code_of("河北"), "130000");
	assert_string_equal(code_of("冀"), "130000");
	assert_string_equal(code_of("唐山市"), "130200");
	assert_string_equal(code_of("唐山"), "130200");
	assert_string_equal(code_of("内蒙古自治区"), "150000");
	assert_string_equal(code_of("内蒙古"), "150000");
	assert_string_equal(code_of("蒙"), "150000");
	assert_string_equal(code_of("新疆维吾尔自治区"), "650000");
	assert_string_equal(code_of("新疆"), "650000");
	assert_string_equal(code_of("广西"), "450000");
	assert_string_equal(code_of("京"), "110000");
	assert_string_equal(code_of("沪"), "310000");
	assert_string_equal(code_of("粤"), "440000");
	assert_string_equal(code_of("蜀"), "510000");
	assert_string_equal(code_of("黔"), "520000");
	assert_string_equal(code_of("延边"), "222400");
	assert_string_equal(code_of("延边州"), "222400");
	assert_string_equal(code_of("恩施州"), "422800");
	assert_string_equal(code_of("黔东南"), "522600");
	assert_string_equal(code_of("兴安盟"), "152200");
	assert_string_equal(code_of("迁安市"), "130283");
	assert_string_equal(code_of("滨海新区"), "120116");
	assert_string_equal(code_of("东莞"), "441900");
	/* a province beats a prefecture with the same short name */
	assert_string_equal(code_of("吉林"), "220000");
	assert_string_equal(code_of("吉林市"), "220200");
	assert_string_equal(code_of("海南"), "460000");
	assert_string_equal(code_of("海南藏族自治州"), "632500");
	assert_string_equal(code_of("朝阳"), "211300");
	/* ambiguous, unknown, placeholders, county short names */
	assert_string_equal(code_of("朝阳区"), "");
	assert_string_equal(code_of("鼓楼区"), "");
	assert_string_equal(code_of("市辖区"), "");
	assert_string_equal(code_of("县"), "");
	assert_string_equal(code_of("迁安"), "");
	assert_string_equal(code_of("火星省"), "");
	assert_string_equal(code_of(""), "");
	assert_string_equal(code_of("河北 "), "");
	assert_null(zc_region_by_name(NULL));
}

static void test_by_name_within(void **state)
{
	(void)state;
	const struct zc_region *bj = zc_region_by_code("110000");
	const struct zc_region *jl = zc_region_by_code("220000");
	const struct zc_region *he = zc_region_by_code("130000");
	const struct zc_region *r = zc_region_by_name_within("朝阳区", bj);
	assert_non_null(r);
	assert_string_equal(r->code, "110105");
	r = zc_region_by_name_within("朝阳区", jl);
	assert_non_null(r);
	assert_string_equal(r->code, "220104");
	assert_null(zc_region_by_name_within("朝阳区", he));
	/* 吉林 within 吉林省: the province itself still wins */
	assert_string_equal(zc_region_by_name_within("吉林", jl)->code, "220000");
	/* 海南 within 青海省: only the prefecture qualifies */
	assert_string_equal(zc_region_by_name_within("海南", zc_region_by_code("630000"))->code,
	                    "632500");
	assert_string_equal(zc_region_by_name_within("唐山", NULL)->code, "130200");
	assert_null(zc_region_by_name_within(NULL, bj));
}

static void test_parent_contains(void **state)
{
	(void)state;
	const struct zc_region *hebei = zc_region_by_code("130000");
	const struct zc_region *tangshan = zc_region_by_code("130200");
	const struct zc_region *qianan = zc_region_by_code("130283");
	const struct zc_region *beijing = zc_region_by_code("110000");
	const struct zc_region *chaoyang = zc_region_by_code("110105");
	const struct zc_region *bj_pseudo = zc_region_by_code("110100");
	const struct zc_region *jiyuan = zc_region_by_code("419001");

	assert_ptr_equal(zc_region_parent(tangshan), hebei);
	assert_ptr_equal(zc_region_parent(qianan), tangshan);
	assert_null(zc_region_parent(hebei));
	assert_null(zc_region_parent(NULL));
	assert_ptr_equal(zc_region_parent(chaoyang), beijing);
	assert_ptr_equal(zc_region_parent(jiyuan), zc_region_by_code("410000"));
	assert_ptr_equal(zc_region_parent(bj_pseudo), beijing);
	assert_ptr_equal(zc_region_province(qianan), hebei);
	assert_ptr_equal(zc_region_province(hebei), hebei);
	assert_null(zc_region_province(NULL));

	assert_true(zc_region_contains(hebei, tangshan));
	assert_true(zc_region_contains(hebei, qianan));
	assert_true(zc_region_contains(tangshan, qianan));
	assert_true(zc_region_contains(hebei, hebei));
	assert_false(zc_region_contains(tangshan, hebei));
	assert_false(zc_region_contains(qianan, tangshan));
	assert_false(zc_region_contains(beijing, tangshan));
	assert_false(zc_region_contains(zc_region_by_code("130100"), qianan));
	assert_true(zc_region_contains(beijing, chaoyang));
	assert_true(zc_region_contains(bj_pseudo, chaoyang));
	assert_false(zc_region_contains(bj_pseudo, beijing));
	assert_false(zc_region_contains(bj_pseudo, zc_region_by_code("120101")));
	assert_false(zc_region_contains(NULL, tangshan));
	assert_false(zc_region_contains(hebei, NULL));

	/* a caller's own copy is looked up by code */
	struct zc_region copy = *tangshan;
	assert_true(zc_region_contains(hebei, &copy));
	assert_ptr_equal(zc_region_parent(&copy), hebei);
	struct zc_region bogus = {"123456", "x", "x", NULL, 1};
	assert_false(zc_region_contains(&bogus, &bogus));
	assert_null(zc_region_parent(&bogus));
}

static void test_table_integrity(void **state)
{
	(void)state;
	size_t n = zc_region_count();
	assert_true(n > 3000);
	assert_null(zc_region_at(n));
	size_t scanned = 0;
	for (size_t i = 0; i < n; i++) {
		const struct zc_region *r = zc_region_at(i);
		assert_ptr_equal(zc_region_by_code(r->code), r);
		if (i)
			assert_true(strcmp(zc_region_at(i - 1)->code, r->code) < 0);
		assert_true(r->level >= 1 && r->level <= 3);
		if (r->level == 1) {
			assert_null(r->parent_code);
			assert_null(zc_region_parent(r));
		} else {
			const struct zc_region *p = zc_region_parent(r);
			assert_non_null(p);
			assert_string_equal(p->code, r->parent_code);
			assert_true(p->level < r->level);
			assert_true(zc_region_contains(p, r));
			assert_memory_equal(p->code, r->code, 2);
		}
		const struct zc_region *byname = zc_region_by_name(r->name);
		if (byname != r)
			continue; /* ambiguous full name or placeholder */
		/* every uniquely named region is found when named in a list */
		char text[256];
		snprintf(text, sizeof(text), "一、%s。", r->name);
		const struct zc_region *out[4];
		size_t k = zc_region_scan(text, strlen(text), out, 4);
		if (strcmp(r->name, "城区") && strcmp(r->name, "郊区") && strcmp(r->name, "矿区") &&
		    strcmp(r->name, "东区") && strcmp(r->name, "西区")) {
			if (k != 1 || out[0] != r)
				fail_msg("scan of %s gave %zu regions", r->name, k);
			scanned++;
		}
	}
	assert_true(scanned > 2900);
}

static void test_scan_basic(void **state)
{
	(void)state;
	assert_scan("北京市、天津市、河北省石家庄、唐山", "110000,120000,130000,130100,130200");
	assert_scan("河北唐山", "130000,130200");
	assert_scan("支持石家庄市和唐山市", "130100,130200");
	assert_scan("天津市滨海新区", "120000,120116");
	assert_scan("内蒙古自治区、广西壮族自治区、新疆维吾尔自治区", "150000,450000,650000");
	assert_scan("内蒙古、广西、新疆", "150000,450000,650000");
	assert_scan("吉林省吉林市", "220000,220200");
	assert_scan("吉林、海南", "220000,460000");
	assert_scan("大兴安岭地区", "232700");
	assert_scan("延边州、恩施州", "222400,422800");
	assert_scan("重庆市忠县", "500000,500233");
	assert_scan("香港特别行政区、澳门", "810000,820000");
	/* deduplicated, first mention order */
	assert_scan("唐山市、河北省、唐山、河北", "130200,130000");
	/* abbreviations are not scanned */
	assert_scan("京津冀", "");
	assert_scan("", "");
	assert_scan("no regions here", "");
	/* ASCII context is a boundary */
	assert_scan("GB/T 2260: 唐山 (Tangshan)", "130200");
}

static void test_scan_boundaries(void **state)
{
	(void)state;
	/* two-character names inside words */
	assert_scan("实现长治久安", "");
	assert_scan("祝大家幸福安康", "");
	assert_scan("复合肥料", "");
	assert_scan("发展朝阳产业", "");
	assert_scan("早餐三明治", "");
	assert_scan("黄河南岸", "");
	assert_scan("洞庭湖南部", "");
	assert_scan("各市区和县城", "");
	/* leftmost-longest: 浙江 wins over 江西 */
	assert_scan("浙江西部", "330000");
	/* street names and blocked phrases */
	assert_scan("广州市北京路", "440100");
	assert_scan("南京市中山东路", "320100");
	assert_scan("上海市四川北路", "310000");
	assert_scan("各省、自治区、直辖市及新疆生产建设兵团：", "");
	assert_scan("新疆生产建设兵团、新疆", "650000");
	assert_scan("新疆生产建设兵团唐山", ""); /* a blocked phrase is no boundary */
	/* generic county names */
	assert_scan("城区和郊区、矿区", "");
	/* function characters */
	assert_scan("在唐山开展试点", "130200");
	assert_scan("对长治等地", "140400");
	assert_scan("河北开展试点", "130000");
	assert_scan("支持河北", "130000");
	/* a province short name needs a boundary on one side only */
	assert_scan("支持河北。", "130000");
	assert_scan("河北高质量发展", "130000");
	/* a full name of three or more characters needs none */
	assert_scan("推动唐山市高质量发展", "130200");
}

static void test_scan_ambiguity(void **state)
{
	(void)state;
	/* 朝阳区: 110105 (Beijing) and 220104 (Changchun) */
	assert_scan("朝阳区", "");
	assert_scan("北京市朝阳区", "110000,110105");
	assert_scan("吉林省长春市朝阳区", "220000,220100,220104");
	assert_scan("朝阳区、东城区", "110105,110101"); /* a sibling county */
	assert_scan("朝阳区位于北京", "110105,110000"); /* context after */
	assert_scan("长春市朝阳区", "220100,220104");
	assert_scan("北京市和吉林省的朝阳区", "110000,220000");
	/* 鼓楼区 has four candidates; 福建 picks 福州's */
	assert_scan("福建省福州市鼓楼区", "350000,350100,350102");
	assert_scan("福建省鼓楼区", "350000,350102");
}

static void test_scan_bytes(void **state)
{
	(void)state;
	/* invalid UTF-8 is skipped */
	assert_scan("\xff河北省\xe5", "130000");
	assert_scan("\xe5\x94河北省\x80\x80唐山", "130000,130200");
	/* not NUL-terminated, cut in the middle of a character */
	const char *t = "河北省唐山市";
	const struct zc_region *out[4];
	assert_int_equal(zc_region_scan(t, strlen(t) - 1, out, 4), 2); /* 唐山 + 2/3 of 市 */
	assert_string_equal(out[0]->code, "130000");
	assert_string_equal(out[1]->code, "130200");
	assert_int_equal(zc_region_scan(t, 9, out, 4), 1); /* 河北省 */
	assert_int_equal(zc_region_scan(t, 8, out, 4), 1); /* 河北 + 2/3 of 省 */
	assert_int_equal(zc_region_scan(t, 0, out, 4), 0);
	assert_int_equal(zc_region_scan(NULL, 5, out, 4), 0);
	/* max bounds the output, the return value counts all */
	const char *many = "北京市、天津市、河北省、山西省、内蒙古自治区";
	const struct zc_region *two[2] = {NULL, NULL};
	assert_int_equal(zc_region_scan(many, strlen(many), two, 2), 5);
	assert_string_equal(two[0]->code, "110000");
	assert_string_equal(two[1]->code, "120000");
	assert_int_equal(zc_region_scan(many, strlen(many), NULL, 0), 5);
}

/* Append n copies of s to text (of size 512), whose length is *len. */
static void append(char *text, size_t *len, const char *s, size_t n)
{
	size_t sl = strlen(s);
	for (size_t r = 0; r < n; r++) {
		assert_true(*len + sl < 512);
		memcpy(text + *len, s, sl);
		*len += sl;
	}
	text[*len] = '\0';
}

/* The scanner reads the text a window of bytes at a time: a name is found
 * at every offset, after any run of ASCII, punctuation, other ideographs
 * or invalid bytes, and a second one after it, up to the end of the text. */
static void test_scan_offsets(void **state)
{
	(void)state;
	static const char *const fillers[] = {"a", "，", "的", "\xff", "\xe5\x94", "\x80"};
	for (size_t f = 0; f < sizeof(fillers) / sizeof(fillers[0]); f++) {
		for (size_t k = 0; k <= 70; k++) {
			for (size_t j = 0; j <= 25; j += 5) {
				char text[512], buf[64];
				size_t len = 0;
				append(text, &len, fillers[f], k);
				append(text, &len, "唐山市", 1);
				append(text, &len, fillers[f], j);
				append(text, &len, "河北省", 1);
				append(text, &len, fillers[f], j);
				if (strcmp(scan_codes(text, buf, sizeof(buf)), "130200,130000"))
					fail_msg("filler %zu, %zu before, %zu between: %s", f, k, j, buf);
			}
		}
	}
}

static void test_groups(void **state)
{
	(void)state;
	const struct zc_region *out[16];
	assert_int_equal(zc_region_group("京津冀", out, 16), 3);
	assert_string_equal(out[0]->code, "110000");
	assert_string_equal(out[1]->code, "120000");
	assert_string_equal(out[2]->code, "130000");

	assert_int_equal(zc_region_group("长三角", out, 16), 4);
	assert_string_equal(out[0]->name, "上海市");
	assert_string_equal(out[1]->name, "江苏省");
	assert_string_equal(out[2]->name, "浙江省");
	assert_string_equal(out[3]->name, "安徽省");
	assert_int_equal(zc_region_group("长江三角洲", out, 16), 4);

	assert_int_equal(zc_region_group("珠三角", out, 16), 9);
	const struct zc_region *gd = zc_region_by_code("440000");
	for (int i = 0; i < 9; i++) {
		assert_int_equal(out[i]->level, ZC_REGION_PREFECTURE);
		assert_true(zc_region_contains(gd, out[i]));
	}
	assert_string_equal(out[0]->name, "广州市");

	assert_int_equal(zc_region_group("汾渭平原", out, 16), 11);
	int shanxi = 0, henan = 0, shaanxi = 0;
	for (int i = 0; i < 11; i++) {
		const char *p = zc_region_province(out[i])->code;
		shanxi += !strcmp(p, "140000");
		henan += !strcmp(p, "410000");
		shaanxi += !strcmp(p, "610000");
	}
	assert_int_equal(shanxi, 4);
	assert_int_equal(henan, 2);
	assert_int_equal(shaanxi, 5);

	assert_int_equal(zc_region_group("成渝", out, 16), 2);
	assert_string_equal(out[0]->code, "500000");
	assert_string_equal(out[1]->code, "510000");
	assert_int_equal(zc_region_group("成渝地区双城经济圈", out, 16), 2);

	/* max bounds the output */
	const struct zc_region *one[1] = {NULL};
	assert_int_equal(zc_region_group("珠三角", one, 1), 9);
	assert_string_equal(one[0]->name, "广州市");
	assert_int_equal(zc_region_group("珠三角", NULL, 0), 9);

	assert_int_equal(zc_region_group("火星", out, 16), 0);
	assert_int_equal(zc_region_group(NULL, out, 16), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_code),         cmocka_unit_test(test_by_name),
	    cmocka_unit_test(test_by_name_within),  cmocka_unit_test(test_parent_contains),
	    cmocka_unit_test(test_table_integrity), cmocka_unit_test(test_scan_basic),
	    cmocka_unit_test(test_scan_boundaries), cmocka_unit_test(test_scan_ambiguity),
	    cmocka_unit_test(test_scan_bytes),      cmocka_unit_test(test_scan_offsets),
	    cmocka_unit_test(test_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
