/*
 * buf.c: the growable buffer (see buf.h for its invariants).
 * Growth doubles the capacity, so appending n bytes costs O(n) amortised.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/buf.h"
#include "banned.h"

void zc_buf_init(struct zc_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : ZC_BUF_DEFAULT_MAX;
}

void zc_buf_free(struct zc_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void zc_buf_reset(struct zc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int zc_buf_grow(struct zc_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : ZC_BUF_DEFAULT_MAX;
	if (extra > max || b->len > max - extra) {
		zc_buf_free(b);
		return -E2BIG;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		zc_buf_free(b);
		return -ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	b->data[b->len] = '\0'; /* the invariant holds from the first allocation on */
	return 0;
}

int zc_buf_adds(struct zc_buf *b, const char *s)
{
	return zc_buf_add(b, s, strlen(s));
}

int zc_buf_addc(struct zc_buf *b, char c)
{
	return zc_buf_add(b, &c, 1);
}

int zc_buf_vaddf(struct zc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -EINVAL;
	int r = zc_buf_grow(b, (size_t)n);
	if (r < 0)
		return r;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int zc_buf_addf(struct zc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = zc_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return r;
}

void zc_buf_truncate(struct zc_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

char *zc_buf_detach(struct zc_buf *b)
{
	char *s = b->data;
	if (!s) {
		s = malloc(1);
		if (!s)
			return NULL;
		s[0] = '\0';
	}
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

char *zc_strndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
