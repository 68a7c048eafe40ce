/* fuzz-clean.c: any text through normalisation, line loading, furniture and reflow. */
#include <stddef.h>
#include <stdint.h>

#include "zhengce/clean.h"
#include "zhengce/decode.h"
#include "doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zc_buf text, clean, a, d;
	zc_buf_init(&text, 0);
	zc_buf_init(&clean, 0);
	zc_buf_init(&a, 0);
	zc_buf_init(&d, 0);
	if (zc_decode(data, size, ZC_ENC_UTF8, ZC_DECODE_LENIENT, &text, NULL, NULL) == 0 &&
	    zc_clean_normalize(text.data ? text.data : "", text.len, &clean) == 0) {
		struct zc_doc doc;
		zc_doc_init(&doc);
		if (zc_doc_load(&doc, clean.data ? clean.data : "", clean.len) == 0) {
			zc_furniture_mark(&doc);
			zc_reflow_measure(&doc);
			(void)zc_reflow(&doc, 0, doc.lines.n, &a, &d);
		}
		zc_doc_free(&doc);
	}
	zc_buf_free(&text);
	zc_buf_free(&clean);
	zc_buf_free(&a);
	zc_buf_free(&d);
	return 0;
}
