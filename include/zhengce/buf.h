/*
 * buf.h: the one growable byte buffer of zhengce.
 *
 * Invariants, always true between calls:
 *   - data is NULL (len == 0, nothing allocated) or points to cap bytes;
 *   - data[len] == '\0' whenever data != NULL, so data is a C string
 *     when the content holds no NUL;
 *   - len never exceeds max (the hard limit set at init; 0 means the default
 *     ZC_BUF_DEFAULT_MAX). An append that would pass max fails with
 *     -E2BIG and frees the buffer (a buffer that overflowed is poison:
 *     the caller must not use a half-appended value).
 * A zeroed struct is a valid empty buffer with the default limit.
 */
#ifndef ZHENGCE_BUF_H
#define ZHENGCE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#define ZC_BUF_DEFAULT_MAX ((size_t)1 << 30)

struct zc_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

#define ZC_MUST_CHECK __attribute__((warn_unused_result))

/* Start an empty buffer that may grow to max bytes (0: the default). Cannot fail. */
void zc_buf_init(struct zc_buf *b, size_t max);

/* Free the storage and leave an empty buffer with the same limit. Accepts NULL. */
void zc_buf_free(struct zc_buf *b);

/* Drop the content but keep the storage for reuse. */
void zc_buf_reset(struct zc_buf *b);

/* Make sure len + extra bytes fit. Returns 0, -ENOMEM or -E2BIG (buffer freed). */
ZC_MUST_CHECK int zc_buf_grow(struct zc_buf *b, size_t extra);

/* Append len bytes. Returns 0, -ENOMEM, or -E2BIG (the buffer is then freed).
 * Inline: the room check is all most appends need. */
ZC_MUST_CHECK static inline int zc_buf_add(struct zc_buf *b, const void *data, size_t len)
{
	if (!b->data || b->len + len + 1 > b->cap || b->len + len > (b->max ? b->max : ZC_BUF_DEFAULT_MAX)) {
		int r = zc_buf_grow(b, len);
		if (r < 0)
			return r;
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}
ZC_MUST_CHECK int zc_buf_adds(struct zc_buf *b, const char *s);
ZC_MUST_CHECK int zc_buf_addc(struct zc_buf *b, char c);
ZC_MUST_CHECK int zc_buf_addf(struct zc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
ZC_MUST_CHECK int zc_buf_vaddf(struct zc_buf *b, const char *fmt, va_list ap);

/* Shorten the content to len bytes (len <= b->len). */
void zc_buf_truncate(struct zc_buf *b, size_t len);

/*
 * Hand the content over: returns a NUL-terminated malloc'd string (never NULL
 * on success; an empty buffer gives ""), which you now own and release with
 * free(3). The buffer is left empty. Returns NULL only when out of memory.
 */
char *zc_buf_detach(struct zc_buf *b);

/* Duplicate len bytes into a new NUL-terminated string (free(3) it). NULL on ENOMEM. */
char *zc_strndup(const char *s, size_t len);

#endif
