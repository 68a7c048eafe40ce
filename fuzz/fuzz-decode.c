/* fuzz-decode.c: any bytes through the decoder, strict and lenient, whole and in blocks. */
#include <stddef.h>
#include <stdint.h>

#include "zhengce/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zc_buf out;
	zc_buf_init(&out, 0);
	struct zc_diag diag = {0};
	(void)zc_decode(data, size, ZC_ENC_AUTO, 0, &out, NULL, &diag);
	zc_buf_reset(&out);
	(void)zc_decode(data, size, ZC_ENC_AUTO, ZC_DECODE_LENIENT, &out, NULL, &diag);
	/* Fed in odd-sized blocks, so sequences are cut at block ends. */
	struct zc_decoder *d = zc_decoder_new(ZC_ENC_AUTO, ZC_DECODE_LENIENT);
	if (d) {
		zc_buf_reset(&out);
		for (size_t at = 0; at <= size; at += 7) {
			size_t n = size - at < 7 ? size - at : 7;
			if (zc_decoder_feed(d, data + at, n, at + n >= size, &out, &diag) < 0)
				break;
			if (at + n >= size)
				break;
		}
		zc_decoder_free(d);
	}
	zc_buf_free(&out);
	return 0;
}
