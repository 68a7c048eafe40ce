/*
 * decode.h: stage 1 of the pipeline, bytes → UTF-8.
 *
 * Government sites publish in UTF-8 (with or without BOM), GB18030 and its
 * subsets GBK/GB2312, and occasionally UTF-16. The decoder looks at the
 * first block it is fed (a BOM, then UTF-8 validity; labels are not trusted) to
 * pick the encoding, then converts block by block, so memory stays bounded
 * whatever the input size. Conversion of non-UTF-8 input is done by ICU.
 *
 * Invalid bytes are an error that names their byte offset, unless the
 * decoder is lenient: then each bad sequence becomes U+FFFD and is counted.
 */
#ifndef ZHENGCE_DECODE_H
#define ZHENGCE_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "zhengce/buf.h"

enum zc_encoding {
	ZC_ENC_AUTO = 0,
	ZC_ENC_UTF8,
	ZC_ENC_GB18030,
	ZC_ENC_UTF16LE,
	ZC_ENC_UTF16BE,
};

enum {
	ZC_DECODE_LENIENT = 1 << 0, /* replace bad bytes with U+FFFD instead of failing */
};

/* Where and why decoding (or a later stage) complained. */
struct zc_diag {
	size_t offset;      /* byte offset in the input of the first problem */
	size_t count;       /* problems seen (lenient mode) */
	char message[200];  /* human-readable, English */
};

struct zc_decoder;

/* Name of an encoding ("UTF-8", "GB18030", …). */
const char *zc_encoding_name(enum zc_encoding enc);
/* Parse a charset label (utf-8, gbk, gb2312, gb18030, utf-16le…); ZC_ENC_AUTO if unknown. */
enum zc_encoding zc_encoding_from_label(const char *label, size_t len);

/*
 * Create a decoder. enc forces an encoding (ZC_ENC_AUTO: detect).
 * Returns NULL when out of memory. Free with zc_decoder_free().
 */
struct zc_decoder *zc_decoder_new(enum zc_encoding enc, unsigned flags);
void zc_decoder_free(struct zc_decoder *d);

/*
 * Convert the next block of input and append UTF-8 to out. Pass last=true
 * with the final block (it may be empty). A sequence cut by the block end is
 * kept for the next call. Returns 0 on success, -EILSEQ on invalid input
 * (diag says where; out keeps what was decoded before), -EMEDIUMTYPE for
 * binary data, -ENOMEM/-E2BIG. In lenient mode invalid bytes are counted in
 * diag->count and never fail.
 */
int zc_decoder_feed(struct zc_decoder *d, const void *in, size_t len, bool last, struct zc_buf *out,
		    struct zc_diag *diag);

/* The encoding in use (ZC_ENC_AUTO before the first feed). */
enum zc_encoding zc_decoder_encoding(const struct zc_decoder *d);

/* One-shot helper: decode a whole buffer. Same results as zc_decoder_feed. */
int zc_decode(const void *in, size_t len, enum zc_encoding enc, unsigned flags, struct zc_buf *out,
	      enum zc_encoding *ret_enc, struct zc_diag *diag);

#endif
