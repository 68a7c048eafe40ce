/*
 * query.h: the search query language, parsed by zhengce (never handed raw
 * to a database).
 *
 *   高新技术            a term: notices whose text contains the string
 *   "申报 通知"         a phrase: the exact string, spaces included
 *   高新 认定           space (or AND): both
 *   高新 OR 专精特新    either; OR binds tighter than AND, so
 *                       a b OR c means a AND (b OR c)
 *   高新 -公示          NOT: the first without the second
 *   ( … )              grouping
 *   smart*             prefix of an ASCII word (case-insensitive)
 *   cites:工信部联科〔2019〕123号   filters: notices citing this 文号
 *   doc:工信部联科〔2019〕123号     the notice with this 文号
 *
 * Terms and phrases match exactly as substrings of the notice's title or
 * clean text, after both are folded by zc_fold_char() (traditional →
 * simplified, full-width → ASCII). ASCII is case-sensitive except in
 * prefix terms.
 */
#ifndef ZHENGCE_QUERY_H
#define ZHENGCE_QUERY_H

#include <stddef.h>

#include "zhengce/vec.h"

enum zc_qkind {
	ZC_Q_TERM,   /* text: a string to find */
	ZC_Q_PREFIX, /* text: an ASCII word prefix, lower case */
	ZC_Q_AND,    /* left AND right */
	ZC_Q_OR,     /* left OR right */
	ZC_Q_NOT,    /* left AND NOT right */
};

/* At most this many terms (and prefixes) in a query. */
#define ZC_QUERY_MAX_TERMS 64

struct zc_qnode {
	enum zc_qkind kind;
	char *text; /* TERM, PREFIX: folded UTF-8 */
	struct zc_qnode *left, *right;
};

struct zc_query {
	struct zc_qnode *root;    /* NULL when the query has only filters (or is empty) */
	struct zc_strv terms;     /* folded strings of positive TERMs, for highlighting */
	struct zc_strv prefixes;  /* positive PREFIX words */
	struct zc_strv cites;     /* cites:文号 filters (normalised) */
	struct zc_strv doc_numbers; /* doc:文号 filters (normalised) */
};

struct zc_query_error {
	size_t offset;     /* byte offset in the query string */
	char message[160]; /* English, for people */
};

/*
 * Parse s (UTF-8). Returns 0; -EINVAL with err filled for bad syntax (an
 * unclosed quote or bracket, a query of negations only, a prefix that is
 * not an ASCII word, an empty phrase, more than ZC_QUERY_MAX_TERMS terms…);
 * -ENOMEM. q is always left valid
 * for zc_query_free().
 */
int zc_query_parse(const char *s, struct zc_query *q, struct zc_query_error *err);
void zc_query_free(struct zc_query *q);

/* Fold a string with zc_fold_char(): a new string (free(3) it), NULL on ENOMEM. */
char *zc_fold(const char *s, size_t len);

/* Normalise a 文号 as the extractor does: [] and （） → 〔〕, no spaces.
 * Writes at most cap bytes (NUL included); returns false when it does not fit. */
int zc_doc_number_normalize(const char *s, char *out, size_t cap);

#endif
