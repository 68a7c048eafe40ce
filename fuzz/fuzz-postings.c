/*
 * fuzz-postings.c: any bytes as a posting list of the full-text index, as
 * a damaged database would hand it over: the first two bytes say where
 * the positions start, the rest is the list. Opening, walking (next and seek,
 * as the bytes say), decoding and following positions must each succeed
 * or report damage (-EBADMSG), never read out of bounds.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/postings.h"

static void walk(const struct zc_plist *l, const uint8_t *steps, size_t nsteps)
{
	struct zc_pcursor c;
	uint32_t cand_t[64], cand_b[64];
	zc_pcursor_init(&c, l);
	for (size_t i = 0; i < nsteps; i++) {
		int r = steps[i] & 1 ? zc_pcursor_seek(&c, c.ord + steps[i]) : zc_pcursor_next(&c);
		if (r != 1) {
			if (r != 0 && r != -EBADMSG)
				abort();
			return;
		}
		if (!l->pos)
			continue;
		r = 0;
		if (steps[i] & 2) {
			uint32_t nt = 0, nb = 0;
			for (uint32_t k = 0; k < 64; k++)
				cand_t[nt++] = k * 3, cand_b[nb++] = k * 5;
			r = zc_pcursor_follow(&c, steps[i] >> 4, cand_t, &nt, cand_b, &nb);
		} else if ((steps[i] & 4) && (uint64_t)c.ntitle + c.nbody > l->pos_len) {
			r = -EBADMSG; /* as a caller sizing its arrays finds (a list without positions, damaged) */
		} else if (steps[i] & 4) {
			uint32_t *t = malloc(((size_t)c.ntitle + 1) * sizeof(*t)), *b = malloc(((size_t)c.nbody + 1) * sizeof(*b));
			r = t && b ? zc_pcursor_positions(&c, t, b) : 0;
			free(t);
			free(b);
		}
		if (r != 0 && r != -EBADMSG)
			abort();
		if (r)
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	size_t rest = size - 2, split = ((size_t)data[0] | (size_t)data[1] << 8) % (rest + 1);
	const uint8_t *blob = data + 2;
	struct zc_plist l;
	if (zc_plist_open(&l, blob, split) != 0)
		return 0;
	static const uint8_t steps[] = {0, 0, 1, 2, 4, 0, 7, 6, 3, 255, 4, 0, 0, 2, 9, 0, 4};
	walk(&l, steps, sizeof(steps)); /* without positions */
	if (zc_plist_positions(&l, blob + split, rest - split) == 0)
		walk(&l, steps, sizeof(steps));
	return 0;
}
