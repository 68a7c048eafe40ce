/*
 * title.h: what a notice title looks like (internal, shared by split and extract).
 *
 * A 公文 title (GB/T 9704-2012 7.2.4) names the issuer, the subject and the
 * kind of document: "XX关于YY的通知". Titles are often broken over two to
 * four lines, and mirrors wrap them in site names ("…的通知-XX区-政策-某网").
 */
#ifndef ZC_TITLE_H
#define ZC_TITLE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* The kind of document a title ends with. */
enum zc_title_kind {
	ZC_TITLE_NONE = 0,
	ZC_TITLE_DOCUMENT, /* 办法, 指南, 方案, 细则 …: can be an attachment's title */
	ZC_TITLE_NOTICE,   /* 通知, 公告, 公示, 通告, 决定, 批复, 函 …: a notice of its own */
};

/* The kind of title s[0..len) ends with (a trailing "..." counts as a notice title cut short). */
enum zc_title_kind zc_title_kind(const char *s, size_t len);

/*
 * Try to read a title from the spans parts[0..n): join consecutive short
 * fragments (no space) until the text ends with a title word. Stops at a
 * 文号, an addressee line, a list marker or a sentence. On success writes
 * the title to out (replacing its content) and returns the number of parts
 * used; returns 0 when parts[0] does not start a title.
 */
size_t zc_title_assemble(const struct zc_span *parts, size_t n, struct zc_buf *out);

/*
 * For a pattern anchored at the end of the text, of the form
 *     (?:WORD|WORD|…)(?:\s*[（(][^（）()]{1,N}[）)])?$      (N ≤ 30)
 * with words of at most `word` bytes: the earliest byte of s[0..len) where
 * a match can start. Such a match ends with its word where the text ends
 * or, when the text ends with a closing bracket, where the white space
 * before the nearest opening bracket starts (the note holds no bracket).
 * Searching from there finds every match there is, without trying the
 * pattern at each character of a long text. 0 when in doubt: a search
 * from 0 is always right. A final newline is left out ($ matches before it).
 */
size_t zc_tail_search_start(const char *s, size_t len, size_t word);

/* True when s[0..len) starts with a 文号 ("工信厅联装〔2019〕44号"). */
bool zc_is_docno_line(const char *s, size_t len);

/* Is s[0..len) the name of an issuing body alone ("某某市科学技术局"): no
 * separators, no site words? */
bool zc_is_issuer_line(const char *s, size_t len);

#endif
