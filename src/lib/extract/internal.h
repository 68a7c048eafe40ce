/*
 * internal.h: the state shared by the extractors of one notice (internal).
 *
 * The notice text arrives reflowed: one paragraph per line, in an analysis
 * copy (simplified characters) and an aligned display copy. Extractors run
 * in a fixed order (see extract.c), each reading what earlier ones found
 * (the signature position, the notice's own date) and filling its fields
 * of struct zc_notice.
 */
#ifndef ZC_EXTRACT_INTERNAL_H
#define ZC_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "zhengce/extract.h"
#include "zhengce/notice.h"
#include "doc.h"
#include "re.h"

struct zc_ctx {
	const char *text; /* analysis text, '\n' between paragraphs, NUL-terminated */
	size_t len;
	const char *dtext; /* display text, aligned paragraph by paragraph */
	size_t dlen;
	struct zc_span *paras; /* analysis paragraphs */
	struct zc_span *dparas; /* display paragraphs */
	size_t npara;
	size_t head_end;  /* first paragraph after the title block (title, 文号, metadata) */
	size_t body_start; /* first paragraph of the body (after the addressee, if any) */
	size_t sig_date;  /* paragraph of the signature date, SIZE_MAX if none */
	size_t sig_first; /* first paragraph of the signature block (issuer lines) */
	size_t end;       /* paragraphs from here on are page chrome after the notice */
	size_t appended;  /* paragraphs from here on are a notice printed after this one's text
			   * under "附：" (one it forwards) when no 落款 comes before; SIZE_MAX if none */
	zc_date ref_date; /* reference date for years left out (issued_on, else a date in the text) */
	zc_date today;    /* the date given by the caller, "" if none */
	size_t title_from_attachment; /* paragraph of an "附件:title" line used as the title, else SIZE_MAX */
	size_t title_para; /* paragraph where the title was found (0 when none): what is above it is page chrome */
	struct zc_notice *n;
};

/*
 * zc_extract() for text already known to be valid UTF-8 (the pipeline's:
 * the decoder validated it and the later stages keep it valid).
 */
int zc_extract_valid(const char *analysis, const char *display, const struct zc_extract_opts *opts,
		     struct zc_notice *n);

/* Offset of paragraph i in ctx->text. */
static inline size_t zc_para_offset(const struct zc_ctx *ctx, size_t i)
{
	return (size_t)(ctx->paras[i].s - ctx->text);
}

/* The paragraph that holds byte offset off of ctx->text. */
size_t zc_para_at(const struct zc_ctx *ctx, size_t off);

/* Add s[0..len) to sv with surrounding white space and trailing punctuation trimmed, once. */
int zc_add_clean(struct zc_strv *sv, const char *s, size_t len);

/* Remove white space from s[0..len) into a new string (free it). NULL on ENOMEM. */
char *zc_squash(const char *s, size_t len);

/*
 * Append s[0..len) to out[0..*n), cap bytes of room, as snprintf's "%.*s"
 * would (s holds no NUL): what fits is copied, and *n counts every byte,
 * whether it fit or not. For short values built from match groups, with
 * no format string to parse. The caller terminates out when *n < cap.
 */
static inline void zc_append(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
	if (*n < cap)
		memcpy(out + *n, s, *n + len < cap ? len : cap - *n);
	*n += len;
}

/* The display text aligned with analysis range [off, off+len) when the copies align, else the analysis text. */
char *zc_display_of(const struct zc_ctx *ctx, size_t off, size_t len);

/* Extractors, in the order extract.c runs them. Each returns 0 or -ENOMEM. */
int zc_x_title(struct zc_ctx *ctx);
int zc_x_docno(struct zc_ctx *ctx);
int zc_x_signature(struct zc_ctx *ctx);
int zc_x_addressees(struct zc_ctx *ctx);
int zc_x_dates(struct zc_ctx *ctx);
int zc_x_contacts(struct zc_ctx *ctx);
int zc_x_attachments(struct zc_ctx *ctx);
int zc_x_conditions(struct zc_ctx *ctx);
int zc_x_amounts(struct zc_ctx *ctx);
int zc_x_regions(struct zc_ctx *ctx);
int zc_x_category(struct zc_ctx *ctx);

#endif
