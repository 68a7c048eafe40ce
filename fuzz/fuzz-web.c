/*
 * fuzz-web.c: any bytes as a fetched page: its encoding (zc_web_charset),
 * then its main content and metadata (zc_web_content), as `zhengce fetch`
 * reads them. Must return 0, -EINVAL or -E2BIG, never crash or leak.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "zhengce/acquire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zc_web_charset("text/html; charset=gbk", (const char *)data, size);
	struct zc_buf utf8;
	zc_buf_init(&utf8, 0);
	struct zc_diag diag;
	enum zc_encoding got;
	if (zc_decode(data, size, zc_web_charset(NULL, (const char *)data, size), ZC_DECODE_LENIENT, &utf8, &got,
		      &diag) == 0) {
		struct zc_web_page p;
		int r = zc_web_content(utf8.data ? utf8.data : "", utf8.len, "http://example.gov.cn/a/b.html", &p);
		if (r != 0 && r != -EINVAL && r != -E2BIG)
			abort();
		if (r == 0)
			zc_web_page_free(&p);
	}
	zc_buf_free(&utf8);
	return 0;
}
