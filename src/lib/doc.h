/*
 * doc.h: the text of one input (or one window of a large input) as lines,
 * shared by the stages between clean and extract (internal).
 *
 * Two aligned copies of the text are kept: `display`, normalised but in the
 * script the source used, and `analysis`, the same with traditional
 * characters folded to simplified. They have the same lines; stages decide
 * on the analysis copy and output the display copy. Each line records its
 * trimmed span in both copies and what earlier stages found out about it.
 */
#ifndef ZC_DOC_H
#define ZC_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "zhengce/buf.h"
#include "zhengce/vec.h"

enum {
	ZC_LINE_BLANK = 1 << 0,      /* nothing but white space */
	ZC_LINE_FURNITURE = 1 << 1,  /* page furniture or site chrome: belongs to no notice */
	ZC_LINE_SECTION = 1 << 2,    /* a digest section tag such as [申报通知] */
	ZC_LINE_PAGE_BREAK = 1 << 3, /* furniture that marks a page break */
	ZC_LINE_CHROME = 1 << 4,     /* site chrome (copyright, share bar …): after a signature, the page is over */
	ZC_LINE_FOLDED = 1 << 5,     /* traditional characters were folded: the copies differ */
};

struct zc_line {
	const char *s; /* analysis text, trimmed; not NUL-terminated */
	size_t len;
	const char *d; /* display text, trimmed */
	size_t dlen;
	size_t offset; /* byte offset of the line in the display text */
	size_t width;  /* display columns (CJK = 2) */
	unsigned indent; /* leading spaces before trimming */
	unsigned flags;
};

struct zc_doc {
	struct zc_buf display;
	struct zc_buf analysis;
	struct zc_vec lines; /* struct zc_line */
	size_t wrap_width;   /* typical width of a full line; 0 when lines are not hard-wrapped */
	bool double_spaced;  /* a blank line after nearly every line: blanks are not breaks */
	size_t base_offset;  /* offset of this window in the whole input */
	size_t base_line;    /* number of lines before this window */
	bool simplified;     /* set by the caller when the text is known to hold no traditional
			      * character: zc_doc_load then skips looking for them */
};

#define ZC_LINE(doc, i) (&ZC_VEC_AT(&(doc)->lines, struct zc_line, (i)))

/* A span of text (not NUL-terminated). */
struct zc_span {
	const char *s;
	size_t len;
};

/* Initialise an empty doc. */
void zc_doc_init(struct zc_doc *doc);
/* Free everything the doc owns. Accepts NULL. */
void zc_doc_free(struct zc_doc *doc);
/*
 * Fill doc from normalised display text (takes a copy): builds the analysis
 * copy (traditional → simplified), splits both into lines and measures them.
 * Returns 0 or a negative errno.
 */
int zc_doc_load(struct zc_doc *doc, const char *text, size_t len);

/* Mark page furniture and site chrome (furniture.c). */
void zc_furniture_mark(struct zc_doc *doc);

/*
 * Is s[0..len) a digest's section tag ("[政策文件]", "【申报通知】")? Then
 * *name and *name_len give the name inside the brackets. A label with its
 * value ("[ 来源：财务处 ]") is none.
 */
bool zc_section_tag(const char *s, size_t len, const char **name, size_t *name_len);

/* Measure wrap width and spacing, for reflow (reflow.c). */
void zc_reflow_measure(struct zc_doc *doc);

/*
 * Join lines [first, last) into paragraphs: lines wrapped inside a sentence
 * are joined without a space; list items, headings, signature lines and
 * page breaks start new paragraphs. Furniture and section lines are
 * skipped. Appends the analysis text to `analysis` and the display text to
 * `display` (NULL: not wanted, as when both copies are the same text), one
 * paragraph per line.
 */
int zc_reflow(const struct zc_doc *doc, size_t first, size_t last, struct zc_buf *analysis,
	      struct zc_buf *display);

/* True when the line starts with a list or section marker (一、 （一） 1. 1） ① 第一条 附件). */
bool zc_starts_with_marker(const char *s, size_t len);

#endif
