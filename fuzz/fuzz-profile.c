/* fuzz-profile.c: any bytes as a company profile (JSON), read, checked and
 * matched against a notice holding every kind of condition; and the same
 * bytes as a JSON Lines file of profiles, matched in a batch (compiled). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zhengce/match.h"
#include "zhengce/profile.h"

static const char notice_json[] =
	"{\"id\": 1, \"title\": \"通知\", \"deadline\": \"2019-08-20\", \"issuers\": [\"云南省科学技术厅\"],"
	" \"conditions\": ["
	"{\"type\": \"registration_region\", \"object\": \"我省\", \"text\": \"在我省注册\"},"
	"{\"type\": \"registration_region\", \"object\": \"滨海新区\", \"negated\": true, \"text\": \"滨海新区以外\"},"
	"{\"type\": \"years_since_registration\", \"op\": \">=\", \"value\": 1, \"text\": \"满一年\"},"
	"{\"type\": \"legal_form\", \"object\": \"独立法人\", \"text\": \"独立法人\"},"
	"{\"type\": \"legal_form\", \"object\": \"股份有限公司\", \"text\": \"股份有限公司\"},"
	"{\"type\": \"threshold\", \"metric\": \"研发费用占销售收入比例\", \"op\": \">=\", \"value\": 3, \"unit\": \"%\", \"text\": \"研发\"},"
	"{\"type\": \"threshold\", \"metric\": \"科技人员占比\", \"op\": \">\", \"value\": 10, \"unit\": \"%\", \"text\": \"科技人员\"},"
	"{\"type\": \"threshold\", \"metric\": \"总投资\", \"op\": \">=\", \"value\": 1, \"unit\": \"亿元\", \"text\": \"投资\"},"
	"{\"type\": \"threshold\", \"metric\": \"职工人数\", \"op\": \"<\", \"value\": 500, \"unit\": \"人\", \"text\": \"人数\"},"
	"{\"type\": \"qualification_held\", \"object\": \"高新技术企业\", \"text\": \"高企\"},"
	"{\"type\": \"qualification_not_held\", \"object\": \"失信被执行人名单\", \"text\": \"失信\"},"
	"{\"type\": \"clean_record\", \"years\": 3, \"text\": \"三年\"},"
	"{\"type\": \"industry\", \"object\": \"制造业\", \"text\": \"制造业\"},"
	"{\"type\": \"date\", \"object\": \"2018年8月30日后\", \"text\": \"日期\"},"
	"{\"type\": \"registration_region\", \"object\": \"中华人民共和国\", \"text\": \"境内\"},"
	"{\"type\": \"threshold\", \"metric\": \"Ⅱ类知识产权\", \"op\": \">=\", \"value\": 5, \"unit\": \"项\", \"text\": \"拥有Ⅰ类知识产权或5件以上Ⅱ类知识产权\"},"
	"{\"type\": \"threshold\", \"metric\": \"营业收入年均增长率\", \"op\": \">=\", \"value\": 10, \"unit\": \"%\", \"text\": \"近三年\"},"
	"{\"type\": \"qualification_held\", \"object\": \"安全生产标准化二级证书\", \"years\": 1, \"text\": \"满1年\"},"
	"{\"type\": \"qualification_not_held\", \"object\": \"高新技术企业\", \"text\": \"此前未被认定为高新技术企业\"},"
	"{\"type\": \"industry\", \"object\": \"《国家重点支持的高新技术领域》\", \"text\": \"领域\"},"
	"{\"type\": \"other\", \"text\": \"其他\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *notice;
	if (!notice)
		notice = json_loads(notice_json, 0, NULL);
	static struct zc_match_plan *plan;
	static FILE *sink;
	if (!plan && notice && zc_match_plan_new(&plan) == 0)
		zc_match_plan_add(plan, notice, "2019-08-01");
	if (!sink)
		sink = fopen("/dev/null", "w");
	FILE *in = size ? fmemopen((void *)data, size, "r") : NULL;
	if (in && plan && sink) {
		struct zc_match_batch_options opts = {1, (size & 1) != 0, (size & 2) ? ZC_BATCH_CSV : ZC_BATCH_JSONL};
		struct zc_match_batch_stats st;
		zc_match_batch(plan, in, sink, &opts, &st);
	}
	if (in)
		fclose(in);
	json_error_t e;
	json_t *o = json_loadb((const char *)data, size, 0, &e);
	if (!o)
		return 0;
	struct zc_profile p;
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	if (zc_profile_from_json(o, &p, &problems) == 0 && notice)
		json_decref(zc_match_notice(notice, &p, "2019-08-01"));
	zc_profile_free(&p);
	zc_vec_free(&problems);
	json_decref(o);
	return 0;
}
