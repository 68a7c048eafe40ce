/*
 * jsonutil.c: sorting a jansson array (see jsonutil.h).
 */
#include <errno.h>
#include <stdlib.h>

#include "jsonutil.h"
#include "banned.h"

int zc_json_array_sort(json_t *array, int (*cmp)(const void *, const void *), size_t limit)
{
	size_t n = json_array_size(array);
	json_t **v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(array, i));
	qsort(v, n, sizeof(*v), cmp);
	json_array_clear(array);
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		if (r == 0 && (!limit || i < limit) && json_array_append(array, v[i]) < 0)
			r = -ENOMEM;
		json_decref(v[i]);
	}
	free(v);
	return r;
}
