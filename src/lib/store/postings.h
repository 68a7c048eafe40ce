/*
 * postings.h: the posting list of one term in one index segment
 * (internal): the notices that hold the term, how often in the title and
 * in the body, and (for characters) at which positions.
 *
 * A notice is named by its ordinal in the segment (0, 1, …, in the order
 * of notice ids; segment.h maps ordinals to ids). A list is two blobs, so
 * that a query that needs no positions never reads them: the first holds
 * header, skip and docs, the second pos. The encoding, all integers
 * LEB128 varints unless said otherwise:
 *
 *   header   df, nskip, docs_len, pos_len
 *   skip     nskip entries of three little-endian u32: the last ordinal
 *            of block b (ZC_PLIST_BLOCK notices) and the offsets in docs
 *            and pos where block b + 1 starts
 *   docs     per notice: ordinal − previous ordinal − 1 (the previous of
 *            the first is −1); nbody << 1 | (ntitle > 0); ntitle when > 0
 *   pos      per notice, when the list has positions: the title's
 *            positions, then the body's, each ascending, the first as is
 *            and the others as the gap from the one before
 *
 * Readers check every length against the blob: a damaged list is an
 * error (-EBADMSG), never a read out of bounds.
 */
#ifndef ZC_STORE_POSTINGS_H
#define ZC_STORE_POSTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhengce/buf.h"

#define ZC_PLIST_BLOCK 128

/* ---- writing ---- */

struct zc_plist_writer {
	struct zc_buf docs, pos;
	uint32_t *skip; /* 3 per full block */
	size_t nskip, skip_cap;
	uint32_t df;
	int64_t last; /* last ordinal added; -1: none */
	bool positions;
};

void zc_plist_writer_init(struct zc_plist_writer *w, bool positions);
void zc_plist_writer_free(struct zc_plist_writer *w);

/*
 * Add notice ord (greater than any added before) holding the term ntitle
 * times in its title and nbody times in its body; pos (when the list has
 * positions) holds the encoded positions, title's then body's, as
 * zc_plist_encode_positions() writes them. 0 or -ENOMEM.
 */
int zc_plist_add(struct zc_plist_writer *w, uint32_t ord, uint32_t ntitle, uint32_t nbody, const void *pos,
		 size_t pos_len);

/* Append ascending positions to b in the list's encoding. 0 or -ENOMEM. */
int zc_plist_encode_positions(struct zc_buf *b, const uint32_t *pos, size_t n);

/* The finished list: its first blob appended to docs, its positions to pos. 0 or -ENOMEM. */
int zc_plist_finish(const struct zc_plist_writer *w, struct zc_buf *docs, struct zc_buf *pos);

/* ---- reading ---- */

struct zc_plist {
	const unsigned char *skip, *docs, *docs_end;
	const unsigned char *pos, *pos_end; /* NULL until zc_plist_positions() */
	uint32_t df, nskip;
	uint64_t pos_len;
};

/* Read the first blob of a list (len bytes). 0 or -EBADMSG. */
int zc_plist_open(struct zc_plist *l, const void *blob, size_t len);
/* Attach the list's positions (len bytes) before walking it. 0 or -EBADMSG. */
int zc_plist_positions(struct zc_plist *l, const void *pos, size_t len);

/* A walk through a list's notices, in ordinal order. */
struct zc_pcursor {
	const struct zc_plist *l;
	const unsigned char *d, *p; /* next notice's entry; positions, pending varints before the current one's */
	uint64_t pending;
	uint32_t index;             /* of the current notice in the list */
	uint32_t ord, ntitle, nbody;
	bool positions_read;        /* p is past the current notice's positions */
	bool at_end;
};

/* Start before the first notice. */
void zc_pcursor_init(struct zc_pcursor *c, const struct zc_plist *l);
/* Move to the next notice: 1, 0 at the end, -EBADMSG. Positions are
 * kept in step only when the list has them attached. */
int zc_pcursor_next(struct zc_pcursor *c);
/* Move to the first notice at or after ord (never backwards): 1, 0 at the end, -EBADMSG. */
int zc_pcursor_seek(struct zc_pcursor *c, uint32_t ord);
/*
 * The current notice's positions: title[0..ntitle) and body[0..nbody),
 * each of those sizes (once per notice). 0 or -EBADMSG. A caller sizing
 * the arrays first checks ntitle + nbody <= l->pos_len (a list whose
 * counts exceed its positions is damaged; word lists have none).
 */
int zc_pcursor_positions(struct zc_pcursor *c, uint32_t *title, uint32_t *body);
/*
 * The possible starts of a string that holds the character at offset k,
 * from the current notice's positions of it: title[0..*ntitle) and
 * body[0..*nbody) (room: ntitle and nbody), each position at or past k,
 * less k (once per notice). 0 or -EBADMSG.
 */
int zc_pcursor_starts(struct zc_pcursor *c, uint32_t k, uint32_t *title, uint32_t *ntitle, uint32_t *body,
		      uint32_t *nbody);
/*
 * Filter possible starts of a string by the current notice's positions of
 * one of its characters, at offset k in the string: keep the starts s of
 * title[0..*ntitle) with s + k among the title's positions, and the same
 * for body. Decodes only as far as the last start needs (the rest, and
 * a section without starts, is skipped only when the list's positions are
 * next wanted), once per notice. 0 or -EBADMSG.
 */
int zc_pcursor_follow(struct zc_pcursor *c, uint32_t k, uint32_t *title, uint32_t *ntitle, uint32_t *body,
		      uint32_t *nbody);
/* The current notice's encoded positions (for merges): *pos and *len. 0 or -EBADMSG. */
int zc_pcursor_raw_positions(struct zc_pcursor *c, const unsigned char **pos, size_t *len);

/* ---- varints ---- */

/* Append v as a varint. 0 or -ENOMEM. */
int zc_varint_put(struct zc_buf *b, uint64_t v);
/* Read a varint at *p (before end) into *v and advance *p; false when cut or too long. */
static inline bool zc_varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	const unsigned char *q = *p;
	uint64_t x = 0;
	for (int shift = 0; q < end && shift < 64; shift += 7) {
		unsigned char c = *q++;
		x |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80)) {
			*v = x;
			*p = q;
			return true;
		}
	}
	return false;
}

#endif
