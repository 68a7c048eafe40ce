/* fuzz-profile.c: any bytes as a company profile (JSON), read and checked. */
#include <stddef.h>
#include <stdint.h>

#include "zhengce/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t e;
	json_t *o = json_loadb((const char *)data, size, 0, &e);
	if (!o)
		return 0;
	struct zc_profile p;
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	(void)zc_profile_from_json(o, &p, &problems);
	zc_profile_free(&p);
	zc_vec_free(&problems);
	json_decref(o);
	return 0;
}
