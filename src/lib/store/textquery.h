/*
 * textquery.h: a parsed query (query.h) run over the full-text index
 * (segment.h), internal to the SQLite store.
 *
 * The result is every live notice the query matches, with, for each term
 * of the query (its leaves: strings and prefixes, in the order of the
 * tree), the term's weighted frequency in the notice: 10 × occurrences in
 * the title + occurrences in the body, what BM25 ranks by. A string
 * occurs where its characters sit at consecutive positions of one
 * section (title or body), which is exactly where the folded text holds
 * it (tokens.h).
 */
#ifndef ZC_STORE_TEXTQUERY_H
#define ZC_STORE_TEXTQUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/segment.h"
#include "zhengce/query.h"

#define ZC_TITLE_WEIGHT 10

struct zc_text_hits {
	int nleaves;
	int64_t *ids;  /* n notices (ascending within a segment, segments one after the other) */
	uint32_t *tf;  /* n × nleaves weighted frequencies */
	size_t n, cap; /* notices, and room for them in ids */
	size_t tf_cap; /* room in tf (the arrays are reused by the next query, of any width) */
	int64_t df[ZC_QUERY_MAX_TERMS]; /* per leaf: live notices that hold it (counted only
					 * for a query with OR, the only one that ranks by it) */
};

/*
 * Run root over every segment of r (refreshed by the caller), counting as
 * live what live() says (stamp: its state, for the segments' caches).
 * 0, -ENOMEM, -EIO or -EBADMSG (a damaged index). hits is reset first.
 */
int zc_text_query(struct zc_ix_reader *r, const struct zc_qnode *root, uint64_t stamp, zc_ix_live_fn live,
		  void *arg, struct zc_text_hits *hits);
void zc_text_hits_free(struct zc_text_hits *h);

/* Does the query hold an OR? Only then are the leaves' document
 * frequencies counted (and BM25 weighs terms by them). */
bool zc_query_has_or(const struct zc_qnode *n);

#endif
