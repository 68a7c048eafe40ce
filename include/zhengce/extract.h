/*
 * extract.h: stage 4 of the pipeline, a notice's text → its key elements.
 *
 * Input is one notice as reflowed paragraphs (one per line), in an analysis
 * copy (simplified characters) and an aligned display copy. The extractors
 * lean on the layout of a 公文 (GB/T 9704-2012): title, then 文号, then the
 * addressee (主送机关) line ending in a colon, the body, the 附件说明, the
 * signature (发文机关署名) and its date (成文日期), then 抄送 and notes.
 * Real pages bend it (mirrors, metadata blocks, 公示 without signature), so
 * each element also has fall-backs, documented in its extractor.
 */
#ifndef ZHENGCE_EXTRACT_H
#define ZHENGCE_EXTRACT_H

#include <stddef.h>

#include "zhengce/notice.h"

struct zc_extract_opts {
	const char *today; /* "YYYY-MM-DD": reference date when a notice gives none; NULL: none */
};

/*
 * Extract the key elements of one notice into *n (initialised by the
 * caller; fields already set, such as category or source, are kept).
 * analysis/display: NUL-terminated, valid UTF-8, same paragraph count.
 * Returns 0, -ENOMEM, or -EILSEQ when the text is not valid UTF-8.
 */
int zc_extract(const char *analysis, const char *display, const struct zc_extract_opts *opts,
	       struct zc_notice *n);

#endif
