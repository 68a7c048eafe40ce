/*
 * pipeline.h: the whole chain, source bytes → notices with key elements.
 *
 *   decode (bytes → UTF-8) → html (pages → text) → clean (normalise) →
 *   furniture (drop page furniture) → split (notices) → reflow
 *   (paragraphs) → extract (key elements) → your callback
 *
 * Input is read in blocks and processed in windows of a few megabytes,
 * notice by notice, so memory stays bounded whatever the input size: a
 * notice cut by a window's end is carried over to the next window. HTML
 * pages are read whole (they are small; ZC_HTML_MAX bounds them).
 */
#ifndef ZHENGCE_PIPELINE_H
#define ZHENGCE_PIPELINE_H

#include <stdio.h>

#include "zhengce/decode.h"
#include "zhengce/notice.h"

#define ZC_WINDOW_DEFAULT ((size_t)4 << 20)
#define ZC_HTML_MAX ((size_t)64 << 20)

/* Called for each notice, in input order. The notice is freed after the call
 * returns. Return 0 to go on, non-zero to stop (zc_process_* then returns it). */
typedef int (*zc_notice_fn)(struct zc_notice *n, void *arg);

/* Called for problems that do not stop processing (lenient decoding, a notice
 * longer than a window). offset is a byte offset in the normalised input. */
typedef void (*zc_warn_fn)(const char *source, size_t offset, const char *message, void *arg);

struct zc_options {
	enum zc_encoding encoding; /* ZC_ENC_AUTO: detect */
	unsigned decode_flags;     /* ZC_DECODE_LENIENT … */
	const char *today;         /* "YYYY-MM-DD" or NULL */
	size_t window;             /* bytes per window; 0: ZC_WINDOW_DEFAULT; at least 64 */
	zc_warn_fn warn;           /* may be NULL */
	void *warn_arg;
};

/*
 * Process everything readable from f. name is the source name recorded in
 * each notice (NULL: stdin). Returns 0; the callback's non-zero value; or a
 * negative errno: -EILSEQ / -EMEDIUMTYPE for undecodable input (diag says
 * where; notices before the problem have been delivered), -EIO for a read
 * error, -ENOMEM, -E2BIG (an HTML page over ZC_HTML_MAX).
 */
int zc_process_file(FILE *f, const char *name, const struct zc_options *opts, zc_notice_fn fn,
		    void *arg, struct zc_diag *diag);

/* Same, from memory. */
int zc_process_buffer(const void *data, size_t len, const char *name, const struct zc_options *opts,
		      zc_notice_fn fn, void *arg, struct zc_diag *diag);

#endif
