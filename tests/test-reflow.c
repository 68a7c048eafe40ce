/* test-reflow.c: the line stages between clean and split (src/lib/doc.h):
 * zc_doc_load (aligned display/analysis lines, trimming, indent, width,
 * offsets, flat pages broken at runs of spaces), zc_furniture_mark (page
 * numbers, site chrome, section tags, repeated headers, contagion, URL
 * lines glued to furniture), zc_reflow_measure (wrap width, double spacing)
 * and zc_reflow (paragraphs rebuilt from wrapped lines, URLs and 文号 cut
 * in two, furniture skipped), and zc_starts_with_marker. */
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

#include "doc.h"
#include "utf8.h"
#include "zhengce/clean.h"

static void load(struct zc_doc *doc, const char *text)
{
	zc_doc_init(doc);
	assert_int_equal(zc_doc_load(doc, text, strlen(text)), 0);
	zc_furniture_mark(doc);
	zc_reflow_measure(doc);
}

/* The display line i as a string (static storage). */
static const char *dline(const struct zc_doc *doc, size_t i)
{
	static char buf[2048];
	const struct zc_line *l = ZC_LINE(doc, i);
	snprintf(buf, sizeof(buf), "%.*s", (int)l->dlen, l->d);
	return buf;
}

static const char *aline(const struct zc_doc *doc, size_t i)
{
	static char buf[2048];
	const struct zc_line *l = ZC_LINE(doc, i);
	snprintf(buf, sizeof(buf), "%.*s", (int)l->len, l->s);
	return buf;
}

static unsigned flags(const struct zc_doc *doc, size_t i)
{
	return ZC_LINE(doc, i)->flags;
}

/* Reflow the whole doc; returns the display text (malloc'd), analysis in *ana. */
static char *reflow(const struct zc_doc *doc, char **ana)
{
	struct zc_buf a, d;
	zc_buf_init(&a, 0);
	zc_buf_init(&d, 0);
	assert_int_equal(zc_reflow(doc, 0, doc->lines.n, &a, &d), 0);
	char *ds = zc_buf_detach(&d);
	char *as = zc_buf_detach(&a);
	assert_non_null(ds);
	assert_non_null(as);
	if (ana)
		*ana = as;
	else
		free(as);
	return ds;
}

static void test_load_lines(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "  關於開展申報工作的通知  \n\n各有關單位：\n    第二段有缩进\n");
	assert_int_equal(doc.lines.n, 4);
	/* Trimmed spans in both copies, the analysis one simplified. */
	assert_string_equal(dline(&doc, 0), "關於開展申報工作的通知");
	assert_string_equal(aline(&doc, 0), "关于开展申报工作的通知");
	assert_int_equal(ZC_LINE(&doc, 0)->indent, 2);
	assert_int_equal(ZC_LINE(&doc, 0)->offset, 0);
	assert_int_equal(ZC_LINE(&doc, 0)->width, 22); /* 11 CJK characters, two columns each */
	/* Folded: the copies of this line differ. */
	assert_int_equal(flags(&doc, 0), ZC_LINE_FOLDED);
	assert_int_equal(flags(&doc, 1), ZC_LINE_BLANK);
	assert_int_equal(ZC_LINE(&doc, 1)->len, 0);
	assert_int_equal(ZC_LINE(&doc, 1)->offset, strlen("  關於開展申報工作的通知  \n"));
	assert_string_equal(dline(&doc, 2), "各有關單位：");
	assert_string_equal(aline(&doc, 2), "各有关单位：");
	assert_int_equal(ZC_LINE(&doc, 2)->offset, strlen("  關於開展申報工作的通知  \n\n"));
	assert_int_equal(ZC_LINE(&doc, 3)->indent, 4);
	assert_int_equal(ZC_LINE(&doc, 3)->width, 12);
	assert_false(doc.double_spaced);
	assert_int_equal(doc.wrap_width, 0);
	zc_doc_free(&doc);

	/* Without a final newline the last line still counts; a lone newline is one blank line. */
	load(&doc, "甲\n乙");
	assert_int_equal(doc.lines.n, 2);
	assert_string_equal(dline(&doc, 1), "乙");
	zc_doc_free(&doc);
	load(&doc, "\n");
	assert_int_equal(doc.lines.n, 1);
	assert_int_equal(flags(&doc, 0), ZC_LINE_BLANK);
	zc_doc_free(&doc);
	load(&doc, "");
	assert_int_equal(doc.lines.n, 0);
	zc_doc_free(&doc);

	/* Width: ASCII one column. */
	load(&doc, "abc 中文");
	assert_int_equal(ZC_LINE(&doc, 0)->width, 8);
	zc_doc_free(&doc);

	/* Loading again replaces the content. */
	load(&doc, "一\n二\n三\n");
	assert_int_equal(zc_doc_load(&doc, "四", strlen("四")), 0);
	assert_int_equal(doc.lines.n, 1);
	assert_string_equal(dline(&doc, 0), "四");
	zc_doc_free(&doc);
	zc_doc_free(NULL);
}

/* A small deterministic generator (the tests must not depend on rand()). */
static uint32_t next_rand(void)
{
	static uint32_t x = 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* A line longer than 600 bytes is a flattened page: each run of two
 * spaces or more in it becomes a line break (its first space does). */
static void break_flat_lines(char *text, size_t len)
{
	for (size_t start = 0; start < len;) {
		char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		for (size_t q = start; end - start > 600 && q + 1 < end; q++)
			if (text[q] == ' ' && text[q + 1] == ' ') {
				text[q] = '\n';
				while (q + 1 < end && text[q + 1] == ' ')
					q++;
			}
		start = end + 1;
	}
}

/*
 * zc_doc_load against its definition, on many random texts made of the
 * pieces that matter (traditional and simplified ideographs, punctuation,
 * the white space trim takes off, newlines, runs of spaces, ASCII, long
 * runs that make flat lines): each line is the trimmed text between
 * newlines (after flat lines are broken), its analysis copy that text
 * folded (flagged when it changed), its width zc_utf8_width's.
 */
static void test_load_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"關", "于", "開", "发", "。", "，", "《", "a", "1", " ", "  ", "\t", "\u3000", "\u00a0", "\u2003",
		"\ufeff", "\n", "\n", "\n", "\u4e00", "\u9fa5", "\u4dff", "\u3400", "\u00e9", "\U0001F600",
		"某某市人民政府办公厅关于印发某某办法的通知某某市人民政府办公厅关于印发某某办法的通知"};
	char text[4096], copy[4096];
	for (int it = 0; it < 3000; it++) {
		size_t len = 0, n = next_rand() % 400;
		for (size_t k = 0; k < n; k++) {
			const char *piece = pieces[next_rand() % (sizeof(pieces) / sizeof(pieces[0]))];
			if (piece[0] == '\n' && it % 4 == 0 && next_rand() % 8)
				piece = "  "; /* long lines, most of them flat */
			if (len + strlen(piece) > sizeof(text))
				break;
			memcpy(text + len, piece, strlen(piece));
			len += strlen(piece);
		}
		struct zc_doc doc;
		zc_doc_init(&doc);
		assert_int_equal(zc_doc_load(&doc, text, len), 0);
		break_flat_lines(text, len);
		size_t start = 0, i = 0;
		for (; start <= len && i < doc.lines.n; i++) {
			const char *nl = memchr(text + start, '\n', len - start);
			size_t end = nl ? (size_t)(nl - text) : len;
			const struct zc_line *l = ZC_LINE(&doc, i);
			size_t dlen = end - start;
			const char *d = zc_trim(text + start, &dlen);
			assert_int_equal(l->offset, start);
			assert_int_equal(l->dlen, dlen);
			assert_memory_equal(l->d, d, dlen);
			memcpy(copy, text + start, end - start);
			bool folded = zc_clean_fold_line(copy, end - start);
			size_t alen = end - start;
			const char *a = zc_trim(copy, &alen);
			assert_int_equal(l->len, alen);
			assert_memory_equal(l->s, a, alen);
			assert_int_equal(!!(l->flags & ZC_LINE_FOLDED), folded);
			assert_int_equal(l->width, zc_utf8_width(a, alen));
			start = end + 1;
		}
		assert_int_equal(i, doc.lines.n);
		assert_true(start >= len);
		zc_doc_free(&doc);
	}
}

static void test_load_flat(void **state)
{
	(void)state;
	/* A page flattened to one line over 600 bytes: runs of 2+ spaces become
	 * breaks (the first space turns into the newline), single spaces stay. */
	char text[1200];
	size_t k = 0;
	memset(text + k, 'x', 300), k += 300;
	memcpy(text + k, "   ", 3), k += 3;
	memset(text + k, 'y', 400), k += 400;
	memcpy(text + k, "     z  w v", 11), k += 11;
	text[k] = '\0';
	struct zc_doc doc;
	load(&doc, text);
	assert_int_equal(doc.lines.n, 4);
	assert_int_equal(ZC_LINE(&doc, 0)->len, 300);
	assert_int_equal(ZC_LINE(&doc, 1)->len, 400);
	assert_int_equal(ZC_LINE(&doc, 1)->offset, 301); /* offsets do not move */
	assert_int_equal(ZC_LINE(&doc, 1)->indent, 2);
	assert_string_equal(dline(&doc, 2), "z");
	assert_int_equal(ZC_LINE(&doc, 2)->offset, 704);
	assert_string_equal(dline(&doc, 3), "w v");
	assert_int_equal(ZC_LINE(&doc, 2)->indent, 4);
	assert_int_equal(ZC_LINE(&doc, 3)->offset, 710);
	zc_doc_free(&doc);

	/* A line is broken once, as the text gives it: a part as long as a flat
	 * page is not broken again at the spaces that open it. */
	k = 0;
	memset(text + k, 'x', 300), k += 300;
	memcpy(text + k, "   ", 3), k += 3;
	memset(text + k, 'y', 700), k += 700;
	memcpy(text + k, "\n  z", 4), k += 4;
	text[k] = '\0';
	load(&doc, text);
	assert_int_equal(doc.lines.n, 3);
	assert_int_equal(ZC_LINE(&doc, 1)->len, 700);
	assert_int_equal(ZC_LINE(&doc, 1)->indent, 2);
	assert_string_equal(dline(&doc, 2), "z");
	zc_doc_free(&doc);

	/* A short line is never broken. */
	load(&doc, "短行   中间有空格");
	assert_int_equal(doc.lines.n, 1);
	assert_string_equal(dline(&doc, 0), "短行   中间有空格");
	zc_doc_free(&doc);
}

static void test_furniture(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "关于开展申报工作的通知\n"
		   "第 3 页 共 10 页\n"
		   "- 4 -\n"
		   "5/12\n"
		   "Page 6 of 9\n"
		   "版权所有：某某市人民政府办公厅\n"
		   "[政策文件]\n"
		   "【申报通知】\n"
		   "打印本页 关闭窗口\n"
		   "当前位置：首页 > 政策文件\n"
		   "请于2024年3月1日前提交。\n");
	assert_int_equal(flags(&doc, 0), 0);
	for (size_t i = 1; i <= 4; i++)
		assert_int_equal(flags(&doc, i), ZC_LINE_FURNITURE | ZC_LINE_PAGE_BREAK);
	assert_int_equal(flags(&doc, 5), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 6), ZC_LINE_SECTION);
	assert_int_equal(flags(&doc, 7), ZC_LINE_SECTION);
	assert_int_equal(flags(&doc, 8), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 9), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 10), 0);
	zc_doc_free(&doc);

	/* A page's label with its value in brackets is no section tag. */
	load(&doc, "[ 来源：财务处 ]\n【浏览次数:903】\n");
	assert_false(flags(&doc, 0) & ZC_LINE_SECTION);
	assert_false(flags(&doc, 1) & ZC_LINE_SECTION);
	zc_doc_free(&doc);

	/* Breadcrumbs are chrome, with 首页 or a chain of three parts without it;
	 * a sentence about the home page is not, nor one arrow in a title. */
	load(&doc, "首页 > 政务公开 > 通知公告\n"
		   "首页 / 工作动态 / 公示公告\n"
		   "网站首页»政策文件\n"
		   "某某省政府采购网 > 采购公告 > 公开招标公告\n"
		   "首页设置了申报入口，请登录后填报。\n"
		   "关于A > B的说明\n");
	for (size_t i = 0; i <= 3; i++)
		assert_int_equal(flags(&doc, i), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 4), 0);
	assert_int_equal(flags(&doc, 5), 0);
	zc_doc_free(&doc);

	/* Each arrow counts, wherever it is on the line, short or long; one is not enough. */
	load(&doc, "ab>cd>ef\n"
		   "某某省政府采购网 › 采购公告 › 公开招标公告\n"
		   "某某省政府采购网＞采购公告＞公开招标公告＞结果公告\n"
		   "政务公开»通知公告»详细内容\n"
		   "某某市人民政府办公室关于印发某某办法的通知（一） > 附件\n"
		   "ab>cd\n");
	for (size_t i = 0; i <= 3; i++)
		assert_int_equal(flags(&doc, i), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 4), 0);
	assert_int_equal(flags(&doc, 5), 0);
	zc_doc_free(&doc);

	/* A mirror's paywall line is chrome. */
	load(&doc, "【会员专享】登录后查看联系方式，开通VIP会员请致电 400-661-8272\n");
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	zc_doc_free(&doc);

	/* 微信同号 and 申报辅导 are an advert's only beside its signs or as a
	 * button; a notice's own contact or heading may hold them. */
	load(&doc, "全国服务热线：400-876-3150  项目经理：18937165208（微信同号）\n"
		   "[立即匹配]  [收藏]  [申报辅导]\n"
		   "联系人：顾女士 0512-66681234，13913581234（微信同号）\n"
		   "四、申报辅导\n"
		   "2．申报辅导培训会报名回执\n");
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	assert_int_equal(flags(&doc, 1), ZC_LINE_FURNITURE | ZC_LINE_CHROME);
	for (size_t i = 2; i <= 4; i++)
		assert_int_equal(flags(&doc, i), 0);
	zc_doc_free(&doc);

	/* A long body sentence that merely mentions 版权所有 far from its start is text. */
	load(&doc, "依据有关法律法规的规定，申报单位应当确保所提交的申报材料真实完整有效，"
		   "不得侵犯他人知识产权，所涉及成果的版权所有人应当同意申报。\n");
	assert_int_equal(flags(&doc, 0), 0);
	zc_doc_free(&doc);
}

static void test_furniture_repeated(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "关于做好项目验收工作的通知\n"
		   "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "请各单位按时提交材料。\n"
		   "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "咨询热线：010-88886666\n"
		   "http://www.example.gov.cn/a.html\n"
		   "正文中的网址http://www.example.gov.cn/a.html请查看。\n"
		   "联系电话：010-12345678\n");
	/* A header repeated three times with a URL and phone. */
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 2), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 4), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 1), 0);
	assert_int_equal(flags(&doc, 3), 0);
	/* Contagion: a line naming the header's phone number. */
	assert_int_equal(flags(&doc, 5), ZC_LINE_FURNITURE);
	/* A bare URL line glued to furniture, whose URL the text has elsewhere. */
	assert_int_equal(flags(&doc, 6), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 7), 0);
	assert_int_equal(flags(&doc, 8), 0);
	zc_doc_free(&doc);

	/* Contagion reaches short lines wherever the mark is on them (indented, at the
	 * text's end), not long ones. */
	load(&doc, "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "关于做好项目验收工作的通知\n"
		   "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "请各单位按时提交材料。\n"
		   "某某科技网 www.kejiwang.com 电话 010-88886666\n"
		   "    更多资讯请访问kejiwang.com\n"
		   "各单位在申报过程中如遇到系统操作方面的问题，可以在工作日拨打技术服务电话88886666进行咨询，"
		   "也可以通过电子邮件与项目管理机构的工作人员联系，我们将及时答复各单位提出的问题。\n"
		   "服务热线88886666");
	assert_int_equal(flags(&doc, 5), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 6), 0);
	assert_int_equal(flags(&doc, 7), ZC_LINE_FURNITURE);
	zc_doc_free(&doc);

	/* Repeated twice only, with no page number near: not furniture. */
	load(&doc, "某某科技网 www.kejiwang.com\n正文一。\n某某科技网 www.kejiwang.com\n正文二。\n");
	assert_int_equal(flags(&doc, 0), 0);
	assert_int_equal(flags(&doc, 2), 0);
	zc_doc_free(&doc);

	/* Three times next to page numbers: a running header. */
	load(&doc, "某某市科学技术局文件\n正文一。\n第 1 页\n某某市科学技术局文件\n正文二。\n第 2 页\n"
		   "某某市科学技术局文件\n正文三。\n第 3 页\n");
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 3), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 6), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 1), 0);
	zc_doc_free(&doc);
	/* The same name as the 落款 over the 成文日期, by a page number too: it signs. */
	load(&doc, "某某市人民政府办公室\n正文一。\n— 1 —\n某某市人民政府办公室\n正文二。\n"
		   "某某市人民政府办公室\n2023年11月17日\n— 2 —\n某某市人民政府办公室\n抄送：某某。\n");
	assert_int_equal(flags(&doc, 3), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 5), 0);
	assert_int_equal(flags(&doc, 8), ZC_LINE_FURNITURE);
	zc_doc_free(&doc);

	/* Twice next to page numbers: a header only when it carries a URL or phone,
	 * or is laid out as one (two fields pushed apart). */
	load(&doc, "某某市科学技术局文件\n正文一。\n第 1 页\n某某市科学技术局文件\n正文二。\n第 2 页\n");
	assert_int_equal(flags(&doc, 0), 0);
	assert_int_equal(flags(&doc, 3), 0);
	zc_doc_free(&doc);
	load(&doc, "某某科技网 www.kejiwang.com\n正文一。\n第 1 页\n某某科技网 www.kejiwang.com\n正文二。\n第 2 页\n");
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 3), ZC_LINE_FURNITURE);
	zc_doc_free(&doc);
	load(&doc, "某某市工业和信息化局　　　　　　　　某工信发〔2024〕42号\n正文一。\n- 2 -\n"
		   "某某市工业和信息化局　　　　　　　　某工信发〔2024〕42号\n某某市工业和信息化局\n2024年5月20日\n- 3 -\n");
	assert_int_equal(flags(&doc, 0), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 3), ZC_LINE_FURNITURE);
	assert_int_equal(flags(&doc, 4), 0);
	zc_doc_free(&doc);
}

static const char wrapped[] =
	"关于组织开展二〇二四年度中小企业技术创新项目申报工作的通知\n"
	"各区县科技主管部门，各有关企业和单位：为贯彻落实省委省政府关于推动\n"
	"中小企业高质量发展的决策部署，进一步激发企业创新活力，现就组织开展\n"
	"本年度中小企业技术创新项目申报工作的有关事项通知如下，请认真组织做\n"
	"好申报工作。\n"
	"一、申报对象为在本市注册登记满一年以上，具有独立法人资格的科技型中\n"
	"小企业，企业上年度研发投入占销售收入的比例不低于百分之三的，均可以\n"
	"第 1 页 共 2 页\n"
	"申报。\n"
	"二、申报材料通过系统在线提交，系统网址为http://www.example.gov.cn/\n"
	"kjxm/apply/index.html，逾期不予受理，详见附件说明和填报指南的\n"
	"有关要求。\n"
	"三、依据《某某市科技计划项目管理办法》（某科发〔2018〕22\n"
	"号）执行。\n";

static void test_reflow_wrapped(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, wrapped);
	assert_int_equal(doc.wrap_width, 66);
	assert_false(doc.double_spaced);
	assert_int_equal(flags(&doc, 7), ZC_LINE_FURNITURE | ZC_LINE_PAGE_BREAK);
	char *text = reflow(&doc, NULL);
	assert_string_equal(text,
			    "关于组织开展二〇二四年度中小企业技术创新项目申报工作的通知\n"
			    "各区县科技主管部门，各有关企业和单位：为贯彻落实省委省政府关于推动中小企业高质量发展的决策部署，"
			    "进一步激发企业创新活力，现就组织开展本年度中小企业技术创新项目申报工作的有关事项通知如下，"
			    "请认真组织做好申报工作。\n"
			    "一、申报对象为在本市注册登记满一年以上，具有独立法人资格的科技型中小企业，"
			    "企业上年度研发投入占销售收入的比例不低于百分之三的，均可以申报。\n"
			    "二、申报材料通过系统在线提交，系统网址为http://www.example.gov.cn/kjxm/apply/index.html，"
			    "逾期不予受理，详见附件说明和填报指南的有关要求。\n"
			    "三、依据《某某市科技计划项目管理办法》（某科发〔2018〕22号）执行。\n");
	free(text);

	/* A range of lines only. */
	struct zc_buf a, d;
	zc_buf_init(&a, 0);
	zc_buf_init(&d, 0);
	assert_int_equal(zc_reflow(&doc, 12, 14, &a, &d), 0);
	assert_string_equal(d.data, "三、依据《某某市科技计划项目管理办法》（某科发〔2018〕22号）执行。\n");
	assert_string_equal(a.data, d.data);
	/* An empty range appends nothing. */
	zc_buf_reset(&a);
	zc_buf_reset(&d);
	assert_int_equal(zc_reflow(&doc, 7, 8, &a, &d), 0); /* furniture only */
	assert_int_equal(a.len, 0);
	assert_int_equal(d.len, 0);
	zc_buf_free(&a);
	zc_buf_free(&d);
	zc_doc_free(&doc);
}

/* Six lines wrapped at a width of 66 (a Chinese character is two) and the
 * paragraph's short last line: enough lines for zc_reflow_measure to find
 * the wrap width. Two paragraphs once joined. */
#define BODY66                                                                                                 \
	"为做好本年度科技创新券兑付工作，现将有关事项通知如下，请各单位认真\n"                                 \
	"组织实施，按照规定的时间节点报送兑付材料，逾期视为自动放弃兑付资格\n"                                 \
	"，各区县科技主管部门要加强审核把关，确保申报材料真实准确完整有效。\n"                                 \
	"各申报单位应当登录系统在线填写兑付申请表，并上传相关证明材料的扫描\n"                                 \
	"件，纸质材料一式两份加盖单位公章后报送至市科技局成果转化科，材料装\n"                                 \
	"订成册，逾期不予受理。\n"

/* Load BODY66 then tail (wrapped at 66 columns), reflow: does the text hold want? */
static void assert_body66_reflows(const char *tail, const char *want)
{
	char in[2048];
	snprintf(in, sizeof(in), "%s%s", BODY66, tail);
	struct zc_doc doc;
	load(&doc, in);
	assert_int_equal(doc.wrap_width, 66);
	char *text = reflow(&doc, NULL);
	assert_non_null(strstr(text, want));
	free(text);
	zc_doc_free(&doc);
}

/* A full-width line that ends with a file's extension ends its paragraph:
 * the signature under an attachment line is not joined to it. */
static void test_reflow_file_name_ends(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, BODY66
		   "附件：某某市二〇二四年度科技创新券兑付企业名单及兑付金额明细表.pdf\n"
		   "某某市科学技术局\n");
	assert_int_equal(doc.wrap_width, 66);
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "为做好本年度科技创新券兑付工作，现将有关事项通知如下，请各单位认真"
				  "组织实施，按照规定的时间节点报送兑付材料，逾期视为自动放弃兑付资格"
				  "，各区县科技主管部门要加强审核把关，确保申报材料真实准确完整有效。\n"
				  "各申报单位应当登录系统在线填写兑付申请表，并上传相关证明材料的扫描"
				  "件，纸质材料一式两份加盖单位公章后报送至市科技局成果转化科，材料装"
				  "订成册，逾期不予受理。\n"
				  "附件：某某市二〇二四年度科技创新券兑付企业名单及兑付金额明细表.pdf\n"
				  "某某市科学技术局\n");
	free(text);
	zc_doc_free(&doc);
	/* Nor is the signature's body joined to a full-width 附件 line without an extension. */
	assert_body66_reflows("附件：某某市二〇二四年度科技创新券兑付企业名单及兑付金额明细汇总表\n"
			      "某某市科学技术局\n",
			      "明细汇总表\n某某市科学技术局\n");
	/* Over a blank line, a full-width line goes on only when it cannot end
	 * there (a page's headline, then its first paragraph). */
	assert_body66_reflows("重磅！二〇二四年度科技创新券兑付工作开始啦，每家企业最高可领五十万元→\n"
			      "\n"
			      "各有关单位：\n",
			      "五十万元→\n各有关单位：\n");
	assert_body66_reflows("各申报单位应当登录系统在线填写兑付申请表，并上传相关证明材料和\n"
			      "\n"
			      "扫描件。\n",
			      "证明材料和扫描件。\n");
	/* A line that opens its paragraph and ends like a notice's title ("…函")
	 * inside an open bracket goes on: "(工信部科函" + "〔2015〕115号)…". */
	assert_body66_reflows("\n"
			      "根据《工业和信息化部关于做好质量品牌建设工作的通知》(工信部科函\n"
			      "〔2015〕115号)要求,经评审和公示,同意有关单位为试点单位。\n",
			      "(工信部科函〔2015〕115号)");
	/* Nor is a 文号 alone on its line joined to a full-width line above it. */
	load(&doc, "发布时间：2023-04-21 11:05:36　　来源：专业技术人员管理处　　阅读次数：5\n"
		   "\n"
		   "某人社职称〔2023〕9号\n"
		   "\n"
		   BODY66);
	assert_int_equal(doc.wrap_width, 66);
	text = reflow(&doc, NULL);
	assert_non_null(strstr(text, "阅读次数：5\n某人社职称〔2023〕9号\n"));
	free(text);
	zc_doc_free(&doc);
}

/* Reflow a wrapped title, the line under it and BODY66: is the title still
 * a line of its own, followed by `under` (or by its start)? */
static void assert_title_apart(const char *under, const char *under_start)
{
	static const char title[] = "某某市科学技术局关于二〇二〇年度某某市科技企业孵化器评价结果的公示\n";
	char in[2048], want[512];
	snprintf(in, sizeof(in), "%s%s\n%s", title, under, BODY66);
	snprintf(want, sizeof(want), "%s%s", title, under_start);
	struct zc_doc doc;
	load(&doc, in);
	assert_int_equal(doc.wrap_width, 66);
	char *text = reflow(&doc, NULL);
	assert_true(!strncmp(text, want, strlen(want)));
	free(text);
	zc_doc_free(&doc);
}

/* A title as wide as the wrapped lines keeps its own line over the page's
 * timestamp (a date that opens a line, then a view count), a line that
 * opens with a field's label, the text under the page's toolbar, and the
 * line under a blank one. */
static void test_reflow_title_over_timestamp(void **state)
{
	(void)state;
	assert_title_apart("2020-12-16查看688次", "2020-12-16");
	assert_title_apart("申报状态：申报中　　剩余天数：19天", "申报状态");
	assert_title_apart("【字体：大 中 小】【打印】【关闭】", "为做好");
	/* nor, over a blank line, to the line under that */
	assert_title_apart("\n某某咨询 2015-09-27 17:20:55 产业政策", "某某咨询");
	/* nor, opening its paragraph, to the body's first line */
	assert_title_apart("根据《某某市科技企业孵化器认定管理办法》有关规定，经专家评审，现将", "根据");
}

static void test_reflow_short_lines(void **state)
{
	(void)state;
	struct zc_doc doc;
	/* Not hard-wrapped: a short line ends its paragraph unless its last
	 * character cannot end one (， 的 《 …), a blank line stops joining. */
	load(&doc, "關於做好項目驗收工作的通知，请各单位于规定时间内提交申报材料的\n"
		   "企业注意查收。\n"
		   "请登录《某某市科技\n"
		   "计划管理系统》办理\n"
		   "联系人：王明\n"
		   "第二段，\n"
		   "\n"
		   "空行之后。\n"
		   "2024年5月6日\n"
		   "日期之后\n"
		   "网址：http://www.example.gov.cn/kjxm/\n"
		   "apply.html\n");
	assert_int_equal(doc.wrap_width, 0);
	char *ana = NULL;
	char *text = reflow(&doc, &ana);
	assert_string_equal(text, "關於做好項目驗收工作的通知，请各单位于规定时间内提交申报材料的企业注意查收。\n"
				  "请登录《某某市科技计划管理系统》办理\n"
				  "联系人：王明\n"
				  "第二段，\n"
				  "空行之后。\n"
				  "2024年5月6日\n"
				  "日期之后\n"
				  "网址：http://www.example.gov.cn/kjxm/apply.html\n");
	/* The analysis copy has the same paragraphs, simplified. */
	assert_string_equal(ana, "关于做好项目验收工作的通知，请各单位于规定时间内提交申报材料的企业注意查收。\n"
				 "请登录《某某市科技计划管理系统》办理\n"
				 "联系人：王明\n"
				 "第二段，\n"
				 "空行之后。\n"
				 "2024年5月6日\n"
				 "日期之后\n"
				 "网址：http://www.example.gov.cn/kjxm/apply.html\n");
	free(text);
	free(ana);
	zc_doc_free(&doc);
}

/* An e-mail address cut inside its domain comes back whole; a line ending
 * in a lone address or a word after @ does not take the next line. */
static void test_reflow_email_cut(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "邮箱：kjc@\n"
		   "example.gov.cn\n"
		   "邮箱：kjc@example.\n"
		   "gov.cn\n"
		   "邮箱：kjc@example.gov.cn\n"
		   "cn\n"
		   "邮箱：kjc@\n"
		   "abc\n");
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "邮箱：kjc@example.gov.cn\n"
				  "邮箱：kjc@example.gov.cn\n"
				  "邮箱：kjc@example.gov.cn\n"
				  "cn\n"
				  "邮箱：kjc@\n"
				  "abc\n");
	free(text);
	zc_doc_free(&doc);
}

static void test_reflow_double_spaced(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "第一行文字\n\n第二行文字\n\n第三行文字，\n\n继续第三行\n\n第四行文字\n\n"
		   "第五行文字\n\n第六行\n\n第七行\n\n");
	assert_true(doc.double_spaced);
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "第一行文字\n第二行文字\n第三行文字，继续第三行\n第四行文字\n第五行文字\n第六行\n第七行\n");
	free(text);
	zc_doc_free(&doc);
}

static void test_reflow_chrome(void **state)
{
	(void)state;
	struct zc_doc doc;
	/* Chrome is skipped; a sentence cut by a page number is joined across it. */
	load(&doc, "版权所有 某某网\n请各单位于规定时间内提交申报材料的\n- 2 -\n企业名单。\n打印本页\n");
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "请各单位于规定时间内提交申报材料的企业名单。\n");
	free(text);
	zc_doc_free(&doc);
}

static void test_reflow_head_and_tail(void **state)
{
	(void)state;
	struct zc_doc doc;
	/* Lines at the wrap width: the title ends at its kind word before the
	 * 文号, a whole 附件 name before the signature, a 发布日期 line starts
	 * its own paragraph. */
	load(&doc, "某某县经济信息化局关于开展二〇二六年度项目申报的通知\n"
		   "发布日期：2026-03-02\n"
		   "某经信〔2026〕12号\n"
		   "各乡镇人民政府，各有关企业：现将有关事项通知如下请各\n"
		   "单位认真组织企业申报并于规定时间内报送全部申报材料\n"
		   "附件：某某县二〇二六年度项目申报工作实施细则及通知\n"
		   "某某县经济和信息化局\n"
		   "2026年3月2日\n");
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "某某县经济信息化局关于开展二〇二六年度项目申报的通知\n"
				  "发布日期：2026-03-02\n"
				  "某经信〔2026〕12号\n"
				  "各乡镇人民政府，各有关企业：现将有关事项通知如下请各"
				  "单位认真组织企业申报并于规定时间内报送全部申报材料\n"
				  "附件：某某县二〇二六年度项目申报工作实施细则及通知\n"
				  "某某县经济和信息化局\n"
				  "2026年3月2日\n");
	free(text);
	zc_doc_free(&doc);

	/* A title at the wrap width and the addressee line under it. */
	load(&doc, "某某县经济信息化局关于开展二〇二六年度项目申报的通知\n"
		   "各乡镇人民政府，各有关企业：\n"
		   "现将有关事项通知如下请各单位认真组织企业申报并于规定\n"
		   "时间内报送全部申报材料逾期不再受理请相互转告为盼各单\n"
		   "位要高度重视加强组织领导确保工作取得实效\n"
		   "某某县经济和信息化局\n"
		   "2026年3月2日\n");
	text = reflow(&doc, NULL);
	assert_string_equal(text, "某某县经济信息化局关于开展二〇二六年度项目申报的通知\n"
				  "各乡镇人民政府，各有关企业：\n"
				  "现将有关事项通知如下请各单位认真组织企业申报并于规定"
				  "时间内报送全部申报材料逾期不再受理请相互转告为盼各单"
				  "位要高度重视加强组织领导确保工作取得实效"
				  "\n某某县经济和信息化局\n"
				  "2026年3月2日\n");
	free(text);
	zc_doc_free(&doc);
}

static void test_reflow_sections(void **state)
{
	(void)state;
	struct zc_doc doc;
	load(&doc, "甲单位的\n[申报通知]\n乙单位通知\n");
	assert_int_equal(flags(&doc, 1), ZC_LINE_SECTION);
	char *text = reflow(&doc, NULL);
	assert_string_equal(text, "甲单位的\n乙单位通知\n");
	free(text);
	zc_doc_free(&doc);
}

static void test_markers(void **state)
{
	(void)state;
#define MARK(s) zc_starts_with_marker((s), strlen(s))
	assert_true(MARK("一、申报条件"));
	assert_true(MARK("十二．其他"));
	assert_true(MARK("（一）基本条件"));
	assert_true(MARK("(三)材料"));
	assert_true(MARK("1、企业"));
	assert_true(MARK("2.项目汇总表"));
	assert_true(MARK("（3）其他"));
	assert_true(MARK("4）其他"));
	assert_true(MARK("①第一项"));
	assert_true(MARK("第一条 为了"));
	assert_true(MARK("第3章 附则"));
	assert_true(MARK("附件：1.申报书"));
	assert_true(MARK("附件2"));
	assert_true(MARK("联系人：王明"));
	assert_true(MARK("电话：010-12345678"));
	assert_true(MARK("电子邮箱：a@b.cn"));
	assert_true(MARK("特此通知。"));
	assert_true(MARK("抄送：市财政局"));
	assert_true(MARK("A.选项"));
	assert_false(MARK("2019.8.1前提交"));
	assert_false(MARK("3.5万元"));
	assert_false(MARK("关于开展申报工作的通知"));
	assert_false(MARK("2024年3月1日"));
	assert_false(MARK("各有关单位："));
	assert_false(MARK(""));
#undef MARK
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_lines),	   cmocka_unit_test(test_load_random),
		cmocka_unit_test(test_load_flat),
		cmocka_unit_test(test_furniture),	   cmocka_unit_test(test_furniture_repeated),
		cmocka_unit_test(test_reflow_wrapped),	   cmocka_unit_test(test_reflow_short_lines),
		cmocka_unit_test(test_reflow_double_spaced), cmocka_unit_test(test_reflow_chrome),
		cmocka_unit_test(test_reflow_sections),	   cmocka_unit_test(test_reflow_head_and_tail),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_reflow_email_cut),
		cmocka_unit_test(test_reflow_file_name_ends),
		cmocka_unit_test(test_reflow_title_over_timestamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
