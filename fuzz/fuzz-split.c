/* fuzz-split.c: any text split into notices; every part must lie inside the document. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "zhengce/clean.h"
#include "zhengce/decode.h"
#include "zhengce/split.h"
#include "doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zc_buf text, clean;
	zc_buf_init(&text, 0);
	zc_buf_init(&clean, 0);
	if (zc_decode(data, size, ZC_ENC_UTF8, ZC_DECODE_LENIENT, &text, NULL, NULL) == 0 &&
	    zc_clean_normalize(text.data ? text.data : "", text.len, &clean) == 0) {
		struct zc_doc doc;
		zc_doc_init(&doc);
		if (zc_doc_load(&doc, clean.data ? clean.data : "", clean.len) == 0) {
			zc_furniture_mark(&doc);
			struct zc_vec parts = ZC_VEC_INIT(struct zc_part);
			if (zc_split(&doc, &parts) == 0) {
				for (size_t i = 0; i < parts.n; i++) {
					struct zc_part *p = &ZC_VEC_AT(&parts, struct zc_part, i);
					if (p->first >= p->last || p->last > doc.lines.n ||
					    zc_split_trim_tail(&doc, p) > p->last)
						abort();
				}
			}
			for (size_t i = 0; i < parts.n; i++)
				free(ZC_VEC_AT(&parts, struct zc_part, i).category);
			zc_vec_free(&parts);
		}
		zc_doc_free(&doc);
	}
	zc_buf_free(&text);
	zc_buf_free(&clean);
	return 0;
}
