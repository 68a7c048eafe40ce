/*
 * decode.c: encoding detection and conversion to UTF-8.
 *
 * Detection, in order: a BOM; the UTF-8 test (a block that is valid UTF-8
 * with three-byte characters, or whose multi-byte sequences are mostly well
 * formed, is UTF-8); otherwise GB18030, the superset of GBK and GB2312.
 * Labels (<meta charset>) are not trusted: pages mislabel GBK as UTF-8. NUL bytes outside UTF-16 mean binary data.
 * UTF-8 is validated here so that later stages can skip the check; other
 * encodings go through an ICU converter with a stop callback, so that we
 * see each invalid sequence and can report its offset or replace it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "zhengce/decode.h"
#include "utf8.h"
#include "banned.h"

struct zc_decoder {
	enum zc_encoding enc;
	unsigned flags;
	UConverter *cnv;
	size_t consumed;        /* input bytes handled so far */
	unsigned char tail[4];  /* UTF-8 sequence cut by the previous block */
	size_t tail_len;
	bool started;
};

const char *zc_encoding_name(enum zc_encoding enc)
{
	switch (enc) {
	case ZC_ENC_UTF8:
		return "UTF-8";
	case ZC_ENC_GB18030:
		return "GB18030";
	case ZC_ENC_UTF16LE:
		return "UTF-16LE";
	case ZC_ENC_UTF16BE:
		return "UTF-16BE";
	default:
		return "auto";
	}
}

enum zc_encoding zc_encoding_from_label(const char *s, size_t len)
{
	char l[24];
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < sizeof(l); i++)
		if (s[i] != '-' && s[i] != '_' && s[i] != ' ')
			l[n++] = (char)(s[i] | 0x20);
	l[n] = '\0';
	if (!strcmp(l, "utf8"))
		return ZC_ENC_UTF8;
	if (!strcmp(l, "gbk") || !strcmp(l, "gb2312") || !strcmp(l, "gb18030") || !strcmp(l, "cp936") ||
	    !strcmp(l, "euccn") || !strcmp(l, "xgbk") || !strcmp(l, "hz"))
		return ZC_ENC_GB18030;
	if (!strcmp(l, "utf16le") || !strcmp(l, "utf16"))
		return ZC_ENC_UTF16LE;
	if (!strcmp(l, "utf16be"))
		return ZC_ENC_UTF16BE;
	return ZC_ENC_AUTO;
}

#if defined(__SSE2__)
static inline unsigned mask_of(__m128i v)
{
	return (unsigned)_mm_movemask_epi8(v);
}

/* The number of bits set in a 16-bit mask (__builtin_popcount is a library
 * call without the POPCNT instruction, which x86-64 lacks as a baseline). */
static inline unsigned bits_set(unsigned x)
{
	x -= x >> 1 & 0x5555;
	x = (x & 0x3333) + (x >> 2 & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

/* The bytes of v above lo and below hi, both taken as signed, as a bit mask. */
static inline unsigned bytes_between(__m128i v, signed char lo, signed char hi)
{
	return mask_of(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo)), _mm_cmpgt_epi8(_mm_set1_epi8(hi), v)));
}
#endif

/*
 * The length of the start of p[0..len) made of characters that are surely
 * well formed, found sixteen bytes at a time: ASCII but NUL, two-byte
 * sequences, three-byte ones but those with lead byte E0 or ED (whose second
 * byte has a narrower range). Chinese text is made of these; anything else
 * (and the last bytes) is left to zc_utf8_seq(). Unless NULL, *ret_multi and
 * *ret_wide count the sequences of two bytes or more, and of three.
 */
static size_t plain_utf8(const unsigned char *p, size_t len, size_t *ret_multi, size_t *ret_wide)
{
	size_t i = 0, multi = 0, wide = 0;
#if defined(__SSE2__)
	unsigned carry = 0; /* continuation bytes due at the start of the block */
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned ascii = mask_of(_mm_cmpgt_epi8(v, _mm_setzero_si128()));     /* 01..7F */
		unsigned cont = mask_of(_mm_cmpgt_epi8(_mm_set1_epi8(-0x40), v));     /* 80..BF */
		unsigned lead2 = bytes_between(v, -0x3F, -0x20);                      /* C2..DF */
		unsigned lead3 = bytes_between(v, -0x20, -0x10) &                     /* E1..EF */
				 ~mask_of(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED))); /* but ED */
		/* Each lead byte is followed by as many continuation bytes as it needs, and
		 * there are no others. */
		unsigned due = carry | lead2 << 1 | lead3 << 1 | lead3 << 2;
		if ((ascii | cont | lead2 | lead3) != 0xFFFF || cont != (due & 0xFFFF))
			break;
		carry = due >> 16;
		if (ret_multi) {
			multi += bits_set(lead2 | lead3);
			wide += bits_set(lead3);
		}
	}
	if (carry) { /* the last block ended inside a character: back to its lead byte */
		do
			i--;
		while ((p[i] & 0xC0) == 0x80);
		multi--;
		wide -= p[i] >= 0xE0;
	}
#else
	(void)p, (void)len;
#endif
	if (ret_multi) {
		*ret_multi = multi;
		*ret_wide = wide;
	}
	return i;
}

static enum zc_encoding detect(const unsigned char *p, size_t len)
{
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return ZC_ENC_UTF8;
	if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return ZC_ENC_UTF16LE;
	if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return ZC_ENC_UTF16BE;
	size_t good, bad = 0, wide;
	for (size_t i = plain_utf8(p, len, &good, &wide); i < len;) {
		int n = zc_utf8_seq(p + i, len - i);
		if (n < 0)
			break;
		if (n == 0) {
			bad++;
			i++;
		} else {
			good += n > 1;
			wide += n > 2;
			i += (size_t)n;
		}
	}
	/* Chinese in UTF-8 is three bytes a character. Text whose only non-ASCII
	 * bytes pair up as two-byte sequences is GBK that happens to look like
	 * UTF-8 (通知 is CD A8 D6 AA in GBK). */
	if (bad == 0 && good > 0 && wide == 0)
		return ZC_ENC_GB18030;
	if (bad == 0)
		return ZC_ENC_UTF8;
	/* Mostly well-formed multi-byte sequences: UTF-8 with damage, reported as such. */
	if (good >= 4 * bad)
		return ZC_ENC_UTF8;
	/* Not UTF-8, whatever a <meta charset> claims (pages mislabel GBK as
	 * UTF-8 often): GB18030. (UTF-16 without a BOM is not detected.) */
	return ZC_ENC_GB18030;
}

struct zc_decoder *zc_decoder_new(enum zc_encoding enc, unsigned flags)
{
	struct zc_decoder *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->enc = enc;
	d->flags = flags;
	return d;
}

void zc_decoder_free(struct zc_decoder *d)
{
	if (!d)
		return;
	if (d->cnv)
		ucnv_close(d->cnv);
	free(d);
}

enum zc_encoding zc_decoder_encoding(const struct zc_decoder *d)
{
	return d->enc;
}

static int problem(struct zc_decoder *d, struct zc_diag *diag, size_t offset, const char *what)
{
	if (diag) {
		if (diag->count == 0) {
			diag->offset = offset;
			snprintf(diag->message, sizeof(diag->message), "%s at byte offset %zu (%s input)",
				 what, offset, zc_encoding_name(d->enc));
		}
		diag->count++;
	}
	return (d->flags & ZC_DECODE_LENIENT) ? 0 : -EILSEQ;
}

static const char replacement[] = "\xEF\xBF\xBD";

static int feed_utf8(struct zc_decoder *d, const unsigned char *p, size_t len, bool last,
		     struct zc_buf *out, struct zc_diag *diag)
{
	size_t i = 0, run = 0; /* run: start of the pending valid stretch */
	int r;
	while (i < len) {
		if ((i += plain_utf8(p + i, len - i, NULL, NULL)) >= len)
			break;
		if (p[i] < 0x80 && p[i] != 0) {
			i++;
			continue;
		}
		/* Fast path: a CJK ideograph (lead byte E4..E9, never overlong or a surrogate). */
		if (p[i] >= 0xE4 && p[i] <= 0xE9 && len - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		int n = p[i] ? zc_utf8_seq(p + i, len - i) : 0;
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		if ((r = zc_buf_add(out, p + run, i - run)) < 0)
			return r;
		if (n < 0 && !last) { /* cut by the block end: keep it */
			memcpy(d->tail, p + i, len - i);
			d->tail_len = len - i;
			d->consumed += i;
			return 0;
		}
		if (p[i] == 0) {
			if (!(d->flags & ZC_DECODE_LENIENT)) {
				if (diag) {
					diag->offset = d->consumed + i;
					snprintf(diag->message, sizeof(diag->message),
						 "binary data (NUL byte) at byte offset %zu", d->consumed + i);
				}
				return -EMEDIUMTYPE;
			}
		}
		r = problem(d, diag, d->consumed + i,
			    n < 0 ? "truncated UTF-8 sequence" : "invalid UTF-8 byte");
		if (r < 0)
			return r;
		if ((r = zc_buf_add(out, replacement, 3)) < 0)
			return r;
		i++;
		run = i;
	}
	d->consumed += len;
	return zc_buf_add(out, p + run, len - run);
}

static int feed_icu(struct zc_decoder *d, const unsigned char *p, size_t len, bool last,
		    struct zc_buf *out, struct zc_diag *diag)
{
	UErrorCode err = U_ZERO_ERROR;
	if (!d->cnv) {
		const char *name = d->enc == ZC_ENC_GB18030	? "GB18030"
				   : d->enc == ZC_ENC_UTF16LE ? "UTF-16LE"
							      : "UTF-16BE";
		d->cnv = ucnv_open(name, &err);
		if (U_FAILURE(err))
			return -ENOMEM;
		ucnv_setToUCallBack(d->cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
		if (U_FAILURE(err))
			return -ENOMEM;
	}
	const char *src = (const char *)p, *src_end = src + len;
	UChar u16[4096];
	int32_t offs[4096]; /* input offset (from call_base) of each UChar */
	UChar carry = 0; /* a lead surrogate the last round ended with: its pair comes next */
	for (;;) {
		UChar *t = u16;
		if (carry) {
			*t++ = carry;
			offs[0] = 0;
			carry = 0;
		}
		size_t call_base = (size_t)(src - (const char *)p);
		err = U_ZERO_ERROR;
		int32_t *o = offs + (t - u16);
		ucnv_toUnicode(d->cnv, &t, u16 + 4096, &src, src_end, o, last, &err);
		/* Output full with half a pair at its end: keep the lead for the next round. */
		if (err == U_BUFFER_OVERFLOW_ERROR && t > u16 && U16_IS_LEAD(t[-1]))
			carry = *--t;
		for (UChar *z = u16; z < t && !(d->flags & ZC_DECODE_LENIENT); z++)
			if (*z == 0) {
				size_t at = d->consumed + call_base +
					    (offs[z - u16] >= 0 ? (size_t)offs[z - u16] : 0);
				if (diag) {
					diag->offset = at;
					snprintf(diag->message, sizeof(diag->message),
						 "binary data (NUL character) at byte offset %zu", at);
				}
				return -EMEDIUMTYPE;
			}
		if (t > u16) {
			char u8[4096 * 3];
			int32_t n8 = 0;
			UErrorCode e2 = U_ZERO_ERROR;
			u_strToUTF8WithSub(u8, sizeof(u8), &n8, u16, (int32_t)(t - u16), 0xFFFD, NULL,
					   &e2);
			if (U_FAILURE(e2))
				return -EILSEQ;
			int r = zc_buf_add(out, u8, (size_t)n8);
			if (r < 0)
				return r;
		}
		size_t done = (size_t)(src - (const char *)p);
		if (err == U_BUFFER_OVERFLOW_ERROR)
			continue;
		if (U_FAILURE(err)) {
			char bad[32];
			int8_t blen = sizeof(bad);
			UErrorCode e3 = U_ZERO_ERROR;
			ucnv_getInvalidChars(d->cnv, bad, &blen, &e3);
			size_t at = d->consumed + done - (U_SUCCESS(e3) ? (size_t)blen : 0);
			int r = problem(d, diag, at,
					err == U_TRUNCATED_CHAR_FOUND ? "truncated character"
								      : "invalid byte sequence");
			if (r < 0)
				return r;
			if ((r = zc_buf_add(out, replacement, 3)) < 0)
				return r;
			if (src < src_end || last)
				continue;
		}
		break;
	}
	d->consumed += len;
	return 0;
}

int zc_decoder_feed(struct zc_decoder *d, const void *in, size_t len, bool last, struct zc_buf *out,
		    struct zc_diag *diag)
{
	const unsigned char *p = in;
	if (!d->started) {
		d->started = true;
		if (d->enc == ZC_ENC_AUTO)
			d->enc = detect(p, len);
		/* Skip a BOM: it carries no text. */
		if (d->enc == ZC_ENC_UTF8 && len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
			p += 3, len -= 3, d->consumed += 3;
		} else if ((d->enc == ZC_ENC_UTF16LE && len >= 2 && p[0] == 0xFF && p[1] == 0xFE) ||
			   (d->enc == ZC_ENC_UTF16BE && len >= 2 && p[0] == 0xFE && p[1] == 0xFF)) {
			p += 2, len -= 2, d->consumed += 2;
		}
	}
	if (d->enc != ZC_ENC_UTF8)
		return feed_icu(d, p, len, last, out, diag);
	if (d->tail_len) {
		/* Complete the sequence cut by the previous block, then go on. */
		unsigned char joined[8];
		size_t need = 0, have = d->tail_len;
		memcpy(joined, d->tail, have);
		while (have < sizeof(joined) && need < len) {
			joined[have++] = p[need++];
			if (zc_utf8_seq(joined, have) != -1)
				break;
		}
		d->tail_len = 0;
		int r = feed_utf8(d, joined, have, last && need == len, out, diag);
		if (r < 0)
			return r;
		p += need;
		len -= need;
		if (d->tail_len)
			return 0;
	}
	return feed_utf8(d, p, len, last, out, diag);
}

int zc_decode(const void *in, size_t len, enum zc_encoding enc, unsigned flags, struct zc_buf *out,
	      enum zc_encoding *ret_enc, struct zc_diag *diag)
{
	struct zc_decoder *d = zc_decoder_new(enc, flags);
	if (!d)
		return -ENOMEM;
	int r = zc_decoder_feed(d, in, len, true, out, diag);
	if (ret_enc)
		*ret_enc = d->enc;
	zc_decoder_free(d);
	return r;
}
