/* fuzz-profile.c: any bytes as a company profile (JSON), read, checked and
 * matched against a notice holding every kind of condition. */
#include <stddef.h>
#include <stdint.h>

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
	"{\"type\": \"other\", \"text\": \"其他\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *notice;
	if (!notice)
		notice = json_loads(notice_json, 0, NULL);
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
