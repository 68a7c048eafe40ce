/* test-split.c: a text → its notices (include/zhengce/split.h): one notice
 * stays one (inner headings, a repeated title, a forwarded title), a new
 * notice starts at a title after the current one ended (signature date,
 * 特此通知, 相关链接) or after a digest section tag, which also gives the
 * category; parts without text are not produced; zc_split_trim_tail ends a
 * notice at the first chrome line after its signature. */
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
#include "zhengce/split.h"

struct split {
	struct zc_doc doc;
	struct zc_vec parts;
};

static void split(struct split *s, const char *text)
{
	zc_doc_init(&s->doc);
	assert_int_equal(zc_doc_load(&s->doc, text, strlen(text)), 0);
	zc_furniture_mark(&s->doc);
	zc_reflow_measure(&s->doc);
	s->parts = (struct zc_vec)ZC_VEC_INIT(struct zc_part);
	assert_int_equal(zc_split(&s->doc, &s->parts), 0);
}

static void split_free(struct split *s)
{
	for (size_t i = 0; i < s->parts.n; i++)
		free(ZC_VEC_AT(&s->parts, struct zc_part, i).category);
	zc_vec_free(&s->parts);
	zc_doc_free(&s->doc);
}

static const struct zc_part *part(const struct split *s, size_t i)
{
	assert_true(i < s->parts.n);
	return &ZC_VEC_AT(&s->parts, struct zc_part, i);
}

/* The display text of a part's first line. */
static const char *first_line(const struct split *s, size_t i)
{
	static char buf[1024];
	const struct zc_line *l = ZC_LINE(&s->doc, part(s, i)->first);
	snprintf(buf, sizeof(buf), "%.*s", (int)l->dlen, l->d);
	return buf;
}

static const char *category(const struct split *s, size_t i)
{
	const char *c = part(s, i)->category;
	return c ? c : "(null)";
}

static void test_single(void **state)
{
	(void)state;
	struct split s;
	split(&s, "关于组织申报2024年度科技计划项目的通知\n"
		  "各有关单位：\n"
		  "现将有关事项通知如下，请各单位认真组织申报，按时报送申报材料，逾期不予受理。\n"
		  "特此通知。\n"
		  "某某市科学技术局\n"
		  "2024年3月1日\n");
	assert_int_equal(s.parts.n, 1);
	assert_int_equal(part(&s, 0)->first, 0);
	assert_int_equal(part(&s, 0)->last, 6);
	assert_null(part(&s, 0)->category);
	assert_int_equal(zc_split_trim_tail(&s.doc, part(&s, 0)), 6);
	split_free(&s);
}

static const char digest[] =
	"[申报通知]\n"                                                                    /* 0 */
	"关于组织申报2024年度科技计划项目的通知\n"                                        /* 1 */
	"各有关单位：\n"                                                                  /* 2 */
	"现将有关事项通知如下，请各单位认真组织申报，按时报送申报材料，逾期不予受理。\n"  /* 3 */
	"特此通知。\n"                                                                    /* 4 */
	"某某市科学技术局\n"                                                              /* 5 */
	"2024年3月1日\n"                                                                  /* 6 */
	"关于公布2023年度高新技术企业名单的公告\n"                                        /* 7 */
	"某科发〔2024〕8号\n"                                                             /* 8 */
	"根据有关规定，经专家评审和社会公示，现将2023年度高新技术企业名单予以公布。\n"    /* 9 */
	"某某市科学技术局\n"                                                              /* 10 */
	"2024年3月5日\n"                                                                  /* 11 */
	"[政策文件]\n"                                                                    /* 12 */
	"某某市人民政府办公厅关于转发《关于促进科技成果转化的若干措施的通知》的通知\n"    /* 13 */
	"各区县人民政府：\n"                                                              /* 14 */
	"现将《关于促进科技成果转化的若干措施的通知》转发给你们，请认真贯彻执行。\n"      /* 15 */
	"某某市人民政府办公厅\n"                                                          /* 16 */
	"2024年3月8日\n"                                                                  /* 17 */
	"关于促进科技成果转化的若干措施的通知\n"                                          /* 18 */
	"各有关单位：\n"                                                                  /* 19 */
	"为促进科技成果转化，制定如下措施，请各单位结合实际认真贯彻落实，确保落到实处。\n" /* 20 */
	"2024年2月1日\n"                                                                  /* 21 */
	"版权所有 某某市人民政府\n"                                                       /* 22 */
	"网站标识码 1234\n";                                                              /* 23 */

static void test_digest(void **state)
{
	(void)state;
	struct split s;
	split(&s, digest);
	assert_int_equal(s.parts.n, 3);
	/* A section tag starts a notice and names its category. */
	assert_int_equal(part(&s, 0)->first, 1);
	assert_int_equal(part(&s, 0)->last, 7);
	assert_string_equal(category(&s, 0), "申报通知");
	/* A title after a signature date, followed by a 文号: a new notice, same section. */
	assert_int_equal(part(&s, 1)->first, 7);
	assert_int_equal(part(&s, 1)->last, 12);
	assert_string_equal(category(&s, 1), "申报通知");
	assert_string_equal(first_line(&s, 1), "关于公布2023年度高新技术企业名单的公告");
	/* The forwarded notice's own title does not start a notice. */
	assert_int_equal(part(&s, 2)->first, 13);
	assert_int_equal(part(&s, 2)->last, 24);
	assert_string_equal(category(&s, 2), "政策文件");
	/* Chrome after the signature ends the page's notice. */
	assert_int_equal(zc_split_trim_tail(&s.doc, part(&s, 2)), 22);
	assert_int_equal(zc_split_trim_tail(&s.doc, part(&s, 0)), 7);
	split_free(&s);
}

static void test_not_split(void **state)
{
	(void)state;
	struct split s;
	/* An inner heading (招标公告) before the notice has ended, then the page
	 * repeating the notice's own title after the signature. */
	split(&s, "关于开展2024年度项目验收工作的通知\n"
		  "各有关单位：\n"
		  "请各单位按要求做好验收准备工作，按时提交验收材料，逾期视为自动放弃验收资格。\n"
		  "招标公告\n"
		  "本项目采用公开招标方式进行，欢迎符合条件的供应商参加投标，具体要求详见招标文件。\n"
		  "某某市科学技术局\n"
		  "2024年4月1日\n"
		  "关于开展2024年度项目验收工作的通知\n"
		  "各有关单位：\n"
		  "这是页面重复的标题和正文部分，内容与上文一致，用于测试重复标题不拆分的情况。\n");
	assert_int_equal(s.parts.n, 1);
	assert_int_equal(part(&s, 0)->first, 0);
	assert_int_equal(part(&s, 0)->last, 10);
	split_free(&s);

	/* A title after the end that is followed by another title, not by a
	 * notice's text: no split. */
	split(&s, "关于开展2024年度项目验收工作的通知\n"
		  "各有关单位：\n"
		  "请各单位按要求做好验收准备工作，按时提交验收材料，逾期视为自动放弃验收资格。\n"
		  "2024年4月1日\n"
		  "关于举办培训班的通知\n"
		  "关于召开座谈会的通知\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);

	/* A notice forwarded without 《》, printed after the signature. */
	split(&s, "某某县卫生局转发省卫生厅关于开展2010年度绩效考核工作的通知\n"
		  "各乡镇卫生院：\n"
		  "现将省卫生厅通知转发给你们，请认真组织开展自查，并按时报送自查报告和考核评分表。\n"
		  "某某县卫生局\n"
		  "2010年9月20日\n"
		  "某某省卫生厅关于开展2010年度绩效考核工作的通知\n"
		  "各市、县卫生局：\n"
		  "为加强基层医疗卫生机构管理，决定开展2010年度绩效考核工作，现将有关事项通知如下。\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);

	/* The same below a site's name and a breadcrumb, forwarded inside 《》. */
	split(&s, "某某省商务厅\n"
		  "首页 > 政务公开 > 通知公告\n"
		  "某某省商务厅关于转发《商务部办公厅关于做好电商专项行动有关工作的通知》的通知\n"
		  "各市（州）商务局：\n"
		  "现将通知转发给你们，请结合实际认真抓好落实，并按时报送本地区专项行动工作方案。\n"
		  "某某省商务厅\n"
		  "2024年4月11日\n"
		  "商务部办公厅关于做好电商专项行动有关工作的通知\n"
		  "各省、自治区、直辖市商务主管部门：\n"
		  "为深入推进电商专项行动，现就有关工作通知如下，请各地认真组织实施并及时报送进展。\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);

	/* A forward of a forward: the title quoted inside the quoted title has
	 * its 《》 written 〈〉, and the forwarded notice is printed with 《》. */
	split(&s, "关于转发某某市科学技术局《关于转发省科技厅〈关于组织申报示范基地的通知〉的通知》的通知\n"
		  "各乡镇人民政府：\n"
		  "现将市科技局通知转发给你们，请认真组织申报，并于2024年5月13日前报送申报材料。\n"
		  "某某县科学技术局\n"
		  "2024年4月22日\n"
		  "附件1\n"
		  "某某市科学技术局\n"
		  "关于转发省科技厅《关于组织申报示范基地的通知》的通知\n"
		  "各县（市、区）科技局：\n"
		  "现将省科技厅通知转发给你们，请认真组织申报，并于2024年5月20日前报送推荐材料。\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

static void test_end_markers(void **state)
{
	(void)state;
	struct split s;
	/* 相关链接 ends a notice; the title after it, followed by an addressee, starts one. */
	split(&s, "关于开展2024年度项目验收工作的通知\n"
		  "各有关单位：\n"
		  "请各单位按要求做好验收准备工作，按时提交验收材料，逾期视为自动放弃验收资格。\n"
		  "相关链接\n"
		  "关于开展2025年度项目验收工作的通知\n"
		  "各有关单位：\n"
		  "第二个通知的正文，在相关链接之后出现，应当作为一个新的通知拆分出来处理。\n");
	assert_int_equal(s.parts.n, 2);
	assert_int_equal(part(&s, 0)->last, 4);
	assert_int_equal(part(&s, 1)->first, 4);
	assert_int_equal(part(&s, 1)->last, 7);
	split_free(&s);

	/* 特此公告 ends it too; the next title is followed by body text. */
	split(&s, "关于某某项目的公示\n"
		  "经研究，拟对以下项目予以立项支持，现予公示，公示期为五个工作日，欢迎监督。\n"
		  "特此公告。\n"
		  "关于另一项目的通知\n"
		  "经研究决定，现将另一项目的有关安排通知如下，请各相关单位按照要求认真组织实施。\n");
	assert_int_equal(s.parts.n, 2);
	assert_int_equal(part(&s, 1)->first, 3);
	split_free(&s);

	/* The end marker must come after some content: a notice too short to
	 * have ended is not cut. */
	split(&s, "关于某某项目的公示\n"
		  "2024年4月1日\n"
		  "关于另一项目的通知\n"
		  "经研究决定，现将另一项目的有关安排通知如下，请各相关单位按照要求认真组织实施。\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

/* Notices of one day in a digest repeat their date, next to page numbers:
 * the date still ends each notice (it is no running footer). */
static void test_same_date_near_page_numbers(void **state)
{
	(void)state;
	char text[8192] = "";
	for (int k = 0; k < 4; k++) {
		char one[1024];
		snprintf(one, sizeof(one),
			 "某某省科学技术厅关于组织申报第%d批科技项目的通知\n"
			 "各市科技局（第%d组）：\n"
			 "现将第%d批申报有关事项通知如下，请按要求认真组织申报，于规定时间内报送材料。\n"
			 "联系电话：0571-8705%04d\n"
			 "第 %d 页 共 9 页\n"
			 "某某省科学技术厅\n"
			 "2019年8月23日\n\n",
			 k + 1, k + 1, k + 1, k, k + 1);
		strcat(text, one);
	}
	struct split s;
	split(&s, text);
	assert_int_equal(s.parts.n, 4);
	split_free(&s);
}

/* A page pasted after a notice that ends without a date (a regulation's last
 * article): its title over the page's 发布日期/来源 line starts a notice; a
 * title-like line inside the text, without it, does not. */
static void test_page_after_undated_notice(void **state)
{
	(void)state;
	struct split s;
	split(&s, "某某市科学技术局关于印发《某某市科技企业孵化器管理办法》的通知\n"        /* 0 */
		  "各有关单位：\n"                                                            /* 1 */
		  "现将《某某市科技企业孵化器管理办法》印发给你们，请认真贯彻执行。\n"      /* 2 */
		  "第一条　为规范孵化器管理，制定本办法。\n"                                /* 3 */
		  "第二条　本办法自发布之日起施行。\n"                                      /* 4 */
		  "某某省教育厅关于公开征求《某某省技术合同登记实施细则（征求意见稿）》意见的通知\n" /* 5 */
		  "发布日期：2023-09-08　　来源：科技处\n"                                  /* 6 */
		  "为做好技术合同登记工作，现公开征求意见，请于2023年9月30日前反馈。\n"      /* 7 */
		  "某某省教育厅\n"                                                          /* 8 */
		  "2023年9月8日\n");                                                        /* 9 */
	assert_int_equal(s.parts.n, 2);
	assert_int_equal(part(&s, 1)->first, 5);
	split_free(&s);
	split(&s, "某某市科学技术局关于印发《某某市科技企业孵化器管理办法》的通知\n"
		  "各有关单位：\n"
		  "现将《某某市科技企业孵化器管理办法》印发给你们，请认真贯彻执行。\n"
		  "第一条　为规范孵化器管理，制定本办法。\n"
		  "第二条　本办法自发布之日起施行。\n"
		  "附件：某某省教育厅关于开展技术合同登记工作的通知\n"
		  "为做好技术合同登记工作，现将有关事项通知如下，请于2023年9月30日前反馈。\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

/* A page's title wrapped where the part before it could end ("…2023年度第" /
 * "二批…的通知"): the notice starts at the title's first line; a menu bar
 * over the title is no part of it; a button alone on its line ("【关闭】")
 * is chrome, not a digest's section tag. */
static void test_title_wrapped_on_page(void **state)
{
	(void)state;
	struct split s;
	split(&s, "某某省科学技术厅\n"                                                   /* 0 */
		  "网站首页  机构概况  政务公开  政务服务  互动交流\n"                      /* 1 */
		  "某某省科学技术厅 某某省财政厅关于组织开展2023年度第\n"                 /* 2 */
		  "二批高新技术企业认定申报工作的通知\n"                                   /* 3 */
		  "发布日期：2023-06-26　　信息来源：高新技术处\n"                         /* 4 */
		  "【关闭】\n"                                                             /* 5 */
		  "某科高发〔2023〕141号\n"                                               /* 6 */
		  "各设区市科技局、财政局：\n"                                             /* 7 */
		  "现将有关事项通知如下，请于2023年8月10日前报送。\n"                      /* 8 */
		  "某某省科学技术厅\n"                                                     /* 9 */
		  "2023年6月25日\n");                                                      /* 10 */
	assert_int_equal(s.parts.n, 1);
	assert_true(ZC_LINE(&s.doc, 5)->flags & ZC_LINE_CHROME);
	assert_false(ZC_LINE(&s.doc, 5)->flags & ZC_LINE_SECTION);
	split_free(&s);
	/* After a notice that has ended, the next one's title begins on its first line. */
	split(&s, "某某市科学技术局关于开展科技型企业评价工作的通知\n"                  /* 0 */
		  "各有关单位：\n"                                                         /* 1 */
		  "现将有关事项通知如下，请认真组织实施。\n"                               /* 2 */
		  "某某市科学技术局\n"                                                     /* 3 */
		  "2023年5月6日\n"                                                         /* 4 */
		  "某某市商务局、某某市财政局关于组织开展2023年度第\n"                    /* 5 */
		  "二批外贸企业扶持资金申报工作的通知\n"                                   /* 6 */
		  "各有关企业：\n"                                                         /* 7 */
		  "现将有关事项通知如下，请于2023年6月30日前报送。\n");                    /* 8 */
	assert_int_equal(s.parts.n, 2);
	assert_int_equal(part(&s, 1)->first, 5);
	split_free(&s);
}

/* A repost's "原文链接" above the title ends nothing: the title, repeated
 * as the page's headline and the body's heading, opens one notice. */
static void test_source_link_above_title(void **state)
{
	(void)state;
	struct split s;
	split(&s, "某某法规数据库\n"                                                       /* 0 */
		  "首页 政务公开 互动交流\n"                                               /* 1 */
		  "【引证码】 CLI.12.748997\n"                                              /* 2 */
		  "原文链接：https://www.example.com/lar/b64c9966.html\n"                  /* 3 */
		  "某某市人民政府办公室关于印发《某某市绿色建筑管理办法》的通知\n"        /* 4 */
		  "某某市人民政府办公室关于印发《某某市绿色建筑管理办法》的通知\n"        /* 5 */
		  "（某府发〔2012〕3号）\n"                                                 /* 6 */
		  "各县（区）人民政府，市政府各部门：\n"                                   /* 7 */
		  "《某某市绿色建筑管理办法》已经市人民政府常务会议审议通过，现予印发。\n" /* 8 */
		  "二○一二年一月九日\n");                                                  /* 9 */
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

/* A government page's metadata table can fill ten lines over the title; the
 * title below them is still the first notice's, not a second one. */
static void test_long_page_header(void **state)
{
	(void)state;
	struct split s;
	split(&s, "某某省科学技术厅\n"                                                   /* 0 */
		  "首页 政务公开 互动交流\n"                                               /* 1 */
		  "索 引 号：000014349/2022-00187\n"                                      /* 2 */
		  "主题分类：科技、教育\n"                                                 /* 3 */
		  "发文机关：某某省科学技术厅\n"                                           /* 4 */
		  "成文日期：2022年07月14日\n"                                             /* 5 */
		  "标　　题：某某省科学技术厅关于2022年度省级科技计划拟立项项目的公示\n"   /* 6 */
		  "发文字号：\n"                                                           /* 7 */
		  "发布日期：2022年07月15日\n"                                             /* 8 */
		  "有 效 性：有效\n"                                                       /* 9 */
		  "某某省科学技术厅关于2022年度省级科技计划拟立项项目的公示\n"             /* 10 */
		  "发布时间：2022-07-15 10:26:43　　来源：某某省科学技术厅\n"              /* 11 */
		  "经专家评审，拟对137个项目给予立项支持，现予公示。\n"                    /* 12 */
		  "某某省科学技术厅\n"                                                     /* 13 */
		  "2022年7月14日\n");                                                      /* 14 */
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

/* A new notice whose title quotes a document of its own that has the words
 * of the one the current notice issued is no forwarded copy of it. */
static void test_own_document_not_forwarded(void **state)
{
	(void)state;
	struct split s;
	split(&s, "某某部关于印发《高新技术企业培育实施细则》的通知\n"                  /* 0 */
		  "各有关单位：\n"                                                         /* 1 */
		  "现将《高新技术企业培育实施细则》印发给你们，请认真贯彻执行。\n"         /* 2 */
		  "某某部\n"                                                               /* 3 */
		  "2020年5月23日\n"                                                        /* 4 */
		  "某某市商务局关于印发《某某市高新技术企业培育实施细则》的通知\n"        /* 5 */
		  "各有关企业：\n"                                                         /* 6 */
		  "现将《某某市高新技术企业培育实施细则》印发给你们，请认真贯彻执行。\n"   /* 7 */
		  "某某市商务局\n"                                                         /* 8 */
		  "2021年1月18日\n");                                                      /* 9 */
	assert_int_equal(s.parts.n, 2);
	assert_int_equal(part(&s, 1)->first, 5);
	split_free(&s);
}

static void test_empty_parts(void **state)
{
	(void)state;
	struct split s;
	/* Nothing but furniture and blank lines. */
	split(&s, "第 1 页\n\n版权所有 某某网\n");
	assert_int_equal(s.parts.n, 0);
	split_free(&s);
	split(&s, "");
	assert_int_equal(s.parts.n, 0);
	split_free(&s);
	/* Empty sections produce nothing; the last tag gives the category. */
	split(&s, "[空栏目]\n\n[政策解读]\n关于某某政策的解读说明\n");
	assert_int_equal(s.parts.n, 1);
	assert_int_equal(part(&s, 0)->first, 3);
	assert_string_equal(category(&s, 0), "政策解读");
	split_free(&s);
	/* Text before the first tag has no category. */
	split(&s, "前言文字，介绍本期内容。\n[政策解读]\n解读正文\n");
	assert_int_equal(s.parts.n, 2);
	assert_string_equal(category(&s, 0), "(null)");
	assert_int_equal(part(&s, 0)->last, 1);
	assert_string_equal(category(&s, 1), "政策解读");
	split_free(&s);
	/* A digest's masthead before its first tag (no sentence) is no notice. */
	split(&s, "创新政策周报\n2024年第18期\n[政策解读]\n解读正文\n");
	assert_int_equal(s.parts.n, 1);
	assert_string_equal(category(&s, 0), "政策解读");
	split_free(&s);
	/* Nor with its table of contents under it. */
	split(&s, "创新政策周报\n2024年第18期\n本期导读：区政府办印发若干措施；区工信局启动奖励申报。\n"
		  "[政策解读]\n解读正文\n");
	assert_int_equal(s.parts.n, 1);
	split_free(&s);
}

static void test_trim_tail(void **state)
{
	(void)state;
	struct split s;
	/* Chrome before the signature does not end the notice. */
	split(&s, "关于某某事项的通知\n"
		  "打印本页\n"
		  "各有关单位：\n"
		  "请按时报送。\n"
		  "某某市科学技术局\n"
		  "2024年4月1日\n"
		  "关闭窗口\n"
		  "附：其他文字\n");
	assert_int_equal(s.parts.n, 1);
	assert_int_equal(part(&s, 0)->last, 8);
	assert_int_equal(zc_split_trim_tail(&s.doc, part(&s, 0)), 6);
	split_free(&s);

	/* No signature: nothing is trimmed. */
	split(&s, "关于某某事项的通知\n请按时报送。\n关闭窗口\n附：其他文字\n");
	assert_int_equal(zc_split_trim_tail(&s.doc, part(&s, 0)), 4);
	split_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single),	    cmocka_unit_test(test_digest),
		cmocka_unit_test(test_not_split),   cmocka_unit_test(test_end_markers),
		cmocka_unit_test(test_empty_parts), cmocka_unit_test(test_trim_tail),
		cmocka_unit_test(test_same_date_near_page_numbers),
		cmocka_unit_test(test_page_after_undated_notice),
		cmocka_unit_test(test_title_wrapped_on_page),
		cmocka_unit_test(test_own_document_not_forwarded),
		cmocka_unit_test(test_source_link_above_title),
		cmocka_unit_test(test_long_page_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
