/*
 * jsonutil.h: what jansson lacks and the library needs (internal).
 */
#ifndef ZC_JSONUTIL_H
#define ZC_JSONUTIL_H

#include <stddef.h>

#include <jansson.h>

/*
 * Sort the elements of array in place with cmp (called on json_t *
 * pointers, as qsort() passes them: const void * to a json_t *), keeping
 * the first limit (0: all). Returns 0 or -ENOMEM (the array unchanged).
 */
int zc_json_array_sort(json_t *array, int (*cmp)(const void *, const void *), size_t limit);

#endif
