/* vec.c: growable arrays (see vec.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/vec.h"
#include "banned.h"

void *zc_vec_push(struct zc_vec *v, const void *item)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4;
		void *p = realloc(v->items, cap * v->size);
		if (!p)
			return NULL;
		v->items = p;
		v->cap = cap;
	}
	void *slot = (char *)v->items + v->n * v->size;
	memcpy(slot, item, v->size);
	v->n++;
	return slot;
}

void zc_vec_free(struct zc_vec *v)
{
	if (!v)
		return;
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
}

int zc_strv_addn(struct zc_strv *sv, const char *s, size_t len)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 4;
		char **p = realloc(sv->v, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		sv->v = p;
		sv->cap = cap;
	}
	char *copy = zc_strndup(s, len);
	if (!copy)
		return -ENOMEM;
	sv->v[sv->n++] = copy;
	return 0;
}

int zc_strv_add(struct zc_strv *sv, const char *s)
{
	return zc_strv_addn(sv, s, strlen(s));
}

bool zc_strv_has(const struct zc_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

int zc_strv_add_unique(struct zc_strv *sv, const char *s)
{
	return zc_strv_has(sv, s) ? 0 : zc_strv_add(sv, s);
}

void zc_strv_free(struct zc_strv *sv)
{
	if (!sv)
		return;
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
