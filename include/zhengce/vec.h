/*
 * vec.h: a growable array of fixed-size items, and a list of owned strings.
 *
 * struct zc_vec holds n items of `size` bytes each in one malloc'd block.
 * A zeroed vec with .size set is valid and empty. Items are copied in by
 * value; the vec never looks inside them (freeing what they point to is the
 * owner's job). struct zc_strv is a vec of malloc'd char * it owns.
 */
#ifndef ZHENGCE_VEC_H
#define ZHENGCE_VEC_H

#include <stdbool.h>
#include <stddef.h>

#include "zhengce/buf.h"

struct zc_vec {
	void *items;
	size_t n;
	size_t cap;
	size_t size;
};

#define ZC_VEC_INIT(type) {NULL, 0, 0, sizeof(type)}
#define ZC_VEC_AT(v, type, i) (((type *)(v)->items)[i])

/* Append a copy of *item. Returns a pointer to the stored copy, NULL on ENOMEM. */
void *zc_vec_push(struct zc_vec *v, const void *item);
/* Free the block (not what items point to). Accepts NULL. */
void zc_vec_free(struct zc_vec *v);

struct zc_strv {
	char **v;
	size_t n;
	size_t cap;
};

/* Append a copy of s[0..len). Returns 0 or -ENOMEM. */
ZC_MUST_CHECK int zc_strv_addn(struct zc_strv *sv, const char *s, size_t len);
ZC_MUST_CHECK int zc_strv_add(struct zc_strv *sv, const char *s);
/* Like zc_strv_add, but does nothing when an equal string is already there. */
ZC_MUST_CHECK int zc_strv_add_unique(struct zc_strv *sv, const char *s);
bool zc_strv_has(const struct zc_strv *sv, const char *s);
/* Free every string and the array. Accepts NULL. */
void zc_strv_free(struct zc_strv *sv);

#endif
