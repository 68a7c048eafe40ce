/*
 * postings.c: encoding and decoding of posting lists (see postings.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "store/postings.h"
#include "banned.h"

int zc_varint_put(struct zc_buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;
	do {
		unsigned char c = v & 0x7F;
		v >>= 7;
		tmp[n++] = v ? c | 0x80 : c;
	} while (v);
	return zc_buf_add(b, tmp, n);
}

/* ---- writing ---- */

void zc_plist_writer_init(struct zc_plist_writer *w, bool positions)
{
	memset(w, 0, sizeof(*w));
	zc_buf_init(&w->docs, 0);
	zc_buf_init(&w->pos, 0);
	w->last = -1;
	w->positions = positions;
}

void zc_plist_writer_free(struct zc_plist_writer *w)
{
	zc_buf_free(&w->docs);
	zc_buf_free(&w->pos);
	free(w->skip);
	w->skip = NULL;
	w->nskip = w->skip_cap = 0;
}

int zc_plist_encode_positions(struct zc_buf *b, const uint32_t *pos, size_t n)
{
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		r = zc_varint_put(b, i ? pos[i] - pos[i - 1] : pos[i]);
	return r;
}

static int add_skip(struct zc_plist_writer *w, uint32_t last)
{
	if (w->nskip == w->skip_cap) {
		size_t cap = w->skip_cap ? w->skip_cap * 2 : 16;
		uint32_t *skip = realloc(w->skip, cap * 3 * sizeof(*skip));
		if (!skip)
			return -ENOMEM;
		w->skip = skip;
		w->skip_cap = cap;
	}
	uint32_t *e = w->skip + 3 * w->nskip++;
	e[0] = last;
	e[1] = (uint32_t)w->docs.len;
	e[2] = (uint32_t)w->pos.len;
	return 0;
}

int zc_plist_add(struct zc_plist_writer *w, uint32_t ord, uint32_t ntitle, uint32_t nbody, const void *pos,
		 size_t pos_len)
{
	int r = zc_varint_put(&w->docs, (uint64_t)((int64_t)ord - w->last - 1));
	if (r == 0)
		r = zc_varint_put(&w->docs, (uint64_t)nbody << 1 | (ntitle > 0));
	if (r == 0 && ntitle > 0)
		r = zc_varint_put(&w->docs, ntitle);
	if (r == 0 && w->positions)
		r = zc_buf_add(&w->pos, pos, pos_len);
	if (r < 0)
		return r;
	w->last = ord;
	if (++w->df % ZC_PLIST_BLOCK == 0)
		r = add_skip(w, ord);
	return r;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

int zc_plist_finish(const struct zc_plist_writer *w, struct zc_buf *out, struct zc_buf *pos)
{
	/* A skip entry after the very last notice points nowhere: leave it out. */
	size_t nskip = w->nskip && w->df % ZC_PLIST_BLOCK == 0 ? w->nskip - 1 : w->nskip;
	int r = zc_varint_put(out, w->df);
	if (r == 0)
		r = zc_varint_put(out, nskip);
	if (r == 0)
		r = zc_varint_put(out, w->docs.len);
	if (r == 0)
		r = zc_varint_put(out, w->pos.len);
	for (size_t i = 0; i < 3 * nskip && r == 0; i++) {
		unsigned char b[4];
		put_u32(b, w->skip[i]);
		r = zc_buf_add(out, b, sizeof(b));
	}
	if (r == 0)
		r = zc_buf_add(out, w->docs.data, w->docs.len);
	if (r == 0)
		r = zc_buf_add(pos, w->pos.data, w->pos.len);
	return r;
}

/* ---- reading ---- */

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int zc_plist_open(struct zc_plist *l, const void *blob, size_t len)
{
	const unsigned char *p = blob, *end = p + len;
	uint64_t df, nskip, docs_len, pos_len;
	if (!zc_varint_get(&p, end, &df) || !zc_varint_get(&p, end, &nskip) || !zc_varint_get(&p, end, &docs_len) ||
	    !zc_varint_get(&p, end, &pos_len) || df > UINT32_MAX || nskip > df / ZC_PLIST_BLOCK ||
	    docs_len > UINT32_MAX || pos_len > UINT32_MAX)
		return -EBADMSG;
	size_t rest = (size_t)(end - p);
	if (rest < 12 * nskip || rest - 12 * nskip != docs_len)
		return -EBADMSG;
	l->df = (uint32_t)df;
	l->nskip = (uint32_t)nskip;
	l->skip = p;
	l->docs = p + 12 * nskip;
	l->docs_end = l->docs + docs_len;
	l->pos = l->pos_end = NULL;
	l->pos_len = pos_len;
	for (uint32_t b = 0; b < l->nskip; b++) {
		const unsigned char *e = l->skip + 12 * b;
		if (get_u32(e + 4) > docs_len || get_u32(e + 8) > pos_len)
			return -EBADMSG;
	}
	return 0;
}

int zc_plist_positions(struct zc_plist *l, const void *pos, size_t len)
{
	if (len != l->pos_len || (len && !pos))
		return -EBADMSG;
	l->pos = len ? pos : (const unsigned char *)"";
	l->pos_end = l->pos + len;
	return 0;
}

void zc_pcursor_init(struct zc_pcursor *c, const struct zc_plist *l)
{
	memset(c, 0, sizeof(*c));
	c->l = l;
	c->d = l->docs;
	c->p = l->pos;
	c->index = UINT32_MAX; /* before the first */
	c->positions_read = true;
	c->at_end = l->df == 0;
}

/* Skip n varints of the positions stream: 16 bytes at a time while they
 * hold fewer than n ends of varints (bytes below 0x80), then byte by byte. */
static bool skip_varints(const unsigned char **p, const unsigned char *end, uint64_t n)
{
	const unsigned char *q = *p;
#if defined(__SSE2__)
	while (n > 16 && end - q >= 16) {
		/* The high bits, summed per half (0x80 each): the bytes that do not end a varint. */
		__m128i v = _mm_loadu_si128((const __m128i *)q);
		__m128i sums = _mm_sad_epu8(_mm_and_si128(v, _mm_set1_epi8((char)0x80)), _mm_setzero_si128());
		unsigned count = 16 - (((unsigned)_mm_cvtsi128_si32(sums) + (unsigned)_mm_extract_epi16(sums, 4)) >> 7);
		if (count >= n)
			break;
		n -= count;
		q += 16;
	}
#endif
	while (n > 0) {
		if (q >= end)
			return false;
		n -= !(*q++ & 0x80);
	}
	*p = q;
	return true;
}

/* Decode the entry at c->d as notice index, after ordinal prev. */
static int read_entry(struct zc_pcursor *c, int64_t prev)
{
	uint64_t gap, code, ntitle = 0;
	const unsigned char *end = c->l->docs_end;
	if (!zc_varint_get(&c->d, end, &gap) || !zc_varint_get(&c->d, end, &code) ||
	    ((code & 1) && !zc_varint_get(&c->d, end, &ntitle)))
		return -EBADMSG;
	if (gap > UINT32_MAX)
		return -EBADMSG;
	int64_t ord = prev + 1 + (int64_t)gap;
	if (ord > UINT32_MAX || (code >> 1) > UINT32_MAX || ntitle > UINT32_MAX || ((code & 1) && ntitle == 0))
		return -EBADMSG;
	/* Each position takes a byte at least: larger counts are damage (and
	 * would make callers allocate for them). Word lists have none. */
	if (c->l->pos_len && (code >> 1) + ntitle > c->l->pos_len)
		return -EBADMSG;
	c->ord = (uint32_t)ord;
	c->nbody = (uint32_t)(code >> 1);
	c->ntitle = (uint32_t)ntitle;
	c->positions_read = false;
	return 1;
}

int zc_pcursor_next(struct zc_pcursor *c)
{
	if (c->at_end)
		return 0;
	/* Positions passed over are skipped only when some are wanted, all at once. */
	if (c->index != UINT32_MAX && !c->positions_read)
		c->pending += (uint64_t)c->ntitle + c->nbody;
	uint32_t next = c->index + 1; /* wraps from "before the first" to 0 */
	if (next >= c->l->df) {
		c->at_end = true;
		return 0;
	}
	int64_t prev = c->index == UINT32_MAX ? -1 : (int64_t)c->ord;
	c->index = next;
	return read_entry(c, prev);
}

int zc_pcursor_seek(struct zc_pcursor *c, uint32_t ord)
{
	if (c->at_end)
		return 0;
	if (c->index != UINT32_MAX && c->ord >= ord)
		return 1;
	/* Jump to the block holding ord when it lies past the current one. */
	uint32_t block = c->index == UINT32_MAX ? 0 : c->index / ZC_PLIST_BLOCK, b = block;
	if (b < c->l->nskip && get_u32(c->l->skip + 12 * b) < ord) {
		/* Gallop to a block whose last ordinal reaches ord, then halve back to the first. */
		uint32_t step = 1, lo = b;
		while (b < c->l->nskip && get_u32(c->l->skip + 12 * b) < ord) {
			lo = b;
			b = c->l->nskip - b > step ? b + step : c->l->nskip;
			step *= 2;
		}
		while (lo + 1 < b) { /* skip[lo] < ord, and b is nskip or skip[b] >= ord */
			uint32_t mid = lo + (b - lo) / 2;
			if (get_u32(c->l->skip + 12 * mid) < ord)
				lo = mid;
			else
				b = mid;
		}
	}
	if (b > block) {
		const unsigned char *e = c->l->skip + 12 * (b - 1);
		c->d = c->l->docs + get_u32(e + 4);
		c->p = c->l->pos ? c->l->pos + get_u32(e + 8) : NULL;
		c->pending = 0;
		c->index = b * ZC_PLIST_BLOCK - 1;
		c->ord = get_u32(e);
		c->positions_read = true;
	}
	int r;
	while ((r = zc_pcursor_next(c)) == 1 && c->ord < ord)
		;
	return r;
}

/* Decode n positions (gaps after the first) into out as starts: those at
 * or past k, less k (*kept of them). Positions past UINT32_MAX only come
 * from a damaged list: refused. One-byte gaps take the fast path. */
static bool read_starts(const unsigned char **pp, const unsigned char *end, uint32_t k, uint32_t *out, uint32_t n,
			uint32_t *kept)
{
	const unsigned char *p = *pp;
	uint64_t at = 0, v;
	uint32_t w = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (p < end && *p < 0x80)
			v = *p++;
		else if (!zc_varint_get(&p, end, &v))
			return false;
		at += v;
		if (at > UINT32_MAX)
			return false;
		out[w] = (uint32_t)at - k;
		w += at >= k;
	}
	*kept = w;
	*pp = p;
	return true;
}

/* Decode n positions (gaps after the first) into out. */
static bool read_positions(const unsigned char **pp, const unsigned char *end, uint32_t *out, uint32_t n)
{
	uint32_t kept;
	return read_starts(pp, end, 0, out, n, &kept);
}

/* Bring c->p to the current notice's positions. */
static bool catch_up(struct zc_pcursor *c)
{
	if (c->positions_read || c->at_end || c->index == UINT32_MAX || !skip_varints(&c->p, c->l->pos_end, c->pending))
		return false;
	c->pending = 0;
	return true;
}

int zc_pcursor_positions(struct zc_pcursor *c, uint32_t *title, uint32_t *body)
{
	if (!catch_up(c))
		return -EBADMSG;
	if (!read_positions(&c->p, c->l->pos_end, title, c->ntitle) ||
	    !read_positions(&c->p, c->l->pos_end, body, c->nbody))
		return -EBADMSG;
	c->positions_read = true;
	return 0;
}

#if defined(__SSE2__)
/*
 * 16 one-byte gaps at p as their running sums (positions past the one
 * before them), in two vectors of 8 u16; false when a longer varint is
 * among them or fewer than 16 bytes are left.
 */
static bool block_sums(const unsigned char *p, const unsigned char *end, __m128i *lo, __m128i *hi)
{
	if (end - p < 16)
		return false;
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	if (_mm_movemask_epi8(v))
		return false;
	__m128i z = _mm_setzero_si128();
	__m128i a = _mm_unpacklo_epi8(v, z), b = _mm_unpackhi_epi8(v, z);
	a = _mm_add_epi16(a, _mm_slli_si128(a, 2));
	a = _mm_add_epi16(a, _mm_slli_si128(a, 4));
	a = _mm_add_epi16(a, _mm_slli_si128(a, 8));
	b = _mm_add_epi16(b, _mm_slli_si128(b, 2));
	b = _mm_add_epi16(b, _mm_slli_si128(b, 4));
	b = _mm_add_epi16(b, _mm_slli_si128(b, 8));
	__m128i last = _mm_shufflehi_epi16(a, 0xFF); /* lane 7 of a, everywhere */
	b = _mm_add_epi16(b, _mm_unpackhi_epi64(last, last));
	*lo = a;
	*hi = b;
	return true;
}
#endif

/*
 * One section of zc_pcursor_follow(): npos positions at *pp. Runs of 16
 * one-byte gaps are taken at once: their positions as running sums, each
 * possible start's target compared with all 16. Positions past the last
 * start's are not read: *left of them.
 */
static bool follow_section(const unsigned char **pp, const unsigned char *end, uint32_t npos, uint32_t k,
			   uint32_t *cand, uint32_t *ncand, uint32_t *left)
{
	const unsigned char *p = *pp;
	uint64_t at = 0, v;
	uint32_t i = 0, kept = 0, j = 0;
	while (j < npos && i < *ncand) {
#if defined(__SSE2__)
		__m128i lo, hi;
		if (npos - j >= 16 && block_sums(p, end, &lo, &hi)) {
			uint64_t last = at + (uint16_t)_mm_extract_epi16(hi, 7);
			for (; i < *ncand && (uint64_t)cand[i] + k <= last; i++) {
				uint64_t target = (uint64_t)cand[i] + k;
				if (target < at)
					continue; /* before this block: not followed */
				__m128i want = _mm_set1_epi16((short)(uint16_t)(target - at));
				if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi16(lo, want), _mm_cmpeq_epi16(hi, want))))
					cand[kept++] = cand[i];
			}
			at = last;
			p += 16;
			j += 16;
			if (at > UINT32_MAX)
				return false;
			continue;
		}
#endif
		if (p < end && *p < 0x80)
			v = *p++;
		else if (!zc_varint_get(&p, end, &v))
			return false;
		j++;
		at += v;
		if (at > UINT32_MAX)
			return false;
		while (i < *ncand && (uint64_t)cand[i] + k < at)
			i++;
		if (i < *ncand && (uint64_t)cand[i] + k == at)
			cand[kept++] = cand[i++];
	}
	*ncand = kept;
	*left = npos - j;
	*pp = p;
	return true;
}

/* One section of zc_pcursor_follow(), npos positions: followed when starts
 * are left (after the *skip varints before it), else passed over (added to
 * *skip); *skip is then what is left to pass. */
static bool follow_or_pass(struct zc_pcursor *c, uint32_t npos, uint32_t k, uint32_t *cand, uint32_t *ncand,
			   uint64_t *skip)
{
	uint32_t left;
	if (*ncand == 0) {
		*skip += npos;
		return true;
	}
	if (!skip_varints(&c->p, c->l->pos_end, *skip) ||
	    !follow_section(&c->p, c->l->pos_end, npos, k, cand, ncand, &left))
		return false;
	*skip = left;
	return true;
}

int zc_pcursor_follow(struct zc_pcursor *c, uint32_t k, uint32_t *title, uint32_t *ntitle, uint32_t *body,
		      uint32_t *nbody)
{
	if (c->positions_read || c->at_end || c->index == UINT32_MAX)
		return -EBADMSG;
	/* Positions not looked at are left pending, to be skipped in one run when some are wanted. */
	uint64_t skip = c->pending;
	if (!follow_or_pass(c, c->ntitle, k, title, ntitle, &skip) || !follow_or_pass(c, c->nbody, k, body, nbody, &skip))
		return -EBADMSG;
	c->pending = skip;
	c->positions_read = true;
	return 0;
}

int zc_pcursor_starts(struct zc_pcursor *c, uint32_t k, uint32_t *title, uint32_t *ntitle, uint32_t *body,
		      uint32_t *nbody)
{
	if (!catch_up(c) || !read_starts(&c->p, c->l->pos_end, k, title, c->ntitle, ntitle) ||
	    !read_starts(&c->p, c->l->pos_end, k, body, c->nbody, nbody))
		return -EBADMSG;
	c->positions_read = true;
	return 0;
}

int zc_pcursor_raw_positions(struct zc_pcursor *c, const unsigned char **pos, size_t *len)
{
	if (!catch_up(c))
		return -EBADMSG;
	const unsigned char *start = c->p;
	if (!skip_varints(&c->p, c->l->pos_end, (uint64_t)c->ntitle + c->nbody))
		return -EBADMSG;
	*pos = start;
	*len = (size_t)(c->p - start);
	c->positions_read = true;
	return 0;
}
