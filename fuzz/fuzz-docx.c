/*
 * fuzz-docx.c: any bytes as an attached Word or PDF file (zc_docx_text,
 * zc_pdf_text): damaged zips, lying sizes, bad XML, bad PDFs. Must return
 * 0, -EMEDIUMTYPE or -E2BIG, never crash or leak.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "zhengce/acquire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zc_buf out;
	char why[128];
	zc_buf_init(&out, 0);
	int r = zc_docx_text(data, size, &out, why, sizeof(why));
	if (r != 0 && r != -EMEDIUMTYPE && r != -E2BIG)
		abort();
	zc_buf_reset(&out);
	r = zc_pdf_text(data, size, &out, why, sizeof(why));
	if (r != 0 && r != -EMEDIUMTYPE)
		abort();
	zc_buf_free(&out);
	return 0;
}
